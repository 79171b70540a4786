import { MINIMUM_RETENTION, settings } from '../setting';
import type { StoreProtection } from '../store';

/**
 * DynamoDB tables. Point-in-time recovery is off unless enabled; its period
 * (1 to 35 days) defaults to 35 days, on a table and on each replica of a
 * global table.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
 */
export const DYNAMODB_STORES: readonly StoreProtection[] = [
  {
    type: 'AWS::DynamoDB::Table',
    holds: 'a key-value and document table',
    snapshot: false,
    settings: [
      settings.deletionProtection(
        'DeletionProtectionEnabled',
        'deletion_protection_enabled',
        false,
        'dynamodb-deletion-protection',
      ),
      {
        label: 'point-in-time recovery',
        lowered: 'point-in-time recovery is off',
        kind: 'on-off',
        cloudformation: ['PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'],
        terraform: ['point_in_time_recovery[0].enabled'],
        absent: false,
        ruleId: 'dynamodb-point-in-time-recovery',
        safe: true,
      },
      {
        label: 'the point-in-time recovery period',
        lowered: 'point-in-time recovery reaches back fewer days',
        kind: 'decrease',
        cloudformation: ['PointInTimeRecoverySpecification.RecoveryPeriodInDays'],
        terraform: ['point_in_time_recovery[0].recovery_period_in_days'],
        absent: 35,
        computed: true,
        ruleId: 'dynamodb-point-in-time-recovery-period',
        // The configured minimum, which the rule caps at the service's 35 days.
        safe: MINIMUM_RETENTION,
      },
      {
        label: 'point-in-time recovery of each replica',
        lowered: 'point-in-time recovery of a replica is off',
        kind: 'on-off',
        terraform: ['replica[*].point_in_time_recovery'],
        absent: false,
      },
      {
        label: 'deletion protection of each replica',
        lowered: 'deletion protection of a replica is off',
        kind: 'on-off',
        terraform: ['replica[*].deletion_protection_enabled'],
        absent: false,
      },
      // A replica managed on its own (`aws_dynamodb_table_replica`) writes point-in-time recovery as a boolean
      // argument, not the table's block; off unless set.
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table_replica#point_in_time_recovery
      {
        label: 'point-in-time recovery of the replica',
        lowered: 'point-in-time recovery of the replica is off',
        kind: 'on-off',
        terraform: ['point_in_time_recovery'],
        providerTypes: ['aws_dynamodb_table_replica', 'aws:dynamodb/tableReplica:TableReplica'],
        absent: false,
      },
    ],
  },
  {
    type: 'AWS::DynamoDB::GlobalTable',
    holds: 'a multi-Region key-value and document table',
    snapshot: false,
    settings: [
      {
        label: 'deletion protection of each replica',
        lowered: 'deletion protection of a replica is off',
        kind: 'on-off',
        cloudformation: ['Replicas[*].DeletionProtectionEnabled'],
        absent: false,
        ruleId: 'dynamodb-deletion-protection',
      },
      {
        label: 'point-in-time recovery of each replica',
        lowered: 'point-in-time recovery of a replica is off',
        kind: 'on-off',
        cloudformation: ['Replicas[*].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'],
        absent: false,
        ruleId: 'dynamodb-point-in-time-recovery',
      },
      {
        label: 'the point-in-time recovery period of each replica',
        lowered: 'point-in-time recovery of a replica reaches back fewer days',
        kind: 'decrease',
        cloudformation: ['Replicas[*].PointInTimeRecoverySpecification.RecoveryPeriodInDays'],
        absent: 35,
        ruleId: 'dynamodb-point-in-time-recovery-period',
      },
    ],
  },
  {
    type: 'AWS::Serverless::SimpleTable',
    holds: 'a SAM DynamoDB table (no deletion protection or point-in-time recovery can be set on it)',
    snapshot: false,
    settings: [],
  },
];
