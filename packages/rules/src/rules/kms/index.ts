import type { Rule } from '../../engine/rule';

export const KMS_RULES: Rule[] = [];
