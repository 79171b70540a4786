/**
 * The same unsafe configurations, written once for CDK and once for Pulumi.
 * The parity test runs both through their front ends and expects the same rule
 * ids: one catalogue, one meaning.
 */
import { Duration, RemovalPolicy, SecretValue, Tags, type Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as dsql from 'aws-cdk-lib/aws-dsql';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as neptune from 'aws-cdk-lib/aws-neptune';
import * as opensearchserverless from 'aws-cdk-lib/aws-opensearchserverless';
import * as qldb from 'aws-cdk-lib/aws-qldb';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as events from 'aws-cdk-lib/aws-events';
import * as fsx from 'aws-cdk-lib/aws-fsx';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cassandra from 'aws-cdk-lib/aws-cassandra';
import * as docdbelastic from 'aws-cdk-lib/aws-docdbelastic';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as lightsail from 'aws-cdk-lib/aws-lightsail';
import * as memorydb from 'aws-cdk-lib/aws-memorydb';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as timestream from 'aws-cdk-lib/aws-timestream';
import * as aws from '@pulumi/aws';

export interface ParityCase {
  readonly name: string;
  /** CloudFormation types whose findings are compared (the data resource, and what deletes its data). */
  readonly types: readonly string[];
  /** The rule ids both front ends must report, errors and warnings. */
  readonly expected: readonly string[];
  readonly cdk: (stack: Stack) => void;
  readonly pulumi: () => void;
}

const DESTROY = { removalPolicy: RemovalPolicy.DESTROY };
/** A vault in another account (the backup account), named by its literal ARN. */
const BACKUP_ACCOUNT_VAULT = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';

export const PARITY_CASES: readonly ParityCase[] = [
  {
    name: 'database instance: no deletion protection, backups deleted with it, no retention, AWS managed key',
    types: ['AWS::RDS::DBInstance'],
    expected: [
      'backup-cross-account-copy',
      'general-deletion-policy',
      'general-update-replace-policy',
      'rds-automated-backups-retained',
      'rds-backup-retention',
      'rds-customer-managed-key',
      'rds-deletion-protection',
    ],
    cdk(stack) {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        natGateways: 0,
        subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      new rds.DatabaseInstance(stack, 'Orders', {
        ...DESTROY,
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('not-a-real-password')),
        deletionProtection: false,
        deleteAutomatedBackups: true,
        backupRetention: Duration.days(0),
        storageEncrypted: true,
      });
    },
    pulumi() {
      new aws.rds.Instance('orders', {
        engine: 'postgres',
        instanceClass: 'db.t3.micro',
        allocatedStorage: 20,
        username: 'admin',
        password: 'not-a-real-password',
        deletionProtection: false,
        deleteAutomatedBackups: true,
        backupRetentionPeriod: 0,
        storageEncrypted: true,
        skipFinalSnapshot: true,
      });
    },
  },
  {
    name: 'Aurora cluster: no deletion protection, no customer managed key',
    types: ['AWS::RDS::DBCluster'],
    expected: [
      'backup-cross-account-copy',
      'general-deletion-policy',
      'general-update-replace-policy',
      'rds-automated-backups-retained',
      'rds-customer-managed-key',
      'rds-deletion-protection',
    ],
    cdk(stack) {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        natGateways: 0,
        subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      new rds.DatabaseCluster(stack, 'Aurora', {
        ...DESTROY,
        engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('not-a-real-password')),
        writer: rds.ClusterInstance.provisioned('Writer'),
        deletionProtection: false,
        backup: { retention: Duration.days(14) },
      });
    },
    pulumi() {
      const cluster = new aws.rds.Cluster('aurora', {
        engine: 'aurora-postgresql',
        masterUsername: 'admin',
        masterPassword: 'not-a-real-password',
        backupRetentionPeriod: 14,
        skipFinalSnapshot: true,
      });
      new aws.rds.ClusterInstance('aurora-writer', {
        clusterIdentifier: cluster.id,
        instanceClass: 'db.r6g.large',
        engine: 'aurora-postgresql',
      });
    },
  },
  {
    name: 'table: no deletion protection, no point-in-time recovery',
    types: ['AWS::DynamoDB::Table'],
    expected: [
      'backup-cross-account-copy',
      'dynamodb-deletion-protection',
      'dynamodb-point-in-time-recovery',
      'general-deletion-policy',
      'general-update-replace-policy',
    ],
    cdk(stack) {
      new dynamodb.Table(stack, 'Orders', {
        ...DESTROY,
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      });
    },
    pulumi() {
      new aws.dynamodb.Table('orders', {
        attributes: [{ name: 'pk', type: 'S' }],
        hashKey: 'pk',
        billingMode: 'PAY_PER_REQUEST',
      });
    },
  },
  {
    name: 'bucket: not versioned, emptied when deleted (autoDeleteObjects / forceDestroy)',
    types: ['AWS::S3::Bucket', 'Custom::S3AutoDeleteObjects'],
    expected: [
      'general-deletion-policy',
      'general-update-replace-policy',
      's3-cross-account-replication',
      's3-no-auto-delete-objects',
      's3-versioning',
    ],
    cdk(stack) {
      new s3.Bucket(stack, 'Data', { ...DESTROY, autoDeleteObjects: true });
    },
    pulumi() {
      new aws.s3.Bucket('data', { forceDestroy: true });
    },
  },
  {
    name: 'backup vault: no compliance lock',
    types: ['AWS::Backup::BackupVault'],
    expected: ['backup-vault-compliance-lock', 'general-deletion-policy', 'general-update-replace-policy'],
    cdk(stack) {
      new backup.BackupVault(stack, 'Vault', { ...DESTROY });
    },
    pulumi() {
      new aws.backup.Vault('vault', {});
    },
  },
  {
    name: 'backup plan copying only inside the account',
    types: ['AWS::Backup::BackupPlan'],
    expected: ['backup-plan-copy-destination'],
    cdk(stack) {
      const vault = new backup.BackupVault(stack, 'Vault', { removalPolicy: RemovalPolicy.RETAIN });
      const other = new backup.BackupVault(stack, 'Other', { removalPolicy: RemovalPolicy.RETAIN });
      const plan = new backup.BackupPlan(stack, 'Plan', { backupVault: vault });
      plan.addRule(
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          copyActions: [{ destinationBackupVault: other, deleteAfter: Duration.days(35) }],
        }),
      );
    },
    pulumi() {
      const vault = new aws.backup.Vault('vault', {}, { protect: true, retainOnDelete: true });
      const other = new aws.backup.Vault('other', {}, { protect: true, retainOnDelete: true });
      new aws.backup.Plan('plan', {
        rules: [
          {
            ruleName: 'Daily',
            targetVaultName: vault.name,
            schedule: 'cron(0 3 * * ? *)',
            copyActions: [{ destinationVaultArn: other.arn, lifecycle: { deleteAfter: 35 } }],
          },
        ],
      });
    },
  },
  // Data lost on a timer: retention under the minimum (7 days).
  {
    name: 'bucket: lifecycle deletes objects and noncurrent versions a day later, not versioned',
    types: ['AWS::S3::Bucket'],
    expected: [
      'general-deletion-policy',
      'general-update-replace-policy',
      's3-cross-account-replication',
      's3-lifecycle-expiration',
      's3-noncurrent-version-retention',
      's3-versioning',
    ],
    cdk(stack) {
      new s3.Bucket(stack, 'Scratch', {
        ...DESTROY,
        lifecycleRules: [{ expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) }],
      });
    },
    pulumi() {
      const bucket = new aws.s3.Bucket('scratch', {});
      new aws.s3.BucketLifecycleConfiguration('scratch-lifecycle', {
        bucket: bucket.id,
        rules: [
          {
            id: 'expire',
            status: 'Enabled',
            expiration: { days: 1 },
            noncurrentVersionExpiration: { noncurrentDays: 1 },
          },
        ],
      });
    },
  },
  {
    name: 'table: point-in-time recovery reaches back 3 days',
    types: ['AWS::DynamoDB::Table'],
    expected: [
      'backup-cross-account-copy',
      'dynamodb-deletion-protection',
      'dynamodb-point-in-time-recovery-period',
      'general-deletion-policy',
      'general-update-replace-policy',
    ],
    cdk(stack) {
      new dynamodb.Table(stack, 'Orders', {
        ...DESTROY,
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 3 },
      });
    },
    pulumi() {
      new aws.dynamodb.Table('orders', {
        attributes: [{ name: 'pk', type: 'S' }],
        hashKey: 'pk',
        billingMode: 'PAY_PER_REQUEST',
        pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 },
      });
    },
  },
  {
    name: 'log group tagged as data: events kept a day',
    types: ['AWS::Logs::LogGroup'],
    expected: [
      'general-deletion-policy',
      'general-update-replace-policy',
      'logs-data-deletion-protection',
      'logs-data-retention',
    ],
    cdk(stack) {
      const group = new logs.LogGroup(stack, 'Audit', { ...DESTROY, retention: logs.RetentionDays.ONE_DAY });
      Tags.of(group).add('deadbolt:data', 'true');
    },
    pulumi() {
      new aws.cloudwatch.LogGroup('audit', { retentionInDays: 1, tags: { 'deadbolt:data': 'true' } });
    },
  },
  {
    name: 'backup plan: recovery points kept 3 days, less than its locked vault allows',
    types: ['AWS::Backup::BackupPlan'],
    expected: ['backup-plan-copy-destination', 'backup-plan-retention', 'backup-plan-vault-lock-retention'],
    cdk(stack) {
      const vault = new backup.BackupVault(stack, 'Vault', {
        removalPolicy: RemovalPolicy.RETAIN,
        lockConfiguration: { minRetention: Duration.days(7) },
      });
      const plan = new backup.BackupPlan(stack, 'Plan', { backupVault: vault });
      plan.addRule(new backup.BackupPlanRule({ ruleName: 'Daily', deleteAfter: Duration.days(3) }));
    },
    pulumi() {
      // Named, as the policy pack sees a vault by its name (the test harness gives it inputs, not outputs).
      const vault = new aws.backup.Vault('vault', { name: 'locked' }, { protect: true, retainOnDelete: true });
      new aws.backup.VaultLockConfiguration('vault-lock', { backupVaultName: vault.name, minRetentionDays: 7 });
      new aws.backup.Plan('plan', {
        rules: [
          {
            ruleName: 'Daily',
            targetVaultName: vault.name,
            schedule: 'cron(0 3 * * ? *)',
            lifecycle: { deleteAfter: 3 },
          },
        ],
      });
    },
  },
  {
    name: 'backup plan: weekly backups, copies to the backup account kept a day',
    types: ['AWS::Backup::BackupPlan'],
    expected: ['backup-plan-copy-retention', 'backup-plan-retention', 'backup-plan-schedule'],
    cdk(stack) {
      const vault = new backup.BackupVault(stack, 'Vault', { removalPolicy: RemovalPolicy.RETAIN });
      const plan = new backup.BackupPlan(stack, 'Plan', { backupVault: vault });
      plan.addRule(
        new backup.BackupPlanRule({
          ruleName: 'Weekly',
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5', weekDay: 'SAT' }),
          deleteAfter: Duration.days(35),
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(stack, 'Central', BACKUP_ACCOUNT_VAULT),
              deleteAfter: Duration.days(1),
            },
          ],
        }),
      );
    },
    pulumi() {
      const vault = new aws.backup.Vault('vault', {}, { protect: true, retainOnDelete: true });
      new aws.backup.Plan('plan', {
        rules: [
          {
            ruleName: 'Weekly',
            targetVaultName: vault.name,
            schedule: 'cron(0 5 ? * SAT *)',
            lifecycle: { deleteAfter: 35 },
            copyActions: [{ destinationVaultArn: BACKUP_ACCOUNT_VAULT, lifecycle: { deleteAfter: 1 } }],
          },
        ],
      });
    },
  },
  {
    name: 'KMS key: 7-day deletion window',
    types: ['AWS::KMS::Key'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'kms-key-deletion-window'],
    cdk(stack) {
      new kms.Key(stack, 'Key', { ...DESTROY, pendingWindow: Duration.days(7) });
    },
    pulumi() {
      new aws.kms.Key('key', { deletionWindowInDays: 7 });
    },
  },
  {
    name: 'file system: no automatic backups',
    types: ['AWS::EFS::FileSystem'],
    expected: [
      'backup-cross-account-copy',
      'efs-automatic-backups',
      'general-deletion-policy',
      'general-update-replace-policy',
    ],
    cdk(stack) {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        natGateways: 0,
        subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      new efs.FileSystem(stack, 'Files', { ...DESTROY, vpc, enableAutomaticBackups: false });
    },
    pulumi() {
      new aws.efs.FileSystem('files', { encrypted: true });
    },
  },
  {
    name: 'user pool: deletion protection off',
    types: ['AWS::Cognito::UserPool'],
    expected: ['cognito-user-pool-deletion-protection', 'general-deletion-policy', 'general-update-replace-policy'],
    cdk(stack) {
      new cognito.UserPool(stack, 'Users', { ...DESTROY, deletionProtection: false });
    },
    pulumi() {
      new aws.cognito.UserPool('users', { deletionProtection: 'INACTIVE' });
    },
  },
  {
    name: 'image repository: emptied when deleted',
    types: ['AWS::ECR::Repository'],
    expected: ['ecr-no-empty-on-delete', 'general-deletion-policy', 'general-update-replace-policy'],
    cdk(stack) {
      new ecr.Repository(stack, 'Images', { ...DESTROY, emptyOnDelete: true });
    },
    pulumi() {
      new aws.ecr.Repository('images', { forceDelete: true });
    },
  },
  {
    name: 'RDS global cluster: deletion protection off',
    types: ['AWS::RDS::GlobalCluster'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'rds-deletion-protection'],
    cdk(stack) {
      new rds.CfnGlobalCluster(stack, 'Global', {
        globalClusterIdentifier: 'orders-global',
        engine: 'aurora-postgresql',
        deletionProtection: false,
      });
    },
    pulumi() {
      new aws.rds.GlobalCluster('global', {
        globalClusterIdentifier: 'orders-global',
        engine: 'aurora-postgresql',
        deletionProtection: false,
      });
    },
  },
  {
    name: 'DocumentDB cluster: deletion protection off, one day of backups',
    types: ['AWS::DocDB::DBCluster'],
    expected: [
      'backup-cross-account-copy',
      'docdb-backup-retention',
      'docdb-deletion-protection',
      'general-deletion-policy',
      'general-update-replace-policy',
    ],
    cdk(stack) {
      new docdb.CfnDBCluster(stack, 'Docs', {
        masterUsername: 'admin',
        masterUserPassword: 'not-a-real-password',
        deletionProtection: false,
        backupRetentionPeriod: 1,
      });
    },
    pulumi() {
      new aws.docdb.Cluster('docs', {
        masterUsername: 'admin',
        masterPassword: 'not-a-real-password',
        deletionProtection: false,
        backupRetentionPeriod: 1,
        skipFinalSnapshot: true,
      });
    },
  },
  {
    name: 'Neptune cluster: deletion protection off, one day of backups',
    types: ['AWS::Neptune::DBCluster'],
    expected: [
      'backup-cross-account-copy',
      'general-deletion-policy',
      'general-update-replace-policy',
      'neptune-backup-retention',
      'neptune-deletion-protection',
    ],
    cdk(stack) {
      new neptune.CfnDBCluster(stack, 'Graph', { deletionProtection: false, backupRetentionPeriod: 1 });
    },
    pulumi() {
      new aws.neptune.Cluster('graph', {
        deletionProtection: false,
        backupRetentionPeriod: 1,
        skipFinalSnapshot: true,
      });
    },
  },
  {
    name: 'log group tagged as data: deletion protection off',
    types: ['AWS::Logs::LogGroup'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'logs-data-deletion-protection'],
    cdk(stack) {
      const group = new logs.LogGroup(stack, 'Audit', { ...DESTROY, retention: logs.RetentionDays.TEN_YEARS });
      Tags.of(group).add('deadbolt:data', 'true');
    },
    pulumi() {
      new aws.cloudwatch.LogGroup('audit', { retentionInDays: 3653, tags: { 'deadbolt:data': 'true' } });
    },
  },
  {
    name: 'CloudTrail event data store: termination protection off',
    types: ['AWS::CloudTrail::EventDataStore'],
    expected: [
      'cloudtrail-event-data-store-termination-protection',
      'general-deletion-policy',
      'general-update-replace-policy',
    ],
    cdk(stack) {
      new cloudtrail.CfnEventDataStore(stack, 'Events', { terminationProtectionEnabled: false });
    },
    pulumi() {
      new aws.cloudtrail.EventDataStore('events', { terminationProtectionEnabled: false });
    },
  },
  {
    name: 'QLDB ledger: deletion protection off',
    types: ['AWS::QLDB::Ledger'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'qldb-deletion-protection'],
    cdk(stack) {
      new qldb.CfnLedger(stack, 'Ledger', { permissionsMode: 'STANDARD', deletionProtection: false });
    },
    pulumi() {
      new aws.qldb.Ledger('ledger', { permissionsMode: 'STANDARD', deletionProtection: false });
    },
  },
  {
    name: 'Aurora DSQL cluster: deletion protection off',
    types: ['AWS::DSQL::Cluster'],
    expected: ['dsql-deletion-protection', 'general-deletion-policy', 'general-update-replace-policy'],
    cdk(stack) {
      new dsql.CfnCluster(stack, 'Dsql', { deletionProtectionEnabled: false });
    },
    pulumi() {
      new aws.dsql.Cluster('dsql', { deletionProtectionEnabled: false });
    },
  },
  {
    name: 'OpenSearch Serverless collection: deletion protection not set (undocumented default)',
    types: ['AWS::OpenSearchServerless::Collection'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'opensearch-serverless-deletion-protection'],
    cdk(stack) {
      new opensearchserverless.CfnCollection(stack, 'Search', { name: 'search' });
    },
    pulumi() {
      new aws.opensearch.ServerlessCollection('search', { name: 'search' });
    },
  },
  // Warehouses, caches and the other data stores (their final snapshot rules are one-dialect: see parity.test.ts).
  {
    name: 'DocumentDB cluster: encrypted with the AWS managed key',
    types: ['AWS::DocDB::DBCluster'],
    expected: [
      'backup-cross-account-copy',
      'docdb-customer-managed-key',
      'general-deletion-policy',
      'general-update-replace-policy',
    ],
    cdk(stack) {
      new docdb.CfnDBCluster(stack, 'Docs', {
        masterUsername: 'admin',
        masterUserPassword: 'not-a-real-password',
        deletionProtection: true,
        backupRetentionPeriod: 7,
        storageEncrypted: true,
      });
    },
    pulumi() {
      new aws.docdb.Cluster('docs', {
        masterUsername: 'admin',
        masterPassword: 'not-a-real-password',
        deletionProtection: true,
        backupRetentionPeriod: 7,
        storageEncrypted: true,
        skipFinalSnapshot: true,
      });
    },
  },
  {
    name: 'Neptune cluster: encrypted with the AWS managed key',
    types: ['AWS::Neptune::DBCluster'],
    expected: [
      'backup-cross-account-copy',
      'general-deletion-policy',
      'general-update-replace-policy',
      'neptune-customer-managed-key',
    ],
    cdk(stack) {
      new neptune.CfnDBCluster(stack, 'Graph', {
        deletionProtection: true,
        backupRetentionPeriod: 7,
        storageEncrypted: true,
      });
    },
    pulumi() {
      new aws.neptune.Cluster('graph', {
        deletionProtection: true,
        backupRetentionPeriod: 7,
        storageEncrypted: true,
        skipFinalSnapshot: true,
      });
    },
  },
  {
    name: 'DocumentDB elastic cluster: one day of snapshots',
    types: ['AWS::DocDBElastic::Cluster'],
    expected: ['docdb-elastic-backup-retention', 'general-deletion-policy', 'general-update-replace-policy'],
    cdk(stack) {
      new docdbelastic.CfnCluster(stack, 'Docs', {
        clusterName: 'docs',
        adminUserName: 'admin',
        adminUserPassword: 'not-a-real-password',
        authType: 'PLAIN_TEXT',
        shardCapacity: 2,
        shardCount: 1,
        backupRetentionPeriod: 1,
      });
    },
    pulumi() {
      new aws.docdb.ElasticCluster('docs', {
        name: 'docs',
        adminUserName: 'admin',
        adminUserPassword: 'not-a-real-password',
        authType: 'PLAIN_TEXT',
        shardCapacity: 2,
        shardCount: 1,
        backupRetentionPeriod: 1,
      });
    },
  },
  {
    name: 'Redshift cluster: one day of automated snapshots, no customer managed key',
    types: ['AWS::Redshift::Cluster'],
    expected: [
      'general-deletion-policy',
      'general-update-replace-policy',
      'redshift-customer-managed-key',
      'redshift-snapshot-retention',
    ],
    cdk(stack) {
      new redshift.CfnCluster(stack, 'Warehouse', {
        clusterType: 'single-node',
        dbName: 'dw',
        masterUsername: 'admin',
        masterUserPassword: 'Not-a-real-passw0rd',
        nodeType: 'ra3.xlplus',
        automatedSnapshotRetentionPeriod: 1,
      });
    },
    pulumi() {
      new aws.redshift.Cluster('warehouse', {
        clusterIdentifier: 'warehouse',
        clusterType: 'single-node',
        databaseName: 'dw',
        masterUsername: 'admin',
        masterPassword: 'Not-a-real-passw0rd',
        nodeType: 'ra3.xlplus',
        automatedSnapshotRetentionPeriod: 1,
        skipFinalSnapshot: true,
      });
    },
  },
  {
    name: 'Redshift Serverless namespace: no customer managed key',
    types: ['AWS::RedshiftServerless::Namespace'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'redshift-customer-managed-key'],
    cdk(stack) {
      new redshiftserverless.CfnNamespace(stack, 'Analytics', { namespaceName: 'analytics' });
    },
    pulumi() {
      new aws.redshiftserverless.Namespace('analytics', { namespaceName: 'analytics' });
    },
  },
  {
    name: 'ElastiCache replication group: no automatic snapshots',
    types: ['AWS::ElastiCache::ReplicationGroup'],
    expected: ['elasticache-snapshot-retention', 'general-deletion-policy', 'general-update-replace-policy'],
    cdk(stack) {
      new elasticache.CfnReplicationGroup(stack, 'Sessions', {
        replicationGroupDescription: 'sessions',
        engine: 'valkey',
        cacheNodeType: 'cache.t4g.small',
        numCacheClusters: 2,
        transitEncryptionEnabled: true,
      });
    },
    pulumi() {
      new aws.elasticache.ReplicationGroup('sessions', {
        description: 'sessions',
        engine: 'valkey',
        nodeType: 'cache.t4g.small',
        numCacheClusters: 2,
        transitEncryptionEnabled: true,
      });
    },
  },
  {
    name: 'ElastiCache serverless Valkey cache: one automatic snapshot',
    types: ['AWS::ElastiCache::ServerlessCache'],
    expected: ['elasticache-snapshot-retention'],
    cdk(stack) {
      // The final snapshot keeps the data when CloudFormation deletes or replaces the cache.
      new elasticache.CfnServerlessCache(stack, 'Queue', {
        engine: 'valkey',
        serverlessCacheName: 'queue',
        snapshotRetentionLimit: 1,
        finalSnapshotName: 'queue-final',
      });
    },
    pulumi() {
      // The AWS provider's serverless cache has no final snapshot: the resource options keep it.
      new aws.elasticache.ServerlessCache(
        'queue',
        { engine: 'valkey', name: 'queue', snapshotRetentionLimit: 1 },
        { protect: true, retainOnDelete: true },
      );
    },
  },
  {
    name: 'MemoryDB cluster: no automatic snapshots, no final snapshot',
    types: ['AWS::MemoryDB::Cluster'],
    expected: [
      'general-deletion-policy',
      'general-update-replace-policy',
      'memorydb-final-snapshot',
      'memorydb-snapshot-retention',
    ],
    cdk(stack) {
      new memorydb.CfnCluster(stack, 'Ledger', {
        clusterName: 'ledger',
        aclName: 'open-access',
        nodeType: 'db.t4g.small',
      });
    },
    pulumi() {
      new aws.memorydb.Cluster('ledger', { name: 'ledger', aclName: 'open-access', nodeType: 'db.t4g.small' });
    },
  },
  {
    name: 'Keyspaces table: point-in-time recovery off',
    types: ['AWS::Cassandra::Table'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'keyspaces-point-in-time-recovery'],
    cdk(stack) {
      new cassandra.CfnTable(stack, 'Orders', {
        keyspaceName: 'shop',
        tableName: 'orders',
        partitionKeyColumns: [{ columnName: 'id', columnType: 'text' }],
      });
    },
    pulumi() {
      new aws.keyspaces.Table('orders', {
        keyspaceName: 'shop',
        tableName: 'orders',
        schemaDefinition: { columns: [{ name: 'id', type: 'text' }], partitionKeys: [{ name: 'id' }] },
      });
    },
  },
  {
    name: 'Timestream table: records deleted after 3 days',
    types: ['AWS::Timestream::Table'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'timestream-magnetic-store-retention'],
    cdk(stack) {
      new timestream.CfnTable(stack, 'Cpu', {
        databaseName: 'metrics',
        tableName: 'cpu',
        retentionProperties: { MemoryStoreRetentionPeriodInHours: '24', MagneticStoreRetentionPeriodInDays: '3' },
      });
    },
    pulumi() {
      new aws.timestreamwrite.Table('cpu', {
        databaseName: 'metrics',
        tableName: 'cpu',
        retentionProperties: { memoryStoreRetentionPeriodInHours: 24, magneticStoreRetentionPeriodInDays: 3 },
      });
    },
  },
  {
    name: 'Lightsail database: automated backups off',
    types: ['AWS::Lightsail::Database'],
    expected: ['general-deletion-policy', 'general-update-replace-policy', 'lightsail-database-backup-retention'],
    cdk(stack) {
      new lightsail.CfnDatabase(stack, 'Shop', {
        relationalDatabaseName: 'shop',
        relationalDatabaseBlueprintId: 'mysql_8_0',
        relationalDatabaseBundleId: 'micro_2_0',
        masterDatabaseName: 'shop',
        masterUsername: 'admin',
        backupRetention: false,
      });
    },
    pulumi() {
      new aws.lightsail.Database('shop', {
        relationalDatabaseName: 'shop',
        blueprintId: 'mysql_8_0',
        bundleId: 'micro_2_0',
        masterDatabaseName: 'shop',
        masterUsername: 'admin',
        masterPassword: 'not-a-real-password',
        backupRetentionEnabled: false,
        skipFinalSnapshot: true,
      });
    },
  },
  // Data lost as a side effect of a delete, and content the check cannot see.
  {
    name: 'file system: replication overwrite protection off, not a replication destination',
    types: ['AWS::EFS::FileSystem'],
    expected: [
      'backup-cross-account-copy',
      'efs-replication-overwrite-protection',
      'general-deletion-policy',
      'general-update-replace-policy',
    ],
    cdk(stack) {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        natGateways: 0,
        subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      new efs.FileSystem(stack, 'Files', {
        ...DESTROY,
        vpc,
        enableAutomaticBackups: true,
        replicationOverwriteProtection: efs.ReplicationOverwriteProtection.DISABLED,
      });
    },
    pulumi() {
      const files = new aws.efs.FileSystem('files', {
        encrypted: true,
        protection: { replicationOverwrite: 'DISABLED' },
      });
      new aws.efs.BackupPolicy('files-backup', { fileSystemId: files.id, backupPolicy: { status: 'ENABLED' } });
    },
  },
  {
    name: 'FSx for Lustre file system: persistent, no automatic backups',
    types: ['AWS::FSx::FileSystem'],
    expected: ['fsx-automatic-backup-retention', 'general-deletion-policy', 'general-update-replace-policy'],
    cdk(stack) {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        natGateways: 0,
        subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      new fsx.LustreFileSystem(stack, 'Scratch', {
        ...DESTROY,
        vpc,
        vpcSubnet: vpc.isolatedSubnets[0],
        storageCapacityGiB: 1200,
        lustreConfiguration: { deploymentType: fsx.LustreDeploymentType.PERSISTENT_2, perUnitStorageThroughput: 125 },
      });
    },
    pulumi() {
      new aws.fsx.LustreFileSystem('scratch', {
        subnetIds: 'subnet-12345678',
        storageCapacity: 1200,
        deploymentType: 'PERSISTENT_2',
        perUnitStorageThroughput: 125,
      });
    },
  },
  {
    name: 'FSx for OpenZFS file system: deleted with its child volumes and snapshots',
    types: ['AWS::FSx::FileSystem'],
    expected: ['fsx-no-delete-child-volumes'],
    cdk(stack) {
      // The provider's file system takes a final backup when destroyed (`skip_final_backup` defaults to false), which
      // keeps its data as retaining it does here; CloudFormation has no final backup.
      const zfs = new fsx.CfnFileSystem(stack, 'Zfs', {
        fileSystemType: 'OPENZFS',
        subnetIds: ['subnet-12345678'],
        storageCapacity: 64,
        openZfsConfiguration: {
          deploymentType: 'SINGLE_AZ_2',
          throughputCapacity: 160,
          options: ['DELETE_CHILD_VOLUMES_AND_SNAPSHOTS'],
        },
      });
      zfs.applyRemovalPolicy(RemovalPolicy.RETAIN);
    },
    pulumi() {
      new aws.fsx.OpenZfsFileSystem('zfs', {
        subnetIds: ['subnet-12345678'],
        storageCapacity: 64,
        deploymentType: 'SINGLE_AZ_2',
        throughputCapacity: 160,
        deleteOptions: ['DELETE_CHILD_VOLUMES_AND_SNAPSHOTS'],
      });
    },
  },
  {
    name: 'EC2 instance: data volume deleted when the instance terminates',
    types: ['AWS::EC2::Instance'],
    expected: ['ec2-no-delete-on-termination'],
    cdk(stack) {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        natGateways: 0,
        subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      new ec2.Instance(stack, 'Worker', {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        instanceType: new ec2.InstanceType('t3.micro'),
        machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-12345678' }),
        blockDevices: [{ deviceName: '/dev/sdf', volume: ec2.BlockDeviceVolume.ebs(100) }],
      });
    },
    pulumi() {
      new aws.ec2.Instance('worker', {
        ami: 'ami-12345678',
        instanceType: 't3.micro',
        ebsBlockDevices: [{ deviceName: '/dev/sdf', volumeSize: 100 }],
      });
    },
  },
  {
    name: 'nested CloudFormation stack whose template is only a URL',
    types: ['AWS::CloudFormation::Stack'],
    expected: ['template-unexpanded-content'],
    cdk(stack) {
      new cloudformation.CfnStack(stack, 'Nested', {
        templateUrl: 'https://templates.s3.amazonaws.com/orders.json',
      });
    },
    pulumi() {
      new aws.cloudformation.Stack('nested', {
        name: 'orders',
        templateUrl: 'https://templates.s3.amazonaws.com/orders.json',
      });
    },
  },
];
