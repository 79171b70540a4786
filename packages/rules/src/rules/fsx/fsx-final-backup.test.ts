import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './fsx-final-backup';

const judge = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform' = 'terraform') =>
  evaluate(providerModelOf([{ id: 'fs', name: 'fs', type, inputs, options: { retainOnDelete: true } }]), {
    rules: [rule],
    idiom,
  }).findings;

describe('fsx-final-backup: FSx file systems and volumes take a final backup when destroyed', () => {
  test('skip_final_backup = true on a Windows file system is a finding', () => {
    const findings = judge('aws_fsx_windows_file_system', { skip_final_backup: true, throughput_capacity: 32 });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'fsx-final-backup',
      severity: 'error',
      location: 'inputs/skip_final_backup',
      message: 'skip_final_backup is true: destroying it takes no final backup.',
    });
    expect(findings[0].fix).toMatch(
      /^Set `skip_final_backup = false` on the `aws_fsx_windows_file_system` \(and `final_backup_tags`/,
    );
  });

  test('a persistent Lustre file system without the argument takes no final backup (the provider default is true)', () => {
    const [f] = judge('aws_fsx_lustre_file_system', { deployment_type: 'PERSISTENT_2' });
    expect(f.message).toBe(
      'skip_final_backup is not set (provider default: true): destroying it takes no final backup.',
    );
    const [p] = judge('aws:fsx/lustreFileSystem:LustreFileSystem', { deploymentType: 'PERSISTENT_1' }, 'pulumi');
    expect(p.fix).toMatch(/^Pass `skipFinalBackup: false` to the `aws\.fsx\.LustreFileSystem`/);
  });

  test('an ONTAP volume with skipFinalBackup true, or "true", is a finding', () => {
    expect(judge('aws_fsx_ontap_volume', { skip_final_backup: true })[0].fix).toMatch(/`aws_fsx_ontap_volume`/);
    expect(judge('aws:fsx/ontapVolume:OntapVolume', { skipFinalBackup: 'true' }, 'pulumi')).toHaveLength(1);
  });

  test('a value known only after apply cannot be proven false', () => {
    const [f] = evaluate(
      providerModelOf([
        {
          id: 'fs',
          name: 'fs',
          type: 'aws:fsx/openZfsFileSystem:OpenZfsFileSystem',
          inputs: { skipFinalBackup: providerOutput(false, undefined, []) },
        },
      ]),
      { rules: [rule] },
    ).findings;
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(
      /^skipFinalBackup is .* and cannot be proven false: it is an output known only after deployment\.$/,
    );
  });

  test.each([
    ['Windows without the argument (default false)', 'aws_fsx_windows_file_system', {}],
    ['OpenZFS with false', 'aws_fsx_openzfs_file_system', { skip_final_backup: false }],
    [
      'persistent Lustre with false',
      'aws_fsx_lustre_file_system',
      { deployment_type: 'PERSISTENT_2', skip_final_backup: false },
    ],
    ['scratch Lustre (never backed up)', 'aws_fsx_lustre_file_system', { deployment_type: 'SCRATCH_2' }],
    [
      'Lustre linked to S3 (never backed up)',
      'aws_fsx_lustre_file_system',
      { deployment_type: 'PERSISTENT_1', import_path: 's3://b' },
    ],
    ['an ONTAP file system (its volumes are backed up)', 'aws_fsx_ontap_file_system', {}],
    ['an ONTAP volume without the argument', 'aws_fsx_ontap_volume', { name: 'v' }],
    ['an OpenZFS volume (no such argument)', 'aws_fsx_openzfs_volume', { name: 'v' }],
  ])('%s passes', (_name, type, inputs) => {
    expect(judge(type, inputs)).toEqual([]);
  });

  test('CloudFormation has no final backup property: templates are left to the general rules', () => {
    expect(findingsOf(rule, one('AWS::FSx::FileSystem', { FileSystemType: 'WINDOWS' }))).toEqual([]);
    expect(findingsOf(rule, one('AWS::FSx::Volume', { VolumeType: 'ONTAP' }))).toEqual([]);
  });
});
