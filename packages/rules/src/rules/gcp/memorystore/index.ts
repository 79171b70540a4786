import type { Rule } from '../../../engine/rule';
import memorystoreDeletionProtection from './memorystore-deletion-protection';
import memorystoreAutomatedBackups from './memorystore-automated-backups';
import memorystorePersistence from './memorystore-persistence';

export const MEMORYSTORE_RULES: readonly Rule[] = [
  memorystoreDeletionProtection,
  memorystoreAutomatedBackups,
  memorystorePersistence,
];
