import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './kms-key-deletion-window';

describe('kms-key-deletion-window: KMS keys have the 30-day deletion waiting period', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. the minimum window',
      one('AWS::KMS::Key', { PendingWindowInDays: 7 }),
      /^PendingWindowInDays is 7; it must be 30\.$/,
    ],
    [
      '2. a window as a string',
      one('AWS::KMS::Key', { PendingWindowInDays: '10' }),
      /PendingWindowInDays is "10"; it must be 30/,
    ],
    [
      '3. a replica key with a short window',
      one('AWS::KMS::ReplicaKey', {
        PrimaryKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/mrk-1',
        KeyPolicy: {},
        PendingWindowInDays: 29,
      }),
      /PendingWindowInDays is 29/,
    ],
    ['4. not a number', one('AWS::KMS::Key', { PendingWindowInDays: 'thirty' }), /"thirty"; it must be 30/],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'kms-key-deletion-window',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/PendingWindowInDays',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/PendingWindowInDays/);
  });

  test('a window from a parameter is an unresolved finding', () => {
    const [f] = findingsOf(rule, {
      Parameters: { W: { Type: 'Number', Default: 30 } },
      Resources: one('AWS::KMS::Key', { PendingWindowInDays: { Ref: 'W' } }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/PendingWindowInDays is \{"Ref":"W"\} and cannot be proven 30: it is parameter "W"/);
  });

  test('the CDK fix names the L2 prop, or the L1 for a replica key', () => {
    expect(findingsOf(rule, one('AWS::KMS::Key', { PendingWindowInDays: 7 }), {}, { idiom: 'cdk' })[0].fix).toMatch(
      /pendingWindow: Duration\.days\(30\)/,
    );
    expect(
      findingsOf(rule, one('AWS::KMS::ReplicaKey', { PendingWindowInDays: 7 }), {}, { idiom: 'cdk' })[0].fix,
    ).toMatch(/CfnReplicaKey/);
  });

  const valid: [string, TemplateCase][] = [
    ['no window (KMS default: 30)', one('AWS::KMS::Key', {})],
    ['30 days', one('AWS::KMS::Key', { PendingWindowInDays: 30 })],
    ['"30"', one('AWS::KMS::ReplicaKey', { PendingWindowInDays: '30' })],
    [
      'a key with DeletionPolicy Delete (judged by general-deletion-policy, not here)',
      one('AWS::KMS::Key', {}, { DeletionPolicy: 'Delete' }),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
