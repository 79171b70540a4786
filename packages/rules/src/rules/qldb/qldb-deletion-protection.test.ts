import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './qldb-deletion-protection';

describe('qldb-deletion-protection: QLDB ledgers keep deletion protection on', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. ledger with false',
      one('AWS::QLDB::Ledger', { PermissionsMode: 'STANDARD', DeletionProtection: false }),
      /^DeletionProtection is false; it must be true\.$/,
    ],
    [
      '2. ledger with "false"',
      one('AWS::QLDB::Ledger', { PermissionsMode: 'STANDARD', DeletionProtection: 'false' }),
      /^DeletionProtection is "false"; it must be true\.$/,
    ],
    [
      '3. a parameter',
      {
        Parameters: { P: { Type: 'String', Default: 'true' } },
        Resources: {
          Res: {
            Type: 'AWS::QLDB::Ledger',
            Properties: { PermissionsMode: 'STANDARD', DeletionProtection: { Ref: 'P' } },
          },
        },
      },
      /cannot be proven true: it is parameter "P", chosen at deploy time \(its default is "true"\)/,
    ],
    [
      '4. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: { Type: 'AWS::QLDB::Ledger', Properties: { DeletionProtection: { 'Fn::If': ['IsProd', true, false] } } },
        },
      },
      /depends on condition "IsProd"/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'qldb-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeletionProtection',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionProtection: true/);
  });

  const valid: [string, TemplateCase][] = [
    ['ledger without the property (default: true)', one('AWS::QLDB::Ledger', { PermissionsMode: 'STANDARD' })],
    ['ledger with true', one('AWS::QLDB::Ledger', { PermissionsMode: 'STANDARD', DeletionProtection: true })],
    [
      'a condition whose branches both leave it unset',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: {
          Res: {
            Type: 'AWS::QLDB::Ledger',
            Properties: { DeletionProtection: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, { Ref: 'AWS::NoValue' }] } },
          },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
