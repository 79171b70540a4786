import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './elasticache-final-snapshot';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';
const SERVERLESS = 'AWS::ElastiCache::ServerlessCache';
const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
  evaluate(providerModelOf([{ id: 'c', name: 'c', type, inputs, options: { retainOnDelete: true } }]), {
    rules: [rule],
    idiom,
  }).findings;

describe('elasticache-final-snapshot: ElastiCache replication groups and serverless caches take a final snapshot when deleted', () => {
  test('a serverless Valkey cache without FinalSnapshotName is a finding', () => {
    const findings = findingsOf(rule, one(SERVERLESS, { Engine: 'valkey' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'elasticache-final-snapshot',
      severity: 'error',
      location: 'Properties/FinalSnapshotName',
    });
    expect(findings[0].message).toBe(
      'FinalSnapshotName is not set (CloudFormation default: none, so nothing of the cache is kept when it is deleted or replaced).',
    );
  });

  test('a name that depends on a condition is judged per outcome', () => {
    const template: TemplateCase = {
      Parameters: { Env: { Type: 'String' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: {
        Res: {
          Type: SERVERLESS,
          Properties: {
            Engine: 'redis',
            FinalSnapshotName: { 'Fn::If': ['IsProd', 'c-final', { Ref: 'AWS::NoValue' }] },
          },
        },
      },
    };
    const [f] = findingsOf(rule, template);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/depends on condition "IsProd"/);
  });

  test('a named final snapshot, a memcached cache and a template replication group (DeletionPolicy) pass', () => {
    expect(findingsOf(rule, one(SERVERLESS, { Engine: 'valkey', FinalSnapshotName: 'c-final' }))).toEqual([]);
    expect(findingsOf(rule, one(SERVERLESS, { Engine: 'memcached' }))).toEqual([]);
    expect(findingsOf(rule, one(GROUP, {}, { DeletionPolicy: 'Delete' }))).toEqual([]);
  });

  test('a Terraform/Pulumi replication group names its final snapshot, whatever retainOnDelete says', () => {
    const [f] = judge('aws_elasticache_replication_group', {}, 'terraform');
    expect(f.message).toBe(
      'final_snapshot_identifier is not set: when the replication group is destroyed, replaced or removed from the configuration, no final snapshot is taken.',
    );
    expect(f.fix).toBe('Set `final_snapshot_identifier = "<name>-final"` on the `aws_elasticache_replication_group`.');
    expect(
      judge('aws:elasticache/replicationGroup:ReplicationGroup', { finalSnapshotIdentifier: 's-final' }, 'pulumi'),
    ).toEqual([]);
  });

  test("the AWS provider's serverless cache has no final snapshot argument: nothing to judge", () => {
    expect(judge('aws_elasticache_serverless_cache', { engine: 'valkey' }, 'terraform')).toEqual([]);
  });
});
