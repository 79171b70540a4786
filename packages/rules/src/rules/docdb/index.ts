import type { Rule } from '../../engine/rule';
import docdbDeletionProtection from './docdb-deletion-protection';
import docdbBackupRetention from './docdb-backup-retention';

export const DOCDB_RULES: Rule[] = [docdbDeletionProtection, docdbBackupRetention];
