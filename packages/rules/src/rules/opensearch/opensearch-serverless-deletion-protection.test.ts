import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './opensearch-serverless-deletion-protection';

describe('opensearch-serverless-deletion-protection: OpenSearch Serverless collections have deletion protection on', () => {
  const invalid: [string, TemplateCase, RegExp, boolean][] = [
    [
      '1. collection without the property (default undocumented)',
      one('AWS::OpenSearchServerless::Collection', { Name: 'search' }),
      /^DeletionProtection is not set \(CloudFormation default: undocumented, so it cannot be proven `ENABLED`\)\.$/,
      true,
    ],
    [
      '2. collection with DISABLED',
      one('AWS::OpenSearchServerless::Collection', { DeletionProtection: 'DISABLED' }),
      /^DeletionProtection is "DISABLED"; it must be `ENABLED`\.$/,
      false,
    ],
    [
      '3. collection with lowercase enabled (not a value CloudFormation accepts)',
      one('AWS::OpenSearchServerless::Collection', { DeletionProtection: 'enabled' }),
      /is "enabled"; it must be `ENABLED`/,
      false,
    ],
    [
      '4. a parameter',
      {
        Parameters: { P: { Type: 'String', Default: 'ENABLED' } },
        Resources: {
          Res: { Type: 'AWS::OpenSearchServerless::Collection', Properties: { DeletionProtection: { Ref: 'P' } } },
        },
      },
      /cannot be proven `ENABLED`: it is parameter "P", chosen at deploy time \(its default is "ENABLED"\)/,
      true,
    ],
    [
      '5. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::OpenSearchServerless::Collection',
            Properties: { DeletionProtection: { 'Fn::If': ['IsProd', 'ENABLED', 'DISABLED'] } },
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
      ruleId: 'opensearch-serverless-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/DeletionProtection',
    });
    expect(findings[0].message).toMatch(message);
    expect(Boolean(findings[0].unresolved)).toBe(unresolved);
    expect(findings[0].fix).toMatch(/DeletionProtection: ENABLED/);
  });

  const valid: [string, TemplateCase][] = [
    [
      'collection with ENABLED',
      one('AWS::OpenSearchServerless::Collection', { Name: 'search', DeletionProtection: 'ENABLED' }),
    ],
    ['a provisioned OpenSearch domain (another type)', one('AWS::OpenSearchService::Domain', {})],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
