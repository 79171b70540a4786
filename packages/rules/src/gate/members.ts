/**
 * Cluster members judged by their cluster. An Aurora, DocumentDB or Neptune
 * instance keeps no data of its own: the cluster volume does, and it stays
 * when instances are deleted ("You can also delete DB instances from a cluster
 * while preserving the cluster itself and the data that it contains").
 * Replacing or deleting a member is therefore no data loss, unless the same
 * plan deletes or replaces its cluster.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html
 * @see https://docs.aws.amazon.com/documentdb/latest/developerguide/how-it-works.html
 * @see https://docs.aws.amazon.com/neptune/latest/userguide/feature-overview-storage.html
 */
import { protectionOf } from '../protection/table';
import { isObject, type ClusterMember, type ResourceChange } from './changes';

/**
 * Provider resources that are always an instance of a cluster: the Terraform
 * AWS provider's `*_cluster_instance` types require `cluster_identifier`
 * (a standalone RDS instance is `aws_db_instance`; a Multi-AZ DB cluster has no
 * `aws_rds_cluster_instance` members, it creates its own instances).
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster_instance
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster_instance
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster_instance
 */
const PROVIDER_MEMBER_TYPES: Readonly<Record<string, string>> = {
  aws_rds_cluster_instance: 'AWS::RDS::DBCluster',
  aws_docdb_cluster_instance: 'AWS::DocDB::DBCluster',
  aws_neptune_cluster_instance: 'AWS::Neptune::DBCluster',
  'aws:rds/clusterInstance:ClusterInstance': 'AWS::RDS::DBCluster',
  'aws:docdb/clusterInstance:ClusterInstance': 'AWS::DocDB::DBCluster',
  'aws:neptune/clusterInstance:ClusterInstance': 'AWS::Neptune::DBCluster',
};

/** The argument that names the cluster, per property dialect. */
const CLUSTER_PROPERTY = {
  cloudformation: 'DBClusterIdentifier',
  terraform: 'cluster_identifier',
  pulumi: 'clusterIdentifier',
} as const;

/** The same property in the providers generated from the CloudFormation registry (`awscc_*`, `aws-native:*`). */
const GENERATED_PROPERTY = { terraform: 'db_cluster_identifier', pulumi: 'dbClusterIdentifier' } as const;

function named(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Whether a change's resource is a cluster instance, from what the change
 * itself shows. By type for the provider `*_cluster_instance` resources; for a
 * CloudFormation-shaped instance (`AWS::RDS::DBInstance`, `awscc_`, `aws-native`)
 * only when its values name a cluster before (and after, for a replacement):
 * without values (a change set described without `--include-property-values`)
 * it is not proven, and the instance is judged as a database of its own.
 */
export function clusterMemberOf(change: ResourceChange): ClusterMember | undefined {
  if (!change.type) return undefined;
  const byType = PROVIDER_MEMBER_TYPES[change.providerType];
  if (byType) {
    const cluster =
      named(change.before?.[CLUSTER_PROPERTY[change.dialect]]) ??
      named(change.after?.[CLUSTER_PROPERTY[change.dialect]]);
    return { clusterTypes: [byType], cluster, evidence: `its type \`${change.providerType}\`` };
  }
  const member = protectionOf(change.type)?.member;
  if (!member) return undefined;
  // `*_cluster_instance` is the only way the classic providers spell a member; an `aws_db_instance` never is one.
  const generated = change.dialect === 'cloudformation' || /^(awscc_|aws-native:)/.test(change.providerType);
  if (!generated) return undefined;
  const property =
    change.dialect === 'cloudformation' ? CLUSTER_PROPERTY.cloudformation : GENERATED_PROPERTY[change.dialect];
  const before = named(change.before?.[property]);
  // CloudFormation requires the cluster property of a DocumentDB or Neptune instance: every one is a member.
  if (member.required)
    return { clusterTypes: member.clusterTypes, cluster: before, evidence: `its type \`${change.type}\`` };
  if (!before) return undefined;
  if (change.action === 'replace' && !named(change.after?.[property])) return undefined;
  // Only some engines join a cluster (RDS: Aurora); a known engine outside them is a database of its own.
  const engine = change.before?.[change.dialect === 'cloudformation' ? 'Engine' : 'engine'];
  if (member.engines && typeof engine === 'string' && !member.engines.test(engine)) return undefined;
  return {
    clusterTypes: member.clusterTypes,
    cluster: before,
    evidence: `\`${property}\` ${JSON.stringify(before)}`,
  };
}

/** The names a cluster's change is known by: its address, logical id, physical id and identifier. */
function namesOf(change: ResourceChange): { all: Set<string>; strong: boolean } {
  const all = new Set<string>([change.address]);
  const slash = change.address.lastIndexOf('/');
  if (slash >= 0) all.add(change.address.slice(slash + 1));
  let strong = false;
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '') {
      all.add(v);
      strong = true;
    }
  };
  add(change.identity);
  const before = isObject(change.before) ? change.before : {};
  for (const k of [
    'cluster_identifier',
    'db_cluster_identifier',
    'DBClusterIdentifier',
    'clusterIdentifier',
    'id',
    'arn',
  ])
    add(before[k]);
  // An ARN's last segment is the identifier (`arn:aws:rds:…:cluster:orders`).
  for (const n of [...all]) if (n.startsWith('arn:')) all.add(n.slice(n.lastIndexOf(':') + 1));
  return { all, strong };
}

/** The deletions and replacements of clusters in a plan, by the cluster's CloudFormation type. */
export type ClusterRemovals = ReadonlyMap<string, readonly ResourceChange[]>;

const NO_REMOVALS: ClusterRemovals = new Map();

/** Every change that deletes or replaces a cluster (and does not keep it). */
export function clusterRemovals(changes: readonly ResourceChange[]): ClusterRemovals {
  let out: Map<string, ResourceChange[]> | undefined;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if ((c.action !== 'delete' && c.action !== 'replace') || c.retention === 'retain' || !c.type) continue;
    if (!CLUSTER_TYPES.has(c.type)) continue;
    out ??= new Map();
    let list = out.get(c.type);
    if (!list) out.set(c.type, (list = []));
    list.push(c);
  }
  return out ?? NO_REMOVALS;
}

const CLUSTER_TYPES: ReadonlySet<string> = new Set([
  'AWS::RDS::DBCluster',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
]);

/**
 * The change that deletes or replaces the member's cluster in the same plan,
 * or undefined. When the member or the cluster cannot be named, any removal
 * of a cluster of its type counts: fail closed.
 */
export function removedCluster(member: ClusterMember, removals: ClusterRemovals): ResourceChange | undefined {
  for (const type of member.clusterTypes) {
    for (const cluster of removals.get(type) ?? []) {
      if (member.clusterAddress !== undefined) {
        if (cluster.address === member.clusterAddress) return cluster;
        continue;
      }
      if (member.cluster === undefined) return cluster;
      const { all, strong } = namesOf(cluster);
      if (!strong || all.has(member.cluster)) return cluster;
    }
  }
  return undefined;
}

/** Why deleting or replacing a member loses no data, for the report. */
export function memberNote(change: ResourceChange, member: ClusterMember): string {
  const verb = change.action === 'replace' ? 'Replacing' : 'Deleting';
  const cluster = member.cluster ? `cluster \`${member.cluster}\`` : `its cluster (${member.clusterTypes.join(', ')})`;
  return `${verb} a cluster instance (${member.evidence}) loses no data: the data lives in the volume of ${cluster}, which this plan does not delete or replace.`;
}
