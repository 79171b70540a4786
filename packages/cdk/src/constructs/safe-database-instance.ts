import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import type { BackupEnrolment } from './backup-enrolment';
import type { IBackupTarget } from './isolated-backup-vault';
import { keepL2Descriptions, L2_ID, requireAdoptedKey, requiredName, warnOnAdoption } from './private/adoption';
import { requireTerminationProtection } from './private/guards';
import {
  applyEnrolment,
  backupRetention,
  checkIdentifier,
  databaseKey,
  defendDatabase,
  retainSecrets,
} from './private/safe-resource';

/**
 * Properties of a `SafeDatabaseInstance`: those of `rds.DatabaseInstanceProps`
 * that cannot weaken its protection. `deletionProtection`, `removalPolicy`,
 * `deleteAutomatedBackups` and `storageEncrypted` do not exist here: they are forced.
 */
export interface SafeDatabaseInstanceProps {
  /** The database engine. */
  readonly engine: rds.IInstanceEngine;
  /** The VPC the instance is placed in. */
  readonly vpc: ec2.IVpc;
  /**
   * The instance identifier. Required for a new database: with a fixed
   * identifier, an update that would replace the database fails instead of
   * creating a new, empty one. With `adoptExisting`, give exactly what the
   * `DatabaseInstance` had (leave it out if it had none): a new identifier
   * replaces the database.
   * @default - required, unless `adoptExisting` is true
   */
  readonly instanceIdentifier?: string;
  /** Whether the database is copied to the backup account: `BackupEnrolment.inVault(vault)` or `BackupEnrolment.optOut(reason)`. */
  readonly backup: BackupEnrolment;
  /**
   * How long automated backups are kept: 7 to 35 days.
   * @default Duration.days(14)
   */
  readonly backupRetention?: Duration;
  /**
   * The daily window for automated backups, `hh24:mi-hh24:mi` UTC.
   * @default - chosen by RDS
   */
  readonly preferredBackupWindow?: string;
  /**
   * The key that encrypts the storage and snapshots. Its policy must let the
   * backup account use it; when it is a `kms.Key` of this app, the statements are added.
   * Required with `adoptExisting`: the key that encrypts the database now (a new key replaces it).
   * @default - a customer managed key is created and retained (30-day deletion window)
   */
  readonly storageEncryptionKey?: kms.IKey;
  /**
   * The subnets the instance is placed in.
   * @default - private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The subnet group the instance is placed in. With `adoptExisting`, give the
   * one the `DatabaseInstance` had (its `subnetGroup`, or
   * `rds.SubnetGroup.fromSubnetGroupName(this, 'Subnets', '<name>')`): another
   * `DBSubnetGroupName` replaces the database.
   * @default - a new subnet group of `vpcSubnets`
   */
  readonly subnetGroup?: rds.ISubnetGroup;
  /**
   * The Availability Zone of a single-AZ instance (a change may replace it).
   * @default - chosen by RDS
   */
  readonly availabilityZone?: string;
  /**
   * The character set, for the engines that take one (Oracle, Db2). A change
   * replaces the database: give what the adopted `DatabaseInstance` had.
   * @default - the engine's default
   */
  readonly characterSetName?: string;
  /**
   * The time zone, for SQL Server. A change replaces the database: give what
   * the adopted `DatabaseInstance` had.
   * @default - UTC
   */
  readonly timezone?: string;
  /**
   * The compute and memory of the instance.
   * @default - m5.large (the `DatabaseInstance` default)
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * The allocated storage, in GiB.
   * @default 100
   */
  readonly allocatedStorage?: number;
  /**
   * The upper limit for storage autoscaling, in GiB.
   * @default - no autoscaling
   */
  readonly maxAllocatedStorage?: number;
  /**
   * The storage type.
   * @default StorageType.GP2
   */
  readonly storageType?: rds.StorageType;
  /**
   * Provisioned IOPS, for the storage types that take it.
   * @default - none
   */
  readonly iops?: number;
  /**
   * The master user's credentials.
   * @default - a user `admin` with a password generated in Secrets Manager
   */
  readonly credentials?: rds.Credentials;
  /**
   * The name of a database created with the instance.
   * @default - none
   */
  readonly databaseName?: string;
  /**
   * Whether the instance is Multi-AZ.
   * @default false
   */
  readonly multiAz?: boolean;
  /**
   * Security groups of the instance.
   * @default - a new security group
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * The port the database listens on.
   * @default - the engine's default port
   */
  readonly port?: number;
  /**
   * The parameter group.
   * @default - the engine's default parameter group
   */
  readonly parameterGroup?: rds.IParameterGroup;
  /**
   * The weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC.
   * @default - chosen by RDS
   */
  readonly preferredMaintenanceWindow?: string;
  /**
   * Log types exported to CloudWatch Logs.
   * @default - none
   */
  readonly cloudwatchLogsExports?: string[];
  /**
   * Whether Performance Insights is on.
   * @default false
   */
  readonly enablePerformanceInsights?: boolean;
  /**
   * How long Performance Insights data is kept.
   * @default - 7 days, with Performance Insights on
   */
  readonly performanceInsightRetention?: rds.PerformanceInsightRetention;
  /**
   * The key that encrypts Performance Insights data (a change may replace the
   * instance: give what the adopted `DatabaseInstance` had).
   * @default - the AWS managed key
   */
  readonly performanceInsightEncryptionKey?: kms.IKey;
  /**
   * The Enhanced Monitoring interval.
   * @default - no Enhanced Monitoring
   */
  readonly monitoringInterval?: Duration;
  /**
   * Whether minor engine upgrades are applied automatically.
   * @default true
   */
  readonly autoMinorVersionUpgrade?: boolean;
  /**
   * Whether major engine upgrades are allowed.
   * @default false
   */
  readonly allowMajorVersionUpgrade?: boolean;
  /**
   * The CA certificate of the instance.
   * @default - the RDS default
   */
  readonly caCertificate?: rds.CaCertificate;
  /**
   * Whether IAM database authentication is on.
   * @default false
   */
  readonly iamAuthentication?: boolean;
  /**
   * Whether the instance is reachable from the internet.
   * @default - false, unless placed in public subnets
   */
  readonly publiclyAccessible?: boolean;
  /**
   * Whether this construct takes over a database an `rds.DatabaseInstance` with
   * the same scope and id already deployed. The logical ids match either way;
   * with `adoptExisting`, `instanceIdentifier` may be left out (as the old one
   * had none), `storageEncryptionKey` is required (a new key replaces the
   * database), and synthesis warns with every property that would replace the
   * database and its value here, to compare with `cdk diff` before deploying.
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/**
 * An RDS database instance that cannot lose its data to a stack operation.
 *
 * Forced after the caller's props, with no prop to weaken them:
 * - deletion protection (`rds-deletion-protection`);
 * - DeletionPolicy and UpdateReplacePolicy Retain (`general-deletion-policy`,
 *   `general-update-replace-policy`: RDS defaults DeletionPolicy to Snapshot but
 *   UpdateReplacePolicy to Delete);
 * - `DeleteAutomatedBackups: false` (`rds-automated-backups-retained`);
 * - automated backups kept 7 to 35 days, 14 by default (`rds-backup-retention`);
 * - storage encrypted with a customer managed key, created, retained and with
 *   the 30-day window unless one is given, whose policy lets the backup account
 *   use copies (`rds-customer-managed-key`, `kms-key-deletion-window`);
 * - an explicit `instanceIdentifier`, so a replacing update fails instead of replacing
 *   (unless it adopts a database that has none);
 * - a backup choice: enrolment in an `IsolatedBackupVault` (`backup-cross-account-copy`),
 *   or an opt-out with a written reason, tagged and acknowledged for that rule only;
 * - termination protection on its stack: synthesis fails without it
 *   (`stack-termination-protection`).
 *
 * Each forced setting is checked again when the app is synthesized, on the
 * template values, with the catalogue's rules: a later change that weakens one
 * (a property override, `cfnOptions`, `applyRemovalPolicy`, `RemovalPolicies.of(...)`,
 * an aspect, a subclass, `node.tryRemoveChild`) fails synthesis, with or without
 * `DataProtectionChecks`, unless the construct is acknowledged for that rule with a
 * written reason. Termination protection is that of the root stack (a nested
 * stack has none of its own).
 *
 * The `DatabaseInstance` is exposed as `instance` for connections, the secret and metrics.
 *
 * Migrating: the `DatabaseInstance` is this construct's `Default` child, which
 * CDK leaves out of logical ids, so `new SafeDatabaseInstance(scope, 'Db', …)`
 * keeps the logical ids of `new rds.DatabaseInstance(scope, 'Db', …)` (the
 * instance, its secret, subnet group and security group). Pass
 * `adoptExisting: true` with the database's key and identifier, and check
 * `cdk diff` (README: "Migrating an existing resource").
 */
export class SafeDatabaseInstance extends Construct implements IBackupTarget, ec2.IConnectable {
  /** The RDS instance. */
  public readonly instance: rds.DatabaseInstance;
  /** The key that encrypts it. */
  public readonly encryptionKey: kms.IKey;
  /** The instance's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: string;
  /** Network connections of the instance. */
  public readonly connections: ec2.Connections;

  public constructor(scope: Construct, id: string, props: SafeDatabaseInstanceProps) {
    super(scope, id);
    const name = requiredName(this, 'instanceIdentifier', props.instanceIdentifier, props.adoptExisting);
    const instanceIdentifier = name === undefined ? undefined : checkIdentifier(this, 'instanceIdentifier', name);
    if (props.adoptExisting)
      requireAdoptedKey(this, 'SafeDatabaseInstance', 'AWS::RDS::DBInstance', props.storageEncryptionKey);
    const retention = backupRetention(this, props.backupRetention);
    const key = databaseKey(this, props.storageEncryptionKey, props.backup, 'RDS instance');

    const callerProps: rds.DatabaseInstanceProps = {
      engine: props.engine,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      subnetGroup: props.subnetGroup,
      availabilityZone: props.availabilityZone,
      characterSetName: props.characterSetName,
      timezone: props.timezone,
      instanceType: props.instanceType,
      allocatedStorage: props.allocatedStorage,
      maxAllocatedStorage: props.maxAllocatedStorage,
      storageType: props.storageType,
      iops: props.iops,
      credentials: props.credentials,
      databaseName: props.databaseName,
      multiAz: props.multiAz,
      securityGroups: props.securityGroups,
      port: props.port,
      parameterGroup: props.parameterGroup,
      preferredBackupWindow: props.preferredBackupWindow,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      cloudwatchLogsExports: props.cloudwatchLogsExports,
      enablePerformanceInsights: props.enablePerformanceInsights,
      performanceInsightRetention: props.performanceInsightRetention,
      performanceInsightEncryptionKey: props.performanceInsightEncryptionKey,
      monitoringInterval: props.monitoringInterval,
      autoMinorVersionUpgrade: props.autoMinorVersionUpgrade,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade,
      caCertificate: props.caCertificate,
      iamAuthentication: props.iamAuthentication,
      publiclyAccessible: props.publiclyAccessible,
    };
    // Forced values last: nothing above can override them.
    this.instance = new rds.DatabaseInstance(this, L2_ID, {
      ...callerProps,
      instanceIdentifier,
      backupRetention: retention,
      deletionProtection: true,
      deleteAutomatedBackups: false,
      removalPolicy: RemovalPolicy.RETAIN,
      storageEncrypted: true,
      storageEncryptionKey: key,
    });
    // And on the template resource itself, whatever the L2 makes of its props.
    keepL2Descriptions(this, this.instance);
    const cfn = this.instance.node.defaultChild as rds.CfnDBInstance;
    cfn.deletionProtection = true;
    cfn.deleteAutomatedBackups = false;
    cfn.storageEncrypted = true;
    cfn.applyRemovalPolicy(RemovalPolicy.RETAIN);

    // A retained database whose generated master secret is deleted cannot be logged into.
    retainSecrets(this.instance);
    this.encryptionKey = key;
    this.backupResourceArn = this.instance.instanceArn;
    this.connections = this.instance.connections;
    applyEnrolment(this, props.backup);
    requireTerminationProtection(this, 'SafeDatabaseInstance');
    defendDatabase(this, 'SafeDatabaseInstance', cfn, this.instance, key, props.storageEncryptionKey === undefined);
    if (props.adoptExisting) {
      warnOnAdoption(this, {
        what: 'SafeDatabaseInstance',
        resource: cfn,
        generatedName: instanceIdentifier === undefined ? 'instanceIdentifier' : undefined,
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html
        inPlace:
          'The raised BackupRetentionPeriod shows as "may cause replacement" (the specification cannot tell): RDS changes a retention between two non-zero values in place; ' +
          'only turning automated backups on or off (to or from 0) interrupts the instance.',
        caution:
          'A database restored from a snapshot (`rds.DatabaseInstanceFromSnapshot`: DBSnapshotIdentifier) or created as a read replica (`rds.DatabaseInstanceReadReplica`: SourceDBInstanceIdentifier) cannot be adopted: ' +
          'this template has neither, and CloudFormation would create a new, empty database. Keep that L2 and add the `ProtectStatefulResources` aspect.',
      });
    }
  }
}
