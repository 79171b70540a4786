/**
 * Reads an S3 bucket's lifecycle rules (`LifecycleConfiguration.Rules`) for the
 * rules that judge how soon they delete data: which rules are on, what they
 * match, and after how many days they expire objects and noncurrent versions.
 * The aws-provider dialect puts `aws_s3_bucket_lifecycle_configuration` /
 * `aws.s3.BucketLifecycleConfiguration` rules and a bucket's inline
 * `lifecycle_rule` into the same shape.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-rule.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html
 */
import { readTags } from '../../engine/backup-coverage';
import { asNumber, labelOf, listLength, locationOf, readProperty } from '../../engine/read';
import { quote, type Resolved } from '../../engine/values';
import type { NormalisedResource } from '../../model';
import { DATA_TAG_KEY } from '../../spec/stateful-types';

/** A whole number of days read from a rule: none set, a number, or a value known only at deploy time. */
export type Days =
  | { readonly kind: 'none' }
  | { readonly kind: 'days'; readonly days: number; readonly raw: unknown }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string };

/** One lifecycle rule, as far as the rules need it. */
export interface LifecycleRuleReading {
  /** `lifecycle rule \`logs\`` (its `Id`), or `lifecycle rule 2` (its position, from 1) when it has no readable `Id`. */
  readonly name: string;
  readonly path: readonly (string | number)[];
  /** `Status` is `Disabled`: the rule does nothing. */
  readonly disabled: boolean;
  /** Set when `Status` cannot be read: the rule is judged as on (fail closed). */
  readonly statusUnresolved?: string;
  /** What it matches: "every object", "objects under `logs/`", "objects tagged `tier=tmp`". */
  readonly scope: string;
}

/** All of a bucket's lifecycle rules, or the reason they cannot be listed. */
export type LifecycleRules =
  | { readonly kind: 'rules'; readonly rules: readonly LifecycleRuleReading[] }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string };

const RULES = ['LifecycleConfiguration', 'Rules'] as const;
/** Lifecycle configurations hold at most 1,000 rules: a bound on what is read. */
const MAX_RULES = 1000;

/** Reads the bucket's lifecycle rules; an empty list when it has none. */
export function lifecycleRules(bucket: NormalisedResource): LifecycleRules {
  const count = listLength(bucket, RULES);
  if (typeof count !== 'number') return count;
  const rules: LifecycleRuleReading[] = [];
  for (let i = 0; i < Math.min(count, MAX_RULES); i++) {
    const path = [...RULES, i];
    if (readProperty(bucket, ...path).kind === 'absent') continue;
    const id = readProperty(bucket, ...path, 'Id');
    const status = readProperty(bucket, ...path, 'Status');
    rules.push({
      name:
        id.kind === 'known' && typeof id.value === 'string' && id.value !== ''
          ? `lifecycle rule \`${id.value}\``
          : `lifecycle rule ${i + 1}`,
      path,
      disabled: status.kind === 'known' && status.value === 'Disabled',
      statusUnresolved:
        status.kind === 'unresolved' ? `its Status is ${quote(status.expression)}: ${status.reason}` : undefined,
      scope: scopeOf(bucket, path),
    });
  }
  return { kind: 'rules', rules };
}

/** Reads a number of days at `field` (a path under the rule); 0 or less is not a setting S3 accepts, so it is none. */
export function daysAt(bucket: NormalisedResource, rule: LifecycleRuleReading, ...field: string[]): Days {
  return days(readProperty(bucket, ...rule.path, ...field));
}

function days(r: Resolved): Days {
  switch (r.kind) {
    case 'absent':
      return { kind: 'none' };
    case 'unresolved':
      return r;
    case 'known': {
      if (r.value === null) return { kind: 'none' };
      const n = asNumber(r.value);
      if (n === undefined) return { kind: 'unresolved', expression: r.value, reason: 'it is not a number of days' };
      return n <= 0 ? { kind: 'none' } : { kind: 'days', days: n, raw: r.value };
    }
  }
}

/** A date the rule expires objects on, when set (any value, readable or not, counts). */
export function dateAt(bucket: NormalisedResource, rule: LifecycleRuleReading): Resolved {
  const r = readProperty(bucket, ...rule.path, 'ExpirationDate');
  return r.kind === 'known' && (r.value === null || r.value === '') ? { kind: 'absent' } : r;
}

/** The name of a rule's field as the user wrote it: `NoncurrentVersionExpiration.NoncurrentDays` or the provider's path. */
export function fieldLabel(bucket: NormalisedResource, rule: LifecycleRuleReading, field: readonly string[]): string {
  return bucket.dialect === 'aws-provider' ? labelOf(bucket, [...rule.path, ...field]) : field.join('.');
}

/** Where a finding about a rule's field points. */
export function fieldLocation(
  bucket: NormalisedResource,
  rule: LifecycleRuleReading,
  field: readonly string[],
): string {
  return locationOf(bucket, [...rule.path, ...field]);
}

/** What the rule matches, in words. */
function scopeOf(bucket: NormalisedResource, path: readonly (string | number)[]): string {
  const parts: string[] = [];
  const prefix = readProperty(bucket, ...path, 'Prefix');
  if (prefix.kind === 'known' && typeof prefix.value === 'string' && prefix.value !== '')
    parts.push(`under \`${prefix.value}\``);
  else if (prefix.kind === 'unresolved') parts.push(`under the prefix ${quote(prefix.expression, 60)}`);
  const tags = readProperty(bucket, ...path, 'TagFilters');
  if (tags.kind === 'known' && Array.isArray(tags.value) && tags.value.length > 0) {
    const shown = tags.value
      .slice(0, 5)
      .map((t) =>
        t && typeof t === 'object'
          ? `\`${String((t as Record<string, unknown>).Key)}=${String((t as Record<string, unknown>).Value)}\``
          : quote(t),
      );
    parts.push(`tagged ${shown.join(' and ')}${tags.value.length > 5 ? ' and more' : ''}`);
  } else if (tags.kind === 'unresolved') parts.push(`tagged as ${quote(tags.expression, 60)} says`);
  for (const [field, word] of [
    ['ObjectSizeGreaterThan', 'larger'],
    ['ObjectSizeLessThan', 'smaller'],
  ] as const) {
    const size = readProperty(bucket, ...path, field);
    if (size.kind === 'known' && asNumber(size.value) !== undefined && asNumber(size.value)! > 0)
      parts.push(`${word} than ${asNumber(size.value)} bytes`);
  }
  return parts.length ? `objects ${parts.join(' ')}` : 'every object';
}

/**
 * True when the bucket is marked as holding data (`deadbolt:data` = `true` on
 * it or its stack), or carries tags that cannot be read and may say so (fail
 * closed).
 */
export function markedAsData(bucket: NormalisedResource): boolean {
  const t = readTags(bucket);
  return t.tags.get(DATA_TAG_KEY) === 'true' || t.unresolvedKeys.has(DATA_TAG_KEY) || t.unknownKeys;
}
