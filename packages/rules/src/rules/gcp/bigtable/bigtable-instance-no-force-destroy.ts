import { defineRule } from '../../../engine/rule';
import { googleFix, requireSwitchOff } from '../google-read';

/**
 * Bigtable instances are not destroyed with `force_destroy`.
 *
 * Bigtable refuses to delete an instance that still holds backups. With
 * `force_destroy = true` (default false) the provider deletes every backup in
 * the instance first, then the instance with its tables.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigtable_instance#force_destroy
 * @see https://cloud.google.com/bigtable/docs/backups
 */
export default defineRule({
  id: 'bigtable-instance-no-force-destroy',
  title: 'Bigtable instances keep their backups when destroyed',
  why: 'Destroying or replacing an instance with force_destroy deletes every backup in it before the instance and its tables, so nothing is left to restore from.',
  fix: 'Set force_destroy = false on the google_bigtable_instance (or leave it unset: false is the default).',
  severity: 'error',
  resourceTypes: ['google_bigtable_instance'],
  google(resource) {
    return requireSwitchOff(
      resource,
      ['force_destroy'],
      'the provider deletes every backup in the instance before deleting the instance and its tables',
      googleFix(
        'Remove `force_destroy = true` from the `google_bigtable_instance` (false is the default).',
        'Remove `forceDestroy: true` from the `gcp.bigtable.Instance` args (false is the default).',
      ),
    );
  },
});
