import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { IsolatedBackupVault, workloadAccountProblem, type IsolatedBackupVaultArgs } from '../../src';
import { runProgram, type ProgramRun, expectGuarded } from '../harness';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
/** The account the harness's `aws.getCallerIdentity` answers with. */
const HARNESS_ACCOUNT = '111111111111';
const KEY = 'aws:kms/key:Key';
const VAULT = 'aws:backup/vault:Vault';
const LOCK = 'aws:backup/vaultLockConfiguration:VaultLockConfiguration';
const POLICY = 'aws:backup/vaultPolicy:VaultPolicy';
const PLAN = 'aws:backup/plan:Plan';
const SELECTION = 'aws:backup/selection:Selection';

function construct(
  args: Partial<IsolatedBackupVaultArgs>,
  opts?: pulumi.ComponentResourceOptions,
): () => IsolatedBackupVault {
  return () =>
    new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL, ...args } as IsolatedBackupVaultArgs, opts);
}

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * Runs a program in a separate Node process under Pulumi's mocks, as the
 * language host would run it: there an Output that throws fails the program
 * through an unhandled rejection, which Jest would otherwise claim as a
 * failure of the test itself, and the program's pending work never settles
 * (the runtime reports it at exit). The TypeScript sources are compiled on
 * the fly with swc, as Jest does. `program` is JavaScript with `src` (this
 * package) in scope; the mocks answer `aws.getCallerIdentity` with account
 * 111111111111 and `aws.getRegion` with us-east-1, as the harness does.
 */
function runIsolated(program: string): { resources: string[]; rejections: string[] } {
  const script = `
    const Module = require('module');
    const fs = require('fs');
    const path = require('path');
    const swc = require('@swc/core');
    const root = process.env.DEADBOLT_ROOT;
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      const m = /^@deadbolt\\/(rules|pulumi)$/.exec(request);
      return resolve.call(this, m ? path.join(root, 'packages', m[1], 'src', 'index.ts') : request, ...rest);
    };
    Module._extensions['.ts'] = (module, filename) => {
      const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
        filename, swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    const pulumi = require('@pulumi/pulumi');
    const resources = [];
    const rejections = new Set();
    process.on('unhandledRejection', (e) => rejections.add(String((e && e.message) || e)));
    let reported = false;
    process.on('beforeExit', () => {
      if (reported) return;
      reported = true;
      process.stdout.write(JSON.stringify({ resources, rejections: [...rejections] }));
    });
    pulumi.runtime.setMocks({
      newResource(a) {
        resources.push(a.type + '::' + a.name);
        return { id: a.name + '-id', state: { ...a.inputs, arn: 'arn:aws:mock:us-east-1:111111111111:' + a.name } };
      },
      call(a) {
        if (a.token === 'aws:index/getCallerIdentity:getCallerIdentity') return { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/test', userId: 'test' };
        if (a.token === 'aws:index/getRegion:getRegion') return { name: 'us-east-1', region: 'us-east-1', id: 'us-east-1' };
        return a.inputs;
      },
    }, 'project', 'stack', false).then(() => {
      // The mock monitor cannot register resource hooks (the harness stubs it the same way).
      pulumi.runtime.getMonitor().registerResourceHook = (req, callback) => callback(null, {});
      const src = require(path.join(root, 'packages/pulumi/src/index.ts'));
      return pulumi.runtime.runInPulumiStack(async () => { ${program} });
    }).catch((e) => rejections.add(String(e && e.message || e)));
  `;
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, DEADBOLT_ROOT: ROOT },
    encoding: 'utf8',
    timeout: 60_000,
  });
  // The runtime's exit handler reports the work a failed program leaves pending (exit code 1): the report on stdout is what counts.
  if (!r.stdout) throw new Error(`isolated program printed nothing (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('IsolatedBackupVault', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(() => {
      const vault = new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL });
      vault.protect(
        'carts',
        new aws.dynamodb.Table('carts', { name: 'carts', hashKey: 'id', attributes: [{ name: 'id', type: 'S' }] }),
      );
    });
    expect(run.error).toBeUndefined();
  });

  test('the vault never destroys its recovery points with it', () => {
    expect(run.get(VAULT, 'backups-vault').inputs).toMatchObject({
      forceDestroy: false,
      kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:backups-key-1234567',
      tags: { 'deadbolt:protected': 'true' },
    });
  });

  test('the vault is under a compliance-mode lock: 3-day grace period, 7-day minimum retention', () => {
    expect(run.get(LOCK, 'backups-lock').inputs).toEqual({
      backupVaultName: 'backups-vault-1234567',
      changeableForDays: 3,
      minRetentionDays: 7,
    });
  });

  test('the vault policy denies deleting recovery points and shortening their lifecycle to everyone', () => {
    const policy = JSON.parse(run.get(POLICY, 'backups-policy').inputs.policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyRecoveryPointDeletion',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
        Resource: '*',
      },
    ]);
  });

  test('the key keeps a 30-day window, rotates, and lets the backup account use it for copies', () => {
    const key = run.get(KEY, 'backups-key');
    expect(key.inputs).toMatchObject({ deletionWindowInDays: 30, enableKeyRotation: true });
    const sids = JSON.parse(key.inputs.policy).Statement.map((s: { Sid: string; Principal: unknown }) => [
      s.Sid,
      s.Principal,
    ]);
    expect(sids).toEqual([
      ['EnableAccountAdministration', { AWS: `arn:aws:iam::${HARNESS_ACCOUNT}:root` }],
      ['AllowBackupAccountCopiesAccountsUse', { AWS: ['arn:aws:iam::222222222222:root'] }],
      ['AllowBackupAccountCopiesAccountsGrants', { AWS: ['arn:aws:iam::222222222222:root'] }],
      ['DenyShortKeyDeletionWindow', '*'],
    ]);
    expect(JSON.parse(key.inputs.policy).Statement.at(-1)).toEqual({
      Sid: 'DenyShortKeyDeletionWindow',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:ScheduleKeyDeletion',
      Resource: '*',
      Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } },
    });
  });

  test('the key, the vault, its lock and its policy are protected, retained and guarded', () => {
    expectGuarded(
      run.get(KEY, 'backups-key'),
      run.get(VAULT, 'backups-vault'),
      run.get(LOCK, 'backups-lock'),
      run.get(POLICY, 'backups-policy'),
    );
  });

  test('the plan backs up daily, keeps 35 days and copies every recovery point to the backup account', () => {
    expect(run.get(PLAN, 'backups-plan').inputs.rules).toEqual([
      {
        ruleName: 'isolated-copy',
        targetVaultName: 'backups-vault-1234567',
        schedule: 'cron(0 3 * * ? *)',
        lifecycle: { deleteAfter: 35 },
        copyActions: [{ destinationVaultArn: CENTRAL, lifecycle: { deleteAfter: 35 } }],
      },
    ]);
  });

  test('AWS Backup gets a service role with the managed backup and restore policies', () => {
    expect(
      JSON.parse(run.get('aws:iam/role:Role', 'backups-role').inputs.assumeRolePolicy).Statement[0].Principal,
    ).toEqual({ Service: 'backup.amazonaws.com' });
    expect(run.ofType('aws:iam/rolePolicyAttachment:RolePolicyAttachment').map((a) => a.inputs.policyArn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });

  test("protect() selects the resource by its ARN output, with the vault's plan and role", () => {
    expect(run.get(SELECTION, 'backups-selection-carts').inputs).toEqual({
      planId: 'backups-plan-id',
      iamRoleArn: 'arn:aws:iam:us-east-1:111111111111:backups-role-1234567',
      resources: ['arn:aws:dynamodb:us-east-1:111111111111:carts'],
    });
  });

  test('the settings can be lengthened', async () => {
    const longer = await runProgram(() => {
      new IsolatedBackupVault('backups', {
        destinationVaultArn: CENTRAL,
        accountId: HARNESS_ACCOUNT,
        retention: 90,
        copyRetention: 365,
        minRetention: 30,
        changeableFor: 7,
      });
    });
    expect(longer.get(LOCK, 'backups-lock').inputs).toEqual({
      backupVaultName: 'backups-vault-1234567',
      changeableForDays: 7,
      minRetentionDays: 30,
    });
    expect(longer.get(PLAN, 'backups-plan').inputs.rules[0]).toMatchObject({
      lifecycle: { deleteAfter: 90 },
      copyActions: [{ lifecycle: { deleteAfter: 365 } }],
    });
    // With `accountId` (checked against the caller identity), the key policy names it.
    expect(JSON.parse(longer.get(KEY, 'backups-key').inputs.policy).Statement[0].Principal).toEqual({
      AWS: `arn:aws:iam::${HARNESS_ACCOUNT}:root`,
    });
  });

  test('a preview works', async () => {
    const preview = await runProgram(
      () => {
        new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL });
      },
      { preview: true },
    );
    expect(preview.error).toBeUndefined();
    expect(preview.get(VAULT, 'backups-vault').inputs).toMatchObject({
      forceDestroy: false,
      kmsKeyArn: { __pulumiUnknown: true },
    });
    expectGuarded(
      preview.get(KEY, 'backups-key'),
      preview.get(VAULT, 'backups-vault'),
      preview.get(LOCK, 'backups-lock'),
    );
  });
});

describe('IsolatedBackupVault: the destination must be in another account', () => {
  test("a literal accountId equal to the destination's account is refused", () => {
    expect(construct({ accountId: '222222222222' })).toThrow(
      'deadbolt:backup:IsolatedBackupVault `backups`: `destinationVaultArn` is in account 222222222222, the workload account; copies must go to a vault in a separate backup account',
    );
  });

  test('a destination that is not a literal string is refused', () => {
    expect(construct({ destinationVaultArn: pulumi.output(CENTRAL) as unknown as string })).toThrow(
      '`destinationVaultArn` must be a literal string ARN, got an Output or Promise',
    );
  });

  test.each([
    ['arn:aws:backup:us-east-1:central'],
    ['arn:aws:s3:::bucket'],
    ['arn:aws:backup:us-east-1:2222:backup-vault:central'],
  ])('an unreadable destination %j is refused', (arn) => {
    expect(construct({ destinationVaultArn: arn })).toThrow('`destinationVaultArn` must be a backup vault ARN');
  });

  test('an unreadable accountId is refused', () => {
    expect(construct({ accountId: '1234' })).toThrow('the workload account cannot be read (`accountId` gave "1234")');
    expect(construct({ accountId: pulumi.output('111111111111') as unknown as string })).toThrow(
      '`accountId` must be a literal 12-digit AWS account id, got an Output or Promise.',
    );
  });

  test("the check on the caller's account refuses the same account and an unreadable one", () => {
    expect(workloadAccountProblem('222222222222', '222222222222', '`aws.getCallerIdentity`')).toContain(
      'is in account 222222222222, the workload account',
    );
    expect(workloadAccountProblem('', '222222222222', '`aws.getCallerIdentity`')).toContain(
      'the workload account cannot be read (`aws.getCallerIdentity` gave "")',
    );
    expect(workloadAccountProblem('111111111111', '222222222222', '`aws.getCallerIdentity`')).toBeUndefined();
  });

  test("without accountId, a destination in the caller's own account fails the program from the Output, before the key and vault exist", () => {
    const result = runIsolated(
      `new src.IsolatedBackupVault('backups', { destinationVaultArn: 'arn:aws:backup:us-east-1:${HARNESS_ACCOUNT}:backup-vault:central' });`,
    );
    expect(result.rejections).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          `deadbolt:backup:IsolatedBackupVault \`backups\`: \`destinationVaultArn\` is in account ${HARNESS_ACCOUNT}, the workload account`,
        ),
      ]),
    );
    expect(result.resources).toContain('deadbolt:backup:IsolatedBackupVault::backups');
    expect(result.resources.filter((r) => /::backups-(key|vault|lock|policy|plan)$/.test(r))).toEqual([]);
  });

  test('a literal accountId is compared with the account the vault is deployed into: a different one fails the program before the key and vault exist', () => {
    const result = runIsolated(
      `new src.IsolatedBackupVault('backups', { destinationVaultArn: '${CENTRAL}', accountId: '333333333333' });`,
    );
    expect(result.rejections).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          `deadbolt:backup:IsolatedBackupVault \`backups\`: \`accountId\` is 333333333333, but the vault is deployed into account "${HARNESS_ACCOUNT}"`,
        ),
      ]),
    );
    expect(result.resources.filter((r) => /::backups-(key|vault|lock|policy|plan)$/.test(r))).toEqual([]);
  });

  test('a literal accountId equal to the deployed account passes (control)', () => {
    const result = runIsolated(
      `new src.IsolatedBackupVault('backups', { destinationVaultArn: '${CENTRAL}', accountId: '${HARNESS_ACCOUNT}' });`,
    );
    expect(result.rejections).toEqual([]);
    expect(result.resources).toEqual(
      expect.arrayContaining(['aws:kms/key:Key::backups-key', 'aws:backup/vault:Vault::backups-vault']),
    );
  });

  test('the same isolated run with a destination in another account creates the key and vault and fails nothing (control)', () => {
    const result = runIsolated(`new src.IsolatedBackupVault('backups', { destinationVaultArn: '${CENTRAL}' });`);
    expect(result.rejections).toEqual([]);
    expect(result.resources).toEqual(
      expect.arrayContaining([
        'aws:kms/key:Key::backups-key',
        'aws:backup/vault:Vault::backups-vault',
        'aws:backup/plan:Plan::backups-plan',
      ]),
    );
  });
});

describe('IsolatedBackupVault: refused settings', () => {
  test.each([
    [
      { changeableFor: 2 },
      '`changeableFor` must be a whole number of days at least 3 (the AWS Backup cooling-off period before a compliance-mode lock becomes immutable), got 2.',
    ],
    [{ minRetention: 0 }, '`minRetention` must be a whole number of days at least 1, got 0.'],
    [
      { retention: 10, minRetention: 30 },
      '`retention` must be at least `minRetention` (30 days: the lock refuses shorter lifecycles), got 10 days.',
    ],
    [{ copyRetention: 0 }, '`copyRetention` must be a whole number of days at least 1, got 0.'],
  ] as const)('%j is refused', (args, message) => {
    expect(construct(args)).toThrow(message);
  });

  describe('the backup minimums of @deadbolt/rules, as the CDK construct applies them', () => {
    test.each([
      [
        { retention: 1, minRetention: 1 },
        'deadbolt:backup:IsolatedBackupVault `backups`: `retention` must be at least 7 days, got 1 day: a loss noticed later than that could not be restored from this vault (`MINIMUM_BACKUP_RETENTION_DAYS` of `@deadbolt/rules`).',
      ],
      [{ retention: 5 }, '`retention` must be at least 7 days, got 5 days'],
      [
        { copyRetention: 1 },
        "deadbolt:backup:IsolatedBackupVault `backups`: `copyRetention` must be at least 7 days, got 1 day: a logically air-gapped vault and a `BackupAccountVault`'s lock refuse a shorter copy, so every copy job would fail (`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`).",
      ],
      // A destination said to take shorter copies does not lower the floor.
      [{ copyRetention: 3, destinationMinRetention: 1 }, '`copyRetention` must be at least 7 days, got 3 days'],
      [
        { copyRetention: 10, destinationMinRetention: 14 },
        "deadbolt:backup:IsolatedBackupVault `backups`: `copyRetention` must be at least `destinationMinRetention` (14 days), got 10 days: the destination vault's lock refuses a shorter copy, so every copy job would fail.",
      ],
      [
        { schedule: 'cron(0 0 31 2 ? *)' },
        'deadbolt:backup:IsolatedBackupVault `backups`: `schedule` must be an AWS Backup cron expression that fires at least every 24 hours, got `cron(0 0 31 2 ? *)`, which never fires: no month it names (February) has a day 31. A plan that backs up less often than that loses everything written since its last backup.',
      ],
      [{ schedule: 'cron(0 5 ? * SAT *)' }, 'got `cron(0 5 ? * SAT *)`, which goes up to 7 days without a backup.'],
      [
        { schedule: 'cron(0 3 * * ? 2020)' },
        'got `cron(0 3 * * ? 2020)`, which never fires: every year it names is past (2020).',
      ],
      [
        { schedule: 'rate(1 day)' },
        'got `rate(1 day)`, which cannot be read as a schedule AWS Backup takes: AWS Backup takes only cron expressions, not rate expressions.',
      ],
    ] as const)('%j is refused', (args, message) => {
      expect(construct(args)).toThrow(message);
    });

    test('a schedule given as an Output is checked when it resolves: the program fails', () => {
      const result = runIsolated(
        `new src.IsolatedBackupVault('backups', { destinationVaultArn: '${CENTRAL}', schedule: pulumi.output('cron(0 0 30 2 ? *)') });`,
      );
      expect(result.rejections).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            'deadbolt:backup:IsolatedBackupVault `backups`: `schedule` must be an AWS Backup cron expression that fires at least every 24 hours, got `cron(0 0 30 2 ? *)`, which never fires: no month it names (February) has a day 30.',
          ),
        ]),
      );
    });

    test('the minimums themselves are accepted, and written to the plan', async () => {
      const run = await runProgram(() => {
        new IsolatedBackupVault('backups', {
          destinationVaultArn: CENTRAL,
          retention: 7,
          copyRetention: 7,
          schedule: 'cron(0 */12 * * ? *)',
        });
      });
      expect(run.error).toBeUndefined();
      expect(run.get(PLAN, 'backups-plan').inputs.rules[0]).toMatchObject({
        schedule: 'cron(0 */12 * * ? *)',
        lifecycle: { deleteAfter: 7 },
        copyActions: [{ lifecycle: { deleteAfter: 7 } }],
      });
    });
  });

  test("the default copyRetention is raised to the destination's minimum", async () => {
    const run = await runProgram(() => {
      new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL, retention: 14, destinationMinRetention: 30 });
    });
    expect(run.error).toBeUndefined();
    expect(run.get(PLAN, 'backups-plan').inputs.rules[0]).toMatchObject({
      lifecycle: { deleteAfter: 14 },
      copyActions: [{ lifecycle: { deleteAfter: 30 } }],
    });
  });
  test('protect: false on the component is refused', () => {
    expect(construct({}, { protect: false })).toThrow(
      '`protect: false` is refused: IsolatedBackupVault keeps `protect: true`',
    );
  });

  test('protect() without an ARN is refused', async () => {
    let problem: unknown;
    const result = await runProgram(() => {
      const vault = new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL });
      try {
        vault.protect('nothing', {} as never);
      } catch (e) {
        problem = e;
      }
    });
    expect(result.error).toBeUndefined();
    expect(String(problem)).toContain('`protect` needs a safe component or a resource with an `arn` output');
    expect(result.ofType(SELECTION)).toHaveLength(0);
  });
});

describe("IsolatedBackupVault: protect() selects only resources of the vault's account and region", () => {
  test('a literal ARN of another account than the literal accountId is refused at once', async () => {
    let problem: unknown;
    await runProgram(() => {
      const vault = new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL, accountId: HARNESS_ACCOUNT });
      try {
        vault.protect('theirs', { arn: 'arn:aws:dynamodb:us-east-1:444444444444:table/theirs' });
      } catch (e) {
        problem = e;
      }
    });
    expect(String(problem)).toContain(
      '`protect` got "arn:aws:dynamodb:us-east-1:444444444444:table/theirs" for "theirs", in account 444444444444, but the vault is in account 111111111111',
    );
  });

  test('an ARN of another region fails the program from the Output, and no selection is created', () => {
    const result = runIsolated(`
      const vault = new src.IsolatedBackupVault('backups', { destinationVaultArn: '${CENTRAL}' });
      vault.protect('far', { arn: 'arn:aws:dynamodb:eu-west-1:${HARNESS_ACCOUNT}:table/far' });
    `);
    expect(result.rejections).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          '`protect` got "arn:aws:dynamodb:eu-west-1:111111111111:table/far" for "far", in region eu-west-1, but the vault is in region us-east-1',
        ),
      ]),
    );
    expect(result.resources).not.toContain('aws:backup/selection:Selection::backups-selection-far');
  });

  test('without accountId, an ARN of another account than the deployed one fails the program from the Output', () => {
    const result = runIsolated(`
      const vault = new src.IsolatedBackupVault('backups', { destinationVaultArn: '${CENTRAL}' });
      vault.protect('theirs', { arn: 'arn:aws:dynamodb:us-east-1:444444444444:table/theirs' });
    `);
    expect(result.rejections).toEqual(
      expect.arrayContaining([
        expect.stringContaining('in account 444444444444, but the vault is in account 111111111111'),
      ]),
    );
    expect(result.resources).not.toContain('aws:backup/selection:Selection::backups-selection-theirs');
  });

  test("an S3 bucket ARN (no region or account in it) and an ARN of the vault's account and region pass", async () => {
    const run = await runProgram(() => {
      const vault = new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL, accountId: HARNESS_ACCOUNT });
      vault.protect('docs', { arn: 'arn:aws:s3:::docs' });
      vault.protect('carts', { arn: `arn:aws:dynamodb:us-east-1:${HARNESS_ACCOUNT}:table/carts` });
    });
    expect(run.error).toBeUndefined();
    expect(run.ofType(SELECTION).map((s) => s.inputs.resources)).toEqual([
      ['arn:aws:s3:::docs'],
      [`arn:aws:dynamodb:us-east-1:${HARNESS_ACCOUNT}:table/carts`],
    ]);
  });
});
