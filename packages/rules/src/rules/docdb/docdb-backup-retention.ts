import { asNumber, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { plural } from '../../text/plural';

/**
 * DocumentDB clusters keep automated backups for at least the minimum retention
 * (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * `BackupRetentionPeriod` on `AWS::DocDB::DBCluster` defaults to 1 day (1 to 35).
 * @see https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbcluster.html#cfn-docdb-dbcluster-backupretentionperiod
 */
export default defineRule({
  id: 'docdb-backup-retention',
  title: 'DocumentDB clusters keep automated backups for at least the minimum retention',
  why: 'Automated backups older than the retention period are deleted, so data lost or corrupted earlier than that cannot be restored.',
  fix: 'Set BackupRetentionPeriod to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  cloudformation(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    return requireProperty(resource, {
      path: ['BackupRetentionPeriod'],
      want: `at least ${plural(min, 'day')}`,
      test: (v) => (asNumber(v) ?? -1) >= min,
      absentMeans: min > 1 ? `1 day, under the minimum of ${plural(min, 'day')}` : undefined,
      fix: {
        cloudformation: `Set \`BackupRetentionPeriod: ${min}\` (or more, up to 35) on the resource.`,
        cdk: `Pass \`backup: { retention: Duration.days(${min}) }\` (or more) to the \`docdb.DatabaseCluster\`.`,
        pulumi: `Pass \`backupRetentionPeriod: ${min}\` (or more) to the \`aws.docdb.Cluster\`.`,
        terraform: `Set \`backup_retention_period = ${min}\` (or more).`,
      },
    });
  },
});
