/**
 * Every data store the catalogue knows, with the AWS CLI calls that delete it
 * or its backups, or lower what protects it: one table, keyed by
 * CloudFormation type, from which the agent hook derives its AWS CLI
 * knowledge (`packages/cli/src/hook/knowledge/destructive-commands.ts`).
 * `data-stores.test.ts` checks that every stateful type of the catalogue
 * (`stateful-types.ts`) and every data store with a deletion-protection
 * property has its row here.
 *
 * Data only, and no imports: the hook loads this module before every command
 * an agent runs (through the light entry point `@deadbolt/rules/data-stores`),
 * so it must not pull in the rule catalogue or the CloudFormation
 * specification.
 *
 * Operation names and options are the AWS CLI v2's
 * (https://awscli.amazonaws.com/v2/documentation/api/latest/reference/index.html).
 * @module @deadbolt/rules/data-stores
 */

/** A condition on a call's options. */
export type OptionCondition =
  /** The flag is present (`--no-deletion-protection`). */
  | { readonly flag: string }
  /** The option's value matches (`--versioning-configuration Status=Suspended`). */
  | { readonly option: string; readonly value: RegExp };

/**
 * What a call does to the data.
 * - `deletes`: deletes the store, its contents or its backups.
 * - `unprotects`: switches off what keeps the data from being deleted (deletion protection, backups, versioning, a lock).
 * - `may-delete`: may delete data, depending on what it is given or on state the call does not show; a person decides.
 * - `reconfigures`: replaces a setting that decides what is kept (a lifecycle rule, a vault policy); a person reviews it.
 * - `locks-out`: makes the data unreadable until someone undoes it (a disabled key).
 */
export type OperationEffect = 'deletes' | 'unprotects' | 'may-delete' | 'reconfigures' | 'locks-out';

export interface StoreOperation {
  /** The AWS CLI service (`aws SERVICE OPERATION`). */
  readonly service: string;
  readonly operation: string;
  readonly effect: OperationEffect;
  /**
   * For `deletes`: what is deleted ("a DynamoDB table and all its items").
   * For `unprotects`: the protection switched off ("deletion protection on a DB instance").
   * For `may-delete`, `reconfigures` and `locks-out`: the consequence, as a sentence without a subject ("terminates instances; …").
   */
  readonly what: string;
  /** The call does this only when one of the conditions holds (otherwise it is harmless, or `otherwise`). */
  readonly when?: readonly OptionCondition[];
  /** What the call does when none of `when` holds. */
  readonly otherwise?: { readonly effect: 'may-delete'; readonly what: string };
}

export interface DataStore {
  /** CloudFormation resource types of the store (and of the resources that hold its backups). */
  readonly types: readonly string[];
  readonly operations: readonly StoreOperation[];
}

const deletes = (
  service: string,
  operation: string,
  what: string,
  extra: Partial<StoreOperation> = {},
): StoreOperation => ({ service, operation, effect: 'deletes', what, ...extra });
/** With no conditions, the call always switches the protection off. */
const unprotects = (
  service: string,
  operation: string,
  what: string,
  when: readonly OptionCondition[],
): StoreOperation => ({
  service,
  operation,
  effect: 'unprotects',
  what,
  ...(when.length ? { when } : {}),
});
const mayDelete = (service: string, operation: string, what: string): StoreOperation => ({
  service,
  operation,
  effect: 'may-delete',
  what,
});
const reconfigures = (service: string, operation: string, what: string): StoreOperation => ({
  service,
  operation,
  effect: 'reconfigures',
  what,
});

/** `--no-deletion-protection` (RDS, DocumentDB, Neptune, Neptune Analytics, QLDB). */
const NO_DELETION_PROTECTION: readonly OptionCondition[] = [{ flag: '--no-deletion-protection' }];
const ZERO = /^0+$/;
/** `AutomaticBackupRetentionDays=0` in shorthand or JSON (FSx). */
const NO_AUTOMATIC_BACKUPS = /AutomaticBackupRetentionDays["']?\s*[=:]\s*0+\b/;

/** The operations RDS, DocumentDB and Neptune share (the same API). */
function rdsFamily(service: string, engine: string): StoreOperation[] {
  return [
    deletes(service, 'delete-db-instance', `a ${engine} instance (and, unless kept, its automated backups)`),
    deletes(service, 'delete-db-cluster', `a ${engine} cluster (and, unless kept, its automated backups)`),
    deletes(service, 'delete-db-snapshot', `a ${engine} snapshot`),
    deletes(service, 'delete-db-cluster-snapshot', `a ${engine} cluster snapshot`),
    deletes(service, 'delete-global-cluster', `a ${engine} global cluster`),
    unprotects(service, 'modify-db-cluster', `deletion protection on a ${engine} cluster`, NO_DELETION_PROTECTION),
    unprotects(
      service,
      'modify-global-cluster',
      `deletion protection on a ${engine} global cluster`,
      NO_DELETION_PROTECTION,
    ),
  ];
}

export const DATA_STORES: readonly DataStore[] = [
  {
    types: [
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBCluster',
      'AWS::RDS::GlobalCluster',
      'AWS::RDS::DBSnapshot',
      'AWS::RDS::ClusterSnapshot',
    ],
    operations: [
      ...rdsFamily('rds', 'database'),
      deletes('rds', 'delete-db-instance-automated-backup', 'retained automated backups of a database instance'),
      deletes('rds', 'delete-db-cluster-automated-backup', 'retained automated backups of a database cluster'),
      deletes('rds', 'delete-db-shard-group', 'a database shard group and its data'),
      deletes('rds', 'delete-tenant-database', 'a tenant database'),
      unprotects('rds', 'modify-db-instance', 'deletion protection or automated backups on a database instance', [
        { flag: '--no-deletion-protection' },
        { option: '--backup-retention-period', value: ZERO },
      ]),
    ],
  },
  {
    types: ['AWS::DocDB::DBCluster', 'AWS::DocDB::DBInstance', 'AWS::DocDB::GlobalCluster'],
    operations: rdsFamily('docdb', 'DocumentDB'),
  },
  {
    types: ['AWS::Neptune::DBCluster', 'AWS::Neptune::DBInstance', 'AWS::Neptune::GlobalCluster'],
    operations: rdsFamily('neptune', 'Neptune'),
  },
  {
    types: ['AWS::DocDBElastic::Cluster'],
    operations: [
      deletes('docdb-elastic', 'delete-cluster', 'a DocumentDB elastic cluster'),
      deletes('docdb-elastic', 'delete-cluster-snapshot', 'a DocumentDB elastic cluster snapshot'),
    ],
  },
  {
    types: ['AWS::NeptuneGraph::Graph'],
    operations: [
      deletes(
        'neptune-graph',
        'delete-graph',
        'a Neptune Analytics graph (with `--skip-snapshot`, without a final snapshot)',
      ),
      deletes('neptune-graph', 'delete-graph-snapshot', 'a Neptune Analytics graph snapshot'),
      unprotects(
        'neptune-graph',
        'update-graph',
        'deletion protection on a Neptune Analytics graph',
        NO_DELETION_PROTECTION,
      ),
    ],
  },
  {
    types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
    operations: [
      deletes('dynamodb', 'delete-table', 'a DynamoDB table and all its items'),
      deletes('dynamodb', 'delete-backup', 'a DynamoDB backup'),
      unprotects('dynamodb', 'update-table', 'deletion protection on a DynamoDB table, or a replica', [
        { flag: '--no-deletion-protection-enabled' },
        { option: '--deletion-protection-enabled', value: /^false$/i },
        { option: '--replica-updates', value: /Delete/ },
      ]),
      unprotects('dynamodb', 'update-continuous-backups', 'point-in-time recovery on a DynamoDB table', [
        { option: '--point-in-time-recovery-specification', value: /PointInTimeRecoveryEnabled["']?\s*[=:]\s*false/i },
      ]),
    ],
  },
  {
    types: ['AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket'],
    operations: [
      deletes('s3', 'rb', 'an S3 bucket (with `--force`, every object in it first)'),
      deletes('s3', 'rm', 'every object under the prefix', {
        when: [{ flag: '--recursive' }],
        otherwise: { effect: 'may-delete', what: 'deletes an S3 object.' },
      }),
      deletes('s3', 'sync', 'objects in the destination that are missing from the source', {
        when: [{ flag: '--delete' }],
      }),
      // Directory buckets (S3 Express One Zone) are deleted with the same call.
      deletes('s3api', 'delete-bucket', 'an S3 bucket'),
      deletes('s3api', 'delete-objects', 'S3 objects (or object versions)'),
      mayDelete('s3api', 'delete-object', 'deletes an S3 object (or, with `--version-id`, a version for good).'),
      unprotects('s3api', 'put-bucket-versioning', 'versioning on a bucket', [
        { option: '--versioning-configuration', value: /Suspended/ },
      ]),
      unprotects('s3api', 'delete-bucket-replication', 'replication of a bucket (the copy kept elsewhere)', []),
      reconfigures(
        's3api',
        'put-bucket-lifecycle-configuration',
        "replaces the bucket's lifecycle rules; an expiration rule deletes objects.",
      ),
      reconfigures(
        's3api',
        'put-object-lock-configuration',
        "replaces the bucket's default Object Lock retention; a shorter or removed default lets new versions be deleted.",
      ),
    ],
  },
  {
    types: ['AWS::S3Tables::TableBucket', 'AWS::S3Tables::Table'],
    operations: [
      deletes('s3tables', 'delete-table-bucket', 'an S3 table bucket'),
      deletes('s3tables', 'delete-table', 'an S3 table (an Iceberg table and its data)'),
      deletes('s3tables', 'delete-namespace', 'an S3 Tables namespace'),
      reconfigures(
        's3tables',
        'put-table-bucket-maintenance-configuration',
        'changes how long unreferenced files and snapshots are kept; a shorter setting deletes them sooner.',
      ),
    ],
  },
  {
    types: ['AWS::S3Vectors::VectorBucket', 'AWS::S3Vectors::Index'],
    operations: [
      deletes('s3vectors', 'delete-vector-bucket', 'an S3 vector bucket'),
      deletes('s3vectors', 'delete-index', 'an S3 vector index and its vectors'),
      deletes('s3vectors', 'delete-vectors', 'vectors from an S3 vector index'),
    ],
  },
  {
    types: ['AWS::Backup::BackupVault', 'AWS::Backup::LogicallyAirGappedBackupVault'],
    operations: [
      deletes('backup', 'delete-backup-vault', 'an AWS Backup vault'),
      deletes('backup', 'delete-recovery-point', 'a recovery point (a backup)'),
      unprotects('backup', 'delete-backup-vault-lock-configuration', 'the vault lock', []),
      unprotects(
        'backup',
        'delete-backup-vault-access-policy',
        'the vault access policy (which may deny deleting recovery points)',
        [],
      ),
      reconfigures(
        'backup',
        'put-backup-vault-access-policy',
        'replaces the vault access policy, which may be what denies deleting recovery points.',
      ),
      reconfigures('backup', 'delete-backup-plan', 'deletes a backup plan: no new backups are taken.'),
      reconfigures(
        'backup',
        'update-backup-plan',
        "replaces a backup plan's rules: a shorter lifecycle deletes new recovery points and copies sooner, and a removed rule or copy action stops those backups.",
      ),
      reconfigures(
        'backup',
        'delete-backup-selection',
        'removes resources from a backup plan: they are no longer backed up.',
      ),
      mayDelete(
        'backup',
        'update-recovery-point-lifecycle',
        'changes when a recovery point expires; a shorter retention deletes it sooner.',
      ),
    ],
  },
  {
    types: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
    operations: [
      deletes(
        'kms',
        'schedule-key-deletion',
        'a KMS key after the waiting period; everything encrypted under it, snapshots and recovery points included, becomes unreadable for good',
      ),
      deletes(
        'kms',
        'delete-imported-key-material',
        'the key material of a KMS key; data encrypted under it is unreadable until the same material is imported again',
      ),
      {
        service: 'kms',
        operation: 'disable-key',
        effect: 'locks-out',
        what: 'disables a KMS key: everything encrypted under it becomes unreadable until it is enabled again.',
      },
    ],
  },
  {
    // A stack is not data itself (its resources carry their own policies), but deleting it deletes them.
    types: ['AWS::CloudFormation::Stack'],
    operations: [
      deletes('cloudformation', 'delete-stack', 'a CloudFormation stack and every resource in it that is not retained'),
      deletes('cloudformation', 'delete-stack-instances', 'stack instances of a StackSet (unless `--retain-stacks`)'),
      deletes('cloudformation', 'delete-stack-set', 'a StackSet'),
      unprotects('cloudformation', 'update-termination-protection', 'termination protection on a stack', [
        { flag: '--no-enable-termination-protection' },
      ]),
    ],
  },
  {
    types: ['AWS::EFS::FileSystem'],
    operations: [
      deletes('efs', 'delete-file-system', 'an EFS file system'),
      unprotects('efs', 'put-backup-policy', 'automatic backups of an EFS file system', [
        { option: '--backup-policy', value: /DISABLED/i },
      ]),
      unprotects(
        'efs',
        'delete-replication-configuration',
        'replication of an EFS file system (the copy kept elsewhere)',
        [],
      ),
      unprotects('efs', 'update-file-system-protection', 'replication overwrite protection of an EFS file system', [
        { option: '--replication-overwrite-protection', value: /DISABLED/i },
      ]),
      mayDelete(
        'efs',
        'create-replication-configuration',
        'overwrites the destination file system with the source when it names an existing one (`FileSystemId=`).',
      ),
    ],
  },
  {
    types: ['AWS::EC2::Volume'],
    operations: [
      deletes('ec2', 'delete-volume', 'an EBS volume'),
      deletes('ec2', 'delete-snapshot', 'an EBS snapshot'),
      mayDelete(
        'ec2',
        'terminate-instances',
        'terminates instances; volumes with DeleteOnTermination (the root volume by default) are deleted with them.',
      ),
      unprotects(
        'ec2',
        'modify-instance-attribute',
        'termination protection on an instance, or the keeping of its volumes when it terminates',
        [
          { flag: '--no-disable-api-termination' },
          { option: '--disable-api-termination', value: /false/i },
          { option: '--block-device-mappings', value: /DeleteOnTermination["']?\s*[=:]\s*true/i },
        ],
      ),
    ],
  },
  {
    types: ['AWS::Redshift::Cluster', 'AWS::Redshift::Snapshot'],
    operations: [
      deletes('redshift', 'delete-cluster', 'a Redshift cluster'),
      deletes('redshift', 'delete-cluster-snapshot', 'a Redshift snapshot'),
      deletes('redshift', 'batch-delete-cluster-snapshots', 'Redshift snapshots'),
      unprotects('redshift', 'modify-cluster', 'automated snapshots of a Redshift cluster', [
        { option: '--automated-snapshot-retention-period', value: ZERO },
      ]),
    ],
  },
  {
    types: ['AWS::RedshiftServerless::Namespace', 'AWS::RedshiftServerless::Snapshot'],
    operations: [
      deletes('redshift-serverless', 'delete-namespace', 'a Redshift Serverless namespace and its data'),
      deletes('redshift-serverless', 'delete-snapshot', 'a Redshift Serverless snapshot'),
      deletes('redshift-serverless', 'delete-recovery-point', 'a Redshift Serverless recovery point'),
    ],
  },
  {
    types: [
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::ElastiCache::CacheCluster',
      'AWS::ElastiCache::ServerlessCache',
      'AWS::ElastiCache::GlobalReplicationGroup',
    ],
    operations: [
      deletes('elasticache', 'delete-replication-group', 'an ElastiCache replication group'),
      deletes('elasticache', 'delete-cache-cluster', 'an ElastiCache cluster'),
      deletes('elasticache', 'delete-serverless-cache', 'an ElastiCache serverless cache'),
      deletes('elasticache', 'delete-global-replication-group', 'an ElastiCache global datastore'),
      deletes('elasticache', 'delete-snapshot', 'an ElastiCache snapshot'),
      deletes('elasticache', 'delete-serverless-cache-snapshot', 'an ElastiCache serverless snapshot'),
      unprotects('elasticache', 'modify-replication-group', 'automatic snapshots of an ElastiCache replication group', [
        { option: '--snapshot-retention-limit', value: ZERO },
      ]),
      unprotects('elasticache', 'modify-cache-cluster', 'automatic snapshots of an ElastiCache cluster', [
        { option: '--snapshot-retention-limit', value: ZERO },
      ]),
      unprotects('elasticache', 'modify-serverless-cache', 'automatic snapshots of an ElastiCache serverless cache', [
        { option: '--snapshot-retention-limit', value: ZERO },
      ]),
    ],
  },
  {
    types: ['AWS::MemoryDB::Cluster', 'AWS::MemoryDB::MultiRegionCluster', 'AWS::MemoryDB::Snapshot'],
    operations: [
      deletes('memorydb', 'delete-cluster', 'a MemoryDB cluster'),
      deletes('memorydb', 'delete-multi-region-cluster', 'a MemoryDB multi-Region cluster'),
      deletes('memorydb', 'delete-snapshot', 'a MemoryDB snapshot'),
      unprotects('memorydb', 'update-cluster', 'automatic snapshots of a MemoryDB cluster', [
        { option: '--snapshot-retention-limit', value: ZERO },
      ]),
    ],
  },
  {
    types: ['AWS::DSQL::Cluster'],
    operations: [
      deletes('dsql', 'delete-cluster', 'an Aurora DSQL cluster'),
      unprotects('dsql', 'update-cluster', 'deletion protection on an Aurora DSQL cluster', [
        { flag: '--no-deletion-protection-enabled' },
        { option: '--deletion-protection-enabled', value: /^false$/i },
      ]),
    ],
  },
  {
    types: ['AWS::Cognito::UserPool'],
    operations: [
      deletes('cognito-idp', 'delete-user-pool', 'a Cognito user pool and every user in it'),
      unprotects('cognito-idp', 'update-user-pool', 'deletion protection on a user pool', [
        { option: '--deletion-protection', value: /INACTIVE/i },
      ]),
    ],
  },
  {
    types: ['AWS::Logs::LogGroup'],
    operations: [
      deletes('logs', 'delete-log-group', 'a log group and every log event in it'),
      unprotects('logs', 'put-log-group-deletion-protection', 'deletion protection on a log group', [
        { flag: '--no-deletion-protection-enabled' },
        { option: '--deletion-protection-enabled', value: /^false$/i },
      ]),
    ],
  },
  {
    types: ['AWS::CloudTrail::EventDataStore'],
    operations: [
      deletes('cloudtrail', 'delete-event-data-store', 'a CloudTrail Lake event data store (after the waiting period)'),
      unprotects('cloudtrail', 'update-event-data-store', 'termination protection on an event data store', [
        { flag: '--no-termination-protection-enabled' },
        { option: '--termination-protection-enabled', value: /^false$/i },
      ]),
    ],
  },
  {
    types: ['AWS::SecretsManager::Secret'],
    operations: [
      {
        service: 'secretsmanager',
        operation: 'delete-secret',
        effect: 'deletes',
        what: 'a secret at once, with no recovery window',
        when: [{ flag: '--force-delete-without-recovery' }, { option: '--recovery-window-in-days', value: ZERO }],
        otherwise: { effect: 'may-delete', what: 'schedules a secret for deletion (recoverable for 7 to 30 days).' },
      },
    ],
  },
  {
    types: ['AWS::OpenSearchService::Domain'],
    operations: [deletes('opensearch', 'delete-domain', 'an OpenSearch domain and its indexes')],
  },
  {
    types: ['AWS::Elasticsearch::Domain'],
    operations: [deletes('es', 'delete-elasticsearch-domain', 'an Elasticsearch domain and its indexes')],
  },
  {
    types: ['AWS::OpenSearchServerless::Collection'],
    operations: [
      deletes('opensearchserverless', 'delete-collection', 'an OpenSearch Serverless collection and its indexes'),
      unprotects(
        'opensearchserverless',
        'update-collection',
        'deletion protection on an OpenSearch Serverless collection',
        [{ option: '--deletion-protection', value: /DISABLED|false/i }],
      ),
    ],
  },
  {
    types: [
      'AWS::FSx::FileSystem',
      'AWS::FSx::Volume',
      'AWS::FSx::Snapshot',
      'AWS::FSx::StorageVirtualMachine',
      'AWS::FSx::Backup',
    ],
    operations: [
      deletes('fsx', 'delete-file-system', 'an FSx file system'),
      deletes('fsx', 'delete-volume', 'an FSx volume (ONTAP or OpenZFS)'),
      deletes('fsx', 'delete-snapshot', 'an FSx for OpenZFS snapshot'),
      deletes('fsx', 'delete-backup', 'an FSx backup'),
      deletes('fsx', 'delete-storage-virtual-machine', 'an FSx for ONTAP storage virtual machine'),
      deletes('fsx', 'delete-data-repository-association', 'the files of a Lustre data repository association', {
        when: [{ flag: '--delete-data-in-file-system' }],
      }),
      unprotects(
        'fsx',
        'update-file-system',
        'automatic backups of an FSx file system',
        ['--windows-configuration', '--lustre-configuration', '--ontap-configuration', '--open-zfs-configuration'].map(
          (option) => ({ option, value: NO_AUTOMATIC_BACKUPS }),
        ),
      ),
    ],
  },
  {
    types: ['AWS::Glacier::Vault'],
    operations: [
      deletes('glacier', 'delete-vault', 'a Glacier vault'),
      deletes('glacier', 'delete-archive', 'a Glacier archive'),
    ],
  },
  {
    types: ['AWS::Cassandra::Keyspace', 'AWS::Cassandra::Table'],
    operations: [
      deletes('keyspaces', 'delete-keyspace', 'a Keyspaces keyspace and its tables'),
      deletes('keyspaces', 'delete-table', 'a Keyspaces table'),
      unprotects('keyspaces', 'update-table', 'point-in-time recovery on a Keyspaces table', [
        { option: '--point-in-time-recovery', value: /DISABLED/i },
      ]),
    ],
  },
  {
    types: ['AWS::Timestream::Database', 'AWS::Timestream::Table'],
    operations: [
      deletes('timestream-write', 'delete-database', 'a Timestream database'),
      deletes('timestream-write', 'delete-table', 'a Timestream table'),
      // A shorter magnetic store retention deletes every record older than it, at once.
      {
        ...reconfigures(
          'timestream-write',
          'update-table',
          'changes how long a Timestream table keeps records; a shorter magnetic store retention deletes every record older than it.',
        ),
        when: [{ option: '--retention-properties', value: /./ }],
      },
    ],
  },
  {
    types: ['AWS::Timestream::InfluxDBInstance', 'AWS::Timestream::InfluxDBCluster'],
    operations: [
      deletes('timestream-influxdb', 'delete-db-instance', 'a Timestream for InfluxDB instance'),
      deletes('timestream-influxdb', 'delete-db-cluster', 'a Timestream for InfluxDB cluster'),
    ],
  },
  {
    types: ['AWS::QLDB::Ledger'],
    operations: [
      deletes('qldb', 'delete-ledger', 'a QLDB ledger'),
      unprotects('qldb', 'update-ledger', 'deletion protection on a QLDB ledger', NO_DELETION_PROTECTION),
    ],
  },
  {
    types: ['AWS::Kinesis::Stream'],
    operations: [deletes('kinesis', 'delete-stream', 'a Kinesis stream and the records in it')],
  },
  // Kafka topics retain their records on the cluster's storage.
  {
    types: ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster', 'AWS::MSK::Topic'],
    operations: [deletes('kafka', 'delete-cluster', 'an MSK cluster and the records retained in its topics')],
  },
  // Messages are in flight, not at rest (a transient type): a person decides.
  {
    types: ['AWS::AmazonMQ::Broker'],
    operations: [mayDelete('mq', 'delete-broker', 'deletes an Amazon MQ broker and the messages queued on it.')],
  },
  {
    types: ['AWS::SQS::Queue'],
    operations: [
      mayDelete('sqs', 'delete-queue', 'deletes an SQS queue and the messages in it.'),
      mayDelete('sqs', 'purge-queue', 'deletes every message in an SQS queue.'),
    ],
  },
  {
    types: ['AWS::ECR::Repository'],
    operations: [
      deletes('ecr', 'delete-repository', 'an ECR repository (with `--force`, its images too)'),
      mayDelete(
        'ecr',
        'batch-delete-image',
        'deletes ECR images (routine tag clean-up, but an image still in use cannot be pulled again).',
      ),
    ],
  },
  {
    types: ['AWS::Lightsail::Database', 'AWS::Lightsail::Disk', 'AWS::Lightsail::Bucket'],
    operations: [
      deletes('lightsail', 'delete-relational-database', 'a Lightsail database'),
      deletes('lightsail', 'delete-relational-database-snapshot', 'a Lightsail database snapshot'),
      deletes('lightsail', 'delete-disk', 'a Lightsail disk'),
      deletes('lightsail', 'delete-disk-snapshot', 'a Lightsail disk snapshot'),
      deletes('lightsail', 'delete-bucket', 'a Lightsail bucket (with `--force-delete`, its objects too)'),
      deletes('lightsail', 'delete-instance-snapshot', 'a Lightsail instance snapshot'),
      deletes('lightsail', 'delete-auto-snapshot', 'an automatic snapshot of a Lightsail instance or disk'),
      // Disabling backup retention deletes every automated backup of the database.
      deletes('lightsail', 'update-relational-database', 'the automated backups of a Lightsail database', {
        when: [{ flag: '--disable-backup-retention' }],
      }),
      unprotects('lightsail', 'disable-add-on', 'automatic snapshots of a Lightsail instance or disk', [
        { option: '--add-on-type', value: /^AutoSnapshot$/i },
      ]),
    ],
  },
  {
    types: ['AWS::EMR::Cluster'],
    operations: [
      mayDelete('emr', 'terminate-clusters', 'terminates EMR clusters; data kept on their HDFS is lost.'),
      unprotects('emr', 'modify-cluster-attributes', 'termination protection on an EMR cluster', [
        { flag: '--no-termination-protected' },
      ]),
    ],
  },
  { types: ['AWS::SDB::Domain'], operations: [deletes('sdb', 'delete-domain', 'a SimpleDB domain and its items')] },
  {
    types: ['AWS::IoTAnalytics::Datastore', 'AWS::IoTAnalytics::Channel'],
    operations: [
      deletes('iotanalytics', 'delete-datastore', 'an IoT Analytics data store'),
      deletes('iotanalytics', 'delete-channel', 'an IoT Analytics channel and the raw messages it keeps'),
    ],
  },
  {
    types: ['AWS::CloudHSM::Cluster'],
    operations: [
      deletes('cloudhsmv2', 'delete-cluster', 'a CloudHSM cluster'),
      deletes(
        'cloudhsmv2',
        'delete-hsm',
        'an HSM of a CloudHSM cluster (the last one holds the only live copy of its keys)',
      ),
      deletes('cloudhsmv2', 'delete-backup', 'a CloudHSM backup (after its 7-day recovery window)'),
    ],
  },
  {
    types: ['AWS::CodeCommit::Repository'],
    operations: [deletes('codecommit', 'delete-repository', 'a CodeCommit repository and its history')],
  },
  {
    types: ['AWS::Organizations::Account'],
    operations: [
      deletes('organizations', 'close-account', 'an AWS account: after 90 days, every resource and backup in it'),
    ],
  },
];
