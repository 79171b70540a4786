import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './redshift-customer-managed-key';

const CLUSTER = 'AWS::Redshift::Cluster';
const NAMESPACE = 'AWS::RedshiftServerless::Namespace';
const withKey = (type: string, props: Record<string, unknown>): TemplateCase => ({
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: {} },
    Res: { Type: type, Properties: { ...props, KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } },
  },
});

describe('redshift-customer-managed-key: Redshift clusters and Serverless namespaces use a customer managed KMS key', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. a cluster with nothing set is encrypted with a key Redshift picks',
      one(CLUSTER, { NodeType: 'ra3.xlplus' }),
      /^KmsKeyId is not set \(CloudFormation default: a key Redshift picks, AWS owned or the AWS managed `aws\/redshift`\)\.$/,
      false,
    ],
    [
      '2. Encrypted: true without a key',
      one(CLUSTER, { Encrypted: true }),
      /^Encrypted is true and KmsKeyId is not set/,
      false,
    ],
    [
      '3. the aws/redshift alias',
      one(CLUSTER, { Encrypted: true, KmsKeyId: 'alias/aws/redshift' }),
      /^KmsKeyId is "alias\/aws\/redshift", an AWS managed key/,
      false,
    ],
    [
      '4. restored from a snapshot',
      one(CLUSTER, { SnapshotIdentifier: 'dw-2026-01-01' }),
      /inherited from SnapshotIdentifier "dw-2026-01-01"/,
      true,
    ],
    [
      '6. a literal key ARN on a namespace (before: passed silently)',
      one(NAMESPACE, { NamespaceName: 'analytics', KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd' }),
      /^KmsKeyId is "arn:aws:kms:us-east-1:111122223333:key\/1234abcd", a literal key identifier: the template cannot show/,
      true,
    ],
    [
      '5. a namespace without a key uses an AWS owned key',
      one(NAMESPACE, { NamespaceName: 'analytics' }),
      /^KmsKeyId is not set \(CloudFormation default: an AWS owned key\)\.$/,
      false,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'redshift-customer-managed-key', location: 'Properties/KmsKeyId' });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
  });

  test('a key of the template passes, for a cluster and a namespace; Encrypted: false is left alone', () => {
    expect(findingsOf(rule, withKey(CLUSTER, { Encrypted: true }))).toEqual([]);
    expect(findingsOf(rule, withKey(NAMESPACE, {}))).toEqual([]);
    expect(findingsOf(rule, one(CLUSTER, { Encrypted: false }))).toEqual([]);
  });

  test('Pulumi writes encrypted as a string; a key output passes and a missing key is a finding', () => {
    const judge = (inputs: Record<string, unknown>) =>
      evaluate(
        providerModelOf([
          { id: 'urn:key', name: 'key', type: 'aws:kms/key:Key', inputs: {} },
          { id: 'urn:w', name: 'w', type: 'aws:redshift/cluster:Cluster', inputs },
        ]),
        { rules: [rule], idiom: 'pulumi' },
      ).findings;
    expect(judge({ encrypted: 'true', kmsKeyId: providerOutput(false, undefined, ['urn:key']) })).toEqual([]);
    expect(judge({ encrypted: 'true' }).map((f) => f.message)).toEqual([
      'encrypted is true and kmsKeyId is not set (provider default: a key Redshift picks, AWS owned or the AWS managed `aws/redshift`).',
    ]);
    const ns = evaluate(
      providerModelOf([
        { id: 'n', name: 'n', type: 'aws_redshiftserverless_namespace', inputs: { namespace_name: 'n' } },
      ]),
      { rules: [rule], idiom: 'terraform' },
    ).findings;
    expect(ns.map((f) => f.fix)).toEqual([
      'Set `kms_key_id = aws_kms_key.<name>.arn` on the `aws_redshiftserverless_namespace`.',
    ]);
  });
});
