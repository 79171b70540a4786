import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './rds-customer-managed-key';

const key = { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: {} } };
const withKey = (type: string, props: Record<string, unknown>): TemplateCase => ({
  Resources: { Key: key, Res: { Type: type, Properties: props } },
});

describe('rds-customer-managed-key: Encrypted RDS databases use a customer managed KMS key', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. encrypted instance without a key',
      one('AWS::RDS::DBInstance', { StorageEncrypted: true }),
      /^StorageEncrypted is true and KmsKeyId is not set \(CloudFormation default: the AWS managed key `aws\/rds`\)\.$/,
      false,
    ],
    [
      '2. encrypted ("true") Multi-AZ cluster without a key',
      one('AWS::RDS::DBCluster', { Engine: 'postgres', StorageEncrypted: 'true' }),
      /StorageEncrypted is true and KmsKeyId is not set/,
      false,
    ],
    [
      '3. the aws/rds alias',
      one('AWS::RDS::DBInstance', { StorageEncrypted: true, KmsKeyId: 'alias/aws/rds' }),
      /^KmsKeyId is "alias\/aws\/rds", the AWS managed key; it must be a customer managed key\.$/,
      false,
    ],
    [
      '4. the aws/rds alias ARN',
      one('AWS::RDS::DBCluster', {
        Engine: 'aurora-mysql',
        KmsKeyId: { 'Fn::Sub': 'arn:aws:kms:us-east-1:${AWS::AccountId}:alias/aws/rds' },
      }),
      /is "arn:aws:kms:us-east-1:111111111111:alias\/aws\/rds", the AWS managed key/,
      false,
    ],
    [
      '5. Aurora cluster with encryption left to the default',
      one('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }),
      /^KmsKeyId is not set \(Aurora default: an AWS owned key, for clusters created on or after February 18, 2026\)\.$/,
      false,
    ],
    [
      '6. Aurora cluster with StorageEncrypted true',
      one('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', StorageEncrypted: true }),
      /^KmsKeyId is not set \(Aurora default: the AWS managed key `aws\/rds`\)\.$/,
      false,
    ],
    [
      '7. Aurora cluster with StorageEncrypted false',
      one('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', StorageEncrypted: false }),
      /Aurora default: an AWS owned key/,
      false,
    ],
    [
      '8. a key parameter',
      {
        Parameters: { KeyArn: { Type: 'String' } },
        Resources: {
          Res: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: true, KmsKeyId: { Ref: 'KeyArn' } } },
        },
      },
      /^KmsKeyId is \{"Ref":"KeyArn"\} and cannot be proven a customer managed key: it is parameter "KeyArn", chosen at deploy time\.$/,
      true,
    ],
    [
      '9. an import that no stack here exports',
      one('AWS::RDS::DBInstance', { StorageEncrypted: true, KmsKeyId: { 'Fn::ImportValue': 'shared-key' } }),
      /cannot be proven a customer managed key: it is imported/,
      true,
    ],
    [
      '10. a condition between a key and the AWS managed key',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Key: key,
          Res: {
            Type: 'AWS::RDS::DBInstance',
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
    [
      '11. a condition between a key and no key',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Key: key,
          Res: {
            Type: 'AWS::RDS::DBInstance',
            Properties: {
              StorageEncrypted: true,
              KmsKeyId: { 'Fn::If': ['IsProd', { 'Fn::GetAtt': ['Key', 'Arn'] }, { Ref: 'AWS::NoValue' }] },
            },
          },
        },
      },
      /depends on condition "IsProd"/,
      true,
    ],
    [
      '12. a reference to a resource that is not a key',
      {
        Resources: {
          Secret: { Type: 'AWS::SecretsManager::Secret' },
          Res: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: true, KmsKeyId: { Ref: 'Secret' } } },
        },
      },
      /refers to resource "Secret"/,
      true,
    ],
    [
      '13. restored from a snapshot without a key',
      one('AWS::RDS::DBInstance', { DBSnapshotIdentifier: 'arn:aws:rds:us-east-1:111111111111:snapshot:s1' }),
      /^KmsKeyId is not set, so the key is inherited from DBSnapshotIdentifier "arn:aws:rds:us-east-1:111111111111:snapshot:s1" and cannot be proven a customer managed key\.$/,
      true,
    ],
    [
      '14. read replica without a key',
      {
        Resources: {
          Src: { Type: 'AWS::RDS::DBInstance' },
          Res: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: { Ref: 'Src' } } },
        },
      },
      /inherited from SourceDBInstanceIdentifier \{"Ref":"Src"\}/,
      true,
    ],
    [
      '15. cluster restored from a snapshot without a key',
      one('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', SnapshotIdentifier: 'snap' }),
      /inherited from SnapshotIdentifier "snap"/,
      true,
    ],
    [
      '16. StorageEncrypted from a parameter',
      {
        Parameters: { Enc: { Type: 'String' } },
        Resources: { Res: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: { Ref: 'Enc' } } } },
      },
      /KmsKeyId is not set and StorageEncrypted is \{"Ref":"Enc"\}, which cannot be proven false: it is parameter "Enc"/,
      true,
    ],
    [
      '17. a cluster whose engine is a parameter',
      {
        Parameters: { Engine: { Type: 'String' } },
        Resources: { Res: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: { Ref: 'Engine' } } } },
      },
      /KmsKeyId is not set and Engine is \{"Ref":"Engine"\} \(it is parameter "Engine", chosen at deploy time\), so the cluster cannot be proven not Aurora/,
      true,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'rds-customer-managed-key',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/KmsKeyId',
    });
    expect(findings[0].message).toMatch(message);
    expect(Boolean(findings[0].unresolved)).toBe(unresolved);
    expect(findings[0].fix).toMatch(/customer managed `AWS::KMS::Key`/);
    expect(findings[0].fix).toMatch(/replaces the database/);
  });

  const valid: [string, TemplateCase][] = [
    ['unencrypted instance (its snapshots can be shared)', one('AWS::RDS::DBInstance', { Engine: 'postgres' })],
    ['instance with StorageEncrypted false', one('AWS::RDS::DBInstance', { StorageEncrypted: false })],
    ['unencrypted Multi-AZ cluster', one('AWS::RDS::DBCluster', { Engine: 'mysql' })],
    [
      'instance in a cluster (the cluster is judged)',
      one('AWS::RDS::DBInstance', { DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-postgresql' }),
    ],
    [
      'GetAtt of a key in the template',
      withKey('AWS::RDS::DBInstance', { StorageEncrypted: true, KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }),
    ],
    [
      'Ref of a key in the template',
      withKey('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', StorageEncrypted: true, KmsKeyId: { Ref: 'Key' } }),
    ],
    [
      'a restored instance with its own key',
      withKey('AWS::RDS::DBInstance', { DBSnapshotIdentifier: 'snap', KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }),
    ],
    [
      'an empty DBSnapshotIdentifier (a new, unencrypted database)',
      one('AWS::RDS::DBInstance', { DBSnapshotIdentifier: '' }),
    ],
    [
      'a condition whose branches are both keys',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: {
          Key: key,
          Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/prod-db', TargetKeyId: { Ref: 'Key' } } },
          Res: {
            Type: 'AWS::RDS::DBInstance',
            Properties: { StorageEncrypted: true, KmsKeyId: { 'Fn::If': ['C', { Ref: 'Key' }, { Ref: 'Alias' }] } },
          },
        },
      },
    ],
    [
      'a condition decidable from literals',
      {
        Conditions: { C: { 'Fn::Equals': ['a', 'a'] } },
        Resources: {
          Key: key,
          Res: {
            Type: 'AWS::RDS::DBInstance',
            Properties: { StorageEncrypted: true, KmsKeyId: { 'Fn::If': ['C', { Ref: 'Key' }, 'alias/aws/rds'] } },
          },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  describe('a literal key identifier cannot be told from an AWS managed key', () => {
    const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    // Before: each of these passed silently, though `aws/rds` itself has an ARN of this shape.
    const cases: [string, TemplateCase, RegExp][] = [
      [
        'a key ARN',
        one('AWS::RDS::DBInstance', { StorageEncrypted: true, KmsKeyId: ARN }),
        /^KmsKeyId is "arn:aws:kms:us-east-1:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab", a literal key identifier: the template cannot show that it is a customer managed key \(an AWS managed key's ARN reads the same\)\. Reference the key resource instead, or acknowledge the finding with a reason that names the key's owner\.$/,
      ],
      [
        'a bare key id',
        one('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', KmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }),
        /^KmsKeyId is "1234abcd-12ab-34cd-56ef-1234567890ab", a literal key identifier/,
      ],
      [
        'a customer alias',
        one('AWS::RDS::DBInstance', { StorageEncrypted: true, KmsKeyId: 'alias/prod-db' }),
        /^KmsKeyId is "alias\/prod-db", a literal alias: the template cannot show/,
      ],
      [
        'a customer alias ARN built with Fn::Sub',
        one('AWS::RDS::DBInstance', {
          StorageEncrypted: true,
          KmsKeyId: { 'Fn::Sub': 'arn:aws:kms:us-east-1:${AWS::AccountId}:alias/prod-db' },
        }),
        /^KmsKeyId is "arn:aws:kms:us-east-1:111111111111:alias\/prod-db", a literal alias/,
      ],
    ];
    test.each(cases)(
      '%s is a finding that says how to show the key is customer managed',
      (_name, template, message) => {
        const [f, ...rest] = findingsOf(rule, template);
        expect(rest).toEqual([]);
        expect(f).toMatchObject({ severity: 'error', unresolved: true, location: 'Properties/KmsKeyId' });
        expect(f.message).toMatch(message);
        expect(f.fix).toMatch(
          /^Reference the `AWS::KMS::Key` instead of writing its identifier: `KmsKeyId: \{ "Fn::GetAtt"/,
        );
        expect(f.fix).toMatch(/acknowledge the finding with a reason that names the key's owner/);
      },
    );

    test('an Fn::If with a literal branch is not proven', () => {
      const [f] = findingsOf(rule, {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: {
          Key: key,
          Res: {
            Type: 'AWS::RDS::DBInstance',
            Properties: { StorageEncrypted: true, KmsKeyId: { 'Fn::If': ['C', { Ref: 'Key' }, ARN] } },
          },
        },
      });
      expect(f.message).toMatch(/one branch is not a customer managed key/);
    });

    test('the fix in each idiom names the key resource and the acknowledgement', () => {
      const t = one('AWS::RDS::DBInstance', { StorageEncrypted: true, KmsKeyId: ARN });
      expect(findingsOf(rule, t, {}, { idiom: 'cdk' })[0].fix).toMatch(
        /^Pass the `kms\.Key` the app creates .* rather than `kms\.Key\.fromKeyArn\(…\)`/,
      );
      const [cdk] = findingsOf(rule, t, {}, { idiom: 'cdk' });
      expect(cdk.acknowledgeWith).toMatch(/deadbolt::rds-customer-managed-key/);
    });

    test('an acknowledgement naming the key owner turns it into info', () => {
      const t = one(
        'AWS::RDS::DBInstance',
        { StorageEncrypted: true, KmsKeyId: ARN },
        {
          Metadata: {
            deadbolt: {
              acknowledge: [
                {
                  id: 'rds-customer-managed-key',
                  reason: 'Customer managed key of the platform team (account 111122223333).',
                },
              ],
            },
          },
        },
      );
      expect(findingsOf(rule, t)[0].severity).toBe('info');
    });
  });

  test('a key exported by another stack and imported here is customer managed', () => {
    const keyStack: TemplateCase = {
      Resources: { Key: key },
      Outputs: { KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] }, Export: { Name: 'shared-key' } } },
    };
    const dbStack = one('AWS::RDS::DBInstance', {
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::ImportValue': 'shared-key' },
    });
    expect(findingsOf(rule, [dbStack, keyStack])).toEqual([]);
  });
});
