import { defineRule } from '../../../engine/rule';
import { cloudEnforced, googleFix, requireGoogle } from '../google-read';

/**
 * Firestore databases have delete protection on.
 *
 * `delete_protection_state` defaults to `DELETE_PROTECTION_STATE_UNSPECIFIED`,
 * which Firestore treats as `DELETE_PROTECTION_DISABLED`. Only
 * `DELETE_PROTECTION_ENABLED` makes Firestore refuse to delete the database,
 * whoever asks (`gcloud firestore databases delete`, the console, a destroy).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/firestore_database#delete_protection_state
 * @see https://cloud.google.com/firestore/docs/manage-databases#delete_protection
 */
export default defineRule({
  id: 'firestore-delete-protection',
  title: 'Firestore databases have delete protection on',
  why: 'Without delete protection one `gcloud firestore databases delete`, a console click or a destroy with deletion_policy DELETE removes the database and every document in it.',
  fix: 'Set delete_protection_state = "DELETE_PROTECTION_ENABLED" on the google_firestore_database.',
  severity: 'error',
  resourceTypes: ['google_firestore_database'],
  google(resource) {
    return requireGoogle(resource, {
      path: ['delete_protection_state'],
      want: '`DELETE_PROTECTION_ENABLED`',
      test: (v) => v === 'DELETE_PROTECTION_ENABLED',
      absentMeans: 'DELETE_PROTECTION_STATE_UNSPECIFIED, which is disabled',
      note: cloudEnforced('Firestore', '`DELETE_PROTECTION_ENABLED`'),
      fix: googleFix(
        'Set `delete_protection_state = "DELETE_PROTECTION_ENABLED"` on the `google_firestore_database`.',
        'Pass `deleteProtectionState: "DELETE_PROTECTION_ENABLED"` to the `gcp.firestore.Database`.',
      ),
    });
  },
});
