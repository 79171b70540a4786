import { InputError } from '../dialects/errors';
import { PULUMI_UNKNOWN, readPulumiPreview, typeFromUrn } from './pulumi-preview';
import { runGate } from './read-plan';
import { blockedOf, gateOf, planOf, pulumiPreview, pulumiStep, pulumiUrn } from './testing';

const DB_TYPE = 'aws:rds/instance:Instance';
const DB_INPUTS = {
  identifier: 'orders',
  deletionProtection: true,
  skipFinalSnapshot: false,
  instanceClass: 'db.t4g.small',
};

describe('readPulumiPreview: fixtures from `pulumi preview --json`', () => {
  test('a replace, a delete, a protect turned off and PITR turned off block; the rest passes', () => {
    const report = runGate(planOf('pulumi-preview'));
    expect(blockedOf(report)).toEqual([
      pulumiUrnOf('aws:rds/instance:Instance', 'orders-db'),
      pulumiUrnOf('aws:dynamodb/table:Table', 'sessions'),
      pulumiUrnOf('aws:s3/bucketV2:BucketV2', 'invoices'),
      pulumiUrnOf('aws:dynamodb/table:Table', 'carts'),
    ]);
    expect(report.blocked.map((b) => b.approvalAction)).toEqual(['replace', 'delete', 'protect-off', 'update']);
    expect(report.blocked[0].reasons[0]).toBe(
      'Pulumi replaces it: a new, empty one takes its place and the old one is deleted with its data (changing `identifier` forces replacement).',
    );
    expect(report.blocked[2].reasons[0]).toMatch(/^`protect` goes from true to false/);
    expect(report.blocked[3].reasons[0]).toMatch(/^`pointInTimeRecovery\.enabled` changes from true to false/);
    expect(report.blocked[0].change).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      identity: 'orders-prod',
      dialect: 'pulumi',
    });
  });

  test('a safe preview passes, reporting the bucket kept by retainOnDelete', () => {
    const report = runGate(planOf('pulumi-preview-safe'));
    expect(report.blocked).toEqual([]);
    const kept = report.allowed.find((d) => d.change.address.endsWith('::scratch'))!;
    expect(kept.note).toMatch(/kept \(`retainOnDelete: true`\)/);
    const vpc = report.allowed.find((d) => d.change.providerType === 'awsx:ec2:Vpc')!;
    expect(vpc.change.container).toMatch(/component/);
  });

  test('--show-replacement-steps: create-replacement, replace and delete-replaced are one blocked replacement', () => {
    const report = runGate(planOf('pulumi-preview-replacement-steps'));
    expect(report.blocked).toHaveLength(1);
    expect(report.blocked[0].change.nativeAction).toBe('create-replacement, replace, delete-replaced');
    expect(report.blocked[0].approvalAction).toBe('replace');
  });

  test('a preview that reported an error is unreadable', () => {
    expect(() => planOf('pulumi-preview-errored')).toThrow(/reported an error \(unable to validate AWS credentials/);
  });
});

function pulumiUrnOf(type: string, name: string): string {
  return `urn:pulumi:prod::orders::pulumi:pulumi:Stack$${type}::${name}`;
}

describe('readPulumiPreview: steps', () => {
  test.each([
    ['same', 'no-op', false],
    ['create', 'create', false],
    ['update', 'update', false],
    ['delete', 'delete', true],
    ['replace', 'replace', true],
    ['create-replacement', 'replace', true],
    ['delete-replaced', 'replace', true],
    ['import', 'create', false],
    ['import-replacement', 'replace', true],
    ['read', 'read', false],
    ['refresh', 'read', false],
    ['discard', 'forget', false],
    ['discard-replaced', 'forget', false],
    ['remove-pending-replace', 'forget', false],
  ])('op %s on a database is %s (blocked: %s)', (op, action, blocked) => {
    const report = gateOf(pulumiPreview([pulumiStep(op, DB_TYPE, 'db', { inputs: DB_INPUTS }, { inputs: DB_INPUTS })]));
    expect(report.plan.changes[0].action).toBe(action);
    expect(report.blocked.length === 1).toBe(blocked);
  });

  test('a plain `replace` step (no --show-replacement-steps, no states) blocks', () => {
    const report = gateOf(pulumiPreview([{ op: 'replace', urn: pulumiUrn(DB_TYPE, 'db'), detailedDiff: null }]));
    expect(report.blocked[0].change.type).toBe('AWS::RDS::DBInstance');
    expect(report.blocked[0].reasons[0]).toMatch(/shown as one `replace` step/);
  });

  test('an update that turns protect off blocks as protect-off even on a stateless resource', () => {
    const step = pulumiStep(
      'update',
      'aws:lambda/function:Function',
      'fn',
      { protect: true, inputs: { memorySize: 128 } },
      { inputs: { memorySize: 256 } },
    );
    expect(gateOf(pulumiPreview([step])).blocked[0].approvalAction).toBe('protect-off');
  });

  test('a same step that keeps protect passes; one that turns retainOnDelete off on a database blocks', () => {
    expect(
      gateOf(pulumiPreview([pulumiStep('same', DB_TYPE, 'db', { protect: true }, { protect: true })])).blocked,
    ).toEqual([]);
    const [b] = gateOf(pulumiPreview([pulumiStep('same', DB_TYPE, 'db', { retainOnDelete: true }, {})])).blocked;
    expect(b.reasons[0]).toMatch(/`retainOnDelete` goes from true to false/);
  });

  test('a delete with retainOnDelete passes; a replace with it still blocks', () => {
    expect(gateOf(pulumiPreview([pulumiStep('delete', DB_TYPE, 'db', { retainOnDelete: true })])).blocked).toEqual([]);
    const [b] = gateOf(pulumiPreview([pulumiStep('replace', DB_TYPE, 'db', { retainOnDelete: true }, {})])).blocked;
    expect(b.reasons[0]).toMatch(/leaves the old one and its data unmanaged/);
  });

  test('a protective input known only after the update blocks', () => {
    const step = pulumiStep(
      'update',
      DB_TYPE,
      'db',
      { inputs: DB_INPUTS },
      { inputs: { ...DB_INPUTS, deletionProtection: PULUMI_UNKNOWN } },
    );
    expect(gateOf(pulumiPreview([step])).blocked[0].reasons[0]).toMatch(
      /`deletionProtection` changes from true to \(known after update\)/,
    );
  });

  test('aws-native tokens map through the CloudFormation name', () => {
    const step = pulumiStep('delete', 'aws-native:rds:DbInstance', 'db', { inputs: {} });
    expect(gateOf(pulumiPreview([step])).blocked[0].change.type).toBe('AWS::RDS::DBInstance');
  });

  test('a component resource and the stack pass on delete; an unknown data-store type blocks', () => {
    const steps = [
      pulumiStep('delete', 'acme:db:Database', 'db', { custom: false }),
      pulumiStep('delete', 'pulumi:pulumi:Stack', 'app-prod', { custom: false }),
      pulumiStep('delete', 'gcp:sql/databaseInstance:DatabaseInstance', 'pg', {}),
    ];
    expect(blockedOf(gateOf(pulumiPreview(steps)))).toEqual([
      pulumiUrn('gcp:sql/databaseInstance:DatabaseInstance', 'pg'),
    ]);
  });

  test('typeFromUrn reads the last type of the chain', () => {
    expect(typeFromUrn('urn:pulumi:prod::app::acme:x:Parent$aws:s3/bucketV2:BucketV2::b')).toBe(
      'aws:s3/bucketV2:BucketV2',
    );
    expect(typeFromUrn('not-a-urn')).toBeUndefined();
  });
});

describe('readPulumiPreview: unreadable previews', () => {
  test.each([
    [
      'an unknown op',
      pulumiPreview([pulumiStep('teleport', DB_TYPE, 'db', {})]),
      /op `teleport`, which Deadbolt does not know/,
    ],
    ['a step without urn', pulumiPreview([{ op: 'delete' }]), /has no `urn`/],
    ['steps not a list', { steps: {}, changeSummary: {} }, /`steps` is not a list/],
    [
      'a summary with changes but no steps',
      { changeSummary: { delete: 2, same: 3 } },
      /counts changes \(delete: 2\) but lists no `steps`/,
    ],
    [
      'an error diagnostic',
      { steps: [], diagnostics: [{ severity: 'error', message: 'boom' }] },
      /reported an error \(boom\)/,
    ],
  ])('%s', (_name, doc, message) => {
    expect(() => readPulumiPreview(doc)).toThrow(InputError);
    expect(() => readPulumiPreview(doc)).toThrow(message);
  });

  test('a preview with no changes (no steps, a summary of `same`) passes', () => {
    expect(readPulumiPreview({ changeSummary: { same: 4 } }).changes).toEqual([]);
  });
});
