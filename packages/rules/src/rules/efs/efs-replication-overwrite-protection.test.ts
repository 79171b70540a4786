import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './efs-replication-overwrite-protection';

const FS = 'AWS::EFS::FileSystem';
const disabled = { FileSystemProtection: { ReplicationOverwriteProtection: 'DISABLED' } };

describe('efs-replication-overwrite-protection: EFS file systems keep replication overwrite protection on unless they are a replication destination', () => {
  test('DISABLED on a file system no replication of the app writes to is a finding', () => {
    const findings = findingsOf(rule, one(FS, disabled));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'efs-replication-overwrite-protection',
      severity: 'error',
      location: 'Properties/FileSystemProtection/ReplicationOverwriteProtection',
      message:
        'FileSystemProtection.ReplicationOverwriteProtection is "DISABLED", and no replication in this app writes to the file system: any replication configuration can name it as its destination and overwrite its files.',
    });
    expect(findings[0].fix).toMatch(/Remove `FileSystemProtection\.ReplicationOverwriteProtection: DISABLED`/);
  });

  test('a value from a parameter cannot be proven ENABLED', () => {
    const [f] = findingsOf(rule, {
      Parameters: { P: { Type: 'String', Default: 'ENABLED' } },
      Resources: one(FS, { FileSystemProtection: { ReplicationOverwriteProtection: { Ref: 'P' } } }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/cannot be proven ENABLED \(CloudFormation default: ENABLED\): it is parameter "P"/);
  });

  test('DISABLED on a condition is judged for the branch that disables it', () => {
    const [f] = findingsOf(rule, {
      Parameters: { Role: { Type: 'String' } },
      Conditions: { Replica: { 'Fn::Equals': [{ Ref: 'Role' }, 'replica'] } },
      Resources: one(FS, {
        FileSystemProtection: { ReplicationOverwriteProtection: { 'Fn::If': ['Replica', 'DISABLED', 'ENABLED'] } },
      }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/is "DISABLED" when Replica=true, and no replication/);
  });

  test('a misspelt value is a finding', () => {
    expect(
      findingsOf(rule, one(FS, { FileSystemProtection: { ReplicationOverwriteProtection: 'enabled' } }))[0].message,
    ).toMatch(/is "enabled"; it must be "ENABLED"/);
  });

  const valid: [string, TemplateCase][] = [
    ['no FileSystemProtection (ENABLED by default)', one(FS, { Encrypted: true })],
    ['ENABLED', one(FS, { FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' } })],
    [
      'DISABLED on the destination of a replication in the same template',
      {
        Resources: {
          Source: {
            Type: FS,
            Properties: { ReplicationConfiguration: { Destinations: [{ FileSystemId: { Ref: 'Res' } }] } },
          },
          Res: { Type: FS, Properties: disabled },
        },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('DISABLED on the destination of a replication in another stack of the app (an export) passes', () => {
    const destination: TemplateCase = {
      Resources: { Res: { Type: FS, Properties: disabled } },
      Outputs: { Id: { Value: { Ref: 'Res' }, Export: { Name: 'replica-fs' } } },
    };
    const source: TemplateCase = {
      Resources: {
        Source: {
          Type: FS,
          Properties: {
            ReplicationConfiguration: { Destinations: [{ FileSystemId: { 'Fn::ImportValue': 'replica-fs' } }] },
          },
        },
      },
    };
    expect(findingsOf(rule, [destination, source])).toEqual([]);
  });

  describe('Terraform and Pulumi', () => {
    const run = (records: Parameters<typeof providerModelOf>[0], idiom: 'pulumi' | 'terraform' = 'terraform') =>
      evaluate(providerModelOf(records), { rules: [rule], idiom }).findings;

    test('protection { replication_overwrite = "DISABLED" } without a replication is a finding', () => {
      const [f] = run([
        {
          id: 'fs',
          name: 'fs',
          type: 'aws_efs_file_system',
          inputs: { protection: [{ replication_overwrite: 'DISABLED' }] },
        },
      ]);
      expect(f).toMatchObject({ location: 'inputs/protection/replicationOverwrite' });
      expect(f.message).toMatch(/^protection\.replicationOverwrite is "DISABLED", and no replication/);
      expect(f.fix).toBe(
        'Set `protection { replication_overwrite = "ENABLED" }` on the `aws_efs_file_system` (or leave it unset).',
      );
    });

    test('the destination of an aws.efs.ReplicationConfiguration passes', () => {
      const records = [
        { id: 'src', name: 'src', type: 'aws:efs/fileSystem:FileSystem', inputs: {} },
        {
          id: 'dst',
          name: 'dst',
          type: 'aws:efs/fileSystem:FileSystem',
          inputs: { protection: { replicationOverwrite: 'DISABLED' } },
        },
        {
          id: 'rep',
          name: 'rep',
          type: 'aws:efs/replicationConfiguration:ReplicationConfiguration',
          inputs: {
            sourceFileSystemId: providerOutput(false, undefined, ['src']),
            destination: { fileSystemId: providerOutput(false, undefined, ['dst']) },
          },
        },
      ];
      expect(run(records, 'pulumi')).toEqual([]);
      // Without the replication, the same file system is a finding.
      expect(run(records.slice(0, 2), 'pulumi')).toHaveLength(1);
    });
  });

  describe('on real CDK apps', () => {
    const synth = (props: Partial<efs.FileSystemProps>, replicate = false) => {
      const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test', {
        env: { account: '111111111111', region: 'us-east-1' },
      });
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const replica = new efs.FileSystem(stack, 'Replica', { vpc, ...props });
      if (replicate)
        new efs.FileSystem(stack, 'Source', {
          vpc,
          replicationConfiguration: efs.ReplicationConfiguration.existingFileSystem(replica),
        });
      return findingsOf(rule, Template.fromStack(stack).toJSON() as TemplateCase, {}, { idiom: 'cdk' });
    };

    test('replicationOverwriteProtection: DISABLED on a file system nothing replicates to is a finding', () => {
      const [f] = synth({ replicationOverwriteProtection: efs.ReplicationOverwriteProtection.DISABLED });
      expect(f.fix).toMatch(/Remove `replicationOverwriteProtection: ReplicationOverwriteProtection\.DISABLED`/);
    });

    test('the CDK default passes, and so does the destination of a ReplicationConfiguration.existingFileSystem', () => {
      expect(synth({})).toEqual([]);
      expect(synth({ replicationOverwriteProtection: efs.ReplicationOverwriteProtection.DISABLED }, true)).toEqual([]);
    });
  });
});
