import type { ProtectiveSetting } from '../setting';

/**
 * Google Cloud: the settings that keep each data store's data, by Terraform
 * type (`google`/`google-beta`; `@pulumi/gcp` is bridged from it, so its inputs
 * are the same names in camelCase, with single nested blocks as objects). Which
 * Google types hold data is the provider type table's answer
 * (`provider-types.ts`); this is what protects them. Paths are Terraform's:
 * a nested block is a list (`settings[0].backup_configuration[0].enabled`),
 * a repeated block `[*]` (`lifecycle_rule[*]`).
 *
 * Two kinds of guard live side by side (the provider's own deletion-behaviour
 * guidance): guards the cloud enforces (Cloud SQL `settings.deletion_protection_enabled`,
 * Spanner `enable_drop_protection`, Firestore `delete_protection_state`,
 * Bigtable table `deletion_protection`, Filestore and Memorystore
 * `deletion_protection_enabled`), which stop every caller; and guards only
 * Terraform and Pulumi enforce (`deletion_protection` on Cloud SQL, Spanner
 * databases, Bigtable instances, BigQuery tables, AlloyDB clusters and Redis
 * instances, and the generic `deletion_policy`), which stop a destroy through
 * the provider and nothing else. Turning either off is how a destroy is
 * prepared, so the gate blocks both.
 * @see https://googlecloudplatform.github.io/magic-modules/best-practices/deletion-behaviors/
 * @see https://googlecloudplatform.github.io/magic-modules/best-practices/deletion-policy/
 */

/** The words of the generic `deletion_policy`: PREVENT refuses a destroy, ABANDON leaves the resource in place. */
const DELETION_POLICY_WORDS: Readonly<Record<string, number>> = { PREVENT: 1, ABANDON: 1, DELETE: 0 };

/**
 * The `deletion_policy` recent providers add to nearly every resource:
 * `PREVENT` fails a destroy, `ABANDON` removes the resource from state and
 * leaves it (and its data) in place, `DELETE` (the default) deletes it. The
 * provider reads the value in state when it destroys, so lowering it is the
 * step before a destroy.
 * @see https://googlecloudplatform.github.io/magic-modules/best-practices/deletion-policy/
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#deletion_policy
 */
export function googleDeletionPolicy(absent: 'DELETE' | 'ABANDON' | 'PREVENT' = 'DELETE'): ProtectiveSetting {
  return {
    label: 'the deletion policy',
    lowered:
      'a destroy through Terraform or Pulumi now deletes it and its data (PREVENT refused the destroy; ABANDON left the resource and its data in place)',
    kind: 'on-off',
    terraform: ['deletion_policy'],
    words: DELETION_POLICY_WORDS,
    absent,
  };
}

/** The generic `deletion_policy` with its default `DELETE`, for every Google type that holds data. */
export const GOOGLE_DELETION_POLICY: ProtectiveSetting = googleDeletionPolicy();

/** A guard only the provider enforces (`deletion_protection`), defaulting to on. */
function providerGuard(tf = 'deletion_protection', absent: unknown = true): ProtectiveSetting {
  return {
    label: 'the provider deletion guard',
    lowered:
      'Terraform and Pulumi no longer refuse to destroy it; this guard only ever stopped the provider (never gcloud, the console or the API), and turning it off is how a destroy is prepared',
    kind: 'on-off',
    terraform: [tf],
    absent,
  };
}

/** A deletion protection the service itself enforces. */
function cloudGuard(tf: string, service: string, absent: unknown, words?: Record<string, number>): ProtectiveSetting {
  return {
    label: `${service} deletion protection`,
    lowered: `${service} deletion protection is off, so one API call, gcloud command or console click deletes it and its data`,
    kind: 'on-off',
    terraform: [tf],
    absent,
    ...(words ? { words } : {}),
  };
}

function offOn(tf: string, label: string, lowered: string, absent: unknown = false): ProtectiveSetting {
  return { label, lowered, kind: 'off-on', terraform: [tf], absent };
}

function onOff(tf: string, label: string, lowered: string, absent?: unknown, computed?: boolean): ProtectiveSetting {
  return {
    label,
    lowered,
    kind: 'on-off',
    terraform: [tf],
    ...(absent !== undefined ? { absent } : {}),
    ...(computed ? { computed } : {}),
  };
}

function decrease(
  tf: string,
  label: string,
  lowered: string,
  options: { absent?: unknown; computed?: boolean; duration?: boolean } = {},
): ProtectiveSetting {
  return { label, lowered, kind: 'decrease', terraform: [tf], ...options };
}

/** One Google data store (or a type whose settings protect data held elsewhere) and its settings. */
export interface GoogleStoreSettings {
  /** The Terraform type; the Pulumi token is the provider type table's. */
  readonly terraform: string;
  readonly settings: readonly ProtectiveSetting[];
  /**
   * Set when the settings list their own `deletion_policy` (a default other than
   * DELETE, or values of its own such as AlloyDB's FORCE): the generic one is not added.
   */
  readonly ownDeletionPolicy?: boolean;
}

const SQL_BACKUP = 'settings[0].backup_configuration[0]';

export const GOOGLE_STORES: readonly GoogleStoreSettings[] = [
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance
  // https://cloud.google.com/sql/docs/postgres/deletion-protection
  // https://cloud.google.com/sql/docs/postgres/backup-recovery/backups (seven automated backups kept by default)
  // https://cloud.google.com/sql/docs/postgres/backup-recovery/retained-backups (retain_backups_on_delete)
  {
    terraform: 'google_sql_database_instance',
    settings: [
      providerGuard(),
      cloudGuard('settings[0].deletion_protection_enabled', 'Cloud SQL', false),
      onOff(
        'settings[0].retain_backups_on_delete',
        'backups kept after the instance is deleted',
        'its backups are deleted with the instance',
        false,
      ),
      onOff(`${SQL_BACKUP}.enabled`, 'automated backups', 'automated backups are off', false),
      onOff(
        `${SQL_BACKUP}.point_in_time_recovery_enabled`,
        'point-in-time recovery',
        'point-in-time recovery is off (PostgreSQL, SQL Server), so it can be restored only to a backup',
        false,
      ),
      onOff(
        `${SQL_BACKUP}.binary_log_enabled`,
        'binary logging',
        'binary logging is off (MySQL), so point-in-time recovery is off and it can be restored only to a backup',
        false,
      ),
      decrease(
        `${SQL_BACKUP}.backup_retention_settings[0].retained_backups`,
        'the number of automated backups kept',
        'fewer automated backups are kept, so older restore points are deleted',
        { absent: 7 },
      ),
      decrease(
        `${SQL_BACKUP}.transaction_log_retention_days`,
        'transaction log retention',
        'transaction logs are kept for fewer days, so point-in-time recovery reaches less far back',
        { computed: true },
      ),
      onOff(
        'settings[0].final_backup_config[0].enabled',
        'a final backup on delete',
        'no final backup is taken when the instance is deleted',
        false,
      ),
      decrease(
        'settings[0].final_backup_config[0].retention_days',
        'final backup retention',
        'the final backup taken on delete is kept for fewer days',
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/alloydb_cluster
  // https://cloud.google.com/alloydb/docs/backup/overview
  {
    terraform: 'google_alloydb_cluster',
    ownDeletionPolicy: true,
    settings: [
      providerGuard(),
      {
        // DEFAULT (and DELETE, read as DEFAULT) refuses to delete a cluster that still has instances; FORCE deletes
        // the cluster with them. PREVENT and ABANDON keep it from a destroy altogether.
        label: 'the deletion policy',
        lowered:
          'deleting the cluster no longer fails while it has instances: FORCE deletes the cluster, its instances and its data in one call',
        kind: 'on-off',
        terraform: ['deletion_policy'],
        words: { PREVENT: 2, ABANDON: 2, DEFAULT: 1, DELETE: 1, FORCE: 0 },
        absent: 'DEFAULT',
      },
      onOff(
        'continuous_backup_config[0].enabled',
        'continuous backup',
        'continuous backup is off, so point-in-time recovery is off',
        true,
      ),
      decrease(
        'continuous_backup_config[0].recovery_window_days',
        'the point-in-time recovery window',
        'point-in-time recovery reaches fewer days back',
        { absent: 14 },
      ),
      onOff('automated_backup_policy[0].enabled', 'automated backups', 'automated backups are off', undefined, true),
      decrease(
        'automated_backup_policy[0].quantity_based_retention[0].count',
        'the number of automated backups kept',
        'fewer automated backups are kept',
      ),
      decrease(
        'automated_backup_policy[0].time_based_retention[0].retention_period',
        'automated backup retention',
        'automated backups are kept for less time',
        { duration: true },
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/spanner_database
  // https://cloud.google.com/spanner/docs/prevent-database-deletion
  // https://cloud.google.com/spanner/docs/pitr (version_retention_period: 1 hour by default, at most 7 days)
  {
    terraform: 'google_spanner_database',
    settings: [
      {
        label: 'Spanner drop protection',
        lowered:
          'drop protection is off, so one API call, gcloud command or console click drops the database, and its instance can be deleted with it',
        kind: 'on-off',
        terraform: ['enable_drop_protection'],
        absent: false,
      },
      providerGuard(),
      decrease(
        'version_retention_period',
        'the version retention period',
        'earlier versions of the data are kept for less time, so point-in-time recovery reaches less far back',
        { absent: '1h', computed: true, duration: true },
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/spanner_instance#force_destroy
  {
    terraform: 'google_spanner_instance',
    settings: [
      offOn(
        'force_destroy',
        'refusing to delete an instance that has backups',
        'deleting it also deletes every backup of its databases',
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/firestore_database
  // https://cloud.google.com/firestore/docs/backups and https://cloud.google.com/firestore/docs/pitr
  {
    terraform: 'google_firestore_database',
    ownDeletionPolicy: true,
    settings: [
      cloudGuard('delete_protection_state', 'Firestore', 'DELETE_PROTECTION_STATE_UNSPECIFIED', {
        DELETE_PROTECTION_ENABLED: 1,
        DELETE_PROTECTION_DISABLED: 0,
        // Documented as currently equivalent to DISABLED.
        DELETE_PROTECTION_STATE_UNSPECIFIED: 0,
      }),
      {
        label: 'point-in-time recovery',
        lowered: 'point-in-time recovery is off, so only the last hour of versions can be read back',
        kind: 'on-off',
        terraform: ['point_in_time_recovery_enablement'],
        words: { POINT_IN_TIME_RECOVERY_ENABLED: 1, POINT_IN_TIME_RECOVERY_DISABLED: 0 },
        absent: 'POINT_IN_TIME_RECOVERY_DISABLED',
      },
      // Firestore databases default to ABANDON: a destroy leaves the database in place.
      googleDeletionPolicy('ABANDON'),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigtable_instance
  {
    terraform: 'google_bigtable_instance',
    settings: [
      providerGuard(),
      offOn(
        'force_destroy',
        'refusing to delete an instance that has backups',
        'deleting it first deletes every backup in it',
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigtable_table
  // https://cloud.google.com/bigtable/docs/managing-tables#protect
  {
    terraform: 'google_bigtable_table',
    settings: [
      {
        label: 'Bigtable deletion protection',
        lowered:
          'deletion protection is off, so the table, its column families and its instance can be deleted by any caller',
        kind: 'on-off',
        terraform: ['deletion_protection'],
        words: { PROTECTED: 1, UNPROTECTED: 0 },
        absent: 'UNPROTECTED',
      },
      // "0" turns automated backup off; omitting the block on an existing table keeps the deployed policy.
      decrease(
        'automated_backup_policy[0].retention_period',
        'automated backup retention',
        'automated backups are kept for less time ("0" turns them off)',
        { absent: 0, computed: true, duration: true },
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset
  // https://cloud.google.com/bigquery/docs/time-travel (a 168-hour window by default, at least 48)
  {
    terraform: 'google_bigquery_dataset',
    settings: [
      offOn(
        'delete_contents_on_destroy',
        'refusing to destroy a dataset that has tables',
        'destroying it also deletes every table in it',
      ),
      decrease(
        'max_time_travel_hours',
        'the time travel window',
        'deleted or overwritten table data can be recovered for fewer hours',
        { absent: 168, computed: true },
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_table#deletion_protection
  { terraform: 'google_bigquery_table', settings: [providerGuard()] },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket
  // https://cloud.google.com/storage/docs/soft-delete (7 days by default; 0 turns it off)
  // https://cloud.google.com/storage/docs/bucket-lock
  {
    terraform: 'google_storage_bucket',
    settings: [
      offOn(
        'force_destroy',
        'refusing to delete a bucket that has objects',
        'deleting it also deletes every object in it',
      ),
      onOff(
        'versioning[0].enabled',
        'object versioning',
        'versioning is off, so an overwrite or delete loses the object',
        false,
      ),
      decrease(
        'soft_delete_policy[0].retention_duration_seconds',
        'the soft delete window',
        'deleted objects can be restored for less time (0 turns soft delete off)',
        { absent: 604800, computed: true },
      ),
      {
        label: 'a retention policy',
        lowered: 'the retention policy is removed, so objects can be deleted or overwritten at any age',
        kind: 'presence',
        terraform: ['retention_policy'],
      },
      decrease(
        'retention_policy[0].retention_period',
        'the retention period',
        'objects can be deleted or overwritten sooner',
        { absent: 0 },
      ),
      onOff(
        'retention_policy[0].is_locked',
        'the retention policy lock',
        'the retention policy is not locked, so it can be shortened or removed',
        false,
      ),
      {
        // A rule added with a Delete action, or a rule's action turned to Delete. "NONE" stands for no rule.
        label: 'lifecycle rules that delete nothing',
        lowered: 'a lifecycle rule now deletes the objects it matches',
        kind: 'on-off',
        terraform: ['lifecycle_rule[*].action[0].type'],
        words: { NONE: 1, SETSTORAGECLASS: 1, ABORTINCOMPLETEMULTIPARTUPLOAD: 1, DELETE: 0 },
        absent: 'NONE',
      },
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/filestore_instance#deletion_protection_enabled
  {
    terraform: 'google_filestore_instance',
    settings: [cloudGuard('deletion_protection_enabled', 'Filestore', false)],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_instance#deletion_protection
  { terraform: 'google_redis_instance', settings: [providerGuard()] },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/redis_cluster#deletion_protection_enabled
  {
    terraform: 'google_redis_cluster',
    settings: [cloudGuard('deletion_protection_enabled', 'Memorystore', true)],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/memorystore_instance#deletion_protection_enabled
  {
    terraform: 'google_memorystore_instance',
    settings: [{ ...cloudGuard('deletion_protection_enabled', 'Memorystore', undefined), computed: true }],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance
  {
    terraform: 'google_compute_instance',
    settings: [
      {
        label: 'keeping the boot disk when the instance is deleted',
        lowered: 'deleting the instance also deletes its boot disk and the data on it',
        kind: 'off-on',
        terraform: ['boot_disk[0].auto_delete'],
        absent: true,
      },
      cloudGuard('deletion_protection', 'Compute Engine', false),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project#deletion_policy
  {
    terraform: 'google_project',
    ownDeletionPolicy: true,
    settings: [
      {
        ...googleDeletionPolicy('PREVENT'),
        lowered:
          'a destroy through Terraform or Pulumi now deletes the project and every resource and all data in it (PREVENT refused it; ABANDON left the project in place)',
      },
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#destroy_scheduled_duration
  {
    terraform: 'google_kms_crypto_key',
    settings: [
      decrease(
        'destroy_scheduled_duration',
        'the key version destruction delay',
        'a key version scheduled for destruction is destroyed sooner, and data encrypted under it becomes unreadable sooner',
        { absent: '2592000s', computed: true, duration: true },
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_vault
  // https://cloud.google.com/backup-disaster-recovery/docs/concepts/backup-vault
  {
    terraform: 'google_backup_dr_backup_vault',
    settings: [
      decrease(
        'backup_minimum_enforced_retention_duration',
        'the enforced minimum retention',
        'backups in the vault can be deleted sooner',
        { duration: true },
      ),
      offOn(
        'force_delete',
        'refusing to delete a vault that has data sources or is used by a backup plan',
        'deleting it no longer fails while it holds data sources or a backup plan uses it',
      ),
      offOn(
        'ignore_inactive_datasources',
        'refusing to delete a vault that has data sources',
        'deleting it no longer fails while it holds data sources',
      ),
      offOn(
        'ignore_backup_plan_references',
        'refusing to delete a vault a backup plan uses',
        'deleting it no longer fails while a backup plan uses it',
      ),
      offOn(
        'force_update',
        'refusing a retention change that conflicts with a backup plan',
        "the vault's enforced retention can be changed even when it conflicts with a backup plan",
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan
  // A plan holds no backups (the vault does), but deleting it stops every future backup of every resource
  // associated with it; a shorter `backup_retention_days` deletes new backups sooner.
  {
    terraform: 'google_backup_dr_backup_plan',
    settings: [
      {
        // Present while the plan exists (it is required, and changing it replaces the plan).
        label: 'a backup plan',
        lowered:
          'the backup plan and its schedule are gone, so no further backups are taken of the resources it protects',
        kind: 'presence',
        terraform: ['backup_plan_id'],
      },
      decrease(
        'backup_rules[*].backup_retention_days',
        'backup retention',
        'new backups are kept for fewer days, so a loss noticed later cannot be restored',
      ),
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_plan_association
  // Deleting the association stops backing the resource up; the backups already taken stay in the vault.
  {
    terraform: 'google_backup_dr_backup_plan_association',
    settings: [
      {
        label: 'the resource enrolled in a backup plan',
        lowered:
          'the resource is no longer enrolled in a backup plan, so no further backups of it are taken in the vault',
        kind: 'presence',
        terraform: ['backup_plan'],
      },
    ],
  },
  // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/resource_manager_lien
  // https://cloud.google.com/resource-manager/docs/project-liens
  {
    terraform: 'google_resource_manager_lien',
    settings: [
      {
        label: 'a lien restricting the project delete',
        lowered:
          'the lien is removed, so `gcloud projects delete`, the console or the API can delete the project and every resource and all data in it',
        kind: 'presence',
        terraform: ['parent'],
      },
    ],
  },
];

/** The table's entry for a Google Terraform type, or undefined. */
export function googleStoreOf(terraform: string): GoogleStoreSettings | undefined {
  return GOOGLE_BY_TYPE.get(terraform);
}

const GOOGLE_BY_TYPE: ReadonlyMap<string, GoogleStoreSettings> = (() => {
  const m = new Map<string, GoogleStoreSettings>();
  for (const store of GOOGLE_STORES) {
    if (m.has(store.terraform)) throw new Error(`The Google protection table has two entries for ${store.terraform}.`);
    m.set(store.terraform, store);
  }
  return m;
})();
