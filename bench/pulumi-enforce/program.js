'use strict';
/**
 * The Pulumi program `bench/pulumi-enforce` runs: a realistic AWS estate of
 * `units` services, 20 custom resources each (`--resources 1000`: 50 services).
 *
 * Every service has a KMS key and alias, a security group, an RDS instance
 * encrypted with the key, two DynamoDB tables, an S3 bucket with its
 * versioning, encryption and public-access block, a backup vault, a backup role
 * and its policy attachment, a backup plan and a selection listing the
 * database's and the table's ARNs (`db.arn` Outputs), an application role with
 * an inline policy built from Outputs, a queue with its dead-letter queue and a
 * log group. Every other service is a `ComponentResource` holding its
 * resources; the others are registered directly under the stack. A quarter of
 * the services are hardened (deletion protection, kept backups, point-in-time
 * recovery, versioning on, a copy to a vault in another account); the rest keep
 * the provider's defaults, so the enforced variant has findings to report.
 *
 * The modules are passed in, so that the caller decides when they are loaded.
 */

const ACCOUNT = '111111111111';
const BACKUP_ACCOUNT = '222222222222';
const REGION = 'eu-west-1';
const RESOURCES_PER_UNIT = 20;

/** The @pulumi/aws classes the program uses (touched before timing, so their lazy loading is not timed). */
const CLASSES = [
  ['kms', 'Key'],
  ['kms', 'Alias'],
  ['ec2', 'SecurityGroup'],
  ['rds', 'Instance'],
  ['dynamodb', 'Table'],
  ['s3', 'Bucket'],
  ['s3', 'BucketVersioning'],
  ['s3', 'BucketServerSideEncryptionConfiguration'],
  ['s3', 'BucketPublicAccessBlock'],
  ['backup', 'Vault'],
  ['backup', 'Plan'],
  ['backup', 'Selection'],
  ['iam', 'Role'],
  ['iam', 'RolePolicy'],
  ['iam', 'RolePolicyAttachment'],
  ['sqs', 'Queue'],
  ['cloudwatch', 'LogGroup'],
];

/** The number of services for about `resources` custom resources (at least one). */
function unitsFor(resources) {
  return Math.max(1, Math.round(resources / RESOURCES_PER_UNIT));
}

const assumeRole = (service) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });

/**
 * Registers the whole program; call it inside a Pulumi stack. Returns the
 * stack outputs (a few Outputs per service).
 */
function buildProgram(pulumi, aws, { units }) {
  class Service extends pulumi.ComponentResource {
    constructor(name, opts) {
      super('bench:index:Service', name, {}, opts);
    }
  }

  const outputs = {};
  for (let i = 0; i < units; i++) {
    const hardened = i % 4 === 0;
    const svc = `svc-${i}`;
    const tags = { service: svc, team: `team-${i % 7}`, env: 'prod' };
    const component = i % 2 === 1 ? new Service(svc) : undefined;
    const opts = component ? { parent: component } : {};

    const key = new aws.kms.Key(
      `${svc}-key`,
      {
        description: `Data key of ${svc}`,
        enableKeyRotation: true,
        deletionWindowInDays: hardened ? 30 : 7,
        tags,
      },
      opts,
    );
    new aws.kms.Alias(`${svc}-key-alias`, { name: `alias/${svc}`, targetKeyId: key.keyId }, opts);

    const sg = new aws.ec2.SecurityGroup(
      `${svc}-db-sg`,
      {
        description: `Database access for ${svc}`,
        vpcId: 'vpc-0a1b2c3d4e5f60718',
        ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.0.0.0/16'] }],
        egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
        tags,
      },
      opts,
    );

    const db = new aws.rds.Instance(
      `${svc}-db`,
      {
        identifier: `${svc}-db`,
        engine: 'postgres',
        engineVersion: '16.4',
        instanceClass: 'db.t4g.medium',
        allocatedStorage: 50,
        username: 'app_admin',
        manageMasterUserPassword: true,
        dbSubnetGroupName: 'data',
        vpcSecurityGroupIds: [sg.id],
        storageEncrypted: true,
        kmsKeyId: key.arn,
        ...(hardened
          ? {
              deletionProtection: true,
              deleteAutomatedBackups: false,
              backupRetentionPeriod: 14,
              skipFinalSnapshot: false,
              finalSnapshotIdentifier: `${svc}-db-final`,
              copyTagsToSnapshot: true,
            }
          : { skipFinalSnapshot: true }),
        tags,
      },
      opts,
    );

    const table = new aws.dynamodb.Table(
      `${svc}-orders`,
      {
        name: `${svc}-orders`,
        attributes: [
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'S' },
        ],
        hashKey: 'pk',
        rangeKey: 'sk',
        billingMode: 'PAY_PER_REQUEST',
        serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
        ...(hardened ? { pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true } : {}),
        tags,
      },
      opts,
    );
    new aws.dynamodb.Table(
      `${svc}-sessions`,
      {
        name: `${svc}-sessions`,
        attributes: [{ name: 'sessionId', type: 'S' }],
        hashKey: 'sessionId',
        billingMode: 'PAY_PER_REQUEST',
        ttl: { attributeName: 'expiresAt', enabled: true },
        tags,
      },
      opts,
    );

    const bucket = new aws.s3.Bucket(
      `${svc}-assets`,
      {
        bucket: `${svc}-assets-${ACCOUNT}`,
        ...(!hardened && i % 3 === 0 ? { forceDestroy: true } : {}),
        tags,
      },
      opts,
    );
    new aws.s3.BucketVersioning(
      `${svc}-assets-versioning`,
      {
        bucket: bucket.id,
        versioningConfiguration: { status: hardened ? 'Enabled' : 'Suspended' },
      },
      opts,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${svc}-assets-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
            bucketKeyEnabled: true,
          },
        ],
      },
      opts,
    );
    new aws.s3.BucketPublicAccessBlock(
      `${svc}-assets-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      opts,
    );

    const vault = new aws.backup.Vault(`${svc}-vault`, { name: `${svc}-vault`, kmsKeyArn: key.arn, tags }, opts);
    const backupRole = new aws.iam.Role(
      `${svc}-backup-role`,
      { assumeRolePolicy: assumeRole('backup.amazonaws.com'), tags },
      opts,
    );
    new aws.iam.RolePolicyAttachment(
      `${svc}-backup-role-policy`,
      {
        role: backupRole.name,
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      },
      opts,
    );
    const plan = new aws.backup.Plan(
      `${svc}-plan`,
      {
        name: `${svc}-daily`,
        rules: [
          {
            ruleName: 'daily',
            targetVaultName: vault.name,
            schedule: 'cron(0 5 * * ? *)',
            lifecycle: { deleteAfter: 35 },
            copyActions: hardened
              ? [
                  {
                    destinationVaultArn: `arn:aws:backup:${REGION}:${BACKUP_ACCOUNT}:backup-vault:central`,
                    lifecycle: { deleteAfter: 35 },
                  },
                ]
              : [],
          },
        ],
        tags,
      },
      opts,
    );
    new aws.backup.Selection(
      `${svc}-selection`,
      {
        name: `${svc}-data`,
        planId: plan.id,
        iamRoleArn: backupRole.arn,
        resources: [db.arn, table.arn],
      },
      opts,
    );

    const dlq = new aws.sqs.Queue(
      `${svc}-dlq`,
      { messageRetentionSeconds: 1209600, sqsManagedSseEnabled: true, tags },
      opts,
    );
    const queue = new aws.sqs.Queue(
      `${svc}-queue`,
      {
        visibilityTimeoutSeconds: 60,
        sqsManagedSseEnabled: true,
        redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
        tags,
      },
      opts,
    );
    const appRole = new aws.iam.Role(
      `${svc}-app-role`,
      { assumeRolePolicy: assumeRole('ecs-tasks.amazonaws.com'), tags },
      opts,
    );
    new aws.iam.RolePolicy(
      `${svc}-app-role-policy`,
      {
        role: appRole.id,
        policy: pulumi.all([table.arn, queue.arn, key.arn]).apply(([tableArn, queueArn, keyArn]) =>
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
                Resource: tableArn,
              },
              {
                Effect: 'Allow',
                Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
                Resource: queueArn,
              },
              { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn },
            ],
          }),
        ),
      },
      opts,
    );
    new aws.cloudwatch.LogGroup(`${svc}-logs`, { name: `/app/${svc}`, retentionInDays: 30, tags }, opts);

    if (component) component.registerOutputs({ endpoint: db.endpoint });
    if (i % 10 === 0) outputs[`${svc}Endpoint`] = db.endpoint;
  }
  return outputs;
}

module.exports = { ACCOUNT, REGION, CLASSES, RESOURCES_PER_UNIT, unitsFor, buildProgram };
