import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './fsx-no-delete-child-volumes';

const OPTION = 'DELETE_CHILD_VOLUMES_AND_SNAPSHOTS';
const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform' = 'terraform') =>
  evaluate(providerModelOf([{ id: 'v', name: 'v', type, inputs }]), { rules: [rule], idiom }).findings;

describe('fsx-no-delete-child-volumes: FSx for OpenZFS deletes do not take child volumes and snapshots along', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. a file system whose Options delete child volumes',
      one('AWS::FSx::FileSystem', {
        FileSystemType: 'OPENZFS',
        OpenZFSConfiguration: { DeploymentType: 'SINGLE_AZ_2', Options: [OPTION] },
      }),
      /^OpenZFSConfiguration\.Options includes DELETE_CHILD_VOLUMES_AND_SNAPSHOTS: deleting the file system also deletes every child volume and snapshot under it\.$/,
    ],
    [
      '2. a volume whose Options delete child volumes',
      one('AWS::FSx::Volume', {
        VolumeType: 'OPENZFS',
        Name: 'data',
        OpenZFSConfiguration: { ParentVolumeId: 'fsvol-1', Options: [OPTION] },
      }),
      /deleting the volume also deletes every child volume and snapshot under it/,
    ],
    [
      '3. Options chosen by a condition',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { Dev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
        Resources: {
          Res: {
            Type: 'AWS::FSx::Volume',
            Properties: {
              VolumeType: 'OPENZFS',
              OpenZFSConfiguration: { ParentVolumeId: 'fsvol-1', Options: { 'Fn::If': ['Dev', [OPTION], []] } },
            },
          },
        },
      },
      /cannot be proven to leave out DELETE_CHILD_VOLUMES_AND_SNAPSHOTS: it depends on condition "Dev"/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'fsx-no-delete-child-volumes',
      severity: 'error',
      location: 'Properties/OpenZFSConfiguration/Options',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/Remove `DELETE_CHILD_VOLUMES_AND_SNAPSHOTS` from `OpenZFSConfiguration\.Options`/);
  });

  test.each([
    [
      'a file system without Options',
      one('AWS::FSx::FileSystem', { FileSystemType: 'OPENZFS', OpenZFSConfiguration: {} }),
    ],
    [
      'a volume with empty Options',
      one('AWS::FSx::Volume', { OpenZFSConfiguration: { ParentVolumeId: 'p', Options: [] } }),
    ],
    ['an ONTAP volume', one('AWS::FSx::Volume', { VolumeType: 'ONTAP', OntapConfiguration: { JunctionPath: '/v' } })],
  ])('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('Terraform delete_options and delete_volume_options, Pulumi deleteOptions', () => {
    const [fs] = judge('aws_fsx_openzfs_file_system', { delete_options: [OPTION] });
    expect(fs).toMatchObject({ location: 'inputs/delete_options' });
    expect(fs.message).toMatch(/^delete_options includes DELETE_CHILD_VOLUMES_AND_SNAPSHOTS/);
    expect(fs.fix).toMatch(/^Remove `delete_options`/);
    const [volume] = judge('aws_fsx_openzfs_volume', { delete_volume_options: [OPTION] });
    expect(volume.fix).toMatch(/^Remove `delete_volume_options`/);
    expect(judge('aws:fsx/openZfsFileSystem:OpenZfsFileSystem', { deleteOptions: [OPTION] }, 'pulumi')).toHaveLength(1);
    expect(judge('aws_fsx_openzfs_volume', { name: 'v' })).toEqual([]);
  });
});
