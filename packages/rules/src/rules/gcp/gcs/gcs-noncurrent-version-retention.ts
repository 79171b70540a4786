import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { plural } from '../../../text/plural';
import { googleFix, isTrue } from '../google-read';
import { atLeast, conditionName, deleteRules, positive } from './lifecycle';

/**
 * Cloud Storage lifecycle rules keep noncurrent versions for at least the
 * minimum retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * On a versioned bucket, an overwrite or a delete turns the live object into a
 * noncurrent version: the copy versioning keeps. A `Delete` action that matches
 * noncurrent versions (`with_state` unset, `ARCHIVED` or `ANY`) deletes them
 * for good, and only `days_since_noncurrent_time` counts from the moment a
 * version became noncurrent: `age` counts from the object's creation (an
 * overwrite of an object older than `age` is unrecoverable at once), and
 * `num_newer_versions` deletes a version as soon as enough newer ones exist
 * (repeated bad writes push the good version out). A rule passes only with
 * `days_since_noncurrent_time` of at least the minimum. Buckets whose
 * versioning is known to be off have no noncurrent versions and are left to
 * `gcs-lifecycle-expiration`.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#days_since_noncurrent_time
 * @see https://cloud.google.com/storage/docs/lifecycle#conditions
 */
export default defineRule({
  id: 'gcs-noncurrent-version-retention',
  title: 'Cloud Storage lifecycle rules keep noncurrent versions for at least the minimum retention',
  why: 'Noncurrent versions are what versioning keeps after an overwrite or a delete; a Delete rule that removes them sooner than the minimum makes the mistake permanent before anyone notices it.',
  fix: 'Give every Delete rule that matches noncurrent versions days_since_noncurrent_time of at least the minimum retention (7 days by default), or with_state = "LIVE".',
  severity: 'error',
  resourceTypes: ['google_storage_bucket'],
  google(bucket, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const versioning = readProperty(bucket, 'versioning', 'enabled');
    if (versioning.kind !== 'unresolved' && !(versioning.kind === 'known' && isTrue(versioning.value))) return;
    const fix = googleFix(
      `Set \`days_since_noncurrent_time = ${min}\` (or more) in the \`condition\` of that \`lifecycle_rule\` (or \`with_state = "LIVE"\` if it is meant for live objects only).`,
      `Set \`daysSinceNoncurrentTime: ${min}\` (or more) in the \`condition\` of that entry of \`lifecycleRules\` (or \`withState: "LIVE"\` if it is meant for live objects only).`,
    );
    const rules = deleteRules(bucket);
    if (rules.kind === 'unresolved')
      return {
        fix,
        unresolved: true,
        location: locationOf(bucket, ['lifecycle_rule']),
        message: `${labelOf(bucket, ['lifecycle_rule'])} is ${quote(rules.expression)} and cannot be proven to keep noncurrent versions for ${plural(min, 'day')}: ${rules.reason}.`,
      };
    const out: Violation[] = [];
    for (const rule of rules.rules) {
      if (rule.withState === 'LIVE') continue;
      if (atLeast(rule.daysSinceNoncurrent, min) && !rule.typeUnresolved) continue;
      const what = `noncurrent versions of ${rule.scope}`;
      const caveat = [
        rule.typeUnresolved,
        rule.unresolved,
        versioning.kind === 'unresolved'
          ? `${labelOf(bucket, ['versioning', 'enabled'])} is ${quote(versioning.expression)}: ${versioning.reason}`
          : undefined,
      ]
        .filter(Boolean)
        .join('; ');
      const judged = caveat ? ` (judged as a delete of noncurrent versions: ${caveat})` : '';
      const days = positive(rule.daysSinceNoncurrent);
      const newer = positive(rule.numNewerVersions);
      const age = positive(rule.age);
      let how: string;
      if (rule.daysSinceNoncurrent.kind === 'unresolved')
        how = `after ${conditionName(bucket, rule.index, 'days_since_noncurrent_time')} ${quote(rule.daysSinceNoncurrent.expression)} days, which cannot be proven at least ${plural(min, 'day')} (${rule.daysSinceNoncurrent.reason})`;
      else if (days !== undefined && days < min)
        how = `${plural(days, 'day')} after they become noncurrent, so an overwrite or delete is unrecoverable after ${plural(days, 'day')}`;
      else if (days !== undefined) how = `${plural(days, 'day')} after they become noncurrent`;
      else if (newer !== undefined) how = `as soon as ${plural(newer, 'newer version')} exist, however soon that is`;
      else if (age !== undefined)
        how = `once the object is ${plural(age, 'day')} old, counted from its creation, not from the overwrite, so overwriting an object older than that is unrecoverable at once`;
      else if (rule.dates.length)
        how = `once ${rule.dates.map((d) => d.said).join(' and ')} holds, however recently they became noncurrent`;
      else how = 'as soon as Cloud Storage gets to them (no condition counts from the overwrite)';
      out.push({
        fix,
        detail: rule.name,
        location: locationOf(bucket, ['lifecycle_rule', rule.index, 'condition']),
        unresolved: rule.daysSinceNoncurrent.kind === 'unresolved' || Boolean(caveat) || undefined,
        message: `The ${rule.name} deletes ${what} ${how}${judged}; noncurrent versions must be kept at least ${plural(min, 'day')}.`,
      });
    }
    return out;
  },
});
