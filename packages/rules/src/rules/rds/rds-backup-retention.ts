import { requireRetention } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { plural } from '../../text/plural';
import { isClusterMember, isReadReplica } from '../../protection/membership';

/**
 * RDS databases keep automated backups for at least the minimum retention
 * (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * `BackupRetentionPeriod` defaults to 1 day on `AWS::RDS::DBInstance` and
 * `AWS::RDS::DBCluster`; on an instance, 0 turns automated backups off. Instances
 * inside a cluster are judged by their cluster, and read replicas (whose backups
 * CloudFormation says not to set) by their source.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-backupretentionperiod
 */
export default defineRule({
  id: 'rds-backup-retention',
  title: 'RDS databases keep automated backups for at least the minimum retention',
  why: 'Automated backups older than the retention period are deleted, so data lost or corrupted earlier than that cannot be restored, and with a period of 0 there are no automated backups at all.',
  fix: 'Set BackupRetentionPeriod to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  cloudformation(resource, ctx) {
    const instance = resource.type === 'AWS::RDS::DBInstance';
    if (instance && isClusterMember(resource)) return;
    if (instance && isReadReplica(resource)) return;
    const min = ctx.options.minimumBackupRetentionDays;
    const fix = {
      cloudformation: `Set \`BackupRetentionPeriod: ${min}\` (or more, up to 35) on the resource.`,
      cdk: instance
        ? `Pass \`backupRetention: Duration.days(${min})\` (or more) to the \`DatabaseInstance\`.`
        : `Pass \`backup: { retention: Duration.days(${min}) }\` (or more) to the \`DatabaseCluster\`.`,
      pulumi: `Pass \`backupRetentionPeriod: ${min}\` (or more) in the resource args.`,
      terraform: `Set \`backup_retention_period = ${min}\` (or more).`,
    };
    return requireRetention(resource, {
      path: ['BackupRetentionPeriod'],
      min,
      off: 'automated backups',
      absentMeans: min > 1 ? `1 day, under the minimum of ${plural(min, 'day')}` : undefined,
      fix,
    });
  },
});
