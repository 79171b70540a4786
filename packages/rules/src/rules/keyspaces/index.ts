import type { Rule } from '../../engine/rule';
import keyspacesPointInTimeRecovery from './keyspaces-point-in-time-recovery';

export const KEYSPACES_RULES: Rule[] = [keyspacesPointInTimeRecovery];
