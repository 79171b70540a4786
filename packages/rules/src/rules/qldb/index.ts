import type { Rule } from '../../engine/rule';
import qldbDeletionProtection from './qldb-deletion-protection';

export const QLDB_RULES: Rule[] = [qldbDeletionProtection];
