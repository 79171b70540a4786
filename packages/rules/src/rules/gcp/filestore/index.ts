import type { Rule } from '../../../engine/rule';
import filestoreDeletionProtection from './filestore-deletion-protection';

export const FILESTORE_RULES: readonly Rule[] = [filestoreDeletionProtection];
