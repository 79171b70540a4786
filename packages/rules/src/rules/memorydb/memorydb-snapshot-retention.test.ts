import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './memorydb-snapshot-retention';

const TYPE = 'AWS::MemoryDB::Cluster';

describe('memorydb-snapshot-retention: MemoryDB clusters keep automatic snapshots for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. not set',
      one(TYPE, { ClusterName: 'c' }),
      /^SnapshotRetentionLimit is not set \(CloudFormation default: 0, no automatic snapshots\)\.$/,
    ],
    ['2. 0', one(TYPE, { SnapshotRetentionLimit: 0 }), /which turns automatic snapshots off/],
    ['3. 5', one(TYPE, { SnapshotRetentionLimit: 5 }), /^SnapshotRetentionLimit is 5; it must be at least 7 days\.$/],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'memorydb-snapshot-retention',
      location: 'Properties/SnapshotRetentionLimit',
    });
    expect(findings[0].message).toMatch(message);
  });

  test('7 days passes; the provider spelling is read', () => {
    expect(findingsOf(rule, one(TYPE, { SnapshotRetentionLimit: 7 }))).toEqual([]);
    const judge = (inputs: Record<string, unknown>) =>
      evaluate(providerModelOf([{ id: 'm', name: 'm', type: 'aws_memorydb_cluster', inputs }]), {
        rules: [rule],
        idiom: 'terraform',
      }).findings;
    expect(judge({ snapshot_retention_limit: 10 })).toEqual([]);
    expect(judge({})[0].fix).toBe('Set `snapshot_retention_limit = 7` (or more) on the `aws_memorydb_cluster`.');
  });
});
