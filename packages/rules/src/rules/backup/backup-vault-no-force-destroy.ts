import { defineRule } from '../../engine/rule';
import { requireForceDestroyOff } from '../s3/s3-no-auto-delete-objects';

/**
 * Backup vaults are not emptied when they are destroyed.
 *
 * AWS refuses to delete a vault that still holds recovery points; the
 * Terraform/Pulumi AWS provider's `forceDestroy` deletes every recovery point
 * first (those a compliance lock does not hold), so a `destroy` takes the
 * backups with it. CloudFormation has no such switch, so this rule exists in
 * the aws-provider dialect only.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_vault#force_destroy
 */
export default defineRule({
  id: 'backup-vault-no-force-destroy',
  title: 'Backup vaults are not emptied when destroyed',
  why: 'With forceDestroy, destroying the vault first deletes every recovery point in it: the backups go in the same run as the data they protect.',
  fix: 'Set forceDestroy to false (the default) on the backup vault.',
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupVault'],
  awsProvider(resource) {
    return requireForceDestroyOff(
      resource,
      {
        cloudformation: 'CloudFormation cannot empty a vault; nothing to change.',
        pulumi: 'Set `forceDestroy: false` on the `aws.backup.Vault` (or leave it unset).',
        terraform: 'Set `force_destroy = false` on the `aws_backup_vault` (or leave it unset).',
      },
      'every recovery point in the vault is deleted first',
    );
  },
});
