import { labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';

/** The delete option that takes child volumes and snapshots along. */
export const DELETE_CHILD_VOLUMES = 'DELETE_CHILD_VOLUMES_AND_SNAPSHOTS';

/** Where each shape of resource writes the option. */
const OPTION_PATH: Readonly<Record<string, readonly string[]>> = {
  // Terraform `aws_fsx_openzfs_file_system.delete_options`, Pulumi `deleteOptions`.
  aws_fsx_openzfs_file_system: ['DeleteOptions'],
  'aws:fsx/openZfsFileSystem:OpenZfsFileSystem': ['DeleteOptions'],
  // Terraform `aws_fsx_openzfs_volume.delete_volume_options`, Pulumi `deleteVolumeOptions`.
  aws_fsx_openzfs_volume: ['DeleteVolumeOptions'],
  'aws:fsx/openZfsVolume:OpenZfsVolume': ['DeleteVolumeOptions'],
};

/**
 * FSx for OpenZFS file systems and volumes refuse to be deleted while they have
 * child volumes or snapshots.
 *
 * `DELETE_CHILD_VOLUMES_AND_SNAPSHOTS` in `OpenZFSConfiguration.Options`
 * (Terraform `delete_options` / `delete_volume_options`) makes the delete of a
 * file system or volume also delete every child volume, clone and snapshot
 * under it. Without it the delete fails while any exist, which is the guard:
 * the snapshots are the volume's own recovery points.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-openzfsconfiguration.html#cfn-fsx-filesystem-openzfsconfiguration-options
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-volume-openzfsconfiguration.html#cfn-fsx-volume-openzfsconfiguration-options
 * @see https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteVolumeOpenZFSConfiguration.html
 */
export default defineRule({
  id: 'fsx-no-delete-child-volumes',
  title: 'FSx for OpenZFS deletes do not take child volumes and snapshots along',
  why: 'A stack delete, a replacement or one destroy deletes the file system or volume together with every child volume and snapshot under it, including the snapshots that would have restored it.',
  fix: 'Remove `DELETE_CHILD_VOLUMES_AND_SNAPSHOTS` from OpenZFSConfiguration.Options (Terraform: `delete_options` / `delete_volume_options`).',
  severity: 'error',
  resourceTypes: ['AWS::FSx::FileSystem', 'AWS::FSx::Volume'],
  cloudformation(resource) {
    return judge(resource, ['OpenZFSConfiguration', 'Options']);
  },
  awsProvider(resource) {
    return judge(resource, OPTION_PATH[resource.nativeType] ?? ['OpenZFSConfiguration', 'Options']);
  },
});

function judge(resource: NormalisedResource, path: readonly string[]): Violation | undefined {
  const what = resource.type === 'AWS::FSx::Volume' ? 'volume' : 'file system';
  const r = readProperty(resource, ...path);
  if (r.kind === 'absent') return undefined;
  const fix: FixText = {
    cloudformation: `Remove \`${DELETE_CHILD_VOLUMES}\` from \`OpenZFSConfiguration.Options\` on the ${what}.`,
    cdk: `Remove \`${DELETE_CHILD_VOLUMES}\` from \`openZfsConfiguration.options\` on the L1 \`${resource.type === 'AWS::FSx::Volume' ? 'CfnVolume' : 'CfnFileSystem'}\`.`,
    pulumi: `Remove \`${DELETE_CHILD_VOLUMES}\` from \`${resource.type === 'AWS::FSx::Volume' ? 'deleteVolumeOptions' : 'deleteOptions'}\`; delete child volumes and snapshots one by one when they are meant to go.`,
    terraform: `Remove \`${resource.type === 'AWS::FSx::Volume' ? 'delete_volume_options' : 'delete_options'}\`; delete child volumes and snapshots one by one when they are meant to go.`,
  };
  const base = { fix, location: locationOf(resource, path) };
  const label = labelOf(resource, path);
  if (r.kind === 'unresolved')
    return {
      ...base,
      unresolved: true,
      message: `${label} is ${quote(r.expression)} and cannot be proven to leave out ${DELETE_CHILD_VOLUMES}: ${r.reason}.`,
    };
  const options = Array.isArray(r.value) ? r.value : [r.value];
  if (!options.some((o) => o === DELETE_CHILD_VOLUMES)) return undefined;
  return {
    ...base,
    message: `${label} includes ${DELETE_CHILD_VOLUMES}: deleting the ${what} also deletes every child volume and snapshot under it.`,
  };
}
