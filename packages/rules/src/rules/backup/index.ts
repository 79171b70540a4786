import backupVaultComplianceLock from './backup-vault-compliance-lock';
import backupVaultNoForceDestroy from './backup-vault-no-force-destroy';
import backupCrossAccountCopy from './backup-cross-account-copy';
import backupPlanCopyDestination from './backup-plan-copy-destination';
import backupPlanRetention from './backup-plan-retention';
import backupPlanVaultLockRetention from './backup-plan-vault-lock-retention';
import backupPlanCopyRetention from './backup-plan-copy-retention';
import backupPlanSchedule from './backup-plan-schedule';

export const BACKUP_RULES = [
  backupVaultComplianceLock,
  backupVaultNoForceDestroy,
  backupCrossAccountCopy,
  backupPlanCopyDestination,
  backupPlanRetention,
  backupPlanVaultLockRetention,
  backupPlanCopyRetention,
  backupPlanSchedule,
];
