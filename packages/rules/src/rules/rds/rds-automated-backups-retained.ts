import { requireFalse } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { isClusterMember, isReadReplica } from '../../protection/membership';

/**
 * RDS databases keep their automated backups when the database is deleted.
 *
 * `DeleteAutomatedBackups` defaults to true on both `AWS::RDS::DBInstance` and
 * `AWS::RDS::DBCluster`: deleting the database deletes its automated backups
 * (and every point-in-time restore they allow) with it. For a cluster, RDS keeps
 * them only when an AWS Backup plan has a point-in-time restore rule for it,
 * which the template cannot promise. Instances inside a cluster are judged by
 * their cluster; read replicas have no automated backups of their own to keep.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-deleteautomatedbackups
 */
export default defineRule({
  id: 'rds-automated-backups-retained',
  title: 'RDS databases keep their automated backups after deletion',
  why: 'Deleting the database (a stack delete, a replacement or one DeleteDBInstance/DeleteDBCluster call) deletes its automated backups with it, and every point-in-time restore goes with them.',
  fix: 'Set DeleteAutomatedBackups to false.',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  cloudformation(resource) {
    const instance = resource.type === 'AWS::RDS::DBInstance';
    if (instance && isClusterMember(resource)) return;
    if (instance && isReadReplica(resource)) return;
    return requireFalse(resource, ['DeleteAutomatedBackups'], {
      cloudformation: 'Set `DeleteAutomatedBackups: false` on the resource.',
      cdk: instance
        ? 'Pass `deleteAutomatedBackups: false` to the `DatabaseInstance` (or set `deleteAutomatedBackups = false` on the L1 `CfnDBInstance`).'
        : 'Pass `deleteAutomatedBackups: false` to the `DatabaseCluster` (or set `(cluster.node.defaultChild as CfnDBCluster).deleteAutomatedBackups = false`).',
      pulumi: 'Pass `deleteAutomatedBackups: false` in the resource args.',
      terraform: 'Set `delete_automated_backups = false`.',
    });
  },
});
