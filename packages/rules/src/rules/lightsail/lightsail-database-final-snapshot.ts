import { defineRule } from '../../engine/rule';
import { hasCloudFormationShape, requireProviderFinalSnapshot } from '../rds/final-snapshot';

/**
 * Terraform/Pulumi Lightsail databases take a final snapshot when they are deleted.
 *
 * `aws_lightsail_database` takes one only when `skip_final_snapshot` is false
 * (its default) and `final_snapshot_name` names it; the database's automated
 * backups are deleted with it, so the final snapshot is the copy that is left.
 * Judged whatever `retainOnDelete`, `protect` or `prevent_destroy` say.
 * CloudFormation's `AWS::Lightsail::Database` has no final snapshot property
 * and `DeletionPolicy: Snapshot` does not apply to it: in a template only the
 * general deletion rules judge it.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lightsail_database#skip_final_snapshot
 * @see https://docs.aws.amazon.com/lightsail/latest/APIReference/API_DeleteRelationalDatabase.html
 */
export default defineRule({
  id: 'lightsail-database-final-snapshot',
  title: 'Terraform and Pulumi Lightsail databases take a final snapshot when deleted',
  why: 'With skipFinalSnapshot, or without a finalSnapshotName, a destroy or replacement deletes the database and its automated backups and keeps no snapshot of it.',
  fix: 'Set skipFinalSnapshot to false and finalSnapshotName to a snapshot name on the provider resource.',
  severity: 'error',
  resourceTypes: ['AWS::Lightsail::Database'],
  awsProvider(resource) {
    if (hasCloudFormationShape(resource)) return;
    return requireProviderFinalSnapshot(resource, {
      skip: 'SkipFinalSnapshot',
      name: 'FinalSnapshotName',
      what: 'the database',
      fix: {
        cloudformation:
          'CloudFormation has no such property for a Lightsail database: keep it with `DeletionPolicy: Retain` (see general-deletion-policy).',
        pulumi:
          'Pass `skipFinalSnapshot: false` and `finalSnapshotName: "<name>-final"` to the `aws.lightsail.Database`.',
        terraform:
          'Set `skip_final_snapshot = false` and `final_snapshot_name = "<name>-final"` on the `aws_lightsail_database`.',
      },
    });
  },
});
