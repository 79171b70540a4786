import type { Rule } from '../../engine/rule';

export const S3_RULES: Rule[] = [];
