import { readProperty } from '../../../engine/read';
import { quote, type Resolved } from '../../../engine/values';
import type { NormalisedResource } from '../../../model';

/**
 * The `deletion_policy` a Google resource is destroyed under: its own, else the
 * provider-level `deletion_policy`, else the type's default (`DELETE` for most;
 * see `TYPE_DEFAULT`). This is the provider's own order: at plan time it sets the
 * resource's value from its configuration, else the provider's, else the type's
 * default, so a Terraform plan's after-state already carries the effective value;
 * a Pulumi program's inputs (and a Terraform type older than the universal
 * `deletion_policy`) do not, and the provider-level default is read from the
 * provider record. The policy is kept in Terraform/Pulumi state and enforced by
 * the provider, not by Google Cloud: it never stops `gcloud`, the Console or the API.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/firestore_database#deletion_policy-1
 */
export interface EffectiveDeletionPolicy {
  /** `PREVENT`, `ABANDON`, `DELETE`, … as read; undefined when unknown. */
  readonly value?: string;
  /** Where it comes from, in words: "`deletion_policy` is \"DELETE\"", "… not set (provider default: DELETE)". */
  readonly said: string;
  /** Why it cannot be read, when unknown. */
  readonly unknown?: string;
}

/**
 * Types whose default is not `DELETE` (each type's default is what the provider falls back to when neither the
 * resource nor the provider block sets a policy).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project#deletion_policy-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/alloydb_cluster#deletion_policy-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/secure_source_manager_instance#deletion_policy-1
 */
const TYPE_DEFAULT: Readonly<Record<string, string>> = {
  google_firestore_database: 'ABANDON',
  google_project: 'PREVENT',
  google_secure_source_manager_instance: 'PREVENT',
  google_secure_source_manager_repository: 'PREVENT',
  // `DEFAULT` deletes like `DELETE`, but refuses while the resource has children (`FORCE` deletes them too).
  google_alloydb_cluster: 'DEFAULT',
  google_looker_instance: 'DEFAULT',
  google_netapp_volume: 'DEFAULT',
};

export function effectiveDeletionPolicy(resource: NormalisedResource, label: string): EffectiveDeletionPolicy {
  const own = readProperty(resource, 'deletion_policy');
  if (own.kind !== 'absent') return fromResolved(own, `${label} is`);
  const inherited = resource.document.defaultDeletionPolicy;
  if (inherited !== undefined) {
    const r: Resolved = readProperty({ ...resource, properties: { p: inherited } }, 'p');
    return fromResolved(r, `${label} is not set, and the provider's \`deletion_policy\` is`);
  }
  const def = TYPE_DEFAULT[resource.type] ?? 'DELETE';
  return { value: def, said: `${label} is not set (provider default: ${def})` };
}

function fromResolved(r: Resolved, prefix: string): EffectiveDeletionPolicy {
  // Compared as written: the provider does not validate the value and keeps the resource only on exactly `PREVENT` or
  // `ABANDON`, so `"prevent"` deletes it.
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#deletion_policy-1
  if (r.kind === 'known' && typeof r.value === 'string') return { value: r.value, said: `${prefix} ${quote(r.value)}` };
  if (r.kind === 'unresolved') return { said: `${prefix} ${quote(r.expression)}`, unknown: r.reason };
  return {
    said: `${prefix} ${r.kind === 'known' ? quote(r.value) : 'absent'}`,
    unknown: 'it is not one of PREVENT, ABANDON, DELETE',
  };
}

/** `PREVENT` fails the destroy; `ABANDON` removes the resource from state without deleting it. */
export function keepsData(policy: EffectiveDeletionPolicy): boolean {
  return policy.value === 'PREVENT' || policy.value === 'ABANDON';
}
