import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { plural } from '../../../text/plural';
import { googleFix, isTrue, numberOf, requireGoogle, showDuration } from '../google-read';

const DAY = 86400;

/**
 * Cloud Storage buckets keep every version of their objects.
 *
 * A bucket without `versioning { enabled = true }` keeps no noncurrent
 * versions: an overwrite replaces the only copy of an object and a delete
 * removes it (soft delete, `gcs-bucket-soft-delete`, keeps deleted and
 * overwritten objects only for its window).
 *
 * A bucket with a `retention_policy` cannot have versioning: Cloud Storage
 * refuses the combination, and the policy protects the live object instead,
 * refusing every delete or overwrite of an object younger than
 * `retention_period`. Such a bucket passes when the period is at least the
 * minimum retention (`minimumBackupRetentionDays`); a shorter one is reported
 * with the fix that works for it (a longer period, not versioning).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#versioning
 * @see https://cloud.google.com/storage/docs/object-versioning
 * @see https://cloud.google.com/storage/docs/bucket-lock
 */
export default defineRule({
  id: 'gcs-bucket-versioning',
  title: 'Cloud Storage buckets have versioning enabled',
  why: 'Without versioning, one overwrite or delete (a bug, a `gcloud storage rsync --delete-unmatched-destination-objects`, a compromised credential) destroys the only copy of an object once the soft delete window passes.',
  fix: 'Set versioning { enabled = true } on the google_storage_bucket (or, on a bucket with a retention policy, a retention_period of at least the minimum retention).',
  severity: 'error',
  resourceTypes: ['google_storage_bucket'],
  google(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const period = readProperty(resource, 'retention_policy', 'retention_period');
    const seconds = period.kind === 'known' ? numberOf(period.value) : undefined;
    if (seconds !== undefined && seconds > 0) {
      if (seconds >= min * DAY) return;
      const path = ['retention_policy', 'retention_period'];
      return {
        location: locationOf(resource, path),
        message: `${labelOf(resource, path)} is ${quote((period as { value: unknown }).value)} (${showDuration(seconds)}), under the minimum retention of ${plural(min, 'day')}, and a bucket with a retention policy cannot have versioning: an object older than that is deleted or overwritten for good once the soft delete window passes.`,
        fix: googleFix(
          `Set \`retention_period = ${min * DAY}\` (${plural(min, 'day')}) or more in the \`retention_policy\` block of the \`google_storage_bucket\`.`,
          `Pass \`retentionPolicy: { retentionPeriod: ${min * DAY} }\` (${plural(min, 'day')}) or more to the \`gcp.storage.Bucket\`.`,
        ),
      };
    }
    return requireGoogle(resource, {
      path: ['versioning', 'enabled'],
      want: 'true',
      test: isTrue,
      absentMeans: 'never versioned',
      fix: googleFix(
        'Add `versioning { enabled = true }` to the `google_storage_bucket`.',
        'Pass `versioning: { enabled: true }` to the `gcp.storage.Bucket`.',
      ),
    });
  },
});
