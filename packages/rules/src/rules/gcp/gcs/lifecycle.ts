/**
 * Reads a Cloud Storage bucket's `lifecycle_rule` blocks for the rules that
 * judge how soon they delete data: which rules delete, what they match, and
 * which conditions bound the age of what they delete. Every condition of a rule
 * must hold for its action to run, so one bounding condition (`age`, or
 * `days_since_noncurrent_time` for noncurrent versions) is enough to bound it.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#nested_lifecycle_rule
 * @see https://cloud.google.com/storage/docs/lifecycle#conditions
 */
import { labelOf, listLength, readProperty } from '../../../engine/read';
import { quote, type Resolved } from '../../../engine/values';
import type { NormalisedResource } from '../../../model';
import { isTrue, numberOf } from '../google-read';

/** A bucket holds at most 100 lifecycle rules: a bound on what is read. */
const MAX_RULES = 100;

export interface GcsLifecycleRule {
  readonly index: number;
  /** `lifecycle rule 2` (position from 1). */
  readonly name: string;
  /** Set when the action type cannot be read: the rule is judged as a delete (fail closed). */
  readonly typeUnresolved?: string;
  /** What it matches, in words: "every object", "objects under `logs/`". */
  readonly scope: string;
  /** `with_state`: LIVE, ARCHIVED, ANY, or undefined (both). */
  readonly withState?: string;
  readonly age: Resolved;
  readonly daysSinceNoncurrent: Resolved;
  readonly numNewerVersions: Resolved;
  /**
   * Conditions no age bounds: dates (`created_before`, `noncurrent_time_before`,
   * `custom_time_before`) and `days_since_custom_time` (counted from a time each
   * object's writer sets, so any object can meet it at once), in words.
   */
  readonly dates: readonly { readonly field: string; readonly said: string }[];
  /** A condition that cannot be read, which may bound or widen what the rule deletes. */
  readonly unresolved?: string;
}

export type GcsLifecycle =
  | { readonly kind: 'rules'; readonly rules: readonly GcsLifecycleRule[] }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string };

/** The bucket's lifecycle rules whose action is `Delete` (or cannot be read). */
export function deleteRules(bucket: NormalisedResource): GcsLifecycle {
  const count = listLength(bucket, ['lifecycle_rule']);
  if (typeof count !== 'number') return count;
  const rules: GcsLifecycleRule[] = [];
  for (let i = 0; i < Math.min(count, MAX_RULES); i++) {
    const type = readProperty(bucket, 'lifecycle_rule', i, 'action', 'type');
    if (type.kind === 'known' && type.value !== 'Delete') continue;
    if (type.kind === 'absent') continue;
    const c = (...f: string[]): Resolved => readProperty(bucket, 'lifecycle_rule', i, 'condition', ...f);
    const state = c('with_state');
    const name = (field: string): string => conditionName(bucket, i, field);
    const dates: { field: string; said: string }[] = [];
    let unresolved: string | undefined;
    for (const field of ['created_before', 'noncurrent_time_before', 'custom_time_before']) {
      const d = c(field);
      if (d.kind === 'known' && typeof d.value === 'string' && d.value !== '')
        dates.push({ field, said: `${name(field)} ${quote(d.value)}` });
      if (d.kind === 'unresolved') unresolved ??= `its condition ${name(field)} is ${quote(d.expression)}: ${d.reason}`;
    }
    const custom = c('days_since_custom_time');
    // Like `age`, a 0 is sent only with its `send_..._if_zero` (a plan writes 0 for an unset number).
    const customDays = custom.kind === 'known' ? numberOf(custom.value) : undefined;
    if (customDays !== undefined && (customDays > 0 || sentIfZero(c, 'days_since_custom_time')))
      dates.push({
        field: 'days_since_custom_time',
        said: `${name('days_since_custom_time')} ${quote(customDays)} (counted from the custom time each object's writer sets, which may be long past)`,
      });
    if (custom.kind === 'unresolved')
      unresolved ??= `its condition ${name('days_since_custom_time')} is ${quote(custom.expression)}: ${custom.reason}`;
    if (state.kind === 'unresolved')
      unresolved ??= `its condition ${name('with_state')} is ${quote(state.expression)}: ${state.reason}`;
    // `age = 0` is sent only with `send_age_if_zero`; otherwise the provider drops it.
    let age = c('age');
    if (age.kind === 'known' && numberOf(age.value) === 0 && !sentIfZero(c, 'age')) age = { kind: 'absent' };
    rules.push({
      index: i,
      name: `lifecycle rule ${i + 1}`,
      typeUnresolved:
        type.kind === 'unresolved' ? `its action type is ${quote(type.expression)}: ${type.reason}` : undefined,
      scope: scopeOf(c),
      withState:
        state.kind === 'known' && typeof state.value === 'string' && state.value !== '' ? state.value : undefined,
      age,
      daysSinceNoncurrent: c('days_since_noncurrent_time'),
      numNewerVersions: c('num_newer_versions'),
      dates,
      unresolved,
    });
  }
  return { kind: 'rules', rules };
}

/** A condition's name as the user wrote it: `days_since_noncurrent_time`, or `daysSinceNoncurrentTime` in Pulumi. */
export function conditionName(bucket: NormalisedResource, index: number, field: string): string {
  return labelOf(bucket, ['lifecycle_rule', index, 'condition', field]).split('.').pop() ?? field;
}

/** Was the zero of this condition sent (`send_<field>_if_zero = true`)? The provider drops a 0 otherwise. */
function sentIfZero(c: (...f: string[]) => Resolved, field: string): boolean {
  const flag = c(`send_${field}_if_zero`);
  return flag.kind === 'known' && isTrue(flag.value);
}

/** A whole number of days at least `min`: the condition bounds what the rule deletes. */
export function atLeast(r: Resolved, min: number): boolean {
  return r.kind === 'known' && (numberOf(r.value) ?? -1) >= min;
}

/** A positive number of days or versions the condition sets, or undefined. */
export function positive(r: Resolved): number | undefined {
  const n = r.kind === 'known' ? numberOf(r.value) : undefined;
  return n !== undefined && n > 0 ? n : undefined;
}

function scopeOf(c: (...f: string[]) => Resolved): string {
  const parts: string[] = [];
  for (const [field, word] of [
    ['matches_prefix', 'under'],
    ['matches_suffix', 'ending in'],
  ] as const) {
    const v = c(field);
    if (v.kind === 'known' && Array.isArray(v.value) && v.value.length)
      parts.push(
        `${word} ${v.value
          .slice(0, 5)
          .map((p) => `\`${String(p)}\``)
          .join(' or ')}`,
      );
    else if (v.kind === 'unresolved') parts.push(`${word} ${quote(v.expression, 60)}`);
  }
  return parts.length ? `objects ${parts.join(' and ')}` : 'every object';
}
