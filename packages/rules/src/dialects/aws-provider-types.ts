/**
 * Which CloudFormation type a Terraform AWS provider resource type or a Pulumi
 * type token is, so that "does this hold data" is answered once, by the
 * catalogue (`isStatefulType`), for every front end.
 *
 * Three sources, in order:
 * 1. `PROVIDER_TYPE_TABLE`: hand-written rows for the types whose names do not
 *    follow CloudFormation's (`aws_db_instance` is `AWS::RDS::DBInstance`), and
 *    for provider resources that are a *part* of one CloudFormation resource
 *    (`aws_s3_bucket_versioning` is the `VersioningConfiguration` of an
 *    `AWS::S3::Bucket`: destroying it suspends versioning, it deletes no data).
 *    Each row's Pulumi (`@pulumi/aws`) tokens are derived from its Terraform name
 *    (`aws_efs_file_system` → `aws:efs/fileSystem:FileSystem`) unless given.
 * 2. Name derivation for the providers generated from the CloudFormation
 *    registry (`awscc_rds_db_instance`, `aws-native:rds:DbInstance`) and for
 *    `aws_*` / `aws:*` names that spell the CloudFormation service and type
 *    (`aws_sqs_queue`, `aws:ec2/securityGroup:SecurityGroup`).
 * 3. Nothing: the caller decides, and the gate treats a type whose name
 *    contains a data-store word as stateful (`looksDataBearing`).
 */
import spec from '../spec/cloudformation-types.generated.json';
import { STATEFUL_TYPES } from '../spec/stateful-types';

/** How a provider type was mapped. */
export type ProviderTypeSource = 'table' | 'derived' | 'cloudformation';

/** What a provider type is, in CloudFormation's words. */
export interface ProviderTypeMapping {
  /**
   * The CloudFormation type. For a `part`, the type of the resource the part
   * configures. Undefined for provider resources with no CloudFormation
   * counterpart that hold no data (`aws_route_table_association`-like glue).
   */
  readonly cloudFormationType?: string;
  /**
   * Set when the provider resource configures one property of a CloudFormation
   * resource rather than being one: the CloudFormation property it stands for.
   * Deleting a part deletes no data; it can only lower a protection.
   */
  readonly part?: string;
  readonly source: ProviderTypeSource;
}

/** One row of the table. */
export interface ProviderTypeRow {
  /** The Terraform AWS provider resource type. */
  readonly terraform: string;
  /** `null`: no CloudFormation counterpart, and the resource holds no data. */
  readonly cloudFormation: string | null;
  /** The CloudFormation property a part stands for (see `ProviderTypeMapping.part`). */
  readonly part?: string;
  /**
   * Pulumi `@pulumi/aws` type tokens. @default - derived from `terraform`:
   * `aws_<module>_<name>` → `aws:<module>/<name in camelCase>:<Name in PascalCase>`
   */
  readonly pulumi?: readonly string[];
}

/**
 * S3 bucket settings Terraform (provider v4+) and Pulumi manage as separate
 * resources: Terraform suffix, CloudFormation property, `@pulumi/aws` tokens.
 * Pulumi names some `…V2` beside the first name (v6), and shortens or drops the
 * `bucket` of others (`aws:s3/inventory:Inventory`,
 * `aws:s3/bucketReplicationConfig:BucketReplicationConfig`): listed as the
 * provider names them (https://www.pulumi.com/registry/packages/aws/api-docs/s3/).
 */
const S3_BUCKET_PARTS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['versioning', 'VersioningConfiguration', ['BucketVersioning', 'BucketVersioningV2']],
  [
    'object_lock_configuration',
    'ObjectLockConfiguration',
    ['BucketObjectLockConfiguration', 'BucketObjectLockConfigurationV2'],
  ],
  [
    'lifecycle_configuration',
    'LifecycleConfiguration',
    ['BucketLifecycleConfiguration', 'BucketLifecycleConfigurationV2'],
  ],
  ['replication_configuration', 'ReplicationConfiguration', ['BucketReplicationConfig']],
  [
    'server_side_encryption_configuration',
    'BucketEncryption',
    ['BucketServerSideEncryptionConfiguration', 'BucketServerSideEncryptionConfigurationV2'],
  ],
  ['public_access_block', 'PublicAccessBlockConfiguration', ['BucketPublicAccessBlock']],
  ['ownership_controls', 'OwnershipControls', ['BucketOwnershipControls']],
  ['acl', 'AccessControl', ['BucketAcl', 'BucketAclV2']],
  ['cors_configuration', 'CorsConfiguration', ['BucketCorsConfiguration', 'BucketCorsConfigurationV2']],
  ['website_configuration', 'WebsiteConfiguration', ['BucketWebsiteConfiguration', 'BucketWebsiteConfigurationV2']],
  ['logging', 'LoggingConfiguration', ['BucketLogging', 'BucketLoggingV2']],
  ['notification', 'NotificationConfiguration', ['BucketNotification']],
  ['intelligent_tiering_configuration', 'IntelligentTieringConfigurations', ['BucketIntelligentTieringConfiguration']],
  [
    'accelerate_configuration',
    'AccelerateConfiguration',
    ['BucketAccelerateConfiguration', 'BucketAccelerateConfigurationV2'],
  ],
  ['analytics_configuration', 'AnalyticsConfigurations', ['AnalyticsConfiguration']],
  ['inventory', 'InventoryConfigurations', ['Inventory']],
  ['metric', 'MetricsConfigurations', ['BucketMetric']],
  [
    'request_payment_configuration',
    'RequestPaymentConfiguration',
    ['BucketRequestPaymentConfiguration', 'BucketRequestPaymentConfigurationV2'],
  ],
];

function s3PartRow([suffix, property, names]: readonly [string, string, readonly string[]]): ProviderTypeRow {
  return {
    terraform: `aws_s3_bucket_${suffix}`,
    cloudFormation: 'AWS::S3::Bucket',
    part: property,
    pulumi: names.map((n) => `aws:s3/${n[0].toLowerCase()}${n.slice(1)}:${n}`),
  };
}

/**
 * The hand-written rows. Kept to types whose names do not derive (see the file
 * comment), parts, and glue types whose names contain a data-store word but that
 * hold no data (a route *table*, a key *pair*), so they are not taken for data.
 */
export const PROVIDER_TYPE_TABLE: readonly ProviderTypeRow[] = [
  // RDS
  { terraform: 'aws_db_instance', cloudFormation: 'AWS::RDS::DBInstance', pulumi: ['aws:rds/instance:Instance'] },
  { terraform: 'aws_rds_cluster', cloudFormation: 'AWS::RDS::DBCluster' },
  { terraform: 'aws_rds_cluster_instance', cloudFormation: 'AWS::RDS::DBInstance' },
  { terraform: 'aws_rds_global_cluster', cloudFormation: 'AWS::RDS::GlobalCluster' },
  { terraform: 'aws_db_snapshot', cloudFormation: 'AWS::RDS::DBSnapshot', pulumi: ['aws:rds/snapshot:Snapshot'] },
  {
    terraform: 'aws_db_cluster_snapshot',
    cloudFormation: 'AWS::RDS::ClusterSnapshot',
    pulumi: ['aws:rds/clusterSnapshot:ClusterSnapshot'],
  },
  {
    terraform: 'aws_db_subnet_group',
    cloudFormation: 'AWS::RDS::DBSubnetGroup',
    pulumi: ['aws:rds/subnetGroup:SubnetGroup'],
  },
  {
    terraform: 'aws_db_parameter_group',
    cloudFormation: 'AWS::RDS::DBParameterGroup',
    pulumi: ['aws:rds/parameterGroup:ParameterGroup'],
  },
  { terraform: 'aws_rds_cluster_parameter_group', cloudFormation: 'AWS::RDS::DBClusterParameterGroup' },
  {
    terraform: 'aws_db_option_group',
    cloudFormation: 'AWS::RDS::OptionGroup',
    pulumi: ['aws:rds/optionGroup:OptionGroup'],
  },
  { terraform: 'aws_db_proxy', cloudFormation: 'AWS::RDS::DBProxy', pulumi: ['aws:rds/proxy:Proxy'] },
  {
    terraform: 'aws_db_event_subscription',
    cloudFormation: 'AWS::RDS::EventSubscription',
    pulumi: ['aws:rds/eventSubscription:EventSubscription'],
  },
  { terraform: 'aws_rds_cluster_endpoint', cloudFormation: null },
  { terraform: 'aws_rds_cluster_role_association', cloudFormation: null },
  {
    terraform: 'aws_db_instance_role_association',
    cloudFormation: null,
    pulumi: ['aws:rds/roleAssociation:RoleAssociation'],
  },
  // DynamoDB
  { terraform: 'aws_dynamodb_table', cloudFormation: 'AWS::DynamoDB::Table' },
  { terraform: 'aws_dynamodb_global_table', cloudFormation: 'AWS::DynamoDB::GlobalTable' },
  // A replica of a global table (version 2019.11.21) in another region, managed on its own: a table with its own
  // deletion protection and point-in-time recovery, deleted with its data when the resource is destroyed.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table_replica
  { terraform: 'aws_dynamodb_table_replica', cloudFormation: 'AWS::DynamoDB::Table' },
  // S3
  {
    terraform: 'aws_s3_bucket',
    cloudFormation: 'AWS::S3::Bucket',
    pulumi: ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'],
  },
  { terraform: 'aws_s3_bucket_policy', cloudFormation: 'AWS::S3::BucketPolicy' },
  ...S3_BUCKET_PARTS.map(s3PartRow),
  { terraform: 'aws_s3_directory_bucket', cloudFormation: 'AWS::S3Express::DirectoryBucket' },
  { terraform: 'aws_s3tables_table_bucket', cloudFormation: 'AWS::S3Tables::TableBucket' },
  { terraform: 'aws_s3tables_table', cloudFormation: 'AWS::S3Tables::Table' },
  // EFS, FSx, EBS
  { terraform: 'aws_efs_file_system', cloudFormation: 'AWS::EFS::FileSystem' },
  { terraform: 'aws_efs_backup_policy', cloudFormation: 'AWS::EFS::FileSystem', part: 'BackupPolicy' },
  { terraform: 'aws_efs_file_system_policy', cloudFormation: 'AWS::EFS::FileSystem', part: 'FileSystemPolicy' },
  {
    terraform: 'aws_efs_replication_configuration',
    cloudFormation: 'AWS::EFS::FileSystem',
    part: 'ReplicationConfiguration',
  },
  { terraform: 'aws_efs_mount_target', cloudFormation: 'AWS::EFS::MountTarget' },
  { terraform: 'aws_efs_access_point', cloudFormation: 'AWS::EFS::AccessPoint' },
  { terraform: 'aws_fsx_lustre_file_system', cloudFormation: 'AWS::FSx::FileSystem' },
  { terraform: 'aws_fsx_windows_file_system', cloudFormation: 'AWS::FSx::FileSystem' },
  { terraform: 'aws_fsx_ontap_file_system', cloudFormation: 'AWS::FSx::FileSystem' },
  {
    terraform: 'aws_fsx_openzfs_file_system',
    cloudFormation: 'AWS::FSx::FileSystem',
    pulumi: ['aws:fsx/openZfsFileSystem:OpenZfsFileSystem'],
  },
  { terraform: 'aws_fsx_ontap_volume', cloudFormation: 'AWS::FSx::Volume' },
  {
    terraform: 'aws_fsx_openzfs_volume',
    cloudFormation: 'AWS::FSx::Volume',
    pulumi: ['aws:fsx/openZfsVolume:OpenZfsVolume'],
  },
  { terraform: 'aws_fsx_ontap_storage_virtual_machine', cloudFormation: 'AWS::FSx::StorageVirtualMachine' },
  { terraform: 'aws_ebs_volume', cloudFormation: 'AWS::EC2::Volume' },
  {
    terraform: 'aws_volume_attachment',
    cloudFormation: 'AWS::EC2::VolumeAttachment',
    pulumi: ['aws:ec2/volumeAttachment:VolumeAttachment'],
  },
  // Backup, KMS, Secrets Manager
  { terraform: 'aws_backup_vault', cloudFormation: 'AWS::Backup::BackupVault' },
  {
    terraform: 'aws_backup_vault_lock_configuration',
    cloudFormation: 'AWS::Backup::BackupVault',
    part: 'LockConfiguration',
  },
  { terraform: 'aws_backup_vault_policy', cloudFormation: 'AWS::Backup::BackupVault', part: 'AccessPolicy' },
  { terraform: 'aws_backup_vault_notifications', cloudFormation: 'AWS::Backup::BackupVault', part: 'Notifications' },
  { terraform: 'aws_backup_logically_air_gapped_vault', cloudFormation: 'AWS::Backup::LogicallyAirGappedBackupVault' },
  { terraform: 'aws_backup_plan', cloudFormation: 'AWS::Backup::BackupPlan' },
  { terraform: 'aws_backup_selection', cloudFormation: 'AWS::Backup::BackupSelection' },
  { terraform: 'aws_kms_key', cloudFormation: 'AWS::KMS::Key' },
  { terraform: 'aws_kms_replica_key', cloudFormation: 'AWS::KMS::ReplicaKey' },
  { terraform: 'aws_kms_key_policy', cloudFormation: 'AWS::KMS::Key', part: 'KeyPolicy' },
  { terraform: 'aws_kms_alias', cloudFormation: 'AWS::KMS::Alias' },
  { terraform: 'aws_secretsmanager_secret', cloudFormation: 'AWS::SecretsManager::Secret' },
  // A new value keeps the previous one as `AWSPREVIOUS`; a version is not the secret.
  {
    terraform: 'aws_secretsmanager_secret_version',
    cloudFormation: 'AWS::SecretsManager::Secret',
    part: 'SecretString',
  },
  { terraform: 'aws_secretsmanager_secret_policy', cloudFormation: 'AWS::SecretsManager::ResourcePolicy' },
  { terraform: 'aws_secretsmanager_secret_rotation', cloudFormation: 'AWS::SecretsManager::RotationSchedule' },
  // DocumentDB, Neptune
  { terraform: 'aws_docdb_cluster', cloudFormation: 'AWS::DocDB::DBCluster' },
  { terraform: 'aws_docdb_cluster_instance', cloudFormation: 'AWS::DocDB::DBInstance' },
  { terraform: 'aws_docdb_global_cluster', cloudFormation: 'AWS::DocDB::GlobalCluster' },
  { terraform: 'aws_docdb_subnet_group', cloudFormation: 'AWS::DocDB::DBSubnetGroup' },
  { terraform: 'aws_docdb_cluster_parameter_group', cloudFormation: 'AWS::DocDB::DBClusterParameterGroup' },
  {
    terraform: 'aws_docdbelastic_cluster',
    cloudFormation: 'AWS::DocDBElastic::Cluster',
    pulumi: ['aws:docdb/elasticCluster:ElasticCluster'],
  },
  { terraform: 'aws_neptune_cluster', cloudFormation: 'AWS::Neptune::DBCluster' },
  { terraform: 'aws_neptune_cluster_instance', cloudFormation: 'AWS::Neptune::DBInstance' },
  { terraform: 'aws_neptune_global_cluster', cloudFormation: 'AWS::Neptune::GlobalCluster' },
  { terraform: 'aws_neptune_subnet_group', cloudFormation: 'AWS::Neptune::DBSubnetGroup' },
  { terraform: 'aws_neptune_cluster_parameter_group', cloudFormation: 'AWS::Neptune::DBClusterParameterGroup' },
  { terraform: 'aws_neptune_parameter_group', cloudFormation: 'AWS::Neptune::DBParameterGroup' },
  { terraform: 'aws_neptunegraph_graph', cloudFormation: 'AWS::NeptuneGraph::Graph' },
  // Caches, warehouses, search, ledgers, time series, streams
  { terraform: 'aws_elasticache_replication_group', cloudFormation: 'AWS::ElastiCache::ReplicationGroup' },
  { terraform: 'aws_elasticache_cluster', cloudFormation: 'AWS::ElastiCache::CacheCluster' },
  { terraform: 'aws_elasticache_subnet_group', cloudFormation: 'AWS::ElastiCache::SubnetGroup' },
  { terraform: 'aws_elasticache_parameter_group', cloudFormation: 'AWS::ElastiCache::ParameterGroup' },
  { terraform: 'aws_memorydb_cluster', cloudFormation: 'AWS::MemoryDB::Cluster' },
  { terraform: 'aws_redshift_cluster', cloudFormation: 'AWS::Redshift::Cluster' },
  { terraform: 'aws_redshift_subnet_group', cloudFormation: 'AWS::Redshift::ClusterSubnetGroup' },
  { terraform: 'aws_redshift_parameter_group', cloudFormation: 'AWS::Redshift::ClusterParameterGroup' },
  { terraform: 'aws_redshiftserverless_namespace', cloudFormation: 'AWS::RedshiftServerless::Namespace' },
  { terraform: 'aws_redshiftserverless_workgroup', cloudFormation: 'AWS::RedshiftServerless::Workgroup' },
  { terraform: 'aws_redshift_cluster_snapshot', cloudFormation: 'AWS::Redshift::Snapshot' },
  { terraform: 'aws_redshiftserverless_snapshot', cloudFormation: 'AWS::RedshiftServerless::Snapshot' },
  { terraform: 'aws_glacier_vault', cloudFormation: 'AWS::Glacier::Vault' },
  { terraform: 'aws_opensearch_domain', cloudFormation: 'AWS::OpenSearchService::Domain' },
  { terraform: 'aws_elasticsearch_domain', cloudFormation: 'AWS::Elasticsearch::Domain' },
  {
    terraform: 'aws_opensearchserverless_collection',
    cloudFormation: 'AWS::OpenSearchServerless::Collection',
    pulumi: ['aws:opensearch/serverlessCollection:ServerlessCollection'],
  },
  { terraform: 'aws_qldb_ledger', cloudFormation: 'AWS::QLDB::Ledger' },
  { terraform: 'aws_dsql_cluster', cloudFormation: 'AWS::DSQL::Cluster' },
  { terraform: 'aws_timestreamwrite_database', cloudFormation: 'AWS::Timestream::Database' },
  { terraform: 'aws_timestreamwrite_table', cloudFormation: 'AWS::Timestream::Table' },
  // `InfluxDB` and `Db` run together differently in the two names (`timestreaminfluxdb_db_instance`, `InfluxDBInstance`).
  { terraform: 'aws_timestreaminfluxdb_db_instance', cloudFormation: 'AWS::Timestream::InfluxDBInstance' },
  { terraform: 'aws_timestreaminfluxdb_db_cluster', cloudFormation: 'AWS::Timestream::InfluxDBCluster' },
  { terraform: 'aws_keyspaces_keyspace', cloudFormation: 'AWS::Cassandra::Keyspace' },
  { terraform: 'aws_keyspaces_table', cloudFormation: 'AWS::Cassandra::Table' },
  { terraform: 'aws_kinesis_stream', cloudFormation: 'AWS::Kinesis::Stream' },
  { terraform: 'aws_kinesis_firehose_delivery_stream', cloudFormation: 'AWS::KinesisFirehose::DeliveryStream' },
  { terraform: 'aws_lightsail_database', cloudFormation: 'AWS::Lightsail::Database' },
  { terraform: 'aws_lightsail_disk', cloudFormation: 'AWS::Lightsail::Disk' },
  { terraform: 'aws_emr_cluster', cloudFormation: 'AWS::EMR::Cluster' },
  // Kafka and message brokers: `mq` is CloudFormation's `AmazonMQ`; CloudHSM v2 is CloudFormation's `CloudHSM`.
  { terraform: 'aws_mq_broker', cloudFormation: 'AWS::AmazonMQ::Broker' },
  { terraform: 'aws_mq_configuration', cloudFormation: 'AWS::AmazonMQ::Configuration' },
  {
    terraform: 'aws_cloudhsm_v2_cluster',
    cloudFormation: 'AWS::CloudHSM::Cluster',
    pulumi: ['aws:cloudhsmv2/cluster:Cluster'],
  },
  // Logs, queues, audit, code and images
  { terraform: 'aws_cloudwatch_log_group', cloudFormation: 'AWS::Logs::LogGroup' },
  { terraform: 'aws_cloudwatch_log_stream', cloudFormation: 'AWS::Logs::LogStream' },
  { terraform: 'aws_sqs_queue', cloudFormation: 'AWS::SQS::Queue' },
  { terraform: 'aws_sqs_queue_policy', cloudFormation: 'AWS::SQS::QueuePolicy' },
  {
    terraform: 'aws_sqs_queue_redrive_policy',
    cloudFormation: 'AWS::SQS::Queue',
    part: 'RedrivePolicy',
    pulumi: ['aws:sqs/redrivePolicy:RedrivePolicy'],
  },
  {
    terraform: 'aws_sqs_queue_redrive_allow_policy',
    cloudFormation: 'AWS::SQS::Queue',
    part: 'RedriveAllowPolicy',
    pulumi: ['aws:sqs/redriveAllowPolicy:RedriveAllowPolicy'],
  },
  { terraform: 'aws_cloudtrail', cloudFormation: 'AWS::CloudTrail::Trail', pulumi: ['aws:cloudtrail/trail:Trail'] },
  { terraform: 'aws_cloudtrail_event_data_store', cloudFormation: 'AWS::CloudTrail::EventDataStore' },
  { terraform: 'aws_ecr_repository', cloudFormation: 'AWS::ECR::Repository' },
  { terraform: 'aws_codecommit_repository', cloudFormation: 'AWS::CodeCommit::Repository' },
  { terraform: 'aws_cognito_user_pool', cloudFormation: 'AWS::Cognito::UserPool' },
  { terraform: 'aws_cognito_user_pool_client', cloudFormation: 'AWS::Cognito::UserPoolClient' },
  { terraform: 'aws_cognito_user_pool_domain', cloudFormation: 'AWS::Cognito::UserPoolDomain' },
  { terraform: 'aws_cognito_identity_pool', cloudFormation: 'AWS::Cognito::IdentityPool' },
  // Glue whose name holds a data-store word (table, key, cluster): no data in it.
  { terraform: 'aws_vpc', cloudFormation: 'AWS::EC2::VPC', pulumi: ['aws:ec2/vpc:Vpc'] },
  { terraform: 'aws_subnet', cloudFormation: 'AWS::EC2::Subnet', pulumi: ['aws:ec2/subnet:Subnet'] },
  {
    terraform: 'aws_security_group',
    cloudFormation: 'AWS::EC2::SecurityGroup',
    pulumi: ['aws:ec2/securityGroup:SecurityGroup'],
  },
  { terraform: 'aws_instance', cloudFormation: 'AWS::EC2::Instance', pulumi: ['aws:ec2/instance:Instance'] },
  // Launches an instance with `aws_instance`'s block devices (`ebs_block_device`, `root_block_device`).
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/spot_instance_request
  {
    terraform: 'aws_spot_instance_request',
    cloudFormation: 'AWS::EC2::Instance',
    pulumi: ['aws:ec2/spotInstanceRequest:SpotInstanceRequest'],
  },
  // Their block device mappings decide whether data volumes outlive an instance (ec2-no-delete-on-termination).
  {
    terraform: 'aws_launch_template',
    cloudFormation: 'AWS::EC2::LaunchTemplate',
    pulumi: ['aws:ec2/launchTemplate:LaunchTemplate'],
  },
  {
    terraform: 'aws_launch_configuration',
    cloudFormation: 'AWS::AutoScaling::LaunchConfiguration',
    pulumi: ['aws:ec2/launchConfiguration:LaunchConfiguration'],
  },
  { terraform: 'aws_route_table', cloudFormation: 'AWS::EC2::RouteTable', pulumi: ['aws:ec2/routeTable:RouteTable'] },
  {
    terraform: 'aws_route_table_association',
    cloudFormation: 'AWS::EC2::SubnetRouteTableAssociation',
    pulumi: ['aws:ec2/routeTableAssociation:RouteTableAssociation'],
  },
  {
    terraform: 'aws_main_route_table_association',
    cloudFormation: null,
    pulumi: ['aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation'],
  },
  {
    terraform: 'aws_default_route_table',
    cloudFormation: null,
    pulumi: ['aws:ec2/defaultRouteTable:DefaultRouteTable'],
  },
  { terraform: 'aws_route', cloudFormation: 'AWS::EC2::Route', pulumi: ['aws:ec2/route:Route'] },
  { terraform: 'aws_key_pair', cloudFormation: 'AWS::EC2::KeyPair', pulumi: ['aws:ec2/keyPair:KeyPair'] },
  { terraform: 'aws_ecs_cluster_capacity_providers', cloudFormation: 'AWS::ECS::ClusterCapacityProviderAssociations' },
  { terraform: 'aws_iam_access_key', cloudFormation: 'AWS::IAM::AccessKey' },
  { terraform: 'aws_iam_role_policy_attachment', cloudFormation: null },
  { terraform: 'aws_lambda_permission', cloudFormation: 'AWS::Lambda::Permission' },
  // Settings and attachments whose names hold a data-store word: deleting one deletes no data.
  { terraform: 'aws_ecr_repository_policy', cloudFormation: null },
  { terraform: 'aws_opensearch_domain_policy', cloudFormation: null },
  { terraform: 'aws_msk_scram_secret_association', cloudFormation: null },
  { terraform: 'aws_redshift_snapshot_copy', cloudFormation: null },
  { terraform: 'aws_ebs_snapshot_block_public_access', cloudFormation: null },
  { terraform: 'aws_rds_cluster_activity_stream', cloudFormation: null },
];

/** `aws_efs_file_system` → `aws:efs/fileSystem:FileSystem`; undefined when the name has no module. */
export function derivePulumiToken(terraform: string): string | undefined {
  const m = /^aws_([a-z0-9]+)_([a-z0-9_]+)$/.exec(terraform);
  if (!m) return undefined;
  const words = m[2].split('_');
  const camel =
    words[0] +
    words
      .slice(1)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('');
  return `aws:${m[1]}/${camel}:${camel[0].toUpperCase()}${camel.slice(1)}`;
}

function toMapping(row: ProviderTypeRow): ProviderTypeMapping {
  return { cloudFormationType: row.cloudFormation ?? undefined, part: row.part, source: 'table' };
}

const TERRAFORM = new Map<string, ProviderTypeMapping>();
const PULUMI = new Map<string, ProviderTypeMapping>();
for (const row of PROVIDER_TYPE_TABLE) {
  if (TERRAFORM.has(row.terraform)) throw new Error(`The provider type table lists \`${row.terraform}\` twice.`);
  const mapping = toMapping(row);
  TERRAFORM.set(row.terraform, mapping);
  for (const token of row.pulumi ?? [derivePulumiToken(row.terraform)!]) PULUMI.set(token, mapping);
}

/**
 * Types a catalogue rule judges (or the backup coverage reads: a selection)
 * that hold no data themselves, so that neither the stateful lists nor the
 * specification's replacement facts (an `AWS::Backup::BackupPlan` has no
 * property that forces one) name them: their `aws-native`/`awscc` names derive
 * too. `aws-provider-types-coverage.test.ts` fails while a type in a rule's
 * `resourceTypes` does not derive.
 */
export const JUDGED_TYPES: readonly string[] = [
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupSelection',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::LaunchConfiguration',
];

/** Every CloudFormation type the generated spec knows, by its service and name run together in lower case. */
let byNormalisedName: Map<string, string | null> | undefined;

function normalisedIndex(): Map<string, string | null> {
  if (byNormalisedName) return byNormalisedName;
  const index = new Map<string, string | null>();
  const types = new Set<string>([
    ...Object.keys(spec.replacement),
    ...Object.keys(spec.deletionProtection),
    ...spec.stateful,
    ...STATEFUL_TYPES,
    ...JUDGED_TYPES,
  ]);
  for (const t of types) {
    const m = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/.exec(t);
    if (!m) continue;
    const key = `${m[1]}${m[2]}`.toLowerCase();
    // Two types that normalise alike are not told apart by name: neither is derived.
    index.set(key, index.has(key) && index.get(key) !== t ? null : t);
  }
  return (byNormalisedName = index);
}

function derived(key: string): ProviderTypeMapping | undefined {
  const t = normalisedIndex().get(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return t ? { cloudFormationType: t, source: 'derived' } : undefined;
}

/**
 * The CloudFormation type of a Terraform resource type (`aws_db_instance`,
 * `awscc_rds_db_instance`), or undefined when it cannot be known.
 */
export function terraformTypeMapping(type: string): ProviderTypeMapping | undefined {
  const row = TERRAFORM.get(type);
  if (row) return row;
  // A plan names few types many times: derive each once.
  const cached = DERIVED_TERRAFORM.get(type);
  if (cached !== undefined) return cached ?? undefined;
  let m: ProviderTypeMapping | undefined;
  if (type.startsWith('awscc_')) m = derived(type.slice('awscc_'.length));
  else if (type.startsWith('aws_')) m = derived(type.slice('aws_'.length));
  DERIVED_TERRAFORM.set(type, m ?? null);
  return m;
}

const DERIVED_TERRAFORM = new Map<string, ProviderTypeMapping | null>();
const DERIVED_PULUMI = new Map<string, ProviderTypeMapping | null>();

/**
 * The CloudFormation type of a Pulumi type token (`aws:rds/instance:Instance`,
 * `aws-native:rds:DbInstance`), or undefined when it cannot be known.
 */
export function pulumiTypeMapping(token: string): ProviderTypeMapping | undefined {
  const row = PULUMI.get(token);
  if (row) return row;
  const cached = DERIVED_PULUMI.get(token);
  if (cached !== undefined) return cached ?? undefined;
  let out: ProviderTypeMapping | undefined;
  let m = /^aws-native:([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(token);
  if (m) out = derived(`${m[1]}${m[2]}`);
  else if ((m = /^aws:([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(token))) out = derived(`${m[1]}${m[2]}`);
  DERIVED_PULUMI.set(token, out ?? null);
  return out;
}

/**
 * Words that name a store of data; a type whose name holds one is treated as
 * stateful when it cannot be mapped. Google Cloud and Azure products (Spanner,
 * BigQuery, Cosmos DB…) are decided one by one in `protection/provider-types.ts`.
 */
export const DATA_STORE_WORDS: readonly string[] = [
  'db',
  'database',
  'table',
  'bucket',
  'volume',
  'vault',
  'key',
  'cluster',
  'filesystem',
  'snapshot',
  'backup',
  'ledger',
  'graph',
  'stream',
  'queue',
  'secret',
  'storage',
  'disk',
  'store',
  'datastore',
  'warehouse',
  'keyspace',
  'collection',
  'object',
  'repository',
  'sql',
  'mysql',
  'postgres',
  'postgresql',
  'redis',
  'mongodb',
  'elasticsearch',
  'opensearch',
  'index',
  'blob',
  'dataset',
];

const WORDS = new Set(DATA_STORE_WORDS);
/** Compound words a name may run together (`FileSystem` split by case gives `file`, `system`). */
const COMPOUNDS: ReadonlyArray<readonly [string, string, string]> = [
  ['file', 'system', 'filesystem'],
  ['data', 'store', 'datastore'],
  ['data', 'base', 'database'],
  ['key', 'space', 'keyspace'],
];

/** The words of a type name: split at `_`, `:`, `/`, `-`, `.` and lower-to-upper case changes, lower-cased, plural `s` dropped. */
export function typeNameWords(type: string): string[] {
  const raw = type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const pair = COMPOUNDS.find(([a, b]) => raw[i] === a && raw[i + 1] === b);
    if (pair) {
      out.push(pair[2]);
      i++;
      continue;
    }
    out.push(raw[i]);
  }
  return out;
}

/** The data-store word in a type name, or undefined. `aws_glacier_vault` → `vault`; `aws_iam_role` → undefined. */
export function looksDataBearing(type: string): string | undefined {
  const cached = DATA_WORD.get(type);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  // A Pulumi package's top-level module is named `index` (`docker:index/image:Image`, `eks:index:Cluster`):
  // a module name, not a search index, so only the resource part of the token is judged.
  // https://www.pulumi.com/docs/iac/concepts/resources/names/#types
  const judged = type.length > 300 ? type : type.replace(/^([A-Za-z0-9_-]+):index(?=[/:])\/?/, '$1:');
  for (const w of typeNameWords(judged)) {
    if (WORDS.has(w)) found = w;
    else if (w.length > 3 && w.endsWith('s') && WORDS.has(w.slice(0, -1))) found = w.slice(0, -1);
    else if (w.endsWith('database') || w.endsWith('filesystem')) found = w;
    if (found) break;
  }
  if (DATA_WORD.size < 10000) DATA_WORD.set(type, found ?? null);
  return found;
}

const DATA_WORD = new Map<string, string | null>();
