import { locationOf, readProperty } from '../../../engine/read';
import { defineRule } from '../../../engine/rule';
import { quote } from '../../../engine/values';
import { durationSeconds } from '../../../protection/setting';
import { plural } from '../../../text/plural';
import { googleFix, nameAt } from '../general/google-fix';
import { BACKUP_VAULT } from './backup-dr';

const DAY = 86_400;

/**
 * Backup vaults enforce a minimum retention of at least the minimum backup
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * `backup_minimum_enforced_retention_duration` (a duration such as
 * `"604800s"`) is how long no one, the vault project's owners included, can
 * delete a backup in the vault; a plan's `backup_retention_days` must be at
 * least as long. It is Google Cloud's counterpart of an AWS Backup vault lock's
 * minimum retention (`backup-vault-compliance-lock`). A value that cannot be
 * read is not proven long enough (fail closed).
 *
 * The vault's deletion flags are not judged: `force_delete`,
 * `ignore_inactive_datasources` and `ignore_backup_plan_references` only let a
 * vault that holds no backups be deleted while it still lists empty data
 * sources or a plan refers to it (the provider's `deletable` is true only when
 * no backups are nested in the vault), so none of them deletes a backup. The
 * gate still blocks turning them on (`protection/stores/google.ts`).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_vault#backup_minimum_enforced_retention_duration-1
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/backup_dr_backup_vault#force_delete-1
 * @see https://cloud.google.com/backup-disaster-recovery/docs/concepts/backup-vault
 */
export default defineRule({
  id: 'backupdr-vault-enforced-retention',
  title: 'Backup and DR vaults enforce a minimum retention of at least the minimum backup retention',
  why: 'Until the enforced minimum retention has passed, no one can delete a backup in the vault; with a shorter one, whoever holds the vault project can delete the backups soon after they are taken.',
  fix: 'Set backup_minimum_enforced_retention_duration to at least the minimum retention (7 days: "604800s").',
  severity: 'error',
  resourceTypes: [BACKUP_VAULT],
  google(vault, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const want = `${min * DAY}s`;
    const path = ['backup_minimum_enforced_retention_duration'];
    const label = nameAt(vault, path);
    const fix = googleFix(
      `Set \`backup_minimum_enforced_retention_duration = "${want}"\` (${plural(min, 'day')}) or more on the \`google_backup_dr_backup_vault\`.`,
      `Pass \`backupMinimumEnforcedRetentionDuration: '${want}'\` (${plural(min, 'day')}) or more in the \`gcp.backupdisasterrecovery.BackupVault\` args.`,
    );
    const location = locationOf(vault, path);
    const r = readProperty(vault, ...path);
    switch (r.kind) {
      case 'absent':
        return {
          fix,
          location,
          unresolved: true,
          message: `${label} is not set, so the vault is not proven to keep backups for ${plural(min, 'day')}: no one is stopped from deleting a backup early.`,
        };
      case 'unresolved':
        return {
          fix,
          location,
          unresolved: true,
          message: `${label} is ${quote(r.expression)} and cannot be proven at least ${plural(min, 'day')} (${want}): ${r.reason}.`,
        };
      case 'known': {
        const seconds = durationSeconds(r.value);
        if (seconds === undefined) {
          return {
            fix,
            location,
            unresolved: true,
            message: `${label} is ${quote(r.value)}, which is not a duration ("<seconds>s"), so it cannot be proven at least ${plural(min, 'day')}.`,
          };
        }
        if (seconds >= min * DAY) return;
        return {
          fix,
          location,
          message: `${label} is ${quote(r.value)} (${days(seconds)}), under the minimum of ${plural(min, 'day')}: whoever holds the vault's project can delete its backups after ${days(seconds)}, so a loss noticed later cannot be restored.`,
        };
      }
    }
  },
});

function days(seconds: number): string {
  const d = seconds / DAY;
  return Number.isInteger(d) ? plural(d, 'day') : `${Math.round(d * 10) / 10} days`;
}
