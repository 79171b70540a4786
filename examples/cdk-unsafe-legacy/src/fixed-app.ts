/**
 * The same app, fixed: every data store kept on removal and replacement,
 * protected from deletion, backed up with its backups kept, and copied by AWS
 * Backup to a compliance-locked vault in a separate backup account
 * (222222222222) that this account's credentials cannot touch.
 */
import { App, AspectPriority, Aspects, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataProtectionChecks } from '@deadbolt/cdk';

const BACKUP_ACCOUNT_VAULT = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';

const app = new App();
const stack = new Stack(app, 'LegacyRecords', {
  env: { account: '111111111111', region: 'us-east-1' },
  terminationProtection: true,
});

const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });

// A customer managed key: RDS snapshots under it can be copied to the backup account.
const key = new kms.Key(stack, 'DataKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });

const db = new rds.DatabaseInstance(stack, 'StudentRecords', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  instanceIdentifier: 'student-records',
  deletionProtection: true,
  removalPolicy: RemovalPolicy.RETAIN,
  deleteAutomatedBackups: false,
  backupRetention: Duration.days(14),
  storageEncrypted: true,
  storageEncryptionKey: key,
});

// The secret CDK generated holds the master password: deleted with the stack, it would leave the retained database and
// its snapshots with a password that exists nowhere. (`db.secret` is its attachment, not the secret.)
(db.node.findChild('Secret') as rds.DatabaseSecret).applyRemovalPolicy(RemovalPolicy.RETAIN);

const table = new dynamodb.Table(stack, 'Enrolments', {
  partitionKey: { name: 'studentId', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  removalPolicy: RemovalPolicy.RETAIN,
  deletionProtection: true,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
});

new s3.Bucket(stack, 'Transcripts', {
  removalPolicy: RemovalPolicy.RETAIN,
  versioned: true,
  encryption: s3.BucketEncryption.KMS,
  encryptionKey: key,
});

// A local vault locked in compliance mode, and a daily plan that copies every
// recovery point to the backup account's vault.
const vault = new backup.BackupVault(stack, 'Vault', {
  removalPolicy: RemovalPolicy.RETAIN,
  lockConfiguration: { minRetention: Duration.days(35), changeableFor: Duration.days(3) },
});
const central = backup.BackupVault.fromBackupVaultArn(stack, 'Central', BACKUP_ACCOUNT_VAULT);
const plan = new backup.BackupPlan(stack, 'Plan', { backupVault: vault });
plan.addRule(
  new backup.BackupPlanRule({
    ruleName: 'DailyWithCopy',
    scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }),
    deleteAfter: Duration.days(35),
    copyActions: [{ destinationBackupVault: central, deleteAfter: Duration.days(365) }],
  }),
);
plan.addSelection('Data', {
  resources: [backup.BackupResource.fromRdsDatabaseInstance(db), backup.BackupResource.fromDynamoDbTable(table)],
});

Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
app.synth();
