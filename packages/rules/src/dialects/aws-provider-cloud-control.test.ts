import * as fs from 'fs';
import * as path from 'path';
import { evaluate } from '../evaluate';
import type { ProviderResourceRecord } from './aws-provider-model';
import { readProviderModel } from './aws-provider';
import { awsccAttributeName } from './cloud-control-names';

/**
 * The Terraform AWS Cloud Control provider (`awscc_*`) and Pulumi `aws-native`
 * write CloudFormation's own properties, in snake_case or camelCase, at every
 * depth: the dialect gives back CloudFormation's names, acronyms included.
 */
const awscc = (type: string, inputs: Record<string, unknown>, options = {}): ProviderResourceRecord => ({
  id: `${type}.main`,
  name: `${type}.main`,
  type,
  inputs,
  options,
});
const KEEP = { preventDestroy: true };

function model(resources: ProviderResourceRecord[]) {
  return readProviderModel({ id: 'app/prod', name: 'prod', account: '111111111111', region: 'us-east-1', resources });
}
function findings(resources: ProviderResourceRecord[]) {
  return evaluate(model(resources), { idiom: 'terraform' })
    .findings.filter((f) => f.severity !== 'info' && f.ruleId !== 'backup-cross-account-copy')
    .map((f) => `${f.ruleId}: ${f.message}`);
}
const properties = (r: ProviderResourceRecord) => [...model([r]).documents[0].resources.values()][0].properties;

describe('awscc and aws-native: CloudFormation names at every depth', () => {
  test('nested keys and acronyms come back as CloudFormation writes them', () => {
    expect(
      properties(
        awscc('awscc_rds_db_instance', {
          db_cluster_identifier: 'orders',
          db_instance_class: 'db.r6g.large',
          performance_insights_kms_key_id: 'k',
        }),
      ),
    ).toEqual({ DBClusterIdentifier: 'orders', DBInstanceClass: 'db.r6g.large', PerformanceInsightsKMSKeyId: 'k' });
    expect(
      properties(
        awscc('awscc_dynamodb_table', {
          sse_specification: { sse_enabled: true, kms_master_key_id: 'k' },
          point_in_time_recovery_specification: { point_in_time_recovery_enabled: true, recovery_period_in_days: 35 },
        }),
      ),
    ).toEqual({
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: 'k' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
    });
    expect(
      properties({
        id: 'urn:pulumi:prod::app::aws-native:dynamodb:Table::t',
        name: 't',
        type: 'aws-native:dynamodb:Table',
        inputs: { sseSpecification: { sseEnabled: true } },
      }),
    ).toEqual({ SSESpecification: { SSEEnabled: true } });
  });

  test('an awscc cluster instance is a member of its cluster, judged by it', () => {
    expect(
      findings([
        awscc('awscc_rds_db_instance', { db_cluster_identifier: 'orders', db_instance_class: 'db.r6g.large' }),
      ]),
    ).toEqual([]);
  });

  test('protections set in nested blocks are read: versioning, point-in-time recovery, no false findings', () => {
    expect(
      findings([
        awscc('awscc_s3_bucket', { bucket_name: 'b', versioning_configuration: { status: 'Enabled' } }, KEEP),
      ]).filter((f) => f.startsWith('s3-versioning')),
    ).toEqual([]);
    expect(
      findings([
        awscc(
          'awscc_dynamodb_table',
          {
            table_name: 't',
            deletion_protection_enabled: true,
            point_in_time_recovery_specification: { point_in_time_recovery_enabled: true, recovery_period_in_days: 35 },
          },
          KEEP,
        ),
      ]),
    ).toEqual([]);
  });

  test('unsafe nested settings are findings that quote the awscc names', () => {
    expect(
      findings([
        awscc(
          'awscc_fsx_file_system',
          {
            file_system_type: 'WINDOWS',
            storage_capacity: 32,
            windows_configuration: { throughput_capacity: 8, automatic_backup_retention_days: 0 },
          },
          KEEP,
        ),
      ]),
    ).toEqual([
      'fsx-automatic-backup-retention: windows_configuration.automatic_backup_retention_days is 0, which turns automatic backups off; it must be at least 7 days.',
    ]);
    expect(
      findings([
        awscc(
          'awscc_s3_bucket',
          {
            bucket_name: 'b',
            versioning_configuration: { status: 'Enabled' },
            lifecycle_configuration: {
              rules: [{ id: 'x', status: 'Enabled', noncurrent_version_expiration: { noncurrent_days: 1 } }],
            },
          },
          KEEP,
        ),
      ]).filter((f) => !f.startsWith('s3-cross-account')),
    ).toEqual([
      expect.stringMatching(
        /^s3-noncurrent-version-retention: .*lifecycle_configuration\.rules\[0\]\.noncurrent_version_expiration\.noncurrent_days: 1\)/,
      ),
    ]);
    expect(
      findings([
        awscc(
          'awscc_efs_file_system',
          {
            file_system_protection: { replication_overwrite_protection: 'DISABLED' },
            backup_policy: { status: 'ENABLED' },
          },
          KEEP,
        ),
      ]),
    ).toEqual([expect.stringMatching(/^efs-replication-overwrite-protection: .*"DISABLED"/)]);
    expect(findings([awscc('awscc_s3_bucket', { bucket_name: 'b' }, KEEP)])).toContain(
      's3-versioning: versioning_configuration.status is not set (provider default: never versioned).',
    );
  });

  test('tags given as a list of { key, value } are read: a log group tagged as data', () => {
    expect(
      findings([
        awscc(
          'awscc_logs_log_group',
          { log_group_name: 'audit', retention_in_days: 1, tags: [{ key: 'deadbolt:data', value: 'true' }] },
          KEEP,
        ),
      ]),
    ).toContain('logs-data-retention: retention_in_days is 1; it must be at least 7 days.');
  });

  test('awsccAttributeName is the provider’s conversion (naming.go)', () => {
    expect(
      [
        'DBClusterIdentifier',
        'SSESpecification',
        'KMSMasterKeyID',
        'Ipv6Addresses',
        'CloudWatchLogs',
        'OpenZFSConfiguration',
      ].map(awsccAttributeName),
    ).toEqual([
      'db_cluster_identifier',
      'sse_specification',
      'kms_master_key_id',
      'ipv_6_addresses',
      'cloudwatch_logs',
      'open_zfs_configuration',
    ]);
  });

  test('the generated property names match the installed @aws-cdk/aws-service-spec (run `npm run generate`)', () => {
    const { buildPropertyNames, awsccAttribute } = require('../../scripts/generate-property-names.js') as {
      buildPropertyNames(): unknown;
      awsccAttribute(name: string): string;
    };
    const committed: unknown = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'spec', 'cloudformation-property-names.generated.json'), 'utf8'),
    );
    expect(committed).toEqual(buildPropertyNames());
    for (const name of ['DBName', 'TLSEnabled', 'ProviderARNs', 'S3Key', 'FSxConfiguration'])
      expect(awsccAttributeName(name)).toBe(awsccAttribute(name));
  });
});
