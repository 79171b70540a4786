import type { Rule } from '../../engine/rule';

export const QLDB_RULES: Rule[] = [];
