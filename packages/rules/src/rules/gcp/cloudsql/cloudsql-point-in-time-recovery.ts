import { readProperty, requireTrue } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { googleFix, nameAt } from '../general/google-fix';
import { enrolledInBackupPlan } from '../backupdr/backup-dr';
import { CLOUDSQL_INSTANCE, isReadReplica } from './replica';

/**
 * Cloud SQL instances can be restored to a point in time: PostgreSQL and SQL
 * Server with `settings.backup_configuration.point_in_time_recovery_enabled`,
 * MySQL with `binary_log_enabled` (its point-in-time recovery reads the binary
 * log). Both default to false in the provider, except that Cloud SQL turns
 * point-in-time recovery on for Enterprise Plus PostgreSQL and SQL Server
 * instances (`settings.edition = "ENTERPRISE_PLUS"`). An unknown
 * `database_version` cannot tell which applies: a finding. Read replicas are not judged,
 * nor is an instance that a Backup and DR plan association of the configuration
 * enrols: Cloud SQL then turns binary logging and transaction log retention off
 * and refuses to change the backup configuration ("enhanced backups"), and the
 * Backup and DR rules judge the plan instead.
 * @see https://github.com/hashicorp/terraform-provider-google/issues/24932
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#point_in_time_recovery_enabled-1
 * @see https://cloud.google.com/sql/docs/mysql/backup-recovery/pitr
 * @see https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr
 */
export default defineRule({
  id: 'cloudsql-point-in-time-recovery',
  title: 'Cloud SQL instances have point-in-time recovery on',
  why: 'Without point-in-time recovery, a restore goes back to the last daily backup: everything written since, up to a day of data, is lost.',
  fix: 'Set point_in_time_recovery_enabled = true (PostgreSQL, SQL Server) or binary_log_enabled = true (MySQL) in settings.backup_configuration.',
  severity: 'error',
  resourceTypes: [CLOUDSQL_INSTANCE],
  google(resource, ctx) {
    if (isReadReplica(resource) || enrolledInBackupPlan(resource, ctx.model)) return;
    const version = readProperty(resource, 'database_version');
    const mysql = {
      path: ['settings', 'backup_configuration', 'binary_log_enabled'],
      fix: googleFix(
        'Set `binary_log_enabled = true` (with `enabled = true`) in `settings { backup_configuration { ... } }`.',
        'Pass `settings: { backupConfiguration: { enabled: true, binaryLogEnabled: true } }` in the `gcp.sql.DatabaseInstance` args.',
      ),
    };
    const other = {
      path: ['settings', 'backup_configuration', 'point_in_time_recovery_enabled'],
      fix: googleFix(
        'Set `point_in_time_recovery_enabled = true` (with `enabled = true`) in `settings { backup_configuration { ... } }`.',
        'Pass `settings: { backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true } }` in the `gcp.sql.DatabaseInstance` args.',
      ),
    };
    if (version.kind !== 'known' || typeof version.value !== 'string') {
      return {
        fix: googleFix(
          `${mysql.fix.terraform} For PostgreSQL or SQL Server: ${other.fix.terraform}`,
          `${mysql.fix.pulumi} For PostgreSQL or SQL Server: ${other.fix.pulumi}`,
        ),
        location: 'inputs/database_version',
        unresolved: true,
        message: `${nameAt(resource, ['database_version'])} is ${version.kind === 'absent' ? 'not set' : quote(version.kind === 'known' ? version.value : version.expression)}, so whether point-in-time recovery needs ${nameAt(resource, mysql.path)} (MySQL) or ${nameAt(resource, other.path)} cannot be told${version.kind === 'unresolved' ? `: ${version.reason}` : ''}.`,
      };
    }
    if (version.value.startsWith('MYSQL')) return requireTrue(resource, mysql.path, mysql.fix, 'false');
    const edition = readProperty(resource, 'settings', 'edition');
    // Enterprise Plus turns point-in-time recovery on only when the provider sends no backup configuration: with a
    // `backup_configuration` block it always sends `pointInTimeRecoveryEnabled`, false when unset, which turns it off.
    // https://github.com/hashicorp/terraform-provider-google/blob/main/google/services/sql/resource_sql_database_instance.go (expandBackupConfiguration)
    const plus =
      edition.kind === 'known' &&
      edition.value === 'ENTERPRISE_PLUS' &&
      readProperty(resource, 'settings', 'backup_configuration').kind === 'absent';
    return requireTrue(resource, other.path, other.fix, plus ? null : 'false');
  },
});
