import type { Rule } from '../../engine/rule';
import neptuneDeletionProtection from './neptune-deletion-protection';
import neptuneBackupRetention from './neptune-backup-retention';
import neptuneCustomerManagedKey from './neptune-customer-managed-key';
import neptuneFinalSnapshot from './neptune-final-snapshot';

export const NEPTUNE_RULES: Rule[] = [
  neptuneDeletionProtection,
  neptuneBackupRetention,
  neptuneCustomerManagedKey,
  neptuneFinalSnapshot,
];
