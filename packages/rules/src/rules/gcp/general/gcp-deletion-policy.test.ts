import { providerOutput, type ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { PULUMI_GCP_PROVIDER } from '../../../dialects/google-provider';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import rule from './gcp-deletion-policy';

const provider = (deletionPolicy: unknown): ProviderResourceRecord => ({
  id: 'default',
  name: 'default',
  type: PULUMI_GCP_PROVIDER,
  inputs: { project: 'p', deletionPolicy },
});

describe('gcp-deletion-policy: Google resources that hold data are not deleted on destroy', () => {
  const invalid: [string, ProviderResourceRecord[], string, RegExp, boolean][] = [
    [
      '1. a bucket with no policy (DELETE by default), emptied first',
      [googleRecord('google_storage_bucket', { location: 'EU', force_destroy: true })],
      'inputs/deletion_policy',
      /^`deletion_policy` is not set \(provider default: DELETE\): `terraform destroy` \(or an apply that replaces it\) deletes the resource and its data\. `force_destroy` is true: the destroy empties it first\.$/,
      false,
    ],
    [
      '2. a Pulumi dataset with deletionPolicy DELETE',
      [
        googleRecord('gcp:bigquery/dataset:Dataset', {
          datasetId: 'd',
          deletionPolicy: 'DELETE',
          deleteContentsOnDestroy: true,
        }),
      ],
      'inputs/deletionPolicy',
      /^`deletionPolicy` is "DELETE": `pulumi destroy`/,
      false,
    ],
    [
      '3. the provider default DELETE inherited',
      [provider('DELETE'), googleRecord('google_redis_instance', {})],
      'inputs/deletion_policy',
      /^`deletion_policy` is not set, and the provider's `deletion_policy` is "DELETE": /,
      false,
    ],
    [
      '4. an unknown policy',
      [
        googleRecord('google_storage_bucket', {
          deletion_policy: providerOutput(false, undefined, []),
          force_destroy: true,
        }),
      ],
      'inputs/deletion_policy',
      /^`deletion_policy` is (?:an unknown output|a value known only after apply) and cannot be proven PREVENT or ABANDON\./,
      true,
    ],
    [
      '5. a BigQuery table whose deletion_protection is false',
      [googleRecord('google_bigquery_table', { deletion_protection: false })],
      'inputs/deletion_policy',
      /not set \(provider default: DELETE\)/,
      false,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, records, location, message, unresolved) => {
    const findings = googleFindingsOf(rule, records);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'gcp-deletion-policy', severity: 'error', location });
    expect(findings[0].message).toMatch(message);
    expect(Boolean(findings[0].unresolved)).toBe(unresolved);
    expect(findings[0].fixes.terraform).toMatch(/deletion_policy = "PREVENT"/);
    expect(findings[0].fixes.pulumi).toMatch(/deletionPolicy: 'PREVENT'/);
    expect(findings[0].fixes.pulumi).toContain('the `protect: true` option (Pulumi refuses to delete or replace it)');
    expect(findings[0].fixes.pulumi).toContain(
      'the `retainOnDelete: true` option (Pulumi drops it from the stack but leaves it, with its data, in Google Cloud, as `ABANDON` does)',
    );
  });

  const valid: [string, ProviderResourceRecord[]][] = [
    ['PREVENT', [googleRecord('google_storage_bucket', { deletion_policy: 'PREVENT' })]],
    ['ABANDON', [googleRecord('google_filestore_instance', { deletion_policy: 'ABANDON' })]],
    ['the provider default PREVENT', [provider('PREVENT'), googleRecord('google_storage_bucket', {})]],
    ['a Firestore database (ABANDON by default)', [googleRecord('google_firestore_database', {})]],
    ['a BigQuery table (deletion_protection defaults to true)', [googleRecord('google_bigquery_table', {})]],
    [
      'Spanner drop protection (the cloud enforces it)',
      [googleRecord('google_spanner_database', { deletion_protection: false, enable_drop_protection: true })],
    ],
    ['Pulumi protect', [googleRecord('gcp:storage/bucket:Bucket', {}, { options: { protect: true } })]],
    [
      // Pulumi abandons the bucket instead of deleting it: the data stays in Google Cloud, as with ABANDON.
      'Pulumi retainOnDelete, with deletionPolicy DELETE',
      [googleRecord('gcp:storage/bucket:Bucket', { deletionPolicy: 'DELETE' }, { options: { retainOnDelete: true } })],
    ],
    ['Cloud SQL (its own rule)', [googleRecord('google_sql_database_instance', { deletion_protection: false })]],
    ['a firewall (holds no data)', [googleRecord('google_compute_firewall', {})]],
  ];
  test.each(valid)('%s passes', (_name, records) => {
    expect(googleFindingsOf(rule, records)).toEqual([]);
  });
});

describe('gcp-deletion-policy judges only what holds data, with every guard', () => {
  test.each([
    ['an IAM binding', googleRecord('google_project_iam_member', { role: 'roles/viewer', member: 'user:a@b.c' })],
    ['a network', googleRecord('google_compute_network', { name: 'vpc', deletion_policy: 'DELETE' })],
    ['a service account', googleRecord('gcp:serviceaccount/account:Account', { accountId: 'sa' })],
    ['a subnetwork', googleRecord('google_compute_subnetwork', {})],
  ])('%s (stateless) is never judged', (_n, record) => {
    expect(googleFindingsOf(rule, [record])).toEqual([]);
  });

  test('Terraform `lifecycle { prevent_destroy = true }` keeps the resource', () => {
    const record = googleRecord('google_storage_bucket', {}, { options: { preventDestroy: true } });
    expect(googleFindingsOf(rule, [record])).toEqual([]);
  });

  test('a resource created with a provider the input does not hold inherits an unknown policy: a finding', () => {
    const record = googleRecord(
      'google_storage_bucket',
      { force_destroy: true },
      { options: { provider: 'module.db:google' } },
    );
    const findings = googleFindingsOf(rule, [provider('PREVENT'), record]);
    expect(findings.map((f) => [Boolean(f.unresolved), f.message])).toEqual([
      [
        true,
        expect.stringContaining(
          'the resource is created with provider `module.db:google`, which the input does not describe',
        ),
      ],
    ]);
  });

  test('a type whose own default is not DELETE names it (Looker: DEFAULT, which deletes)', () => {
    expect(googleFindingsOf(rule, [googleRecord('google_looker_instance', {})]).map((f) => f.message)).toEqual([
      expect.stringMatching(/^`deletion_policy` is not set \(provider default: DEFAULT\): /),
    ]);
  });
});

test('gcp-deletion-policy: a lower-case "prevent" keeps nothing (the provider compares exactly and validates no value)', () => {
  const findings = googleFindingsOf(rule, [
    googleRecord('google_storage_bucket', { deletion_policy: 'prevent', force_destroy: true }),
  ]);
  expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^`deletion_policy` is "prevent": /)]);
});

test('gcp-deletion-policy: a bucket or dataset not emptied first is refused by Google Cloud while it holds data', () => {
  const pass = [
    googleRecord('google_storage_bucket', { deletion_policy: 'DELETE' }),
    googleRecord('google_storage_bucket', { force_destroy: false }),
    googleRecord('gcp:bigquery/dataset:Dataset', { datasetId: 'd' }),
  ];
  for (const record of pass) expect(googleFindingsOf(rule, [record])).toEqual([]);
  const unknown = googleRecord('google_bigquery_dataset', {
    delete_contents_on_destroy: providerOutput(false, undefined, []),
  });
  expect(googleFindingsOf(rule, [unknown]).map((f) => f.message)).toEqual([
    expect.stringMatching(/deletes the resource and its data\. `delete_contents_on_destroy` cannot be read either: /),
  ]);
});
