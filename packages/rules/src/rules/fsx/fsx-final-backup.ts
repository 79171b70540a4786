import { asBoolean, defaultsOf, labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { NormalisedResource, ResourceModel } from '../../model';
import { lustreWithoutBackups, providerVariant, TERRAFORM_TYPE, PULUMI_CLASS, type FsxVariant } from './variant';

/** Provider volume types that take a final backup unless `skipFinalBackup` says not to. */
const VOLUME_TYPES: Readonly<Record<string, { terraform: string; pulumi: string }>> = {
  aws_fsx_ontap_volume: { terraform: 'aws_fsx_ontap_volume', pulumi: 'aws.fsx.OntapVolume' },
  'aws:fsx/ontapVolume:OntapVolume': { terraform: 'aws_fsx_ontap_volume', pulumi: 'aws.fsx.OntapVolume' },
};

/**
 * The provider's default for `skip_final_backup`: false, except on
 * `aws_fsx_lustre_file_system`, where it is true.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/fsx_lustre_file_system
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/fsx_windows_file_system
 */
const SKIPS_BY_DEFAULT: ReadonlySet<FsxVariant> = new Set(['LUSTRE']);

/**
 * FSx file systems and ONTAP volumes managed by Terraform or Pulumi take a
 * final backup when they are destroyed.
 *
 * The FSx delete APIs take a final backup of a Windows, OpenZFS or Lustre file
 * system, and of an ONTAP volume, unless `SkipFinalBackup` is set; the AWS
 * provider passes its `skip_final_backup` argument, whose default is false
 * except for Lustre (true). The final backup outlives the resource, so it is
 * the last copy a `destroy` leaves behind. A scratch Lustre file system (or one
 * linked to S3) never gets one. CloudFormation has no property for it: its
 * resources are judged by the general rules.
 * @see https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteFileSystem.html
 * @see https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteVolumeOntapConfiguration.html
 */
export default defineRule({
  id: 'fsx-final-backup',
  title: 'FSx file systems and volumes take a final backup when destroyed',
  why: 'Destroying the file system or volume without a final backup deletes its data with nothing left to restore from, once the automatic backups expire or are deleted with it.',
  fix: 'Set `skip_final_backup = false` (Pulumi: `skipFinalBackup: false`).',
  severity: 'error',
  resourceTypes: ['AWS::FSx::FileSystem', 'AWS::FSx::Volume'],
  awsProvider(resource, ctx) {
    if (resource.type === 'AWS::FSx::Volume') {
      const volume = VOLUME_TYPES[resource.nativeType];
      return volume ? judge(resource, false, volume) : undefined;
    }
    const variant = providerVariant(resource);
    // ONTAP file systems take no final backup of their own (their volumes do); `aws-native` has no such input.
    if (!variant || variant === 'ONTAP') return undefined;
    if (variant === 'LUSTRE' && lustreWithoutBackups(resource, ctx.model, [])) return undefined;
    return judge(resource, SKIPS_BY_DEFAULT.has(variant), {
      terraform: TERRAFORM_TYPE[variant],
      pulumi: PULUMI_CLASS[variant],
    });
  },
});

/**
 * True when destroying a Terraform/Pulumi FSx file system or ONTAP volume
 * provably takes a final backup, as this rule reads it: `SkipFinalBackup`
 * false, or absent where the provider's default is false; never for ONTAP file
 * systems, for Lustre that keeps no backups, or for resources in
 * CloudFormation's shape (no such input). The general rules count it as a
 * snapshot kept on delete.
 */
export function takesFinalBackup(resource: NormalisedResource, model: ResourceModel): boolean {
  let skipsByDefault: boolean;
  if (resource.type === 'AWS::FSx::Volume') {
    if (!VOLUME_TYPES[resource.nativeType]) return false;
    skipsByDefault = false;
  } else {
    const variant = providerVariant(resource);
    if (!variant || variant === 'ONTAP') return false;
    if (variant === 'LUSTRE' && lustreWithoutBackups(resource, model, [])) return false;
    skipsByDefault = SKIPS_BY_DEFAULT.has(variant);
  }
  const r = readProperty(resource, 'SkipFinalBackup');
  if (r.kind === 'absent') return !skipsByDefault;
  return r.kind === 'known' && asBoolean(r.value) === false;
}

function judge(
  resource: NormalisedResource,
  skipsByDefault: boolean,
  names: { terraform: string; pulumi: string },
): Violation | undefined {
  const fix = {
    cloudformation:
      'CloudFormation has no final backup setting: set `DeletionPolicy: Retain` on the resource (judged by general-deletion-policy).',
    pulumi: `Pass \`skipFinalBackup: false\` to the \`${names.pulumi}\` (and \`finalBackupTags\` to find the backup), and run \`pulumi up\` before any destroy: the value in the state is the one used.`,
    terraform: `Set \`skip_final_backup = false\` on the \`${names.terraform}\` (and \`final_backup_tags\` to find the backup), and apply it before any destroy: the value in the state is the one used.`,
  };
  const path = ['SkipFinalBackup'];
  const base = { fix, location: locationOf(resource, path) };
  const label = labelOf(resource, path);
  const r = readProperty(resource, ...path);
  if (r.kind === 'absent') {
    return skipsByDefault
      ? {
          ...base,
          message: `${label} is not set (${defaultsOf(resource)}: true): destroying it takes no final backup.`,
        }
      : undefined;
  }
  if (r.kind === 'unresolved')
    return {
      ...base,
      unresolved: true,
      message: `${label} is ${quote(r.expression)} and cannot be proven false: ${r.reason}.`,
    };
  const skip = asBoolean(r.value);
  if (skip === false) return undefined;
  return {
    ...base,
    message:
      skip === true
        ? `${label} is true: destroying it takes no final backup.`
        : `${label} is ${quote(r.value)}, which is not a boolean; it cannot be proven false.`,
  };
}
