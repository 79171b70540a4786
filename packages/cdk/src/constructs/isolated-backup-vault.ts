import { type CfnResource, Duration, Lazy, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct, type IConstruct } from 'constructs';
import {
  MINIMUM_COPY_RETENTION_DAYS,
  backupRetentionProblem,
  backupScheduleRefusal,
  copyRetentionProblem,
  plural,
} from '@deadbolt/rules';
import {
  MIN_CHANGEABLE_FOR_DAYS,
  keyCopyStatements,
  parseVaultArn,
  refuse,
  requireTerminationProtection,
  retainedKey,
  wholeDays,
} from './private/guards';
import { defendForcedSettings, RETAINED_RULES } from './private/self-defence';

/**
 * A construct an `IsolatedBackupVault` can protect by its ARN: the safe
 * constructs of this package implement it.
 */
export interface IBackupTarget extends IConstruct {
  /** The ARN AWS Backup selects the resource by (an RDS instance or cluster, a table, a file system). */
  readonly backupResourceArn: string;
}

/** Properties of an `IsolatedBackupVault`. */
export interface IsolatedBackupVaultProps {
  /**
   * The ARN of the vault in the backup account that every recovery point is
   * copied to, written out literally (`arn:aws:backup:<region>:<account>:backup-vault:<name>`,
   * e.g. the `VaultArn` output of a `BackupAccountVault`). Synthesis fails when
   * its account is this stack's own or cannot be read.
   */
  readonly destinationVaultArn: string;

  /**
   * The local vault's name.
   * @default - a name generated from the construct path
   */
  readonly backupVaultName?: string;

  /**
   * When backups are taken: a cron schedule (AWS Backup takes no rate) that
   * fires at least every 24 hours (`MAXIMUM_BACKUP_INTERVAL_HOURS` of
   * `@deadbolt/rules`). A schedule that never fires, or fires less often, is refused.
   * @default Schedule.cron({ minute: '0', hour: '3' }) - daily at 03:00 UTC
   */
  readonly schedule?: events.Schedule;

  /**
   * How long the local recovery points are kept. At least 7 days
   * (`MINIMUM_BACKUP_RETENTION_DAYS` of `@deadbolt/rules`) and at least `minRetention`.
   * @default Duration.days(35)
   */
  readonly retention?: Duration;

  /**
   * How long the copies in the backup account are kept. At least 7 days
   * (`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`: a logically air-gapped
   * vault and a `BackupAccountVault`'s lock refuse shorter copies), and at least
   * `destinationMinRetention`.
   * @default - `retention`, raised to `destinationMinRetention` when that is longer
   */
  readonly copyRetention?: Duration;

  /**
   * The destination vault's minimum retention (its lock's `MinRetentionDays`),
   * which this stack cannot read: give it to have `copyRetention` checked
   * against a destination that keeps copies longer than 7 days. Copies are kept
   * at least 7 days whatever it says.
   * @default Duration.days(7) - a `BackupAccountVault`'s default minimum retention
   */
  readonly destinationMinRetention?: Duration;

  /**
   * The least time the local vault's compliance-mode lock keeps a recovery point. At least 1 day.
   * @default Duration.days(7)
   */
  readonly minRetention?: Duration;

  /**
   * The grace period before the local vault's compliance-mode lock becomes immutable. At least 3 days.
   * @default Duration.days(3)
   */
  readonly changeableFor?: Duration;
}

/**
 * AWS Backup in a workload account, set up so that every recovery point also
 * exists in a separate backup account: a locked local vault, and a plan that
 * backs up the resources passed to `protect()` and copies each recovery point
 * to `destinationVaultArn`.
 *
 * Forced, with no prop to weaken it:
 * - a local vault under a compliance-mode Vault Lock (`backup-vault-compliance-lock`)
 *   whose access policy denies `backup:DeleteRecoveryPoint` and
 *   `backup:UpdateRecoveryPointLifecycle` to everyone, DeletionPolicy and
 *   UpdateReplacePolicy Retain (`general-deletion-policy`, `general-update-replace-policy`);
 * - a customer managed key for the vault, retained, 30-day deletion window
 *   (`kms-key-deletion-window`), whose key policy lets the backup account use it for copies;
 * - one plan rule, at least daily, keeping recovery points at least 7 days and
 *   copies at least 7 days (`MINIMUM_BACKUP_RETENTION_DAYS`, `MINIMUM_COPY_RETENTION_DAYS`,
 *   `backup-plan-schedule`, `backup-plan-copy-retention`: refused at construction
 *   otherwise, as the Pulumi component refuses them), with a copy action to the
 *   literal destination ARN (`backup-plan-copy-destination`); protected resources are selected by their
 *   exact ARN (`backup-cross-account-copy`);
 * - synthesis fails when the destination is in the stack's own account, or
 *   either account cannot be read (an environment-agnostic stack, a token ARN);
 * - termination protection on its stack: synthesis fails without it.
 *
 * Each forced setting is checked again when the app is synthesized, on the
 * template values, with the catalogue's rules: a later change that weakens one
 * (a property override, `cfnOptions`, `applyRemovalPolicy`, `RemovalPolicies.of(...)`,
 * an aspect, a subclass, `node.tryRemoveChild`) fails synthesis, with or without
 * `DataProtectionChecks`, unless the construct is acknowledged for that rule with a
 * written reason. Termination protection is that of the root stack (a nested
 * stack has none of its own).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export class IsolatedBackupVault extends Construct {
  /** The local vault. */
  public readonly backupVault: backup.BackupVault;
  /** The plan that backs up and copies the protected resources. */
  public readonly backupPlan: backup.BackupPlan;
  /** The local vault's customer managed key. */
  public readonly encryptionKey: kms.IKey;
  /** The ARN of the vault in the backup account. */
  public readonly destinationVaultArn: string;
  /**
   * The backup account: the account of `destinationVaultArn`.
   * @default - not known: the ARN is a token (synthesis then fails)
   */
  public readonly destinationAccount?: string;

  private readonly arns: string[] = [];
  private readonly protectedTargets = new Set<IConstruct>();
  private selection?: backup.CfnBackupSelection;

  public constructor(scope: Construct, id: string, props: IsolatedBackupVaultProps) {
    super(scope, id);
    this.destinationVaultArn = props.destinationVaultArn;
    if (!Token.isUnresolved(props.destinationVaultArn)) {
      const parsed = parseVaultArn(props.destinationVaultArn);
      if (!parsed) {
        refuse(
          this,
          // eslint-disable-next-line @cdklabs/no-literal-partition -- an example ARN in a message
          `\`destinationVaultArn\` must be a backup vault ARN (\`arn:aws:backup:<region>:<account>:backup-vault:<name>\`), got ${JSON.stringify(props.destinationVaultArn)}.`,
        );
      }
      this.destinationAccount = parsed.account;
    }
    const minDays = wholeDays(this, 'minRetention', props.minRetention ?? Duration.days(7), 1);
    const changeableFor = props.changeableFor ?? Duration.days(MIN_CHANGEABLE_FOR_DAYS);
    wholeDays(
      this,
      'changeableFor',
      changeableFor,
      MIN_CHANGEABLE_FOR_DAYS,
      'the AWS Backup cooling-off period before a compliance-mode lock becomes immutable',
    );
    const retention = props.retention ?? Duration.days(35);
    const retentionProblem = backupRetentionProblem(wholeDays(this, 'retention', retention, 1));
    if (retentionProblem) refuse(this, retentionProblem);
    wholeDays(
      this,
      'retention',
      retention,
      minDays,
      `the local vault's lock keeps recovery points ${plural(minDays, 'day')} (\`minRetention\`)`,
    );
    const destinationMin =
      props.destinationMinRetention === undefined
        ? undefined
        : wholeDays(this, 'destinationMinRetention', props.destinationMinRetention, 1);
    const copyRetention =
      props.copyRetention ?? Duration.days(Math.max(retention.toDays(), destinationMin ?? MINIMUM_COPY_RETENTION_DAYS));
    const copyDays = wholeDays(this, 'copyRetention', copyRetention, 1);
    const copyProblem = copyRetentionProblem(copyDays, destinationMin);
    if (copyProblem) refuse(this, copyProblem);
    const schedule = props.schedule ?? events.Schedule.cron({ minute: '0', hour: '3' });
    if (Token.isUnresolved(schedule.expressionString)) {
      refuse(
        this,
        '`schedule` must be a literal cron schedule, got a token: a schedule known only at deployment cannot be proven to fire.',
      );
    }
    const scheduleProblem = backupScheduleRefusal(schedule.expressionString);
    if (scheduleProblem) refuse(this, scheduleProblem);

    const key = retainedKey(this, 'Key', {
      description: `Encrypts the recovery points in the local backup vault of ${this.node.path}.`,
    });
    if (this.destinationAccount) {
      for (const s of keyCopyStatements(
        [new iam.AccountPrincipal(this.destinationAccount)],
        'AllowBackupAccountCopies',
      ))
        key.addToResourcePolicy(s);
    }
    this.encryptionKey = key;

    this.backupVault = new backup.BackupVault(this, 'Resource', {
      backupVaultName: props.backupVaultName,
      encryptionKey: key,
      lockConfiguration: { minRetention: Duration.days(minDays), changeableFor },
      blockRecoveryPointDeletion: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.backupPlan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.backupVault,
      backupPlanName: Names.uniqueResourceName(this, { maxLength: 50 }),
    });
    this.backupPlan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'IsolatedCopy',
        scheduleExpression: schedule,
        deleteAfter: retention,
        copyActions: [
          {
            destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
              this,
              'Destination',
              props.destinationVaultArn,
            ),
            deleteAfter: copyRetention,
          },
        ],
      }),
    );

    this.node.addValidation({ validate: () => this.validateAccounts() });
    requireTerminationProtection(this, 'IsolatedBackupVault');
    defendForcedSettings(this, {
      what: 'IsolatedBackupVault',
      guarded: [
        {
          resource: this.backupVault.node.defaultChild as CfnResource,
          what: 'backup vault',
          ruleIds: [...RETAINED_RULES, 'backup-vault-compliance-lock'],
        },
        {
          resource: key.node.defaultChild as CfnResource,
          what: 'key',
          ruleIds: [...RETAINED_RULES, 'kms-key-deletion-window'],
        },
        {
          resource: this.backupPlan.node.defaultChild as CfnResource,
          what: 'backup plan',
          ruleIds: [
            'backup-plan-copy-destination',
            'backup-plan-copy-retention',
            'backup-plan-retention',
            'backup-plan-schedule',
            'backup-plan-vault-lock-retention',
          ],
        },
      ],
      // The least retention the props accept (`retention`, `copyRetention`): a later change is held to it.
      minimumRetentionDays: MINIMUM_COPY_RETENTION_DAYS,
    });
  }

  /**
   * Backs up a resource with this plan, selected by its exact ARN, and copies
   * it to the backup account. Accepts an RDS `DatabaseInstance` or
   * `DatabaseCluster`, a DynamoDB `Table` or `TableV2`, an EFS `FileSystem`,
   * or a safe construct of this package (`IBackupTarget`). The resource must
   * deploy to the same account and region as this vault.
   */
  public protect(resource: IConstruct): void {
    if (this.protectedTargets.has(resource)) return;
    const arn = arnOf(resource);
    if (arn === undefined) {
      refuse(
        this,
        `\`protect\` accepts an RDS DatabaseInstance or DatabaseCluster, a DynamoDB Table or TableV2, an EFS FileSystem or a safe construct, got the construct at ${resource.node.path}; use \`protectArn(arn)\` for another resource.`,
      );
    }
    const here = Stack.of(this);
    const there = Stack.of(resource);
    for (const field of ['account', 'region'] as const) {
      const a = here[field];
      const b = there[field];
      if (!Token.isUnresolved(a) && !Token.isUnresolved(b) && a !== b) {
        refuse(
          this,
          `\`protect\` got ${resource.node.path}, in ${field} ${b}; AWS Backup can only select resources of the vault's own ${field}, ${a}.`,
        );
      }
    }
    this.protectedTargets.add(resource);
    this.addArn(arn);
  }

  /** Backs up the resource with this ARN (in this vault's account and region) and copies it to the backup account. */
  public protectArn(arn: string): void {
    if (!Token.isUnresolved(arn) && !/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(arn)) {
      // eslint-disable-next-line @cdklabs/no-literal-partition -- an example ARN in a message
      refuse(this, `\`protectArn\` needs an ARN (\`arn:aws:<service>:…\`), got ${JSON.stringify(arn)}.`);
    }
    if (this.arns.includes(arn)) return;
    this.addArn(arn);
  }

  private addArn(arn: string): void {
    this.arns.push(arn);
    if (this.selection) return;
    const role = new iam.Role(this, 'SelectionRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
      ],
    });
    this.selection = new backup.CfnBackupSelection(this, 'Selection', {
      backupPlanId: this.backupPlan.backupPlanId,
      backupSelection: {
        selectionName: Names.uniqueResourceName(this, { maxLength: 50 }),
        iamRoleArn: role.roleArn,
        // One entry per resource: a Safe construct enrolled in the vault and its own L2 passed to `protect` (or an
        // ARN getter that builds a new token on each read) are different tokens for the same ARN.
        resources: Lazy.list({ produce: () => uniqueByResolvedValue(Stack.of(this), this.arns) }),
      },
    });
  }

  private validateAccounts(): string[] {
    const own = Stack.of(this).account;
    if (Token.isUnresolved(this.destinationVaultArn)) {
      return [
        "`destinationVaultArn` is a token, so the copy cannot be proven to leave this account; write the backup account vault's ARN literally.",
      ];
    }
    if (Token.isUnresolved(own)) {
      return [
        `stack ${Stack.of(this).stackName} is environment-agnostic, so the copy to account ${this.destinationAccount} cannot be proven to leave it; give the stack an \`env\` with its account.`,
      ];
    }
    if (own === this.destinationAccount) {
      return [
        `\`destinationVaultArn\` is in account ${own}, this stack's own account; copies must go to a vault in a separate backup account.`,
      ];
    }
    return [];
  }
}

/** The ARN AWS Backup selects a supported construct by, or undefined. */
function arnOf(resource: IConstruct): string | undefined {
  const target = resource as Partial<IBackupTarget>;
  if (typeof target.backupResourceArn === 'string') return target.backupResourceArn;
  if (resource instanceof rds.DatabaseInstanceBase) return resource.instanceArn;
  if (resource instanceof rds.DatabaseClusterBase) return resource.clusterArn;
  if (resource instanceof dynamodb.TableBase || resource instanceof dynamodb.TableBaseV2) return resource.tableArn;
  if (resource instanceof efs.FileSystem) return resource.fileSystemArn;
  // Imported file systems (`FileSystem.fromFileSystemAttributes`) are of a private class.
  const fs = resource as Partial<efs.IFileSystem>;
  if (typeof fs.fileSystemArn === 'string' && typeof fs.fileSystemId === 'string') return fs.fileSystemArn;
  return undefined;
}

/** `values` without those that resolve to the same value as an earlier one, in order. */
function uniqueByResolvedValue(stack: Stack, values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(stack.resolve(v));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
