import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { BackupEnrolment, IsolatedBackupVault, SafeDatabase, type SafeDatabaseArgs } from '../../src';
import { runProgram, type ProgramRun, expectGuarded } from '../harness';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const GUARD = 'deadbolt-deletion-guard';
const INSTANCE = 'aws:rds/instance:Instance';
const CLUSTER = 'aws:rds/cluster:Cluster';
const MEMBER = 'aws:rds/clusterInstance:ClusterInstance';
const KEY = 'aws:kms/key:Key';
const SELECTION = 'aws:backup/selection:Selection';

const instanceArgs = { instanceClass: 'db.t4g.micro', engine: 'postgres', allocatedStorage: 20 };
const auroraArgs = {
  cluster: { engine: 'aurora-postgresql' as const },
  instances: [{ instanceClass: 'db.r6g.large' }, { instanceClass: 'db.r6g.large' }],
};

/** A vault and one database enrolled in it, with `args` on top. */
async function withVault(args: Partial<SafeDatabaseArgs>, options: { preview?: boolean } = {}): Promise<ProgramRun> {
  return runProgram(() => {
    const vault = new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL });
    new SafeDatabase('orders', {
      identifier: 'orders',
      backup: BackupEnrolment.inVault(vault),
      instance: instanceArgs,
      ...args,
    } as SafeDatabaseArgs);
  }, options);
}

/** Constructs a database that opted out, with `args` on top, outside any program: misuse throws before anything is registered. */
function construct(args: Partial<SafeDatabaseArgs>, opts?: pulumi.ComponentResourceOptions): () => SafeDatabase {
  return () =>
    new SafeDatabase(
      'orders',
      {
        identifier: 'orders',
        backup: BackupEnrolment.optOut('Rebuilt nightly from the event stream.'),
        instance: instanceArgs,
        ...args,
      } as SafeDatabaseArgs,
      opts,
    );
}

/** A database that opted out, with `args` on top. */
async function optedOut(args: Partial<SafeDatabaseArgs>, opts?: pulumi.ComponentResourceOptions): Promise<ProgramRun> {
  return runProgram(() => {
    new SafeDatabase(
      'orders',
      {
        identifier: 'orders',
        backup: BackupEnrolment.optOut('Rebuilt nightly from the event stream.'),
        instance: instanceArgs,
        ...args,
      } as SafeDatabaseArgs,
      opts,
    );
  });
}

describe('SafeDatabase: a standalone instance', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await withVault({});
    expect(run.error).toBeUndefined();
  });

  test('forces deletion protection, kept automated backups, 14-day retention and a final snapshot', () => {
    expect(run.get(INSTANCE, 'orders-db').inputs).toMatchObject({
      deletionProtection: true,
      deleteAutomatedBackups: false,
      backupRetentionPeriod: 14,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: 'orders-final',
      copyTagsToSnapshot: true,
      identifier: 'orders',
    });
  });

  test("passes the caller's other args through", () => {
    expect(run.get(INSTANCE, 'orders-db').inputs).toMatchObject(instanceArgs);
  });

  test('encrypts storage with a created customer managed key: 30-day window, rotation on, usable by the backup account', () => {
    const key = run.get(KEY, 'orders-key');
    expect(run.get(INSTANCE, 'orders-db').inputs).toMatchObject({
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:orders-key-1234567',
    });
    expect(key.inputs).toMatchObject({ deletionWindowInDays: 30, enableKeyRotation: true });
    const statements = JSON.parse(key.inputs.policy).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Sid: 'EnableAccountAdministration',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'kms:*',
        }),
        expect.objectContaining({
          Sid: 'AllowBackupAccountCopiesAccountsUse',
          Principal: { AWS: ['arn:aws:iam::222222222222:root'] },
        }),
        expect.objectContaining({
          Sid: 'AllowBackupAccountCopiesAccountsGrants',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        }),
        expect.objectContaining({
          Sid: 'DenyShortKeyDeletionWindow',
          Effect: 'Deny',
          Principal: '*',
          Action: 'kms:ScheduleKeyDeletion',
        }),
      ]),
    );
  });

  test('the database and its key are protected, retained and guarded by the deletion hook', () => {
    expectGuarded(run.get(INSTANCE, 'orders-db'), run.get(KEY, 'orders-key'));
    expect(run.hooks.has(GUARD)).toBe(true);
  });

  test('the database and its key carry deadbolt:protected=true', () => {
    expect(run.get(INSTANCE, 'orders-db').inputs.tags).toEqual({ 'deadbolt:protected': 'true' });
    expect(run.get(KEY, 'orders-key').inputs.tags).toEqual({ 'deadbolt:protected': 'true' });
  });

  test('the vault selects the database by its ARN output', () => {
    const selection = run.get(SELECTION, 'backups-selection-orders');
    expect(selection.inputs.resources).toEqual(['arn:aws:rds:us-east-1:111111111111:db:orders']);
    expect(selection.parent).toBe(run.get('deadbolt:backup:IsolatedBackupVault', 'backups').urn);
  });

  test('children are parented to the component', () => {
    const component = run.get('deadbolt:rds:SafeDatabase', 'orders');
    expect(run.get(INSTANCE, 'orders-db').parent).toBe(component.urn);
    expect(run.get(KEY, 'orders-key').parent).toBe(component.urn);
  });
});

describe('SafeDatabase: an Aurora cluster', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await withVault({ identifier: 'ledger', instance: undefined, aurora: auroraArgs });
    expect(run.error).toBeUndefined();
  });

  test("forces the cluster's protections", () => {
    expect(run.get(CLUSTER, 'orders-cluster').inputs).toMatchObject({
      clusterIdentifier: 'ledger',
      engine: 'aurora-postgresql',
      deletionProtection: true,
      deleteAutomatedBackups: false,
      backupRetentionPeriod: 14,
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:orders-key-1234567',
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: 'ledger-final',
      copyTagsToSnapshot: true,
      tags: { 'deadbolt:protected': 'true' },
    });
    expect(run.ofType(INSTANCE)).toHaveLength(0);
  });

  test("members join the cluster with fixed identifiers and the cluster's engine", () => {
    const members = run.ofType(MEMBER);
    expect(members.map((m) => m.name)).toEqual(['orders-instance-1', 'orders-instance-2']);
    expect(members.map((m) => m.inputs)).toEqual(
      [1, 2].map((n) =>
        expect.objectContaining({
          identifier: `ledger-${n}`,
          clusterIdentifier: 'orders-cluster-id',
          engine: 'aurora-postgresql',
          forceDestroy: false,
          instanceClass: 'db.r6g.large',
        }),
      ),
    );
  });

  test('the cluster, every member and the key are protected, retained and guarded', () => {
    expectGuarded(run.get(CLUSTER, 'orders-cluster'), ...run.ofType(MEMBER), run.get(KEY, 'orders-key'));
  });

  test('the vault selects the cluster by its ARN', () => {
    expect(run.get(SELECTION, 'backups-selection-orders').inputs.resources).toEqual([
      'arn:aws:rds:us-east-1:111111111111:db:ledger',
    ]);
  });
});

describe('SafeDatabase: backup enrolment', () => {
  test('an opt-out with a reason creates no selection and records the reason as a tag', async () => {
    const run = await optedOut({});
    expect(run.error).toBeUndefined();
    expect(run.ofType(SELECTION)).toHaveLength(0);
    expect(run.get(INSTANCE, 'orders-db').inputs.tags).toEqual({
      'deadbolt:protected': 'true',
      'deadbolt:backup-opt-out': 'Rebuilt nightly from the event stream.',
    });
    // Without a vault the key policy names its own account only, and still denies a short deletion window.
    expect(JSON.parse(run.get(KEY, 'orders-key').inputs.policy).Statement.map((st: { Sid: string }) => st.Sid)).toEqual(
      ['EnableAccountAdministration', 'DenyShortKeyDeletionWindow'],
    );
  });

  test('an opt-out without a reason is refused', () => {
    expect(() => BackupEnrolment.optOut('  ')).toThrow('`BackupEnrolment.optOut` needs a written `reason`');
  });

  test('a hand-built opt-out without a reason is refused', () => {
    expect(construct({ backup: { optOutReason: '' } as unknown as BackupEnrolment })).toThrow(
      'opts out of isolated backups without a reason',
    );
  });

  test('no backup choice is refused', () => {
    expect(construct({ backup: undefined })).toThrow(
      'deadbolt:rds:SafeDatabase `orders`: `backup` is required: pass `BackupEnrolment.inVault(vault)` or `BackupEnrolment.optOut(reason)`, got undefined.',
    );
  });
});

describe('SafeDatabase: pass-through args cannot weaken what it forces', () => {
  test.each([
    ['deletionProtection', false, 'forces it to true'],
    ['deleteAutomatedBackups', true, 'forces it to false'],
    ['skipFinalSnapshot', true, 'forces it to false'],
    ['storageEncrypted', false, 'forces it to true'],
    ['backupRetentionPeriod', 1, 'use `backupRetention` (7 to 35 days)'],
    ['kmsKeyId', 'alias/aws/rds', 'use `storageEncryptionKey`'],
    ['identifier', 'other', 'use `identifier`'],
  ])('instance.%s = %j is refused', (prop, value, hint) => {
    const make = construct({ instance: { ...instanceArgs, [prop]: value } });
    expect(make).toThrow(`\`instance.${prop}\` cannot be set (got ${JSON.stringify(value)}): SafeDatabase`);
    expect(make).toThrow(hint);
  });

  test('instance.blueGreenUpdate is refused, saying the old instance is deleted without a final snapshot', () => {
    const make = construct({ instance: { ...instanceArgs, blueGreenUpdate: { enabled: true } } as never });
    expect(make).toThrow(
      'deadbolt:rds:SafeDatabase `orders`: `instance.blueGreenUpdate` is refused (got {"enabled":true})',
    );
    expect(make).toThrow(
      /deletes the old instance with `SkipFinalSnapshot` true and without keeping its automated backups/,
    );
    expect(
      construct({ instance: { ...instanceArgs, blueGreenUpdate: pulumi.output({ enabled: true }) } as never }),
    ).toThrow('`instance.blueGreenUpdate` is refused (got an Output)');
  });

  test('an Output for a forced arg is refused too', () => {
    expect(construct({ instance: { ...instanceArgs, deletionProtection: pulumi.output(false) } as never })).toThrow(
      '`instance.deletionProtection` cannot be set (got an Output)',
    );
  });

  test('repeating a forced value is accepted', async () => {
    const run = await optedOut({
      instance: { ...instanceArgs, deletionProtection: true, deleteAutomatedBackups: false } as never,
    });
    expect(run.error).toBeUndefined();
    expect(run.get(INSTANCE, 'orders-db').inputs).toMatchObject({
      deletionProtection: true,
      deleteAutomatedBackups: false,
    });
  });

  test('aurora cluster and member args are checked the same way', () => {
    expect(
      construct({
        instance: undefined,
        aurora: { ...auroraArgs, cluster: { engine: 'aurora-postgresql', deletionProtection: false } as never },
      }),
    ).toThrow('`aurora.cluster.deletionProtection` cannot be set (got false)');
    expect(
      construct({
        instance: undefined,
        aurora: { ...auroraArgs, instances: [{ instanceClass: 'db.r6g.large', forceDestroy: true } as never] },
      }),
    ).toThrow('`aurora.instances[0].forceDestroy` cannot be set (got true)');
    expect(
      construct({
        instance: undefined,
        aurora: { ...auroraArgs, cluster: { engine: 'aurora-postgresql', skipFinalSnapshot: true } as never },
      }),
    ).toThrow('`aurora.cluster.skipFinalSnapshot` cannot be set (got true)');
  });

  test("the caller's tags are kept, and deadbolt:protected wins", async () => {
    const run = await optedOut({
      instance: { ...instanceArgs, tags: { team: 'orders', 'deadbolt:protected': 'false' } },
    });
    expect(run.get(INSTANCE, 'orders-db').inputs.tags).toMatchObject({ team: 'orders', 'deadbolt:protected': 'true' });
  });
});

describe('SafeDatabase: refused misuse', () => {
  test.each([[6], [36], [14.5]])('backupRetention %j is refused', (days) => {
    expect(construct({ backupRetention: days })).toThrow(
      `deadbolt:rds:SafeDatabase \`orders\`: \`backupRetention\` must be a whole number of days from 7 to 35 (RDS keeps at most 35 days), got ${days}.`,
    );
  });

  test('backupRetention of 7 and 35 days is accepted', async () => {
    for (const days of [7, 35]) {
      const run = await optedOut({ backupRetention: days });
      expect(run.get(INSTANCE, 'orders-db').inputs.backupRetentionPeriod).toBe(days);
    }
  });

  test('both instance and aurora are refused, naming both', () => {
    expect(construct({ aurora: auroraArgs })).toThrow('only one of `instance` or `aurora` may be given');
  });

  test('neither instance nor aurora is refused', () => {
    expect(construct({ instance: undefined })).toThrow('one of `instance` or `aurora` is required');
  });

  test('aurora without instances is refused', () => {
    expect(construct({ instance: undefined, aurora: { ...auroraArgs, instances: [] } })).toThrow(
      '`aurora.instances` must list at least one instance (the writer).',
    );
  });

  test('a missing or malformed identifier is refused', () => {
    expect(construct({ identifier: undefined })).toThrow('`identifier` is required');
    expect(construct({ identifier: 'orders--db' })).toThrow('`identifier` must be 1 to 63 letters, digits or hyphens');
  });

  test('protect: false on the component is refused, saying why', () => {
    const make = construct({}, { protect: false });
    expect(make).toThrow('`protect: false` is refused');
    expect(make).toThrow('Pulumi applies `protect: false` and a delete or replacement in the same `pulumi up`');
  });

  test('retainOnDelete: false and transforms on the component are refused', () => {
    expect(construct({}, { retainOnDelete: false })).toThrow('`retainOnDelete: false` is refused');
    const unprotect: pulumi.ResourceTransform = (a) => ({ props: a.props, opts: { ...a.opts, protect: false } });
    expect(construct({}, { transforms: [unprotect] })).toThrow('`transforms` are refused');
  });

  test('protect: true on the component is accepted', async () => {
    const run = await optedOut({}, { protect: true });
    expect(run.error).toBeUndefined();
    expectGuarded(run.get(INSTANCE, 'orders-db'));
  });

  test('a given key is used, and no key is created', async () => {
    const run = await runProgram(() => {
      const key = new aws.kms.Key('shared-key', { deletionWindowInDays: 30 });
      new SafeDatabase('orders', {
        identifier: 'orders',
        backup: BackupEnrolment.optOut('Scratch data.'),
        instance: instanceArgs,
        storageEncryptionKey: key,
      });
    });
    expect(run.ofType(KEY).map((k) => k.name)).toEqual(['shared-key']);
    expect(run.get(INSTANCE, 'orders-db').inputs.kmsKeyId).toBe(
      'arn:aws:kms:us-east-1:111111111111:shared-key-1234567',
    );
  });
});

describe('SafeDatabase: preview', () => {
  test('a preview registers the same forced inputs and guards, with unknown outputs', async () => {
    const run = await withVault({}, { preview: true });
    expect(run.error).toBeUndefined();
    const db = run.get(INSTANCE, 'orders-db');
    expect(db.inputs).toMatchObject({
      deletionProtection: true,
      deleteAutomatedBackups: false,
      backupRetentionPeriod: 14,
      identifier: 'orders',
    });
    expect(db.inputs.kmsKeyId).toEqual({ __pulumiUnknown: true });
    expectGuarded(db, run.get(KEY, 'orders-key'));
    expect(run.ofType(SELECTION)).toHaveLength(1);
  });
});
