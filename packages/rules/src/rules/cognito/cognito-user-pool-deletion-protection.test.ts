import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './cognito-user-pool-deletion-protection';

describe('cognito-user-pool-deletion-protection: Cognito user pools have deletion protection on', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. pool without the property',
      one('AWS::Cognito::UserPool', { UserPoolName: 'users' }),
      /^DeletionProtection is not set \(CloudFormation default: INACTIVE\)\.$/,
    ],
    [
      '2. pool with INACTIVE',
      one('AWS::Cognito::UserPool', { DeletionProtection: 'INACTIVE' }),
      /^DeletionProtection is "INACTIVE"; it must be `ACTIVE`\.$/,
    ],
    [
      '3. pool with a boolean',
      one('AWS::Cognito::UserPool', { DeletionProtection: true }),
      /^DeletionProtection is true; it must be `ACTIVE`\.$/,
    ],
    [
      '4. a parameter',
      {
        Parameters: { P: { Type: 'String', AllowedValues: ['ACTIVE', 'INACTIVE'] } },
        Resources: { Res: { Type: 'AWS::Cognito::UserPool', Properties: { DeletionProtection: { Ref: 'P' } } } },
      },
      /^DeletionProtection is \{"Ref":"P"\} and cannot be proven `ACTIVE`: it is parameter "P", chosen at deploy time\.$/,
    ],
    [
      '5. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::Cognito::UserPool',
            Properties: { DeletionProtection: { 'Fn::If': ['IsProd', 'ACTIVE', 'INACTIVE'] } },
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
      ruleId: 'cognito-user-pool-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeletionProtection',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionProtection: ACTIVE/);
  });

  const valid: [string, TemplateCase][] = [
    ['pool with ACTIVE', one('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' })],
    [
      'a condition whose branches agree',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: {
          Res: {
            Type: 'AWS::Cognito::UserPool',
            Properties: { DeletionProtection: { 'Fn::If': ['C', 'ACTIVE', 'ACTIVE'] } },
          },
        },
      },
    ],
    [
      'an identity pool (not a user store)',
      one('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false }),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
