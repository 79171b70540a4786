import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { plural } from '../../../text/plural';
import { googleFix, isTrue, numberOf } from '../google-read';
import { atLeast, conditionName, deleteRules, positive } from './lifecycle';

/**
 * Cloud Storage lifecycle rules do not delete the objects of an unversioned
 * bucket sooner than the minimum retention (`minimumBackupRetentionDays`, 7
 * days unless configured).
 *
 * A `Delete` action that matches live objects (`with_state` unset, `LIVE` or
 * `ANY`, and no noncurrent-only condition) deletes each matching object of a
 * bucket without versioning for good (soft delete keeps it only for its own
 * window, judged by `gcs-bucket-soft-delete`). On a versioned bucket it only
 * makes the live object noncurrent, which `gcs-noncurrent-version-retention`
 * judges, so a versioned bucket is not judged here. A rule passes when its
 * `age` is at least the minimum (conditions combine with AND, so it never
 * deletes a younger object); date conditions (`created_before`) are reported:
 * from that date on every matching object is deleted, however new. Most
 * expirations are deliberate (logs, temporary files), so the rule warns, as
 * `s3-lifecycle-expiration` does. A bucket whose `retention_policy` keeps
 * objects at least the minimum is not judged: Cloud Storage refuses a lifecycle
 * delete of an object younger than the retention period.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#nested_lifecycle_rule
 * @see https://cloud.google.com/storage/docs/lifecycle#delete
 * @see https://cloud.google.com/storage/docs/bucket-lock
 */
export default defineRule({
  id: 'gcs-lifecycle-expiration',
  title: 'Cloud Storage lifecycle rules keep the objects of unversioned buckets for at least the minimum retention',
  why: 'A Delete rule on a bucket without versioning deletes each object for good, with no version to restore, so an object deleted sooner than the minimum is lost before a mistake can be noticed.',
  fix: 'Give the Delete rule an age of at least the minimum retention (7 days by default), or turn versioning on and keep noncurrent versions for the minimum; acknowledge the finding for disposable data.',
  severity: 'warning',
  resourceTypes: ['google_storage_bucket'],
  google(bucket, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const versioning = readProperty(bucket, 'versioning', 'enabled');
    if (versioning.kind === 'known' && isTrue(versioning.value)) return;
    // A retention policy refuses every delete, a lifecycle one included, of an object younger than its period.
    const retention = readProperty(bucket, 'retention_policy', 'retention_period');
    if (retention.kind === 'known' && (numberOf(retention.value) ?? 0) >= min * 86400) return;
    const unversioned =
      versioning.kind === 'unresolved'
        ? `the bucket's versioning is ${quote(versioning.expression)} and cannot be proven enabled (${versioning.reason})`
        : 'the bucket is not versioned';
    const fix = googleFix(
      `Set \`age = ${min}\` (or more) in the \`condition\` of that \`lifecycle_rule\`, or add \`versioning { enabled = true }\` and keep noncurrent versions at least ${plural(min, 'day')}. If the objects are disposable, acknowledge the finding with that reason.`,
      `Set \`age: ${min}\` (or more) in the \`condition\` of that entry of \`lifecycleRules\`, or pass \`versioning: { enabled: true }\` and keep noncurrent versions at least ${plural(min, 'day')}. If the objects are disposable, acknowledge the finding with that reason.`,
    );
    const rules = deleteRules(bucket);
    if (rules.kind === 'unresolved')
      return {
        fix,
        unresolved: true,
        location: locationOf(bucket, ['lifecycle_rule']),
        message: `${labelOf(bucket, ['lifecycle_rule'])} is ${quote(rules.expression)} and cannot be proven to keep objects for ${plural(min, 'day')}: ${rules.reason}; ${unversioned}.`,
      };
    const out: Violation[] = [];
    for (const rule of rules.rules) {
      if (rule.withState === 'ARCHIVED') continue;
      // Conditions only noncurrent versions meet: the rule never matches a live object.
      if (
        positive(rule.numNewerVersions) ||
        positive(rule.daysSinceNoncurrent) ||
        rule.dates.some((d) => d.field === 'noncurrent_time_before')
      )
        continue;
      const dates = rule.dates.filter((d) => d.field !== 'noncurrent_time_before').map((d) => d.said);
      if (atLeast(rule.age, min) && !rule.typeUnresolved) continue;
      const base = {
        fix,
        detail: rule.name,
        location: locationOf(bucket, ['lifecycle_rule', rule.index, 'condition']),
      };
      const caveat = [rule.typeUnresolved, rule.unresolved].filter(Boolean).join('; ');
      const judgedAs = caveat ? ` (the rule is judged as a delete: ${caveat})` : '';
      const unresolved =
        rule.age.kind === 'unresolved' || versioning.kind === 'unresolved' || Boolean(caveat) || undefined;
      let when: string;
      if (rule.age.kind === 'unresolved')
        when = `at an ${conditionName(bucket, rule.index, 'age')} of ${quote(rule.age.expression)} days, which cannot be proven at least ${plural(min, 'day')} (${rule.age.reason})`;
      else if (positive(rule.age) !== undefined) when = `${plural(positive(rule.age)!, 'day')} after they are created`;
      else if (dates.length)
        when = `as soon as Cloud Storage gets to them, however new, once ${dates.join(' and ')} holds`;
      else if (atLeast(rule.age, min)) when = `${plural(positive(rule.age)!, 'day')} after they are created`;
      else when = 'as soon as Cloud Storage gets to them (no age condition)';
      out.push({
        ...base,
        unresolved,
        message: `The ${rule.name} deletes ${rule.scope} ${when}, and ${unversioned}, so they are gone for good in less than the minimum retention of ${plural(min, 'day')}${judgedAs}.`,
      });
    }
    return out;
  },
});
