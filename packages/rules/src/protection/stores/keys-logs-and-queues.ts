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
  // Kafka keeps every record on the brokers' storage for the topic's retention (unlimited with `retention.ms=-1`,
  // and compacted topics are kept as the latest value per key): a topic is often the system of record, not a buffer.
  // Deleting the cluster deletes the brokers' storage with it.
  // https://docs.aws.amazon.com/msk/latest/developerguide/delete-cluster.html
  {
    type: 'AWS::MSK::Cluster',
    holds: 'Kafka topics: the records retained on the broker storage',
    snapshot: false,
    settings: [],
  },
  // https://docs.aws.amazon.com/msk/latest/developerguide/serverless.html
  {
    type: 'AWS::MSK::ServerlessCluster',
    holds: 'Kafka topics: the records retained for each topic',
    snapshot: false,
    settings: [],
  },
  // A topic resource: deleting it deletes the records retained in it.
  // https://docs.aws.amazon.com/msk/latest/developerguide/msk-topics.html
  {
    type: 'AWS::MSK::Topic',
    holds: 'a Kafka topic and the records retained in it',
    snapshot: false,
    settings: [],
  },
  // A MemoryDB snapshot and an FSx backup are the backups of their stores: deleting one deletes the backup.
  {
    type: 'AWS::MemoryDB::Snapshot',
    holds: 'a MemoryDB snapshot (a backup)',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::FSx::Backup',
    holds: 'an FSx backup',
    snapshot: false,
    settings: [],
  },
  // Persistent messages are kept on the broker's storage (EFS or EBS) until consumed; deleting the broker deletes them.
  // https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/amazon-mq-broker-architecture.html
  {
    type: 'AWS::AmazonMQ::Broker',
    holds: 'queued messages on the broker storage',
    snapshot: false,
    transient: 'messages are in flight, not at rest',
    settings: [],
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
