/**
 * `enforceDataProtection` on real @pulumi/aws programs under mocks: part
 * resources that configure something the program does not define, and an EFS
 * replication onto an existing file system.
 */
import * as aws from '@pulumi/aws';
import { runProgram } from '../harness';
import { enforceDataProtection, type DataProtectionEnforcement } from '../../src';

const NOW = new Date('2026-06-01T00:00:00Z');

async function findings(program: () => void): Promise<string[]> {
  let enforcement: DataProtectionEnforcement | undefined;
  const run = await runProgram(() => {
    enforcement = enforceDataProtection({ judgeAtExit: false, account: '111111111111', region: 'us-east-1' });
    program();
  });
  expect(run.error).toBeUndefined();
  const judgement = await enforcement!.judge(NOW);
  const nameOf = (urn: string) => judgement.records.find((r) => r.id === urn)?.name ?? urn;
  return judgement.findings
    .filter((f) => f.severity !== 'info' && f.ruleId !== 'backup-cross-account-copy')
    .map((f) => `${f.severity} ${f.ruleId} ${nameOf(f.resource.logicalId)}`)
    .sort();
}

describe('parts of resources the program does not define', () => {
  test('a 1-day expiration on an existing bucket is reported on the lifecycle configuration itself', async () => {
    expect(
      await findings(() => {
        new aws.s3.BucketLifecycleConfiguration('ext-lc', {
          bucket: 'prod-shared-data',
          rules: [{ id: 'x', status: 'Enabled', expiration: { days: 1 } }],
        });
      }),
    ).toEqual(['warning s3-lifecycle-expiration ext-lc']);
  });

  test('versioning turned on for an existing bucket is no finding', async () => {
    expect(
      await findings(() => {
        new aws.s3.BucketVersioning('ext-v', {
          bucket: 'prod-shared-data',
          versioningConfiguration: { status: 'Enabled' },
        });
      }),
    ).toEqual([]);
  });

  test('a replication onto an existing file system is reported on the source file system', async () => {
    expect(
      await findings(() => {
        const source = new aws.efs.FileSystem('src', {});
        new aws.efs.BackupPolicy('src-backups', {
          fileSystemId: source.id,
          backupPolicy: { status: 'ENABLED' },
        });
        new aws.efs.ReplicationConfiguration('rep', {
          sourceFileSystemId: source.id,
          destination: { fileSystemId: 'fs-0123456789abcdef0', region: 'us-west-2' },
        });
      }),
    ).toEqual(['error efs-replication-overwrite-protection src']);
  });
});
