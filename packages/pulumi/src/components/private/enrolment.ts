import type { BackupEnrolment } from '../backup-enrolment';
import { OPT_OUT_TAG_KEY, refuse, tagSafe } from './guards';
import { isWrittenReason } from '@deadbolt/rules';

/** A checked enrolment: the vault, or the tags that record the opt-out. */
export interface CheckedEnrolment {
  readonly enrolment: BackupEnrolment;
  /** Tags the resource carries: the opt-out reason, when it opted out. */
  readonly tags: Record<string, string>;
}

/**
 * Checks `backup`: a `BackupEnrolment.inVault(vault)` or a
 * `BackupEnrolment.optOut(reason)` with a non-empty reason (also when built by
 * hand, from JavaScript). `required` refuses a missing one.
 */
export function checkEnrolment(
  type: string,
  name: string,
  backup: BackupEnrolment | undefined,
  required: boolean,
): CheckedEnrolment | undefined {
  const how = 'pass `BackupEnrolment.inVault(vault)` or `BackupEnrolment.optOut(reason)`';
  if (backup === undefined || backup === null) {
    if (required) refuse(type, name, `\`backup\` is required: ${how}, got ${String(backup)}.`);
    return undefined;
  }
  if (backup.vault) {
    if (backup.optOutReason !== undefined)
      refuse(type, name, `\`backup\` names both a vault and an opt-out reason; ${how}.`);
    return { enrolment: backup, tags: {} };
  }
  const reason = backup.optOutReason;
  if (!isWrittenReason(reason)) {
    refuse(
      type,
      name,
      `\`backup\` opts out of isolated backups without a reason: \`BackupEnrolment.optOut\` needs a non-empty \`reason\` saying why the data needs no copy in the backup account, got ${JSON.stringify(reason ?? null)}.`,
    );
  }
  return { enrolment: backup, tags: { [OPT_OUT_TAG_KEY]: tagSafe(reason) } };
}
