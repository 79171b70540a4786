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
 * Properties of a `SafeDatabaseCluster`: those of `rds.DatabaseClusterProps`
 * that cannot weaken its protection. `deletionProtection`, `removalPolicy`,
 * `deleteAutomatedBackups` and `storageEncrypted` do not exist here: they are forced.
 */
export interface SafeDatabaseClusterProps {
  /** The database engine (Aurora MySQL, Aurora PostgreSQL, or a Multi-AZ DB cluster engine). */
  readonly engine: rds.IClusterEngine;
  /** The VPC the cluster is placed in. */
  readonly vpc: ec2.IVpc;
  /**
   * The cluster identifier. Required for a new cluster: with a fixed
   * identifier, an update that would replace the cluster fails instead of
   * creating a new, empty one. With `adoptExisting`, give exactly what the
   * `DatabaseCluster` had (leave it out if it had none): a new identifier
   * replaces the cluster.
   * @default - required, unless `adoptExisting` is true
   */
  readonly clusterIdentifier?: string;
  /**
   * The writer instance, e.g. `ClusterInstance.provisioned('Writer')` or `ClusterInstance.serverlessV2('Writer')`.
   * To adopt a `DatabaseCluster` declared with the deprecated `instances`/`instanceProps`, use
   * `ClusterInstance.provisioned('Instance1', { instanceType, isFromLegacyInstanceProps: true })` and
   * readers `'Instance2'`, `'Instance3'`… likewise: these keep the instances' logical ids and properties.
   * If that cluster had an `instanceIdentifierBase` or a `clusterIdentifier`, also give each instance the
   * `instanceIdentifier` it got: `<instanceIdentifierBase>1`, or else `<clusterIdentifier>instance1`, and so on.
   */
  readonly writer: rds.IClusterInstance;
  /**
   * Reader instances.
   * @default - none
   */
  readonly readers?: rds.IClusterInstance[];
  /** Whether the cluster is copied to the backup account: `BackupEnrolment.inVault(vault)` or `BackupEnrolment.optOut(reason)`. */
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
   * Required with `adoptExisting`: the key that encrypts the cluster now (a new key replaces it).
   * @default - a customer managed key is created and retained (30-day deletion window)
   */
  readonly storageEncryptionKey?: kms.IKey;
  /**
   * The subnets the instances are placed in.
   * @default - private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The subnet group the cluster is placed in. With `adoptExisting`, give the
   * one the `DatabaseCluster` had (its `subnetGroup`, or
   * `rds.SubnetGroup.fromSubnetGroupName(this, 'Subnets', '<name>')`): another
   * `DBSubnetGroupName` replaces the cluster.
   * @default - a new subnet group of `vpcSubnets`
   */
  readonly subnetGroup?: rds.ISubnetGroup;
  /**
   * The master user's credentials.
   * @default - a user `admin` with a password generated in Secrets Manager
   */
  readonly credentials?: rds.Credentials;
  /**
   * The name of a database created with the cluster.
   * @default - none
   */
  readonly defaultDatabaseName?: string;
  /**
   * Security groups of the cluster.
   * @default - a new security group
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * The port the database listens on.
   * @default - the engine's default port
   */
  readonly port?: number;
  /**
   * The cluster parameter group.
   * @default - the engine's default parameter group
   */
  readonly parameterGroup?: rds.IParameterGroup;
  /**
   * The weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC.
   * @default - chosen by RDS
   */
  readonly preferredMaintenanceWindow?: string;
  /**
   * The least capacity of Serverless v2 instances, in ACUs.
   * @default 0.5
   */
  readonly serverlessV2MinCapacity?: number;
  /**
   * The most capacity of Serverless v2 instances, in ACUs.
   * @default 2
   */
  readonly serverlessV2MaxCapacity?: number;
  /**
   * The storage type (Aurora Standard or I/O-Optimized).
   * @default DBClusterStorageType.AURORA
   */
  readonly storageType?: rds.DBClusterStorageType;
  /**
   * Log types exported to CloudWatch Logs.
   * @default - none
   */
  readonly cloudwatchLogsExports?: string[];
  /**
   * Whether IAM database authentication is on.
   * @default false
   */
  readonly iamAuthentication?: boolean;
  /**
   * Whether the RDS Data API is on.
   * @default false
   */
  readonly enableDataApi?: boolean;
  /**
   * Whether this construct takes over a cluster an `rds.DatabaseCluster` with
   * the same scope and id already deployed. The logical ids match either way;
   * with `adoptExisting`, `clusterIdentifier` may be left out (as the old one
   * had none), `storageEncryptionKey` is required (a new key replaces the
   * cluster), and synthesis warns with every property that would replace the
   * cluster and its value here, to compare with `cdk diff` before deploying.
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/**
 * An Aurora (or Multi-AZ) RDS database cluster that cannot lose its data to a stack operation.
 *
 * Forced after the caller's props, with no prop to weaken them:
 * - deletion protection (`rds-deletion-protection`);
 * - DeletionPolicy and UpdateReplacePolicy Retain on the cluster and its
 *   instances (`general-deletion-policy`, `general-update-replace-policy`: RDS
 *   defaults DeletionPolicy to Snapshot but UpdateReplacePolicy to Delete);
 * - `DeleteAutomatedBackups: false` (`rds-automated-backups-retained`);
 * - automated backups kept 7 to 35 days, 14 by default (`rds-backup-retention`);
 * - storage encrypted with a customer managed key, created, retained and with
 *   the 30-day window unless one is given, whose policy lets the backup account
 *   use copies (`rds-customer-managed-key`, `kms-key-deletion-window`): Aurora
 *   clusters otherwise get the AWS owned key, which no copy can leave the account with;
 * - an explicit `clusterIdentifier`, so a replacing update fails instead of replacing
 *   (unless it adopts a cluster that has none);
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
 * The `DatabaseCluster` is exposed as `cluster` for connections, the secret and metrics.
 *
 * Migrating: the `DatabaseCluster` is this construct's `Default` child, which
 * CDK leaves out of logical ids, so `new SafeDatabaseCluster(scope, 'Db', …)`
 * keeps the logical ids of `new rds.DatabaseCluster(scope, 'Db', …)` (the
 * cluster, its instances, secret, subnet group and security group). Pass
 * `adoptExisting: true` with the cluster's key and identifier, and check
 * `cdk diff` (README: "Migrating an existing resource").
 */
export class SafeDatabaseCluster extends Construct implements IBackupTarget, ec2.IConnectable {
  /** The RDS cluster. */
  public readonly cluster: rds.DatabaseCluster;
  /** The key that encrypts it. */
  public readonly encryptionKey: kms.IKey;
  /** The cluster's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: string;
  /** Network connections of the cluster. */
  public readonly connections: ec2.Connections;

  public constructor(scope: Construct, id: string, props: SafeDatabaseClusterProps) {
    super(scope, id);
    const name = requiredName(this, 'clusterIdentifier', props.clusterIdentifier, props.adoptExisting);
    const clusterIdentifier = name === undefined ? undefined : checkIdentifier(this, 'clusterIdentifier', name);
    if (props.adoptExisting)
      requireAdoptedKey(this, 'SafeDatabaseCluster', 'AWS::RDS::DBCluster', props.storageEncryptionKey);
    const retention = backupRetention(this, props.backupRetention);
    const key = databaseKey(this, props.storageEncryptionKey, props.backup, 'RDS cluster');

    const callerProps: rds.DatabaseClusterProps = {
      engine: props.engine,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      subnetGroup: props.subnetGroup,
      writer: props.writer,
      readers: props.readers,
      credentials: props.credentials,
      defaultDatabaseName: props.defaultDatabaseName,
      securityGroups: props.securityGroups,
      port: props.port,
      parameterGroup: props.parameterGroup,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      serverlessV2MinCapacity: props.serverlessV2MinCapacity,
      serverlessV2MaxCapacity: props.serverlessV2MaxCapacity,
      storageType: props.storageType,
      cloudwatchLogsExports: props.cloudwatchLogsExports,
      iamAuthentication: props.iamAuthentication,
      enableDataApi: props.enableDataApi,
    };
    // Forced values last: nothing above can override them.
    this.cluster = new rds.DatabaseCluster(this, L2_ID, {
      ...callerProps,
      clusterIdentifier,
      backup: { retention, preferredWindow: props.preferredBackupWindow },
      deletionProtection: true,
      deleteAutomatedBackups: false,
      removalPolicy: RemovalPolicy.RETAIN,
      storageEncrypted: true,
      storageEncryptionKey: key,
    });
    // And on the template resources themselves, whatever the L2 makes of its props.
    keepL2Descriptions(this, this.cluster);
    const cfn = this.cluster.node.defaultChild as rds.CfnDBCluster;
    cfn.deletionProtection = true;
    cfn.deleteAutomatedBackups = false;
    cfn.storageEncrypted = true;
    cfn.applyRemovalPolicy(RemovalPolicy.RETAIN);
    for (const child of this.cluster.node.findAll()) {
      if (child instanceof rds.CfnDBInstance) child.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    // A retained database whose generated master secret is deleted cannot be logged into.
    retainSecrets(this.cluster);
    this.encryptionKey = key;
    this.backupResourceArn = this.cluster.clusterArn;
    this.connections = this.cluster.connections;
    applyEnrolment(this, props.backup);
    requireTerminationProtection(this, 'SafeDatabaseCluster');
    defendDatabase(this, 'SafeDatabaseCluster', cfn, this.cluster, key, props.storageEncryptionKey === undefined);
    if (props.adoptExisting) {
      warnOnAdoption(this, {
        what: 'SafeDatabaseCluster',
        resource: cfn,
        generatedName: clusterIdentifier === undefined ? 'clusterIdentifier' : undefined,
        caution:
          'A cluster restored from a snapshot (`rds.DatabaseClusterFromSnapshot`: SnapshotIdentifier) cannot be adopted: this template has none, and CloudFormation would create a new, empty cluster; keep that L2 and add the `ProtectStatefulResources` aspect. ' +
          "A `DatabaseCluster` declared with `instances`/`instanceProps` keeps its instances only as `writer: rds.ClusterInstance.provisioned('Instance1', { isFromLegacyInstanceProps: true, … })` and readers `'Instance2'`, `'Instance3'`… " +
          "(with `instanceIdentifier: '<instanceIdentifierBase>1'`, or else `'<clusterIdentifier>instance1'`, and so on, when it had either): other ids remove them and create new ones.",
      });
    }
  }
}
