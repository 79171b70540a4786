import { defineRule } from '../../engine/rule';
import { isClusterMember } from '../../protection/membership';
import { SNAPSHOT_TYPES_TEXT } from '../../protection/table';
import { STATEFUL_TYPES } from '../../spec/stateful-types';
import { finalSnapshotOnDelete, quote, readPolicy, readProviderDeletion, severityFor } from './policy';
import { isTerraformResource } from '../../dialects/terraform-json-names';

/**
 * Stateful resources are kept when a change replaces them.
 *
 * DeletionPolicy does not apply to replacement: an update that changes a
 * replacement-forcing property deletes the old physical resource unless
 * UpdateReplacePolicy is `Retain` or `Snapshot`. Its default is `Delete` for
 * every type, including RDS, whose DeletionPolicy defaults to Snapshot.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html
 */
export default defineRule({
  id: 'general-update-replace-policy',
  title: 'Stateful resources are retained when an update replaces them',
  why: 'An update that changes a replacement-forcing property (an engine, a key, a name) creates a new resource and deletes the old one with its data.',
  fix: 'Set UpdateReplacePolicy to Retain (or RemovalPolicy.RETAIN in CDK, which sets both policies).',
  severity: 'error',
  resourceTypes: STATEFUL_TYPES,
  cloudformation(resource) {
    // A cluster member holds no data of its own: its cluster does, and is judged.
    if (isClusterMember(resource)) return;
    // A replacement deletes the old resource through the same delete handler, so a named final snapshot
    // (MemoryDB, serverless caches, Redshift Serverless namespaces) keeps the old data as `Snapshot` would.
    if (finalSnapshotOnDelete(resource)) return;
    const p = readPolicy(resource, resource.updateReplacePolicy, 'Delete');
    const fix = {
      cloudformation: 'Set `UpdateReplacePolicy: Retain` on the resource.',
      cdk: 'Pass `removalPolicy: RemovalPolicy.RETAIN` to the construct (it sets DeletionPolicy and UpdateReplacePolicy), or set `cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN` on the L1.',
      pulumi: 'Set the `retainOnDelete: true` and `protect: true` resource options.',
      terraform: 'Add `lifecycle { prevent_destroy = true }`.',
    };
    const base = { fix, location: 'UpdateReplacePolicy', severity: severityFor(resource) };
    switch (p.kind) {
      case 'keeps':
      case 'snapshot':
        return;
      case 'snapshot-unsupported':
        return {
          ...base,
          message: `UpdateReplacePolicy is Snapshot, but CloudFormation cannot snapshot ${resource.type} (only ${SNAPSHOT_TYPES_TEXT} support it), so it deletes the resource and its data as if the policy were Delete.`,
        };
      case 'deletes':
        return {
          ...base,
          message: p.defaulted
            ? 'UpdateReplacePolicy is not set (CloudFormation default: Delete).'
            : 'UpdateReplacePolicy is Delete.',
        };
      case 'unresolved':
        return {
          ...base,
          unresolved: true,
          message: `UpdateReplacePolicy is ${quote(p.expression)} and cannot be proven to retain the resource: ${p.reason}.`,
        };
      case 'invalid':
        return {
          ...base,
          message: `UpdateReplacePolicy is ${quote(p.value)}, which is not a policy CloudFormation knows; it cannot be proven to retain the resource.`,
        };
    }
  },
  awsProvider(resource, ctx) {
    // A part resource whose target is not in the stack deletes no data when replaced.
    if (resource.detachedPart || isClusterMember(resource)) return;
    const r = readProviderDeletion(resource, true, ctx.model);
    // An explicit `protect: false` is reported once, by general-deletion-policy.
    if (r.kind !== 'deletes') return;
    return {
      fix: {
        cloudformation: 'Set `UpdateReplacePolicy: Retain` on the resource.',
        pulumi:
          'Set the `protect: true` resource option (a replacement then fails) and `retainOnDelete: true` (a replaced resource is left in place).',
        terraform:
          'Add `lifecycle { prevent_destroy = true }` to the resource block: Terraform then refuses a plan that replaces it.',
      },
      location: isTerraformResource(resource) ? 'lifecycle/prevent_destroy' : 'options/protect',
      severity: severityFor(resource),
      message: `A replacing update deletes the old resource: ${r.detail}.`,
    };
  },
});
