import type { Rule } from '../../engine/rule';
import elasticacheSnapshotRetention from './elasticache-snapshot-retention';
import elasticacheFinalSnapshot from './elasticache-final-snapshot';

export const ELASTICACHE_RULES: Rule[] = [elasticacheSnapshotRetention, elasticacheFinalSnapshot];
