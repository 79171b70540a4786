import type { Rule } from '../../engine/rule';
import logsDataDeletionProtection from './logs-data-deletion-protection';
import logsDataRetention from './logs-data-retention';

export const LOGS_RULES: Rule[] = [logsDataDeletionProtection, logsDataRetention];
