import type { Rule } from '../../engine/rule';

export const CLOUDTRAIL_RULES: Rule[] = [];
