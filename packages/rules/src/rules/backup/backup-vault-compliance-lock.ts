import { asNumber, defaultsOf, labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText } from '../../model';

/** AWS Backup's cooling-off period: a lock is immutable only from this many days after it is set. */
export const MIN_CHANGEABLE_FOR_DAYS = 3;

const FIX: FixText = {
  cloudformation:
    'Set `LockConfiguration: { MinRetentionDays: <days>, ChangeableForDays: 3 }` on the vault (or use an `AWS::Backup::LogicallyAirGappedBackupVault`).',
  cdk: 'Pass `lockConfiguration: { minRetention: Duration.days(<days>), changeableFor: Duration.days(3) }` to the `BackupVault`.',
  pulumi:
    'Add an `aws.backup.VaultLockConfiguration` for the vault with `changeableForDays: 3` and `minRetentionDays: <days>`.',
  terraform:
    'Add an `aws_backup_vault_lock_configuration` for the vault with `changeable_for_days = 3` and `min_retention_days = <days>`.',
};

/**
 * Backup vaults are under a compliance-mode Vault Lock.
 *
 * A lock with `ChangeableForDays` is in compliance mode: once that many days
 * have passed (at least 3, AWS Backup's cooling-off period), nobody, the root
 * user included, can remove the lock or delete a recovery point before its
 * retention ends. Without `ChangeableForDays` the lock is in governance mode
 * and any principal allowed `backup:DeleteBackupVaultLockConfiguration` can
 * remove it. `MinRetentionDays` is what stops an early delete. An
 * `AWS::Backup::LogicallyAirGappedBackupVault` is always compliance-locked and
 * is not judged.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-backup-backupvault-lockconfigurationtype.html
 */
export default defineRule({
  id: 'backup-vault-compliance-lock',
  title: 'Backup vaults have a compliance-mode Vault Lock',
  why: 'Without a compliance-mode lock, anyone with enough AWS Backup permissions in the account (an attacker, a cleanup script) can delete every recovery point in the vault.',
  fix: 'Set LockConfiguration with MinRetentionDays and ChangeableForDays of at least 3.',
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupVault'],
  cloudformation(resource) {
    const lock = readProperty(resource, 'LockConfiguration');
    const location = 'Properties/LockConfiguration';
    if (lock.kind === 'absent') {
      return {
        fix: FIX,
        location: locationOf(resource, ['LockConfiguration']),
        message: `${labelOf(resource, ['LockConfiguration'])} is not set (${defaultsOf(resource)}: no Vault Lock), so recovery points can be deleted at any time.`,
      };
    }
    const out: Violation[] = [];
    const changeable = readProperty(resource, 'LockConfiguration', 'ChangeableForDays');
    const at = (p: string) => `${location}/${p}`;
    switch (changeable.kind) {
      case 'absent':
        out.push({
          fix: FIX,
          location: at('ChangeableForDays'),
          detail: 'ChangeableForDays',
          message:
            'LockConfiguration.ChangeableForDays is not set: the lock is in governance mode, which a privileged principal can remove.',
        });
        break;
      case 'unresolved':
        out.push({
          fix: FIX,
          location: at('ChangeableForDays'),
          detail: 'ChangeableForDays',
          unresolved: true,
          message: `LockConfiguration.ChangeableForDays is ${quote(changeable.expression)} and cannot be proven at least ${MIN_CHANGEABLE_FOR_DAYS}: ${changeable.reason}.`,
        });
        break;
      case 'known': {
        const n = asNumber(changeable.value);
        if (n === undefined || n < MIN_CHANGEABLE_FOR_DAYS) {
          out.push({
            fix: FIX,
            location: at('ChangeableForDays'),
            detail: 'ChangeableForDays',
            message: `LockConfiguration.ChangeableForDays is ${quote(changeable.value)}; it must be at least ${MIN_CHANGEABLE_FOR_DAYS} for the lock to become immutable.`,
          });
        }
      }
    }
    const min = readProperty(resource, 'LockConfiguration', 'MinRetentionDays');
    switch (min.kind) {
      case 'absent':
        out.push({
          fix: FIX,
          location: at('MinRetentionDays'),
          detail: 'MinRetentionDays',
          message:
            'LockConfiguration.MinRetentionDays is not set: the lock does not stop a recovery point from being deleted early.',
        });
        break;
      case 'unresolved':
        out.push({
          fix: FIX,
          location: at('MinRetentionDays'),
          detail: 'MinRetentionDays',
          unresolved: true,
          message: `LockConfiguration.MinRetentionDays is ${quote(min.expression)} and cannot be proven set: ${min.reason}.`,
        });
        break;
      case 'known': {
        const n = asNumber(min.value);
        if (n === undefined || n < 1) {
          out.push({
            fix: FIX,
            location: at('MinRetentionDays'),
            detail: 'MinRetentionDays',
            message: `LockConfiguration.MinRetentionDays is ${quote(min.value)}; it must be a number of days of at least 1.`,
          });
        }
      }
    }
    return out;
  },
});
