import type { Rule } from '../../engine/rule';

export const DSQL_RULES: Rule[] = [];
