import { defineRule } from '../../engine/rule';
import type { FixText } from '../../model';
import { requireFinalSnapshotName } from '../rds/final-snapshot';

/**
 * MemoryDB clusters take a final snapshot when they are deleted.
 *
 * CloudFormation cannot snapshot a MemoryDB cluster through `DeletionPolicy`;
 * it takes a final snapshot only when `FinalSnapshotName` is set, and the
 * Terraform/Pulumi provider only when `final_snapshot_name` is. Automatic
 * snapshots go with the cluster, so the final snapshot is the copy that is
 * left. Judged whatever `DeletionPolicy`, `retainOnDelete`, `protect` or
 * `prevent_destroy` say: those are lifted before a deliberate delete.
 * @see https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-final.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-memorydb-cluster.html#cfn-memorydb-cluster-finalsnapshotname
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/memorydb_cluster#final_snapshot_name
 */
const FIX: FixText = {
  cloudformation: 'Set `FinalSnapshotName` (a name no other snapshot uses) on the resource.',
  cdk: 'Set `finalSnapshotName` on the `memorydb.CfnCluster`.',
  pulumi: 'Pass `finalSnapshotName: "<name>-final"` to the `aws.memorydb.Cluster`.',
  terraform: 'Set `final_snapshot_name = "<name>-final"` on the `aws_memorydb_cluster`.',
};

export default defineRule({
  id: 'memorydb-final-snapshot',
  title: 'MemoryDB clusters take a final snapshot when deleted',
  why: 'Without a final snapshot, deleting or replacing the cluster deletes its data and its automatic snapshots, and nothing is left to restore.',
  fix: 'Set FinalSnapshotName (final_snapshot_name in Terraform) on the cluster.',
  severity: 'error',
  resourceTypes: ['AWS::MemoryDB::Cluster'],
  // The provider's `final_snapshot_name` translates to `FinalSnapshotName`: one evaluator judges both dialects.
  cloudformation: (resource) => requireFinalSnapshotName(resource, 'FinalSnapshotName', 'the cluster', FIX),
});
