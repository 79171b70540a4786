import type { FixText, NormalisedResource, ResourceModel, Severity, StackDocument } from '../model';
import type { BackupCoverage } from './backup-coverage';

/** What a rule says about one resource: the fact, and the change that fixes it. */
export interface Violation {
  /** What is true of this resource, naming the property and quoting the value. */
  readonly message: string;
  readonly fix: FixText;
  /** Property path the violation is about (`Properties/DeletionProtection`, `DeletionPolicy`). */
  readonly location?: string;
  /** Set when the violation exists because a value could not be resolved. */
  readonly unresolved?: boolean;
  /** Tells apart several violations of one rule on one resource (a replica's region, a rule name). */
  readonly detail?: string;
  /** Overrides the rule's default severity for this violation (a transient type, say). */
  readonly severity?: Severity;
}

/** The options every rule may read, with their defaults filled in. */
export interface RuleOptions {
  /**
   * The minimum retention, in days, of everything deleted on a timer: automated backups, backup plan recovery
   * points and copies, point-in-time recovery periods, S3 noncurrent versions and expirations, log groups tagged as data.
   */
  readonly minimumBackupRetentionDays: number;
}

/** What a rule can see besides the resource: the whole model and shared, lazily built indexes. */
export interface RuleContext {
  readonly model: ResourceModel;
  readonly options: RuleOptions;
  /** Which resources backup plans select and where their copies go. Built once per evaluation. */
  readonly backupCoverage: () => BackupCoverage;
}

export type RuleOutput = Violation | readonly Violation[] | undefined | void;
export type ResourceEvaluator = (resource: NormalisedResource, ctx: RuleContext) => RuleOutput;
export type DocumentEvaluator = (document: StackDocument, ctx: RuleContext) => RuleOutput;

/** One entry of the catalogue. The id is a contract: never renamed, never reused. */
export interface Rule {
  /** Lowercase kebab-case, service first, naming the protection that must hold. */
  readonly id: string;
  /** The requirement, stated: "RDS databases have deletion protection on". */
  readonly title: string;
  /** One sentence: how the data is lost when the rule is broken. */
  readonly why: string;
  /** The fix in general terms, for the catalogue listing; findings carry the exact one. */
  readonly fix: string;
  readonly severity: Severity;
  /**
   * Types the rule judges; the engine dispatches on these: CloudFormation types
   * for the AWS dialects, Terraform types (`google_sql_database_instance`) for `google`.
   */
  readonly resourceTypes: readonly string[];
  /** Judges one CloudFormation resource (templates, CDK). */
  readonly cloudformation?: ResourceEvaluator;
  /** Judges one Terraform/Pulumi AWS provider resource. */
  readonly awsProvider?: ResourceEvaluator;
  /** Judges one Google Cloud resource (Terraform `google`/`google-beta`, `@pulumi/gcp`); only it runs on them. */
  readonly google?: ResourceEvaluator;
  /** Judges a whole document (stack settings), in either dialect. */
  readonly document?: DocumentEvaluator;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

/** Declares a rule, refusing ids that would not work as an acknowledgement or SARIF id. */
export function defineRule(rule: Rule): Rule {
  if (!ID.test(rule.id)) throw new Error(`Rule id \`${rule.id}\` must be lowercase kebab-case ([a-z0-9-]).`);
  if (!rule.cloudformation && !rule.awsProvider && !rule.google && !rule.document) {
    throw new Error(`Rule \`${rule.id}\` has no evaluator.`);
  }
  return Object.freeze(rule);
}

/** Normalises a rule's output to a list. */
export function violationsOf(out: RuleOutput): readonly Violation[] {
  if (!out) return [];
  return Array.isArray(out) ? out : [out as Violation];
}
