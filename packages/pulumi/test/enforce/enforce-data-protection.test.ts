/**
 * `enforceDataProtection` with real programs (@pulumi/aws resources) under
 * `pulumi.runtime.setMocks`: the SDK path of the transform (the mock monitor
 * runs no engine-side transforms). The engine path and the at-exit failure run
 * against the real Node runtime in engine.test.ts.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { runProgram, type ProgramOptions, type ProgramRun } from '../harness';
import {
  acknowledgementLine,
  enforceDataProtection,
  findingText,
  type DataProtectionArgs,
  type DataProtectionEnforcement,
  type DataProtectionJudgement,
} from '../../src';

const NOW = new Date('2026-06-01T00:00:00Z');

interface Judged {
  readonly run: ProgramRun;
  readonly enforcement: DataProtectionEnforcement;
  readonly judgement: DataProtectionJudgement;
  /** `<rule id> <resource name>` of every finding at `severity`. */
  ids(severity?: string): string[];
}

async function judged(
  program: () => void,
  args: DataProtectionArgs = {},
  options: ProgramOptions = {},
): Promise<Judged> {
  let enforcement: DataProtectionEnforcement | undefined;
  const run = await runProgram(() => {
    enforcement = enforceDataProtection({ judgeAtExit: false, ...args });
    program();
  }, options);
  expect(run.error).toBeUndefined();
  const judgement = await enforcement!.judge(NOW);
  const nameOf = (urn: string) => judgement.records.find((r) => r.id === urn)?.name ?? urn;
  return {
    run,
    enforcement: enforcement!,
    judgement,
    ids: (severity = 'error') =>
      judgement.findings
        .filter((f) => f.severity === severity)
        .map((f) => `${f.ruleId} ${nameOf(f.resource.logicalId)}`)
        .sort(),
  };
}

/** The note a judgement carries when the stack's account is not known. */
const ACCOUNT_NOTE =
  'The AWS account this stack deploys to is not known, so no backup copy or replication can be proven to leave it (the cross-account rules fail closed). ' +
  "Pass it to enforceDataProtection({ account: '<12-digit account id>' }), or set the stack's `aws:allowedAccountIds` config to that one account.";

const postgres = {
  engine: 'postgres',
  instanceClass: 'db.t3.micro',
  allocatedStorage: 20,
  username: 'app',
  password: 'secret-pass',
};

/** An RDS instance with every protection the catalogue asks of it. */
function safeDatabase(name: string, opts?: pulumi.CustomResourceOptions): aws.rds.Instance {
  const key = new aws.kms.Key(`${name}-key`, { deletionWindowInDays: 30 });
  return new aws.rds.Instance(
    name,
    {
      ...postgres,
      identifier: name,
      deletionProtection: true,
      deleteAutomatedBackups: false,
      backupRetentionPeriod: 14,
      storageEncrypted: true,
      kmsKeyId: key.arn,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${name}-final`,
    },
    opts,
  );
}

describe('enforceDataProtection: unsafe programs fail with the catalogue rule ids', () => {
  it('1. an aws.rds.Instance with defaults and no protection options', async () => {
    const j = await judged(
      () => {
        new aws.rds.Instance('records', postgres);
      },
      { addProtection: false },
    );
    expect(j.ids()).toEqual(
      expect.arrayContaining([
        'general-deletion-policy records',
        'general-update-replace-policy records',
        'rds-automated-backups-retained records',
        'rds-backup-retention records',
        'rds-deletion-protection records',
      ]),
    );
    const protection = j.judgement.findings.find((f) => f.ruleId === 'rds-deletion-protection')!;
    expect(protection.message).toBe('deletionProtection is not set (provider default: false).');
    expect(protection.resource.logicalId).toBe(j.run.get('aws:rds/instance:Instance', 'records').urn);
    expect(protection.fix).toContain('deletionProtection: true');
    expect(j.judgement.errors).toBe(j.ids().length);
  });

  it('2. an aws.dynamodb.Table without point-in-time recovery', async () => {
    const j = await judged(() => {
      new aws.dynamodb.Table('orders', {
        attributes: [{ name: 'id', type: 'S' }],
        hashKey: 'id',
        billingMode: 'PAY_PER_REQUEST',
        deletionProtectionEnabled: true,
      });
    });
    expect(j.ids()).toContain('dynamodb-point-in-time-recovery orders');
    expect(j.ids()).not.toContain('dynamodb-deletion-protection orders');
  });

  it('3. an aws.s3.Bucket with forceDestroy: true and no BucketVersioning', async () => {
    const j = await judged(() => {
      new aws.s3.Bucket('uploads', { forceDestroy: true });
    });
    expect(j.ids()).toEqual(['s3-no-auto-delete-objects uploads', 's3-versioning uploads']);
    expect(j.judgement.findings.find((f) => f.ruleId === 's3-no-auto-delete-objects')!.message).toBe(
      'forceDestroy is true: when the resource is destroyed or replaced, every object and object version in the bucket is deleted before the bucket is.',
    );
  });
});

describe('enforceDataProtection: safe programs pass', () => {
  it('a bucket with a BucketVersioning resource is versioned', async () => {
    const j = await judged(() => {
      const b = new aws.s3.Bucket('uploads', {});
      new aws.s3.BucketVersioning('uploads-versioning', {
        bucket: b.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    });
    expect(j.ids()).not.toContain('s3-versioning uploads');
  });

  it('a protected database with a table passes every rule but the backup rules', async () => {
    const j = await judged(
      () => {
        safeDatabase('records');
        new aws.dynamodb.Table('orders', {
          attributes: [{ name: 'id', type: 'S' }],
          hashKey: 'id',
          deletionProtectionEnabled: true,
          pointInTimeRecovery: { enabled: true },
        });
      },
      {
        severities: {
          'backup-cross-account-copy': {
            severity: 'off',
            reason: 'Copies are made by the organisation-wide backup policy.',
          },
        },
      },
    );
    expect(j.ids()).toEqual([]);
  });
});

describe('enforceDataProtection: protect and retainOnDelete', () => {
  it('adds protect and retainOnDelete to stateful resources that leave them unset, and only to those', async () => {
    const j = await judged(() => {
      new aws.rds.Instance('records', postgres);
      const bucket = new aws.s3.Bucket('uploads', {});
      new aws.s3.BucketVersioning('uploads-versioning', {
        bucket: bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
      new aws.iam.Role('role', { assumeRolePolicy: '{}' });
    });
    // The mock monitor runs no engine-side transforms: the SDK path alone.
    expect(j.enforcement.paths).toEqual(['sdk']);
    const db = j.run.get('aws:rds/instance:Instance', 'records');
    expect([db.protect, db.retainOnDelete]).toEqual([true, true]);
    const bucket = j.run.get('aws:s3/bucket:Bucket', 'uploads');
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([true, true]);
    // A part that holds a protection is guarded: deleting a BucketVersioning suspends versioning. A role is not stateful.
    const versioning = j.run.get('aws:s3/bucketVersioning:BucketVersioning', 'uploads-versioning');
    expect([versioning.protect, versioning.retainOnDelete]).toEqual([true, true]);
    const role = j.run.get('aws:iam/role:Role', 'role');
    expect([role.protect, role.retainOnDelete]).toEqual([undefined, undefined]);
    expect(j.ids()).not.toContain('general-deletion-policy records');
    expect((await j.enforcement.changes()).map((c) => `${c.name}: ${c.added.join(', ')}`).sort()).toEqual([
      'records: protect, retainOnDelete',
      'uploads-versioning: protect, retainOnDelete',
      'uploads: protect, retainOnDelete',
    ]);
  });

  it('keeps an explicit protect: false and reports it', async () => {
    const j = await judged(() => {
      safeDatabase('records', { protect: false });
    });
    const db = j.run.get('aws:rds/instance:Instance', 'records');
    expect(db.protect).toBe(false);
    expect(db.retainOnDelete).toBe(true);
    const f = j.judgement.findings.filter((x) => x.ruleId === 'general-deletion-policy');
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      [
        'error',
        '`protect` is explicitly false: one `pulumi up` can unprotect the resource and delete or replace it in the same run.',
      ],
    ]);
    expect(j.judgement.records.find((r) => r.name === 'records')!.options).toMatchObject({
      protect: false,
      retainOnDelete: true,
    });
  });

  it('leaves resources the program only reads (Resource.get) alone', async () => {
    const j = await judged(() => {
      aws.rds.Instance.get('existing', 'legacy-db');
    });
    expect(j.run.resources.filter((r) => r.name === 'existing')).toEqual([]);
    expect(j.judgement.records).toEqual([]);
    expect(await j.enforcement.changes()).toEqual([]);
  });

  it('adds nothing with addProtection: false', async () => {
    const j = await judged(
      () => {
        new aws.rds.Instance('records', postgres);
      },
      { addProtection: false },
    );
    const db = j.run.get('aws:rds/instance:Instance', 'records');
    expect([db.protect, db.retainOnDelete]).toEqual([undefined, undefined]);
    expect(await j.enforcement.changes()).toEqual([]);
  });
});

describe('enforceDataProtection: resources inside a third-party component', () => {
  class VendorDatabase extends pulumi.ComponentResource {
    public readonly db: aws.rds.Instance;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
      super('vendor:data:Database', name, {}, opts);
      this.db = new aws.rds.Instance(`${name}-db`, postgres, { parent: this });
      this.registerOutputs({});
    }
  }

  it('judges and protects them', async () => {
    const j = await judged(() => {
      new VendorDatabase('billing');
    });
    const db = j.run.get('aws:rds/instance:Instance', 'billing-db');
    expect(db.urn).toContain('vendor:data:Database$aws:rds/instance:Instance::billing-db');
    expect([db.protect, db.retainOnDelete]).toEqual([true, true]);
    expect(j.ids()).toEqual(
      expect.arrayContaining(['rds-deletion-protection billing-db', 'rds-automated-backups-retained billing-db']),
    );
    const record = j.judgement.records.find((r) => r.name === 'billing-db')!;
    expect(record.options?.parent).toBe(j.run.get('vendor:data:Database', 'billing').urn);
  });
});

describe('enforceDataProtection: refuses to start after resources were created', () => {
  /** A component that creates its database only when asked: after the call, through the transformations it captured before. */
  class LateDatabase extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
      super('vendor:data:LateDatabase', name, {}, opts);
    }
    public addDatabase(): aws.rds.Instance {
      return new aws.rds.Instance(`${this.name}-db`, postgres, { parent: this });
    }
    private get name(): string {
      return (this as unknown as { __name: string }).__name;
    }
  }

  it('a resource created first (a module imported before the call, say) would be neither protected nor judged: refused', async () => {
    const run = await runProgram(() => {
      new aws.rds.Instance('records', postgres);
      enforceDataProtection({ judgeAtExit: false });
    });
    expect(run.error?.message).toBe(
      'enforceDataProtection() was called after the program had already created 1 resource: records (aws:rds/instance:Instance). ' +
        'Deadbolt only sees resources created after the call, so these would never be protected or judged, ' +
        'and resources later created inside a component created before the call would escape too. ' +
        "Call enforceDataProtection() first, in the program's entry module (Pulumi.yaml's `main`, usually index.ts), before any resource is created. " +
        'ES `import`s run before the code of the module that imports them, so a module that creates resources when it is loaded ' +
        "(`import './database'`) runs before a call written below the imports: put the call in a module of its own " +
        "and import it first (`import './deadbolt';` as the entry module's first import, the other imports after it).",
    );
    // The database reached the engine unprotected: the failure is what keeps it from being deployed so.
    expect(run.get('aws:rds/instance:Instance', 'records').protect).toBeUndefined();
  });

  it('a component created first would keep its later children out of reach: refused, naming the resources', async () => {
    const run = await runProgram(() => {
      const vendor = new LateDatabase('billing');
      new aws.s3.Bucket('uploads', {});
      new aws.Provider('backup-account', { region: 'us-east-1' });
      enforceDataProtection({ judgeAtExit: false });
      vendor.addDatabase();
    });
    expect(run.error?.message).toMatch(
      /^enforceDataProtection\(\) was called after the program had already created 3 resources: billing \(vendor:data:LateDatabase\), uploads \(aws:s3\/bucket:Bucket\), backup-account \(pulumi:providers:aws\)\. /,
    );
    expect(run.resources.some((r) => r.name === 'billing-db')).toBe(false);
  });

  it("the component's children escape without the refusal (what it guards against)", async () => {
    // The transform registered by hand, as the constructor registers it, shows the escape itself.
    const seen: string[] = [];
    await runProgram(() => {
      const vendor = new LateDatabase('billing');
      pulumi.runtime.registerStackTransformation((a) => {
        seen.push(a.name);
        return undefined;
      });
      vendor.addDatabase();
      new aws.s3.Bucket('uploads', {});
    });
    expect(seen).toEqual(['uploads']);
  });

  it('resources created after the call are fine, in components created after it too', async () => {
    const run = await runProgram(() => {
      enforceDataProtection({ judgeAtExit: false });
      new LateDatabase('billing').addDatabase();
    });
    expect(run.error).toBeUndefined();
    const db = run.get('aws:rds/instance:Instance', 'billing-db');
    expect([db.protect, db.retainOnDelete]).toEqual([true, true]);
  });
});

describe("enforceDataProtection: data-holding types the catalogue's type table does not map", () => {
  it('snapshots, backups, a table replica, InfluxDB, an external key and a Glacier vault get protect and retainOnDelete', async () => {
    const j = await judged(() => {
      new aws.rds.Snapshot('rds-snapshot', { dbInstanceIdentifier: 'records', dbSnapshotIdentifier: 'records-snap' });
      new aws.rds.ClusterSnapshot('rds-cluster-snapshot', {
        dbClusterIdentifier: 'aurora',
        dbClusterSnapshotIdentifier: 'aurora-snap',
      });
      new aws.rds.SnapshotCopy('rds-snapshot-copy', {
        sourceDbSnapshotIdentifier: 'records-snap',
        targetDbSnapshotIdentifier: 'records-copy',
      });
      new aws.rds.ClusterSnapshotCopy('rds-cluster-snapshot-copy', {
        sourceDbClusterSnapshotIdentifier: 'aurora-snap',
        targetDbClusterSnapshotIdentifier: 'aurora-copy',
      });
      new aws.ebs.Snapshot('ebs-snapshot', { volumeId: 'vol-0123456789abcdef0' });
      new aws.ebs.SnapshotCopy('ebs-snapshot-copy', {
        sourceRegion: 'us-east-1',
        sourceSnapshotId: 'snap-0123456789abcdef0',
      });
      new aws.docdb.ClusterSnapshot('docdb-snapshot', {
        dbClusterIdentifier: 'docs',
        dbClusterSnapshotIdentifier: 'docs-snap',
      });
      new aws.neptune.ClusterSnapshot('neptune-snapshot', {
        dbClusterIdentifier: 'graph',
        dbClusterSnapshotIdentifier: 'graph-snap',
      });
      new aws.redshift.ClusterSnapshot('redshift-snapshot', {
        clusterIdentifier: 'warehouse',
        snapshotIdentifier: 'warehouse-snap',
      });
      new aws.dynamodb.TableReplica('orders-replica', {
        globalTableArn: 'arn:aws:dynamodb:us-east-1:111111111111:table/orders',
      });
      new aws.timestreaminfluxdb.DbInstance('metrics', {
        allocatedStorage: 20,
        bucket: 'metrics',
        dbInstanceType: 'db.influx.medium',
        organization: 'ops',
        password: 'secret-pass',
        username: 'admin',
        vpcSecurityGroupIds: ['sg-0123'],
        vpcSubnetIds: ['subnet-0123'],
      });
      new aws.timestreaminfluxdb.DbCluster('metrics-cluster', {
        dbInstanceType: 'db.influx.medium',
        vpcSecurityGroupIds: ['sg-0123'],
        vpcSubnetIds: ['subnet-0123'],
      });
      new aws.kms.ExternalKey('imported-key', {});
      new aws.glacier.Vault('archive', {});
      // Mapped to CloudFormation types the specification does not mark stateful.
      new aws.memorydb.Snapshot('memorydb-snapshot', { clusterName: 'sessions' });
      new aws.redshiftserverless.Snapshot('serverless-snapshot', {
        namespaceName: 'warehouse',
        snapshotName: 'warehouse-snap',
      });
      new aws.fsx.Backup('fsx-backup', { fileSystemId: 'fs-0123456789abcdef0' });
    });
    const names = [
      'rds-snapshot',
      'rds-cluster-snapshot',
      'rds-snapshot-copy',
      'rds-cluster-snapshot-copy',
      'ebs-snapshot',
      'ebs-snapshot-copy',
      'docdb-snapshot',
      'neptune-snapshot',
      'redshift-snapshot',
      'orders-replica',
      'metrics',
      'metrics-cluster',
      'imported-key',
      'archive',
      'memorydb-snapshot',
      'serverless-snapshot',
      'fsx-backup',
    ];
    for (const name of names) {
      const r = j.run.resources.find((x) => x.name === name)!;
      expect({ name, protect: r.protect, retainOnDelete: r.retainOnDelete }).toEqual({
        name,
        protect: true,
        retainOnDelete: true,
      });
    }
    expect((await j.enforcement.changes()).map((c) => c.name).sort()).toEqual([...names].sort());
  });

  it('types with no data-store word, and mapped types that hold none, are left alone', async () => {
    const j = await judged(() => {
      new aws.iam.Role('role', { assumeRolePolicy: '{}' });
      new aws.ec2.RouteTable('routes', { vpcId: 'vpc-0123' });
      new aws.kms.Alias('alias', { targetKeyId: 'key-id', name: 'alias/app' });
    });
    for (const r of j.run.resources.filter((x) => x.custom))
      expect({ name: r.name, protect: r.protect }).toEqual({ name: r.name, protect: undefined });
    expect(await j.enforcement.changes()).toEqual([]);
  });
});

describe('enforceDataProtection: acknowledgements', () => {
  const program = () => {
    new aws.dynamodb.Table('scratch', {
      attributes: [{ name: 'id', type: 'S' }],
      hashKey: 'id',
      deletionProtectionEnabled: true,
    });
  };

  it('a reasoned acknowledgement, by name, turns the finding into an info', async () => {
    const j = await judged(program, {
      account: '111111111111',
      acknowledge: [{ resource: 'scratch', id: 'dynamodb-point-in-time-recovery', reason: 'Rebuilt nightly from S3.' }],
    });
    const f = j.judgement.findings.find((x) => x.ruleId === 'dynamodb-point-in-time-recovery')!;
    expect(f.severity).toBe('info');
    expect(f.acknowledged).toMatchObject({
      reason: 'Rebuilt nightly from S3.',
      source: 'enforceDataProtection acknowledge[0]',
    });
    expect(j.judgement.notes).toEqual([]);
  });

  it('by URN, with the deadbolt:: prefix and an expiry still to come', async () => {
    const first = await judged(program);
    const urn = first.run.get('aws:dynamodb/table:Table', 'scratch').urn;
    const j = await judged(program, {
      acknowledge: [
        { resource: urn, id: 'deadbolt::dynamodb-point-in-time-recovery', reason: 'Scratch.', expires: '2026-07-31' },
      ],
    });
    expect(j.ids()).not.toContain('dynamodb-point-in-time-recovery scratch');
    expect(j.ids('info')).toContain('dynamodb-point-in-time-recovery scratch');
  });

  it('without a reason is refused, and the error stays', async () => {
    const j = await judged(program, {
      acknowledge: [{ resource: 'scratch', id: 'dynamodb-point-in-time-recovery', reason: '' }],
    });
    const f = j.judgement.findings.find((x) => x.ruleId === 'dynamodb-point-in-time-recovery')!;
    expect(f.severity).toBe('error');
    expect(f.acknowledgementRefused).toBe(
      'the acknowledgement of dynamodb-point-in-time-recovery at enforceDataProtection acknowledge[0] has no reason; write why the risk is accepted (a placeholder such as `<why …>` or `TODO` is not a reason).',
    );
  });

  it('past its expiry is refused', async () => {
    const j = await judged(program, {
      acknowledge: [
        { resource: 'scratch', id: 'dynamodb-point-in-time-recovery', reason: 'Scratch.', expires: '2026-01-31' },
      ],
    });
    const f = j.judgement.findings.find((x) => x.ruleId === 'dynamodb-point-in-time-recovery')!;
    expect(f.severity).toBe('error');
    expect(f.acknowledgementRefused).toBe(
      'the acknowledgement of dynamodb-point-in-time-recovery expired on 2026-01-31.',
    );
  });

  it('naming no resource acknowledges nothing, and says so', async () => {
    const j = await judged(program, {
      account: '111111111111',
      acknowledge: [{ resource: 'scrach', id: 'dynamodb-point-in-time-recovery', reason: 'Typo.' }],
    });
    expect(j.ids()).toContain('dynamodb-point-in-time-recovery scratch');
    expect(j.judgement.notes).toEqual([
      'enforceDataProtection acknowledge[0] names the resource `scrach`, which is not an AWS resource of this stack (give its name or URN); it acknowledges nothing.',
    ]);
  });

  it('naming a rule id the catalogue does not have is refused when it is passed, with the closest id', () => {
    expect(() =>
      enforceDataProtection({
        judgeAtExit: false,
        acknowledge: [{ resource: 'scratch', id: 'dynamodb-point-in-time-recovry', reason: 'Wrong id.' }],
      }),
    ).toThrow(
      'enforceDataProtection: `acknowledge[0]` names an unknown rule id "dynamodb-point-in-time-recovry"; did you mean `dynamodb-point-in-time-recovery`? (`npx deadbolt rules` lists them)',
    );
  });

  describe('bound to one resource: its URN, its URN without the stack, or a name no other resource has', () => {
    /** Two tables named `orders`, each inside a component of its own type. */
    const twoOrders = () => {
      for (const type of ['shop:index:Eu', 'shop:index:Us']) {
        const parent = new pulumi.ComponentResource(type, type.endsWith('Eu') ? 'eu' : 'us');
        new aws.dynamodb.Table(
          'orders',
          { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', deletionProtectionEnabled: true },
          { parent },
        );
      }
    };
    const PITR = 'dynamodb-point-in-time-recovery';
    const EU = 'shop:index:Eu$aws:dynamodb/table:Table::orders';
    const US = 'shop:index:Us$aws:dynamodb/table:Table::orders';
    const pitr = (j: Judged) =>
      j.judgement.findings
        .filter((f) => f.ruleId === PITR)
        .map((f) => ({ urn: f.resource.logicalId, severity: f.severity, refused: f.acknowledgementRefused }));

    it('a name two resources share acknowledges neither: refused, listing their URNs', async () => {
      const j = await judged(twoOrders, {
        account: '111111111111',
        acknowledge: [{ resource: 'orders', id: PITR, reason: 'The EU copy is rebuilt nightly.' }],
      });
      const urns = j.run.ofType('aws:dynamodb/table:Table').map((r) => r.urn);
      expect(urns).toHaveLength(2);
      const why = `enforceDataProtection acknowledge[0] names the resource \`orders\`, the name of 2 resources of this stack (${urns.map((u) => `\`${u}\``).join(', ')}), so it acknowledges none of them: give the URN of the one you mean (or its \`<type>::<name>\` tail, the same in every stack).`;
      expect(pitr(j)).toEqual(urns.map((urn) => ({ urn, severity: 'error', refused: why })));
      expect(j.judgement.notes).toEqual([why]);
    });

    it('the URN, or its tail without stack and project, acknowledges that one resource only', async () => {
      const first = await judged(twoOrders);
      const eu = first.run.ofType('aws:dynamodb/table:Table').find((r) => r.urn.endsWith(EU))!.urn;
      for (const resource of [eu, EU]) {
        const j = await judged(twoOrders, {
          account: '111111111111',
          acknowledge: [{ resource, id: PITR, reason: 'The EU copy is rebuilt nightly.' }],
        });
        expect(pitr(j).map((f) => [f.urn.endsWith(EU) ? 'eu' : 'us', f.severity])).toEqual([
          ['eu', 'info'],
          ['us', 'error'],
        ]);
        expect(j.judgement.notes).toEqual([]);
      }
    });

    it('the printed acknowledgement line names the resource by its URN tail when its name is shared', async () => {
      const j = await judged(twoOrders, { account: '111111111111' });
      const f = j.judgement.findings.find((x) => x.ruleId === PITR && x.resource.logicalId.endsWith(US))!;
      expect(acknowledgementLine(f, j.judgement.records)).toBe(
        `enforceDataProtection({ acknowledge: [{ resource: '${US}', id: '${PITR}', reason: '<why the risk is accepted>' }] })`,
      );
    });
  });

  describe('a maximum expiry, stated in the refusal', () => {
    it('an expiry more than 90 days ahead is refused; `maximumAcknowledgementDays` sets the maximum', async () => {
      const ack = {
        resource: 'scratch',
        id: 'dynamodb-point-in-time-recovery',
        reason: 'Scratch.',
        expires: '2026-12-31',
      };
      const j = await judged(program, { account: '111111111111', acknowledge: [ack] });
      const f = j.judgement.findings.find((x) => x.ruleId === 'dynamodb-point-in-time-recovery')!;
      expect(f.severity).toBe('error');
      expect(f.acknowledgementRefused).toBe(
        'the acknowledgement of dynamodb-point-in-time-recovery expires on 2026-12-31, more than 90 days ahead, the maximum (`maximumAcknowledgementDays`): use a date no later than 2026-08-30, and renew it then.',
      );
      const raised = await judged(program, {
        account: '111111111111',
        acknowledge: [ack],
        maximumAcknowledgementDays: 365,
      });
      expect(raised.ids('info')).toContain('dynamodb-point-in-time-recovery scratch');
      expect(() => enforceDataProtection({ judgeAtExit: false, maximumAcknowledgementDays: 400 })).toThrow(
        'enforceDataProtection: `maximumAcknowledgementDays` must be a whole number of days from 1 to 365; got 400.',
      );
    });

    it('an acknowledgement without an expiry holds, and the log line says it never expires', async () => {
      const j = await judged(program, {
        account: '111111111111',
        acknowledge: [{ resource: 'scratch', id: 'dynamodb-point-in-time-recovery', reason: 'Scratch.' }],
      });
      const f = j.judgement.findings.find((x) => x.ruleId === 'dynamodb-point-in-time-recovery')!;
      expect(findingText(f, j.judgement.records)).toContain(
        'Acknowledged (no expiry: it holds until it is removed): Scratch.',
      );
    });
  });

  it('an acknowledgement without a resource or id is refused when it is passed', () => {
    expect(() =>
      enforceDataProtection({
        judgeAtExit: false,
        acknowledge: [{ id: 'dynamodb-point-in-time-recovery', reason: 'x' } as never],
      }),
    ).toThrow(
      'enforceDataProtection: `acknowledge[0]` must name a `resource` (its name or URN) and a rule `id`; got {"id":"dynamodb-point-in-time-recovery","reason":"x"}.',
    );
  });
});

describe('enforceDataProtection: options', () => {
  it('nonProduction turns every error into a warning', async () => {
    const j = await judged(
      () => {
        new aws.rds.Instance('records', postgres);
      },
      { nonProduction: true },
    );
    expect(j.judgement.errors).toBe(0);
    expect(j.ids('warning')).toEqual(expect.arrayContaining(['rds-deletion-protection records']));
  });

  it('minimumBackupRetentionDays and severities reach the catalogue', async () => {
    const j = await judged(
      () => {
        safeDatabase('records');
      },
      {
        minimumBackupRetentionDays: 30,
        severities: {
          'backup-cross-account-copy': {
            severity: 'off',
            reason: 'Copies are made by the organisation-wide backup policy.',
          },
          'rds-backup-retention': 'warning',
        },
      },
    );
    expect(j.ids()).toEqual([]);
    expect(j.ids('warning')).toEqual(['rds-backup-retention records']);
  });

  it('refuses a retention that is not a whole number of days, and a severity for no rule', () => {
    expect(() => enforceDataProtection({ judgeAtExit: false, minimumBackupRetentionDays: 0.5 })).toThrow(
      'enforceDataProtection: `minimumBackupRetentionDays` must be a whole number of days, at least 1; got 0.5.',
    );
    expect(() => enforceDataProtection({ judgeAtExit: false, severities: { 'rds-protection': 'off' } })).toThrow(
      'enforceDataProtection: `severities` names `rds-protection`, which is not a Deadbolt rule id (`npx deadbolt rules` lists them).',
    );
  });

  it('must be called inside a Pulumi program', () => {
    (pulumi.runtime as unknown as { _reset(): void })._reset();
    expect(() => enforceDataProtection({ judgeAtExit: false })).toThrow(
      'enforceDataProtection() must be called inside a Pulumi program, before its resources: the stack resource does not exist yet.',
    );
  });

  it('takes the account from aws:allowedAccountIds when it lists exactly one, and the region from aws:region', async () => {
    const one = await judged(
      () => undefined,
      {},
      { config: { 'aws:allowedAccountIds': '["222222222222"]', 'aws:region': 'eu-west-1' } },
    );
    const doc = await one.enforcement.document();
    expect([doc.id, doc.name, doc.account, doc.region]).toEqual([
      'project/stack',
      'stack',
      '222222222222',
      'eu-west-1',
    ]);
    const two = await judged(
      () => undefined,
      {},
      { config: { 'aws:allowedAccountIds': '["222222222222","333333333333"]' } },
    );
    expect((await two.enforcement.document()).account).toBeUndefined();
    const given = await judged(
      () => undefined,
      { account: '444444444444', region: 'us-west-2' },
      { config: { 'aws:allowedAccountIds': '["222222222222"]' } },
    );
    expect(await given.enforcement.document()).toMatchObject({ account: '444444444444', region: 'us-west-2' });
  });

  it('when the account is not known, the judgement says how to give it', async () => {
    const table = () => {
      new aws.dynamodb.Table('orders', {
        attributes: [{ name: 'id', type: 'S' }],
        hashKey: 'id',
        deletionProtectionEnabled: true,
        pointInTimeRecovery: { enabled: true },
      });
    };
    const unknown = await judged(table);
    expect(unknown.judgement.notes).toEqual([ACCOUNT_NOTE]);
    expect(unknown.judgement.notes.join(' ')).not.toContain('environment-agnostic');
    // Either way of giving the account silences it.
    expect((await judged(table, { account: '111111111111' })).judgement.notes).toEqual([]);
    expect(
      (await judged(table, {}, { config: { 'aws:allowedAccountIds': '["111111111111"]' } })).judgement.notes,
    ).toEqual([]);
    // Two accounts allowed are no one account.
    expect(
      (await judged(table, {}, { config: { 'aws:allowedAccountIds': '["111111111111","222222222222"]' } })).judgement
        .notes,
    ).toEqual([ACCOUNT_NOTE]);
  });
});

describe('enforceDataProtection: outputs tie resources together, known or not', () => {
  const program = (select: boolean) => () => {
    const db = safeDatabase('records');
    const vault = new aws.backup.Vault('vault', {});
    const plan = new aws.backup.Plan('plan', {
      rules: [{ ruleName: 'daily', targetVaultName: vault.name, schedule: 'cron(0 5 * * ? *)' }],
    });
    if (select)
      new aws.backup.Selection('selection', {
        planId: plan.id,
        iamRoleArn: 'arn:aws:iam::111111111111:role/backup',
        resources: [db.arn],
      });
  };
  const coverage = (j: Judged) =>
    j.judgement.findings.find(
      (f) => f.ruleId === 'backup-cross-account-copy' && f.resource.logicalId.endsWith('::records'),
    )!.message;

  it('in a preview, a selection listing db.arn (unknown) still selects the database', async () => {
    const selected = await judged(program(true), { account: '111111111111' }, { preview: true });
    const selection = selected.judgement.records.find((r) => r.name === 'selection')!;
    const dbUrn = selected.run.get('aws:rds/instance:Instance', 'records').urn;
    expect(selection.inputs.resources).toEqual([
      { '@deadbolt/output': true, known: false, value: undefined, dependsOn: [dbUrn] },
    ]);
    expect(coverage(selected)).toContain('has no copy action');
    const alone = await judged(program(false), { account: '111111111111' }, { preview: true });
    expect(coverage(alone)).toBe(
      'No backup plan in the app selects this resource, so no copy of it exists in another account.',
    );
  });

  it('in an update, the known ARN keeps its tie to the database', async () => {
    const j = await judged(program(true), { account: '111111111111' });
    const selection = j.judgement.records.find((r) => r.name === 'selection')!;
    const dbUrn = j.run.get('aws:rds/instance:Instance', 'records').urn;
    expect(selection.inputs.resources).toEqual([
      {
        '@deadbolt/output': true,
        known: true,
        value: 'arn:aws:rds:us-east-1:111111111111:db:records',
        dependsOn: [dbUrn],
      },
    ]);
    expect(coverage(j)).toContain('has no copy action');
  });

  it('outputs nested in objects and arrays, and computed from several resources', async () => {
    let urns: pulumi.Output<string>[] = [];
    const j = await judged(
      () => {
        const a = new aws.s3.Bucket('a', {});
        const b = new aws.s3.Bucket('b', {});
        urns = [a.urn, b.urn];
        new aws.iam.Policy('read', {
          policy: pulumi.all([a.arn, b.arn]).apply(([x, y]) => JSON.stringify({ Resource: [x, y] })),
          tags: { bucket: a.bucket },
        });
      },
      {},
      { preview: true },
    );
    const policy = j.judgement.records.find((r) => r.name === 'read')!;
    const [a, b] = [j.run.get('aws:s3/bucket:Bucket', 'a').urn, j.run.get('aws:s3/bucket:Bucket', 'b').urn];
    expect(urns.length).toBe(2);
    expect(policy.inputs.policy).toEqual({
      '@deadbolt/output': true,
      known: false,
      value: undefined,
      dependsOn: [a, b],
    });
    expect(policy.inputs.tags).toEqual({
      bucket: { '@deadbolt/output': true, known: false, value: undefined, dependsOn: [a] },
    });
  });
});

describe('enforceDataProtection: providers', () => {
  it('records explicit AWS providers and the resources created with them', async () => {
    const j = await judged(() => {
      const backup = new aws.Provider('backup-account', { region: 'us-east-1', allowedAccountIds: ['999999999999'] });
      new aws.backup.Vault('central', {}, { provider: backup });
    });
    const provider = j.judgement.records.find((r) => r.type === 'pulumi:providers:aws')!;
    expect(provider.name).toBe('backup-account');
    const vault = j.judgement.records.find((r) => r.name === 'central')!;
    expect(vault.options?.provider).toBe(provider.id);
  });
});

describe("enforceDataProtection: enforce() reports in Pulumi's idiom", () => {
  it('logs every finding on its resource and fails with a RunError naming each failing rule', async () => {
    const logged: { level: string; text: string; urn?: string }[] = [];
    const capture = (level: string) => async (text: string, resource?: pulumi.Resource) => {
      logged.push({
        level,
        text,
        urn: resource ? await (resource.urn as unknown as { promise(): Promise<string> }).promise() : undefined,
      });
    };
    const spies = [
      jest.spyOn(pulumi.log, 'error').mockImplementation(capture('error')),
      jest.spyOn(pulumi.log, 'warn').mockImplementation(capture('warn')),
      jest.spyOn(pulumi.log, 'info').mockImplementation(capture('info')),
    ];
    try {
      let enforcement!: DataProtectionEnforcement;
      const run = await runProgram(() => {
        enforcement = enforceDataProtection({
          judgeAtExit: false,
          addProtection: false,
          acknowledge: [
            { resource: 'orders', id: 'dynamodb-point-in-time-recovery', reason: 'Replayed from the event log.' },
          ],
        });
        new aws.rds.Instance('records', postgres);
        new aws.dynamodb.Table('orders', {
          attributes: [{ name: 'id', type: 'S' }],
          hashKey: 'id',
          deletionProtectionEnabled: true,
        });
      });
      const error = await enforcement.enforce(NOW).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(pulumi.RunError.isInstance(error)).toBe(true);
      const judgement = await enforcement.judge(NOW);
      const errors = logged.filter((l) => l.level === 'error');
      expect(errors.length).toBe(judgement.errors);
      const dbUrn = run.get('aws:rds/instance:Instance', 'records').urn;
      const protection = errors.find((l) => l.text.startsWith('[deadbolt::rds-deletion-protection]'))!;
      expect(protection.urn).toBe(dbUrn);
      expect(protection.text).toBe(
        [
          '[deadbolt::rds-deletion-protection] RDS databases have deletion protection on. deletionProtection is not set (provider default: false).',
          `  Resource: records (aws:rds/instance:Instance) ${dbUrn}`,
          `  Why: ${judgement.findings.find((f) => f.ruleId === 'rds-deletion-protection')!.why}`,
          `  Fix: ${judgement.findings.find((f) => f.ruleId === 'rds-deletion-protection')!.fix}`,
          "  To accept the risk with a written reason: enforceDataProtection({ acknowledge: [{ resource: 'records', id: 'rds-deletion-protection', reason: '<why the risk is accepted>' }] })",
        ].join('\n'),
      );
      expect(logged.find((l) => l.level === 'info')!.text).toContain(
        'Acknowledged (no expiry: it holds until it is removed): Replayed from the event log.',
      );
      expect(logged.filter((l) => l.level === 'warn').map((l) => l.text)).toContain(`Deadbolt: ${ACCOUNT_NOTE}`);
      expect(error!.message).toBe(
        `Deadbolt: ${judgement.errors} data-protection errors in stack project/stack, each logged above: general-deletion-policy (records, orders); ` +
          'general-update-replace-policy (records, orders); rds-deletion-protection (records); rds-automated-backups-retained (records); ' +
          'rds-backup-retention (records); rds-final-snapshot (records); backup-cross-account-copy (records, orders). ' +
          'Fix them, or acknowledge one with a written reason (enforceDataProtection({ acknowledge: [...] })).',
      );
      // The runtime prints a RunError's stack when the program has already returned: it is the message alone.
      expect(error!.stack).toBe(error!.message);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});

describe('enforceDataProtection runs after stack transformations registered later', () => {
  it('judges the values a later "dev stacks: unprotect" transformation leaves, and keeps running last', async () => {
    const j = await judged(
      () => {
        pulumi.runtime.registerStackTransformation((a) =>
          a.type === 'aws:rds/instance:Instance'
            ? { props: { ...a.props, deletionProtection: false }, opts: { ...a.opts, protect: false } }
            : undefined,
        );
        safeDatabase('orders');
        safeDatabase('ledger');
      },
      { account: '111111111111' },
    );
    for (const name of ['orders', 'ledger']) {
      const db = j.run.get('aws:rds/instance:Instance', name);
      expect([db.inputs.deletionProtection, db.protect]).toEqual([false, false]);
      expect(j.ids()).toEqual(
        expect.arrayContaining([`general-deletion-policy ${name}`, `rds-deletion-protection ${name}`]),
      );
    }
    // The key was not touched by the later transformation: Deadbolt still protected it.
    expect(j.run.get('aws:kms/key:Key', 'orders-key').protect).toBe(true);
  });
});
