import { asBoolean, labelOf, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import type { NormalisedResource } from '../../../model';
import { cloudEnforced, googleFix, isTrue, requireGoogle, terraformOnly } from '../google-read';

/**
 * Spanner databases have drop protection on.
 *
 * `enable_drop_protection` (API field `enableDropProtection`, default false)
 * makes Spanner refuse to drop the database, from any client, and to delete
 * the instance that holds it. `deletion_protection` (default true) is checked
 * only by the provider: it fails a `terraform destroy` or `pulumi destroy`, but
 * `gcloud spanner databases delete`, the console or a client library drop the
 * database regardless. Only the API-level switch passes this rule; the finding
 * says what the Terraform-only guard does and does not stop.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/spanner_database#enable_drop_protection
 * @see https://cloud.google.com/spanner/docs/prevent-database-deletion
 */
export default defineRule({
  id: 'spanner-database-drop-protection',
  title: 'Spanner databases have drop protection on',
  why: 'Without drop protection one `gcloud spanner databases delete`, a console click or a destroy drops the database and all its data; the Terraform-only deletion_protection does not stop the first two.',
  fix: 'Set enable_drop_protection = true on the google_spanner_database.',
  severity: 'error',
  resourceTypes: ['google_spanner_database'],
  google(resource) {
    return requireGoogle(resource, {
      path: ['enable_drop_protection'],
      want: 'true',
      test: isTrue,
      absentMeans: 'false',
      note: guardNote(resource),
      fix: googleFix(
        'Set `enable_drop_protection = true` on the `google_spanner_database`.',
        'Pass `enableDropProtection: true` to the `gcp.spanner.Database`.',
      ),
    });
  },
});

/** What `deletion_protection` adds: nothing outside Terraform and Pulumi, and nothing at all when false. */
function guardNote(resource: NormalisedResource): string {
  const onlyTool = terraformOnly(resource, ['deletion_protection'], 'gcloud spanner databases delete');
  const r = readProperty(resource, 'deletion_protection');
  const own = `${cloudEnforced('Spanner', 'true')} It also blocks deleting the instance that holds the database.`;
  if (r.kind === 'known' && asBoolean(r.value) === false)
    return `${own} \`${labelOf(resource, ['deletion_protection'])}\` is false too: a destroy drops the database. ${onlyTool}`;
  return `${own} ${onlyTool}`;
}
