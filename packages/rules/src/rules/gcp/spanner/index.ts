import type { Rule } from '../../../engine/rule';
import spannerInstanceNoForceDestroy from './spanner-instance-no-force-destroy';
import spannerDatabaseDropProtection from './spanner-database-drop-protection';
import spannerDatabaseVersionRetention from './spanner-database-version-retention';

export const SPANNER_RULES: readonly Rule[] = [
  spannerInstanceNoForceDestroy,
  spannerDatabaseDropProtection,
  spannerDatabaseVersionRetention,
];
