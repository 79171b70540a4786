import { asNumber, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { plural } from '../../text/plural';

/**
 * Neptune clusters keep automated backups for at least the minimum retention
 * (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * `BackupRetentionPeriod` on `AWS::Neptune::DBCluster` defaults to 1 day.
 * @see https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-overview.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbcluster.html#cfn-neptune-dbcluster-backupretentionperiod
 */
export default defineRule({
  id: 'neptune-backup-retention',
  title: 'Neptune clusters keep automated backups for at least the minimum retention',
  why: 'Automated backups older than the retention period are deleted, so data lost or corrupted earlier than that cannot be restored.',
  fix: 'Set BackupRetentionPeriod to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: ['AWS::Neptune::DBCluster'],
  cloudformation(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    return requireProperty(resource, {
      path: ['BackupRetentionPeriod'],
      want: `at least ${plural(min, 'day')}`,
      test: (v) => (asNumber(v) ?? -1) >= min,
      absentMeans: min > 1 ? `1 day, under the minimum of ${plural(min, 'day')}` : undefined,
      fix: {
        cloudformation: `Set \`BackupRetentionPeriod: ${min}\` (or more, up to 35) on the resource.`,
        cdk: `Set \`backupRetentionPeriod: ${min}\` (or more) on the \`neptune.CfnDBCluster\` (or pass \`backupRetention: Duration.days(${min})\` to the \`DatabaseCluster\` of \`@aws-cdk/aws-neptune-alpha\`).`,
        pulumi: `Pass \`backupRetentionPeriod: ${min}\` (or more) to the \`aws.neptune.Cluster\`.`,
        terraform: `Set \`backup_retention_period = ${min}\` (or more).`,
      },
    });
  },
});
