/**
 * A CDK app written the way packages/cdk/README.md shows, compiled in a fresh
 * project against the packed @deadbolt/cdk (strict, `skipLibCheck: false`) by
 * test/packaging/cdk-tarball.test.ts. `node app.js <variant>` synthesizes to
 * `cdk.out`:
 *
 * - `unsafe`: a legacy stack judged by the checks (Aspect) and the plugin
 *   (CDK's `Validations` API); synthesis reports every finding.
 * - `fixed`: the same stack under `ProtectStatefulResources`, then the checks;
 *   prints the fixer's changes as JSON.
 * - `safe`: two accounts built from the safe constructs; no error findings.
 */
import { App, AspectPriority, Aspects, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  BackupAccountVault,
  BackupEnrolment,
  DataProtectionChecks,
  DataProtectionPlugin,
  IsolatedBackupVault,
  ProtectStatefulResources,
  SafeBucket,
  SafeDatabaseInstance,
  SafeTable,
} from '@deadbolt/cdk';

const WORKLOAD = { account: '111111111111', region: 'us-east-1' };
const BACKUP = { account: '222222222222', region: 'us-east-1' };

/** What many apps already hold: an RDS instance at CDK's defaults, a table without recovery, an emptied bucket. */
function legacyStack(app: App): Stack {
  const stack = new Stack(app, 'Legacy', { env: WORKLOAD });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  new rds.DatabaseInstance(stack, 'Records', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  new dynamodb.Table(stack, 'Enrolments', {
    partitionKey: { name: 'studentId', type: dynamodb.AttributeType.STRING },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new s3.Bucket(stack, 'Transcripts', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  return stack;
}

function unsafeApp(app: App): void {
  legacyStack(app);
  Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
  Validations.of(app).addPlugins(new DataProtectionPlugin());
}

function fixedApp(app: App): ProtectStatefulResources {
  legacyStack(app);
  const fixer = new ProtectStatefulResources();
  Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
  Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
  return fixer;
}

function safeApp(app: App): void {
  const backupStack = new Stack(app, 'Backup', { env: BACKUP, terminationProtection: true });
  new BackupAccountVault(backupStack, 'Central', {
    backupVaultName: 'central',
    sourceAccounts: [WORKLOAD.account],
    minRetention: Duration.days(7),
  });

  const workload = new Stack(app, 'Workload', { env: WORKLOAD, terminationProtection: true });
  const vpc = new ec2.Vpc(workload, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const backups = new IsolatedBackupVault(workload, 'Backups', {
    destinationVaultArn: `arn:aws:backup:${BACKUP.region}:${BACKUP.account}:backup-vault:central`,
  });
  new SafeDatabaseInstance(workload, 'Orders', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceIdentifier: 'orders',
    backup: BackupEnrolment.inVault(backups),
  });
  new SafeTable(workload, 'Carts', {
    partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING },
    tableName: 'carts',
    backup: BackupEnrolment.inVault(backups),
  });
  new SafeBucket(workload, 'Uploads', { enforceSSL: true });

  Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
  Validations.of(app).addPlugins(new DataProtectionPlugin());
}

const variant = process.argv[2];
const app = new App({ outdir: 'cdk.out' });
let fixer: ProtectStatefulResources | undefined;
if (variant === 'unsafe') unsafeApp(app);
else if (variant === 'fixed') fixer = fixedApp(app);
else if (variant === 'safe') safeApp(app);
else throw new Error(`Unknown variant \`${variant}\`: pass unsafe, fixed or safe.`);
app.synth();
if (fixer) console.log(JSON.stringify(fixer.changes));
