import { asNumber, readProperty, requireProperty, requireTrue } from '../../../engine/read';
import { defineRule, type Violation } from '../../../engine/rule';
import { plural } from '../../../text/plural';
import { googleFix } from '../general/google-fix';
import { enrolledInBackupPlan } from '../backupdr/backup-dr';
import { CLOUDSQL_INSTANCE, isReadReplica } from './replica';

/** Cloud SQL keeps 7 automated backups unless told otherwise. */
const DEFAULT_RETAINED_BACKUPS = 7;

/**
 * Cloud SQL instances take automated backups (`settings.backup_configuration.enabled`,
 * default false in the provider) and keep at least as many as the minimum
 * retention in days (`backup_retention_settings.retained_backups`, default 7,
 * counted in backups: Cloud SQL takes one a day). Read replicas have no
 * automated backups of their own and are not judged. Nor is an instance that a
 * Backup and DR plan association of the configuration enrols: Cloud SQL then
 * turns its automated backups off and refuses to change them ("enhanced
 * backups"), and the Backup and DR rules judge the plan's retention instead.
 * @see https://github.com/hashicorp/terraform-provider-google/issues/24932
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#backup_configuration-1
 * @see https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#automated-backups
 */
export default defineRule({
  id: 'cloudsql-automated-backups',
  title: 'Cloud SQL instances take automated backups and keep them for the minimum retention',
  why: 'Without automated backups there is nothing to restore a dropped table or a corrupted database from, and backups past the retained count are deleted.',
  fix: 'Set settings.backup_configuration { enabled = true, backup_retention_settings { retained_backups = <at least the minimum retention in days> } }.',
  severity: 'error',
  resourceTypes: [CLOUDSQL_INSTANCE],
  google(resource, ctx) {
    if (isReadReplica(resource) || enrolledInBackupPlan(resource, ctx.model)) return;
    const min = ctx.options.minimumBackupRetentionDays;
    const count = Math.max(min, DEFAULT_RETAINED_BACKUPS);
    const fix = googleFix(
      `Add \`backup_configuration { enabled = true, backup_retention_settings { retained_backups = ${count} } }\` inside the \`settings { ... }\` block.`,
      `Pass \`settings: { backupConfiguration: { enabled: true, backupRetentionSettings: { retainedBackups: ${count} } }, ... }\` in the \`gcp.sql.DatabaseInstance\` args.`,
    );
    const out: Violation[] = [];
    const enabled = requireTrue(
      resource,
      ['settings', 'backup_configuration', 'enabled'],
      fix,
      'false: no automated backups',
      'automated backups',
    );
    if (enabled) out.push(enabled);
    const path = ['settings', 'backup_configuration', 'backup_retention_settings', 'retained_backups'];
    const unit = readProperty(
      resource,
      'settings',
      'backup_configuration',
      'backup_retention_settings',
      'retention_unit',
    );
    const retained = requireProperty(resource, {
      path,
      want: `at least ${plural(min, 'backup')} (one a day: ${plural(min, 'day')})`,
      // `COUNT` is the only unit Cloud SQL has; any other is not proven.
      test: (v) =>
        (asNumber(v) ?? -1) >= min && (unit.kind === 'absent' || (unit.kind === 'known' && unit.value === 'COUNT')),
      absentMeans:
        min > DEFAULT_RETAINED_BACKUPS
          ? `${DEFAULT_RETAINED_BACKUPS} backups, under the minimum of ${plural(min, 'day')}`
          : undefined,
      fix,
      detail: 'retained backups',
    });
    if (retained) out.push(retained);
    return out;
  },
});
