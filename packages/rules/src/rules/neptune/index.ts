import type { Rule } from '../../engine/rule';
import neptuneDeletionProtection from './neptune-deletion-protection';
import neptuneBackupRetention from './neptune-backup-retention';

export const NEPTUNE_RULES: Rule[] = [neptuneDeletionProtection, neptuneBackupRetention];
