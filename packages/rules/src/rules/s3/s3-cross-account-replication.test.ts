import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './s3-cross-account-replication';

const bucket = (rules: unknown[] | undefined) =>
  one('AWS::S3::Bucket', {
    VersioningConfiguration: { Status: 'Enabled' },
    ...(rules ? { ReplicationConfiguration: { Role: 'arn:aws:iam::111111111111:role/r', Rules: rules } } : {}),
  });
const to = (account: unknown, extra: Record<string, unknown> = {}) => ({
  Status: 'Enabled',
  Destination: { Bucket: 'arn:aws:s3:::copy', ...(account === undefined ? {} : { Account: account }) },
  ...extra,
});

describe('s3-cross-account-replication: S3 buckets replicate to a bucket in another account', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. no ReplicationConfiguration',
      bucket(undefined),
      /ReplicationConfiguration is not set \(CloudFormation default: no replication\)/,
    ],
    [
      '2. no rules',
      bucket([]),
      /ReplicationConfiguration has no rules, so no copy of the objects exists outside this account/,
    ],
    [
      '3. destination in the same account',
      bucket([to('111111111111')]),
      /rule 1 replicates to account 111111111111, the bucket's own account/,
    ],
    ['4. destination account not set', bucket([to(undefined)]), /rule 1 does not set Destination\.Account/],
    ['5. rule disabled', bucket([{ ...to('222222222222'), Status: 'Disabled' }]), /rule 1 has Status "Disabled"/],
    ['6. not an account id', bucket([to('backup')]), /Destination\.Account "backup", which is not an account id/],
    [
      '7. prefix filter replicates part of the bucket',
      bucket([to('222222222222', { Filter: { Prefix: 'logs/' } })]),
      /rule 1 replicates only the objects matching Filter \{"Prefix":"logs\/"\}/,
    ],
    [
      '8. legacy Prefix',
      bucket([to('222222222222', { Id: 'Logs', Prefix: 'logs/' })]),
      /rule "Logs" replicates only the objects matching Prefix "logs\/"/,
    ],
    [
      '9. tag filter',
      bucket([to('222222222222', { Filter: { TagFilter: { Key: 'k', Value: 'v' } } })]),
      /replicates only the objects matching Filter/,
    ],
  ];
  test.each(invalid)('%s is a warning', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 's3-cross-account-replication',
      severity: 'warning',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].unresolved).toBeUndefined();
    expect(findings[0].fix).toMatch(/Account/);
  });

  test('an environment-agnostic stack never proves the destination is another account', () => {
    const [f] = findingsOf(rule, bucket([to('222222222222')]), { account: undefined });
    expect(f.message).toMatch(/replicates to account 222222222222, but the bucket's own account is not known/);
  });

  const unresolved: [string, TemplateCase, RegExp][] = [
    [
      'a parameter account',
      { Parameters: { Acct: { Type: 'String' } }, Resources: bucket([to({ Ref: 'Acct' })]).Resources },
      /Destination\.Account \{"Ref":"Acct"\}, which cannot be proven another account: it is parameter "Acct"/,
    ],
    [
      'a conditional status',
      {
        Parameters: { E: { Type: 'String' } },
        Conditions: { P: { 'Fn::Equals': [{ Ref: 'E' }, 'p'] } },
        Resources: bucket([{ ...to('222222222222'), Status: { 'Fn::If': ['P', 'Enabled', 'Disabled'] } }]).Resources,
      },
      /depends on condition "P"/,
    ],
    [
      'rules from a parameter',
      {
        Parameters: { R: { Type: 'String' } },
        Resources: one('AWS::S3::Bucket', { ReplicationConfiguration: { Role: 'r', Rules: { Ref: 'R' } } }).Resources,
      },
      /ReplicationConfiguration\.Rules is \{"Ref":"R"\} and cannot be proven/,
    ],
  ];
  test.each(unresolved)('%s is an unresolved warning', (_name, template, message) => {
    const [f] = findingsOf(rule, template);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(message);
  });

  const valid: [string, TemplateCase][] = [
    ['a rule to another account', bucket([to('222222222222')])],
    ['an account id as a number', bucket([to(222222222222)])],
    ['an empty prefix filter (what CDK writes)', bucket([to('222222222222', { Filter: { Prefix: '' } })])],
    ['one good rule among others', bucket([to('111111111111'), to('222222222222', { Filter: {} })])],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
