import { asNumber, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { plural } from '../../text/plural';

/**
 * DocumentDB elastic clusters keep automatic snapshots for at least the
 * minimum retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * `BackupRetentionPeriod` on `AWS::DocDBElastic::Cluster` defaults to 1 day
 * (1 to 35); snapshots older than that are deleted.
 * @see https://docs.aws.amazon.com/documentdb/latest/developerguide/elastic-managing.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdbelastic-cluster.html#cfn-docdbelastic-cluster-backupretentionperiod
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdbelastic_cluster#backup_retention_period
 */
export default defineRule({
  id: 'docdb-elastic-backup-retention',
  title: 'DocumentDB elastic clusters keep automatic snapshots for at least the minimum retention',
  why: 'Automatic snapshots older than the retention period are deleted, so data lost or corrupted earlier than that cannot be restored.',
  fix: 'Set BackupRetentionPeriod to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: ['AWS::DocDBElastic::Cluster'],
  cloudformation(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    return requireProperty(resource, {
      path: ['BackupRetentionPeriod'],
      want: `at least ${plural(min, 'day')}`,
      test: (v) => (asNumber(v) ?? -1) >= min,
      absentMeans: min > 1 ? `1 day, under the minimum of ${plural(min, 'day')}` : undefined,
      fix: {
        cloudformation: `Set \`BackupRetentionPeriod: ${min}\` (or more, up to 35) on the resource.`,
        cdk: `Set \`backupRetentionPeriod: ${min}\` (or more) on the \`docdbelastic.CfnCluster\`.`,
        pulumi: `Pass \`backupRetentionPeriod: ${min}\` (or more) to the \`aws.docdb.ElasticCluster\`.`,
        terraform: `Set \`backup_retention_period = ${min}\` (or more) on the \`aws_docdbelastic_cluster\`.`,
      },
    });
  },
});
