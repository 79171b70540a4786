import { asBoolean } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { toolGuard } from '../general/google-fix';
import { googleFix, requireGoogle, terraformOnly } from '../google-read';

/**
 * BigQuery tables keep the provider's `deletion_protection` on.
 *
 * BigQuery has no table-level guard of its own; `deletion_protection`
 * (default true) is checked by the provider only: it fails a destroy or a
 * replacing change (a new schema that cannot be applied in place, a new
 * partitioning), but `bq rm -t` and the console ignore it. With it false, a
 * destroy deletes the table, restorable only within the dataset's time travel
 * window.
 * A Pulumi resource with `protect` or `retainOnDelete` has the same kind of
 * guard in Pulumi's engine, and passes.
 * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_table#deletion_protection
 * @see https://cloud.google.com/bigquery/docs/managing-tables#deleting_a_table
 */
export default defineRule({
  id: 'bigquery-table-deletion-protection',
  title: "BigQuery tables keep the provider's deletion protection on",
  why: 'With deletion_protection false a destroy, or a schema change that forces a replacement, deletes the table and its rows; the guard is Terraform-only, so it never stops `bq rm`.',
  fix: 'Remove deletion_protection = false from the google_bigquery_table (true is the default).',
  severity: 'error',
  resourceTypes: ['google_bigquery_table'],
  google(resource) {
    // Pulumi `protect`/`retainOnDelete` or Terraform `prevent_destroy` stops the same deletes the provider's guard does (and no others).
    if (toolGuard(resource)) return;
    return requireGoogle(resource, {
      path: ['deletion_protection'],
      want: 'true',
      test: (v) => asBoolean(v) !== false,
      note: `${terraformOnly(resource, ['deletion_protection'], 'bq rm -t')} BigQuery has no deletion protection of its own for a table.`,
      fix: googleFix(
        'Remove `deletion_protection = false` from the `google_bigquery_table` (true is the default).',
        'Remove `deletionProtection: false` from the `gcp.bigquery.Table` args (true is the default).',
      ),
    });
  },
});
