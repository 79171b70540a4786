import type { Rule } from '../../engine/rule';
import lightsailDatabaseBackupRetention from './lightsail-database-backup-retention';
import lightsailDatabaseFinalSnapshot from './lightsail-database-final-snapshot';

export const LIGHTSAIL_RULES: Rule[] = [lightsailDatabaseBackupRetention, lightsailDatabaseFinalSnapshot];
