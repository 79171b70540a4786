import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import forceDestroy from './spanner-instance-no-force-destroy';
import dropProtection from './spanner-database-drop-protection';
import versionRetention from './spanner-database-version-retention';
import { durationSeconds } from '../google-read';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const instance = (properties: Record<string, unknown>): ProviderResourceRecord =>
  googleRecord('google_spanner_instance', properties);
const database = (properties: Record<string, unknown>): ProviderResourceRecord =>
  googleRecord('google_spanner_database', properties);

describe('spanner-instance-no-force-destroy: Spanner instances keep their backups when destroyed', () => {
  const invalid: [string, ProviderResourceRecord, RegExp][] = [
    [
      '1. force_destroy true',
      instance({ force_destroy: true }),
      /^force_destroy is true: when the resource is destroyed or replaced, the provider deletes every backup of the instance before deleting the instance and its databases\.$/,
    ],
    ['2. force_destroy as the string "true"', instance({ force_destroy: 'true' }), /^force_destroy is "true": when/],
    [
      '3. force_destroy known only after apply',
      instance({ force_destroy: unknown() }),
      /^force_destroy is (?:an unknown output|a value known only after apply) and cannot be proven false; when true, the provider deletes every backup/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_n, r, message) => {
    const f = run(forceDestroy, r);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      ruleId: 'spanner-instance-no-force-destroy',
      severity: 'error',
      resource: { logicalId: 'google_spanner_instance.main' },
    });
    expect(f[0].message).toMatch(message);
    expect(f[0].location).toMatch(/force_destroy$/);
    expect(f[0].fix).toBe('Remove `force_destroy = true` from the `google_spanner_instance` (false is the default).');
    expect(f[0].fixes.pulumi).toMatch(/forceDestroy: true.*gcp\.spanner\.Instance/);
  });
  test.each([
    ['unset (default false)', instance({})],
    ['false', instance({ force_destroy: false })],
    ['null in a plan', instance({ force_destroy: null })],
  ])('%s passes', (_n, r) => expect(run(forceDestroy, r)).toEqual([]));
});

describe('spanner-database-drop-protection: Spanner databases have drop protection on', () => {
  const tfOnly =
    /`deletion_protection` is a Terraform\/Pulumi-only guard: it stops `terraform destroy` \(and a replacing apply\), but not `gcloud spanner databases delete`, the console or an API call\.$/;
  const invalid: [string, ProviderResourceRecord, RegExp][] = [
    [
      '1. defaults: deletion_protection (Terraform-only) on, drop protection off',
      database({ instance: 'main', name: 'db' }),
      /^enable_drop_protection is not set \(provider default: false\)\. It is Spanner's own guard: while true, every delete fails, `gcloud`, the console and a destroy alike\. It also blocks deleting the instance that holds the database\. `deletion_protection` is a Terraform\/Pulumi-only guard/,
    ],
    [
      '2. drop protection false, deletion_protection true',
      database({ enable_drop_protection: false, deletion_protection: true }),
      /^enable_drop_protection is false; it must be true\. It is Spanner's own guard: while true, every delete fails, `gcloud`, the console and a destroy alike\. It also blocks deleting the instance that holds the database\. `deletion_protection` is a Terraform\/Pulumi-only guard/,
    ],
    [
      '3. both off',
      database({ enable_drop_protection: false, deletion_protection: false }),
      /^enable_drop_protection is false; it must be true\. It is Spanner's own guard: while true, every delete fails, `gcloud`, the console and a destroy alike\. It also blocks deleting the instance that holds the database\. `deletion_protection` is false too: a destroy drops the database\. /,
    ],
    [
      '4. unknown',
      database({ enable_drop_protection: unknown('it depends on var.protect, known only after apply') }),
      /^enable_drop_protection is a value Deadbolt cannot read and cannot be proven true: it depends on var\.protect, known only after apply\./,
    ],
    [
      '5. a string that is not a boolean',
      database({ enable_drop_protection: 'yes' }),
      /^enable_drop_protection is "yes"; it must be true\./,
    ],
  ];
  test.each(invalid)('%s is a finding', (_n, r, message) => {
    const f = run(dropProtection, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].message).toMatch(tfOnly);
    expect(f[0].location).toMatch(/enable_drop_protection$/);
    expect(f[0].fix).toBe('Set `enable_drop_protection = true` on the `google_spanner_database`.');
    expect(f[0].fixes.pulumi).toBe('Pass `enableDropProtection: true` to the `gcp.spanner.Database`.');
  });
  test.each([
    ['drop protection on', database({ enable_drop_protection: true })],
    [
      'drop protection on, Terraform guard off (the API still refuses)',
      database({ enable_drop_protection: true, deletion_protection: false }),
    ],
  ])('%s passes', (_n, r) => expect(run(dropProtection, r)).toEqual([]));
});

describe('spanner-database-version-retention: Spanner databases keep point-in-time recovery for at least the minimum retention', () => {
  const invalid: [string, ProviderResourceRecord, RegExp, { minimumBackupRetentionDays?: number }?][] = [
    [
      '1. unset (1 hour)',
      database({}),
      /^version_retention_period is not set \(provider default: 1h, 1 hour\); it must be at least 7 days\.$/,
      {},
    ],
    [
      '2. 3 days',
      database({ version_retention_period: '3d' }),
      /^version_retention_period is "3d" \(3 days\); it must be at least 7 days\.$/,
      {},
    ],
    ['3. 6 days in hours', database({ version_retention_period: '144h' }), /is "144h" \(6 days\)/],
    ['4. seconds', database({ version_retention_period: '86400s' }), /is "86400s" \(1 day\)/],
    ['5. unknown', database({ version_retention_period: unknown() }), /cannot be proven at least 7 days/, {}],
    [
      '6. not a duration',
      database({ version_retention_period: 'a week' }),
      /^version_retention_period is "a week", which is not a duration; it must be at least 7 days\.$/,
      {},
    ],
    [
      '7. set short in ddl',
      database({
        ddl: [
          'CREATE TABLE t (id INT64) PRIMARY KEY (id)',
          "ALTER DATABASE `db` SET OPTIONS (version_retention_period = '2d')",
        ],
      }),
      /^the ddl statement .* sets version_retention_period to "2d" \(2 days\); it must be at least 7 days\.$/,
      {},
    ],
    [
      '8. ddl known only after apply',
      database({ ddl: unknown() }),
      /^version_retention_period is not set and ddl is (?:an unknown output|a value known only after apply), which cannot be proven/,
      {},
    ],
    [
      '9. a later ddl statement resets it to the default',
      database({
        ddl: [
          "ALTER DATABASE db SET OPTIONS (version_retention_period = '7d')",
          'ALTER DATABASE db SET OPTIONS (version_retention_period = null)',
        ],
      }),
      /sets version_retention_period to "1h" \(1 hour\)/,
      {},
    ],
    [
      '10. a 14-day minimum asks for the 7 days Spanner allows',
      database({ version_retention_period: '6d' }),
      /it must be at least 7 days \(the longest Spanner allows\)\.$/,
      { minimumBackupRetentionDays: 14 },
    ],
  ];
  test.each(invalid)('%s is a finding', (_n, r, message, options = {}) => {
    const f = run(versionRetention, r, options);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].fix).toBe(
      'Set `version_retention_period = "7d"` on the `google_spanner_database` (and keep it out of `ddl`).',
    );
  });
  test.each([
    ['7d', database({ version_retention_period: '7d' }), {}],
    ['168h', database({ version_retention_period: '168h' }), {}],
    ['set in PostgreSQL ddl', database({ ddl: ["ALTER DATABASE db SET spanner.version_retention_period = '7d'"] }), {}],
    [
      '7d under a 14-day minimum (Spanner allows no more)',
      database({ version_retention_period: '7d' }),
      { minimumBackupRetentionDays: 14 },
    ],
    ['2d under a 2-day minimum', database({ version_retention_period: '2d' }), { minimumBackupRetentionDays: 2 }],
  ])('%s passes', (_n, r, options) => expect(run(versionRetention, r, options)).toEqual([]));
});

describe('durationSeconds', () => {
  test.each([
    ['72h0m0s', 259200],
    ['1.5h', 5400],
    ['1d', 86400],
    ['1440m', 86400],
    ['3024000s', 3024000],
    ['3.5s', 3.5],
    ['0', 0],
    [604800, 604800],
  ])('%s is %d seconds', (v, s) => expect(durationSeconds(v)).toBe(s));
  test.each(['', 'a week', '7 days', '1h1x', -1, true])('%s is not a duration', (v) =>
    expect(durationSeconds(v)).toBeUndefined(),
  );
});

describe('Spanner rules in @pulumi/gcp quote the Pulumi names', () => {
  const pInstance = (inputs: Record<string, unknown>) => googleRecord('gcp:spanner/instance:Instance', inputs);
  const pDatabase = (inputs: Record<string, unknown>) =>
    googleRecord('gcp:spanner/database:Database', { instance: 'main', ...inputs });
  test.each([
    [forceDestroy, pInstance({ forceDestroy: true }), /^forceDestroy is true: when the resource is destroyed/],
    [
      dropProtection,
      pDatabase({ deletionProtection: false }),
      /^enableDropProtection is not set \(provider default: false\)\. It is Spanner's own guard: while true, every delete fails, `gcloud`, the console and a destroy alike\. It also blocks deleting the instance that holds the database\. `deletionProtection` is false too: a destroy drops the database\. `deletionProtection` is a Terraform\/Pulumi-only guard: it stops `pulumi destroy` \(and a replacing `pulumi up`\), but not `gcloud spanner databases delete`, the console or an API call\.$/,
    ],
    [versionRetention, pDatabase({ versionRetentionPeriod: '1d' }), /^versionRetentionPeriod is "1d" \(1 day\)/],
    [
      versionRetention,
      pDatabase({ ddls: ["ALTER DATABASE db SET OPTIONS (version_retention_period = '2d')"] }),
      /^the ddls statement .* sets version_retention_period to "2d" \(2 days\)/,
    ],
    [
      versionRetention,
      pDatabase({ ddls: unknown() }),
      /^versionRetentionPeriod is not set and ddls is (?:an unknown output|a value known only after apply), which cannot be proven/,
    ],
  ] as const)('%#: %p', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].resource.logicalId).toMatch(/^urn:pulumi:.*gcp:spanner/);
    expect(f[0].location).toMatch(/^inputs\/[a-z][A-Za-z]+$/);
    expect(f[0].fix).toMatch(/gcp\.spanner\.(Instance|Database)/);
  });
  test('drop protection on passes whatever the Pulumi guard says', () =>
    expect(run(dropProtection, pDatabase({ enableDropProtection: true, deletionProtection: false }))).toEqual([]));
});
