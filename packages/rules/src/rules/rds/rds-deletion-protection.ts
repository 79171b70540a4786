import { requireTrue } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { isClusterMember } from '../../protection/membership';

/**
 * RDS databases have deletion protection on.
 *
 * An instance that belongs to a cluster is protected by its cluster's setting
 * (the instance's own flag does not apply to Aurora), so only standalone
 * instances, clusters and global clusters are judged.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
 */
export default defineRule({
  id: 'rds-deletion-protection',
  title: 'RDS databases have deletion protection on',
  why: 'A stack delete or one DeleteDBInstance/DeleteDBCluster call removes the database, and with it every automated backup that is not explicitly kept.',
  fix: 'Set DeletionProtection to true.',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::RDS::GlobalCluster'],
  cloudformation(resource) {
    if (isClusterMember(resource)) return;
    return requireTrue(resource, ['DeletionProtection'], {
      cloudformation: 'Set `DeletionProtection: true` on the resource.',
      cdk:
        resource.type === 'AWS::RDS::GlobalCluster'
          ? 'Set `deletionProtection: true` on the `CfnGlobalCluster`.'
          : 'Pass `deletionProtection: true` to the `DatabaseInstance`/`DatabaseCluster` (or set `deletionProtection = true` on the L1 `CfnDBInstance`/`CfnDBCluster`).',
      pulumi: 'Pass `deletionProtection: true` in the resource args.',
      terraform: 'Set `deletion_protection = true`.',
    });
  },
});
