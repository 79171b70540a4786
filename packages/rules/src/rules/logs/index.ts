import type { Rule } from '../../engine/rule';

export const LOGS_RULES: Rule[] = [];
