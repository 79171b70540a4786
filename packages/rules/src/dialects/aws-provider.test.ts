import { evaluate } from '../evaluate';
import { providerOutput, type ProviderResourceRecord } from './aws-provider-model';
import { readProviderModel } from './aws-provider';

const urn = (type: string, name: string) => `urn:pulumi:prod::shop::${type}::${name}`;
const DB = urn('aws:rds/instance:Instance', 'orders');
const KEY = urn('aws:kms/key:Key', 'orders-key');
const VAULT = urn('aws:backup/vault:Vault', 'local');
const PLAN = urn('aws:backup/plan:Plan', 'daily');
const SELECTION = urn('aws:backup/selection:Selection', 'orders');
const BACKUP_PROVIDER = urn('pulumi:providers:aws', 'backup-account');
const CENTRAL = urn('aws:backup/vault:Vault', 'central');
const BUCKET = urn('aws:s3/bucket:Bucket', 'data');
const KEEP = { protect: true, retainOnDelete: true };

function judge(resources: ProviderResourceRecord[], account = '111111111111') {
  const model = readProviderModel({ id: 'shop/prod', name: 'prod', account, region: 'us-east-1', resources });
  return evaluate(model, { idiom: 'pulumi' });
}
const ids = (r: ReturnType<typeof judge>, id: string) =>
  r.findings
    .filter((f) => f.resource.path === id && f.severity === 'error')
    .map((f) => f.ruleId)
    .sort();
const unknown = (...deps: string[]) => providerOutput(false, undefined, deps);

const safeDb: ProviderResourceRecord = {
  id: DB,
  name: 'orders',
  type: 'aws:rds/instance:Instance',
  options: KEEP,
  inputs: {
    identifier: 'orders',
    engine: 'postgres',
    deletionProtection: true,
    deleteAutomatedBackups: false,
    backupRetentionPeriod: 14,
    storageEncrypted: true,
    kmsKeyId: unknown(KEY),
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: 'orders-final',
  },
};
const key: ProviderResourceRecord = {
  id: KEY,
  name: 'orders-key',
  type: 'aws:kms/key:Key',
  options: KEEP,
  inputs: { deletionWindowInDays: 30 },
};
const backupProvider: ProviderResourceRecord = {
  id: BACKUP_PROVIDER,
  name: 'backup-account',
  type: 'pulumi:providers:aws',
  inputs: { allowedAccountIds: ['222222222222'], region: 'us-east-1' },
};
const central: ProviderResourceRecord = {
  id: CENTRAL,
  name: 'central',
  type: 'aws:backup/vault:Vault',
  options: { ...KEEP, provider: `${BACKUP_PROVIDER}::id` },
  inputs: { name: 'central' },
};
const plan = (destination: unknown): ProviderResourceRecord => ({
  id: PLAN,
  name: 'daily',
  type: 'aws:backup/plan:Plan',
  inputs: {
    name: 'daily',
    rules: [
      {
        ruleName: 'daily',
        targetVaultName: unknown(VAULT),
        schedule: 'cron(0 3 * * ? *)',
        copyActions: [{ destinationVaultArn: destination }],
      },
    ],
  },
});
const vault: ProviderResourceRecord = {
  id: VAULT,
  name: 'local',
  type: 'aws:backup/vault:Vault',
  options: KEEP,
  inputs: { name: 'local' },
};
const lock: ProviderResourceRecord = {
  id: urn('aws:backup/vaultLockConfiguration:VaultLockConfiguration', 'local-lock'),
  name: 'local-lock',
  type: 'aws:backup/vaultLockConfiguration:VaultLockConfiguration',
  inputs: { backupVaultName: providerOutput(true, 'local', [VAULT]), changeableForDays: 3, minRetentionDays: 7 },
};
const centralLock: ProviderResourceRecord = {
  id: urn('aws:backup/vaultLockConfiguration:VaultLockConfiguration', 'central-lock'),
  name: 'central-lock',
  type: 'aws:backup/vaultLockConfiguration:VaultLockConfiguration',
  options: { provider: `${BACKUP_PROVIDER}::id` },
  inputs: { backupVaultName: unknown(CENTRAL), changeableForDays: 3, minRetentionDays: 7 },
};
const selection = (resources: unknown): ProviderResourceRecord => ({
  id: SELECTION,
  name: 'orders',
  type: 'aws:backup/selection:Selection',
  inputs: { name: 'orders', planId: unknown(PLAN), iamRoleArn: 'arn:aws:iam::111111111111:role/backup', resources },
});

describe('aws-provider dialect', () => {
  it('judges a Pulumi database with defaults by the same rules as a template', () => {
    const r = judge([
      {
        id: DB,
        name: 'orders',
        type: 'aws:rds/instance:Instance',
        inputs: { engine: 'postgres', instanceClass: 'db.t3.micro', skipFinalSnapshot: true },
      },
    ]);
    expect(ids(r, DB)).toEqual([
      'backup-cross-account-copy',
      'general-deletion-policy',
      'general-update-replace-policy',
      'rds-automated-backups-retained',
      'rds-backup-retention',
      'rds-deletion-protection',
      'rds-final-snapshot',
    ]);
    const dp = r.findings.find((f) => f.ruleId === 'rds-deletion-protection')!;
    expect(dp.message).toBe('deletionProtection is not set (provider default: false).');
    expect(dp.location).toBe('inputs/deletionProtection');
    expect(dp.fix).toBe('Pass `deletionProtection: true` in the resource args.');
    expect(dp.acknowledgeWith).toContain('enforceDataProtection');
    expect(r.findings.find((f) => f.ruleId === 'general-deletion-policy')!.message).toContain(
      '`skipFinalSnapshot` is true',
    );
  });

  it('ties a selection of db.arn to the database while the ARN is unknown (preview), and proves a copy to another account', () => {
    const r = judge([
      safeDb,
      key,
      vault,
      lock,
      backupProvider,
      central,
      centralLock,
      plan(unknown(CENTRAL)),
      selection([unknown(DB)]),
    ]);
    expect(
      r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.resource.path}: ${f.message}`),
    ).toEqual([]);
  });

  it('does not count a copy to a vault of the same account, nor an unrelated unknown output', () => {
    const same = judge([safeDb, key, vault, lock, plan(unknown(VAULT)), selection([unknown(DB)])]);
    expect(ids(same, PLAN)).toEqual(['backup-plan-copy-destination']);
    expect(ids(same, DB)).toEqual(['backup-cross-account-copy']);
    const untied = judge([
      safeDb,
      key,
      vault,
      lock,
      backupProvider,
      central,
      centralLock,
      plan(unknown(CENTRAL)),
      selection([unknown()]),
    ]);
    expect(ids(untied, DB)).toEqual(['backup-cross-account-copy']);
  });

  it('merges separate BucketVersioning and lock resources into what they configure', () => {
    const bucket: ProviderResourceRecord = {
      id: BUCKET,
      name: 'data',
      type: 'aws:s3/bucket:Bucket',
      options: KEEP,
      inputs: {},
    };
    const versioning = (status: string): ProviderResourceRecord => ({
      id: urn('aws:s3/bucketVersioning:BucketVersioning', 'data'),
      name: 'data',
      type: 'aws:s3/bucketVersioning:BucketVersioning',
      inputs: { bucket: unknown(BUCKET), versioningConfiguration: { status } },
    });
    expect(ids(judge([bucket]), BUCKET)).toContain('s3-versioning');
    expect(ids(judge([bucket, versioning('Enabled')]), BUCKET)).not.toContain('s3-versioning');
    const suspended = judge([bucket, versioning('Suspended')]).findings.find((f) => f.ruleId === 's3-versioning')!;
    expect(suspended.message).toContain('data.versioningConfiguration.status');
    expect(ids(judge([vault]), VAULT)).toEqual(['backup-vault-compliance-lock']);
    expect(ids(judge([vault, lock]), VAULT)).toEqual([]);
  });

  it('reports forceDestroy, protect: false and missing options', () => {
    const r = judge([
      {
        id: BUCKET,
        name: 'data',
        type: 'aws:s3/bucket:Bucket',
        options: { protect: false, retainOnDelete: true },
        inputs: { forceDestroy: true },
      },
      { id: VAULT, name: 'local', type: 'aws:backup/vault:Vault', options: {}, inputs: { forceDestroy: true } },
    ]);
    expect(ids(r, BUCKET)).toEqual(['general-deletion-policy', 's3-no-auto-delete-objects', 's3-versioning']);
    expect(
      r.findings.find((f) => f.ruleId === 'general-deletion-policy' && f.resource.path === BUCKET)!.message,
    ).toContain('`protect` is explicitly false');
    expect(ids(r, VAULT)).toEqual([
      'backup-vault-compliance-lock',
      'backup-vault-no-force-destroy',
      'general-deletion-policy',
      'general-update-replace-policy',
    ]);
  });

  it('reads Terraform snake_case attributes and nested blocks', () => {
    const model = readProviderModel({
      id: 'tf',
      name: 'tf',
      account: '111111111111',
      resources: [
        {
          id: 'aws_dynamodb_table.orders',
          name: 'aws_dynamodb_table.orders',
          type: 'aws_dynamodb_table',
          options: { preventDestroy: true },
          inputs: { name: 'orders', deletion_protection_enabled: true, point_in_time_recovery: [{ enabled: false }] },
        },
      ],
    });
    const r = evaluate(model, { idiom: 'terraform' });
    const pitr = r.findings.find((f) => f.ruleId === 'dynamodb-point-in-time-recovery')!;
    expect(pitr.message).toBe('point_in_time_recovery.enabled is false; it must be true.');
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual([
      'dynamodb-point-in-time-recovery',
      'backup-cross-account-copy',
    ]);
  });

  it('reads aws-native resources, whose inputs are CloudFormation names in camelCase', () => {
    const r = judge([
      {
        id: urn('aws-native:dynamodb:Table', 'orders'),
        name: 'orders',
        type: 'aws-native:dynamodb:Table',
        options: KEEP,
        inputs: {
          tableName: 'orders',
          deletionProtectionEnabled: true,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
        },
      },
    ]);
    expect(ids(r, urn('aws-native:dynamodb:Table', 'orders'))).toEqual([
      'backup-cross-account-copy',
      'dynamodb-point-in-time-recovery',
    ]);
  });

  it('relates a BucketReplicationConfig to its bucket and reads the destination account', () => {
    const bucket: ProviderResourceRecord = {
      id: BUCKET,
      name: 'data',
      type: 'aws:s3/bucket:Bucket',
      options: KEEP,
      inputs: {},
    };
    const replication: ProviderResourceRecord = {
      id: urn('aws:s3/bucketReplicationConfig:BucketReplicationConfig', 'data'),
      name: 'data-replication',
      type: 'aws:s3/bucketReplicationConfig:BucketReplicationConfig',
      inputs: {
        bucket: unknown(BUCKET),
        role: 'arn:aws:iam::111111111111:role/r',
        rules: [
          { id: 'all', status: 'Enabled', destination: { bucket: 'arn:aws:s3:::copy', account: '222222222222' } },
        ],
      },
    };
    const all = (rs: ProviderResourceRecord[]) =>
      judge(rs)
        .findings.filter((f) => f.resource.path === BUCKET)
        .map((f) => f.ruleId);
    expect(all([bucket])).toContain('s3-cross-account-replication');
    expect(all([bucket, replication])).not.toContain('s3-cross-account-replication');
  });

  it('leaves Aurora members to their cluster, and judges the cluster', () => {
    const CLUSTER = urn('aws:rds/cluster:Cluster', 'aurora');
    const MEMBER = urn('aws:rds/clusterInstance:ClusterInstance', 'aurora-1');
    const r = judge([
      {
        id: CLUSTER,
        name: 'aurora',
        type: 'aws:rds/cluster:Cluster',
        options: KEEP,
        inputs: {
          engine: 'aurora-postgresql',
          clusterIdentifier: 'aurora',
          backupRetentionPeriod: 14,
          deleteAutomatedBackups: false,
          kmsKeyId: unknown(KEY),
          storageEncrypted: true,
          finalSnapshotIdentifier: 'aurora-final',
        },
      },
      key,
      {
        id: MEMBER,
        name: 'aurora-1',
        type: 'aws:rds/clusterInstance:ClusterInstance',
        options: KEEP,
        inputs: { clusterIdentifier: unknown(CLUSTER), instanceClass: 'db.r6g.large', engine: 'aurora-postgresql' },
      },
    ]);
    expect(ids(r, MEMBER)).toEqual([]);
    expect(ids(r, CLUSTER)).toEqual(['backup-cross-account-copy', 'rds-deletion-protection']);
  });

  it('ties a known list of ARNs to the resources it was computed from (pulumi.all([db.arn]) in an update)', () => {
    const known = providerOutput(
      true,
      ['arn:aws:rds:us-east-1:111111111111:db:orders-7f3a'],
      [DB, urn('aws:iam/role:Role', 'backup')],
    );
    const r = judge([
      safeDb,
      key,
      vault,
      lock,
      backupProvider,
      central,
      centralLock,
      plan(unknown(CENTRAL)),
      selection(known),
    ]);
    expect(ids(r, DB)).toEqual([]);
  });

  it('reads the opt-out tag of a safe component as a reasoned acknowledgement of backup-cross-account-copy', () => {
    const tagged = (reason: string): ProviderResourceRecord => ({
      ...safeDb,
      inputs: { ...safeDb.inputs, tags: { 'deadbolt:backup-opt-out': reason } },
    });
    const ok = judge([tagged('scratch copy of public data, rebuilt nightly'), key]).findings.find(
      (f) => f.ruleId === 'backup-cross-account-copy',
    )!;
    expect(ok.severity).toBe('info');
    expect(ok.acknowledged?.reason).toBe('scratch copy of public data, rebuilt nightly');
    expect(ids(judge([tagged('  '), key]), DB)).toEqual(['backup-cross-account-copy']);
  });

  describe('found in review: programs that lost data silently, or failed safely configured', () => {
    const TABLE = urn('aws:dynamodb/table:Table', 'orders');
    const safeTable = (extra: Record<string, unknown> = {}): ProviderResourceRecord => ({
      id: TABLE,
      name: 'orders',
      type: 'aws:dynamodb/table:Table',
      options: KEEP,
      inputs: { name: 'orders', deletionProtectionEnabled: true, pointInTimeRecovery: { enabled: true }, ...extra },
    });

    it('judges every replica of a provider table (each is a table of its own, unprotected by default)', () => {
      const r = judge([
        safeTable({
          replicas: [
            { regionName: 'eu-west-1' },
            { regionName: 'eu-central-1', pointInTimeRecovery: true, deletionProtectionEnabled: true },
          ],
        }),
      ]);
      const replicaFindings = r.findings.filter((f) => f.resource.path === TABLE && f.message.startsWith('replica'));
      expect(replicaFindings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
        'dynamodb-deletion-protection: replica eu-west-1: replicas[].deletionProtectionEnabled is not set (provider default: false).',
        'dynamodb-point-in-time-recovery: replica eu-west-1: replicas[].pointInTimeRecovery is not set (provider default: false).',
      ]);
    });

    it('reads a database restored from a snapshot or a point in time as inheriting its key', () => {
      const restored = (inputs: Record<string, unknown>) =>
        judge([{ ...safeDb, inputs: { ...safeDb.inputs, kmsKeyId: undefined, ...inputs } }]).findings.find(
          (f) => f.ruleId === 'rds-customer-managed-key',
        );
      expect(restored({ snapshotIdentifier: 'orders-2024-06-01' })?.message).toContain(
        'inherited from snapshotIdentifier "orders-2024-06-01"',
      );
      expect(restored({ restoreToPointInTime: { sourceDbInstanceIdentifier: 'orders-old' } })?.message).toContain(
        'inherited from restoreToPointInTime.sourceDbInstanceIdentifier',
      );
    });

    it("applies a provider's defaultTags, which backup selections see like any tag", () => {
      const main: ProviderResourceRecord = {
        id: urn('pulumi:providers:aws', 'main'),
        name: 'main',
        type: 'pulumi:providers:aws',
        inputs: { region: 'us-east-1', defaultTags: JSON.stringify({ tags: { backup: 'none' } }) },
      };
      const table = { ...safeTable(), options: { ...KEEP, provider: `${main.id}::id` } };
      const all: ProviderResourceRecord = {
        ...selection(['*']),
        inputs: {
          ...selection(['*']).inputs,
          conditions: [{ stringNotEquals: [{ key: 'aws:ResourceTag/backup', value: 'none' }] }],
        },
      };
      const withoutTags = judge([
        vault,
        lock,
        backupProvider,
        central,
        centralLock,
        plan(unknown(CENTRAL)),
        all,
        { ...safeTable() },
      ]);
      expect(ids(withoutTags, TABLE)).toEqual([]);
      const excluded = judge([
        main,
        vault,
        lock,
        backupProvider,
        central,
        centralLock,
        plan(unknown(CENTRAL)),
        all,
        table,
      ]);
      expect(ids(excluded, TABLE)).toEqual(['backup-cross-account-copy']);
    });

    it('ties a DocumentDB cluster selected by cluster.arn', () => {
      const DOCS = urn('aws:docdb/cluster:Cluster', 'docs');
      const docs: ProviderResourceRecord = {
        id: DOCS,
        name: 'docs',
        type: 'aws:docdb/cluster:Cluster',
        options: KEEP,
        inputs: {
          clusterIdentifier: 'docs',
          deletionProtection: true,
          backupRetentionPeriod: 14,
          skipFinalSnapshot: false,
          finalSnapshotIdentifier: 'docs-final',
        },
      };
      expect(
        ids(
          judge([
            docs,
            vault,
            lock,
            backupProvider,
            central,
            centralLock,
            plan(unknown(CENTRAL)),
            selection([unknown(DOCS)]),
          ]),
          DOCS,
        ),
      ).toEqual([]);
    });

    it('reads assumeRoles given as JSON (as Pulumi passes provider inputs), and a region-only provider deploys to the default account', () => {
      const viaRole: ProviderResourceRecord = {
        id: BACKUP_PROVIDER,
        name: 'backup-account',
        type: 'pulumi:providers:aws',
        inputs: {
          region: 'us-east-1',
          assumeRoles: JSON.stringify([{ roleArn: 'arn:aws:iam::222222222222:role/deploy' }]),
        },
      };
      expect(
        ids(
          judge([
            safeDb,
            key,
            vault,
            lock,
            viaRole,
            central,
            centralLock,
            plan(unknown(CENTRAL)),
            selection([unknown(DB)]),
          ]),
          DB,
        ),
      ).toEqual([]);
      const WEST = urn('pulumi:providers:aws', 'west');
      const west: ProviderResourceRecord = {
        id: WEST,
        name: 'west',
        type: 'pulumi:providers:aws',
        inputs: { region: 'us-west-2' },
      };
      const westDb = { ...safeDb, options: { ...KEEP, provider: `${WEST}::id` } };
      expect(
        ids(
          judge([
            west,
            westDb,
            key,
            vault,
            lock,
            backupProvider,
            central,
            centralLock,
            plan(unknown(CENTRAL)),
            selection([unknown(DB)]),
          ]),
          DB,
        ),
      ).toEqual([]);
    });

    it("credits a named cluster's final snapshot; only instances in a cluster are members", () => {
      const CLUSTER = urn('aws:rds/cluster:Cluster', 'aurora');
      const cluster: ProviderResourceRecord = {
        id: CLUSTER,
        name: 'aurora',
        type: 'aws:rds/cluster:Cluster',
        inputs: { clusterIdentifier: 'aurora', skipFinalSnapshot: false, finalSnapshotIdentifier: 'aurora-final' },
      };
      expect(ids(judge([cluster]), CLUSTER).filter((id) => id.startsWith('general-'))).toEqual([]);
    });

    it('reads inline versioning on the legacy BucketV2 (versionings)', () => {
      const BV2 = urn('aws:s3/bucketV2:BucketV2', 'legacy');
      const r = judge([
        {
          id: BV2,
          name: 'legacy',
          type: 'aws:s3/bucketV2:BucketV2',
          options: KEEP,
          inputs: { versionings: [{ enabled: true }] },
        },
      ]);
      expect(ids(r, BV2)).not.toContain('s3-versioning');
    });

    it("narrows an unknown copy destination that also depends on the rule's own vault (CrossGuard gives dependencies per input)", () => {
      const both = providerOutput(false, undefined, [VAULT, CENTRAL]);
      const p: ProviderResourceRecord = {
        ...plan(both),
        inputs: {
          name: 'daily',
          rules: [{ ruleName: 'daily', targetVaultName: unknown(VAULT), copyActions: [{ destinationVaultArn: both }] }],
        },
      };
      expect(
        ids(judge([safeDb, key, vault, lock, backupProvider, central, centralLock, p, selection([unknown(DB)])]), PLAN),
      ).toEqual([]);
    });

    it('does not judge the 2017 global table, which only links tables', () => {
      const r = judge([
        {
          id: urn('aws:dynamodb/globalTable:GlobalTable', 'g'),
          name: 'g',
          type: 'aws:dynamodb/globalTable:GlobalTable',
          inputs: { name: 'g', replicas: [{ regionName: 'eu-west-1' }] },
        },
      ]);
      expect(r.findings).toEqual([]);
    });

    it('tells a Pulumi user how to name the account, not about environment-agnostic stacks', () => {
      const model = readProviderModel({
        id: 'shop/prod',
        name: 'prod',
        resources: [
          safeDb,
          key,
          vault,
          lock,
          backupProvider,
          central,
          centralLock,
          plan(unknown(CENTRAL)),
          selection([unknown(DB)]),
        ],
      });
      const r = evaluate(model, { idiom: 'pulumi' });
      const f = r.findings.find((x) => x.ruleId === 'backup-cross-account-copy')!;
      expect(f.message).toContain('set `aws:allowedAccountIds`, or pass `account` to Deadbolt');
      expect(f.message).not.toContain('environment-agnostic');
    });
  });
});

describe('the general rules in the provider dialect follow the protection table', () => {
  const VOLUME = urn('aws:ebs/volume:Volume', 'data');
  const MEMBER = urn('aws:rds/clusterInstance:ClusterInstance', 'orders-1');

  test('an EBS volume with `finalSnapshot: true` is kept as a snapshot on delete; without it, it is deleted', () => {
    const volume = (inputs: Record<string, unknown>) =>
      judge([
        {
          id: VOLUME,
          name: 'data',
          type: 'aws:ebs/volume:Volume',
          inputs: { availabilityZone: 'us-east-1a', size: 100, ...inputs },
        },
      ]);
    const rule = (r: ReturnType<typeof judge>) =>
      r.findings.filter((f) => f.ruleId === 'general-deletion-policy').map((f) => f.message);
    expect(rule(volume({ finalSnapshot: true }))).toEqual([]);
    expect(rule(volume({}))).toEqual([expect.stringContaining('`retainOnDelete` and `protect` are not set')]);
  });

  test('a replication group or MemoryDB cluster with a final snapshot name keeps a snapshot on delete', () => {
    const rule = (type: string, inputs: Record<string, unknown>) =>
      judge([{ id: urn(type, 'cache'), name: 'cache', type, inputs }])
        .findings.filter((f) => f.ruleId === 'general-deletion-policy')
        .map((f) => f.message);
    expect(
      rule('aws:elasticache/replicationGroup:ReplicationGroup', { finalSnapshotIdentifier: 'cache-final' }),
    ).toEqual([]);
    expect(rule('aws:memorydb/cluster:Cluster', { finalSnapshotName: 'cache-final' })).toEqual([]);
    expect(rule('aws:memorydb/cluster:Cluster', {})).toEqual([
      expect.stringContaining('`finalSnapshotName` is not set'),
    ]);
  });

  test('an Aurora cluster instance is judged by its cluster, not by the removal rules', () => {
    const r = judge([
      {
        id: MEMBER,
        name: 'orders-1',
        type: 'aws:rds/clusterInstance:ClusterInstance',
        inputs: { clusterIdentifier: 'orders', instanceClass: 'db.r6g.large', engine: 'aurora-postgresql' },
      },
    ]);
    expect(r.findings.filter((f) => f.resource.path === MEMBER && f.ruleId.startsWith('general-'))).toEqual([]);
  });
});
