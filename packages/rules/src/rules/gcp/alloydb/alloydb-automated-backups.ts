import { asNumber, locationOf, readProperty, requireTrue } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { plural } from '../../../text/plural';
import { googleFix, nameAt } from '../general/google-fix';

/**
 * AlloyDB clusters take automated backups (`automated_backup_policy`, disabled
 * unless the block is given; within it `enabled` defaults to true) and keep
 * them for at least the minimum retention: `time_based_retention.retention_period`
 * (seconds, `"1209600s"`) or `quantity_based_retention.count` (backups; one a day
 * on a daily schedule). A secondary cluster is backed up through its primary
 * (`cluster_type = "SECONDARY"`): not judged.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/alloydb_cluster#automated_backup_policy-1
 * @see https://cloud.google.com/alloydb/docs/reference/rest/v1/projects.locations.clusters#automatedbackuppolicy
 */
export default defineRule({
  id: 'alloydb-automated-backups',
  title: 'AlloyDB clusters take automated backups kept for the minimum retention',
  why: 'Without automated backups an AlloyDB cluster has only its continuous-backup window to restore from, and backups past their retention are deleted.',
  fix: 'Add automated_backup_policy { enabled = true, time_based_retention { retention_period = "<minimum retention in seconds>s" } }.',
  severity: 'error',
  resourceTypes: ['google_alloydb_cluster'],
  google(resource, ctx) {
    const type = readProperty(resource, 'cluster_type');
    if (type.kind === 'known' && type.value === 'SECONDARY') return;
    const min = ctx.options.minimumBackupRetentionDays;
    const seconds = Math.max(min, 14) * 86400;
    const fix = googleFix(
      `Add \`automated_backup_policy { enabled = true, weekly_schedule { start_times { hours = 2 } }, time_based_retention { retention_period = "${seconds}s" } }\` to the \`google_alloydb_cluster\`.`,
      `Pass \`automatedBackupPolicy: { enabled: true, weeklySchedule: { startTimes: [{ hours: 2 }] }, timeBasedRetention: { retentionPeriod: '${seconds}s' } }\` in the \`gcp.alloydb.Cluster\` args.`,
    );
    const policy = readProperty(resource, 'automated_backup_policy');
    if (policy.kind === 'absent') {
      return {
        fix,
        location: locationOf(resource, ['automated_backup_policy']),
        message: `${nameAt(resource, ['automated_backup_policy'])} is not set (provider default: automated backups off).`,
      };
    }
    const out: Violation[] = [];
    const on = requireTrue(resource, ['automated_backup_policy', 'enabled'], fix, null);
    if (on) return on;
    const time = readProperty(resource, 'automated_backup_policy', 'time_based_retention', 'retention_period');
    const count = readProperty(resource, 'automated_backup_policy', 'quantity_based_retention', 'count');
    if (time.kind !== 'absent') {
      const path = ['automated_backup_policy', 'time_based_retention', 'retention_period'];
      const label = nameAt(resource, path);
      const location = locationOf(resource, path);
      const m = time.kind === 'known' && typeof time.value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(time.value) : null;
      if (time.kind === 'unresolved')
        out.push({
          fix,
          location,
          unresolved: true,
          message: `${label} is ${quote(time.expression)} and cannot be proven at least ${plural(min, 'day')}: ${time.reason}.`,
        });
      else if (!m || Number(m[1]) < min * 86400)
        out.push({
          fix,
          location,
          message: `${label} is ${quote(time.value)}; it must be at least ${plural(min, 'day')} (\`"${min * 86400}s"\`).`,
        });
    } else if (count.kind !== 'absent') {
      const path = ['automated_backup_policy', 'quantity_based_retention', 'count'];
      const label = nameAt(resource, path);
      const location = locationOf(resource, path);
      if (count.kind === 'unresolved')
        out.push({
          fix,
          location,
          unresolved: true,
          message: `${label} is ${quote(count.expression)} and cannot be proven at least ${plural(min, 'backup')}: ${count.reason}.`,
        });
      else if ((asNumber(count.value) ?? -1) < min)
        out.push({
          fix,
          location,
          message: `${label} is ${quote(count.value)}; it must be at least ${plural(min, 'backup')} (one a day: ${plural(min, 'day')}).`,
        });
    }
    return out;
  },
});
