import { defineRule } from '../../engine/rule';
import { hasCloudFormationShape, requireProviderFinalSnapshot } from '../rds/final-snapshot';

/**
 * Terraform/Pulumi Neptune clusters take a final snapshot when they are deleted.
 *
 * `aws_neptune_cluster` takes one only when `skip_final_snapshot` is false
 * (its default) and `final_snapshot_identifier` names it; the cluster's
 * automated backups are deleted with it, so the final snapshot is the copy
 * that is left. Judged whatever `retainOnDelete`, `protect` or
 * `prevent_destroy` say. CloudFormation's final snapshot is
 * `DeletionPolicy: Snapshot`, judged by `general-deletion-policy`: this rule
 * judges provider resources only.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#skip_final_snapshot
 * @see https://docs.aws.amazon.com/neptune/latest/userguide/manage-console-delete.html
 */
export default defineRule({
  id: 'neptune-final-snapshot',
  title: 'Terraform and Pulumi Neptune clusters take a final snapshot when deleted',
  why: 'With skipFinalSnapshot, or without a finalSnapshotIdentifier, a destroy or replacement deletes the cluster and its automated backups and keeps no snapshot of it.',
  fix: 'Set skipFinalSnapshot to false and finalSnapshotIdentifier to a snapshot name on the provider resource.',
  severity: 'error',
  resourceTypes: ['AWS::Neptune::DBCluster'],
  awsProvider(resource) {
    if (hasCloudFormationShape(resource)) return;
    return requireProviderFinalSnapshot(resource, {
      skip: 'SkipFinalSnapshot',
      name: 'FinalSnapshotIdentifier',
      what: 'the cluster',
      fix: {
        cloudformation:
          'CloudFormation has no such argument: its final snapshot is `DeletionPolicy: Snapshot` (see general-deletion-policy).',
        pulumi:
          'Pass `skipFinalSnapshot: false` and `finalSnapshotIdentifier: "<name>-final"` to the `aws.neptune.Cluster`.',
        terraform:
          'Set `skip_final_snapshot = false` and `final_snapshot_identifier = "<name>-final"` on the `aws_neptune_cluster`.',
      },
    });
  },
});
