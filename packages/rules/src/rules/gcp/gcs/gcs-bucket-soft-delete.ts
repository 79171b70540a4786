import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { plural } from '../../../text/plural';
import { googleFix, numberOf, requireGoogle } from '../google-read';

const DAY = 86400;
/** Cloud Storage's soft delete window: 7 to 90 days, or 0 (off). */
const DEFAULT_SECONDS = 7 * DAY;
const MAX_SECONDS = 90 * DAY;

/**
 * Cloud Storage buckets keep soft-deleted objects for at least the minimum
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * Soft delete keeps every deleted or overwritten object (a lifecycle delete
 * and a `force_destroy` included) restorable for
 * `soft_delete_policy.retention_duration_seconds`: 604800 (7 days) unless set,
 * between 7 and 90 days, and `0` turns it off. An unset block keeps the
 * bucket's current (for a new bucket, the default 7-day) policy.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#retention_duration_seconds
 * @see https://cloud.google.com/storage/docs/soft-delete
 */
export default defineRule({
  id: 'gcs-bucket-soft-delete',
  title: 'Cloud Storage buckets keep soft-deleted objects for at least the minimum retention',
  why: 'With soft delete off (0) or shorter than the minimum, a deleted or overwritten object of an unversioned bucket, and every object a force_destroy removes, is gone for good before the mistake is noticed.',
  fix: 'Set soft_delete_policy { retention_duration_seconds } to at least the minimum retention (604800, 7 days, by default), or leave the block out.',
  severity: 'error',
  resourceTypes: ['google_storage_bucket'],
  google(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    // Above 90 days the longest window Cloud Storage allows is all a bucket can have.
    const required = Math.min(min * DAY, MAX_SECONDS);
    const want = `at least ${required} (${plural(required / DAY, 'day')}${min * DAY > MAX_SECONDS ? ', the longest Cloud Storage allows' : ''})`;
    const seconds = Math.max(required, DEFAULT_SECONDS);
    const path = ['soft_delete_policy', 'retention_duration_seconds'];
    const fix = googleFix(
      `Set \`soft_delete_policy { retention_duration_seconds = ${seconds} }\` (${plural(seconds / DAY, 'day')}) on the \`google_storage_bucket\`.`,
      `Pass \`softDeletePolicy: { retentionDurationSeconds: ${seconds} }\` (${plural(seconds / DAY, 'day')}) to the \`gcp.storage.Bucket\`.`,
    );
    const r = readProperty(resource, ...path);
    if (r.kind === 'known' && numberOf(r.value) === 0)
      return {
        fix,
        location: locationOf(resource, path),
        message: `${labelOf(resource, path)} is ${JSON.stringify(r.value)}, which turns soft delete off; it must be ${want}.`,
      };
    return requireGoogle(resource, {
      path,
      want,
      test: (v) => (numberOf(v) ?? -1) >= required,
      absentMeans:
        required > DEFAULT_SECONDS ? `604800, 7 days, under the minimum of ${plural(min, 'day')}` : undefined,
      fix,
    });
  },
});
