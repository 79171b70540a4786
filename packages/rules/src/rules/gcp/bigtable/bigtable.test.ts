import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import forceDestroy from './bigtable-instance-no-force-destroy';
import instanceProtection from './bigtable-instance-deletion-protection';
import tableProtection from './bigtable-table-deletion-protection';
import backup from './bigtable-table-automated-backup';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const instance = (p: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_bigtable_instance', p);
const table = (p: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_bigtable_table', { instance_name: 'main', ...p });
const policy = (retention_period: unknown, frequency: unknown = '24h0m0s') => ({
  automated_backup_policy: { retention_period, frequency },
});

describe('bigtable rules', () => {
  test.each([
    [
      forceDestroy,
      instance({ force_destroy: true }),
      /^force_destroy is true: when the resource is destroyed or replaced, the provider deletes every backup in the instance/,
    ],
    [
      instanceProtection,
      instance({ deletion_protection: false }),
      /^deletion_protection is false; it must be true\. `deletion_protection` is a Terraform\/Pulumi-only guard: it stops `terraform destroy` \(and a replacing apply\), but not `gcloud bigtable instances delete`, the console or an API call\. Bigtable itself refuses to delete an instance only while one of its tables has `deletion_protection = "PROTECTED"`\.$/,
    ],
    [instanceProtection, instance({ deletion_protection: unknown() }), /cannot be proven true/],
    [
      tableProtection,
      table(),
      /^deletion_protection is not set \(provider default: UNPROTECTED\)\. It is Bigtable's own guard: while `PROTECTED`, every delete fails, `gcloud`, the console and a destroy alike\. It also blocks deleting the table's column families and its instance\.$/,
    ],
    [tableProtection, table({ deletion_protection: 'UNPROTECTED' }), /must be `PROTECTED`/],
    [backup, table(), /^automated_backup_policy is not set: the table has no automated backups\.$/],
    [
      backup,
      table(policy('0', '0')),
      /^automated_backup_policy\.retention_period is "0", which turns automated backups off\.$/,
    ],
    [
      backup,
      table(policy('72h0m0s')),
      /^automated_backup_policy\.retention_period is "72h0m0s" \(3 days\); it must be at least 7 days\.$/,
    ],
    [backup, table(policy(unknown())), /cannot be proven at least 7 days/],
    [backup, table(policy('three days')), /is "three days", which is not a duration/],
    [
      backup,
      table({ automated_backup_policy: [{ retention_period: '48h', frequency: '24h' }] }),
      /is "48h" \(2 days\)/,
    ],
  ] as const)('%#: %p finds the unsafe setting', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].ruleId).toBe(rule.id);
    expect(f[0].message).toMatch(message);
    expect(f[0].fix).toMatch(/google_bigtable_(instance|table)/);
  });
  test.each([
    [forceDestroy, instance()],
    [instanceProtection, instance()],
    [instanceProtection, instance({ deletion_protection: true })],
    [tableProtection, table({ deletion_protection: 'PROTECTED' })],
    [backup, table(policy('168h0m0s'))],
    [backup, table(policy('7d'))],
  ] as const)('%#: %p passes the safe setting', (rule, r) => expect(run(rule, r)).toEqual([]));
});

describe('Bigtable rules in @pulumi/gcp quote the Pulumi names', () => {
  const pInstance = (inputs: Record<string, unknown> = {}) => googleRecord('gcp:bigtable/instance:Instance', inputs);
  const pTable = (inputs: Record<string, unknown> = {}) =>
    googleRecord('gcp:bigtable/table:Table', { instanceName: 'main', ...inputs });
  test.each([
    [forceDestroy, pInstance({ forceDestroy: true }), /^forceDestroy is true: when the resource is destroyed/],
    [
      instanceProtection,
      pInstance({ deletionProtection: false }),
      /^deletionProtection is false; it must be true\. `deletionProtection` is a Terraform\/Pulumi-only guard: it stops `pulumi destroy` \(and a replacing `pulumi up`\), but not `gcloud bigtable instances delete`, the console or an API call\. Bigtable itself refuses to delete an instance only while one of its tables has `deletionProtection: "PROTECTED"`\.$/,
    ],
    [
      tableProtection,
      pTable(),
      /^deletionProtection is not set \(provider default: UNPROTECTED\)\. It is Bigtable's own guard: while `PROTECTED`, every delete fails, `gcloud`, the console and a destroy alike\. It also blocks deleting the table's column families and its instance\.$/,
    ],
    [backup, pTable(), /^automatedBackupPolicy is not set: the table has no automated backups\.$/],
    [
      backup,
      pTable({ automatedBackupPolicy: { retentionPeriod: '72h', frequency: '24h' } }),
      /^automatedBackupPolicy\.retentionPeriod is "72h" \(3 days\); it must be at least 7 days\.$/,
    ],
  ] as const)('%#: %p', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].fixes.pulumi).toMatch(/gcp\.bigtable\.(Instance|Table)/);
  });
  test('a protected table with 7 days of automated backups passes', () => {
    const safe = pTable({
      deletionProtection: 'PROTECTED',
      automatedBackupPolicy: { retentionPeriod: '168h', frequency: '24h' },
    });
    expect([...run(tableProtection, safe), ...run(backup, safe)]).toEqual([]);
  });
});

describe('bigtable-table-automated-backup: escape hatches', () => {
  test('a policy without retention_period leaves the retention to Bigtable: not proven', () => {
    const f = run(backup, table({ automated_backup_policy: [{ frequency: '24h' }] }));
    expect(f.map((x) => x.message)).toEqual([
      'automated_backup_policy.retention_period is not set: Bigtable keeps the automated backups for its own default period, which cannot be proven at least 7 days.',
    ]);
    expect(f[0].location).toBe('inputs/automated_backup_policy/retention_period');
  });
  test('a policy that cannot be read fails closed', () =>
    expect(run(backup, table({ automated_backup_policy: unknown() })).every((x) => x.unresolved)).toBe(true));
});

test("bigtable-instance-deletion-protection: Pulumi's protect stands in for the provider's guard", () =>
  expect(
    run(
      instanceProtection,
      googleRecord('gcp:bigtable/instance:Instance', { deletionProtection: false }, { options: { protect: true } }),
    ),
  ).toEqual([]));
