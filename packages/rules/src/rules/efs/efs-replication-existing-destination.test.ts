import type { ProviderResourceRecord } from '../../dialects/aws-provider-model';
import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './efs-replication-overwrite-protection';

/**
 * efs-replication-overwrite-protection, the source's side: a replication onto an
 * existing file system the app does not define overwrites that file system.
 */
const FS = 'AWS::EFS::FileSystem';
const replicating = (destination: Record<string, unknown>, extra: TemplateCase = { Resources: {} }): TemplateCase => ({
  ...extra,
  Resources: {
    ...extra.Resources,
    Source: { Type: FS, Properties: { ReplicationConfiguration: { Destinations: [destination] } } },
  },
});

const provider = (records: ProviderResourceRecord[], idiom: 'pulumi' | 'terraform') =>
  evaluate(providerModelOf(records), { rules: [rule], idiom }).findings.map((f) => [f.resource.path, f.message]);

describe('efs-replication-overwrite-protection: a replication onto an existing file system', () => {
  test('CloudFormation: a literal FileSystemId is an existing file system, overwritten', () => {
    const [f, ...rest] = findingsOf(rule, replicating({ FileSystemId: 'fs-0123456789abcdef0', Region: 'us-west-2' }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      location: 'Properties/ReplicationConfiguration/Destinations/0/FileSystemId',
      message:
        'destination 1: ReplicationConfiguration.Destinations.0.FileSystemId is "fs-0123456789abcdef0", an existing file system this app does not define: replication overwrites its contents with this file system\'s and keeps it read-only while it lasts.',
    });
    expect(f.fix).toMatch(/Leave `FileSystemId` out of the replication destination/);
  });

  test('CloudFormation: a parameter cannot be proven to name a file system of the template', () => {
    const [f] = findingsOf(
      rule,
      replicating({ FileSystemId: { Ref: 'Target' } }, { Parameters: { Target: { Type: 'String' } }, Resources: {} }),
    );
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/cannot be proven to be a file system this app defines/);
  });

  const safe: [string, TemplateCase][] = [
    ['a new destination (no FileSystemId)', replicating({ Region: 'us-west-2' })],
    [
      'a destination the template defines, whose protection is off for it',
      replicating(
        { FileSystemId: { Ref: 'Replica' } },
        {
          Resources: {
            Replica: { Type: FS, Properties: { FileSystemProtection: { ReplicationOverwriteProtection: 'DISABLED' } } },
          },
        },
      ),
    ],
  ];
  test.each(safe)('no finding: %s', (_what, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('Pulumi: aws.efs.ReplicationConfiguration from a file system of the program onto an existing one', () => {
    const source: ProviderResourceRecord = {
      id: 'urn:pulumi:prod::app::aws:efs/fileSystem:FileSystem::src',
      name: 'src',
      type: 'aws:efs/fileSystem:FileSystem',
      inputs: {},
    };
    const replication = (fileSystemId: unknown): ProviderResourceRecord => ({
      id: 'urn:pulumi:prod::app::aws:efs/replicationConfiguration:ReplicationConfiguration::rep',
      name: 'rep',
      type: 'aws:efs/replicationConfiguration:ReplicationConfiguration',
      inputs: {
        sourceFileSystemId: providerOutput(false, undefined, [source.id]),
        destination: { fileSystemId, region: 'us-west-2' },
      },
    });
    expect(provider([source, replication('fs-0123456789abcdef0')], 'pulumi')).toEqual([
      [
        source.id,
        'destination 1: rep.destination.fileSystemId is "fs-0123456789abcdef0", an existing file system this app does not define: replication overwrites its contents with this file system\'s and keeps it read-only while it lasts.',
      ],
    ]);
    expect(provider([source, replication(undefined)], 'pulumi')).toEqual([]);
  });

  test('Terraform: a replication between two file systems the configuration does not define is judged on its address', () => {
    const replication: ProviderResourceRecord = {
      id: 'aws_efs_replication_configuration.rep',
      name: 'aws_efs_replication_configuration.rep',
      type: 'aws_efs_replication_configuration',
      inputs: {
        source_file_system_id: 'fs-src',
        destination: [{ file_system_id: 'fs-prod-existing', region: 'us-west-2' }],
      },
    };
    expect(provider([replication], 'terraform')).toEqual([
      [
        replication.id,
        '`aws_efs_replication_configuration.rep` configures the file system `fs-src`, which this stack does not define. destination 1: aws_efs_replication_configuration.rep.destination.file_system_id is "fs-prod-existing", an existing file system this app does not define: replication overwrites its contents with this file system\'s and keeps it read-only while it lasts.',
      ],
    ]);
  });
});
