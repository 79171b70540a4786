import { plainValues, protectionLowerings } from '../../gate/protection';
import { protectionOf } from '../table';
import { protects } from '../setting';

/** The properties a change lowers, as the plan gate reports them. */
const lowered = (type: string, dialect: 'cloudformation' | 'terraform' | 'pulumi', before: unknown, after: unknown) =>
  protectionLowerings(type, dialect, plainValues(before, after)).map((l) => l.property);

describe('warehouse, cache and relational stores in the protection table', () => {
  test('the plan gate sees a final snapshot skipped or unnamed, in Terraform and Pulumi', () => {
    expect(
      lowered('AWS::Redshift::Cluster', 'terraform', { skip_final_snapshot: false }, { skip_final_snapshot: true }),
    ).toEqual(['skip_final_snapshot']);
    expect(
      lowered(
        'AWS::ElastiCache::ReplicationGroup',
        'terraform',
        { final_snapshot_identifier: 'sessions-final' },
        { final_snapshot_identifier: null },
      ),
    ).toEqual(['final_snapshot_identifier']);
    expect(lowered('AWS::Lightsail::Database', 'pulumi', { finalSnapshotName: 'db-final' }, {})).toEqual([
      'finalSnapshotName',
    ]);
    expect(lowered('AWS::MemoryDB::Cluster', 'cloudformation', { FinalSnapshotName: 'm' }, {})).toEqual([
      'FinalSnapshotName',
    ]);
  });

  test('retention: a removed Redshift or replication-group argument falls to its default, a computed one stays', () => {
    expect(lowered('AWS::Redshift::Cluster', 'terraform', { automated_snapshot_retention_period: 7 }, {})).toEqual([
      'automated_snapshot_retention_period',
    ]);
    expect(lowered('AWS::ElastiCache::ReplicationGroup', 'terraform', { snapshot_retention_limit: 7 }, {})).toEqual([
      'snapshot_retention_limit',
    ]);
    expect(lowered('AWS::MemoryDB::Cluster', 'terraform', { snapshot_retention_limit: 7 }, {})).toEqual([]);
    expect(
      lowered(
        'AWS::DocDBElastic::Cluster',
        'cloudformation',
        { BackupRetentionPeriod: 7 },
        { BackupRetentionPeriod: 1 },
      ),
    ).toEqual(['BackupRetentionPeriod']);
  });

  test('a shorter Timestream magnetic retention deletes records at once: the gate sees it', () => {
    expect(
      lowered(
        'AWS::Timestream::Table',
        'terraform',
        { retention_properties: [{ magnetic_store_retention_period_in_days: 365 }] },
        { retention_properties: [{ magnetic_store_retention_period_in_days: 30 }] },
      ),
    ).toEqual(['retention_properties[0].magnetic_store_retention_period_in_days']);
    expect(
      lowered(
        'AWS::Timestream::Table',
        'cloudformation',
        {},
        { RetentionProperties: { MagneticStoreRetentionPeriodInDays: '3650', MemoryStoreRetentionPeriodInHours: '6' } },
      ),
    ).toEqual(['RetentionProperties.MagneticStoreRetentionPeriodInDays']);
  });

  test('point-in-time recovery, automated backups and customer managed keys', () => {
    expect(
      lowered(
        'AWS::Cassandra::Table',
        'terraform',
        { point_in_time_recovery: [{ status: 'ENABLED' }] },
        { point_in_time_recovery: [{ status: 'DISABLED' }] },
      ),
    ).toEqual(['point_in_time_recovery[0].status']);
    expect(
      lowered(
        'AWS::Lightsail::Database',
        'terraform',
        { backup_retention_enabled: true },
        { backup_retention_enabled: false },
      ),
    ).toEqual(['backup_retention_enabled']);
    expect(lowered('AWS::DocDB::DBCluster', 'cloudformation', { KmsKeyId: 'arn:aws:kms:k' }, {})).toEqual(['KmsKeyId']);
    // The provider keeps the deployed key when the argument is removed.
    expect(lowered('AWS::Neptune::DBCluster', 'terraform', { kms_key_arn: 'arn:aws:kms:k' }, {})).toEqual([]);
  });

  test('safe values are what the rules ask for; a key or a snapshot name is never written for the user', () => {
    const redshift = protectionOf('AWS::Redshift::Cluster')!.settings;
    expect(protects(redshift[0], undefined, 7)).toBe(false);
    expect(protects(redshift[0], 7, 7)).toBe(true);
    const keyspaces = protectionOf('AWS::Cassandra::Table')!.settings[0];
    expect(protects(keyspaces, 'ENABLED', 7, true)).toBe(true);
    expect(protects(keyspaces, undefined, 7)).toBe(false);
    expect(protectionOf('AWS::Lightsail::Database')!.settings[0].absent).toBe(true);
    for (const type of ['AWS::DocDB::DBCluster', 'AWS::RedshiftServerless::Namespace', 'AWS::MemoryDB::Cluster']) {
      for (const s of protectionOf(type)!.settings) {
        if (s.kind === 'presence')
          expect({ type, label: s.label, safe: s.safe }).toEqual({ type, label: s.label, safe: undefined });
      }
    }
    expect(protectionOf('AWS::Timestream::Table')!.settings[0].safe).toBeUndefined();
  });
});
