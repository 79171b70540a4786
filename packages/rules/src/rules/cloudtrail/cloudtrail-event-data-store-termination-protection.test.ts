import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './cloudtrail-event-data-store-termination-protection';

describe('cloudtrail-event-data-store-termination-protection: CloudTrail Lake event data stores keep termination protection on', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. store with false',
      one('AWS::CloudTrail::EventDataStore', { TerminationProtectionEnabled: false }),
      /^TerminationProtectionEnabled is false; it must be true\.$/,
    ],
    [
      '2. store with "False"',
      one('AWS::CloudTrail::EventDataStore', { TerminationProtectionEnabled: 'False' }),
      /^TerminationProtectionEnabled is "False"; it must be true\.$/,
    ],
    [
      '3. a parameter',
      {
        Parameters: { P: { Type: 'String' } },
        Resources: {
          Res: { Type: 'AWS::CloudTrail::EventDataStore', Properties: { TerminationProtectionEnabled: { Ref: 'P' } } },
        },
      },
      /cannot be proven true: it is parameter "P"/,
    ],
    [
      '4. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::CloudTrail::EventDataStore',
            Properties: { TerminationProtectionEnabled: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, false] } },
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
      ruleId: 'cloudtrail-event-data-store-termination-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/TerminationProtectionEnabled',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/TerminationProtectionEnabled: true/);
  });

  const valid: [string, TemplateCase][] = [
    ['store without the property (default: true)', one('AWS::CloudTrail::EventDataStore', { RetentionPeriod: 365 })],
    ['store with true', one('AWS::CloudTrail::EventDataStore', { TerminationProtectionEnabled: true })],
    ['a trail (another type)', one('AWS::CloudTrail::Trail', { IsLogging: true })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
