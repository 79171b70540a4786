import { defineRule } from '../../../engine/rule';
import { labelOf, locationOf, rawAt, readProperty } from '../../../engine/read';
import { intrinsicName, quote } from '../../../engine/values';
import { plural } from '../../../text/plural';
import { durationSeconds, googleFix, isUnsetBlock, showDuration } from '../google-read';

/**
 * Memorystore clusters and Valkey instances take automated backups kept for
 * at least the minimum retention (`minimumBackupRetentionDays`, 7 days unless
 * configured).
 *
 * `google_redis_cluster` and `google_memorystore_instance` take no automated
 * backups unless `automated_backup_config` is set; its `retention` (a
 * duration such as `"604800s"`, 1 to 365 days) says how long each is kept,
 * 35 days (`3024000s`) when the service picks. Backups outlive the cluster.
 * (`google_redis_instance` has no automated backups; its persistence is judged
 * by `memorystore-persistence`.) Many clusters are caches: one with neither
 * backups nor persistence is reported as a warning, which says so.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_cluster#nested_persistence_config
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_cluster#automated_backup_config
 * @see https://cloud.google.com/memorystore/docs/cluster/backups
 */
export default defineRule({
  id: 'memorystore-automated-backups',
  title: 'Memorystore clusters take automated backups kept for at least the minimum retention',
  why: 'Without automated backups, a FLUSHALL, a bad write or a deleted cluster cannot be restored from a point before it: replicas copy the loss at once.',
  fix: 'Add automated_backup_config { fixed_frequency_schedule { start_time { hours = 3 } } retention = "604800s" } (at least the minimum retention).',
  severity: 'error',
  resourceTypes: ['google_redis_cluster', 'google_memorystore_instance'],
  google(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const [tf, pulumi] =
      resource.type === 'google_redis_cluster'
        ? ['google_redis_cluster', 'gcp.redis.Cluster']
        : ['google_memorystore_instance', 'gcp.memorystore.Instance'];
    const fix = googleFix(
      `Add \`automated_backup_config { fixed_frequency_schedule { start_time { hours = 3 } } retention = "${min * 86400}s" }\` to the \`${tf}\`.`,
      `Pass \`automatedBackupConfig: { fixedFrequencySchedule: { startTime: { hours: 3 } }, retention: "${min * 86400}s" }\` to the \`${pulumi}\`.`,
    );
    const config = readProperty(resource, 'automated_backup_config');
    const location = locationOf(resource, ['automated_backup_config']);
    if (isUnsetBlock(resource, ['automated_backup_config'])) {
      // Without persistence either, the cluster is run as a cache, which needs no backup: a warning, not an error.
      const mode = readProperty(resource, 'persistence_config', 'mode');
      const cache =
        mode.kind === 'absent' || (mode.kind === 'known' && (mode.value === null || mode.value === 'DISABLED'));
      return {
        fix,
        location,
        message: `${labelOf(resource, ['automated_backup_config'])} is not set: no automated backups are taken.${
          cache
            ? ` ${labelOf(resource, ['persistence_config', 'mode'])} is not \`RDB\` or \`AOF\` either, so this reads as a cache; if it is one, acknowledge the finding with that reason.`
            : ''
        }`,
        ...(cache ? { severity: 'warning' as const } : {}),
      };
    }
    // A block that is itself unknown; an unknown field inside it is read below.
    if (config.kind === 'unresolved' && intrinsicName(rawAt(resource.properties, ['automated_backup_config'])))
      return {
        fix,
        location,
        unresolved: true,
        message: `${labelOf(resource, ['automated_backup_config'])} is ${quote(config.expression)} and cannot be proven to take backups: ${config.reason}.`,
      };
    const r = readProperty(resource, 'automated_backup_config', 'retention');
    const label = labelOf(resource, ['automated_backup_config', 'retention']);
    const at = locationOf(resource, ['automated_backup_config', 'retention']);
    if (r.kind === 'unresolved')
      return {
        fix,
        location: at,
        unresolved: true,
        message: `${label} is ${quote(r.expression)} and cannot be proven at least ${plural(min, 'day')}: ${r.reason}.`,
      };
    // Unset, the service keeps backups 35 days.
    const seconds = r.kind === 'absent' || r.value === null ? 35 * 86400 : durationSeconds(r.value);
    if (seconds === undefined)
      return {
        fix,
        location: at,
        unresolved: true,
        message: `${label} is ${quote((r as { value: unknown }).value)}, which is not a duration; it must be at least ${plural(min, 'day')}.`,
      };
    if (seconds >= min * 86400) return;
    return {
      fix,
      location: at,
      message: `${label} is ${quote((r as { value: unknown }).value)} (${showDuration(seconds)}); it must be at least ${plural(min, 'day')}.`,
    };
  },
});
