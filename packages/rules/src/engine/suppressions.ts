/**
 * The options that make Deadbolt report less (a rule turned off, a severity
 * lowered, a minimum retention under the floor, non-production mode, a front
 * end told not to judge), checked and put into words once for every front end:
 * each suppression needs a written reason where one is required, and leaves a
 * trace (a CDK annotation and `deadbolt:options` metadata in the cloud
 * assembly, a Pulumi warning, a line in `deadbolt check`'s summary).
 */
import { ruleById } from '../rules';
import type { Severity, SeverityOverride } from '../model';
import { isWrittenReason } from '../text/written-reason';
import { plural } from '../text/plural';
import { normaliseRuleId } from './acknowledgements';

/**
 * The floor of `minimumBackupRetentionDays`: the 7 days of automated backups
 * the Safe constructs and components force (`backupRetention` is at least 7
 * days), which is also the catalogue's default minimum and a
 * `BackupAccountVault`'s default minimum retention. A minimum below it needs a
 * written reason.
 */
export const RETENTION_FLOOR_DAYS = 7;

/** The metadata type under which the CDK checks record their options on each stack of the cloud assembly. */
export const OPTIONS_METADATA_TYPE = 'deadbolt:options';

/** The id of the trace a front end reports (`deadbolt::suppressions`): a CDK warning or validation report entry. */
export const SUPPRESSIONS_ID = 'suppressions';

/** One severity override, as a front end was given it. */
export interface SeverityChoice {
  /** The rule id, without the `deadbolt::` prefix. */
  readonly ruleId: string;
  readonly severity: SeverityOverride;
  /** Why: required when `severity` is `off`. */
  readonly reason?: string;
}

/**
 * The options a front end judged with, as it records them (the data of the
 * `deadbolt:options` metadata entry of a cloud assembly's stacks).
 */
export interface OptionsRecord {
  /** Which front end: `DataProtectionChecks`, `DataProtectionPlugin`, `enforceDataProtection`. */
  readonly checker: string;
  /** The minimum retention judged against, in days. */
  readonly minimumBackupRetentionDays: number;
  /** Why the minimum is below `RETENTION_FLOOR_DAYS`, when it is. */
  readonly minimumBackupRetentionReason?: string;
  /** Every severity override given. */
  readonly severities: readonly SeverityChoice[];
  readonly nonProduction: boolean;
  /** CDK: synthesis skipped validation (`app.synth({ skipValidation: true })`); the checks judged as templates were written. */
  readonly validationSkipped?: boolean;
  /** Pulumi: `judgeAtExit: false`; the program fails on findings only if it awaits `enforce()`. */
  readonly judgeAtExit?: boolean;
}

/** How a front end names its options in messages. */
export interface OptionNames {
  /** The caller, for messages: `DataProtectionChecks`, `enforceDataProtection`. */
  readonly caller: string;
  /** The option holding the minimum retention: `minimumBackupRetention`, `minimumBackupRetentionDays`. */
  readonly retention: string;
  /** How to write a severity override with a reason, for one rule: `{ ruleId: '…', severity: FindingSeverity.OFF, reason: '…' }`. */
  readonly offWithReason: (ruleId: string) => string;
}

/**
 * Refuses the suppressions that lack a written reason: a rule turned `off`
 * (its findings would vanish from every report), and a minimum retention below
 * `RETENTION_FLOOR_DAYS`. A severity lowered to `warning` or `info` needs none:
 * its findings are still reported. Throws an `Error` worded for the caller.
 */
export function checkSuppressions(
  options: {
    readonly minimumBackupRetentionDays?: number;
    readonly minimumBackupRetentionReason?: string;
    readonly severities: readonly SeverityChoice[];
  },
  names: OptionNames,
): void {
  for (const s of options.severities) {
    if (s.severity === 'off' && !isWrittenReason(s.reason)) {
      throw new Error(
        `${names.caller}: \`severities\` turns \`${s.ruleId}\` off without a \`reason\`, and a rule that is off leaves no finding in any report. ` +
          `Write why: ${names.offWithReason(s.ruleId)} (a placeholder such as \`<why …>\` or \`TODO\` is not a reason), ` +
          'or keep the rule on and acknowledge the findings you accept, each with its reason.',
      );
    }
  }
  const days = options.minimumBackupRetentionDays;
  if (days !== undefined && days < RETENTION_FLOOR_DAYS && !isWrittenReason(options.minimumBackupRetentionReason)) {
    throw new Error(
      `${names.caller}: \`${names.retention}\` of ${plural(days, 'day')} is below the floor of ${plural(RETENTION_FLOOR_DAYS, 'day')} ` +
        '(the automated backup retention the Safe constructs force), so backups kept for less would pass. ' +
        `Write why in \`${names.retention}Reason\` (a placeholder such as \`<why …>\` or \`TODO\` is not a reason), or use at least ${plural(RETENTION_FLOOR_DAYS, 'day')}.`,
    );
  }
}

/** The severity overrides of a record, normalised: prefix removed, the last override of a rule wins. */
export function severityChoices(choices: readonly SeverityChoice[]): SeverityChoice[] {
  const byRule = new Map<string, SeverityChoice>();
  for (const c of choices) byRule.set(normaliseRuleId(c.ruleId), { ...c, ruleId: normaliseRuleId(c.ruleId) });
  return [...byRule.values()];
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/**
 * What a record weakens, one phrase each, in the order: rules off, severities
 * lowered below the catalogue's, the minimum retention below the floor,
 * non-production mode, validation skipped, judging at exit off. Empty when the
 * options weaken nothing (raising a severity, or a longer minimum, is not a
 * suppression).
 */
export function suppressions(record: OptionsRecord, names: Pick<OptionNames, 'retention'>): string[] {
  const out: string[] = [];
  const reason = (r: string | undefined) => (r !== undefined && r.trim() !== '' ? ` (reason: ${r.trim()})` : '');
  const choices = severityChoices(record.severities);
  for (const c of choices) if (c.severity === 'off') out.push(`rule ${c.ruleId} is off${reason(c.reason)}`);
  for (const c of choices) {
    if (c.severity === 'off') continue;
    const catalogue = ruleById(c.ruleId)?.severity;
    if (catalogue && RANK[c.severity] < RANK[catalogue])
      out.push(`rule ${c.ruleId} is lowered from ${catalogue} to ${c.severity}${reason(c.reason)}`);
  }
  if (record.minimumBackupRetentionDays < RETENTION_FLOOR_DAYS) {
    out.push(
      `${names.retention} ${plural(record.minimumBackupRetentionDays, 'day')} is below the floor of ${plural(RETENTION_FLOOR_DAYS, 'day')}${reason(record.minimumBackupRetentionReason)}`,
    );
  }
  if (record.nonProduction) out.push('nonProduction is on: every error is reported as a warning and nothing fails');
  if (record.validationSkipped) {
    out.push(
      'validation was skipped (`skipValidation`): Deadbolt judged the templates as synthesis wrote them instead',
    );
  }
  if (record.judgeAtExit === false) {
    out.push('judgeAtExit is false: the program fails on findings only if it awaits `enforcement.enforce()`');
  }
  return out;
}

/** The one-line trace of a record's suppressions (`Deadbolt: rule x is off (reason: …); …`), or undefined when there are none. */
export function suppressionTrace(record: OptionsRecord, names: Pick<OptionNames, 'retention'>): string | undefined {
  const list = suppressions(record, names);
  return list.length ? `Deadbolt: ${list.join('; ')}.` : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const OVERRIDES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'off']);

/**
 * Reads a `deadbolt:options` metadata entry's data back into a record, or
 * undefined when it is not one (an entry written by another version is read
 * for what it says, field by field).
 */
export function readOptionsRecord(data: unknown): OptionsRecord | undefined {
  if (!isObject(data) || typeof data.minimumBackupRetentionDays !== 'number') return undefined;
  const severities: SeverityChoice[] = [];
  for (const s of Array.isArray(data.severities) ? data.severities : []) {
    if (!isObject(s) || typeof s.ruleId !== 'string' || typeof s.severity !== 'string' || !OVERRIDES.has(s.severity))
      continue;
    severities.push({
      ruleId: s.ruleId,
      severity: s.severity as SeverityOverride,
      reason: typeof s.reason === 'string' ? s.reason : undefined,
    });
  }
  return {
    checker: typeof data.checker === 'string' ? data.checker : 'unknown',
    minimumBackupRetentionDays: data.minimumBackupRetentionDays,
    minimumBackupRetentionReason:
      typeof data.minimumBackupRetentionReason === 'string' ? data.minimumBackupRetentionReason : undefined,
    severities,
    nonProduction: data.nonProduction === true,
    validationSkipped: data.validationSkipped === true ? true : undefined,
    judgeAtExit: data.judgeAtExit === false ? false : undefined,
  };
}
