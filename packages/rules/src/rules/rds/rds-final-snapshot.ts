import { defineRule } from '../../engine/rule';
import { isClusterMember, isReadReplica } from '../../protection/membership';
import { hasCloudFormationShape, requireProviderFinalSnapshot } from './final-snapshot';

/**
 * Terraform/Pulumi RDS databases take a final snapshot when they are deleted.
 *
 * `aws_db_instance` and `aws_rds_cluster` take one only when
 * `skip_final_snapshot` is false (its default) and `final_snapshot_identifier`
 * names it; a delete deletes the automated backups too unless
 * `delete_automated_backups` is false, so the final snapshot is the copy that
 * is left. Judged whatever `retainOnDelete`, `protect` or `prevent_destroy`
 * say: those are lifted before a deliberate delete. Instances of a cluster
 * (the cluster's snapshot holds their data) and read replicas (RDS takes no
 * final snapshot of a replica) are left alone. CloudFormation has no such
 * argument: `DeletionPolicy: Snapshot` is its final snapshot, judged by
 * `general-deletion-policy`, so this rule judges provider resources only.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#skip_final_snapshot
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#skip_final_snapshot
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html
 */
export default defineRule({
  id: 'rds-final-snapshot',
  title: 'Terraform and Pulumi RDS databases take a final snapshot when deleted',
  why: 'With skipFinalSnapshot, or without a finalSnapshotIdentifier, a destroy or replacement deletes the database and keeps no snapshot of it, so nothing is left to restore once its other guards are lifted.',
  fix: 'Set skipFinalSnapshot to false and finalSnapshotIdentifier to a snapshot name on the provider resource.',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  awsProvider(resource) {
    if (hasCloudFormationShape(resource)) return;
    const instance = resource.type === 'AWS::RDS::DBInstance';
    if (instance && (isClusterMember(resource) || isReadReplica(resource))) return;
    const resourceName = instance ? ['aws.rds.Instance', 'aws_db_instance'] : ['aws.rds.Cluster', 'aws_rds_cluster'];
    return requireProviderFinalSnapshot(resource, {
      skip: 'SkipFinalSnapshot',
      name: 'FinalSnapshotIdentifier',
      what: instance ? 'the database' : 'the cluster',
      fix: {
        cloudformation:
          'CloudFormation has no such argument: its final snapshot is `DeletionPolicy: Snapshot` (see general-deletion-policy).',
        pulumi: `Pass \`skipFinalSnapshot: false\` and \`finalSnapshotIdentifier: "<name>-final"\` to the \`${resourceName[0]}\`.`,
        terraform: `Set \`skip_final_snapshot = false\` and \`final_snapshot_identifier = "<name>-final"\` on the \`${resourceName[1]}\`.`,
      },
    });
  },
});
