import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import protection from './memorystore-deletion-protection';
import backups from './memorystore-automated-backups';
import persistence from './memorystore-persistence';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const r = (type: string, p: Record<string, unknown> = {}): ProviderResourceRecord => googleRecord(type, p);

describe('memorystore rules', () => {
  test.each([
    [
      protection,
      r('google_redis_cluster', { deletion_protection_enabled: false }),
      /^deletion_protection_enabled is false; it must be true\. It is Memorystore's own guard: while true, every delete fails, `gcloud`, the console and a destroy alike\.$/,
    ],
    [protection, r('google_memorystore_instance', { deletion_protection_enabled: unknown() }), /cannot be proven true/],
    [
      protection,
      r('google_redis_instance', { deletion_protection: false }),
      /^deletion_protection is false; it must be true\. `deletion_protection` is a Terraform\/Pulumi-only guard: .*not `gcloud redis instances delete`.* Memorystore for Redis has no deletion protection of its own\.$/,
    ],
    [
      backups,
      r('google_redis_cluster', { persistence_config: { mode: 'AOF' } }),
      /^automated_backup_config is not set: no automated backups are taken\.$/,
    ],
    [
      backups,
      r('google_memorystore_instance', { automated_backup_config: { retention: '259200s' } }),
      /^automated_backup_config\.retention is "259200s" \(3 days\); it must be at least 7 days\.$/,
    ],
    [
      backups,
      r('google_redis_cluster', { automated_backup_config: { retention: unknown() } }),
      /cannot be proven at least 7 days/,
    ],
    [
      persistence,
      r('google_redis_instance'),
      /^persistence_config\.persistence_mode is not set \(provider default: DISABLED\)\.$/,
    ],
    [
      persistence,
      r('google_redis_cluster', { persistence_config: { mode: 'DISABLED' } }),
      /^persistence_config\.mode is "DISABLED"; it must be `RDB` or `AOF`\.$/,
    ],
  ] as const)('%#: %p finds the unsafe setting', (rule, res, message) => {
    const f = run(rule, res);
    expect(f).toHaveLength(1);
    expect(f[0].ruleId).toBe(rule.id);
    expect(f[0].message).toMatch(message);
  });
  test('persistence findings are warnings', () =>
    expect(run(persistence, r('google_redis_instance'))[0].severity).toBe('warning'));
  test.each([
    [protection, r('google_redis_cluster')],
    [protection, r('google_memorystore_instance', { deletion_protection_enabled: true })],
    [protection, r('google_redis_instance')],
    [backups, r('google_redis_cluster', { automated_backup_config: { retention: '604800s' } })],
    [
      backups,
      r('google_memorystore_instance', {
        automated_backup_config: { fixed_frequency_schedule: { start_time: { hours: 3 } } },
      }),
    ],
    [persistence, r('google_redis_instance', { persistence_config: { persistence_mode: 'RDB' } })],
    [persistence, r('google_memorystore_instance', { persistence_config: { mode: 'AOF' } })],
  ] as const)('%#: %p passes the safe setting', (rule, res) => expect(run(rule, res)).toEqual([]));
});

describe('Memorystore rules in @pulumi/gcp quote the Pulumi names', () => {
  test.each([
    [
      protection,
      r('gcp:redis/instance:Instance', { deletionProtection: false }),
      /^deletionProtection is false; it must be true\. `deletionProtection` is a Terraform\/Pulumi-only guard: it stops `pulumi destroy` \(and a replacing `pulumi up`\), but not `gcloud redis instances delete`, the console or an API call\. Memorystore for Redis has no deletion protection of its own\.$/,
    ],
    [
      protection,
      r('gcp:redis/cluster:Cluster', { deletionProtectionEnabled: false }),
      /^deletionProtectionEnabled is false; it must be true\. It is Memorystore's own guard/,
    ],
    [
      backups,
      r('gcp:memorystore/instance:Instance', { persistenceConfig: { mode: 'RDB' } }),
      /^automatedBackupConfig is not set: no automated backups are taken\.$/,
    ],
    [
      backups,
      r('gcp:redis/cluster:Cluster', {
        automatedBackupConfig: { retention: '86400s', fixedFrequencySchedule: { startTime: { hours: 3 } } },
      }),
      /^automatedBackupConfig\.retention is "86400s" \(1 day\); it must be at least 7 days\.$/,
    ],
    [
      persistence,
      r('gcp:redis/instance:Instance', { persistenceConfig: { persistenceMode: 'DISABLED' } }),
      /^persistenceConfig\.persistenceMode is "DISABLED"; it must be `RDB`\.$/,
    ],
  ] as const)('%#: %p', (rule, res, message) => {
    const f = run(rule, res);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].fixes.pulumi).toMatch(/gcp\.(redis|memorystore)\.(Instance|Cluster)/);
  });
  test('a Terraform plan writes automated_backup_config as a one-element list', () =>
    expect(
      run(backups, r('google_redis_cluster', { automated_backup_config: [{ retention: '86400s' }] }))[0].message,
    ).toBe('automated_backup_config.retention is "86400s" (1 day); it must be at least 7 days.'));
});

test("memorystore-deletion-protection: Pulumi's retainOnDelete stands in for a Redis instance's provider guard, not for a cluster's API guard", () => {
  const options = { retainOnDelete: true };
  expect(
    run(protection, googleRecord('gcp:redis/instance:Instance', { deletionProtection: false }, { options })),
  ).toEqual([]);
  expect(
    run(protection, googleRecord('gcp:redis/cluster:Cluster', { deletionProtectionEnabled: false }, { options })),
  ).toHaveLength(1);
});

test('memorystore-automated-backups: a cluster with neither backups nor persistence reads as a cache: a warning', () => {
  const f = run(backups, r('gcp:redis/cluster:Cluster', { persistenceConfig: { mode: 'DISABLED' } }));
  expect(f.map((x) => [x.severity, x.message])).toEqual([
    [
      'warning',
      'automatedBackupConfig is not set: no automated backups are taken. persistenceConfig.mode is not `RDB` or `AOF` either, so this reads as a cache; if it is one, acknowledge the finding with that reason.',
    ],
  ]);
  expect(run(backups, r('google_memorystore_instance', { persistence_config: [{ mode: 'RDB' }] }))[0].severity).toBe(
    'error',
  );
});
