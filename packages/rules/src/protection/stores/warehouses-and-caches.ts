import { settings, type ProtectiveSetting } from '../setting';
import type { StoreProtection } from '../store';
import { customerManagedKey, finalSnapshotName } from './relational';

/**
 * Warehouses, caches, wide-column, time-series and search stores.
 *
 * Defaults, from the vendor pages below: Redshift keeps automated snapshots 1
 * day (0 turns them off); ElastiCache keeps none unless `SnapshotRetentionLimit`
 * is set (a serverless cache takes no daily snapshot unless it has a daily
 * snapshot time); the Terraform provider documents MemoryDB's default as 0,
 * and CloudFormation documents none; DocumentDB elastic clusters keep 1 day;
 * a Lightsail database keeps automated backups unless they are disabled;
 * Keyspaces point-in-time recovery is off; a Timestream table keeps records
 * 73,000 days in the magnetic store.
 *
 * A memcached cluster or serverless cache is a cache: the rules leave it
 * alone. A Valkey or Redis OSS replication group or serverless cache is judged
 * as a data store; an `AWS::ElastiCache::CacheCluster` (memcached, or a single
 * legacy node) only when tagged `deadbolt:data=true`.
 * @see https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-serverlesscache.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/memorydb_cluster#snapshot_retention_limit
 * @see https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-automatic.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdbelastic-cluster.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lightsail_database#backup_retention_enabled
 * @see https://docs.aws.amazon.com/keyspaces/latest/devguide/PointInTimeRecovery.html
 * @see https://docs.aws.amazon.com/timestream/latest/developerguide/storage.html
 */
const { snapshotRetention, skipFinalSnapshot, backupRetention } = settings;

/** A final snapshot named by a CloudFormation property (the types `DeletionPolicy: Snapshot` does not cover). */
const finalSnapshotProperty = (ruleId: string, cfn: string, tf?: string): ProtectiveSetting => ({
  ...finalSnapshotName(ruleId, tf ?? 'final_snapshot_name', cfn),
  terraform: tf ? [tf] : undefined,
});
export const WAREHOUSE_AND_CACHE_STORES: readonly StoreProtection[] = [
  {
    type: 'AWS::Redshift::Cluster',
    holds: 'a data warehouse',
    snapshot: true,
    settings: [
      // The provider sends its own default (1) when the argument is removed: not computed.
      {
        ...snapshotRetention(
          1,
          'AutomatedSnapshotRetentionPeriod',
          'automated_snapshot_retention_period',
          'redshift-snapshot-retention',
        ),
        computed: false,
      },
      customerManagedKey('redshift-customer-managed-key'),
      skipFinalSnapshot('redshift-final-snapshot'),
      finalSnapshotName('redshift-final-snapshot'),
    ],
  },
  {
    type: 'AWS::RedshiftServerless::Namespace',
    holds: 'a data warehouse namespace',
    snapshot: false,
    settings: [
      customerManagedKey('redshift-customer-managed-key'),
      finalSnapshotProperty('redshift-final-snapshot', 'FinalSnapshotName'),
    ],
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    holds: 'an in-memory data store',
    snapshot: true,
    settings: [
      // Optional without a default in the provider: removing it sends 0.
      {
        ...snapshotRetention(0, 'SnapshotRetentionLimit', 'snapshot_retention_limit', 'elasticache-snapshot-retention'),
        computed: false,
      },
      finalSnapshotName('elasticache-final-snapshot'),
    ],
  },
  {
    type: 'AWS::ElastiCache::CacheCluster',
    holds: 'a cache',
    snapshot: true,
    transient: 'a cache that can be rebuilt',
    // A Terraform/Pulumi `aws_elasticache_cluster` with `replication_group_id` is a node of that replication group,
    // which holds the data and whose settings govern it (CloudFormation's CacheCluster has no such property).
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_cluster#replication_group_id
    member: { property: 'ReplicationGroupId', required: false, clusterTypes: ['AWS::ElastiCache::ReplicationGroup'] },
    settings: [
      // Judged only when tagged as data, and never for memcached (which has no snapshots).
      {
        ...snapshotRetention(0, 'SnapshotRetentionLimit', 'snapshot_retention_limit', 'elasticache-snapshot-retention'),
        computed: false,
        onlyWhenData: true,
        unlessProperty: { property: 'Engine', matches: /^memcached$/i },
      },
    ],
  },
  {
    type: 'AWS::ElastiCache::ServerlessCache',
    transientWhen: { path: ['Engine'], matches: /^memcached$/i, reason: 'a memcached cache holds no data at rest' },
    holds: 'an in-memory data store',
    snapshot: false,
    settings: [
      snapshotRetention(0, 'SnapshotRetentionLimit', 'snapshot_retention_limit', 'elasticache-snapshot-retention'),
      finalSnapshotProperty('elasticache-final-snapshot', 'FinalSnapshotName'),
    ],
  },
  {
    type: 'AWS::ElastiCache::GlobalReplicationGroup',
    holds: 'a multi-Region in-memory data store',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::MemoryDB::Cluster',
    holds: 'a durable in-memory database',
    snapshot: false,
    settings: [
      snapshotRetention(0, 'SnapshotRetentionLimit', 'snapshot_retention_limit', 'memorydb-snapshot-retention'),
      finalSnapshotProperty('memorydb-final-snapshot', 'FinalSnapshotName', 'final_snapshot_name'),
    ],
  },
  {
    type: 'AWS::MemoryDB::MultiRegionCluster',
    holds: 'a multi-Region durable in-memory database',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::DocDBElastic::Cluster',
    holds: 'a document database',
    snapshot: false,
    settings: [backupRetention(1, 'docdb-elastic-backup-retention')],
  },
  { type: 'AWS::Timestream::Database', holds: 'a time-series database', snapshot: false, settings: [] },
  {
    type: 'AWS::Timestream::Table',
    holds: 'a time-series table',
    snapshot: false,
    settings: [
      {
        label: 'the magnetic store retention',
        lowered: 'records older than the new retention are deleted',
        kind: 'decrease',
        cloudformation: ['RetentionProperties.MagneticStoreRetentionPeriodInDays'],
        terraform: ['retention_properties[0].magnetic_store_retention_period_in_days'],
        absent: 73000,
        computed: true,
        ruleId: 'timestream-magnetic-store-retention',
        // No safe value: how long records are kept is the user's choice.
      },
    ],
  },
  {
    type: 'AWS::Timestream::InfluxDBInstance',
    holds: 'an InfluxDB time-series database',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::Timestream::InfluxDBCluster',
    holds: 'an InfluxDB time-series database cluster',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::Cassandra::Keyspace',
    holds: 'a Keyspaces keyspace (deleting it deletes its tables)',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::Cassandra::Table',
    holds: 'a Keyspaces table',
    snapshot: false,
    settings: [
      {
        label: 'point-in-time recovery',
        lowered: 'point-in-time recovery is off',
        kind: 'on-off',
        cloudformation: ['PointInTimeRecoveryEnabled'],
        terraform: ['point_in_time_recovery[0].status'],
        absent: false,
        ruleId: 'keyspaces-point-in-time-recovery',
        safe: true,
        providerSafe: 'ENABLED',
      },
    ],
  },
  {
    type: 'AWS::Lightsail::Database',
    holds: 'a relational database',
    snapshot: false,
    settings: [
      {
        label: 'automated backups',
        lowered: 'automated backups are off, and the ones kept so far are deleted',
        kind: 'on-off',
        cloudformation: ['BackupRetention'],
        terraform: ['backup_retention_enabled'],
        absent: true,
        ruleId: 'lightsail-database-backup-retention',
        safe: true,
      },
      skipFinalSnapshot('lightsail-database-final-snapshot'),
      finalSnapshotName('lightsail-database-final-snapshot', 'final_snapshot_name'),
    ],
  },
  { type: 'AWS::SDB::Domain', holds: 'a SimpleDB domain', snapshot: false, settings: [] },
  { type: 'AWS::OpenSearchService::Domain', holds: 'a search index', snapshot: false, settings: [] },
  { type: 'AWS::Elasticsearch::Domain', holds: 'a search index', snapshot: false, settings: [] },
  {
    type: 'AWS::OpenSearchServerless::Collection',
    holds: 'a search and vector store',
    snapshot: false,
    settings: [
      settings.deletionProtection(
        'DeletionProtection',
        'deletion_protection',
        undefined,
        'opensearch-serverless-deletion-protection',
        'ENABLED',
      ),
    ],
  },
  {
    type: 'AWS::Redshift::Snapshot',
    holds: 'a manual data warehouse snapshot (a backup)',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::RedshiftServerless::Snapshot',
    holds: 'a data warehouse snapshot (a backup)',
    snapshot: false,
    settings: [],
  },
];
