import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './dynamodb-point-in-time-recovery';

const global = (replicas: unknown, extra: Partial<TemplateCase> = {}): TemplateCase => ({
  ...extra,
  Resources: { Res: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: replicas } } },
});
const on = { PointInTimeRecoveryEnabled: true };
const LABEL = 'PointInTimeRecoverySpecification\\.PointInTimeRecoveryEnabled';

describe('dynamodb-point-in-time-recovery: DynamoDB tables have point-in-time recovery on, on every replica', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. table without the specification',
      one('AWS::DynamoDB::Table'),
      new RegExp(`^${LABEL} is not set \\(CloudFormation default: false\\)\\.$`),
    ],
    [
      '2. table with the specification but not enabled',
      one('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { RecoveryPeriodInDays: 35 } }),
      new RegExp(`^${LABEL} is not set`),
    ],
    [
      '3. table with false',
      one('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }),
      new RegExp(`^${LABEL} is false; it must be true\\.$`),
    ],
    [
      '4. table with a parameter',
      {
        Parameters: { Pitr: { Type: 'String', Default: 'true' } },
        Resources: {
          Res: {
            Type: 'AWS::DynamoDB::Table',
            Properties: { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: { Ref: 'Pitr' } } },
          },
        },
      },
      /cannot be proven true: it is parameter "Pitr", chosen at deploy time \(its default is "true"\)/,
    ],
    [
      '5. table whose whole specification is conditional',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::DynamoDB::Table',
            Properties: { PointInTimeRecoverySpecification: { 'Fn::If': ['IsProd', on, { Ref: 'AWS::NoValue' }] } },
          },
        },
      },
      /depends on condition "IsProd"/,
    ],
    [
      '6. global table replica without it',
      global([{ Region: 'us-east-1' }]),
      new RegExp(`^replica us-east-1: ${LABEL} is not set \\(CloudFormation default: false\\)\\.$`),
    ],
    [
      '7. a Replicas list from a parameter-driven condition',
      global(
        { 'Fn::If': ['Multi', [{ Region: 'us-east-1' }], [{ Region: 'us-east-1' }, { Region: 'eu-west-1' }]] },
        { Parameters: { Env: { Type: 'String' } }, Conditions: { Multi: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } } },
      ),
      /^Replicas is .* and no replica can be proven to have PointInTimeRecoverySpecification\.PointInTimeRecoveryEnabled true: it depends on condition "Multi"/,
    ],
    [
      '8. a SAM simple table',
      one('AWS::Serverless::SimpleTable'),
      /^AWS::Serverless::SimpleTable has no PointInTimeRecoverySpecification property, so point-in-time recovery cannot be turned on\.$/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'dynamodb-point-in-time-recovery',
      severity: 'error',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/PointInTimeRecoverySpecification: \{ PointInTimeRecoveryEnabled: true \}/);
  });

  test('one finding per replica without it, named by region, with the unresolved one marked', () => {
    const findings = findingsOf(
      rule,
      global(
        [
          { Region: 'us-east-1', PointInTimeRecoverySpecification: on },
          { Region: 'us-west-2', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } },
          { Region: 'eu-west-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: { Ref: 'Pitr' } } },
        ],
        { Parameters: { Pitr: { Type: 'String' } } },
      ),
    );
    expect(findings.map((f) => [f.message.split(':')[0], Boolean(f.unresolved)])).toEqual([
      ['replica us-west-2', false],
      ['replica eu-west-1', true],
    ]);
  });

  test('the CDK fix uses pointInTimeRecoverySpecification, not the deprecated pointInTimeRecovery', () => {
    const [f] = findingsOf(rule, one('AWS::DynamoDB::Table'), {}, { idiom: 'cdk' });
    expect(f.fix).toMatch(
      /^Pass `pointInTimeRecoverySpecification: \{ pointInTimeRecoveryEnabled: true \}` to the `Table`/,
    );
    expect(f.fixes.pulumi).toMatch(/pointInTimeRecovery: \{ enabled: true \}/);
  });

  const valid: [string, TemplateCase][] = [
    ['table with it on', one('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: on })],
    [
      'table with "true"',
      one('AWS::DynamoDB::Table', {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: 'true', RecoveryPeriodInDays: 7 },
      }),
    ],
    [
      'global table with it on every replica',
      global([
        { Region: 'us-east-1', PointInTimeRecoverySpecification: on },
        { Region: 'eu-west-1', PointInTimeRecoverySpecification: on },
      ]),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
