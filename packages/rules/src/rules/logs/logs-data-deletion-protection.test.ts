import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './logs-data-deletion-protection';

const data = [{ Key: 'deadbolt:data', Value: 'true' }];

describe('logs-data-deletion-protection: Log groups tagged as data have deletion protection on', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. data log group without the property',
      one('AWS::Logs::LogGroup', { Tags: data }),
      /^DeletionProtectionEnabled is not set \(CloudFormation default: false\)\.$/,
    ],
    [
      '2. data log group with false',
      one('AWS::Logs::LogGroup', { Tags: data, DeletionProtectionEnabled: false }),
      /^DeletionProtectionEnabled is false; it must be true\.$/,
    ],
    [
      '3. data log group with a parameter',
      {
        Parameters: { P: { Type: 'String' } },
        Resources: {
          Res: { Type: 'AWS::Logs::LogGroup', Properties: { Tags: data, DeletionProtectionEnabled: { Ref: 'P' } } },
        },
      },
      /cannot be proven true: it is parameter "P"/,
    ],
    [
      '4. data log group with a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::Logs::LogGroup',
            Properties: { Tags: data, DeletionProtectionEnabled: { 'Fn::If': ['IsProd', true, false] } },
          },
        },
      },
      /depends on condition "IsProd"/,
    ],
    [
      '5. a data tag whose value cannot be read counts as a mark',
      {
        Parameters: { IsData: { Type: 'String' } },
        Resources: {
          Res: {
            Type: 'AWS::Logs::LogGroup',
            Properties: {
              Tags: [
                { Key: 'team', Value: 'a' },
                { Key: 'deadbolt:data', Value: { Ref: 'IsData' } },
              ],
            },
          },
        },
      },
      /not set/,
    ],
    [
      '6. a tag list that cannot be read counts as a mark',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: { Res: { Type: 'AWS::Logs::LogGroup', Properties: { Tags: { 'Fn::If': ['C', data, []] } } } },
      },
      /not set/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'logs-data-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeletionProtectionEnabled',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionProtectionEnabled: true/);
  });

  test('a stack-level data tag marks every log group in it', () => {
    const findings = findingsOf(rule, one('AWS::Logs::LogGroup'), { tags: { 'deadbolt:data': 'true' } });
    expect(findings.map((f) => f.message)).toEqual([
      'DeletionProtectionEnabled is not set (CloudFormation default: false).',
    ]);
  });

  const valid: [string, TemplateCase][] = [
    ['an operational log group (no data tag): not applicable', one('AWS::Logs::LogGroup', { RetentionInDays: 7 })],
    [
      'a log group tagged deadbolt:data=false',
      one('AWS::Logs::LogGroup', { Tags: [{ Key: 'deadbolt:data', Value: 'false' }] }),
    ],
    ['other tags only', one('AWS::Logs::LogGroup', { Tags: [{ Key: 'team', Value: { Ref: 'AWS::StackName' } }] })],
    ['a data log group with true', one('AWS::Logs::LogGroup', { Tags: data, DeletionProtectionEnabled: true })],
    ['a data log group with "true"', one('AWS::Logs::LogGroup', { Tags: data, DeletionProtectionEnabled: 'true' })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
