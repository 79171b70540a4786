import { settings, type ProtectiveSetting } from '../setting';
import type { StoreProtection } from '../store';

/**
 * Object, file and block storage, and the vaults that hold backups.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 * @see https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html
 * @see https://docs.aws.amazon.com/fsx/latest/WindowsGuide/using-backups.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export const STORAGE_STORES: readonly StoreProtection[] = [
  {
    type: 'AWS::S3::Bucket',
    holds: 'an object store',
    snapshot: false,
    settings: [
      {
        label: 'versioning',
        lowered: 'versioning is suspended, so an overwrite or delete loses the object',
        kind: 'on-off',
        cloudformation: ['VersioningConfiguration.Status'],
        terraform: ['versioning[0].enabled', 'versioning_configuration[0].status'],
        pulumi: ['versionings[0].enabled'],
        absent: false,
        ruleId: 's3-versioning',
        safe: 'Enabled',
      },
      {
        label: 'Object Lock',
        lowered: 'Object Lock is off',
        kind: 'on-off',
        cloudformation: ['ObjectLockEnabled'],
        terraform: ['object_lock_enabled'],
        absent: false,
        computed: true,
      },
      {
        label: 'the Object Lock default retention',
        lowered: 'locked objects can be deleted sooner',
        kind: 'decrease',
        cloudformation: ['ObjectLockConfiguration.Rule.DefaultRetention.Days'],
        terraform: ['rule[0].default_retention[0].days'],
        absent: 0,
      },
      {
        label: 'the Object Lock default retention',
        lowered: 'locked objects can be deleted sooner',
        kind: 'decrease',
        cloudformation: ['ObjectLockConfiguration.Rule.DefaultRetention.Years'],
        terraform: ['rule[0].default_retention[0].years'],
        absent: 0,
      },
      settings.forceDestroy(),
      // Lifecycle expirations: no expiration (0 here) keeps objects and versions for good.
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
      {
        label: 'noncurrent version retention of each lifecycle rule',
        lowered: 'noncurrent versions are deleted sooner, so an overwrite or delete becomes unrecoverable sooner',
        kind: 'retention',
        cloudformation: [
          'LifecycleConfiguration.Rules[*].NoncurrentVersionExpiration.NoncurrentDays',
          'LifecycleConfiguration.Rules[*].NoncurrentVersionExpirationInDays',
        ],
        // `aws_s3_bucket_lifecycle_configuration`, and the legacy inline `lifecycle_rule` of `aws_s3_bucket`.
        terraform: [
          'rule[*].noncurrent_version_expiration[0].noncurrent_days',
          'lifecycle_rule[*].noncurrent_version_expiration[0].days',
        ],
        pulumi: [
          'rules[*].noncurrentVersionExpiration.noncurrentDays',
          'lifecycleRules[*].noncurrentVersionExpiration.days',
        ],
        absent: 0,
        ruleId: 's3-noncurrent-version-retention',
      },
      {
        label: 'object expiration of each lifecycle rule',
        lowered: 'objects are deleted sooner after they are created',
        kind: 'retention',
        cloudformation: ['LifecycleConfiguration.Rules[*].ExpirationInDays'],
        terraform: ['rule[*].expiration[0].days', 'lifecycle_rule[*].expiration[0].days'],
        pulumi: ['rules[*].expiration.days', 'lifecycleRules[*].expiration.days'],
        absent: 0,
        ruleId: 's3-lifecycle-expiration',
      },
    ],
  },
  {
    type: 'AWS::S3Express::DirectoryBucket',
    holds: 'an object store (S3 Express One Zone)',
    snapshot: false,
    settings: [],
  },
  { type: 'AWS::S3Vectors::VectorBucket', holds: 'vector indexes', snapshot: false, settings: [] },
  { type: 'AWS::S3Vectors::Index', holds: 'a vector index', snapshot: false, settings: [] },
  { type: 'AWS::Lightsail::Bucket', holds: 'an object store', snapshot: false, settings: [] },
  {
    type: 'AWS::Glacier::Vault',
    holds: 'archives (the Terraform/Pulumi `aws_glacier_vault`; CloudFormation has no type for it)',
    snapshot: false,
    settings: [],
  },
  { type: 'AWS::S3Tables::TableBucket', holds: 'Iceberg tables', snapshot: false, settings: [] },
  { type: 'AWS::S3Tables::Table', holds: 'an Iceberg table', snapshot: false, settings: [] },
  {
    type: 'AWS::EFS::FileSystem',
    holds: 'a shared file system',
    snapshot: false,
    settings: [
      {
        label: 'automatic backups',
        lowered: 'automatic backups are off',
        kind: 'on-off',
        cloudformation: ['BackupPolicy.Status'],
        terraform: ['backup_policy[0].status'],
        absent: 'DISABLED',
        ruleId: 'efs-automatic-backups',
        safe: 'ENABLED',
      },
      // ENABLED (the default) keeps the file system from being made the destination
      // of a replication, which overwrites it. No `safe` value: a replication
      // destination must be DISABLED, which only the user can decide.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-efs-filesystem-filesystemprotection.html
      {
        label: 'replication overwrite protection',
        lowered: 'replication overwrite protection is off, so a replication can overwrite the file system',
        kind: 'on-off',
        cloudformation: ['FileSystemProtection.ReplicationOverwriteProtection'],
        terraform: ['protection[0].replication_overwrite'],
        absent: 'ENABLED',
        computed: true,
        ruleId: 'efs-replication-overwrite-protection',
      },
    ],
  },
  // Each variant keeps its automatic backups for its own default number of days
  // (Windows, ONTAP, OpenZFS 30; Lustre 0, and scratch Lustre cannot keep any),
  // so each has a setting of its own. None has a `safe` value: the fixer writes
  // a single-path setting whether or not the variant's configuration exists.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-windowsconfiguration.html
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-lustreconfiguration.html
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-ontapconfiguration.html
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-openzfsconfiguration.html
  {
    type: 'AWS::FSx::FileSystem',
    holds: 'a file system',
    snapshot: false,
    // Scratch Lustre file systems are temporary by design and take no backups.
    // https://docs.aws.amazon.com/fsx/latest/LustreGuide/using-backups-fsx.html
    transientWhen: {
      path: ['LustreConfiguration', 'DeploymentType'],
      matches: /^SCRATCH_/i,
      reason: 'a scratch Lustre file system is temporary storage and takes no backups',
    },
    settings: [
      fsxBackupRetention('WindowsConfiguration', 30),
      fsxBackupRetention('LustreConfiguration', 0),
      fsxBackupRetention('OntapConfiguration', 30),
      fsxBackupRetention('OpenZFSConfiguration', 30),
      // Terraform/Pulumi only: CloudFormation has no property for it. The
      // provider default is false, except on `aws_fsx_lustre_file_system`, where
      // it is true (the state always records the value, so the gate reads it).
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/fsx_lustre_file_system
      {
        label: 'a final backup on delete',
        lowered: 'no final backup is taken when it is deleted',
        kind: 'off-on',
        terraform: ['skip_final_backup'],
        absent: false,
        ruleId: 'fsx-final-backup',
        providerSafe: false,
      },
      // Deleting an OpenZFS file system with this option also deletes its child
      // volumes and every snapshot; without it the delete fails while they exist.
      // https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteFileSystemOpenZFSConfiguration.html
      {
        label: 'refusing to delete a file system that has child volumes or snapshots',
        lowered: 'deleting it also deletes its child volumes and snapshots',
        kind: 'off-on',
        cloudformation: ['OpenZFSConfiguration.Options'],
        terraform: ['delete_options'],
        absent: false,
        ruleId: 'fsx-no-delete-child-volumes',
      },
    ],
  },
  {
    type: 'AWS::FSx::Volume',
    holds: 'a file system volume',
    snapshot: false,
    settings: [
      // `aws_fsx_ontap_volume`: FSx takes a final backup of a deleted volume unless told to skip it.
      // https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteVolumeOntapConfiguration.html
      {
        label: 'a final backup on delete',
        lowered: 'no final backup is taken when it is deleted',
        kind: 'off-on',
        terraform: ['skip_final_backup'],
        absent: false,
        ruleId: 'fsx-final-backup',
        providerSafe: false,
      },
      {
        label: 'refusing to delete a volume that has child volumes or snapshots',
        lowered: 'deleting it also deletes its child volumes and snapshots',
        kind: 'off-on',
        cloudformation: ['OpenZFSConfiguration.Options'],
        terraform: ['delete_volume_options'],
        absent: false,
        ruleId: 'fsx-no-delete-child-volumes',
      },
      // `aws_fsx_ontap_volume`: lets a destroy delete a SnapLock Enterprise volume
      // whose WORM files are still under retention.
      // https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteVolumeOntapConfiguration.html
      {
        label: 'SnapLock retention on delete',
        lowered: 'deleting it also deletes WORM files that are still under retention',
        kind: 'off-on',
        terraform: ['bypass_snaplock_enterprise_retention'],
        absent: false,
      },
    ],
  },
  { type: 'AWS::FSx::Snapshot', holds: 'a volume snapshot (a backup)', snapshot: false, settings: [] },
  {
    type: 'AWS::FSx::StorageVirtualMachine',
    holds: 'a storage virtual machine (deleting it requires deleting its volumes)',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::EC2::Volume',
    holds: 'a block storage volume',
    snapshot: true,
    settings: [
      // `aws_ebs_volume.final_snapshot` (default false): a snapshot is taken before the volume is destroyed.
      // A mapped volume's `DeleteOnTermination` is judged on its instance (ec2-no-delete-on-termination).
      // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume
      {
        label: 'a final snapshot on delete',
        lowered: 'no snapshot is taken when it is deleted',
        kind: 'on-off',
        terraform: ['final_snapshot'],
        absent: false,
      },
    ],
  },
  { type: 'AWS::Lightsail::Disk', holds: 'a block storage disk', snapshot: false, settings: [] },
  {
    type: 'AWS::Backup::BackupVault',
    holds: 'recovery points (backups)',
    snapshot: false,
    settings: [
      {
        label: 'the vault lock',
        lowered: 'the vault lock is removed, so recovery points can be deleted',
        kind: 'presence',
        cloudformation: ['LockConfiguration'],
        terraform: ['backup_vault_name'],
        pulumi: ['backupVaultName'],
        ruleId: 'backup-vault-compliance-lock',
      },
      {
        label: 'compliance mode of the vault lock',
        lowered: 'the vault lock is no longer in compliance mode, so it can be removed',
        kind: 'presence',
        cloudformation: ['LockConfiguration.ChangeableForDays'],
        terraform: ['changeable_for_days'],
        ruleId: 'backup-vault-compliance-lock',
      },
      {
        label: 'the vault lock minimum retention',
        lowered: 'recovery points can be deleted sooner',
        kind: 'decrease',
        cloudformation: ['LockConfiguration.MinRetentionDays'],
        terraform: ['min_retention_days'],
        absent: 0,
      },
      settings.forceDestroy('force_destroy', undefined, 'backup-vault-no-force-destroy'),
    ],
  },
  {
    type: 'AWS::Backup::LogicallyAirGappedBackupVault',
    holds: 'recovery points (backups), locked',
    snapshot: false,
    settings: [
      {
        label: 'the vault minimum retention',
        lowered: 'recovery points can be deleted sooner',
        kind: 'decrease',
        cloudformation: ['MinRetentionDays'],
        terraform: ['min_retention_days'],
      },
    ],
  },
  {
    type: 'AWS::ECR::Repository',
    holds: 'container images',
    snapshot: false,
    transient: 'images can be rebuilt from source',
    settings: [settings.forceDestroy('force_delete', 'EmptyOnDelete', 'ecr-no-empty-on-delete')],
  },
  { type: 'AWS::CodeCommit::Repository', holds: 'a source repository', snapshot: false, settings: [] },
  { type: 'AWS::IoTAnalytics::Datastore', holds: 'an IoT data store', snapshot: false, settings: [] },
];

/**
 * The automatic backup retention of one FSx variant, read from its configuration.
 * `0` turns automatic backups off.
 */
function fsxBackupRetention(configuration: string, absent: number): ProtectiveSetting {
  return {
    label: 'automatic backup retention',
    lowered: 'automatic backups are kept for fewer days',
    kind: 'decrease',
    cloudformation: [`${configuration}.AutomaticBackupRetentionDays`],
    terraform: ['automatic_backup_retention_days'],
    absent,
    computed: true,
    ruleId: 'fsx-automatic-backup-retention',
  };
}
