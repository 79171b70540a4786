import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as fsx from 'aws-cdk-lib/aws-fsx';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './fsx-automatic-backup-retention';

const FS = 'AWS::FSx::FileSystem';
const windows = (config: Record<string, unknown> = {}) =>
  one(FS, { FileSystemType: 'WINDOWS', WindowsConfiguration: { ThroughputCapacity: 32, ...config } });
const lustre = (config: Record<string, unknown> = {}) =>
  one(FS, { FileSystemType: 'LUSTRE', LustreConfiguration: { DeploymentType: 'PERSISTENT_2', ...config } });
const provider = (type: string, inputs: Record<string, unknown>, idiom: 'pulumi' | 'terraform' = 'terraform') =>
  evaluate(providerModelOf([{ id: 'fs', name: 'fs', type, inputs }]), { rules: [rule], idiom }).findings;

describe('fsx-automatic-backup-retention: FSx file systems keep automatic backups for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, string, RegExp][] = [
    [
      '1. a persistent Lustre file system without the property (default 0)',
      lustre(),
      'Properties/LustreConfiguration/AutomaticBackupRetentionDays',
      /^LustreConfiguration\.AutomaticBackupRetentionDays is not set \(CloudFormation default: 0, automatic backups off\)\.$/,
    ],
    [
      '2. Windows with 0',
      windows({ AutomaticBackupRetentionDays: 0 }),
      'Properties/WindowsConfiguration/AutomaticBackupRetentionDays',
      /^WindowsConfiguration\.AutomaticBackupRetentionDays is 0, which turns automatic backups off; it must be at least 7 days\.$/,
    ],
    [
      '3. ONTAP with 3',
      one(FS, {
        FileSystemType: 'ONTAP',
        OntapConfiguration: { DeploymentType: 'MULTI_AZ_2', AutomaticBackupRetentionDays: 3 },
      }),
      'Properties/OntapConfiguration/AutomaticBackupRetentionDays',
      /^OntapConfiguration\.AutomaticBackupRetentionDays is 3; it must be at least 7 days\.$/,
    ],
    [
      '4. OpenZFS with "1" as a string',
      one(FS, {
        FileSystemType: 'OPENZFS',
        OpenZFSConfiguration: { DeploymentType: 'SINGLE_AZ_2', AutomaticBackupRetentionDays: '1' },
      }),
      'Properties/OpenZFSConfiguration/AutomaticBackupRetentionDays',
      /is "1"; it must be at least 7 days/,
    ],
    [
      '5. a retention from a parameter',
      {
        Parameters: { Days: { Type: 'Number', Default: 30 } },
        Resources: windows({ AutomaticBackupRetentionDays: { Ref: 'Days' } }).Resources,
      },
      'Properties/WindowsConfiguration/AutomaticBackupRetentionDays',
      /cannot be proven at least 7 days: it is parameter "Days"/,
    ],
    [
      '6. a Lustre deployment type from a parameter: not provably scratch, so judged',
      {
        Parameters: { Kind: { Type: 'String', Default: 'SCRATCH_2' } },
        Resources: lustre({ DeploymentType: { Ref: 'Kind' } }).Resources,
      },
      'Properties/LustreConfiguration/AutomaticBackupRetentionDays',
      /not set \(CloudFormation default: 0, automatic backups off\)/,
    ],
    [
      '7. the variant chosen by a condition: every configuration written is judged',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { Win: { 'Fn::Equals': [{ Ref: 'Env' }, 'win'] } },
        Resources: {
          Res: {
            Type: FS,
            Properties: {
              FileSystemType: { 'Fn::If': ['Win', 'WINDOWS', 'LUSTRE'] },
              WindowsConfiguration: { AutomaticBackupRetentionDays: 30 },
              LustreConfiguration: { DeploymentType: 'PERSISTENT_1' },
            },
          },
        },
      },
      'Properties/LustreConfiguration/AutomaticBackupRetentionDays',
      /LustreConfiguration\.AutomaticBackupRetentionDays is not set/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, location, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'fsx-automatic-backup-retention', severity: 'error', location });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fixes.cloudformation).toMatch(/AutomaticBackupRetentionDays: 7/);
  });

  const valid: [string, TemplateCase][] = [
    ['Windows at the default (30 days)', windows()],
    [
      'ONTAP at the default (30 days)',
      one(FS, { FileSystemType: 'ONTAP', OntapConfiguration: { DeploymentType: 'SINGLE_AZ_1' } }),
    ],
    [
      'OpenZFS at the default (30 days)',
      one(FS, { FileSystemType: 'OPENZFS', OpenZFSConfiguration: { DeploymentType: 'MULTI_AZ_1' } }),
    ],
    ['a persistent Lustre with 7 days', lustre({ AutomaticBackupRetentionDays: 7 })],
    ['Windows with 90 days', windows({ AutomaticBackupRetentionDays: 90 })],
    [
      'a scratch Lustre (the default deployment type: no backups possible)',
      one(FS, { FileSystemType: 'LUSTRE', LustreConfiguration: {} }),
    ],
    ['a SCRATCH_2 Lustre', lustre({ DeploymentType: 'SCRATCH_2' })],
    [
      'a persistent Lustre linked to S3 by ImportPath (no backups possible)',
      lustre({ DeploymentType: 'PERSISTENT_1', ImportPath: { 'Fn::Join': ['', ['s3://', { Ref: 'Data' }]] } }),
    ],
    [
      'a persistent Lustre linked to S3 by a data repository association',
      {
        Resources: {
          ...lustre().Resources,
          Link: {
            Type: 'AWS::FSx::DataRepositoryAssociation',
            Properties: { FileSystemId: { Ref: 'Res' }, DataRepositoryPath: 's3://data', FileSystemPath: '/data' },
          },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options, and a higher minimum catches the 30-day default', () => {
    const [f] = findingsOf(rule, windows(), {}, { minimumBackupRetentionDays: 35, idiom: 'cdk' });
    expect(f.message).toBe(
      'WindowsConfiguration.AutomaticBackupRetentionDays is not set (CloudFormation default: 30 days, under the minimum of 35 days).',
    );
    expect(f.fix).toBe(
      'Set `windowsConfiguration.automaticBackupRetentionDays = 35` (or more) on the L1 `CfnFileSystem`.',
    );
  });

  test('FileSystemType from a parameter without any variant configuration fails closed', () => {
    const [f] = findingsOf(rule, {
      Parameters: { T: { Type: 'String' } },
      Resources: one(FS, { FileSystemType: { Ref: 'T' } }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(
      /^FileSystemType cannot be read: it is parameter "T".*cannot be proven at least 7 days\.$/,
    );
  });

  describe('Terraform and Pulumi', () => {
    test('a Lustre file system without the argument keeps no automatic backups', () => {
      const [f] = provider('aws_fsx_lustre_file_system', { deployment_type: 'PERSISTENT_2', storage_capacity: 1200 });
      expect(f.message).toBe(
        'automatic_backup_retention_days is not set (provider default: 0, automatic backups off).',
      );
      expect(f.location).toBe('inputs/automatic_backup_retention_days');
      expect(f.fix).toBe('Set `automatic_backup_retention_days = 7` (or more) on the `aws_fsx_lustre_file_system`.');
    });

    test('a scratch Lustre file system (the provider default) and one linked by import_path pass', () => {
      expect(provider('aws_fsx_lustre_file_system', { storage_capacity: 1200 })).toEqual([]);
      expect(
        provider('aws_fsx_lustre_file_system', { deployment_type: 'PERSISTENT_1', import_path: 's3://data' }),
      ).toEqual([]);
    });

    test('Windows: the provider sends 7 days when unset, which meets a 7-day minimum but not a 14-day one', () => {
      expect(provider('aws_fsx_windows_file_system', { throughput_capacity: 32 })).toEqual([]);
      const [f] = evaluate(
        providerModelOf([{ id: 'fs', name: 'fs', type: 'aws:fsx/windowsFileSystem:WindowsFileSystem', inputs: {} }]),
        { rules: [rule], idiom: 'pulumi', minimumBackupRetentionDays: 14 },
      ).findings;
      expect(f.message).toBe(
        'automaticBackupRetentionDays is not set (provider default: 7 days, under the minimum of 14 days).',
      );
      expect(f.fix).toBe('Pass `automaticBackupRetentionDays: 14` (or more) to the `aws.fsx.WindowsFileSystem`.');
    });

    test('ONTAP and OpenZFS with 0 are findings; with 14 they pass', () => {
      expect(provider('aws_fsx_ontap_file_system', { automatic_backup_retention_days: 0 })[0].message).toBe(
        'automatic_backup_retention_days is 0, which turns automatic backups off; it must be at least 7 days.',
      );
      expect(
        provider('aws:fsx/openZfsFileSystem:OpenZfsFileSystem', { automaticBackupRetentionDays: 0 }, 'pulumi'),
      ).toHaveLength(1);
      expect(provider('aws_fsx_openzfs_file_system', { automatic_backup_retention_days: 14 })).toEqual([]);
    });

    test('an aws-native file system is read in CloudFormation shape', () => {
      const [f] = provider(
        'aws-native:fsx:FileSystem',
        { fileSystemType: 'LUSTRE', lustreConfiguration: { deploymentType: 'PERSISTENT_2' } },
        'pulumi',
      );
      expect(f.message).toMatch(
        /AutomaticBackupRetentionDays is not set \(provider default: 0, automatic backups off\)/,
      );
    });
  });

  describe('on real CDK apps', () => {
    const synth = (configuration: Partial<fsx.LustreConfiguration>) => {
      const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new fsx.LustreFileSystem(stack, 'Scratch', {
        vpc,
        vpcSubnet: vpc.privateSubnets[0],
        storageCapacityGiB: 1200,
        lustreConfiguration: {
          deploymentType: fsx.LustreDeploymentType.PERSISTENT_2,
          perUnitStorageThroughput: 125,
          ...configuration,
        },
      });
      return findingsOf(rule, Template.fromStack(stack).toJSON() as TemplateCase, {}, { idiom: 'cdk' });
    };

    test('a persistent LustreFileSystem with CDK defaults keeps no automatic backups', () => {
      const [f] = synth({});
      expect(f.message).toBe(
        'LustreConfiguration.AutomaticBackupRetentionDays is not set (CloudFormation default: 0, automatic backups off).',
      );
      expect(f.fix).toMatch(/lustreConfiguration: \{ automaticBackupRetention: Duration\.days\(7\)/);
    });

    test('automaticBackupRetention: Duration.days(7) passes, and so does a scratch file system', () => {
      expect(synth({ automaticBackupRetention: Duration.days(7) })).toEqual([]);
      expect(
        synth({ deploymentType: fsx.LustreDeploymentType.SCRATCH_2, perUnitStorageThroughput: undefined }),
      ).toEqual([]);
    });
  });
});
