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

describe('general-update-replace-policy: Snapshot on a type CloudFormation cannot snapshot', () => {
  test('a DynamoDB table with Snapshot is deleted on replacement, and the message names the types that can snapshot', () => {
    const findings = findingsOf(rule, one('AWS::DynamoDB::Table', {}, { UpdateReplacePolicy: 'Snapshot' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'general-update-replace-policy', location: 'UpdateReplacePolicy' });
    expect(findings[0].message).toMatch(
      /^UpdateReplacePolicy is Snapshot, but CloudFormation cannot snapshot AWS::DynamoDB::Table \(only .*AWS::EC2::Volume.* support it\), so it deletes the resource and its data as if the policy were Delete\.$/,
    );
  });

  test.each([
    ['an RDS instance', one('AWS::RDS::DBInstance', {}, { UpdateReplacePolicy: 'Snapshot' })],
    ['an EBS volume', one('AWS::EC2::Volume', { Size: 100 }, { UpdateReplacePolicy: 'Snapshot' })],
  ])('Snapshot on %s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});

describe('general-update-replace-policy: cluster members are judged through their cluster', () => {
  test('an Aurora instance naming its cluster by Ref has no finding; the cluster has one', () => {
    const findings = findingsOf(rule, {
      Resources: {
        Cluster: { Type: 'AWS::RDS::DBCluster', Properties: {} },
        Member: {
          Type: 'AWS::RDS::DBInstance',
          Properties: { DBClusterIdentifier: { Ref: 'Cluster' } },
          UpdateReplacePolicy: 'Delete',
        },
      },
    });
    expect(findings.map((f) => f.resource.logicalId)).toEqual(['Cluster']);
  });

  test.each([['AWS::DocDB::DBInstance'], ['AWS::Neptune::DBInstance']])('a %s has no finding', (type) => {
    expect(findingsOf(rule, one(type, { DBClusterIdentifier: { Ref: 'Cluster' } }))).toEqual([]);
  });

  test('an RDS instance whose cluster is chosen by a condition is judged', () => {
    const findings = findingsOf(rule, {
      Parameters: { Mode: { Type: 'String' } },
      Conditions: { InCluster: { 'Fn::Equals': [{ Ref: 'Mode' }, 'cluster'] } },
      Resources: {
        Cluster: { Type: 'AWS::RDS::DBCluster', Properties: {}, UpdateReplacePolicy: 'Retain' },
        Res: {
          Type: 'AWS::RDS::DBInstance',
          Properties: { DBClusterIdentifier: { 'Fn::If': ['InCluster', { Ref: 'Cluster' }, { Ref: 'AWS::NoValue' }] } },
        },
      },
    });
    expect(findings.map((f) => [f.resource.logicalId, f.message])).toEqual([
      ['Res', 'UpdateReplacePolicy is not set (CloudFormation default: Delete).'],
    ]);
  });
});
