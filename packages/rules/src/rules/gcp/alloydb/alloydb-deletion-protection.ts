import { asBoolean, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { effectiveDeletionPolicy, keepsData } from '../general/deletion-policy';
import { destroyCommand, googleFix, nameAt, toolGuard } from '../general/google-fix';

/**
 * AlloyDB clusters cannot be deleted by the tool that manages them:
 * `deletion_protection` (default true: while it is true or unset in state, a
 * destroy that would delete the cluster fails) or a `deletion_policy` of
 * `PREVENT`/`ABANDON`, or Pulumi `protect`/`retainOnDelete`. With none of
 * these, a destroy deletes the cluster, and `deletion_policy = "FORCE"` deletes
 * it with every instance in it instead of failing while instances remain.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/alloydb_cluster#deletion_protection-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/alloydb_cluster#deletion_policy-1
 */
export default defineRule({
  id: 'alloydb-deletion-protection',
  title: 'AlloyDB clusters are protected from destroy',
  why: 'An unprotected cluster is deleted with its databases by one `terraform destroy` or `pulumi destroy`, and with deletion_policy FORCE its instances go with it.',
  fix: 'Keep deletion_protection = true (the default), or set deletion_policy = "PREVENT".',
  severity: 'error',
  resourceTypes: ['google_alloydb_cluster'],
  google(resource) {
    if (toolGuard(resource)) return;
    const policy = effectiveDeletionPolicy(resource, nameAt(resource, ['deletion_policy']));
    if (keepsData(policy)) return;
    const p = readProperty(resource, 'deletion_protection');
    if (p.kind === 'absent' || (p.kind === 'known' && asBoolean(p.value) === true)) return;
    const label = nameAt(resource, ['deletion_protection']);
    const force = policy.value === 'FORCE' ? ` ${policy.said}: the cluster is deleted with every instance in it.` : '';
    const fix = googleFix(
      'Remove `deletion_protection = false` from the `google_alloydb_cluster` (it defaults to true), and do not set `deletion_policy = "FORCE"`; or set `deletion_policy = "PREVENT"`.',
      "Remove `deletionProtection: false` from the `gcp.alloydb.Cluster` args (or set it to true), or give the resource the `protect: true` option; do not set `deletionPolicy: 'FORCE'`.",
    );
    const location = resource.nativeType.startsWith('gcp:')
      ? 'inputs/deletionProtection'
      : 'inputs/deletion_protection';
    if (p.kind === 'unresolved')
      return {
        fix,
        location,
        unresolved: true,
        message: `${label} is ${quote(p.expression)} and cannot be proven true: ${p.reason}.${force}`,
      };
    return {
      fix,
      location,
      message: `${label} is ${quote(p.value)}: ${destroyCommand(resource)} deletes the cluster and its databases.${force}`,
    };
  },
});
