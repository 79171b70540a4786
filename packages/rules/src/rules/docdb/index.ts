import type { Rule } from '../../engine/rule';

export const DOCDB_RULES: Rule[] = [];
