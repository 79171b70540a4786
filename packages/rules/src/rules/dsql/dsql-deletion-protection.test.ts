import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './dsql-deletion-protection';

describe('dsql-deletion-protection: Aurora DSQL clusters have deletion protection on', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. cluster without the property (default undocumented)',
      one('AWS::DSQL::Cluster'),
      /^DeletionProtectionEnabled is not set \(CloudFormation default: undocumented, so it cannot be proven true\)\.$/,
      true,
    ],
    [
      '2. cluster with false',
      one('AWS::DSQL::Cluster', { DeletionProtectionEnabled: false }),
      /^DeletionProtectionEnabled is false; it must be true\.$/,
      false,
    ],
    [
      '3. a parameter',
      {
        Parameters: { P: { Type: 'String' } },
        Resources: { Res: { Type: 'AWS::DSQL::Cluster', Properties: { DeletionProtectionEnabled: { Ref: 'P' } } } },
      },
      /cannot be proven true: it is parameter "P"/,
      true,
    ],
    [
      '4. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::DSQL::Cluster',
            Properties: { DeletionProtectionEnabled: { 'Fn::If': ['IsProd', true, { Ref: 'AWS::NoValue' }] } },
          },
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
      ruleId: 'dsql-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeletionProtectionEnabled',
    });
    expect(findings[0].message).toMatch(message);
    expect(Boolean(findings[0].unresolved)).toBe(unresolved);
    expect(findings[0].fix).toMatch(/DeletionProtectionEnabled: true/);
  });

  const valid: [string, TemplateCase][] = [
    ['cluster with true', one('AWS::DSQL::Cluster', { DeletionProtectionEnabled: true })],
    ['cluster with "true"', one('AWS::DSQL::Cluster', { DeletionProtectionEnabled: 'true' })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
