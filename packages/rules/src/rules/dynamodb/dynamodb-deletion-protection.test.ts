import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './dynamodb-deletion-protection';

const global = (replicas: unknown, extra: Partial<TemplateCase> = {}): TemplateCase => ({
  ...extra,
  Resources: { Res: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: replicas } } },
});

describe('dynamodb-deletion-protection: DynamoDB tables have deletion protection on, on every replica', () => {
  const invalid: [string, TemplateCase, RegExp, string][] = [
    [
      '1. table without the property',
      one('AWS::DynamoDB::Table'),
      /^DeletionProtectionEnabled is not set \(CloudFormation default: false\)\.$/,
      'Properties/DeletionProtectionEnabled',
    ],
    [
      '2. table with false',
      one('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false }),
      /^DeletionProtectionEnabled is false; it must be true\.$/,
      'Properties/DeletionProtectionEnabled',
    ],
    [
      '3. table with a parameter',
      {
        Parameters: { P: { Type: 'String' } },
        Resources: { Res: { Type: 'AWS::DynamoDB::Table', Properties: { DeletionProtectionEnabled: { Ref: 'P' } } } },
      },
      /cannot be proven true: it is parameter "P"/,
      'Properties/DeletionProtectionEnabled',
    ],
    [
      '4. global table whose only replica is unprotected',
      global([{ Region: 'us-east-1' }]),
      /^replica us-east-1: DeletionProtectionEnabled is not set \(CloudFormation default: false\)\.$/,
      'Properties/Replicas/0/DeletionProtectionEnabled',
    ],
    [
      '5. global table with a replica set to "false"',
      global([{ Region: 'eu-west-1', DeletionProtectionEnabled: 'false' }]),
      /^replica eu-west-1: DeletionProtectionEnabled is "false"; it must be true\.$/,
      'Properties/Replicas/0/DeletionProtectionEnabled',
    ],
    [
      '6. a replica under a condition',
      global([{ Region: 'us-east-1', DeletionProtectionEnabled: { 'Fn::If': ['IsProd', true, false] } }], {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      }),
      /^replica us-east-1: .*depends on condition "IsProd"/,
      'Properties/Replicas/0/DeletionProtectionEnabled',
    ],
    [
      '7. a Replicas list that cannot be read',
      global(
        {
          'Fn::If': [
            'Multi',
            [
              { Region: 'us-east-1', DeletionProtectionEnabled: true },
              { Region: 'eu-west-1', DeletionProtectionEnabled: true },
            ],
            [{ Region: 'us-east-1' }],
          ],
        },
        { Parameters: { Env: { Type: 'String' } }, Conditions: { Multi: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } } },
      ),
      /^Replicas is \{"Fn::If".*and no replica can be proven to have DeletionProtectionEnabled true: it depends on condition "Multi"/,
      'Properties/Replicas',
    ],
    [
      '8. a SAM simple table',
      one('AWS::Serverless::SimpleTable', { PrimaryKey: { Name: 'id', Type: 'String' } }),
      /^AWS::Serverless::SimpleTable has no DeletionProtectionEnabled property, so the table cannot be protected\.$/,
      '',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, location) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'dynamodb-deletion-protection',
      severity: 'error',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].location ?? '').toBe(location);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionProtectionEnabled: true/);
  });

  test('one finding per unprotected replica, named by region', () => {
    const findings = findingsOf(
      rule,
      global([
        { Region: 'us-east-1', DeletionProtectionEnabled: true },
        { Region: 'us-west-2' },
        { Region: 'eu-west-1', DeletionProtectionEnabled: false },
      ]),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'replica us-west-2: DeletionProtectionEnabled is not set (CloudFormation default: false).',
      'replica eu-west-1: DeletionProtectionEnabled is false; it must be true.',
    ]);
    expect(findings.map((f) => f.location)).toEqual([
      'Properties/Replicas/1/DeletionProtectionEnabled',
      'Properties/Replicas/2/DeletionProtectionEnabled',
    ]);
  });

  test('a replica whose region cannot be read is named by position', () => {
    const [f] = findingsOf(rule, global([{ Region: { Ref: 'AWS::Region' } }]), { region: undefined });
    expect(f.message).toBe('replica [0]: DeletionProtectionEnabled is not set (CloudFormation default: false).');
  });

  test('the CDK fix for a global table names TableV2', () => {
    const [f] = findingsOf(rule, global([{ Region: 'us-east-1' }]), {}, { idiom: 'cdk' });
    expect(f.fix).toMatch(/`deletionProtection: true` to the `TableV2`/);
  });

  const valid: [string, TemplateCase][] = [
    ['table with true', one('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true })],
    ['table with "true"', one('AWS::DynamoDB::Table', { DeletionProtectionEnabled: 'true' })],
    [
      'global table with every replica protected',
      global([
        { Region: 'us-east-1', DeletionProtectionEnabled: true },
        { Region: 'eu-west-1', DeletionProtectionEnabled: 'true' },
      ]),
    ],
    [
      'replica entries that hold unresolvable values elsewhere',
      global([
        { Region: 'us-east-1', DeletionProtectionEnabled: true, SSESpecification: { KMSMasterKeyId: { Ref: 'Key' } } },
      ]),
    ],
    [
      'a Replicas list under a condition decidable from literals',
      global(
        { 'Fn::If': ['Always', [{ Region: 'us-east-1', DeletionProtectionEnabled: true }], []] },
        { Conditions: { Always: { 'Fn::Equals': ['a', 'a'] } } },
      ),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
