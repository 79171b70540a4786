import { defineRule } from '../../../engine/rule';
import { googleFix, isTrue, isUnsetBlock, requireGoogle } from '../google-read';

/**
 * Cloud Storage retention policies are locked.
 *
 * A bucket `retention_policy` forbids deleting or overwriting an object until
 * it is `retention_period` seconds old, but while it is unlocked anyone with
 * `storage.buckets.update` can shorten or remove it and then delete the
 * objects. `is_locked = true` makes the policy permanent (it can then only be
 * lengthened, and the bucket cannot be deleted while it holds objects under
 * retention). Locking is irreversible, so the rule judges only buckets that
 * already have a retention policy, and warns.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#is_locked
 * @see https://cloud.google.com/storage/docs/bucket-lock
 */
export default defineRule({
  id: 'gcs-bucket-retention-policy-locked',
  title: 'Cloud Storage retention policies are locked',
  why: 'An unlocked retention policy is removed by one bucket update, after which every object it protected can be deleted at once.',
  fix: 'Set retention_policy { is_locked = true } once the retention period is right (locking cannot be undone).',
  severity: 'warning',
  resourceTypes: ['google_storage_bucket'],
  google(resource) {
    if (isUnsetBlock(resource, ['retention_policy'])) return;
    return requireGoogle(resource, {
      path: ['retention_policy', 'is_locked'],
      want: 'true',
      test: isTrue,
      absentMeans: 'false, unlocked',
      fix: googleFix(
        'Set `is_locked = true` in the `retention_policy` block of the `google_storage_bucket` once its `retention_period` is right (locking cannot be undone).',
        'Set `isLocked: true` in the `retentionPolicy` of the `gcp.storage.Bucket` once its `retentionPeriod` is right (locking cannot be undone).',
      ),
    });
  },
});
