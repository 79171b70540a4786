import { defineRule } from '../../engine/rule';
import { isClusterMember } from '../../protection/membership';
import { SNAPSHOT_TYPES_TEXT } from '../../protection/table';
import { STATEFUL_TYPES } from '../../spec/stateful-types';
import { nameOf } from '../../model';
import {
  databaseOfMasterSecret,
  defaultDeletionPolicy,
  finalSnapshotOnDelete,
  quote,
  readPolicy,
  readProviderDeletion,
  severityFor,
} from './policy';
import { isTerraformResource } from '../../dialects/terraform-json-names';

/**
 * Terraform has no setting that keeps a resource when it is destroyed: `prevent_destroy` makes every plan that
 * would destroy it fail while the block is in the configuration, and a `removed` block with `destroy = false`
 * (Terraform 1.7+) forgets, rather than destroys, a resource whose block is taken out.
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
 * @see https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
 */
export const TERRAFORM_KEEP =
  'Add `lifecycle { prevent_destroy = true }` to the resource block (Terraform then refuses any plan that destroys or replaces it); to take the block out of the configuration, write a `removed` block in its place (`from = <address>` and `lifecycle { destroy = false }`, Terraform 1.7+), which forgets the resource instead of destroying it.';

/**
 * Stateful resources are kept when removed from the stack.
 *
 * CloudFormation deletes a resource whose DeletionPolicy is `Delete` (the default
 * for almost every type) when the stack is deleted or the resource leaves the
 * template. `Snapshot` keeps a final snapshot and passes; `Retain` and
 * `RetainExceptOnCreate` keep the resource.
 *
 * For the Terraform/Pulumi AWS provider the same guarantee is a resource
 * option: `retainOnDelete` (or `protect`, or a final snapshot for databases).
 * An explicit `protect: false` is refused: Pulumi unprotects and replaces in
 * one `up`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
 */
export default defineRule({
  id: 'general-deletion-policy',
  title: 'Stateful resources are retained when removed from the stack',
  why: 'Deleting the stack, or removing the resource from the template, deletes the resource and the data in it.',
  fix: 'Set DeletionPolicy to Retain (or RemovalPolicy.RETAIN in CDK).',
  severity: 'error',
  resourceTypes: STATEFUL_TYPES,
  cloudformation(resource, ctx) {
    // A cluster member holds no data of its own: its cluster does, and is judged.
    if (isClusterMember(resource)) return;
    // A MemoryDB cluster, serverless cache or Redshift Serverless namespace with a named final snapshot keeps its data
    // in that snapshot when CloudFormation deletes it, as `DeletionPolicy: Snapshot` does for the types it covers.
    if (finalSnapshotOnDelete(resource)) return;
    const fallback = defaultDeletionPolicy(resource);
    const p = readPolicy(resource, resource.deletionPolicy, fallback);
    const fix = {
      cloudformation: 'Set `DeletionPolicy: Retain` on the resource.',
      cdk: 'Pass `removalPolicy: RemovalPolicy.RETAIN` to the construct (or call `applyRemovalPolicy(RemovalPolicy.RETAIN)`), and remove any `RemovalPolicies.of(...).destroy()` that reaches it.',
      pulumi: 'Set the `retainOnDelete: true` and `protect: true` resource options.',
      terraform: TERRAFORM_KEEP,
    };
    // A secret is transient (rotated, reset), except a database's master credentials: CloudFormation deletes a
    // secret with no recovery window, while the database (kept, or snapshotted by RDS's default DeletionPolicy)
    // and every snapshot restored from it keep that master password, which then exists nowhere.
    // @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
    const database = databaseOfMasterSecret(resource, ctx.model);
    const base = {
      fix: database
        ? {
            ...fix,
            cdk: "Retain the secret the database's credentials live in: `(db.node.findChild('Secret') as secretsmanager.Secret).applyRemovalPolicy(RemovalPolicy.RETAIN)` for the one the database generates (`db.secret` is its attachment, not the secret), or `Credentials.fromSecret(secret)` with a secret you retain; and remove any `RemovalPolicies.of(...).destroy()` that reaches it.",
          }
        : fix,
      location: 'DeletionPolicy',
      severity: database ? undefined : severityFor(resource),
    };
    const master = database
      ? ` It holds the master credentials of ${nameOf(database)} (${database.type}): CloudFormation deletes a secret without a recovery window, while the database, its snapshots and every database restored from them keep the master password, which then exists nowhere (getting back in needs a master password reset).`
      : '';
    switch (p.kind) {
      case 'keeps':
      case 'snapshot':
        return;
      case 'snapshot-unsupported':
        return {
          ...base,
          message: `DeletionPolicy is Snapshot, but CloudFormation cannot snapshot ${resource.type} (only ${SNAPSHOT_TYPES_TEXT} support it), so it deletes the resource and its data as if the policy were Delete.${master}`,
        };
      case 'deletes':
        return {
          ...base,
          message:
            (p.defaulted
              ? `DeletionPolicy is not set (CloudFormation default for ${resource.type}: Delete).`
              : 'DeletionPolicy is Delete.') + master,
        };
      case 'unresolved':
        return {
          ...base,
          unresolved: true,
          message: `DeletionPolicy is ${quote(p.expression)} and cannot be proven to retain the resource: ${p.reason}.${master}`,
        };
      case 'invalid':
        return {
          ...base,
          message: `DeletionPolicy is ${quote(p.value)}, which is not a policy CloudFormation knows; it cannot be proven to retain the resource.${master}`,
        };
    }
  },
  awsProvider(resource, ctx) {
    // A part resource whose target is not in the stack (`aws.s3.BucketVersioning` of an existing bucket) deletes no
    // data when it is removed: only the target's own resource can, and it is not in this stack.
    if (resource.detachedPart || isClusterMember(resource)) return;
    const fix = {
      cloudformation: 'Set `DeletionPolicy: Retain` on the resource.',
      pulumi:
        'Set the `retainOnDelete: true` and `protect: true` resource options (`enforceDataProtection()` adds them where they are unset), and remove any `protect: false`.',
      terraform: TERRAFORM_KEEP,
    };
    const terraform = isTerraformResource(resource);
    const base = {
      fix,
      location: terraform ? 'lifecycle/prevent_destroy' : 'options/retainOnDelete',
      severity: severityFor(resource),
    };
    const r = readProviderDeletion(resource, false, ctx.model);
    switch (r.kind) {
      case 'keeps':
        return;
      case 'unprotected':
        return {
          ...base,
          location: 'options/protect',
          message:
            '`protect` is explicitly false: one `pulumi up` can unprotect the resource and delete or replace it in the same run.',
        };
      case 'deletes':
        return {
          ...base,
          message: terraform
            ? `\`terraform destroy\`, or removing the resource block, deletes the resource and its data: ${r.detail}.`
            : `The resource is deleted with the stack or when removed from the program: ${r.detail}.`,
        };
    }
  },
});
