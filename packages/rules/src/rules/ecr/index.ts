import type { Rule } from '../../engine/rule';

export const ECR_RULES: Rule[] = [];
