import backupVaultComplianceLock from './backup-vault-compliance-lock';
import backupVaultNoForceDestroy from './backup-vault-no-force-destroy';
import backupCrossAccountCopy from './backup-cross-account-copy';
import backupPlanCopyDestination from './backup-plan-copy-destination';
import backupPlanRetention from './backup-plan-retention';
import backupPlanVaultLockRetention from './backup-plan-vault-lock-retention';

export const BACKUP_RULES = [
  backupVaultComplianceLock,
  backupVaultNoForceDestroy,
  backupCrossAccountCopy,
  backupPlanCopyDestination,
  backupPlanRetention,
  backupPlanVaultLockRetention,
];
