import type { Rule } from '../../../engine/rule';
import bigtableInstanceNoForceDestroy from './bigtable-instance-no-force-destroy';
import bigtableInstanceDeletionProtection from './bigtable-instance-deletion-protection';
import bigtableTableDeletionProtection from './bigtable-table-deletion-protection';
import bigtableTableAutomatedBackup from './bigtable-table-automated-backup';

export const BIGTABLE_RULES: readonly Rule[] = [
  bigtableInstanceNoForceDestroy,
  bigtableInstanceDeletionProtection,
  bigtableTableDeletionProtection,
  bigtableTableAutomatedBackup,
];
