import {
  App,
  AspectPriority,
  Aspects,
  CfnParameter,
  CfnResource,
  CustomResource,
  Duration,
  RemovalPolicies,
  RemovalPolicy,
  Stack,
  Stage,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { DataProtectionChecks, ProtectStatefulResources, type ProtectStatefulResourcesProps } from '../../src';
import { ENV, ofRule, synthFindings } from '../synth-helper';

/** A stack written before Deadbolt: every L2 at its defaults, a few choices that lose data. */
function legacyStack(stack: Stack): void {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  new rds.DatabaseInstance(stack, 'Db', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    // Encrypted under the AWS-managed `aws/rds` key: its snapshots cannot be copied to another account.
    storageEncrypted: true,
  });
  new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  new s3.Bucket(stack, 'Bucket', { removalPolicy: RemovalPolicy.DESTROY });
  new kms.Key(stack, 'Key', { pendingWindow: Duration.days(7) });
  new cognito.UserPool(stack, 'Users');
  new efs.FileSystem(stack, 'Files', { vpc, enableAutomaticBackups: false });
  new sqs.Queue(stack, 'Queue');
}

function build(fixer?: ProtectStatefulResources): { stack: Stack; template: Template } {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Legacy', { env: ENV });
  legacyStack(stack);
  if (fixer) Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
  return { stack, template: Template.fromStack(stack) };
}

const FIXED_RULES = [
  'general-deletion-policy',
  'general-update-replace-policy',
  'rds-deletion-protection',
  'rds-automated-backups-retained',
  'rds-backup-retention',
  'dynamodb-deletion-protection',
  'dynamodb-point-in-time-recovery',
  's3-versioning',
  'cognito-user-pool-deletion-protection',
  'kms-key-deletion-window',
  'efs-automatic-backups',
];

/** Synthesizes `app` with the checks after every other aspect, and returns them. */
function synthChecks(app: App): DataProtectionChecks {
  const checks = new DataProtectionChecks();
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  app.synth();
  return checks;
}

function infos(stack: Stack, pathPart: string): string[] {
  return stack.node
    .findAll()
    .filter((c) => c.node.path.includes(pathPart))
    .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:info').map((m) => String(m.data)));
}

describe('ProtectStatefulResources', () => {
  test('GIVEN a legacy stack WHEN the checks run alone THEN they report every rule the fixer addresses', () => {
    const findings = synthFindings((stack) => legacyStack(stack));
    const ids = new Set(findings.map((f) => f.ruleId));
    for (const id of FIXED_RULES) expect(ids).toContain(id);
  });

  test('GIVEN a legacy stack WHEN the fixer runs THEN only what it cannot fix safely is left to the checks', () => {
    const findings = synthFindings((stack, app) => {
      legacyStack(stack);
      Aspects.of(app).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
    });
    const ids = new Set(findings.map((f) => f.ruleId));
    const errors = findings.filter((f) => f.severity === 'error');
    for (const id of FIXED_RULES)
      expect({ id, left: ofRule(errors, id).map((f) => f.resource.path) }).toEqual({ id, left: [] });
    // Transient types (a queue) are left to the checks, which rate them warnings; the database's
    // master secret, whose removal is an error, is retained.
    expect(
      ofRule(findings, 'general-deletion-policy')
        .map((f) => `${f.resource.path} ${f.severity}`)
        .sort(),
    ).toEqual(['Test/Queue/Resource warning']);
    expect(ids).toContain('backup-cross-account-copy');
    expect(ids).toContain('rds-customer-managed-key');
    expect(ids).toContain('s3-cross-account-replication');
  });

  test('GIVEN a legacy stack WHEN the fixer runs THEN the template carries the protections', () => {
    const { template } = build(new ProtectStatefulResources());
    template.hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtection: true,
        DeleteAutomatedBackups: false,
        BackupRetentionPeriod: 7,
      }),
    });
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' } }),
    });
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ PendingWindowInDays: 30 }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    template.hasResourceProperties('AWS::EFS::FileSystem', { BackupPolicy: { Status: 'ENABLED' } });
    // A queue is transient to the catalogue: retaining it would leave an orphan after `cdk destroy`.
    template.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    // Stateless resources are not touched.
    template.hasResource('AWS::EC2::VPC', { DeletionPolicy: Match.absent() });
  });

  test('each change is an info annotation, listed in `changes`, and summed up on the stack', () => {
    const fixer = new ProtectStatefulResources();
    const { stack } = build(fixer);
    expect(infos(stack, 'Legacy/Db/Resource')).toEqual(
      expect.arrayContaining([
        'Deadbolt set DeletionPolicy: "Snapshot" → "Retain" (general-deletion-policy: Stateful resources are retained when removed from the stack).',
        'Deadbolt set UpdateReplacePolicy: "Snapshot" → "Retain" (general-update-replace-policy: Stateful resources are retained when an update replaces them).',
        'Deadbolt set DeletionProtection: not set → true (rds-deletion-protection: RDS databases have deletion protection on).',
        'Deadbolt set DeleteAutomatedBackups: not set → false (rds-automated-backups-retained: RDS databases keep their automated backups after deletion).',
        'Deadbolt set BackupRetentionPeriod: not set → 7 (rds-backup-retention: RDS databases keep automated backups for at least the minimum retention).',
      ]),
    );
    expect(infos(stack, 'Legacy/Key/Resource')).toContain(
      'Deadbolt set PendingWindowInDays: 7 → 30 (kms-key-deletion-window: KMS keys have the 30-day deletion waiting period).',
    );
    const db = fixer.changes.find((c) => c.path === 'Legacy/Db/Resource' && c.property === 'DeletionProtection');
    expect(db).toEqual({
      path: 'Legacy/Db/Resource',
      resourceType: 'AWS::RDS::DBInstance',
      property: 'DeletionProtection',
      oldValue: 'not set',
      newValue: 'true',
      ruleId: 'rds-deletion-protection',
      reason: 'RDS databases have deletion protection on',
      applied: true,
    });
    const resources = new Set(fixer.changes.map((c) => c.path)).size;
    const summary = stack.node.metadata.filter((m) => m.type === 'aws:cdk:info').map((m) => m.data);
    expect(summary).toEqual([`Deadbolt made ${fixer.changes.length} changes to ${resources} resources in this stack.`]);
  });

  test('a dry run annotates what it would change and changes nothing', () => {
    const before = build().template.toJSON();
    const fixer = new ProtectStatefulResources({ dryRun: true });
    const { stack, template } = build(fixer);
    expect(template.toJSON()).toEqual(before);
    expect(fixer.changes.length).toBeGreaterThan(0);
    expect(fixer.changes.every((c) => !c.applied)).toBe(true);
    expect(infos(stack, 'Legacy/Db/Resource')).toContain(
      'Deadbolt would set DeletionProtection: not set → true (rds-deletion-protection: RDS databases have deletion protection on).',
    );
    expect(String(stack.node.metadata.find((m) => m.type === 'aws:cdk:info')?.data)).toMatch(
      /^Deadbolt would make \d+ changes to \d+ resources in this stack \(dry run: nothing was changed\)\.$/,
    );
  });

  test("GIVEN a database's master secrets and an unrelated secret WHEN the fixer runs THEN only the master secrets are retained, and reported", () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Secrets', { env: ENV });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    // The secret CDK generates, tied to the database by a SecretTargetAttachment.
    new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    // A secret an L1 cluster's master password resolves from, with no attachment.
    const own = new secretsmanager.Secret(stack, 'ClusterSecret', { removalPolicy: RemovalPolicy.DESTROY });
    new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-postgresql',
      masterUsername: 'admin',
      masterUserPassword: own.secretValueFromJson('password').unsafeUnwrap(),
    });
    new secretsmanager.Secret(stack, 'ApiKey');
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    const resources = Template.fromStack(stack).toJSON().Resources as Record<
      string,
      { DeletionPolicy?: string; UpdateReplacePolicy?: string }
    >;
    const secrets = stack.node
      .findAll()
      .filter(
        (c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::SecretsManager::Secret',
      )
      .map((c) => {
        const r = resources[stack.resolve(c.logicalId) as string];
        return `${c.node.path} ${r.DeletionPolicy} ${r.UpdateReplacePolicy}`;
      })
      .sort();
    expect(secrets).toEqual([
      'Secrets/ApiKey/Resource Delete Delete',
      'Secrets/ClusterSecret/Resource Retain Retain',
      'Secrets/Db/Secret/Resource Retain Retain',
    ]);
    const reported = fixer.changes.filter((c) => c.resourceType === 'AWS::SecretsManager::Secret');
    expect(reported).toEqual([
      {
        path: 'Secrets/Db/Secret/Resource',
        resourceType: 'AWS::SecretsManager::Secret',
        property: 'DeletionPolicy',
        oldValue: '"Delete"',
        newValue: '"Retain"',
        ruleId: 'general-deletion-policy',
        reason:
          'it holds the master credentials of Secrets/Db/Resource (AWS::RDS::DBInstance), which the database and its snapshots keep after the secret is deleted',
        applied: true,
      },
      expect.objectContaining({
        path: 'Secrets/Db/Secret/Resource',
        property: 'UpdateReplacePolicy',
        ruleId: 'general-deletion-policy',
      }),
      expect.objectContaining({ path: 'Secrets/ClusterSecret/Resource', property: 'DeletionPolicy' }),
      expect.objectContaining({ path: 'Secrets/ClusterSecret/Resource', property: 'UpdateReplacePolicy' }),
    ]);
    expect(reported[2].reason).toMatch(/^it holds the master credentials of Secrets\/Cluster /);
    expect(infos(stack, 'Secrets/Db/Secret/Resource')).toContain(
      'Deadbolt set DeletionPolicy: "Delete" → "Retain" (general-deletion-policy: it holds the master credentials of Secrets/Db/Resource (AWS::RDS::DBInstance), which the database and its snapshots keep after the secret is deleted).',
    );
  });

  test('raw overrides made earlier are overridden again', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Overrides', { env: ENV });
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cfnTable = table.node.defaultChild as dynamodb.CfnTable;
    cfnTable.addPropertyOverride('DeletionProtectionEnabled', false);
    cfnTable.addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
    cfnTable.addOverride('DeletionPolicy', 'Delete');
    const db = new rds.CfnDBInstance(stack, 'Db', {
      engine: 'postgres',
      dbInstanceClass: 'db.t3.micro',
      deletionProtection: true,
    });
    db.addPropertyOverride('DeletionProtection', false);
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DeletionProtection: true });
    expect(
      fixer.changes
        .filter((c) => c.property === 'DeletionProtection' || c.property === 'DeletionProtectionEnabled')
        .map((c) => c.oldValue),
    ).toEqual(['false', 'false']);
  });

  test('an intrinsic it cannot judge is replaced, and the change quotes the expression', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Tokens', { env: ENV });
    const param = new CfnParameter(stack, 'Protect', { type: 'String', allowedValues: ['true', 'false'] });
    new rds.CfnDBCluster(stack, 'Cluster', {
      engine: 'aurora-postgresql',
      deletionProtection: param.valueAsString as unknown as boolean,
      backupRetentionPeriod: 14,
    });
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBCluster', {
      DeletionProtection: true,
      BackupRetentionPeriod: 14,
      DeleteAutomatedBackups: false,
    });
    expect(fixer.changes.find((c) => c.property === 'DeletionProtection')?.oldValue).toBe('{"Ref":"Protect"}');
    expect(fixer.changes.some((c) => c.property === 'BackupRetentionPeriod')).toBe(false);
  });

  test('a cluster member instance is left to its cluster: no policies, no settings (the catalogue does not judge it)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Member', { env: ENV });
    new rds.CfnDBInstance(stack, 'Member', {
      engine: 'aurora-postgresql',
      dbInstanceClass: 'db.r6g.large',
      dbClusterIdentifier: 'cluster',
    });
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    Template.fromStack(stack).hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: Match.absent(),
      Properties: Match.objectLike({ DeletionProtection: Match.absent() }),
    });
    expect(fixer.changes).toEqual([]);
  });

  test('a read replica instance gets deletion protection, not backup settings', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Replica', { env: ENV });
    new rds.CfnDBInstance(stack, 'Replica', {
      dbInstanceClass: 'db.t3.micro',
      sourceDbInstanceIdentifier: 'arn:aws:rds:us-east-1:111111111111:db:primary',
    });
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBInstance', {
      DeletionProtection: true,
      BackupRetentionPeriod: Match.absent(),
    });
    expect(fixer.changes.map((c) => c.property).sort()).toEqual([
      'DeletionPolicy',
      'DeletionProtection',
      'UpdateReplacePolicy',
    ]);
  });

  test('GlobalTable replicas get deletion protection and point-in-time recovery', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Global', { env: ENV });
    new dynamodb.TableV2(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'us-west-2' }],
    });
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    const replicas = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'))[0].Properties
      .Replicas;
    expect(replicas).toHaveLength(2);
    for (const r of replicas) {
      expect(r.DeletionProtectionEnabled).toBe(true);
      expect(r.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  test("added to a Stage, it reaches the Stage's stacks", () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Data', { env: ENV });
    new s3.Bucket(stack, 'Bucket');
    const fixer = new ProtectStatefulResources();
    Aspects.of(stage).add(fixer, { priority: AspectPriority.MUTATING });
    const assembly = app.synth();
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect(fixer.changes.map((c) => c.path)).toContain('Prod/Data/Bucket/Resource');
    // The annotations reach the cloud assembly, where `cdk synth` prints them.
    const messages = assembly
      .getNestedAssembly(stage.artifactId)
      .getStackArtifact(stack.artifactId)
      .messages.map((m) => `${m.id} ${m.entry.data}`);
    expect(messages).toContain('/Prod/Data Deadbolt made 1 change to 1 resource in this stack.');
    expect(messages).toContain(
      '/Prod/Data/Bucket/Resource Deadbolt set VersioningConfiguration: not set → {"Status":"Enabled"} (s3-versioning: S3 buckets have versioning enabled).',
    );
  });

  test("added to the App, it does not reach a Stage's stacks (CDK does not pass App aspects into Stages)", () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(new Stage(app, 'Prod'), 'Data', { env: ENV });
    new s3.Bucket(stack, 'Bucket');
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    app.synth();
    expect(fixer.changes).toEqual([]);
  });

  describe('removal policies set by other aspects', () => {
    function withRemovalAspect(priority: number) {
      const app = new App({ builtinCloudFormationValidation: false });
      const stack = new Stack(app, 'Aspects', { env: ENV });
      new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      new s3.Bucket(stack, 'Uploads', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
      const fixer = new ProtectStatefulResources();
      Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
      RemovalPolicies.of(stack).destroy({ priority });
      const assembly = app.synth();
      const messages = assembly.getStackArtifact(stack.artifactId).messages.map((m) => `${m.id} ${m.entry.data}`);
      return { fixer, messages, template: Template.fromStack(stack) };
    }

    test('GIVEN RemovalPolicies.destroy() running before the fixer THEN the fixer sees Delete and retains', () => {
      const { template, fixer } = withRemovalAspect(AspectPriority.MUTATING - 100);
      template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(
        fixer.changes.find((c) => c.path === 'Aspects/Table/Resource' && c.property === 'DeletionPolicy')?.oldValue,
      ).toBe('"Delete"');
    });

    test('GIVEN RemovalPolicies.destroy() running after the fixer THEN the template still retains, and the annotation says so', () => {
      const { template, messages } = withRemovalAspect(AspectPriority.MUTATING + 100);
      template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(messages).toContain(
        '/Aspects/Table/Resource Deadbolt kept DeletionPolicy: "Retain" over "Delete", set after Deadbolt ran (by a later aspect or later code): Deadbolt\'s raw override is what the template carries (general-deletion-policy: Stateful resources are retained when removed from the stack).',
      );
    });
  });

  test('custom resources it has not read are left untouched', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Custom', { env: ENV });
    new CfnResource(stack, 'Seeder', {
      type: 'Custom::SeedDatabase',
      properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:seed' },
    });
    new CustomResource(stack, 'Generic', {
      serviceToken: 'arn:aws:lambda:us-east-1:111111111111:function:generic',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    const template = Template.fromStack(stack);
    template.hasResource('Custom::SeedDatabase', {
      DeletionPolicy: Match.absent(),
      Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:seed' },
    });
    template.hasResource('AWS::CloudFormation::CustomResource', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
    expect(fixer.changes).toEqual([]);
  });

  test('a BucketDeployment that deletes its files on delete is set to keep them', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Site', { env: ENV });
    const bucket = new s3.Bucket(stack, 'Site');
    new s3deploy.BucketDeployment(stack, 'Deploy', {
      sources: [s3deploy.Source.data('index.html', '<h1>hi</h1>')],
      destinationBucket: bucket,
      retainOnDelete: false,
    });
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    const checks = synthChecks(app);
    Template.fromStack(stack).hasResourceProperties('Custom::CDKBucketDeployment', { RetainOnDelete: true });
    expect(fixer.changes.find((c) => c.resourceType === 'Custom::CDKBucketDeployment')).toMatchObject({
      property: 'RetainOnDelete',
      oldValue: 'false',
      newValue: 'true',
      ruleId: 's3-no-auto-delete-objects',
    });
    expect(ofRule(checks.findings, 's3-no-auto-delete-objects')).toEqual([]);
  });

  test('GIVEN the legacy stack plus auto-deleting buckets and repositories, everything set to DESTROY by an aspect THEN synthesis passes', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Everything', { env: ENV });
    legacyStack(stack);
    new s3.Bucket(stack, 'Uploads', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    new s3.Bucket(stack, 'Logs', {
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
      enforceSSL: true,
      versioned: true,
    });
    new ecr.Repository(stack, 'Images', { emptyOnDelete: true, removalPolicy: RemovalPolicy.DESTROY });
    RemovalPolicies.of(app).destroy({ priority: AspectPriority.MUTATING + 1 });
    Aspects.of(app).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
    expect(() => app.synth()).not.toThrow();
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    for (const [id, r] of Object.entries(
      template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>,
    )) {
      if (['AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::RDS::DBInstance'].includes(r.Type))
        expect({ id, policy: r.DeletionPolicy }).toEqual({ id, policy: 'Retain' });
      // Transient: not retained, but its images are kept (a delete that finds images fails).
      if (r.Type === 'AWS::ECR::Repository') expect({ id, policy: r.DeletionPolicy }).toEqual({ id, policy: 'Delete' });
    }
  });

  test("refuses a minimum retention outside RDS's range", () => {
    const props: ProtectStatefulResourcesProps = { minimumBackupRetentionDays: 40 };
    expect(() => new ProtectStatefulResources(props)).toThrow(
      "`minimumBackupRetentionDays` must be a whole number of days from 1 to 35 (RDS's range), got 40.",
    );
  });
});
