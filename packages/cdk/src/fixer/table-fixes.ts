import {
  intrinsicName,
  namesCluster,
  namesReadReplicaSource,
  parsePath,
  protectionOf,
  protects,
  safeValueOf,
  type PathSegment,
  type ProtectiveSetting,
} from '@deadbolt/rules';

/**
 * One protection `ProtectStatefulResources` writes: a setting of the catalogue's
 * protection table with a safe value, at one top-level property.
 */
export interface Fix {
  /** The CloudFormation property (top level). */
  readonly property: string;
  /** The L1 (camelCase) property name. */
  readonly l1: string;
  readonly ruleId: string;
  /** True when the rendered (CloudFormation) value of `property` already protects. */
  readonly safe: (rendered: unknown) => boolean;
  /** The value to write to `property`, in CloudFormation form, given the rendered value. */
  readonly cfnValue: (rendered: unknown) => unknown;
  /**
   * The same value in L1 (camelCase) form, or undefined when it cannot be
   * written through the L1 (it keeps an intrinsic the L1 would not rename): a
   * raw override is written instead.
   */
  readonly l1Value: (rendered: unknown) => unknown;
}

export interface FixContext {
  readonly minimumRetentionDays: number;
  /** The resource is tagged `deadbolt:data=true`. */
  readonly taggedAsData: boolean;
}

/**
 * The fixes the protection table prescribes for a rendered resource: every
 * setting with a safe value and a rule, except on cluster members (their
 * cluster holds the data), backup settings of read replicas, and settings that
 * apply only to resources tagged as data. Settings nested in a list
 * (`Replicas[*]`) are written by their own code; a setting with a path per
 * variant (FSx) is written in the variant the resource uses.
 */
export function fixesFor(type: string, props: Readonly<Record<string, unknown>>, ctx: FixContext): Fix[] {
  const store = protectionOf(type);
  if (!store || namesCluster(type, props)) return [];
  const replica = namesReadReplicaSource(props);
  const out: Fix[] = [];
  for (const setting of store.settings) {
    if (setting.safe === undefined || !setting.ruleId || !setting.cloudformation?.length) continue;
    if (setting.onlyWhenData && !ctx.taggedAsData) continue;
    if (replica && setting.notForReadReplicas) continue;
    const unless = setting.unlessProperty;
    if (unless && typeof props[unless.property] === 'string' && unless.matches.test(props[unless.property] as string))
      continue;
    const paths = setting.cloudformation.map(parsePath);
    if (paths.some((p) => p.includes('*'))) continue;
    const path = paths.length === 1 ? paths[0] : paths.find((p) => isPlainObject(props[p[0] as string]));
    if (path) out.push(fixAt(setting, path, ctx.minimumRetentionDays));
  }
  return out;
}

/** The fix for one setting at one path. */
export function fixAt(setting: ProtectiveSetting, path: readonly PathSegment[], minimumRetentionDays: number): Fix {
  const [top, ...rest] = path as string[];
  const safeValue = safeValueOf(setting, minimumRetentionDays);
  const cfnValue = (rendered: unknown): unknown =>
    rest.length === 0 ? safeValue : setIn(isPlainObject(rendered) ? rendered : {}, rest, safeValue);
  return {
    property: top,
    l1: lowerFirst(top),
    ruleId: setting.ruleId!,
    safe: (rendered) => protects(setting, rest.length === 0 ? rendered : readIn(rendered, rest), minimumRetentionDays),
    cfnValue,
    l1Value: (rendered) => (rest.length === 0 ? safeValue : l1Form(cfnValue(rendered))),
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && intrinsicName(v) === undefined;
}

/** The value at `path` inside a rendered object; an intrinsic on the way cannot be read (undefined-unsafe marker). */
function readIn(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === undefined) return undefined;
    if (!isPlainObject(v)) return UNREADABLE;
    v = v[seg];
  }
  return v;
}
/** A value no protection level reads, so a setting behind an intrinsic is rewritten (fail closed). */
const UNREADABLE = Object.freeze({ unreadable: true });

/** A copy of `root` with `value` at `path` (intermediate objects created or copied). */
function setIn(root: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy = { ...root };
  copy[head] = rest.length === 0 ? value : setIn(isPlainObject(root[head]) ? root[head] : {}, rest, value);
  return copy;
}

function lowerFirst(s: string): string {
  return s[0].toLowerCase() + s.slice(1);
}

/** CloudFormation keys to L1 keys, or undefined when the value holds an intrinsic (keys the L1 must not rename). */
function l1Form(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(l1Form);
    return items.includes(undefined) ? undefined : items;
  }
  if (value === null || typeof value !== 'object') return value;
  if (intrinsicName(value) !== undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const converted = l1Form(v);
    if (converted === undefined && v !== undefined) return undefined;
    out[lowerFirst(k)] = converted;
  }
  return out;
}
