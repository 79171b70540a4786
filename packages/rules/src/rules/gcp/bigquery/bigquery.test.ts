import type { ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { providerOutput } from '../../../dialects/aws-provider-model';
import type { EvaluationOptions } from '../../../engine/evaluate';
import type { Rule } from '../../../engine/rule';
import type { Finding } from '../../../model';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import noDeleteContents from './bigquery-dataset-no-delete-contents';
import timeTravel from './bigquery-dataset-time-travel';
import tableProtection from './bigquery-table-deletion-protection';
import expiration from './bigquery-table-expiration';

/** A value known only after apply, as the Terraform and Pulumi readers hand it to the Google dialect. */
const unknown = (reason?: string): unknown => providerOutput(false, undefined, [], reason);
/** One rule over one Google resource, through the real dialect reader and engine. */
const run = (rule: Rule, r: ProviderResourceRecord, options: Omit<EvaluationOptions, 'rules'> = {}): Finding[] =>
  googleFindingsOf(rule, [r], options);

const dataset = (p: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_bigquery_dataset', { dataset_id: 'records', ...p });
const table = (p: Record<string, unknown> = {}): ProviderResourceRecord =>
  googleRecord('google_bigquery_table', { dataset_id: 'records', table_id: 't', ...p });

describe('bigquery rules', () => {
  test.each([
    [
      noDeleteContents,
      dataset({ delete_contents_on_destroy: true }),
      /^delete_contents_on_destroy is true: when the resource is destroyed or replaced, every table, view and model in the dataset is deleted with it\.$/,
    ],
    [noDeleteContents, dataset({ delete_contents_on_destroy: unknown() }), /cannot be proven false/],
    [
      timeTravel,
      dataset({ max_time_travel_hours: '48' }),
      /^max_time_travel_hours is "48"; it must be at least 168 \(7 days\)\.$/,
    ],
    [timeTravel, dataset({ max_time_travel_hours: unknown() }), /cannot be proven at least 168/],
    [
      tableProtection,
      table({ deletion_protection: false }),
      /^deletion_protection is false; it must be true\. `deletion_protection` is a Terraform\/Pulumi-only guard: .*not `bq rm -t`/,
    ],
    [
      expiration,
      table({ expiration_time: 1767225600000 }),
      /^expiration_time is 1767225600000 \(2026-01-01T00:00:00\.000Z\): at that time BigQuery deletes the table and every row in it, however recent\.$/,
    ],
    [
      expiration,
      table({ time_partitioning: { type: 'DAY', expiration_ms: 86400000 } }),
      /^time_partitioning\.expiration_ms is 86400000 \(1 day\): BigQuery deletes each partition that long after it is created, under the minimum retention of 7 days\.$/,
    ],
    [
      expiration,
      dataset({ default_table_expiration_ms: 3600000 }),
      /^default_table_expiration_ms is 3600000 \(1 hour\): BigQuery deletes every new table in the dataset/,
    ],
    [expiration, dataset({ default_partition_expiration_ms: unknown() }), /cannot be proven at least 7 days/],
  ] as const)('%#: %p finds the unsafe setting', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].ruleId).toBe(rule.id);
    expect(f[0].message).toMatch(message);
    expect(f[0].fixes.pulumi).toMatch(/gcp\.bigquery\.(Dataset|Table)/);
  });
  test('expirations are warnings', () =>
    expect(run(expiration, table({ expiration_time: 1 }))[0].severity).toBe('warning'));
  test('a 14-day minimum asks for the 168 hours BigQuery allows', () => {
    expect(run(timeTravel, dataset({ max_time_travel_hours: '168' }), { minimumBackupRetentionDays: 14 })).toEqual([]);
    expect(
      run(timeTravel, dataset({ max_time_travel_hours: '96' }), { minimumBackupRetentionDays: 14 })[0].message,
    ).toBe('max_time_travel_hours is "96"; it must be at least 168 (7 days, the longest BigQuery allows).');
  });
  test.each([
    [noDeleteContents, dataset()],
    [timeTravel, dataset()],
    [timeTravel, dataset({ max_time_travel_hours: '168' })],
    [tableProtection, table()],
    [expiration, table()],
    [expiration, table({ time_partitioning: { type: 'DAY', expiration_ms: 30 * 86400000 } })],
    [expiration, dataset({ default_table_expiration_ms: 7 * 86400000 })],
  ] as const)('%#: %p passes the safe setting', (rule, r) => expect(run(rule, r)).toEqual([]));
});

describe('BigQuery rules in @pulumi/gcp quote the Pulumi names', () => {
  const pDataset = (inputs: Record<string, unknown> = {}) =>
    googleRecord('gcp:bigquery/dataset:Dataset', { datasetId: 'records', ...inputs });
  const pTable = (inputs: Record<string, unknown> = {}) =>
    googleRecord('gcp:bigquery/table:Table', { datasetId: 'records', tableId: 't', ...inputs });
  test.each([
    [
      noDeleteContents,
      pDataset({ deleteContentsOnDestroy: true }),
      /^deleteContentsOnDestroy is true: when the resource is destroyed or replaced/,
    ],
    [timeTravel, pDataset({ maxTimeTravelHours: '48' }), /^maxTimeTravelHours is "48"; it must be at least 168/],
    [
      tableProtection,
      pTable({ deletionProtection: false }),
      /^deletionProtection is false; it must be true\. `deletionProtection` is a Terraform\/Pulumi-only guard: it stops `pulumi destroy` \(and a replacing `pulumi up`\), but not `bq rm -t`, the console or an API call\. BigQuery has no deletion protection of its own for a table\.$/,
    ],
    [
      expiration,
      pTable({ timePartitioning: { type: 'DAY', expirationMs: 86400000 } }),
      /^timePartitioning\.expirationMs is 86400000 \(1 day\): BigQuery deletes each partition/,
    ],
    [expiration, pDataset({ defaultTableExpirationMs: 3600000 }), /^defaultTableExpirationMs is 3600000 \(1 hour\)/],
  ] as const)('%#: %p', (rule, r, message) => {
    const f = run(rule, r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
    expect(f[0].fixes.pulumi).toMatch(/gcp\.bigquery\.(Dataset|Table)/);
  });
  test('a Terraform plan writes time_partitioning as a one-element list', () =>
    expect(run(expiration, table({ time_partitioning: [{ type: 'DAY', expiration_ms: 3600000 }] }))[0].message).toMatch(
      /^time_partitioning\.expiration_ms is 3600000 \(1 hour\)/,
    ));
});

describe("Pulumi's own guards stand in for the provider's Terraform/Pulumi-only deletion_protection", () => {
  test.each([[{ protect: true }], [{ retainOnDelete: true }]])('%p passes', (options) =>
    expect(
      run(
        tableProtection,
        googleRecord(
          'gcp:bigquery/table:Table',
          { datasetId: 'd', tableId: 't', deletionProtection: false },
          { options },
        ),
      ),
    ).toEqual([]),
  );
});
