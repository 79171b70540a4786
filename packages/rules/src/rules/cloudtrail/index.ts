import type { Rule } from '../../engine/rule';
import cloudtrailEventDataStoreTerminationProtection from './cloudtrail-event-data-store-termination-protection';

export const CLOUDTRAIL_RULES: Rule[] = [cloudtrailEventDataStoreTerminationProtection];
