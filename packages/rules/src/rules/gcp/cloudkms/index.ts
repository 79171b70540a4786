import type { Rule } from '../../../engine/rule';
import cloudkmsDestroyScheduledDuration from './cloudkms-destroy-scheduled-duration';

export const CLOUDKMS_RULES: readonly Rule[] = [cloudkmsDestroyScheduledDuration];
