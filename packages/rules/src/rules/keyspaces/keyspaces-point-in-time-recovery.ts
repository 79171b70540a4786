import { requireTrue } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * Keyspaces tables have point-in-time recovery on.
 *
 * `PointInTimeRecoveryEnabled` on `AWS::Cassandra::Table` defaults to false
 * (Terraform/Pulumi: `point_in_time_recovery { status = "DISABLED" }`). With
 * it on, a table can be restored to any second of the last 35 days, and a
 * deleted table for 35 days after its deletion; without it there is no copy.
 * @see https://docs.aws.amazon.com/keyspaces/latest/devguide/PointInTimeRecovery.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cassandra-table.html#cfn-cassandra-table-pointintimerecoveryenabled
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/keyspaces_table#point_in_time_recovery
 */
export default defineRule({
  id: 'keyspaces-point-in-time-recovery',
  title: 'Keyspaces tables have point-in-time recovery on',
  why: 'Without point-in-time recovery a deleted table, a bad write or a dropped row cannot be restored: Keyspaces keeps no other copy.',
  fix: 'Set PointInTimeRecoveryEnabled to true.',
  severity: 'error',
  resourceTypes: ['AWS::Cassandra::Table'],
  cloudformation(resource) {
    return requireTrue(resource, ['PointInTimeRecoveryEnabled'], {
      cloudformation: 'Set `PointInTimeRecoveryEnabled: true` on the resource.',
      cdk: 'Set `pointInTimeRecoveryEnabled: true` on the `cassandra.CfnTable`.',
      pulumi: 'Pass `pointInTimeRecovery: { status: "ENABLED" }` to the `aws.keyspaces.Table`.',
      terraform: 'Add `point_in_time_recovery { status = "ENABLED" }` to the `aws_keyspaces_table`.',
    });
  },
});
