import { labelOf, locationOf, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote, resolveValue } from '../../../engine/values';
import { toolGuard } from '../general/google-fix';
import { googleFix } from '../google-read';

/**
 * Firestore databases are not deleted by a destroy.
 *
 * On `google_firestore_database` the provider's `deletion_policy` decides what
 * a destroy does: `ABANDON` (this resource's default) removes the database from
 * state and leaves it, and its documents, in place; `PREVENT` fails the
 * destroy; `DELETE` deletes the database. An unset `deletion_policy` takes the
 * provider-level `deletion_policy` when the provider block sets one (the
 * provider's code prefers it to the resource's `ABANDON` default), so a
 * provider block with `deletion_policy = "DELETE"` turns every Firestore
 * database it creates into one that a destroy deletes. While
 * `delete_protection_state` is `DELETE_PROTECTION_ENABLED` Firestore refuses
 * that delete, so the policy is not reported then.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/firestore_database#deletion_policy
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference#deletion_policy
 * @see https://github.com/hashicorp/terraform-provider-google/blob/v7.45.0/google/services/firestore/resource_firestore_database.go
 */
export default defineRule({
  id: 'firestore-deletion-policy',
  title: 'Firestore databases are abandoned, not deleted, by a destroy',
  why: 'With deletion_policy DELETE a `terraform destroy`, `pulumi destroy` or replacement deletes the database and every document in it; the default ABANDON only forgets it.',
  fix: 'Set deletion_policy = "ABANDON" (or "PREVENT") on the google_firestore_database, or remove deletion_policy = "DELETE".',
  severity: 'error',
  resourceTypes: ['google_firestore_database'],
  google(resource) {
    // Pulumi `protect`/`retainOnDelete` or Terraform `prevent_destroy` keep the database from a destroy, as
    // gcp-deletion-policy accepts for every other type.
    if (toolGuard(resource)) return;
    const fix = googleFix(
      'Set `deletion_policy = "ABANDON"` (or `"PREVENT"`) on the `google_firestore_database`.',
      'Pass `deletionPolicy: "ABANDON"` (or `"PREVENT"`) to the `gcp.firestore.Database`.',
    );
    const label = labelOf(resource, ['deletion_policy']);
    const location = locationOf(resource, ['deletion_policy']);
    const own = readProperty(resource, 'deletion_policy');
    const inherited = own.kind === 'absent' || (own.kind === 'known' && own.value === null);
    const r = inherited
      ? resource.document.defaultDeletionPolicy === undefined
        ? undefined
        : resolveValue(resource.document.defaultDeletionPolicy, resource.document)
      : own;
    if (!r || r.kind === 'absent') return;
    const from = inherited ? `${label} is not set and the provider's deletion_policy is` : `${label} is`;
    if (r.kind === 'unresolved')
      return {
        fix,
        location,
        unresolved: true,
        message: `${from} ${quote(r.expression)}, which cannot be proven \`ABANDON\` or \`PREVENT\`: ${r.reason}.`,
      };
    if (r.value === 'ABANDON' || r.value === 'PREVENT' || r.value === null) return;
    // With delete protection on, Firestore refuses the delete a DELETE policy asks for (firestore-delete-protection
    // judges that guard); as gcp-deletion-policy does, the policy is then moot.
    const guard = readProperty(resource, 'delete_protection_state');
    if (guard.kind === 'known' && guard.value === 'DELETE_PROTECTION_ENABLED') return;
    return {
      fix,
      location,
      message: `${from} ${quote(r.value)}: a destroy or replacement deletes the database and its documents (\`ABANDON\`, this resource's default, leaves them in place).`,
    };
  },
});
