import { providerOutput, type ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import type { Rule } from '../../../engine/rule';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import automated from './alloydb-automated-backups';
import continuous from './alloydb-continuous-backup';
import protection from './alloydb-deletion-protection';

const tf = (inputs: Record<string, unknown>): ProviderResourceRecord =>
  googleRecord('google_alloydb_cluster', {
    cluster_id: 'c',
    automated_backup_policy: [{ enabled: true, time_based_retention: [{ retention_period: '1209600s' }] }],
    ...inputs,
  });

describe('AlloyDB rules', () => {
  test.each([
    [
      '1. deletion_protection false with FORCE',
      protection,
      tf({ deletion_protection: false, deletion_policy: 'FORCE' }),
      /^`deletion_protection` is false: `terraform destroy` .* deletes the cluster and its databases\. `deletion_policy` is "FORCE": the cluster is deleted with every instance in it\.$/,
    ],
    [
      '2. deletion_protection unknown',
      protection,
      tf({ deletion_protection: providerOutput(false, undefined, []) }),
      /cannot be proven true/,
    ],
    [
      '3. no automated backup policy',
      automated,
      tf({ automated_backup_policy: [] }),
      /^`automated_backup_policy` is not set \(provider default: automated backups off\)\.$/,
    ],
    [
      '4. automated backups off',
      automated,
      tf({ automated_backup_policy: [{ enabled: false }] }),
      /^automated_backup_policy\.enabled is false; it must be true\.$/,
    ],
    [
      '5. 2 days of retention',
      automated,
      tf({ automated_backup_policy: [{ time_based_retention: [{ retention_period: '172800s' }] }] }),
      /retention_period` is "172800s"; it must be at least 7 days/,
    ],
    [
      '6. 3 backups kept',
      automated,
      tf({ automated_backup_policy: [{ quantity_based_retention: [{ count: 3 }] }] }),
      /count` is 3; it must be at least 7 backups/,
    ],
    [
      '7. continuous backup off',
      continuous,
      tf({ continuous_backup_config: [{ enabled: false }] }),
      /^continuous_backup_config\.enabled is false; it must be true\.$/,
    ],
    [
      '8. a 3-day window (Pulumi)',
      continuous,
      googleRecord('gcp:alloydb/cluster:Cluster', { continuousBackupConfig: { recoveryWindowDays: 3 } }),
      /^continuousBackupConfig\.recoveryWindowDays is 3; it must be at least 7 days\.$/,
    ],
  ] as [string, Rule, ProviderResourceRecord, RegExp][])('%s is a finding', (_n, rule, record, message) => {
    const findings = googleFindingsOf(rule, [record]);
    expect(findings).toHaveLength(1);
    expect(findings[0].ruleId).toBe(rule.id);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].location).toMatch(/^inputs\//);
    expect(findings[0].fixes.terraform).toBeDefined();
    expect(findings[0].fixes.pulumi).toBeDefined();
  });

  test.each([
    ['defaults with a backup policy', tf({})],
    ['deletion_protection false under PREVENT', tf({ deletion_protection: false, deletion_policy: 'PREVENT' })],
    ['a secondary cluster without backups', tf({ cluster_type: 'SECONDARY', automated_backup_policy: [] })],
    [
      'Pulumi protect',
      googleRecord(
        'gcp:alloydb/cluster:Cluster',
        { deletionProtection: false, automatedBackupPolicy: { enabled: true } },
        { options: { protect: true } },
      ),
    ],
  ])('%s passes', (_n, record) => {
    for (const rule of [protection, automated, continuous]) expect(googleFindingsOf(rule, [record])).toEqual([]);
  });
});

describe('AlloyDB escape hatches', () => {
  const provider = (deletionPolicy: unknown): ProviderResourceRecord => ({
    id: 'default',
    name: 'default',
    type: 'pulumi:providers:gcp',
    inputs: { project: 'p', deletionPolicy },
  });

  test('a secondary cluster as the provider`s own example writes it (continuous backup off, FORCE) passes every rule', () => {
    const secondary = tf({
      cluster_type: 'SECONDARY',
      automated_backup_policy: [],
      continuous_backup_config: [{ enabled: false }],
      secondary_config: [{ primary_cluster_name: 'projects/p/locations/us-central1/clusters/primary' }],
      deletion_policy: 'FORCE',
    });
    for (const rule of [protection, automated, continuous]) expect(googleFindingsOf(rule, [secondary])).toEqual([]);
  });

  test('a cluster whose type is unknown may be a primary: continuous backup off is a finding', () => {
    const record = tf({
      cluster_type: providerOutput(false, undefined, []),
      continuous_backup_config: [{ enabled: false }],
    });
    expect(googleFindingsOf(continuous, [record]).map((f) => f.message)).toEqual([
      'continuous_backup_config.enabled is false; it must be true.',
    ]);
  });

  test('the provider-level deletion_policy is inherited: PREVENT keeps an unprotected cluster, FORCE is named', () => {
    const unprotected = tf({ deletion_protection: false });
    expect(googleFindingsOf(protection, [provider('PREVENT'), unprotected])).toEqual([]);
    expect(googleFindingsOf(protection, [provider('FORCE'), unprotected]).map((f) => f.message)).toEqual([
      '`deletion_protection` is false: `terraform destroy` (or an apply that replaces it) deletes the cluster and its databases. `deletion_policy` is not set, and the provider\'s `deletion_policy` is "FORCE": the cluster is deleted with every instance in it.',
    ]);
  });

  test('Terraform `lifecycle { prevent_destroy = true }` (read from the .tf files) keeps an unprotected cluster', () => {
    const record = googleRecord(
      'google_alloydb_cluster',
      { cluster_id: 'c', deletion_protection: false },
      { options: { preventDestroy: true } },
    );
    expect(googleFindingsOf(protection, [record])).toEqual([]);
  });
});
