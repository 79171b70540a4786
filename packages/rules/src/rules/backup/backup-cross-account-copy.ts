import {
  explicitProviderAccountFix,
  unknownAccount,
  type FixText,
  type NormalisedResource,
  type ResourceModel,
} from '../../model';
import { referencedResources } from '../../engine/references';
import { defineRule } from '../../engine/rule';
import { isTerraformResource } from '../../dialects/terraform-json-names';
import { wholeLabel } from '../../text/idiom-words';
import { intrinsicName, resolveValue } from '../../engine/values';
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
 * The fix when the rest of the backup set-up is in a stack this evaluation did
 * not see (an export imported there, or imported here and defined there): judge
 * the stacks together, and only then, if nothing selects the resource, add a plan.
 */
function togetherFix(resource: NormalisedResource, exportNames: readonly string[]): FixText {
  const base = fixFor(resource);
  const names = exportNames.map((n) => `"${n}"`).join(', ');
  return {
    ...base,
    cloudformation: `Check this stack together with the stack on the other side of export ${names} in one run (\`deadbolt check cdk.out\` for a CDK app, or \`deadbolt check <this template> <the other template>\`), so that its backup selection and plan are read. If no stack selects the resource: ${base.cloudformation}`,
    cdk: `Judge every stack of the app together: add \`DataProtectionChecks\` to the App (\`Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY })\`) rather than to one stack, or use \`DataProtectionPlugin\`, or run \`deadbolt check cdk.out\`, so that the stack on the other side of export ${names} is read. If no stack selects the resource: ${base.cdk}`,
  };
}

const importIndexes = new WeakMap<ResourceModel, ReadonlySet<string>>();

/** The export names some document of the model imports (`Fn::ImportValue` of a name known before deployment). */
function importedNames(model: ResourceModel): ReadonlySet<string> {
  let names = importIndexes.get(model);
  if (names) return names;
  const out = new Set<string>();
  for (const doc of model.documents) {
    let budget = 100_000;
    const walk = (v: unknown, depth: number): void => {
      if (depth > 32 || --budget < 0 || v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        for (const item of v) walk(item, depth + 1);
        return;
      }
      if (intrinsicName(v) === 'Fn::ImportValue') {
        const name = resolveValue((v as Record<string, unknown>)['Fn::ImportValue'], doc);
        if (name.kind === 'known' && typeof name.value === 'string') out.add(name.value);
        return;
      }
      for (const child of Object.values(v)) walk(child, depth + 1);
    };
    for (const r of doc.resources.values()) walk(r.properties, 0);
  }
  importIndexes.set(model, (names = out));
  return names;
}

/**
 * The exports of the resource's own stack that refer to it (its ARN or id, as
 * CDK exports them for a reference from another stack) and that no stack of
 * the model imports: a backup selection may read them in a stack not checked.
 */
function exportsToUnseenStacks(resource: NormalisedResource, model: ResourceModel): string[] {
  const doc = resource.document;
  if (doc.exports.size === 0) return [];
  const imported = importedNames(model);
  const out: string[] = [];
  for (const [name, value] of doc.exports) {
    if (imported.has(name)) continue;
    if (referencedResources(value, doc, model).includes(resource)) out.push(name);
    if (out.length >= 3) break;
  }
  return out;
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
      case 'not-selected': {
        // CDK exports a database's ARN or id when a selection in another stack (an
        // `IsolatedBackupVault` there) refers to it: that stack was not checked here.
        const exported = exportsToUnseenStacks(resource, ctx.model);
        if (exported.length > 0) {
          return {
            fix: togetherFix(resource, exported),
            unresolved: true,
            message: `No backup plan in the stacks checked here selects this resource, but stack ${resource.document.name} exports it as ${exported.map((n) => `"${n}"`).join(', ')} and no stack checked here imports that: a backup selection in another stack may select it. Check the stacks together to prove its copy in another account.`,
          };
        }
        const whole = wholeLabel(resource);
        return {
          fix: fixFor(resource),
          message:
            resource.document.account === undefined
              ? `No backup plan in ${whole} selects this resource, and ${isTerraformResource(resource) ? 'its' : "its stack's"} account is not known (${unknownAccount(resource.document)}), so no copy can be proven to be in another account.`
              : `No backup plan in ${whole} selects this resource, so no copy of it exists in another account.`,
        };
      }
      case 'no-isolated-copy': {
        const elsewhere = verdict.missingExports;
        return {
          fix:
            elsewhere.length > 0
              ? togetherFix(resource, elsewhere)
              : (explicitProviderAccountFix(resource.document) ?? fixFor(resource)),
          unresolved: verdict.unresolved || undefined,
          message: `No backup copy of this resource is proven to be in another account: ${verdict.reasons.join('; ')}.${
            elsewhere.length > 0
              ? ` The selection imports ${elsewhere.map((n) => `"${n}"`).join(', ')} from a stack not checked here: check the stacks together.`
              : ''
          }`,
        };
      }
    }
  },
});
