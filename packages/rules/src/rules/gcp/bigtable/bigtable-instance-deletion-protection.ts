import { asBoolean } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { isPulumi, toolGuard } from '../general/google-fix';
import { googleFix, requireGoogle, terraformOnly } from '../google-read';

/**
 * Bigtable instances keep the provider's `deletion_protection` on.
 *
 * `deletion_protection` (default true) is checked by the provider only: it
 * fails a `terraform destroy`/`pulumi destroy` or a replacement of the
 * instance, but `gcloud bigtable instances delete` ignores it. Bigtable's own
 * guard is per table (`google_bigtable_table.deletion_protection =
 * "PROTECTED"`, judged by `bigtable-table-deletion-protection`), which also
 * blocks deleting the instance. Turning the Terraform guard off removes the
 * one obstacle a destroy meets; the finding says what it does not stop.
 * A Pulumi resource with `protect` or `retainOnDelete` has the same kind of
 * guard in Pulumi's engine, and passes.
 * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigtable_instance#deletion_protection
 * @see https://cloud.google.com/bigtable/docs/deletion-protection
 */
export default defineRule({
  id: 'bigtable-instance-deletion-protection',
  title: "Bigtable instances keep the provider's deletion protection on",
  why: 'With deletion_protection false a destroy or a replacing change deletes the instance and every table in it; the guard is Terraform-only, so protecting the tables themselves is what stops gcloud.',
  fix: 'Remove deletion_protection = false from the google_bigtable_instance (true is the default), and set deletion_protection = "PROTECTED" on its tables.',
  severity: 'error',
  resourceTypes: ['google_bigtable_instance'],
  google(resource) {
    // Pulumi `protect`/`retainOnDelete` or Terraform `prevent_destroy` stops the same deletes the provider's guard does (and no others).
    if (toolGuard(resource)) return;
    return requireGoogle(resource, {
      path: ['deletion_protection'],
      want: 'true',
      test: (v) => asBoolean(v) !== false,
      note: `${terraformOnly(resource, ['deletion_protection'], 'gcloud bigtable instances delete')} Bigtable itself refuses to delete an instance only while one of its tables has ${isPulumi(resource) ? '`deletionProtection: "PROTECTED"`' : '`deletion_protection = "PROTECTED"`'}.`,
      fix: googleFix(
        'Remove `deletion_protection = false` from the `google_bigtable_instance` (true is the default), and set `deletion_protection = "PROTECTED"` on its `google_bigtable_table`s.',
        'Remove `deletionProtection: false` from the `gcp.bigtable.Instance` (true is the default), and pass `deletionProtection: "PROTECTED"` to its `gcp.bigtable.Table`s.',
      ),
    });
  },
});
