import {
  allResources,
  type Acknowledgement,
  type NormalisedResource,
  type ResourceModel,
  type StackDocument,
} from '../model';
import { RULE_IDS } from '../rules';
import { isWrittenReason } from '../text/written-reason';

/** The resource metadata key under which templates carry acknowledgements. */
export const METADATA_KEY = 'deadbolt';

/**
 * Reads acknowledgements written into a template, on the resource:
 * `Metadata: { deadbolt: { acknowledge: [{ id: rds-deletion-protection, reason: "…", expires: 2027-01-31 }] } }`.
 * `id` may carry the CDK plugin prefix (`deadbolt::rds-deletion-protection`).
 */
export function acknowledgementsInMetadata(
  metadata: Readonly<Record<string, unknown>> | undefined,
  source: string,
): Acknowledgement[] {
  const block = metadata?.[METADATA_KEY] as { acknowledge?: unknown } | undefined;
  const list = block?.acknowledge;
  if (!Array.isArray(list)) return [];
  const out: Acknowledgement[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.id !== 'string') continue;
    out.push({
      ruleId: normaliseRuleId(e.id),
      reason: typeof e.reason === 'string' ? e.reason : '',
      expires:
        e.expires instanceof Date ? e.expires.toISOString() : typeof e.expires === 'string' ? e.expires : undefined,
      source,
    });
  }
  return out;
}

/** `deadbolt::rds-deletion-protection` and `rds-deletion-protection` name the same rule. */
export function normaliseRuleId(id: string): string {
  return id.replace(/^deadbolt::/, '').trim();
}

/**
 * How far ahead an acknowledgement's expiry may be, in days, unless the front end's option says otherwise: an
 * acknowledgement is a decision to revisit, not a standing exception.
 */
export const DEFAULT_MAXIMUM_ACKNOWLEDGEMENT_DAYS = 90;

/** The largest `maximumAcknowledgementDays` a front end accepts: a year. */
export const MAXIMUM_ACKNOWLEDGEMENT_DAYS_LIMIT = 365;

/** How acknowledgements are judged. */
export interface AcknowledgementPolicy {
  /** How many days ahead of today (UTC) an expiry may be. @default DEFAULT_MAXIMUM_ACKNOWLEDGEMENT_DAYS */
  readonly maximumDays?: number;
  /** How the front end's users set the maximum, for the refusal message. @default '`maximumAcknowledgementDays`' */
  readonly maximumOption?: string;
}

const DAY_MS = 24 * 3600 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why a `maximumAcknowledgementDays` option cannot be used (not a whole number from 1 to 365), or
 * undefined when it can. `option` is how the front end spells it.
 */
export function maximumAcknowledgementDaysProblem(days: unknown, option: string): string | undefined {
  if (days === undefined) return undefined;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAXIMUM_ACKNOWLEDGEMENT_DAYS_LIMIT) {
    return `\`${option}\` must be a whole number of days from 1 to ${MAXIMUM_ACKNOWLEDGEMENT_DAYS_LIMIT}; got ${JSON.stringify(days)}.`;
  }
  return undefined;
}

/** Why an acknowledgement cannot be honoured, or undefined when it can. */
export function refusal(ack: Acknowledgement, now: Date, policy: AcknowledgementPolicy = {}): string | undefined {
  if (ack.problem) return ack.problem;
  if (!isWrittenReason(ack.reason)) {
    return `the acknowledgement of ${ack.ruleId}${ack.source ? ` at ${ack.source}` : ''} has no reason; write why the risk is accepted (a placeholder such as \`<why …>\` or \`TODO\` is not a reason).`;
  }
  if (ack.expires !== undefined) {
    const t = Date.parse(ack.expires);
    if (Number.isNaN(t))
      return `the acknowledgement of ${ack.ruleId} has an expiry ${JSON.stringify(ack.expires)} that is not a date (use YYYY-MM-DD).`;
    // A date without a time stays valid through that whole day (UTC).
    const dateOnly = DATE_ONLY.test(ack.expires);
    const end = dateOnly ? t + DAY_MS : t;
    if (now.getTime() >= end) return `the acknowledgement of ${ack.ruleId} expired on ${ack.expires}.`;
    const days = policy.maximumDays ?? DEFAULT_MAXIMUM_ACKNOWLEDGEMENT_DAYS;
    // A date counts through its whole day, so it may be at most `days` after today; a timestamp at most `days`×24 hours from now.
    const latest = dateOnly ? Date.parse(utcDate(now)) + days * DAY_MS : now.getTime() + days * DAY_MS;
    if (t > latest) {
      return `the acknowledgement of ${ack.ruleId} expires on ${ack.expires}, more than ${days} days ahead, the maximum (${policy.maximumOption ?? '`maximumAcknowledgementDays`'}): use a date no later than ${utcDate(new Date(latest))}, and renew it then.`;
    }
  }
  return undefined;
}

/** `YYYY-MM-DD` of a moment, in UTC. */
function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** How long an honoured acknowledgement holds, in words for a report: `until 2027-01-31`, or that it does not expire. */
export function acknowledgementTerm(ack: Acknowledgement): string {
  return ack.expires ? `until ${ack.expires}` : 'no expiry: it holds until it is removed';
}

/** Longest id the closest-id search compares: longer text is no rule id, and the search is quadratic in length. */
const MAX_ID_LENGTH = 200;

/**
 * The catalogue's rule id closest to `id` (edit distance, case-insensitive, the `deadbolt::` prefix ignored), or
 * undefined when none is close enough to be what was meant (more edits than a third of the id, at least 2).
 */
export function closestRuleId(id: string, known: readonly string[] = RULE_IDS): string | undefined {
  const text = normaliseRuleId(id).toLowerCase().slice(0, MAX_ID_LENGTH);
  const allowed = Math.max(2, Math.floor(text.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const d = editDistance(text, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Why `id` names no rule of the catalogue (`unknown rule id x; did you mean y?`), or undefined when it names one.
 * `prefix` is put before the suggested id, for front ends whose ids carry one (`deadbolt::`).
 */
export function unknownRuleIdProblem(
  id: string,
  options: { readonly known?: readonly string[]; readonly prefix?: string } = {},
): string | undefined {
  const known = options.known ?? RULE_IDS;
  const ruleId = normaliseRuleId(id);
  if (known.includes(ruleId)) return undefined;
  const closest = closestRuleId(ruleId, known);
  const shown = JSON.stringify(id.length > MAX_ID_LENGTH ? `${id.slice(0, MAX_ID_LENGTH)}…` : id);
  return closest
    ? `unknown rule id ${shown}; did you mean \`${options.prefix ?? ''}${closest}\`? (\`npx deadbolt rules\` lists them)`
    : `unknown rule id ${shown}; \`npx deadbolt rules\` lists the rule ids.`;
}

/** Levenshtein distance, or `limit` as soon as it is certain to be at least `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = row;
  }
  return Math.min(prev[b.length], limit);
}

/** An acknowledgement that names no rule of the catalogue, and where it is written. */
export interface UnknownAcknowledgement {
  readonly document: StackDocument;
  /** The resource whose `Metadata` holds it; absent when the template's top-level `Metadata` does. */
  readonly resource?: NormalisedResource;
  /** `unknown rule id "x"; did you mean \`y\`? …` */
  readonly problem: string;
}

/**
 * The acknowledgements written as template metadata (on a resource, or at the top level of a template) that name
 * no rule of the catalogue. An acknowledgement of a rule that does not exist acknowledges nothing: front ends refuse
 * the input rather than pass it in silence.
 */
export function unknownMetadataAcknowledgements(
  model: ResourceModel,
  known: readonly string[] = RULE_IDS,
): UnknownAcknowledgement[] {
  const out: UnknownAcknowledgement[] = [];
  const check = (
    metadata: Readonly<Record<string, unknown>> | undefined,
    document: StackDocument,
    resource?: NormalisedResource,
  ) => {
    for (const a of acknowledgementsInMetadata(metadata, '')) {
      const problem = unknownRuleIdProblem(a.ruleId, { known });
      if (problem) out.push({ document, resource, problem });
    }
  };
  for (const doc of model.documents) check(doc.metadata, doc);
  for (const r of allResources(model)) check(r.metadata, r.document, r);
  return out;
}

/** The namespace of Deadbolt's ids in CDK (`Validations.of(scope).acknowledge({ id: 'deadbolt::<rule>' })`). */
export const CDK_RULE_PREFIX = 'deadbolt::';

/** What an id recorded by CDK's `Validations.of(scope).acknowledge` means to Deadbolt. */
export type CdkAcknowledgementId =
  /** `deadbolt::<rule>`: the one form both CDK front ends accept. */
  | { readonly kind: 'rule'; readonly ruleId: string }
  /** A rule id without the prefix (CDK records it as `Annotation::<rule>`): refused, with `problem`. */
  | { readonly kind: 'unprefixed'; readonly ruleId: string; readonly problem: string }
  /** `deadbolt::<not a rule>`, or an unprefixed id close to a rule id: refused, with `problem`. */
  | { readonly kind: 'unknown'; readonly problem: string }
  /** `…<rule>[acknowledgement-refused…`: an attempt to accept a refusal, which the CDK front ends refuse. */
  | { readonly kind: 'refused-marker' }
  /** Another plugin's id, or a CDK annotation's: not Deadbolt's to judge. */
  | { readonly kind: 'other' };

/**
 * Reads one id CDK recorded for `Validations.of(scope).acknowledge({ id })`. CDK files an id without a namespace under
 * its construct annotations (`Annotation::<id>`), and CDK's validation report matches a plugin's findings only under
 * the plugin's own namespace (`deadbolt::<rule>`), so that is the one form the aspect, the plugin and
 * `deadbolt check cdk.out` accept; an unprefixed rule id is refused with a message saying so, never half-honoured.
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.Validations.html
 */
export function readCdkAcknowledgementId(id: string, known: readonly string[] = RULE_IDS): CdkAcknowledgementId {
  if (id.includes('[acknowledgement-refused')) return { kind: 'refused-marker' };
  const sep = id.indexOf('::');
  const namespace = sep < 0 ? undefined : id.slice(0, sep);
  const name = sep < 0 ? id : id.slice(sep + 2);
  // `deadbolt::suppressions` is the trace of the checks' own options (`SUPPRESSIONS_ID`), not a rule: CDK's to accept.
  if (namespace === 'deadbolt' && name === 'suppressions') return { kind: 'other' };
  if (namespace === 'deadbolt') {
    const problem = unknownRuleIdProblem(name, { known, prefix: CDK_RULE_PREFIX });
    return problem ? { kind: 'unknown', problem: `\`${id}\` names an ${problem}` } : { kind: 'rule', ruleId: name };
  }
  if (namespace !== undefined && namespace !== 'Annotation' && namespace !== 'annotation') return { kind: 'other' };
  if (known.includes(name)) {
    return {
      kind: 'unprefixed',
      ruleId: name,
      problem: `the acknowledgement of ${name} is written without the \`${CDK_RULE_PREFIX}\` prefix (\`${name}\`, which CDK files as a construct annotation, \`Annotation::${name}\`, and its validation report does not match); write \`{ id: '${CDK_RULE_PREFIX}${name}', reason: '…' }\`, the one form the CDK checks and plugin accept.`,
    };
  }
  // An unprefixed id that is almost a rule id is a misspelt Deadbolt acknowledgement; any other is a CDK annotation's.
  const closest = /^[a-z0-9-]+$/.test(name) ? closestRuleId(name, known) : undefined;
  return closest
    ? {
        kind: 'unknown',
        problem: `\`${name}\` names an unknown rule id ${JSON.stringify(name)}; did you mean \`${CDK_RULE_PREFIX}${closest}\`? (\`npx deadbolt rules\` lists them)`,
      }
    : { kind: 'other' };
}

/** Where an evaluation looks for acknowledgements of one rule on one target. */
export type AcknowledgementLookup = (
  ruleId: string,
  target: { readonly resource?: NormalisedResource; readonly document: StackDocument },
) => readonly Acknowledgement[];
