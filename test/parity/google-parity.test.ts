/**
 * Parity on Google Cloud: one configuration, written for Terraform
 * (`google/plan.json`, what `terraform show -json` prints for `google/main.tf`,
 * read by `readTerraformModel`) and for Pulumi (the same resources declared
 * with `@pulumi/gcp`, run under `pulumi.runtime.setMocks` and judged by
 * `enforceDataProtection`), gets the same rule ids on the same resources.
 *
 * The two spell the configuration differently, which is the point: the plan
 * carries every attribute the provider fills in (defaults, `null` for unset
 * arguments, `[]` for unset blocks, single blocks as one-element lists), while
 * the Pulumi program's inputs hold only what it wrote, in camelCase, with single
 * blocks as objects. A rule that read one spelling and not the other would split them.
 *
 * The Pulumi program runs with `addProtection: false`, so that its resource
 * options are as bare as the plan's (a plan carries no `protect`), and as a
 * preview, so that what a plan leaves "known after apply" (ids, names the
 * provider computes) is unknown on both sides: `backup_plan`/`resource` of the
 * association and `backup_vault` of the plan stay references to the resources.
 *
 * The configuration gives every Google rule of the catalogue (every rule with a
 * `google` evaluator) a resource to fire on, and the last test keeps it so: a
 * new Google rule fails it until a resource here exercises it in both spellings
 * or `ONE_DIALECT_ONLY` says why it cannot.
 *
 * Regenerating plan.json with a real Terraform (no cloud credentials needed
 * for the plan itself, but the google provider must be downloadable):
 *
 *   cd test/parity/google
 *   terraform init -backend=false
 *   terraform plan -refresh=false -out=tfplan
 *   terraform show -json tfplan | jq . > plan.json
 *   rm -rf tfplan .terraform .terraform.lock.hcl
 *
 * (`-refresh=false` and an empty state make every resource a create, as here.
 * The provider may need `GOOGLE_OAUTH_ACCESS_TOKEN=dummy` to configure without
 * credentials.) Then run this test: a provider release that adds or renames
 * attributes must leave the findings, and the parity, unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as gcp from '@pulumi/gcp';
import { evaluate, readTerraformModel, ruleById, RULE_IDS, type Finding } from '@deadbolt/rules';
import { enforceDataProtection, type DataProtectionEnforcement } from '@deadbolt/pulumi';
import { runProgram } from '../../packages/pulumi/test/harness';

const PLAN = path.join(__dirname, 'google', 'plan.json');
const PROJECT = 'acme-orders-prod';

/** The rule ids each resource gets, errors and warnings: `<terraform type>.<name>` → sorted ids. */
type ByResource = Record<string, string[]>;

function byResource(findings: readonly Finding[], nameOf: (f: Finding) => string): ByResource {
  const out: ByResource = {};
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const key = `${f.resource.type}.${nameOf(f)}`;
    out[key] = [...new Set([...(out[key] ?? []), f.ruleId])].sort();
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function terraformFindings(): ByResource {
  const model = readTerraformModel(JSON.parse(fs.readFileSync(PLAN, 'utf8')), {
    id: 'google-parity',
    name: 'plan.json',
    source: PLAN,
  });
  // The address is `<type>.<name>` for a root-module resource.
  return byResource(evaluate(model, { idiom: 'terraform' }).findings, (f) => f.resource.logicalId.split('.').pop()!);
}

/** The Pulumi half of `google/main.tf`: the same arguments, in @pulumi/gcp's spelling. */
function program(): void {
  new gcp.sql.DatabaseInstance('orders', {
    name: 'orders-prod',
    region: 'europe-west1',
    databaseVersion: 'POSTGRES_16',
    deletionProtection: true,
    settings: {
      tier: 'db-custom-4-16384',
      backupConfiguration: {
        enabled: true,
        pointInTimeRecoveryEnabled: false,
        backupRetentionSettings: { retainedBackups: 3 },
      },
    },
  });
  new gcp.storage.Bucket('invoices', {
    name: 'acme-orders-invoices-prod',
    location: 'EU',
    forceDestroy: true,
    softDeletePolicy: { retentionDurationSeconds: 0 },
    retentionPolicy: { retentionPeriod: '86400' },
    lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 1 } }],
  });
  new gcp.storage.Bucket('archive', {
    name: 'acme-orders-archive-prod',
    location: 'EU',
    versioning: { enabled: true },
    lifecycleRules: [{ action: { type: 'Delete' }, condition: { numNewerVersions: 1 } }],
  });
  const analytics = new gcp.bigquery.Dataset('analytics', {
    datasetId: 'orders_analytics',
    location: 'EU',
    deleteContentsOnDestroy: true,
    maxTimeTravelHours: '48',
    defaultTableExpirationMs: 3600000,
  });
  new gcp.bigquery.Table('orders', {
    datasetId: analytics.datasetId,
    tableId: 'orders',
    deletionProtection: false,
    expirationTime: 1798761600000,
  });
  const ledger = new gcp.spanner.Instance('ledger', {
    name: 'ledger',
    config: 'regional-europe-west1',
    displayName: 'Ledger',
    numNodes: 1,
    forceDestroy: true,
  });
  new gcp.spanner.Database('ledger', { name: 'ledger', instance: ledger.name, deletionProtection: false });
  new gcp.firestore.Database('sessions', {
    name: 'sessions',
    locationId: 'eur3',
    type: 'FIRESTORE_NATIVE',
    deleteProtectionState: 'DELETE_PROTECTION_DISABLED',
    pointInTimeRecoveryEnablement: 'POINT_IN_TIME_RECOVERY_DISABLED',
    deletionPolicy: 'DELETE',
  });
  const reports = new gcp.sql.DatabaseInstance('reports', {
    name: 'orders-reports',
    region: 'europe-west1',
    databaseVersion: 'MYSQL_8_0',
    deletionProtection: false,
    settings: {
      tier: 'db-n1-standard-2',
      backupConfiguration: { enabled: true, binaryLogEnabled: true, backupRetentionSettings: { retainedBackups: 30 } },
    },
  });
  new gcp.alloydb.Cluster('payments', {
    clusterId: 'payments',
    location: 'europe-west1',
    deletionProtection: false,
    networkConfig: { network: 'projects/acme-orders-prod/global/networks/default' },
    automatedBackupPolicy: { enabled: false },
    continuousBackupConfig: { enabled: false },
  });
  const events = new gcp.bigtable.Instance('events', {
    name: 'orders-events',
    deletionProtection: false,
    forceDestroy: true,
    clusters: [{ clusterId: 'orders-events-c1', zone: 'europe-west1-b', numNodes: 1 }],
  });
  new gcp.bigtable.Table('events', { name: 'events', instanceName: events.name, deletionProtection: 'UNPROTECTED' });
  new gcp.filestore.Instance('exports', {
    name: 'orders-exports',
    location: 'europe-west1-b',
    tier: 'ZONAL',
    deletionProtectionEnabled: false,
    fileShares: { name: 'exports', capacityGb: 1024 },
    networks: [{ network: 'default', modes: ['MODE_IPV4'] }],
  });
  new gcp.redis.Cluster('cache', {
    name: 'orders-cache',
    region: 'europe-west1',
    shardCount: 1,
    deletionProtectionEnabled: false,
    pscConfigs: [{ network: 'projects/acme-orders-prod/global/networks/default' }],
  });
  new gcp.kms.CryptoKey('orders', {
    name: 'orders',
    keyRing: 'projects/acme-orders-prod/locations/europe-west1/keyRings/orders',
    destroyScheduledDuration: '86400s',
  });
  new gcp.compute.Instance('worker', {
    name: 'orders-worker',
    machineType: 'e2-standard-4',
    zone: 'europe-west1-b',
    bootDisk: { initializeParams: { image: 'debian-cloud/debian-12' } },
    networkInterfaces: [{ network: 'default' }],
  });
  new gcp.organizations.Project('orders', {
    projectId: 'acme-orders-prod',
    name: 'Acme orders',
    orgId: '123456789012',
    deletionPolicy: 'DELETE',
  });
  const vault = new gcp.backupdisasterrecovery.BackupVault('orders', {
    location: 'europe-west1',
    backupVaultId: 'orders-vault',
    backupMinimumEnforcedRetentionDuration: '86400s',
  });
  const plan = new gcp.backupdisasterrecovery.BackupPlan('orders', {
    location: 'europe-west1',
    backupPlanId: 'orders-daily',
    resourceType: 'sqladmin.googleapis.com/Instance',
    backupVault: vault.id,
    backupRules: [
      {
        ruleId: 'daily',
        backupRetentionDays: 3,
        standardSchedule: {
          recurrenceType: 'DAILY',
          timeZone: 'UTC',
          backupWindow: { startHourOfDay: 0, endHourOfDay: 6 },
        },
      },
    ],
  });
  new gcp.backupdisasterrecovery.BackupPlanAssociation('orders', {
    location: 'europe-west1',
    backupPlanAssociationId: 'orders-reports',
    resourceType: 'sqladmin.googleapis.com/Instance',
    resource: reports.id,
    backupPlan: plan.name,
  });
}

async function pulumiFindings(): Promise<ByResource> {
  let enforcement: DataProtectionEnforcement | undefined;
  const run = await runProgram(
    () => {
      enforcement = enforceDataProtection({ judgeAtExit: false, addProtection: false });
      program();
    },
    { preview: true, config: { 'gcp:project': PROJECT, 'gcp:region': 'europe-west1' } },
  );
  expect(run.error).toBeUndefined();
  const { findings } = await enforcement!.judge();
  // A finding's logical id is the resource's URN, which ends in its name.
  return byResource(findings, (f) => f.resource.logicalId.split('::').pop()!);
}

/**
 * What both must report, at least (the catalogue may add rules on a resource;
 * the parity above then holds them to the same spelling). The Cloud SQL
 * instance `orders` is the incident's: a Terraform-only guard, backups deleted
 * with it, too few of them, no point-in-time recovery, no final backup, no
 * Backup and DR plan. `reports` is enrolled in a plan (so its own backups are
 * not judged short) but has no guard at all; the plan keeps 3 days, in a vault
 * of the same project that enforces 1. Every other store is deleted with its
 * data by a destroy, or keeps too little to restore from.
 */
const EXPECTED: ByResource = {
  'google_alloydb_cluster.payments': [
    'alloydb-automated-backups',
    'alloydb-continuous-backup',
    'alloydb-deletion-protection',
    'backupdr-coverage',
  ],
  'google_backup_dr_backup_plan.orders': ['backupdr-plan-retention', 'backupdr-vault-separate-project'],
  'google_backup_dr_backup_vault.orders': ['backupdr-vault-enforced-retention', 'gcp-deletion-policy'],
  'google_bigquery_dataset.analytics': [
    'bigquery-dataset-no-delete-contents',
    'bigquery-dataset-time-travel',
    'bigquery-table-expiration',
    'gcp-deletion-policy',
  ],
  'google_bigquery_table.orders': [
    'bigquery-table-deletion-protection',
    'bigquery-table-expiration',
    'gcp-deletion-policy',
  ],
  'google_bigtable_instance.events': [
    'bigtable-instance-deletion-protection',
    'bigtable-instance-no-force-destroy',
    'gcp-deletion-policy',
  ],
  'google_bigtable_table.events': [
    'bigtable-table-automated-backup',
    'bigtable-table-deletion-protection',
    'gcp-deletion-policy',
  ],
  'google_compute_instance.worker': ['compute-disk-auto-delete'],
  'google_filestore_instance.exports': ['backupdr-coverage', 'filestore-deletion-protection', 'gcp-deletion-policy'],
  'google_firestore_database.sessions': [
    'firestore-delete-protection',
    'firestore-deletion-policy',
    'firestore-point-in-time-recovery',
  ],
  'google_kms_crypto_key.orders': ['cloudkms-destroy-scheduled-duration', 'gcp-deletion-policy'],
  'google_project.orders': ['gcp-project-deletion-policy', 'gcp-project-lien'],
  'google_redis_cluster.cache': [
    'gcp-deletion-policy',
    'memorystore-automated-backups',
    'memorystore-deletion-protection',
    'memorystore-persistence',
  ],
  'google_spanner_database.ledger': [
    'gcp-deletion-policy',
    'spanner-database-drop-protection',
    'spanner-database-version-retention',
  ],
  'google_spanner_instance.ledger': ['gcp-deletion-policy', 'spanner-instance-no-force-destroy'],
  'google_sql_database_instance.orders': [
    'backupdr-coverage',
    'cloudsql-automated-backups',
    'cloudsql-deletion-protection',
    'cloudsql-final-backup',
    'cloudsql-point-in-time-recovery',
    'cloudsql-retain-backups-on-delete',
  ],
  'google_sql_database_instance.reports': [
    'cloudsql-deletion-protection',
    'cloudsql-destroy-protection',
    'cloudsql-final-backup',
    'cloudsql-retain-backups-on-delete',
  ],
  'google_storage_bucket.archive': ['gcs-noncurrent-version-retention'],
  'google_storage_bucket.invoices': [
    'gcp-deletion-policy',
    'gcs-bucket-no-force-destroy',
    'gcs-bucket-retention-policy-locked',
    'gcs-bucket-soft-delete',
    'gcs-bucket-versioning',
    'gcs-lifecycle-expiration',
  ],
};

/**
 * Google rules that cannot fire on both spellings of one configuration, with
 * the reason. None today: every rule reads arguments both a plan and
 * `@pulumi/gcp` inputs carry. (`lifecycle { prevent_destroy }`, which a plan
 * carries only through the .tf files, and Pulumi's `protect` only silence
 * findings through `toolGuard`; no rule needs them to fire.) A rule added here
 * must not be exercised by `EXPECTED`.
 */
const ONE_DIALECT_ONLY: Readonly<Record<string, string>> = {};

/** Every rule of the catalogue with a Google evaluator. */
const GCP_RULE_IDS = RULE_IDS.filter((id) => ruleById(id)?.google !== undefined);

describe('Google Cloud: Terraform plan and Pulumi program', () => {
  test('report the same rule ids on the same resources', async () => {
    const terraform = terraformFindings();
    const pulumi = await pulumiFindings();
    expect(pulumi).toEqual(terraform);
  });

  test('and those are the findings the configuration deserves', () => {
    const terraform = terraformFindings();
    expect(Object.keys(terraform)).toEqual(Object.keys(EXPECTED));
    for (const [resource, ids] of Object.entries(EXPECTED))
      expect(terraform[resource]).toEqual(expect.arrayContaining(ids));
  });

  test('every Google rule of the catalogue is either exercised here or listed as one-dialect', () => {
    const exercised = new Set(Object.values(EXPECTED).flat());
    expect(GCP_RULE_IDS.length).toBeGreaterThan(40);
    expect(GCP_RULE_IDS.filter((id) => !exercised.has(id) && !(id in ONE_DIALECT_ONLY))).toEqual([]);
    for (const id of Object.keys(ONE_DIALECT_ONLY)) expect(exercised.has(id)).toBe(false);
    // An id in EXPECTED that is not a Google rule is a typo, which would exercise nothing.
    expect([...exercised].filter((id) => !GCP_RULE_IDS.includes(id))).toEqual([]);
  });
});
