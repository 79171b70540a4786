import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cassandra from 'aws-cdk-lib/aws-cassandra';
import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './keyspaces-point-in-time-recovery';

const TYPE = 'AWS::Cassandra::Table';
const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
  evaluate(providerModelOf([{ id: 't', name: 't', type, inputs }]), { rules: [rule], idiom }).findings;

describe('keyspaces-point-in-time-recovery: Keyspaces tables have point-in-time recovery on', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. not set',
      one(TYPE, { KeyspaceName: 'k' }),
      /^PointInTimeRecoveryEnabled is not set \(CloudFormation default: false\)\.$/,
      false,
    ],
    ['2. false', one(TYPE, { PointInTimeRecoveryEnabled: false }), /is false; it must be true/, false],
    [
      '3. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: { Type: TYPE, Properties: { PointInTimeRecoveryEnabled: { 'Fn::If': ['IsProd', true, false] } } },
        },
      },
      /depends on condition "IsProd"/,
      true,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, unresolved) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'keyspaces-point-in-time-recovery',
      severity: 'error',
      location: 'Properties/PointInTimeRecoveryEnabled',
    });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
  });

  test('true passes, as a boolean or a string', () => {
    expect(findingsOf(rule, one(TYPE, { PointInTimeRecoveryEnabled: true }))).toEqual([]);
    expect(findingsOf(rule, one(TYPE, { PointInTimeRecoveryEnabled: 'true' }))).toEqual([]);
  });

  test('a CDK CfnTable with defaults is a finding; pointInTimeRecoveryEnabled passes', () => {
    const synth = (pointInTimeRecoveryEnabled?: boolean): TemplateCase => {
      const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
      new cassandra.CfnTable(stack, 'Orders', {
        keyspaceName: 'shop',
        partitionKeyColumns: [{ columnName: 'id', columnType: 'text' }],
        pointInTimeRecoveryEnabled,
      });
      return Template.fromStack(stack).toJSON() as TemplateCase;
    };
    expect(findingsOf(rule, synth(), {}, { idiom: 'cdk' }).map((f) => f.fix)).toEqual([
      'Set `pointInTimeRecoveryEnabled: true` on the `cassandra.CfnTable`.',
    ]);
    expect(findingsOf(rule, synth(true))).toEqual([]);
  });

  test('Terraform point_in_time_recovery { status } and Pulumi pointInTimeRecovery.status', () => {
    expect(judge('aws_keyspaces_table', { point_in_time_recovery: [{ status: 'ENABLED' }] }, 'terraform')).toEqual([]);
    const [off] = judge('aws_keyspaces_table', { point_in_time_recovery: [{ status: 'DISABLED' }] }, 'terraform');
    expect(off.message).toBe('point_in_time_recovery.status is false; it must be true.');
    expect(off.fix).toBe('Add `point_in_time_recovery { status = "ENABLED" }` to the `aws_keyspaces_table`.');
    const [unset] = judge('aws:keyspaces/table:Table', { keyspaceName: 'shop' }, 'pulumi');
    expect(unset.message).toBe('pointInTimeRecovery.status is not set (provider default: false).');
    expect(judge('aws:keyspaces/table:Table', { pointInTimeRecovery: { status: 'ENABLED' } }, 'pulumi')).toEqual([]);
    const [unknown] = judge(
      'aws:keyspaces/table:Table',
      { pointInTimeRecovery: { status: providerOutput(false, undefined, []) } },
      'pulumi',
    );
    expect(unknown.unresolved).toBe(true);
  });
});
