import { asNumber, requireProperty } from '../../engine/read';
import { defineRule, type RuleContext, type Violation } from '../../engine/rule';
import type { NormalisedResource } from '../../model';
import { plural } from '../../text/plural';
import { hasCloudFormationShape, requireFinalSnapshotName, requireProviderFinalSnapshot } from '../rds/final-snapshot';

/**
 * Redshift clusters and Redshift Serverless namespaces take a final snapshot
 * when they are deleted.
 *
 * A cluster's automated snapshots are deleted with it, so the final snapshot
 * is the copy that is left. In CloudFormation a cluster's final snapshot is
 * `DeletionPolicy: Snapshot`, judged by `general-deletion-policy`; in
 * Terraform/Pulumi `aws_redshift_cluster` takes one only when
 * `skip_final_snapshot` is false (its default) and `final_snapshot_identifier`
 * names it, judged here whatever `retainOnDelete`, `protect` or
 * `prevent_destroy` say. A Serverless namespace cannot be snapshotted by a
 * `DeletionPolicy`: CloudFormation takes its final snapshot only when
 * `FinalSnapshotName` is set, and keeps it for `FinalSnapshotRetentionPeriod`
 * days (indefinitely when unset or -1), which must then be at least the
 * minimum retention. The Terraform provider's namespace has no final snapshot
 * argument: nothing to judge there.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#skip_final_snapshot
 * @see https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshiftserverless-namespace.html#cfn-redshiftserverless-namespace-finalsnapshotname
 * @see https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_DeleteNamespace.html
 */
export default defineRule({
  id: 'redshift-final-snapshot',
  title: 'Redshift clusters and Serverless namespaces take a final snapshot when deleted',
  why: 'Without a final snapshot, deleting or replacing the warehouse deletes its data and its automated snapshots, and nothing is left to restore once its other guards are lifted.',
  fix: 'Set FinalSnapshotName on Serverless namespaces; on Terraform/Pulumi clusters set skipFinalSnapshot to false and name the finalSnapshotIdentifier.',
  severity: 'error',
  resourceTypes: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Namespace'],
  cloudformation: judgeNamespace,
  awsProvider(resource, ctx) {
    if (hasCloudFormationShape(resource)) return judgeNamespace(resource, ctx);
    if (resource.type !== 'AWS::Redshift::Cluster') return;
    return requireProviderFinalSnapshot(resource, {
      skip: 'SkipFinalSnapshot',
      name: 'FinalSnapshotIdentifier',
      what: 'the cluster',
      fix: {
        cloudformation:
          "CloudFormation has no such argument: a cluster's final snapshot is `DeletionPolicy: Snapshot` (see general-deletion-policy).",
        pulumi:
          'Pass `skipFinalSnapshot: false` and `finalSnapshotIdentifier: "<name>-final"` to the `aws.redshift.Cluster`.',
        terraform:
          'Set `skip_final_snapshot = false` and `final_snapshot_identifier = "<name>-final"` on the `aws_redshift_cluster`.',
      },
    });
  },
});

/** A Serverless namespace (in a template, or an `aws-native`/`awscc` resource): a named final snapshot, kept long enough. */
function judgeNamespace(resource: NormalisedResource, ctx: RuleContext): Violation | undefined {
  // A cluster's final snapshot is its DeletionPolicy (general-deletion-policy).
  if (resource.type !== 'AWS::RedshiftServerless::Namespace') return;
  const min = ctx.options.minimumBackupRetentionDays;
  const fix = {
    cloudformation: `Set \`FinalSnapshotName\` (a name no other snapshot uses) on the resource, and leave \`FinalSnapshotRetentionPeriod\` unset or at least ${min}.`,
    cdk: `Set \`finalSnapshotName\` on the \`redshiftserverless.CfnNamespace\` (and \`finalSnapshotRetentionPeriod\` unset or at least ${min}).`,
    // Only Pulumi aws-native and Terraform awscc namespaces have the argument: the AWS provider's has none.
    pulumi: `Pass \`finalSnapshotName\` (and \`finalSnapshotRetentionPeriod\` unset or at least ${min}) to the \`redshiftserverless.Namespace\` of \`@pulumi/aws-native\`.`,
    terraform: `Set \`final_snapshot_name\` (and \`final_snapshot_retention_period\` unset or at least ${min}) on the \`awscc_redshiftserverless_namespace\`.`,
  };
  return (
    requireFinalSnapshotName(resource, 'FinalSnapshotName', 'the namespace', fix) ??
    requireProperty(resource, {
      path: ['FinalSnapshotRetentionPeriod'],
      want: `-1 (kept indefinitely) or at least ${plural(min, 'day')}`,
      test: (v) => asNumber(v) === -1 || (asNumber(v) ?? -2) >= min,
      fix,
    })
  );
}
