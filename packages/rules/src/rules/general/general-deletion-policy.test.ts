import { findingsOf, one } from '../testing/harness';
import rule from './general-deletion-policy';

describe('general-deletion-policy: Stateful resources are retained when removed from the stack', () => {
  const invalid: [string, ReturnType<typeof one>, RegExp, string][] = [
    [
      '1. a table without DeletionPolicy',
      one('AWS::DynamoDB::Table'),
      /^DeletionPolicy is not set \(CloudFormation default for AWS::DynamoDB::Table: Delete\)\.$/,
      'error',
    ],
    [
      '2. a bucket with Delete',
      one('AWS::S3::Bucket', {}, { DeletionPolicy: 'Delete' }),
      /^DeletionPolicy is Delete\.$/,
      'error',
    ],
    [
      '3. an RDS instance inside a cluster (default Delete)',
      one('AWS::RDS::DBInstance', { DBClusterIdentifier: 'c' }),
      /default for AWS::RDS::DBInstance: Delete/,
      'error',
    ],
    ['4. a KMS key with Delete', one('AWS::KMS::Key', {}, { DeletionPolicy: 'Delete' }), /Delete/, 'error'],
    ['5. a vault without DeletionPolicy', one('AWS::Backup::BackupVault'), /not set/, 'error'],
    [
      '6. a policy from Fn::If on a parameter',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: { Type: 'AWS::EFS::FileSystem', DeletionPolicy: { 'Fn::If': ['Prod', 'Retain', 'Delete'] } },
        },
      },
      /cannot be proven to retain the resource: it depends on condition "Prod"/,
      'error',
    ],
    [
      '7. a misspelt policy',
      one('AWS::S3::Bucket', {}, { DeletionPolicy: 'retain' }),
      /"retain", which is not a policy CloudFormation knows/,
      'error',
    ],
    ['8. a queue (transient: warning)', one('AWS::SQS::Queue'), /not set/, 'warning'],
    ['9. a SAM SimpleTable', one('AWS::Serverless::SimpleTable'), /not set/, 'error'],
    [
      '10. a log group tagged as data is an error',
      one('AWS::Logs::LogGroup', { Tags: [{ Key: 'deadbolt:data', Value: 'true' }] }),
      /not set/,
      'error',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, severity) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'general-deletion-policy', severity, location: 'DeletionPolicy' });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionPolicy: Retain/);
  });

  const valid: [string, ReturnType<typeof one>][] = [
    ['Retain', one('AWS::DynamoDB::Table', {}, { DeletionPolicy: 'Retain' })],
    ['RetainExceptOnCreate', one('AWS::S3::Bucket', {}, { DeletionPolicy: 'RetainExceptOnCreate' })],
    ['Snapshot', one('AWS::RDS::DBCluster', {}, { DeletionPolicy: 'Snapshot' })],
    ['a standalone RDS instance at the default (Snapshot)', one('AWS::RDS::DBInstance')],
    ['an RDS cluster at the default (Snapshot)', one('AWS::RDS::DBCluster')],
    ['a stateless type', one('AWS::Lambda::Function')],
    ['a nested stack (its resources carry their own policies)', one('AWS::CloudFormation::Stack')],
    [
      'Fn::If whose branches both retain',
      {
        Parameters: { E: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'E' }, 'x'] } },
        Resources: { Res: { Type: 'AWS::S3::Bucket', DeletionPolicy: { 'Fn::If': ['C', 'Retain', 'Retain'] } } },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
