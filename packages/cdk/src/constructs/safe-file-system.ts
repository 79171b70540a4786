import { RemovalPolicy, type Size, Tags } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { BackupEnrolment } from './backup-enrolment';
import type { IBackupTarget } from './isolated-backup-vault';
import { keepL2Descriptions, L2_ID, warnOnAdoption } from './private/adoption';
import { refuse, requireTerminationProtection } from './private/guards';
import { applyEnrolment } from './private/safe-resource';
import { defendForcedSettings, RETAINED_RULES } from './private/self-defence';

/**
 * Properties of a `SafeFileSystem`: those of `efs.FileSystemProps` that cannot
 * weaken its protection. `enableAutomaticBackups` and `removalPolicy` do not
 * exist here, and `encrypted` takes only `true`: they are forced.
 */
export interface SafeFileSystemProps {
  /** The VPC the mount targets are placed in. */
  readonly vpc: ec2.IVpc;
  /**
   * Whether the file system is copied to the backup account: `BackupEnrolment.inVault(vault)`
   * or `BackupEnrolment.optOut(reason)`.
   * @default - not enrolled: `backup-cross-account-copy` reports the file system until it is
   */
  readonly backup?: BackupEnrolment;
  /**
   * The subnets of the mount targets.
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The security group of the mount targets.
   * @default - a new security group
   */
  readonly securityGroup?: ec2.ISecurityGroup;
  /**
   * The file system's name (its `Name` tag).
   * @default - the construct path
   */
  readonly fileSystemName?: string;
  /**
   * Whether the file system is encrypted at rest: it always is, so only `true`
   * is accepted. The prop exists so that an `efs.FileSystem`'s props carried
   * over with `encrypted: false` are refused instead of replacing the file
   * system (`Encrypted` forces replacement, and CloudFormation would create a
   * new, empty one).
   * @default true
   */
  readonly encrypted?: boolean;
  /**
   * The KMS key that encrypts the file system.
   * @default - the AWS managed key `aws/elasticfilesystem`
   */
  readonly kmsKey?: kms.IKey;
  /**
   * The performance mode.
   * @default PerformanceMode.GENERAL_PURPOSE
   */
  readonly performanceMode?: efs.PerformanceMode;
  /**
   * The throughput mode.
   * @default ThroughputMode.BURSTING
   */
  readonly throughputMode?: efs.ThroughputMode;
  /**
   * Provisioned throughput per second, with `ThroughputMode.PROVISIONED`.
   * @default - none
   */
  readonly provisionedThroughputPerSecond?: Size;
  /**
   * When files move to Infrequent Access.
   * @default - they stay in Standard
   */
  readonly lifecyclePolicy?: efs.LifecyclePolicy;
  /**
   * When files move back out of Infrequent Access.
   * @default - they stay in Infrequent Access
   */
  readonly outOfInfrequentAccessPolicy?: efs.OutOfInfrequentAccessPolicy;
  /**
   * When files move to Archive.
   * @default - they are not archived
   */
  readonly transitionToArchivePolicy?: efs.LifecyclePolicy;
  /**
   * Whether clients may mount without IAM authorization.
   * @default false
   */
  readonly allowAnonymousAccess?: boolean;
  /**
   * Whether the file system lives in one Availability Zone.
   * @default false
   */
  readonly oneZone?: boolean;
  /**
   * Whether this construct takes over a file system an `efs.FileSystem` with
   * the same scope and id already deployed. The logical ids match either way;
   * with `adoptExisting`, synthesis warns with every property that would
   * replace the file system (`Encrypted`, which is forced on, among them) and
   * its value here, to compare with `cdk diff` before deploying. An
   * unencrypted file system cannot be adopted: pass the `efs.FileSystem`'s
   * `encrypted` as it was, and `false` is refused with the ways out.
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/**
 * An EFS file system that cannot lose its files to a stack operation.
 *
 * Forced after the caller's props, with no prop to weaken them:
 * - automatic backups (`BackupPolicy.Status: ENABLED`, `efs-automatic-backups`);
 * - DeletionPolicy and UpdateReplacePolicy Retain (`general-deletion-policy`, `general-update-replace-policy`);
 * - encryption at rest;
 * - termination protection on its stack: synthesis fails without it (`stack-termination-protection`).
 *
 * Each forced setting is checked again when the app is synthesized, on the
 * template values, with the catalogue's rules: a later change that weakens one
 * (a property override, `cfnOptions`, `applyRemovalPolicy`, `RemovalPolicies.of(...)`,
 * an aspect, a subclass, `node.tryRemoveChild`) fails synthesis, with or without
 * `DataProtectionChecks`, unless the construct is acknowledged for that rule with a
 * written reason. Termination protection is that of the root stack (a nested
 * stack has none of its own).
 *
 * With `backup`, the file system is selected by an `IsolatedBackupVault`
 * (`backup-cross-account-copy`) or opted out with a written reason. The
 * `FileSystem` is exposed as `fileSystem` for connections, grants and access points.
 *
 * Migrating: the `FileSystem` is this construct's `Default` child, which CDK leaves
 * out of logical ids, so `new SafeFileSystem(scope, 'Files', …)` keeps the logical ids of
 * `new efs.FileSystem(scope, 'Files', …)` and CloudFormation updates that file system instead of
 * replacing it. Pass `adoptExisting: true` and check `cdk diff`
 * (README: "Migrating an existing resource").
 */
export class SafeFileSystem extends Construct implements IBackupTarget, ec2.IConnectable {
  /** The EFS file system. */
  public readonly fileSystem: efs.FileSystem;
  /** The file system's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: string;
  /** Network connections of the mount targets. */
  public readonly connections: ec2.Connections;

  public constructor(scope: Construct, id: string, props: SafeFileSystemProps) {
    super(scope, id);
    if (props.encrypted === false) refuseUnencrypted(this, props.adoptExisting);
    const callerProps: efs.FileSystemProps = {
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroup: props.securityGroup,
      fileSystemName: props.fileSystemName,
      kmsKey: props.kmsKey,
      performanceMode: props.performanceMode,
      throughputMode: props.throughputMode,
      provisionedThroughputPerSecond: props.provisionedThroughputPerSecond,
      lifecyclePolicy: props.lifecyclePolicy,
      outOfInfrequentAccessPolicy: props.outOfInfrequentAccessPolicy,
      transitionToArchivePolicy: props.transitionToArchivePolicy,
      allowAnonymousAccess: props.allowAnonymousAccess,
      oneZone: props.oneZone,
    };
    // Forced values last: nothing above can override them.
    this.fileSystem = new efs.FileSystem(this, L2_ID, {
      ...callerProps,
      enableAutomaticBackups: true,
      encrypted: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepL2Descriptions(this, this.fileSystem);
    // The L2 tags its resources `Name: <its path>` when no name is given: the plain L2's path is this one's.
    if (props.fileSystemName === undefined) Tags.of(this.fileSystem).add('Name', this.node.path);
    const cfn = this.fileSystem.node.defaultChild as efs.CfnFileSystem;
    cfn.backupPolicy = { status: 'ENABLED' };
    cfn.encrypted = true;
    cfn.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.backupResourceArn = this.fileSystem.fileSystemArn;
    this.connections = this.fileSystem.connections;
    if (props.backup) applyEnrolment(this, props.backup);
    requireTerminationProtection(this, 'SafeFileSystem');
    defendForcedSettings(this, {
      what: 'SafeFileSystem',
      guarded: [{ resource: cfn, what: 'file system', ruleIds: [...RETAINED_RULES, 'efs-automatic-backups'] }],
    });
    if (props.adoptExisting)
      warnOnAdoption(this, {
        what: 'SafeFileSystem',
        resource: cfn,
        caution:
          'An `efs.FileSystem` created with `encrypted: false` cannot be adopted (Encrypted forces replacement): pass its `encrypted` as it was, and the construct refuses it with the ways out.',
      });
  }
}

/**
 * An unencrypted file system cannot become a `SafeFileSystem`: EFS encrypts
 * only at creation, so `Encrypted: true` replaces it with a new, empty one.
 * @see https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
 */
function refuseUnencrypted(scope: Construct, adopting: boolean | undefined): never {
  return refuse(
    scope,
    '`encrypted` must be true (or left out): a SafeFileSystem is always encrypted at rest, got false. ' +
      (adopting
        ? 'An existing unencrypted file system cannot be adopted: EFS encrypts only at creation, and CloudFormation replaces an AWS::EFS::FileSystem whose Encrypted changes, with a new, empty one. ' +
          'Keep its `efs.FileSystem` and add the `ProtectStatefulResources` aspect, or move the files to a new encrypted file system ' +
          '(an AWS Backup recovery point of the old one restored into the new one, or a DataSync copy) and retire the old one after checking the copy.'
        : 'For a new file system, leave `encrypted` out.'),
  );
}
