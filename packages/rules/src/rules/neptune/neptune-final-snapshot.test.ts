import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './neptune-final-snapshot';

const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform' = 'pulumi') =>
  evaluate(providerModelOf([{ id: 'g', name: 'graph', type, inputs, options: { protect: true } }]), {
    rules: [rule],
    idiom,
  }).findings;

describe('neptune-final-snapshot: Terraform and Pulumi Neptune clusters take a final snapshot when deleted', () => {
  test('skipFinalSnapshot: true is a finding, protect notwithstanding', () => {
    const [f] = judge('aws:neptune/cluster:Cluster', { skipFinalSnapshot: true, finalSnapshotIdentifier: 'g' });
    expect(f).toMatchObject({ ruleId: 'neptune-final-snapshot', severity: 'error' });
    expect(f.message).toMatch(/^(?:skipFinalSnapshot|skip_final_snapshot) is true/);
    expect(f.fix).toMatch(/`aws\.neptune\.Cluster`/);
  });

  test('"true" as a string is read as true; a name alone is not enough when the snapshot is skipped', () => {
    expect(
      judge('aws_neptune_cluster', { skip_final_snapshot: 'true', final_snapshot_identifier: 'g' }, 'terraform'),
    ).toHaveLength(1);
  });

  test('no name is a finding; a name passes', () => {
    expect(judge('aws_neptune_cluster', {}, 'terraform')[0].message).toMatch(
      /^(?:finalSnapshotIdentifier|final_snapshot_identifier) is not set/,
    );
    expect(judge('aws_neptune_cluster', { final_snapshot_identifier: 'graph-final' }, 'terraform')).toEqual([]);
  });

  test('templates are judged by their DeletionPolicy, not by this rule', () => {
    expect(findingsOf(rule, one('AWS::Neptune::DBCluster', {}))).toEqual([]);
  });
});
