/**
 * What the transform and the policy pack share once they have recorded a
 * stack: the options users pass, the acknowledgements they write, and one call
 * into the catalogue (`readProviderModel` + `evaluate`), so both front ends
 * judge a stack the same way.
 */
import {
  evaluate,
  normaliseRuleId,
  readProviderModel,
  ruleById,
  type Acknowledgement,
  type AcknowledgementLookup,
  type EvaluationResult,
  type Finding,
  type ProviderDocumentInput,
  type ProviderResourceRecord,
  type SeverityOverride,
} from '@deadbolt/rules';

/** Accepting one finding on one resource, in writing. */
export interface DataProtectionAcknowledgement {
  /** The resource: its Pulumi name, or its URN when several resources share the name. */
  readonly resource: string;
  /** The rule id (`deadbolt rules` lists them), with or without the `deadbolt::` prefix. */
  readonly id: string;
  /** Why the risk is accepted. Required: an acknowledgement without a reason is refused and the finding stays. */
  readonly reason: string;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the acknowledgement holds; after it the finding is an error again.
   * @default - it does not expire
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
   * Severity per rule id (`error`, `warning`, `info` or `off`), overriding the catalogue's.
   * @default - every rule at its catalogue severity
   */
  readonly severities?: Readonly<Record<string, SeverityOverride>>;
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
}

/** The result of judging one stack. */
export interface DataProtectionJudgement extends EvaluationResult {
  /** `<project>/<stack>`. */
  readonly stack: string;
  /** What was judged: every AWS resource and provider, as recorded. */
  readonly records: readonly ProviderResourceRecord[];
  /**
   * What the user should know besides the findings: problems with the options
   * themselves (an acknowledgement that names no resource or no rule), and an
   * account that is not known.
   */
  readonly notes: readonly string[];
}

const SEVERITY_VALUES = new Set(['error', 'warning', 'info', 'off']);

/** Refuses options that cannot mean anything, with a message worded for the caller. */
export function checkJudgingArgs(args: DataProtectionJudgingArgs, caller: string): void {
  const days = args.minimumBackupRetentionDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(
      `${caller}: \`minimumBackupRetentionDays\` must be a whole number of days, at least 1; got ${JSON.stringify(days)}.`,
    );
  }
  for (const [id, severity] of Object.entries(args.severities ?? {})) {
    if (!ruleById(normaliseRuleId(id)))
      throw new Error(
        `${caller}: \`severities\` names \`${id}\`, which is not a Deadbolt rule id (\`npx deadbolt rules\` lists them).`,
      );
    if (!SEVERITY_VALUES.has(severity))
      throw new Error(
        `${caller}: the severity of \`${id}\` must be error, warning, info or off; got ${JSON.stringify(severity)}.`,
      );
  }
  if (args.account !== undefined && !/^\d{12}$/.test(args.account)) {
    throw new Error(`${caller}: \`account\` must be a 12-digit AWS account id; got ${JSON.stringify(args.account)}.`);
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
  });
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
  const model = readProviderModel(documentInput);
  const records = documentInput.resources;
  const byUrn = new Map(records.map((r) => [r.id, r]));
  const acks = (args.acknowledge ?? []).map((a, i) => ({
    ...a,
    ruleId: normaliseRuleId(a.id),
    source: `${options.caller} acknowledge[${i}]`,
  }));

  const lookup: AcknowledgementLookup = (ruleId, target) => {
    const out: Acknowledgement[] = [];
    for (const a of acks) {
      if (a.ruleId !== ruleId) continue;
      const matches = target.resource
        ? a.resource === target.resource.logicalId || a.resource === byUrn.get(target.resource.logicalId)?.name
        : a.resource === target.document.id ||
          a.resource === target.document.name ||
          a.resource === documentInput.id ||
          a.resource === documentInput.name;
      if (matches)
        out.push({
          ruleId,
          reason: typeof a.reason === 'string' ? a.reason : '',
          expires: a.expires,
          source: a.source,
        });
    }
    return out;
  };

  const result = evaluate(model, {
    idiom: 'pulumi',
    nonProduction: args.nonProduction ?? false,
    minimumBackupRetentionDays: args.minimumBackupRetentionDays,
    severities: normaliseSeverities(args.severities),
    acknowledgements: lookup,
    now,
  });

  const notes: string[] = [];
  const names = new Set(records.map((r) => r.name));
  for (const a of acks) {
    if (!ruleById(a.ruleId)) {
      notes.push(`${a.source} names the rule \`${a.id}\`, which is not a Deadbolt rule id; it acknowledges nothing.`);
    } else if (
      !byUrn.has(a.resource) &&
      !names.has(a.resource) &&
      a.resource !== documentInput.id &&
      a.resource !== documentInput.name
    ) {
      notes.push(
        `${a.source} names the resource \`${a.resource}\`, which is not an AWS resource of this stack (give its name or URN); it acknowledges nothing.`,
      );
    }
  }
  if (documentInput.account === undefined && records.some((r) => !r.type.startsWith('pulumi:providers:'))) {
    notes.push(unknownAccountNote(options.caller));
  }
  return { ...result, stack: documentInput.id, records, notes };
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

function normaliseSeverities(
  s: Readonly<Record<string, SeverityOverride>> | undefined,
): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  for (const [k, v] of Object.entries(s ?? {})) out[normaliseRuleId(k)] = v;
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
  const where = record ? (unique ? record.name : record.id) : f.resource.logicalId;
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
    const until = f.acknowledged.expires ? ` (until ${f.acknowledged.expires})` : '';
    return `${head}\n  ${where}\n  Acknowledged${until}: ${f.acknowledged.reason}`;
  }
  const refused = f.acknowledgementRefused ? `\n  Acknowledgement refused: ${f.acknowledgementRefused}` : '';
  return `${head}\n  ${where}\n  Why: ${f.why}\n  Fix: ${f.fix}${refused}\n  To accept the risk with a written reason: ${acknowledgeWith}`;
}
