import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './dynamodb-point-in-time-recovery-period';

const table = (spec: unknown): TemplateCase => one('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: spec });
const global = (replicas: unknown[]): TemplateCase => one('AWS::DynamoDB::GlobalTable', { Replicas: replicas });

describe('dynamodb-point-in-time-recovery-period: DynamoDB point-in-time recovery reaches back at least the minimum retention', () => {
  const invalid: [string, TemplateCase, string, string, string?][] = [
    [
      '1. a table with a 3-day period',
      table({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 3 }),
      'PointInTimeRecoverySpecification.RecoveryPeriodInDays is 3; it must be at least 7 days.',
      'Properties/PointInTimeRecoverySpecification/RecoveryPeriodInDays',
    ],
    [
      '2. a period written as a string',
      table({ PointInTimeRecoveryEnabled: 'true', RecoveryPeriodInDays: '1' }),
      'PointInTimeRecoverySpecification.RecoveryPeriodInDays is "1"; it must be at least 7 days.',
      'Properties/PointInTimeRecoverySpecification/RecoveryPeriodInDays',
    ],
    [
      '3. a global table replica',
      global([
        { Region: 'us-east-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
        {
          Region: 'eu-west-1',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 2 },
        },
      ]),
      'replica eu-west-1: Replicas.1.PointInTimeRecoverySpecification.RecoveryPeriodInDays is 2; it must be at least 7 days.',
      'Properties/Replicas/1/PointInTimeRecoverySpecification/RecoveryPeriodInDays',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, location) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'dynamodb-point-in-time-recovery-period',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location,
      message,
    });
    expect(findings[0].fix).toMatch(/RecoveryPeriodInDays` to 7 or more/);
  });

  test.each([
    [
      'a period chosen at deploy time',
      {
        Parameters: { Days: { Type: 'Number', Default: 35 } },
        Resources: {
          Res: {
            Type: 'AWS::DynamoDB::Table',
            Properties: {
              PointInTimeRecoverySpecification: {
                PointInTimeRecoveryEnabled: true,
                RecoveryPeriodInDays: { Ref: 'Days' },
              },
            },
          },
        },
      },
      /cannot be proven at least 7 days: it is parameter "Days", chosen at deploy time/,
    ],
    [
      'recovery switched by a parameter, with a short period',
      {
        Parameters: { On: { Type: 'String' } },
        Resources: {
          Res: {
            Type: 'AWS::DynamoDB::Table',
            Properties: {
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: { Ref: 'On' }, RecoveryPeriodInDays: 1 },
            },
          },
        },
      },
      /RecoveryPeriodInDays is 1; it must be at least 7 days/,
    ],
    [
      'replicas that cannot be read',
      {
        Parameters: { R: { Type: 'CommaDelimitedList' } },
        Resources: { Res: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: { Ref: 'R' } } } },
      },
      /^Replicas is \{"Ref":"R"\} and no replica's point-in-time recovery period can be proven at least 7 days/,
    ],
  ] as [string, TemplateCase, RegExp][])('%s is a finding (fail closed)', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
  });

  const valid: [string, TemplateCase][] = [
    ['the default period (35 days)', table({ PointInTimeRecoveryEnabled: true })],
    ['exactly the minimum', table({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 })],
    [
      'point-in-time recovery off (dynamodb-point-in-time-recovery reports it)',
      table({ PointInTimeRecoveryEnabled: false, RecoveryPeriodInDays: 1 }),
    ],
    ['no point-in-time recovery specification', one('AWS::DynamoDB::Table', {})],
    [
      'global table replicas at the default, or off',
      global([
        { Region: 'us-east-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
        { Region: 'eu-west-1' },
      ]),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options, capped at the 35 days DynamoDB offers', () => {
    const t = table({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 10 });
    expect(findingsOf(rule, t, {}, { minimumBackupRetentionDays: 10 })).toEqual([]);
    expect(findingsOf(rule, t, {}, { minimumBackupRetentionDays: 14 })[0].message).toBe(
      'PointInTimeRecoverySpecification.RecoveryPeriodInDays is 10; it must be at least 14 days.',
    );
    const longMinimum = { minimumBackupRetentionDays: 90 };
    expect(findingsOf(rule, table({ PointInTimeRecoveryEnabled: true }), {}, longMinimum)).toEqual([]);
    expect(
      findingsOf(rule, table({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 }), {}, longMinimum),
    ).toEqual([]);
    expect(
      findingsOf(rule, table({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 30 }), {}, longMinimum)[0]
        .message,
    ).toBe(
      'PointInTimeRecoverySpecification.RecoveryPeriodInDays is 30; it must be at least 35 days (the minimum of 90 days, capped at the 35 days DynamoDB offers).',
    );
  });

  test('a CDK TableV2 with a short period is a finding on its replica; the default passes', () => {
    const synth = (period?: number) => {
      const app = new App();
      const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
      new dynamodb.TableV2(stack, 'Orders', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: period },
      });
      return app.synth().getStackByName('Test').template as TemplateCase;
    };
    const [f, ...rest] = findingsOf(rule, synth(3), {}, { idiom: 'cdk' });
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      'replica us-east-1: Replicas.0.PointInTimeRecoverySpecification.RecoveryPeriodInDays is 3; it must be at least 7 days.',
    );
    expect(f.fix).toMatch(/recoveryPeriodInDays: 7/);
    expect(findingsOf(rule, synth())).toEqual([]);
  });

  test('Terraform and Pulumi tables are judged in their own names', () => {
    const tf = providerModelOf([
      {
        id: 'aws_dynamodb_table.orders',
        name: 'aws_dynamodb_table.orders',
        type: 'aws_dynamodb_table',
        inputs: { name: 'orders', point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 2 }] },
      },
    ]);
    const [f] = evaluate(tf, { rules: [rule], idiom: 'terraform' }).findings;
    expect(f.message).toBe('point_in_time_recovery.recovery_period_in_days is 2; it must be at least 7 days.');
    expect(f.fix).toMatch(/^Set `recovery_period_in_days = 7`/);
    const pulumi = providerModelOf([
      {
        id: 'urn:t',
        name: 'orders',
        type: 'aws:dynamodb/table:Table',
        inputs: { pointInTimeRecovery: { enabled: true } },
      },
    ]);
    expect(evaluate(pulumi, { rules: [rule], idiom: 'pulumi' }).findings).toEqual([]);
  });
});
