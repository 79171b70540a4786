import { asBoolean, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { PROVIDER_DATA_ROWS } from '../../../protection/provider-types';
import { effectiveDeletionPolicy, keepsData } from './deletion-policy';
import { destroyCommand, googleFix, isPulumi, nameAt, toolGuard } from './google-fix';

/**
 * Types whose deletion guard a service rule of their own judges, so this rule
 * does not report them twice: a Cloud SQL instance (`cloudsql-destroy-protection`,
 * which counts `deletion_policy` too), an AlloyDB cluster (`alloydb-deletion-protection`,
 * whose `deletion_policy` also has `FORCE`), a project (`gcp-project-deletion-policy`,
 * whose default is `PREVENT`).
 */
const OWN_RULE = new Set([
  'google_sql_database_instance',
  'google_alloydb_cluster',
  'google_project',
  // firestore-deletion-policy: its default is ABANDON, and it says so.
  'google_firestore_database',
]);

/**
 * Types whose provider-level `deletion_protection` defaults to true (a destroy
 * fails while it holds), so leaving it unset is a guard.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_table#deletion_protection-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigtable_instance#deletion_protection-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/spanner_database#deletion_protection-1
 */
const PROTECTED_BY_DEFAULT = new Set(['google_bigquery_table', 'google_bigtable_instance', 'google_spanner_database']);

/** Settings the cloud enforces that refuse a delete from any client, Terraform included. */
const API_GUARDS: readonly (readonly [readonly string[], (v: unknown) => boolean])[] = [
  [['enable_drop_protection'], (v) => asBoolean(v) === true],
  [['delete_protection_state'], (v) => v === 'DELETE_PROTECTION_ENABLED'],
  [['deletion_protection_enabled'], (v) => asBoolean(v) === true],
];

/**
 * Containers Google Cloud refuses to delete while they hold data, unless the resource is told to empty them first
 * (`force_destroy`, `delete_contents_on_destroy`; both default to false): a destroy of a bucket with objects, or of a
 * dataset with tables, fails, from Terraform, Pulumi or `gcloud` alike, and only an empty one is deleted.
 * @see https://cloud.google.com/storage/docs/deleting-buckets
 * @see https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets/delete
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#force_destroy-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#delete_contents_on_destroy-1
 */
const REFUSED_WHILE_NOT_EMPTY: Readonly<Record<string, string>> = {
  google_storage_bucket: 'force_destroy',
  google_bigquery_dataset: 'delete_contents_on_destroy',
};

/** The Google types that hold data, from the provider type table. */
const STATEFUL_GOOGLE_TYPES = PROVIDER_DATA_ROWS.filter(
  (r) => r.terraform.startsWith('google_') && r.decision === 'stateful' && !OWN_RULE.has(r.terraform),
).map((r) => r.terraform);

/**
 * Google resources that hold data are destroyed under a `deletion_policy` that
 * keeps the data (`PREVENT`: the destroy fails; `ABANDON`: the resource leaves
 * state and stays in Google Cloud), or have a stronger guard. Recent `google`
 * providers (and `@pulumi/gcp` 9) give most resources `deletion_policy`,
 * defaulting to `DELETE` (a Firestore database: `ABANDON`), and a provider-level
 * `deletion_policy` that resources setting none inherit. A stronger guard
 * makes the policy moot, so it is no finding here: a `deletion_protection` that
 * holds (true, `PROTECTED`, or unset where it defaults to true), a bucket or
 * dataset that is not emptied first (`force_destroy`, `delete_contents_on_destroy`
 * false: Google Cloud refuses to delete it while it holds data), a guard the
 * cloud enforces (Spanner `enable_drop_protection`, Firestore
 * `delete_protection_state`, `deletion_protection_enabled`), or Pulumi
 * `protect`/`retainOnDelete`, or Terraform `lifecycle { prevent_destroy = true }`
 * when the `.tf` files were read. An unknown policy or guard is a finding.
 * The universal `deletion_policy` came with google provider 7.33.0; a plan made
 * with an older one carries none, and is read with the type's default (`DELETE`).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#deletion_policy-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference
 * @see https://github.com/hashicorp/terraform-provider-google/blob/main/CHANGELOG.md#7330-may-19-2026
 * @see https://www.pulumi.com/docs/iac/concepts/options/retainondelete/ (the resource is abandoned, as by `ABANDON`)
 * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
 */
export default defineRule({
  id: 'gcp-deletion-policy',
  title: 'Google resources that hold data are not deleted on destroy',
  why: 'With deletion_policy DELETE and no other guard, `terraform destroy`, an apply that replaces the resource or `pulumi destroy` deletes it and its data in Google Cloud.',
  fix: 'Set deletion_policy = "PREVENT" (or "ABANDON"), on the resource or as the provider-level default.',
  severity: 'error',
  resourceTypes: STATEFUL_GOOGLE_TYPES,
  google(resource) {
    if (toolGuard(resource)) return;
    const label = nameAt(resource, ['deletion_policy']);
    const policy = effectiveDeletionPolicy(resource, label);
    if (keepsData(policy)) return;
    const guard = strongerGuard(resource);
    if (guard === true) return;
    const pulumi = isPulumi(resource);
    const fix = googleFix(
      'Set `deletion_policy = "PREVENT"` on the resource (or `"ABANDON"` to leave it in Google Cloud when it leaves the configuration), or `deletion_policy = "PREVENT"` in the `provider "google"` block for every resource that sets none (google provider 7.33 or later; with an older one, `lifecycle { prevent_destroy = true }`).',
      "Pass `deletionPolicy: 'PREVENT'` in the resource args (or on the `gcp.Provider` / `gcp:deletionPolicy` in the stack config), or give the resource the `protect: true` option (Pulumi refuses to delete or replace it) or the `retainOnDelete: true` option (Pulumi drops it from the stack but leaves it, with its data, in Google Cloud, as `ABANDON` does).",
    );
    const location = pulumi ? 'inputs/deletionPolicy' : 'inputs/deletion_policy';
    const without = guard
      ? ` ${guard}`
      : ' Nothing else guards it (no `deletion_protection`, no protection the cloud enforces).';
    if (policy.unknown !== undefined) {
      return {
        fix,
        location,
        unresolved: true,
        message: `${policy.said} and cannot be proven PREVENT or ABANDON: ${policy.unknown}.${without}`,
      };
    }
    return {
      fix,
      location,
      message: `${policy.said}: ${destroyCommand(resource)} deletes the resource and its data.${without}`,
    };
  },
});

/** True when a guard holds; a sentence when one is set but cannot be read; undefined when there is none. */
function strongerGuard(resource: Parameters<typeof readProperty>[0]): true | string | undefined {
  for (const [path, holds] of API_GUARDS) {
    const r = readProperty(resource, ...path);
    if (r.kind === 'known' && holds(r.value)) return true;
  }
  const empties = REFUSED_WHILE_NOT_EMPTY[resource.type];
  if (empties !== undefined) {
    const e = readProperty(resource, empties);
    if (e.kind === 'absent' || (e.kind === 'known' && asBoolean(e.value) === false)) return true;
    if (e.kind === 'known' && asBoolean(e.value) === true)
      return `${nameAt(resource, [empties])} is true: the destroy empties it first.`;
    const reason = e.kind === 'unresolved' ? e.reason : `${quote(e.value)} is not a boolean`;
    return `${nameAt(resource, [empties])} cannot be read either: ${reason}.`;
  }
  const p = readProperty(resource, 'deletion_protection');
  if (p.kind === 'absent') return PROTECTED_BY_DEFAULT.has(resource.type) ? true : undefined;
  if (p.kind === 'known') return asBoolean(p.value) === true || p.value === 'PROTECTED' ? true : undefined;
  return `${nameAt(resource, ['deletion_protection'])} cannot be read either: ${p.reason}.`;
}
