/**
 * The properties that protect stored data, by CloudFormation type, with their
 * names in each dialect and what lowers them; and the comparison of a change's
 * before and after values against them.
 *
 * Paths are written as text: `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled`,
 * `point_in_time_recovery[0].enabled` (Terraform nested blocks are lists),
 * `Replicas[*].DeletionProtectionEnabled` (`*`: every element, paired before and
 * after by its region). Pulumi paths are derived: the Terraform and CloudFormation
 * paths in camelCase (`@pulumi/aws` and `aws-native` inputs), where a `[0]` also
 * matches a block written as an object.
 * Where a catalogue rule judges the same property, its file
 * (`src/rules/<service>/<rule-id>.ts`) cites the vendor page for the default;
 * the others are in the references below.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs
 */
import { quote } from '../engine/values';
import type { PropertyDialect } from './changes';

export type PathSegment = string | number;
export type PropertyPath = readonly PathSegment[];

/**
 * How a value lowers protection.
 * - `on-off`: on (true, `Enabled`, `ENABLED`, `ACTIVE`) to off (false, `Suspended`, `Disabled`, `INACTIVE`).
 * - `off-on`: false to true (`skip_final_snapshot`, `force_destroy`, `delete_automated_backups`).
 * - `decrease`: a number goes down (retention days, deletion window).
 * - `retention`: a number goes down, where 0 or no value means "kept forever" (log group retention).
 * - `presence`: present to absent (a vault lock).
 */
export type LoweringKind = 'on-off' | 'off-on' | 'decrease' | 'retention' | 'presence';

export interface ProtectiveProperty {
  /** What holds while the protection is on: "deletion protection", "point-in-time recovery". */
  readonly label: string;
  /** What is true once it is lowered, as a clause: "deletion protection is off". */
  readonly lowered: string;
  readonly kind: LoweringKind;
  /** CloudFormation paths (several when a property moved or nests per variant). */
  readonly cloudformation?: readonly string[];
  /** Terraform AWS provider paths. */
  readonly terraform?: readonly string[];
  /** Pulumi paths besides the derived ones. */
  readonly pulumi?: readonly string[];
  /** What an absent value means (the platform default); undefined when it cannot be said. */
  readonly absent?: unknown;
  /**
   * True when the Terraform/Pulumi provider keeps the deployed value when the
   * argument is removed (an optional + computed attribute): an absent value
   * after the change then means "unchanged".
   */
  readonly computed?: boolean;
}

const deletionProtection = (cfn: string, tf: string, absent: unknown = false): ProtectiveProperty => ({
  label: 'deletion protection',
  lowered: 'deletion protection is off, so one API call can delete it',
  kind: 'on-off',
  cloudformation: [cfn],
  terraform: [tf],
  absent,
});
const backupRetention = (absent: number): ProtectiveProperty => ({
  label: 'automated backup retention',
  lowered: 'automated backups are kept for fewer days',
  kind: 'decrease',
  cloudformation: ['BackupRetentionPeriod'],
  terraform: ['backup_retention_period'],
  absent,
  computed: true,
});
const skipFinalSnapshot: ProtectiveProperty = {
  label: 'a final snapshot on delete',
  lowered: 'no final snapshot is taken when it is deleted',
  kind: 'off-on',
  terraform: ['skip_final_snapshot'],
  absent: false,
};
const deleteAutomatedBackups: ProtectiveProperty = {
  label: 'automated backups kept after delete',
  lowered: 'its automated backups are deleted with it',
  kind: 'off-on',
  cloudformation: ['DeleteAutomatedBackups'],
  terraform: ['delete_automated_backups'],
  absent: true,
};
const forceDestroy = (tf = 'force_destroy', cfn?: string): ProtectiveProperty => ({
  label: 'refusing to delete a non-empty resource',
  lowered: 'deleting it also deletes everything in it',
  kind: 'off-on',
  cloudformation: cfn ? [cfn] : undefined,
  terraform: [tf],
  absent: false,
});
const keyWindow: ProtectiveProperty = {
  label: 'the key deletion waiting period',
  lowered: 'a scheduled key deletion completes sooner',
  kind: 'decrease',
  cloudformation: ['PendingWindowInDays'],
  terraform: ['deletion_window_in_days'],
  absent: 30,
};

/** Protective properties by CloudFormation type. */
export const PROTECTIVE_PROPERTIES: Readonly<Record<string, readonly ProtectiveProperty[]>> = {
  'AWS::RDS::DBInstance': [
    deletionProtection('DeletionProtection', 'deletion_protection'),
    backupRetention(1),
    deleteAutomatedBackups,
    skipFinalSnapshot,
  ],
  'AWS::RDS::DBCluster': [
    deletionProtection('DeletionProtection', 'deletion_protection'),
    backupRetention(1),
    deleteAutomatedBackups,
    skipFinalSnapshot,
  ],
  'AWS::RDS::GlobalCluster': [deletionProtection('DeletionProtection', 'deletion_protection')],
  'AWS::DocDB::DBCluster': [
    deletionProtection('DeletionProtection', 'deletion_protection'),
    backupRetention(1),
    skipFinalSnapshot,
  ],
  'AWS::DocDB::GlobalCluster': [deletionProtection('DeletionProtection', 'deletion_protection')],
  'AWS::Neptune::DBCluster': [
    deletionProtection('DeletionProtection', 'deletion_protection'),
    backupRetention(1),
    skipFinalSnapshot,
  ],
  'AWS::Neptune::GlobalCluster': [deletionProtection('DeletionProtection', 'deletion_protection')],
  'AWS::NeptuneGraph::Graph': [deletionProtection('DeletionProtection', 'deletion_protection', true)],
  'AWS::DynamoDB::Table': [
    deletionProtection('DeletionProtectionEnabled', 'deletion_protection_enabled'),
    {
      label: 'point-in-time recovery',
      lowered: 'point-in-time recovery is off',
      kind: 'on-off',
      cloudformation: ['PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'],
      terraform: ['point_in_time_recovery[0].enabled'],
      absent: false,
    },
    {
      label: 'the point-in-time recovery period',
      lowered: 'point-in-time recovery reaches back fewer days',
      kind: 'decrease',
      cloudformation: ['PointInTimeRecoverySpecification.RecoveryPeriodInDays'],
      terraform: ['point_in_time_recovery[0].recovery_period_in_days'],
      absent: 35,
      computed: true,
    },
    {
      label: 'point-in-time recovery of each replica',
      lowered: 'point-in-time recovery of a replica is off',
      kind: 'on-off',
      terraform: ['replica[*].point_in_time_recovery'],
      absent: false,
    },
    {
      label: 'deletion protection of each replica',
      lowered: 'deletion protection of a replica is off',
      kind: 'on-off',
      terraform: ['replica[*].deletion_protection_enabled'],
      absent: false,
    },
  ],
  'AWS::DynamoDB::GlobalTable': [
    {
      label: 'deletion protection of each replica',
      lowered: 'deletion protection of a replica is off',
      kind: 'on-off',
      cloudformation: ['Replicas[*].DeletionProtectionEnabled'],
      absent: false,
    },
    {
      label: 'point-in-time recovery of each replica',
      lowered: 'point-in-time recovery of a replica is off',
      kind: 'on-off',
      cloudformation: ['Replicas[*].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'],
      absent: false,
    },
  ],
  'AWS::Cognito::UserPool': [deletionProtection('DeletionProtection', 'deletion_protection', 'INACTIVE')],
  'AWS::S3::Bucket': [
    {
      label: 'versioning',
      lowered: 'versioning is suspended, so an overwrite or delete loses the object',
      kind: 'on-off',
      cloudformation: ['VersioningConfiguration.Status'],
      terraform: ['versioning[0].enabled', 'versioning_configuration[0].status'],
      pulumi: ['versionings[0].enabled'],
      absent: false,
    },
    {
      label: 'Object Lock',
      lowered: 'Object Lock is off',
      kind: 'on-off',
      cloudformation: ['ObjectLockEnabled'],
      terraform: ['object_lock_enabled'],
      absent: false,
      computed: true,
    },
    {
      label: 'the Object Lock default retention',
      lowered: 'locked objects can be deleted sooner',
      kind: 'decrease',
      cloudformation: ['ObjectLockConfiguration.Rule.DefaultRetention.Days'],
      terraform: ['rule[0].default_retention[0].days'],
      absent: 0,
    },
    {
      label: 'the Object Lock default retention',
      lowered: 'locked objects can be deleted sooner',
      kind: 'decrease',
      cloudformation: ['ObjectLockConfiguration.Rule.DefaultRetention.Years'],
      terraform: ['rule[0].default_retention[0].years'],
      absent: 0,
    },
    forceDestroy(),
  ],
  'AWS::EFS::FileSystem': [
    {
      label: 'automatic backups',
      lowered: 'automatic backups are off',
      kind: 'on-off',
      cloudformation: ['BackupPolicy.Status'],
      terraform: ['backup_policy[0].status'],
      absent: 'DISABLED',
    },
  ],
  'AWS::Backup::BackupVault': [
    {
      label: 'the vault lock',
      lowered: 'the vault lock is removed, so recovery points can be deleted',
      kind: 'presence',
      cloudformation: ['LockConfiguration'],
      terraform: ['backup_vault_name'],
      pulumi: ['backupVaultName'],
    },
    {
      label: 'compliance mode of the vault lock',
      lowered: 'the vault lock is no longer in compliance mode, so it can be removed',
      kind: 'presence',
      cloudformation: ['LockConfiguration.ChangeableForDays'],
      terraform: ['changeable_for_days'],
    },
    {
      label: 'the vault lock minimum retention',
      lowered: 'recovery points can be deleted sooner',
      kind: 'decrease',
      cloudformation: ['LockConfiguration.MinRetentionDays'],
      terraform: ['min_retention_days'],
      absent: 0,
    },
    forceDestroy(),
  ],
  'AWS::Backup::LogicallyAirGappedBackupVault': [
    {
      label: 'the vault minimum retention',
      lowered: 'recovery points can be deleted sooner',
      kind: 'decrease',
      cloudformation: ['MinRetentionDays'],
      terraform: ['min_retention_days'],
    },
  ],
  'AWS::KMS::Key': [keyWindow],
  'AWS::KMS::ReplicaKey': [keyWindow],
  'AWS::Logs::LogGroup': [
    deletionProtection('DeletionProtectionEnabled', 'deletion_protection_enabled'),
    {
      label: 'log retention',
      lowered: 'log events are deleted sooner',
      kind: 'retention',
      cloudformation: ['RetentionInDays'],
      terraform: ['retention_in_days'],
      absent: 0,
    },
  ],
  'AWS::CloudTrail::EventDataStore': [
    {
      label: 'termination protection',
      lowered: 'termination protection is off',
      kind: 'on-off',
      cloudformation: ['TerminationProtectionEnabled'],
      terraform: ['termination_protection_enabled'],
      absent: true,
    },
    {
      label: 'event retention',
      lowered: 'events are deleted sooner',
      kind: 'decrease',
      cloudformation: ['RetentionPeriod'],
      terraform: ['retention_period'],
      absent: 2557,
    },
  ],
  'AWS::QLDB::Ledger': [deletionProtection('DeletionProtection', 'deletion_protection', true)],
  'AWS::DSQL::Cluster': [deletionProtection('DeletionProtectionEnabled', 'deletion_protection_enabled', undefined)],
  'AWS::OpenSearchServerless::Collection': [deletionProtection('DeletionProtection', 'deletion_protection', undefined)],
  'AWS::ElastiCache::ReplicationGroup': [
    {
      label: 'snapshot retention',
      lowered: 'automatic snapshots are kept for fewer days',
      kind: 'decrease',
      cloudformation: ['SnapshotRetentionLimit'],
      terraform: ['snapshot_retention_limit'],
      absent: 0,
      computed: true,
    },
  ],
  'AWS::ElastiCache::CacheCluster': [
    {
      label: 'snapshot retention',
      lowered: 'automatic snapshots are kept for fewer days',
      kind: 'decrease',
      cloudformation: ['SnapshotRetentionLimit'],
      terraform: ['snapshot_retention_limit'],
      absent: 0,
      computed: true,
    },
  ],
  'AWS::Redshift::Cluster': [
    {
      label: 'automated snapshot retention',
      lowered: 'automated snapshots are kept for fewer days',
      kind: 'decrease',
      cloudformation: ['AutomatedSnapshotRetentionPeriod'],
      terraform: ['automated_snapshot_retention_period'],
      absent: 1,
      computed: true,
    },
    skipFinalSnapshot,
  ],
  'AWS::EC2::Volume': [
    {
      label: 'a final snapshot on delete',
      lowered: 'no snapshot is taken when it is deleted',
      kind: 'on-off',
      terraform: ['final_snapshot'],
      absent: false,
    },
  ],
  'AWS::FSx::FileSystem': [
    {
      label: 'automatic backup retention',
      lowered: 'automatic backups are kept for fewer days',
      kind: 'decrease',
      cloudformation: [
        'WindowsConfiguration.AutomaticBackupRetentionDays',
        'LustreConfiguration.AutomaticBackupRetentionDays',
        'OntapConfiguration.AutomaticBackupRetentionDays',
        'OpenZFSConfiguration.AutomaticBackupRetentionDays',
      ],
      terraform: ['automatic_backup_retention_days'],
      computed: true,
    },
    {
      label: 'a final backup on delete',
      lowered: 'no final backup is taken when it is deleted',
      kind: 'off-on',
      terraform: ['skip_final_backup'],
      absent: false,
    },
  ],
  'AWS::SecretsManager::Secret': [
    {
      label: 'the secret recovery window',
      lowered: 'a deleted secret can be recovered for fewer days (0: not at all)',
      kind: 'decrease',
      terraform: ['recovery_window_in_days'],
      absent: 30,
    },
  ],
  'AWS::ECR::Repository': [forceDestroy('force_delete', 'EmptyOnDelete')],
  'AWS::Kinesis::Stream': [
    {
      label: 'record retention',
      lowered: 'records are deleted sooner',
      kind: 'decrease',
      cloudformation: ['RetentionPeriodHours'],
      terraform: ['retention_period'],
      absent: 24,
      computed: true,
    },
  ],
};

/** Parses `a.b[0].c` / `Replicas[*].X` into segments (`*` stays a string). */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of text.split('.')) {
    const m = /^([^[]*)((?:\[(?:\d+|\*)\])*)$/.exec(part);
    if (!m) throw new Error(`Bad property path \`${text}\`.`);
    if (m[1] !== '') out.push(m[1]);
    for (const idx of m[2].match(/\[(\d+|\*)\]/g) ?? []) {
      const v = idx.slice(1, -1);
      out.push(v === '*' ? '*' : Number(v));
    }
  }
  return out;
}

/** Segments back to text, in the dialect's own notation. */
export function formatPath(path: PropertyPath): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number' || seg === '*') s += `[${seg}]`;
    else s += s === '' ? seg : `.${seg}`;
  }
  return s;
}

function camel(seg: PathSegment): PathSegment {
  if (typeof seg !== 'string' || seg === '*') return seg;
  if (seg.includes('_')) return seg.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return seg[0].toLowerCase() + seg.slice(1);
}

const PATHS = new Map<ProtectiveProperty, Record<PropertyDialect, PropertyPath[]>>();

/** The paths of a protective property in one dialect. */
export function pathsOf(prop: ProtectiveProperty, dialect: PropertyDialect): readonly PropertyPath[] {
  let cached = PATHS.get(prop);
  if (!cached) {
    const cfn = (prop.cloudformation ?? []).map(parsePath);
    const tf = (prop.terraform ?? []).map(parsePath);
    const pulumi = [
      ...(prop.pulumi ?? []).map(parsePath),
      ...tf.map((p) => p.map(camel)),
      ...cfn.map((p) => p.map(camel)),
    ];
    const seen = new Set<string>();
    cached = {
      cloudformation: cfn,
      terraform: tf,
      // `block[0].x` and `block.x` read the same Pulumi value: keep one.
      pulumi: pulumi.filter((p) => {
        const k = JSON.stringify(p.filter((s) => s !== 0));
        return seen.has(k) ? false : (seen.add(k), true);
      }),
    };
    PATHS.set(prop, cached);
  }
  return cached[dialect];
}

/** One value read at one path on one side of a change. */
export type ValueRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'known'; readonly value: unknown }
  /** Known only after apply / at deploy time; `shown` is how the source writes it. */
  | { readonly kind: 'unknown'; readonly shown: string };

export const ABSENT_READ: ValueRead = Object.freeze({ kind: 'absent' });

/** Reads values of one change; the gate's readers provide it over their own shapes. */
export interface ValueSource {
  read(side: 'before' | 'after', path: PropertyPath): ValueRead;
}

/** A protection lowered by a change, with the values that show it. */
export interface Lowering {
  /** The property path in the change's dialect (`deletion_protection`, `VersioningConfiguration.Status`). */
  readonly property: string;
  readonly label: string;
  readonly before: unknown;
  /** The value after, or `null` with `afterKnown: false` when it is known only after apply. */
  readonly after: unknown;
  readonly afterKnown: boolean;
  /** The finding in one sentence. */
  readonly message: string;
  /** Where in a CloudFormation resource it is (`Properties/DeletionProtection`, `DeletionPolicy`), when known. */
  readonly location?: string;
}

const ON = new Set(['true', 'enabled', 'active']);
const OFF = new Set(['false', 'suspended', 'disabled', 'inactive']);

/** The protection a value gives, as a number (higher protects more), or undefined when it cannot be read. */
export function protectionLevel(kind: LoweringKind, value: unknown): number | undefined {
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

/** The lowest and highest level of a kind, where the question "can it go lower/higher" has an answer. */
function isLowest(kind: LoweringKind, level: number): boolean {
  return kind === 'decrease' || kind === 'retention' ? level <= 0 : level === 0;
}
function isHighest(kind: LoweringKind, level: number): boolean {
  return kind === 'decrease' ? false : kind === 'retention' ? level === Infinity : level === 1;
}

/** Structural equality of two JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka)
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** The key that pairs list elements before and after: their region, else their position. */
function elementKey(el: unknown, index: number): string {
  if (el !== null && typeof el === 'object' && !Array.isArray(el)) {
    const o = el as Record<string, unknown>;
    const region = o.Region ?? o.region_name ?? o.regionName ?? o.region;
    if (typeof region === 'string') return `region ${region}`;
  }
  return `#${index}`;
}

/** Expands `*` segments into concrete before/after path pairs. */
const SAME_PATH = new WeakMap<PropertyPath, ReadonlyArray<{ before?: PropertyPath; after?: PropertyPath }>>();

function expand(
  source: ValueSource,
  path: PropertyPath,
): ReadonlyArray<{ before?: PropertyPath; after?: PropertyPath }> {
  const star = path.indexOf('*');
  if (star < 0) {
    let same = SAME_PATH.get(path);
    if (!same) SAME_PATH.set(path, (same = [{ before: path, after: path }]));
    return same;
  }
  const prefix = path.slice(0, star);
  const rest = path.slice(star + 1);
  const keyed = (side: 'before' | 'after'): Map<string, number> => {
    const r = source.read(side, prefix);
    const out = new Map<string, number>();
    if (r.kind === 'known' && Array.isArray(r.value)) r.value.forEach((el, i) => out.set(elementKey(el, i), i));
    return out;
  };
  const b = keyed('before');
  const a = keyed('after');
  const out: Array<{ before?: PropertyPath; after?: PropertyPath }> = [];
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const bi = b.get(key);
    const ai = a.get(key);
    // A replica that is removed is a removal, not a lowering of its settings.
    if (bi === undefined || ai === undefined) continue;
    for (const inner of expand(source, [...prefix, bi, ...rest])) {
      out.push({ before: inner.before, after: [...prefix, ai, ...rest] });
    }
  }
  return out;
}

function shown(r: ValueRead): string {
  return r.kind === 'known' ? quote(r.value, 60) : r.kind === 'unknown' ? r.shown : 'not set';
}

/**
 * The protections a change lowers, comparing its before and after values on
 * every protective property of `type` in `dialect`. A value that cannot be read
 * on either side is a lowering unless the other side proves it is not.
 */
export function protectionLowerings(type: string, dialect: PropertyDialect, source: ValueSource): Lowering[] {
  const props = PROTECTIVE_PROPERTIES[type];
  if (!props) return [];
  const out: Lowering[] = [];
  const seen = new Set<string>();
  for (const prop of props) {
    for (const path of pathsOf(prop, dialect)) {
      for (const pair of expand(source, path)) {
        const b = pair.before ? source.read('before', pair.before) : ABSENT_READ;
        const a = pair.after ? source.read('after', pair.after) : ABSENT_READ;
        const shownPath = pair.after ?? path;
        // Pulumi writes a one-element block as an object: `pointInTimeRecovery.enabled`.
        const lowering = compare(
          prop,
          dialect,
          formatPath(dialect === 'pulumi' ? shownPath.filter((s) => s !== 0) : shownPath),
          b,
          a,
        );
        if (lowering && !seen.has(lowering.property)) {
          seen.add(lowering.property);
          out.push(lowering);
        }
      }
    }
  }
  return out;
}

/** Whether going from `b` to `a` lowers `prop`, and the sentence that says so. */
export function compare(
  prop: ProtectiveProperty,
  dialect: PropertyDialect,
  property: string,
  b: ValueRead,
  a: ValueRead,
): Lowering | undefined {
  if (b.kind === 'absent' && a.kind === 'absent') return undefined;
  if (b.kind === 'known' && a.kind === 'known' && deepEqual(b.value, a.value)) return undefined;
  if (b.kind === 'unknown' && a.kind === 'unknown' && b.shown === a.shown) return undefined;
  const provider = dialect !== 'cloudformation';
  // Removing an optional + computed argument keeps the deployed value.
  if (provider && prop.computed && (a.kind === 'absent' || (a.kind === 'known' && a.value === null))) return undefined;
  const level = (r: ValueRead): number | undefined => {
    if (r.kind === 'unknown') return undefined;
    if (r.kind === 'absent')
      return prop.kind === 'presence'
        ? 0
        : prop.absent === undefined
          ? undefined
          : protectionLevel(prop.kind, prop.absent);
    // Terraform writes an unset optional attribute as null.
    if (r.value === null && prop.kind !== 'retention') return level(ABSENT_READ);
    return protectionLevel(prop.kind, r.value);
  };
  const lb = level(b);
  const la = level(a);
  const base = { property, label: prop.label, before: b.kind === 'known' ? b.value : null };
  if (lb !== undefined && la !== undefined) {
    if (la >= lb) return undefined;
    return {
      ...base,
      after: a.kind === 'known' ? a.value : null,
      afterKnown: true,
      message: `\`${property}\` changes from ${shown(b)} to ${shown(a)}: ${prop.lowered}.`,
    };
  }
  // One side cannot be read: a lowering unless the known side rules it out.
  if (lb !== undefined && isLowest(prop.kind, lb)) return undefined;
  if (la !== undefined && isHighest(prop.kind, la)) return undefined;
  const afterText = a.kind === 'unknown' ? `${a.shown}, which is known only when it is applied` : shown(a);
  return {
    ...base,
    after: a.kind === 'known' ? a.value : null,
    afterKnown: a.kind !== 'unknown',
    message: `\`${property}\` changes from ${shown(b)} to ${afterText}; it cannot be proven that ${prop.label} is kept.`,
  };
}

/** A `ValueSource` over plain before/after objects. */
export function plainValues(
  before: unknown,
  after: unknown,
  options: { readonly afterUnknown?: unknown; readonly isUnknown?: (v: unknown) => string | undefined } = {},
): ValueSource {
  return {
    read(side, path) {
      if (side === 'after' && options.afterUnknown !== undefined && unknownAt(options.afterUnknown, path)) {
        return { kind: 'unknown', shown: '(known after apply)' };
      }
      const r = readPath(side === 'before' ? before : after, path);
      if (r === undefined) return ABSENT_READ;
      const unknown = options.isUnknown?.(r);
      return unknown ? { kind: 'unknown', shown: unknown } : { kind: 'known', value: r };
    },
  };
}

/**
 * The value at `path`, or undefined. A number segment on an object that is not
 * a list reads the object itself (a Terraform `block[0]` is a Pulumi `block`);
 * a name segment on a one-element list reads into the element.
 */
export function readPath(root: unknown, path: PropertyPath): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || v === undefined) return undefined;
    if (typeof seg === 'number') {
      if (Array.isArray(v)) v = v[seg];
      else if (typeof v === 'object' && seg === 0) continue;
      else return undefined;
    } else {
      if (Array.isArray(v)) {
        if (v.length !== 1) return undefined;
        v = v[0];
      }
      if (typeof v !== 'object' || v === null) return undefined;
      v = (v as Record<string, unknown>)[seg];
    }
  }
  return v;
}

/** True when Terraform's `after_unknown` marks `path` (or a block that holds it) unknown. */
function unknownAt(afterUnknown: unknown, path: PropertyPath): boolean {
  let v = afterUnknown;
  for (const seg of path) {
    if (v === true) return true;
    if (v === null || typeof v !== 'object') return false;
    if (typeof seg === 'number') v = Array.isArray(v) ? v[seg] : seg === 0 ? v : undefined;
    else
      v = Array.isArray(v)
        ? v.length === 1
          ? (v[0] as Record<string, unknown>)?.[seg]
          : undefined
        : (v as Record<string, unknown>)[seg];
  }
  return v === true;
}
