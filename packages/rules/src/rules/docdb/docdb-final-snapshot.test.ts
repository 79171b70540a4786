import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './docdb-final-snapshot';

const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform' = 'pulumi') =>
  evaluate(providerModelOf([{ id: 'db', name: 'db', type, inputs, options: { retainOnDelete: true } }]), {
    rules: [rule],
    idiom,
  }).findings;

describe('docdb-final-snapshot: Terraform and Pulumi DocumentDB clusters take a final snapshot when deleted', () => {
  test('skipFinalSnapshot: true is a finding, retainOnDelete notwithstanding', () => {
    const [f] = judge('aws:docdb/cluster:Cluster', { skipFinalSnapshot: true, finalSnapshotIdentifier: 'f' });
    expect(f).toMatchObject({
      ruleId: 'docdb-final-snapshot',
      severity: 'error',
      location: 'inputs/skipFinalSnapshot',
    });
    expect(f.message).toMatch(/^skipFinalSnapshot is true: when the cluster is destroyed/);
    expect(f.fix).toBe(
      'Pass `skipFinalSnapshot: false` and `finalSnapshotIdentifier: "<name>-final"` to the `aws.docdb.Cluster`.',
    );
  });

  test('a cluster with neither argument is a finding: its destroy fails until someone skips the snapshot', () => {
    const [f] = judge('aws_docdb_cluster', {}, 'terraform');
    expect(f.message).toMatch(
      /^(?:finalSnapshotIdentifier|final_snapshot_identifier) is not set: the provider refuses to delete the cluster/,
    );
    expect(f.fix).toMatch(/final_snapshot_identifier = "<name>-final"/);
  });

  test('a named final snapshot passes', () => {
    expect(judge('aws_docdb_cluster', { final_snapshot_identifier: 'docs-final' }, 'terraform')).toEqual([]);
  });

  test('templates are judged by their DeletionPolicy, not by this rule', () => {
    expect(findingsOf(rule, one('AWS::DocDB::DBCluster', {}))).toEqual([]);
  });
});
