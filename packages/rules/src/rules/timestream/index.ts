import type { Rule } from '../../engine/rule';
import timestreamMagneticStoreRetention from './timestream-magnetic-store-retention';

export const TIMESTREAM_RULES: Rule[] = [timestreamMagneticStoreRetention];
