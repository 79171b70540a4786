/**
 * The destructive-action catalogue of the IAM audit (`deadbolt iam`): the AWS
 * actions that delete a data store of the protection table, delete its backups,
 * lower the settings that keep its data, or remove the guardrail (a service
 * control policy, a permissions boundary) that stops a principal from doing so.
 *
 * Actions are spelt as the Service Authorization Reference spells them:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 * `destructive-actions.test.ts` checks every name against that reference, and
 * lists the Delete/Remove/Disable/Purge/Terminate actions of every service used
 * here that were judged not destructive, each with its reason.
 *
 * Kinds:
 * - `delete`: the call itself destroys data (a store, a backup, stored records)
 *   or makes it unusable (a disabled key).
 * - `lower-protection`: the call changes a setting (deletion protection,
 *   retention, versioning, a lock, a backup plan, a resource policy that denies
 *   deletes) after which the service, or a later call, destroys the data.
 * - `remove-guardrail`: the call removes a limit set above the principal (an
 *   SCP, a permissions boundary), so the denies that stopped a deletion no
 *   longer apply. `stores` is empty: a guardrail covers every store.
 */
import { PROTECTION_TABLE } from '../protection/table';

export type DestructiveKind = 'delete' | 'lower-protection' | 'remove-guardrail';

export interface DestructiveAction {
  /** As the Service Authorization Reference spells it: 'rds:DeleteDBInstance'. */
  readonly action: string;
  readonly kind: DestructiveKind;
  /** Why it loses data, one or two sentences, specific. */
  readonly why: string;
  /** CloudFormation types (protection table entries) whose data it destroys or unprotects; [] for guardrail actions. */
  readonly stores: readonly string[];
  /** ARN service segments of the action's resources when they differ from the action's prefix (from the SAR resource types); omitted otherwise. */
  readonly arnServices?: readonly string[];
  /**
   * Request context values that the destructive form of the call carries (condition key → values). A condition on
   * one of these keys is decided with them instead of being left undecided: a policy that allows
   * `s3express:CreateSession` only with `s3express:SessionMode` `ReadOnly` does not allow the session that deletes.
   */
  readonly request?: Readonly<Record<string, readonly string[]>>;
}

const RDS_INSTANCES = ['AWS::RDS::DBInstance', 'AWS::DocDB::DBInstance', 'AWS::Neptune::DBInstance'];
const RDS_CLUSTERS = ['AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster'];
const RDS_GLOBAL_CLUSTERS = ['AWS::RDS::GlobalCluster', 'AWS::DocDB::GlobalCluster', 'AWS::Neptune::GlobalCluster'];
const DYNAMODB_TABLES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'];
const BACKUP_VAULTS = ['AWS::Backup::BackupVault', 'AWS::Backup::LogicallyAirGappedBackupVault'];
const KMS_KEYS = ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'];
/** A stack may hold any type of the table: its deletion or unprotection reaches them all. */
const EVERY_TABLE_TYPE: readonly string[] = PROTECTION_TABLE.map((s) => s.type);

/**
 * Recovery point ARNs take the service of the resource backed up
 * (`arn:${Partition}:${Vendor}:...` in the SAR): AWS Backup's own for fully
 * managed types (EFS, DynamoDB advanced backups, S3, ...), and the snapshot ARN
 * of EBS/EC2, RDS/Aurora/DocumentDB/Neptune, FSx and Redshift otherwise.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/whatisbackup.html#features-by-resource
 */
const RECOVERY_POINT_ARN_SERVICES = ['backup', 'ec2', 'rds', 'fsx', 'redshift', 'redshift-serverless'];

export const DESTRUCTIVE_ACTIONS: readonly DestructiveAction[] = [
  // --- RDS, Aurora, DocumentDB and Neptune (all `rds:` actions) ---------------
  {
    action: 'rds:DeleteDBInstance',
    kind: 'delete',
    why: 'Deletes the DB instance and, unless DeleteAutomatedBackups is false, its automated backups; with SkipFinalSnapshot no snapshot is kept.',
    stores: RDS_INSTANCES,
  },
  {
    action: 'rds:DeleteDBCluster',
    kind: 'delete',
    why: 'Deletes the DB cluster and its storage volume, and unless told otherwise its automated backups; with SkipFinalSnapshot no snapshot is kept.',
    stores: RDS_CLUSTERS,
  },
  {
    action: 'rds:DeleteGlobalCluster',
    kind: 'delete',
    why: 'Deletes the global database; after its member clusters are removed or deleted this ends the cross-Region copy for good.',
    stores: RDS_GLOBAL_CLUSTERS,
  },
  {
    action: 'rds:DeleteDBSnapshot',
    kind: 'delete',
    why: 'Deletes a manual DB snapshot, which outlives the instance and is often the only copy kept after it is deleted.',
    stores: ['AWS::RDS::DBSnapshot', ...RDS_INSTANCES],
  },
  {
    action: 'rds:DeleteDBClusterSnapshot',
    kind: 'delete',
    why: 'Deletes a manual DB cluster snapshot of an Aurora, DocumentDB or Neptune cluster.',
    stores: ['AWS::RDS::ClusterSnapshot', ...RDS_CLUSTERS],
  },
  {
    action: 'rds:DeleteDBInstanceAutomatedBackup',
    kind: 'delete',
    why: 'Deletes the retained automated backups (and point-in-time recovery) of a DB instance, including those kept after the instance was deleted or replicated to another Region.',
    stores: RDS_INSTANCES,
  },
  {
    action: 'rds:DeleteDBClusterAutomatedBackup',
    kind: 'delete',
    why: 'Deletes the retained automated backups of a DB cluster, kept after the cluster was deleted: the last way to restore it.',
    stores: RDS_CLUSTERS,
  },
  {
    action: 'rds:DeleteTenantDatabase',
    kind: 'delete',
    why: 'Drops a tenant database (an Oracle pluggable database) of a multitenant DB instance, with its data.',
    stores: ['AWS::RDS::DBInstance'],
  },
  {
    action: 'rds:DeleteDBShardGroup',
    kind: 'delete',
    why: 'Deletes the DB shard group of an Aurora Limitless Database, which holds its sharded and reference tables.',
    stores: ['AWS::RDS::DBCluster'],
  },
  {
    action: 'rds:ModifyDBInstance',
    kind: 'lower-protection',
    why: 'Can turn deletion protection off and set BackupRetentionPeriod to 0, which deletes the automated backups; no condition key limits either.',
    stores: RDS_INSTANCES,
  },
  {
    action: 'rds:ModifyDBCluster',
    kind: 'lower-protection',
    why: "Can turn the cluster's deletion protection off and shorten its backup retention to 1 day; no condition key limits either.",
    stores: RDS_CLUSTERS,
  },
  {
    action: 'rds:ModifyGlobalCluster',
    kind: 'lower-protection',
    why: "Can turn the global database's deletion protection off.",
    stores: RDS_GLOBAL_CLUSTERS,
  },
  {
    action: 'rds:StopDBInstanceAutomatedBackupsReplication',
    kind: 'lower-protection',
    why: "Stops copying the instance's automated backups to another Region, removing the copy that survives the loss of the Region or the account's backups there.",
    stores: ['AWS::RDS::DBInstance'],
  },
  // --- Neptune data plane and Neptune Analytics ---------------------------------
  {
    action: 'neptune-db:ResetDatabase',
    kind: 'delete',
    why: 'Resets a Neptune cluster (fast reset): every vertex, edge and triple in the database is deleted.',
    stores: ['AWS::Neptune::DBCluster'],
  },
  {
    action: 'neptune-db:DeleteDataViaQuery',
    kind: 'delete',
    why: 'Lets Gremlin, openCypher and SPARQL queries delete data in a Neptune database, up to all of it.',
    stores: ['AWS::Neptune::DBCluster'],
  },
  {
    action: 'neptune-graph:DeleteGraph',
    kind: 'delete',
    why: 'Deletes a Neptune Analytics graph and its data; with SkipSnapshot no final snapshot is kept.',
    stores: ['AWS::NeptuneGraph::Graph'],
  },
  {
    action: 'neptune-graph:DeleteGraphSnapshot',
    kind: 'delete',
    why: 'Deletes a snapshot of a Neptune Analytics graph.',
    stores: ['AWS::NeptuneGraph::Graph'],
  },
  {
    action: 'neptune-graph:ResetGraph',
    kind: 'delete',
    why: 'Empties a Neptune Analytics graph: all its data is deleted, the graph itself stays.',
    stores: ['AWS::NeptuneGraph::Graph'],
  },
  {
    action: 'neptune-graph:DeleteDataViaQuery',
    kind: 'delete',
    why: 'Lets openCypher queries delete nodes and edges of a Neptune Analytics graph, up to all of them.',
    stores: ['AWS::NeptuneGraph::Graph'],
  },
  {
    action: 'neptune-graph:UpdateGraph',
    kind: 'lower-protection',
    why: "Can turn a Neptune Analytics graph's deletion protection off.",
    stores: ['AWS::NeptuneGraph::Graph'],
  },
  // --- Aurora DSQL, QLDB, DocumentDB elastic ------------------------------------
  {
    action: 'dsql:DeleteCluster',
    kind: 'delete',
    why: 'Deletes an Aurora DSQL cluster and all of its data.',
    stores: ['AWS::DSQL::Cluster'],
  },
  {
    action: 'dsql:UpdateCluster',
    kind: 'lower-protection',
    why: "Can turn an Aurora DSQL cluster's deletion protection off.",
    stores: ['AWS::DSQL::Cluster'],
  },
  {
    action: 'qldb:DeleteLedger',
    kind: 'delete',
    why: 'Deletes a QLDB ledger and its journal; there is no backup to restore it from.',
    stores: ['AWS::QLDB::Ledger'],
  },
  {
    action: 'qldb:UpdateLedger',
    kind: 'lower-protection',
    why: "Can turn a QLDB ledger's deletion protection off.",
    stores: ['AWS::QLDB::Ledger'],
  },
  {
    action: 'docdb-elastic:DeleteCluster',
    kind: 'delete',
    why: 'Deletes a DocumentDB elastic cluster and its data.',
    stores: ['AWS::DocDBElastic::Cluster'],
  },
  {
    action: 'docdb-elastic:DeleteClusterSnapshot',
    kind: 'delete',
    why: 'Deletes a snapshot of a DocumentDB elastic cluster.',
    stores: ['AWS::DocDBElastic::Cluster'],
  },
  {
    action: 'docdb-elastic:UpdateCluster',
    kind: 'lower-protection',
    why: 'Can shorten the backup retention period of a DocumentDB elastic cluster, deleting its older automatic snapshots.',
    stores: ['AWS::DocDBElastic::Cluster'],
  },
  // --- DynamoDB -------------------------------------------------------------------
  {
    action: 'dynamodb:DeleteTable',
    kind: 'delete',
    why: 'Deletes the table and all its items; its point-in-time recovery window goes with it (on-demand backups remain).',
    stores: DYNAMODB_TABLES,
  },
  {
    action: 'dynamodb:DeleteTableReplica',
    kind: 'delete',
    why: 'Deletes a replica of a global table and all its items in that Region.',
    stores: ['AWS::DynamoDB::GlobalTable'],
  },
  {
    action: 'dynamodb:DeleteBackup',
    kind: 'delete',
    why: 'Deletes an on-demand backup of a table, the copy kept after the table is deleted.',
    stores: DYNAMODB_TABLES,
  },
  {
    action: 'dynamodb:UpdateTable',
    kind: 'lower-protection',
    why: "Can turn the table's deletion protection off (DeletionProtectionEnabled) and, with ReplicaUpdates, remove replicas of a global table.",
    stores: DYNAMODB_TABLES,
  },
  {
    action: 'dynamodb:UpdateContinuousBackups',
    kind: 'lower-protection',
    why: 'Can turn point-in-time recovery off, deleting the continuous backups, or shorten its recovery period.',
    stores: DYNAMODB_TABLES,
  },
  {
    action: 'dynamodb:UpdateGlobalTable',
    kind: 'lower-protection',
    why: 'Can remove Regions from a global table (version 2017.11.29), ending their copy of the data.',
    stores: ['AWS::DynamoDB::GlobalTable'],
  },
  {
    action: 'dynamodb:UpdateTimeToLive',
    kind: 'lower-protection',
    why: 'Enables time to live on an attribute: DynamoDB then deletes every item whose attribute holds an epoch time in the past, without asking.',
    stores: DYNAMODB_TABLES,
  },
  // --- Redshift ---------------------------------------------------------------------
  {
    action: 'redshift:DeleteCluster',
    kind: 'delete',
    why: 'Deletes the Redshift cluster and its automated snapshots; with SkipFinalClusterSnapshot no final snapshot is kept.',
    stores: ['AWS::Redshift::Cluster'],
  },
  {
    action: 'redshift:DeleteClusterSnapshot',
    kind: 'delete',
    why: 'Deletes a manual Redshift snapshot, which survives the deletion of its cluster.',
    stores: ['AWS::Redshift::Snapshot', 'AWS::Redshift::Cluster'],
  },
  {
    action: 'redshift:ModifyCluster',
    kind: 'lower-protection',
    why: 'Can set AutomatedSnapshotRetentionPeriod to 0 (provisioned clusters other than RA3), deleting the automated snapshots, and shorten ManualSnapshotRetentionPeriod.',
    stores: ['AWS::Redshift::Cluster'],
  },
  {
    action: 'redshift:ModifyClusterSnapshot',
    kind: 'lower-protection',
    why: "Can shorten a manual snapshot's retention period, after which Redshift deletes the snapshot.",
    stores: ['AWS::Redshift::Snapshot', 'AWS::Redshift::Cluster'],
  },
  {
    action: 'redshift:DisableSnapshotCopy',
    kind: 'lower-protection',
    why: "Stops copying the cluster's snapshots to another Region, removing the copy that survives the loss of the Region.",
    stores: ['AWS::Redshift::Cluster'],
  },
  {
    action: 'redshift:ModifySnapshotCopyRetentionPeriod',
    kind: 'lower-protection',
    why: 'Shortens how long copied automated snapshots are kept in the destination Region: Redshift deletes those outside the new period at once.',
    stores: ['AWS::Redshift::Cluster'],
  },
  {
    action: 'redshift-serverless:DeleteNamespace',
    kind: 'delete',
    why: 'Deletes a Redshift Serverless namespace (its databases and data); a final snapshot is taken only when finalSnapshotName is given.',
    stores: ['AWS::RedshiftServerless::Namespace'],
  },
  {
    action: 'redshift-serverless:DeleteSnapshot',
    kind: 'delete',
    why: 'Deletes a Redshift Serverless snapshot of a namespace.',
    stores: ['AWS::RedshiftServerless::Snapshot', 'AWS::RedshiftServerless::Namespace'],
  },
  {
    action: 'redshift-serverless:UpdateSnapshot',
    kind: 'lower-protection',
    why: "Can shorten a Redshift Serverless snapshot's retention period, after which the snapshot is deleted.",
    stores: ['AWS::RedshiftServerless::Snapshot'],
  },
  {
    action: 'redshift-serverless:DeleteSnapshotCopyConfiguration',
    kind: 'lower-protection',
    why: "Stops copying a namespace's snapshots to another Region.",
    stores: ['AWS::RedshiftServerless::Namespace'],
  },
  // --- ElastiCache and MemoryDB -----------------------------------------------------------
  {
    action: 'elasticache:DeleteReplicationGroup',
    kind: 'delete',
    why: "Deletes a replication group and all its nodes' data, and its automatic backups; a final snapshot is kept only when FinalSnapshotIdentifier is given.",
    stores: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
  },
  {
    action: 'elasticache:DeleteCacheCluster',
    kind: 'delete',
    why: 'Deletes a cache cluster and its data and automatic backups, unless FinalSnapshotIdentifier is given.',
    stores: ['AWS::ElastiCache::CacheCluster'],
  },
  {
    action: 'elasticache:DeleteServerlessCache',
    kind: 'delete',
    why: 'Deletes a serverless cache and its data, with its automatic snapshots, unless FinalSnapshotName is given.',
    stores: ['AWS::ElastiCache::ServerlessCache'],
  },
  {
    action: 'elasticache:DeleteGlobalReplicationGroup',
    kind: 'delete',
    why: 'Deletes a global datastore; with RetainPrimaryReplicationGroup false its primary replication group is deleted too.',
    stores: ['AWS::ElastiCache::GlobalReplicationGroup', 'AWS::ElastiCache::ReplicationGroup'],
  },
  {
    action: 'elasticache:DeleteSnapshot',
    kind: 'delete',
    why: 'Deletes an ElastiCache snapshot (backup) of a cluster or replication group.',
    stores: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
  },
  {
    action: 'elasticache:DeleteServerlessCacheSnapshot',
    kind: 'delete',
    why: 'Deletes a snapshot of a serverless cache.',
    stores: ['AWS::ElastiCache::ServerlessCache'],
  },
  {
    action: 'elasticache:ModifyReplicationGroup',
    kind: 'lower-protection',
    why: "Can set a replication group's SnapshotRetentionLimit to 0, turning its automatic backups off.",
    stores: ['AWS::ElastiCache::ReplicationGroup'],
  },
  {
    action: 'elasticache:ModifyCacheCluster',
    kind: 'lower-protection',
    why: "Can set a cache cluster's SnapshotRetentionLimit to 0, turning its automatic backups off.",
    stores: ['AWS::ElastiCache::CacheCluster'],
  },
  {
    action: 'elasticache:ModifyServerlessCache',
    kind: 'lower-protection',
    why: "Can set a serverless cache's SnapshotRetentionLimit to 0, turning its automatic snapshots off.",
    stores: ['AWS::ElastiCache::ServerlessCache'],
  },
  {
    action: 'memorydb:DeleteCluster',
    kind: 'delete',
    why: 'Deletes a MemoryDB cluster and its durable data; a final snapshot is kept only when FinalSnapshotName is given.',
    stores: ['AWS::MemoryDB::Cluster'],
  },
  {
    action: 'memorydb:DeleteMultiRegionCluster',
    kind: 'delete',
    why: 'Deletes a MemoryDB multi-Region cluster, ending the copy its Regional clusters share.',
    stores: ['AWS::MemoryDB::MultiRegionCluster'],
  },
  {
    action: 'memorydb:DeleteSnapshot',
    kind: 'delete',
    why: 'Deletes a MemoryDB snapshot.',
    stores: ['AWS::MemoryDB::Snapshot', 'AWS::MemoryDB::Cluster'],
  },
  {
    action: 'memorydb:UpdateCluster',
    kind: 'lower-protection',
    why: "Can set a MemoryDB cluster's SnapshotRetentionLimit to 0, turning its automatic snapshots off.",
    stores: ['AWS::MemoryDB::Cluster'],
  },
  // --- Timestream, Keyspaces, Lightsail, SimpleDB ----------------------------------------------
  {
    action: 'timestream:DeleteTable',
    kind: 'delete',
    why: 'Deletes a Timestream table and every time series record in it.',
    stores: ['AWS::Timestream::Table'],
  },
  {
    action: 'timestream:DeleteDatabase',
    kind: 'delete',
    why: 'Deletes a Timestream database (Timestream first requires its tables be deleted).',
    stores: ['AWS::Timestream::Database'],
  },
  {
    action: 'timestream:UpdateTable',
    kind: 'lower-protection',
    why: "Can shorten a table's memory or magnetic store retention: records older than the new period are deleted.",
    stores: ['AWS::Timestream::Table'],
  },
  {
    action: 'timestream-influxdb:DeleteDbInstance',
    kind: 'delete',
    why: 'Deletes a Timestream for InfluxDB instance and its data.',
    stores: ['AWS::Timestream::InfluxDBInstance'],
  },
  {
    action: 'timestream-influxdb:DeleteDbCluster',
    kind: 'delete',
    why: 'Deletes a Timestream for InfluxDB cluster and its data.',
    stores: ['AWS::Timestream::InfluxDBCluster'],
  },
  {
    action: 'timestream-influxdb:DeleteDbBackup',
    kind: 'delete',
    why: 'Deletes a backup of a Timestream for InfluxDB instance or cluster.',
    stores: ['AWS::Timestream::InfluxDBInstance', 'AWS::Timestream::InfluxDBCluster'],
  },
  {
    action: 'cassandra:Drop',
    kind: 'delete',
    why: 'Drops a Keyspaces keyspace or table (DROP KEYSPACE, DROP TABLE) with all its rows.',
    stores: ['AWS::Cassandra::Keyspace', 'AWS::Cassandra::Table'],
  },
  {
    action: 'cassandra:DropMultiRegionResource',
    kind: 'delete',
    why: 'Drops a multi-Region Keyspaces keyspace or table, in every Region.',
    stores: ['AWS::Cassandra::Keyspace', 'AWS::Cassandra::Table'],
  },
  {
    action: 'cassandra:Alter',
    kind: 'lower-protection',
    why: "Can turn a Keyspaces table's point-in-time recovery off or set a default time to live, after which rows expire.",
    stores: ['AWS::Cassandra::Keyspace', 'AWS::Cassandra::Table'],
  },
  {
    action: 'lightsail:DeleteRelationalDatabase',
    kind: 'delete',
    why: 'Deletes a Lightsail database; a final snapshot is kept only when skipFinalSnapshot is false.',
    stores: ['AWS::Lightsail::Database'],
  },
  {
    action: 'lightsail:DeleteRelationalDatabaseSnapshot',
    kind: 'delete',
    why: 'Deletes a snapshot of a Lightsail database.',
    stores: ['AWS::Lightsail::Database'],
  },
  {
    action: 'lightsail:UpdateRelationalDatabase',
    kind: 'lower-protection',
    why: "Can turn a Lightsail database's automated backups off (disableBackupRetention), deleting them.",
    stores: ['AWS::Lightsail::Database'],
  },
  {
    action: 'lightsail:DeleteBucket',
    kind: 'delete',
    why: 'Deletes a Lightsail bucket; with forceDelete its objects are deleted with it.',
    stores: ['AWS::Lightsail::Bucket'],
  },
  {
    action: 'lightsail:UpdateBucket',
    kind: 'lower-protection',
    why: 'Can suspend object versioning on a Lightsail bucket, so overwritten and deleted objects are no longer kept.',
    stores: ['AWS::Lightsail::Bucket'],
  },
  {
    action: 'lightsail:DeleteDisk',
    kind: 'delete',
    why: 'Deletes a Lightsail block storage disk and its data.',
    stores: ['AWS::Lightsail::Disk'],
  },
  {
    action: 'lightsail:DeleteDiskSnapshot',
    kind: 'delete',
    why: 'Deletes a snapshot of a Lightsail disk.',
    stores: ['AWS::Lightsail::Disk'],
  },
  {
    action: 'lightsail:DeleteAutoSnapshot',
    kind: 'delete',
    why: 'Deletes an automatic snapshot of a Lightsail disk or instance.',
    stores: ['AWS::Lightsail::Disk'],
  },
  {
    action: 'lightsail:DisableAddOn',
    kind: 'lower-protection',
    why: 'Can turn off the automatic snapshot add-on of a Lightsail disk or instance, so no more daily snapshots are taken.',
    stores: ['AWS::Lightsail::Disk'],
  },
  {
    action: 'sdb:DeleteDomain',
    kind: 'delete',
    why: 'Deletes a SimpleDB domain and every item in it; SimpleDB has no backups.',
    stores: ['AWS::SDB::Domain'],
  },
  {
    action: 'sdb:BatchDeleteAttributes',
    kind: 'delete',
    why: 'Deletes attributes or whole items of a SimpleDB domain, 25 items a call.',
    stores: ['AWS::SDB::Domain'],
  },
  // --- OpenSearch ---------------------------------------------------------------------------
  {
    action: 'es:DeleteDomain',
    kind: 'delete',
    why: 'Deletes an OpenSearch Service domain and all its indices; only manual snapshots in an S3 bucket survive it.',
    stores: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  },
  {
    action: 'es:DeleteElasticsearchDomain',
    kind: 'delete',
    why: 'Deletes an OpenSearch Service domain and all its data through the deprecated Elasticsearch API.',
    stores: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  },
  {
    action: 'es:DeleteIndex',
    kind: 'delete',
    why: 'Deletes an index of an OpenSearch Service domain and its documents.',
    stores: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  },
  {
    action: 'es:ESHttpDelete',
    kind: 'delete',
    why: "Sends HTTP DELETE to the domain's OpenSearch API: deletes indices (DELETE /index, even DELETE /*), documents and snapshots.",
    stores: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  },
  {
    action: 'aoss:DeleteCollection',
    kind: 'delete',
    why: 'Deletes an OpenSearch Serverless collection and all its indices.',
    stores: ['AWS::OpenSearchServerless::Collection'],
  },
  {
    action: 'aoss:DeleteIndex',
    kind: 'delete',
    why: 'Deletes an index of an OpenSearch Serverless collection and its documents.',
    stores: ['AWS::OpenSearchServerless::Collection'],
  },
  {
    action: 'aoss:UpdateLifecyclePolicy',
    kind: 'lower-protection',
    why: 'Can shorten the retention of an OpenSearch Serverless data lifecycle policy: older documents are deleted.',
    stores: ['AWS::OpenSearchServerless::Collection'],
  },
  // --- S3 and its bucket types ------------------------------------------------------------------
  {
    action: 's3:DeleteBucket',
    kind: 'delete',
    why: 'Deletes an (empty) bucket, and with it the name that replication, logs and applications write to.',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:DeleteObjectVersion',
    kind: 'delete',
    why: 'Permanently deletes a specific object version, the copy versioning keeps: there is no undo.',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:PutBucketVersioning',
    kind: 'lower-protection',
    why: 'Can suspend versioning, so later overwrites and deletes destroy the object instead of keeping a version (and can turn MFA delete off).',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:PutLifecycleConfiguration',
    kind: 'lower-protection',
    why: 'Can add expiration rules: S3 then deletes current objects and noncurrent versions on its own schedule, without a further call.',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:BypassGovernanceRetention',
    kind: 'lower-protection',
    why: 'Lets a caller delete or shorten the retention of object versions locked in governance mode.',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:PutBucketObjectLockConfiguration',
    kind: 'lower-protection',
    why: 'Can remove or shorten the default Object Lock retention, so new object versions are no longer locked against deletion.',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:PutObjectLegalHold',
    kind: 'lower-protection',
    why: "Can turn an object version's legal hold off, after which it can be deleted.",
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:PutReplicationConfiguration',
    kind: 'lower-protection',
    why: "Can remove or change the bucket's replication rules (it also governs DeleteBucketReplication), ending the copy kept in another bucket.",
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:PutBucketPolicy',
    kind: 'lower-protection',
    why: 'Can replace a bucket policy whose Deny statements stop object and bucket deletion.',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3:DeleteBucketPolicy',
    kind: 'lower-protection',
    why: 'Removes the bucket policy, and with it any Deny statement that stops object and bucket deletion.',
    stores: ['AWS::S3::Bucket'],
  },
  {
    action: 's3express:DeleteBucket',
    kind: 'delete',
    why: 'Deletes an (empty) S3 Express One Zone directory bucket.',
    stores: ['AWS::S3Express::DirectoryBucket'],
  },
  {
    action: 's3express:CreateSession',
    kind: 'delete',
    why: 'Object operations on a directory bucket are authorized by the session: a ReadWrite session (the default SessionMode) can delete every object.',
    stores: ['AWS::S3Express::DirectoryBucket'],
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateSession.html: SessionMode ReadWrite allows DeleteObject.
    request: { 's3express:SessionMode': ['ReadWrite'] },
  },
  {
    action: 's3express:PutLifecycleConfiguration',
    kind: 'lower-protection',
    why: 'Can add expiration rules to a directory bucket, after which S3 deletes its objects.',
    stores: ['AWS::S3Express::DirectoryBucket'],
  },
  {
    action: 's3express:PutBucketPolicy',
    kind: 'lower-protection',
    why: "Can replace a directory bucket's policy whose Deny statements stop deletion.",
    stores: ['AWS::S3Express::DirectoryBucket'],
  },
  {
    action: 's3express:DeleteBucketPolicy',
    kind: 'lower-protection',
    why: "Removes a directory bucket's policy, and any Deny statement in it that stops deletion.",
    stores: ['AWS::S3Express::DirectoryBucket'],
  },
  {
    action: 's3vectors:DeleteVectorBucket',
    kind: 'delete',
    why: 'Deletes an (empty) S3 vector bucket.',
    stores: ['AWS::S3Vectors::VectorBucket'],
  },
  {
    action: 's3vectors:DeleteIndex',
    kind: 'delete',
    why: 'Deletes a vector index and every vector in it.',
    stores: ['AWS::S3Vectors::Index', 'AWS::S3Vectors::VectorBucket'],
  },
  {
    action: 's3tables:DeleteTableBucket',
    kind: 'delete',
    why: 'Deletes an (empty) S3 table bucket.',
    stores: ['AWS::S3Tables::TableBucket'],
  },
  {
    action: 's3tables:DeleteTable',
    kind: 'delete',
    why: 'Deletes an S3 table (Iceberg) with all its data and metadata files.',
    stores: ['AWS::S3Tables::Table', 'AWS::S3Tables::TableBucket'],
  },
  {
    action: 's3tables:PutTableMaintenanceConfiguration',
    kind: 'lower-protection',
    why: "Can shorten a table's snapshot expiration, after which S3 Tables deletes older snapshots and the data only they reference.",
    stores: ['AWS::S3Tables::Table'],
  },
  {
    action: 's3tables:PutTableBucketMaintenanceConfiguration',
    kind: 'lower-protection',
    why: 'Can set unreferenced file removal for every table of a bucket, after which noncurrent data files are deleted.',
    stores: ['AWS::S3Tables::TableBucket'],
  },
  {
    action: 's3tables:PutTableRecordExpirationConfiguration',
    kind: 'lower-protection',
    why: 'Sets record expiration on a system table (an S3 Metadata journal), after which records older than the period are deleted.',
    stores: ['AWS::S3Tables::Table'],
  },
  {
    action: 's3tables:DeleteTableReplication',
    kind: 'lower-protection',
    why: "Removes a table's replication configuration, ending its copy in another table bucket.",
    stores: ['AWS::S3Tables::Table'],
  },
  {
    action: 's3tables:DeleteTableBucketReplication',
    kind: 'lower-protection',
    why: "Removes a table bucket's replication configuration, ending the copy of its tables in another bucket.",
    stores: ['AWS::S3Tables::TableBucket'],
  },
  // --- Glacier -----------------------------------------------------------------------------------
  {
    action: 'glacier:DeleteVault',
    kind: 'delete',
    why: 'Deletes an (empty) S3 Glacier vault.',
    stores: ['AWS::Glacier::Vault'],
  },
  {
    action: 'glacier:DeleteArchive',
    kind: 'delete',
    why: 'Permanently deletes an archive from a vault; Glacier keeps no other copy.',
    stores: ['AWS::Glacier::Vault'],
  },
  {
    action: 'glacier:AbortVaultLock',
    kind: 'lower-protection',
    why: 'Removes a vault lock policy still in progress, before it becomes immutable.',
    stores: ['AWS::Glacier::Vault'],
  },
  {
    action: 'glacier:SetVaultAccessPolicy',
    kind: 'lower-protection',
    why: 'Can replace a vault access policy whose Deny statements stop archive deletion.',
    stores: ['AWS::Glacier::Vault'],
  },
  {
    action: 'glacier:DeleteVaultAccessPolicy',
    kind: 'lower-protection',
    why: 'Removes a vault access policy, and any Deny statement in it that stops archive deletion.',
    stores: ['AWS::Glacier::Vault'],
  },
  // --- EFS, FSx ---------------------------------------------------------------------------------------
  {
    action: 'elasticfilesystem:DeleteFileSystem',
    kind: 'delete',
    why: 'Deletes an EFS file system and permanently severs access to its contents.',
    stores: ['AWS::EFS::FileSystem'],
  },
  {
    action: 'elasticfilesystem:UpdateFileSystemProtection',
    kind: 'lower-protection',
    why: 'Can turn replication overwrite protection off, so the file system can become a replication destination and have its data overwritten.',
    stores: ['AWS::EFS::FileSystem'],
  },
  {
    action: 'elasticfilesystem:PutBackupPolicy',
    kind: 'lower-protection',
    why: "Can turn the file system's automatic backups (AWS Backup) off.",
    stores: ['AWS::EFS::FileSystem'],
  },
  {
    action: 'elasticfilesystem:DeleteReplicationConfiguration',
    kind: 'lower-protection',
    why: 'Ends replication to the destination file system, which stops receiving changes.',
    stores: ['AWS::EFS::FileSystem'],
  },
  {
    action: 'fsx:DeleteFileSystem',
    kind: 'delete',
    why: 'Deletes an FSx file system and its contents, and its automatic backups; with SkipFinalBackup no final backup is kept.',
    stores: ['AWS::FSx::FileSystem'],
  },
  {
    action: 'fsx:DeleteVolume',
    kind: 'delete',
    why: 'Deletes an FSx for ONTAP or OpenZFS volume and its contents, with its automatic backups.',
    stores: ['AWS::FSx::Volume'],
  },
  {
    action: 'fsx:DeleteStorageVirtualMachine',
    kind: 'delete',
    why: 'Deletes an FSx for ONTAP storage virtual machine and its contents.',
    stores: ['AWS::FSx::StorageVirtualMachine'],
  },
  {
    action: 'fsx:DeleteBackup',
    kind: 'delete',
    why: 'Deletes an FSx backup and its contents.',
    stores: ['AWS::FSx::Backup', 'AWS::FSx::FileSystem', 'AWS::FSx::Volume'],
  },
  {
    action: 'fsx:DeleteSnapshot',
    kind: 'delete',
    why: 'Deletes a snapshot of an FSx for OpenZFS volume.',
    stores: ['AWS::FSx::Snapshot', 'AWS::FSx::Volume'],
  },
  {
    action: 'fsx:DeleteDataRepositoryAssociation',
    kind: 'delete',
    why: 'With DeleteDataInFileSystem true, deletes the files and directories the association linked into the Lustre file system.',
    stores: ['AWS::FSx::FileSystem'],
  },
  {
    action: 'fsx:UpdateFileSystem',
    kind: 'lower-protection',
    why: "Can set AutomaticBackupRetentionDays to 0, turning the file system's automatic backups off.",
    stores: ['AWS::FSx::FileSystem'],
  },
  {
    action: 'fsx:UpdateVolume',
    kind: 'lower-protection',
    why: "Can remove a volume's snapshot policy or shorten what it keeps, so snapshots are no longer taken or kept.",
    stores: ['AWS::FSx::Volume'],
  },
  // --- EBS, EC2, Recycle Bin, Data Lifecycle Manager -----------------------------------------------------
  {
    action: 'ec2:DeleteVolume',
    kind: 'delete',
    why: 'Deletes an EBS volume and its data.',
    stores: ['AWS::EC2::Volume'],
  },
  {
    action: 'ec2:DeleteSnapshot',
    kind: 'delete',
    why: 'Deletes an EBS snapshot, the backup of a volume (a Recycle Bin rule, if any, keeps it for a while).',
    stores: ['AWS::EC2::Volume'],
  },
  {
    action: 'ec2:TerminateInstances',
    kind: 'delete',
    why: 'Terminates instances, and EC2 deletes every attached volume whose DeleteOnTermination is true (root volumes by default).',
    stores: ['AWS::EC2::Instance', 'AWS::EC2::Volume'],
  },
  {
    action: 'ec2:DeleteFleets',
    kind: 'delete',
    why: 'With TerminateInstances true, deleting an EC2 Fleet terminates its instances and the volumes whose DeleteOnTermination is true.',
    stores: ['AWS::EC2::Instance', 'AWS::EC2::Volume'],
  },
  {
    action: 'ec2:ModifyInstanceAttribute',
    kind: 'lower-protection',
    why: 'Can turn termination protection off (DisableApiTermination) and set DeleteOnTermination on attached volumes.',
    stores: ['AWS::EC2::Instance', 'AWS::EC2::Volume'],
  },
  {
    action: 'ec2:UnlockSnapshot',
    kind: 'lower-protection',
    why: 'Unlocks an EBS snapshot locked in governance mode (or compliance mode in its cooling-off period), after which it can be deleted.',
    stores: ['AWS::EC2::Volume'],
  },
  {
    action: 'rbin:DeleteRule',
    kind: 'lower-protection',
    why: 'Deletes a Recycle Bin retention rule (an unlocked one), so deleted EBS snapshots are gone at once instead of recoverable.',
    stores: ['AWS::EC2::Volume'],
  },
  {
    action: 'rbin:UpdateRule',
    kind: 'lower-protection',
    why: "Can shorten an unlocked Recycle Bin rule's retention, so deleted snapshots are purged sooner.",
    stores: ['AWS::EC2::Volume'],
  },
  {
    action: 'rbin:UnlockRule',
    kind: 'lower-protection',
    why: 'Starts unlocking a locked Recycle Bin rule; after its unlock delay the rule can be changed or deleted.',
    stores: ['AWS::EC2::Volume'],
  },
  {
    action: 'dlm:UpdateLifecyclePolicy',
    kind: 'lower-protection',
    why: "Can lower a Data Lifecycle Manager policy's retain count or age, after which DLM deletes the snapshots beyond it.",
    stores: ['AWS::EC2::Volume'],
  },
  {
    action: 'dlm:DeleteLifecyclePolicy',
    kind: 'lower-protection',
    why: 'Deletes a Data Lifecycle Manager policy: the volumes it covered are no longer snapshotted.',
    stores: ['AWS::EC2::Volume'],
  },
  // --- AWS Backup -------------------------------------------------------------------------------------------
  {
    action: 'backup:DeleteRecoveryPoint',
    kind: 'delete',
    why: 'Deletes a recovery point (a backup) from a vault, unless the vault is locked.',
    stores: BACKUP_VAULTS,
    arnServices: RECOVERY_POINT_ARN_SERVICES,
  },
  {
    action: 'backup:DeleteBackupVault',
    kind: 'delete',
    why: 'Deletes an (empty) backup vault.',
    stores: BACKUP_VAULTS,
  },
  {
    action: 'backup:UpdateRecoveryPointLifecycle',
    kind: 'lower-protection',
    why: "Can shorten a recovery point's retention, after which AWS Backup deletes it.",
    stores: BACKUP_VAULTS,
    arnServices: RECOVERY_POINT_ARN_SERVICES,
  },
  {
    action: 'backup:DeleteBackupVaultLockConfiguration',
    kind: 'lower-protection',
    why: 'Removes a vault lock in governance mode (or compliance mode before its grace time ends), so recovery points can be deleted early.',
    stores: BACKUP_VAULTS,
  },
  {
    action: 'backup:PutBackupVaultLockConfiguration',
    kind: 'lower-protection',
    why: 'Can replace a vault lock not yet immutable with one of shorter minimum retention.',
    stores: BACKUP_VAULTS,
  },
  {
    action: 'backup:PutBackupVaultAccessPolicy',
    kind: 'lower-protection',
    why: 'Can replace the vault access policy whose Deny statements stop DeleteRecoveryPoint and UpdateRecoveryPointLifecycle.',
    stores: BACKUP_VAULTS,
  },
  {
    action: 'backup:DeleteBackupVaultAccessPolicy',
    kind: 'lower-protection',
    why: 'Removes the vault access policy, and the Deny statements in it that stop recovery point deletion.',
    stores: BACKUP_VAULTS,
  },
  {
    action: 'backup:DeleteBackupPlan',
    kind: 'lower-protection',
    why: 'Deletes a backup plan: the resources it selected are no longer backed up.',
    stores: ['AWS::Backup::BackupPlan'],
  },
  {
    action: 'backup:UpdateBackupPlan',
    kind: 'lower-protection',
    why: "Can shorten a plan's retention (DeleteAfterDays) or remove its rules and copy actions.",
    stores: ['AWS::Backup::BackupPlan'],
  },
  {
    action: 'backup:DeleteBackupSelection',
    kind: 'lower-protection',
    why: 'Removes a resource assignment from a backup plan: those resources are no longer backed up.',
    stores: ['AWS::Backup::BackupPlan'],
  },
  // --- Repositories, IoT Analytics ---------------------------------------------------------------------------------
  {
    action: 'ecr:DeleteRepository',
    kind: 'delete',
    why: 'Deletes an ECR repository; with force (emptyOnDelete) its images are deleted with it.',
    stores: ['AWS::ECR::Repository'],
  },
  {
    action: 'ecr:BatchDeleteImage',
    kind: 'delete',
    why: 'Deletes images from an ECR repository, up to 100 a call.',
    stores: ['AWS::ECR::Repository'],
  },
  {
    action: 'ecr:PutLifecyclePolicy',
    kind: 'lower-protection',
    why: 'Can set a lifecycle policy whose rules expire images, which ECR then deletes.',
    stores: ['AWS::ECR::Repository'],
  },
  {
    action: 'codecommit:DeleteRepository',
    kind: 'delete',
    why: 'Deletes a CodeCommit repository with its history, branches and pull requests; it cannot be restored.',
    stores: ['AWS::CodeCommit::Repository'],
  },
  {
    action: 'iotanalytics:DeleteDatastore',
    kind: 'delete',
    why: 'Deletes an IoT Analytics data store and the processed messages in its service-managed storage.',
    stores: ['AWS::IoTAnalytics::Datastore'],
  },
  {
    action: 'iotanalytics:DeleteChannel',
    kind: 'delete',
    why: 'Deletes an IoT Analytics channel and the raw messages it keeps.',
    stores: ['AWS::IoTAnalytics::Channel'],
  },
  {
    action: 'iotanalytics:UpdateDatastore',
    kind: 'lower-protection',
    why: "Can shorten a data store's retention period, after which older messages are deleted.",
    stores: ['AWS::IoTAnalytics::Datastore'],
  },
  {
    action: 'iotanalytics:UpdateChannel',
    kind: 'lower-protection',
    why: "Can shorten a channel's retention period, after which older raw messages are deleted.",
    stores: ['AWS::IoTAnalytics::Channel'],
  },
  // --- KMS, CloudHSM -------------------------------------------------------------------------------------------------
  {
    action: 'kms:ScheduleKeyDeletion',
    kind: 'delete',
    why: 'Schedules a KMS key for deletion after 7 to 30 days; once deleted, everything encrypted under it can never be decrypted.',
    stores: KMS_KEYS,
  },
  {
    action: 'kms:DisableKey',
    kind: 'delete',
    why: 'Disables a KMS key at once: data encrypted under it cannot be decrypted until the key is enabled again.',
    stores: KMS_KEYS,
  },
  {
    action: 'kms:DeleteImportedKeyMaterial',
    kind: 'delete',
    why: 'Deletes imported key material: the key becomes unusable, and data under it is lost unless the same material is reimported.',
    stores: ['AWS::KMS::Key'],
  },
  {
    action: 'kms:PutKeyPolicy',
    kind: 'lower-protection',
    why: 'Can replace a key policy whose Deny statements stop ScheduleKeyDeletion and DisableKey, or lock every administrator out of the key.',
    stores: KMS_KEYS,
  },
  {
    action: 'cloudhsm:DeleteCluster',
    kind: 'delete',
    why: 'Deletes a CloudHSM cluster (it must hold no HSMs); the keys survive only in its backups.',
    stores: ['AWS::CloudHSM::Cluster'],
  },
  {
    action: 'cloudhsm:DeleteHsm',
    kind: 'delete',
    why: 'Deletes an HSM; deleting the last HSM of a cluster leaves its keys only in backups.',
    stores: ['AWS::CloudHSM::Cluster'],
  },
  {
    action: 'cloudhsm:DeleteBackup',
    kind: 'delete',
    why: "Deletes a CloudHSM backup, the copy of the cluster's keys (restorable for 7 days).",
    stores: ['AWS::CloudHSM::Cluster'],
  },
  {
    action: 'cloudhsm:ModifyCluster',
    kind: 'lower-protection',
    why: "Can shorten the cluster's backup retention policy, after which older backups are deleted.",
    stores: ['AWS::CloudHSM::Cluster'],
  },
  {
    action: 'cloudhsm:ModifyBackupAttributes',
    kind: 'lower-protection',
    why: "Can set a backup's NeverExpires to false, so the retention policy deletes it.",
    stores: ['AWS::CloudHSM::Cluster'],
  },
  // --- Logs, CloudTrail Lake -------------------------------------------------------------------------------------------
  {
    action: 'logs:DeleteLogGroup',
    kind: 'delete',
    why: 'Deletes a log group and every log event archived in it.',
    stores: ['AWS::Logs::LogGroup'],
  },
  {
    action: 'logs:DeleteLogStream',
    kind: 'delete',
    why: 'Deletes a log stream and its archived log events.',
    stores: ['AWS::Logs::LogGroup'],
  },
  {
    action: 'logs:PutRetentionPolicy',
    kind: 'lower-protection',
    why: "Can shorten a log group's retention, after which CloudWatch Logs deletes older events.",
    stores: ['AWS::Logs::LogGroup'],
  },
  {
    action: 'logs:PutLogGroupDeletionProtection',
    kind: 'lower-protection',
    why: "Can turn a log group's deletion protection off.",
    stores: ['AWS::Logs::LogGroup'],
  },
  {
    action: 'cloudtrail:DeleteEventDataStore',
    kind: 'delete',
    why: 'Deletes a CloudTrail Lake event data store (after a 7-day pending period) and the events it holds; termination protection must be off.',
    stores: ['AWS::CloudTrail::EventDataStore'],
  },
  {
    action: 'cloudtrail:UpdateEventDataStore',
    kind: 'lower-protection',
    why: "Can turn an event data store's termination protection off and shorten its retention, deleting older events.",
    stores: ['AWS::CloudTrail::EventDataStore'],
  },
  // --- Cognito, Secrets Manager, SQS, Kinesis ---------------------------------------------------------------------------
  {
    action: 'cognito-idp:DeleteUserPool',
    kind: 'delete',
    why: 'Deletes a user pool with every user, their attributes and passwords; users cannot be exported with passwords to rebuild it.',
    stores: ['AWS::Cognito::UserPool'],
  },
  {
    action: 'cognito-idp:UpdateUserPool',
    kind: 'lower-protection',
    why: "Can turn a user pool's deletion protection off.",
    stores: ['AWS::Cognito::UserPool'],
  },
  {
    action: 'cognito-idp:DeleteUserPoolReplica',
    kind: 'delete',
    why: 'Deletes a Regional replica of a user pool, the copy that survives the loss of the primary Region.',
    stores: ['AWS::Cognito::UserPool'],
  },
  {
    action: 'secretsmanager:DeleteSecret',
    kind: 'delete',
    why: 'Deletes a secret after its recovery window, or at once with ForceDeleteWithoutRecovery.',
    stores: ['AWS::SecretsManager::Secret'],
  },
  {
    action: 'sqs:DeleteQueue',
    kind: 'delete',
    why: 'Deletes a queue and every message in it, delivered or not.',
    stores: ['AWS::SQS::Queue'],
  },
  {
    action: 'sqs:PurgeQueue',
    kind: 'delete',
    why: 'Deletes every message in a queue at once.',
    stores: ['AWS::SQS::Queue'],
  },
  {
    action: 'sqs:SetQueueAttributes',
    kind: 'lower-protection',
    why: 'Can shorten MessageRetentionPeriod, after which SQS deletes messages not yet consumed.',
    stores: ['AWS::SQS::Queue'],
  },
  {
    action: 'kinesis:DeleteStream',
    kind: 'delete',
    why: 'Deletes a Kinesis data stream with all its shards and records.',
    stores: ['AWS::Kinesis::Stream'],
  },
  {
    action: 'kinesis:DecreaseStreamRetentionPeriod',
    kind: 'lower-protection',
    why: "Shortens a stream's retention: records older than the new period become inaccessible at once.",
    stores: ['AWS::Kinesis::Stream'],
  },
  // --- MSK, Amazon MQ, EMR --------------------------------------------------------------------------------------------------
  {
    action: 'kafka:DeleteCluster',
    kind: 'delete',
    why: 'Deletes an MSK cluster (provisioned or serverless) with its topics and their data.',
    stores: ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'],
  },
  {
    action: 'kafka:DeleteTopic',
    kind: 'delete',
    why: 'Deletes a Kafka topic of an MSK cluster and its records, through the MSK API.',
    stores: ['AWS::MSK::Topic'],
  },
  {
    action: 'kafka:UpdateTopic',
    kind: 'lower-protection',
    why: "Can shorten a topic's retention (retention.ms, retention.bytes), after which Kafka deletes older records.",
    stores: ['AWS::MSK::Topic'],
  },
  {
    action: 'kafka-cluster:DeleteTopic',
    kind: 'delete',
    why: 'Deletes a topic and its records through the Kafka protocol (IAM access control).',
    stores: ['AWS::MSK::Topic', 'AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'],
    arnServices: ['kafka'],
  },
  {
    action: 'kafka-cluster:AlterTopicDynamicConfiguration',
    kind: 'lower-protection',
    why: "Can shorten a topic's retention through the Kafka protocol, after which older records are deleted.",
    stores: ['AWS::MSK::Topic', 'AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'],
    arnServices: ['kafka'],
  },
  {
    action: 'mq:DeleteBroker',
    kind: 'delete',
    why: 'Deletes an Amazon MQ broker and the messages in its queues.',
    stores: ['AWS::AmazonMQ::Broker'],
  },
  {
    action: 'elasticmapreduce:TerminateJobFlows',
    kind: 'delete',
    why: 'Terminates an EMR cluster, deleting the HDFS data on its instance storage and EBS volumes.',
    stores: ['AWS::EMR::Cluster'],
  },
  {
    action: 'elasticmapreduce:SetTerminationProtection',
    kind: 'lower-protection',
    why: "Can turn an EMR cluster's termination protection off.",
    stores: ['AWS::EMR::Cluster'],
  },
  // --- CloudFormation ------------------------------------------------------------------------------------------------------------
  {
    action: 'cloudformation:DeleteStack',
    kind: 'delete',
    why: "Deletes a stack and every resource in it whose DeletionPolicy is not Retain or Snapshot, using the stack's service role when it has one.",
    stores: EVERY_TABLE_TYPE,
  },
  {
    action: 'cloudformation:DeleteStackInstances',
    kind: 'delete',
    why: 'Deletes the stacks of a stack set in the given accounts and Regions (unless RetainStacks), and their resources.',
    stores: EVERY_TABLE_TYPE,
  },
  {
    action: 'cloudformation:DeleteResource',
    kind: 'delete',
    why: "Deletes any resource through the Cloud Control API, with the caller's rights or those of the role it passes.",
    stores: EVERY_TABLE_TYPE,
  },
  {
    action: 'cloudformation:UpdateTerminationProtection',
    kind: 'lower-protection',
    why: "Can turn a stack's termination protection off, the setting that makes DeleteStack fail.",
    stores: EVERY_TABLE_TYPE,
  },
  {
    action: 'cloudformation:SetStackPolicy',
    kind: 'lower-protection',
    why: "Can replace the stack policy that denies Update:Replace and Update:Delete on a stack's data stores.",
    stores: EVERY_TABLE_TYPE,
  },
  // --- AWS Organizations ----------------------------------------------------------------------------------------------------------------
  {
    action: 'organizations:CloseAccount',
    kind: 'delete',
    why: 'Closes a member account: after 90 days AWS deletes the account and everything in it.',
    stores: ['AWS::Organizations::Account'],
  },
  {
    action: 'organizations:RemoveAccountFromOrganization',
    kind: 'remove-guardrail',
    why: "Removes a member account from the organization: the organization's SCPs and RCPs no longer apply to it.",
    stores: [],
  },
  {
    action: 'organizations:LeaveOrganization',
    kind: 'remove-guardrail',
    why: 'Takes the calling member account out of its organization, leaving every SCP and RCP that denied deletions behind.',
    stores: [],
  },
  {
    action: 'organizations:DetachPolicy',
    kind: 'remove-guardrail',
    why: 'Detaches an SCP, RCP or backup policy from a root, OU or account, so the denies (or backup plans) it set stop applying.',
    stores: [],
  },
  {
    action: 'organizations:UpdatePolicy',
    kind: 'remove-guardrail',
    why: "Rewrites an attached policy's content: an SCP can lose the statements that deny deletions.",
    stores: [],
  },
  {
    action: 'organizations:DisablePolicyType',
    kind: 'remove-guardrail',
    why: 'Disables a policy type (SCPs, RCPs, backup policies) in the root: every policy of that type detaches from every OU and account.',
    stores: [],
  },
  {
    action: 'organizations:MoveAccount',
    kind: 'remove-guardrail',
    why: 'Moves an account to another OU, out from under the SCPs attached to its current one.',
    stores: [],
  },
  {
    // With an allow-list SCP strategy a level allows only what some attached SCP
    // allows; attaching FullAWSAccess there lifts the limit.
    // https://docs.aws.amazon.com/organizations/latest/userguide/SCP_strategies.html
    action: 'organizations:AttachPolicy',
    kind: 'remove-guardrail',
    why: 'Under an allow-list SCP strategy, attaching a broader SCP (FullAWSAccess) to a level lifts the limit its other SCPs set.',
    stores: [],
  },
  // --- IAM permissions boundaries -----------------------------------------------------------------------------------------------------------
  {
    action: 'iam:DeleteRolePermissionsBoundary',
    kind: 'remove-guardrail',
    why: "Removes a role's permissions boundary, so its identity policies' allows apply in full.",
    stores: [],
  },
  {
    action: 'iam:DeleteUserPermissionsBoundary',
    kind: 'remove-guardrail',
    why: "Removes a user's permissions boundary, so its identity policies' allows apply in full.",
    stores: [],
  },
  {
    action: 'iam:PutRolePermissionsBoundary',
    kind: 'remove-guardrail',
    why: "Replaces a role's permissions boundary, possibly with one that allows deletions the old one did not.",
    stores: [],
  },
  {
    action: 'iam:PutUserPermissionsBoundary',
    kind: 'remove-guardrail',
    why: "Replaces a user's permissions boundary, possibly with one that allows deletions the old one did not.",
    stores: [],
  },
  {
    action: 'iam:CreatePolicyVersion',
    kind: 'remove-guardrail',
    why: 'Writes a new default version of a managed policy: when that policy is a permissions boundary, the boundary can be widened to allow anything.',
    stores: [],
  },
  {
    action: 'iam:SetDefaultPolicyVersion',
    kind: 'remove-guardrail',
    why: 'Makes an older version of a managed policy the default: when the policy is a permissions boundary, a broader earlier version applies again.',
    stores: [],
  },
];

const BY_ACTION: ReadonlyMap<string, DestructiveAction> = new Map(
  DESTRUCTIVE_ACTIONS.map((a) => [a.action.toLowerCase(), a]),
);

/** The catalogue entry of an action, case-insensitively (IAM action names are case-insensitive). */
export function destructiveAction(action: string): DestructiveAction | undefined {
  return BY_ACTION.get(action.toLowerCase());
}
