/**
 * AWS Backup schedule expressions: the cron form AWS Backup takes
 * (`cron(Minutes Hours Day-of-month Month Day-of-week Year)`, the CloudWatch
 * Events / EventBridge syntax), read and judged: does it fire at all, and how
 * long can it go without firing?
 *
 * Written here rather than taken from a cron library: the maintained ones read
 * the five-field Unix form or Quartz's (seconds first, Sunday 0), and the one
 * that reads the AWS form assumes its input was already validated by AWS
 * (malformed fields pass, and a date that never comes throws). Every loop here is
 * bounded: fields have at most 60 values, and dates are walked one day at a time
 * over at most `WINDOW_DAYS`.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
 */
import { plural } from '../text/plural';
import { MAXIMUM_BACKUP_INTERVAL_HOURS } from './backup-minimums';

/**
 * What AWS Backup runs when a rule has no schedule expression: daily at 05:00 UTC.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
 */
export const DEFAULT_BACKUP_SCHEDULE = 'cron(0 5 ? * * *)';

/** How far ahead schedules are walked: four years and a day, so that a leap day is seen. */
export const SCHEDULE_WINDOW_DAYS = 4 * 365 + 2;

/** Longer expressions are not read (AWS takes far shorter ones). */
const MAX_EXPRESSION_LENGTH = 256;
const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;

/** The day-of-month field of a cron expression, as read: any day, listed days, the last day (or a number of days before it), the last weekday, or the weekday nearest a day. */
export type DayOfMonth =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'last'; readonly offset: number }
  | { readonly kind: 'last-weekday' }
  | { readonly kind: 'nearest-weekday'; readonly day: number };

/** The day-of-week field of a cron expression, as read: any day, listed days, the last given weekday of the month, or the nth one. */
export type DayOfWeek =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'last-of-month'; readonly day: number }
  | { readonly kind: 'nth'; readonly day: number; readonly nth: number };

/** A cron expression, read: every field as the set of values it allows. */
export interface CronSchedule {
  /** Minutes of the day it fires at, ascending (hour × 60 + minute). */
  readonly times: readonly number[];
  readonly dayOfMonth: DayOfMonth;
  readonly months: ReadonlySet<number>;
  /** 1 (Sunday) to 7 (Saturday), as AWS numbers them. */
  readonly dayOfWeek: DayOfWeek;
  readonly years: ReadonlySet<number>;
}

export type ParsedSchedule =
  { readonly kind: 'cron'; readonly schedule: CronSchedule } | { readonly kind: 'invalid'; readonly reason: string };

/** What a schedule does over the next `SCHEDULE_WINDOW_DAYS` days from a moment. */
export type ScheduleJudgement =
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'never'; readonly reason: string }
  | {
      readonly kind: 'fires';
      /** The longest time without a backup, in minutes: before the first, between two, or after the last in the window. */
      readonly longestGapMinutes: number;
      /** Where the longest gap is: before the first backup, between two, or after the last one of the window. */
      readonly where: 'before-first' | 'between' | 'after-last';
      /** The backup that ends the gap (`before-first`) or starts it (`after-last`), in ms since the epoch. */
      readonly at: number;
      /** True when the longest gap is at most `MAXIMUM_BACKUP_INTERVAL_HOURS`. */
      readonly daily: boolean;
    };

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MINUTES: Field = { name: 'Minutes', min: 0, max: 59 };
const HOURS: Field = { name: 'Hours', min: 0, max: 23 };
const DAY_OF_MONTH: Field = { name: 'Day-of-month', min: 1, max: 31 };
const MONTH: Field = {
  name: 'Month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DAY_OF_WEEK: Field = {
  name: 'Day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};
const YEAR: Field = { name: 'Year', min: 1970, max: 2199 };

class Invalid extends Error {}

/**
 * Reads an AWS Backup schedule expression. Only `cron(…)` is accepted: AWS
 * Backup takes no `rate(…)` expression.
 */
export function parseBackupSchedule(expression: string): ParsedSchedule {
  try {
    return { kind: 'cron', schedule: parse(expression) };
  } catch (e) {
    if (e instanceof Invalid) return { kind: 'invalid', reason: e.message };
    throw e;
  }
}

function parse(expression: string): CronSchedule {
  if (expression.length > MAX_EXPRESSION_LENGTH)
    throw new Invalid(`it is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const text = expression.trim();
  if (/^rate\s*\(/i.test(text)) throw new Invalid('AWS Backup takes only cron expressions, not rate expressions');
  const m = /^cron\((.*)\)$/.exec(text);
  if (!m) throw new Invalid('it is not a cron expression (`cron(Minutes Hours Day-of-month Month Day-of-week Year)`)');
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) throw new Invalid(`a cron expression has 6 fields, this one has ${fields.length}`);
  const [min, hour, dom, month, dow, year] = fields;
  const dayOfMonth = parseDayOfMonth(dom);
  const dayOfWeek = parseDayOfWeek(dow);
  if (dayOfMonth.kind === 'any' && dayOfWeek.kind === 'any')
    throw new Invalid('Day-of-month and Day-of-week are both `?`: one of them must name the days');
  if (dayOfMonth.kind !== 'any' && dayOfWeek.kind !== 'any')
    throw new Invalid('one of Day-of-month and Day-of-week must be `?`: AWS does not take both');
  const minutes = [...list(min, MINUTES)].sort((a, b) => a - b);
  const hours = [...list(hour, HOURS)].sort((a, b) => a - b);
  const times: number[] = [];
  for (const h of hours) for (const mm of minutes) times.push(h * 60 + mm);
  return { times, dayOfMonth, months: list(month, MONTH), dayOfWeek, years: list(year, YEAR) };
}

function parseDayOfMonth(text: string): DayOfMonth {
  if (text === '?') return { kind: 'any' };
  const t = text.toUpperCase();
  if (t === 'L') return { kind: 'last', offset: 0 };
  if (t === 'LW') return { kind: 'last-weekday' };
  const lastMinus = /^L-(\d{1,2})$/.exec(t);
  if (lastMinus) {
    const offset = Number(lastMinus[1]);
    if (offset > 30) throw new Invalid(`Day-of-month \`${text}\` is before the first day of every month`);
    return { kind: 'last', offset };
  }
  const weekday = /^(\d{1,2})W$/.exec(t);
  if (weekday) return { kind: 'nearest-weekday', day: value(weekday[1], DAY_OF_MONTH) };
  return { kind: 'days', days: list(text, DAY_OF_MONTH) };
}

function parseDayOfWeek(text: string): DayOfWeek {
  if (text === '?') return { kind: 'any' };
  const t = text.toUpperCase();
  // `L` alone is the last day of the week: Saturday.
  if (t === 'L') return { kind: 'days', days: new Set([7]) };
  const last = /^([A-Z]{3}|\d)L$/.exec(t);
  if (last) return { kind: 'last-of-month', day: value(last[1], DAY_OF_WEEK) };
  const nth = /^([A-Z]{3}|\d)#(\d)$/.exec(t);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new Invalid(`Day-of-week \`${text}\` asks for week ${n} of the month (1 to 5)`);
    return { kind: 'nth', day: value(nth[1], DAY_OF_WEEK), nth: n };
  }
  if (t.includes('#')) throw new Invalid(`Day-of-week \`${text}\` must be one \`day#n\`, alone`);
  return { kind: 'days', days: list(text, DAY_OF_WEEK) };
}

/** A field of `,`-separated items (`*`, `n`, `a-b`, each with an optional `/step`), as the set of values it allows. */
function list(text: string, field: Field): Set<number> {
  const out = new Set<number>();
  const items = text.split(',');
  if (items.length > 60) throw new Invalid(`${field.name} \`${text}\` has more than 60 items`);
  for (const item of items) {
    const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(item);
    if (!m) throw new Invalid(`${field.name} \`${text}\` cannot be read`);
    const [, range, stepText] = m;
    let from: number;
    let to: number;
    if (range === '*') {
      from = field.min;
      to = field.max;
    } else if (range.includes('-')) {
      const [a, b, ...rest] = range.split('-');
      if (rest.length > 0) throw new Invalid(`${field.name} \`${text}\` cannot be read`);
      from = value(a, field);
      to = value(b, field);
      if (from > to) throw new Invalid(`${field.name} range \`${range}\` runs backwards`);
    } else {
      from = value(range, field);
      to = stepText === undefined ? from : field.max;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new Invalid(`${field.name} \`${text}\` has a step of 0`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** One value of a field: a number in range, or a name (`JAN`, `SUN`). */
function value(text: string, field: Field): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d{1,4}$/.test(text)) throw new Invalid(`${field.name} value \`${text}\` is not a number`);
  const n = Number(text);
  if (n < field.min || n > field.max)
    throw new Invalid(`${field.name} value ${n} is outside ${field.min}-${field.max}`);
  return n;
}

/** Whether the schedule fires on the UTC day that starts `dayMs` ms after the epoch. */
function firesOn(s: CronSchedule, dayMs: number): boolean {
  const date = new Date(dayMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  if (!s.years.has(year) || !s.months.has(month)) return false;
  const day = date.getUTCDate();
  const weekday = date.getUTCDay() + 1;
  const length = daysIn(year, month);
  const dom = s.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      return dom.days.has(day);
    case 'last':
      return day === length - dom.offset;
    case 'last-weekday':
      return day === nearestWeekday(year, month, length, length);
    case 'nearest-weekday':
      return dom.day <= length && day === nearestWeekday(year, month, dom.day, length);
    case 'any':
      break;
  }
  const dow = s.dayOfWeek;
  switch (dow.kind) {
    case 'days':
      return dow.days.has(weekday);
    case 'last-of-month':
      return weekday === dow.day && day + 7 > length;
    case 'nth':
      return weekday === dow.day && Math.ceil(day / 7) === dow.nth;
    case 'any':
      return false;
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return DAYS_IN_MONTH[month - 1] + (month === 2 && isLeap(year) ? 1 : 0);
}

/** The weekday (Monday to Friday) nearest to `day`, within its month. */
function nearestWeekday(year: number, month: number, day: number, length: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === length ? day - 2 : day + 1;
  return day;
}

/** Judgements by expression and day, so that a schedule seen many times is walked once. */
const memo = new Map<string, ScheduleJudgement>();
const MEMO_LIMIT = 512;

/**
 * Judges a schedule expression from `now` (ms since the epoch, default the
 * current time): whether it fires at all over the next `SCHEDULE_WINDOW_DAYS`
 * days, and its longest gap, before its first backup, between two, and after
 * the last one of the window (a schedule whose years end stops firing).
 */
export function judgeBackupSchedule(expression: string, now: number = Date.now()): ScheduleJudgement {
  const key = `${Math.floor(now / MS_PER_MINUTE)} ${expression}`;
  const known = memo.get(key);
  if (known) return known;
  const judged = judge(expression, now);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, judged);
  return judged;
}

function judge(expression: string, now: number): ScheduleJudgement {
  const parsed = parseBackupSchedule(expression);
  if (parsed.kind === 'invalid') return parsed;
  const s = parsed.schedule;
  const start = Math.floor(now / MS_PER_MINUTE) * MS_PER_MINUTE;
  const firstDay = Math.floor(start / MS_PER_DAY) * MS_PER_DAY;
  const end = firstDay + SCHEDULE_WINDOW_DAYS * MS_PER_DAY;
  let intraDay = 0;
  for (let i = 1; i < s.times.length; i++) intraDay = Math.max(intraDay, s.times[i] - s.times[i - 1]);

  let first: number | undefined;
  let previous: number | undefined;
  let longest = 0;
  const earliest = s.times[0] * MS_PER_MINUTE;
  const latest = s.times[s.times.length - 1] * MS_PER_MINUTE;
  for (let day = firstDay; day < end; day += MS_PER_DAY) {
    if (!firesOn(s, day)) continue;
    // Only the first day can have times already past.
    const times = day === firstDay ? s.times.map((t) => day + t * MS_PER_MINUTE).filter((t) => t >= start) : undefined;
    if (times && times.length === 0) continue;
    const from = times ? times[0] : day + earliest;
    if (previous === undefined) first = from;
    else longest = Math.max(longest, (from - previous) / MS_PER_MINUTE);
    if ((times ? times.length : s.times.length) > 1) longest = Math.max(longest, intraDay);
    previous = day + latest;
  }
  if (first === undefined || previous === undefined) return { kind: 'never', reason: neverReason(s, now) };
  let where: 'before-first' | 'between' | 'after-last' = 'between';
  let at = 0;
  // Before the first backup: a gap of its own only when longer than every gap
  // between two (a weekly schedule seen on a Tuesday is still weekly).
  const lead = (first - start) / MS_PER_MINUTE;
  if (lead > longest) {
    longest = lead;
    where = 'before-first';
    at = first;
  }
  // After the last backup of the window, a gap counts only when the schedule stops: its years run out.
  const tail = (end - previous) / MS_PER_MINUTE;
  if (tail > longest && stopsBefore(s, end)) {
    longest = tail;
    where = 'after-last';
    at = previous;
  }
  return {
    kind: 'fires',
    longestGapMinutes: longest,
    where,
    at,
    daily: longest <= MAXIMUM_BACKUP_INTERVAL_HOURS * 60,
  };
}

/** True when no year the schedule names comes after the window. */
function stopsBefore(s: CronSchedule, end: number): boolean {
  const lastYear = new Date(end).getUTCFullYear();
  for (const y of s.years) if (y > lastYear) return false;
  return true;
}

/** Why a schedule fires on no date of the window, in words. */
function neverReason(s: CronSchedule, now: number): string {
  const thisYear = new Date(now).getUTCFullYear();
  const years = [...s.years];
  if (years.every((y) => y < thisYear)) {
    return `every year it names is past (${years.length === 1 ? years[0] : `${Math.min(...years)}-${Math.max(...years)}`})`;
  }
  const dom = s.dayOfMonth;
  if (dom.kind === 'days' || dom.kind === 'nearest-weekday') {
    const days = dom.kind === 'days' ? [...dom.days] : [dom.day];
    // February counts 29 days here: a leap day is a date that comes.
    const longest = Math.max(...[...s.months].map((m) => (m === 2 ? 29 : daysIn(2001, m))));
    if (Math.min(...days) > longest) {
      const monthNames = [...s.months].sort((a, b) => a - b).map((m) => MONTH_NAMES[m - 1]);
      return `no month it names (${monthNames.join(', ')}) has a day ${Math.min(...days)}`;
    }
  }
  if (years.every((y) => y > thisYear + 4)) return `the first year it names is ${Math.min(...years)}`;
  return `no date in the next ${plural(SCHEDULE_WINDOW_DAYS, 'day')} matches it`;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A number of minutes in words: `7 days`, `1 day 12 hours`, `90 minutes` is `1 hour 30 minutes`. */
export function durationText(minutes: number): string {
  const m = Math.round(minutes);
  const days = Math.floor(m / MINUTES_PER_DAY);
  const hours = Math.floor((m % MINUTES_PER_DAY) / 60);
  const mins = m % 60;
  const parts: string[] = [];
  if (days) parts.push(plural(days, 'day'));
  if (hours) parts.push(plural(hours, 'hour'));
  if (mins || parts.length === 0) parts.push(plural(mins, 'minute'));
  return parts.join(' ');
}

/** A moment as `2027-01-04 05:00 UTC`. */
export function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * What is wrong with a schedule, in words that finish "The schedule …" (`is
 * not a cron expression AWS Backup takes: …`, `never fires: …`, `goes up to 7
 * days without a backup`), or undefined when it fires at least every
 * `MAXIMUM_BACKUP_INTERVAL_HOURS` hours.
 */
export function backupScheduleProblem(expression: string, now: number = Date.now()): string | undefined {
  const j = judgeBackupSchedule(expression, now);
  switch (j.kind) {
    case 'invalid':
      return `cannot be read as a schedule AWS Backup takes: ${j.reason}`;
    case 'never':
      return `never fires: ${j.reason}`;
    case 'fires':
      return j.daily ? undefined : gapText(j);
  }
}

/** The longest gap of a schedule that fires, in words (`goes up to 7 days without a backup`). */
export function gapText(j: Extract<ScheduleJudgement, { kind: 'fires' }>): string {
  switch (j.where) {
    case 'before-first':
      return `does not fire before ${utcText(j.at)}, ${durationText(j.longestGapMinutes)} from now`;
    case 'after-last':
      return `stops firing after ${utcText(j.at)}`;
    case 'between':
      return `goes up to ${durationText(j.longestGapMinutes)} without a backup`;
  }
}
