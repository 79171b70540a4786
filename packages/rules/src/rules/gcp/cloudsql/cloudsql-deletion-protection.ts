import { requireTrue } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { booleanAt, googleFix, nameAt } from '../general/google-fix';
import { CLOUDSQL_INSTANCE, isReadReplica } from './replica';

/**
 * Cloud SQL instances have deletion protection on in Cloud SQL itself
 * (`settings.deletion_protection_enabled`), which refuses every delete: the
 * API, `gcloud sql instances delete`, the Console, Terraform and Pulumi. It
 * defaults to false. The instance-level `deletion_protection` (default true) is
 * a Terraform/Pulumi-only guard kept in state: it stops `terraform destroy`,
 * never `gcloud`, so a finding says so when only that one is on. A read replica
 * holds a copy of its primary's data: the finding is a warning.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#deletion_protection_enabled-1
 * @see https://cloud.google.com/sql/docs/postgres/deletion-protection
 */
export default defineRule({
  id: 'cloudsql-deletion-protection',
  title: 'Cloud SQL instances have deletion protection on in Cloud SQL',
  why: 'Without it, one `gcloud sql instances delete`, Console click or API call deletes the instance and its data (and, unless they are retained, every backup of it); Terraform and Pulumi guards do not stop those.',
  fix: 'Set settings.deletion_protection_enabled = true.',
  severity: 'error',
  resourceTypes: [CLOUDSQL_INSTANCE],
  google(resource) {
    const fix = googleFix(
      'Set `deletion_protection_enabled = true` inside the `settings { ... }` block.',
      'Pass `settings: { deletionProtectionEnabled: true, ... }` in the `gcp.sql.DatabaseInstance` args.',
    );
    const v = requireTrue(resource, ['settings', 'deletion_protection_enabled'], fix, 'false');
    if (!v) return;
    const tool = booleanAt(resource, ['deletion_protection']);
    const only =
      tool === 'true' || tool === 'absent'
        ? ` ${nameAt(resource, ['deletion_protection'])} is ${tool === 'true' ? 'true' : 'not set (provider default: true)'}, but it is a Terraform/Pulumi-only guard: it does not stop \`gcloud sql instances delete\`, the Console or the API.`
        : '';
    return {
      ...v,
      message: `${v.message}${only}`,
      ...(isReadReplica(resource) ? { severity: 'warning' as const } : {}),
    };
  },
});
