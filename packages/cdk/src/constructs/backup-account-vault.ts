import { type CfnResource, CfnOutput, Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  ACCOUNT_RE,
  MIN_CHANGEABLE_FOR_DAYS,
  keyCopyStatements,
  refuse,
  requireTerminationProtection,
  retainedKey,
  wholeDays,
} from './private/guards';
import { defendForcedSettings, RETAINED_RULES } from './private/self-defence';
import { plural, vaultMinRetentionProblem } from '@deadbolt/rules';

/** The most days AWS Backup accepts as a vault's maximum retention. */
const MAX_RETENTION_LIMIT_DAYS = 36500;

/** Actions nobody, the backup account's own administrators included, may call on the vault. */
const BACKUP_VAULT_DENIED_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:PutBackupVaultAccessPolicy',
];

/** Properties of a `BackupAccountVault`. */
export interface BackupAccountVaultProps {
  /**
   * The vault's name. Required: workload accounts copy into the vault by a
   * literal ARN, which must be known before deployment, and a fixed name makes
   * a replacing update fail instead of replacing the vault.
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html
   */
  readonly backupVaultName: string;

  /**
   * Accounts whose backup plans may copy into the vault (`backup:CopyIntoBackupVault`),
   * and whose copies may use the vault's key. Give these, `organizationId`, or both.
   * @default - no account is named; `organizationId` must then be given
   */
  readonly sourceAccounts?: string[];

  /**
   * An AWS Organizations id (`o-…`): every account of the organization may copy
   * into the vault, checked with `aws:PrincipalOrgID`.
   * @default - no organization; `sourceAccounts` must then be given
   */
  readonly organizationId?: string;

  /**
   * The least time a recovery point is kept: the lock refuses any shorter
   * lifecycle and any early delete. At least 7 days (`MINIMUM_COPY_RETENTION_DAYS`
   * of `@deadbolt/rules`, the least a logically air-gapped vault accepts).
   * @default Duration.days(7)
   */
  readonly minRetention?: Duration;

  /**
   * The longest time a recovery point may be kept; a copy asking for longer is refused.
   * @default - no maximum for a standard vault; Duration.days(36500), the AWS limit, for an air-gapped vault
   */
  readonly maxRetention?: Duration;

  /**
   * The grace period before the compliance-mode lock becomes immutable (after
   * it nobody, the root user included, can remove the lock). At least 3 days,
   * the AWS Backup minimum; ignored for an air-gapped vault, which is always locked.
   * @default Duration.days(3)
   */
  readonly changeableFor?: Duration;

  /**
   * Create an `AWS::Backup::LogicallyAirGappedBackupVault` instead of a locked
   * standard vault: always compliance-locked, and shareable with a recovery
   * account through AWS RAM.
   * @default false
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html
   */
  readonly airGapped?: boolean;
}

/**
 * The vault, in a dedicated backup account, that workload accounts copy their
 * backups into: the copy that survives the loss or compromise of a workload account.
 *
 * Forced, with no prop to weaken it:
 * - a compliance-mode Vault Lock (`ChangeableForDays` ≥ 3, `MinRetentionDays` ≥ 7),
 *   or a logically air-gapped vault, which is always locked (`backup-vault-compliance-lock`);
 * - a customer managed KMS key, created here, retained, with the 30-day deletion
 *   window (`kms-key-deletion-window`), whose key policy lets the source accounts
 *   or organization use it for copies;
 * - an access policy that allows `backup:CopyIntoBackupVault` only from the named
 *   accounts or organization, and denies `backup:DeleteRecoveryPoint`,
 *   `backup:UpdateRecoveryPointLifecycle` and `backup:PutBackupVaultAccessPolicy`
 *   to every principal;
 * - DeletionPolicy and UpdateReplacePolicy Retain on the vault and the key
 *   (`general-deletion-policy`, `general-update-replace-policy`);
 * - termination protection on its stack: synthesis fails without it (`stack-termination-protection`).
 *
 * Each forced setting is checked again when the app is synthesized, on the
 * template values, with the catalogue's rules: a later change that weakens one
 * (a property override, `cfnOptions`, `applyRemovalPolicy`, `RemovalPolicies.of(...)`,
 * an aspect, a subclass, `node.tryRemoveChild`) fails synthesis, with or without
 * `DataProtectionChecks`, unless the construct is acknowledged for that rule with a
 * written reason. Termination protection is that of the root stack (a nested
 * stack has none of its own).
 *
 * Because the access policy denies `backup:PutBackupVaultAccessPolicy`, a later
 * deployment cannot change the policy (say, to add a source account) until
 * someone with `backup:DeleteBackupVaultAccessPolicy` removes it first.
 *
 * Cross-account copies also need cross-account backup turned on in AWS
 * Organizations, a setting no template holds.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export class BackupAccountVault extends Construct {
  /** The vault's ARN, for the workload accounts' `IsolatedBackupVault.destinationVaultArn`. */
  public readonly vaultArn: string;
  /** The vault's name. */
  public readonly vaultName: string;
  /** The vault's customer managed key. */
  public readonly encryptionKey: kms.IKey;
  /** The ARN of the vault's key. */
  public readonly keyArn: string;
  /** Whether the vault is logically air-gapped. */
  public readonly airGapped: boolean;

  public constructor(scope: Construct, id: string, props: BackupAccountVaultProps) {
    super(scope, id);
    const name = props.backupVaultName;
    if (!Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{2,50}$/.test(name)) {
      refuse(
        this,
        `\`backupVaultName\` must be 2 to 50 letters, digits, hyphens or underscores, got ${JSON.stringify(name)}.`,
      );
    }
    const principals = sourcePrincipals(this, props);
    const minDays = wholeDays(this, 'minRetention', props.minRetention ?? Duration.days(7), 1);
    const minProblem = vaultMinRetentionProblem(minDays);
    if (minProblem) refuse(this, minProblem);
    const changeableDays = wholeDays(
      this,
      'changeableFor',
      props.changeableFor ?? Duration.days(MIN_CHANGEABLE_FOR_DAYS),
      MIN_CHANGEABLE_FOR_DAYS,
      'the AWS Backup cooling-off period before a compliance-mode lock becomes immutable',
    );
    this.airGapped = props.airGapped ?? false;
    const maxDays =
      props.maxRetention !== undefined
        ? wholeDays(this, 'maxRetention', props.maxRetention, minDays, 'it cannot be shorter than `minRetention`')
        : this.airGapped
          ? MAX_RETENTION_LIMIT_DAYS
          : undefined;
    if (maxDays !== undefined && maxDays > MAX_RETENTION_LIMIT_DAYS) {
      refuse(this, `\`maxRetention\` must be at most ${MAX_RETENTION_LIMIT_DAYS} days, got ${plural(maxDays, 'day')}.`);
    }

    const key = retainedKey(this, 'Key', { description: `Encrypts the recovery points in backup vault ${name}.` });
    principals.forEach((group, i) => {
      for (const s of keyCopyStatements(group, `AllowSourceCopies${i + 1}`)) key.addToResourcePolicy(s);
    });
    this.encryptionKey = key;
    this.keyArn = key.keyArn;

    const accessPolicy = new iam.PolicyDocument({
      statements: [
        ...principals.map(
          (group, i) =>
            new iam.PolicyStatement({
              sid: `AllowCopyFromSources${i + 1}`,
              principals: group,
              actions: ['backup:CopyIntoBackupVault'],
              resources: ['*'],
            }),
        ),
        new iam.PolicyStatement({
          sid: 'DenyRecoveryPointDeletionAndPolicyChanges',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: [...BACKUP_VAULT_DENIED_ACTIONS],
          resources: ['*'],
        }),
      ],
    });

    let vault: backup.CfnBackupVault | backup.CfnLogicallyAirGappedBackupVault;
    if (this.airGapped) {
      vault = new backup.CfnLogicallyAirGappedBackupVault(this, 'Resource', {
        backupVaultName: name,
        minRetentionDays: minDays,
        maxRetentionDays: maxDays!,
        encryptionKeyArn: key.keyArn,
        accessPolicy,
      });
    } else {
      vault = new backup.CfnBackupVault(this, 'Resource', {
        backupVaultName: name,
        encryptionKeyArn: key.keyArn,
        accessPolicy,
        lockConfiguration: { minRetentionDays: minDays, maxRetentionDays: maxDays, changeableForDays: changeableDays },
      });
    }
    vault.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.vaultArn = vault.attrBackupVaultArn;
    this.vaultName = name;

    new CfnOutput(this, 'VaultArn', {
      value: this.vaultArn,
      description: `ARN of backup vault ${name}: the copy destination of the workload accounts.`,
    });
    new CfnOutput(this, 'KeyArn', { value: this.keyArn, description: `ARN of the KMS key of backup vault ${name}.` });

    requireTerminationProtection(this, 'BackupAccountVault');
    defendForcedSettings(this, {
      what: 'BackupAccountVault',
      guarded: [
        {
          resource: vault,
          what: 'backup vault',
          // An air-gapped vault is locked by its type: no LockConfiguration to judge.
          ruleIds: this.airGapped ? RETAINED_RULES : [...RETAINED_RULES, 'backup-vault-compliance-lock'],
        },
        {
          resource: key.node.defaultChild as CfnResource,
          what: 'key',
          ruleIds: [...RETAINED_RULES, 'kms-key-deletion-window'],
        },
      ],
    });
  }
}

/**
 * The principals allowed to copy in, checked: named accounts and/or an
 * organization, in separate groups (an organization principal carries a
 * condition, so it needs a statement of its own).
 */
function sourcePrincipals(scope: Construct, props: BackupAccountVaultProps): iam.IPrincipal[][] {
  const accounts = props.sourceAccounts ?? [];
  const org = props.organizationId;
  if (accounts.length === 0 && org === undefined) {
    refuse(
      scope,
      '`sourceAccounts` or `organizationId` must be given: the vault would accept copies from no account, got neither.',
    );
  }
  for (const a of accounts) {
    if (!Token.isUnresolved(a) && !ACCOUNT_RE.test(a)) {
      refuse(scope, `\`sourceAccounts\` must hold 12-digit AWS account ids, got ${JSON.stringify(a)}.`);
    }
  }
  if (new Set(accounts).size !== accounts.length) {
    refuse(scope, `\`sourceAccounts\` must not repeat an account, got ${JSON.stringify(accounts)}.`);
  }
  if (org !== undefined && !Token.isUnresolved(org) && !/^o-[a-z0-9]{10,32}$/.test(org)) {
    refuse(
      scope,
      `\`organizationId\` must be an AWS Organizations id (\`o-\` followed by 10 to 32 lowercase letters or digits), got ${JSON.stringify(org)}.`,
    );
  }
  const out: iam.IPrincipal[][] = [];
  if (accounts.length > 0) out.push(accounts.map((a) => new iam.AccountPrincipal(a)));
  if (org !== undefined) out.push([new iam.OrganizationPrincipal(org)]);
  return out;
}
