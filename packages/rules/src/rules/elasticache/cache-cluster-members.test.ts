import { providerOutput, type ProviderResourceRecord } from '../../dialects/aws-provider-model';
import { isClusterMember } from '../../protection/membership';
import { protectionOf } from '../../protection/table';
import { modelOf, providerModelOf } from '../testing/harness';
import { evaluate } from '../../evaluate';

/**
 * An `aws_elasticache_cluster` / `aws.elasticache.Cluster` with
 * `replication_group_id` is a node of that replication group: the group holds
 * the data and its settings govern the node.
 */
const GROUP = 'urn:pulumi:prod::shop::aws:elasticache/replicationGroup:ReplicationGroup::sessions';
const NODE = 'urn:pulumi:prod::shop::aws:elasticache/cluster:Cluster::sessions-extra';

const group: ProviderResourceRecord = {
  id: GROUP,
  name: 'sessions',
  type: 'aws:elasticache/replicationGroup:ReplicationGroup',
  inputs: { description: 'sessions', engine: 'valkey', snapshotRetentionLimit: 0 },
};
// Tagged as data, no snapshots, no options: every finding a standalone cluster could get.
const node = (replicationGroupId: unknown): ProviderResourceRecord => ({
  id: NODE,
  name: 'sessions-extra',
  type: 'aws:elasticache/cluster:Cluster',
  inputs: { replicationGroupId, snapshotRetentionLimit: 0, tags: { 'deadbolt:data': 'true' } },
});

const findingsOn = (resources: ProviderResourceRecord[], id: string) =>
  evaluate(providerModelOf(resources), { idiom: 'pulumi' })
    .findings.filter((f) => f.resource.path === id && f.severity !== 'info')
    .map((f) => f.ruleId);

describe('ElastiCache cluster nodes of a replication group', () => {
  test('the protection table says a cache cluster may be a member of a replication group', () => {
    expect(protectionOf('AWS::ElastiCache::CacheCluster')!.member).toEqual({
      property: 'ReplicationGroupId',
      required: false,
      clusterTypes: ['AWS::ElastiCache::ReplicationGroup'],
    });
  });

  test.each([
    ['a literal group id', 'sessions'],
    ['the group’s output', providerOutput(false, undefined, [GROUP])],
  ])('a node named by %s gets no finding of its own; its group is judged', (_what, id) => {
    expect(findingsOn([group, node(id)], NODE)).toEqual([]);
    expect(findingsOn([group, node(id)], GROUP)).toEqual(
      expect.arrayContaining(['general-deletion-policy', 'elasticache-snapshot-retention']),
    );
  });

  test('Terraform: `replication_group_id` is read as the membership', () => {
    const model = providerModelOf([
      {
        id: 'aws_elasticache_cluster.replica',
        name: 'aws_elasticache_cluster.replica',
        type: 'aws_elasticache_cluster',
        inputs: { cluster_id: 'replica', replication_group_id: 'sessions', snapshot_retention_limit: 0 },
      },
    ]);
    const r = model.documents[0].resources.get('aws_elasticache_cluster.replica')!;
    expect(r.properties.ReplicationGroupId).toBe('sessions');
    expect(isClusterMember(r)).toBe(true);
    expect(evaluate(model, { idiom: 'terraform' }).findings).toEqual([]);
  });

  test('a cluster outside any group is still judged: tagged as data, its snapshot retention and removal', () => {
    expect(findingsOn([node(undefined)], NODE)).toEqual([
      'general-deletion-policy',
      'general-update-replace-policy',
      'elasticache-snapshot-retention',
    ]);
  });

  test('CloudFormation has no such property: a template cache cluster is never a member', () => {
    const model = modelOf({
      Resources: {
        Cache: {
          Type: 'AWS::ElastiCache::CacheCluster',
          Properties: { Engine: 'redis', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 1 },
        },
      },
    });
    expect(isClusterMember(model.documents[0].resources.get('Cache')!)).toBe(false);
  });
});
