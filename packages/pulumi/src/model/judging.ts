/**
 * What the transform and the policy pack share once they have recorded a
 * stack: the options users pass, the acknowledgements they write, and one call
 * into the catalogue (`readProviderModel` + `evaluate`), so both front ends
 * judge a stack the same way.
 */
import {
  acknowledgementTerm,
  evaluate,
  maximumAcknowledgementDaysProblem,
  normaliseRuleId,
  unknownRuleIdProblem,
  readGoogleModel,
  readProviderModel,
  ruleById,
  type Acknowledgement,
  type AcknowledgementLookup,
  type EvaluationResult,
  type Finding,
  type ProviderDocumentInput,
  type ProviderResourceRecord,
  type ResourceModel,
  type SeverityOverride,
  checkSuppressions,
  RETENTION_FLOOR_DAYS,
  suppressionTrace,
  type OptionsRecord,
  type SeverityChoice,
} from '@deadbolt/rules';
import { isGoogleType } from './policy-resources';

/** Accepting one finding on one resource, in writing. */
export interface DataProtectionAcknowledgement {
  /**
   * The resource: its URN; or the URN without its `urn:pulumi:<stack>::<project>::` head
   * (`<parent type>$<type>::<name>`, the same in every stack of the program); or its Pulumi name when no other
   * resource of the stack has that name. A name several resources share is refused (it would acknowledge each of
   * them), with a note listing their URNs.
   */
  readonly resource: string;
  /** The rule id (`deadbolt rules` lists them), with or without the `deadbolt::` prefix. */
  readonly id: string;
  /** Why the risk is accepted. Required: an acknowledgement without a reason is refused and the finding stays. */
  readonly reason: string;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the acknowledgement holds; after it the finding is an error again. At most
   * `maximumAcknowledgementDays` (90 by default) ahead: one dated further ahead is refused.
   * @default - it does not expire: it holds until it is removed
   */
  readonly expires?: string;
}

/** Options shared by `enforceDataProtection` and the policy pack. */
export interface DataProtectionJudgingArgs {
  /**
   * Findings accepted with a written reason.
   * @default - none
   */
  readonly acknowledge?: readonly DataProtectionAcknowledgement[];
  /**
   * Non-production mode: every error becomes a warning, so nothing fails. Set it
   * explicitly (say, from stack config you pass for a sandbox stack); Deadbolt
   * never infers it from names.
   * @default false
   */
  readonly nonProduction?: boolean;
  /**
   * The minimum retention, in days: how long automated backups, backup plan recovery points and copies, DynamoDB
   * point-in-time recovery, S3 noncurrent versions (and objects of unversioned buckets) and log groups tagged as data
   * must be kept.
   * @default 7
   */
  readonly minimumBackupRetentionDays?: number;
  /**
   * How many days ahead an acknowledgement's `expires` may be, from 1 to 365: one dated further ahead is refused,
   * and the refusal states the maximum. An acknowledgement without `expires` holds until it is removed.
   * @default 90
   */
  readonly maximumAcknowledgementDays?: number;
  /**
   * Severity per rule id (`error`, `warning`, `info` or `off`), overriding the catalogue's, or
   * `{ severity, reason }`. Turning a rule `off` needs a written reason (`{ severity: 'off', reason: '…' }`): a rule
   * that is off leaves no finding, so the reason is all that records the decision. Every suppression is logged once
   * per run as a warning.
   * @default - every rule at its catalogue severity
   */
  readonly severities?: Readonly<Record<string, SeverityOverride | DataProtectionSeverity>>;
  /**
   * Why `minimumBackupRetentionDays` is below the floor of 7 days (the automated backup retention the safe
   * components force). Required then: without it the options are refused.
   * @default - none; a minimum below 7 days is refused
   */
  readonly minimumBackupRetentionReason?: string;
  /**
   * The 12-digit AWS account resources without an explicit provider deploy to.
   * @default - the one account in config `aws:allowedAccountIds`, else unknown (no backup copy is then proven to leave the account)
   */
  readonly account?: string;
  /**
   * The region resources without an explicit provider deploy to.
   * @default - config `aws:region`
   */
  readonly region?: string;
  /**
   * The Google Cloud project `@pulumi/gcp` resources without a `project` of their own and without an explicit
   * provider are created in.
   * @default - config `gcp:project`, else unknown (no Backup and DR vault is then proven to be in another project)
   */
  readonly project?: string;
}

/** The result of judging one stack. */
export interface DataProtectionJudgement extends EvaluationResult {
  /** `<project>/<stack>`. */
  readonly stack: string;
  /** What was judged: every AWS and Google Cloud resource and provider, as recorded. */
  readonly records: readonly ProviderResourceRecord[];
  /**
   * What the user should know besides the findings: problems with the options
   * themselves (an acknowledgement that names no resource or no rule), and an
   * account that is not known.
   */
  readonly notes: readonly string[];
}

/** A rule's severity with the reason for it (required for `off`). */
export interface DataProtectionSeverity {
  readonly severity: SeverityOverride;
  /** Why: required when `severity` is `off`. */
  readonly reason?: string;
}

const SEVERITY_VALUES = new Set(['error', 'warning', 'info', 'off']);

/** The severity overrides as given, each with its reason: `severities` entries read in either form. */
export function severityChoicesOf(args: Pick<DataProtectionJudgingArgs, 'severities'>): SeverityChoice[] {
  return Object.entries(args.severities ?? {}).map(([id, v]) =>
    typeof v === 'string'
      ? { ruleId: normaliseRuleId(id), severity: v }
      : {
          ruleId: normaliseRuleId(id),
          severity: v?.severity,
          ...(v?.reason !== undefined ? { reason: v.reason } : {}),
        },
  );
}

/** The options a Pulumi front end judges with, as its trace reports them. */
export function optionsRecord(
  args: DataProtectionJudgingArgs & { readonly judgeAtExit?: boolean },
  checker: string,
): OptionsRecord {
  const days = args.minimumBackupRetentionDays ?? RETENTION_FLOOR_DAYS;
  return {
    checker,
    minimumBackupRetentionDays: days,
    ...(days < RETENTION_FLOOR_DAYS && args.minimumBackupRetentionReason !== undefined
      ? { minimumBackupRetentionReason: args.minimumBackupRetentionReason }
      : {}),
    severities: severityChoicesOf(args),
    nonProduction: args.nonProduction ?? false,
    ...(args.judgeAtExit === false ? { judgeAtExit: false } : {}),
  };
}

/** The one-line trace of the options' suppressions (`Deadbolt: rule … is off (reason: …); …`), if any. */
export function pulumiTrace(record: OptionsRecord): string | undefined {
  return suppressionTrace(record, { retention: 'minimumBackupRetentionDays' });
}

/** Refuses options that cannot mean anything, with a message worded for the caller. */
export function checkJudgingArgs(args: DataProtectionJudgingArgs, caller: string): void {
  const days = args.minimumBackupRetentionDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(
      `${caller}: \`minimumBackupRetentionDays\` must be a whole number of days, at least 1; got ${JSON.stringify(days)}.`,
    );
  }
  for (const [id, given] of Object.entries(args.severities ?? {})) {
    if (!ruleById(normaliseRuleId(id)))
      throw new Error(
        `${caller}: \`severities\` names \`${id}\`, which is not a Deadbolt rule id (\`npx deadbolt rules\` lists them).`,
      );
    const severity = typeof given === 'object' && given !== null ? given.severity : given;
    if (!SEVERITY_VALUES.has(severity))
      throw new Error(
        `${caller}: the severity of \`${id}\` must be error, warning, info or off; got ${JSON.stringify(given)}.`,
      );
  }
  // A rule turned off and a minimum under the floor each need a written reason.
  checkSuppressions(
    {
      minimumBackupRetentionDays: days,
      minimumBackupRetentionReason: args.minimumBackupRetentionReason,
      severities: severityChoicesOf(args),
    },
    {
      caller,
      retention: 'minimumBackupRetentionDays',
      offWithReason: (ruleId) =>
        `\`severities: { '${ruleId}': { severity: 'off', reason: '<why no finding of this rule matters here>' } }\``,
    },
  );
  const maxAck = maximumAcknowledgementDaysProblem(args.maximumAcknowledgementDays, 'maximumAcknowledgementDays');
  if (maxAck) throw new Error(`${caller}: ${maxAck}`);
  if (args.account !== undefined && !/^\d{12}$/.test(args.account)) {
    throw new Error(`${caller}: \`account\` must be a 12-digit AWS account id; got ${JSON.stringify(args.account)}.`);
  }
  if (args.project !== undefined && !isGoogleProjectId(args.project)) {
    throw new Error(
      `${caller}: \`project\` must be a Google Cloud project id (6 to 30 lowercase letters, digits and hyphens, starting with a letter); got ${JSON.stringify(args.project)}.`,
    );
  }
  (args.acknowledge ?? []).forEach((a, i) => {
    if (
      !a ||
      typeof a.resource !== 'string' ||
      a.resource.trim() === '' ||
      typeof a.id !== 'string' ||
      a.id.trim() === ''
    ) {
      throw new Error(
        `${caller}: \`acknowledge[${i}]\` must name a \`resource\` (its name or URN) and a rule \`id\`; got ${JSON.stringify(a)}.`,
      );
    }
    // A misspelt rule id would acknowledge nothing while the finding stays an error with no word on why.
    const unknown = unknownRuleIdProblem(a.id);
    if (unknown) throw new Error(`${caller}: \`acknowledge[${i}]\` names an ${unknown}`);
  });
}

/**
 * A Google Cloud project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending
 * with a hyphen.
 * @see https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin
 */
export function isGoogleProjectId(id: unknown): id is string {
  return typeof id === 'string' && /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(id);
}

/** The stack and project a URN belongs to. */
export function stackOfUrn(urn: string): { stack: string; project: string } | undefined {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
  return m ? { stack: m[1], project: m[2] } : undefined;
}

/** The one account a provider's `allowedAccountIds` allows (a list, or the JSON string config holds), if exactly one. */
export function singleAccount(allowed: unknown): string | undefined {
  let list = allowed;
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list);
    } catch {
      list = [list];
    }
  }
  if (!Array.isArray(list) || list.length !== 1) return undefined;
  const only = String(list[0]);
  return /^\d{12}$/.test(only) ? only : undefined;
}

/**
 * Runs the catalogue over one recorded stack, with the user's acknowledgements.
 * `documentInput.resources` must hold every record, providers included.
 */
export function judgeStack(
  documentInput: ProviderDocumentInput,
  args: DataProtectionJudgingArgs,
  options: { readonly caller: string; readonly now?: Date },
): DataProtectionJudgement {
  const now = options.now;
  const model = stackModel(documentInput);
  const records = documentInput.resources;
  const acks = (args.acknowledge ?? []).map((a, i) => ({
    ...a,
    ruleId: normaliseRuleId(a.id),
    source: `${options.caller} acknowledge[${i}]`,
  }));

  // What each acknowledgement's `resource` names: one URN, several (a name resources share: refused), or none.
  const named = acks.map((a) => matchingUrns(a.resource, records));
  const lookup: AcknowledgementLookup = (ruleId, target) => {
    const out: Acknowledgement[] = [];
    acks.forEach((a, i) => {
      if (a.ruleId !== ruleId) return;
      const urns = named[i];
      const matches = target.resource
        ? urns.includes(target.resource.logicalId)
        : a.resource === target.document.id ||
          a.resource === target.document.name ||
          a.resource === documentInput.id ||
          a.resource === documentInput.name;
      if (!matches) return;
      out.push({
        ruleId,
        reason: typeof a.reason === 'string' ? a.reason : '',
        expires: a.expires,
        source: a.source,
        ...(target.resource && urns.length > 1 ? { problem: ambiguousName(a, urns) } : {}),
      });
    });
    return out;
  };

  const result = evaluate(model, {
    idiom: 'pulumi',
    nonProduction: args.nonProduction ?? false,
    minimumBackupRetentionDays: args.minimumBackupRetentionDays,
    severities: normaliseSeverities(args.severities),
    acknowledgements: lookup,
    now,
    maximumAcknowledgementDays: args.maximumAcknowledgementDays,
  });

  const notes: string[] = [];
  acks.forEach((a, i) => {
    const urns = named[i];
    if (urns.length > 1) notes.push(`${ambiguousName(a, urns)}`);
    else if (urns.length === 0 && a.resource !== documentInput.id && a.resource !== documentInput.name) {
      notes.push(
        `${a.source} names the resource \`${a.resource}\`, which is not ${resourceKinds(records)} resource of this stack (give its name or URN); it acknowledges nothing.`,
      );
    }
  });
  const judged = records.filter((r) => !r.type.startsWith('pulumi:providers:'));
  if (documentInput.account === undefined && judged.some((r) => !isGoogleType(r.type))) {
    notes.push(unknownAccountNote(options.caller));
  }
  if (documentInput.project === undefined && judged.some((r) => isGoogleType(r.type))) {
    notes.push(unknownProjectNote(options.caller));
  }
  return { ...result, stack: documentInput.id, records, notes };
}

/**
 * The catalogue's model of one recorded stack: `@pulumi/gcp` resources and providers through the Google dialect
 * (`readGoogleModel`), the rest through the AWS provider dialect (`readProviderModel`). A stack of one cloud reads
 * exactly as that cloud's reader reads it; a stack of both gets one document from each.
 */
export function stackModel(documentInput: ProviderDocumentInput): ResourceModel {
  const google = documentInput.resources.filter((r) => isGoogleType(r.type));
  if (google.length === 0) return readProviderModel(documentInput);
  const googleModel = readGoogleModel({ ...documentInput, resources: google });
  const rest = documentInput.resources.filter((r) => !isGoogleType(r.type));
  if (rest.length === 0) return googleModel;
  return {
    documents: [...readProviderModel({ ...documentInput, resources: rest }).documents, ...googleModel.documents],
  };
}

/** `an AWS`, `a Google Cloud` or `an AWS or Google Cloud`: what the stack's judged resources are. */
function resourceKinds(records: readonly ProviderResourceRecord[]): string {
  const google = records.some((r) => isGoogleType(r.type));
  const other = records.some((r) => !isGoogleType(r.type));
  return google && !other ? 'a Google Cloud' : google ? 'an AWS or Google Cloud' : 'an AWS';
}

/**
 * The note for a stack whose default Google Cloud project is not known: which rules it weakens, and the two ways
 * to give it, worded for the caller.
 */
export function unknownProjectNote(caller: string): string {
  return (
    'The Google Cloud project this stack deploys to is not known, so no Backup and DR vault can be proven to be in another project ' +
    '(the rules that need backups outside the project fail closed). ' +
    `Pass it to ${caller}({ project: '<project id>' }), or set the stack's \`gcp:project\` config.`
  );
}

/**
 * The note for a stack whose account is not known: which rules it weakens, and
 * the two ways to give it, worded for the caller.
 */
export function unknownAccountNote(caller: string): string {
  return (
    `The AWS account this stack deploys to is not known, so no backup copy or replication can be proven to leave it ` +
    '(the cross-account rules fail closed). ' +
    `Pass it to ${caller}({ account: '<12-digit account id>' }), or set the stack's \`aws:allowedAccountIds\` config to that one account.`
  );
}

/**
 * The URNs an acknowledgement's `resource` names: a URN names itself; `<types>::<name>` (a URN without its
 * `urn:pulumi:<stack>::<project>::` head) the resource whose URN ends so; a bare name every resource of that name.
 * @see https://www.pulumi.com/docs/iac/concepts/resources/names/#urns
 */
function matchingUrns(resource: string, records: readonly ProviderResourceRecord[]): string[] {
  if (resource.startsWith('urn:pulumi:')) return records.some((r) => r.id === resource) ? [resource] : [];
  if (resource.includes('::')) return records.filter((r) => urnTail(r.id) === resource).map((r) => r.id);
  return records.filter((r) => r.name === resource).map((r) => r.id);
}

/** `urn:pulumi:dev::shop::app:Store$aws:rds/instance:Instance::db` → `app:Store$aws:rds/instance:Instance::db`. */
function urnTail(urn: string): string | undefined {
  const m = /^urn:pulumi:[^:]*::[^:]*::(.*)$/.exec(urn);
  return m ? m[1] : undefined;
}

/** Why an acknowledgement by a name several resources share is refused, and the URNs to choose from. */
function ambiguousName(a: { readonly source: string; readonly resource: string }, urns: readonly string[]): string {
  const shown = urns.slice(0, 10).map((u) => `\`${u}\``);
  const more = urns.length > 10 ? ` and ${urns.length - 10} more` : '';
  return `${a.source} names the resource \`${a.resource}\`, the name of ${urns.length} resources of this stack (${shown.join(', ')}${more}), so it acknowledges none of them: give the URN of the one you mean (or its \`<type>::<name>\` tail, the same in every stack).`;
}

function normaliseSeverities(s: DataProtectionJudgingArgs['severities']): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  for (const c of severityChoicesOf({ severities: s })) out[c.ruleId] = c.severity;
  return out;
}

/** How a finding's resource is named to a Pulumi user: name, type token and URN. */
export function describeResource(f: Finding, records: readonly ProviderResourceRecord[]): string {
  const record = records.find((r) => r.id === f.resource.logicalId);
  if (!record) return `stack ${f.resource.logicalId}`;
  return `${record.name} (${record.type}) ${record.id}`;
}

/**
 * The line that acknowledges one finding: by name when the name is unique in
 * the stack, by URN otherwise.
 */
export function acknowledgementLine(
  f: Finding,
  records: readonly ProviderResourceRecord[],
  caller = 'enforceDataProtection',
): string {
  const record = records.find((r) => r.id === f.resource.logicalId);
  const unique = record && records.filter((r) => r.name === record.name).length === 1;
  // A name several resources share is refused; the URN's tail names one resource in every stack of the program.
  const where = record ? (unique ? record.name : (urnTail(record.id) ?? record.id)) : f.resource.logicalId;
  return `${caller}({ acknowledge: [{ resource: '${where}', id: '${f.ruleId}', reason: '<why the risk is accepted>' }] })`;
}

/** The full text of one finding: what is wrong, on which resource, why it loses data, the fix, and how to accept it. */
export function findingText(
  f: Finding,
  records: readonly ProviderResourceRecord[],
  acknowledgeWith = acknowledgementLine(f, records),
): string {
  const head = `[deadbolt::${f.ruleId}] ${f.title}. ${f.message}`;
  const where = `Resource: ${describeResource(f, records)}`;
  if (f.acknowledged) {
    return `${head}\n  ${where}\n  Acknowledged (${acknowledgementTerm(f.acknowledged)}): ${f.acknowledged.reason}`;
  }
  const refused = f.acknowledgementRefused ? `\n  Acknowledgement refused: ${f.acknowledgementRefused}` : '';
  return `${head}\n  ${where}\n  Why: ${f.why}\n  Fix: ${f.fix}${refused}\n  To accept the risk with a written reason: ${acknowledgeWith}`;
}
