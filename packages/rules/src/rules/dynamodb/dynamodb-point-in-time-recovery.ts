import { defineRule } from '../../engine/rule';
import { eachReplica, isProviderTableReplica, requireTrue, tableAndReplicas } from './replicas';

/**
 * DynamoDB tables have point-in-time recovery on, on every replica.
 *
 * `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` defaults to
 * false on `AWS::DynamoDB::Table` and on each entry of `AWS::DynamoDB::GlobalTable`
 * `Replicas`. Without it, items overwritten or deleted by mistake cannot be
 * restored. `AWS::Serverless::SimpleTable` cannot turn it on.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
 */
const PROVIDER_FIX = {
  cloudformation:
    'Set `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` on the table and every replica.',
  pulumi:
    'Pass `pointInTimeRecovery: { enabled: true }` to the `aws.dynamodb.Table` and set `pointInTimeRecovery: true` on every entry of its `replicas`.',
  terraform:
    'Add `point_in_time_recovery { enabled = true }` and set `point_in_time_recovery = true` in every `replica` block.',
};

/** `aws_dynamodb_table_replica` / `aws.dynamodb.TableReplica`: one replica, managed on its own. */
const REPLICA_FIX = {
  cloudformation:
    'Set `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` on the entry of `Replicas` for that region.',
  pulumi: 'Pass `pointInTimeRecovery: true` to the `aws.dynamodb.TableReplica`.',
  terraform: 'Set `point_in_time_recovery = true` on the `aws_dynamodb_table_replica`.',
};

const rule = defineRule({
  id: 'dynamodb-point-in-time-recovery',
  title: 'DynamoDB tables have point-in-time recovery on, on every replica',
  why: 'Without point-in-time recovery, items that a bad deploy, a bug or a person overwrites or deletes cannot be restored to any earlier second.',
  fix: 'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true (on every replica of a global table).',
  severity: 'error',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
  awsProvider(resource, ctx) {
    // aws-native global tables are CloudFormation's own shape.
    if (resource.type !== 'AWS::DynamoDB::Table') return rule.cloudformation!(resource, ctx);
    const path = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];
    if (isProviderTableReplica(resource)) return requireTrue(resource, path, REPLICA_FIX);
    return tableAndReplicas(
      resource,
      requireTrue(resource, path, PROVIDER_FIX),
      path,
      'pointInTimeRecovery',
      PROVIDER_FIX,
    );
  },
  cloudformation(resource) {
    const path = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];
    switch (resource.type) {
      case 'AWS::Serverless::SimpleTable':
        return {
          message:
            'AWS::Serverless::SimpleTable has no PointInTimeRecoverySpecification property, so point-in-time recovery cannot be turned on.',
          fix: {
            cloudformation:
              'Declare the table as an `AWS::DynamoDB::Table` under the same logical id (SAM deploys a simple table as one, so the table is updated, not replaced) with `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }`.',
            cdk: 'Replace the `sam.CfnSimpleTable` with a `dynamodb.CfnTable` of the same construct id in the same scope (so the logical id, and the table, stay) that sets `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }`; a `Table` L2 would get a new logical id and replace the table.',
          },
        };
      case 'AWS::DynamoDB::Table':
        return requireTrue(resource, path, {
          cloudformation:
            'Set `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` on the resource.',
          cdk: 'Pass `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` to the `Table` (`pointInTimeRecovery: true` is deprecated).',
          pulumi: 'Pass `pointInTimeRecovery: { enabled: true }` to the `aws.dynamodb.Table`.',
          terraform: 'Add `point_in_time_recovery { enabled = true }`.',
        });
      default:
        return eachReplica(resource, path, {
          cloudformation:
            'Set `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` on every entry of `Replicas`.',
          cdk: 'Pass `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }` to the `TableV2` (every replica inherits it) and remove any replica-level setting that turns it off.',
          pulumi:
            'Pass `pointInTimeRecovery: { enabled: true }` to the `aws.dynamodb.Table` and set `pointInTimeRecovery: true` on every entry of its `replicas`.',
          terraform:
            'Add `point_in_time_recovery { enabled = true }` and set `point_in_time_recovery = true` in every `replica` block.',
        });
    }
  },
});

export default rule;
