import { settings } from '../setting';
import type { StoreProtection } from '../store';

/**
 * Keys (whose loss makes data unreadable), audit and log stores, identities,
 * and the transient stores whose loss is recoverable.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protecting-log-groups-from-deletion.html
 */
export const KEY_LOG_AND_QUEUE_STORES: readonly StoreProtection[] = [
  {
    type: 'AWS::KMS::Key',
    holds: 'a key; deleting it makes data encrypted under it unreadable',
    snapshot: false,
    replacement:
      'A replacement creates a new key and schedules the old one for deletion, after which data encrypted under it is unreadable, unless UpdateReplacePolicy keeps it.',
    settings: [settings.keyWindow('kms-key-deletion-window')],
  },
  {
    type: 'AWS::KMS::ReplicaKey',
    holds: 'a key; deleting it makes data encrypted under it unreadable',
    snapshot: false,
    settings: [settings.keyWindow('kms-key-deletion-window')],
  },
  {
    type: 'AWS::Logs::LogGroup',
    holds: 'log events',
    snapshot: false,
    transient: 'operational logs (tag a log group `deadbolt:data=true` to treat it as data)',
    settings: [
      {
        ...settings.deletionProtection(
          'DeletionProtectionEnabled',
          'deletion_protection_enabled',
          false,
          'logs-data-deletion-protection',
        ),
        onlyWhenData: true,
      },
      {
        label: 'log retention',
        lowered: 'log events are deleted sooner',
        kind: 'retention',
        cloudformation: ['RetentionInDays'],
        terraform: ['retention_in_days'],
        absent: 0,
        ruleId: 'logs-data-retention',
        onlyWhenData: true,
      },
    ],
  },
  {
    type: 'AWS::CloudTrail::EventDataStore',
    holds: 'audit events',
    snapshot: false,
    settings: [
      {
        label: 'termination protection',
        lowered: 'termination protection is off',
        kind: 'on-off',
        cloudformation: ['TerminationProtectionEnabled'],
        terraform: ['termination_protection_enabled'],
        absent: true,
        ruleId: 'cloudtrail-event-data-store-termination-protection',
        safe: true,
      },
      {
        label: 'event retention',
        lowered: 'events are deleted sooner',
        kind: 'decrease',
        cloudformation: ['RetentionPeriod'],
        terraform: ['retention_period'],
        absent: 2557,
      },
    ],
  },
  {
    type: 'AWS::Cognito::UserPool',
    holds: 'user identities',
    snapshot: false,
    settings: [
      settings.deletionProtection(
        'DeletionProtection',
        'deletion_protection',
        'INACTIVE',
        'cognito-user-pool-deletion-protection',
        'ACTIVE',
      ),
    ],
  },
  {
    type: 'AWS::SecretsManager::Secret',
    holds: 'a secret',
    snapshot: false,
    transient: 'a secret can be rotated or reset',
    settings: [
      {
        label: 'the secret recovery window',
        lowered: 'a deleted secret can be recovered for fewer days (0: not at all)',
        kind: 'decrease',
        terraform: ['recovery_window_in_days'],
        absent: 30,
      },
    ],
  },
  {
    type: 'AWS::SQS::Queue',
    holds: 'messages',
    snapshot: false,
    transient: 'messages are in flight, not at rest',
    settings: [],
  },
  {
    type: 'AWS::Kinesis::Stream',
    holds: 'stream records',
    snapshot: false,
    transient: 'records expire after the stream retention period',
    settings: [
      {
        label: 'record retention',
        lowered: 'records are deleted sooner',
        kind: 'decrease',
        cloudformation: ['RetentionPeriodHours'],
        terraform: ['retention_period'],
        absent: 24,
        computed: true,
      },
    ],
  },
  {
    type: 'AWS::EMR::Cluster',
    holds: 'a compute cluster',
    snapshot: false,
    transient: 'a compute cluster; its data belongs in S3',
    settings: [],
  },
  {
    type: 'AWS::Organizations::Account',
    holds: 'an AWS account and everything in it',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::CloudHSM::Cluster',
    holds: 'keys in hardware security modules',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::IoTAnalytics::Channel',
    holds: 'raw IoT messages',
    snapshot: false,
    transient: 'raw messages kept for the channel retention period, processed into a data store',
    settings: [],
  },
];
