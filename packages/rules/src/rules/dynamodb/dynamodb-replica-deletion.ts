import { asBoolean, readProperty, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import type { FixText, NormalisedResource } from '../../model';

/** The aws-cdk-lib custom resource that adds a replica of a `Table` (`replicationRegions`) in another region. */
export const DYNAMODB_REPLICA = 'Custom::DynamoDBReplica';

const FIX: FixText = {
  cloudformation: 'Set `SkipReplicaDeletion: true` on the `Custom::DynamoDBReplica` resource.',
  cdk: 'Pass `replicaRemovalPolicy: RemovalPolicy.RETAIN` to the `Table` with the feature flag `"@aws-cdk/aws-dynamodb:retainTableReplica": true` in the `context` of cdk.json (without the flag CDK never sets `SkipReplicaDeletion`), or move to `TableV2`, whose replicas are part of the table resource and follow its removal policy.',
};

/**
 * DynamoDB replica tables made by CDK's `Table` are kept when the stack is deleted.
 *
 * A `Table` with `replicationRegions` adds one `Custom::DynamoDBReplica` per
 * region. On its Delete event (stack delete, the region leaving the list, the
 * table being removed, or the custom resource being replaced) the aws-cdk-lib
 * handler calls `UpdateTable` with a replica `Delete` for that region, which
 * deletes the replica table and its data, unless `SkipReplicaDeletion` is
 * `"true"` (CloudFormation passes custom resource properties as strings). CDK
 * sets it only with the feature flag `@aws-cdk/aws-dynamodb:retainTableReplica`
 * and a retained table (or `replicaRemovalPolicy: RETAIN`), so an app without
 * the flag loses its replicas even when the table itself is retained.
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_dynamodb.Table.html#replicaremovalpolicy
 * @see https://github.com/aws/aws-cdk/blob/main/packages/@aws-cdk/custom-resource-handlers/lib/aws-dynamodb/replica-handler/index.ts
 */
export default defineRule({
  id: 'dynamodb-replica-deletion',
  title: 'DynamoDB replica tables are not deleted with the stack',
  why: 'Deleting the stack, removing the region from `replicationRegions` or replacing the replica resource deletes the replica table in that region with its data, even when the source table is retained.',
  fix: 'Set SkipReplicaDeletion to true on the replica custom resource (CDK: `replicaRemovalPolicy: RemovalPolicy.RETAIN` with the retainTableReplica feature flag).',
  severity: 'error',
  resourceTypes: [DYNAMODB_REPLICA],
  cloudformation(resource) {
    if (readProperty(resource, 'SkipReplicaDeletion').kind === 'absent') {
      return {
        fix: FIX,
        location: 'Properties/SkipReplicaDeletion',
        message: `SkipReplicaDeletion is not set: the replica's Delete event deletes the replica table${regionOf(resource)} and its data.`,
      };
    }
    return requireProperty(resource, {
      path: ['SkipReplicaDeletion'],
      want: 'true',
      test: (v) => asBoolean(v) === true,
      absentMeans: 'the replica table is deleted',
      fix: FIX,
    });
  },
});

function regionOf(resource: NormalisedResource): string {
  const r = readProperty(resource, 'Region');
  return r.kind === 'known' && typeof r.value === 'string' ? ` in ${r.value}` : '';
}
