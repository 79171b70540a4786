/**
 * The gate on Google Cloud: deletes and replacements of Google data stores,
 * and updates that lower what protects them, in Terraform plans (`google`,
 * `google-beta`) and Pulumi previews (`@pulumi/gcp`), judged from one table
 * (`protection/stores/google.ts`).
 */
import { providerDataRow } from '../protection/provider-types';
import { durationSeconds } from '../protection/setting';
import { GOOGLE_STORES } from '../protection/stores/google';
import { googleSettingsOf, googleTerraformType } from './google';
import { PULUMI_UNKNOWN } from './pulumi-preview';
import { runGate, type GateReport } from './read-plan';
import { blockedOf, gateOf, planOf, pulumiPreview, pulumiStep, terraformPlan, tfChange } from './testing';

type Values = Record<string, unknown>;

/** Repeated blocks and their Pulumi plural; every other one-element block list is written as an object. */
const REPEATED: Readonly<Record<string, string>> = { lifecycle_rule: 'lifecycleRules', cluster: 'clusters' };

/** Terraform plan values as `@pulumi/gcp` inputs: camelCase, single blocks as objects, repeated blocks plural. */
function pulumiInputs(v: unknown, depth = 0): unknown {
  if (depth > 12 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => pulumiInputs(x, depth + 1));
  const out: Values = {};
  for (const [k, x] of Object.entries(v as Values)) {
    const camel = k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    if (REPEATED[k]) out[REPEATED[k]] = pulumiInputs(x, depth + 1);
    else if (Array.isArray(x) && x.length <= 1 && (x.length === 0 || typeof x[0] === 'object')) {
      if (x.length === 1) out[camel] = pulumiInputs(x[0], depth + 1);
    } else out[camel] = pulumiInputs(x, depth + 1);
  }
  return out;
}

function tokenOf(type: string): string {
  const token = providerDataRow(type)?.pulumi[0];
  if (!token) throw new Error(`no Pulumi token for ${type}`);
  return token;
}

function terraformGate(type: string, actions: string[], before: Values, after: Values | null, extra = {}): GateReport {
  return gateOf(
    terraformPlan([
      tfChange(type, 'main', actions, before, after, {
        provider_name: 'registry.terraform.io/hashicorp/google',
        ...extra,
      }),
    ]),
  );
}

function pulumiGate(type: string, op: string, before: Values, after?: Values, options: Values = {}): GateReport {
  return gateOf(
    pulumiPreview([
      pulumiStep(
        op,
        tokenOf(type),
        'main',
        { inputs: pulumiInputs(before), ...options },
        after ? { inputs: pulumiInputs(after) } : undefined,
      ),
    ]),
  );
}

/** The one blocked change's reasons, or [] when nothing is blocked. */
function reasonsOf(report: GateReport): readonly string[] {
  expect(report.blocked.length).toBeLessThanOrEqual(1);
  return report.blocked[0]?.reasons ?? [];
}

const SQL = 'google_sql_database_instance';
const sqlSettings = (o: Values = {}, backup: Values = {}) => [
  {
    tier: 'db-custom-2-7680',
    deletion_protection_enabled: true,
    retain_backups_on_delete: true,
    backup_configuration: [
      {
        enabled: true,
        point_in_time_recovery_enabled: true,
        binary_log_enabled: false,
        transaction_log_retention_days: 7,
        backup_retention_settings: [{ retained_backups: 14, retention_unit: 'COUNT' }],
        ...backup,
      },
    ],
    final_backup_config: [{ enabled: true, retention_days: 30 }],
    ...o,
  },
];
const sql = (o: Values = {}, settings = sqlSettings()) => ({
  name: 'orders',
  deletion_policy: 'DELETE',
  deletion_protection: true,
  settings,
  ...o,
});
const bucket = (o: Values = {}) => ({
  name: 'invoices',
  force_destroy: false,
  deletion_policy: 'DELETE',
  versioning: [{ enabled: true }],
  soft_delete_policy: [{ retention_duration_seconds: 604800 }],
  retention_policy: [{ is_locked: true, retention_period: 2592000 }],
  lifecycle_rule: [{ action: [{ type: 'SetStorageClass', storage_class: 'NEARLINE' }], condition: [{ age: 30 }] }],
  ...o,
});

interface Lowered {
  /** What the case shows. */
  readonly name: string;
  readonly type: string;
  readonly before: Values;
  readonly after: Values;
  /** The Terraform property path and the Pulumi one, as each message names it. */
  readonly terraform: string;
  readonly pulumi: string;
  /** Old → new, as the message quotes them (the same in both dialects). */
  readonly values: string | RegExp;
  /** What the lowering exposes, as the message says it. */
  readonly exposes: string;
}

/** One row per Google protective setting: lowering it blocks, in both dialects, naming the setting and both values. */
const LOWERED: readonly Lowered[] = [
  {
    name: 'Cloud SQL: the provider-only deletion_protection off',
    type: SQL,
    before: sql(),
    after: sql({ deletion_protection: false }),
    terraform: 'deletion_protection',
    pulumi: 'deletionProtection',
    values: 'true to false',
    exposes: 'never gcloud, the console or the API',
  },
  {
    name: 'Cloud SQL: API-level deletion protection off',
    type: SQL,
    before: sql(),
    after: sql({}, sqlSettings({ deletion_protection_enabled: false })),
    terraform: 'settings[0].deletion_protection_enabled',
    pulumi: 'settings.deletionProtectionEnabled',
    values: 'true to false',
    exposes: 'Cloud SQL deletion protection is off, so one API call, gcloud command or console click deletes it',
  },
  {
    name: 'Cloud SQL: backups no longer retained on delete',
    type: SQL,
    before: sql(),
    after: sql({}, sqlSettings({ retain_backups_on_delete: false })),
    terraform: 'settings[0].retain_backups_on_delete',
    pulumi: 'settings.retainBackupsOnDelete',
    values: 'true to false',
    exposes: 'its backups are deleted with the instance',
  },
  {
    name: 'Cloud SQL: automated backups off',
    type: SQL,
    before: sql(),
    after: sql({}, sqlSettings({}, { enabled: false })),
    terraform: 'settings[0].backup_configuration[0].enabled',
    pulumi: 'settings.backupConfiguration.enabled',
    values: 'true to false',
    exposes: 'automated backups are off',
  },
  {
    name: 'Cloud SQL: point-in-time recovery off',
    type: SQL,
    before: sql(),
    after: sql({}, sqlSettings({}, { point_in_time_recovery_enabled: false })),
    terraform: 'settings[0].backup_configuration[0].point_in_time_recovery_enabled',
    pulumi: 'settings.backupConfiguration.pointInTimeRecoveryEnabled',
    values: 'true to false',
    exposes: 'it can be restored only to a backup',
  },
  {
    name: 'Cloud SQL (MySQL): binary logging off',
    type: SQL,
    before: sql({}, sqlSettings({}, { binary_log_enabled: true })),
    after: sql({}, sqlSettings({}, { binary_log_enabled: false })),
    terraform: 'settings[0].backup_configuration[0].binary_log_enabled',
    pulumi: 'settings.backupConfiguration.binaryLogEnabled',
    values: 'true to false',
    exposes: 'point-in-time recovery is off',
  },
  {
    name: 'Cloud SQL: fewer retained backups',
    type: SQL,
    before: sql(),
    after: sql({}, sqlSettings({}, { backup_retention_settings: [{ retained_backups: 2, retention_unit: 'COUNT' }] })),
    terraform: 'settings[0].backup_configuration[0].backup_retention_settings[0].retained_backups',
    pulumi: 'settings.backupConfiguration.backupRetentionSettings.retainedBackups',
    values: '14 to 2',
    exposes: 'older restore points are deleted',
  },
  {
    name: 'Cloud SQL: the final backup off',
    type: SQL,
    before: sql(),
    after: sql({}, sqlSettings({ final_backup_config: [{ enabled: false, retention_days: 30 }] })),
    terraform: 'settings[0].final_backup_config[0].enabled',
    pulumi: 'settings.finalBackupConfig.enabled',
    values: 'true to false',
    exposes: 'no final backup is taken when the instance is deleted',
  },
  {
    name: 'Cloud SQL: deletion_policy PREVENT → DELETE',
    type: SQL,
    before: sql({ deletion_policy: 'PREVENT' }),
    after: sql({ deletion_policy: 'DELETE' }),
    terraform: 'deletion_policy',
    pulumi: 'deletionPolicy',
    values: '"PREVENT" to "DELETE"',
    exposes: 'a destroy through Terraform or Pulumi now deletes it and its data',
  },
  {
    name: 'AlloyDB: deletion_policy FORCE',
    type: 'google_alloydb_cluster',
    before: { cluster_id: 'orders', deletion_policy: 'DEFAULT' },
    after: { cluster_id: 'orders', deletion_policy: 'FORCE' },
    terraform: 'deletion_policy',
    pulumi: 'deletionPolicy',
    values: '"DEFAULT" to "FORCE"',
    exposes: 'FORCE deletes the cluster, its instances and its data in one call',
  },
  {
    name: 'AlloyDB: continuous backup off',
    type: 'google_alloydb_cluster',
    before: { cluster_id: 'orders', continuous_backup_config: [{ enabled: true, recovery_window_days: 14 }] },
    after: { cluster_id: 'orders', continuous_backup_config: [{ enabled: false, recovery_window_days: 14 }] },
    terraform: 'continuous_backup_config[0].enabled',
    pulumi: 'continuousBackupConfig.enabled',
    values: 'true to false',
    exposes: 'point-in-time recovery is off',
  },
  {
    name: 'AlloyDB: automated backups off',
    type: 'google_alloydb_cluster',
    before: { cluster_id: 'orders', automated_backup_policy: [{ enabled: true }] },
    after: { cluster_id: 'orders', automated_backup_policy: [{ enabled: false }] },
    terraform: 'automated_backup_policy[0].enabled',
    pulumi: 'automatedBackupPolicy.enabled',
    values: 'true to false',
    exposes: 'automated backups are off',
  },
  {
    name: 'AlloyDB: automated backups kept for less time (a duration)',
    type: 'google_alloydb_cluster',
    before: { automated_backup_policy: [{ enabled: true, time_based_retention: [{ retention_period: '1209600s' }] }] },
    after: { automated_backup_policy: [{ enabled: true, time_based_retention: [{ retention_period: '86400s' }] }] },
    terraform: 'automated_backup_policy[0].time_based_retention[0].retention_period',
    pulumi: 'automatedBackupPolicy.timeBasedRetention.retentionPeriod',
    values: '"1209600s" to "86400s"',
    exposes: 'automated backups are kept for less time',
  },
  {
    name: 'Spanner: drop protection off',
    type: 'google_spanner_database',
    before: { name: 'ledger', enable_drop_protection: true },
    after: { name: 'ledger', enable_drop_protection: false },
    terraform: 'enable_drop_protection',
    pulumi: 'enableDropProtection',
    values: 'true to false',
    exposes: 'drops the database, and its instance can be deleted with it',
  },
  {
    name: 'Spanner: the provider-only deletion_protection off',
    type: 'google_spanner_database',
    before: { name: 'ledger', deletion_protection: true },
    after: { name: 'ledger', deletion_protection: false },
    terraform: 'deletion_protection',
    pulumi: 'deletionProtection',
    values: 'true to false',
    exposes: 'turning it off is how a destroy is prepared',
  },
  {
    name: 'Spanner: version retention shortened ("2d" → "24h")',
    type: 'google_spanner_database',
    before: { name: 'ledger', version_retention_period: '2d' },
    after: { name: 'ledger', version_retention_period: '24h' },
    terraform: 'version_retention_period',
    pulumi: 'versionRetentionPeriod',
    values: '"2d" to "24h"',
    exposes: 'point-in-time recovery reaches less far back',
  },
  {
    name: 'Spanner: instance force_destroy on',
    type: 'google_spanner_instance',
    before: { name: 'ledger', force_destroy: false },
    after: { name: 'ledger', force_destroy: true },
    terraform: 'force_destroy',
    pulumi: 'forceDestroy',
    values: 'false to true',
    exposes: 'deleting it also deletes every backup of its databases',
  },
  {
    name: 'Firestore: delete protection DISABLED',
    type: 'google_firestore_database',
    before: { name: '(default)', delete_protection_state: 'DELETE_PROTECTION_ENABLED' },
    after: { name: '(default)', delete_protection_state: 'DELETE_PROTECTION_DISABLED' },
    terraform: 'delete_protection_state',
    pulumi: 'deleteProtectionState',
    values: '"DELETE_PROTECTION_ENABLED" to "DELETE_PROTECTION_DISABLED"',
    exposes: 'Firestore deletion protection is off',
  },
  {
    name: 'Firestore: point-in-time recovery disabled',
    type: 'google_firestore_database',
    before: { name: '(default)', point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_ENABLED' },
    after: { name: '(default)', point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_DISABLED' },
    terraform: 'point_in_time_recovery_enablement',
    pulumi: 'pointInTimeRecoveryEnablement',
    values: '"POINT_IN_TIME_RECOVERY_ENABLED" to "POINT_IN_TIME_RECOVERY_DISABLED"',
    exposes: 'point-in-time recovery is off',
  },
  {
    name: 'Firestore: deletion_policy ABANDON → DELETE',
    type: 'google_firestore_database',
    before: { name: '(default)', deletion_policy: 'ABANDON' },
    after: { name: '(default)', deletion_policy: 'DELETE' },
    terraform: 'deletion_policy',
    pulumi: 'deletionPolicy',
    values: '"ABANDON" to "DELETE"',
    exposes: 'ABANDON left the resource and its data in place',
  },
  {
    name: 'Bigtable: instance deletion_protection off',
    type: 'google_bigtable_instance',
    before: { name: 'events', deletion_protection: true },
    after: { name: 'events', deletion_protection: false },
    terraform: 'deletion_protection',
    pulumi: 'deletionProtection',
    values: 'true to false',
    exposes: 'this guard only ever stopped the provider',
  },
  {
    name: 'Bigtable: instance force_destroy on',
    type: 'google_bigtable_instance',
    before: { name: 'events', force_destroy: false },
    after: { name: 'events', force_destroy: true },
    terraform: 'force_destroy',
    pulumi: 'forceDestroy',
    values: 'false to true',
    exposes: 'deleting it first deletes every backup in it',
  },
  {
    name: 'Bigtable: table UNPROTECTED',
    type: 'google_bigtable_table',
    before: { name: 'clicks', deletion_protection: 'PROTECTED' },
    after: { name: 'clicks', deletion_protection: 'UNPROTECTED' },
    terraform: 'deletion_protection',
    pulumi: 'deletionProtection',
    values: '"PROTECTED" to "UNPROTECTED"',
    exposes: 'the table, its column families and its instance can be deleted',
  },
  {
    name: 'BigQuery: dataset delete_contents_on_destroy on',
    type: 'google_bigquery_dataset',
    before: { dataset_id: 'analytics', delete_contents_on_destroy: false },
    after: { dataset_id: 'analytics', delete_contents_on_destroy: true },
    terraform: 'delete_contents_on_destroy',
    pulumi: 'deleteContentsOnDestroy',
    values: 'false to true',
    exposes: 'destroying it also deletes every table in it',
  },
  {
    name: 'BigQuery: time travel window shortened',
    type: 'google_bigquery_dataset',
    before: { dataset_id: 'analytics', max_time_travel_hours: '168' },
    after: { dataset_id: 'analytics', max_time_travel_hours: '48' },
    terraform: 'max_time_travel_hours',
    pulumi: 'maxTimeTravelHours',
    values: '"168" to "48"',
    exposes: 'can be recovered for fewer hours',
  },
  {
    name: 'BigQuery: table deletion_protection off',
    type: 'google_bigquery_table',
    before: { table_id: 'events', deletion_protection: true },
    after: { table_id: 'events', deletion_protection: false },
    terraform: 'deletion_protection',
    pulumi: 'deletionProtection',
    values: 'true to false',
    exposes: 'Terraform and Pulumi no longer refuse to destroy it',
  },
  {
    name: 'GCS: force_destroy on',
    type: 'google_storage_bucket',
    before: bucket(),
    after: bucket({ force_destroy: true }),
    terraform: 'force_destroy',
    pulumi: 'forceDestroy',
    values: 'false to true',
    exposes: 'deleting it also deletes every object in it',
  },
  {
    name: 'GCS: versioning off',
    type: 'google_storage_bucket',
    before: bucket(),
    after: bucket({ versioning: [{ enabled: false }] }),
    terraform: 'versioning[0].enabled',
    pulumi: 'versioning.enabled',
    values: 'true to false',
    exposes: 'an overwrite or delete loses the object',
  },
  {
    name: 'GCS: soft delete turned off (0)',
    type: 'google_storage_bucket',
    before: bucket(),
    after: bucket({ soft_delete_policy: [{ retention_duration_seconds: 0 }] }),
    terraform: 'soft_delete_policy[0].retention_duration_seconds',
    pulumi: 'softDeletePolicy.retentionDurationSeconds',
    values: '604800 to 0',
    exposes: '0 turns soft delete off',
  },
  {
    name: 'GCS: the retention policy removed',
    type: 'google_storage_bucket',
    before: bucket(),
    after: bucket({ retention_policy: [] }),
    terraform: 'retention_policy',
    pulumi: 'retentionPolicy',
    // Terraform writes a removed block as an empty list; Pulumi leaves the input out.
    values: /[\]}] to (\[\]|not set):/,
    exposes: 'objects can be deleted or overwritten at any age',
  },
  {
    name: 'GCS: the retention policy unlocked',
    type: 'google_storage_bucket',
    before: bucket(),
    after: bucket({ retention_policy: [{ is_locked: false, retention_period: 2592000 }] }),
    terraform: 'retention_policy[0].is_locked',
    pulumi: 'retentionPolicy.isLocked',
    values: 'true to false',
    exposes: 'it can be shortened or removed',
  },
  {
    name: 'GCS: a lifecycle rule that deletes added',
    type: 'google_storage_bucket',
    before: bucket(),
    after: bucket({
      lifecycle_rule: [
        ...(bucket().lifecycle_rule as Values[]),
        { action: [{ type: 'Delete' }], condition: [{ age: 365 }] },
      ],
    }),
    terraform: 'lifecycle_rule[1].action[0].type',
    pulumi: 'lifecycleRules[1].action.type',
    values: 'not set to "Delete"',
    exposes: 'a lifecycle rule now deletes the objects it matches',
  },
  {
    name: 'Filestore: deletion protection off',
    type: 'google_filestore_instance',
    before: { name: 'shared', deletion_protection_enabled: true },
    after: { name: 'shared', deletion_protection_enabled: false },
    terraform: 'deletion_protection_enabled',
    pulumi: 'deletionProtectionEnabled',
    values: 'true to false',
    exposes: 'Filestore deletion protection is off',
  },
  {
    name: 'Memorystore for Redis cluster: deletion protection off',
    type: 'google_redis_cluster',
    before: { name: 'sessions', deletion_protection_enabled: true },
    after: { name: 'sessions', deletion_protection_enabled: false },
    terraform: 'deletion_protection_enabled',
    pulumi: 'deletionProtectionEnabled',
    values: 'true to false',
    exposes: 'Memorystore deletion protection is off',
  },
  {
    name: 'Memorystore (Valkey): deletion protection off',
    type: 'google_memorystore_instance',
    before: { instance_id: 'cache', deletion_protection_enabled: true },
    after: { instance_id: 'cache', deletion_protection_enabled: false },
    terraform: 'deletion_protection_enabled',
    pulumi: 'deletionProtectionEnabled',
    values: 'true to false',
    exposes: 'Memorystore deletion protection is off',
  },
  {
    name: 'Compute: the boot disk auto-deleted',
    type: 'google_compute_instance',
    before: { name: 'app', boot_disk: [{ auto_delete: false, device_name: 'persistent-disk-0' }] },
    after: { name: 'app', boot_disk: [{ auto_delete: true, device_name: 'persistent-disk-0' }] },
    terraform: 'boot_disk[0].auto_delete',
    pulumi: 'bootDisk.autoDelete',
    values: 'false to true',
    exposes: 'deleting the instance also deletes its boot disk and the data on it',
  },
  {
    name: 'Compute: instance deletion protection off',
    type: 'google_compute_instance',
    before: { name: 'app', deletion_protection: true },
    after: { name: 'app', deletion_protection: false },
    terraform: 'deletion_protection',
    pulumi: 'deletionProtection',
    values: 'true to false',
    exposes: 'Compute Engine deletion protection is off',
  },
  {
    name: 'Project: deletion_policy PREVENT → DELETE',
    type: 'google_project',
    before: { project_id: 'orders-prod', deletion_policy: 'PREVENT' },
    after: { project_id: 'orders-prod', deletion_policy: 'DELETE' },
    terraform: 'deletion_policy',
    pulumi: 'deletionPolicy',
    values: '"PREVENT" to "DELETE"',
    exposes: 'deletes the project and every resource and all data in it',
  },
  {
    name: 'KMS: key version destruction delay shortened',
    type: 'google_kms_crypto_key',
    before: { name: 'sql', destroy_scheduled_duration: '2592000s' },
    after: { name: 'sql', destroy_scheduled_duration: '86400s' },
    terraform: 'destroy_scheduled_duration',
    pulumi: 'destroyScheduledDuration',
    values: '"2592000s" to "86400s"',
    exposes: 'data encrypted under it becomes unreadable sooner',
  },
  {
    name: 'Backup and DR: enforced minimum retention lowered',
    type: 'google_backup_dr_backup_vault',
    before: { backup_vault_id: 'v', backup_minimum_enforced_retention_duration: '8640000s' },
    after: { backup_vault_id: 'v', backup_minimum_enforced_retention_duration: '86400s' },
    terraform: 'backup_minimum_enforced_retention_duration',
    pulumi: 'backupMinimumEnforcedRetentionDuration',
    values: '"8640000s" to "86400s"',
    exposes: 'backups in the vault can be deleted sooner',
  },
  {
    name: 'Backup and DR: force_delete on',
    type: 'google_backup_dr_backup_vault',
    before: { backup_vault_id: 'v', force_delete: false },
    after: { backup_vault_id: 'v', force_delete: true },
    terraform: 'force_delete',
    pulumi: 'forceDelete',
    values: 'false to true',
    exposes: 'deleting it no longer fails',
  },
  {
    name: 'Backup and DR: force_update on',
    type: 'google_backup_dr_backup_vault',
    before: { backup_vault_id: 'v', force_update: false },
    after: { backup_vault_id: 'v', force_update: true },
    terraform: 'force_update',
    pulumi: 'forceUpdate',
    values: 'false to true',
    exposes: 'even when it conflicts with a backup plan',
  },
  {
    name: 'Any Google data store: the generic deletion_policy DELETE (a Cloud SQL database)',
    type: 'google_sql_database',
    before: { name: 'orders', instance: 'orders', deletion_policy: 'ABANDON' },
    after: { name: 'orders', instance: 'orders', deletion_policy: 'DELETE' },
    terraform: 'deletion_policy',
    pulumi: 'deletionPolicy',
    values: '"ABANDON" to "DELETE"',
    exposes: 'a destroy through Terraform or Pulumi now deletes it and its data',
  },
];

describe('a protection-lowering update of a Google data store blocks, in Terraform and in Pulumi', () => {
  test.each(LOWERED.map((c, i) => [`${i + 1}. ${c.name}`, c] as const))('%s', (_name, c) => {
    const tf = terraformGate(c.type, ['update'], c.before, c.after);
    expect(blockedOf(tf)).toEqual([`${c.type}.main`]);
    expect(tf.blocked[0].approvalAction).toBe('update');
    const tfReason = reasonsOf(tf).find((r) => r.startsWith(`\`${c.terraform}\` `));
    expect(tfReason).toMatch(c.values);
    expect(tfReason).toContain(c.exposes);

    const pu = pulumiGate(c.type, 'update', c.before, c.after);
    expect(blockedOf(pu)).toEqual([`urn:pulumi:prod::app::pulumi:pulumi:Stack$${tokenOf(c.type)}::main`]);
    const puReason = reasonsOf(pu).find((r) => r.startsWith(`\`${c.pulumi}\` `));
    expect(puReason).toMatch(c.values);
    expect(puReason).toContain(c.exposes);
  });
});

describe('raising, keeping or leaving out a Google protection passes', () => {
  const passes: ReadonlyArray<readonly [string, string, Values, Values]> = [
    [
      'Cloud SQL: every guard turned on',
      SQL,
      sql(
        { deletion_protection: false },
        sqlSettings({ deletion_protection_enabled: false, retain_backups_on_delete: false }),
      ),
      sql(),
    ],
    ['Cloud SQL: a bigger tier, guards kept', SQL, sql(), sql({}, sqlSettings({ tier: 'db-custom-4-15360' }))],
    [
      'Cloud SQL: more retained backups',
      SQL,
      sql(),
      sql({}, sqlSettings({}, { backup_retention_settings: [{ retained_backups: 30 }] })),
    ],
    [
      'deletion_policy PREVENT → ABANDON (both keep the data)',
      SQL,
      sql({ deletion_policy: 'PREVENT' }),
      sql({ deletion_policy: 'ABANDON' }),
    ],
    [
      'deletion_policy DELETE → PREVENT',
      'google_sql_database',
      { name: 'o', deletion_policy: 'DELETE' },
      { name: 'o', deletion_policy: 'PREVENT' },
    ],
    [
      'AlloyDB: DELETE (read as DEFAULT) → DEFAULT',
      'google_alloydb_cluster',
      { deletion_policy: 'DELETE' },
      { deletion_policy: 'DEFAULT' },
    ],
    [
      'Spanner: version retention "1h" → "3600s" (the same)',
      'google_spanner_database',
      { version_retention_period: '1h' },
      { version_retention_period: '3600s' },
    ],
    [
      'Firestore: protection enabled from unspecified',
      'google_firestore_database',
      { delete_protection_state: 'DELETE_PROTECTION_STATE_UNSPECIFIED' },
      { delete_protection_state: 'DELETE_PROTECTION_ENABLED' },
    ],
    [
      'GCS: soft delete lengthened',
      'google_storage_bucket',
      bucket(),
      bucket({ soft_delete_policy: [{ retention_duration_seconds: 1209600 }] }),
    ],
    [
      'GCS: a SetStorageClass rule added',
      'google_storage_bucket',
      bucket(),
      bucket({
        lifecycle_rule: [
          ...(bucket().lifecycle_rule as Values[]),
          { action: [{ type: 'SetStorageClass', storage_class: 'ARCHIVE' }], condition: [{ age: 365 }] },
        ],
      }),
    ],
    [
      'Compute: boot disk kept',
      'google_compute_instance',
      { boot_disk: [{ auto_delete: true }] },
      { boot_disk: [{ auto_delete: false }] },
    ],
    [
      'a stateless neighbour (a firewall) changing its deletion_policy',
      'google_compute_firewall',
      { name: 'f', deletion_policy: 'PREVENT' },
      { name: 'f', deletion_policy: 'DELETE' },
    ],
  ];
  test.each(passes)('%s', (_name, type, before, after) => {
    expect(blockedOf(terraformGate(type, ['update'], before, after))).toEqual([]);
    expect(blockedOf(pulumiGate(type, 'update', before, after))).toEqual([]);
  });

  test('in Pulumi, leaving out an argument the provider computes (the soft delete window) keeps the deployed value', () => {
    const after = bucket();
    delete (after as Values).soft_delete_policy;
    expect(blockedOf(pulumiGate('google_storage_bucket', 'update', bucket(), after))).toEqual([]);
  });

  test('in Pulumi, leaving out the API-level Cloud SQL guard reads as its default (off), and blocks', () => {
    const settings = sqlSettings();
    delete (settings[0] as Values).deletion_protection_enabled;
    expect(reasonsOf(pulumiGate(SQL, 'update', sql(), sql({}, settings)))).toEqual([
      '`settings.deletionProtectionEnabled` changes from true to not set: Cloud SQL deletion protection is off, so one API call, gcloud command or console click deletes it and its data.',
    ]);
  });
});

describe('a Google protection known only after apply asks (fail closed)', () => {
  test.each([
    [
      SQL,
      'settings[0].deletion_protection_enabled',
      { settings: [{ deletion_protection_enabled: true }] },
      'settings.deletionProtectionEnabled',
      sql({}, sqlSettings({ deletion_protection_enabled: PULUMI_UNKNOWN })),
    ],
    [
      'google_storage_bucket',
      'versioning[0].enabled',
      { versioning: [{ enabled: true }] },
      'versioning.enabled',
      bucket({ versioning: [{ enabled: PULUMI_UNKNOWN }] }),
    ],
    [
      'google_firestore_database',
      'deletion_policy',
      { deletion_policy: true },
      'deletionPolicy',
      { deletion_policy: PULUMI_UNKNOWN },
    ],
  ] as const)('%s `%s`', (type, tfPath, afterUnknown, puPath, puAfter) => {
    const before = type === SQL ? sql() : type === 'google_storage_bucket' ? bucket() : { deletion_policy: 'ABANDON' };
    const tf = terraformGate(
      type,
      ['update'],
      before,
      { ...before, ...nullAt(afterUnknown) },
      {
        change: { after_unknown: afterUnknown },
      },
    );
    expect(reasonsOf(tf).find((r) => r.startsWith(`\`${tfPath}\``))).toMatch(
      /changes from .* to \(known after apply\), which is known only when it is applied; it cannot be proven that .* is kept\.$/,
    );
    const pu = pulumiGate(type, 'update', before, puAfter as Values);
    expect(reasonsOf(pu).find((r) => r.startsWith(`\`${puPath}\``))).toMatch(
      /to \(known after update\), which is known only/,
    );
  });
});

/** The after values with null where `after_unknown` marks them (as Terraform writes them). */
function nullAt(unknown: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(unknown)) {
    out[k] = v === true ? null : Array.isArray(v) ? v.map((x) => nullAt(x as Values)) : nullAt(v as Values);
  }
  return out;
}

describe('deletes and replacements of Google data stores', () => {
  test('a delete and a replacement of each kind of data store block; a stateless neighbour passes', () => {
    for (const [type, before] of [
      [SQL, sql()],
      ['google_storage_bucket', bucket()],
      ['google_alloydb_cluster', { cluster_id: 'orders', deletion_policy: 'DEFAULT' }],
      ['google_spanner_database', { name: 'ledger' }],
      ['google_bigquery_dataset', { dataset_id: 'analytics' }],
      ['google_compute_disk', { name: 'data' }],
      ['google_kms_crypto_key', { name: 'sql' }],
      ['google_project', { project_id: 'orders-prod', deletion_policy: 'DELETE' }],
    ] as const) {
      expect({ type, blocked: blockedOf(terraformGate(type, ['delete'], before, null)) }).toEqual({
        type,
        blocked: [`${type}.main`],
      });
      expect({ type, blocked: blockedOf(terraformGate(type, ['delete', 'create'], before, before)) }).toEqual({
        type,
        blocked: [`${type}.main`],
      });
      expect({ type, blocked: pulumiGate(type, 'delete', before).blocked.length }).toEqual({ type, blocked: 1 });
    }
    expect(blockedOf(terraformGate('google_compute_firewall', ['delete'], { name: 'f' }, null))).toEqual([]);
  });

  test('deletion_policy ABANDON: the delete is let through, "abandoned, not deleted"', () => {
    const tf = terraformGate(SQL, ['delete'], sql({ deletion_policy: 'ABANDON' }), null);
    expect(blockedOf(tf)).toEqual([]);
    expect(tf.allowed[0].note).toBe(
      'Abandoned, not deleted (`deletion_policy = "ABANDON"`): Terraform removes it from its state and leaves the resource and its data in place.',
    );
    const pu = pulumiGate(SQL, 'delete', sql({ deletion_policy: 'ABANDON' }));
    expect(pu.allowed[0].note).toBe(
      'Abandoned, not deleted (`deletionPolicy: "ABANDON"`): Pulumi removes it from its state and leaves the resource and its data in place.',
    );
  });

  test("Firestore's default deletion_policy is ABANDON: a delete without one is abandoned; DELETE blocks", () => {
    const tf = terraformGate('google_firestore_database', ['delete'], { name: '(default)' }, null);
    expect(tf.allowed[0].note).toBe(
      'Abandoned, not deleted (`deletion_policy` not set: google_firestore_database defaults to "ABANDON"): Terraform removes it from its state and leaves the resource and its data in place.',
    );
    const del = terraformGate(
      'google_firestore_database',
      ['delete'],
      { name: 'audit', deletion_policy: 'DELETE' },
      null,
    );
    expect(blockedOf(del)).toEqual(['google_firestore_database.main']);
  });

  test('deletion_policy PREVENT or DELETE, or a value the gate cannot read, still blocks the delete', () => {
    for (const policy of ['PREVENT', 'DELETE', 'abandon-ish', 42]) {
      expect(blockedOf(terraformGate(SQL, ['delete'], sql({ deletion_policy: policy }), null))).toEqual([
        `${SQL}.main`,
      ]);
    }
  });

  test('a replacement under ABANDON still blocks (a new, empty one takes its place), and says the old one stays', () => {
    const tf = terraformGate(
      SQL,
      ['delete', 'create'],
      sql({ deletion_policy: 'ABANDON' }),
      sql({ deletion_policy: 'ABANDON' }),
      {
        change: { replace_paths: [['database_version']] },
      },
    );
    expect(tf.blocked[0].reasons[0]).toBe(
      'Terraform creates a new, empty one in its place and leaves the old one and its data unmanaged (abandoned, not deleted: `deletion_policy = "ABANDON"`) (changing `database_version` forces replacement).',
    );
  });

  test('a replacement that also lowers a protection lists the lowering', () => {
    const tf = terraformGate(
      'google_kms_crypto_key',
      ['delete', 'create'],
      { destroy_scheduled_duration: '2592000s' },
      { destroy_scheduled_duration: '86400s' },
    );
    expect(tf.blocked[0].reasons).toEqual([
      'Terraform destroys it and the data in it, then creates a new, empty one.',
      '`destroy_scheduled_duration` changes from "2592000s" to "86400s": a key version scheduled for destruction is destroyed sooner, and data encrypted under it becomes unreadable sooner.',
    ]);
  });
});

describe('fixtures in `terraform show -json` and `pulumi preview --json` form', () => {
  test('terraform-google-protection: every lowered guard blocks; a tier change and a label change pass', () => {
    const report = runGate(planOf('terraform-google-protection'));
    expect(blockedOf(report)).toEqual([
      'module.pg.google_sql_database_instance.default',
      'google_sql_database_instance.reporting',
      'google_sql_database_instance.ledger',
      'google_storage_bucket.invoices',
      'google_alloydb_cluster.orders',
      'google_spanner_database.ledger',
      'google_spanner_instance.ledger',
      'google_firestore_database.default',
      'google_bigtable_instance.events',
      'google_bigtable_table.clicks',
      'google_bigquery_dataset.analytics',
      'google_bigquery_table.events',
      'google_filestore_instance.shared',
      'google_redis_cluster.sessions',
      'google_memorystore_instance.cache',
      'google_compute_instance.app',
      'google_project.orders',
      'google_backup_dr_backup_vault.orders',
      'google_kms_crypto_key.sql',
    ]);
    expect(report.allowed.map((d) => d.change.address)).toEqual([
      'google_sql_database_instance.catalog',
      'google_storage_bucket.logs',
    ]);
    const pg = report.blocked[0];
    expect(pg.change.stack).toBe('module.pg');
    expect(pg.lowerings.map((l) => [l.property, l.before, l.after])).toEqual([
      ['deletion_protection', true, false],
      ['settings[0].deletion_protection_enabled', true, false],
      ['settings[0].retain_backups_on_delete', true, false],
      ['settings[0].backup_configuration[0].point_in_time_recovery_enabled', true, false],
      ['settings[0].backup_configuration[0].backup_retention_settings[0].retained_backups', 14, 3],
    ]);
    const byAddress = Object.fromEntries(report.blocked.map((b) => [b.change.address, b.reasons.join(' ')]));
    expect(byAddress['google_sql_database_instance.ledger']).toBe(
      '`settings[0].deletion_protection_enabled` changes from true to (known after apply), which is known only when it is applied; it cannot be proven that Cloud SQL deletion protection is kept.',
    );
    expect(byAddress['google_storage_bucket.invoices']).toContain(
      '`lifecycle_rule[1].action[0].type` changes from not set to "Delete": a lifecycle rule now deletes the objects it matches.',
    );
    expect(byAddress['google_kms_crypto_key.sql']).toMatch(
      /^Terraform destroys it and the data in it, then creates a new, empty one/,
    );
  });

  test('terraform-google-destroy: data stores deleted or replaced block; abandoned ones and stateless neighbours pass', () => {
    const report = runGate(planOf('terraform-google-destroy'));
    expect(blockedOf(report)).toEqual([
      'module.pg.google_sql_database_instance.default',
      'google_storage_bucket.invoices',
      'google_compute_disk.data[0]',
      'google_firestore_database.audit',
      'google_sql_database_instance.reporting',
      'google_bigquery_dataset.analytics',
      'google_kms_crypto_key.sql',
    ]);
    expect(report.blocked[0].reasons).toEqual(['Terraform destroys it and the data in it (its module is gone).']);
    expect(report.blocked[1].reasons).toEqual([
      'Terraform destroys it and the data in it, then creates a new, empty one (a changed argument cannot be updated in place; changing `location` forces replacement).',
    ]);
    const notes = Object.fromEntries(report.allowed.map((d) => [d.change.address, d.note]));
    expect(notes).toEqual({
      'module.pg.google_sql_user.default': undefined,
      'google_firestore_database.default':
        'Abandoned, not deleted (`deletion_policy = "ABANDON"`): Terraform removes it from its state and leaves the resource and its data in place.',
      'google_spanner_database.tenant["acme"]':
        'Abandoned, not deleted (`deletion_policy = "ABANDON"`): Terraform removes it from its state and leaves the resource and its data in place.',
      'google_compute_firewall.allow_sql': undefined,
      'google_alloydb_instance.primary': undefined,
    });
  });

  test('pulumi-preview-google: Cloud SQL and GCS lowerings, a delete and a replacement block; ABANDON and retainOnDelete pass', () => {
    const report = runGate(planOf('pulumi-preview-google'));
    const urn = (t: string, n: string) => `urn:pulumi:prod::orders::pulumi:pulumi:Stack$${t}::${n}`;
    const SQLT = 'gcp:sql/databaseInstance:DatabaseInstance';
    expect(blockedOf(report)).toEqual([
      urn(SQLT, 'orders-db'),
      urn(SQLT, 'ledger-db'),
      urn('gcp:storage/bucket:Bucket', 'invoices'),
      urn(SQLT, 'reporting-db'),
      urn('gcp:storage/bucket:Bucket', 'exports'),
    ]);
    expect(report.blocked[0].lowerings.map((l) => l.property)).toEqual([
      'deletionProtection',
      'settings.deletionProtectionEnabled',
      'settings.retainBackupsOnDelete',
      'settings.backupConfiguration.pointInTimeRecoveryEnabled',
    ]);
    expect(report.blocked[2].reasons).toEqual([
      '`forceDestroy` changes from false to true: deleting it also deletes every object in it.',
      '`versioning.enabled` changes from true to false: versioning is off, so an overwrite or delete loses the object.',
      '`softDeletePolicy.retentionDurationSeconds` changes from 604800 to 0: deleted objects can be restored for less time (0 turns soft delete off).',
      '`lifecycleRules[1].action.type` changes from not set to "Delete": a lifecycle rule now deletes the objects it matches.',
    ]);
    expect(report.blocked[3].reasons).toEqual(['Pulumi deletes it and the data in it.']);
    const notes = Object.fromEntries(report.allowed.map((d) => [d.change.address, d.note]));
    expect(notes[urn('gcp:firestore/database:Database', 'default-db')]).toBe(
      'Abandoned, not deleted (`deletionPolicy: "ABANDON"`): Pulumi removes it from its state and leaves the resource and its data in place.',
    );
    expect(notes[urn(SQLT, 'archive-db')]).toBe(
      'Removed from the stack but kept (`retainOnDelete: true`): the resource and its data stay.',
    );
  });
});

describe('Backup and DR and project liens: what keeps backups coming and projects in place', () => {
  const PLAN = 'google_backup_dr_backup_plan';
  const ASSOCIATION = 'google_backup_dr_backup_plan_association';
  const plan = (days = 35) => ({
    backup_plan_id: 'daily',
    backup_vault: 'projects/backup-prod/locations/europe-west1/backupVaults/central',
    backup_rules: [
      { rule_id: 'daily', backup_retention_days: days, standard_schedule: [{ recurrence_type: 'DAILY' }] },
    ],
  });
  /** The plan as `@pulumi/gcp` inputs: `backupRules` stays a list (a repeated block). */
  const pulumiPlan = (days = 35) => ({
    backupPlanId: 'daily',
    backupVault: 'projects/backup-prod/locations/europe-west1/backupVaults/central',
    backupRules: [{ ruleId: 'daily', backupRetentionDays: days, standardSchedule: { recurrenceType: 'DAILY' } }],
  });
  const association = {
    backup_plan_association_id: 'orders',
    resource: 'projects/orders-prod/instances/orders',
    resource_type: 'sqladmin.googleapis.com/Instance',
    backup_plan: 'projects/backup-prod/locations/europe-west1/backupPlans/daily',
  };
  const lien = { parent: 'projects/orders-prod', restrictions: ['resourcemanager.projects.delete'], origin: 'o' };

  test('deleting a vault deletes its backups: blocked like any data store, in Terraform and Pulumi', () => {
    const before = { backup_vault_id: 'central', backup_minimum_enforced_retention_duration: '2592000s' };
    const tf = terraformGate('google_backup_dr_backup_vault', ['delete'], before, null);
    expect(tf.blocked.map((b) => [b.change.address, b.approvalAction, b.data])).toEqual([
      ['google_backup_dr_backup_vault.main', 'delete', 'stateful'],
    ]);
    expect(tf.blocked[0].reasons).toEqual(['Terraform destroys it and the data in it.']);
    expect(pulumiGate('google_backup_dr_backup_vault', 'delete', before).blocked.length).toBe(1);
  });

  test.each([
    [
      'a backup plan',
      PLAN,
      plan(),
      '`backup_plan_id` changes from "daily" to not set: ',
      'the backup plan and its schedule are gone, so no further backups are taken of the resources it protects',
    ],
    [
      'a plan association',
      ASSOCIATION,
      association,
      '`backup_plan` changes from "projects/backup-prod/locations/',
      'the resource is no longer enrolled in a backup plan, so no further backups of it are taken in the vault',
    ],
    [
      'a lien against project deletion',
      'google_resource_manager_lien',
      lien,
      '`parent` changes from "projects/orders-prod" to not set: ',
      'the lien is removed, so `gcloud projects delete`, the console or the API can delete the project',
    ],
  ] as const)('deleting %s stops a protection: blocked as a delete of a part', (_name, type, before, starts, says) => {
    const tf = terraformGate(type, ['delete'], before as Values, null);
    expect(tf.blocked.map((b) => [b.change.address, b.approvalAction, b.data])).toEqual([
      [`${type}.main`, 'delete', 'part'],
    ]);
    expect(tf.blocked[0].reasons).toHaveLength(1);
    expect(tf.blocked[0].reasons[0].startsWith(starts)).toBe(true);
    expect(tf.blocked[0].reasons[0]).toContain(says);
    const pu = pulumiGate(
      type,
      'delete',
      type === PLAN ? {} : (before as Values),
      undefined,
      type === PLAN ? { inputs: pulumiPlan() } : {},
    );
    expect(pu.blocked.map((b) => b.approvalAction)).toEqual(['delete']);
    expect(pu.blocked[0].reasons[0]).toContain(says);
  });

  test('a plan keeping backups for fewer days blocks the update; more days, or a new association, pass', () => {
    const tf = terraformGate(PLAN, ['update'], plan(35), plan(3));
    expect(reasonsOf(tf)).toEqual([
      '`backup_rules[0].backup_retention_days` changes from 35 to 3: new backups are kept for fewer days, so a loss noticed later cannot be restored.',
    ]);
    const pu = gateOf(
      pulumiPreview([
        pulumiStep('update', tokenOf(PLAN), 'main', { inputs: pulumiPlan(35) }, { inputs: pulumiPlan(3) }),
      ]),
    );
    // The gate shows a Pulumi path without its `[0]`, as it does for a one-element block.
    expect(reasonsOf(pu)).toEqual([
      '`backupRules.backupRetentionDays` changes from 35 to 3: new backups are kept for fewer days, so a loss noticed later cannot be restored.',
    ]);
    expect(blockedOf(terraformGate(PLAN, ['update'], plan(7), plan(35)))).toEqual([]);
    expect(blockedOf(terraformGate(ASSOCIATION, ['create'], null as unknown as Values, association))).toEqual([]);
  });

  test('an association moved to another plan (replaced) keeps the resource enrolled: it passes', () => {
    const moved = { ...association, backup_plan: 'projects/backup-prod/locations/europe-west1/backupPlans/hourly' };
    expect(blockedOf(terraformGate(ASSOCIATION, ['delete', 'create'], association, moved))).toEqual([]);
  });
});

describe('the Google protection table', () => {
  test('every type it lists is a Google type the provider type table names, with a Pulumi twin', () => {
    for (const store of GOOGLE_STORES) {
      const row = providerDataRow(store.terraform);
      expect({ type: store.terraform, row: row?.terraform, pulumi: row?.pulumi.length }).toEqual({
        type: store.terraform,
        row: store.terraform,
        pulumi: 1,
      });
      expect(googleTerraformType(row!.pulumi[0])).toBe(store.terraform);
    }
  });

  test('the generic deletion_policy is added to data stores only, once', () => {
    const policies = (t: string) => (googleSettingsOf(t) ?? []).filter((s) => s.terraform?.includes('deletion_policy'));
    expect(policies('google_sql_database').map((s) => s.absent)).toEqual(['DELETE']);
    expect(policies('google_firestore_database').map((s) => s.absent)).toEqual(['ABANDON']);
    expect(policies('google_project').map((s) => s.absent)).toEqual(['PREVENT']);
    expect(policies('google_alloydb_cluster').map((s) => s.absent)).toEqual(['DEFAULT']);
    expect(googleSettingsOf('google_compute_firewall')).toBeUndefined();
    expect(policies('google_compute_instance')).toEqual([]);
  });

  test('durations are read as Google writes them', () => {
    expect(['86400s', '3.5s', '1d', '24h', '1440m', 7200, '0'].map(durationSeconds)).toEqual([
      86400, 3.5, 86400, 86400, 86400, 7200, 0,
    ]);
    expect(['1w', 'soon', '', null, '-5s'].map(durationSeconds)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
