import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './s3-lifecycle-expiration';

const bucket = (rules: unknown, extra: Record<string, unknown> = {}): TemplateCase =>
  one('AWS::S3::Bucket', { ...extra, LifecycleConfiguration: { Rules: rules } });

describe('s3-lifecycle-expiration: S3 lifecycle rules keep the objects of unversioned buckets for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, string, string][] = [
    [
      '1. every object of an unversioned bucket expires after a day',
      bucket([{ Status: 'Enabled', ExpirationInDays: 1 }]),
      'The lifecycle rule 1 deletes every object 1 day after creation (ExpirationInDays: 1) and the bucket is not versioned, so they are gone for good after 1 day; the minimum retention is 7 days.',
      'Properties/LifecycleConfiguration/Rules/0/ExpirationInDays',
    ],
    [
      '2. a prefix on a bucket whose versioning is suspended',
      bucket([{ Id: 'tmp', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 3 }], {
        VersioningConfiguration: { Status: 'Suspended' },
      }),
      'The lifecycle rule `tmp` deletes objects under `tmp/` 3 days after creation (ExpirationInDays: 3) and the bucket\'s VersioningConfiguration.Status is "Suspended", not `Enabled`, so they are gone for good after 3 days; the minimum retention is 7 days.',
      'Properties/LifecycleConfiguration/Rules/0/ExpirationInDays',
    ],
    [
      '3. an expiration date',
      bucket([{ Id: 'sunset', Status: 'Enabled', ExpirationDate: '2027-01-01T00:00:00.000Z' }]),
      'The lifecycle rule `sunset` deletes every object on a date (ExpirationDate: "2027-01-01T00:00:00.000Z"), and from then on every matching object as soon as S3 processes it, however new, and the bucket is not versioned, so objects are gone for good in less than the minimum retention of 7 days.',
      'Properties/LifecycleConfiguration/Rules/0/ExpirationDate',
    ],
  ];
  test.each(invalid)('%s is a warning', (_name, template, message, location) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 's3-lifecycle-expiration',
      severity: 'warning',
      resource: { logicalId: 'Res' },
      location,
      message,
    });
    expect(findings[0].unresolved).toBeUndefined();
    expect(findings[0].fix).toMatch(/ExpirationInDays: 7/);
  });

  test('a bucket tagged as data, or in a stack tagged as data, makes it an error', () => {
    const tagged = bucket([{ Status: 'Enabled', ExpirationInDays: 2 }], {
      Tags: [{ Key: 'deadbolt:data', Value: 'true' }],
    });
    expect(findingsOf(rule, tagged).map((f) => f.severity)).toEqual(['error']);
    const inStack = bucket([{ Status: 'Enabled', ExpirationInDays: 2 }]);
    expect(findingsOf(rule, inStack, { tags: { 'deadbolt:data': 'true' } }).map((f) => f.severity)).toEqual(['error']);
    // A tag whose key cannot be read may be the data tag: fail closed.
    const unknownTag = bucket([{ Status: 'Enabled', ExpirationInDays: 2 }], {
      Tags: [{ Key: { Ref: 'TagKey' }, Value: 'true' }],
    });
    expect(
      findingsOf(rule, { ...unknownTag, Parameters: { TagKey: { Type: 'String' } } }).map((f) => f.severity),
    ).toEqual(['error']);
  });

  test('a directory bucket (no versioning) is judged, with a fix that only lengthens the expiration', () => {
    const [f, ...rest] = findingsOf(
      rule,
      one('AWS::S3Express::DirectoryBucket', {
        DataRedundancy: 'SingleAvailabilityZone',
        LocationName: 'use1-az4',
        LifecycleConfiguration: { Rules: [{ Id: 'tmp', Status: 'Enabled', ExpirationInDays: 1 }] },
      }),
    );
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      'The lifecycle rule `tmp` deletes every object 1 day after creation (ExpirationInDays: 1) and directory buckets have no versioning, so they are gone for good after 1 day; the minimum retention is 7 days.',
    );
    expect(f.fix).toBe(
      "Set `ExpirationInDays: 7` (or more) on the directory bucket's lifecycle rule. If the objects are disposable, acknowledge the finding with that reason.",
    );
  });

  const unresolved: [string, TemplateCase, RegExp][] = [
    [
      'a period chosen at deploy time',
      {
        Parameters: { Days: { Type: 'Number', Default: 30 } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: { Ref: 'Days' } }] },
            },
          },
        },
      },
      /^The lifecycle rule 1 deletes every object after ExpirationInDays days, which is \{"Ref":"Days"\} and cannot be proven at least 7 days \(it is parameter "Days"/,
    ],
    [
      'versioning chosen at deploy time',
      {
        Parameters: { V: { Type: 'String', Default: 'Enabled' } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              VersioningConfiguration: { Status: { Ref: 'V' } },
              LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 1 }] },
            },
          },
        },
      },
      /and the bucket's versioning is \{"Ref":"V"\} and cannot be proven `Enabled` \(it is parameter "V"/,
    ],
  ];
  test.each(unresolved)('%s is an unresolved finding', (_name, template, message) => {
    const [f, ...rest] = findingsOf(rule, template);
    expect(rest).toEqual([]);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(message);
  });

  const valid: [string, TemplateCase][] = [
    ['a log bucket that keeps objects 30 days', bucket([{ Status: 'Enabled', Prefix: 'logs/', ExpirationInDays: 30 }])],
    ['exactly the minimum', bucket([{ Status: 'Enabled', ExpirationInDays: 7 }])],
    [
      'a versioned bucket (the expired object stays as a noncurrent version)',
      bucket([{ Status: 'Enabled', ExpirationInDays: 1 }], { VersioningConfiguration: { Status: 'Enabled' } }),
    ],
    ['a disabled rule', bucket([{ Status: 'Disabled', ExpirationInDays: 1 }])],
    [
      'cleanup that deletes no data',
      bucket([
        {
          Status: 'Enabled',
          ExpiredObjectDeleteMarker: true,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        },
      ]),
    ],
    ['no lifecycle', one('AWS::S3::Bucket', {})],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options', () => {
    const template = bucket([{ Status: 'Enabled', ExpirationInDays: 3 }]);
    expect(findingsOf(rule, template, {}, { minimumBackupRetentionDays: 3 })).toEqual([]);
    expect(findingsOf(rule, template, {}, { minimumBackupRetentionDays: 14 })[0].message).toMatch(
      /gone for good after 3 days; the minimum retention is 14 days\.$/,
    );
  });

  describe('on the synthesized template of a CDK app', () => {
    const synth = (props: s3.BucketProps, data = false) => {
      const app = new App();
      const stack = new Stack(app, 'Test');
      const b = new s3.Bucket(stack, 'Logs', props);
      if (data) Tags.of(b).add('deadbolt:data', 'true');
      return app.synth().getStackByName('Test').template as TemplateCase;
    };
    test('a log bucket expiring objects after 30 days passes: it must not fail a build', () => {
      expect(findingsOf(rule, synth({ lifecycleRules: [{ expiration: Duration.days(30) }] }))).toEqual([]);
    });
    test('a one-day expiration is a warning, an error only on a bucket tagged as data', () => {
      const props = { lifecycleRules: [{ prefix: 'tmp/', expiration: Duration.days(1) }] };
      expect(findingsOf(rule, synth(props)).map((f) => [f.severity, f.message])).toEqual([
        [
          'warning',
          'The lifecycle rule 1 deletes objects under `tmp/` 1 day after creation (ExpirationInDays: 1) and the bucket is not versioned, so they are gone for good after 1 day; the minimum retention is 7 days.',
        ],
      ]);
      expect(findingsOf(rule, synth(props, true)).map((f) => f.severity)).toEqual(['error']);
    });
  });

  describe('Terraform', () => {
    const model = (extra: { versioned?: boolean; days: number }) =>
      providerModelOf([
        { id: 'aws_s3_bucket.tmp', name: 'aws_s3_bucket.tmp', type: 'aws_s3_bucket', inputs: { bucket: 'tmp' } },
        ...(extra.versioned
          ? [
              {
                id: 'aws_s3_bucket_versioning.tmp',
                name: 'aws_s3_bucket_versioning.tmp',
                type: 'aws_s3_bucket_versioning',
                inputs: { bucket: 'tmp', versioning_configuration: [{ status: 'Enabled' }] },
              },
            ]
          : []),
        {
          id: 'aws_s3_bucket_lifecycle_configuration.tmp',
          name: 'aws_s3_bucket_lifecycle_configuration.tmp',
          type: 'aws_s3_bucket_lifecycle_configuration',
          inputs: {
            bucket: 'tmp',
            rule: [
              {
                id: 'expire',
                status: 'Enabled',
                filter: [{ tag: [{ key: 'tier', value: 'scratch' }] }],
                expiration: [{ days: extra.days, date: null, expired_object_delete_marker: false }],
              },
            ],
          },
        },
      ]);
    test('an expiration on an unversioned bucket is a warning with the Terraform fix', () => {
      const [f, ...rest] = evaluate(model({ days: 2 }), { rules: [rule], idiom: 'terraform' }).findings;
      expect(rest).toEqual([]);
      expect(f.severity).toBe('warning');
      expect(f.message).toBe(
        'The lifecycle rule `expire` deletes objects tagged `tier=scratch` 2 days after creation (aws_s3_bucket_lifecycle_configuration.tmp.rule[0].expiration.days: 2) and the bucket is not versioned, so they are gone for good after 2 days; the minimum retention is 7 days.',
      );
      expect(f.fix).toMatch(/^Set `expiration \{ days = 7 \}`/);
    });
    test('a versioned bucket, or a long enough period, passes', () => {
      expect(evaluate(model({ versioned: true, days: 2 }), { rules: [rule] }).findings).toEqual([]);
      expect(evaluate(model({ days: 90 }), { rules: [rule] }).findings).toEqual([]);
    });
  });
});
