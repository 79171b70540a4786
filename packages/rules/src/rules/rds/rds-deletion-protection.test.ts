import { findingsOf, one } from '../testing/harness';
import rule from './rds-deletion-protection';

describe('rds-deletion-protection: RDS databases have deletion protection on', () => {
  const invalid: [string, ReturnType<typeof one>, RegExp][] = [
    [
      '1. instance without the property',
      one('AWS::RDS::DBInstance', { Engine: 'postgres' }),
      /DeletionProtection is not set \(CloudFormation default: false\)/,
    ],
    [
      '2. instance with false',
      one('AWS::RDS::DBInstance', { DeletionProtection: false }),
      /DeletionProtection is false/,
    ],
    ['3. instance with "false" string', one('AWS::RDS::DBInstance', { DeletionProtection: 'false' }), /"false"/],
    ['4. cluster without the property', one('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }), /not set/],
    ['5. global cluster without the property', one('AWS::RDS::GlobalCluster', {}), /not set/],
    [
      '6. a parameter',
      {
        Parameters: { P: { Type: 'String', Default: 'true' } },
        Resources: { Res: { Type: 'AWS::RDS::DBInstance', Properties: { DeletionProtection: { Ref: 'P' } } } },
      },
      /cannot be proven true: it is parameter "P"/,
    ],
    [
      '7. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::RDS::DBCluster',
            Properties: { DeletionProtection: { 'Fn::If': ['IsProd', true, false] } },
          },
        },
      },
      /depends on condition "IsProd"/,
    ],
    [
      '8. an unknown intrinsic',
      one('AWS::RDS::DBInstance', { DeletionProtection: { 'Fn::Magic': 1 } }),
      /Fn::Magic is not a CloudFormation intrinsic/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'rds-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionProtection: true/);
  });

  const valid: [string, ReturnType<typeof one>][] = [
    ['instance with true', one('AWS::RDS::DBInstance', { DeletionProtection: true })],
    ['instance with "true"', one('AWS::RDS::DBInstance', { DeletionProtection: 'true' })],
    [
      'instance in a cluster (the cluster is judged)',
      one('AWS::RDS::DBInstance', { DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-postgresql' }),
    ],
    ['cluster with true', one('AWS::RDS::DBCluster', { DeletionProtection: true })],
    [
      'condition whose branches agree',
      {
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } },
        Resources: {
          Res: { Type: 'AWS::RDS::DBCluster', Properties: { DeletionProtection: { 'Fn::If': ['C', true, true] } } },
        },
      },
    ],
    [
      'condition decidable from literals',
      {
        Conditions: { C: { 'Fn::Equals': ['a', 'a'] } },
        Resources: {
          Res: { Type: 'AWS::RDS::DBCluster', Properties: { DeletionProtection: { 'Fn::If': ['C', true, false] } } },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('non-production mode turns the error into a warning', () => {
    const [f] = findingsOf(rule, one('AWS::RDS::DBInstance'), {}, { nonProduction: true });
    expect(f.severity).toBe('warning');
  });

  test('an acknowledgement in metadata with a reason makes it info; without a reason it is refused', () => {
    const ack = (reason: string, expires?: string) =>
      one(
        'AWS::RDS::DBInstance',
        {},
        { Metadata: { deadbolt: { acknowledge: [{ id: 'rds-deletion-protection', reason, expires }] } } },
      );
    expect(findingsOf(rule, ack('scratch database, recreated nightly'))[0]).toMatchObject({
      severity: 'info',
      acknowledged: { reason: 'scratch database, recreated nightly' },
    });
    const refused = findingsOf(rule, ack('  '))[0];
    expect(refused.severity).toBe('error');
    expect(refused.acknowledgementRefused).toMatch(/has no reason/);
    const expired = findingsOf(rule, ack('migration window', '2020-01-31'))[0];
    expect(expired.severity).toBe('error');
    expect(expired.acknowledgementRefused).toMatch(/expired on 2020-01-31/);
  });
});
