import type { Rule } from '../../engine/rule';

export const NEPTUNE_RULES: Rule[] = [];
