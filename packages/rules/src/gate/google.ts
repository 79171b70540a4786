/**
 * What the gate knows of Google Cloud beyond which types hold data: the
 * settings that protect each type (the Google protection table,
 * `protection/stores/google.ts`, plus the generic `deletion_policy` on every
 * type that holds data), for Terraform (`google`, `google-beta`) and Pulumi
 * (`@pulumi/gcp`) alike; and `deletion_policy = "ABANDON"`, under which a
 * destroy leaves the resource and its data in place.
 * @see https://googlecloudplatform.github.io/magic-modules/best-practices/deletion-policy/
 */
import { providerDataRow } from '../protection/provider-types';
import type { ProtectiveSetting } from '../protection/setting';
import { GOOGLE_DELETION_POLICY, googleStoreOf } from '../protection/stores/google';
import type { ResourceChange } from './changes';

/** The Terraform type of a Google resource, from its Terraform type or its `@pulumi/gcp` token; else undefined. */
export function googleTerraformType(providerType: string): string | undefined {
  if (providerType.startsWith('google_')) return providerType;
  if (!providerType.startsWith('gcp:')) return undefined;
  const row = providerDataRow(providerType);
  return row?.terraform.startsWith('google_') ? row.terraform : undefined;
}

const SETTINGS = new Map<string, readonly ProtectiveSetting[] | undefined>();

/**
 * The protective settings of a Google type: its own, and the generic
 * `deletion_policy` when it holds data (per the provider type table) and does
 * not spell its own. Undefined when it has none.
 */
export function googleSettingsOf(terraformType: string): readonly ProtectiveSetting[] | undefined {
  if (SETTINGS.has(terraformType)) return SETTINGS.get(terraformType);
  const store = googleStoreOf(terraformType);
  const stateful = providerDataRow(terraformType)?.decision === 'stateful';
  const own = store?.settings ?? [];
  const settings = stateful && !store?.ownDeletionPolicy ? [...own, GOOGLE_DELETION_POLICY] : own;
  const out = settings.length ? settings : undefined;
  SETTINGS.set(terraformType, out);
  return out;
}

/** The default `deletion_policy` of a type when its own setting spells one (Firestore databases: ABANDON). */
function defaultPolicy(terraformType: string): unknown {
  const own = googleStoreOf(terraformType)?.settings.find((s) => s.terraform?.includes('deletion_policy'));
  return own ? own.absent : GOOGLE_DELETION_POLICY.absent;
}

/**
 * How the change's old resource is kept when the provider destroys it: the
 * words for the report when its `deletion_policy` (in state, which is what a
 * destroy reads) is ABANDON, written or by the type's default; else undefined.
 */
export function googleAbandonment(change: ResourceChange): string | undefined {
  if (change.action !== 'delete' && change.action !== 'replace') return undefined;
  const type = googleTerraformType(change.providerType);
  if (!type || !change.before) return undefined;
  const name = change.dialect === 'pulumi' ? 'deletionPolicy' : 'deletion_policy';
  const written = change.before[name];
  if (written === undefined || written === null) {
    const fallback = defaultPolicy(type);
    return fallback === 'ABANDON' ? `\`${name}\` not set: ${type} defaults to "ABANDON"` : undefined;
  }
  if (typeof written !== 'string' || written.toUpperCase() !== 'ABANDON') return undefined;
  return change.dialect === 'pulumi' ? '`deletionPolicy: "ABANDON"`' : '`deletion_policy = "ABANDON"`';
}
