import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import forceDestroy from './gcs-bucket-no-force-destroy';
import versioning from './gcs-bucket-versioning';
import softDelete from './gcs-bucket-soft-delete';
import locked from './gcs-bucket-retention-policy-locked';
import expiration from './gcs-lifecycle-expiration';
import noncurrent from './gcs-noncurrent-version-retention';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const bucket = (p: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_storage_bucket', { name: 'records', location: 'EU', ...p });
const del = (condition: Record<string, unknown>) => ({ action: { type: 'Delete' }, condition });
const versioned = (...rules: unknown[]) => bucket({ versioning: { enabled: true }, lifecycle_rule: rules });
const unversioned = (...rules: unknown[]) => bucket({ lifecycle_rule: rules });

describe('gcs rules', () => {
  test.each([
    [
      forceDestroy,
      bucket({ force_destroy: true }),
      /^force_destroy is true: when the resource is destroyed or replaced, every object and object version in the bucket is deleted before the bucket is\.$/,
    ],
    [versioning, bucket(), /^versioning\.enabled is not set \(provider default: never versioned\)\.$/],
    [versioning, bucket({ versioning: { enabled: false } }), /^versioning\.enabled is false; it must be true\.$/],
    [versioning, bucket({ versioning: [{ enabled: unknown() }] }), /cannot be proven true/],
    [
      softDelete,
      bucket({ soft_delete_policy: { retention_duration_seconds: 0 } }),
      /^soft_delete_policy\.retention_duration_seconds is 0, which turns soft delete off; it must be at least 604800 \(7 days\)\.$/,
    ],
    [softDelete, bucket({ soft_delete_policy: [{ retention_duration_seconds: 0 }] }), /which turns soft delete off/],
    [
      softDelete,
      bucket({ soft_delete_policy: { retention_duration_seconds: unknown() } }),
      /cannot be proven at least 604800/,
    ],
    [
      locked,
      bucket({ retention_policy: { retention_period: 2592000 } }),
      /^retention_policy\.is_locked is not set \(provider default: false, unlocked\)\.$/,
    ],
    [
      expiration,
      unversioned(del({ age: 1 })),
      /^The lifecycle rule 1 deletes every object 1 day after they are created, and the bucket is not versioned, so they are gone for good in less than the minimum retention of 7 days\.$/,
    ],
    [
      expiration,
      unversioned(del({ created_before: '2026-01-01', matches_prefix: ['logs/'] })),
      /deletes objects under `logs\/` as soon as Cloud Storage gets to them, however new, once created_before "2026-01-01" holds/,
    ],
    [
      expiration,
      unversioned({ action: { type: unknown() }, condition: { age: 30 } }),
      /\(the rule is judged as a delete: its action type is (?:an unknown output|a value known only after apply)/,
    ],
    [
      expiration,
      bucket({ versioning: { enabled: unknown() }, lifecycle_rule: [del({ age: 3 })] }),
      /the bucket's versioning is (?:an unknown output|a value known only after apply) and cannot be proven enabled/,
    ],
    [
      expiration,
      bucket({ lifecycle_rule: unknown() }),
      /^lifecycle_rule is (?:an unknown output|a value known only after apply) and cannot be proven to keep objects for 7 days/,
    ],
    [
      noncurrent,
      versioned(del({ days_since_noncurrent_time: 3 })),
      /^The lifecycle rule 1 deletes noncurrent versions of every object 3 days after they become noncurrent, so an overwrite or delete is unrecoverable after 3 days; noncurrent versions must be kept at least 7 days\.$/,
    ],
    [
      noncurrent,
      versioned(del({ num_newer_versions: 3 })),
      /deletes noncurrent versions of every object as soon as 3 newer versions exist, however soon that is/,
    ],
    [
      noncurrent,
      versioned(del({ age: 30 })),
      /once the object is 30 days old, counted from its creation, not from the overwrite/,
    ],
    [
      noncurrent,
      versioned(del({ with_state: 'ARCHIVED', noncurrent_time_before: '2026-01-01' })),
      /once noncurrent_time_before "2026-01-01" holds/,
    ],
    [noncurrent, versioned(del({ with_state: 'ANY', age: 400 })), /once the object is 400 days old/],
  ] as const)('%#: %p finds the unsafe setting', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].ruleId).toBe(rule.id);
    expect(f[0].message).toMatch(message);
    expect(f[0].fix).toMatch(/google_storage_bucket|lifecycle_rule/);
    expect(f[0].fixes.pulumi).toMatch(/gcp\.storage\.Bucket|lifecycleRules/);
  });
  test('a 14-day minimum is above the 7-day soft delete default', () =>
    expect(run(softDelete, bucket(), { minimumBackupRetentionDays: 14 })[0].message).toBe(
      'soft_delete_policy.retention_duration_seconds is not set (provider default: 604800, 7 days, under the minimum of 14 days).',
    ));
  test.each([
    [forceDestroy, bucket()],
    [versioning, bucket({ versioning: { enabled: true } })],
    [softDelete, bucket()],
    [softDelete, bucket({ soft_delete_policy: { retention_duration_seconds: 2592000 } })],
    [locked, bucket()],
    [locked, bucket({ retention_policy: { retention_period: 2592000, is_locked: true } })],
    [expiration, unversioned(del({ age: 30 }))],
    [expiration, unversioned(del({ age: 30, created_before: '2026-01-01' }))],
    [
      expiration,
      unversioned({ action: { type: 'SetStorageClass', storage_class: 'NEARLINE' }, condition: { age: 1 } }),
    ],
    [expiration, versioned(del({ age: 1, with_state: 'LIVE' }))],
    [noncurrent, versioned(del({ days_since_noncurrent_time: 7, num_newer_versions: 3 }))],
    [noncurrent, versioned(del({ age: 1, with_state: 'LIVE' }))],
    [noncurrent, unversioned(del({ age: 1 }))],
  ] as const)('%#: %p passes the safe setting', (rule, r) => expect(run(rule, r)).toEqual([]));
});

describe('Cloud Storage rules in @pulumi/gcp quote the Pulumi names', () => {
  const pBucket = (inputs: Record<string, unknown> = {}) =>
    googleRecord('gcp:storage/bucket:Bucket', { name: 'records', location: 'EU', ...inputs });
  const pDel = (condition: Record<string, unknown>) => ({ action: { type: 'Delete' }, condition });
  test.each([
    [
      forceDestroy,
      pBucket({ forceDestroy: true }),
      /^forceDestroy is true: when the resource is destroyed/,
      'forceDestroy',
    ],
    [versioning, pBucket({ versioning: { enabled: false } }), /^versioning\.enabled is false/, 'versioning/enabled'],
    [
      softDelete,
      pBucket({ softDeletePolicy: { retentionDurationSeconds: 0 } }),
      /^softDeletePolicy\.retentionDurationSeconds is 0, which turns soft delete off/,
      'softDeletePolicy/retentionDurationSeconds',
    ],
    [
      locked,
      pBucket({ retentionPolicy: { retentionPeriod: 2592000 } }),
      /^retentionPolicy\.isLocked is not set \(provider default: false, unlocked\)\.$/,
      'retentionPolicy/isLocked',
    ],
    [
      expiration,
      pBucket({ lifecycleRules: [pDel({ createdBefore: '2026-01-01' })] }),
      /once createdBefore "2026-01-01" holds/,
      'lifecycleRules/0/condition',
    ],
    [
      expiration,
      pBucket({ lifecycleRules: unknown() }),
      /^lifecycleRules is (?:an unknown output|a value known only after apply) and cannot be proven to keep objects for 7 days/,
      'lifecycleRules',
    ],
    [
      noncurrent,
      pBucket({ versioning: { enabled: true }, lifecycleRules: [pDel({ daysSinceNoncurrentTime: unknown() })] }),
      /deletes noncurrent versions of every object after daysSinceNoncurrentTime (?:an unknown output|a value known only after apply) days/,
      'lifecycleRules/0/condition',
    ],
    [
      noncurrent,
      pBucket({ versioning: { enabled: unknown() }, lifecycleRules: [pDel({ age: 1 })] }),
      /judged as a delete of noncurrent versions: versioning\.enabled is (?:an unknown output|a value known only after apply)/,
      'lifecycleRules/0/condition',
    ],
  ] as const)('%#: %p', (rule, r, message, location) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].location).toBe(`inputs/${location}`);
    expect(f[0].fix).toMatch(/gcp\.storage\.Bucket|lifecycleRules/);
  });

  test('a safe Pulumi bucket passes every rule', () => {
    const safe = pBucket({
      versioning: { enabled: true },
      softDeletePolicy: { retentionDurationSeconds: 2592000 },
      retentionPolicy: { retentionPeriod: 2592000, isLocked: true },
      lifecycleRules: [pDel({ daysSinceNoncurrentTime: 30, withState: 'ARCHIVED' })],
    });
    for (const rule of [forceDestroy, versioning, softDelete, locked, expiration, noncurrent])
      expect(run(rule, safe)).toEqual([]);
  });
});

describe('Cloud Storage escape hatches', () => {
  test('a minimum above 90 days asks for the 90 days Cloud Storage allows, and 90 days passes', () => {
    const options = { minimumBackupRetentionDays: 120 };
    expect(run(softDelete, bucket({ soft_delete_policy: [{ retention_duration_seconds: 7776000 }] }), options)).toEqual(
      [],
    );
    const f = run(softDelete, bucket({ soft_delete_policy: [{ retention_duration_seconds: 2592000 }] }), options);
    expect(f.map((x) => x.message)).toEqual([
      'soft_delete_policy.retention_duration_seconds is 2592000; it must be at least 7776000 (90 days, the longest Cloud Storage allows).',
    ]);
    expect(f[0].fix).toMatch(/retention_duration_seconds = 7776000/);
  });
  test('a Delete rule bounded only by days_since_custom_time is reported: a writer sets the custom time', () => {
    const f = run(expiration, unversioned(del({ days_since_custom_time: 30 })));
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(
      /deletes every object as soon as Cloud Storage gets to them, however new, once days_since_custom_time 30 \(counted from the custom time each object's writer sets, which may be long past\) holds/,
    );
    expect(run(expiration, unversioned(del({ days_since_custom_time: 30, age: 30 })))).toEqual([]);
  });
  test('a Terraform plan writes single blocks as one-element lists, and the real reader steps into them', () => {
    const plan = googleRecord('google_storage_bucket', {
      name: 'records',
      location: 'EU',
      versioning: [{ enabled: true }],
      lifecycle_rule: [{ action: [{ type: 'Delete' }], condition: [{ num_newer_versions: 1 }] }],
    });
    const f = run(noncurrent, plan);
    expect(f.map((x) => x.location)).toEqual(['inputs/lifecycle_rule/0/condition']);
    expect(run(versioning, plan)).toEqual([]);
  });
});

describe('gcs-bucket-versioning and retention policies (which Cloud Storage does not allow with versioning)', () => {
  test('a retention policy of at least the minimum protects the live objects: no versioning finding', () => {
    expect(run(versioning, bucket({ retention_policy: [{ retention_period: 2592000 }] }))).toEqual([]);
    expect(
      run(versioning, googleRecord('gcp:storage/bucket:Bucket', { retentionPolicy: { retentionPeriod: 604800 } })),
    ).toEqual([]);
  });
  test('a retention policy shorter than the minimum is reported with the fix that works', () => {
    const f = run(versioning, bucket({ retention_policy: [{ retention_period: 86400 }] }));
    expect(f.map((x) => x.message)).toEqual([
      'retention_policy.retention_period is 86400 (1 day), under the minimum retention of 7 days, and a bucket with a retention policy cannot have versioning: an object older than that is deleted or overwritten for good once the soft delete window passes.',
    ]);
    expect(f[0].fix).toMatch(/retention_period = 604800/);
    const p = run(
      versioning,
      googleRecord('gcp:storage/bucket:Bucket', { retentionPolicy: { retentionPeriod: 3600 } }),
    );
    expect(p[0].message).toMatch(/^retentionPolicy\.retentionPeriod is 3600 \(1 hour\)/);
    expect(p[0].fix).toMatch(/retentionPolicy: \{ retentionPeriod: 604800 \}/);
  });
  test('a retention period that cannot be read leaves the versioning requirement in force', () =>
    expect(run(versioning, bucket({ retention_policy: [{ retention_period: unknown() }] }))[0].message).toBe(
      'versioning.enabled is not set (provider default: never versioned).',
    ));
});

describe('gcs-lifecycle-expiration and retention policies', () => {
  test('a retention policy of at least the minimum holds objects a lifecycle Delete would take sooner', () =>
    expect(
      run(expiration, bucket({ retention_policy: { retention_period: 604800 }, lifecycle_rule: [del({ age: 1 })] })),
    ).toEqual([]));
  test('a shorter retention policy does not', () =>
    expect(
      run(expiration, bucket({ retention_policy: { retention_period: 86400 }, lifecycle_rule: [del({ age: 1 })] })),
    ).toHaveLength(1));
});

test('a plan writes 0 for an unset days_since_custom_time: not a condition unless sent', () => {
  expect(run(expiration, unversioned(del({ age: 30, days_since_custom_time: 0 })))).toEqual([]);
  expect(
    run(
      expiration,
      unversioned(del({ age: 0, send_age_if_zero: false, days_since_custom_time: 0, created_before: '' })),
    )[0].message,
  ).toMatch(/deletes every object as soon as Cloud Storage gets to them \(no age condition\)/);
  expect(
    run(expiration, unversioned(del({ days_since_custom_time: 0, send_days_since_custom_time_if_zero: true })))[0]
      .message,
  ).toMatch(/once days_since_custom_time 0 \(counted from the custom time/);
});
