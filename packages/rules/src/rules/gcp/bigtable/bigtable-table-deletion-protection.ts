import { defineRule } from '../../../engine/rule';
import { cloudEnforced, googleFix, requireGoogle } from '../google-read';

/**
 * Bigtable tables have deletion protection `PROTECTED`.
 *
 * `deletion_protection` on `google_bigtable_table` is the API's own guard:
 * `PROTECTED` makes Bigtable refuse to delete the table, its column families
 * and the instance that holds it, whoever asks. Unset, a table is
 * `UNPROTECTED`.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigtable_table#deletion_protection
 * @see https://cloud.google.com/bigtable/docs/deletion-protection
 */
export default defineRule({
  id: 'bigtable-table-deletion-protection',
  title: 'Bigtable tables have deletion protection on',
  why: 'An unprotected table is deleted, with all its rows, by one `gcloud bigtable instances tables delete`, a destroy, or the deletion of its instance.',
  fix: 'Set deletion_protection = "PROTECTED" on the google_bigtable_table.',
  severity: 'error',
  resourceTypes: ['google_bigtable_table'],
  google(resource) {
    return requireGoogle(resource, {
      path: ['deletion_protection'],
      want: '`PROTECTED`',
      test: (v) => v === 'PROTECTED',
      absentMeans: 'UNPROTECTED',
      note: `${cloudEnforced('Bigtable', '`PROTECTED`')} It also blocks deleting the table's column families and its instance.`,
      fix: googleFix(
        'Set `deletion_protection = "PROTECTED"` on the `google_bigtable_table`.',
        'Pass `deletionProtection: "PROTECTED"` to the `gcp.bigtable.Table`.',
      ),
    });
  },
});
