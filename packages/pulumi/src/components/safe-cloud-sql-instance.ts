/**
 * `SafeCloudSqlInstance`: a Cloud SQL instance that cannot lose its data to one
 * delete. Its typings name no `@pulumi/gcp` type, so that the main entry of
 * `@deadbolt/pulumi` compiles for AWS-only programs (`@pulumi/gcp` is an
 * optional peer dependency, loaded when the component is constructed).
 */
import * as pulumi from '@pulumi/pulumi';
import { BACKUP_OPT_OUT_LABEL, RETENTION_FLOOR_DAYS } from '@deadbolt/rules';
import {
  CloudSqlBackupPlan,
  parseBackupPlanName,
  parseBackupVaultName,
  type BackupDrName,
} from './cloud-sql-backup-plan';
import {
  checkComponentOptions,
  daysProblem,
  guardedOptions,
  isDeferred,
  refuse,
  refuseForced,
  type Forced,
} from './private/guards';
import type { PinnedSetting } from './private/defence';
import { isGoogleProjectId } from '../model/judging';

const TYPE = 'deadbolt:gcp:SafeCloudSqlInstance';

/** Backup and DR's resource type for Cloud SQL instances (the plan's and the association's `resourceType`). */
const SQL_RESOURCE_TYPE = 'sqladmin.googleapis.com/Instance';

/** The user label every guarded Cloud SQL instance carries. */
export const GCP_PROTECTED_LABEL_KEY = 'deadbolt-protected';
/**
 * The user label an instance that opted out of a Backup and DR plan carries; its value is the reason, label-safe.
 * The catalogue reads it as the acknowledgement of `backupdr-coverage`, with that reason.
 */
export const GCP_BACKUP_OPT_OUT_LABEL_KEY = BACKUP_OPT_OUT_LABEL;

/** `settings.backupConfiguration` as a `SafeCloudSqlInstance` takes it: what it does not force. */
export interface SafeCloudSqlBackupConfiguration {
  /** `HH:MM` (UTC) when the daily automated backup starts. */
  readonly startTime?: pulumi.Input<string>;
  /**
   * The region or multi-region automated backups are stored in. Refused when the instance is enrolled in a Backup and
   * DR plan: the backups are kept in the plan's vault, and Cloud SQL clears this field when the plan is attached.
   */
  readonly location?: pulumi.Input<string>;
  /** Other `backupConfiguration` fields of `gcp.sql.DatabaseInstance`, passed through (forced ones are refused). */
  readonly [field: string]: unknown;
}

/** `settings` of the instance: the `gcp.sql.DatabaseInstance` settings, but those it forces. */
export interface SafeCloudSqlInstanceSettings {
  /** The machine type (`db-custom-2-7680`, `db-perf-optimized-N-2`). */
  readonly tier: pulumi.Input<string>;
  /** `ENTERPRISE` or `ENTERPRISE_PLUS`. */
  readonly edition?: pulumi.Input<string>;
  /** `ZONAL` or `REGIONAL` (high availability). */
  readonly availabilityType?: pulumi.Input<string>;
  /** Data disk size, in GB. */
  readonly diskSize?: pulumi.Input<number>;
  /** `PD_SSD`, `PD_HDD` or `HYPERDISK_BALANCED`. */
  readonly diskType?: pulumi.Input<string>;
  /** The user labels; `deadbolt-protected` (and the opt-out reason) are added. */
  readonly userLabels?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /** The backup settings it does not force: start time and location. */
  readonly backupConfiguration?: SafeCloudSqlBackupConfiguration;
  /** Other `settings` fields of `gcp.sql.DatabaseInstance` (`ipConfiguration`, `databaseFlags`, …), passed through. */
  readonly [field: string]: unknown;
}

/** Arguments of a `SafeCloudSqlInstance`. */
export interface SafeCloudSqlInstanceArgs {
  /**
   * The instance's name. Required, as a literal: with a fixed name, an update that would replace the instance fails
   * instead of creating a new, empty one (Cloud SQL does not let a name be reused for a week after a delete).
   */
  readonly name: string;
  /**
   * `MYSQL_8_0`, `POSTGRES_16`, `SQLSERVER_2022_STANDARD`, …, as a literal: it decides how point-in-time recovery is
   * turned on (binary logging for MySQL, `pointInTimeRecoveryEnabled` for PostgreSQL and SQL Server).
   */
  readonly databaseVersion: string;
  /**
   * The project the instance is created in, as a literal: the Backup and DR vault must be in another one.
   * @default - the stack's `gcp:project` config (required when the component is given a `gcp` provider)
   */
  readonly project?: string;
  /**
   * The region.
   * @default - the stack's `gcp:region` config
   */
  readonly region?: pulumi.Input<string>;
  /** The instance settings; `tier` is required. */
  readonly settings: SafeCloudSqlInstanceSettings;
  /** The initial root password (required for SQL Server). */
  readonly rootPassword?: pulumi.Input<string>;
  /** The Cloud KMS key (full name) that encrypts the instance's disk. */
  readonly encryptionKeyName?: pulumi.Input<string>;
  /**
   * How many automated backups Cloud SQL keeps (one a day): from 7 to 365.
   * @default 14
   */
  readonly retainedBackups?: number;
  /**
   * How many days of transaction logs point-in-time recovery reaches back: 1 to 7 (to 35 on Enterprise Plus).
   * @default 7
   */
  readonly transactionLogRetentionDays?: number;
  /**
   * How many days the final backup, taken when the instance is deleted, is kept: from 7 to 365.
   * @default 30
   */
  readonly finalBackupRetentionDays?: number;
  /**
   * The Backup and DR plan the instance is enrolled in, whose vault is in another project:
   * `CloudSqlBackupPlan.inVault({ backupVault, provider })`, `CloudSqlBackupPlan.existing(plan, vault)`, or
   * `CloudSqlBackupPlan.optOut(reason)`.
   */
  readonly backupPlan: CloudSqlBackupPlan;
}

/** What the component exposes of the `gcp.sql.DatabaseInstance` (cast it to that class for the rest). */
export interface CloudSqlInstanceResource extends pulumi.CustomResource {
  readonly name: pulumi.Output<string>;
  readonly connectionName: pulumi.Output<string>;
  readonly selfLink: pulumi.Output<string>;
  readonly project: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
}

/** What the component sets itself, and the args to use instead. */
const TOP_FORCED = {
  deletionProtection: { value: true },
  deletionPolicy: {
    why: 'a Terraform-level deletion policy other than the default is left to `enforceDataProtection` to judge; SafeCloudSqlInstance keeps the instance with `retainOnDelete` and `protect`',
  },
  clone: { why: 'a clone is created from another instance, outside the component' },
  restoreBackupContext: { why: 'a restore overwrites the instance with a backup, an imperative action' },
  pointInTimeRestoreContext: { why: 'a restore overwrites the instance, an imperative action' },
  backupdrBackup: { why: 'a restore overwrites the instance with a Backup and DR backup, an imperative action' },
} as const satisfies Record<string, Forced>;

const SETTINGS_FORCED = {
  deletionProtectionEnabled: { value: true },
  retainBackupsOnDelete: { value: true },
  finalBackupConfig: { use: '`finalBackupRetentionDays` (7 to 365 days)' },
} as const satisfies Record<string, Forced>;

const BACKUP_FORCED = {
  enabled: { value: true },
  binaryLogEnabled: { use: 'nothing: SafeCloudSqlInstance turns on point-in-time recovery for the engine' },
  pointInTimeRecoveryEnabled: { use: 'nothing: SafeCloudSqlInstance turns on point-in-time recovery for the engine' },
  backupRetentionSettings: { use: '`retainedBackups` (7 to 365)' },
  transactionLogRetentionDays: { use: '`transactionLogRetentionDays` (1 to 35 days)' },
} as const satisfies Record<string, Forced>;

/** How an engine turns on point-in-time recovery. */
type PitrFlag = 'binaryLogEnabled' | 'pointInTimeRecoveryEnabled';

/**
 * MySQL keeps point-in-time recovery in binary logs; PostgreSQL and SQL Server
 * have `pointInTimeRecoveryEnabled`.
 * @see https://cloud.google.com/sql/docs/mysql/backup-recovery/pitr
 * @see https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr
 * @see https://cloud.google.com/sql/docs/sqlserver/backup-recovery/pitr
 */
function pitrFlag(databaseVersion: string): PitrFlag | undefined {
  if (/^MYSQL_\d/.test(databaseVersion)) return 'binaryLogEnabled';
  if (/^(POSTGRES|SQLSERVER)_\d/.test(databaseVersion)) return 'pointInTimeRecoveryEnabled';
  return undefined;
}

/**
 * A Cloud SQL instance name: lowercase letters, digits and hyphens, starting with a letter, at most 98 characters
 * with the project id (84 on its own is the safe bound).
 * @see https://cloud.google.com/sql/docs/mysql/instance-settings#instance-id-2ndgen
 */
const INSTANCE_NAME = /^[a-z][a-z0-9-]{0,82}[a-z0-9]$/;

/**
 * A label value Google Cloud accepts: at most 63 lowercase letters, digits, underscores and hyphens.
 * @see https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 */
export function labelSafe(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return cleaned.slice(0, 63).replace(/-$/, '');
}

/** The checked plan choice. */
type CheckedPlan =
  | { readonly kind: 'existing'; readonly plan: string; readonly vault: BackupDrName }
  | {
      readonly kind: 'new';
      readonly vaultName: string;
      readonly vault: BackupDrName;
      readonly provider: pulumi.ProviderResource;
      readonly planId: string;
      readonly retentionDays: number;
      readonly logRetentionDays: number;
      readonly windowStart: number;
    }
  | { readonly kind: 'optOut'; readonly reason: string };

/** The package a provider is for (`gcp`), or undefined. */
function packageOf(p: unknown): string | undefined {
  try {
    return (p as { getPackage(): string }).getPackage();
  } catch {
    return undefined;
  }
}

/** The component's `gcp` provider, when it was given one. */
function gcpProviderOf(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ProviderResource | undefined {
  if (!opts) return undefined;
  if (opts.provider && packageOf(opts.provider) === 'gcp') return opts.provider;
  const list = Array.isArray(opts.providers) ? opts.providers : Object.values(opts.providers ?? {});
  return list.find((p) => packageOf(p) === 'gcp');
}

function checkPlan(name: string, instanceName: string, project: string, plan: CloudSqlBackupPlan): CheckedPlan {
  const how =
    'pass `CloudSqlBackupPlan.inVault({ backupVault, provider })`, `CloudSqlBackupPlan.existing(plan, vault)` or `CloudSqlBackupPlan.optOut(reason)`';
  if (!plan || typeof plan !== 'object') refuse(TYPE, name, `\`backupPlan\` is required: ${how}, got ${String(plan)}.`);
  const choices = [plan.existingPlan, plan.newPlan, plan.optOutReason].filter((c) => c !== undefined);
  if (choices.length !== 1) refuse(TYPE, name, `\`backupPlan\` must be exactly one choice: ${how}.`);
  const sameProject = (vault: BackupDrName, given: string): never =>
    refuse(
      TYPE,
      name,
      `the Backup and DR vault \`${given}\` is in the instance's own project \`${project}\`: whoever can delete the instance there ` +
        'can also remove the vault, so the backups are not outside the blast radius. ' +
        `Fix: create the vault in a separate backup project (\`projects/<backup project>/locations/${vault.location}/backupVaults/${vault.id}\`, ` +
        'with an enforced minimum retention) and pass it with a `gcp.Provider` for that project; ' +
        "or, to go without, `CloudSqlBackupPlan.optOut('<why the instance needs no backups in another project>')`.",
    );
  if (plan.optOutReason !== undefined) {
    if (
      typeof plan.optOutReason !== 'string' ||
      plan.optOutReason.trim() === '' ||
      labelSafe(plan.optOutReason) === ''
    ) {
      refuse(
        TYPE,
        name,
        `\`backupPlan\` opts out without a reason: \`CloudSqlBackupPlan.optOut\` needs a written \`reason\`, got ${JSON.stringify(plan.optOutReason)}.`,
      );
    }
    return { kind: 'optOut', reason: plan.optOutReason.trim() };
  }
  if (plan.existingPlan) {
    const vault = parseBackupVaultName(plan.existingPlan.backupVault);
    if (!vault || !parseBackupPlanName(plan.existingPlan.backupPlan)) {
      refuse(TYPE, name, `\`backupPlan\` names a plan or vault that is not a full resource name; ${how}.`);
    }
    if (vault.project === project) sameProject(vault, plan.existingPlan.backupVault);
    return { kind: 'existing', plan: plan.existingPlan.backupPlan, vault };
  }
  const args = plan.newPlan!;
  if (isDeferred(args.backupVault)) {
    refuse(
      TYPE,
      name,
      "`backupPlan.backupVault` is an Output: write the vault's full name as a literal (`projects/<backup project>/locations/<region>/backupVaults/<id>`), so that it is proven to be in another project before anything is created.",
    );
  }
  const vault = parseBackupVaultName(args.backupVault);
  if (!vault) {
    refuse(
      TYPE,
      name,
      `\`backupPlan.backupVault\` must be a vault's full name, \`projects/<backup project>/locations/<region>/backupVaults/<id>\`; got ${JSON.stringify(args.backupVault)}.`,
    );
  }
  if (vault.project === project) sameProject(vault, args.backupVault);
  if (!args.provider || packageOf(args.provider) !== 'gcp') {
    refuse(
      TYPE,
      name,
      `\`backupPlan.provider\` must be a \`gcp.Provider\` for the vault's project \`${vault.project}\` (\`new gcp.Provider('backup-project', { project: '${vault.project}' })\`): the plan is created there, with that project's credentials.`,
    );
  }
  const retentionDays = args.backupRetentionDays ?? 35;
  const retentionProblem = daysProblem(
    'backupPlan.backupRetentionDays',
    retentionDays,
    RETENTION_FLOOR_DAYS,
    36159,
    "and at least the vault's minimum enforced retention",
  );
  if (retentionProblem) refuse(TYPE, name, retentionProblem);
  const logRetentionDays = args.logRetentionDays ?? 7;
  const logProblem = daysProblem('backupPlan.logRetentionDays', logRetentionDays, 1, 36159);
  if (logProblem) refuse(TYPE, name, logProblem);
  const windowStart = args.backupWindowStartHour ?? 0;
  if (!Number.isInteger(windowStart) || windowStart < 0 || windowStart > 18) {
    refuse(
      TYPE,
      name,
      `\`backupPlan.backupWindowStartHour\` must be a whole hour from 0 to 18 (the window is 6 hours), got ${JSON.stringify(windowStart)}.`,
    );
  }
  const planId = args.backupPlanId ?? `${instanceName}-plan`.slice(0, 63);
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(planId)) {
    refuse(
      TYPE,
      name,
      `\`backupPlan.backupPlanId\` must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter; got ${JSON.stringify(planId)}.`,
    );
  }
  return {
    kind: 'new',
    vaultName: args.backupVault,
    vault,
    provider: args.provider,
    planId,
    retentionDays,
    logRetentionDays,
    windowStart,
  };
}

/** Checks the args and options, throwing for misuse; returns the checked values. */
function checkArgs(name: string, args: SafeCloudSqlInstanceArgs, opts: pulumi.ComponentResourceOptions | undefined) {
  checkComponentOptions(TYPE, name, opts);
  if (!args)
    refuse(TYPE, name, '`args` are required: pass at least `name`, `databaseVersion`, `settings` and `backupPlan`.');
  if (typeof args.name !== 'string' || !INSTANCE_NAME.test(args.name)) {
    refuse(
      TYPE,
      name,
      `\`name\` is required, as a literal of lowercase letters, digits and hyphens starting with a letter (with a fixed name a replacing update fails instead of replacing the instance), got ${isDeferred(args.name) ? 'an Output' : JSON.stringify(args.name ?? null)}.`,
    );
  }
  const flag = typeof args.databaseVersion === 'string' ? pitrFlag(args.databaseVersion) : undefined;
  if (!flag) {
    refuse(
      TYPE,
      name,
      `\`databaseVersion\` must be a literal Cloud SQL version (\`MYSQL_8_0\`, \`POSTGRES_16\`, \`SQLSERVER_2022_STANDARD\`, …): it decides how point-in-time recovery is turned on; got ${isDeferred(args.databaseVersion) ? 'an Output' : JSON.stringify(args.databaseVersion ?? null)}.`,
    );
  }
  const provider = gcpProviderOf(opts);
  const project = args.project ?? (provider ? undefined : new pulumi.Config('gcp').get('project'));
  if (!isGoogleProjectId(project)) {
    refuse(
      TYPE,
      name,
      project === undefined
        ? provider
          ? "`project` is required when the component is given a `gcp` provider: Deadbolt cannot read the provider's project, and must prove the Backup and DR vault is in another one."
          : "`project` is required: pass it, or set the stack's `gcp:project` config; the Backup and DR vault must be proven to be in another project."
        : `\`project\` must be a literal Google Cloud project id, got ${isDeferred(project) ? 'an Output' : JSON.stringify(project)}.`,
    );
  }
  const region = args.region ?? new pulumi.Config('gcp').get('region');
  if (region === undefined || region === '') {
    refuse(TYPE, name, "`region` is required: pass it, or set the stack's `gcp:region` config.");
  }
  if (!args.settings || typeof args.settings !== 'object' || isDeferred(args.settings)) {
    refuse(
      TYPE,
      name,
      '`settings` is required, as an object (its values may be Outputs): SafeCloudSqlInstance adds its protections to it.',
    );
  }
  refuseForced(TYPE, name, '', args, TOP_FORCED);
  refuseForced(TYPE, name, 'settings.', args.settings, SETTINGS_FORCED);
  const backup = args.settings.backupConfiguration;
  if (backup !== undefined && (isDeferred(backup) || typeof backup !== 'object' || backup === null)) {
    refuse(TYPE, name, '`settings.backupConfiguration` must be an object (its values may be Outputs).');
  }
  refuseForced(TYPE, name, 'settings.backupConfiguration.', backup, BACKUP_FORCED);
  if (isDeferred(args.settings.userLabels)) {
    refuse(
      TYPE,
      name,
      '`settings.userLabels` must be an object (its values may be Outputs): the component adds labels to it.',
    );
  }
  const days = (prop: string, v: unknown, min: number, max: number) => {
    const p = daysProblem(prop, v, min, max);
    if (p) refuse(TYPE, name, p);
    return v as number;
  };
  const retainedBackups = args.retainedBackups ?? 14;
  if (!Number.isInteger(retainedBackups) || retainedBackups < RETENTION_FLOOR_DAYS || retainedBackups > 365) {
    refuse(
      TYPE,
      name,
      `\`retainedBackups\` must be a whole number from ${RETENTION_FLOOR_DAYS} to 365 (one automated backup a day), got ${JSON.stringify(retainedBackups)}.`,
    );
  }
  const logDays = days('transactionLogRetentionDays', args.transactionLogRetentionDays ?? 7, 1, 35);
  const finalDays = days('finalBackupRetentionDays', args.finalBackupRetentionDays ?? 30, RETENTION_FLOOR_DAYS, 365);
  const plan = checkPlan(name, args.name, project, args.backupPlan);
  if (plan.kind !== 'optOut' && backup?.location !== undefined) {
    // Once the plan is attached, Cloud SQL clears `location` and refuses any change to the backup configuration; the
    // provider stops diffing the other backup fields then, but not `location`, so every later `pulumi up` would try to
    // set it back and fail.
    // @see https://github.com/hashicorp/terraform-provider-google/issues/24932
    refuse(
      TYPE,
      name,
      '`settings.backupConfiguration.location` cannot be set on an instance enrolled in a Backup and DR plan: ' +
        'Cloud SQL clears it when the plan is attached and refuses to change it afterwards, so every later `pulumi up` would fail. ' +
        "The backups are kept in the plan's vault (its location); remove `location`, or use `CloudSqlBackupPlan.optOut(reason)` to keep Cloud SQL's own backups in a location of your choice.",
    );
  }
  return { flag: flag!, project, region, retainedBackups, logDays, finalDays, plan };
}

/** `@pulumi/gcp`, loaded when a component needs it: it is an optional peer dependency. */
function loadGcp(name: string): typeof import('@pulumi/gcp') {
  try {
    return require('@pulumi/gcp') as typeof import('@pulumi/gcp');
  } catch (e) {
    return refuse(
      TYPE,
      name,
      `\`@pulumi/gcp\` cannot be loaded (${(e as Error).message.split('\n')[0]}): install it beside @deadbolt/pulumi (\`npm install @pulumi/gcp\`).`,
    );
  }
}

/**
 * A Cloud SQL instance that cannot lose its data to one delete: not through Pulumi, `gcloud`, the console or the
 * API, and not with its backups.
 *
 * Forced after the caller's settings, which cannot set them (passing one is refused, with the arg to use):
 * - `settings.deletionProtectionEnabled: true`: Cloud SQL itself refuses the delete, from every surface
 *   (`deletionProtection: true` too, the provider's own guard, which stops only Pulumi);
 * - `settings.retainBackupsOnDelete: true`, and a final backup (`settings.finalBackupConfig`, kept
 *   `finalBackupRetentionDays`, 30 by default): a delete leaves the backups and takes one more;
 * - automated backups, `retainedBackups` of them (14 by default, at least 7), with point-in-time recovery
 *   (`binaryLogEnabled` for MySQL, `pointInTimeRecoveryEnabled` for PostgreSQL and SQL Server) reaching back
 *   `transactionLogRetentionDays` (7 by default);
 * - a fixed `name`, so a replacing update fails instead of replacing;
 * - `protect`, `retainOnDelete`, the `deadbolt-deletion-guard` hook and the label `deadbolt-protected=true`;
 *   `protect: false` on the component, and transformations that weaken any of the above, are refused;
 * - enrolment in a Backup and DR plan whose vault is in another project (`backupPlan`): Cloud SQL enhanced
 *   backups, kept in the vault for at least its enforced minimum retention, out of reach of the instance's
 *   project. A vault in the instance's own project is refused; `CloudSqlBackupPlan.optOut(reason)` goes without,
 *   recorded as the label `deadbolt-backup-opt-out`.
 *
 * Enrolled or not, the instance is declared, and created, with Cloud SQL's own automated backups and point-in-time
 * recovery on: it is never without backups before the association exists, and a high-availability instance needs
 * them to be created. When the association attaches the plan, Cloud SQL hands the backups to Backup and DR
 * (`backupTier: ENHANCED`), reports its own backup settings as off and refuses changes to them; from then on the
 * provider (`@pulumi/gcp` 9, the Terraform provider from 7.14.0) ignores those fields when diffing an instance it
 * reads as `ENHANCED`, and sends back what Cloud SQL reports. That holds once Pulumi's state has read the instance
 * again: refresh the stack (`pulumi up --refresh`, or `options: refresh: always` in `Pulumi.yaml`), or an update of
 * the instance sends the stale backup settings and Cloud SQL refuses it. `settings.backupConfiguration.location`,
 * the one backup field the provider still diffs, is refused on an enrolled instance.
 *
 * @see https://cloud.google.com/sql/docs/mysql/deletion-protection
 * @see https://cloud.google.com/sql/docs/mysql/backup-recovery/backups#retained-backups
 * @see https://cloud.google.com/sql/docs/mysql/backup-recovery/backup-options
 * @see https://www.pulumi.com/registry/packages/gcp/api-docs/sql/databaseinstance/
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance
 * @see https://www.pulumi.com/docs/iac/concepts/projects/project-file/
 */
export class SafeCloudSqlInstance extends pulumi.ComponentResource {
  /** The `gcp.sql.DatabaseInstance`. */
  public readonly instance: CloudSqlInstanceResource;
  /**
   * The `gcp.backupdisasterrecovery.BackupPlan` created in the vault's project (`CloudSqlBackupPlan.inVault`).
   * @default - none: an existing plan, or an opt-out
   */
  public readonly backupPlan?: pulumi.CustomResource;
  /**
   * The `gcp.backupdisasterrecovery.BackupPlanAssociation` that enrols the instance in the plan.
   * @default - none: opted out
   */
  public readonly backupPlanAssociation?: pulumi.CustomResource;

  public constructor(name: string, args: SafeCloudSqlInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Misuse throws here, before anything is registered with the engine.
    const checked = checkArgs(name, args, opts);
    const gcp = loadGcp(name);
    super(TYPE, name, {}, opts);
    const { flag, project, region, retainedBackups, logDays, finalDays, plan } = checked;

    const {
      backupPlan: _plan,
      retainedBackups: _retained,
      transactionLogRetentionDays: _log,
      finalBackupRetentionDays: _final,
      settings,
      ...passThrough
    } = args;
    const { backupConfiguration, userLabels, ...otherSettings } = settings;
    const labels: Record<string, pulumi.Input<string>> = {
      ...((userLabels as Record<string, pulumi.Input<string>> | undefined) ?? {}),
      [GCP_PROTECTED_LABEL_KEY]: 'true',
      ...(plan.kind === 'optOut' ? { [GCP_BACKUP_OPT_OUT_LABEL_KEY]: labelSafe(plan.reason) } : {}),
    };
    const forcedBackup = {
      enabled: true,
      [flag]: true,
      transactionLogRetentionDays: logDays,
      backupRetentionSettings: { retainedBackups, retentionUnit: 'COUNT' },
    };
    const pinned: PinnedSetting[] = [
      { path: ['deletionProtection'], value: true },
      { path: ['settings', 'deletionProtectionEnabled'], value: true },
      { path: ['settings', 'retainBackupsOnDelete'], value: true },
      { path: ['settings', 'finalBackupConfig', 'enabled'], value: true },
      { path: ['settings', 'finalBackupConfig', 'retentionDays'], value: finalDays },
      { path: ['settings', 'backupConfiguration', 'enabled'], value: true },
      { path: ['settings', 'backupConfiguration', flag], value: true },
      {
        path: ['settings', 'backupConfiguration', 'backupRetentionSettings', 'retainedBackups'],
        value: retainedBackups,
      },
    ];
    const instance = new gcp.sql.DatabaseInstance(
      `${name}-instance`,
      {
        ...(passThrough as Omit<SafeCloudSqlInstanceArgs, 'settings' | 'backupPlan'>),
        region,
        project,
        // Forced values last: nothing above can override them.
        name: args.name,
        databaseVersion: args.databaseVersion,
        deletionProtection: true,
        settings: {
          ...(otherSettings as { tier: pulumi.Input<string> }),
          userLabels: labels,
          deletionProtectionEnabled: true,
          retainBackupsOnDelete: true,
          finalBackupConfig: { enabled: true, retentionDays: finalDays },
          backupConfiguration: { ...(backupConfiguration ?? {}), ...forcedBackup },
        },
      },
      guardedOptions(this, {}, pinned),
    );
    this.instance = instance;

    let planName: pulumi.Input<string> | undefined;
    if (plan.kind === 'new') {
      // In the vault's project, through its own provider: the instance's project has no hold on it.
      const created = new gcp.backupdisasterrecovery.BackupPlan(
        `${name}-backup-plan`,
        {
          project: plan.vault.project,
          location: plan.vault.location,
          backupPlanId: plan.planId,
          resourceType: SQL_RESOURCE_TYPE,
          backupVault: plan.vaultName,
          logRetentionDays: plan.logRetentionDays,
          backupRules: [
            {
              ruleId: 'daily',
              backupRetentionDays: plan.retentionDays,
              standardSchedule: {
                recurrenceType: 'DAILY',
                timeZone: 'UTC',
                backupWindow: { startHourOfDay: plan.windowStart, endHourOfDay: plan.windowStart + 6 },
              },
            },
          ],
        },
        guardedOptions(this, { provider: plan.provider }),
      );
      this.backupPlan = created;
      planName = created.name;
    } else if (plan.kind === 'existing') {
      planName = plan.plan;
    }
    if (planName !== undefined) {
      // The association lives in the instance's project and names the plan in the backup project.
      // @see https://cloud.google.com/sdk/gcloud/reference/backup-dr/backup-plan-associations/create
      this.backupPlanAssociation = new gcp.backupdisasterrecovery.BackupPlanAssociation(
        `${name}-backup-plan-association`,
        {
          project,
          location: region,
          backupPlanAssociationId: `${args.name}-bpa`.slice(0, 63),
          resourceType: SQL_RESOURCE_TYPE,
          resource: pulumi.interpolate`projects/${project}/instances/${instance.name}`,
          backupPlan: planName,
        },
        guardedOptions(this),
      );
    }
    this.registerOutputs({ instanceName: instance.name, connectionName: instance.connectionName });
  }
}
