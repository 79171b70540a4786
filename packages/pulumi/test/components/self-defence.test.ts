/**
 * The safe components refuse a later weakening of what they force, without
 * `enforceDataProtection`: real programs under `setMocks`, one per escape hatch.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  BackupAccountVault,
  BackupEnrolment,
  IsolatedBackupVault,
  SafeBucket,
  SafeDatabase,
  SafeTable,
  enforceDataProtection,
  type SafeTableArgs,
} from '../../src';
import { runProgram, expectGuarded } from '../harness';

const INSTANCE = 'aws:rds/instance:Instance';
const TABLE = 'aws:dynamodb/table:Table';
const BUCKET = 'aws:s3/bucket:Bucket';
const VERSIONING = 'aws:s3/bucketVersioning:BucketVersioning';
const LOCK = 'aws:backup/vaultLockConfiguration:VaultLockConfiguration';
const KEY = 'aws:kms/key:Key';
const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';

const instanceArgs = { instanceClass: 'db.t4g.micro', engine: 'postgres', allocatedStorage: 20 };
const tableArgs: SafeTableArgs = {
  name: 'orders',
  hashKey: 'id',
  attributes: [{ name: 'id', type: 'S' }],
  billingMode: 'PAY_PER_REQUEST',
};

function database(opts?: pulumi.ComponentResourceOptions): SafeDatabase {
  return new SafeDatabase(
    'orders',
    {
      identifier: 'orders',
      backup: BackupEnrolment.optOut('Rebuilt nightly from the event stream.'),
      instance: instanceArgs,
    },
    opts,
  );
}

/** A transformation that changes `props` and `opts` of resources of `type`. */
function weaken(
  type: string,
  props: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions = {},
): pulumi.ResourceTransformation {
  return (a) => (a.type === type ? { props: { ...a.props, ...props }, opts: { ...a.opts, ...opts } } : undefined);
}

/** A component that wraps others and passes `transformations` to its children, as platform teams write them. */
class Platform extends pulumi.ComponentResource {
  public constructor(name: string, build: (parent: pulumi.Resource) => void, opts?: pulumi.ComponentResourceOptions) {
    super('acme:platform:Platform', name, {}, opts);
    build(this);
    this.registerOutputs({});
  }
}

describe('a safe component refuses a later weakening of its children', () => {
  test('1. a stack transformation turning deletion protection off and retainOnDelete off', async () => {
    const run = await runProgram(() => {
      pulumi.runtime.registerStackTransformation(
        weaken(INSTANCE, { deletionProtection: false }, { retainOnDelete: false }),
      );
      database();
    });
    expect(run.error?.message).toBe(
      'deadbolt:rds:SafeDatabase `orders`: a transformation weakened its child `orders-db` (aws:rds/instance:Instance) after SafeDatabase set it, ' +
        'so SafeDatabase refuses its registration: `deletionProtection` changes from true to false: deletion protection is off, so one API call can delete it (rds-deletion-protection); ' +
        '`retainOnDelete` changes from true to false: removing it from the program, or replacing it, deletes the cloud resource and its data (general-deletion-policy). ' +
        "Fix: make the transformation leave SafeDatabase's children alone (`if (args.opts.parent instanceof SafeDatabase) return undefined;`), " +
        "and pass what you need through SafeDatabase's args (a longer retention, tags). " +
        'To accept the risk in writing, create the resource without SafeDatabase (a plain `aws.rds.Instance`) and acknowledge the finding with a reason: ' +
        "`enforceDataProtection({ acknowledge: [{ resource: '<its URN>', id: 'rds-deletion-protection', reason: '<why>', expires: 'YYYY-MM-DD' }, " +
        "{ resource: '<its URN>', id: 'general-deletion-policy', reason: '<why>', expires: 'YYYY-MM-DD' }] })`.",
    );
    expect(run.ofType(INSTANCE)).toEqual([]);
  });

  test.each([
    [
      'skipFinalSnapshot true',
      { skipFinalSnapshot: true },
      '`skipFinalSnapshot` changes from false to true: no final snapshot is taken when it is deleted (rds-final-snapshot)',
    ],
    [
      'deleteAutomatedBackups true',
      { deleteAutomatedBackups: true },
      '`deleteAutomatedBackups` changes from false to true: its automated backups are deleted with it (rds-automated-backups-retained)',
    ],
    [
      'backupRetentionPeriod below the floor',
      { backupRetentionPeriod: 1 },
      '`backupRetentionPeriod` changes from 14 to 1: automated backups are kept for fewer days (rds-backup-retention)',
    ],
  ])('2. a stack transformation setting %s on the database', async (_what, props, expected) => {
    const run = await runProgram(() => {
      pulumi.runtime.registerStackTransformation(weaken(INSTANCE, props));
      database();
    });
    expect(run.error?.message).toContain(`so SafeDatabase refuses its registration: ${expected}.`);
  });

  test("3. a wrapper component's transformations: forceDestroy on the bucket, versioning suspended", async () => {
    const run = await runProgram(() => {
      new Platform('platform', (parent) => new SafeBucket('uploads', {}, { parent }), {
        transformations: [
          weaken(BUCKET, { forceDestroy: true }),
          weaken(VERSIONING, { versioningConfiguration: { status: 'Suspended' } }),
        ],
      });
    });
    expect(run.error?.message).toContain(
      'deadbolt:s3:SafeBucket `uploads`: a transformation weakened its child `uploads-bucket` (aws:s3/bucket:Bucket) after SafeBucket set it, ' +
        'so SafeBucket refuses its registration: `forceDestroy` changes from false to true: deleting it also deletes everything in it.',
    );
    expect(run.error?.message).toContain('(`if (args.opts.parent instanceof SafeBucket) return undefined;`)');
    // Versioning is judged on its own resource too.
    const versioningOnly = await runProgram(() => {
      new Platform('platform', (parent) => new SafeBucket('uploads', {}, { parent }), {
        transformations: [weaken(VERSIONING, { versioningConfiguration: { status: 'Suspended' } })],
      });
    });
    expect(versioningOnly.error?.message).toContain(
      '`uploads-versioning` (aws:s3/bucketVersioning:BucketVersioning) after SafeBucket set it, so SafeBucket refuses its registration: ' +
        '`versioningConfiguration.status` changes from "Enabled" to "Suspended": ',
    );
    expect(versioningOnly.error?.message).toContain('(s3-versioning)');
  });

  test("4. a transform on the component's own options is refused before anything is registered", async () => {
    const run = await runProgram(() =>
      database({ transformations: [weaken(INSTANCE, { deletionProtection: false })] }),
    );
    expect(run.error?.message).toContain(
      "deadbolt:rds:SafeDatabase `orders`: `transformations` are refused: they run on SafeDatabase's children after it forces their protection",
    );
    expect(run.resources.filter((r) => r.custom)).toEqual([]);
  });

  test('5. opts.retainOnDelete false on the component is refused', async () => {
    const run = await runProgram(() => new SafeTable('orders', tableArgs, { retainOnDelete: false }));
    expect(run.error?.message).toContain(
      'deadbolt:dynamodb:SafeTable `orders`: `retainOnDelete: false` is refused: SafeTable keeps `retainOnDelete: true`',
    );
  });

  test('6. opts.protect false on the component is refused', async () => {
    const run = await runProgram(() => new SafeTable('orders', tableArgs, { protect: false }));
    expect(run.error?.message).toContain(
      'deadbolt:dynamodb:SafeTable `orders`: `protect: false` is refused: SafeTable keeps `protect: true`',
    );
  });

  test('7. a subclass that turns point-in-time recovery off and takes protect off its table', async () => {
    class ScratchTable extends SafeTable {
      public constructor(name: string, args: SafeTableArgs) {
        // A subclass cannot touch `this` before `super`, but it can register a transformation there.
        pulumi.runtime.registerStackTransformation(
          weaken(TABLE, { pointInTimeRecovery: { enabled: false } }, { protect: false }),
        );
        super(name, args);
      }
    }
    const run = await runProgram(() => new ScratchTable('orders', tableArgs));
    expect(run.error?.message).toContain(
      'deadbolt:dynamodb:SafeTable `orders`: a transformation weakened its child `orders-table` (aws:dynamodb/table:Table) after SafeTable set it, ' +
        'so SafeTable refuses its registration: `pointInTimeRecovery.enabled` changes from true to false: ',
    );
    expect(run.error?.message).toContain('(dynamodb-point-in-time-recovery)');
    expect(run.error?.message).toContain('`protect` changes from true to false');
  });

  test("8. the vaults: a lock's minimum retention lowered, a key's deletion window shortened", async () => {
    const lock = await runProgram(() => {
      pulumi.runtime.registerStackTransformation(weaken(LOCK, { minRetentionDays: 1 }));
      const provider = new aws.Provider('backup-account', { region: 'us-east-1' });
      new BackupAccountVault('central', { backupVaultName: 'central', sourceAccounts: ['111111111111'], provider });
    });
    expect(lock.error?.message).toContain(
      'deadbolt:backup:BackupAccountVault `central`: a transformation weakened its child `central-lock` (aws:backup/vaultLockConfiguration:VaultLockConfiguration) ' +
        'after BackupAccountVault set it, so BackupAccountVault refuses its registration: `minRetentionDays` changes from 7 to 1',
    );
    const key = await runProgram(() => {
      pulumi.runtime.registerStackTransformation(weaken(KEY, { deletionWindowInDays: 7 }));
      new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL });
    });
    expect(key.error?.message).toContain(
      '`backups-key` (aws:kms/key:Key) after IsolatedBackupVault set it, so IsolatedBackupVault refuses its registration: ' +
        '`deletionWindowInDays` changes from 30 to 7: a scheduled key deletion completes sooner (kms-key-deletion-window)',
    );
  });

  test('9. a forced value replaced by an Output is refused at once (it cannot be read now), not waited for', async () => {
    const started = Date.now();
    const run = await runProgram(() => {
      pulumi.runtime.registerStackTransformation(weaken(INSTANCE, { deletionProtection: pulumi.output(false) }));
      database();
    });
    expect(run.error?.message).toMatch(
      /so SafeDatabase refuses its registration: `deletionProtection` changes from true to an Output \(#\d+\), which is known only when it is applied; it cannot be proven that deletion protection is kept \(rds-deletion-protection\)\./,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('10. with enforceDataProtection, a transformation registered after it is still refused', async () => {
    const run = await runProgram(() => {
      enforceDataProtection({ judgeAtExit: false });
      pulumi.runtime.registerStackTransformation(weaken(INSTANCE, { deletionProtection: false }));
      database();
    });
    expect(run.error?.message).toContain(
      'so SafeDatabase refuses its registration: `deletionProtection` changes from true to false',
    );
  });
});

describe('a safe component lets through what does not weaken it', () => {
  test('normal use', async () => {
    const run = await runProgram(() => {
      database();
      new SafeTable('events', { ...tableArgs, name: 'events' });
      new SafeBucket('uploads');
    });
    expect(run.error).toBeUndefined();
    expectGuarded(run.get(INSTANCE, 'orders-db'), run.get(TABLE, 'events-table'), run.get(BUCKET, 'uploads-bucket'));
  });

  test('a stricter retention and added tags, from a stack transformation and a wrapper', async () => {
    const run = await runProgram(() => {
      pulumi.runtime.registerStackTransformation((a) =>
        a.type === INSTANCE
          ? {
              props: { ...a.props, backupRetentionPeriod: 30, tags: { ...a.props.tags, team: 'orders' } },
              opts: a.opts,
            }
          : undefined,
      );
      database();
      new Platform('platform', (parent) => new SafeTable('events', { ...tableArgs, name: 'events' }, { parent }), {
        transformations: [
          (a) =>
            a.type === TABLE
              ? {
                  props: { ...a.props, tags: { ...a.props.tags, costCentre: '42' } },
                  opts: { ...a.opts, ignoreChanges: ['readCapacity'] },
                }
              : undefined,
        ],
      });
    });
    expect(run.error).toBeUndefined();
    expect(run.get(INSTANCE, 'orders-db').inputs).toMatchObject({
      backupRetentionPeriod: 30,
      deletionProtection: true,
      tags: { team: 'orders', 'deadbolt:protected': 'true' },
    });
    expect(run.get(TABLE, 'events-table').inputs.tags).toMatchObject({
      costCentre: '42',
      'deadbolt:protected': 'true',
    });
    expectGuarded(run.get(INSTANCE, 'orders-db'), run.get(TABLE, 'events-table'));
  });
});
