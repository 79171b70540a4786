import type { Rule } from '../../../engine/rule';
import gcpProjectDeletionPolicy from './gcp-project-deletion-policy';
import gcpProjectLien from './gcp-project-lien';

export const GCP_PROJECT_RULES: readonly Rule[] = [gcpProjectDeletionPolicy, gcpProjectLien];
