import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  MINIMUM_COPY_RETENTION_DAYS,
  backupRetentionProblem,
  backupScheduleRefusal,
  copyRetentionProblem,
  plural,
} from '@deadbolt/rules';
import {
  ACCOUNT_RE,
  MIN_CHANGEABLE_FOR_DAYS,
  checkComponentOptions,
  checked,
  checkedTogether,
  daysProblem,
  guardedOptions,
  isDeferred,
  parseVaultArn,
  protectedTags,
  refuse,
} from './private/guards';
import { copyKeyPolicy, retainedKey } from './private/keys';

const TYPE = 'deadbolt:backup:IsolatedBackupVault';

/** Actions nobody may call on the local vault: a recovery point leaves it only when its lifecycle ends. */
const LOCAL_VAULT_DENIED_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
];

/**
 * A resource an `IsolatedBackupVault` can protect by its ARN: the safe
 * components of this package implement it; any resource with an `arn` output
 * (an `aws.rds.Instance`, an `aws.dynamodb.Table`, an `aws.efs.FileSystem`) works too.
 */
export interface BackupTarget {
  /** The ARN AWS Backup selects the resource by (an RDS instance or cluster, a table, a file system). */
  readonly backupResourceArn: pulumi.Output<string>;
}

/** Arguments of an `IsolatedBackupVault`. */
export interface IsolatedBackupVaultArgs {
  /**
   * The ARN of the vault in the backup account that every recovery point is
   * copied to, written out literally (`arn:aws:backup:<region>:<account>:backup-vault:<name>`,
   * e.g. the `vaultArn` of a `BackupAccountVault`). Refused when it is not a
   * literal string, cannot be read, or is in the workload account.
   */
  readonly destinationVaultArn: string;

  /**
   * The workload account this vault deploys to, a literal 12-digit id. It is
   * still compared with the account the vault is deployed into
   * (`aws.getCallerIdentity` with this component's provider): the program fails
   * when they differ. Given, it lets `protect()` refuse a literal ARN of another account at once.
   * @default - the account of the credentials, from `aws.getCallerIdentity` (checked when it resolves)
   */
  readonly accountId?: string;

  /**
   * The local vault's name.
   * @default - a name generated from the resource name
   */
  readonly backupVaultName?: pulumi.Input<string>;

  /**
   * When backups are taken, as an AWS Backup cron expression (AWS Backup takes
   * no rate) that fires at least every 24 hours (`MAXIMUM_BACKUP_INTERVAL_HOURS`
   * of `@deadbolt/rules`). A schedule that never fires, or fires less often, is refused.
   * @default 'cron(0 3 * * ? *)' - daily at 03:00 UTC
   */
  readonly schedule?: pulumi.Input<string>;

  /**
   * How long the local recovery points are kept, in days. At least 7
   * (`MINIMUM_BACKUP_RETENTION_DAYS` of `@deadbolt/rules`) and at least `minRetention`.
   * @default 35
   */
  readonly retention?: pulumi.Input<number>;

  /**
   * How long the copies in the backup account are kept, in days. At least 7
   * (`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`: a logically air-gapped
   * vault and a `BackupAccountVault`'s lock refuse shorter copies), and at least
   * `destinationMinRetention`.
   * @default - `retention`, raised to `destinationMinRetention` when that is longer
   */
  readonly copyRetention?: pulumi.Input<number>;

  /**
   * The destination vault's minimum retention (its lock's `minRetentionDays`),
   * which this program cannot read: give it to have `copyRetention` checked
   * against a destination that keeps copies longer than 7 days. Copies are kept
   * at least 7 days whatever it says.
   * @default 7 - a `BackupAccountVault`'s default minimum retention
   */
  readonly destinationMinRetention?: pulumi.Input<number>;

  /**
   * The least time, in days, the local vault's compliance-mode lock keeps a recovery point. At least 1.
   * @default 7
   */
  readonly minRetention?: pulumi.Input<number>;

  /**
   * The grace period, in days, before the local vault's compliance-mode lock becomes immutable. At least 3.
   * @default 3
   */
  readonly changeableFor?: pulumi.Input<number>;
}

/**
 * Why `own` cannot be the workload account of a vault copying to `destination`:
 * unreadable, or the backup account itself. Undefined when it can.
 */
export function workloadAccountProblem(own: unknown, destination: string, source: string): string | undefined {
  if (typeof own !== 'string' || !ACCOUNT_RE.test(own)) {
    return `the workload account cannot be read (${source} gave ${JSON.stringify(own ?? null)}), so the copy cannot be proven to leave it; pass \`accountId\` as a literal 12-digit id.`;
  }
  if (own === destination) {
    return `\`destinationVaultArn\` is in account ${own}, the workload account; copies must go to a vault in a separate backup account, so that losing or compromising this account does not lose them.`;
  }
  return undefined;
}

/** Checks the args and options of an `IsolatedBackupVault`, throwing for misuse; returns the checked values. */
function checkArgs(name: string, args: IsolatedBackupVaultArgs, opts: pulumi.ComponentResourceOptions | undefined) {
  checkComponentOptions(TYPE, name, opts);
  if (!args) refuse(TYPE, name, '`args` are required: pass at least `destinationVaultArn`.');
  const destination = args.destinationVaultArn;
  if (typeof destination !== 'string') {
    refuse(
      TYPE,
      name,
      `\`destinationVaultArn\` must be a literal string ARN, got ${isDeferred(destination) ? 'an Output or Promise' : JSON.stringify(destination ?? null)}: ` +
        "a copy destination known only at deployment cannot be proven to leave this account. Write the backup account vault's ARN out.",
    );
  }
  const parsed = parseVaultArn(destination);
  if (!parsed) {
    refuse(
      TYPE,
      name,
      `\`destinationVaultArn\` must be a backup vault ARN (\`arn:aws:backup:<region>:<account>:backup-vault:<name>\`), got ${JSON.stringify(destination)}.`,
    );
  }
  if (args.accountId !== undefined) {
    if (isDeferred(args.accountId))
      refuse(TYPE, name, '`accountId` must be a literal 12-digit AWS account id, got an Output or Promise.');
    const problem = workloadAccountProblem(args.accountId, parsed.account, '`accountId`');
    if (problem) refuse(TYPE, name, problem);
  }
  const minRetention = checked(TYPE, name, args.minRetention ?? 7, (v) => daysProblem('minRetention', v, 1));
  const changeableFor = checked(TYPE, name, args.changeableFor ?? MIN_CHANGEABLE_FOR_DAYS, (v) =>
    daysProblem(
      'changeableFor',
      v,
      MIN_CHANGEABLE_FOR_DAYS,
      undefined,
      'the AWS Backup cooling-off period before a compliance-mode lock becomes immutable',
    ),
  );
  const retention = checked(
    TYPE,
    name,
    args.retention ?? 35,
    (v) => daysProblem('retention', v, 1) ?? backupRetentionProblem(v),
  );
  const destinationMin =
    args.destinationMinRetention === undefined
      ? undefined
      : checked(TYPE, name, args.destinationMinRetention, (v) => daysProblem('destinationMinRetention', v, 1));
  const floor =
    destinationMin === undefined ? MINIMUM_COPY_RETENTION_DAYS : atLeast(destinationMin, MINIMUM_COPY_RETENTION_DAYS);
  const copyRetention = checked(TYPE, name, args.copyRetention ?? atLeast(retention, floor), (v) =>
    daysProblem('copyRetention', v, 1),
  );
  const copyCheck = checkedTogether(TYPE, name, [copyRetention, destinationMin], ([c, d]) =>
    copyRetentionProblem(c as number, d as number | undefined),
  );
  const schedule = checked(TYPE, name, args.schedule ?? 'cron(0 3 * * ? *)', (v) =>
    typeof v === 'string'
      ? backupScheduleRefusal(v)
      : `\`schedule\` must be an AWS Backup cron expression (a string), got ${JSON.stringify(v ?? null)}.`,
  );
  const retentionCheck = checkedTogether(TYPE, name, [retention, minRetention], ([r, m]) =>
    (r as number) < (m as number)
      ? `\`retention\` must be at least \`minRetention\` (${plural(m as number, 'day')}: the lock refuses shorter lifecycles), got ${plural(r as number, 'day')}.`
      : undefined,
  );
  return {
    destination,
    parsed,
    minRetention,
    changeableFor,
    retention,
    copyRetention,
    schedule,
    retentionCheck,
    copyCheck,
  };
}

/** The larger of two day counts, known now when both are literals. */
function atLeast(a: pulumi.Input<number>, b: pulumi.Input<number>): pulumi.Input<number> {
  if (!isDeferred(a) && !isDeferred(b)) return Math.max(a as number, b as number);
  return pulumi.all([a, b]).apply(([x, y]) => Math.max(x, y));
}

/** The region and account fields of an ARN (empty for services such as S3), or undefined when the text is not an ARN. */
function arnScope(arn: string): { region: string; account: string } | undefined {
  const m = /^arn:[a-z-]+:[a-z0-9-]+:([a-z0-9-]*):(\d{12}|):/.exec(arn);
  return m ? { region: m[1], account: m[2] } : undefined;
}

/**
 * AWS Backup in a workload account, set up so that every recovery point also
 * exists in a separate backup account: a locked local vault, and a plan that
 * backs up the resources passed to `protect()` and copies each recovery point
 * to `destinationVaultArn`.
 *
 * Forced, with no arg to weaken it:
 * - a local vault (`forceDestroy: false`) under a compliance-mode Vault Lock
 *   (`changeableForDays` ≥ 3, `minRetentionDays` ≥ 1; `backup-vault-compliance-lock`)
 *   whose access policy denies `backup:DeleteRecoveryPoint` and
 *   `backup:UpdateRecoveryPointLifecycle` to everyone;
 * - a customer managed key for the vault, 30-day deletion window, rotation on
 *   (`kms-key-deletion-window`), whose policy lets the backup account use it for copies;
 * - one plan rule, at least daily, keeping recovery points at least 7 days and
 *   copies at least 7 days (`MINIMUM_BACKUP_RETENTION_DAYS`, `MINIMUM_COPY_RETENTION_DAYS`,
 *   `backup-plan-schedule`, `backup-plan-copy-retention`), with a copy action to the literal destination ARN
 *   (`backup-plan-copy-destination`); protected resources are selected by their
 *   exact ARN (`backup-cross-account-copy`);
 * - refused when the destination is in the workload account, or either account cannot be read;
 * - `protect`, `retainOnDelete` and the `deadbolt-deletion-guard` hook on the key,
 *   the vault, its lock and its policy; `protect: false` on the component is refused.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export class IsolatedBackupVault extends pulumi.ComponentResource {
  /** The local vault's customer managed key. */
  public readonly encryptionKey: aws.kms.Key;
  /** The local vault. */
  public readonly vault: aws.backup.Vault;
  /** The local vault's compliance-mode lock. */
  public readonly lockConfiguration: aws.backup.VaultLockConfiguration;
  /** The local vault's access policy, which denies deleting recovery points. */
  public readonly vaultPolicy: aws.backup.VaultPolicy;
  /** The role AWS Backup assumes to back up and restore the protected resources. */
  public readonly role: aws.iam.Role;
  /** The plan that backs up and copies the protected resources. */
  public readonly plan: aws.backup.Plan;
  /** The ARN of the vault in the backup account. */
  public readonly destinationVaultArn: string;
  /** The backup account: the account of `destinationVaultArn`. */
  public readonly destinationAccount: string;
  /** The ARN partition of both accounts (`aws`, `aws-us-gov`, …). */
  public readonly partition: string;
  /** The workload account, checked to differ from the backup account (the program fails when it does not). */
  public readonly accountId: pulumi.Output<string>;
  /** The local vault's ARN. */
  public readonly vaultArn: pulumi.Output<string>;

  private readonly resourceName: string;
  /** The literal `accountId`, when given. */
  private readonly literalAccountId?: string;
  /** The region the vault is deployed into (`aws.getRegion` with this component's provider). */
  private readonly region: pulumi.Output<string | undefined>;
  private readonly selections = new Map<string, aws.backup.Selection>();

  public constructor(name: string, args: IsolatedBackupVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    // Misuse throws here, before anything is registered with the engine.
    const {
      destination,
      parsed,
      minRetention,
      changeableFor,
      retention,
      copyRetention,
      schedule,
      retentionCheck,
      copyCheck,
    } = checkArgs(name, args, opts);
    super(TYPE, name, {}, opts);
    this.resourceName = name;
    this.destinationVaultArn = destination;
    this.destinationAccount = parsed.account;
    this.partition = parsed.partition;
    this.literalAccountId = args.accountId;
    // The account the vault is actually deployed into (this component's provider),
    // known only when the invoke returns: the program fails from this Output, and
    // nothing that depends on it (the key, so the vault and the plan) is created.
    // A literal `accountId` is compared with it, not trusted.
    const literal = args.accountId;
    this.accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId.apply((own) => {
      if (literal !== undefined && own !== literal) {
        refuse(
          TYPE,
          name,
          `\`accountId\` is ${literal}, but the vault is deployed into account ${JSON.stringify(own ?? null)} (\`aws.getCallerIdentity\` with this component's provider); ` +
            'fix `accountId` or the provider, so that the copy is proven to leave the account the vault is really in.',
        );
      }
      const problem = workloadAccountProblem(own, parsed.account, '`aws.getCallerIdentity`');
      if (problem) refuse(TYPE, name, problem);
      return own;
    });
    this.region = aws
      .getRegionOutput({}, { parent: this })
      .apply((r) => (r as { region?: string; name?: string }).region ?? r.name);

    this.encryptionKey = retainedKey(
      `${name}-key`,
      this,
      `Encrypts the recovery points in the local backup vault of ${name}.`,
      copyKeyPolicy(
        this.partition,
        this.accountId,
        { accounts: [this.destinationAccount] },
        'AllowBackupAccountCopies',
      ),
    );

    this.vault = new aws.backup.Vault(
      `${name}-vault`,
      {
        ...(args.backupVaultName !== undefined ? { name: args.backupVaultName } : {}),
        kmsKeyArn: this.encryptionKey.arn,
        forceDestroy: false,
        tags: protectedTags(undefined),
      },
      guardedOptions(this),
    );
    this.vaultArn = this.vault.arn;

    this.lockConfiguration = new aws.backup.VaultLockConfiguration(
      `${name}-lock`,
      {
        backupVaultName: this.vault.name,
        changeableForDays: changeableFor,
        minRetentionDays: minRetention,
      },
      guardedOptions(this),
    );

    this.vaultPolicy = new aws.backup.VaultPolicy(
      `${name}-policy`,
      {
        backupVaultName: this.vault.name,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyRecoveryPointDeletion',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: [...LOCAL_VAULT_DENIED_ACTIONS],
              Resource: '*',
            },
          ],
        }),
      },
      guardedOptions(this),
    );

    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `AWS Backup backs up and restores the resources ${name} protects.`,
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      },
      { parent: this },
    );
    for (const [role, policy] of [
      ['backup', 'AWSBackupServiceRolePolicyForBackup'],
      ['restores', 'AWSBackupServiceRolePolicyForRestores'],
    ]) {
      new aws.iam.RolePolicyAttachment(
        `${name}-role-${role}`,
        {
          role: this.role.name,
          policyArn: `arn:${this.partition}:iam::aws:policy/service-role/${policy}`,
        },
        { parent: this },
      );
    }

    this.plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        rules: [
          {
            ruleName: 'isolated-copy',
            targetVaultName: this.vault.name,
            schedule,
            lifecycle: { deleteAfter: retention },
            copyActions: [{ destinationVaultArn: destination, lifecycle: { deleteAfter: copyRetention } }],
          },
        ],
      },
      { parent: this, dependsOn: [this.lockConfiguration, this.vaultPolicy] },
    );

    this.registerOutputs({
      vaultArn: this.vaultArn,
      destinationVaultArn: this.destinationVaultArn,
      accountId: this.accountId,
      ...(retentionCheck ? { retentionCheck } : {}),
      ...(copyCheck ? { copyCheck } : {}),
    });
  }

  /**
   * Backs up a resource with this plan, selected by its exact ARN, and copies
   * it to the backup account: creates an `aws.backup.Selection` named
   * `<vault>-selection-<name>`. Accepts a safe component (`BackupTarget`) or any
   * resource with an `arn` output. The resource must be in this vault's account
   * and region: AWS Backup cannot select a resource elsewhere, so it would never
   * be backed up. A literal ARN of another account than a literal `accountId` is
   * refused at once; any ARN (literal or Output) of another account or region than
   * the vault's fails the program when both are known. Protecting the same name
   * twice returns the first selection.
   */
  public protect(name: string, resource: BackupTarget | { readonly arn: pulumi.Input<string> }): aws.backup.Selection {
    if (typeof name !== 'string' || name.trim() === '') {
      refuse(
        TYPE,
        this.resourceName,
        `\`protect\` needs a non-empty name for the selection, got ${JSON.stringify(name)}.`,
      );
    }
    const existing = this.selections.get(name);
    if (existing) return existing;
    const arn =
      resource && 'backupResourceArn' in resource
        ? resource.backupResourceArn
        : (resource as { arn?: pulumi.Input<string> } | undefined)?.arn;
    if (arn === undefined) {
      refuse(
        TYPE,
        this.resourceName,
        `\`protect\` needs a safe component or a resource with an \`arn\` output, got ${resource === undefined ? 'undefined' : 'an object without one'} for ${JSON.stringify(name)}.`,
      );
    }
    if (typeof arn === 'string') {
      const scope = arnScope(arn);
      if (scope?.account && this.literalAccountId !== undefined && scope.account !== this.literalAccountId) {
        refuse(
          TYPE,
          this.resourceName,
          `\`protect\` got ${JSON.stringify(arn)} for ${JSON.stringify(name)}, in account ${scope.account}, but the vault is in account ${this.literalAccountId}: ` +
            'AWS Backup selects only resources of its own account and region, so it would never be backed up. Protect it with a vault in its own account.',
        );
      }
    }
    const vaultName = this.resourceName;
    const selected = pulumi.all([arn, this.accountId, this.region]).apply(([a, account, region]) => {
      const scope = arnScope(a);
      if (scope?.account && account && scope.account !== account) {
        refuse(
          TYPE,
          vaultName,
          `\`protect\` got ${JSON.stringify(a)} for ${JSON.stringify(name)}, in account ${scope.account}, but the vault is in account ${account}: ` +
            'AWS Backup selects only resources of its own account and region, so it would never be backed up.',
        );
      }
      if (scope?.region && region && scope.region !== region) {
        refuse(
          TYPE,
          vaultName,
          `\`protect\` got ${JSON.stringify(a)} for ${JSON.stringify(name)}, in region ${scope.region}, but the vault is in region ${region}: ` +
            'AWS Backup selects only resources of its own account and region, so it would never be backed up. Protect it with a vault in its own region.',
        );
      }
      return a;
    });
    const selection = new aws.backup.Selection(
      `${this.resourceName}-selection-${name}`,
      {
        planId: this.plan.id,
        iamRoleArn: this.role.arn,
        resources: [selected],
      },
      { parent: this },
    );
    this.selections.set(name, selection);
    return selection;
  }
}
