import type { Rule } from '../../engine/rule';

export const OPENSEARCH_RULES: Rule[] = [];
