import type { Finding } from '@deadbolt/rules';
import { FindingSeverity } from './options';

/** The resource a finding is about, as the app knows it. */
export interface FindingResource {
  /** The resource's logical id in its template. */
  readonly logicalId: string;
  /** The CloudFormation resource type (named so because `type` is a reserved word in Go), e.g. `AWS::RDS::DBInstance`. */
  readonly resourceType: string;
  /**
   * The construct path of the resource, e.g. `Prod/Orders/Resource`.
   * @default - not known (a resource the construct tree does not hold)
   */
  readonly path?: string;
  /**
   * The stack the resource is in.
   * @default - not known
   */
  readonly stack?: string;
}

/** An acknowledgement that covers a finding: who accepted the risk, why, and until when. */
export interface FindingAcknowledgement {
  /** Why the risk is accepted. */
  readonly reason: string;
  /**
   * Where it was written: the construct path of the acknowledging construct.
   * @default - not known
   */
  readonly source?: string;
  /**
   * The last day it holds (`YYYY-MM-DD`, UTC).
   * @default - it does not expire
   */
  readonly expires?: string;
}

/**
 * One finding of the Deadbolt catalogue on one resource: what is wrong, why it loses data, and the fix.
 * `DataProtectionChecks.findings` lists them after each synthesis.
 */
export interface DataProtectionFinding {
  /** The rule id, e.g. `rds-deletion-protection` (`npx deadbolt rules` lists them). */
  readonly ruleId: string;
  /** The rule's one-line title. */
  readonly title: string;
  /** How the finding is treated: an error fails synthesis; an acknowledged finding is info. */
  readonly severity: FindingSeverity;
  /** The resource the finding is about. */
  readonly resource: FindingResource;
  /** What is true of the resource, naming the property and quoting the value. */
  readonly message: string;
  /** How the data is lost. */
  readonly why: string;
  /**
   * The exact change, in CDK terms. Props and calls are spelled as in TypeScript (`deletionProtection: true`); in a
   * Python, C# or Go app the text ends with how those names are spelled there (Python: snake_case keyword arguments).
   */
  readonly fix: string;
  /**
   * How to acknowledge this finding with a written reason, as a call in the app's language: in TypeScript
   * `Validations.of(scope).acknowledge({ id, reason })`, in Python
   * `Validations.of(scope).acknowledge(Acknowledgment(id=…, reason=…))` (the argument is variadic: no keyword arguments).
   */
  readonly acknowledgeWith: string;
  /**
   * The property the finding is about, e.g. `Properties/DeletionProtection`.
   * @default - the resource as a whole
   */
  readonly location?: string;
  /**
   * True when the finding exists because a value could not be resolved at synthesis (a token, a parameter).
   * @default false
   */
  readonly unresolved?: boolean;
  /**
   * The acknowledgement that covers the finding.
   * @default - none: the finding is not acknowledged
   */
  readonly acknowledged?: FindingAcknowledgement;
  /**
   * Why an acknowledgement that names this finding was refused (no reason, expired, dated too far ahead).
   * @default - none was refused
   */
  readonly acknowledgementRefused?: string;
}

const SEVERITIES: Readonly<Record<string, FindingSeverity>> = {
  error: FindingSeverity.ERROR,
  warning: FindingSeverity.WARNING,
  info: FindingSeverity.INFO,
};

/**
 * The engine's finding as the public struct. It is a copy: jsii hands structs to other languages by value, and the
 * engine's own type (with its every-idiom fixes) is not part of this package's API.
 */
export function publicFinding(f: Finding): DataProtectionFinding {
  const r = f.resource;
  const a = f.acknowledged;
  // Optional fields are present, undefined when absent, as in the engine's findings: code that compares a finding
  // with `{ acknowledged: undefined }` reads both alike.
  return {
    ruleId: f.ruleId,
    title: f.title,
    // A severity the enum lacks would be a new engine severity: report it as an error rather than drop it.
    severity: SEVERITIES[f.severity] ?? FindingSeverity.ERROR,
    resource: { logicalId: r.logicalId, resourceType: r.type, path: r.path, stack: r.stack },
    message: f.message,
    why: f.why,
    fix: f.fix,
    acknowledgeWith: f.acknowledgeWith,
    location: f.location,
    unresolved: f.unresolved ?? false,
    acknowledged: a ? { reason: a.reason, source: a.source, expires: a.expires } : undefined,
    acknowledgementRefused: f.acknowledgementRefused,
  };
}
