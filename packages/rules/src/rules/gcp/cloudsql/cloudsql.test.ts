import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
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

/** A Terraform instance: `settings` as the one-element list a plan writes. */
const tf = (settings: Record<string, unknown>, top: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord(TF, { database_version: 'POSTGRES_16', ...top, settings: [settings] });
/** The same in @pulumi/gcp: camelCase, objects. */
const pu = (
  settings: Record<string, unknown>,
  top: Record<string, unknown> = {},
  options?: ProviderResourceRecord['options'],
): ProviderResourceRecord =>
  googleRecord(PU, { databaseVersion: 'POSTGRES_16', ...top, settings }, options ? { options } : {});

/** Everything on, Terraform. */
const SAFE_TF = {
  deletion_protection_enabled: true,
  retain_backups_on_delete: true,
  final_backup_config: [{ enabled: true, retention_days: 30 }],
  backup_configuration: [
    { enabled: true, point_in_time_recovery_enabled: true, backup_retention_settings: [{ retained_backups: 14 }] },
  ],
};
const SAFE_PU = {
  deletionProtectionEnabled: true,
  retainBackupsOnDelete: true,
  finalBackupConfig: { enabled: true, retentionDays: 30 },
  backupConfiguration: {
    enabled: true,
    pointInTimeRecoveryEnabled: true,
    backupRetentionSettings: { retainedBackups: 14 },
  },
};

describe('Cloud SQL rules', () => {
  const invalid: [string, Rule, ProviderResourceRecord, string, RegExp, RegExp][] = [
    [
      '1. API deletion protection unset while only the Terraform guard is on',
      deletionProtection,
      tf({ tier: 'db-f1-micro' }),
      'inputs/settings/deletion_protection_enabled',
      /^settings\.deletion_protection_enabled is not set \(provider default: false\)\. `deletion_protection` is not set \(provider default: true\), but it is a Terraform\/Pulumi-only guard: it does not stop `gcloud sql instances delete`, the Console or the API\.$/,
      /deletion_protection_enabled = true/,
    ],
    [
      '2. API deletion protection false (Pulumi), the Pulumi guard explicitly on',
      deletionProtection,
      pu({ deletionProtectionEnabled: false }, { deletionProtection: true }),
      'inputs/settings/deletionProtectionEnabled',
      /^settings\.deletionProtectionEnabled is false; it must be true\. `deletionProtection` is true, but it is a Terraform\/Pulumi-only guard/,
      /deletionProtectionEnabled: true/,
    ],
    [
      '3. API deletion protection unknown',
      deletionProtection,
      tf({ deletion_protection_enabled: providerOutput(false, undefined, []) }, { deletion_protection: false }),
      'inputs/settings/deletion_protection_enabled',
      /^settings\.deletion_protection_enabled is (?:an unknown output|a value known only after apply) and cannot be proven true\.$/,
      /deletion_protection_enabled = true/,
    ],
    [
      '4. Terraform deletion_protection = false',
      destroyProtection,
      // Without Cloud SQL's own deletion protection, which also refuses the delete a destroy sends.
      tf({ ...SAFE_TF, deletion_protection_enabled: false }, { deletion_protection: false }),
      'inputs/deletion_protection',
      /^deletion_protection is false; it must be true\. Nothing then stops `terraform destroy` \(or an apply that replaces it\) from deleting the instance\.$/,
      /deletion_protection = true/,
    ],
    [
      '5. Pulumi deletionProtection: false without protect',
      destroyProtection,
      pu({ ...SAFE_PU, deletionProtectionEnabled: false }, { deletionProtection: false }),
      'inputs/deletionProtection',
      /^deletionProtection is false; it must be true\. Nothing then stops `pulumi destroy`/,
      /protect: true/,
    ],
    [
      '6. backups deleted with the instance',
      retainBackups,
      tf({ deletion_protection_enabled: true }),
      'inputs/settings/retain_backups_on_delete',
      /^settings\.retain_backups_on_delete is not set \(provider default: false: deleting the instance deletes every backup\)\.$/,
      /retain_backups_on_delete = true/,
    ],
    [
      '7. retainBackupsOnDelete false (Pulumi)',
      retainBackups,
      pu({ retainBackupsOnDelete: false }),
      'inputs/settings/retainBackupsOnDelete',
      /^settings\.retainBackupsOnDelete is false; it must be true\.$/,
      /retainBackupsOnDelete: true/,
    ],
    [
      '8. no final backup',
      finalBackup,
      tf({}),
      'inputs/settings/final_backup_config/enabled',
      /^settings\.final_backup_config\.enabled is not set \(provider default: false\)\.$/,
      /final_backup_config \{ enabled = true, retention_days = 30 \}/,
    ],
    [
      '9. a final backup kept 3 days (Pulumi)',
      finalBackup,
      pu({ finalBackupConfig: { enabled: true, retentionDays: 3 } }),
      'inputs/settings/finalBackupConfig/retentionDays',
      /^settings\.finalBackupConfig\.retentionDays is 3; it must be at least 7 days\.$/,
      /finalBackupConfig: \{ enabled: true, retentionDays: 30 \}/,
    ],
    [
      '10. no automated backups (the block absent)',
      automatedBackups,
      tf({ deletion_protection_enabled: true }),
      'inputs/settings/backup_configuration/enabled',
      /^settings\.backup_configuration\.enabled is not set \(provider default: false: no automated backups\)\.$/,
      /backup_configuration \{ enabled = true, backup_retention_settings \{ retained_backups = 7 \} \}/,
    ],
    [
      '11. 3 retained backups (Pulumi)',
      automatedBackups,
      pu({ backupConfiguration: { enabled: true, backupRetentionSettings: { retainedBackups: 3 } } }),
      'inputs/settings/backupConfiguration/backupRetentionSettings/retainedBackups',
      /^retained backups: settings\.backupConfiguration\.backupRetentionSettings\.retainedBackups is 3; it must be at least 7 backups \(one a day: 7 days\)\.$/,
      /retainedBackups: 7/,
    ],
    [
      '12. PostgreSQL without point-in-time recovery',
      pitr,
      tf({ backup_configuration: [{ enabled: true }] }),
      'inputs/settings/backup_configuration/point_in_time_recovery_enabled',
      /^settings\.backup_configuration\.point_in_time_recovery_enabled is not set \(provider default: false\)\.$/,
      /point_in_time_recovery_enabled = true/,
    ],
    [
      '13. MySQL without the binary log (Pulumi)',
      pitr,
      pu(
        { backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true } },
        { databaseVersion: 'MYSQL_8_0' },
      ),
      'inputs/settings/backupConfiguration/binaryLogEnabled',
      /^settings\.backupConfiguration\.binaryLogEnabled is not set \(provider default: false\)\.$/,
      /binaryLogEnabled: true/,
    ],
    [
      '14. an unknown database version',
      pitr,
      tf(SAFE_TF, { database_version: providerOutput(false, undefined, []) }),
      'inputs/database_version',
      /^`database_version` is (?:an unknown output|a value known only after apply), so whether point-in-time recovery needs `settings\.backup_configuration\.binary_log_enabled` \(MySQL\) or `settings\.backup_configuration\.point_in_time_recovery_enabled` cannot be told: it is a value known only after apply\.$/,
      /binary_log_enabled = true.*point_in_time_recovery_enabled = true/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, rule, record, location, message, fix) => {
    const findings = googleFindingsOf(rule, [record]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: rule.id, location, resource: { type: TF } });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(fix);
    expect(findings[0].fixes.terraform).toBeDefined();
    expect(findings[0].fixes.pulumi).toBeDefined();
  });

  const rules = [deletionProtection, destroyProtection, retainBackups, finalBackup, automatedBackups, pitr];
  const valid: [string, ProviderResourceRecord][] = [
    ['everything on (Terraform)', tf(SAFE_TF)],
    ['everything on (Pulumi)', pu(SAFE_PU)],
    [
      'MySQL with the binary log, the default final backup retention',
      tf(
        {
          ...SAFE_TF,
          final_backup_config: [{ enabled: true }],
          backup_configuration: [{ enabled: true, binary_log_enabled: true }],
        },
        { database_version: 'MYSQL_8_0' },
      ),
    ],
    [
      'Pulumi deletionProtection false under protect: true',
      pu(SAFE_PU, { deletionProtection: false }, { protect: true }),
    ],
  ];
  test.each(valid)('%s passes every rule', (_name, record) => {
    for (const rule of rules) expect(googleFindingsOf(rule, [record])).toEqual([]);
  });

  test('a read replica is judged for deletion protection only, as a warning', () => {
    const replica = tf({ tier: 'db-f1-micro' }, { master_instance_name: 'primary', deletion_protection: false });
    const found = rules.flatMap((rule) => googleFindingsOf(rule, [replica]));
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([
      ['cloudsql-deletion-protection', 'warning'],
      ['cloudsql-destroy-protection', 'warning'],
    ]);
  });

  test('the minimum retention option raises the bar', () => {
    const found = googleFindingsOf(automatedBackups, [tf(SAFE_TF)], { minimumBackupRetentionDays: 30 });
    expect(found.map((f) => f.message)).toEqual([
      'retained backups: settings.backup_configuration.backup_retention_settings.retained_backups is 14; it must be at least 30 backups (one a day: 30 days).',
    ]);
  });
});
