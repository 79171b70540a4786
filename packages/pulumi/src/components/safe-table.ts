import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { providerSafeValue } from '@deadbolt/rules';
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

const TYPE = 'deadbolt:dynamodb:SafeTable';

/** What every replica gets: it holds the same data. */
/** The protection table's safe value for a DynamoDB table setting. */
const safe = (terraformPath: string) => providerSafeValue('AWS::DynamoDB::Table', terraformPath);

const REPLICA_FORCED = {
  deletionProtectionEnabled: { value: safe('deletion_protection_enabled') as true },
  pointInTimeRecovery: { value: safe('point_in_time_recovery[0].enabled') as true },
} as const satisfies Record<string, Forced>;

const TABLE_FORCED = {
  deletionProtectionEnabled: { value: safe('deletion_protection_enabled') as true },
  pointInTimeRecovery: { use: '`pointInTimeRecoveryPeriodInDays` (1 to 35 days)' },
} as const satisfies Record<string, Forced>;

/** Arguments of a `SafeTable`: the `aws.dynamodb.Table` args but those it forces. */
export interface SafeTableArgs extends Omit<aws.dynamodb.TableArgs, 'name' | keyof typeof TABLE_FORCED> {
  /**
   * The table's name. Required: with a fixed name, an update that would
   * replace the table fails instead of creating a new, empty one.
   */
  readonly name: pulumi.Input<string>;

  /**
   * How many days point-in-time recovery reaches back: 1 to 35.
   * @default 35
   */
  readonly pointInTimeRecoveryPeriodInDays?: pulumi.Input<number>;

  /**
   * Whether the table is copied to the backup account: `BackupEnrolment.inVault(vault)`
   * or `BackupEnrolment.optOut(reason)`.
   * @default - not enrolled: `backup-cross-account-copy` reports the table until it is
   */
  readonly backup?: BackupEnrolment;
}

/** Checks the args and options of a `SafeTable`, throwing for misuse; returns the checked values. */
function checkArgs(name: string, args: SafeTableArgs, opts: pulumi.ComponentResourceOptions | undefined) {
  checkComponentOptions(TYPE, name, opts);
  if (!args) refuse(TYPE, name, '`args` are required: pass at least `name`, `hashKey` and `attributes`.');
  if (args.name === undefined || args.name === null || args.name === '') {
    refuse(
      TYPE,
      name,
      `\`name\` is required: with a fixed name a replacing update fails instead of replacing the table, got ${JSON.stringify(args.name ?? null)}.`,
    );
  }
  const tableName = checked(TYPE, name, args.name, (v) =>
    typeof v === 'string' && /^[A-Za-z0-9_.-]{3,255}$/.test(v)
      ? undefined
      : `\`name\` must be 3 to 255 letters, digits, underscores, hyphens or dots, got ${JSON.stringify(v)}.`,
  );
  const period = checked(TYPE, name, args.pointInTimeRecoveryPeriodInDays ?? 35, (v) =>
    daysProblem('pointInTimeRecoveryPeriodInDays', v, 1, 35),
  );
  refuseForced(TYPE, name, '', args, TABLE_FORCED);
  // Replicas given as Outputs are forced when they resolve; literal ones are checked now.
  if (Array.isArray(args.replicas)) {
    args.replicas.forEach((r, i) => {
      if (!isDeferred(r)) refuseForced(TYPE, name, `replicas[${i}].`, r as object, REPLICA_FORCED);
    });
  }
  const enrolment = checkEnrolment(TYPE, name, args.backup, false);
  return { tableName, period, enrolment };
}

/**
 * A DynamoDB table that cannot lose its data to a Pulumi operation.
 *
 * Forced after the caller's pass-through args, which cannot set them (passing one is refused):
 * - deletion protection, on the table and every replica (`dynamodb-deletion-protection`);
 * - point-in-time recovery, 1 to 35 days, 35 by default, on the table and every
 *   replica (`dynamodb-point-in-time-recovery`);
 * - a fixed `name`, so a replacing update fails instead of replacing;
 * - `protect`, `retainOnDelete` and the `deadbolt-deletion-guard` hook, and the tag
 *   `deadbolt:protected=true`; `protect: false` on the component is refused.
 *
 * With `backup`, the table is selected by an `IsolatedBackupVault` (`backup-cross-account-copy`)
 * or opted out with a written reason, recorded as the tag `deadbolt:backup-opt-out`.
 */
export class SafeTable extends pulumi.ComponentResource implements BackupTarget {
  /** The DynamoDB table. */
  public readonly table: aws.dynamodb.Table;
  /** The table's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: pulumi.Output<string>;
  /** The selection in the vault, when enrolled with `BackupEnrolment.inVault`. */
  public readonly backupSelection?: aws.backup.Selection;

  public constructor(name: string, args: SafeTableArgs, opts?: pulumi.ComponentResourceOptions) {
    // Misuse throws here, before anything is registered with the engine.
    const { tableName, period, enrolment } = checkArgs(name, args, opts);
    super(TYPE, name, {}, opts);

    const { backup: _backup, pointInTimeRecoveryPeriodInDays: _period, name: _name, ...passThrough } = args;
    this.table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        ...passThrough,
        // Forced values last: nothing above can override them.
        name: tableName,
        deletionProtectionEnabled: true,
        pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: period },
        ...(args.replicas !== undefined ? { replicas: protectedReplicas(args.replicas) } : {}),
        tags: protectedTags(args.tags, enrolment?.tags),
      },
      guardedOptions(this),
    );
    this.backupResourceArn = this.table.arn;

    if (enrolment?.enrolment.vault) this.backupSelection = enrolment.enrolment.vault.protect(name, this);
    this.registerOutputs({ tableArn: this.table.arn, tableName: this.table.name });
  }
}

/** Replicas in other regions hold the same data: each gets deletion protection and point-in-time recovery. */
function protectedReplicas(
  replicas: NonNullable<aws.dynamodb.TableArgs['replicas']>,
): aws.dynamodb.TableArgs['replicas'] {
  const force = (r: aws.types.input.dynamodb.TableReplica) => ({
    ...r,
    deletionProtectionEnabled: true,
    pointInTimeRecovery: true,
  });
  if (isDeferred(replicas)) return pulumi.output(replicas).apply((rs) => (rs ?? []).map(force));
  return (replicas as pulumi.Input<aws.types.input.dynamodb.TableReplica>[]).map((r) =>
    isDeferred(r) ? pulumi.output(r).apply(force) : force(r as aws.types.input.dynamodb.TableReplica),
  );
}
