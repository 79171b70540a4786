import { asNumber, requireProperty, requireTrue } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { plural } from '../../../text/plural';
import { googleFix } from '../general/google-fix';
import { CLOUDSQL_INSTANCE, isReadReplica } from './replica';

/** Cloud SQL keeps a final backup 30 days when no retention is given (`gcloud sql instances delete --final-backup-retention-days`). */
const FINAL_BACKUP_DEFAULT_DAYS = 30;

/**
 * Cloud SQL instances take a final backup when they are deleted
 * (`settings.final_backup_config { enabled = true, retention_days = N }`), kept
 * for at least the minimum retention. Off by default: a deleted instance then
 * leaves no backup taken at the moment of deletion. Read replicas are not judged.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#final_backup_config-1
 * @see https://cloud.google.com/sdk/gcloud/reference/sql/instances/delete
 */
export default defineRule({
  id: 'cloudsql-final-backup',
  title: 'Cloud SQL instances take a final backup when deleted',
  why: 'Without a final backup, deleting the instance keeps nothing of the data written since the last backup, and nothing at all once the retained backups expire.',
  fix: 'Set settings.final_backup_config { enabled = true, retention_days = <at least the minimum retention> }.',
  severity: 'error',
  resourceTypes: [CLOUDSQL_INSTANCE],
  google(resource, ctx) {
    if (isReadReplica(resource)) return;
    const min = Math.max(1, ctx.options.minimumBackupRetentionDays);
    const fix = googleFix(
      `Add \`final_backup_config { enabled = true, retention_days = ${Math.max(min, FINAL_BACKUP_DEFAULT_DAYS)} }\` inside the \`settings { ... }\` block.`,
      `Pass \`settings: { finalBackupConfig: { enabled: true, retentionDays: ${Math.max(min, FINAL_BACKUP_DEFAULT_DAYS)} }, ... }\` in the \`gcp.sql.DatabaseInstance\` args.`,
    );
    const enabled = requireTrue(resource, ['settings', 'final_backup_config', 'enabled'], fix, 'false');
    if (enabled) return enabled;
    const out: Violation | undefined = requireProperty(resource, {
      path: ['settings', 'final_backup_config', 'retention_days'],
      want: `at least ${plural(min, 'day')}`,
      test: (v) => (asNumber(v) ?? -1) >= min,
      absentMeans:
        min > FINAL_BACKUP_DEFAULT_DAYS
          ? `${FINAL_BACKUP_DEFAULT_DAYS} days, under the minimum of ${plural(min, 'day')}`
          : undefined,
      fix,
    });
    return out;
  },
});
