/**
 * The least a backup must do, shared by the catalogue's backup plan rules and
 * the safe constructs and components of `@deadbolt/cdk` and `@deadbolt/pulumi`,
 * so that a construct refuses at construction exactly what a check would report
 * afterwards, in both front ends.
 */

/**
 * The shortest time, in days, a recovery point is kept: the default of
 * `minimumBackupRetentionDays`, and the least `retention` an
 * `IsolatedBackupVault` accepts. A loss is often noticed days after it
 * happened; a recovery point deleted sooner cannot restore it.
 */
export const MINIMUM_BACKUP_RETENTION_DAYS = 7;

/**
 * The shortest time, in days, a copy in another vault is kept
 * (`Lifecycle.DeleteAfterDays` of a copy action), and the least minimum
 * retention of a `BackupAccountVault`'s lock. A logically air-gapped vault
 * accepts no `MinRetentionDays` below 7, and a locked vault fails every copy
 * job whose retention is shorter than its minimum: a shorter copy is refused by
 * the destinations built to keep copies, so no copy is made at all.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateLogicallyAirGappedBackupVault.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export const MINIMUM_COPY_RETENTION_DAYS = 7;

/**
 * The longest time, in hours, a backup plan may go without taking a backup:
 * at least one rule of a plan fires at least once a day, so that a loss costs at
 * most a day of changes.
 */
export const MAXIMUM_BACKUP_INTERVAL_HOURS = 24;

/**
 * How long, in days, a recovery point moved to cold storage must stay there:
 * `DeleteAfterDays` must be at least 90 more than `MoveToColdStorageAfterDays`.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 */
export const COLD_STORAGE_MINIMUM_DAYS = 90;
