import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './docdb-customer-managed-key';

const key = { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: {} } };
const withKey = (props: Record<string, unknown>): TemplateCase => ({
  Resources: { Key: key, Res: { Type: 'AWS::DocDB::DBCluster', Properties: props } },
});

/** The template a real CDK app synthesizes. */
function synth(build: (stack: Stack) => void): TemplateCase {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test', {
    env: { account: '111111111111', region: 'us-east-1' },
  });
  build(stack);
  return Template.fromStack(stack).toJSON() as TemplateCase;
}

describe('docdb-customer-managed-key: Encrypted DocumentDB clusters use a customer managed KMS key', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. encrypted without a key',
      one('AWS::DocDB::DBCluster', { StorageEncrypted: true }),
      /^StorageEncrypted is true and KmsKeyId is not set \(CloudFormation default: the AWS managed key `aws\/rds`\)\.$/,
      false,
    ],
    [
      '2. the aws/rds alias',
      one('AWS::DocDB::DBCluster', { StorageEncrypted: true, KmsKeyId: 'alias/aws/rds' }),
      /^KmsKeyId is "alias\/aws\/rds", an AWS managed key; it must be a customer managed key\.$/,
      false,
    ],
    [
      '3. the aws/rds alias ARN built with Fn::Sub',
      one('AWS::DocDB::DBCluster', {
        StorageEncrypted: true,
        KmsKeyId: { 'Fn::Sub': 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/rds' },
      }),
      /is "arn:aws:kms:us-east-1:111111111111:alias\/aws\/rds", an AWS managed key/,
      false,
    ],
    [
      '4. a key parameter',
      {
        Parameters: { KeyArn: { Type: 'String' } },
        Resources: {
          Res: { Type: 'AWS::DocDB::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: { Ref: 'KeyArn' } } },
        },
      },
      /cannot be proven a customer managed key: it is parameter "KeyArn"/,
      true,
    ],
    [
      '5. restored from a snapshot without a key of its own',
      one('AWS::DocDB::DBCluster', { SnapshotIdentifier: 'arn:aws:rds:us-east-1:111111111111:cluster-snapshot:s' }),
      /^KmsKeyId is not set, so the key is inherited from SnapshotIdentifier "arn:aws:rds:.*" and cannot be proven/,
      true,
    ],
    [
      '6. encryption decided by a parameter',
      {
        Parameters: { Encrypt: { Type: 'String' } },
        Resources: { Res: { Type: 'AWS::DocDB::DBCluster', Properties: { StorageEncrypted: { Ref: 'Encrypt' } } } },
      },
      /^KmsKeyId is not set and StorageEncrypted is \{"Ref":"Encrypt"\}, which cannot be proven false/,
      true,
    ],
    [
      '7. a condition between a key and the AWS managed key',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Key: key,
          Res: {
            Type: 'AWS::DocDB::DBCluster',
            Properties: {
              StorageEncrypted: true,
              KmsKeyId: { 'Fn::If': ['IsProd', { 'Fn::GetAtt': ['Key', 'Arn'] }, 'alias/aws/rds'] },
            },
          },
        },
      },
      /depends on condition "IsProd"/,
      true,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'docdb-customer-managed-key',
      severity: 'error',
      location: 'Properties/KmsKeyId',
    });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
  });

  const valid: [string, TemplateCase][] = [
    ['a key in the template', withKey({ StorageEncrypted: true, KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } })],
    ['an unencrypted cluster (its snapshots can be shared)', one('AWS::DocDB::DBCluster', {})],
    ['StorageEncrypted false', one('AWS::DocDB::DBCluster', { StorageEncrypted: 'false' })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('a literal key ARN is a finding: an AWS managed key has an ARN of the same shape', () => {
    // Before: it passed silently.
    const [f] = findingsOf(
      rule,
      one('AWS::DocDB::DBCluster', { StorageEncrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1' }),
    );
    expect(f).toMatchObject({ severity: 'error', unresolved: true, location: 'Properties/KmsKeyId' });
    expect(f.message).toMatch(
      /^KmsKeyId is "arn:aws:kms:us-east-1:111111111111:key\/1", a literal key identifier: the template cannot show that it is a customer managed key/,
    );
    expect(f.fix).toMatch(/^Reference the `AWS::KMS::Key`/);
  });

  test('a CDK DatabaseCluster with defaults is encrypted with aws/rds; one with kmsKey passes', () => {
    const cluster = (stack: Stack, props: Partial<docdb.DatabaseClusterProps> = {}) =>
      new docdb.DatabaseCluster(stack, 'Db', {
        masterUser: { username: 'admin' },
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.R5, ec2.InstanceSize.LARGE),
        vpc: new ec2.Vpc(stack, 'Vpc'),
        ...props,
      });
    const defaults = findingsOf(
      rule,
      synth((s) => cluster(s)),
    );
    expect(defaults.map((f) => f.message)).toEqual([
      'StorageEncrypted is true and KmsKeyId is not set (CloudFormation default: the AWS managed key `aws/rds`).',
    ]);
    expect(
      findingsOf(
        rule,
        synth((s) => cluster(s, { kmsKey: new kms.Key(s, 'Key') })),
      ),
    ).toEqual([]);
  });

  test('Pulumi and Terraform clusters: a key resource passes, the default key is a finding', () => {
    const model = (inputs: Record<string, unknown>) =>
      providerModelOf([
        { id: 'urn:key', name: 'key', type: 'aws:kms/key:Key', inputs: {} },
        { id: 'urn:db', name: 'db', type: 'aws:docdb/cluster:Cluster', inputs },
      ]);
    const judge = (inputs: Record<string, unknown>) =>
      evaluate(model(inputs), { rules: [rule], idiom: 'pulumi' }).findings;
    expect(judge({ storageEncrypted: true, kmsKeyId: providerOutput(false, undefined, ['urn:key']) })).toEqual([]);
    const [f] = judge({ storageEncrypted: true });
    expect(f.message).toBe(
      'storageEncrypted is true and kmsKeyId is not set (provider default: the AWS managed key `aws/rds`).',
    );
    expect(f.fix).toMatch(/kmsKeyId: key\.arn/);
    const tf = evaluate(
      providerModelOf([
        {
          id: 'aws_docdb_cluster.db',
          name: 'db',
          type: 'aws_docdb_cluster',
          inputs: { storage_encrypted: true, kms_key_id: 'alias/aws/rds' },
        },
      ]),
      { rules: [rule], idiom: 'terraform' },
    ).findings;
    expect(tf.map((x) => x.fix)).toEqual([expect.stringMatching(/^Set `kms_key_id = aws_kms_key\.<name>\.arn`/)]);
  });
});
