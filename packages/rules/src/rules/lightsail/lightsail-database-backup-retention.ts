import { requireTrue } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * Lightsail databases keep automated backups.
 *
 * `BackupRetention` on `AWS::Lightsail::Database` (Terraform/Pulumi
 * `backup_retention_enabled`) is on unless set to false; switching it off
 * deletes every automated backup kept so far and puts the database in data
 * import mode. Lightsail fixes how long it keeps them (no setting changes it),
 * so there is no retention to judge. Lightsail disks (`AWS::Lightsail::Disk`)
 * are judged by the general deletion rules alone: their automatic-snapshot
 * add-on (`AddOns`, a fixed seven daily snapshots) is not judged.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lightsail-database.html#cfn-lightsail-database-backupretention
 * @see https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-faq-snapshots.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lightsail_database#backup_retention_enabled
 */
export default defineRule({
  id: 'lightsail-database-backup-retention',
  title: 'Lightsail databases keep automated backups',
  why: 'With automated backup retention off, Lightsail deletes the automated backups it kept and takes no new ones, so no earlier state of the database can be restored.',
  fix: 'Set BackupRetention to true (or leave it unset).',
  severity: 'error',
  resourceTypes: ['AWS::Lightsail::Database'],
  cloudformation(resource) {
    return requireTrue(
      resource,
      ['BackupRetention'],
      {
        cloudformation: 'Set `BackupRetention: true` on the resource (or leave it unset).',
        cdk: 'Set `backupRetention: true` on the `lightsail.CfnDatabase` (or leave it unset).',
        pulumi: 'Pass `backupRetentionEnabled: true` to the `aws.lightsail.Database` (or leave it unset).',
        terraform: 'Set `backup_retention_enabled = true` on the `aws_lightsail_database` (or leave it unset).',
      },
      null,
    );
  },
});
