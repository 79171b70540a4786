import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { BackupEnrolment } from './backup-enrolment';
import type { BackupTarget } from './isolated-backup-vault';
import { checkEnrolment } from './private/enrolment';
import {
  checkComponentOptions,
  checked,
  daysProblem,
  guardedOptions,
  isDeferred,
  protectedTags,
  refuse,
  refuseForced,
  type Forced,
} from './private/guards';
import { copyKeyPolicy, retainedKey } from './private/keys';
import { providerSafeValue } from '@deadbolt/rules';

const TYPE = 'deadbolt:rds:SafeDatabase';

/** The least automated backup retention a safe database accepts (`rds-backup-retention`). */
export const MIN_BACKUP_RETENTION_DAYS = 7;
/** RDS's longest automated backup retention. */
export const MAX_BACKUP_RETENTION_DAYS = 35;

/** The protection table's safe value for an RDS setting (the same for instances and clusters). */
const safe = (terraformPath: string) => providerSafeValue('AWS::RDS::DBInstance', terraformPath);

/**
 * Settings every database of this component gets, whatever the caller passes
 * (shared by instance and cluster). The protective values are the catalogue's
 * protection table's; the others are what this component adds.
 */
const DATABASE_FORCED = {
  deletionProtection: { value: safe('deletion_protection') as true },
  deleteAutomatedBackups: { value: safe('delete_automated_backups') as false },
  backupRetentionPeriod: { use: '`backupRetention` (7 to 35 days)' },
  storageEncrypted: { value: true },
  kmsKeyId: { use: '`storageEncryptionKey`' },
  skipFinalSnapshot: { value: safe('skip_final_snapshot') as false },
  finalSnapshotIdentifier: { use: 'nothing: it is `<identifier>-final`' },
  copyTagsToSnapshot: { value: true },
} as const satisfies Record<string, Forced>;

const INSTANCE_FORCED = {
  ...DATABASE_FORCED,
  identifier: { use: '`identifier`' },
  identifierPrefix: { use: '`identifier`' },
  blueGreenUpdate: {
    why:
      'after a Blue/Green switchover the provider deletes the old instance with `SkipFinalSnapshot` true and without keeping its automated backups, ' +
      'so the old instance and its point-in-time backups are lost without a final snapshot, whatever `skipFinalSnapshot` and `deleteAutomatedBackups` say',
    use: 'an ordinary in-place update, or a Blue/Green deployment run outside Pulumi after taking a manual snapshot',
  },
} as const satisfies Record<string, Forced>;

const CLUSTER_FORCED = {
  ...DATABASE_FORCED,
  clusterIdentifier: { use: '`identifier`' },
  clusterIdentifierPrefix: { use: '`identifier`' },
} as const satisfies Record<string, Forced>;

const MEMBER_FORCED = {
  clusterIdentifier: { use: "nothing: members join this component's cluster" },
  identifier: { use: 'nothing: members are `<identifier>-<n>`' },
  identifierPrefix: { use: 'nothing: members are `<identifier>-<n>`' },
  forceDestroy: { value: false },
  copyTagsToSnapshot: { value: true },
} as const satisfies Record<string, Forced>;

/** The `aws.rds.Instance` args a `SafeDatabase` passes through: all but those it forces. */
export type SafeDatabaseInstanceArgs = Omit<aws.rds.InstanceArgs, keyof typeof INSTANCE_FORCED>;

/** The `aws.rds.Cluster` args a `SafeDatabase` passes through: all but those it forces. */
export type SafeDatabaseClusterArgs = Omit<aws.rds.ClusterArgs, keyof typeof CLUSTER_FORCED>;

/** The `aws.rds.ClusterInstance` args a `SafeDatabase` passes through; `engine` defaults to the cluster's. */
export type SafeDatabaseClusterInstanceArgs = Omit<
  aws.rds.ClusterInstanceArgs,
  keyof typeof MEMBER_FORCED | 'engine'
> & {
  /**
   * The member's engine.
   * @default - the cluster's engine
   */
  readonly engine?: aws.rds.ClusterInstanceArgs['engine'];
};

/** An Aurora cluster and its instances. */
export interface SafeDatabaseAuroraArgs {
  /** The cluster's settings (`engine`, `engineVersion`, `masterUsername`, `dbSubnetGroupName`, …). */
  readonly cluster: SafeDatabaseClusterArgs;
  /** The cluster's instances, the writer first: at least one. */
  readonly instances: SafeDatabaseClusterInstanceArgs[];
}

/** Arguments of a `SafeDatabase`. Give exactly one of `instance` or `aurora`. */
export interface SafeDatabaseArgs {
  /**
   * The database identifier (the cluster's, for `aurora`; its instances are
   * `<identifier>-1`, `<identifier>-2`, …). Required: with a fixed identifier, an
   * update that would replace the database fails instead of creating a new, empty one.
   */
  readonly identifier: pulumi.Input<string>;

  /** Whether the database is copied to the backup account: `BackupEnrolment.inVault(vault)` or `BackupEnrolment.optOut(reason)`. */
  readonly backup: BackupEnrolment;

  /**
   * How long automated backups are kept, in days: 7 to 35.
   * @default 14
   */
  readonly backupRetention?: pulumi.Input<number>;

  /**
   * The key that encrypts the storage and snapshots. Its policy must let the
   * backup account use it for copies (a key created here gets that policy).
   * @default - a customer managed key is created and retained (30-day deletion window, rotation on)
   */
  readonly storageEncryptionKey?: aws.kms.Key;

  /**
   * A standalone RDS instance, with these `aws.rds.Instance` args (`instanceClass`, `engine`, …).
   * @default - none: `aurora` must be given
   */
  readonly instance?: SafeDatabaseInstanceArgs;

  /**
   * An Aurora cluster and its instances.
   * @default - none: `instance` must be given
   */
  readonly aurora?: SafeDatabaseAuroraArgs;
}

/**
 * Checks an RDS identifier: 1 to 63 letters, digits or hyphens, starting with a
 * letter, no two hyphens in a row, not ending with one.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints
 */
function identifierProblem(value: unknown, suffix = ''): string | undefined {
  const full = typeof value === 'string' ? `${value}${suffix}` : value;
  if (typeof full !== 'string' || !/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/.test(full) || full.endsWith('-')) {
    return `\`identifier\` must be 1 to ${63 - suffix.length} letters, digits or hyphens, start with a letter, with no two hyphens in a row and no hyphen at the end, got ${JSON.stringify(value)}.`;
  }
  return undefined;
}

/** Checks the args and options of a `SafeDatabase`, throwing for misuse; returns the checked values. */
function checkArgs(name: string, args: SafeDatabaseArgs, opts: pulumi.ComponentResourceOptions | undefined) {
  checkComponentOptions(TYPE, name, opts);
  if (!args) refuse(TYPE, name, '`args` are required: pass `identifier`, `backup` and one of `instance` or `aurora`.');
  if (args.instance && args.aurora) {
    refuse(
      TYPE,
      name,
      'only one of `instance` or `aurora` may be given: `instance` makes a standalone RDS instance, `aurora` an Aurora cluster with its instances.',
    );
  }
  if (!args.instance && !args.aurora) {
    refuse(
      TYPE,
      name,
      'one of `instance` or `aurora` is required: `instance` makes a standalone RDS instance, `aurora` an Aurora cluster with its instances.',
    );
  }
  if (args.identifier === undefined || args.identifier === null || args.identifier === '') {
    refuse(
      TYPE,
      name,
      `\`identifier\` is required: with a fixed identifier a replacing update fails instead of replacing the database, got ${JSON.stringify(args.identifier ?? null)}.`,
    );
  }
  const members = args.aurora?.instances ?? [];
  if (args.aurora && (!Array.isArray(members) || members.length === 0)) {
    refuse(TYPE, name, '`aurora.instances` must list at least one instance (the writer).');
  }
  // The longest suffix a member adds must still make a valid identifier.
  const identifier = checked(TYPE, name, args.identifier, (v) =>
    identifierProblem(v, members.length ? `-${members.length}` : ''),
  );
  const retention = checked(TYPE, name, args.backupRetention ?? 14, (v) =>
    daysProblem(
      'backupRetention',
      v,
      MIN_BACKUP_RETENTION_DAYS,
      MAX_BACKUP_RETENTION_DAYS,
      'RDS keeps at most 35 days',
    ),
  );
  const { enrolment, tags: enrolmentTags } = checkEnrolment(TYPE, name, args.backup, true)!;
  if (args.instance) refuseForced(TYPE, name, 'instance.', args.instance, INSTANCE_FORCED);
  if (args.aurora) {
    refuseForced(TYPE, name, 'aurora.cluster.', args.aurora.cluster, CLUSTER_FORCED);
    members.forEach((m, i) => refuseForced(TYPE, name, `aurora.instances[${i}].`, m, MEMBER_FORCED));
  }
  return { identifier, retention, enrolment, enrolmentTags, members };
}

/**
 * An RDS database, a standalone instance or an Aurora cluster, that cannot lose
 * its data to a Pulumi operation.
 *
 * Forced after the caller's pass-through args, which cannot set them (passing one is refused):
 * - deletion protection (`rds-deletion-protection`);
 * - `deleteAutomatedBackups: false` (`rds-automated-backups-retained`);
 * - automated backups kept 7 to 35 days, 14 by default (`rds-backup-retention`);
 * - storage encrypted with a customer managed key, created (30-day window,
 *   rotation on) unless one is given, whose policy lets the backup account use
 *   copies (`rds-customer-managed-key`, `kms-key-deletion-window`): snapshots under
 *   the AWS managed key cannot be copied to another account;
 * - a fixed `identifier`, so a replacing update fails instead of replacing;
 * - a final snapshot (`skipFinalSnapshot: false`, `<identifier>-final`) and tags copied to snapshots;
 * - a backup choice: selection by an `IsolatedBackupVault` (`backup-cross-account-copy`),
 *   or an opt-out with a written reason, recorded as the tag `deadbolt:backup-opt-out`;
 * - `protect`, `retainOnDelete` and the `deadbolt-deletion-guard` hook on the
 *   database, its cluster members and its key, and the tag `deadbolt:protected=true`;
 *   `protect: false` on the component is refused.
 */
export class SafeDatabase extends pulumi.ComponentResource implements BackupTarget {
  /** The key that encrypts the database and its snapshots. */
  public readonly encryptionKey: aws.kms.Key;
  /** The standalone instance, with `instance`. */
  public readonly instance?: aws.rds.Instance;
  /** The Aurora cluster, with `aurora`. */
  public readonly cluster?: aws.rds.Cluster;
  /** The Aurora cluster's instances, writer first (empty without `aurora`). */
  public readonly clusterInstances: aws.rds.ClusterInstance[];
  /** The ARN AWS Backup selects the database by: the instance's or the cluster's. */
  public readonly backupResourceArn: pulumi.Output<string>;
  /** The selection in the vault, when enrolled with `BackupEnrolment.inVault`. */
  public readonly backupSelection?: aws.backup.Selection;

  public constructor(name: string, args: SafeDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    // Misuse throws here, before anything is registered with the engine.
    const { identifier, retention, enrolment, enrolmentTags, members } = checkArgs(name, args, opts);
    super(TYPE, name, {}, opts);

    const vault = enrolment.vault;
    this.encryptionKey =
      args.storageEncryptionKey ??
      retainedKey(
        `${name}-key`,
        this,
        `Encrypts database ${isDeferred(args.identifier) ? name : String(args.identifier)} and its snapshots.`,
        vault
          ? copyKeyPolicy(
              vault.partition,
              vault.accountId,
              { accounts: [vault.destinationAccount] },
              'AllowBackupAccountCopies',
            )
          : // Opted out: the key's own account only, but still no short deletion window
            // (the default key policy would let an administrator schedule it with 7 days).
            copyKeyPolicy(
              aws.getPartitionOutput({}, { parent: this }).partition,
              aws.getCallerIdentityOutput({}, { parent: this }).accountId,
              {},
              'AllowBackupAccountCopies',
            ),
      );

    const finalSnapshotIdentifier = isDeferred(identifier)
      ? pulumi.interpolate`${identifier}-final`
      : `${identifier as string}-final`;
    const forced = {
      deletionProtection: true,
      deleteAutomatedBackups: false,
      backupRetentionPeriod: retention,
      storageEncrypted: true,
      kmsKeyId: this.encryptionKey.arn,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier,
      copyTagsToSnapshot: true,
    };

    this.clusterInstances = [];
    if (args.instance) {
      this.instance = new aws.rds.Instance(
        `${name}-db`,
        {
          ...args.instance,
          // Forced values last: nothing above can override them.
          ...forced,
          identifier,
          tags: protectedTags(args.instance.tags, enrolmentTags),
        },
        guardedOptions(this),
      );
      this.backupResourceArn = this.instance.arn;
    } else {
      const aurora = args.aurora!;
      const cluster = new aws.rds.Cluster(
        `${name}-cluster`,
        {
          ...aurora.cluster,
          ...forced,
          clusterIdentifier: identifier,
          tags: protectedTags(aurora.cluster.tags, enrolmentTags),
        },
        guardedOptions(this),
      );
      this.cluster = cluster;
      members.forEach((member, i) => {
        const suffix = `-${i + 1}`;
        this.clusterInstances.push(
          new aws.rds.ClusterInstance(
            `${name}-instance${suffix}`,
            {
              ...member,
              engine: member.engine ?? (cluster.engine as pulumi.Output<aws.rds.EngineType>),
              clusterIdentifier: cluster.id,
              identifier: isDeferred(identifier)
                ? pulumi.interpolate`${identifier}${suffix}`
                : `${identifier as string}${suffix}`,
              forceDestroy: false,
              copyTagsToSnapshot: true,
              tags: protectedTags(member.tags, enrolmentTags),
            },
            guardedOptions(this),
          ),
        );
      });
      this.backupResourceArn = cluster.arn;
    }

    if (vault) this.backupSelection = vault.protect(name, this);

    this.registerOutputs({
      backupResourceArn: this.backupResourceArn,
      encryptionKeyArn: this.encryptionKey.arn,
    });
  }
}
