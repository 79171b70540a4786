/**
 * The refusals the safe constructs (CDK) and components (Pulumi) throw for a
 * prop below the backup minimums, worded once so that both front ends say the
 * same: the prop, the minimum, why, and the value received.
 */
import { plural } from '../text/plural';
import {
  MAXIMUM_BACKUP_INTERVAL_HOURS,
  MINIMUM_BACKUP_RETENTION_DAYS,
  MINIMUM_COPY_RETENTION_DAYS,
} from './backup-minimums';
import { backupScheduleProblem } from './backup-schedule';

/** Why `copyRetention` (days) is refused, or undefined: at least 7 days, and at least the destination's minimum when given. */
export function copyRetentionProblem(days: number, destinationMinimum?: number): string | undefined {
  if (days < MINIMUM_COPY_RETENTION_DAYS) {
    return (
      `\`copyRetention\` must be at least ${plural(MINIMUM_COPY_RETENTION_DAYS, 'day')}, got ${plural(days, 'day')}: ` +
      "a logically air-gapped vault and a `BackupAccountVault`'s lock refuse a shorter copy, so every copy job would fail " +
      '(`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`).'
    );
  }
  if (destinationMinimum !== undefined && days < destinationMinimum) {
    return (
      `\`copyRetention\` must be at least \`destinationMinRetention\` (${plural(destinationMinimum, 'day')}), got ${plural(days, 'day')}: ` +
      "the destination vault's lock refuses a shorter copy, so every copy job would fail."
    );
  }
  return undefined;
}

/** Why the `retention` (days) of a backup is refused, or undefined: at least 7 days. */
export function backupRetentionProblem(days: number): string | undefined {
  if (days >= MINIMUM_BACKUP_RETENTION_DAYS) return undefined;
  return (
    `\`retention\` must be at least ${plural(MINIMUM_BACKUP_RETENTION_DAYS, 'day')}, got ${plural(days, 'day')}: ` +
    'a loss noticed later than that could not be restored from this vault (`MINIMUM_BACKUP_RETENTION_DAYS` of `@deadbolt/rules`).'
  );
}

/** Why a backup account vault's `minRetention` (days) is refused, or undefined: at least 7 days. */
export function vaultMinRetentionProblem(days: number): string | undefined {
  if (days >= MINIMUM_COPY_RETENTION_DAYS) return undefined;
  return (
    `\`minRetention\` must be at least ${plural(MINIMUM_COPY_RETENTION_DAYS, 'day')}, got ${plural(days, 'day')}: ` +
    'a logically air-gapped vault accepts no shorter minimum, and a shorter lock keeps copies from a compromised source account only as long as it says ' +
    '(`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`).'
  );
}

/**
 * Why a backup `schedule` expression is refused, or undefined: it must be a
 * cron expression AWS Backup takes that fires at least every
 * `MAXIMUM_BACKUP_INTERVAL_HOURS` hours.
 */
export function backupScheduleRefusal(expression: string, now: number = Date.now()): string | undefined {
  const problem = backupScheduleProblem(expression, now);
  if (problem === undefined) return undefined;
  return (
    `\`schedule\` must be an AWS Backup cron expression that fires at least every ${MAXIMUM_BACKUP_INTERVAL_HOURS} hours, ` +
    `got \`${expression}\`, which ${problem}. A plan that backs up less often than that loses everything written since its last backup.`
  );
}
