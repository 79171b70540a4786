import { defineRule } from '../../../engine/rule';
import { googleFix, requireSwitchOff } from '../google-read';

/**
 * Spanner instances are not destroyed with `force_destroy`.
 *
 * Spanner refuses to delete an instance that still has backups, which keeps
 * the backups when a `terraform destroy` deletes the instance's databases. With
 * `force_destroy = true` the provider first lists and deletes every backup of
 * the instance, then deletes the instance. The argument defaults to false.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/spanner_instance#force_destroy
 * @see https://github.com/hashicorp/terraform-provider-google/blob/v7.45.0/google/services/spanner/resource_spanner_instance.go
 * @see https://cloud.google.com/spanner/docs/backup
 */
export default defineRule({
  id: 'spanner-instance-no-force-destroy',
  title: 'Spanner instances keep their backups when destroyed',
  why: 'Destroying or replacing an instance with force_destroy deletes every backup of every database in it first, so the databases and the copies meant to restore them go in the same run.',
  fix: 'Set force_destroy = false on the google_spanner_instance (or leave it unset: false is the default).',
  severity: 'error',
  resourceTypes: ['google_spanner_instance'],
  google(resource) {
    return requireSwitchOff(
      resource,
      ['force_destroy'],
      'the provider deletes every backup of the instance before deleting the instance and its databases',
      googleFix(
        'Remove `force_destroy = true` from the `google_spanner_instance` (false is the default).',
        'Remove `forceDestroy: true` from the `gcp.spanner.Instance` args (false is the default).',
      ),
    );
  },
});
