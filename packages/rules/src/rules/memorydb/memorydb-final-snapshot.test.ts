import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './memorydb-final-snapshot';

const TYPE = 'AWS::MemoryDB::Cluster';

describe('memorydb-final-snapshot: MemoryDB clusters take a final snapshot when deleted', () => {
  test('no FinalSnapshotName is a finding, whatever the DeletionPolicy', () => {
    const findings = findingsOf(rule, one(TYPE, {}, { DeletionPolicy: 'Retain' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'memorydb-final-snapshot', location: 'Properties/FinalSnapshotName' });
    expect(findings[0].message).toMatch(/^FinalSnapshotName is not set \(CloudFormation default: none/);
    expect(findingsOf(rule, one(TYPE, { FinalSnapshotName: '' }))[0].message).toBe(
      'FinalSnapshotName is ""; it must be a snapshot name.',
    );
  });

  test('an expression that always yields a name passes; one that may be empty is a finding', () => {
    const named = (FinalSnapshotName: unknown) => findingsOf(rule, one(TYPE, { FinalSnapshotName }));
    expect(named({ 'Fn::Sub': '${AWS::StackName}-final' })).toEqual([]);
    expect(named({ 'Fn::Sub': '${AWS::StackName}' })).toEqual([]);
    expect(named({ 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'final']] })).toEqual([]);
    const param = {
      Parameters: { Name: { Type: 'String' } },
      Resources: { Res: { Type: TYPE, Properties: { FinalSnapshotName: { 'Fn::Sub': '${Name}' } } } },
    };
    expect(findingsOf(rule, param)[0]).toMatchObject({ unresolved: true });
    const join = {
      Parameters: { Name: { Type: 'String' } },
      Resources: { Res: { Type: TYPE, Properties: { FinalSnapshotName: { 'Fn::Join': ['', [{ Ref: 'Name' }]] } } } },
    };
    expect(findingsOf(rule, join)[0].message).toMatch(/cannot be proven a snapshot name/);
  });

  test('Terraform final_snapshot_name and Pulumi finalSnapshotName', () => {
    const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
      evaluate(providerModelOf([{ id: 'm', name: 'm', type, inputs, options: { protect: true } }]), {
        rules: [rule],
        idiom,
      }).findings;
    const [f] = judge('aws_memorydb_cluster', {}, 'terraform');
    expect(f.message).toMatch(/^final_snapshot_name is not set \(provider default: none/);
    expect(f.fix).toBe('Set `final_snapshot_name = "<name>-final"` on the `aws_memorydb_cluster`.');
    expect(judge('aws:memorydb/cluster:Cluster', { finalSnapshotName: 'm-final' }, 'pulumi')).toEqual([]);
  });
});
