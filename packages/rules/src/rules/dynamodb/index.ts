import type { Rule } from '../../engine/rule';

export const DYNAMODB_RULES: Rule[] = [];
