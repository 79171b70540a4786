import type { Rule } from '../../../engine/rule';
import gcpDeletionPolicy from './gcp-deletion-policy';

export const GCP_GENERAL_RULES: readonly Rule[] = [gcpDeletionPolicy];
