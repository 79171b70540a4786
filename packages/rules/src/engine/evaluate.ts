import {
  allResources,
  type Acknowledgement,
  type Finding,
  type Idiom,
  type NormalisedResource,
  type ResourceModel,
  type Severity,
  type SeverityOverride,
  type StackDocument,
  withEmbeddedDocuments,
} from '../model';
import { acknowledgementsInMetadata, refusal, type AcknowledgementLookup } from './acknowledgements';
import { BackupCoverage } from './backup-coverage';
import { judgeDetachedPart } from './detached-parts';
import { violationsOf, type Rule, type RuleContext, type Violation } from './rule';
import { messageInIdiom, whyInIdiom } from '../text/idiom-words';

export interface EvaluationOptions {
  /** The rules to run. @default the whole catalogue */
  readonly rules?: readonly Rule[];
  /**
   * The minimum retention in days: automated backups, backup plan recovery points and copies, point-in-time
   * recovery periods, S3 noncurrent versions and expirations, log groups tagged as data. @default 7
   */
  readonly minimumBackupRetentionDays?: number;
  /** Per-rule severity, or `off`. @default each rule's own severity */
  readonly severities?: Readonly<Record<string, SeverityOverride>>;
  /**
   * Explicit non-production mode: every error becomes a warning. Never inferred
   * from stack or account names. @default false
   */
  readonly nonProduction?: boolean;
  /** Which fix text and acknowledgement syntax findings carry. @default 'cloudformation' */
  readonly idiom?: Idiom;
  /** Extra acknowledgements besides those in resource metadata (CDK's, a file's). */
  readonly acknowledgements?: AcknowledgementLookup;
  /** The clock acknowledgement expiries are judged against. @default new Date() */
  readonly now?: Date;
  /**
   * How many days ahead an acknowledgement's expiry may be: one dated further ahead is refused.
   * An acknowledgement without an expiry holds until it is removed. @default 90
   */
  readonly maximumAcknowledgementDays?: number;
  /** How the front end's users set `maximumAcknowledgementDays`, for refusal messages. */
  readonly maximumAcknowledgementOption?: string;
}

export interface EvaluationResult {
  readonly findings: readonly Finding[];
  /** Findings that fail the run (severity `error`, not acknowledged). */
  readonly errors: number;
  readonly warnings: number;
  /** How many resources were judged. */
  readonly resources: number;
}

/**
 * Runs every rule over every resource and document of the model, and returns
 * findings in the front end's idiom. A rule that throws is reported as a
 * finding (fail closed), never skipped.
 */
export function evaluate(
  input: ResourceModel,
  options: EvaluationOptions & { rules: readonly Rule[] },
): EvaluationResult {
  // A stack set's template is a document of its own: every rule, and backup coverage, sees it.
  const model = withEmbeddedDocuments(input);
  const now = options.now ?? new Date();
  const idiom = options.idiom ?? 'cloudformation';
  let coverage: BackupCoverage | undefined;
  const ctx: RuleContext = {
    model,
    options: { minimumBackupRetentionDays: options.minimumBackupRetentionDays ?? 7 },
    backupCoverage: () => (coverage ??= new BackupCoverage(model)),
  };
  const byType = new Map<string, Rule[]>();
  const documentRules: Rule[] = [];
  for (const rule of options.rules) {
    if (options.severities?.[rule.id] === 'off') continue;
    for (const t of rule.resourceTypes) {
      let list = byType.get(t);
      if (!list) byType.set(t, (list = []));
      list.push(rule);
    }
    if (rule.document) documentRules.push(rule);
  }

  const findings: Finding[] = [];
  const resources = allResources(model);
  for (const resource of resources) {
    for (const rule of byType.get(resource.type) ?? []) {
      // The aws-provider dialect translates inputs into CloudFormation's shape, so a
      // rule's CloudFormation evaluator judges it unless the rule needs the provider's
      // own concepts (resource options, `forceDestroy`).
      // A Google resource has no CloudFormation shape: only a rule written for Google judges it.
      const evaluator =
        resource.dialect === 'google'
          ? rule.google
          : resource.dialect === 'cloudformation'
            ? rule.cloudformation
            : (rule.awsProvider ?? rule.cloudformation);
      if (!evaluator) continue;
      // A part resource whose target is not in the stack is judged for what its settings change.
      const violations = resource.detachedPart
        ? judgeDetachedPart(resource, resource.detachedPart, (r) => run(() => evaluator(r, ctx)))
        : run(() => evaluator(resource, ctx));
      for (const v of violations) {
        findings.push(finish(rule, v, resource.document, resource));
      }
    }
  }
  for (const doc of model.documents) {
    // Document rules judge CloudFormation stack settings (termination protection, stack policies), which a
    // Google Cloud configuration does not have: run on one, they would report a stack that does not exist.
    if (doc.dialect === 'google') continue;
    for (const rule of documentRules) {
      for (const v of run(() => rule.document!(doc, ctx))) findings.push(finish(rule, v, doc, undefined));
    }
  }
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    resources: resources.length,
  };

  function run(fn: () => unknown): readonly Violation[] {
    try {
      return violationsOf(fn() as Violation | Violation[] | undefined);
    } catch (e) {
      return [
        {
          message: `The rule could not judge this resource (${(e as Error).message}), so it cannot be proven safe.`,
          fix: {
            cloudformation:
              'Report this input to the Deadbolt maintainers; acknowledge the finding meanwhile if the resource is known to be safe.',
          },
          unresolved: true,
        },
      ];
    }
  }

  function finish(
    rule: Rule,
    v: Violation,
    document: StackDocument,
    resource: NormalisedResource | undefined,
  ): Finding {
    const override = options.severities?.[rule.id];
    let severity: Severity = override && override !== 'off' ? override : (v.severity ?? rule.severity);
    if (options.nonProduction && severity === 'error') severity = 'warning';
    const target = resource
      ? {
          key: resource.key,
          logicalId: resource.logicalId,
          type: resource.type,
          path: resource.location.path,
          template: resource.location.template,
          stack: resource.location.stack,
        }
      : {
          key: document.id,
          logicalId: document.name,
          // A Google document is a Terraform configuration or a Pulumi stack, not a CloudFormation stack.
          type: document.dialect === 'google' ? 'google:configuration' : 'AWS::CloudFormation::Stack',
          path: document.name,
          template: document.templatePath,
          stack: document.name,
        };
    const candidates: Acknowledgement[] = [
      // A finding about the stack itself is acknowledged in the template's top-level Metadata.
      ...(resource
        ? acknowledgementsInMetadata(resource.metadata, resource.location.path ?? resource.logicalId)
        : acknowledgementsInMetadata(document.metadata, document.name)),
      ...(options.acknowledgements?.(rule.id, { resource, document }) ?? []),
    ].filter((a) => a.ruleId === rule.id);
    let acknowledged: Acknowledgement | undefined;
    let acknowledgementRefused: string | undefined;
    for (const a of candidates) {
      const why = refusal(a, now, {
        maximumDays: options.maximumAcknowledgementDays,
        maximumOption: options.maximumAcknowledgementOption,
      });
      if (why) acknowledgementRefused ??= why;
      else {
        acknowledged = a;
        break;
      }
    }
    if (acknowledged) acknowledgementRefused = undefined;
    const fix = v.fix[idiom] ?? v.fix.cloudformation;
    return {
      ruleId: rule.id,
      title: rule.title,
      severity: acknowledged ? 'info' : severity,
      resource: target,
      message: messageInIdiom(
        `${embeddedIn(document, resource)}${v.detail && !v.message.includes(v.detail) ? `${v.detail}: ${v.message}` : v.message}`,
        idiom,
      ),
      why: whyInIdiom(rule.why, idiom),
      fix,
      fixes: v.fix,
      acknowledgeWith: acknowledgeWith(
        idiom,
        rule.id,
        target.path ?? target.logicalId,
        resource ? 'resource' : 'stack',
      ),
      location: v.location,
      unresolved: v.unresolved,
      acknowledged,
      acknowledgementRefused,
    };
  }
}

/**
 * Where a finding inside a stack set's template is, for front ends that can
 * only point at the stack set itself (a CDK annotation on the `CfnStackSet`):
 * "Stack set Baseline deploys resource Db: ". Empty elsewhere.
 */
function embeddedIn(document: StackDocument, resource: NormalisedResource | undefined): string {
  const outer = document.embeddedIn;
  if (!outer) return '';
  return `Stack set ${outer.logicalId} deploys ${resource ? `resource ${resource.logicalId}` : 'stacks'}: `;
}

/**
 * The line a user writes to accept one finding, with a reason, in their idiom.
 * `on` says whether `where` names a resource or a stack (a template): a
 * template acknowledges findings about its stack in its top-level `Metadata`.
 */
export function acknowledgeWith(
  idiom: Idiom,
  ruleId: string,
  where: string,
  on: 'resource' | 'stack' = 'resource',
): string {
  switch (idiom) {
    case 'cdk':
      return `Validations.of(<construct at ${where}>).acknowledge({ id: 'deadbolt::${ruleId}', reason: '<why the risk is accepted>' })`;
    case 'pulumi':
      return `enforceDataProtection({ acknowledge: [{ resource: '${where}', id: '${ruleId}', reason: '<why the risk is accepted>' }] })`;
    case 'terraform':
      // An entry of the YAML list `deadbolt check --acknowledgements FILE` reads; the address is single-quoted
      // (YAML doubles a single quote inside), since instance keys hold double quotes (`module.db["eu"]`).
      return `- { resource: '${where.replace(/'/g, "''")}', id: ${ruleId}, reason: '<why the risk is accepted>' } in the file given to \`deadbolt check --acknowledgements\``;
    default:
      return `Metadata: { deadbolt: { acknowledge: [{ id: ${ruleId}, reason: "<why the risk is accepted>" }] } } ${on === 'stack' ? `at the top level of ${where}` : `on ${where}`}`;
  }
}
