import { requireTrue } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { googleFix } from '../general/google-fix';
import { CLOUDSQL_INSTANCE, isReadReplica } from './replica';

/**
 * Cloud SQL instances keep their backups when they are deleted
 * (`settings.retain_backups_on_delete`, default false). Without it, deleting
 * the instance deletes every automated and on-demand backup with it; with it,
 * automated backups are kept for their retention and on-demand ones until
 * deleted. Read replicas have no backups and are not judged.
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#retain_backups_on_delete-1
 * @see https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#retained-backups
 */
export default defineRule({
  id: 'cloudsql-retain-backups-on-delete',
  title: 'Cloud SQL instances keep their backups when deleted',
  why: 'Deleting a Cloud SQL instance deletes all of its backups with it unless retain_backups_on_delete is on, so one delete leaves nothing to restore from.',
  fix: 'Set settings.retain_backups_on_delete = true.',
  severity: 'error',
  resourceTypes: [CLOUDSQL_INSTANCE],
  google(resource) {
    if (isReadReplica(resource)) return;
    return requireTrue(
      resource,
      ['settings', 'retain_backups_on_delete'],
      googleFix(
        'Set `retain_backups_on_delete = true` inside the `settings { ... }` block.',
        'Pass `settings: { retainBackupsOnDelete: true, ... }` in the `gcp.sql.DatabaseInstance` args.',
      ),
      'false: deleting the instance deletes every backup',
    );
  },
});
