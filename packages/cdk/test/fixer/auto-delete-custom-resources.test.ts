import {
  App,
  AspectPriority,
  Aspects,
  CfnOutput,
  CfnResource,
  CustomResource,
  Fn,
  NestedStack,
  RemovalPolicy,
  Stack,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { DataProtectionChecks, ProtectStatefulResources, type ProtectStatefulResourcesProps } from '../../src';
import { ENV, ofRule } from '../synth-helper';

/** The bucket most apps have: emptied and deleted with the stack. */
function autoDeleteBucket(scope: IConstruct, id = 'Uploads'): s3.Bucket {
  return new s3.Bucket(scope, id, { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
}

function fixed(build: (stack: Stack) => void, props: ProtectStatefulResourcesProps = {}) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Legacy', { env: ENV });
  build(stack);
  const fixer = new ProtectStatefulResources(props);
  Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
  const checks = new DataProtectionChecks();
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  // The point of these tests: synthesis completes.
  const assembly = app.synth();
  const messages = assembly
    .getStackArtifact(stack.artifactId)
    .messages.map((m) => ({ level: m.level, path: m.id, text: String(m.entry.data) }));
  return { stack, fixer, checks, messages, template: Template.fromStack(stack) };
}

const statement = (service: string) =>
  new iam.PolicyStatement({
    actions: ['logs:PutLogEvents'],
    resources: ['*'],
    principals: [new iam.ServicePrincipal(service)],
  });

const texts = (messages: { path: string; text: string }[], path: string) =>
  messages.filter((m) => m.path === path).map((m) => m.text);

describe('ProtectStatefulResources: aws-cdk-lib custom resources that empty on delete', () => {
  test('GIVEN a Bucket with autoDeleteObjects WHEN the fixer runs THEN synthesis passes, the bucket is retained and nothing can empty it', () => {
    const { template, fixer, checks, messages } = fixed((stack) => autoDeleteBucket(stack));

    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Tags: [{ Key: 'aws-cdk:auto-delete-objects', Value: 'false' }],
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    // The provider stays, so that the Delete event of this deploy runs the current handler, which reads the tag.
    template.resourceCountIs('AWS::Lambda::Function', 1);

    const bucketChanges = fixer.changes.filter((c) => c.ruleId === 's3-no-auto-delete-objects');
    expect(bucketChanges).toEqual([
      {
        path: 'Legacy/Uploads/Resource',
        resourceType: 'AWS::S3::Bucket',
        property: 'Tags.aws-cdk:auto-delete-objects',
        oldValue: '"true"',
        newValue: '"false"',
        ruleId: 's3-no-auto-delete-objects',
        reason:
          'the Custom::S3AutoDeleteObjects handler deletes every object and object version in the bucket only while this tag is "true"',
        applied: true,
      },
      {
        path: 'Legacy/Uploads/AutoDeleteObjectsCustomResource/Default',
        resourceType: 'Custom::S3AutoDeleteObjects',
        property: 'Resource',
        oldValue: 'in the template',
        newValue: 'removed',
        ruleId: 's3-no-auto-delete-objects',
        reason:
          'it deletes every object and object version in the bucket when the stack is deleted or the AWS::S3::Bucket is removed or replaced, whatever its DeletionPolicy',
        applied: true,
      },
    ]);
    // Annotations reach the cloud assembly; the removal is annotated on the bucket, which stays in the tree.
    expect(texts(messages, '/Legacy/Uploads/Resource')).toEqual(
      expect.arrayContaining([
        'Deadbolt set DeletionPolicy: "Delete" → "Retain" (general-deletion-policy: Stateful resources are retained when removed from the stack).',
        'Deadbolt removed Custom::S3AutoDeleteObjects Legacy/Uploads/AutoDeleteObjectsCustomResource/Default: it deletes every object and object version in the bucket when the stack is deleted or the AWS::S3::Bucket is removed or replaced, whatever its DeletionPolicy (s3-no-auto-delete-objects).',
        expect.stringMatching(
          /^Deadbolt left the Custom::S3AutoDeleteObjects provider function and its permissions in the template: .* Remove `autoDeleteObjects: true` from the `Bucket` to drop them\.$/,
        ),
      ]),
    );
    // What the checks see afterwards: none of the rules the fixer addresses.
    for (const id of [
      's3-no-auto-delete-objects',
      'general-deletion-policy',
      'general-update-replace-policy',
      's3-versioning',
    ]) {
      expect({
        id,
        left: ofRule(checks.findings, id)
          .filter((f) => f.severity !== 'info')
          .map((f) => f.resource.path),
      }).toEqual({ id, left: [] });
    }
  });

  test('GIVEN an ECR Repository with emptyOnDelete, and one with autoDeleteImages WHEN the fixer runs THEN both keep their images, and are not retained (the catalogue rates images transient)', () => {
    const { template, checks } = fixed((stack) => {
      new ecr.Repository(stack, 'Images', { emptyOnDelete: true, removalPolicy: RemovalPolicy.DESTROY });
      new ecr.Repository(stack, 'Legacy', { autoDeleteImages: true, removalPolicy: RemovalPolicy.DESTROY });
    });
    // A delete of a repository that still holds images fails instead of deleting them.
    template.hasResource('AWS::ECR::Repository', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: Match.objectLike({ EmptyOnDelete: false }),
    });
    template.hasResource('AWS::ECR::Repository', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Tags: [{ Key: 'aws-cdk:auto-delete-images', Value: 'false' }] }),
    });
    template.resourceCountIs('Custom::ECRAutoDeleteImages', 0);
    expect(ofRule(checks.findings, 'ecr-no-empty-on-delete').filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('a DependsOn on the custom resource (a VPC flow log to the bucket) is dropped with it', () => {
    const { template } = fixed((stack) => {
      const bucket = autoDeleteBucket(stack, 'FlowLogs');
      new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 }).addFlowLog('ToS3', {
        destination: ec2.FlowLogDestination.toS3(bucket),
      });
    });
    const flowLog = Object.values(template.findResources('AWS::EC2::FlowLog'))[0];
    const resources = template.toJSON().Resources as Record<string, unknown>;
    for (const id of flowLog.DependsOn ?? []) expect(Object.keys(resources)).toContain(id);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  test('a construct that depends on the custom resource keeps it in the template: the tag is cleared and a warning says what to change', () => {
    const { template, fixer, messages } = fixed((stack) => {
      const bucket = autoDeleteBucket(stack);
      new sqs.Queue(stack, 'AfterCleanup').node.addDependency(bucket.node.findChild('AutoDeleteObjectsCustomResource'));
    });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Tags: [{ Key: 'aws-cdk:auto-delete-objects', Value: 'false' }] }),
    });
    expect(fixer.changes.some((c) => c.property === 'Resource')).toBe(false);
    const warning = messages.find((m) => m.level === 'warning' && m.path === '/Legacy/Uploads/Resource');
    expect(warning?.text).toBe(
      'Deadbolt left Custom::S3AutoDeleteObjects (Legacy/Uploads/AutoDeleteObjectsCustomResource/Default) in the template because Legacy/AfterCleanup depends on it; with the tag `aws-cdk:auto-delete-objects` set to "false", its handler leaves every object and object version in the bucket when it runs. Remove `autoDeleteObjects: true` from the `Bucket` and pass `removalPolicy: RemovalPolicy.RETAIN`. (s3-no-auto-delete-objects)',
    );
  });

  test('a dry run reports the removal and changes nothing, and synthesis still passes', () => {
    const { template, fixer } = fixed((stack) => autoDeleteBucket(stack), { dryRun: true });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Tags: [{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }] }),
    });
    expect(
      fixer.changes.filter((c) => c.ruleId === 's3-no-auto-delete-objects').map((c) => [c.property, c.applied]),
    ).toEqual([
      ['Tags.aws-cdk:auto-delete-objects', false],
      ['Resource', false],
    ]);
  });

  test('in a nested stack: the nested template is fixed and synthesis passes', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const parent = new Stack(app, 'Parent', { env: ENV });
    const nested = new NestedStack(parent, 'Storage');
    autoDeleteBucket(nested);
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    app.synth();
    const template = Template.fromStack(nested);
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    expect(fixer.changes.map((c) => c.path)).toContain(
      'Parent/Storage/Uploads/AutoDeleteObjectsCustomResource/Default',
    );
    // The nested stack resource itself is a container, not data: left as CDK writes it.
    expect(fixer.changes.some((c) => c.resourceType === 'AWS::CloudFormation::Stack')).toBe(false);
  });

  describe('a custom resource that something refers to stays, with the tag cleared and a warning', () => {
    /** Two stacks; `refer` adds what points at the Uploads bucket's custom resource. CDK's own template checks are on. */
    function referred(refer: (cr: CustomResource, producer: Stack, consumer: Stack) => void) {
      const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
      const producer = new Stack(app, 'Legacy', { env: ENV });
      const consumer = new Stack(app, 'Consumer', { env: ENV });
      new CfnResource(consumer, 'Placeholder', { type: 'AWS::CloudFormation::WaitConditionHandle' });
      const bucket = autoDeleteBucket(producer);
      autoDeleteBucket(producer, 'Unreferenced');
      refer(bucket.node.findChild('AutoDeleteObjectsCustomResource') as CustomResource, producer, consumer);
      const fixer = new ProtectStatefulResources();
      Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
      // Without the custom resource the reference would dangle: CDK's template validation (F6101) fails synthesis.
      const assembly = app.synth();
      const messages = assembly
        .getStackArtifact(producer.artifactId)
        .messages.map((m) => ({ level: m.level, path: m.id, text: String(m.entry.data) }));
      const warning = messages.find((m) => m.level === 'warning' && m.path === '/Legacy/Uploads/Resource')?.text;
      return { fixer, warning, template: Template.fromStack(producer) };
    }

    const ids = (t: Template) => Object.keys(t.findResources('Custom::S3AutoDeleteObjects'));

    test.each([
      [
        'an output of its stack (`Ref`)',
        (cr: CustomResource, p: Stack) => new CfnOutput(p, 'CleanerId', { value: cr.ref }),
        'Legacy/CleanerId',
      ],
      [
        'a resource of another stack (a cross-stack reference)',
        (cr: CustomResource, _p: Stack, c: Stack) =>
          new CfnResource(c, 'Topic', { type: 'AWS::SNS::Topic', properties: { DisplayName: cr.ref } }),
        'Consumer/Topic',
      ],
      [
        '`Fn::GetAtt` by logical id',
        (cr: CustomResource, p: Stack) =>
          new CfnOutput(p, 'Cleaner', {
            value: Fn.getAtt((cr.node.defaultChild as CfnResource).logicalId, 'Data').toString(),
          }),
        'Legacy/Cleaner',
      ],
      [
        '`Fn::Sub` naming it in a raw template value',
        (cr: CustomResource, p: Stack) =>
          new CfnResource(p, 'Topic', {
            type: 'AWS::SNS::Topic',
            properties: {
              DisplayName: { 'Fn::Sub': `cleaner-\${${p.resolve((cr.node.defaultChild as CfnResource).logicalId)}}` },
            },
          }),
        'Legacy/Topic',
      ],
    ])(
      '%s',
      (_name, refer, referrer) => {
        const { template, fixer, warning } = referred(refer);
        // The one that is referred to stays; the other bucket's is removed as usual.
        expect(ids(template)).toEqual([expect.stringMatching(/^UploadsAutoDeleteObjectsCustomResource/)]);
        template.hasResource('AWS::S3::Bucket', {
          DeletionPolicy: 'Retain',
          Properties: Match.objectLike({ Tags: [{ Key: 'aws-cdk:auto-delete-objects', Value: 'false' }] }),
        });
        expect(warning).toBe(
          `Deadbolt left Custom::S3AutoDeleteObjects (Legacy/Uploads/AutoDeleteObjectsCustomResource/Default) in the template because ${referrer} refers to it (\`Ref\`, \`Fn::GetAtt\` or \`Fn::Sub\`); with the tag \`aws-cdk:auto-delete-objects\` set to "false", its handler leaves every object and object version in the bucket when it runs. Remove \`autoDeleteObjects: true\` from the \`Bucket\` and pass \`removalPolicy: RemovalPolicy.RETAIN\`. (s3-no-auto-delete-objects)`,
        );
        expect(fixer.changes.filter((c) => c.property === 'Resource').map((c) => c.path)).toEqual([
          'Legacy/Unreferenced/AutoDeleteObjectsCustomResource/Default',
        ]);
        // CDK's template validation loads its rules on first use: slow on a busy machine.
      },
      30_000,
    );
  });

  test("looking for references does not freeze other constructs' lazy values: an aspect after the fixer still changes them", () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Legacy', { env: ENV });
    autoDeleteBucket(stack);
    // Its document is a cached `Lazy.string`: producing it early would freeze the statements it has then.
    const policy = new logs.ResourcePolicy(stack, 'DeliveryPolicy', {
      policyStatements: [statement('delivery.logs.amazonaws.com')],
    });
    Aspects.of(app).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
    Aspects.of(app).add(
      { visit: (node) => void (node === policy && policy.document.addStatements(statement('events.amazonaws.com'))) },
      { priority: AspectPriority.MUTATING + 1 },
    );
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    const document = JSON.parse(
      Object.values(template.findResources('AWS::Logs::ResourcePolicy'))[0].Properties.PolicyDocument as string,
    );
    expect(document.Statement.map((st: { Principal: { Service: string } }) => st.Principal.Service)).toEqual([
      'delivery.logs.amazonaws.com',
      'events.amazonaws.com',
    ]);
  });
});
