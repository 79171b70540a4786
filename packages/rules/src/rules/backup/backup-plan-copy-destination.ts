import { BackupCoverage, type CopyDestination } from '../../engine/backup-coverage';
import { defineRule } from '../../engine/rule';
import { explicitProviderAccountFix, unknownAccount, type FixText } from '../../model';
import { isTerraformResource } from '../../dialects/terraform-json-names';

const FIX: FixText = {
  cloudformation:
    'Add to a rule of the plan `CopyActions: [{ DestinationBackupVaultArn: "arn:aws:backup:<region>:<backup account>:backup-vault:<name>" }]`, a literal ARN in another account.',
  cdk: "Give a rule of the `BackupPlan` `copyActions: [{ destinationBackupVault: BackupVault.fromBackupVaultArn(this, 'Central', 'arn:aws:backup:<region>:<backup account>:backup-vault:<name>') }]`.",
  pulumi:
    'Give a rule of the `aws.backup.Plan` `copyActions: [{ destinationVaultArn: "arn:aws:backup:<region>:<backup account>:backup-vault:<name>" }]`.',
  terraform:
    'Give a `rule` of the `aws_backup_plan` a `copy_action { destination_vault_arn = "arn:aws:backup:<region>:<backup account>:backup-vault:<name>" }`.',
};

/**
 * Backup plans copy to a vault in another account.
 *
 * A plan whose recovery points all stay in the source account protects
 * against mistakes, not against the loss of the account. Every plan must have
 * at least one rule with a copy action whose destination vault ARN names a
 * literal account other than the plan's own. A destination built from
 * `${AWS::AccountId}`, a vault in the same template or an `Fn::ImportValue`
 * (exports never cross accounts) is the same account; a parameter, or a plan in
 * an environment-agnostic stack, cannot be proven to be another.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-backup-backupplan-copyactionresourcetype.html
 */
export default defineRule({
  id: 'backup-plan-copy-destination',
  title: 'Backup plans copy to a vault in another account',
  why: 'Recovery points that never leave the account are deleted by the same compromise or mistake that deletes the data, or the account itself.',
  fix: 'Add a copy action to a backup vault in a separate backup account.',
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  cloudformation(plan, ctx) {
    const location = 'Properties/BackupPlan/BackupPlanRule';
    const { copies, unresolved } = ctx.backupCoverage().copyDestinations(plan);
    if (unresolved) {
      return {
        fix: FIX,
        location,
        unresolved: true,
        message: `The plan's rules cannot be read, so no copy to another account is proven: ${unresolved}.`,
      };
    }
    const own = plan.document.account;
    if (copies.some((c) => BackupCoverage.crossAccount(c, own))) return;
    if (copies.length === 0) {
      return {
        fix: FIX,
        location,
        message: `${isTerraformResource(plan) ? 'No `rule` of the backup plan has a `copy_action` block' : 'No rule of the plan has a copy action (CopyActions is not set)'}, so every recovery point stays in this account.`,
      };
    }
    return {
      // Copies to a literal other account from a plan whose explicit provider names no account: that provider is the fix.
      fix: (copies.every((c) => c.account.kind === 'literal') && explicitProviderAccountFix(plan.document)) || FIX,
      location,
      unresolved: copies.some((c) => c.account.kind === 'unknown' || own === undefined) || undefined,
      message: `No copy action is proven to reach another account: ${copies.map((c) => describe(c, own)).join('; ')}.`,
    };
  },
});

function describe(c: CopyDestination, own: string | undefined): string {
  const where = `rule ${c.ruleName}`;
  switch (c.account.kind) {
    case 'same-as-stack':
      return `${where} copies to a vault in this account`;
    case 'literal':
      return own === undefined
        ? `${where} copies to account ${c.account.account}, but the plan's own account is not known (${unknownAccount(c.plan.document)})`
        : `${where} copies to account ${c.account.account}, the plan's own account`;
    case 'unknown':
      return `${where} copies to a destination whose account cannot be read: ${c.account.reason}`;
  }
}
