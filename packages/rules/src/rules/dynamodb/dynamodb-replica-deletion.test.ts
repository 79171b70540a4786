import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './dynamodb-replica-deletion';

const replica = (props: Record<string, unknown>): TemplateCase =>
  one('Custom::DynamoDBReplica', {
    ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:p',
    TableName: 't',
    Region: 'us-east-1',
    ...props,
  });

describe('dynamodb-replica-deletion: DynamoDB replica tables are not deleted with the stack', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. a replica without SkipReplicaDeletion (CDK without the retainTableReplica flag)',
      replica({}),
      /^SkipReplicaDeletion is not set: the replica's Delete event deletes the replica table in us-east-1 and its data\.$/,
    ],
    ['2. false', replica({ SkipReplicaDeletion: false }), /^SkipReplicaDeletion is false; it must be true\.$/],
    [
      '3. the string "false"',
      replica({ SkipReplicaDeletion: 'false' }),
      /^SkipReplicaDeletion is "false"; it must be true\.$/,
    ],
    [
      '4. a parameter',
      {
        Parameters: { Keep: { Type: 'String', AllowedValues: ['true', 'false'] } },
        Resources: replica({ SkipReplicaDeletion: { Ref: 'Keep' } }).Resources,
      },
      /^SkipReplicaDeletion is \{"Ref":"Keep"\} and cannot be proven true: it is parameter "Keep", chosen at deploy time\.$/,
    ],
    [
      '5. a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: replica({ SkipReplicaDeletion: { 'Fn::If': ['IsProd', true, false] } }).Resources,
      },
      /depends on condition "IsProd"/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'dynamodb-replica-deletion',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/SkipReplicaDeletion',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/SkipReplicaDeletion: true/);
  });

  const valid: [string, TemplateCase][] = [
    ['SkipReplicaDeletion true', replica({ SkipReplicaDeletion: true })],
    ['the string "true" (as CDK renders a token)', replica({ SkipReplicaDeletion: 'true' })],
    ['a DynamoDB table (judged by the table rules)', one('AWS::DynamoDB::Table', { KeySchema: [] })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
