import { defineRule } from '../../../engine/rule';
import { googleFix, requireSwitchOff } from '../google-read';

/**
 * Cloud Storage buckets are not destroyed with their objects.
 *
 * Cloud Storage refuses to delete a bucket that holds objects.
 * `force_destroy = true` (default false) makes the provider delete every
 * object (and Anywhere Cache) first: the Google counterpart of the AWS
 * provider's `force_destroy` and CDK's `autoDeleteObjects`
 * (`s3-no-auto-delete-objects`). Deleted objects stay restorable only for the
 * bucket's soft delete window.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#force_destroy
 */
export default defineRule({
  id: 'gcs-bucket-no-force-destroy',
  title: 'Cloud Storage objects are not deleted when the bucket is destroyed',
  why: 'A destroy, or a change that replaces the bucket (a new name or location), deletes every object in it before the bucket, whatever wrote them.',
  fix: 'Set force_destroy = false on the google_storage_bucket (or leave it unset: false is the default).',
  severity: 'error',
  resourceTypes: ['google_storage_bucket'],
  google(resource) {
    return requireSwitchOff(
      resource,
      ['force_destroy'],
      'every object and object version in the bucket is deleted before the bucket is',
      googleFix(
        'Remove `force_destroy = true` from the `google_storage_bucket` (false is the default).',
        'Remove `forceDestroy: true` from the `gcp.storage.Bucket` args (false is the default).',
      ),
    );
  },
});
