import { findingsOf, type TemplateCase } from '../testing/harness';
import rule from './s3-no-auto-delete-objects';

const withBucket = (type: string, props: Record<string, unknown>): TemplateCase => ({
  Resources: {
    Data: { Type: 'AWS::S3::Bucket', Properties: {}, Metadata: { 'aws:cdk:path': 'App/Data/Resource' } },
    Res: { Type: type, Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:f', ...props } },
  },
});

describe('s3-no-auto-delete-objects: S3 objects are not deleted by custom resources when the stack changes', () => {
  const invalid: [string, TemplateCase, RegExp, string][] = [
    [
      '1. auto-delete of a bucket in the template',
      withBucket('Custom::S3AutoDeleteObjects', { BucketName: { Ref: 'Data' } }),
      /Custom::S3AutoDeleteObjects deletes every object in bucket Data \(App\/Data\/Resource\) when the stack is deleted or the bucket is removed or replaced/,
      'Properties/BucketName',
    ],
    [
      '2. auto-delete of a bucket by literal name',
      withBucket('Custom::S3AutoDeleteObjects', { BucketName: 'my-bucket' }),
      /every object in bucket "my-bucket"/,
      'Properties/BucketName',
    ],
    [
      '3. auto-delete of a bucket from a parameter',
      {
        Parameters: { B: { Type: 'String' } },
        Resources: withBucket('Custom::S3AutoDeleteObjects', { BucketName: { Ref: 'B' } }).Resources,
      },
      /every object in the bucket \{"Ref":"B"\}/,
      'Properties/BucketName',
    ],
    [
      '4. deployment with RetainOnDelete false',
      withBucket('Custom::CDKBucketDeployment', { DestinationBucketName: { Ref: 'Data' }, RetainOnDelete: false }),
      /RetainOnDelete is false: deleting the deployment, or changing its destination, deletes every object in bucket Data \(App\/Data\/Resource\) \(no DestinationBucketKeyPrefix: the whole bucket\)/,
      'Properties/RetainOnDelete',
    ],
    [
      '5. "false" as a string',
      withBucket('Custom::CDKBucketDeployment', { DestinationBucketName: 'site', RetainOnDelete: 'false' }),
      /RetainOnDelete is "false"/,
      'Properties/RetainOnDelete',
    ],
    [
      '6. "True" is not "true" to the handler',
      withBucket('Custom::CDKBucketDeployment', { DestinationBucketName: 'site', RetainOnDelete: 'True' }),
      /RetainOnDelete is "True"/,
      'Properties/RetainOnDelete',
    ],
    [
      '7. a key prefix limits what is deleted',
      withBucket('Custom::CDKBucketDeployment', {
        DestinationBucketName: { Ref: 'Data' },
        DestinationBucketKeyPrefix: 'web/',
        RetainOnDelete: false,
      }),
      /every object under prefix "web\/" of bucket Data/,
      'Properties/RetainOnDelete',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, location) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 's3-no-auto-delete-objects',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location,
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].unresolved).toBeUndefined();
  });

  test('a RetainOnDelete from a parameter is an unresolved finding', () => {
    const [f] = findingsOf(rule, {
      Parameters: { R: { Type: 'String', Default: 'true' } },
      Resources: withBucket('Custom::CDKBucketDeployment', {
        DestinationBucketName: 'site',
        RetainOnDelete: { Ref: 'R' },
      }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/RetainOnDelete is \{"Ref":"R"\} and cannot be proven true: it is parameter "R"/);
  });

  test('the CDK fix names the L2 props', () => {
    const [auto] = findingsOf(
      rule,
      withBucket('Custom::S3AutoDeleteObjects', { BucketName: { Ref: 'Data' } }),
      {},
      { idiom: 'cdk' },
    );
    expect(auto.fix).toMatch(/Remove `autoDeleteObjects: true`/);
    const [dep] = findingsOf(
      rule,
      withBucket('Custom::CDKBucketDeployment', { DestinationBucketName: 'x', RetainOnDelete: false }),
      {},
      { idiom: 'cdk' },
    );
    expect(dep.fix).toMatch(/retainOnDelete: false/);
  });

  const valid: [string, TemplateCase][] = [
    [
      'a deployment with RetainOnDelete unset (CDK default)',
      withBucket('Custom::CDKBucketDeployment', { DestinationBucketName: { Ref: 'Data' } }),
    ],
    [
      'a deployment with RetainOnDelete true',
      withBucket('Custom::CDKBucketDeployment', { DestinationBucketName: { Ref: 'Data' }, RetainOnDelete: true }),
    ],
    [
      'a deployment with RetainOnDelete "true"',
      withBucket('Custom::CDKBucketDeployment', { DestinationBucketName: { Ref: 'Data' }, RetainOnDelete: 'true' }),
    ],
    ['an unrelated custom resource', withBucket('Custom::S3BucketNotifications', { BucketName: { Ref: 'Data' } })],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
