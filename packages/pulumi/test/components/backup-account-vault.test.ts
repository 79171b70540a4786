import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { BackupAccountVault, type BackupAccountVaultArgs } from '../../src';
import { runProgram, type ProgramRun, expectGuarded } from '../harness';

const KEY = 'aws:kms/key:Key';
const VAULT = 'aws:backup/vault:Vault';
const LOCK = 'aws:backup/vaultLockConfiguration:VaultLockConfiguration';
const POLICY = 'aws:backup/vaultPolicy:VaultPolicy';
const ORG = 'o-a1b2c3d4e5';

/** A provider for the backup account, made outside any program: it only has to exist for the checks. */
function construct(
  args: Partial<BackupAccountVaultArgs>,
  opts?: pulumi.ComponentResourceOptions,
): () => BackupAccountVault {
  return () =>
    new BackupAccountVault(
      'central',
      { backupVaultName: 'central', sourceAccounts: ['111111111111'], ...args } as BackupAccountVaultArgs,
      opts,
    );
}

describe('BackupAccountVault', () => {
  let run: ProgramRun;
  let outputs: Record<string, unknown>;
  beforeAll(async () => {
    run = await runProgram(() => {
      const provider = new aws.Provider('backup-account', { region: 'us-east-1' });
      const vault = new BackupAccountVault('central', {
        backupVaultName: 'central',
        sourceAccounts: ['111111111111', '333333333333'],
        organizationId: ORG,
        provider,
      });
      return { vaultArn: vault.vaultArn, keyArn: vault.keyArn };
    });
    expect(run.error).toBeUndefined();
    outputs = run.outputs!;
  });

  test("every child deploys with the backup account's provider", () => {
    const provider = run.get('pulumi:providers:aws', 'backup-account');
    for (const r of [
      run.get(KEY, 'central-key'),
      run.get(VAULT, 'central-vault'),
      run.get(LOCK, 'central-lock'),
      run.get(POLICY, 'central-policy'),
    ]) {
      expect(r.provider).toBe(`${provider.urn}::backup-account-id`);
    }
  });

  test('the vault keeps its recovery points: forceDestroy false, a fixed name, a compliance-mode lock', () => {
    expect(run.get(VAULT, 'central-vault').inputs).toEqual({
      name: 'central',
      forceDestroy: false,
      kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:central-key-1234567',
      tags: { 'deadbolt:protected': 'true' },
    });
    expect(run.get(LOCK, 'central-lock').inputs).toEqual({
      backupVaultName: 'central',
      changeableForDays: 3,
      minRetentionDays: 7,
    });
  });

  test('the access policy lets only the sources copy in, and denies deletes, shorter lifecycles and policy changes to everyone', () => {
    expect(JSON.parse(run.get(POLICY, 'central-policy').inputs.policy).Statement).toEqual([
      {
        Sid: 'AllowCopyFromSourceAccounts',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::333333333333:root'] },
        Action: 'backup:CopyIntoBackupVault',
        Resource: '*',
      },
      {
        Sid: 'AllowCopyFromOrganization',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'backup:CopyIntoBackupVault',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      },
      {
        Sid: 'DenyRecoveryPointDeletionAndPolicyChanges',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          'backup:DeleteRecoveryPoint',
          'backup:UpdateRecoveryPointLifecycle',
          'backup:PutBackupVaultAccessPolicy',
        ],
        Resource: '*',
      },
    ]);
  });

  test('the key keeps a 30-day window, rotates, and lets the sources use it for copies', () => {
    const key = run.get(KEY, 'central-key');
    expect(key.inputs).toMatchObject({ deletionWindowInDays: 30, enableKeyRotation: true });
    expect(JSON.parse(key.inputs.policy).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'EnableAccountAdministration',
      'AllowSourceCopiesAccountsUse',
      'AllowSourceCopiesAccountsGrants',
      'AllowSourceCopiesOrganizationUse',
      'AllowSourceCopiesOrganizationGrants',
      'DenyShortKeyDeletionWindow',
    ]);
    // The account's kms:* cannot schedule the key's deletion with less than the 30-day window.
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
      run.get(KEY, 'central-key'),
      run.get(VAULT, 'central-vault'),
      run.get(LOCK, 'central-lock'),
      run.get(POLICY, 'central-policy'),
    );
  });

  test('exposes the vault and key ARNs', () => {
    expect(outputs).toEqual({
      vaultArn: 'arn:aws:backup:us-east-1:111111111111:central',
      keyArn: 'arn:aws:kms:us-east-1:111111111111:central-key-1234567',
    });
  });

  test('the provider may come from the options, and the retention limits can be raised', async () => {
    const viaOpts = await runProgram(() => {
      const provider = new aws.Provider('backup-account', { region: 'us-east-1' });
      new BackupAccountVault(
        'central',
        { backupVaultName: 'central', organizationId: ORG, minRetention: 30, maxRetention: 3650, changeableFor: 14 },
        { provider },
      );
    });
    expect(viaOpts.error).toBeUndefined();
    expect(viaOpts.get(LOCK, 'central-lock').inputs).toEqual({
      backupVaultName: 'central',
      changeableForDays: 14,
      minRetentionDays: 30,
      maxRetentionDays: 3650,
    });
    expect(viaOpts.get(VAULT, 'central-vault').provider).toContain('backup-account');
  });

  test('a preview works', async () => {
    const preview = await runProgram(
      () => {
        new BackupAccountVault('central', {
          backupVaultName: 'central',
          sourceAccounts: ['111111111111'],
          provider: new aws.Provider('backup-account', {}),
        });
      },
      { preview: true },
    );
    expect(preview.error).toBeUndefined();
    expectGuarded(preview.get(VAULT, 'central-vault'), preview.get(LOCK, 'central-lock'));
  });
});

describe('BackupAccountVault: refused misuse', () => {
  const provider = {} as aws.Provider;

  test('no provider for the backup account is refused', () => {
    expect(construct({})).toThrow(
      "the backup account's `aws.Provider` is required, as `provider` in the args or the options",
    );
  });

  test('two different providers are refused, naming both', () => {
    expect(construct({ provider }, { provider: {} as aws.Provider })).toThrow(
      'only one of `provider` (args) or the `provider` option may be given',
    );
  });

  test('no source is refused', () => {
    expect(construct({ provider, sourceAccounts: [] })).toThrow('`sourceAccounts` or `organizationId` must be given');
  });

  test.each<[string, Partial<BackupAccountVaultArgs>, string]>([
    [
      'a malformed source account',
      { sourceAccounts: ['1234'] },
      '`sourceAccounts` must hold 12-digit AWS account ids, got "1234".',
    ],
    [
      'a repeated source account',
      { sourceAccounts: ['111111111111', '111111111111'] },
      '`sourceAccounts` must not repeat an account',
    ],
    ['a malformed organization id', { organizationId: 'org-1' }, '`organizationId` must be an AWS Organizations id'],
    [
      'a malformed vault name',
      { backupVaultName: 'central vault' },
      '`backupVaultName` must be 2 to 50 letters, digits, hyphens or underscores, got "central vault".',
    ],
    ['no vault name', { backupVaultName: undefined }, '`backupVaultName` is required'],
    ['a 1-day grace period', { changeableFor: 1 }, '`changeableFor` must be a whole number of days at least 3'],
    [
      'a 0-day minimum retention',
      { minRetention: 0 },
      '`minRetention` must be a whole number of days at least 1, got 0.',
    ],
    [
      'a minimum retention under 7 days, the least copy retention of @deadbolt/rules (as the CDK construct)',
      { minRetention: 1 },
      'deadbolt:backup:BackupAccountVault `central`: `minRetention` must be at least 7 days, got 1 day: a logically air-gapped vault accepts no shorter minimum, and a shorter lock keeps copies from a compromised source account only as long as it says (`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`).',
    ],
    [
      'a maximum below the minimum',
      { maxRetention: 3 },
      '`maxRetention` must be at least `minRetention` (7 days), got 3 days.',
    ],
  ])('%s is refused', (_what, args, message) => {
    expect(construct({ provider, ...args })).toThrow(message);
  });

  test('protect: false on the component is refused', () => {
    expect(construct({ provider }, { protect: false })).toThrow(
      '`protect: false` is refused: BackupAccountVault keeps `protect: true`',
    );
  });
});
