/**
 * One setting that keeps a data store's data, as the protection table records
 * it: where it is in each dialect, the service default, the safe value, how a
 * change lowers it, and the catalogue rule that judges it.
 */

/**
 * How a value lowers protection.
 * - `on-off`: on (true, `Enabled`, `ENABLED`, `ACTIVE`) to off (false, `Suspended`, `Disabled`, `INACTIVE`).
 * - `off-on`: false to true (`skip_final_snapshot`, `force_destroy`, `delete_automated_backups`).
 * - `decrease`: a number goes down (retention days, deletion window).
 * - `retention`: a number goes down, where 0 or no value means "kept forever" (log group retention).
 * - `presence`: present to absent (a vault lock).
 */
export type LoweringKind = 'on-off' | 'off-on' | 'decrease' | 'retention' | 'presence';

/**
 * The safe value is the minimum backup retention the user configured
 * (`minimumBackupRetentionDays`, 7 days unless set).
 */
export const MINIMUM_RETENTION = Symbol.for('deadbolt.minimumBackupRetentionDays');

export interface ProtectiveSetting {
  /** What holds while the protection is on: "deletion protection", "point-in-time recovery". */
  readonly label: string;
  /** What is true once it is lowered, as a clause: "deletion protection is off". */
  readonly lowered: string;
  readonly kind: LoweringKind;
  /** CloudFormation paths (several when a property moved or nests per variant). */
  readonly cloudformation?: readonly string[];
  /** Terraform AWS provider paths. */
  readonly terraform?: readonly string[];
  /** Pulumi paths besides the derived ones (Terraform and CloudFormation paths in camelCase). */
  readonly pulumi?: readonly string[];
  /** The service default: what an absent value means; undefined when it cannot be said (undocumented). */
  readonly absent?: unknown;
  /**
   * True when the Terraform/Pulumi provider keeps the deployed value when the
   * argument is removed (an optional + computed attribute): an absent value
   * after the change then means "unchanged".
   */
  readonly computed?: boolean;
  /** The catalogue rule that judges this setting, when one does. */
  readonly ruleId?: string;
  /**
   * The value that protects, in CloudFormation's form at the first CloudFormation
   * path (`MINIMUM_RETENTION`: the configured minimum). `ProtectStatefulResources`
   * writes it where the rendered value protects less; values at least as
   * protective pass. Undefined where no single value can be written (a choice
   * the user must make, such as a key or a destination).
   */
  readonly safe?: unknown;
  /** The safe value in the Terraform/Pulumi provider's form, when it differs from `safe`. */
  readonly providerSafe?: unknown;
  /** Not applied to read replicas, whose backups are their source's. */
  readonly notForReadReplicas?: boolean;
  /** Applied only to resources tagged as data (`deadbolt:data=true`): the type is transient otherwise. */
  readonly onlyWhenData?: boolean;
  /**
   * Applied only to changes of these Terraform/Pulumi types, for a setting one
   * provider resource spells apart from its CloudFormation type
   * (`aws_dynamodb_table_replica`'s boolean `point_in_time_recovery`); a
   * comparison that does not name the provider type skips it.
   */
  readonly providerTypes?: readonly string[];
  /** Not applied when this property's literal value matches (an engine without the feature: memcached has no snapshots). */
  readonly unlessProperty?: { readonly property: string; readonly matches: RegExp };
  /**
   * For a setting written as one of a list of words (an enum such as Google's
   * `deletion_policy` or `delete_protection_state`): the protection each word
   * gives, upper case, higher protects more. A word not listed cannot be read
   * (fail closed). Replaces the `on-off`/`off-on` words.
   */
  readonly words?: Readonly<Record<string, number>>;
  /**
   * True for a duration written as Google Cloud writes one (`"86400s"`, `"3.5s"`,
   * and Spanner's `"1h"`, `"7d"`, `"1440m"`): compared in seconds. A plain
   * number is read as seconds.
   */
  readonly duration?: boolean;
}

/** How a value is read beyond its kind: the setting's own words, or a duration. */
export type ValueReading = Pick<ProtectiveSetting, 'words' | 'duration'>;

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `"86400s"`, `"24h"`, `"1d"` → seconds; undefined for anything else. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/.exec(value);
  return m ? Number(m[1]) * DURATION_UNITS[m[2] || 's'] : undefined;
}

const ON = new Set(['true', 'enabled', 'active']);
const OFF = new Set(['false', 'suspended', 'disabled', 'inactive']);

/** The protection a value gives, as a number (higher protects more), or undefined when it cannot be read. */
export function protectionLevel(kind: LoweringKind, value: unknown, reading?: ValueReading): number | undefined {
  if (reading?.words && kind !== 'presence') {
    return typeof value === 'string' ? reading.words[value.toUpperCase()] : undefined;
  }
  if (reading?.duration && (kind === 'decrease' || kind === 'retention')) {
    const n = durationSeconds(value);
    if (n === undefined) return value === null && kind === 'retention' ? Infinity : undefined;
    return kind === 'retention' && n === 0 ? Infinity : n;
  }
  switch (kind) {
    case 'on-off':
    case 'off-on': {
      let on: boolean | undefined;
      if (typeof value === 'boolean') on = value;
      else if (typeof value === 'string' && ON.has(value.toLowerCase())) on = true;
      else if (typeof value === 'string' && OFF.has(value.toLowerCase())) on = false;
      if (on === undefined) return undefined;
      return kind === 'on-off' ? (on ? 1 : 0) : on ? 0 : 1;
    }
    case 'decrease':
    case 'retention': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)
            ? Number(value)
            : undefined;
      if (n === undefined || Number.isNaN(n)) return value === null && kind === 'retention' ? Infinity : undefined;
      return kind === 'retention' && n === 0 ? Infinity : n;
    }
    case 'presence':
      return isPresent(value) ? 1 : 0;
  }
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

/** The safe value of a setting, with the configured minimum retention filled in. */
export function safeValueOf(setting: ProtectiveSetting, minimumRetentionDays: number, provider = false): unknown {
  const v = provider && setting.providerSafe !== undefined ? setting.providerSafe : setting.safe;
  return v === MINIMUM_RETENTION ? minimumRetentionDays : v;
}

/**
 * True when `value` (undefined: not set, so the service default) protects at
 * least as much as the setting's safe value. A value that cannot be read (a
 * token, an unknown word) does not protect: fail closed.
 */
export function protects(
  setting: ProtectiveSetting,
  value: unknown,
  minimumRetentionDays: number,
  provider = false,
): boolean {
  const want = protectionLevel(setting.kind, safeValueOf(setting, minimumRetentionDays, provider), setting);
  if (want === undefined) return false;
  const read = value === undefined ? setting.absent : value;
  if (read === undefined && setting.kind !== 'presence') return false;
  const got = protectionLevel(setting.kind, read, setting);
  if (got === undefined) return false;
  // An exact word the rule asks for (`ENABLED`, `ACTIVE`) must be written as asked.
  const safe = safeValueOf(setting, minimumRetentionDays, provider);
  if (typeof safe === 'string' && typeof read === 'string' && setting.kind === 'on-off' && got === 1)
    return read === safe;
  return got >= want;
}

/** Builders for the settings many stores share. */
export const settings = {
  deletionProtection(
    cfn: string,
    tf: string,
    absent: unknown,
    ruleId: string,
    safe: unknown = true,
  ): ProtectiveSetting {
    return {
      label: 'deletion protection',
      lowered: 'deletion protection is off, so one API call can delete it',
      kind: 'on-off',
      cloudformation: [cfn],
      terraform: [tf],
      absent,
      ruleId,
      safe,
    };
  },
  backupRetention(
    absent: number,
    ruleId?: string,
    cfn = 'BackupRetentionPeriod',
    tf = 'backup_retention_period',
  ): ProtectiveSetting {
    return {
      label: 'automated backup retention',
      lowered: 'automated backups are kept for fewer days',
      kind: 'decrease',
      cloudformation: [cfn],
      terraform: [tf],
      absent,
      computed: true,
      ruleId,
      safe: ruleId ? MINIMUM_RETENTION : undefined,
      notForReadReplicas: true,
    };
  },
  skipFinalSnapshot(ruleId?: string, tf = 'skip_final_snapshot'): ProtectiveSetting {
    return {
      label: 'a final snapshot on delete',
      lowered: 'no final snapshot is taken when it is deleted',
      kind: 'off-on',
      terraform: [tf],
      absent: false,
      ruleId,
      providerSafe: false,
    };
  },
  deleteAutomatedBackups(ruleId: string): ProtectiveSetting {
    return {
      label: 'automated backups kept after delete',
      lowered: 'its automated backups are deleted with it',
      kind: 'off-on',
      cloudformation: ['DeleteAutomatedBackups'],
      terraform: ['delete_automated_backups'],
      absent: true,
      ruleId,
      safe: false,
      notForReadReplicas: true,
    };
  },
  forceDestroy(tf = 'force_destroy', cfn?: string, ruleId?: string): ProtectiveSetting {
    return {
      label: 'refusing to delete a non-empty resource',
      lowered: 'deleting it also deletes everything in it',
      kind: 'off-on',
      cloudformation: cfn ? [cfn] : undefined,
      terraform: [tf],
      absent: false,
      ruleId,
      safe: cfn ? false : undefined,
      providerSafe: false,
    };
  },
  keyWindow(ruleId: string): ProtectiveSetting {
    return {
      label: 'the key deletion waiting period',
      lowered: 'a scheduled key deletion completes sooner',
      kind: 'decrease',
      cloudformation: ['PendingWindowInDays'],
      terraform: ['deletion_window_in_days'],
      absent: 30,
      ruleId,
      safe: 30,
    };
  },
  snapshotRetention(absent: number, cfn: string, tf: string, ruleId?: string): ProtectiveSetting {
    return {
      label: 'automatic snapshot retention',
      lowered: 'automatic snapshots are kept for fewer days',
      kind: 'decrease',
      cloudformation: [cfn],
      terraform: [tf],
      absent,
      computed: true,
      ruleId,
      safe: ruleId ? MINIMUM_RETENTION : undefined,
    };
  },
};
