import { findingsOf, one } from '../testing/harness';
import rule from './general-update-replace-policy';

describe('general-update-replace-policy: Stateful resources are retained when an update replaces them', () => {
  const invalid: [string, ReturnType<typeof one>, RegExp][] = [
    [
      '1. a table without UpdateReplacePolicy',
      one('AWS::DynamoDB::Table', {}, { DeletionPolicy: 'Retain' }),
      /^UpdateReplacePolicy is not set \(CloudFormation default: Delete\)\.$/,
    ],
    [
      '2. a standalone RDS instance: Snapshot on delete, but Delete on replace',
      one('AWS::RDS::DBInstance'),
      /not set \(CloudFormation default: Delete\)/,
    ],
    [
      '3. an explicit Delete',
      one('AWS::EFS::FileSystem', {}, { UpdateReplacePolicy: 'Delete' }),
      /^UpdateReplacePolicy is Delete\.$/,
    ],
    [
      '4. a parameter',
      {
        Parameters: { P: { Type: 'String', Default: 'Retain' } },
        Resources: { Res: { Type: 'AWS::S3::Bucket', UpdateReplacePolicy: { Ref: 'P' } } },
      },
      /cannot be proven to retain the resource: it is parameter "P"/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'general-update-replace-policy',
      severity: 'error',
      location: 'UpdateReplacePolicy',
    });
    expect(findings[0].message).toMatch(message);
  });

  test.each([
    ['Retain', one('AWS::DynamoDB::Table', {}, { UpdateReplacePolicy: 'Retain' })],
    ['Snapshot', one('AWS::RDS::DBInstance', {}, { UpdateReplacePolicy: 'Snapshot' })],
    ['a stateless type', one('AWS::IAM::Role')],
  ])('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('a transient type is a warning', () => {
    expect(findingsOf(rule, one('AWS::SecretsManager::Secret'))[0].severity).toBe('warning');
  });
});
