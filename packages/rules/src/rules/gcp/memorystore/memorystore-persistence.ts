import { defineRule } from '../../../engine/rule';
import { googleFix, requireGoogle } from '../google-read';

/**
 * Memorystore instances and clusters persist their data (RDB snapshots or an
 * AOF log).
 *
 * Persistence is off unless set: `persistence_config.persistence_mode` on
 * `google_redis_instance` (`DISABLED` or `RDB`), `persistence_config.mode` on
 * `google_redis_cluster` and `google_memorystore_instance` (`DISABLED`, `RDB`,
 * `AOF`). Without it a node failure or maintenance restart empties the node.
 * Persistence is not a backup (its snapshots go with the instance), and many
 * Redis deployments are caches, so the rule warns.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_instance#persistence_mode
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_cluster#nested_persistence_config
 * @see https://cloud.google.com/memorystore/docs/redis/about-rdb-snapshots
 */
export default defineRule({
  id: 'memorystore-persistence',
  title: 'Memorystore instances and clusters persist their data',
  why: 'Without RDB or AOF persistence a node failure, a failover without a replica or a maintenance restart loses every key held in memory.',
  fix: 'Set persistence_config to RDB (with an rdb_snapshot_period) or AOF; acknowledge the finding for a pure cache.',
  severity: 'warning',
  resourceTypes: ['google_redis_instance', 'google_redis_cluster', 'google_memorystore_instance'],
  google(resource) {
    const instance = resource.type === 'google_redis_instance';
    const names: Record<string, [string, string]> = {
      google_redis_instance: ['google_redis_instance', 'gcp.redis.Instance'],
      google_redis_cluster: ['google_redis_cluster', 'gcp.redis.Cluster'],
      google_memorystore_instance: ['google_memorystore_instance', 'gcp.memorystore.Instance'],
    };
    const [tf, pulumi] = names[resource.type];
    const cache = 'If it is a cache that can be rebuilt, acknowledge the finding with that reason.';
    return requireGoogle(resource, {
      path: ['persistence_config', instance ? 'persistence_mode' : 'mode'],
      want: instance ? '`RDB`' : '`RDB` or `AOF`',
      test: (v) => v === 'RDB' || (!instance && v === 'AOF'),
      absentMeans: 'DISABLED',
      fix: instance
        ? googleFix(
            `Add \`persistence_config { persistence_mode = "RDB" rdb_snapshot_period = "ONE_HOUR" }\` to the \`${tf}\`. ${cache}`,
            `Pass \`persistenceConfig: { persistenceMode: "RDB", rdbSnapshotPeriod: "ONE_HOUR" }\` to the \`${pulumi}\`. ${cache}`,
          )
        : googleFix(
            `Add \`persistence_config { mode = "AOF" aof_config { append_fsync = "EVERYSEC" } }\` (or \`mode = "RDB"\` with an \`rdb_config\`) to the \`${tf}\`. ${cache}`,
            `Pass \`persistenceConfig: { mode: "AOF", aofConfig: { appendFsync: "EVERYSEC" } }\` (or \`mode: "RDB"\` with an \`rdbConfig\`) to the \`${pulumi}\`. ${cache}`,
          ),
    });
  },
});
