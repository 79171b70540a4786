import { requireRetention } from '../../engine/read';
import { plural } from '../../text/plural';
import { defineRule } from '../../engine/rule';

/**
 * Redshift clusters keep automated snapshots for at least the minimum
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * `AutomatedSnapshotRetentionPeriod` on `AWS::Redshift::Cluster` defaults to
 * 1 day (0 to 35); 0 turns automated snapshots off. Automated snapshots are
 * deleted when the retention period ends and when the cluster is deleted.
 * Redshift Serverless keeps its recovery points for a fixed period, with no
 * setting to judge.
 * @see https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html#cfn-redshift-cluster-automatedsnapshotretentionperiod
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#automated_snapshot_retention_period
 */
export default defineRule({
  id: 'redshift-snapshot-retention',
  title: 'Redshift clusters keep automated snapshots for at least the minimum retention',
  why: 'Automated snapshots older than the retention period are deleted, so data lost or corrupted earlier than that cannot be restored, and with a period of 0 there are no automated snapshots at all.',
  fix: 'Set AutomatedSnapshotRetentionPeriod to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: ['AWS::Redshift::Cluster'],
  cloudformation(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const fix = {
      cloudformation: `Set \`AutomatedSnapshotRetentionPeriod: ${min}\` (or more, up to 35) on the resource.`,
      cdk: `Set \`automatedSnapshotRetentionPeriod: ${min}\` (or more) on the \`redshift.CfnCluster\` (the \`Cluster\` of \`@aws-cdk/aws-redshift-alpha\` has no prop for it: use \`node.defaultChild\`).`,
      pulumi: `Pass \`automatedSnapshotRetentionPeriod: ${min}\` (or more) to the \`aws.redshift.Cluster\`.`,
      terraform: `Set \`automated_snapshot_retention_period = ${min}\` (or more) on the \`aws_redshift_cluster\`.`,
    };
    return requireRetention(resource, {
      path: ['AutomatedSnapshotRetentionPeriod'],
      min,
      off: 'automated snapshots',
      absentMeans: min > 1 ? `1 day, under the minimum of ${plural(min, 'day')}` : undefined,
      fix,
    });
  },
});
