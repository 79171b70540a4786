/**
 * A legacy app as many teams have one: every construct at CDK's defaults or
 * tuned for convenience. `cdk synth` fails with Deadbolt's checks on, listing
 * each way this app can lose its data.
 */
import { App, AspectPriority, Aspects, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DataProtectionChecks } from '@deadbolt/cdk';

const app = new App();
const stack = new Stack(app, 'LegacyRecords', { env: { account: '111111111111', region: 'us-east-1' } });

const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });

// RDS with defaults: no deletion protection, automated backups deleted with it, 1-day retention.
const db = new rds.DatabaseInstance(stack, 'StudentRecords', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
});

// DynamoDB without point-in-time recovery, destroyed with the stack.
const table = new dynamodb.Table(stack, 'Enrolments', {
  partitionKey: { name: 'studentId', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  removalPolicy: RemovalPolicy.DESTROY,
});

// S3 emptied and deleted with the stack.
new s3.Bucket(stack, 'Transcripts', {
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: true,
});

// A key that can be scheduled for deletion with a 7-day window.
new kms.Key(stack, 'DataKey', { pendingWindow: Duration.days(7) });

// Backups in an unlocked vault in the same account, and no copy anywhere else.
const vault = new backup.BackupVault(stack, 'Vault', { removalPolicy: RemovalPolicy.DESTROY });
const plan = backup.BackupPlan.daily35DayRetention(stack, 'Plan', vault);
plan.addSelection('Data', {
  resources: [backup.BackupResource.fromRdsDatabaseInstance(db), backup.BackupResource.fromDynamoDbTable(table)],
});

Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
app.synth();
