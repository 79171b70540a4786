import { evaluate } from '../evaluate';
import { providerOutput, type ProviderResourceRecord } from './aws-provider-model';
import { readProviderModel } from './aws-provider';

/**
 * Part resources (`aws.s3.BucketVersioning`, `aws_s3_bucket_lifecycle_configuration`,
 * `aws.efs.BackupPolicy`, `aws_backup_vault_lock_configuration`, …) whose target
 * is not a resource of the stack: judged on their own, for what they set.
 */
const urn = (type: string, name: string) => `urn:pulumi:prod::shop::${type}::${name}`;
const LC = 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration';
const VERSIONING = 'aws:s3/bucketVersioning:BucketVersioning';

function part(type: string, name: string, inputs: Record<string, unknown>, options = {}): ProviderResourceRecord {
  const id = type.includes(':') ? urn(type, name) : `${type}.${name}`;
  return { id, name, type, inputs, options };
}

function judge(resources: ProviderResourceRecord[], idiom: 'pulumi' | 'terraform' = 'pulumi') {
  const model = readProviderModel({
    id: 'shop/prod',
    name: 'prod',
    account: '111111111111',
    region: 'us-east-1',
    resources,
  });
  return evaluate(model, { idiom }).findings.filter((f) => f.severity !== 'info');
}
const on = (findings: ReturnType<typeof judge>, id: string) =>
  findings.filter((f) => f.resource.path === id).map((f) => `${f.ruleId}: ${f.message}`);

const expireAfterOneDay = [{ id: 'tmp', status: 'Enabled', expiration: { days: 1 } }];

describe('a part resource whose target is not in the stack', () => {
  test('a lifecycle configuration of an existing bucket is judged on its own URN, its versioning unknown', () => {
    const lc = part(LC, 'ext-lc', { bucket: 'prod-shared-data', rules: expireAfterOneDay });
    const findings = judge([lc]);
    expect(findings.map((f) => [f.ruleId, f.resource.path, f.resource.type])).toEqual([
      ['s3-lifecycle-expiration', lc.id, 'AWS::S3::Bucket'],
    ]);
    expect(findings[0].message).toBe(
      "`ext-lc` configures the bucket `prod-shared-data`, which this stack does not define. The lifecycle rule `tmp` deletes every object 1 day after creation (ext-lc.rules[0].expiration.days: 1) and the bucket's versioning is unknown and cannot be proven `Enabled` (the bucket `prod-shared-data` is not defined in this stack, so its versioning cannot be read), so they are gone for good after 1 day; the minimum retention is 7 days.",
    );
    expect(findings[0].unresolved).toBe(true);
  });

  test('Terraform: noncurrent versions expired after 1 day on an existing bucket are an error on the address', () => {
    const lc = part('aws_s3_bucket_lifecycle_configuration', 'logs', {
      bucket: 'prod-logs',
      rule: [{ id: 'x', status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 1 }] }],
    });
    expect(on(judge([lc], 'terraform'), lc.id)).toEqual([
      expect.stringMatching(/^s3-noncurrent-version-retention: `logs` configures the bucket `prod-logs`.*1 day/),
    ]);
  });

  test('a part that keeps data safe is no finding: versioning on, a compliance lock, backups on; nor is removing it', () => {
    const safe = [
      part('aws_s3_bucket_versioning', 'v', { bucket: 'prod-data', versioning_configuration: [{ status: 'Enabled' }] }),
      part('aws_efs_backup_policy', 'bp', { file_system_id: 'fs-0123', backup_policy: [{ status: 'ENABLED' }] }),
      part('aws_backup_vault_lock_configuration', 'lock', {
        backup_vault_name: 'central',
        min_retention_days: 35,
        changeable_for_days: 3,
      }),
    ];
    // Neither `protect: false` nor missing options make the general rules judge a part: it deletes no data.
    expect(
      judge(
        safe.map((p) => ({ ...p, options: { protect: false } })),
        'terraform',
      ),
    ).toEqual([]);
    expect(judge(safe, 'terraform')).toEqual([]);
  });

  test('a part that lowers protection is a finding: versioning suspended, backups off, a governance-mode lock', () => {
    const findings = judge([
      part(VERSIONING, 'v', { bucket: 'prod-data', versioningConfiguration: { status: 'Suspended' } }),
      part('aws:efs/backupPolicy:BackupPolicy', 'bp', {
        fileSystemId: 'fs-0123',
        backupPolicy: { status: 'DISABLED' },
      }),
      part('aws:backup/vaultLockConfiguration:VaultLockConfiguration', 'lock', {
        backupVaultName: 'central',
        minRetentionDays: 7,
      }),
    ]);
    expect(findings.map((f) => `${f.ruleId} ${f.resource.path!.split('::').pop()}`)).toEqual([
      's3-versioning v',
      'efs-automatic-backups bp',
      'backup-vault-compliance-lock lock',
    ]);
    expect(findings[1].message).toBe(
      '`bp` configures the file system `fs-0123`, which this stack does not define. bp.backupPolicy.status is "DISABLED"; it must be `ENABLED`.',
    );
  });

  test('parts naming the same existing bucket see each other: versioning on makes an expiration recoverable', () => {
    const versioned = part(VERSIONING, 'v', { bucket: 'x', versioningConfiguration: { status: 'Enabled' } });
    const lc = part(LC, 'lc', { bucket: 'x', rules: expireAfterOneDay });
    expect(judge([versioned, lc])).toEqual([]);
    expect(judge([lc]).map((f) => f.ruleId)).toEqual(['s3-lifecycle-expiration']);
  });

  test('a literal cannot name a bucket of the stack whose name is chosen at deployment (auto-named, bucketPrefix)', () => {
    for (const inputs of [{}, { bucketPrefix: 'data-' }]) {
      const bucket = part('aws:s3/bucket:Bucket', 'data', inputs, { protect: true, retainOnDelete: true });
      const lc = part(LC, 'lc', { bucket: 'data-123', rules: expireAfterOneDay });
      expect(on(judge([bucket, lc]), lc.id)).toEqual([
        expect.stringContaining(
          'configures the bucket `data-123`, which this stack does not define (a bucket of this stack whose name is chosen at deployment, such as `data`, is matched only through its output).',
        ),
      ]);
    }
  });

  test('a part whose target cannot be identified cannot credit its protection to any bucket: a finding says so', () => {
    const bucket = part('aws:s3/bucket:Bucket', 'data', { bucket: 'data' }, { protect: true, retainOnDelete: true });
    const versioning = part(VERSIONING, 'v', {
      bucket: providerOutput(false, undefined, []),
      versioningConfiguration: { status: 'Enabled' },
    });
    const findings = judge([bucket, versioning]);
    expect(on(findings, bucket.id)).toContainEqual(expect.stringMatching(/^s3-versioning: .* is not set/));
    const credit = findings.filter((f) => f.resource.path === versioning.id);
    expect(credit.map((f) => [f.ruleId, f.unresolved, f.message])).toEqual([
      [
        's3-versioning',
        true,
        '`v` configures a bucket Deadbolt cannot identify (`bucket` is an output known only after deployment, computed from no resource of this stack Deadbolt can tie it to), and its VersioningConfiguration cannot be credited to any resource of this stack: each is judged without it.',
      ],
    ]);
    expect(credit[0].fix).toContain('bucket: bucket.id');
  });

  test('a part tied to its bucket by an output is still merged into it, not judged on its own', () => {
    const bucket = part('aws:s3/bucket:Bucket', 'data', {}, { protect: true, retainOnDelete: true });
    const lc = part(LC, 'lc', { bucket: providerOutput(false, undefined, [bucket.id]), rules: expireAfterOneDay });
    const findings = judge([bucket, lc]);
    expect(findings.filter((f) => f.resource.path === lc.id)).toEqual([]);
    expect(on(findings, bucket.id)).toContainEqual(
      expect.stringMatching(/^s3-lifecycle-expiration: The lifecycle rule `tmp`/),
    );
  });

  test('a plan that writes to an existing vault under a lock is judged against the lock the stack sets on it', () => {
    const lock = part('aws:backup/vaultLockConfiguration:VaultLockConfiguration', 'lock', {
      backupVaultName: 'central',
      minRetentionDays: 35,
      changeableForDays: 3,
    });
    const plan = part('aws:backup/plan:Plan', 'daily', {
      name: 'daily',
      rules: [
        { ruleName: 'd', targetVaultName: 'central', schedule: 'cron(0 3 * * ? *)', lifecycle: { deleteAfter: 7 } },
      ],
    });
    expect(on(judge([lock, plan]), plan.id)).toContainEqual(
      expect.stringMatching(/^backup-plan-vault-lock-retention: .*kept 7 days, less than the vault's lock allows/),
    );
  });
});
