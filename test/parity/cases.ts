/**
 * The same unsafe configurations, written once for CDK and once for Pulumi.
 * The parity test runs both through their front ends and expects the same rule
 * ids: one catalogue, one meaning.
 */
import { Duration, RemovalPolicy, SecretValue, Tags, type Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
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
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
];
