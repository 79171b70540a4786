import type { Rule } from '../../engine/rule';
import logsDataDeletionProtection from './logs-data-deletion-protection';

export const LOGS_RULES: Rule[] = [logsDataDeletionProtection];
