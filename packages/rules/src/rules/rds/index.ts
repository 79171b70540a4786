import rdsDeletionProtection from './rds-deletion-protection';
import rdsAutomatedBackupsRetained from './rds-automated-backups-retained';
import rdsBackupRetention from './rds-backup-retention';
import rdsCustomerManagedKey from './rds-customer-managed-key';
import rdsFinalSnapshot from './rds-final-snapshot';

export const RDS_RULES = [
  rdsDeletionProtection,
  rdsAutomatedBackupsRetained,
  rdsBackupRetention,
  rdsCustomerManagedKey,
  rdsFinalSnapshot,
];
