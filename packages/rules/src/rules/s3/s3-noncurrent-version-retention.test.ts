import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { blockedOf, gateOf, terraformPlan, tfChange } from '../../gate/testing';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './s3-noncurrent-version-retention';

const VERSIONED = { VersioningConfiguration: { Status: 'Enabled' } };
const bucket = (rules: unknown, extra: Record<string, unknown> = VERSIONED): TemplateCase =>
  one('AWS::S3::Bucket', { ...extra, LifecycleConfiguration: { Rules: rules } });

describe('s3-noncurrent-version-retention: S3 lifecycle rules keep noncurrent versions for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, string, string][] = [
    [
      '1. a prefix rule that keeps noncurrent versions a day',
      bucket([{ Id: 'logs', Status: 'Enabled', Prefix: 'logs/', NoncurrentVersionExpiration: { NoncurrentDays: 1 } }]),
      'The lifecycle rule `logs` deletes noncurrent versions of objects under `logs/` 1 day after they become noncurrent (NoncurrentVersionExpiration.NoncurrentDays: 1), so an overwrite or delete is unrecoverable after 1 day; noncurrent versions must be kept at least 7 days.',
      'Properties/LifecycleConfiguration/Rules/0/NoncurrentVersionExpiration/NoncurrentDays',
    ],
    [
      '2. the legacy property, no Id, the whole bucket',
      bucket([{ Status: 'Enabled', NoncurrentVersionExpirationInDays: '3' }]),
      'The lifecycle rule 1 deletes noncurrent versions of every object 3 days after they become noncurrent (NoncurrentVersionExpirationInDays: "3"), so an overwrite or delete is unrecoverable after 3 days; noncurrent versions must be kept at least 7 days.',
      'Properties/LifecycleConfiguration/Rules/0/NoncurrentVersionExpirationInDays',
    ],
    [
      '3. a tag filter, and NewerNoncurrentVersions (repeated overwrites push the good version out)',
      bucket([
        {
          Id: 'scratch',
          Status: 'Enabled',
          TagFilters: [{ Key: 'tier', Value: 'tmp' }],
          NoncurrentVersionExpiration: { NoncurrentDays: 2, NewerNoncurrentVersions: 3 },
        },
      ]),
      'The lifecycle rule `scratch` deletes noncurrent versions of objects tagged `tier=tmp` 2 days after they become noncurrent (NoncurrentVersionExpiration.NoncurrentDays: 2), so an overwrite or delete is unrecoverable after 2 days; noncurrent versions must be kept at least 7 days.',
      'Properties/LifecycleConfiguration/Rules/0/NoncurrentVersionExpiration/NoncurrentDays',
    ],
    [
      '4. the second of two rules (the first keeps them 30 days)',
      bucket([
        { Id: 'all', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
        {
          Id: 'big',
          Status: 'Enabled',
          ObjectSizeGreaterThan: 1048576,
          NoncurrentVersionExpiration: { NoncurrentDays: 6 },
        },
      ]),
      'The lifecycle rule `big` deletes noncurrent versions of objects larger than 1048576 bytes 6 days after they become noncurrent (NoncurrentVersionExpiration.NoncurrentDays: 6), so an overwrite or delete is unrecoverable after 6 days; noncurrent versions must be kept at least 7 days.',
      'Properties/LifecycleConfiguration/Rules/1/NoncurrentVersionExpiration/NoncurrentDays',
    ],
    [
      '5. an unversioned bucket (versioning may be turned on later; s3-versioning reports it meanwhile)',
      bucket([{ Id: 'x', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 1 } }], {}),
      'The lifecycle rule `x` deletes noncurrent versions of every object 1 day after they become noncurrent (NoncurrentVersionExpiration.NoncurrentDays: 1), so an overwrite or delete is unrecoverable after 1 day; noncurrent versions must be kept at least 7 days.',
      'Properties/LifecycleConfiguration/Rules/0/NoncurrentVersionExpiration/NoncurrentDays',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, location) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 's3-noncurrent-version-retention',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location,
      message,
    });
    expect(findings[0].unresolved).toBeUndefined();
    expect(findings[0].fix).toMatch(/NoncurrentVersionExpiration: \{ NoncurrentDays: 7 \}/);
  });

  const unresolved: [string, TemplateCase, RegExp][] = [
    [
      'a parameter',
      {
        Parameters: { Days: { Type: 'Number', Default: 30 } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              ...VERSIONED,
              LifecycleConfiguration: {
                Rules: [
                  { Id: 'p', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: { Ref: 'Days' } } },
                ],
              },
            },
          },
        },
      },
      /^The lifecycle rule `p` deletes noncurrent versions of every object after NoncurrentVersionExpiration\.NoncurrentDays days, which is \{"Ref":"Days"\} and cannot be proven at least 7 days: it is parameter "Days", chosen at deploy time/,
    ],
    [
      'a rule behind an undecidable condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              ...VERSIONED,
              LifecycleConfiguration: {
                Rules: [
                  {
                    'Fn::If': [
                      'Prod',
                      { Ref: 'AWS::NoValue' },
                      { Id: 'dev', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
      /depends on condition "Prod"/,
    ],
    [
      'a Status chosen at deploy time (judged as on)',
      {
        Parameters: { S: { Type: 'String', Default: 'Disabled' } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              ...VERSIONED,
              LifecycleConfiguration: {
                Rules: [{ Id: 's', Status: { Ref: 'S' }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }],
              },
            },
          },
        },
      },
      /unrecoverable after 1 day \(the rule is judged as on: its Status is \{"Ref":"S"\}: it is parameter "S"/,
    ],
    [
      'a list of rules that cannot be read',
      {
        Parameters: { R: { Type: 'String' } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: { ...VERSIONED, LifecycleConfiguration: { Rules: { Ref: 'R' } } },
          },
        },
      },
      /^The lifecycle rules are \{"Ref":"R"\} and cannot be proven to keep noncurrent versions for 7 days/,
    ],
  ];
  test.each(unresolved)('%s is an unresolved finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0].unresolved).toBe(true);
    expect(findings[0].message).toMatch(message);
  });

  const valid: [string, TemplateCase][] = [
    ['no lifecycle rules', one('AWS::S3::Bucket', VERSIONED)],
    [
      'noncurrent versions kept 7 days',
      bucket([{ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 7 } }]),
    ],
    ['kept 90 days (legacy property)', bucket([{ Status: 'Enabled', NoncurrentVersionExpirationInDays: 90 }])],
    ['a disabled rule', bucket([{ Status: 'Disabled', NoncurrentVersionExpiration: { NoncurrentDays: 1 } }])],
    [
      'rules that delete no data: expired delete markers, incomplete uploads, transitions',
      bucket([
        {
          Status: 'Enabled',
          ExpiredObjectDeleteMarker: true,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 1 }],
          NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER', TransitionInDays: 1 }],
        },
      ]),
    ],
    [
      'a current-object expiration (s3-lifecycle-expiration judges it)',
      bucket([{ Status: 'Enabled', ExpirationInDays: 1 }]),
    ],
    [
      'a rule removed by a condition decided before deployment',
      {
        Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
        Resources: {
          Res: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              ...VERSIONED,
              LifecycleConfiguration: {
                Rules: [
                  {
                    'Fn::If': [
                      'Never',
                      { Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
                      { Ref: 'AWS::NoValue' },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options', () => {
    const template = bucket([{ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 14 } }]);
    expect(findingsOf(rule, template, {}, { minimumBackupRetentionDays: 14 })).toEqual([]);
    const [f] = findingsOf(rule, template, {}, { minimumBackupRetentionDays: 30, idiom: 'cdk' });
    expect(f.message).toMatch(/unrecoverable after 14 days; noncurrent versions must be kept at least 30 days\.$/);
    expect(f.fix).toMatch(/noncurrentVersionExpiration: Duration\.days\(30\)/);
  });

  describe('on the synthesized template of a CDK app', () => {
    const synth = (props: s3.BucketProps) => {
      const app = new App({ builtinCloudFormationValidation: false });
      const stack = new Stack(app, 'Test');
      new s3.Bucket(stack, 'Data', props);
      return app.synth().getStackByName('Test').template as TemplateCase;
    };
    test('noncurrentVersionExpiration of one day is a finding', () => {
      const findings = findingsOf(
        rule,
        synth({ versioned: true, lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(1) }] }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        'The lifecycle rule 1 deletes noncurrent versions of every object 1 day after they become noncurrent (NoncurrentVersionExpiration.NoncurrentDays: 1), so an overwrite or delete is unrecoverable after 1 day; noncurrent versions must be kept at least 7 days.',
      ]);
    });
    test('30 days, or a plain log bucket expiring objects, passes', () => {
      expect(
        findingsOf(
          rule,
          synth({ versioned: true, lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }] }),
        ),
      ).toEqual([]);
      expect(findingsOf(rule, synth({ lifecycleRules: [{ expiration: Duration.days(30) }] }))).toEqual([]);
    });
  });

  describe('Terraform and Pulumi', () => {
    const tfModel = (rules: unknown[]) =>
      providerModelOf([
        { id: 'aws_s3_bucket.data', name: 'aws_s3_bucket.data', type: 'aws_s3_bucket', inputs: { bucket: 'data' } },
        {
          id: 'aws_s3_bucket_versioning.data',
          name: 'aws_s3_bucket_versioning.data',
          type: 'aws_s3_bucket_versioning',
          inputs: { bucket: 'data', versioning_configuration: [{ status: 'Enabled' }] },
        },
        {
          id: 'aws_s3_bucket_lifecycle_configuration.data',
          name: 'aws_s3_bucket_lifecycle_configuration.data',
          type: 'aws_s3_bucket_lifecycle_configuration',
          inputs: { bucket: 'data', rule: rules },
        },
      ]);
    const judge = (model: ReturnType<typeof providerModelOf>, idiom: 'terraform' | 'pulumi') =>
      evaluate(model, { rules: [rule], idiom }).findings;

    test('a lifecycle configuration resource is merged into its bucket and judged', () => {
      const [f, ...rest] = judge(
        tfModel([
          {
            id: 'logs',
            status: 'Enabled',
            filter: [{ prefix: 'logs/', tag: [], and: [] }],
            expiration: [],
            noncurrent_version_expiration: [{ noncurrent_days: 1, newer_noncurrent_versions: null }],
          },
        ]),
        'terraform',
      );
      expect(rest).toEqual([]);
      expect(f.message).toBe(
        'The lifecycle rule `logs` deletes noncurrent versions of objects under `logs/` 1 day after they become noncurrent (aws_s3_bucket_lifecycle_configuration.data.rule[0].noncurrent_version_expiration.noncurrent_days: 1), so an overwrite or delete is unrecoverable after 1 day; noncurrent versions must be kept at least 7 days.',
      );
      expect(f.fix).toMatch(/^Set `noncurrent_version_expiration \{ noncurrent_days = 7 \}`/);
    });

    test('an unset (0) or long enough period, and a disabled rule, pass', () => {
      expect(
        judge(
          tfModel([
            { id: 'a', status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 0 }] },
            { id: 'b', status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 30 }] },
            { id: 'c', status: 'Disabled', noncurrent_version_expiration: [{ noncurrent_days: 1 }] },
            { id: 'd', status: 'Enabled', abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] },
          ]),
          'terraform',
        ),
      ).toEqual([]);
    });

    test('Pulumi: a BucketLifecycleConfiguration tied by an output, and inline lifecycleRules of a v6 Bucket or BucketV2', () => {
      const model = providerModelOf([
        { id: 'urn:b', name: 'data', type: 'aws:s3/bucket:Bucket', inputs: {} },
        {
          id: 'urn:l',
          name: 'data-lifecycle',
          type: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
          inputs: {
            bucket: providerOutput(false, undefined, ['urn:b']),
            rules: [{ id: 'tmp', status: 'Enabled', noncurrentVersionExpiration: { noncurrentDays: 2 } }],
          },
        },
        {
          id: 'urn:legacy',
          name: 'legacy',
          type: 'aws:s3/bucket:Bucket',
          inputs: { lifecycleRules: [{ enabled: true, prefix: 'a/', noncurrentVersionExpiration: { days: 3 } }] },
        },
        {
          id: 'urn:v2',
          name: 'v2',
          type: 'aws:s3/bucketV2:BucketV2',
          inputs: {
            lifecycleRules: [
              { enabled: false, noncurrentVersionExpirations: [{ days: 1 }] },
              { enabled: true, id: 'v2', noncurrentVersionExpirations: [{ days: 4 }] },
            ],
          },
        },
      ]);
      expect(judge(model, 'pulumi').map((f) => [f.resource.logicalId, f.message])).toEqual([
        [
          'urn:b',
          'The lifecycle rule `tmp` deletes noncurrent versions of every object 2 days after they become noncurrent (data-lifecycle.rules[0].noncurrentVersionExpiration.noncurrentDays: 2), so an overwrite or delete is unrecoverable after 2 days; noncurrent versions must be kept at least 7 days.',
        ],
        [
          'urn:legacy',
          'The lifecycle rule 1 deletes noncurrent versions of objects under `a/` 3 days after they become noncurrent (lifecycleRules[0].noncurrentVersionExpiration.days: 3), so an overwrite or delete is unrecoverable after 3 days; noncurrent versions must be kept at least 7 days.',
        ],
        [
          'urn:v2',
          'The lifecycle rule `v2` deletes noncurrent versions of every object 4 days after they become noncurrent (lifecycleRules[1].noncurrentVersionExpirations.days: 4), so an overwrite or delete is unrecoverable after 4 days; noncurrent versions must be kept at least 7 days.',
        ],
      ]);
    });

    test('a period known only after deployment fails closed', () => {
      const model = providerModelOf([
        { id: 'urn:b', name: 'data', type: 'aws:s3/bucket:Bucket', inputs: {} },
        {
          id: 'urn:l',
          name: 'data-lifecycle',
          type: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
          inputs: {
            bucket: providerOutput(false, undefined, ['urn:b']),
            rules: [
              {
                id: 'x',
                status: 'Enabled',
                noncurrentVersionExpiration: { noncurrentDays: providerOutput(false, undefined, []) },
              },
            ],
          },
        },
      ]);
      const [f] = judge(model, 'pulumi');
      expect(f.unresolved).toBe(true);
      expect(f.message).toMatch(/cannot be proven at least 7 days/);
    });
  });

  describe('the plan gate reads the same setting (protection table)', () => {
    const lifecycle = (noncurrentDays: number, expirationDays = 0) => ({
      bucket: 'data',
      rule: [
        {
          id: 'all',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: expirationDays, date: null, expired_object_delete_marker: false }],
          noncurrent_version_expiration: [{ noncurrent_days: noncurrentDays, newer_noncurrent_versions: null }],
        },
      ],
    });
    const gate = (before: unknown, after: unknown) =>
      gateOf(terraformPlan([tfChange('aws_s3_bucket_lifecycle_configuration', 'data', ['update'], before, after)]));
    test('shortening noncurrent version retention, or expiring objects sooner, is blocked', () => {
      const report = gate(lifecycle(30), lifecycle(1));
      expect(blockedOf(report)).toEqual(['aws_s3_bucket_lifecycle_configuration.data']);
      expect(report.blocked[0].reasons).toEqual([
        '`rule[0].noncurrent_version_expiration[0].noncurrent_days` changes from 30 to 1: noncurrent versions are deleted sooner, so an overwrite or delete becomes unrecoverable sooner.',
      ]);
      expect(blockedOf(gate(lifecycle(30, 90), lifecycle(30, 7)))).toEqual([
        'aws_s3_bucket_lifecycle_configuration.data',
      ]);
    });
    test('lengthening it, or removing the expiration, passes', () => {
      expect(blockedOf(gate(lifecycle(1), lifecycle(30)))).toEqual([]);
      expect(blockedOf(gate(lifecycle(1), lifecycle(0)))).toEqual([]);
    });
  });
});
