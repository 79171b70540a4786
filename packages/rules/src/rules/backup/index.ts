import type { Rule } from '../../engine/rule';

export const BACKUP_RULES: Rule[] = [];
