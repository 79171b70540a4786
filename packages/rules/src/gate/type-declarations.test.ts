import { InputError } from '../dialects/errors';
import { classifyChange } from './classify';
import type { ResourceChange } from './changes';
import {
  FIXTURES,
  blockedOf,
  changeSet,
  gateOf,
  planOf,
  pulumiPreview,
  pulumiStep,
  pulumiUrn,
  terraformPlan,
  tfChange,
} from './testing';
import { runGate } from './read-plan';
import { declarationOf, MAXIMUM_DECLARATIONS, parseTypeDeclarations } from './type-declarations';
import * as fs from 'fs';

const declarations = parseTypeDeclarations(
  {
    stateful: { kubernetes_persistent_volume_claim: 'its volume is deleted with it (reclaim policy Delete)' },
    stateless: {
      'kubernetes_*': 'our workloads keep data only in cloud disks, judged on their own',
      'acme:app:Widget': 'a widget of our own provider; configuration only',
      aws_mystery_vault: 'a test double, not a vault',
    },
  },
  '/repo/types.json',
  'types.json',
);

describe('a type nothing decides asks for a decision', () => {
  test.each([
    ['kubernetes_manifest', 'registry.terraform.io/hashicorp/kubernetes'],
    ['azurerm_frobnicator', 'registry.terraform.io/hashicorp/azurerm'],
    ['google_frobnicator', 'registry.terraform.io/hashicorp/google-beta'],
    ['mongodbatlas_project', 'registry.terraform.io/mongodb/mongodbatlas'],
  ])('a Terraform delete of %s is blocked, saying how to decide', (type, provider) => {
    const report = gateOf(terraformPlan([tfChange(type, 'x', ['delete'], {}, null, { provider_name: provider })]));
    expect(report.blocked).toHaveLength(1);
    expect(report.blocked[0].data).toBe('undecided');
    expect(report.blocked[0].approvalAction).toBe('delete');
    expect(report.blocked[0].reasons[0]).toBe(
      `Deadbolt does not know whether ${type} holds data: decide with --stateful-types.`,
    );
  });

  test('a replacement asks too, with the tool’s reason; a create or an update does not', () => {
    const report = gateOf(
      terraformPlan([
        tfChange('helm_release', 'db', ['delete', 'create'], {}, {}, { change: { replace_paths: [['spec']] } }),
        tfChange('kubernetes_service', 'svc', ['create'], null, {}),
        tfChange('kubernetes_config_map', 'cfg', ['update'], {}, {}),
      ]),
    );
    expect(blockedOf(report)).toEqual(['helm_release.db']);
    expect(report.blocked[0].reasons[0]).toMatch(
      /decide with --stateful-types \(changing `spec` forces replacement\)\.$/,
    );
  });

  test('a Pulumi delete of an unknown provider’s resource asks; one kept by retainOnDelete does not', () => {
    const report = gateOf(
      pulumiPreview([
        pulumiStep('delete', 'kubernetes:helm.sh/v3:Release', 'web', {}),
        pulumiStep('delete', 'kubernetes:core/v1:PersistentVolumeClaim', 'kept', { retainOnDelete: true }),
      ]),
    );
    expect(blockedOf(report)).toEqual([pulumiUrn('kubernetes:helm.sh/v3:Release', 'web')]);
    expect(report.allowed.find((d) => d.change.address.endsWith('::kept'))?.note).toMatch(/kept/);
  });

  test('a change set removing an AWS:: type the specification does not know asks; a custom resource does not', () => {
    const report = gateOf(
      changeSet([
        {
          Action: 'Remove',
          LogicalResourceId: 'New',
          ResourceType: 'AWS::Frobnicator::Widget',
          PolicyAction: 'Delete',
        },
        {
          Action: 'Remove',
          LogicalResourceId: 'Hook',
          ResourceType: 'Custom::S3AutoDeleteObjects',
          PolicyAction: 'Delete',
        },
        { Action: 'Remove', LogicalResourceId: 'Role', ResourceType: 'AWS::IAM::Policy', PolicyAction: 'Delete' },
      ]),
    );
    expect(report.blocked.map((b) => [b.change.address, b.data])).toEqual([['New', 'undecided']]);
  });

  test('the providers that hold no data pass: random, null, time, tls, local, Pulumi providers and components', () => {
    const report = gateOf(
      terraformPlan([
        tfChange('random_password', 'pw', ['delete', 'create'], {}, {}),
        tfChange('null_resource', 'run', ['delete', 'create'], {}, {}),
        tfChange('terraform_data', 'v', ['delete'], {}, null),
        tfChange('time_sleep', 'wait', ['delete'], {}, null),
        tfChange('tls_private_key', 'k', ['delete'], {}, null),
        tfChange('local_file', 'f', ['delete'], {}, null),
      ]),
    );
    expect(report.blocked).toEqual([]);
    const pulumi = gateOf(
      pulumiPreview([
        pulumiStep('delete', 'random:index/randomPet:RandomPet', 'pet', {}),
        pulumiStep('delete', 'acme:app:Service', 'svc', { custom: false }),
        pulumiStep('delete', 'pulumi:providers:kubernetes', 'k8s', {}),
      ]),
    );
    expect(pulumi.blocked).toEqual([]);
  });

  test('azurerm_mssql_server is blocked in Terraform as azure-native:sql:Server is in Pulumi', () => {
    const tf = gateOf(terraformPlan([tfChange('azurerm_mssql_server', 'main', ['delete'], {}, null)]));
    const pulumi = gateOf(
      pulumiPreview([
        pulumiStep('delete', 'azure:mssql/server:Server', 'classic', {}),
        pulumiStep('delete', 'azure-native:sql:Server', 'native', {}),
        pulumiStep('delete', 'gcp:filestore/instance:Instance', 'files', {}),
      ]),
    );
    expect(tf.blocked.map((b) => b.data)).toEqual(['stateful']);
    expect(pulumi.blocked.map((b) => b.data)).toEqual(['stateful', 'stateful', 'stateful']);
  });

  test('the gate fixtures and examples block no change as undecided: everyday plans do not start asking', () => {
    const undecided: string[] = [];
    let blocked = 0;
    for (const f of fs.readdirSync(FIXTURES).filter((n) => !/errored|^template-/.test(n))) {
      const report = runGate(planOf(f.replace(/\.json$/, '')));
      blocked += report.blocked.length;
      undecided.push(...report.blocked.filter((b) => b.data === 'undecided').map((b) => `${f} ${b.change.address}`));
    }
    expect(undecided).toEqual([]);
    expect(blocked).toBeGreaterThan(0);
  });
});

describe('--stateful-types: the user decides', () => {
  const change = (providerType: string, action: ResourceChange['action'] = 'delete'): ResourceChange => ({
    address: `${providerType}.x`,
    providerType,
    action,
    nativeAction: action,
    source: 'terraform-plan',
    dialect: 'terraform',
  });

  test('a type declared stateless is let through, and the report says so', () => {
    const d = classifyChange(change('kubernetes_manifest'), undefined, declarations);
    expect(d.verdict).toBe('allow');
    expect(d.note).toBe(
      'Declared stateless in types.json: our workloads keep data only in cloud disks, judged on their own; let through.',
    );
    expect(classifyChange(change('kubernetes_manifest', 'create'), undefined, declarations).note).toBeUndefined();
  });

  test('a type declared stateful is blocked, naming the declaration; the exact name beats a prefix', () => {
    const d = classifyChange(change('kubernetes_persistent_volume_claim'), undefined, declarations);
    expect(d.verdict).toBe('block');
    expect(d.data).toBe('stateful');
    expect(d.reasons[0]).toBe(
      'Declared stateful in types.json: its volume is deleted with it (reclaim policy Delete). Terraform destroys it and the data in it.',
    );
  });

  test('a stateless declaration decides a type guessed from a word in its name', () => {
    expect(classifyChange(change('aws_mystery_vault'), undefined, declarations).verdict).toBe('allow');
    expect(classifyChange(change('aws_mystery_vault')).verdict).toBe('block');
  });

  test('a stateless prefix does not reach a type the catalogue decides', () => {
    const wide = parseTypeDeclarations({ stateless: { 'aws_*': 'everything of ours is disposable' } }, 't.json');
    const db: ResourceChange = { ...change('aws_db_instance'), type: 'AWS::RDS::DBInstance' };
    expect(classifyChange(db, undefined, wide).verdict).toBe('block');
    expect(classifyChange(change('aws_frobnicator_widget'), undefined, wide).verdict).toBe('allow');
  });

  test('runGate takes the declarations', () => {
    const report = gateOf(terraformPlan([tfChange('kubernetes_manifest', 'web', ['delete'], {}, null)]), {
      types: declarations,
    });
    expect(report.blocked).toEqual([]);
    expect(report.allowed[0].note).toMatch(/^Declared stateless in types\.json/);
  });

  test('declarationOf: exact name first, then the longest prefix', () => {
    const d = parseTypeDeclarations(
      { stateful: { 'kubernetes_persistent_*': 'claims and volumes' }, stateless: { 'kubernetes_*': 'the rest' } },
      't.json',
    );
    expect(declarationOf(d, 'kubernetes_persistent_volume')?.kind).toBe('stateful');
    expect(declarationOf(d, 'kubernetes_service')?.kind).toBe('stateless');
    expect(declarationOf(d, 'helm_release')).toBeUndefined();
  });

  test.each([
    ['not an object', [], /must be an object/],
    ['an unknown key', { stateful: { a_b: 'why' }, statefull: {} }, /has `statefull`/],
    ['a list instead of a map', { stateful: ['a_b'] }, /must be an object of type names to reasons/],
    ['no reason', { stateless: { random_pet: '' } }, /has no reason/],
    ['a placeholder reason', { stateless: { random_pet: 'TODO' } }, /has no reason/],
    ['a bare star', { stateless: { '*': 'everything' } }, /not a resource type/],
    ['a star inside', { stateless: { 'a*b': 'why' } }, /not a resource type/],
    ['nothing declared', {}, /declares no type/],
    ['both ways', { stateful: { a_b: 'why' }, stateless: { a_b: 'why not' } }, /declared both stateful and stateless/],
    [
      'a known data store declared stateless',
      { stateless: { azurerm_mssql_server: 'dev only' } },
      /Deadbolt knows it holds data \(an Azure SQL logical server/,
    ],
    ['an AWS data store declared stateless', { stateless: { aws_db_instance: 'dev only' } }, /AWS::RDS::DBInstance/],
    [
      'too many',
      { stateless: Object.fromEntries(Array.from({ length: MAXIMUM_DECLARATIONS + 1 }, (_, i) => [`t_${i}`, 'why'])) },
      /at most 2000/,
    ],
  ])('refuses %s', (_name, doc, message) => {
    expect(() => parseTypeDeclarations(doc, 'types.json')).toThrow(InputError);
    expect(() => parseTypeDeclarations(doc, 'types.json')).toThrow(message);
  });
});
