import type { NormalisedResource, ResourceModel } from '../../model';
import { takesFinalBackup } from '../fsx/fsx-final-backup';
import { resolvePath, resolveValue, quote } from '../../engine/values';
import { DATA_TAG_KEY, isTransientType } from '../../spec/stateful-types';
import { resourceTags } from '../../engine/backup-coverage';
import { referencedResources } from '../../engine/references';
import { protectionOf, supportsSnapshot } from '../../protection/table';
import { isTerraformResource, terraformSpelling } from '../../dialects/terraform-json-names';

/** What a DeletionPolicy/UpdateReplacePolicy does to the data. */
export type PolicyReading =
  | { readonly kind: 'keeps'; readonly value: string }
  | { readonly kind: 'snapshot' }
  /** `Snapshot` on a type CloudFormation cannot snapshot: it is deleted, as with `Delete`. */
  | { readonly kind: 'snapshot-unsupported' }
  | { readonly kind: 'deletes'; readonly value: string; readonly defaulted: boolean }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string }
  | { readonly kind: 'invalid'; readonly value: unknown };

/**
 * CloudFormation's DeletionPolicy default: `Snapshot` for `AWS::RDS::DBCluster`
 * and for an `AWS::RDS::DBInstance` outside a cluster, `Delete` for every other
 * type. UpdateReplacePolicy always defaults to `Delete`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
 */
export function defaultDeletionPolicy(resource: NormalisedResource): 'Delete' | 'Snapshot' {
  if (resource.type === 'AWS::RDS::DBCluster') return 'Snapshot';
  if (resource.type === 'AWS::RDS::DBInstance' && resource.properties.DBClusterIdentifier === undefined)
    return 'Snapshot';
  return 'Delete';
}

export function readPolicy(resource: NormalisedResource, raw: unknown, fallback: 'Delete' | 'Snapshot'): PolicyReading {
  const r = resolveValue(raw, resource.document);
  if (r.kind === 'unresolved') return { kind: 'unresolved', expression: r.expression, reason: r.reason };
  const value = r.kind === 'absent' ? fallback : r.value;
  if (value === 'Retain' || value === 'RetainExceptOnCreate') return { kind: 'keeps', value };
  // CloudFormation takes a snapshot only of the types that support one; any other
  // type is deleted with its data, as if the policy were Delete.
  if (value === 'Snapshot')
    return supportsSnapshot(resource.type) ? { kind: 'snapshot' } : { kind: 'snapshot-unsupported' };
  if (value === 'Delete') return { kind: 'deletes', value, defaulted: r.kind === 'absent' };
  return { kind: 'invalid', value };
}

/**
 * Types whose CloudFormation delete handler takes a final snapshot named by a
 * property (`DeletionPolicy: Snapshot` does not apply to them): it passes
 * `FinalSnapshotName` to DeleteCluster, DeleteServerlessCache or
 * DeleteNamespace, and the snapshot outlives the resource, as `Snapshot` would.
 * A replacement deletes the old resource through the same handler with its own
 * properties, so the old data is snapshotted then too. A fixed name is taken
 * once: a second delete or replacement fails on the existing snapshot
 * (`SnapshotAlreadyExists`) and the resource stays where it is, an error to
 * clear, not a loss; the name's uniqueness is what the final-snapshot rules
 * ask the user to keep.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-memorydb-cluster.html#cfn-memorydb-cluster-finalsnapshotname
 * @see https://docs.aws.amazon.com/memorydb/latest/APIReference/API_DeleteCluster.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-serverlesscache.html#cfn-elasticache-serverlesscache-finalsnapshotname
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteServerlessCache.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshiftserverless-namespace.html#cfn-redshiftserverless-namespace-finalsnapshotname
 * @see https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_DeleteNamespace.html
 */
const FINAL_SNAPSHOT_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::MemoryDB::Cluster': 'FinalSnapshotName',
  'AWS::ElastiCache::ServerlessCache': 'FinalSnapshotName',
  'AWS::RedshiftServerless::Namespace': 'FinalSnapshotName',
};

/**
 * The final snapshot a resource in CloudFormation's shape (a template,
 * `aws-native`, `awscc`) leaves when CloudFormation deletes or replaces it:
 * the literal name its `FINAL_SNAPSHOT_PROPERTY` gives, or undefined. A name
 * that cannot be read proves nothing.
 */
export function finalSnapshotOnDelete(resource: NormalisedResource): string | undefined {
  const property = FINAL_SNAPSHOT_PROPERTY[resource.type];
  if (!property) return undefined;
  const r = resolveValue(resource.properties[property], resource.document);
  return r.kind === 'known' && typeof r.value === 'string' && r.value.trim() !== '' ? r.value : undefined;
}

/**
 * Transient types, and resources the protection table says hold only transient
 * data (`transientWhen`, read from a literal value), are reported as warnings,
 * unless tagged `deadbolt:data=true`.
 */
export function severityFor(resource: NormalisedResource): 'warning' | undefined {
  if (!isTransientType(resource.type) && !transientByProperty(resource)) return undefined;
  return resourceTags(resource).get(DATA_TAG_KEY) === 'true' ? undefined : 'warning';
}

/**
 * The properties that carry a database's master credentials, by type: where a
 * `{{resolve:secretsmanager:<secret>…}}` dynamic reference (what CDK writes for
 * `Credentials.fromGeneratedSecret`) ties a secret to the database.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
 */
const MASTER_CREDENTIAL_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::RDS::DBInstance': ['MasterUserPassword', 'MasterUsername'],
  'AWS::RDS::DBCluster': ['MasterUserPassword', 'MasterUsername'],
  'AWS::DocDB::DBCluster': ['MasterUserPassword', 'MasterUsername'],
  'AWS::Redshift::Cluster': ['MasterUserPassword', 'MasterUsername'],
  'AWS::RedshiftServerless::Namespace': ['AdminUserPassword', 'AdminUsername'],
  'AWS::DocDBElastic::Cluster': ['AdminUserPassword', 'AdminUserName'],
};

const masterSecretIndexes = new WeakMap<ResourceModel, ReadonlyMap<NormalisedResource, NormalisedResource>>();

/**
 * The database whose master credentials `secret` holds: the target of an
 * `AWS::SecretsManager::SecretTargetAttachment` of the secret, or a database
 * whose master password or user name resolves from it. Undefined for any other
 * secret. (A password RDS manages itself, `ManageMasterUserPassword`, lives in a
 * secret outside the template that RDS deletes with the database.)
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secrettargetattachment.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
 */
export function databaseOfMasterSecret(
  secret: NormalisedResource,
  model: ResourceModel,
): NormalisedResource | undefined {
  if (secret.type !== 'AWS::SecretsManager::Secret') return undefined;
  let index = masterSecretIndexes.get(model);
  if (!index) masterSecretIndexes.set(model, (index = indexMasterSecrets(model)));
  return index.get(secret);
}

function indexMasterSecrets(model: ResourceModel): Map<NormalisedResource, NormalisedResource> {
  const out = new Map<NormalisedResource, NormalisedResource>();
  const secretsIn = (expr: unknown, doc: NormalisedResource['document']) =>
    referencedResources(expr, doc, model).filter((r) => r.type === 'AWS::SecretsManager::Secret');
  for (const doc of model.documents) {
    for (const r of doc.resources.values()) {
      if (r.type === 'AWS::SecretsManager::SecretTargetAttachment') {
        const db = referencedResources(r.properties.TargetId, doc, model).find(
          (t) => MASTER_CREDENTIAL_PROPERTIES[t.type] !== undefined,
        );
        if (db) for (const s of secretsIn(r.properties.SecretId, doc)) if (!out.has(s)) out.set(s, db);
        continue;
      }
      for (const p of MASTER_CREDENTIAL_PROPERTIES[r.type] ?? []) {
        for (const s of secretsIn(r.properties[p], doc)) if (!out.has(s)) out.set(s, r);
      }
    }
  }
  return out;
}

export { quote };

function transientByProperty(resource: NormalisedResource): boolean {
  const when = protectionOf(resource.type)?.transientWhen;
  if (!when) return false;
  const r = resolvePath(resource.properties, when.path, resource.document);
  return r.kind === 'known' && typeof r.value === 'string' && when.matches.test(r.value);
}

/**
 * What a provider resource's options and inputs do when the resource is deleted
 * (Pulumi `destroy`, removal from the program, Terraform `destroy`):
 * - `retainOnDelete: true` (or Terraform `prevent_destroy`) keeps it, like `Retain`;
 * - `protect: true` makes the delete fail, until someone unprotects it;
 * - a database with `skipFinalSnapshot` false and a `finalSnapshotIdentifier`
 *   leaves a final snapshot, like `Snapshot`.
 * An explicit `protect: false` is a finding on its own: Pulumi unprotects and
 * replaces in one `up`, so it undoes the guard in the same run that deletes.
 */
export type ProviderDeletionReading =
  | { readonly kind: 'keeps'; readonly by: string }
  | { readonly kind: 'unprotected' }
  | { readonly kind: 'deletes'; readonly detail: string };

/**
 * Types whose provider resource takes a final snapshot when deleted: the input
 * that names it (PascalCase, as the provider dialect keeps it) and, where the
 * provider has one, the input that skips it.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#final_snapshot_identifier
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#final_snapshot_identifier
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/memorydb_cluster#final_snapshot_name
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lightsail_database#final_snapshot_name
 */
const FINAL_SNAPSHOT_INPUTS: Readonly<
  Record<
    string,
    {
      readonly name: string;
      readonly skip?: string;
      /**
       * Which providers have the input: the AWS provider (`aws_*`, `aws:*`), the Cloud Control providers
       * (`aws-native`, `awscc`, CloudFormation's own properties), or both. @default 'aws'
       */
      readonly in?: 'aws' | 'cloud-control' | 'both';
    }
  >
> = {
  'AWS::RDS::DBInstance': { name: 'FinalSnapshotIdentifier', skip: 'SkipFinalSnapshot' },
  'AWS::RDS::DBCluster': { name: 'FinalSnapshotIdentifier', skip: 'SkipFinalSnapshot' },
  'AWS::DocDB::DBCluster': { name: 'FinalSnapshotIdentifier', skip: 'SkipFinalSnapshot' },
  'AWS::Neptune::DBCluster': { name: 'FinalSnapshotIdentifier', skip: 'SkipFinalSnapshot' },
  'AWS::Redshift::Cluster': { name: 'FinalSnapshotIdentifier', skip: 'SkipFinalSnapshot' },
  'AWS::Lightsail::Database': { name: 'FinalSnapshotName', skip: 'SkipFinalSnapshot' },
  'AWS::ElastiCache::ReplicationGroup': { name: 'FinalSnapshotIdentifier' },
  'AWS::MemoryDB::Cluster': { name: 'FinalSnapshotName', in: 'both' },
  // Only the Cloud Control providers have the input; the AWS provider's resources do not.
  'AWS::ElastiCache::ServerlessCache': { name: 'FinalSnapshotName', in: 'cloud-control' },
  'AWS::RedshiftServerless::Namespace': { name: 'FinalSnapshotName', in: 'cloud-control' },
};

const camel = (s: string) => s[0].toLowerCase() + s.slice(1);

export function readProviderDeletion(
  resource: NormalisedResource,
  forReplacement: boolean,
  model?: ResourceModel,
): ProviderDeletionReading {
  const o = resource.providerOptions ?? {};
  if (o.protect === false) return { kind: 'unprotected' };
  if (o.retainOnDelete === true) return { kind: 'keeps', by: 'retainOnDelete' };
  if (o.preventDestroy === true) return { kind: 'keeps', by: 'prevent_destroy' };
  if (o.protect === true) return { kind: 'keeps', by: 'protect' };
  const terraform = isTerraformResource(resource);
  // Terraform's only guard is `lifecycle { prevent_destroy }`, which the plan JSON does not record: it is known only
  // when the front end read the resource's `.tf` block (`preventDestroy` false), and otherwise said to be unseen.
  // https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
  const unset = terraform
    ? o.preventDestroy === false
      ? '`lifecycle { prevent_destroy = true }` is not set'
      : '`lifecycle { prevent_destroy }` cannot be seen (the plan JSON does not record it; pass the configuration directory with `--terraform-dir` so Deadbolt reads it from the `.tf` files)'
    : forReplacement
      ? 'neither `protect` nor `retainOnDelete` is set'
      : '`retainOnDelete` and `protect` are not set';
  // `aws_ebs_volume` with `final_snapshot = true` snapshots the volume before deleting it, like `Snapshot`.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume#final_snapshot
  if (resource.type === 'AWS::EC2::Volume') {
    const snap = resolveValue(resource.properties.FinalSnapshot, resource.document);
    if (snap.kind === 'known' && (snap.value === true || snap.value === 'true'))
      return { kind: 'keeps', by: 'a final snapshot' };
  }
  // An FSx file system or ONTAP volume that takes a final backup when destroyed (`skip_final_backup` false, which is
  // the provider's default except for Lustre) leaves its data in that backup, like `Snapshot`: the fsx-final-backup
  // rule's reading.
  if (model && (resource.type === 'AWS::FSx::FileSystem' || resource.type === 'AWS::FSx::Volume')) {
    if (takesFinalBackup(resource, model)) return { kind: 'keeps', by: 'a final backup' };
  }
  const cloudControl = /^(aws-native:|awscc_)/.test(resource.nativeType);
  const found = FINAL_SNAPSHOT_INPUTS[resource.type];
  const where = found?.in ?? 'aws';
  const inputs = found && (where === 'both' || (where === 'cloud-control') === cloudControl) ? found : undefined;
  if (inputs) {
    const skip = inputs.skip
      ? resolveValue(resource.properties[inputs.skip], resource.document)
      : ({ kind: 'absent' } as const);
    const name = resolveValue(resource.properties[inputs.name], resource.document);
    const skips = skip.kind === 'known' && (skip.value === true || skip.value === 'true');
    if (
      !skips &&
      skip.kind !== 'unresolved' &&
      name.kind === 'known' &&
      typeof name.value === 'string' &&
      name.value !== ''
    ) {
      return { kind: 'keeps', by: 'a final snapshot' };
    }
    const spell = (pascal: string): string => (terraform ? terraformSpelling(camel(pascal)) : camel(pascal));
    const why = skips
      ? `\`${spell('SkipFinalSnapshot')}\` is true`
      : skip.kind === 'unresolved'
        ? `\`${spell('SkipFinalSnapshot')}\` cannot be read (${skip.reason})`
        : `\`${spell(inputs.name)}\` is not set`;
    return { kind: 'deletes', detail: `${unset}, and ${why}, so no final snapshot is kept` };
  }
  return { kind: 'deletes', detail: unset };
}
