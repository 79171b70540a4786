import type { IsolatedBackupVault } from './isolated-backup-vault';
import { isWrittenReason } from '@deadbolt/rules';

/**
 * Whether a safe construct's data is copied to the backup account: enrolled
 * in an `IsolatedBackupVault`, or opted out with a written reason. The
 * databases require the choice (`backup` has no default); a table or file
 * system left without one is reported by `backup-cross-account-copy` until it
 * is made, so the choice is recorded for every resource that passes the checks.
 */
export class BackupEnrolment {
  /** The tag a resource that opted out carries; its value is the reason (with characters tags refuse replaced by spaces). */
  public static readonly OPT_OUT_TAG_KEY = 'deadbolt:backup-opt-out';

  /**
   * Backs the resource up with `vault`'s plan, which copies every recovery
   * point to the backup account (`backup-cross-account-copy`).
   */
  public static inVault(vault: IsolatedBackupVault): BackupEnrolment {
    return new BackupEnrolment(vault, undefined);
  }

  /**
   * No copy in the backup account, for a reason written here (say, "A cache
   * rebuilt from the orders stream"). The reason is recorded as the tag
   * `deadbolt:backup-opt-out` on the resource, and acknowledges the
   * `backup-cross-account-copy` finding only: every other protection stays.
   * Throws when the reason is empty.
   */
  public static optOut(reason: string): BackupEnrolment {
    if (!isWrittenReason(reason)) {
      throw new Error(
        `\`BackupEnrolment.optOut\` needs a written \`reason\` saying why the data needs no copy in the backup account, got ${JSON.stringify(reason)}.`,
      );
    }
    return new BackupEnrolment(undefined, reason.trim());
  }

  /**
   * The vault the resource is enrolled in.
   * @default - none: the resource opted out
   */
  public readonly vault?: IsolatedBackupVault;

  /**
   * Why the resource has no isolated copy.
   * @default - none: the resource is enrolled in `vault`
   */
  public readonly optOutReason?: string;

  private constructor(vault: IsolatedBackupVault | undefined, optOutReason: string | undefined) {
    this.vault = vault;
    this.optOutReason = optOutReason;
  }
}
