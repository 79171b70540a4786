import { asNumber, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/** The longest waiting period KMS allows, and its default. */
export const MAX_PENDING_WINDOW_DAYS = 30;

/**
 * KMS keys keep the longest deletion waiting period.
 *
 * A key scheduled for deletion is destroyed when its waiting period ends
 * (7 to 30 days, default 30); everything encrypted under it, snapshots and
 * recovery points included, is unreadable from then on. The full 30 days is
 * the longest time anyone has to notice and call CancelKeyDeletion. Absent
 * means 30. The key's DeletionPolicy is judged by `general-deletion-policy`.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html#deleting-keys-how-it-works
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html#cfn-kms-key-pendingwindowindays
 */
export default defineRule({
  id: 'kms-key-deletion-window',
  title: 'KMS keys have the 30-day deletion waiting period',
  why: 'When a shorter waiting period ends the key is destroyed, and every snapshot and recovery point encrypted under it becomes unreadable for good.',
  fix: 'Leave PendingWindowInDays unset or set it to 30.',
  severity: 'error',
  resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  cloudformation(resource) {
    const replica = resource.type === 'AWS::KMS::ReplicaKey';
    return requireProperty(resource, {
      path: ['PendingWindowInDays'],
      want: `${MAX_PENDING_WINDOW_DAYS}`,
      test: (v) => (asNumber(v) ?? 0) >= MAX_PENDING_WINDOW_DAYS,
      fix: {
        cloudformation: 'Remove `PendingWindowInDays` from the key, or set it to 30.',
        cdk: replica
          ? 'Set `pendingWindowInDays: 30` on the `CfnReplicaKey` (or remove it).'
          : 'Pass `pendingWindow: Duration.days(30)` to the `Key` (or remove `pendingWindow`; the default is 30 days).',
        pulumi: `Set \`deletionWindowInDays: 30\` on the \`${replica ? 'aws.kms.ReplicaKey' : 'aws.kms.Key'}\` (or leave it unset).`,
        terraform: `Set \`deletion_window_in_days = 30\` on the \`${replica ? 'aws_kms_replica_key' : 'aws_kms_key'}\` (or leave it unset).`,
      },
    });
  },
});
