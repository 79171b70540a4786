import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './s3-versioning';

describe('s3-versioning: S3 buckets have versioning enabled', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. bucket without VersioningConfiguration',
      one('AWS::S3::Bucket', {}),
      /VersioningConfiguration\.Status is not set \(CloudFormation default: never versioned\)/,
    ],
    [
      '2. versioning suspended',
      one('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Suspended' } }),
      /VersioningConfiguration\.Status is "Suspended"; it must be `Enabled`/,
    ],
    [
      '3. lower-case value',
      one('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'enabled' } }),
      /"enabled"; it must be `Enabled`/,
    ],
    ['4. VersioningConfiguration without Status', one('AWS::S3::Bucket', { VersioningConfiguration: {} }), /not set/],
    ['5. AWS::NoValue', one('AWS::S3::Bucket', { VersioningConfiguration: { Ref: 'AWS::NoValue' } }), /not set/],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 's3-versioning',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/VersioningConfiguration/Status',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/Status: Enabled/);
    expect(findings[0].unresolved).toBeUndefined();
  });

  test.each([
    [
      'a parameter',
      {
        Parameters: { V: { Type: 'String', Default: 'Enabled' } },
        Resources: {
          Res: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: { Ref: 'V' } } } },
        },
      },
      /cannot be proven `Enabled`: it is parameter "V", chosen at deploy time/,
    ],
    [
      'an undecidable condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              VersioningConfiguration: { 'Fn::If': ['Prod', { Status: 'Enabled' }, { Status: 'Suspended' }] },
            },
          },
        },
      },
      /depends on condition "Prod"/,
    ],
  ] as [string, TemplateCase, RegExp][])('%s is an unresolved finding', (_name, template, message) => {
    const [f] = findingsOf(rule, template);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(message);
  });

  const valid: [string, TemplateCase][] = [
    ['versioning enabled', one('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } })],
    [
      'enabled on both branches of a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: { VersioningConfiguration: { 'Fn::If': ['C', { Status: 'Enabled' }, { Status: 'Enabled' }] } },
          },
        },
      },
    ],
    ['not a bucket', one('AWS::S3::BucketPolicy', {})],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the CDK fix names the L2 prop', () => {
    const [f] = findingsOf(rule, one('AWS::S3::Bucket'), {}, { idiom: 'cdk' });
    expect(f.fix).toMatch(/versioned: true/);
  });
});
