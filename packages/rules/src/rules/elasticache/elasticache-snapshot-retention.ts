import { requireRetention } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { cacheClusterHoldsData, isMemcached } from './engine';

/**
 * Valkey and Redis OSS replication groups and serverless caches keep automatic
 * snapshots for at least the minimum retention (`minimumBackupRetentionDays`,
 * 7 days unless configured).
 *
 * `SnapshotRetentionLimit` defaults to 0 on `AWS::ElastiCache::ReplicationGroup`
 * (0 turns automatic backups off), and a serverless cache takes no daily
 * snapshot unless it is set; automatic snapshots are deleted with the cache. A
 * replication group holds data its applications often cannot rebuild (sessions,
 * queues, leaderboards), so it is judged as a data store. Memcached is judged
 * as a cache and left to the general rules (whose findings on caches are
 * warnings), and so is an `AWS::ElastiCache::CacheCluster` (memcached, or a
 * single legacy Valkey/Redis OSS node) unless it is tagged `deadbolt:data` =
 * `true`: then a Valkey/Redis OSS cluster is judged like a replication group.
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html#cfn-elasticache-replicationgroup-snapshotretentionlimit
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-serverlesscache.html#cfn-elasticache-serverlesscache-snapshotretentionlimit
 */
export default defineRule({
  id: 'elasticache-snapshot-retention',
  title:
    'ElastiCache replication groups and serverless caches keep automatic snapshots for at least the minimum retention',
  why: 'Without automatic snapshots, or with fewer days of them than the minimum, a FLUSHALL, a bad write or a deleted cache cannot be restored from a point before it: replicas copy the loss at once.',
  fix: 'Set SnapshotRetentionLimit to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: [
    'AWS::ElastiCache::ReplicationGroup',
    'AWS::ElastiCache::ServerlessCache',
    'AWS::ElastiCache::CacheCluster',
  ],
  cloudformation(resource, ctx) {
    const serverless = resource.type === 'AWS::ElastiCache::ServerlessCache';
    if (serverless && isMemcached(resource)) return;
    if (resource.type === 'AWS::ElastiCache::CacheCluster' && !cacheClusterHoldsData(resource)) return;
    const l1 = {
      ReplicationGroup: 'CfnReplicationGroup',
      ServerlessCache: 'CfnServerlessCache',
      CacheCluster: 'CfnCacheCluster',
    };
    const provider = {
      ReplicationGroup: ['ReplicationGroup', 'aws_elasticache_replication_group'],
      ServerlessCache: ['ServerlessCache', 'aws_elasticache_serverless_cache'],
      CacheCluster: ['Cluster', 'aws_elasticache_cluster'],
    };
    const kind = resource.type.split('::')[2] as keyof typeof l1;
    const min = ctx.options.minimumBackupRetentionDays;
    const fix = {
      cloudformation: `Set \`SnapshotRetentionLimit: ${min}\` (or more, up to 35) on the resource.`,
      cdk: `Set \`snapshotRetentionLimit: ${min}\` (or more) on the \`elasticache.${l1[kind]}\`.`,
      pulumi: `Pass \`snapshotRetentionLimit: ${min}\` (or more) to the \`aws.elasticache.${provider[kind][0]}\`.`,
      terraform: `Set \`snapshot_retention_limit = ${min}\` (or more) on the \`${provider[kind][1]}\`.`,
    };
    return requireRetention(resource, {
      path: ['SnapshotRetentionLimit'],
      min,
      off: 'automatic snapshots',
      absentMeans: '0, no automatic snapshots',
      fix,
    });
  },
});
