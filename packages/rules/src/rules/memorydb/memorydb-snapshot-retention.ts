import { requireRetention } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * MemoryDB clusters keep automatic snapshots for at least the minimum
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * MemoryDB's transaction log makes every write durable, but it also makes
 * every mistake durable: a FLUSHALL or a bad batch is replayed, not undone.
 * Only a snapshot from before it restores the data. `SnapshotRetentionLimit`
 * 0 turns automatic snapshots off; CloudFormation documents no default and
 * the Terraform provider documents 0, so an unset limit is read as 0.
 * @see https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-automatic.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-memorydb-cluster.html#cfn-memorydb-cluster-snapshotretentionlimit
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/memorydb_cluster#snapshot_retention_limit
 */
export default defineRule({
  id: 'memorydb-snapshot-retention',
  title: 'MemoryDB clusters keep automatic snapshots for at least the minimum retention',
  why: 'The durable log replays a FLUSHALL or a bad write like any other, so without automatic snapshots kept for at least the minimum there is no point before the loss to restore from.',
  fix: 'Set SnapshotRetentionLimit to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: ['AWS::MemoryDB::Cluster'],
  cloudformation(resource, ctx) {
    const min = ctx.options.minimumBackupRetentionDays;
    const fix = {
      cloudformation: `Set \`SnapshotRetentionLimit: ${min}\` (or more, up to 35) on the resource.`,
      cdk: `Set \`snapshotRetentionLimit: ${min}\` (or more) on the \`memorydb.CfnCluster\`.`,
      pulumi: `Pass \`snapshotRetentionLimit: ${min}\` (or more) to the \`aws.memorydb.Cluster\`.`,
      terraform: `Set \`snapshot_retention_limit = ${min}\` (or more) on the \`aws_memorydb_cluster\`.`,
    };
    return requireRetention(resource, {
      path: ['SnapshotRetentionLimit'],
      min,
      off: 'automatic snapshots',
      absentMeans: '0, no automatic snapshots',
      fix,
    });
  },
});
