import { defineRule, type RuleContext, type Violation } from '../../engine/rule';
import type { NormalisedResource } from '../../model';
import { hasCloudFormationShape, requireFinalSnapshotName, requireProviderFinalSnapshot } from '../rds/final-snapshot';
import { isMemcached } from './engine';

/**
 * ElastiCache replication groups and serverless caches take a final snapshot
 * when they are deleted.
 *
 * Automatic snapshots are deleted with the cache, so the final snapshot is the
 * copy that is left. A serverless cache cannot be snapshotted by a
 * `DeletionPolicy`: CloudFormation takes its final snapshot only when
 * `FinalSnapshotName` is set (the Terraform provider's serverless cache has no
 * such argument: nothing to judge there). A replication group has no such
 * property in CloudFormation, where `DeletionPolicy: Snapshot` is its final
 * snapshot (judged by `general-deletion-policy`); in Terraform/Pulumi
 * `aws_elasticache_replication_group` takes one only when
 * `final_snapshot_identifier` names it, judged here whatever
 * `retainOnDelete`, `protect` or `prevent_destroy` say. Memcached is a cache
 * and is left alone.
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-serverlesscache.html#cfn-elasticache-serverlesscache-finalsnapshotname
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#final_snapshot_identifier
 */
export default defineRule({
  id: 'elasticache-final-snapshot',
  title: 'ElastiCache replication groups and serverless caches take a final snapshot when deleted',
  why: 'Without a final snapshot, deleting or replacing the cache deletes its data and its automatic snapshots, and nothing is left to restore.',
  fix: 'Set FinalSnapshotName on serverless caches and finalSnapshotIdentifier on Terraform/Pulumi replication groups.',
  severity: 'error',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::ServerlessCache'],
  cloudformation: judgeServerless,
  awsProvider(resource, ctx) {
    if (hasCloudFormationShape(resource)) return judgeServerless(resource, ctx);
    if (resource.type !== 'AWS::ElastiCache::ReplicationGroup') return;
    return requireProviderFinalSnapshot(resource, {
      name: 'FinalSnapshotIdentifier',
      what: 'the replication group',
      fix: {
        cloudformation:
          "CloudFormation has no such property: a replication group's final snapshot is `DeletionPolicy: Snapshot` (see general-deletion-policy).",
        pulumi: 'Pass `finalSnapshotIdentifier: "<name>-final"` to the `aws.elasticache.ReplicationGroup`.',
        terraform: 'Set `final_snapshot_identifier = "<name>-final"` on the `aws_elasticache_replication_group`.',
      },
    });
  },
});

/** A serverless cache (in a template, or an `aws-native`/`awscc` resource): a named final snapshot. */
function judgeServerless(resource: NormalisedResource, _ctx: RuleContext): Violation | undefined {
  // A replication group's final snapshot is its DeletionPolicy (general-deletion-policy).
  if (resource.type !== 'AWS::ElastiCache::ServerlessCache' || isMemcached(resource)) return;
  return requireFinalSnapshotName(resource, 'FinalSnapshotName', 'the cache', {
    cloudformation: 'Set `FinalSnapshotName` (a name no other snapshot uses) on the resource.',
    cdk: 'Set `finalSnapshotName` on the `elasticache.CfnServerlessCache`.',
    // Only Pulumi aws-native and Terraform awscc caches have the argument: the AWS provider's has none.
    pulumi: 'Pass `finalSnapshotName` to the `elasticache.ServerlessCache` of `@pulumi/aws-native`.',
    terraform: 'Set `final_snapshot_name` on the `awscc_elasticache_serverless_cache`.',
  });
}
