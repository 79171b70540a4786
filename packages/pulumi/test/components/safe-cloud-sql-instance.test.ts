import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { CloudSqlBackupPlan, SafeCloudSqlInstance, type SafeCloudSqlInstanceArgs } from '../../src';
import { runProgram, expectGuarded, type ProgramRun } from '../harness';

const INSTANCE = 'gcp:sql/databaseInstance:DatabaseInstance';
const PLAN = 'gcp:backupdisasterrecovery/backupPlan:BackupPlan';
const ASSOCIATION = 'gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation';
const TYPE = 'deadbolt:gcp:SafeCloudSqlInstance';
const VAULT = 'projects/backup-project/locations/us-central1/backupVaults/central';
const CONFIG = { 'gcp:project': 'data-project', 'gcp:region': 'us-central1' };

/** A program with a provider for the backup project and one instance; `args` override the defaults. */
function program(args: Partial<SafeCloudSqlInstanceArgs> = {}, opts?: pulumi.ComponentResourceOptions) {
  return () => {
    const backupProject = new gcp.Provider('backup-project', { project: 'backup-project', region: 'us-central1' });
    return new SafeCloudSqlInstance(
      'orders',
      {
        name: 'orders',
        databaseVersion: 'POSTGRES_16',
        settings: { tier: 'db-custom-2-7680', edition: 'ENTERPRISE' },
        backupPlan: CloudSqlBackupPlan.inVault({ backupVault: VAULT, provider: backupProject }),
        ...args,
      },
      opts,
    );
  };
}

/** Runs a program that must fail, and returns its error message. */
async function refusal(p: () => unknown): Promise<string> {
  const run = await runProgram(p, { config: CONFIG });
  expect(run.error).toBeDefined();
  return run.error!.message;
}

describe('SafeCloudSqlInstance', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(program(), { config: CONFIG });
    expect(run.error).toBeUndefined();
  });

  test('forces API-level deletion protection, retained backups, a final backup, and point-in-time recovery (PostgreSQL)', () => {
    const instance = run.get(INSTANCE, 'orders-instance');
    expect(instance.inputs).toEqual({
      name: 'orders',
      project: 'data-project',
      region: 'us-central1',
      databaseVersion: 'POSTGRES_16',
      deletionProtection: true,
      settings: {
        tier: 'db-custom-2-7680',
        edition: 'ENTERPRISE',
        userLabels: { 'deadbolt-protected': 'true' },
        deletionProtectionEnabled: true,
        retainBackupsOnDelete: true,
        finalBackupConfig: { enabled: true, retentionDays: 30 },
        backupConfiguration: {
          enabled: true,
          pointInTimeRecoveryEnabled: true,
          transactionLogRetentionDays: 7,
          backupRetentionSettings: { retainedBackups: 14, retentionUnit: 'COUNT' },
        },
      },
    });
  });

  test('the instance, the plan and the association are protected, retained and guarded', () => {
    expectGuarded(
      run.get(INSTANCE, 'orders-instance'),
      run.get(PLAN, 'orders-backup-plan'),
      run.get(ASSOCIATION, 'orders-backup-plan-association'),
    );
    expect(run.get(INSTANCE, 'orders-instance').parent).toBe(run.get(TYPE, 'orders').urn);
  });

  test('the plan is created in the vault project, through its provider, for Cloud SQL', () => {
    const plan = run.get(PLAN, 'orders-backup-plan');
    expect(plan.provider).toContain('pulumi:providers:gcp::backup-project');
    expect(plan.inputs).toEqual({
      project: 'backup-project',
      location: 'us-central1',
      backupPlanId: 'orders-plan',
      resourceType: 'sqladmin.googleapis.com/Instance',
      backupVault: VAULT,
      logRetentionDays: 7,
      backupRules: [
        {
          ruleId: 'daily',
          backupRetentionDays: 35,
          standardSchedule: {
            recurrenceType: 'DAILY',
            timeZone: 'UTC',
            backupWindow: { startHourOfDay: 0, endHourOfDay: 6 },
          },
        },
      ],
    });
  });

  test("the association, in the instance's project, names the instance and the plan", () => {
    const association = run.get(ASSOCIATION, 'orders-backup-plan-association');
    expect(association.provider).not.toContain('backup-project');
    expect(association.inputs).toEqual({
      project: 'data-project',
      location: 'us-central1',
      backupPlanAssociationId: 'orders-bpa',
      resourceType: 'sqladmin.googleapis.com/Instance',
      resource: 'projects/data-project/instances/orders',
      backupPlan: 'projects/backup-project/locations/us-central1/backupPlans/orders-plan',
    });
    expect(association.propertyDependencies.backupPlan).toEqual([run.get(PLAN, 'orders-backup-plan').urn]);
    expect(association.propertyDependencies.resource).toEqual([run.get(INSTANCE, 'orders-instance').urn]);
  });
});

describe('SafeCloudSqlInstance: options', () => {
  test('MySQL gets binary logging; the retention args are passed on', async () => {
    const run = await runProgram(
      program({
        databaseVersion: 'MYSQL_8_0',
        retainedBackups: 30,
        transactionLogRetentionDays: 3,
        finalBackupRetentionDays: 90,
        settings: {
          tier: 'db-n1-standard-2',
          backupConfiguration: { startTime: '03:00' },
          userLabels: { team: 'orders' },
        },
      }),
      { config: CONFIG },
    );
    expect(run.error).toBeUndefined();
    const settings = run.get(INSTANCE, 'orders-instance').inputs.settings;
    expect(settings.backupConfiguration).toEqual({
      startTime: '03:00',
      enabled: true,
      binaryLogEnabled: true,
      transactionLogRetentionDays: 3,
      backupRetentionSettings: { retainedBackups: 30, retentionUnit: 'COUNT' },
    });
    expect(settings.finalBackupConfig).toEqual({ enabled: true, retentionDays: 90 });
    expect(settings.userLabels).toEqual({ team: 'orders', 'deadbolt-protected': 'true' });
  });

  test('an existing plan is associated, and no plan is created', async () => {
    const plan = 'projects/backup-project/locations/us-central1/backupPlans/cloudsql-daily';
    const run = await runProgram(program({ backupPlan: CloudSqlBackupPlan.existing(plan, VAULT) }), { config: CONFIG });
    expect(run.error).toBeUndefined();
    expect(run.ofType(PLAN)).toHaveLength(0);
    expect(run.get(ASSOCIATION, 'orders-backup-plan-association').inputs.backupPlan).toBe(plan);
  });

  test('an opt-out records its reason as a label, and nothing is associated', async () => {
    const run = await runProgram(
      program({ backupPlan: CloudSqlBackupPlan.optOut('Read-only copy, rebuilt nightly from the warehouse.') }),
      { config: CONFIG },
    );
    expect(run.error).toBeUndefined();
    expect(run.ofType(ASSOCIATION)).toHaveLength(0);
    expect(run.get(INSTANCE, 'orders-instance').inputs.settings.userLabels).toEqual({
      'deadbolt-protected': 'true',
      'deadbolt-backup-opt-out': 'read-only-copy-rebuilt-nightly-from-the-warehouse',
    });
  });

  test('a preview works', async () => {
    const run = await runProgram(program(), { config: CONFIG, preview: true });
    expect(run.error).toBeUndefined();
    expectGuarded(run.get(INSTANCE, 'orders-instance'));
    expect(run.get(INSTANCE, 'orders-instance').inputs.settings.deletionProtectionEnabled).toBe(true);
  });
});

describe('SafeCloudSqlInstance: backups, enrolled in Backup and DR or not', () => {
  const EXISTING = 'projects/backup-project/locations/us-central1/backupPlans/cloudsql-daily';
  /** The plan choices, built inside the program (a provider must be registered in the run). */
  const choices: [string, (backupProject: gcp.Provider) => CloudSqlBackupPlan, boolean][] = [
    ['inVault', (p) => CloudSqlBackupPlan.inVault({ backupVault: VAULT, provider: p }), true],
    ['existing', () => CloudSqlBackupPlan.existing(EXISTING, VAULT), true],
    ['optOut', () => CloudSqlBackupPlan.optOut('Scratch copy, reloaded from the warehouse every night.'), false],
  ];

  /** One instance with the given plan and backup settings. */
  const withPlan =
    (choose: (backupProject: gcp.Provider) => CloudSqlBackupPlan, backupConfiguration?: Record<string, unknown>) =>
    () => {
      const backupProject = new gcp.Provider('backup-project', { project: 'backup-project', region: 'us-central1' });
      return new SafeCloudSqlInstance('orders', {
        name: 'orders',
        databaseVersion: 'MYSQL_8_0',
        settings: { tier: 'db-n1-standard-2', availabilityType: 'REGIONAL', backupConfiguration },
        backupPlan: choose(backupProject),
      });
    };

  test.each(choices)(
    '%s: created with Cloud SQL automated backups, binary logging and retained backups on',
    async (_kind, choose, enrolled) => {
      const run = await runProgram(withPlan(choose, { startTime: '02:00' }), { config: CONFIG });
      expect(run.error).toBeUndefined();
      // Enrolled or not, the instance starts with its own backups: nothing is unprotected before the association
      // exists, and a REGIONAL instance needs them to be created. Backup and DR takes over once the plan is attached.
      expect(run.get(INSTANCE, 'orders-instance').inputs.settings.backupConfiguration).toEqual({
        startTime: '02:00',
        enabled: true,
        binaryLogEnabled: true,
        transactionLogRetentionDays: 7,
        backupRetentionSettings: { retainedBackups: 14, retentionUnit: 'COUNT' },
      });
      expect(run.ofType(ASSOCIATION)).toHaveLength(enrolled ? 1 : 0);
    },
  );

  test('a second run declares the same instance inputs: nothing in them changes between two `pulumi up`s', async () => {
    const [first, second] = [
      await runProgram(program(), { config: CONFIG }),
      await runProgram(program(), { config: CONFIG }),
    ];
    for (const [type, name] of [
      [INSTANCE, 'orders-instance'],
      [PLAN, 'orders-backup-plan'],
      [ASSOCIATION, 'orders-backup-plan-association'],
    ]) {
      expect(second.get(type, name).inputs).toEqual(first.get(type, name).inputs);
    }
  });

  test.each(choices.filter(([, , enrolled]) => enrolled))(
    '%s: a backup location is refused, since Cloud SQL clears it when the plan is attached',
    async (_kind, choose) => {
      expect(await refusal(withPlan(choose, { location: 'us' }))).toContain(
        '`settings.backupConfiguration.location` cannot be set on an instance enrolled in a Backup and DR plan: ' +
          'Cloud SQL clears it when the plan is attached and refuses to change it afterwards',
      );
    },
  );

  test('optOut: a backup location is kept, since Cloud SQL keeps the backups itself', async () => {
    const run = await runProgram(withPlan(choices[2][1], { location: 'us' }), { config: CONFIG });
    expect(run.error).toBeUndefined();
    expect(run.get(INSTANCE, 'orders-instance').inputs.settings.backupConfiguration.location).toBe('us');
  });
});

describe('SafeCloudSqlInstance: refused misuse', () => {
  test('a vault in the instance’s own project is refused, with the fix', async () => {
    const message = await refusal(() => {
      const same = new gcp.Provider('same', { project: 'data-project' });
      new SafeCloudSqlInstance('orders', {
        name: 'orders',
        databaseVersion: 'POSTGRES_16',
        settings: { tier: 'db-custom-2-7680' },
        backupPlan: CloudSqlBackupPlan.inVault({
          backupVault: 'projects/data-project/locations/us-central1/backupVaults/local',
          provider: same,
        }),
      });
    });
    expect(message).toBe(
      "deadbolt:gcp:SafeCloudSqlInstance `orders`: the Backup and DR vault `projects/data-project/locations/us-central1/backupVaults/local` is in the instance's own project `data-project`: " +
        'whoever can delete the instance there can also remove the vault, so the backups are not outside the blast radius. ' +
        'Fix: create the vault in a separate backup project (`projects/<backup project>/locations/us-central1/backupVaults/local`, with an enforced minimum retention) ' +
        "and pass it with a `gcp.Provider` for that project; or, to go without, `CloudSqlBackupPlan.optOut('<why the instance needs no backups in another project>')`.",
    );
  });

  test('an existing plan whose vault is in the instance’s project is refused', async () => {
    const message = await refusal(
      program({
        backupPlan: CloudSqlBackupPlan.existing(
          'projects/backup-project/locations/us-central1/backupPlans/p',
          'projects/data-project/locations/us-central1/backupVaults/local',
        ),
      }),
    );
    expect(message).toContain("is in the instance's own project `data-project`");
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'Terraform-level deletion protection off',
      { deletionProtection: false },
      '`deletionProtection` cannot be set (got false): SafeCloudSqlInstance forces it to true.',
    ],
    [
      'API-level deletion protection off',
      { settings: { tier: 't', deletionProtectionEnabled: false } },
      '`settings.deletionProtectionEnabled` cannot be set (got false): SafeCloudSqlInstance forces it to true.',
    ],
    [
      'backups deleted with the instance',
      { settings: { tier: 't', retainBackupsOnDelete: false } },
      '`settings.retainBackupsOnDelete` cannot be set (got false): SafeCloudSqlInstance forces it to true.',
    ],
    [
      'no final backup',
      { settings: { tier: 't', finalBackupConfig: { enabled: false } } },
      '`settings.finalBackupConfig` cannot be set (got {"enabled":false}): SafeCloudSqlInstance sets it itself; use `finalBackupRetentionDays` (7 to 365 days).',
    ],
    [
      'automated backups off',
      { settings: { tier: 't', backupConfiguration: { enabled: false } } },
      '`settings.backupConfiguration.enabled` cannot be set (got false): SafeCloudSqlInstance forces it to true.',
    ],
    [
      'point-in-time recovery off',
      { settings: { tier: 't', backupConfiguration: { pointInTimeRecoveryEnabled: false } } },
      '`settings.backupConfiguration.pointInTimeRecoveryEnabled` cannot be set (got false)',
    ],
    [
      'fewer retained backups',
      { settings: { tier: 't', backupConfiguration: { backupRetentionSettings: { retainedBackups: 1 } } } },
      'use `retainedBackups` (7 to 365)',
    ],
    [
      'retainedBackups under the minimum',
      { retainedBackups: 3 },
      '`retainedBackups` must be a whole number from 7 to 365',
    ],
    [
      'a final backup kept 1 day',
      { finalBackupRetentionDays: 1 },
      '`finalBackupRetentionDays` must be a whole number of days from 7 to 365, got 1.',
    ],
    ['a deletion policy', { deletionPolicy: 'DELETE' }, '`deletionPolicy` is refused (got "DELETE")'],
    [
      'an engine Deadbolt cannot tell',
      { databaseVersion: 'ORACLE_19' },
      '`databaseVersion` must be a literal Cloud SQL version',
    ],
    ['a name that is not literal', { name: pulumi.output('orders') }, '`name` is required, as a literal'],
    ['no plan at all', { backupPlan: undefined }, '`backupPlan` is required'],
  ])('%s is refused', async (_what, args, expected) => {
    expect(await refusal(program(args as Partial<SafeCloudSqlInstanceArgs>))).toContain(expected);
  });

  test('a vault given as an Output, or not a vault name, is refused', async () => {
    const output = await refusal(() => {
      const p = new gcp.Provider('backup-project', { project: 'backup-project' });
      new SafeCloudSqlInstance('orders', {
        name: 'orders',
        databaseVersion: 'POSTGRES_16',
        settings: { tier: 't' },
        backupPlan: CloudSqlBackupPlan.inVault({ backupVault: pulumi.output(VAULT) as unknown as string, provider: p }),
      });
    });
    expect(output).toContain("`backupPlan.backupVault` is an Output: write the vault's full name as a literal");
    expect(() => CloudSqlBackupPlan.existing('plan', VAULT)).toThrow("needs the plan's full name");
  });

  test('a plan without a provider for the vault project is refused', async () => {
    const message = await refusal(
      program({ backupPlan: CloudSqlBackupPlan.inVault({ backupVault: VAULT, provider: undefined as never }) }),
    );
    expect(message).toContain(
      "`backupPlan.provider` must be a `gcp.Provider` for the vault's project `backup-project`",
    );
  });

  test('an opt-out without a reason is refused', () => {
    expect(() => CloudSqlBackupPlan.optOut('  ')).toThrow('`CloudSqlBackupPlan.optOut` needs a written `reason`');
  });

  test('without a project, or with a gcp provider and no project, the instance is refused', async () => {
    const none = await runProgram(program(), { config: { 'gcp:region': 'us-central1' } });
    expect(none.error?.message).toContain("`project` is required: pass it, or set the stack's `gcp:project` config");
    const viaProvider = await refusal(() => {
      const data = new gcp.Provider('data', { project: 'data-project' });
      return program({}, { provider: data })();
    });
    expect(viaProvider).toContain('`project` is required when the component is given a `gcp` provider');
  });

  test('protect: false on the component is refused', async () => {
    expect(await refusal(program({}, { protect: false }))).toContain(
      '`protect: false` is refused: SafeCloudSqlInstance keeps `protect: true`',
    );
  });

  test('a stack transformation that turns API-level deletion protection off is refused', async () => {
    const message = await refusal(() => {
      pulumi.runtime.registerStackTransformation((a) =>
        a.type === INSTANCE
          ? { props: { ...a.props, settings: { ...a.props.settings, deletionProtectionEnabled: false } }, opts: a.opts }
          : undefined,
      );
      return program()();
    });
    expect(message).toContain(
      'a transformation weakened its child `orders-instance` (gcp:sql/databaseInstance:DatabaseInstance) after SafeCloudSqlInstance set it, so SafeCloudSqlInstance refuses its registration: `settings.deletionProtectionEnabled` changes from true to false',
    );
  });
});
