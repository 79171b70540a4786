import { Duration } from 'aws-cdk-lib';
import {
  checkSuppressions,
  maximumAcknowledgementDaysProblem,
  ruleById,
  RETENTION_FLOOR_DAYS,
  severityChoices,
  type EvaluationOptions,
  type OptionsRecord,
  type SeverityOverride,
} from '@deadbolt/rules';

/** How a rule's findings are treated. */
export enum FindingSeverity {
  /** Fails synthesis. */
  ERROR = 'error',
  /** Reported; synthesis goes on. */
  WARNING = 'warning',
  /** Reported for the record. */
  INFO = 'info',
  /** The rule does not run. */
  OFF = 'off',
}

/** A severity for one rule, overriding the catalogue's default. */
export interface RuleSeverity {
  /** The rule id, e.g. `rds-deletion-protection` (`deadbolt rules` lists them). */
  readonly ruleId: string;
  /** The severity its findings get. */
  readonly severity: FindingSeverity;
  /**
   * Why. Required with `FindingSeverity.OFF` (a rule that is off leaves no finding in any report, so the reason is
   * all that records the decision); optional otherwise (lowered findings are still reported). It is recorded in the
   * cloud assembly and shown in the `deadbolt::suppressions` warning.
   * @default - no reason
   */
  readonly reason?: string;
}

/** Options shared by `DataProtectionChecks` and `DataProtectionPlugin`. */
export interface DataProtectionOptions {
  /**
   * The minimum retention: how long automated backups, backup plan recovery points and copies, DynamoDB
   * point-in-time recovery, S3 noncurrent versions (and objects of unversioned buckets) and log groups tagged as data
   * must be kept.
   * Below 7 days (the automated backup retention the Safe constructs force) it needs `minimumBackupRetentionReason`.
   * @default Duration.days(7)
   */
  readonly minimumBackupRetention?: Duration;
  /**
   * Why `minimumBackupRetention` is below the floor of 7 days. Required then: without it the checks refuse to
   * start. Recorded in the cloud assembly and shown in the `deadbolt::suppressions` warning.
   * @default - none; a minimum below 7 days is refused
   */
  readonly minimumBackupRetentionReason?: string;
  /**
   * Severity per rule, overriding the catalogue's defaults.
   * @default - every rule at its catalogue severity
   */
  readonly severities?: RuleSeverity[];
  /**
   * Non-production mode: every error becomes a warning, so synthesis passes.
   * Set it explicitly (say, from a context value you pass for a sandbox stage);
   * Deadbolt never infers it from names.
   * @default false
   */
  readonly nonProduction?: boolean;
  /**
   * How many days ahead an acknowledgement's expiry may be, from 1 to 365: one dated further ahead is refused, and
   * the refusal states the maximum. An acknowledgement without an expiry holds until it is removed.
   * @default 90
   */
  readonly maximumAcknowledgementDays?: number;
}

/** How the CDK front ends name their options in messages. */
function optionNames(caller: string) {
  return {
    caller,
    retention: 'minimumBackupRetention',
    offWithReason: (ruleId: string) =>
      `\`{ ruleId: '${ruleId}', severity: FindingSeverity.OFF, reason: '<why no finding of this rule matters here>' }\``,
  };
}

/**
 * Turns the jsii-friendly props into the engine's options. Throws when a rule
 * id is not the catalogue's, a rule is turned off without a written reason, or
 * the minimum retention is below the floor of 7 days without one.
 */
export function engineOptions(props: DataProtectionOptions, caller = 'DataProtectionChecks'): EvaluationOptions {
  const severities: Record<string, SeverityOverride> = {};
  for (const s of props.severities ?? []) {
    const ruleId = s.ruleId.replace(/^deadbolt::/, '');
    // A misspelt id would turn nothing off, or raise nothing, with no word said.
    if (!ruleById(ruleId)) {
      throw new Error(
        `${caller}: \`severities\` names \`${s.ruleId}\`, which is not a Deadbolt rule id (\`npx deadbolt rules\` lists them).`,
      );
    }
    severities[ruleId] = s.severity as SeverityOverride;
  }
  const days = props.minimumBackupRetention?.toDays();
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(`\`minimumBackupRetention\` must be a whole number of days, at least 1; got ${days}.`);
  }
  checkSuppressions(
    {
      minimumBackupRetentionDays: days,
      minimumBackupRetentionReason: props.minimumBackupRetentionReason,
      severities: (props.severities ?? []).map((s) => ({ ...s, severity: s.severity as SeverityOverride })),
    },
    optionNames(caller),
  );
  const maxAckProblem = maximumAcknowledgementDaysProblem(
    props.maximumAcknowledgementDays,
    'maximumAcknowledgementDays',
  );
  if (maxAckProblem) throw new Error(`${caller}: ${maxAckProblem}`);
  return {
    minimumBackupRetentionDays: days,
    severities,
    nonProduction: props.nonProduction ?? false,
    idiom: 'cdk',
    maximumAcknowledgementDays: props.maximumAcknowledgementDays,
  };
}

/**
 * The options as the checks record them in the cloud assembly (`deadbolt:options` metadata on each stack) and in
 * the plugin's report, for `deadbolt check` to show.
 */
export function optionsRecord(props: DataProtectionOptions, checker: string): OptionsRecord {
  const days = props.minimumBackupRetention?.toDays() ?? RETENTION_FLOOR_DAYS;
  return {
    checker,
    minimumBackupRetentionDays: days,
    ...(props.minimumBackupRetentionReason !== undefined && days < RETENTION_FLOOR_DAYS
      ? { minimumBackupRetentionReason: props.minimumBackupRetentionReason }
      : {}),
    severities: severityChoices(
      (props.severities ?? []).map((s) => ({
        ruleId: s.ruleId,
        severity: s.severity as SeverityOverride,
        ...(s.reason !== undefined ? { reason: s.reason } : {}),
      })),
    ),
    nonProduction: props.nonProduction ?? false,
  };
}
