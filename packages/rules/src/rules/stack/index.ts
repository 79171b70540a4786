import type { Rule } from '../../engine/rule';

export const STACK_RULES: Rule[] = [];
