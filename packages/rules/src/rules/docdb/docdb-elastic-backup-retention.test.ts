import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './docdb-elastic-backup-retention';

const TYPE = 'AWS::DocDBElastic::Cluster';

describe('docdb-elastic-backup-retention: DocumentDB elastic clusters keep automatic snapshots for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. not set',
      one(TYPE),
      /^BackupRetentionPeriod is not set \(CloudFormation default: 1 day, under the minimum of 7 days\)\.$/,
      false,
    ],
    [
      '2. 3 days',
      one(TYPE, { BackupRetentionPeriod: 3 }),
      /^BackupRetentionPeriod is 3; it must be at least 7 days\.$/,
      false,
    ],
    [
      '3. a parameter',
      {
        Parameters: { Days: { Type: 'Number' } },
        Resources: { Res: { Type: TYPE, Properties: { BackupRetentionPeriod: { Ref: 'Days' } } } },
      },
      /cannot be proven at least 7 days: it is parameter "Days"/,
      true,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'docdb-elastic-backup-retention',
      severity: 'error',
      location: 'Properties/BackupRetentionPeriod',
    });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
    expect(findings[0].fix).toMatch(/BackupRetentionPeriod: 7/);
  });

  test('7 days or more passes; the minimum comes from the options', () => {
    expect(findingsOf(rule, one(TYPE, { BackupRetentionPeriod: 7 }))).toEqual([]);
    expect(findingsOf(rule, one(TYPE, { BackupRetentionPeriod: '35' }))).toEqual([]);
    expect(findingsOf(rule, one(TYPE), {}, { minimumBackupRetentionDays: 1 })).toEqual([]);
    expect(
      findingsOf(rule, one(TYPE, { BackupRetentionPeriod: 7 }), {}, { minimumBackupRetentionDays: 14 })[0].message,
    ).toBe('BackupRetentionPeriod is 7; it must be at least 14 days.');
  });

  test('the Pulumi aws.docdb.ElasticCluster and the Terraform aws_docdbelastic_cluster', () => {
    const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
      evaluate(providerModelOf([{ id: 'c', name: 'c', type, inputs }]), { rules: [rule], idiom }).findings;
    const [p] = judge('aws:docdb/elasticCluster:ElasticCluster', { backupRetentionPeriod: 2 }, 'pulumi');
    expect(p.message).toBe('backupRetentionPeriod is 2; it must be at least 7 days.');
    expect(p.fix).toMatch(/aws\.docdb\.ElasticCluster/);
    const [t] = judge('aws_docdbelastic_cluster', {}, 'terraform');
    expect(t.message).toMatch(
      /^(?:backupRetentionPeriod|backup_retention_period) is not set \(provider default: 1 day/,
    );
    expect(judge('aws_docdbelastic_cluster', { backup_retention_period: 14 }, 'terraform')).toEqual([]);
  });
});
