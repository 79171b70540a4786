import { findingsOf, one } from '../testing/harness';
import rule from './rds-backup-retention';

describe('rds-backup-retention: RDS databases keep automated backups for at least the minimum retention', () => {
  const invalid: [string, ReturnType<typeof one>, RegExp][] = [
    [
      '1. instance without the property',
      one('AWS::RDS::DBInstance', { Engine: 'postgres' }),
      /^BackupRetentionPeriod is not set \(CloudFormation default: 1 day, under the minimum of 7 days\)\.$/,
    ],
    [
      '2. instance with 0',
      one('AWS::RDS::DBInstance', { BackupRetentionPeriod: 0 }),
      /^BackupRetentionPeriod is 0, which turns automated backups off; it must be at least 7 days\.$/,
    ],
    [
      '3. instance with "0" string',
      one('AWS::RDS::DBInstance', { BackupRetentionPeriod: '0' }),
      /is "0", which turns automated backups off/,
    ],
    [
      '4. instance with 3',
      one('AWS::RDS::DBInstance', { BackupRetentionPeriod: 3 }),
      /^BackupRetentionPeriod is 3; it must be at least 7 days\.$/,
    ],
    [
      '5. cluster without the property',
      one('AWS::RDS::DBCluster', { Engine: 'aurora-mysql' }),
      /not set \(CloudFormation default: 1 day/,
    ],
    [
      '6. cluster with 6',
      one('AWS::RDS::DBCluster', { BackupRetentionPeriod: '6' }),
      /is "6"; it must be at least 7 days/,
    ],
    [
      '7. a parameter',
      {
        Parameters: { Days: { Type: 'Number', Default: 14 } },
        Resources: { Res: { Type: 'AWS::RDS::DBInstance', Properties: { BackupRetentionPeriod: { Ref: 'Days' } } } },
      },
      /cannot be proven at least 7 days: it is parameter "Days", chosen at deploy time \(its default is 14\)/,
    ],
    [
      '8. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: { Type: 'AWS::RDS::DBCluster', Properties: { BackupRetentionPeriod: { 'Fn::If': ['IsProd', 35, 1] } } },
        },
      },
      /depends on condition "IsProd"/,
    ],
    [
      '9. not a number',
      one('AWS::RDS::DBInstance', { BackupRetentionPeriod: 'a week' }),
      /is "a week"; it must be at least 7 days/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'rds-backup-retention',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/BackupRetentionPeriod',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fixes.cloudformation).toMatch(/BackupRetentionPeriod: 7/);
  });

  const valid: [string, ReturnType<typeof one>][] = [
    ['instance with 7', one('AWS::RDS::DBInstance', { BackupRetentionPeriod: 7 })],
    ['instance with "35"', one('AWS::RDS::DBInstance', { BackupRetentionPeriod: '35' })],
    ['cluster with 14', one('AWS::RDS::DBCluster', { BackupRetentionPeriod: 14 })],
    ['instance in a cluster', one('AWS::RDS::DBInstance', { DBClusterIdentifier: 'c' })],
    [
      'read replica of an instance in the template',
      {
        Resources: {
          Res: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: { Ref: 'Src' } } },
          Src: { Type: 'AWS::RDS::DBInstance', Properties: { BackupRetentionPeriod: 7 } },
        },
      },
    ],
    [
      'condition whose branches agree',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: {
          Res: { Type: 'AWS::RDS::DBCluster', Properties: { BackupRetentionPeriod: { 'Fn::If': ['C', 10, 10] } } },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options', () => {
    const [f] = findingsOf(
      rule,
      one('AWS::RDS::DBInstance', { BackupRetentionPeriod: 10 }),
      {},
      { minimumBackupRetentionDays: 14 },
    );
    expect(f.message).toBe('BackupRetentionPeriod is 10; it must be at least 14 days.');
    expect(f.fixes.cdk).toMatch(/backupRetention: Duration\.days\(14\)/);
    expect(
      findingsOf(rule, one('AWS::RDS::DBCluster', { BackupRetentionPeriod: 3 }), {}, { minimumBackupRetentionDays: 3 }),
    ).toEqual([]);
  });

  test('a minimum of 1 day accepts the CloudFormation default', () => {
    expect(findingsOf(rule, one('AWS::RDS::DBInstance', {}), {}, { minimumBackupRetentionDays: 1 })).toEqual([]);
    expect(
      findingsOf(
        rule,
        one('AWS::RDS::DBInstance', { BackupRetentionPeriod: 0 }),
        {},
        { minimumBackupRetentionDays: 1 },
      )[0].message,
    ).toMatch(/turns automated backups off/);
  });
});

describe('rds-backup-retention: a link that cannot be proven does not excuse the instance', () => {
  const params = { Source: { Type: 'String', Default: '' }, Cluster: { Type: 'String', Default: '' } };
  test.each([
    ['a read replica source from a parameter that may be empty', { SourceDBInstanceIdentifier: { Ref: 'Source' } }],
    [
      'a cluster from a parameter on a MySQL instance (only Aurora instances join a cluster)',
      { DBClusterIdentifier: { Ref: 'Cluster' }, Engine: 'mysql' },
    ],
    [
      'a cluster from a parameter, engine not known',
      { DBClusterIdentifier: { Ref: 'Cluster' }, Engine: { Ref: 'Engine' } },
    ],
  ])('%s', (_name, properties) => {
    const template = {
      Parameters: { ...params, Engine: { Type: 'String' } },
      Resources: { Res: { Type: 'AWS::RDS::DBInstance', Properties: { ...properties, BackupRetentionPeriod: 0 } } },
    };
    expect(findingsOf(rule, template).map((f) => f.message)).toEqual([
      expect.stringMatching(/is 0, which turns automated backups off/),
    ]);
  });
});
