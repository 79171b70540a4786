'use strict';
/**
 * A generated, realistic CDK app for the synth-overhead benchmark.
 *
 * `buildApp({ variant, outdir, stacks })` returns an App of `stacks` stacks
 * (default 20) whose templates hold at least 1,000 CloudFormation resources
 * together: DynamoDB tables, S3 buckets, KMS keys, SQS queues, SNS topics,
 * Lambda functions with inline code, IAM roles, log groups, a backup plan per
 * stack, and, in every other stack, a VPC with an RDS instance or Aurora
 * cluster (and an EFS file system in some). Some resources are protected
 * (RETAIN, deletion protection, PITR) and some are left at their defaults, so
 * every checker has findings to report.
 *
 * The construct tree is identical for every variant; only the checker differs:
 *
 * - `plain-default`: `new App()` as is, so CDK's built-in CloudFormation
 *   validation runs during synth.
 * - `plain`: `builtinCloudFormationValidation: false`; the baseline.
 * - `checks`: plain + `DataProtectionChecks` (an Aspect, READONLY priority).
 * - `plugin`: plain + `DataProtectionPlugin` (a policy validation plugin).
 * - `cdk-nag`: plain + cdk-nag's `AwsSolutionsChecks`. cdk-nag 3 is a policy
 *   validation plugin (`Validations.of(app).addPlugins(new AwsSolutionsChecks(app))`);
 *   the v2 form `Aspects.of(app).add(...)` no longer exists.
 */
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const backup = require('aws-cdk-lib/aws-backup');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const ec2 = require('aws-cdk-lib/aws-ec2');
const efs = require('aws-cdk-lib/aws-efs');
const events = require('aws-cdk-lib/aws-events');
const targets = require('aws-cdk-lib/aws-events-targets');
const iam = require('aws-cdk-lib/aws-iam');
const kms = require('aws-cdk-lib/aws-kms');
const lambda = require('aws-cdk-lib/aws-lambda');
const eventSources = require('aws-cdk-lib/aws-lambda-event-sources');
const logs = require('aws-cdk-lib/aws-logs');
const rds = require('aws-cdk-lib/aws-rds');
const s3 = require('aws-cdk-lib/aws-s3');
const sns = require('aws-cdk-lib/aws-sns');
const subscriptions = require('aws-cdk-lib/aws-sns-subscriptions');
const sqs = require('aws-cdk-lib/aws-sqs');

const VARIANTS = ['plain-default', 'plain', 'checks', 'plugin', 'cdk-nag'];
const ENV = { account: '111111111111', region: 'us-east-1' };
const { Duration, RemovalPolicy } = cdk;

/**
 * Attaches the variant's checker to the app. Required lazily, so a variant
 * pays only for loading its own checker; `run.js` times the require apart.
 */
function attachChecker(app, variant) {
  switch (variant) {
    case 'plain-default':
    case 'plain':
      return undefined;
    case 'checks': {
      const { DataProtectionChecks } = require('@deadbolt/cdk');
      const checks = new DataProtectionChecks();
      cdk.Aspects.of(app).add(checks, { priority: cdk.AspectPriority.READONLY });
      return checks;
    }
    case 'plugin': {
      const { DataProtectionPlugin } = require('@deadbolt/cdk');
      const plugin = new DataProtectionPlugin();
      cdk.Validations.of(app).addPlugins(plugin);
      return plugin;
    }
    case 'cdk-nag': {
      const { AwsSolutionsChecks } = require('cdk-nag');
      const nag = new AwsSolutionsChecks(app);
      cdk.Validations.of(app).addPlugins(nag);
      return nag;
    }
    default:
      throw new Error(`Unknown variant \`${variant}\`; expected one of ${VARIANTS.join(', ')}.`);
  }
}

/** Requires the checker module of a variant (so the caller can time it apart from construction). */
function loadChecker(variant) {
  if (variant === 'checks' || variant === 'plugin') require('@deadbolt/cdk');
  if (variant === 'cdk-nag') require('cdk-nag');
}

/**
 * Builds the app. Returns `{ app, checker }`; call `app.synth()` to synthesize
 * (the `plugin` and `cdk-nag` variants throw there, after writing the cloud
 * assembly, because the app has error findings).
 */
function buildApp({ variant, outdir, stacks = 20 }) {
  if (!VARIANTS.includes(variant)) {
    throw new Error(`Unknown variant \`${variant}\`; expected one of ${VARIANTS.join(', ')}.`);
  }
  // The context the CDK CLI gives an app it synthesizes (`cdk synth`'s defaults), for every variant.
  const context = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true };
  const props = { outdir, context };
  if (variant !== 'plain-default') props.builtinCloudFormationValidation = false;
  const app = new cdk.App(props);
  for (let i = 0; i < stacks; i++) buildStack(app, i);
  const checker = attachChecker(app, variant);
  return { app, checker };
}

/** One service's worth of infrastructure; `i` varies the mix between stacks. */
function buildStack(app, i) {
  const stack = new cdk.Stack(app, `Service${String(i).padStart(2, '0')}`, {
    env: ENV,
    terminationProtection: i % 3 === 0,
  });
  const retainAll = i % 4 === 1; // a quarter of the stacks are hardened

  // Keys: one for data, one for logs.
  const dataKey = new kms.Key(stack, 'DataKey', {
    enableKeyRotation: true,
    pendingWindow: Duration.days(i % 2 === 0 ? 30 : 7),
    removalPolicy: retainAll ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const logKey = new kms.Key(stack, 'LogKey', { enableKeyRotation: true });

  // Tables.
  const orders = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: retainAll },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: dataKey,
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    removalPolicy: retainAll ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  orders.addGlobalSecondaryIndex({
    indexName: 'byCustomer',
    partitionKey: { name: 'customer', type: dynamodb.AttributeType.STRING },
  });
  const sessions = new dynamodb.Table(stack, 'Sessions', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: 'ttl',
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const catalogue = new dynamodb.TableV2(stack, 'Catalogue', {
    partitionKey: { name: 'sku', type: dynamodb.AttributeType.STRING },
    deletionProtection: retainAll,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  // Buckets.
  const uploads = new s3.Bucket(stack, 'Uploads', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: dataKey,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    removalPolicy: retainAll ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
  });
  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
  });
  const reports = new s3.Bucket(stack, 'Reports', {
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'reports/',
    removalPolicy: RemovalPolicy.DESTROY,
  });

  // Messaging: a work queue with a dead-letter queue, fed by a topic.
  const dlq = new sqs.Queue(stack, 'DeadLetters', {
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.KMS_MANAGED,
  });
  const work = new sqs.Queue(stack, 'Work', {
    visibilityTimeout: Duration.seconds(60),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: dataKey,
  });
  const audit = new sqs.Queue(stack, 'Audit', { enforceSSL: true });
  const events_ = new sns.Topic(stack, 'Events', { masterKey: dataKey });
  events_.addSubscription(new subscriptions.SqsSubscription(work));
  events_.addSubscription(new subscriptions.SqsSubscription(audit, { rawMessageDelivery: true }));
  const alarms = new sns.Topic(stack, 'Alarms');
  alarms.addSubscription(new subscriptions.EmailSubscription('oncall@example.com'));

  // Logs.
  const appLogs = new logs.LogGroup(stack, 'AppLogs', {
    retention: logs.RetentionDays.ONE_MONTH,
    encryptionKey: logKey,
    removalPolicy: retainAll ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  new logs.LogGroup(stack, 'AuditLogs', {
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  // Functions: inline code, each with its own role and log group.
  const fnProps = (name) => ({
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(
      `exports.handler = async (e) => { console.log(${JSON.stringify(name)}, e); return {}; };`,
    ),
    timeout: Duration.seconds(30),
    memorySize: 256,
    environment: { ORDERS: orders.tableName, UPLOADS: uploads.bucketName },
    logGroup: new logs.LogGroup(stack, `${name}Logs`, {
      retention: logs.RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    }),
  });
  const api = new lambda.Function(stack, 'Api', fnProps('Api'));
  orders.grantReadWriteData(api);
  sessions.grantReadWriteData(api);
  catalogue.grantReadData(api);
  uploads.grantReadWrite(api);
  events_.grantPublish(api);
  const worker = new lambda.Function(stack, 'Worker', fnProps('Worker'));
  worker.addEventSource(new eventSources.SqsEventSource(work, { batchSize: 10 }));
  orders.grantWriteData(worker);
  reports.grantPut(worker);
  const streamer = new lambda.Function(stack, 'Streamer', fnProps('Streamer'));
  streamer.addEventSource(
    new eventSources.DynamoEventSource(orders, { startingPosition: lambda.StartingPosition.LATEST, retryAttempts: 3 }),
  );
  audit.grantSendMessages(streamer);
  appLogs.grantWrite(streamer);
  const nightly = new lambda.Function(stack, 'Nightly', fnProps('Nightly'));
  new events.Rule(stack, 'NightlySchedule', {
    schedule: events.Schedule.cron({ minute: '0', hour: '3' }),
    targets: [new targets.LambdaFunction(nightly)],
  });
  reports.grantReadWrite(nightly);

  // A deploy role for the service's pipeline.
  const deployRole = new iam.Role(stack, 'DeployRole', {
    assumedBy: new iam.AccountPrincipal(ENV.account),
    description: `Deploys service ${i}.`,
    maxSessionDuration: Duration.hours(2),
  });
  deployRole.addToPolicy(new iam.PolicyStatement({ actions: ['cloudformation:*'], resources: ['*'] }));
  uploads.grantRead(deployRole);
  new iam.ManagedPolicy(stack, 'ReadOnly', {
    statements: [
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [orders.tableArn] }),
    ],
    roles: [deployRole],
  });

  // Every other stack has a VPC and a relational database; some have EFS.
  let database;
  let fileSystem;
  if (i % 2 === 0) {
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    if (i % 4 === 0) {
      database = new rds.DatabaseInstance(stack, 'Database', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        multiAz: i % 8 === 0,
        storageEncrypted: true,
        backupRetention: Duration.days(i % 8 === 0 ? 14 : 1),
        deletionProtection: i % 8 === 0,
        removalPolicy: i % 8 === 0 ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      });
    } else {
      database = new rds.DatabaseCluster(stack, 'Database', {
        engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
        writer: rds.ClusterInstance.provisioned('writer', {
          instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
        }),
        readers: [rds.ClusterInstance.serverlessV2('reader')],
        serverlessV2MinCapacity: 0.5,
        serverlessV2MaxCapacity: 4,
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        storageEncryptionKey: dataKey,
        backup: { retention: Duration.days(7) },
      });
    }
    database.connections.allowDefaultPortFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock));
    if (i % 6 === 0) {
      fileSystem = new efs.FileSystem(stack, 'Shared', {
        vpc,
        encrypted: true,
        lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
        removalPolicy: retainAll ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      fileSystem.addAccessPoint('Data', {
        path: '/data',
        createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' },
      });
    }
  }

  // Backups: a plan per stack, with selections for the stateful resources.
  const plan =
    i % 2 === 0
      ? backup.BackupPlan.dailyWeeklyMonthly5YearRetention(stack, 'Backups')
      : backup.BackupPlan.daily35DayRetention(stack, 'Backups');
  plan.addSelection('Tables', {
    resources: [backup.BackupResource.fromDynamoDbTable(orders), backup.BackupResource.fromDynamoDbTable(sessions)],
  });
  if (database) {
    plan.addSelection('Databases', {
      resources: [
        database instanceof rds.DatabaseInstance
          ? backup.BackupResource.fromRdsDatabaseInstance(database)
          : backup.BackupResource.fromRdsDatabaseCluster(database),
      ],
    });
  }
  if (fileSystem) plan.addSelection('Files', { resources: [backup.BackupResource.fromEfsFileSystem(fileSystem)] });
  plan.addSelection('Tagged', { resources: [backup.BackupResource.fromTag('backup', 'daily')] });

  new cdk.CfnOutput(stack, 'OrdersTable', { value: orders.tableName });
  cdk.Tags.of(stack).add('service', `service-${i}`);
  cdk.Tags.of(stack).add('backup', 'daily');
  return stack;
}

/** Counts the resources in the synthesized templates under `outdir`: `{ stacks, resources }`. */
function countResources(outdir) {
  let stacks = 0;
  let resources = 0;
  for (const file of fs.readdirSync(outdir)) {
    if (!file.endsWith('.template.json')) continue;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
    stacks += 1;
    resources += Object.keys(template.Resources ?? {}).length;
  }
  return { stacks, resources };
}

module.exports = { buildApp, countResources, loadChecker, VARIANTS };

// `node bench/synth-overhead/app.js [variant] [outdir] [stacks]`: synthesize once and print the counts.
if (require.main === module) {
  const [variant = 'plain', outdir = path.join(require('os').tmpdir(), `deadbolt-bench-${variant}`), stacks = '20'] =
    process.argv.slice(2);
  fs.rmSync(outdir, { recursive: true, force: true });
  const { app } = buildApp({ variant, outdir, stacks: Number(stacks) });
  let failed;
  try {
    app.synth();
  } catch (e) {
    failed = e;
  }
  const counts = countResources(outdir);
  process.stdout.write(
    `${variant}: ${counts.resources} resources in ${counts.stacks} stacks, written to ${outdir}${failed ? ' (synthesis failed with findings, as expected for this variant)' : ''}\n`,
  );
  if (Number(stacks) >= 20 && (counts.resources < 1000 || counts.stacks < 20)) {
    process.stderr.write(
      `The app must have at least 1,000 resources in at least 20 stacks; it has ${counts.resources} in ${counts.stacks}.\n`,
    );
    process.exitCode = 1;
  }
}
