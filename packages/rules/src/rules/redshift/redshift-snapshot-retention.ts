import { asNumber, labelOf, locationOf, readProperty, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { plural } from '../../text/plural';

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
    const path = ['AutomatedSnapshotRetentionPeriod'];
    const r = readProperty(resource, ...path);
    if (r.kind === 'known' && asNumber(r.value) === 0) {
      return {
        fix,
        location: locationOf(resource, path),
        message: `${labelOf(resource, path)} is ${JSON.stringify(r.value)}, which turns automated snapshots off; it must be at least ${plural(min, 'day')}.`,
      };
    }
    return requireProperty(resource, {
      path,
      want: `at least ${plural(min, 'day')}`,
      test: (v) => (asNumber(v) ?? -1) >= min,
      absentMeans: min > 1 ? `1 day, under the minimum of ${plural(min, 'day')}` : undefined,
      fix,
    });
  },
});
