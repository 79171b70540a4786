import type { Rule } from '../../../engine/rule';
import backupdrCoverage from './backupdr-coverage';
import backupdrVaultSeparateProject from './backupdr-vault-separate-project';
import backupdrVaultEnforcedRetention from './backupdr-vault-enforced-retention';
import backupdrPlanRetention from './backupdr-plan-retention';

/** Google Cloud Backup and DR: backups outside the blast radius of the data they protect. */
export const BACKUPDR_RULES: readonly Rule[] = [
  backupdrCoverage,
  backupdrVaultSeparateProject,
  backupdrVaultEnforcedRetention,
  backupdrPlanRetention,
];
