import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './lightsail-database-final-snapshot';

const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
  evaluate(providerModelOf([{ id: 'd', name: 'd', type, inputs, options: { retainOnDelete: true } }]), {
    rules: [rule],
    idiom,
  }).findings;

describe('lightsail-database-final-snapshot: Terraform and Pulumi Lightsail databases take a final snapshot when deleted', () => {
  test('skip_final_snapshot = true is a finding', () => {
    const [f] = judge('aws_lightsail_database', { skip_final_snapshot: true }, 'terraform');
    expect(f).toMatchObject({ ruleId: 'lightsail-database-final-snapshot', severity: 'error' });
    expect(f.message).toMatch(/^skip_final_snapshot is true: when the database is destroyed/);
    expect(f.fix).toBe(
      'Set `skip_final_snapshot = false` and `final_snapshot_name = "<name>-final"` on the `aws_lightsail_database`.',
    );
  });

  test('no name is a finding; a name passes', () => {
    expect(judge('aws:lightsail/database:Database', {}, 'pulumi')[0].message).toMatch(
      /^finalSnapshotName is not set: the provider refuses to delete the database/,
    );
    expect(judge('aws:lightsail/database:Database', { finalSnapshotName: 'db-final' }, 'pulumi')).toEqual([]);
  });

  test('CloudFormation has no such property: templates are not judged here', () => {
    expect(findingsOf(rule, one('AWS::Lightsail::Database', {}))).toEqual([]);
  });
});
