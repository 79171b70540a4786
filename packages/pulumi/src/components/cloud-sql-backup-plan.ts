import type * as pulumi from '@pulumi/pulumi';
import { isWrittenReason } from '@deadbolt/rules';

/**
 * A Backup and DR backup vault's full resource name:
 * `projects/<project>/locations/<location>/backupVaults/<id>`.
 * @see https://cloud.google.com/backup-disaster-recovery/docs/reference/rest/v1/projects.locations.backupVaults
 */
const VAULT_NAME =
  /^projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/locations\/([a-z0-9-]{2,63})\/backupVaults\/([a-z][a-z0-9-]{0,62})$/;

/**
 * A Backup and DR backup plan's full resource name:
 * `projects/<project>/locations/<location>/backupPlans/<id>`.
 * @see https://cloud.google.com/backup-disaster-recovery/docs/reference/rest/v1/projects.locations.backupPlans
 */
const PLAN_NAME =
  /^projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/locations\/([a-z0-9-]{2,63})\/backupPlans\/([a-z][a-z0-9-]{0,62})$/;

/** A vault or plan name, read. */
export interface BackupDrName {
  readonly project: string;
  readonly location: string;
  readonly id: string;
}

/** The project, location and id of a vault's full name, or undefined when the text is not one. */
export function parseBackupVaultName(name: unknown): BackupDrName | undefined {
  const m = typeof name === 'string' ? VAULT_NAME.exec(name) : null;
  return m ? { project: m[1], location: m[2], id: m[3] } : undefined;
}

/** The project, location and id of a plan's full name, or undefined when the text is not one. */
export function parseBackupPlanName(name: unknown): BackupDrName | undefined {
  const m = typeof name === 'string' ? PLAN_NAME.exec(name) : null;
  return m ? { project: m[1], location: m[2], id: m[3] } : undefined;
}

/** How `CloudSqlBackupPlan.inVault` creates the plan in the vault's project. */
export interface CloudSqlBackupPlanInVaultArgs {
  /**
   * The vault, in another project than the instance: its full resource name,
   * `projects/<backup project>/locations/<region>/backupVaults/<id>`, written as a literal (a vault in the instance's
   * own project, or one that cannot be read now, is refused).
   */
  readonly backupVault: string;
  /**
   * A `gcp.Provider` for the vault's project, with credentials of that project: the plan is created there.
   */
  readonly provider: pulumi.ProviderResource;
  /**
   * The plan's id in the vault's project.
   * @default - `<instance name>-plan`
   */
  readonly backupPlanId?: string;
  /**
   * How many days each backup is kept: at least 7, and at least the vault's minimum enforced retention (Backup and
   * DR refuses a plan that keeps backups for less).
   * @default 35
   */
  readonly backupRetentionDays?: number;
  /**
   * How many days of transaction logs the plan keeps for point-in-time recovery: at least 1, and at least the
   * vault's minimum enforced log retention.
   * @default 7
   */
  readonly logRetentionDays?: number;
  /**
   * The hour of the day (UTC) the daily backup window opens; the window is 6 hours, Backup and DR's shortest.
   * @default 0
   */
  readonly backupWindowStartHour?: number;
}

/**
 * Whether a `SafeCloudSqlInstance`'s backups go to a Backup and DR vault in another project (Cloud SQL enhanced
 * backups), where the instance's own project cannot delete them: an existing plan, a plan created in that vault,
 * or an opt-out with a written reason. There is no default: the choice is made, and recorded, for every instance.
 * @see https://cloud.google.com/sql/docs/mysql/backup-recovery/backup-options
 */
export class CloudSqlBackupPlan {
  /**
   * Enrols the instance in an existing plan: its full name
   * (`projects/<project>/locations/<region>/backupPlans/<id>`) and the full name of the vault it stores its backups
   * in (`gcloud backup-dr backup-plans describe` prints it as `backupVault`), which must be in another project than
   * the instance.
   */
  public static existing(backupPlan: string, backupVault: string): CloudSqlBackupPlan {
    if (!parseBackupPlanName(backupPlan)) {
      throw new Error(
        `\`CloudSqlBackupPlan.existing\` needs the plan's full name, \`projects/<project>/locations/<region>/backupPlans/<id>\`, as a literal; got ${JSON.stringify(backupPlan)}.`,
      );
    }
    if (!parseBackupVaultName(backupVault)) {
      throw new Error(
        `\`CloudSqlBackupPlan.existing\` needs the full name of the plan's vault, \`projects/<project>/locations/<region>/backupVaults/<id>\`, as a literal; got ${JSON.stringify(backupVault)}.`,
      );
    }
    return new CloudSqlBackupPlan({ backupPlan, backupVault }, undefined, undefined);
  }

  /** Creates a daily backup plan in `args.backupVault`'s project, through `args.provider`, and enrols the instance. */
  public static inVault(args: CloudSqlBackupPlanInVaultArgs): CloudSqlBackupPlan {
    if (!args || typeof args !== 'object') {
      throw new Error('`CloudSqlBackupPlan.inVault` needs `{ backupVault, provider }`, got ' + String(args) + '.');
    }
    return new CloudSqlBackupPlan(undefined, args, undefined);
  }

  /**
   * No Backup and DR plan, for a reason written here (say, "A read-only copy rebuilt nightly from the warehouse").
   * The instance keeps every other protection, and the reason is recorded as its user label
   * `deadbolt-backup-opt-out` (in the characters labels allow). Throws when the reason is empty.
   */
  public static optOut(reason: string): CloudSqlBackupPlan {
    if (!isWrittenReason(reason)) {
      throw new Error(
        `\`CloudSqlBackupPlan.optOut\` needs a written \`reason\` saying why the instance needs no backups in a vault of another project, got ${JSON.stringify(reason)}.`,
      );
    }
    return new CloudSqlBackupPlan(undefined, undefined, reason.trim());
  }

  /**
   * The existing plan and its vault.
   * @default - none
   */
  public readonly existingPlan?: { readonly backupPlan: string; readonly backupVault: string };

  /**
   * The plan to create in a vault.
   * @default - none
   */
  public readonly newPlan?: CloudSqlBackupPlanInVaultArgs;

  /**
   * Why the instance has no Backup and DR plan.
   * @default - none: the instance is enrolled
   */
  public readonly optOutReason?: string;

  private constructor(
    existingPlan: { readonly backupPlan: string; readonly backupVault: string } | undefined,
    newPlan: CloudSqlBackupPlanInVaultArgs | undefined,
    optOutReason: string | undefined,
  ) {
    this.existingPlan = existingPlan;
    this.newPlan = newPlan;
    this.optOutReason = optOutReason;
  }
}
