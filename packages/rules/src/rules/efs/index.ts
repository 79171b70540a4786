import type { Rule } from '../../engine/rule';

export const EFS_RULES: Rule[] = [];
