import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './docdb-deletion-protection';

describe('docdb-deletion-protection: DocumentDB clusters have deletion protection on', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. cluster without the property',
      one('AWS::DocDB::DBCluster', { EngineVersion: '5.0.0' }),
      /^DeletionProtection is not set \(CloudFormation default: false\)\.$/,
    ],
    [
      '2. cluster with false',
      one('AWS::DocDB::DBCluster', { DeletionProtection: false }),
      /^DeletionProtection is false; it must be true\.$/,
    ],
    [
      '3. cluster with "false"',
      one('AWS::DocDB::DBCluster', { DeletionProtection: 'false' }),
      /is "false"; it must be true/,
    ],
    [
      '4. global cluster without the property',
      one('AWS::DocDB::GlobalCluster', { GlobalClusterIdentifier: 'g' }),
      /not set \(CloudFormation default: false\)/,
    ],
    [
      '5. a parameter',
      {
        Parameters: { P: { Type: 'String', AllowedValues: ['true', 'false'] } },
        Resources: { Res: { Type: 'AWS::DocDB::DBCluster', Properties: { DeletionProtection: { Ref: 'P' } } } },
      },
      /cannot be proven true: it is parameter "P", chosen at deploy time/,
    ],
    [
      '6. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::DocDB::GlobalCluster',
            Properties: { DeletionProtection: { 'Fn::If': ['IsProd', true, false] } },
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
      ruleId: 'docdb-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeletionProtection',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionProtection: true/);
  });

  test('the CDK fix names the construct that made the resource', () => {
    const [cluster] = findingsOf(rule, one('AWS::DocDB::DBCluster'), {}, { idiom: 'cdk' });
    expect(cluster.fix).toMatch(/`docdb\.DatabaseCluster`/);
    const [global] = findingsOf(rule, one('AWS::DocDB::GlobalCluster'), {}, { idiom: 'cdk' });
    expect(global.fix).toMatch(/`docdb\.CfnGlobalCluster`/);
  });

  const valid: [string, TemplateCase][] = [
    ['cluster with true', one('AWS::DocDB::DBCluster', { DeletionProtection: true })],
    ['cluster with "true"', one('AWS::DocDB::DBCluster', { DeletionProtection: 'true' })],
    ['global cluster with true', one('AWS::DocDB::GlobalCluster', { DeletionProtection: true })],
    ['an instance (the cluster is judged)', one('AWS::DocDB::DBInstance', { DBClusterIdentifier: 'c' })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
