import type { Rule } from '../../engine/rule';
import memorydbSnapshotRetention from './memorydb-snapshot-retention';
import memorydbFinalSnapshot from './memorydb-final-snapshot';

export const MEMORYDB_RULES: Rule[] = [memorydbSnapshotRetention, memorydbFinalSnapshot];
