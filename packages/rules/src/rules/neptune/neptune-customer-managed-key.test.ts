import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as neptune from 'aws-cdk-lib/aws-neptune';
import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './neptune-customer-managed-key';

const TYPE = 'AWS::Neptune::DBCluster';

describe('neptune-customer-managed-key: Encrypted Neptune clusters use a customer managed KMS key', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. encrypted without a key',
      one(TYPE, { StorageEncrypted: true }),
      /^StorageEncrypted is true and KmsKeyId is not set \(CloudFormation default: the AWS managed key `aws\/rds`\)\.$/,
      false,
    ],
    [
      '2. the aws/rds alias ARN',
      one(TYPE, { StorageEncrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:alias/aws/rds' }),
      /an AWS managed key; it must be a customer managed key/,
      false,
    ],
    [
      '3. restored from a cluster snapshot',
      one(TYPE, { SnapshotIdentifier: 'graph-snap' }),
      /^KmsKeyId is not set, so the key is inherited from SnapshotIdentifier "graph-snap"/,
      true,
    ],
    [
      '5. a literal key ARN (before: passed silently; an AWS managed key has an ARN of the same shape)',
      one(TYPE, {
        StorageEncrypted: true,
        KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
      /^KmsKeyId is "arn:aws:kms:us-east-1:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab", a literal key identifier: the template cannot show that it is a customer managed key/,
      true,
    ],
    [
      '6. a literal customer alias (before: passed silently)',
      one(TYPE, { StorageEncrypted: true, KmsKeyId: 'alias/graph' }),
      /^KmsKeyId is "alias\/graph", a literal alias/,
      true,
    ],
    [
      '4. an imported key that no stack here exports',
      one(TYPE, { StorageEncrypted: true, KmsKeyId: { 'Fn::ImportValue': 'shared-key' } }),
      /cannot be proven a customer managed key: it is imported/,
      true,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'neptune-customer-managed-key', location: 'Properties/KmsKeyId' });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
  });

  test('a key of the template passes; an unencrypted cluster is left alone', () => {
    expect(
      findingsOf(rule, {
        Resources: {
          Key: { Type: 'AWS::KMS::Key', Properties: {} },
          Res: { Type: TYPE, Properties: { StorageEncrypted: true, KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } },
        },
      }),
    ).toEqual([]);
    expect(findingsOf(rule, one(TYPE, {}))).toEqual([]);
  });

  test('the L1 CfnDBCluster of a CDK app', () => {
    const synth = (withKey: boolean): TemplateCase => {
      const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
      const key = withKey ? new kms.Key(stack, 'Key') : undefined;
      new neptune.CfnDBCluster(stack, 'Graph', { storageEncrypted: true, kmsKeyId: key?.keyArn });
      return Template.fromStack(stack).toJSON() as TemplateCase;
    };
    expect(findingsOf(rule, synth(false)).map((f) => f.ruleId)).toEqual(['neptune-customer-managed-key']);
    expect(findingsOf(rule, synth(true))).toEqual([]);
  });

  test('Pulumi kmsKeyArn is CloudFormation KmsKeyId; Terraform reads the same', () => {
    const model = providerModelOf([
      { id: 'urn:key', name: 'key', type: 'aws:kms/key:Key', inputs: {} },
      {
        id: 'urn:g',
        name: 'graph',
        type: 'aws:neptune/cluster:Cluster',
        inputs: { storageEncrypted: true, kmsKeyArn: providerOutput(false, undefined, ['urn:key']) },
      },
    ]);
    expect(evaluate(model, { rules: [rule], idiom: 'pulumi' }).findings).toEqual([]);
    const tf = evaluate(
      providerModelOf([
        { id: 'aws_neptune_cluster.g', name: 'g', type: 'aws_neptune_cluster', inputs: { storage_encrypted: true } },
      ]),
      { rules: [rule], idiom: 'terraform' },
    ).findings;
    expect(tf.map((f) => f.message)).toEqual([
      'storage_encrypted is true and kms_key_arn is not set (provider default: the AWS managed key `aws/rds`).',
    ]);
    expect(tf[0].fix).toMatch(/^Set `kms_key_arn = aws_kms_key\.<name>\.arn`/);
  });

  test('a Pulumi literal kmsKeyArn is a finding whose fix says to pass key.arn', () => {
    const [f] = evaluate(
      providerModelOf([
        {
          id: 'urn:g',
          name: 'graph',
          type: 'aws:neptune/cluster:Cluster',
          inputs: { storageEncrypted: true, kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/1' },
        },
      ]),
      { rules: [rule], idiom: 'pulumi' },
    ).findings;
    expect(f.message).toMatch(/^kmsKeyArn is "arn:aws:kms:us-east-1:111111111111:key\/1", a literal key identifier/);
    expect(f.fix).toMatch(/^Pass the ARN of an `aws\.kms\.Key` of the program \(`kmsKeyId: key\.arn`\)/);
  });
});
