import { asBoolean } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { toolGuard } from '../general/google-fix';
import { cloudEnforced, googleFix, requireGoogle, terraformOnly } from '../google-read';

/**
 * Memorystore instances and clusters keep deletion protection on.
 *
 * `google_redis_cluster` and `google_memorystore_instance` (Valkey) have an
 * API-level `deletion_protection_enabled`, true unless set: the service then
 * refuses every delete. `google_redis_instance` (Memorystore for Redis) has
 * none: its `deletion_protection` (default true) is checked by the provider
 * only, and `gcloud redis instances delete` ignores it, as the finding says.
 * A Pulumi resource with `protect` or `retainOnDelete` has the same kind of
 * guard in Pulumi's engine, and passes.
 * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_cluster#deletion_protection_enabled
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/memorystore_instance#deletion_protection_enabled
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_instance#deletion_protection
 */
export default defineRule({
  id: 'memorystore-deletion-protection',
  title: 'Memorystore instances and clusters keep deletion protection on',
  why: 'With deletion protection off a destroy, a replacing change or one delete command removes the instance with its data and the RDB/AOF snapshots kept inside it.',
  fix: 'Remove deletion_protection_enabled = false (redis cluster, memorystore instance) or deletion_protection = false (redis instance): true is the default.',
  severity: 'error',
  resourceTypes: ['google_redis_cluster', 'google_memorystore_instance', 'google_redis_instance'],
  google(resource) {
    // Pulumi `protect`/`retainOnDelete` or Terraform `prevent_destroy` stops the same deletes the provider's guard does (and no others).
    if (resource.type === 'google_redis_instance' && toolGuard(resource)) return;
    if (resource.type === 'google_redis_instance')
      return requireGoogle(resource, {
        path: ['deletion_protection'],
        want: 'true',
        test: (v) => asBoolean(v) !== false,
        note: `${terraformOnly(resource, ['deletion_protection'], 'gcloud redis instances delete')} Memorystore for Redis has no deletion protection of its own.`,
        fix: googleFix(
          'Remove `deletion_protection = false` from the `google_redis_instance` (true is the default).',
          'Remove `deletionProtection: false` from the `gcp.redis.Instance` args (true is the default).',
        ),
      });
    const [tf, pulumi] =
      resource.type === 'google_redis_cluster'
        ? ['google_redis_cluster', 'gcp.redis.Cluster']
        : ['google_memorystore_instance', 'gcp.memorystore.Instance'];
    return requireGoogle(resource, {
      path: ['deletion_protection_enabled'],
      want: 'true',
      test: (v) => asBoolean(v) !== false,
      note: cloudEnforced('Memorystore', 'true'),
      fix: googleFix(
        `Remove \`deletion_protection_enabled = false\` from the \`${tf}\` (true is the default).`,
        `Remove \`deletionProtectionEnabled: false\` from the \`${pulumi}\` args (true is the default).`,
      ),
    });
  },
});
