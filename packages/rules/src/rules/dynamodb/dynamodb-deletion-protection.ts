import { defineRule } from '../../engine/rule';
import { eachReplica, isProviderTableReplica, requireTrue, tableAndReplicas } from './replicas';

/**
 * DynamoDB tables have deletion protection on, on every replica.
 *
 * `DeletionProtectionEnabled` defaults to false on `AWS::DynamoDB::Table` and on
 * each entry of `AWS::DynamoDB::GlobalTable` `Replicas` (every replica is its own
 * table, deletable on its own). `AWS::Serverless::SimpleTable` has no such
 * property, so a SAM simple table cannot be protected at all.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-replicaspecification.html
 */
const PROVIDER_FIX = {
  cloudformation: 'Set `DeletionProtectionEnabled: true` on the table and on every entry of `Replicas`.',
  pulumi:
    'Pass `deletionProtectionEnabled: true` to the `aws.dynamodb.Table` and set `deletionProtectionEnabled: true` on every entry of its `replicas`.',
  terraform: 'Set `deletion_protection_enabled = true` on the table and in every `replica` block.',
};

/** `aws_dynamodb_table_replica` / `aws.dynamodb.TableReplica`: one replica, managed on its own. */
const REPLICA_FIX = {
  cloudformation: 'Set `DeletionProtectionEnabled: true` on the entry of `Replicas` for that region.',
  pulumi: 'Pass `deletionProtectionEnabled: true` to the `aws.dynamodb.TableReplica`.',
  terraform: 'Set `deletion_protection_enabled = true` on the `aws_dynamodb_table_replica`.',
};

const rule = defineRule({
  id: 'dynamodb-deletion-protection',
  title: 'DynamoDB tables have deletion protection on, on every replica',
  why: 'A stack delete, a replacement or one DeleteTable call removes the table and every item in it.',
  fix: 'Set DeletionProtectionEnabled to true (on every replica of a global table).',
  severity: 'error',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
  awsProvider(resource, ctx) {
    // aws-native global tables are CloudFormation's own shape.
    if (resource.type !== 'AWS::DynamoDB::Table') return rule.cloudformation!(resource, ctx);
    if (isProviderTableReplica(resource)) return requireTrue(resource, ['DeletionProtectionEnabled'], REPLICA_FIX);
    const own = requireTrue(resource, ['DeletionProtectionEnabled'], PROVIDER_FIX);
    return tableAndReplicas(resource, own, ['DeletionProtectionEnabled'], 'deletionProtectionEnabled', PROVIDER_FIX);
  },
  cloudformation(resource) {
    switch (resource.type) {
      case 'AWS::Serverless::SimpleTable':
        return {
          message:
            'AWS::Serverless::SimpleTable has no DeletionProtectionEnabled property, so the table cannot be protected.',
          fix: {
            cloudformation:
              'Declare the table as an `AWS::DynamoDB::Table` under the same logical id (SAM deploys a simple table as one, so the table is updated, not replaced) with `DeletionProtectionEnabled: true`.',
            cdk: 'Replace the `sam.CfnSimpleTable` with a `dynamodb.CfnTable` of the same construct id in the same scope (so the logical id, and the table, stay) that sets `deletionProtectionEnabled: true`; a `Table` L2 would get a new logical id and replace the table.',
          },
        };
      case 'AWS::DynamoDB::Table':
        return requireTrue(resource, ['DeletionProtectionEnabled'], {
          cloudformation: 'Set `DeletionProtectionEnabled: true` on the resource.',
          cdk: 'Pass `deletionProtection: true` to the `Table` (or set `deletionProtectionEnabled = true` on the L1 `CfnTable`).',
          pulumi: 'Pass `deletionProtectionEnabled: true` to the `aws.dynamodb.Table`.',
          terraform: 'Set `deletion_protection_enabled = true`.',
        });
      default:
        return eachReplica(resource, ['DeletionProtectionEnabled'], {
          cloudformation: 'Set `DeletionProtectionEnabled: true` on every entry of `Replicas`.',
          cdk: 'Pass `deletionProtection: true` to the `TableV2` (every replica inherits it) and remove any `deletionProtection: false` from its `replicas`.',
          pulumi:
            'Set `deletionProtectionEnabled: true` on the `aws.dynamodb.Table` and on every entry of its `replicas` (or on each `aws.dynamodb.TableReplica`).',
          terraform:
            'Set `deletion_protection_enabled = true` on the table and in every `replica` block (or on each `aws_dynamodb_table_replica`).',
        });
    }
  },
});

export default rule;
