import type { Rule } from '../../../engine/rule';
import cloudsqlDeletionProtection from './cloudsql-deletion-protection';
import cloudsqlDestroyProtection from './cloudsql-destroy-protection';
import cloudsqlRetainBackupsOnDelete from './cloudsql-retain-backups-on-delete';
import cloudsqlFinalBackup from './cloudsql-final-backup';
import cloudsqlAutomatedBackups from './cloudsql-automated-backups';
import cloudsqlPointInTimeRecovery from './cloudsql-point-in-time-recovery';

export const CLOUDSQL_RULES: readonly Rule[] = [
  cloudsqlDeletionProtection,
  cloudsqlDestroyProtection,
  cloudsqlRetainBackupsOnDelete,
  cloudsqlFinalBackup,
  cloudsqlAutomatedBackups,
  cloudsqlPointInTimeRecovery,
];
