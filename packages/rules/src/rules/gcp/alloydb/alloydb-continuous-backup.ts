import { asNumber, readProperty, requireProperty, requireTrue } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { plural } from '../../../text/plural';
import { googleFix } from '../general/google-fix';

/** AlloyDB keeps 14 days of continuous backup unless told otherwise. */
const DEFAULT_WINDOW_DAYS = 14;

/**
 * AlloyDB clusters keep continuous backup on (`continuous_backup_config.enabled`,
 * default true), which restores to any point in its recovery window
 * (`recovery_window_days`, default 14), at least the minimum retention long.
 * A secondary cluster (`cluster_type = "SECONDARY"`) is a cross-region replica
 * of its primary, whose backups cover it: AlloyDB does not support continuous
 * backup on it, and the provider's own example turns it off. It is not judged;
 * an unknown `cluster_type` is (it may be a primary).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/alloydb_cluster#example-usage---alloydb-secondary-cluster-basic
 * @see https://cloud.google.com/alloydb/docs/cross-region-replication/about-cross-region-replication
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/alloydb_cluster#continuous_backup_config-1
 * @see https://cloud.google.com/alloydb/docs/backup/overview#continuous-backup
 */
export default defineRule({
  id: 'alloydb-continuous-backup',
  title: 'AlloyDB clusters keep continuous backup on for the minimum retention',
  why: 'With continuous backup off, or a window shorter than the minimum, a cluster cannot be restored to the moment before data was lost or corrupted.',
  fix: 'Leave continuous_backup_config.enabled unset or true, with recovery_window_days at least the minimum retention.',
  severity: 'error',
  resourceTypes: ['google_alloydb_cluster'],
  google(resource, ctx) {
    const type = readProperty(resource, 'cluster_type');
    if (type.kind === 'known' && type.value === 'SECONDARY') return;
    const min = ctx.options.minimumBackupRetentionDays;
    const days = Math.max(min, DEFAULT_WINDOW_DAYS);
    const fix = googleFix(
      `Set \`continuous_backup_config { enabled = true, recovery_window_days = ${days} }\` on the \`google_alloydb_cluster\`.`,
      `Pass \`continuousBackupConfig: { enabled: true, recoveryWindowDays: ${days} }\` in the \`gcp.alloydb.Cluster\` args.`,
    );
    const on = requireTrue(resource, ['continuous_backup_config', 'enabled'], fix, null);
    if (on) return on;
    return requireProperty(resource, {
      path: ['continuous_backup_config', 'recovery_window_days'],
      want: `at least ${plural(min, 'day')}`,
      test: (v) => (asNumber(v) ?? -1) >= min,
      absentMeans:
        min > DEFAULT_WINDOW_DAYS
          ? `${DEFAULT_WINDOW_DAYS} days, under the minimum of ${plural(min, 'day')}`
          : undefined,
      fix,
    });
  },
});
