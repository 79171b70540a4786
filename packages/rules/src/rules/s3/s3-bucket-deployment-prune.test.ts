import * as path from 'path';
import * as fs from 'fs';
import * as os from 'os';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { findingsOf, type TemplateCase } from '../testing/harness';
import rule from './s3-bucket-deployment-prune';

const TOKEN = { 'Fn::GetAtt': ['Handler', 'Arn'] };
const deployment = (props: Record<string, unknown> = {}) => ({
  Type: 'Custom::CDKBucketDeployment',
  Properties: {
    ServiceToken: TOKEN,
    SourceBucketNames: ['assets'],
    SourceObjectKeys: ['site.zip'],
    DestinationBucketName: { Ref: 'Site' },
    Prune: true,
    ...props,
  },
});
/** A deployment into its own bucket, with the handler CDK generates (its role may write to the bucket). */
const base = (extra: Record<string, unknown> = {}, props: Record<string, unknown> = {}): TemplateCase => ({
  Resources: {
    Site: { Type: 'AWS::S3::Bucket', Properties: {} },
    HandlerRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    HandlerPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'p',
        Roles: [{ Ref: 'HandlerRole' }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:DeleteObject*'],
              Resource: [
                { 'Fn::GetAtt': ['Site', 'Arn'] },
                { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Site', 'Arn'] }, '/*']] },
              ],
            },
          ],
        },
      },
    },
    Handler: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['HandlerRole', 'Arn'] } } },
    Deploy: deployment(props),
    ...extra,
  },
});
const writerPolicy = (
  actions: unknown,
  resource: unknown = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Site', 'Arn'] }, '/*']] },
) => ({
  Type: 'AWS::IAM::Policy',
  Properties: {
    PolicyName: 'w',
    Roles: [{ Ref: 'UploaderRole' }],
    PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] },
  },
});

describe('s3-bucket-deployment-prune: BucketDeployments prune only a destination that nothing else writes to', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. another deployment into the same bucket, without a prefix',
      base({ Other: deployment({ Prune: false }) }),
      /^Prune is true: every deploy deletes the objects under the whole bucket of bucket Site that the deployment did not upload, and others write there: BucketDeployment Other \(the whole bucket\)\.$/,
    ],
    [
      '2. another deployment under a prefix of this one',
      base(
        { Other: deployment({ DestinationBucketKeyPrefix: 'assets/img' }) },
        { DestinationBucketKeyPrefix: '/assets' },
      ),
      /under prefix "assets\/" of bucket Site .* BucketDeployment Other \(prefix "assets\/img\/"\)/,
    ],
    [
      '3. a role policy that can put objects',
      base({ UploaderRole: { Type: 'AWS::IAM::Role', Properties: {} }, Uploads: writerPolicy('s3:PutObject*') }),
      /AWS::IAM::Policy Uploads \(allows s3:PutObject on the bucket\)/,
    ],
    [
      '4. a role policy with s3:* on every resource',
      base({ UploaderRole: { Type: 'AWS::IAM::Role', Properties: {} }, Uploads: writerPolicy(['s3:*'], '*') }),
      /AWS::IAM::Policy Uploads/,
    ],
    [
      '5. a bucket policy that lets a service put objects',
      base({
        Policy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: 'Site' },
            PolicyDocument: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'logging.s3.amazonaws.com' },
                  Action: 's3:PutObject',
                  Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Site', 'Arn'] }, '/*']] },
                },
              ],
            },
          },
        },
      }),
      /bucket policy Policy \(allows s3:PutObject\)/,
    ],
    [
      '6. another bucket replicating into it',
      base({
        Source: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            ReplicationConfiguration: {
              Role: 'r',
              Rules: [{ Status: 'Enabled', Destination: { Bucket: { 'Fn::GetAtt': ['Site', 'Arn'] } } }],
            },
          },
        },
      }),
      /AWS::S3::Bucket Source \(ReplicationConfiguration\.Rules\.Destination\.Bucket\)/,
    ],
    [
      '7. CloudFront access logs delivered into it',
      base({
        Cdn: {
          Type: 'AWS::CloudFront::Distribution',
          Properties: { DistributionConfig: { Logging: { Bucket: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] } } } },
        },
      }),
      /AWS::CloudFront::Distribution Cdn \(DistributionConfig\.Logging\.Bucket\)/,
    ],
    [
      '8. its own server access logs',
      {
        Resources: {
          ...base().Resources,
          Site: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: { LogFilePrefix: 'logs/' } } },
        },
      },
      /its own server access logs/,
    ],
    [
      '9. Prune not set (the handler prunes by default), with another writer',
      base({ Other: deployment() }, { Prune: undefined }),
      /^Prune is not set \(the handler prunes by default\): every deploy deletes/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings.filter((f) => f.resource.logicalId === 'Deploy')).toHaveLength(1);
    const f = findings.find((x) => x.resource.logicalId === 'Deploy')!;
    expect(f).toMatchObject({ ruleId: 's3-bucket-deployment-prune', severity: 'error', location: 'Properties/Prune' });
    expect(f.message).toMatch(message);
    expect(f.fix).toMatch(/Set `Prune: false`/);
  });

  test('fail closed: a bucket the app does not create, or a destination that cannot be read', () => {
    const [external] = findingsOf(rule, base({}, { DestinationBucketName: 'shared-bucket' }));
    expect(external.message).toBe(
      'Prune is true, and bucket "shared-bucket" is not created by this app, so other writers to it cannot be ruled out: every deploy deletes the objects under the whole bucket that the deployment did not upload.',
    );
    const [param] = findingsOf(rule, {
      Parameters: { B: { Type: 'String' } },
      Resources: base({}, { DestinationBucketName: { Ref: 'B' } }).Resources,
    });
    expect(param.unresolved).toBe(true);
    expect(param.message).toMatch(
      /DestinationBucketName is \{"Ref":"B"\}, which names no bucket of this app \(it is parameter "B"/,
    );
  });

  test('a Prune that cannot be read is judged as pruning', () => {
    const [f] = findingsOf(rule, {
      Parameters: { P: { Type: 'String' } },
      Resources: base({ Other: deployment() }, { Prune: { Ref: 'P' } }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/^Prune is \{"Ref":"P"\} and cannot be proven false \(it is parameter "P"/);
  });

  const valid: [string, TemplateCase][] = [
    ['a deployment into a bucket only it writes to (its handler role excepted)', base()],
    ['Prune false on both', base({ Other: deployment({ Prune: 'false' }) }, { Prune: false })],
    [
      'Prune "False" (the handler only prunes on "true")',
      base({ Other: deployment({ Prune: false }) }, { Prune: 'False' }),
    ],
    [
      'two deployments into disjoint prefixes',
      base({ Other: deployment({ DestinationBucketKeyPrefix: 'b/' }) }, { DestinationBucketKeyPrefix: 'a' }),
    ],
    [
      'a policy that only reads the bucket',
      base({
        UploaderRole: { Type: 'AWS::IAM::Role', Properties: {} },
        Uploads: writerPolicy(['s3:GetObject*', 's3:List*']),
      }),
    ],
    [
      'a policy that puts objects into another bucket',
      base({
        UploaderRole: { Type: 'AWS::IAM::Role', Properties: {} },
        Uploads: writerPolicy('s3:PutObject', 'arn:aws:s3:::other-bucket/*'),
      }),
    ],
    [
      'a bucket whose server access logs go elsewhere',
      {
        Resources: {
          ...base().Resources,
          Logs: { Type: 'AWS::S3::Bucket', Properties: {} },
          Site: {
            Type: 'AWS::S3::Bucket',
            Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } },
          },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  describe('on real CDK apps', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-site-'));
      fs.writeFileSync(path.join(dir, 'index.html'), '<h1>hi</h1>');
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const synth = (build: (stack: Stack, site: s3.Bucket) => void, props: s3.BucketProps = {}) => {
      const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test', {
        env: { account: '111111111111', region: 'us-east-1' },
      });
      const site = new s3.Bucket(stack, 'Site', props);
      build(stack, site);
      return findingsOf(rule, Template.fromStack(stack).toJSON() as TemplateCase, {}, { idiom: 'cdk' });
    };

    test('a website bucket (auto-deleted, enforcing SSL) with a pruning BucketDeployment behind CloudFront passes', () => {
      const findings = synth(
        (stack, site) => {
          const distribution = new cloudfront.Distribution(stack, 'Cdn', {
            defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) },
          });
          new s3deploy.BucketDeployment(stack, 'Deploy', {
            sources: [s3deploy.Source.asset(dir)],
            destinationBucket: site,
            distribution,
          });
        },
        { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY, enforceSSL: true },
      );
      expect(findings).toEqual([]);
    });

    test('a second deployment into the same bucket is found on the pruning one', () => {
      const findings = synth((stack, site) => {
        new s3deploy.BucketDeployment(stack, 'Deploy', {
          sources: [s3deploy.Source.asset(dir)],
          destinationBucket: site,
        });
        new s3deploy.BucketDeployment(stack, 'Config', {
          sources: [s3deploy.Source.data('config.json', '{}')],
          destinationBucket: site,
          prune: false,
        });
      });
      expect(findings).toHaveLength(1);
      expect(findings[0].resource.logicalId).toMatch(/^DeployCustomResource/);
      expect(findings[0].message).toMatch(/BucketDeployment ConfigCustomResource\w* \(the whole bucket\)/);
      expect(findings[0].fix).toMatch(/Pass `prune: false` to the `BucketDeployment`/);
    });

    test('a function granted put on the bucket is another writer', () => {
      const findings = synth((stack, site) => {
        new s3deploy.BucketDeployment(stack, 'Deploy', {
          sources: [s3deploy.Source.asset(dir)],
          destinationBucket: site,
        });
        const fn = new lambda.Function(stack, 'Uploads', {
          runtime: lambda.Runtime.NODEJS_20_X,
          handler: 'index.handler',
          code: lambda.Code.fromInline('exports.handler = async () => {}'),
        });
        site.grantPut(fn);
      });
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toMatch(
        /AWS::IAM::Policy UploadsServiceRoleDefaultPolicy\w* \(allows s3:PutObject on the bucket\)/,
      );
    });

    test('a deployment into an imported bucket fails closed', () => {
      const findings = synth((stack) => {
        new s3deploy.BucketDeployment(stack, 'Deploy', {
          sources: [s3deploy.Source.asset(dir)],
          destinationBucket: s3.Bucket.fromBucketName(stack, 'Shared', 'shared-uploads'),
        });
        new iam.Role(stack, 'Unrelated', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      });
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toMatch(/bucket "shared-uploads" is not created by this app/);
    });
  });
});
