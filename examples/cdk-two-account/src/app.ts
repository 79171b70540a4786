/**
 * Two accounts: a workload account (111111111111) whose databases, table,
 * bucket and file system are built from Deadbolt's safe constructs, and a
 * backup account (222222222222) holding the compliance-locked vault every
 * recovery point is copied to. Deadbolt's checks run on the whole App and find
 * no errors.
 */
import { App, AspectPriority, Aspects, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import {
  BackupAccountVault,
  BackupEnrolment,
  DataProtectionChecks,
  IsolatedBackupVault,
  SafeBucket,
  SafeDatabaseCluster,
  SafeDatabaseInstance,
  SafeFileSystem,
  SafeTable,
} from '@deadbolt/cdk';

const WORKLOAD = { account: '111111111111', region: 'us-east-1' };
const BACKUP = { account: '222222222222', region: 'us-east-1' };
const VAULT_NAME = 'central';
/** Written out literally: the workload stack must prove its copies leave the account. */
const CENTRAL_VAULT_ARN = `arn:aws:backup:${BACKUP.region}:${BACKUP.account}:backup-vault:${VAULT_NAME}`;

const app = new App();

// The backup account: deployed first, by credentials the workload account does not hold.
const backupStack = new Stack(app, 'BackupAccount', { env: BACKUP, terminationProtection: true });
new BackupAccountVault(backupStack, 'Central', {
  backupVaultName: VAULT_NAME,
  sourceAccounts: [WORKLOAD.account],
  minRetention: Duration.days(7),
});

// The workload account.
const workload = new Stack(app, 'Workload', { env: WORKLOAD, terminationProtection: true });
const vpc = new ec2.Vpc(workload, 'Vpc', { maxAzs: 2, natGateways: 0 });
const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

const backups = new IsolatedBackupVault(workload, 'Backups', {
  destinationVaultArn: CENTRAL_VAULT_ARN,
  retention: Duration.days(35),
});

const orders = new SafeDatabaseInstance(workload, 'Orders', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc,
  vpcSubnets: isolated,
  instanceIdentifier: 'orders',
  backup: BackupEnrolment.inVault(backups),
});

new SafeDatabaseCluster(workload, 'Ledger', {
  engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
  vpc,
  vpcSubnets: isolated,
  clusterIdentifier: 'ledger',
  writer: rds.ClusterInstance.serverlessV2('Writer'),
  readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
  backup: BackupEnrolment.inVault(backups),
});

new SafeTable(workload, 'Carts', {
  partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING },
  tableName: 'carts',
  backup: BackupEnrolment.inVault(backups),
});

new SafeTable(workload, 'Sessions', {
  partitionKey: { name: 'sessionId', type: dynamodb.AttributeType.STRING },
  tableName: 'sessions',
  timeToLiveAttribute: 'expiresAt',
  backup: BackupEnrolment.optOut('Sessions expire within a day; losing them only logs users out.'),
});

new SafeBucket(workload, 'Invoices', { enforceSSL: true });

const files = new SafeFileSystem(workload, 'Files', {
  vpc,
  vpcSubnets: isolated,
  backup: BackupEnrolment.inVault(backups),
});
files.connections.allowDefaultPortFrom(orders);

Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
