import spec from './cloudformation-types.generated.json';

/**
 * Which resource types hold data. The base is the CloudFormation specification's
 * own `isStateful` marking (generated, see scripts/generate-spec.js); the lists
 * below are the hand-checked corrections to it, each with its reason.
 */

/** Types the specification does not mark stateful but that store data a user cannot recreate. */
export const ADDITIONAL_DATA_TYPES: Readonly<Record<string, string>> = {
  'AWS::RDS::GlobalCluster': 'holds the global database that spans regional clusters',
  'AWS::DocDB::GlobalCluster': 'holds the global database that spans regional clusters',
  'AWS::Neptune::GlobalCluster': 'holds the global database that spans regional clusters',
  'AWS::DocDBElastic::Cluster': 'a document database',
  'AWS::NeptuneGraph::Graph': 'a graph database',
  'AWS::DSQL::Cluster': 'a relational database',
  'AWS::OpenSearchServerless::Collection': 'a search and vector store',
  'AWS::Timestream::Database': 'a time-series database',
  'AWS::Timestream::Table': 'a time-series table',
  'AWS::Cassandra::Keyspace': 'a Keyspaces keyspace; deleting it deletes its tables',
  'AWS::Cassandra::Table': 'a Keyspaces table',
  'AWS::MemoryDB::Cluster': 'a durable in-memory database',
  'AWS::RedshiftServerless::Namespace': 'a data warehouse namespace',
  'AWS::Backup::LogicallyAirGappedBackupVault': 'holds recovery points',
  'AWS::S3Express::DirectoryBucket': 'an object store',
  'AWS::S3Tables::TableBucket': 'holds Iceberg tables',
  'AWS::S3Tables::Table': 'an Iceberg table',
  'AWS::CodeCommit::Repository': 'a source repository',
  'AWS::KMS::ReplicaKey': 'a key; deleting it makes data encrypted under it unreadable',
  'AWS::CloudTrail::EventDataStore': 'stores audit events',
  'AWS::Lightsail::Database': 'a relational database',
  'AWS::Lightsail::Disk': 'a block volume',
  'AWS::FSx::Volume': 'a file system volume',
  'AWS::IoTAnalytics::Datastore': 'a data store',
  'AWS::Serverless::SimpleTable': 'a SAM DynamoDB table',
  'AWS::ECR::Repository': 'holds container images',
};

/**
 * Stateful types whose loss is recoverable or whose contents are transient:
 * the removal rules report them as warnings, not errors.
 */
export const TRANSIENT_TYPES: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'messages are in flight, not at rest',
  'AWS::Kinesis::Stream': 'records expire after the stream retention period',
  'AWS::Logs::LogGroup': 'operational logs (tag a log group `deadbolt:data=true` to treat it as data)',
  'AWS::SecretsManager::Secret': 'a secret can be rotated or reset',
  'AWS::EMR::Cluster': 'a compute cluster; its data belongs in S3',
  'AWS::ElastiCache::CacheCluster': 'a cache that can be rebuilt',
  'AWS::ECR::Repository': 'images can be rebuilt from source',
};

/**
 * Stateful per the specification, but not a holder of data in its own right:
 * a nested stack's resources carry their own policies.
 */
export const CONTAINER_TYPES: ReadonlySet<string> = new Set(['AWS::CloudFormation::Stack']);

const STATEFUL: ReadonlySet<string> = new Set(
  [...spec.stateful, ...Object.keys(ADDITIONAL_DATA_TYPES)].filter((t) => !CONTAINER_TYPES.has(t)),
);

/** Every type the removal rules judge, sorted. */
export const STATEFUL_TYPES: readonly string[] = [...STATEFUL].sort();

/** Types from the CloudFormation specification's `isStateful` marking. */
export const SPEC_STATEFUL_TYPES: readonly string[] = spec.stateful;

export const SPEC_VERSION: string = spec.specVersion;

export function isStatefulType(type: string): boolean {
  return STATEFUL.has(type);
}

/** True for stateful types whose loss is recoverable (findings are warnings). */
export function isTransientType(type: string): boolean {
  return type in TRANSIENT_TYPES;
}

/**
 * Whether a resource marked as data by its tags (`deadbolt:data=true`) should be
 * treated as data even though its type is transient.
 */
export const DATA_TAG_KEY = 'deadbolt:data';

/** Properties whose change forces (`yes`) or may force (`maybe`) replacement, per the specification. */
export function replacementProperties(type: string): {
  readonly yes: readonly string[];
  readonly maybe: readonly string[];
} {
  return (spec.replacement as Record<string, { yes: string[]; maybe: string[] }>)[type] ?? { yes: [], maybe: [] };
}
