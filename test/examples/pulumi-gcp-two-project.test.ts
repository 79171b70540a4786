/**
 * The Pulumi two-project example (Google Cloud), run as a real program with
 * the real `@pulumi/gcp` under `pulumi.runtime.setMocks` and its own stack
 * configuration (Pulumi.prod.yaml): the catalogue finds no error, every
 * resource that holds or protects data is protected, retained and guarded at
 * delete, the vault and the plan live in the backup project through its own
 * provider; and the unsafe counterpart fails with the Cloud SQL findings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { DataProtectionArgs, DataProtectionJudgement } from '@deadbolt/pulumi';
import { runProgram, type ProgramRun } from '../../packages/pulumi/test/harness';
import { twoProjectProgram } from '../../examples/pulumi-gcp-two-project/src/program';
import { unsafeProgram } from '../../examples/pulumi-gcp-two-project/src/unsafe';

const example = path.join(__dirname, '..', '..', 'examples', 'pulumi-gcp-two-project');
const projectFile = parse(fs.readFileSync(path.join(example, 'Pulumi.yaml'), 'utf8')) as {
  name: string;
  options?: { refresh?: string };
};
const project = projectFile.name;
const config = (
  parse(fs.readFileSync(path.join(example, 'Pulumi.prod.yaml'), 'utf8')) as { config: Record<string, string> }
).config;

const INSTANCE = 'gcp:sql/databaseInstance:DatabaseInstance';
const VAULT = 'gcp:backupdisasterrecovery/backupVault:BackupVault';
const PLAN = 'gcp:backupdisasterrecovery/backupPlan:BackupPlan';
const ASSOCIATION = 'gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation';

/** Runs one of the example's programs under mocks and judges it. */
async function judge(
  program: (args: DataProtectionArgs) => { enforcement: { judge(): Promise<DataProtectionJudgement> } },
  args: DataProtectionArgs = {},
): Promise<{ run: ProgramRun; judgement: DataProtectionJudgement }> {
  let enforcement: { judge(): Promise<DataProtectionJudgement> } | undefined;
  const run = await runProgram(
    () => {
      enforcement = program({ judgeAtExit: false, ...args }).enforcement;
    },
    { project, stack: 'prod', config },
  );
  expect(run.error).toBeUndefined();
  return { run, judgement: await enforcement!.judge() };
}

describe('examples/pulumi-gcp-two-project', () => {
  let run: ProgramRun;
  let judgement: DataProtectionJudgement;
  beforeAll(async () => {
    ({ run, judgement } = await judge(twoProjectProgram));
  });

  test('the catalogue finds no error, and the data project is known', () => {
    expect(
      judgement.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.ruleId} ${f.resource.logicalId}: ${f.message}`),
    ).toEqual([]);
    expect(judgement.notes).toEqual([]);
  });

  test('the instance, the vault, the plan and the association are protected, retained and guarded', () => {
    for (const r of [
      run.get(INSTANCE, 'orders-instance'),
      run.get(PLAN, 'orders-backup-plan'),
      run.get(ASSOCIATION, 'orders-backup-plan-association'),
    ]) {
      expect({ name: r.name, protect: r.protect, retainOnDelete: r.retainOnDelete, hook: r.beforeDelete }).toEqual({
        name: r.name,
        protect: true,
        retainOnDelete: true,
        hook: ['deadbolt-deletion-guard'],
      });
    }
    // The vault is a plain resource: enforceDataProtection adds the options (a vault holds the backups).
    const vault = run.get(VAULT, 'central');
    expect([vault.protect, vault.retainOnDelete]).toEqual([true, true]);
  });

  test('the vault and the plan are in the backup project, through its provider; the association in the data project', () => {
    const provider = run.get('pulumi:providers:gcp', 'backup-project');
    expect(provider.inputs.project).toBe('acme-orders-backup');
    const vault = run.get(VAULT, 'central');
    const plan = run.get(PLAN, 'orders-backup-plan');
    for (const r of [vault, plan]) expect(r.provider).toContain('pulumi:providers:gcp::backup-project');
    expect(vault.inputs.backupMinimumEnforcedRetentionDuration).toBe('2592000s');
    expect(plan.inputs.backupVault).toBe('projects/acme-orders-backup/locations/us-central1/backupVaults/central');
    expect(plan.inputs.backupRules[0].backupRetentionDays).toBe(35);
    const association = run.get(ASSOCIATION, 'orders-backup-plan-association');
    expect(association.inputs).toMatchObject({
      project: 'acme-orders-data',
      resource: 'projects/acme-orders-data/instances/orders',
      backupPlan: 'projects/acme-orders-backup/locations/us-central1/backupPlans/orders-plan',
    });
  });
});

describe('examples/pulumi-gcp-two-project: a second `pulumi up` once Backup and DR manages the backups', () => {
  test("the instance is created with Cloud SQL's own backups; the stack refreshes before every update", async () => {
    const { run } = await judge(twoProjectProgram);
    // Created with backups on (a REGIONAL instance needs them, and nothing is unprotected before the association).
    expect(run.get(INSTANCE, 'orders-instance').inputs.settings.backupConfiguration).toEqual({
      enabled: true,
      pointInTimeRecoveryEnabled: true,
      transactionLogRetentionDays: 7,
      backupRetentionSettings: { retainedBackups: 14, retentionUnit: 'COUNT' },
    });
    // Once attached, Cloud SQL reports them off (backupTier ENHANCED) and refuses changes: the provider leaves them
    // alone only on an instance it has read again, so every update starts with a refresh.
    expect(projectFile.options?.refresh).toBe('always');
  });
});

/** `<rule id> <resource name>` of every error finding. */
function errorsOf(judgement: DataProtectionJudgement): string[] {
  const name = (urn: string) => judgement.records.find((r) => r.id === urn)?.name;
  return judgement.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.ruleId} ${name(f.resource.logicalId)}`);
}

describe('examples/pulumi-gcp-two-project: the unsafe counterpart', () => {
  /** What the provider's defaults leave the instance without, whatever Pulumi's options say. */
  const CLOUD_SQL = [
    'cloudsql-deletion-protection orders',
    'cloudsql-retain-backups-on-delete orders',
    'cloudsql-final-backup orders',
    'cloudsql-point-in-time-recovery orders',
  ];

  test('fails with the Cloud SQL findings on the instance; the protect option added stands in for deletionProtection', async () => {
    const { judgement } = await judge(unsafeProgram);
    const errors = errorsOf(judgement);
    expect(errors).toEqual(expect.arrayContaining(CLOUD_SQL));
    expect(errors).not.toContain('cloudsql-destroy-protection orders');
    const deletion = judgement.findings.find((f) => f.ruleId === 'cloudsql-deletion-protection')!;
    expect(deletion.fix).toContain('deletionProtectionEnabled');
  });

  test('without the protection enforceDataProtection adds, the provider guard turned off is a finding too', async () => {
    const { judgement } = await judge(unsafeProgram, { addProtection: false });
    expect(errorsOf(judgement)).toEqual(expect.arrayContaining([...CLOUD_SQL, 'cloudsql-destroy-protection orders']));
  });
});
