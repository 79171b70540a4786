import type { StoreProtection } from '../store';

/**
 * Types that hold no data of their own but whose settings decide what is kept
 * elsewhere: the plan gate blocks a change that lowers them, as it does for a
 * data store's own settings. They are not data stores (no removal rules).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/preserving-volumes-on-termination.html
 */
export const PROTECTING_TYPES: readonly StoreProtection[] = [
  {
    type: 'AWS::Backup::BackupPlan',
    holds: 'no data: the schedule and retention of recovery points',
    protectsOnly: 'how long the recovery points of every selected resource are kept',
    snapshot: false,
    settings: [
      {
        label: 'the retention of recovery points',
        lowered: 'recovery points are deleted sooner',
        // No lifecycle: kept until deleted by hand.
        kind: 'retention',
        cloudformation: ['BackupPlan.BackupPlanRule[*].Lifecycle.DeleteAfterDays'],
        terraform: ['rule[*].lifecycle[0].delete_after'],
        absent: 0,
        ruleId: 'backup-plan-retention',
      },
      {
        label: 'the retention of backup copies',
        lowered: 'copies are deleted sooner',
        kind: 'retention',
        cloudformation: ['BackupPlan.BackupPlanRule[*].CopyActions[*].Lifecycle.DeleteAfterDays'],
        terraform: ['rule[*].copy_action[*].lifecycle[0].delete_after'],
        absent: 0,
        ruleId: 'backup-plan-retention',
      },
    ],
  },
  {
    type: 'AWS::EC2::Instance',
    holds: 'no data of its own: its EBS volumes hold it',
    protectsOnly: 'the data volumes attached at launch',
    snapshot: false,
    settings: [
      {
        label: 'keeping a data volume when the instance terminates',
        lowered: 'the volume and its data are deleted when the instance terminates',
        kind: 'off-on',
        cloudformation: ['BlockDeviceMappings[*].Ebs.DeleteOnTermination'],
        terraform: ['ebs_block_device[*].delete_on_termination'],
        // A volume in a launch block device mapping is deleted on termination unless told otherwise.
        absent: true,
        ruleId: 'ec2-no-delete-on-termination',
      },
    ],
  },
  {
    type: 'AWS::EC2::LaunchTemplate',
    holds: 'no data: the volumes its instances launch with',
    protectsOnly: 'the data volumes of the instances it launches',
    snapshot: false,
    settings: [
      {
        label: 'keeping a data volume when an instance terminates',
        lowered: 'the volumes and their data are deleted when its instances terminate',
        kind: 'off-on',
        cloudformation: ['LaunchTemplateData.BlockDeviceMappings[*].Ebs.DeleteOnTermination'],
        terraform: ['block_device_mappings[*].ebs[0].delete_on_termination'],
        ruleId: 'ec2-no-delete-on-termination',
      },
    ],
  },
];
