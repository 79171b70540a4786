import { Duration, RemovalPolicy, Tags, Token } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct, IConstruct } from 'constructs';
import { DataProtectionAcknowledgement } from '../../checks/acknowledgements';
import { BackupEnrolment } from '../backup-enrolment';
import type { IBackupTarget } from '../isolated-backup-vault';
import { keyCopyStatements, refuse, retainedKey, wholeDays } from './guards';
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
