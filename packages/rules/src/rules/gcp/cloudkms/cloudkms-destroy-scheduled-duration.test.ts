import { providerOutput } from '../../../dialects/aws-provider-model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import rule from './cloudkms-destroy-scheduled-duration';

describe('cloudkms-destroy-scheduled-duration: Cloud KMS keys wait before destroying key versions', () => {
  test.each([
    [
      '1. one day',
      googleRecord('google_kms_crypto_key', { destroy_scheduled_duration: '86400s' }),
      /^`destroy_scheduled_duration` is "86400s" \(1 day\); it must be at least 7 days\.$/,
      'inputs/destroy_scheduled_duration',
    ],
    [
      '2. not a duration',
      googleRecord('google_kms_crypto_key', { destroy_scheduled_duration: '2 days' }),
      /is "2 days", which is not a duration in seconds/,
      'inputs/destroy_scheduled_duration',
    ],
    [
      '3. unknown (Pulumi)',
      googleRecord('gcp:kms/cryptoKey:CryptoKey', { destroyScheduledDuration: providerOutput(false, undefined, []) }),
      /^`destroyScheduledDuration` is an unknown output and cannot be proven at least 7 days/,
      'inputs/destroyScheduledDuration',
    ],
  ])('%s is a finding', (_n, record, message, location) => {
    const findings = googleFindingsOf(rule, [record]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: rule.id, location });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fixes.terraform).toMatch(/destroy_scheduled_duration = "2592000s"/);
  });

  test('the default 30 days is short of a 60-day minimum', () => {
    const findings = googleFindingsOf(rule, [googleRecord('google_kms_crypto_key', {})], {
      minimumBackupRetentionDays: 60,
    });
    expect(findings.map((f) => f.message)).toEqual([
      '`destroy_scheduled_duration` is not set (Cloud KMS default: 30 days); it must be at least 60 days.',
    ]);
  });

  test.each([
    ['unset (30 days)', googleRecord('google_kms_crypto_key', {})],
    ['7 days', googleRecord('google_kms_crypto_key', { destroy_scheduled_duration: '604800s' })],
  ])('%s passes', (_n, record) => {
    expect(googleFindingsOf(rule, [record])).toEqual([]);
  });
});

describe('cloudkms-destroy-scheduled-duration: the API`s bounds', () => {
  test('"86400s" (1 day, the least Cloud KMS accepts) meets a 1-day minimum and fails the default 7', () => {
    const key = googleRecord('google_kms_crypto_key', { destroy_scheduled_duration: '86400s' });
    expect(googleFindingsOf(rule, [key], { minimumBackupRetentionDays: 1 })).toEqual([]);
    expect(googleFindingsOf(rule, [key]).map((f) => f.message)).toEqual([
      '`destroy_scheduled_duration` is "86400s" (1 day); it must be at least 7 days.',
    ]);
  });

  test('a minimum past 120 days asks for 120, the longest Cloud KMS accepts', () => {
    const options = { minimumBackupRetentionDays: 365 };
    expect(
      googleFindingsOf(rule, [googleRecord('google_kms_crypto_key', {})], options).map((f) => [f.message, f.fix]),
    ).toEqual([
      [
        '`destroy_scheduled_duration` is not set (Cloud KMS default: 30 days); it must be at least 120 days (the longest Cloud KMS accepts).',
        expect.stringContaining('destroy_scheduled_duration = "10368000s"'),
      ],
    ]);
    const longest = googleRecord('google_kms_crypto_key', { destroy_scheduled_duration: '10368000s' });
    expect(googleFindingsOf(rule, [longest], options)).toEqual([]);
  });

  test('the period is judged whatever guards the key resource: they stop only the tool', () => {
    const key = googleRecord(
      'google_kms_crypto_key',
      { destroy_scheduled_duration: '86400s', deletion_policy: 'PREVENT' },
      { options: { preventDestroy: true } },
    );
    expect(googleFindingsOf(rule, [key])).toHaveLength(1);
  });
});

test('cloudkms-destroy-scheduled-duration: the fix warns that changing the period replaces the key (ForceNew)', () => {
  const [tf] = googleFindingsOf(rule, [
    googleRecord('google_kms_crypto_key', { destroy_scheduled_duration: '86400s' }),
  ]);
  expect(tf.fixes.terraform).toMatch(/do not change it in place .* create a new `google_kms_crypto_key`/);
  const [pu] = googleFindingsOf(rule, [
    googleRecord('gcp:kms/cryptoKey:CryptoKey', { destroyScheduledDuration: '86400s' }),
  ]);
  expect(pu.fixes.pulumi).toMatch(/create a new `gcp\.kms\.CryptoKey` .* `retainOnDelete: true`/);
});
