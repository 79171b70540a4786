import type { ProviderResourceRecord } from '../../dialects/aws-provider-model';
import { evaluate } from '../../evaluate';
import { modelOf, providerModelOf } from '../testing/harness';

/** A final snapshot or backup taken on delete keeps the data, in every dialect, like `DeletionPolicy: Snapshot`. */
const GENERAL = ['general-deletion-policy', 'general-update-replace-policy'];

function templateFindings(type: string, properties: Record<string, unknown>, parameters = {}) {
  const model = modelOf({ Parameters: parameters, Resources: { Store: { Type: type, Properties: properties } } });
  return evaluate(model, {})
    .findings.filter((f) => GENERAL.includes(f.ruleId))
    .map((f) => `${f.ruleId}: ${f.message}`);
}

function providerFindings(type: string, inputs: Record<string, unknown>) {
  const record: ProviderResourceRecord = { id: `${type}.store`, name: 'store', type, inputs };
  return evaluate(providerModelOf([record]), { idiom: type.includes(':') ? 'pulumi' : 'terraform' })
    .findings.filter((f) => GENERAL.includes(f.ruleId))
    .map((f) => `${f.ruleId}: ${f.message}`);
}

describe('CloudFormation: a named final snapshot keeps the data on delete and on replacement', () => {
  test.each([
    ['AWS::MemoryDB::Cluster', { ClusterName: 'm', NodeType: 'db.t4g.small', ACLName: 'open-access' }],
    ['AWS::ElastiCache::ServerlessCache', { ServerlessCacheName: 's', Engine: 'valkey' }],
    ['AWS::RedshiftServerless::Namespace', { NamespaceName: 'n' }],
  ])('%s with FinalSnapshotName passes, without it fails', (type, properties) => {
    expect(templateFindings(type, { ...properties, FinalSnapshotName: 'store-final' })).toEqual([]);
    expect(templateFindings(type, properties)).toEqual([
      `general-deletion-policy: DeletionPolicy is not set (CloudFormation default for ${type}: Delete).`,
      'general-update-replace-policy: UpdateReplacePolicy is not set (CloudFormation default: Delete).',
    ]);
  });

  test('a final snapshot name chosen at deploy time proves nothing', () => {
    expect(
      templateFindings(
        'AWS::MemoryDB::Cluster',
        { ClusterName: 'm', NodeType: 'db.t4g.small', ACLName: 'open-access', FinalSnapshotName: { Ref: 'Name' } },
        { Name: { Type: 'String', Default: '' } },
      ),
    ).toHaveLength(2);
    expect(templateFindings('AWS::MemoryDB::Cluster', { ClusterName: 'm', FinalSnapshotName: '' })).toHaveLength(2);
  });

  test('the Cloud Control providers carry the same property: aws-native and awscc keep it too', () => {
    expect(
      providerFindings('aws-native:elasticache:ServerlessCache', { engine: 'valkey', finalSnapshotName: 'f' }),
    ).toEqual([]);
    expect(
      providerFindings('awscc_redshiftserverless_namespace', { namespace_name: 'n', final_snapshot_name: 'f' }),
    ).toEqual([]);
    // The AWS provider's serverless cache has no such input: the message does not ask for one.
    expect(providerFindings('aws_elasticache_serverless_cache', { name: 's', engine: 'valkey' })).toEqual([
      'general-deletion-policy: `terraform destroy`, or removing the resource block, deletes the resource and its data: `lifecycle { prevent_destroy }` cannot be seen (the plan JSON does not record it; pass the configuration directory with `--terraform-dir` so Deadbolt reads it from the `.tf` files).',
      'general-update-replace-policy: A replacing update deletes the old resource: `lifecycle { prevent_destroy }` cannot be seen (the plan JSON does not record it; pass the configuration directory with `--terraform-dir` so Deadbolt reads it from the `.tf` files).',
    ]);
  });
});

describe('Terraform/Pulumi: an FSx final backup keeps the data, with the provider defaults fsx-final-backup reads', () => {
  const kept: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
    ['Windows, default (the provider takes one)', 'aws:fsx/windowsFileSystem:WindowsFileSystem', {}],
    ['OpenZFS, skip_final_backup = false', 'aws_fsx_openzfs_file_system', { skip_final_backup: false }],
    [
      'persistent Lustre, skipFinalBackup: false',
      'aws:fsx/lustreFileSystem:LustreFileSystem',
      { deploymentType: 'PERSISTENT_2', skipFinalBackup: false },
    ],
    ['an ONTAP volume, default', 'aws_fsx_ontap_volume', { name: 'vol' }],
  ];
  test.each(kept)('%s: kept', (_what, type, inputs) => {
    expect(providerFindings(type, inputs)).toEqual([]);
  });

  const lost: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
    ['Windows, skipFinalBackup: true', 'aws:fsx/windowsFileSystem:WindowsFileSystem', { skipFinalBackup: true }],
    [
      'persistent Lustre, default (the provider skips it)',
      'aws_fsx_lustre_file_system',
      { deployment_type: 'PERSISTENT_2' },
    ],
    ['scratch Lustre, which keeps no backups', 'aws_fsx_lustre_file_system', { skip_final_backup: false }],
    ['an ONTAP file system (its volumes take the backups)', 'aws_fsx_ontap_file_system', { skip_final_backup: false }],
  ];
  test.each(lost)('%s: deleted', (_what, type, inputs) => {
    expect(providerFindings(type, inputs)).toHaveLength(2);
  });
});
