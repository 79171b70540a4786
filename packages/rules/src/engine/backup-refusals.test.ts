import { MINIMUM_BACKUP_RETENTION_DAYS, MINIMUM_COPY_RETENTION_DAYS } from './backup-minimums';
import {
  backupRetentionProblem,
  backupScheduleRefusal,
  copyRetentionProblem,
  vaultMinRetentionProblem,
} from './backup-refusals';

describe('the refusals the safe constructs and components share', () => {
  test('each minimum is accepted, one day less is refused with the value received', () => {
    expect(MINIMUM_BACKUP_RETENTION_DAYS).toBe(7);
    expect(MINIMUM_COPY_RETENTION_DAYS).toBe(7);
    expect([backupRetentionProblem(7), copyRetentionProblem(7), vaultMinRetentionProblem(7)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(backupRetentionProblem(6)).toMatch(/^`retention` must be at least 7 days, got 6 days: /);
    expect(copyRetentionProblem(6)).toMatch(/^`copyRetention` must be at least 7 days, got 6 days: /);
    expect(vaultMinRetentionProblem(1)).toMatch(/^`minRetention` must be at least 7 days, got 1 day: /);
  });

  test("a destination's minimum raises the copy floor, never lowers it", () => {
    expect(copyRetentionProblem(30, 30)).toBeUndefined();
    expect(copyRetentionProblem(29, 30)).toBe(
      "`copyRetention` must be at least `destinationMinRetention` (30 days), got 29 days: the destination vault's lock refuses a shorter copy, so every copy job would fail.",
    );
    expect(copyRetentionProblem(3, 1)).toMatch(/^`copyRetention` must be at least 7 days, got 3 days/);
  });

  test('a schedule is refused unless it fires at least every 24 hours', () => {
    const now = Date.UTC(2026, 11, 3);
    expect(backupScheduleRefusal('cron(0 3 * * ? *)', now)).toBeUndefined();
    expect(backupScheduleRefusal('cron(0 5 ? * SAT *)', now)).toBe(
      '`schedule` must be an AWS Backup cron expression that fires at least every 24 hours, got `cron(0 5 ? * SAT *)`, which goes up to 7 days without a backup. A plan that backs up less often than that loses everything written since its last backup.',
    );
  });
});
