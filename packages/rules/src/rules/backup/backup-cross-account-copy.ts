import { unknownAccount, type FixText, type NormalisedResource } from '../../model';
import { defineRule } from '../../engine/rule';
import { isClusterMember, isReadReplica } from '../../protection/membership';
import { isProviderTableReplica } from '../dynamodb/replicas';

/** The database, table and file system types whose copies the rule demands. */
export const COPY_REQUIRED_TYPES: readonly string[] = [
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::EFS::FileSystem',
];

function fixFor(resource: NormalisedResource): FixText {
  const cdkResource: Record<string, string> = {
    'AWS::RDS::DBInstance': 'BackupResource.fromRdsDatabaseInstance(db)',
    'AWS::RDS::DBCluster': 'BackupResource.fromRdsDatabaseCluster(cluster)',
    'AWS::DynamoDB::Table': 'BackupResource.fromDynamoDbTable(table)',
    'AWS::DynamoDB::GlobalTable': 'BackupResource.fromDynamoDbTable(table)',
    'AWS::EFS::FileSystem': 'BackupResource.fromEfsFileSystem(fileSystem)',
  };
  const select = cdkResource[resource.type] ?? 'BackupResource.fromArn(<ARN>)';
  return {
    cloudformation:
      'Select the resource in an `AWS::Backup::BackupSelection` (its ARN in `Resources`, or a tag) whose `AWS::Backup::BackupPlan` has a rule with `CopyActions: [{ DestinationBackupVaultArn: "arn:aws:backup:<region>:<backup account>:backup-vault:<name>" }]`.',
    cdk: `Add it to a \`BackupPlan\` with \`plan.addSelection('…', { resources: [${select}] })\`, and give the plan a rule with \`copyActions: [{ destinationBackupVault: BackupVault.fromBackupVaultArn(this, 'Central', 'arn:aws:backup:<region>:<backup account>:backup-vault:<name>') }]\`.`,
    pulumi:
      'Select the resource in an `aws.backup.Selection` (`resources: [<arn>]`) of an `aws.backup.Plan` whose rule has `copyActions: [{ destinationVaultArn: "arn:aws:backup:<region>:<backup account>:backup-vault:<name>" }]`.',
    terraform:
      'Select the resource in an `aws_backup_selection` (`resources = [<arn>]`) of an `aws_backup_plan` whose `rule` has `copy_action { destination_vault_arn = "arn:aws:backup:<region>:<backup account>:backup-vault:<name>" }`.',
  };
}

/**
 * Databases, tables and file systems have a backup copy in another account.
 *
 * Backups in the account that holds the data die with it: whoever can delete
 * the database can usually delete its snapshots and recovery points too. The
 * only copy out of reach is one that an AWS Backup plan copies to a vault in
 * another account. A resource passes when a backup selection in the app is
 * proven to select it (see `BackupCoverage`) and that selection's plan has a
 * copy action whose destination vault ARN names another literal account. An
 * environment-agnostic stack never proves its account differs from anything.
 * Cross-account copy also needs settings no template shows (AWS Organizations
 * cross-account backup, the destination vault's access policy, and for RDS a
 * customer managed key: see `rds-customer-managed-key`).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export default defineRule({
  id: 'backup-cross-account-copy',
  title: 'Databases, tables and file systems are copied to a backup vault in another account',
  why: 'Every backup lives in the same account as the data, so the compromise or mistake that deletes the data can delete its backups too.',
  fix: 'Select the resource in an AWS Backup plan whose rule copies to a vault in a separate backup account.',
  severity: 'error',
  resourceTypes: COPY_REQUIRED_TYPES,
  cloudformation(resource, ctx) {
    // An instance in a cluster is backed up through its cluster, and a read replica
    // through its source (it is a copy of the source's data).
    if (isClusterMember(resource)) return;
    if (resource.type === 'AWS::RDS::DBInstance' && isReadReplica(resource)) return;
    // A replica of a DynamoDB global table (`aws_dynamodb_table_replica`) holds the global table's
    // items; a backup of the table it replicates covers them.
    if (isProviderTableReplica(resource)) return;
    const verdict = ctx.backupCoverage().verdict(resource);
    switch (verdict.status) {
      case 'isolated':
        return;
      case 'not-selected':
        return {
          fix: fixFor(resource),
          message:
            resource.document.account === undefined
              ? `No backup plan in the app selects this resource, and its stack's account is not known (${unknownAccount(resource.document)}), so no copy can be proven to be in another account.`
              : 'No backup plan in the app selects this resource, so no copy of it exists in another account.',
        };
      case 'no-isolated-copy':
        return {
          fix: fixFor(resource),
          unresolved: verdict.unresolved || undefined,
          message: `No backup copy of this resource is proven to be in another account: ${verdict.reasons.join('; ')}.`,
        };
    }
  },
});
