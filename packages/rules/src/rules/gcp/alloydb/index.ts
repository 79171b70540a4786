import type { Rule } from '../../../engine/rule';
import alloydbDeletionProtection from './alloydb-deletion-protection';
import alloydbAutomatedBackups from './alloydb-automated-backups';
import alloydbContinuousBackup from './alloydb-continuous-backup';

export const ALLOYDB_RULES: readonly Rule[] = [
  alloydbDeletionProtection,
  alloydbAutomatedBackups,
  alloydbContinuousBackup,
];
