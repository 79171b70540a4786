import { CfnResource, Duration, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct, IConstruct } from 'constructs';
import { DataProtectionAcknowledgement } from '../../checks/acknowledgements';
import { BackupEnrolment } from '../backup-enrolment';
import type { IBackupTarget } from '../isolated-backup-vault';
import { keyCopyStatements, refuse, retainedKey, wholeDays } from './guards';
import { defendForcedSettings, RETAINED_RULES, type GuardedResource } from './self-defence';
import { plural } from '@deadbolt/rules';

/** The least automated backup retention a safe database accepts (`rds-backup-retention`). */
export const MIN_BACKUP_RETENTION_DAYS = 7;
/** RDS's longest automated backup retention. */
export const MAX_BACKUP_RETENTION_DAYS = 35;

/**
 * Enrols `target` as `enrolment` says: protected by the vault's plan, or
 * tagged with the opt-out reason and acknowledged for `backup-cross-account-copy` only.
 */
export function applyEnrolment(target: IBackupTarget, enrolment: BackupEnrolment | undefined): void {
  if (!enrolment)
    refuse(
      target,
      '`backup` is required: pass `BackupEnrolment.inVault(vault)` or `BackupEnrolment.optOut(reason)`, got undefined.',
    );
  if (enrolment.vault) {
    enrolment.vault.protect(target);
    return;
  }
  const reason = enrolment.optOutReason!;
  tagOptOut(target, reason);
  DataProtectionAcknowledgement.add(target, {
    ruleId: 'backup-cross-account-copy',
    reason: `Opted out of isolated backups: ${reason}`,
  });
}

/**
 * The key that encrypts a safe database: the caller's, or one created here
 * (retained, 30-day window). Its policy lets the backup account use copies,
 * when the enrolment names one (a no-op for an imported key, whose policy the
 * caller manages).
 */
export function databaseKey(
  scope: Construct,
  given: kms.IKey | undefined,
  enrolment: BackupEnrolment | undefined,
  what: string,
): kms.IKey {
  const key =
    given ?? retainedKey(scope, 'Key', { description: `Encrypts ${what} ${scope.node.path} and its snapshots.` });
  const account = enrolment?.vault?.destinationAccount;
  if (account) {
    for (const s of keyCopyStatements([new iam.AccountPrincipal(account)], 'AllowBackupAccountCopies'))
      key.addToResourcePolicy(s, true);
  }
  return key;
}

/** The automated backup retention, checked: 7 to 35 whole days. */
export function backupRetention(scope: Construct, value: Duration | undefined): Duration {
  const days = wholeDays(scope, 'backupRetention', value ?? Duration.days(14), MIN_BACKUP_RETENTION_DAYS);
  if (days > MAX_BACKUP_RETENTION_DAYS)
    refuse(
      scope,
      `\`backupRetention\` must be at most ${MAX_BACKUP_RETENTION_DAYS} days (the RDS limit), got ${plural(days, 'day')}.`,
    );
  return Duration.days(days);
}

/**
 * Checks an RDS identifier: 1 to 63 letters, digits or hyphens, starting with a
 * letter, no two hyphens in a row, not ending with one.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints
 */
export function checkIdentifier(scope: Construct, prop: string, value: string): string {
  if (Token.isUnresolved(value)) return value;
  if (!/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/.test(value) || value.endsWith('-')) {
    refuse(
      scope,
      `\`${prop}\` must be 1 to 63 letters, digits or hyphens, start with a letter, with no two hyphens in a row and no hyphen at the end, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/**
 * The reason as a tag value AWS accepts everywhere: letters, digits, spaces and
 * `_ . : / = + - @`, at most 256 characters. The acknowledgement keeps the full text.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */
export function tagSafe(reason: string): string {
  const cleaned = reason
    .replace(/[^\p{L}\p{N}\s_.:/=+\-@]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > 256 ? cleaned.slice(0, 256).trimEnd() : cleaned;
}

/** Tags for `scope`'s resources: the opt-out tag. */
export function tagOptOut(scope: IConstruct, reason: string): void {
  Tags.of(scope).add(BackupEnrolment.OPT_OUT_TAG_KEY, tagSafe(reason));
}

/** Retains every Secrets Manager secret under `scope` (the generated master credentials). */
export function retainSecrets(scope: IConstruct): void {
  for (const child of scope.node.findAll()) {
    if (child instanceof secretsmanager.CfnSecret) child.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}

/**
 * Defends what a safe database forces, on the final template values
 * (`defendForcedSettings`): on the instance or cluster, deletion protection,
 * kept automated backups, the retention floor and Retain/Retain; a customer
 * managed key, when the key is a `kms.Key` of the same stack (another
 * stack's key, or an imported one, is referred to by an export or an ARN the
 * one-construct model cannot follow: `DataProtectionChecks` judges it); the
 * 30-day window and Retain/Retain on the key it created; and Retain/Retain on
 * every generated master secret, an error whatever the catalogue's severity.
 */
export function defendDatabase(
  scope: Construct,
  what: string,
  database: CfnResource,
  l2: Construct,
  key: kms.IKey,
  keyCreatedHere: boolean,
): void {
  const keyL1 = key.node.defaultChild;
  const keyInStack =
    keyL1 !== undefined &&
    CfnResource.isCfnResource(keyL1) &&
    keyL1.cfnResourceType === 'AWS::KMS::Key' &&
    Stack.of(keyL1) === Stack.of(database);
  const guarded: GuardedResource[] = [
    {
      resource: database,
      what: 'database',
      ruleIds: [
        ...RETAINED_RULES,
        'rds-deletion-protection',
        'rds-automated-backups-retained',
        'rds-backup-retention',
        ...(keyInStack ? ['rds-customer-managed-key'] : []),
      ],
    },
  ];
  if (keyInStack && keyCreatedHere) {
    guarded.push({ resource: keyL1, what: 'key', ruleIds: [...RETAINED_RULES, 'kms-key-deletion-window'] });
  }
  for (const child of l2.node.findAll()) {
    if (child instanceof secretsmanager.CfnSecret)
      guarded.push({ resource: child, what: 'master secret', ruleIds: RETAINED_RULES });
  }
  defendForcedSettings(scope, {
    what,
    guarded,
    context: keyInStack && !keyCreatedHere ? [keyL1] : [],
    minimumRetentionDays: MIN_BACKUP_RETENTION_DAYS,
  });
}
