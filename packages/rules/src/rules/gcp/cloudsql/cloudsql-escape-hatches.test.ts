import { providerOutput, type ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import type { Rule } from '../../../engine/rule';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import automatedBackups from './cloudsql-automated-backups';
import deletionProtection from './cloudsql-deletion-protection';
import destroyProtection from './cloudsql-destroy-protection';
import finalBackup from './cloudsql-final-backup';
import pitr from './cloudsql-point-in-time-recovery';
import retainBackups from './cloudsql-retain-backups-on-delete';

const TF = 'google_sql_database_instance';
const PU = 'gcp:sql/databaseInstance:DatabaseInstance';
const RULES: readonly Rule[] = [
  deletionProtection,
  destroyProtection,
  retainBackups,
  finalBackup,
  automatedBackups,
  pitr,
];

/** A Terraform instance: `settings` as the one-element list a plan writes. */
const tf = (
  settings: Record<string, unknown>,
  top: Record<string, unknown> = {},
  options?: ProviderResourceRecord['options'],
): ProviderResourceRecord =>
  googleRecord(TF, { database_version: 'POSTGRES_16', ...top, settings: [settings] }, options ? { options } : {});

/** Every data-protection setting on (Terraform). */
const SAFE = {
  deletion_protection_enabled: true,
  retain_backups_on_delete: true,
  final_backup_config: [{ enabled: true, retention_days: 30 }],
  backup_configuration: [
    { enabled: true, point_in_time_recovery_enabled: true, backup_retention_settings: [{ retained_backups: 14 }] },
  ],
};

/** Rule id → message of every finding the Cloud SQL rules make on the records. */
const judge = (records: ProviderResourceRecord[], options = {}) =>
  RULES.flatMap((rule) => googleFindingsOf(rule, records, options)).map((f) => [f.ruleId, f.message]);

describe('Cloud SQL escape hatches', () => {
  test('a promoted replica (no `master_instance_name`, `instance_type = "CLOUD_SQL_INSTANCE"`) is a primary: judged for backups', () => {
    const promoted = tf({ deletion_protection_enabled: true }, { instance_type: 'CLOUD_SQL_INSTANCE' });
    expect(judge([promoted]).map(([id]) => id)).toEqual([
      'cloudsql-retain-backups-on-delete',
      'cloudsql-final-backup',
      'cloudsql-automated-backups',
      'cloudsql-point-in-time-recovery',
    ]);
  });

  test('a replica whose primary is an output of the configuration (`master_instance_name = google_sql_database_instance.primary.name`) is a replica', () => {
    const primary = googleRecord(TF, { database_version: 'POSTGRES_16', settings: [SAFE] }, { name: 'primary' });
    const replica = tf(
      { deletion_protection_enabled: true },
      { master_instance_name: providerOutput(false, undefined, [primary.id]) },
    );
    expect(judge([primary, replica])).toEqual([]);
  });

  test('an unknown `master_instance_name` tied to no resource (the provider computes it: a primary before creation) is judged as a primary', () => {
    const computed = tf(
      { deletion_protection_enabled: true },
      { master_instance_name: providerOutput(false, undefined, []) },
    );
    expect(judge([computed]).map(([id]) => id)).toEqual([
      'cloudsql-retain-backups-on-delete',
      'cloudsql-final-backup',
      'cloudsql-automated-backups',
      'cloudsql-point-in-time-recovery',
    ]);
  });

  test('SQL Server recovers to a point in time with `point_in_time_recovery_enabled` (transaction logs), not the binary log', () => {
    const sqlServer = (backup: Record<string, unknown>) =>
      tf(
        { ...SAFE, backup_configuration: [{ ...backup, backup_retention_settings: [{ retained_backups: 14 }] }] },
        {
          database_version: 'SQLSERVER_2022_STANDARD',
        },
      );
    expect(judge([sqlServer({ enabled: true, binary_log_enabled: true })])).toEqual([
      [
        'cloudsql-point-in-time-recovery',
        'settings.backup_configuration.point_in_time_recovery_enabled is not set (provider default: false).',
      ],
    ]);
    expect(judge([sqlServer({ enabled: true, point_in_time_recovery_enabled: true })])).toEqual([]);
  });

  test('Enterprise Plus turns point-in-time recovery on by default, but a `backup_configuration` block sends it false when unset', () => {
    // The provider always sends `pointInTimeRecoveryEnabled` with the block: unset is false, which turns it off.
    const unset = tf({
      ...SAFE,
      edition: 'ENTERPRISE_PLUS',
      backup_configuration: [{ enabled: true, backup_retention_settings: [{ retained_backups: 14 }] }],
    });
    expect(judge([unset])).toEqual([
      [
        'cloudsql-point-in-time-recovery',
        'settings.backup_configuration.point_in_time_recovery_enabled is not set (provider default: false).',
      ],
    ]);
    const off = tf({
      ...SAFE,
      edition: 'ENTERPRISE_PLUS',
      backup_configuration: [{ enabled: true, point_in_time_recovery_enabled: false }],
    });
    expect(googleFindingsOf(pitr, [off]).map((f) => f.message)).toEqual([
      'settings.backup_configuration.point_in_time_recovery_enabled is false; it must be true.',
    ]);
    // Without the block, Cloud SQL's Enterprise Plus default holds (the automated backups rule judges the block).
    const { backup_configuration: _none, ...withoutBlock } = SAFE;
    expect(googleFindingsOf(pitr, [tf({ ...withoutBlock, edition: 'ENTERPRISE_PLUS' })])).toEqual([]);
  });

  test('a final backup kept fewer days than the minimum, or the 30-day default under a 60-day minimum', () => {
    expect(judge([tf({ ...SAFE, final_backup_config: [{ enabled: true, retention_days: 3 }] })])).toEqual([
      ['cloudsql-final-backup', 'settings.final_backup_config.retention_days is 3; it must be at least 7 days.'],
    ]);
    const findings = googleFindingsOf(finalBackup, [tf({ ...SAFE, final_backup_config: [{ enabled: true }] })], {
      minimumBackupRetentionDays: 60,
    });
    expect(findings.map((f) => f.message)).toEqual([
      'settings.final_backup_config.retention_days is not set (provider default: 30 days, under the minimum of 60 days).',
    ]);
  });

  test('`settings` unknown as a whole: every setting in it is unresolved, a finding for each rule that reads one', () => {
    const record = googleRecord(TF, {
      database_version: 'POSTGRES_16',
      settings: providerOutput(false, undefined, []),
    });
    const found = RULES.flatMap((rule) => googleFindingsOf(rule, [record]));
    expect(found.map((f) => [f.ruleId, Boolean(f.unresolved)])).toEqual([
      ['cloudsql-deletion-protection', true],
      ['cloudsql-retain-backups-on-delete', true],
      ['cloudsql-final-backup', true],
      ['cloudsql-automated-backups', true],
      ['cloudsql-automated-backups', true],
      ['cloudsql-point-in-time-recovery', true],
    ]);
  });

  test('Pulumi `deletionProtection: false` under `protect: true`: the tool cannot delete it, the API still can', () => {
    const record = googleRecord(
      PU,
      { databaseVersion: 'POSTGRES_16', deletionProtection: false, settings: { tier: 'db-f1-micro' } },
      { options: { protect: true } },
    );
    expect(googleFindingsOf(destroyProtection, [record])).toEqual([]);
    expect(googleFindingsOf(deletionProtection, [record]).map((f) => f.message)).toEqual([
      'settings.deletionProtectionEnabled is not set (provider default: false).',
    ]);
  });

  test('Terraform-only guards are named as such; the API guard also stops a destroy', () => {
    // `deletion_protection` (Terraform/Pulumi-only) on, Cloud SQL's own off: the API finding says the other does not stop gcloud.
    expect(googleFindingsOf(deletionProtection, [tf({}, { deletion_protection: true })]).map((f) => f.message)).toEqual(
      [
        'settings.deletion_protection_enabled is not set (provider default: false). `deletion_protection` is true, but it is a Terraform/Pulumi-only guard: it does not stop `gcloud sql instances delete`, the Console or the API.',
      ],
    );
    // The tool's guard off, Cloud SQL's on: the provider does not turn it off before deleting, so a destroy fails.
    expect(googleFindingsOf(destroyProtection, [tf(SAFE, { deletion_protection: false })])).toEqual([]);
    // Terraform `lifecycle { prevent_destroy = true }`, read from the .tf files.
    const prevented = tf(
      { deletion_protection_enabled: false },
      { deletion_protection: false },
      { preventDestroy: true },
    );
    expect(googleFindingsOf(destroyProtection, [prevented])).toEqual([]);
  });
});
