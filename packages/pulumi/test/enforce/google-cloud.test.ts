/**
 * `enforceDataProtection` and the policy pack on `@pulumi/gcp` programs, under
 * `pulumi.runtime.setMocks` with the real `@pulumi/gcp`: Google Cloud resources
 * and providers are recorded, protected when they hold data, read by the
 * Google dialect (`readGoogleModel`) with the stack's `gcp:project`, and judged
 * by the same catalogue as AWS resources.
 */
import * as aws from '@pulumi/aws';
import * as gcp from '@pulumi/gcp';
import type { PolicyResource } from '@pulumi/policy';
import { readGoogleModel, type NormalisedResource } from '@deadbolt/rules';
import { documentFromPolicyResources } from '../../src/policy/data-protection-policy-pack';
import {
  CloudSqlBackupPlan,
  enforceDataProtection,
  SafeCloudSqlInstance,
  type DataProtectionArgs,
  type DataProtectionEnforcement,
  type DataProtectionJudgement,
} from '../../src';
import { stackModel } from '../../src/model/judging';
import { runProgram, type ProgramRun } from '../harness';

const NOW = new Date('2026-06-01T00:00:00Z');
const CONFIG = { 'gcp:project': 'data-project', 'gcp:region': 'us-central1' };
const INSTANCE = 'gcp:sql/databaseInstance:DatabaseInstance';
const BUCKET = 'gcp:storage/bucket:Bucket';
const PLAN_TYPE = 'gcp:backupdisasterrecovery/backupPlan:BackupPlan';

/** The unsafe program: a Cloud SQL instance and a bucket as the provider's defaults leave them. */
function unsafe(): void {
  new gcp.sql.DatabaseInstance('records', {
    databaseVersion: 'POSTGRES_16',
    deletionProtection: false,
    settings: { tier: 'db-custom-2-7680' },
  });
  new gcp.storage.Bucket('uploads', { location: 'US', forceDestroy: true });
}

async function judged(program: () => void, config: Record<string, string> = CONFIG) {
  let enforcement: DataProtectionEnforcement | undefined;
  const run = await runProgram(
    () => {
      enforcement = enforceDataProtection({ judgeAtExit: false });
      program();
    },
    { config },
  );
  expect(run.error).toBeUndefined();
  const judgement = await enforcement!.judge(NOW);
  return { run, enforcement: enforcement!, judgement };
}

describe('enforceDataProtection on @pulumi/gcp resources', () => {
  let run: ProgramRun;
  let enforcement: DataProtectionEnforcement;
  let judgement: DataProtectionJudgement;
  beforeAll(async () => {
    ({ run, enforcement, judgement } = await judged(unsafe));
  });

  test('the instance and the bucket hold data: protect and retainOnDelete are added', async () => {
    for (const [type, name] of [
      [INSTANCE, 'records'],
      [BUCKET, 'uploads'],
    ]) {
      const r = run.get(type, name);
      expect({ name, protect: r.protect, retainOnDelete: r.retainOnDelete }).toEqual({
        name,
        protect: true,
        retainOnDelete: true,
      });
    }
    expect((await enforcement.changes()).map((c) => `${c.name} ${c.added.join(',')}`)).toEqual([
      'records protect,retainOnDelete',
      'uploads protect,retainOnDelete',
    ]);
  });

  test("the document holds both records and the stack's gcp:project", async () => {
    const document = await enforcement.document();
    expect(document.project).toBe('data-project');
    expect(document.resources.map((r) => `${r.type}::${r.name}`)).toEqual([
      `${INSTANCE}::records`,
      `${BUCKET}::uploads`,
    ]);
    expect(document.resources[0].inputs).toEqual({
      databaseVersion: 'POSTGRES_16',
      deletionProtection: false,
      settings: { tier: 'db-custom-2-7680' },
    });
  });

  test('the Google dialect reads them, in Terraform names, in the data project', async () => {
    const model = stackModel(await enforcement.document());
    const resources = model.documents.flatMap((d) => [...d.resources.values()]) as NormalisedResource[];
    expect(resources.map((r) => [r.type, r.nativeType, r.dialect, r.document.project])).toEqual([
      ['google_sql_database_instance', INSTANCE, 'google', 'data-project'],
      ['google_storage_bucket', BUCKET, 'google', 'data-project'],
    ]);
    expect(resources[0].properties).toMatchObject({
      deletion_protection: false,
      settings: { tier: 'db-custom-2-7680' },
    });
    expect(resources[1].properties).toMatchObject({ force_destroy: true });
    expect(resources[0].providerOptions).toMatchObject({ protect: true, retainOnDelete: true });
  });

  test('the unsafe instance is judged by the Cloud SQL rules, with Pulumi fixes and acknowledgement lines', () => {
    const sql = judgement.findings.filter((f) => f.ruleId.startsWith('cloudsql-') && f.severity === 'error');
    expect(sql.map((f) => f.ruleId).sort()).toEqual([
      'cloudsql-automated-backups',
      'cloudsql-deletion-protection',
      'cloudsql-final-backup',
      'cloudsql-point-in-time-recovery',
      'cloudsql-retain-backups-on-delete',
    ]);
    const records = run.get(INSTANCE, 'records').urn;
    for (const f of sql) {
      expect(f.resource.logicalId).toBe(records);
      expect(f.acknowledgeWith).toContain(f.ruleId);
    }
  });

  const VAULT = 'projects/backup-project/locations/us-central1/backupVaults/central';
  const EXISTING_PLAN = 'projects/backup-project/locations/us-central1/backupPlans/daily';
  /** The program: one SafeCloudSqlInstance, with the plan `plan` builds, and the stack's acknowledgements. */
  async function judgedInstance(
    plan: (backup: gcp.Provider) => CloudSqlBackupPlan,
    acknowledge: DataProtectionArgs['acknowledge'] = [],
  ) {
    let enforcement: DataProtectionEnforcement | undefined;
    const run = await runProgram(
      () => {
        enforcement = enforceDataProtection({ judgeAtExit: false, acknowledge });
        const backup = new gcp.Provider('backup-project', { project: 'backup-project' });
        new SafeCloudSqlInstance('orders', {
          name: 'orders',
          databaseVersion: 'MYSQL_8_0',
          settings: { tier: 'db-n1-standard-2' },
          backupPlan: plan(backup),
        });
      },
      { config: CONFIG },
    );
    expect(run.error).toBeUndefined();
    const judgement = await enforcement!.judge(NOW);
    return {
      judgement,
      open: judgement.findings
        .filter((f) => !f.acknowledged && f.severity !== 'info')
        .map((f) => `${f.ruleId}: ${f.message}`),
      acknowledged: judgement.findings
        .filter((f) => f.acknowledged)
        .map(
          (f) =>
            `${f.ruleId} ${judgement.records.find((r) => r.id === f.resource.logicalId)?.name}: ${f.acknowledged!.reason}`,
        ),
    };
  }

  test('a SafeCloudSqlInstance enrolled in a plan it creates, in a vault of another project, leaves no finding', async () => {
    const { judgement, open, acknowledged } = await judgedInstance((backup) =>
      CloudSqlBackupPlan.inVault({ backupVault: VAULT, provider: backup }),
    );
    expect(open).toEqual([]);
    expect(acknowledged).toEqual([]);
    expect(judgement.errors).toBe(0);
    // The instance, the plan and the association were all judged: the rules had something to look at.
    expect(judgement.records.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        INSTANCE,
        PLAN_TYPE,
        'gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation',
      ]),
    );
  });

  test('an opt-out is the acknowledgement of backupdr-coverage, with its reason (from the label)', async () => {
    const { judgement, open, acknowledged } = await judgedInstance(() =>
      CloudSqlBackupPlan.optOut('Scratch copy, reloaded from the warehouse nightly.'),
    );
    expect(open).toEqual([]);
    expect(acknowledged).toEqual([
      'backupdr-coverage orders-instance: scratch copy reloaded from the warehouse nightly',
    ]);
    expect(judgement.errors).toBe(0);
  });

  test("an existing plan's vault cannot be read: the association is a finding until it is acknowledged", async () => {
    const plan = () => CloudSqlBackupPlan.existing(EXISTING_PLAN, VAULT);
    const without = await judgedInstance(plan);
    expect(without.open.map((f) => f.split(':')[0])).toEqual(['backupdr-vault-separate-project']);
    expect(without.judgement.errors).toBe(1);

    const reason =
      'Plan daily writes to vault central of backup-project (checked with gcloud backup-dr backup-plans describe).';
    const acknowledged = await judgedInstance(plan, [
      {
        resource: 'orders-backup-plan-association',
        id: 'backupdr-vault-separate-project',
        reason,
        expires: '2026-08-01',
      },
    ]);
    expect(acknowledged.open).toEqual([]);
    expect(acknowledged.acknowledged).toEqual([
      `backupdr-vault-separate-project orders-backup-plan-association: ${reason}`,
    ]);
    expect(acknowledged.judgement.errors).toBe(0);
  });

  test('no AWS account note for a Google-only stack', () => {
    expect(judgement.notes).toEqual([]);
  });
});

describe('the stack project', () => {
  test('without gcp:project, the judgement says how to give it', async () => {
    const { judgement } = await judged(unsafe, { 'gcp:region': 'us-central1' });
    expect(judgement.notes).toEqual([
      'The Google Cloud project this stack deploys to is not known, so no Backup and DR vault can be proven to be in another project ' +
        '(the rules that need backups outside the project fail closed). ' +
        "Pass it to enforceDataProtection({ project: '<project id>' }), or set the stack's `gcp:project` config.",
    ]);
  });

  test('a project that is not a project id is refused', () => {
    expect(() => enforceDataProtection({ project: 'Data Project' })).toThrow(
      'enforceDataProtection: `project` must be a Google Cloud project id (6 to 30 lowercase letters, digits and hyphens, starting with a letter); got "Data Project".',
    );
  });

  test('resources of an explicit provider for another project go to that project', async () => {
    const { enforcement } = await judged(() => {
      const backup = new gcp.Provider('backup-project', { project: 'backup-project' });
      new gcp.backupdisasterrecovery.BackupVault(
        'central',
        { location: 'us-central1', backupVaultId: 'central', backupMinimumEnforcedRetentionDuration: '604800s' },
        { provider: backup },
      );
    });
    const model = stackModel(await enforcement.document());
    const vault = model.documents
      .flatMap((d) => [...d.resources.values()])
      .find((r) => r.nativeType.startsWith('gcp:backup'));
    expect(vault?.document.project).toBe('backup-project');
  });
});

describe('a stack of both clouds', () => {
  test('AWS resources go to the AWS provider dialect, Google ones to the Google dialect, in one judgement', async () => {
    const { enforcement, judgement } = await judged(
      () => {
        new aws.dynamodb.Table('events', {
          attributes: [{ name: 'id', type: 'S' }],
          hashKey: 'id',
          billingMode: 'PAY_PER_REQUEST',
        });
        unsafe();
      },
      { ...CONFIG, 'aws:region': 'us-east-1', 'aws:allowedAccountIds': '["111111111111"]' },
    );
    const model = stackModel(await enforcement.document());
    expect(model.documents.map((d) => d.dialect).sort()).toEqual(['aws-provider', 'google']);
    expect(judgement.findings.some((f) => f.ruleId === 'dynamodb-point-in-time-recovery')).toBe(true);
  });
});

describe('the policy pack', () => {
  test("reads @pulumi/gcp resources and the default gcp provider's project", () => {
    const resource = (type: string, name: string, props: Record<string, unknown>): PolicyResource =>
      ({
        type,
        name,
        urn: `urn:pulumi:prod::shop::${type}::${name}`,
        props,
        opts: { protect: false },
        propertyDependencies: {},
        provider:
          type === 'pulumi:providers:gcp'
            ? undefined
            : {
                type: 'pulumi:providers:gcp',
                urn: 'urn:pulumi:prod::shop::pulumi:providers:gcp::default_9_37_0',
                name: 'default_9_37_0',
                props: {},
              },
      }) as unknown as PolicyResource;
    const document = documentFromPolicyResources([
      resource('pulumi:providers:gcp', 'default_9_37_0', { project: 'data-project', region: 'us-central1' }),
      resource(INSTANCE, 'records', { databaseVersion: 'POSTGRES_16', settings: { tier: 'db-f1-micro' } }),
    ]);
    expect(document.project).toBe('data-project');
    expect(document.resources.map((r) => r.type)).toEqual(['pulumi:providers:gcp', INSTANCE]);
    const model = readGoogleModel(document);
    const [instance] = model.documents.flatMap((d) => [...d.resources.values()]);
    expect([instance.type, instance.document.project]).toEqual(['google_sql_database_instance', 'data-project']);
  });
});
