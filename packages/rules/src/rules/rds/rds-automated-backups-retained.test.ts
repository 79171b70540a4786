import { findingsOf, one } from '../testing/harness';
import rule from './rds-automated-backups-retained';

describe('rds-automated-backups-retained: RDS databases keep their automated backups after deletion', () => {
  const invalid: [string, ReturnType<typeof one>, RegExp][] = [
    [
      '1. instance without the property',
      one('AWS::RDS::DBInstance', { Engine: 'postgres' }),
      /^DeleteAutomatedBackups is not set \(CloudFormation default: true\)\.$/,
    ],
    [
      '2. instance with true',
      one('AWS::RDS::DBInstance', { DeleteAutomatedBackups: true }),
      /^DeleteAutomatedBackups is true; it must be false\.$/,
    ],
    [
      '3. instance with "true" string',
      one('AWS::RDS::DBInstance', { DeleteAutomatedBackups: 'true' }),
      /is "true"; it must be false/,
    ],
    [
      '4. cluster without the property',
      one('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }),
      /not set \(CloudFormation default: true\)/,
    ],
    ['5. cluster with true', one('AWS::RDS::DBCluster', { DeleteAutomatedBackups: true }), /is true; it must be false/],
    [
      '6. a parameter',
      {
        Parameters: { P: { Type: 'String', Default: 'false' } },
        Resources: { Res: { Type: 'AWS::RDS::DBInstance', Properties: { DeleteAutomatedBackups: { Ref: 'P' } } } },
      },
      /cannot be proven false: it is parameter "P", chosen at deploy time \(its default is "false"\)/,
    ],
    [
      '7. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::RDS::DBCluster',
            Properties: { DeleteAutomatedBackups: { 'Fn::If': ['IsProd', false, true] } },
          },
        },
      },
      /depends on condition "IsProd"/,
    ],
    [
      '8. a replica source that may be removed by a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: {
          Res: {
            Type: 'AWS::RDS::DBInstance',
            Properties: { SourceDBInstanceIdentifier: { 'Fn::If': ['C', 'src', { Ref: 'AWS::NoValue' }] } },
          },
        },
      },
      /not set/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'rds-automated-backups-retained',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeleteAutomatedBackups',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeleteAutomatedBackups: false/);
  });

  test('unresolved values are marked as such', () => {
    const [f] = findingsOf(rule, {
      Parameters: { P: { Type: 'String' } },
      Resources: { Res: { Type: 'AWS::RDS::DBInstance', Properties: { DeleteAutomatedBackups: { Ref: 'P' } } } },
    });
    expect(f.unresolved).toBe(true);
  });

  const valid: [string, ReturnType<typeof one>][] = [
    ['instance with false', one('AWS::RDS::DBInstance', { DeleteAutomatedBackups: false })],
    ['instance with "false"', one('AWS::RDS::DBInstance', { DeleteAutomatedBackups: 'false' })],
    ['cluster with false', one('AWS::RDS::DBCluster', { DeleteAutomatedBackups: false })],
    [
      'instance in a cluster (the cluster is judged)',
      one('AWS::RDS::DBInstance', { DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-postgresql' }),
    ],
    [
      'read replica of a literal source',
      one('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: 'arn:aws:rds:us-east-1:111111111111:db:src' }),
    ],
    [
      'read replica of a database in the template',
      {
        Resources: {
          Src: { Type: 'AWS::RDS::DBInstance', Properties: { DeleteAutomatedBackups: false } },
          Res: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: { Ref: 'Src' } } },
        },
      },
    ],
    [
      'condition decidable from literals',
      {
        Conditions: { C: { 'Fn::Equals': ['a', 'a'] } },
        Resources: {
          Res: {
            Type: 'AWS::RDS::DBCluster',
            Properties: { DeleteAutomatedBackups: { 'Fn::If': ['C', false, true] } },
          },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
