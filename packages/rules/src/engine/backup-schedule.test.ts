import fc from 'fast-check';
import {
  backupScheduleProblem,
  DEFAULT_BACKUP_SCHEDULE,
  durationText,
  judgeBackupSchedule,
  parseBackupSchedule,
  type ScheduleJudgement,
} from './backup-schedule';

/** Thursday 3 December 2026, 15:49 UTC. */
const NOW = Date.UTC(2026, 11, 3, 15, 49);
const DAY = 1440;

const judged = (expression: string, now = NOW): ScheduleJudgement => judgeBackupSchedule(expression, now);

describe('parseBackupSchedule', () => {
  test.each([
    ['rate(1 day)', 'AWS Backup takes only cron expressions, not rate expressions'],
    ['0 3 * * ? *', 'it is not a cron expression (`cron(Minutes Hours Day-of-month Month Day-of-week Year)`)'],
    ['cron(0 3 * * ?)', 'a cron expression has 6 fields, this one has 5'],
    ['cron(0 3 * * * *)', 'one of Day-of-month and Day-of-week must be `?`: AWS does not take both'],
    ['cron(0 3 ? * ? *)', 'Day-of-month and Day-of-week are both `?`: one of them must name the days'],
    ['cron(60 3 * * ? *)', 'Minutes value 60 is outside 0-59'],
    ['cron(0 24 * * ? *)', 'Hours value 24 is outside 0-23'],
    ['cron(0 3 0 * ? *)', 'Day-of-month value 0 is outside 1-31'],
    ['cron(0 3 * 13 ? *)', 'Month value 13 is outside 1-12'],
    ['cron(0 3 ? * 8 *)', 'Day-of-week value 8 is outside 1-7'],
    ['cron(0 3 * * ? 1969)', 'Year value 1969 is outside 1970-2199'],
    ['cron(x 3 * * ? *)', 'Minutes value `x` is not a number'],
    ['cron(0 22-2 * * ? *)', 'Hours range `22-2` runs backwards'],
    ['cron(0/0 3 * * ? *)', 'Minutes `0/0` has a step of 0'],
    ['cron(0 3 ? * 2#6 *)', 'Day-of-week `2#6` asks for week 6 of the month (1 to 5)'],
    ['cron(0 3 ? * 2#1,6#3 *)', 'Day-of-week `2#1,6#3` must be one `day#n`, alone'],
    ['cron(0 3 L-31 * ? *)', 'Day-of-month `L-31` is before the first day of every month'],
    ['cron(0 1-2-3 * * ? *)', 'Hours `1-2-3` cannot be read'],
    [`cron(${'0,'.repeat(200)}0 3 * * ? *)`, 'it is longer than 256 characters'],
  ])('%s is refused: %s', (expression, reason) => {
    expect(parseBackupSchedule(expression)).toEqual({ kind: 'invalid', reason });
  });

  test('names and numbers mean the same days and months', () => {
    const byName = parseBackupSchedule('cron(0 3 ? jan-Mar MON-FRI *)');
    const byNumber = parseBackupSchedule('cron(0 3 ? 1-3 2-6 *)');
    expect(byName).toEqual(byNumber);
    expect(byName.kind).toBe('cron');
  });

  test('AWS Backup runs rules without a schedule daily at 05:00 UTC', () => {
    expect(judged(DEFAULT_BACKUP_SCHEDULE)).toMatchObject({ kind: 'fires', longestGapMinutes: DAY, daily: true });
  });
});

describe('judgeBackupSchedule', () => {
  test.each([
    ['cron(0 3 * * ? *)', DAY],
    ['cron(15 * ? * * *)', 60],
    ['cron(0 0,12 * * ? *)', 12 * 60],
    ['cron(0 1,2 * * ? *)', 23 * 60],
    ['cron(0 */8 * * ? *)', 8 * 60],
    ['cron(30 1/6 * * ? *)', 6 * 60],
  ])('%s fires at least daily (longest gap %d minutes)', (expression, minutes) => {
    expect(judged(expression)).toEqual({
      kind: 'fires',
      longestGapMinutes: minutes,
      where: 'between',
      at: 0,
      daily: true,
    });
  });

  test.each([
    ['cron(0 5 ? * SAT *)', 7 * DAY],
    ['cron(0 5 ? * MON-FRI *)', 3 * DAY],
    ['cron(0 5 ? * L *)', 7 * DAY],
    ['cron(0 5 1 * ? *)', 31 * DAY],
    ['cron(0 5 L * ? *)', 31 * DAY],
    ['cron(0 5 1/2 * ? *)', 2 * DAY],
    ['cron(0 5 ? * 2#1 *)', 35 * DAY],
    ['cron(0 5 ? * 6L *)', 35 * DAY],
    ['cron(0 5 15W * ? *)', 32 * DAY],
    ['cron(0 5 LW * ? *)', 33 * DAY],
    ['cron(0 5 1 1 ? *)', 365 * DAY + DAY],
  ])('%s fires less often than daily (longest gap %d minutes)', (expression, minutes) => {
    expect(judged(expression)).toMatchObject({ kind: 'fires', longestGapMinutes: minutes, daily: false });
  });

  test.each([
    ['cron(0 0 31 2 ? *)', 'no month it names (February) has a day 31'],
    ['cron(0 0 30,31 2 ? *)', 'no month it names (February) has a day 30'],
    ['cron(0 0 31 4,6,9,11 ? *)', 'no month it names (April, June, September, November) has a day 31'],
    ['cron(0 3 * * ? 2020)', 'every year it names is past (2020)'],
    ['cron(0 3 * * ? 2019-2021)', 'every year it names is past (2019-2021)'],
    ['cron(0 3 * * ? 2199)', 'the first year it names is 2199'],
    ['cron(0 0 29 2 ? 2027)', 'no date in the next 1462 days matches it'],
  ])('%s never fires: %s', (expression, reason) => {
    expect(judged(expression)).toEqual({ kind: 'never', reason });
  });

  test('a leap day fires once in four years: the wait for it is the gap', () => {
    expect(judged('cron(0 0 29 2 ? *)')).toEqual({
      kind: 'fires',
      longestGapMinutes: (Date.UTC(2028, 1, 29) - NOW) / 60000,
      where: 'before-first',
      at: Date.UTC(2028, 1, 29),
      daily: false,
    });
  });

  test('a schedule whose years run out stops firing; one that starts later does not fire before', () => {
    expect(judged('cron(0 3 * * ? 2026-2027)')).toMatchObject({
      kind: 'fires',
      where: 'after-last',
      at: Date.UTC(2027, 11, 31, 3),
      daily: false,
    });
    expect(backupScheduleProblem('cron(0 3 * * ? 2026-2027)', NOW)).toBe('stops firing after 2027-12-31 03:00 UTC');
    expect(backupScheduleProblem('cron(0 3 * * ? 2028-2199)', NOW)).toBe(
      'does not fire before 2028-01-01 03:00 UTC, 393 days 11 hours 11 minutes from now',
    );
  });

  test('backupScheduleProblem words each verdict, and is silent for a daily schedule', () => {
    expect(backupScheduleProblem('cron(0 3 * * ? *)', NOW)).toBeUndefined();
    expect(backupScheduleProblem('cron(0 5 ? * SAT *)', NOW)).toBe('goes up to 7 days without a backup');
    expect(backupScheduleProblem('cron(0 0 31 2 ? *)', NOW)).toBe(
      'never fires: no month it names (February) has a day 31',
    );
    expect(backupScheduleProblem('rate(1 day)', NOW)).toBe(
      'cannot be read as a schedule AWS Backup takes: AWS Backup takes only cron expressions, not rate expressions',
    );
  });

  test('durationText', () => {
    expect([0, 1, 60, 90, DAY, DAY + 60, 7 * DAY, 2 * DAY + 61].map(durationText)).toEqual([
      '0 minutes',
      '1 minute',
      '1 hour',
      '1 hour 30 minutes',
      '1 day',
      '1 day 1 hour',
      '7 days',
      '2 days 1 hour 1 minute',
    ]);
  });
});

describe('judgeBackupSchedule against a minute-by-minute walk (fast-check, fixed seed)', () => {
  /**
   * The reference: every minute of three weeks from `now`, fired when its hour,
   * minute and weekday are in the sets. Schedules of this shape repeat weekly,
   * so three weeks show their longest gap.
   */
  function walk(minutes: number[], hours: number[], weekdays: number[], now: number): number {
    const start = Math.floor(now / 60000);
    let previous: number | undefined;
    let first: number | undefined;
    let longest = 0;
    for (let t = start; t < start + 21 * DAY; t++) {
      const d = new Date(t * 60000);
      if (!minutes.includes(d.getUTCMinutes()) || !hours.includes(d.getUTCHours())) continue;
      if (!weekdays.includes(d.getUTCDay() + 1)) continue;
      if (previous === undefined) first = t;
      else longest = Math.max(longest, t - previous);
      previous = t;
    }
    return Math.max(longest, first! - start);
  }

  const set = (min: number, max: number, maxLength: number) =>
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength });

  test('the longest gap of a weekday schedule is the walked one; it is daily exactly when that is at most 24 hours', () => {
    fc.assert(
      fc.property(
        set(0, 59, 3),
        set(0, 23, 4),
        set(1, 7, 7),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (minutes, hours, weekdays, now) => {
          const expression = `cron(${minutes.join(',')} ${hours.join(',')} ? * ${weekdays.join(',')} *)`;
          const j = judgeBackupSchedule(expression, now);
          const expected = walk(minutes, hours, weekdays, now);
          expect(j).toMatchObject({ kind: 'fires', longestGapMinutes: expected, daily: expected <= DAY });
        },
      ),
      { seed: 20261217, numRuns: 60 },
    );
  });

  test('a day-of-month list without 29 to 31 fires, never daily: its longest gap spans the end of a 31-day month', () => {
    fc.assert(
      fc.property(set(1, 28, 28), (days) => {
        const j = judgeBackupSchedule(`cron(0 3 ${days.join(',')} * ? *)`, NOW);
        expect(j).toMatchObject({ kind: 'fires', daily: false });
        const across = 31 - Math.max(...days) + Math.min(...days);
        if (j.kind === 'fires') expect(j.longestGapMinutes).toBeGreaterThanOrEqual(across * DAY);
      }),
      { seed: 20261218, numRuns: 100 },
    );
  });

  test('any string is read or refused, never thrown on', () => {
    const pieces = fc.constantFrom(
      'cron(',
      'rate(',
      ')',
      ' ',
      '*',
      '?',
      '/',
      '-',
      ',',
      'L',
      'W',
      '#',
      '0',
      '7',
      '31',
      '2199',
      'MON',
      'JAN',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const j = judgeBackupSchedule(parts.join(''), NOW);
        expect(['invalid', 'never', 'fires']).toContain(j.kind);
      }),
      { seed: 20261219, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(['invalid', 'never', 'fires']).toContain(judgeBackupSchedule(s, NOW).kind);
      }),
      { seed: 20261220, numRuns: 500 },
    );
  });
});
