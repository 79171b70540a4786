import { readProperty, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import type { FixText } from '../../model';

const FIX: FixText = {
  cloudformation: 'Set `BackupPolicy: { Status: ENABLED }` on the file system.',
  cdk: "Pass `enableAutomaticBackups: true` to the `FileSystem` (or set `backupPolicy = { status: 'ENABLED' }` on the L1 `CfnFileSystem`).",
  pulumi: 'Add an `aws.efs.BackupPolicy` for the file system with `backupPolicy: { status: "ENABLED" }`.',
  terraform: 'Add an `aws_efs_backup_policy` for the file system with `backup_policy { status = "ENABLED" }`.',
};

/**
 * EFS file systems have automatic backups on.
 *
 * `BackupPolicy.Status: ENABLED` enrols the file system in the AWS Backup
 * default plan (daily, 35-day retention). The EFS console turns this on by
 * default, but CreateFileSystem (what CloudFormation and every IaC tool call)
 * defaults `Backup` to false for a Regional file system, and CDK's
 * `enableAutomaticBackups` defaults to false and then writes no BackupPolicy at
 * all. For a One Zone file system (`AvailabilityZoneName`) the API default is
 * true, but the template does not record it and CloudFormation's handler is
 * not documented to rely on it, so it must be stated.
 * @see https://docs.aws.amazon.com/efs/latest/ug/automatic-backups.html
 * @see https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html#efs-CreateFileSystem-request-Backup
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-efs-filesystem-backuppolicy.html
 */
export default defineRule({
  id: 'efs-automatic-backups',
  title: 'EFS file systems have automatic backups enabled',
  why: 'Without a backup, a deleted or corrupted file (or the whole file system) has no recovery point to restore from.',
  fix: 'Set BackupPolicy.Status to ENABLED.',
  severity: 'error',
  resourceTypes: ['AWS::EFS::FileSystem'],
  cloudformation(resource) {
    const oneZone = readProperty(resource, 'AvailabilityZoneName').kind !== 'absent';
    return requireProperty(resource, {
      path: ['BackupPolicy', 'Status'],
      want: '`ENABLED`',
      test: (v) => v === 'ENABLED',
      absentMeans: oneZone
        ? 'ENABLED only through the EFS API default for One Zone file systems, which the template does not prove'
        : 'DISABLED, automatic backups off',
      fix: FIX,
    });
  },
});
