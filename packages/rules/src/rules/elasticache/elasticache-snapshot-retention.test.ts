import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './elasticache-snapshot-retention';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';
const SERVERLESS = 'AWS::ElastiCache::ServerlessCache';

describe('elasticache-snapshot-retention: ElastiCache replication groups and serverless caches keep automatic snapshots for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. a replication group with no limit keeps no automatic snapshots',
      one(GROUP, { ReplicationGroupDescription: 'sessions' }),
      /^SnapshotRetentionLimit is not set \(CloudFormation default: 0, no automatic snapshots\)\.$/,
      false,
    ],
    [
      '2. 0 turns them off',
      one(GROUP, { SnapshotRetentionLimit: 0 }),
      /^SnapshotRetentionLimit is 0, which turns automatic snapshots off; it must be at least 7 days\.$/,
      false,
    ],
    [
      '3. a Valkey serverless cache with 1',
      one(SERVERLESS, { Engine: 'valkey', SnapshotRetentionLimit: 1 }),
      /^SnapshotRetentionLimit is 1; it must be at least 7 days\.$/,
      false,
    ],
    [
      '4. a serverless cache whose engine is a parameter is judged (it may be Valkey)',
      {
        Parameters: { Engine: { Type: 'String' } },
        Resources: { Res: { Type: SERVERLESS, Properties: { Engine: { Ref: 'Engine' } } } },
      },
      /^SnapshotRetentionLimit is not set/,
      false,
    ],
    [
      '5. a limit from a parameter',
      {
        Parameters: { Days: { Type: 'Number' } },
        Resources: { Res: { Type: GROUP, Properties: { SnapshotRetentionLimit: { Ref: 'Days' } } } },
      },
      /cannot be proven at least 7 days: it is parameter "Days"/,
      true,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'elasticache-snapshot-retention',
      severity: 'error',
      location: 'Properties/SnapshotRetentionLimit',
    });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
    expect(findings[0].fix).toMatch(/SnapshotRetentionLimit: 7/);
  });

  const valid: [string, TemplateCase][] = [
    ['a replication group with 7', one(GROUP, { SnapshotRetentionLimit: 7 })],
    ['a serverless Redis OSS cache with "35"', one(SERVERLESS, { Engine: 'redis', SnapshotRetentionLimit: '35' })],
    ['a serverless memcached cache (a cache)', one(SERVERLESS, { Engine: 'memcached' })],
    ['a memcached cluster (a cache, not judged)', one('AWS::ElastiCache::CacheCluster', { Engine: 'memcached' })],
    ['an untagged Redis OSS cache cluster (a cache)', one('AWS::ElastiCache::CacheCluster', { Engine: 'redis' })],
    [
      'a memcached cluster tagged as data (memcached has no snapshots)',
      one('AWS::ElastiCache::CacheCluster', { Engine: 'memcached', Tags: [{ Key: 'deadbolt:data', Value: 'true' }] }),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('a Redis OSS cache cluster tagged deadbolt:data=true is judged as a data store', () => {
    const tagged = one('AWS::ElastiCache::CacheCluster', {
      Engine: 'redis',
      SnapshotRetentionLimit: 1,
      Tags: [{ Key: 'deadbolt:data', Value: 'true' }],
    });
    const findings = findingsOf(rule, tagged, {}, { idiom: 'terraform' });
    expect(findings.map((f) => [f.severity, f.message, f.fix])).toEqual([
      [
        'error',
        'SnapshotRetentionLimit is 1; it must be at least 7 days.',
        'Set `snapshot_retention_limit = 7` (or more) on the `aws_elasticache_cluster`.',
      ],
    ]);
    const unreadable = {
      Parameters: { TagKey: { Type: 'String' } },
      Resources: {
        Res: {
          Type: 'AWS::ElastiCache::CacheCluster',
          Properties: { Engine: 'redis', Tags: [{ Key: { Ref: 'TagKey' }, Value: 'true' }] },
        },
      },
    };
    expect(findingsOf(rule, unreadable).map((f) => f.ruleId)).toEqual(['elasticache-snapshot-retention']);
  });

  test('a CDK CfnReplicationGroup left at its default is a finding', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
    new elasticache.CfnReplicationGroup(stack, 'Sessions', {
      replicationGroupDescription: 'sessions',
      engine: 'valkey',
      cacheNodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      transitEncryptionEnabled: true,
    });
    const findings = findingsOf(rule, Template.fromStack(stack).toJSON() as TemplateCase, {}, { idiom: 'cdk' });
    expect(findings.map((f) => f.fix)).toEqual([
      'Set `snapshotRetentionLimit: 7` (or more) on the `elasticache.CfnReplicationGroup`.',
    ]);
  });

  test('Terraform and Pulumi', () => {
    const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
      evaluate(providerModelOf([{ id: 'c', name: 'c', type, inputs }]), { rules: [rule], idiom }).findings;
    expect(judge('aws_elasticache_replication_group', {}, 'terraform')[0].fix).toBe(
      'Set `snapshot_retention_limit = 7` (or more) on the `aws_elasticache_replication_group`.',
    );
    expect(
      judge('aws_elasticache_serverless_cache', { engine: 'valkey', snapshot_retention_limit: 7 }, 'terraform'),
    ).toEqual([]);
    expect(judge('aws:elasticache/serverlessCache:ServerlessCache', { engine: 'memcached' }, 'pulumi')).toEqual([]);
    const [u] = judge(
      'aws:elasticache/replicationGroup:ReplicationGroup',
      { snapshotRetentionLimit: providerOutput(false, undefined, []) },
      'pulumi',
    );
    expect(u.unresolved).toBe(true);
  });
});
