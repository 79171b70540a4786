import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './neptune-backup-retention';

describe('neptune-backup-retention: Neptune clusters keep automated backups for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. cluster without the property',
      one('AWS::Neptune::DBCluster'),
      /^BackupRetentionPeriod is not set \(CloudFormation default: 1 day, under the minimum of 7 days\)\.$/,
    ],
    [
      '2. cluster with 3',
      one('AWS::Neptune::DBCluster', { BackupRetentionPeriod: 3 }),
      /^BackupRetentionPeriod is 3; it must be at least 7 days\.$/,
    ],
    [
      '3. a parameter',
      {
        Parameters: { Days: { Type: 'Number', Default: 7 } },
        Resources: { Res: { Type: 'AWS::Neptune::DBCluster', Properties: { BackupRetentionPeriod: { Ref: 'Days' } } } },
      },
      /cannot be proven at least 7 days: it is parameter "Days", chosen at deploy time \(its default is 7\)/,
    ],
    [
      '4. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::Neptune::DBCluster',
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
      ruleId: 'neptune-backup-retention',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/BackupRetentionPeriod',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/BackupRetentionPeriod: 7/);
  });

  const valid: [string, TemplateCase][] = [
    ['cluster with 7', one('AWS::Neptune::DBCluster', { BackupRetentionPeriod: 7 })],
    ['cluster with "30"', one('AWS::Neptune::DBCluster', { BackupRetentionPeriod: '30' })],
    ['a Neptune Analytics graph (no retention property)', one('AWS::NeptuneGraph::Graph', { ProvisionedMemory: 16 })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options', () => {
    expect(
      findingsOf(
        rule,
        one('AWS::Neptune::DBCluster', { BackupRetentionPeriod: 10 }),
        {},
        { minimumBackupRetentionDays: 30 },
      )[0].message,
    ).toBe('BackupRetentionPeriod is 10; it must be at least 30 days.');
  });
});
