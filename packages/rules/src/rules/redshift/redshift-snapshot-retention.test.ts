import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './redshift-snapshot-retention';

const TYPE = 'AWS::Redshift::Cluster';

describe('redshift-snapshot-retention: Redshift clusters keep automated snapshots for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. not set',
      one(TYPE),
      /^AutomatedSnapshotRetentionPeriod is not set \(CloudFormation default: 1 day, under the minimum of 7 days\)\.$/,
      false,
    ],
    [
      '2. 0 turns automated snapshots off',
      one(TYPE, { AutomatedSnapshotRetentionPeriod: 0 }),
      /^AutomatedSnapshotRetentionPeriod is 0, which turns automated snapshots off; it must be at least 7 days\.$/,
      false,
    ],
    ['3. "3"', one(TYPE, { AutomatedSnapshotRetentionPeriod: '3' }), /is "3"; it must be at least 7 days/, false],
    [
      '4. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: { Type: TYPE, Properties: { AutomatedSnapshotRetentionPeriod: { 'Fn::If': ['IsProd', 35, 1] } } },
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
      ruleId: 'redshift-snapshot-retention',
      severity: 'error',
      location: 'Properties/AutomatedSnapshotRetentionPeriod',
    });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
    expect(findings[0].fix).toMatch(/AutomatedSnapshotRetentionPeriod: 7/);
  });

  test('7 days or more passes', () => {
    expect(findingsOf(rule, one(TYPE, { AutomatedSnapshotRetentionPeriod: 7 }))).toEqual([]);
    expect(findingsOf(rule, one(TYPE, { AutomatedSnapshotRetentionPeriod: 35 }))).toEqual([]);
  });

  test('a CDK CfnCluster left at its default is a finding', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
    new redshift.CfnCluster(stack, 'Warehouse', {
      clusterType: 'single-node',
      dbName: 'dw',
      masterUsername: 'admin',
      nodeType: 'ra3.xlplus',
      manageMasterPassword: true,
    });
    const findings = findingsOf(rule, Template.fromStack(stack).toJSON() as TemplateCase, {}, { idiom: 'cdk' });
    expect(findings.map((f) => f.fix)).toEqual([expect.stringMatching(/automatedSnapshotRetentionPeriod: 7/)]);
  });

  test('Terraform and Pulumi', () => {
    const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform') =>
      evaluate(providerModelOf([{ id: 'w', name: 'w', type, inputs }]), { rules: [rule], idiom }).findings;
    expect(judge('aws_redshift_cluster', { automated_snapshot_retention_period: 0 }, 'terraform')[0].fix).toBe(
      'Set `automated_snapshot_retention_period = 7` (or more) on the `aws_redshift_cluster`.',
    );
    expect(judge('aws:redshift/cluster:Cluster', { automatedSnapshotRetentionPeriod: 14 }, 'pulumi')).toEqual([]);
  });
});
