import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { StackDocument } from '../model';
import { evaluate } from '../evaluate';
import { ruleById } from '../rules';
import { loadCloudAssembly, loadTemplateDocuments, readCloudAssembly, readTemplateDocuments } from './cloud-assembly';
import { InputError } from './errors';

const tableProps = {
  keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
  attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
  billingMode: 'PAY_PER_REQUEST',
};
const dbProps = { dbInstanceClass: 'db.t3.micro', engine: 'postgres', allocatedStorage: '20' };

/**
 * GIVEN an app with a protected stack holding a NestedStack, an
 * environment-agnostic stack, and a Stage whose stack holds a NestedStack.
 * `context` is what the CDK CLI would add (path and asset metadata); a bare
 * `new App()` adds neither.
 */
function synthApp(outdir: string, context: Record<string, unknown> = {}): void {
  const app = new App({ outdir, context, builtinCloudFormationValidation: false });
  const top = new Stack(app, 'Top', {
    env: { account: '111111111111', region: 'us-east-1' },
    terminationProtection: true,
    tags: { team: 'data' },
  });
  const db = new CfnDBInstance(top, 'Db', dbProps);
  Validations.of(db).acknowledge({
    id: 'deadbolt::rds-deletion-protection',
    reason: 'Scratch database, rebuilt nightly.',
  });
  Validations.of(top).acknowledge({ id: 'deadbolt::general-deletion-policy', reason: 'Every table here is a cache.' });
  const inner = new NestedStack(top, 'Inner');
  new CfnTable(inner, 'Table', tableProps);
  const agnostic = new Stack(app, 'Agnostic');
  new CfnTable(agnostic, 'Table', tableProps);
  const stage = new Stage(app, 'Prod', { env: { account: '222222222222', region: 'eu-west-1' } });
  const data = new Stack(stage, 'Data', { stackName: 'prod-data' });
  new CfnDBInstance(data, 'Db', dbProps);
  const deep = new NestedStack(data, 'Deep');
  new CfnDBCluster(deep, 'Cluster', { engine: 'aurora-postgresql' });
  app.synth();
}

let tmp: string;
let plain: string;
let withMetadata: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-assembly-'));
  plain = path.join(tmp, 'plain');
  withMetadata = path.join(tmp, 'cli');
  synthApp(plain);
  synthApp(withMetadata, { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function byName(docs: readonly StackDocument[], name: string): StackDocument {
  const doc = docs.find((d) => d.name === name);
  if (!doc) throw new Error(`no document ${name} among ${docs.map((d) => d.name).join(', ')}`);
  return doc;
}

/** A copy of the plain assembly that a test may break. */
function copyOfPlain(): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'copy-'));
  fs.cpSync(plain, dir, { recursive: true });
  return dir;
}

describe.each([
  ['a bare `new App()`', () => plain],
  ['the CDK CLI context (path and asset metadata)', () => withMetadata],
])('readCloudAssembly: %s', (_title, dir) => {
  test('reads every stack, stage stack and nested stack', () => {
    const docs = readCloudAssembly(dir());
    expect(docs.map((d) => d.name).sort()).toEqual(['Agnostic', 'Prod/Data/Deep', 'Top', 'Top/Inner', 'prod-data']);
  });

  test('takes environment, termination protection and tags from the manifest', () => {
    const docs = readCloudAssembly(dir());
    const top = byName(docs, 'Top');
    expect(top).toMatchObject({
      account: '111111111111',
      region: 'us-east-1',
      terminationProtection: true,
      tags: { team: 'data' },
    });
    expect(top.templatePath).toBe(path.join(dir(), 'Top.template.json'));
    expect(byName(docs, 'prod-data')).toMatchObject({
      account: '222222222222',
      region: 'eu-west-1',
      terminationProtection: false,
    });
    expect(byName(docs, 'prod-data').templatePath).toMatch(/assembly-Prod/);
  });

  test('leaves the environment of an environment-agnostic stack unknown', () => {
    const agnostic = byName(readCloudAssembly(dir()), 'Agnostic');
    expect(agnostic.account).toBeUndefined();
    expect(agnostic.region).toBeUndefined();
  });

  test('applies `account`/`region` options only to stacks without an environment', () => {
    const docs = readCloudAssembly(dir(), { account: '333333333333', region: 'ap-southeast-2' });
    expect(byName(docs, 'Agnostic')).toMatchObject({ account: '333333333333', region: 'ap-southeast-2' });
    expect(byName(docs, 'Top').account).toBe('111111111111');
  });

  test('nested stacks have their parent, and inherit its account, region, termination protection and tags', () => {
    const docs = readCloudAssembly(dir());
    const inner = byName(docs, 'Top/Inner');
    expect(inner.parent?.document).toBe(byName(docs, 'Top'));
    expect(inner.parent?.logicalId).toMatch(/^InnerNestedStackInnerNestedStackResource/);
    expect(inner).toMatchObject({
      account: '111111111111',
      region: 'us-east-1',
      terminationProtection: true,
      tags: { team: 'data' },
    });
    expect(inner.templatePath).toMatch(/\.nested\.template\.json$/);
    const deep = byName(docs, 'Prod/Data/Deep');
    expect(deep.parent?.document).toBe(byName(docs, 'prod-data'));
    expect(deep).toMatchObject({ account: '222222222222', region: 'eu-west-1' });
  });

  test('gives resources their construct paths', () => {
    const docs = readCloudAssembly(dir());
    expect(byName(docs, 'Top').resources.get('Db')?.location.path).toBe('Top/Db');
    expect(byName(docs, 'Top/Inner').resources.get('Table')?.location.path).toBe('Top/Inner/Table');
    expect(byName(docs, 'Prod/Data/Deep').resources.get('Cluster')?.location.path).toBe('Prod/Data/Deep/Cluster');
  });

  test('findings in stage and nested stacks carry construct paths; CDK acknowledgements are honoured', () => {
    const assembly = loadCloudAssembly(dir());
    const rule = ruleById('rds-deletion-protection')!;
    const { findings } = evaluate(
      { documents: assembly.documents },
      { rules: [rule], acknowledgements: assembly.acknowledgements },
    );
    const byPath = Object.fromEntries(findings.map((f) => [f.resource.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['Prod/Data/Db', 'Prod/Data/Deep/Cluster', 'Top/Db']);
    expect(byPath['Prod/Data/Deep/Cluster'].severity).toBe('error');
    expect(byPath['Top/Db'].severity).toBe('info');
    expect(byPath['Top/Db'].acknowledged).toMatchObject({
      reason: 'Scratch database, rebuilt nightly.',
      source: 'Top/Db',
    });
    expect(assembly.notices).toEqual([]);
  });

  test('an acknowledgement on a stack covers its resources, its nested stacks, and the stack itself', () => {
    const { documents, acknowledgements } = loadCloudAssembly(dir());
    const inner = byName(documents, 'Top/Inner');
    const expected = [{ ruleId: 'general-deletion-policy', reason: 'Every table here is a cache.', source: 'Top' }];
    expect(acknowledgements('general-deletion-policy', { document: byName(documents, 'Top') })).toEqual(expected);
    expect(
      acknowledgements('general-deletion-policy', { document: inner, resource: inner.resources.get('Table') }),
    ).toEqual(expected);
    expect(
      acknowledgements('rds-deletion-protection', { document: inner, resource: inner.resources.get('Table') }),
    ).toEqual([]);
    expect(acknowledgements('general-deletion-policy', { document: byName(documents, 'prod-data') })).toEqual([]);
  });

  test('documents are named by construct path (their id) and stack name', () => {
    const docs = readCloudAssembly(dir());
    expect(docs.map((d) => d.id).sort()).toEqual(['Agnostic', 'Prod/Data', 'Prod/Data/Deep', 'Top', 'Top/Inner']);
  });

  test('readTemplateDocuments finds the nested stacks of top-level templates', () => {
    const top = path.join(dir(), 'Top.template.json');
    const stage = readCloudAssembly(dir()).find((d) => d.name === 'prod-data')!.templatePath!;
    const docs = readTemplateDocuments([top, stage]);
    expect(docs.map((d) => d.name).sort()).toEqual(['Prod/Data/Deep', 'Top', 'Top/Inner', 'prod-data']);
    expect(byName(docs, 'Top/Inner').parent?.document).toBe(byName(docs, 'Top'));
    expect(byName(docs, 'Top').account).toBe('111111111111');
  });
});

describe('readTemplateDocuments without a manifest', () => {
  test('reads templates and nested stacks; the environment is the options', () => {
    const dir = copyOfPlain();
    fs.rmSync(path.join(dir, 'manifest.json'));
    const { documents, acknowledgements } = loadTemplateDocuments([path.join(dir, 'Top.template.json')], {
      account: '444444444444',
    });
    expect(documents).toHaveLength(2);
    expect(documents[0]).toMatchObject({ account: '444444444444', terminationProtection: undefined });
    expect(documents[1].parent?.document).toBe(documents[0]);
    expect(acknowledgements('rds-deletion-protection', { document: documents[0] })).toEqual([]);
  });
});

describe('readCloudAssembly: unreadable input is an InputError', () => {
  function expectInputError(fn: () => unknown, pattern: RegExp): void {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(pattern);
  }

  test('a directory without a manifest', () => {
    expectInputError(() => readCloudAssembly(tmp), /manifest\.json: the cloud assembly manifest does not exist/);
  });

  test('a truncated manifest', () => {
    const dir = copyOfPlain();
    const file = path.join(dir, 'manifest.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 200));
    expectInputError(() => readCloudAssembly(dir), /manifest\.json: the cloud assembly manifest is not valid JSON/);
  });

  test('a manifest that is not an object', () => {
    const dir = copyOfPlain();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '[]');
    expectInputError(() => readCloudAssembly(dir), /is not a JSON object/);
  });

  test('a missing stack template', () => {
    const dir = copyOfPlain();
    fs.rmSync(path.join(dir, 'Agnostic.template.json'));
    expectInputError(
      () => readCloudAssembly(dir),
      /Agnostic\.template\.json: the template of stack `Agnostic` does not exist/,
    );
  });

  test('a malformed stage template', () => {
    const dir = copyOfPlain();
    const stageDir = path.join(dir, 'assembly-Prod');
    const file = fs.readdirSync(stageDir).find((f) => f.endsWith('.template.json') && !f.includes('nested'))!;
    fs.writeFileSync(path.join(stageDir, file), '{"Resources": ');
    expectInputError(() => readCloudAssembly(dir), /is not valid JSON/);
  });

  test('a template without Resources', () => {
    const dir = copyOfPlain();
    fs.writeFileSync(path.join(dir, 'Agnostic.template.json'), '{"Outputs": {}}');
    expectInputError(() => readCloudAssembly(dir), /no `Resources` section/);
  });

  test('a missing nested stack template', () => {
    const dir = copyOfPlain();
    const nested = fs.readdirSync(dir).find((f) => f.endsWith('.nested.template.json'))!;
    fs.rmSync(path.join(dir, nested));
    expectInputError(
      () => readCloudAssembly(dir),
      /nested stack `InnerNestedStack\w+` deploys asset `.*`, which is not in the assembly/,
    );
  });

  test('`aws:asset:path` naming a file that is not there', () => {
    const dir = copyOfPlain();
    const file = path.join(dir, 'Top.template.json');
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    const id = Object.keys(template.Resources).find(
      (k) => template.Resources[k].Type === 'AWS::CloudFormation::Stack',
    )!;
    template.Resources[id].Metadata = { 'aws:asset:path': 'Gone.nested.template.json' };
    fs.writeFileSync(file, JSON.stringify(template));
    expectInputError(() => readCloudAssembly(dir), /names template `Gone\.nested\.template\.json`/);
  });

  test('a nested assembly that points back at its parent', () => {
    const dir = copyOfPlain();
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    manifest.artifacts.Loop = { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } };
    fs.writeFileSync(file, JSON.stringify(manifest));
    expectInputError(() => readCloudAssembly(dir), /nests itself/);
  });

  test('a stack artifact without a template file', () => {
    const dir = copyOfPlain();
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete manifest.artifacts.Top.properties.templateFile;
    fs.writeFileSync(file, JSON.stringify(manifest));
    expectInputError(() => readCloudAssembly(dir), /stack artifact `Top` has no `properties\.templateFile`/);
  });
});

test('a nested stack whose template is outside the assembly is reported as a notice, not skipped silently', () => {
  const dir = copyOfPlain();
  const file = path.join(dir, 'Agnostic.template.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  template.Resources.External = {
    Type: 'AWS::CloudFormation::Stack',
    Properties: { TemplateURL: 'https://example.com/other.json' },
  };
  fs.writeFileSync(file, JSON.stringify(template));
  const { documents, notices } = loadCloudAssembly(dir);
  expect(documents).toHaveLength(5);
  expect(notices).toEqual([
    expect.stringMatching(/nested stack `External` deploys a template that is not in the assembly .*not checked/),
  ]);
});

describe('readCloudAssembly: an empty CDK stack', () => {
  test('a stack whose template has only the bootstrap parameter and rule is an empty stack, not an error', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-empty-'));
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    new Stack(app, 'Empty');
    app.synth();
    const docs = readCloudAssembly(outdir);
    expect(docs.map((d) => [d.name, d.resources.size])).toEqual([['Empty', 0]]);
  });
});

describe('loadCloudAssembly: the expiry and reason of CDK acknowledgements', () => {
  /** GIVEN databases acknowledged as `Validations.of(...).acknowledge` and @deadbolt/cdk's expiry metadata record them. */
  function acknowledgementsOf(record: (db: CfnDBInstance) => void) {
    const outdir = fs.mkdtempSync(path.join(tmp, 'acks-'));
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Data');
    const db = new CfnDBInstance(stack, 'Db', dbProps);
    record(db);
    app.synth();
    const assembly = loadCloudAssembly(outdir);
    const doc = assembly.documents[0];
    const target = { document: doc, resource: doc.resources.get(stack.getLogicalId(db)) };
    const { findings } = evaluate(
      { documents: assembly.documents },
      { rules: [ruleById('rds-deletion-protection')!], acknowledgements: assembly.acknowledgements },
    );
    return { acks: assembly.acknowledgements('rds-deletion-protection', target), finding: findings[0] };
  }

  test('the expiry recorded beside the acknowledgement is attached to it; once past, the finding is an error', () => {
    const { acks, finding } = acknowledgementsOf((db) => {
      Validations.of(db).acknowledge({ id: 'deadbolt::rds-deletion-protection', reason: 'Until the migration.' });
      db.node.addMetadata('deadbolt:acknowledgement-expiry', { 'rds-deletion-protection': '2020-01-31' });
    });
    expect(acks).toEqual([
      { ruleId: 'rds-deletion-protection', reason: 'Until the migration.', expires: '2020-01-31', source: 'Data/Db' },
    ]);
    expect(finding).toMatchObject({
      severity: 'error',
      acknowledgementRefused: 'the acknowledgement of rds-deletion-protection expired on 2020-01-31.',
    });
  });

  test('an expiry that is not text is kept as written and refused as not a date', () => {
    const { finding } = acknowledgementsOf((db) => {
      Validations.of(db).acknowledge({ id: 'deadbolt::rds-deletion-protection', reason: 'Until the migration.' });
      db.node.addMetadata('deadbolt:acknowledgement-expiry', { 'rds-deletion-protection': 20200131 });
    });
    expect(finding).toMatchObject({ severity: 'error', acknowledgementRefused: expect.stringMatching(/not a date/) });
  });

  test('an expiry recorded on another construct does not apply', () => {
    const { acks } = acknowledgementsOf((db) => {
      Validations.of(db).acknowledge({ id: 'deadbolt::rds-deletion-protection', reason: 'Until the migration.' });
      db.node.scope!.node.addMetadata('deadbolt:acknowledgement-expiry', { 'rds-deletion-protection': '2020-01-31' });
    });
    expect(acks).toEqual([expect.not.objectContaining({ expires: expect.anything() })]);
  });

  test.each([
    ['empty', ''],
    ['a placeholder', '<why the risk is accepted>'],
    ['TODO', 'TODO'],
  ])('a reason that is %s is refused', (_name, reason) => {
    const { finding } = acknowledgementsOf((db) => {
      Validations.of(db).acknowledge({ id: 'deadbolt::rds-deletion-protection', reason });
    });
    expect(finding).toMatchObject({
      severity: 'error',
      acknowledgementRefused: expect.stringMatching(/has no reason/),
    });
  });

  test('a reason that cannot be read (not text) is refused', () => {
    const { finding } = acknowledgementsOf((db) => {
      db.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { 'deadbolt::rds-deletion-protection': 42 });
    });
    expect(finding).toMatchObject({
      severity: 'error',
      acknowledgementRefused: expect.stringMatching(/has no reason/),
    });
  });

  test('a rule id without `deadbolt::` (recorded by CDK as `Annotation::<rule>`) is refused, saying the form to write, as by the CDK checks and plugin', () => {
    const { finding } = acknowledgementsOf((db) => {
      Validations.of(db).acknowledge({ id: 'rds-deletion-protection', reason: 'A read replica.' });
    });
    expect(finding).toMatchObject({
      severity: 'error',
      acknowledgementRefused: expect.stringContaining(
        "write `{ id: 'deadbolt::rds-deletion-protection', reason: '…' }`",
      ),
    });
  });

  test('an acknowledgement of a rule the catalogue does not have is listed, with the closest id', () => {
    const outdir = fs.mkdtempSync(path.join(tmp, 'acks-'));
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Data');
    const db = new CfnDBInstance(stack, 'Db', dbProps);
    Validations.of(db).acknowledge({ id: 'deadbolt::rds-deletion-protectoin', reason: 'A read replica.' });
    // Another plugin's id is not Deadbolt's to judge.
    Validations.of(db).acknowledge({ id: 'CloudFormation-Validate::W9008', reason: 'Encrypted by the pipeline.' });
    app.synth();
    expect(loadCloudAssembly(outdir).unknownAcknowledgements).toEqual([
      'Data/Db: `deadbolt::rds-deletion-protectoin` names an unknown rule id "rds-deletion-protectoin"; did you mean `deadbolt::rds-deletion-protection`? (`npx deadbolt rules` lists them)',
    ]);
  });
});
