import { requireProperty, asBoolean } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { effectiveDeletionPolicy, keepsData } from '../general/deletion-policy';
import { booleanAt, destroyCommand, googleFix, nameAt, toolGuard } from '../general/google-fix';
import { CLOUDSQL_INSTANCE, isReadReplica } from './replica';

/**
 * Cloud SQL instances keep the provider's own `deletion_protection` on. It
 * defaults to true: while it is true in state, a `terraform destroy` or a
 * `pulumi up`/`destroy` that would delete the instance fails. Set to false,
 * nothing in the tool stops the delete. (It does not stop `gcloud`:
 * `cloudsql-deletion-protection` judges the API-level setting.) In Pulumi,
 * `protect: true` or `retainOnDelete: true` does the same job. A read replica
 * holds a copy of its primary's data: the finding is a warning. A
 * `deletion_policy` of `PREVENT` or `ABANDON` (own or the provider's) keeps the
 * instance too, and is no finding. So is `settings.deletion_protection_enabled = true`:
 * the provider does not turn it off before deleting, so Cloud SQL refuses the
 * delete a destroy or a replacement sends (`cloudsql-deletion-protection` judges it).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#deletion_protection-1
 * @see https://www.pulumi.com/registry/packages/gcp/api-docs/sql/databaseinstance/#deletionprotection_nodejs
 */
export default defineRule({
  id: 'cloudsql-destroy-protection',
  title: 'Cloud SQL instances keep the provider deletion_protection on',
  why: 'With deletion_protection false, `terraform destroy`, a replacing apply or `pulumi destroy` deletes the instance and its data with nothing to stop it.',
  fix: 'Remove deletion_protection = false (it defaults to true), or set it to true.',
  severity: 'error',
  resourceTypes: [CLOUDSQL_INSTANCE],
  google(resource) {
    if (toolGuard(resource)) return;
    // `deletion_policy = "PREVENT"` fails the destroy too, and `"ABANDON"` leaves the instance in Google Cloud.
    if (keepsData(effectiveDeletionPolicy(resource, nameAt(resource, ['deletion_policy'])))) return;
    if (booleanAt(resource, ['settings', 'deletion_protection_enabled']) === 'true') return;
    const v = requireProperty(resource, {
      path: ['deletion_protection'],
      want: 'true',
      test: (x) => asBoolean(x) === true,
      fix: googleFix(
        'Set `deletion_protection = true` on the `google_sql_database_instance` (or remove `deletion_protection = false`: it defaults to true).',
        'Pass `deletionProtection: true` in the `gcp.sql.DatabaseInstance` args (or remove `deletionProtection: false`), or give the resource the `protect: true` option.',
      ),
    });
    if (!v) return;
    return {
      ...v,
      message: `${v.message} Nothing then stops ${destroyCommand(resource)} from deleting the instance.`,
      ...(isReadReplica(resource) ? { severity: 'warning' as const } : {}),
    };
  },
});
