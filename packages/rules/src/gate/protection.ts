/**
 * The comparison of a change's before and after values against the settings
 * that protect stored data: the catalogue's protection table
 * (`src/protection/`), where each setting has its names in each dialect, its
 * service default and how a change lowers it.
 *
 * Paths are written as text: `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled`,
 * `point_in_time_recovery[0].enabled` (Terraform nested blocks are lists),
 * `Replicas[*].DeletionProtectionEnabled` (`*`: every element, paired before and
 * after by its region). Pulumi paths are derived: the Terraform and CloudFormation
 * paths in camelCase (`@pulumi/aws` and `aws-native` inputs), a repeated
 * Terraform block by its plural (`rule[*]` → `rules[*]`), where a `[0]` also
 * matches a block written as an object.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs
 */
import { quote } from '../engine/values';
import { protectionLevel, type LoweringKind, type ProtectiveSetting } from '../protection/setting';
import { PROTECTIVE_PROPERTIES } from '../protection/table';
import type { PropertyDialect } from './changes';
import { googleSettingsOf } from './google';

export type PathSegment = string | number;
export type PropertyPath = readonly PathSegment[];

/** A protective setting, as the gate reads it: an entry of the protection table (`src/protection`). */
export type ProtectiveProperty = ProtectiveSetting;
export type { LoweringKind };
export { PROTECTIVE_PROPERTIES, protectionLevel };

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

/**
 * A Terraform path as `@pulumi/aws` names its inputs: camelCase, and a repeated
 * block (`rule[*]`, `replica[*]`, `copy_action[*]`) by its plural, as the
 * Pulumi bridge names a list that can hold more than one item (`rules`,
 * `replicas`, `copyActions`; https://www.pulumi.com/docs/iac/concepts/resources/names/).
 * A block of at most one item (`[0]`) keeps its name: Pulumi writes it as an object.
 */
function pulumiFromTerraform(path: PropertyPath): PropertyPath {
  return path.map((seg, i) => {
    const c = camel(seg);
    if (typeof c !== 'string' || c === '*' || path[i + 1] !== '*' || c.endsWith('s')) return c;
    return /[^aeiou]y$/.test(c) ? `${c.slice(0, -1)}ies` : `${c}s`;
  });
}

/**
 * The protective settings the gate compares for a type: a CloudFormation
 * type's (AWS, in every dialect), or a Google Terraform type's
 * (`google_sql_database_instance`, also for its `@pulumi/gcp` twin).
 */
export function protectiveSettingsOf(type: string): readonly ProtectiveProperty[] | undefined {
  return PROTECTIVE_PROPERTIES[type] ?? (type.startsWith('google_') ? googleSettingsOf(type) : undefined);
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
      ...tf.map(pulumiFromTerraform),
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

/** The lowest and highest level of a setting, where the question "can it go lower/higher" has an answer. */
function isLowest(prop: ProtectiveProperty, level: number): boolean {
  if (prop.words) return level <= Math.min(...Object.values(prop.words));
  return prop.kind === 'decrease' || prop.kind === 'retention' ? level <= 0 : level === 0;
}
function isHighest(prop: ProtectiveProperty, level: number): boolean {
  if (prop.words) return level >= Math.max(...Object.values(prop.words));
  return prop.kind === 'decrease' ? false : prop.kind === 'retention' ? level === Infinity : level === 1;
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

/**
 * The key that pairs list elements before and after: what names the element in
 * its list (a replica's region, a lifecycle rule's id, a backup rule's name, a
 * block device's name), else its position. Pairing by name keeps a reordered
 * list from reading as a lowering, and a rule inserted first from hiding one.
 */
function elementKey(el: unknown, index: number): string {
  if (el !== null && typeof el === 'object' && !Array.isArray(el)) {
    const o = el as Record<string, unknown>;
    for (const [what, keys] of ELEMENT_NAMES) {
      for (const k of keys) if (typeof o[k] === 'string' && o[k] !== '') return `${what} ${o[k] as string}`;
    }
  }
  return `#${index}`;
}

const ELEMENT_NAMES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['region', ['Region', 'region_name', 'regionName', 'region']],
  ['rule', ['Id', 'ID', 'id', 'RuleName', 'rule_name', 'ruleName']],
  ['device', ['DeviceName', 'device_name', 'deviceName']],
];

/** Expands `*` segments into concrete before/after path pairs. */
const SAME_PATH = new WeakMap<PropertyPath, ReadonlyArray<{ before?: PropertyPath; after?: PropertyPath }>>();

function expand(
  source: ValueSource,
  path: PropertyPath,
): ReadonlyArray<{ before?: PropertyPath; after?: PropertyPath }> {
  if (path.indexOf('*') < 0) {
    let same = SAME_PATH.get(path);
    if (!same) SAME_PATH.set(path, (same = [{ before: path, after: path }]));
    return same;
  }
  return expandPair(source, path, path);
}

/**
 * Expands the `*` segments of a path on each side separately: the element at
 * `before` and the one at `after` are paired by `elementKey`, so nested lists
 * (a backup rule's copy actions) are paired inside paired parents.
 */
function expandPair(
  source: ValueSource,
  before: PropertyPath | undefined,
  after: PropertyPath,
  depth = 0,
): Array<{ before?: PropertyPath; after?: PropertyPath }> {
  const star = after.indexOf('*');
  if (star < 0 || depth > 8) return [{ before, after }];
  const keyed = (side: 'before' | 'after', prefix: PropertyPath | undefined): Map<string, number> => {
    const out = new Map<string, number>();
    if (!prefix) return out;
    const r = source.read(side, prefix);
    if (r.kind === 'known' && Array.isArray(r.value)) r.value.forEach((el, i) => out.set(elementKey(el, i), i));
    return out;
  };
  const bPrefix = before?.slice(0, star);
  const aPrefix = after.slice(0, star);
  const b = keyed('before', bPrefix);
  const a = keyed('after', aPrefix);
  const out: Array<{ before?: PropertyPath; after?: PropertyPath }> = [];
  for (const [key, ai] of a) {
    const bi = b.get(key);
    // An element only before is a removal, not a lowering of its settings (a removed replica is judged as a
    // removal). An element only after (an added lifecycle rule) is compared with the setting's default: a new
    // rule that expires objects after a day lowers what the list kept.
    const nextBefore = bi === undefined || !before ? undefined : [...bPrefix!, bi, ...before.slice(star + 1)];
    out.push(...expandPair(source, nextBefore, [...aPrefix, ai, ...after.slice(star + 1)], depth + 1));
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
export function protectionLowerings(
  type: string,
  dialect: PropertyDialect,
  source: ValueSource,
  providerType?: string,
): Lowering[] {
  const props = protectiveSettingsOf(type);
  if (!props) return [];
  const out: Lowering[] = [];
  const seen = new Set<string>();
  for (const prop of props) {
    // A setting of one provider resource (`aws_dynamodb_table_replica`) is read only on changes of that resource.
    if (prop.providerTypes && !(providerType !== undefined && prop.providerTypes.includes(providerType))) continue;
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
          : protectionLevel(prop.kind, prop.absent, prop);
    // Terraform writes an unset optional attribute as null.
    if (r.value === null && prop.kind !== 'retention') return level(ABSENT_READ);
    return protectionLevel(prop.kind, r.value, prop);
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
  if (lb !== undefined && isLowest(prop, lb)) return undefined;
  if (la !== undefined && isHighest(prop, la)) return undefined;
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
