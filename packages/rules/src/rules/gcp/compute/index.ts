import type { Rule } from '../../../engine/rule';
import computeDiskAutoDelete from './compute-disk-auto-delete';

export const COMPUTE_RULES: readonly Rule[] = [computeDiskAutoDelete];
