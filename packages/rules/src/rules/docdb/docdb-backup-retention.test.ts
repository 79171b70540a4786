import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './docdb-backup-retention';

describe('docdb-backup-retention: DocumentDB clusters keep automated backups for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. cluster without the property',
      one('AWS::DocDB::DBCluster'),
      /^BackupRetentionPeriod is not set \(CloudFormation default: 1 day, under the minimum of 7 days\)\.$/,
    ],
    [
      '2. cluster with 1',
      one('AWS::DocDB::DBCluster', { BackupRetentionPeriod: 1 }),
      /^BackupRetentionPeriod is 1; it must be at least 7 days\.$/,
    ],
    [
      '3. cluster with "5"',
      one('AWS::DocDB::DBCluster', { BackupRetentionPeriod: '5' }),
      /is "5"; it must be at least 7 days/,
    ],
    [
      '4. a parameter',
      {
        Parameters: { Days: { Type: 'Number' } },
        Resources: { Res: { Type: 'AWS::DocDB::DBCluster', Properties: { BackupRetentionPeriod: { Ref: 'Days' } } } },
      },
      /cannot be proven at least 7 days: it is parameter "Days"/,
    ],
    [
      '5. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::DocDB::DBCluster',
            Properties: { BackupRetentionPeriod: { 'Fn::If': ['IsProd', 35, 1] } },
          },
        },
      },
      /depends on condition "IsProd"/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'docdb-backup-retention',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/BackupRetentionPeriod',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/BackupRetentionPeriod: 7/);
  });

  const valid: [string, TemplateCase][] = [
    ['cluster with 7', one('AWS::DocDB::DBCluster', { BackupRetentionPeriod: 7 })],
    ['cluster with "35"', one('AWS::DocDB::DBCluster', { BackupRetentionPeriod: '35' })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options; a minimum of 1 accepts the default', () => {
    expect(
      findingsOf(
        rule,
        one('AWS::DocDB::DBCluster', { BackupRetentionPeriod: 7 }),
        {},
        { minimumBackupRetentionDays: 14 },
      )[0].message,
    ).toBe('BackupRetentionPeriod is 7; it must be at least 14 days.');
    expect(findingsOf(rule, one('AWS::DocDB::DBCluster'), {}, { minimumBackupRetentionDays: 1 })).toEqual([]);
  });
});
