import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './redshift-final-snapshot';

const NAMESPACE = 'AWS::RedshiftServerless::Namespace';
const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
  evaluate(providerModelOf([{ id: 'w', name: 'w', type, inputs, options: { retainOnDelete: true } }]), {
    rules: [rule],
    idiom,
  }).findings;

describe('redshift-final-snapshot: Redshift clusters and Serverless namespaces take a final snapshot when deleted', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. a namespace without FinalSnapshotName',
      one(NAMESPACE, { NamespaceName: 'n' }),
      /^FinalSnapshotName is not set \(CloudFormation default: none, so nothing of the namespace is kept when it is deleted or replaced\)\.$/,
      false,
    ],
    [
      '2. a final snapshot kept 3 days',
      one(NAMESPACE, { FinalSnapshotName: 'n-final', FinalSnapshotRetentionPeriod: 3 }),
      /^FinalSnapshotRetentionPeriod is 3; it must be -1 \(kept indefinitely\) or at least 7 days\.$/,
      false,
    ],
    [
      '3. a name from a parameter',
      {
        Parameters: { Name: { Type: 'String' } },
        Resources: { Res: { Type: NAMESPACE, Properties: { FinalSnapshotName: { Ref: 'Name' } } } },
      },
      /cannot be proven a snapshot name: it is parameter "Name"/,
      true,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'redshift-final-snapshot', severity: 'error' });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
    expect(findings[0].fix).toMatch(/FinalSnapshotName/);
  });

  test('a named final snapshot kept indefinitely or long enough passes', () => {
    expect(findingsOf(rule, one(NAMESPACE, { FinalSnapshotName: 'n-final' }))).toEqual([]);
    expect(
      findingsOf(rule, one(NAMESPACE, { FinalSnapshotName: 'n-final', FinalSnapshotRetentionPeriod: -1 })),
    ).toEqual([]);
    expect(
      findingsOf(rule, one(NAMESPACE, { FinalSnapshotName: 'n-final', FinalSnapshotRetentionPeriod: 30 })),
    ).toEqual([]);
  });

  test("a template cluster's final snapshot is its DeletionPolicy: not judged here", () => {
    expect(findingsOf(rule, one('AWS::Redshift::Cluster', {}, { DeletionPolicy: 'Delete' }))).toEqual([]);
  });

  test('Terraform and Pulumi clusters must not skip it, whatever retainOnDelete says', () => {
    const [f] = judge('aws_redshift_cluster', { skip_final_snapshot: true }, 'terraform');
    expect(f.message).toMatch(/^(?:skipFinalSnapshot|skip_final_snapshot) is true/);
    expect(f.fix).toBe(
      'Set `skip_final_snapshot = false` and `final_snapshot_identifier = "<name>-final"` on the `aws_redshift_cluster`.',
    );
    expect(judge('aws:redshift/cluster:Cluster', {}, 'pulumi')[0].message).toMatch(
      /^(?:finalSnapshotIdentifier|final_snapshot_identifier) is not set/,
    );
    expect(judge('aws:redshift/cluster:Cluster', { finalSnapshotIdentifier: 'dw-final' }, 'pulumi')).toEqual([]);
  });

  test("the AWS provider's namespace has no final snapshot argument; aws-native's is judged as a template", () => {
    expect(judge('aws_redshiftserverless_namespace', { namespace_name: 'n' }, 'terraform')).toEqual([]);
    const [f] = judge('aws-native:redshiftserverless:Namespace', { namespaceName: 'n' }, 'pulumi');
    expect(f.message).toMatch(/^finalSnapshotName is not set \(provider default: none/);
    expect(f.fix).toMatch(/@pulumi\/aws-native/);
  });
});
