import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './timestream-magnetic-store-retention';

const TYPE = 'AWS::Timestream::Table';
const retention = (days: unknown) =>
  one(TYPE, {
    RetentionProperties: { MemoryStoreRetentionPeriodInHours: '24', MagneticStoreRetentionPeriodInDays: days },
  });

describe('timestream-magnetic-store-retention: Timestream tables keep records for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. 3 days',
      retention('3'),
      /^RetentionProperties\.MagneticStoreRetentionPeriodInDays is "3": Timestream deletes every record older than 3 days; it must be at least 7 days\.$/,
      false,
    ],
    ['2. 1 day', retention(1), /deletes every record older than 1 day;/, false],
    [
      '3. a parameter',
      {
        Parameters: { Days: { Type: 'String' } },
        Resources: {
          Res: {
            Type: TYPE,
            Properties: {
              RetentionProperties: {
                MemoryStoreRetentionPeriodInHours: '6',
                MagneticStoreRetentionPeriodInDays: { Ref: 'Days' },
              },
            },
          },
        },
      },
      /cannot be proven at least 7 days: it is parameter "Days"/,
      true,
    ],
  ];
  test.each(invalid)('%s is a warning that states the window', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'timestream-magnetic-store-retention',
      severity: 'warning',
      location: 'Properties/RetentionProperties/MagneticStoreRetentionPeriodInDays',
    });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
  });

  const valid: [string, TemplateCase][] = [
    ['no retention properties (73,000 days)', one(TYPE, { DatabaseName: 'd' })],
    ['7 days', retention('7')],
    ['a year', retention(365)],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options', () => {
    expect(findingsOf(rule, retention('7'), {}, { minimumBackupRetentionDays: 30 })).toHaveLength(1);
    expect(findingsOf(rule, retention('1'), {}, { minimumBackupRetentionDays: 1 })).toEqual([]);
  });

  test('Terraform retention_properties and Pulumi retentionProperties', () => {
    const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
      evaluate(providerModelOf([{ id: 't', name: 't', type, inputs }]), { rules: [rule], idiom }).findings;
    const [f] = judge(
      'aws_timestreamwrite_table',
      {
        retention_properties: [
          { magnetic_store_retention_period_in_days: 2, memory_store_retention_period_in_hours: 6 },
        ],
      },
      'terraform',
    );
    expect(f.message).toBe(
      'retention_properties.magnetic_store_retention_period_in_days is 2: Timestream deletes every record older than 2 days; it must be at least 7 days.',
    );
    expect(f.fix).toMatch(/^Set `retention_properties \{ magnetic_store_retention_period_in_days = 7 \}`/);
    expect(
      judge(
        'aws:timestreamwrite/table:Table',
        { retentionProperties: { magneticStoreRetentionPeriodInDays: 90, memoryStoreRetentionPeriodInHours: 12 } },
        'pulumi',
      ),
    ).toEqual([]);
    expect(judge('aws:timestreamwrite/table:Table', { databaseName: 'd', tableName: 't' }, 'pulumi')).toEqual([]);
  });
});
