import { Duration } from 'aws-cdk-lib';
import type { EvaluationOptions, SeverityOverride } from '@deadbolt/rules';

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
}

/** Options shared by `DataProtectionChecks` and `DataProtectionPlugin`. */
export interface DataProtectionOptions {
  /**
   * The minimum retention: how long automated backups, backup plan recovery points and copies, DynamoDB
   * point-in-time recovery, S3 noncurrent versions (and objects of unversioned buckets) and log groups tagged as data
   * must be kept.
   * @default Duration.days(7)
   */
  readonly minimumBackupRetention?: Duration;
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
}

/** Turns the jsii-friendly props into the engine's options. */
export function engineOptions(props: DataProtectionOptions): EvaluationOptions {
  const severities: Record<string, SeverityOverride> = {};
  for (const s of props.severities ?? [])
    severities[s.ruleId.replace(/^deadbolt::/, '')] = s.severity as SeverityOverride;
  const days = props.minimumBackupRetention?.toDays();
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(`\`minimumBackupRetention\` must be a whole number of days, at least 1; got ${days}.`);
  }
  return {
    minimumBackupRetentionDays: days,
    severities,
    nonProduction: props.nonProduction ?? false,
    idiom: 'cdk',
  };
}
