import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { plural, vaultMinRetentionProblem } from '@deadbolt/rules';
import {
  ACCOUNT_RE,
  DEFAULT_VAULT_MIN_RETENTION_DAYS,
  MIN_CHANGEABLE_FOR_DAYS,
  checkComponentOptions,
  checked,
  checkedTogether,
  daysProblem,
  guardedOptions,
  protectedTags,
  refuse,
} from './private/guards';
import { copyKeyPolicy, retainedKey } from './private/keys';

const TYPE = 'deadbolt:backup:BackupAccountVault';

/** The most days AWS Backup accepts as a vault's maximum retention. */
const MAX_RETENTION_LIMIT_DAYS = 36500;

/** Actions nobody, the backup account's own administrators included, may call on the vault. */
const BACKUP_VAULT_DENIED_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:PutBackupVaultAccessPolicy',
];

/** Arguments of a `BackupAccountVault`. */
export interface BackupAccountVaultArgs {
  /**
   * The vault's name. Required: workload accounts copy into the vault by a
   * literal ARN, which must be known before deployment, and a fixed name makes
   * a replacing update fail instead of replacing the vault.
   */
  readonly backupVaultName: pulumi.Input<string>;

  /**
   * The provider for the backup account. Give it here or as the `provider` option.
   * @default - the `provider` option; one of them is required
   */
  readonly provider?: aws.Provider;

  /**
   * Accounts whose backup plans may copy into the vault (`backup:CopyIntoBackupVault`),
   * and whose copies may use the vault's key. Give these, `organizationId`, or both.
   * @default - no account is named; `organizationId` must then be given
   */
  readonly sourceAccounts?: readonly pulumi.Input<string>[];

  /**
   * An AWS Organizations id (`o-…`): every account of the organization may copy
   * into the vault, checked with `aws:PrincipalOrgID`.
   * @default - no organization; `sourceAccounts` must then be given
   */
  readonly organizationId?: pulumi.Input<string>;

  /**
   * The least time, in days, a recovery point is kept: the lock refuses any
   * shorter lifecycle and any early delete. At least 7 (`MINIMUM_COPY_RETENTION_DAYS`
   * of `@deadbolt/rules`, the least a logically air-gapped vault accepts).
   * @default 7
   */
  readonly minRetention?: pulumi.Input<number>;

  /**
   * The longest time, in days, a recovery point may be kept; a copy asking for longer is refused.
   * @default - no maximum
   */
  readonly maxRetention?: pulumi.Input<number>;

  /**
   * The grace period, in days, before the compliance-mode lock becomes immutable
   * (after it nobody, the root user included, can remove the lock). At least 3.
   * @default 3
   */
  readonly changeableFor?: pulumi.Input<number>;
}

/** Checks the args and options of a `BackupAccountVault`, throwing for misuse; returns the checked values. */
function checkArgs(name: string, args: BackupAccountVaultArgs, opts: pulumi.ComponentResourceOptions | undefined) {
  checkComponentOptions(TYPE, name, opts);
  if (!args)
    refuse(
      TYPE,
      name,
      '`args` are required: pass at least `backupVaultName` and `sourceAccounts` or `organizationId`.',
    );
  if (args.provider && opts?.provider && args.provider !== opts.provider) {
    refuse(
      TYPE,
      name,
      'only one of `provider` (args) or the `provider` option may be given: both name a provider for the backup account, and they differ.',
    );
  }
  const provider = args.provider ?? (opts?.provider as aws.Provider | undefined);
  if (!provider) {
    refuse(
      TYPE,
      name,
      "the backup account's `aws.Provider` is required, as `provider` in the args or the options: the vault must be created in the dedicated backup account, " +
        'not in whatever account the default credentials belong to.',
    );
  }
  if (args.backupVaultName === undefined || args.backupVaultName === null || args.backupVaultName === '') {
    refuse(
      TYPE,
      name,
      '`backupVaultName` is required: workload accounts copy into the vault by a literal ARN, which holds its name.',
    );
  }
  const vaultName = checked(TYPE, name, args.backupVaultName, (v) =>
    typeof v === 'string' && /^[A-Za-z0-9_-]{2,50}$/.test(v)
      ? undefined
      : `\`backupVaultName\` must be 2 to 50 letters, digits, hyphens or underscores, got ${JSON.stringify(v)}.`,
  );
  const accounts = args.sourceAccounts ?? [];
  if (!Array.isArray(accounts)) refuse(TYPE, name, '`sourceAccounts` must be a list of 12-digit AWS account ids.');
  if (accounts.length === 0 && args.organizationId === undefined) {
    refuse(
      TYPE,
      name,
      '`sourceAccounts` or `organizationId` must be given: the vault would accept copies from no account, got neither.',
    );
  }
  const sourceAccounts = accounts.map((a) =>
    checked(TYPE, name, a, (v) =>
      typeof v === 'string' && ACCOUNT_RE.test(v)
        ? undefined
        : `\`sourceAccounts\` must hold 12-digit AWS account ids, got ${JSON.stringify(v)}.`,
    ),
  );
  const repeats = checkedTogether(TYPE, name, sourceAccounts, (vs) =>
    new Set(vs).size !== vs.length
      ? `\`sourceAccounts\` must not repeat an account, got ${JSON.stringify(vs)}.`
      : undefined,
  );
  const organizationId =
    args.organizationId === undefined
      ? undefined
      : checked(TYPE, name, args.organizationId, (v) =>
          typeof v === 'string' && /^o-[a-z0-9]{10,32}$/.test(v)
            ? undefined
            : `\`organizationId\` must be an AWS Organizations id (\`o-\` followed by 10 to 32 lowercase letters or digits), got ${JSON.stringify(v)}.`,
        );
  const minRetention = checked(
    TYPE,
    name,
    args.minRetention ?? DEFAULT_VAULT_MIN_RETENTION_DAYS,
    (v) => daysProblem('minRetention', v, 1) ?? vaultMinRetentionProblem(v),
  );
  const changeableFor = checked(TYPE, name, args.changeableFor ?? MIN_CHANGEABLE_FOR_DAYS, (v) =>
    daysProblem(
      'changeableFor',
      v,
      MIN_CHANGEABLE_FOR_DAYS,
      undefined,
      'the AWS Backup cooling-off period before a compliance-mode lock becomes immutable',
    ),
  );
  const maxRetention =
    args.maxRetention === undefined
      ? undefined
      : checked(TYPE, name, args.maxRetention, (v) => daysProblem('maxRetention', v, 1, MAX_RETENTION_LIMIT_DAYS));
  const maxCheck =
    maxRetention === undefined
      ? undefined
      : checkedTogether(TYPE, name, [maxRetention, minRetention], ([max, min]) =>
          (max as number) < (min as number)
            ? `\`maxRetention\` must be at least \`minRetention\` (${plural(min as number, 'day')}), got ${plural(max as number, 'day')}.`
            : undefined,
        );
  return {
    provider,
    vaultName,
    sourceAccounts,
    repeats,
    organizationId,
    minRetention,
    changeableFor,
    maxRetention,
    maxCheck,
  };
}

/**
 * The vault, in a dedicated backup account, that workload accounts copy their
 * backups into: the copy that survives the loss or compromise of a workload account.
 * Deploys with the backup account's provider (`provider` in the args or the options).
 *
 * Forced, with no arg to weaken it:
 * - a compliance-mode Vault Lock (`changeableForDays` ≥ 3, `minRetentionDays` ≥ 7;
 *   `backup-vault-compliance-lock`), `forceDestroy: false`;
 * - a customer managed KMS key, 30-day deletion window, rotation on
 *   (`kms-key-deletion-window`), whose policy lets the source accounts or
 *   organization use it for copies;
 * - an access policy that allows `backup:CopyIntoBackupVault` only from the named
 *   accounts or organization, and denies `backup:DeleteRecoveryPoint`,
 *   `backup:UpdateRecoveryPointLifecycle` and `backup:PutBackupVaultAccessPolicy`
 *   to everyone. The last one also stops a later `pulumi up` from changing the
 *   policy: someone with `backup:DeleteBackupVaultAccessPolicy` removes it first;
 * - `protect`, `retainOnDelete` and the `deadbolt-deletion-guard` hook on the key,
 *   the vault, its lock and its policy; `protect: false` on the component is refused.
 *
 * Cross-account copies also need cross-account backup turned on in AWS
 * Organizations, a setting no program holds.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export class BackupAccountVault extends pulumi.ComponentResource {
  /** The vault's customer managed key. */
  public readonly encryptionKey: aws.kms.Key;
  /** The vault. */
  public readonly vault: aws.backup.Vault;
  /** The vault's compliance-mode lock. */
  public readonly lockConfiguration: aws.backup.VaultLockConfiguration;
  /** The vault's access policy. */
  public readonly vaultPolicy: aws.backup.VaultPolicy;
  /** The vault's ARN, for the workload accounts' `IsolatedBackupVault` `destinationVaultArn`. */
  public readonly vaultArn: pulumi.Output<string>;
  /** The ARN of the vault's key. */
  public readonly keyArn: pulumi.Output<string>;

  public constructor(name: string, args: BackupAccountVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    // Misuse throws here, before anything is registered with the engine.
    const {
      provider,
      vaultName,
      sourceAccounts,
      repeats,
      organizationId,
      minRetention,
      changeableFor,
      maxRetention,
      maxCheck,
    } = checkArgs(name, args, opts);
    super(TYPE, name, {}, opts);

    const invokeOpts = { parent: this, provider };
    const partition = aws.getPartitionOutput({}, invokeOpts).partition;
    const account = aws.getCallerIdentityOutput({}, invokeOpts).accountId;
    this.encryptionKey = retainedKey(
      `${name}-key`,
      this,
      `Encrypts the recovery points in backup vault ${name}.`,
      copyKeyPolicy(partition, account, { accounts: sourceAccounts, organizationId }, 'AllowSourceCopies'),
      provider,
    );
    this.keyArn = this.encryptionKey.arn;

    const childOpts = { provider };
    this.vault = new aws.backup.Vault(
      `${name}-vault`,
      {
        name: vaultName,
        kmsKeyArn: this.encryptionKey.arn,
        forceDestroy: false,
        tags: protectedTags(undefined),
      },
      guardedOptions(this, childOpts),
    );
    this.vaultArn = this.vault.arn;

    this.lockConfiguration = new aws.backup.VaultLockConfiguration(
      `${name}-lock`,
      {
        backupVaultName: this.vault.name,
        changeableForDays: changeableFor,
        minRetentionDays: minRetention,
        ...(maxRetention !== undefined ? { maxRetentionDays: maxRetention } : {}),
      },
      guardedOptions(this, childOpts),
    );

    const policy = pulumi
      .output({ partition, sourceAccounts, organizationId })
      .apply(({ partition: p, sourceAccounts: accts, organizationId: org }) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            ...(accts.length
              ? [
                  {
                    Sid: 'AllowCopyFromSourceAccounts',
                    Effect: 'Allow',
                    Principal: { AWS: accts.map((a) => `arn:${p}:iam::${a}:root`) },
                    Action: 'backup:CopyIntoBackupVault',
                    Resource: '*',
                  },
                ]
              : []),
            ...(org
              ? [
                  {
                    Sid: 'AllowCopyFromOrganization',
                    Effect: 'Allow',
                    Principal: { AWS: '*' },
                    Action: 'backup:CopyIntoBackupVault',
                    Resource: '*',
                    Condition: { StringEquals: { 'aws:PrincipalOrgID': org } },
                  },
                ]
              : []),
            {
              Sid: 'DenyRecoveryPointDeletionAndPolicyChanges',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: [...BACKUP_VAULT_DENIED_ACTIONS],
              Resource: '*',
            },
          ],
        }),
      );
    this.vaultPolicy = new aws.backup.VaultPolicy(
      `${name}-policy`,
      {
        backupVaultName: this.vault.name,
        policy,
      },
      guardedOptions(this, { ...childOpts, dependsOn: [this.lockConfiguration] }),
    );

    this.registerOutputs({
      vaultArn: this.vaultArn,
      keyArn: this.keyArn,
      ...(repeats ? { repeats } : {}),
      ...(maxCheck ? { maxCheck } : {}),
    });
  }
}
