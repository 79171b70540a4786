import type { Rule } from '../../engine/rule';

export const COGNITO_RULES: Rule[] = [];
