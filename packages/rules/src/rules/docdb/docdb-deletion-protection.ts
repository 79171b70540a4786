import { requireTrue } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * DocumentDB clusters and global clusters have deletion protection on.
 *
 * `DeletionProtection` defaults to false on `AWS::DocDB::DBCluster` and
 * `AWS::DocDB::GlobalCluster` created through CloudFormation or the API (only
 * the console turns it on by default).
 * @see https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-delete.html#db-cluster-deletion-protection
 */
export default defineRule({
  id: 'docdb-deletion-protection',
  title: 'DocumentDB clusters have deletion protection on',
  why: 'A stack delete or one DeleteDBCluster/DeleteGlobalCluster call removes the cluster, and with it every automated backup.',
  fix: 'Set DeletionProtection to true.',
  severity: 'error',
  resourceTypes: ['AWS::DocDB::DBCluster', 'AWS::DocDB::GlobalCluster'],
  cloudformation(resource) {
    const global = resource.type === 'AWS::DocDB::GlobalCluster';
    return requireTrue(resource, ['DeletionProtection'], {
      cloudformation: 'Set `DeletionProtection: true` on the resource.',
      cdk: global
        ? 'Set `deletionProtection: true` on the `docdb.CfnGlobalCluster`.'
        : 'Pass `deletionProtection: true` to the `docdb.DatabaseCluster` (or set `deletionProtection = true` on the L1 `CfnDBCluster`).',
      pulumi: global
        ? 'Pass `deletionProtection: true` to the `aws.docdb.GlobalCluster`.'
        : 'Pass `deletionProtection: true` to the `aws.docdb.Cluster`.',
      terraform: 'Set `deletion_protection = true`.',
    });
  },
});
