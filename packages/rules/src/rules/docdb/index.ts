import type { Rule } from '../../engine/rule';
import docdbDeletionProtection from './docdb-deletion-protection';
import docdbBackupRetention from './docdb-backup-retention';
import docdbCustomerManagedKey from './docdb-customer-managed-key';
import docdbFinalSnapshot from './docdb-final-snapshot';
import docdbElasticBackupRetention from './docdb-elastic-backup-retention';

export const DOCDB_RULES: Rule[] = [
  docdbDeletionProtection,
  docdbBackupRetention,
  docdbCustomerManagedKey,
  docdbFinalSnapshot,
  docdbElasticBackupRetention,
];
