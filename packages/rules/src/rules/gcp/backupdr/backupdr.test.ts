import { providerOutput, type ProviderResourceRecord } from '../../../dialects/aws-provider-model';
import { PULUMI_GCP_PROVIDER } from '../../../dialects/google-provider';
import type { Rule } from '../../../engine/rule';
import { googleFindingsOf, googleRecord } from '../../testing/harness';
import automatedBackups from '../cloudsql/cloudsql-automated-backups';
import pitr from '../cloudsql/cloudsql-point-in-time-recovery';
import coverage from './backupdr-coverage';
import planRetention from './backupdr-plan-retention';
import separateProject from './backupdr-vault-separate-project';
import vaultRetention from './backupdr-vault-enforced-retention';
import { BACKUPDR_RULES } from './index';
import { parseResourceName } from './backup-dr';

const REGION = 'europe-west1';
const SQL_TYPE = 'sqladmin.googleapis.com/Instance';
type Inputs = Record<string, unknown>;

/** A Terraform Cloud SQL primary with no backup configuration of its own (default project `my-project`). */
const tfDb = (inputs: Inputs = {}) =>
  googleRecord(
    'google_sql_database_instance',
    { name: 'orders', database_version: 'POSTGRES_16', settings: [{ tier: 'db-custom-2-7680' }], ...inputs },
    { name: 'orders' },
  );

/** A Terraform vault, in the backup project unless told otherwise. */
const tfVault = (inputs: Inputs = {}) =>
  googleRecord(
    'google_backup_dr_backup_vault',
    {
      project: 'backup-prod',
      location: REGION,
      backup_vault_id: 'central',
      backup_minimum_enforced_retention_duration: '2592000s',
      ...inputs,
    },
    { name: 'central' },
  );

const dailyRule = (days: unknown, id = 'daily') => ({
  rule_id: id,
  backup_retention_days: days,
  standard_schedule: [{ recurrence_type: 'DAILY', time_zone: 'UTC' }],
});

/** A Terraform plan writing to `vault` (a reference, as `google_backup_dr_backup_vault.central.id` reads in a plan). */
const tfPlan = (vault: ProviderResourceRecord | string, inputs: Inputs = {}) =>
  googleRecord(
    'google_backup_dr_backup_plan',
    {
      location: REGION,
      backup_plan_id: 'daily',
      resource_type: SQL_TYPE,
      backup_vault: typeof vault === 'string' ? vault : providerOutput(false, undefined, [vault.id]),
      backup_rules: [dailyRule(35)],
      ...inputs,
    },
    { name: 'daily' },
  );

/** A Terraform association of `plan` with `resource` (a literal name, or a reference to a record). */
const tfAssociation = (
  plan: ProviderResourceRecord | string,
  resource: unknown = 'projects/my-project/instances/orders',
  inputs: Inputs = {},
) =>
  googleRecord(
    'google_backup_dr_backup_plan_association',
    {
      location: REGION,
      backup_plan_association_id: 'orders',
      resource_type: SQL_TYPE,
      resource,
      backup_plan: typeof plan === 'string' ? plan : providerOutput(false, undefined, [plan.id]),
      ...inputs,
    },
    { name: 'orders' },
  );

/** The safe Terraform set-up: the instance in `my-project`, the vault and its plan's backups in `backup-prod`. */
function tfSafe(): ProviderResourceRecord[] {
  const vault = tfVault();
  const plan = tfPlan(vault);
  return [tfDb(), vault, plan, tfAssociation(plan)];
}

/** The same in @pulumi/gcp: the vault and the plan through a provider for the backup project, the plan named literally. */
function pulumiSafe(overrides: { vault?: Inputs; plan?: Inputs; association?: Inputs } = {}): ProviderResourceRecord[] {
  const provider: ProviderResourceRecord = {
    id: 'urn:pulumi:stack::project::pulumi:providers:gcp::backup',
    name: 'backup',
    type: PULUMI_GCP_PROVIDER,
    inputs: { project: 'backup-prod', region: REGION },
  };
  const options = { provider: `${provider.id}::0d1f` };
  const db = googleRecord(
    'gcp:sql/databaseInstance:DatabaseInstance',
    { name: 'orders', databaseVersion: 'POSTGRES_16', settings: { tier: 'db-custom-2-7680' } },
    { name: 'orders' },
  );
  const vault = googleRecord(
    'gcp:backupdisasterrecovery/backupVault:BackupVault',
    {
      location: REGION,
      backupVaultId: 'central',
      backupMinimumEnforcedRetentionDuration: '2592000s',
      ...overrides.vault,
    },
    { name: 'central', options },
  );
  const plan = googleRecord(
    'gcp:backupdisasterrecovery/backupPlan:BackupPlan',
    {
      location: REGION,
      backupPlanId: 'daily',
      resourceType: SQL_TYPE,
      backupVault: `projects/backup-prod/locations/${REGION}/backupVaults/central`,
      backupRules: [
        { ruleId: 'daily', backupRetentionDays: 35, standardSchedule: { recurrenceType: 'DAILY', timeZone: 'UTC' } },
      ],
      ...overrides.plan,
    },
    { name: 'daily', options },
  );
  const association = googleRecord(
    'gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation',
    {
      location: REGION,
      backupPlanAssociationId: 'orders',
      resourceType: SQL_TYPE,
      resource: providerOutput(false, undefined, [db.id]),
      backupPlan: `projects/backup-prod/locations/${REGION}/backupPlans/daily`,
      ...overrides.association,
    },
    { name: 'orders' },
  );
  return [provider, db, vault, plan, association];
}

const ids = (rules: readonly Rule[], records: ProviderResourceRecord[], min?: number) =>
  rules.flatMap((rule) =>
    googleFindingsOf(rule, records, min ? { minimumBackupRetentionDays: min } : {}).map(
      (f) => `${f.ruleId} ${f.resource.logicalId}`,
    ),
  );

describe('Backup and DR: a database enrolled in a plan whose vault is in another project', () => {
  test('Terraform and Pulumi: no finding from the Backup and DR rules, nor from the Cloud SQL backup rules it replaces', () => {
    expect(ids([...BACKUPDR_RULES, automatedBackups, pitr], tfSafe())).toEqual([]);
    expect(ids([...BACKUPDR_RULES, automatedBackups, pitr], pulumiSafe())).toEqual([]);
  });

  test('the instance alone: coverage, automated backups and point-in-time recovery are findings', () => {
    expect(ids([...BACKUPDR_RULES, automatedBackups, pitr], [tfDb()])).toEqual([
      'backupdr-coverage google_sql_database_instance.orders',
      'cloudsql-automated-backups google_sql_database_instance.orders',
      'cloudsql-point-in-time-recovery google_sql_database_instance.orders',
    ]);
  });
});

describe('backupdr-coverage: Cloud SQL instances, AlloyDB clusters and Filestore instances are enrolled in a Backup and DR plan', () => {
  test('no association: a finding with the association to add, in each idiom', () => {
    const [tf] = googleFindingsOf(coverage, [tfDb()]);
    expect(tf).toMatchObject({ ruleId: 'backupdr-coverage', severity: 'error', unresolved: undefined });
    expect(tf.message).toMatch(/^No plan association of the configuration enrols this resource/);
    expect(tf.fixes.terraform).toContain('resource "google_backup_dr_backup_plan_association"');
    expect(tf.fixes.terraform).toContain('resource_type = "sqladmin.googleapis.com/Instance"');
    const [pu] = googleFindingsOf(coverage, [pulumiSafe()[1]]);
    expect(pu.fixes.pulumi).toContain('new gcp.backupdisasterrecovery.BackupPlanAssociation(');
  });

  test.each([
    ['a literal resource name', 'projects/my-project/instances/orders'],
    ['a full resource URI', '//sqladmin.googleapis.com/projects/my-project/instances/orders'],
    ['a reference to the instance', providerOutput(false, undefined, ['google_sql_database_instance.orders'])],
  ])('enrolled by %s', (_name, resource) => {
    const plan = tfPlan(tfVault());
    expect(googleFindingsOf(coverage, [tfDb(), plan, tfAssociation(plan, resource)])).toEqual([]);
  });

  test.each([
    ['another instance', 'projects/my-project/instances/billing', {}],
    ['the same name in another project', 'projects/other-project/instances/orders', {}],
    [
      'a Filestore resource type',
      'projects/my-project/instances/orders',
      { resource_type: 'file.googleapis.com/Instance' },
    ],
  ] as [string, string, Inputs][])('an association of %s does not enrol it', (_name, resource, inputs) => {
    const plan = tfPlan(tfVault());
    const findings = googleFindingsOf(coverage, [tfDb(), plan, tfAssociation(plan, resource, inputs)]);
    expect(findings.map((f) => [f.ruleId, Boolean(f.unresolved)])).toEqual([['backupdr-coverage', false]]);
  });

  test('an association whose resource is known only after deployment, from no one resource: unresolved', () => {
    const plan = tfPlan(tfVault());
    const findings = googleFindingsOf(coverage, [
      tfDb(),
      plan,
      tfAssociation(plan, providerOutput(false, undefined, ['random_id.a', 'random_id.b'])),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0].unresolved).toBe(true);
    expect(findings[0].message).toMatch(
      /^No plan association of the configuration is proven to enrol this resource in a Backup and DR plan: association orders's `resource` is .*known only after (deployment|apply)/,
    );
  });

  test('a read replica is a copy of its primary: not judged', () => {
    expect(googleFindingsOf(coverage, [tfDb({ master_instance_name: 'orders-primary' })])).toEqual([]);
  });

  test('Filestore and AlloyDB: enrolled by their resource names; Pulumi names them as written', () => {
    const filestore = googleRecord('google_filestore_instance', { name: 'files', location: 'europe-west1-b' });
    const alloy = googleRecord('gcp:alloydb/cluster:Cluster', { clusterId: 'ledger', location: REGION });
    expect(ids([coverage], [filestore])).toEqual(['backupdr-coverage google_filestore_instance.main']);
    expect(ids([coverage], [alloy])).toEqual([`backupdr-coverage ${alloy.id}`]);
    const plan = tfPlan(tfVault());
    expect(
      googleFindingsOf(coverage, [
        filestore,
        plan,
        tfAssociation(plan, 'projects/my-project/locations/europe-west1-b/instances/files', {
          resource_type: 'file.googleapis.com/Instance',
        }),
      ]),
    ).toEqual([]);
    expect(
      googleFindingsOf(coverage, [
        alloy,
        googleRecord('gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation', {
          resourceType: 'alloydb.googleapis.com/Cluster',
          resource: `projects/my-project/locations/${REGION}/clusters/ledger`,
          backupPlan: `projects/backup-prod/locations/${REGION}/backupPlans/daily`,
        }),
      ]),
    ).toEqual([]);
  });
});

describe('backupdr-vault-separate-project: Backup and DR plans write to a backup vault in another project than the resources they protect', () => {
  test('Terraform: the vault in the data project is a finding on the plan, naming the project and the instance', () => {
    const vault = tfVault({ project: undefined });
    const plan = tfPlan(vault);
    const findings = googleFindingsOf(separateProject, [tfDb(), vault, plan, tfAssociation(plan)]);
    expect(findings.map((f) => [f.resource.logicalId, f.location, Boolean(f.unresolved)])).toEqual([
      ['google_backup_dr_backup_plan.daily', 'inputs/backup_vault', false],
    ]);
    expect(findings[0].message).toBe(
      '`backup_vault` is vault central in project my-project, the project of orders, which the plan protects: deleting the project, or whoever holds it, takes the backups with the data.',
    );
    expect(findings[0].fixes.terraform).toContain('provider = google.backup');
  });

  test('Pulumi: a literal vault name in the data project is a finding, quoted in camelCase', () => {
    const findings = googleFindingsOf(
      separateProject,
      pulumiSafe({ plan: { backupVault: `projects/my-project/locations/${REGION}/backupVaults/central` } }),
    );
    expect(findings.map((f) => f.location)).toEqual(['inputs/backupVault']);
    expect(findings[0].message).toMatch(
      /^`backupVault` is vault projects\/my-project\/locations\/europe-west1\/backupVaults\/central in project my-project, the project of orders/,
    );
    expect(findings[0].fixes.pulumi).toContain("new gcp.Provider('backup'");
  });

  test('a vault whose project is known only after deployment fails closed', () => {
    const vault = tfVault({ project: providerOutput(false, undefined, []) });
    const plan = tfPlan(vault);
    const [f] = googleFindingsOf(separateProject, [tfDb(), vault, plan, tfAssociation(plan)]);
    expect(f).toMatchObject({ unresolved: true, location: 'inputs/backup_vault' });
    expect(f.message).toMatch(/whose project cannot be read before deployment \(the `project` of central is/);
  });

  test('a vault value that is not a vault name fails closed', () => {
    const plan = tfPlan('central');
    const [f] = googleFindingsOf(separateProject, [tfDb(), plan, tfAssociation(plan)]);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/is "central", whose project cannot be read before deployment \(it is not a vault name/);
  });

  test('a protected resource whose project cannot be read fails closed', () => {
    const vault = tfVault();
    const plan = tfPlan(vault);
    const [f] = googleFindingsOf(separateProject, [
      vault,
      plan,
      tfAssociation(plan, providerOutput(false, undefined, [])),
    ]);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/in project backup-prod, but the project of what the plan protects cannot be read/);
  });

  test('an association whose plan is not in the configuration: unresolved, on the association', () => {
    const findings = googleFindingsOf(separateProject, [
      tfDb(),
      tfAssociation(`projects/backup-prod/locations/${REGION}/backupPlans/elsewhere`),
    ]);
    expect(findings.map((f) => [f.resource.type, f.location, f.unresolved])).toEqual([
      ['google_backup_dr_backup_plan_association', 'inputs/backup_plan', true],
    ]);
    expect(findings[0].message).toMatch(/a plan this configuration does not declare/);
  });

  test('a plan no association of the configuration applies is judged where it is applied', () => {
    const vault = tfVault({ project: undefined });
    expect(googleFindingsOf(separateProject, [vault, tfPlan(vault)])).toEqual([]);
  });
});

describe('backupdr-vault-enforced-retention: Backup and DR vaults enforce a minimum retention of at least the minimum backup retention', () => {
  test.each([
    [
      'one day',
      tfVault({ backup_minimum_enforced_retention_duration: '86400s' }),
      /is "86400s" \(1 day\), under the minimum of 7 days/,
      false,
    ],
    [
      'not a duration',
      tfVault({ backup_minimum_enforced_retention_duration: 'a week' }),
      /is "a week", which is not a duration/,
      true,
    ],
    [
      'unknown',
      tfVault({ backup_minimum_enforced_retention_duration: providerOutput(false, undefined, []) }),
      /cannot be proven at least 7 days \(604800s\)/,
      true,
    ],
    [
      'not set',
      tfVault({ backup_minimum_enforced_retention_duration: undefined }),
      /is not set, so the vault is not proven/,
      true,
    ],
  ])('%s is a finding', (_name, vault, message, unresolved) => {
    const findings = googleFindingsOf(vaultRetention, [vault]);
    expect(findings).toHaveLength(1);
    expect(findings[0].location).toBe('inputs/backup_minimum_enforced_retention_duration');
    expect(findings[0].message).toMatch(message);
    expect(Boolean(findings[0].unresolved)).toBe(unresolved);
    expect(findings[0].fixes.terraform).toContain('backup_minimum_enforced_retention_duration = "604800s"');
  });

  test('seven days pass; the configured minimum raises the bar; Pulumi is quoted in camelCase', () => {
    expect(
      googleFindingsOf(vaultRetention, [tfVault({ backup_minimum_enforced_retention_duration: '604800s' })]),
    ).toEqual([]);
    expect(ids([vaultRetention], [tfVault()], 30)).toEqual([]);
    const [pu] = googleFindingsOf(
      vaultRetention,
      pulumiSafe({ vault: { backupMinimumEnforcedRetentionDuration: '604800s' } }),
      {
        minimumBackupRetentionDays: 35,
      },
    );
    expect(pu.location).toBe('inputs/backupMinimumEnforcedRetentionDuration');
    expect(pu.message).toMatch(
      /^`backupMinimumEnforcedRetentionDuration` is "604800s" \(7 days\), under the minimum of 35 days/,
    );
    expect(pu.fixes.pulumi).toContain("backupMinimumEnforcedRetentionDuration: '3024000s'");
  });
});

describe('backupdr-plan-retention: Backup and DR plans keep backups for at least the minimum retention', () => {
  test('an hourly rule kept two days beside a daily rule kept 35 passes', () => {
    const plan = tfPlan('projects/backup-prod/locations/europe-west1/backupVaults/central', {
      backup_rules: [dailyRule(2, 'hourly'), dailyRule(35)],
    });
    expect(googleFindingsOf(planRetention, [plan])).toEqual([]);
  });

  test('no rule keeps backups for the minimum: one finding naming each rule', () => {
    const plan = tfPlan('v', { backup_rules: [dailyRule(2, 'hourly'), dailyRule(5)] });
    const [f] = googleFindingsOf(planRetention, [plan]);
    expect(f).toMatchObject({ location: 'inputs/backup_rules/0/backup_retention_days', unresolved: undefined });
    expect(f.message).toBe(
      'No backup rule of the backup plan keeps its backups for 7 days: rule `hourly` keeps them 2 days; rule `daily` keeps them 5 days. Data lost or corrupted earlier than that cannot be restored from this plan.',
    );
    expect(f.fixes.terraform).toContain('backup_retention_days = 7');
  });

  test('a retention known only after deployment fails closed; Pulumi is quoted in camelCase', () => {
    const [f] = googleFindingsOf(
      planRetention,
      pulumiSafe({
        plan: {
          backupRules: [
            {
              ruleId: 'daily',
              backupRetentionDays: providerOutput(false, undefined, []),
              standardSchedule: { recurrenceType: 'DAILY', timeZone: 'UTC' },
            },
          ],
        },
      }),
    );
    expect(f).toMatchObject({ location: 'inputs/backupRules/0/backupRetentionDays', unresolved: true });
    expect(f.message).toMatch(/rule `daily` keeps them .* days, which cannot be read before deployment/);
    expect(f.fixes.pulumi).toContain('backupRetentionDays: 7');
  });

  test('the configured minimum applies; an empty list of rules is a finding', () => {
    expect(ids([planRetention], [tfPlan('v')], 30)).toEqual([]);
    expect(ids([planRetention], [tfPlan('v')], 60)).toEqual([
      'backupdr-plan-retention google_backup_dr_backup_plan.daily',
    ]);
    const [empty] = googleFindingsOf(planRetention, [
      googleRecord('gcp:backupdisasterrecovery/backupPlan:BackupPlan', { backupPlanId: 'p', backupRules: [] }),
    ]);
    expect(empty.message).toBe('`backupRules` is empty: the plan takes no backups, so nothing is kept for 7 days.');
  });
});

describe('Cloud SQL enhanced backups: an instance enrolled in a Backup and DR plan', () => {
  test('needs neither automated backups nor point-in-time recovery of its own, in Terraform and Pulumi', () => {
    const plan = tfPlan(tfVault());
    expect(ids([automatedBackups, pitr], [tfDb(), plan, tfAssociation(plan)])).toEqual([]);
    expect(ids([automatedBackups, pitr], pulumiSafe())).toEqual([]);
  });

  test('an association of another instance, or one whose resource cannot be read, does not count', () => {
    const plan = tfPlan(tfVault());
    for (const resource of ['projects/my-project/instances/billing', providerOutput(false, undefined, [])]) {
      expect(ids([automatedBackups, pitr], [tfDb(), plan, tfAssociation(plan, resource)])).toEqual([
        'cloudsql-automated-backups google_sql_database_instance.orders',
        'cloudsql-point-in-time-recovery google_sql_database_instance.orders',
      ]);
    }
  });
});

describe('resource names', () => {
  test('are read from names and full URIs; anything else is not a name', () => {
    expect(parseResourceName('projects/p/locations/l/backupVaults/v')).toEqual({
      project: 'p',
      location: 'l',
      collection: 'backupVaults',
      id: 'v',
    });
    expect(parseResourceName('https://www.googleapis.com/compute/v1/projects/p/zones/z/instances/i')).toEqual({
      project: 'p',
      location: 'z',
      collection: 'instances',
      id: 'i',
    });
    expect(parseResourceName('projects/p/instances/db')).toEqual({ project: 'p', collection: 'instances', id: 'db' });
    for (const bad of [
      'central',
      'projects/p',
      'projects//instances/x',
      'xprojects/p/instances/i',
      42,
      'projects/p/instances/',
    ])
      expect(parseResourceName(bad)).toBeUndefined();
  });
});
