import backupVaultComplianceLock from './backup-vault-compliance-lock';
import backupVaultNoForceDestroy from './backup-vault-no-force-destroy';
import backupCrossAccountCopy from './backup-cross-account-copy';
import backupPlanCopyDestination from './backup-plan-copy-destination';

export const BACKUP_RULES = [
  backupVaultComplianceLock,
  backupVaultNoForceDestroy,
  backupCrossAccountCopy,
  backupPlanCopyDestination,
];
