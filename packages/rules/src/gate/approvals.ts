/**
 * Approvals: a human's written, expiring consent to one destructive change.
 *
 * An approvals file lists entries `{ address, action, reason, expires,
 * approvedBy?, signature? }`. An entry lets through the blocked change with
 * exactly that address and approval action until it expires; every other
 * destructive change still blocks.
 *
 * Signing: `signature` is an HMAC-SHA256, keyed with a secret only humans hold
 * (`DEADBOLT_APPROVAL_SECRET`, kept out of the agent's environment), over the
 * canonical form of the change it covers (address, action, type, the physical
 * resource, the protections it lowers) and of the entry's own reason, expiry and
 * approver. An agent without the secret cannot sign its own destroy, and an
 * entry signed for one change does not cover another (a different database
 * behind the same address, another protection lowered, a later expiry).
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { InputError } from '../dialects/errors';
import { isObject } from './changes';
import { APPROVAL_ACTIONS, type ApprovalAction, type Decision } from './classify';
import { isWrittenReason } from '../text/written-reason';

export const APPROVAL_SECRET_ENV = 'DEADBOLT_APPROVAL_SECRET';
export const SIGNATURE_PREFIX = 'hmac-sha256:';
/** The shortest secret accepted: shorter ones can be guessed. */
export const MINIMUM_SECRET_LENGTH = 16;
const CANONICAL_HEADER = 'deadbolt-approval/v1\n';

export interface Approval {
  /** The exact address (Terraform address, Pulumi URN, logical id) of the change. */
  readonly address: string;
  /** The destructive action approved: `delete`, `replace`, `update` (a lowered protection) or `protect-off`. */
  readonly action: ApprovalAction;
  /** Why losing the data is accepted. Required. */
  readonly reason: string;
  /** ISO date (`YYYY-MM-DD`, valid through that day, UTC) or timestamp after which the entry no longer counts. */
  readonly expires: string;
  /** Who approved it. @default - not recorded */
  readonly approvedBy?: string;
  /** `hmac-sha256:<hex>` over the canonical form of the change and this entry. @default - unsigned */
  readonly signature?: string;
}

/** What a signature covers of one change. */
export interface ApprovalSubject {
  readonly address: string;
  readonly action: ApprovalAction;
  readonly source: string;
  readonly providerType: string;
  readonly type: string | null;
  /** The physical resource (id, ARN, physical id), or null when the source does not say. */
  readonly identity: string | null;
  /** The protections lowered, by property, with their values. */
  readonly lowered: ReadonlyArray<{ readonly property: string; readonly before: unknown; readonly after: unknown }>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why `secret` cannot sign, or undefined when it can. */
export function secretProblem(secret: string | undefined): string | undefined {
  if (secret === undefined || secret === '') return `\`${APPROVAL_SECRET_ENV}\` is not set`;
  if (secret.length < MINIMUM_SECRET_LENGTH)
    return `\`${APPROVAL_SECRET_ENV}\` is shorter than ${MINIMUM_SECRET_LENGTH} characters`;
  return undefined;
}

/** The end of an expiry: a date is valid through that whole day (UTC). NaN when it is not a date. */
export function expiryTime(expires: string): number {
  if (!DATE.test(expires) && !TIMESTAMP.test(expires)) return NaN;
  const t = Date.parse(expires);
  return DATE.test(expires) ? t + 24 * 3600 * 1000 : t;
}

/**
 * Reads an approvals file (`{ "approvals": [ … ] }`, already parsed). Throws
 * `InputError` for anything malformed: an entry without a reason, an unknown
 * action, an expiry that is not a date. An expired entry is not malformed.
 */
export function parseApprovals(doc: unknown, source?: string): Approval[] {
  if (!isObject(doc) || !Array.isArray(doc.approvals)) {
    throw new InputError('the approvals file must be an object with an `approvals` list.', source);
  }
  return doc.approvals.map((e, i) => {
    const where = `approvals[${i}]`;
    if (!isObject(e)) throw new InputError(`\`${where}\` is not an object.`, source);
    if (typeof e.address !== 'string' || e.address.trim() === '')
      throw new InputError(`\`${where}\` has no \`address\`.`, source);
    if (typeof e.action !== 'string' || !APPROVAL_ACTIONS.includes(e.action as ApprovalAction)) {
      throw new InputError(
        `\`${where}\` (${e.address}) has action ${JSON.stringify(e.action ?? null)}; use ${APPROVAL_ACTIONS.join(', ')}.`,
        source,
      );
    }
    if (!isWrittenReason(e.reason)) {
      throw new InputError(
        `\`${where}\` (${e.address}) has no \`reason\`; write why losing the data is accepted (a placeholder such as \`<why …>\` or \`TODO\` is not a reason).`,
        source,
      );
    }
    const expires = e.expires instanceof Date ? e.expires.toISOString() : e.expires;
    if (typeof expires !== 'string' || Number.isNaN(expiryTime(expires))) {
      throw new InputError(
        `\`${where}\` (${e.address}) has \`expires\` ${JSON.stringify(expires ?? null)}; use a date such as 2026-12-31.`,
        source,
      );
    }
    if (e.approvedBy !== undefined && typeof e.approvedBy !== 'string')
      throw new InputError(`\`${where}\` (${e.address}) has an \`approvedBy\` that is not text.`, source);
    if (
      e.signature !== undefined &&
      (typeof e.signature !== 'string' || !/^hmac-sha256:[0-9a-f]{64}$/.test(e.signature))
    ) {
      throw new InputError(
        `\`${where}\` (${e.address}) has a \`signature\` that is not \`hmac-sha256:<64 hex digits>\`.`,
        source,
      );
    }
    return {
      address: e.address,
      action: e.action as ApprovalAction,
      reason: e.reason,
      expires,
      ...(typeof e.approvedBy === 'string' ? { approvedBy: e.approvedBy } : {}),
      ...(typeof e.signature === 'string' ? { signature: e.signature } : {}),
    };
  });
}

/** Approvals as a file: `{ "approvals": [ … ] }`, two-space indented, with a final newline. */
export function formatApprovals(approvals: readonly Approval[]): string {
  const entries = approvals.map((a) => ({
    address: a.address,
    action: a.action,
    reason: a.reason,
    expires: a.expires,
    ...(a.approvedBy !== undefined ? { approvedBy: a.approvedBy } : {}),
    ...(a.signature !== undefined ? { signature: a.signature } : {}),
  }));
  return `${JSON.stringify({ approvals: entries }, null, 2)}\n`;
}

/** `existing` with each of `added` in place of an entry for the same address and action (or appended). */
export function mergeApprovals(existing: readonly Approval[], added: readonly Approval[]): Approval[] {
  const out = [...existing];
  for (const a of added) {
    const i = out.findIndex((e) => e.address === a.address && e.action === a.action);
    if (i >= 0) out[i] = a;
    else out.push(a);
  }
  return out;
}

/** What a signature covers of a blocked decision. */
export function approvalSubject(decision: Decision): ApprovalSubject {
  const c = decision.change;
  if (!decision.approvalAction) throw new Error(`\`${c.address}\` is not blocked: there is nothing to approve.`);
  return {
    address: c.address,
    action: decision.approvalAction,
    source: c.source,
    providerType: c.providerType,
    type: c.type ?? null,
    identity: c.identity ?? null,
    lowered: decision.lowerings
      .map((l) => ({
        property: l.property,
        before: l.before ?? null,
        after: l.afterKnown ? (l.after ?? null) : '(unknown)',
      }))
      .sort((a, b) => (a.property < b.property ? -1 : a.property > b.property ? 1 : 0)),
  };
}

/** JSON with object keys sorted at every level and no whitespace: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The text an approval's HMAC is computed over. */
export function canonicalApproval(
  subject: ApprovalSubject,
  entry: Pick<Approval, 'reason' | 'expires' | 'approvedBy'>,
): string {
  return (
    CANONICAL_HEADER +
    canonicalJson({
      change: subject,
      reason: entry.reason,
      expires: entry.expires,
      approvedBy: entry.approvedBy ?? null,
    })
  );
}

function hmac(text: string, secret: string): string {
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** The signature of an entry for `decision`. Throws when the secret cannot sign. */
export function signApproval(
  decision: Decision,
  entry: Pick<Approval, 'reason' | 'expires' | 'approvedBy'>,
  secret: string,
): string {
  const problem = secretProblem(secret);
  if (problem) throw new Error(`Cannot sign: ${problem}.`);
  return hmac(canonicalApproval(approvalSubject(decision), entry), secret);
}

/** True when `approval.signature` was made with `secret` for exactly `decision` and this entry. */
export function verifyApproval(decision: Decision, approval: Approval, secret: string): boolean {
  if (!approval.signature) return false;
  const want = Buffer.from(hmac(canonicalApproval(approvalSubject(decision), approval), secret));
  const got = Buffer.from(approval.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** An approval of one blocked decision, signed when a secret is given. */
export function createApproval(
  decision: Decision,
  entry: { readonly reason: string; readonly expires: string; readonly approvedBy?: string },
  secret?: string,
): Approval {
  const base: Approval = {
    address: decision.change.address,
    action: decision.approvalAction!,
    reason: entry.reason,
    expires: entry.expires,
    ...(entry.approvedBy ? { approvedBy: entry.approvedBy } : {}),
  };
  if (!decision.approvalAction)
    throw new Error(`\`${decision.change.address}\` is not blocked: there is nothing to approve.`);
  return secret === undefined ? base : { ...base, signature: signApproval(decision, base, secret) };
}

export interface ApprovalOptions {
  readonly approvals?: readonly Approval[];
  /** The clock expiries are judged against. @default new Date() */
  readonly now?: Date;
  /** The signing secret, when the environment has it; signed entries are then verified. */
  readonly secret?: string;
  /** Refuse entries without a verified signature. @default false */
  readonly requireSigned?: boolean;
}

/** How an approval was checked. */
export type SignatureCheck = 'verified' | 'unsigned' | 'not verified (no secret)';

export interface ApprovedDecision extends Decision {
  readonly approval: Approval;
  readonly signatureCheck: SignatureCheck;
}

export interface BlockedDecision extends Decision {
  /** Why entries that name this change were not honoured. */
  readonly refusals: readonly string[];
}

export interface GateResult {
  readonly blocked: readonly BlockedDecision[];
  readonly approved: readonly ApprovedDecision[];
  readonly allowed: readonly Decision[];
  /** Entries that match no blocked change. */
  readonly unusedApprovals: readonly Approval[];
}

/** Why `approval` does not let `decision` through, or undefined when it does. */
function refusal(decision: Decision, approval: Approval, options: ApprovalOptions, now: number): string | undefined {
  const who = `the approval of ${approval.action} \`${approval.address}\``;
  if (now >= expiryTime(approval.expires)) return `${who} expired on ${approval.expires}.`;
  if (approval.signature && options.secret) {
    if (!verifyApproval(decision, approval, options.secret)) {
      return `${who} has a signature that does not match this change: it was signed for a different change (another resource behind the address, other values), or the entry was edited after signing.`;
    }
    return undefined;
  }
  if (options.requireSigned) {
    return approval.signature
      ? `${who} is signed, but there is no secret to verify it with (\`${APPROVAL_SECRET_ENV}\`).`
      : `${who} is not signed, and signed approvals are required (\`--require-signed\`).`;
  }
  return undefined;
}

/** Sorts decisions into blocked, approved and allowed, honouring the approvals that cover exactly a blocked change. */
export function applyApprovals(decisions: readonly Decision[], options: ApprovalOptions = {}): GateResult {
  const now = (options.now ?? new Date()).getTime();
  const approvals = options.approvals ?? [];
  const byAddress = new Map<string, Approval[]>();
  for (const a of approvals) {
    let list = byAddress.get(a.address);
    if (!list) byAddress.set(a.address, (list = []));
    list.push(a);
  }
  const used = new Set<Approval>();
  const blocked: BlockedDecision[] = [];
  const approved: ApprovedDecision[] = [];
  const allowed: Decision[] = [];
  for (const d of decisions) {
    if (d.verdict === 'allow') {
      allowed.push(d);
      continue;
    }
    const named = byAddress.get(d.change.address) ?? [];
    const refusals: string[] = [];
    let granted: ApprovedDecision | undefined;
    for (const a of named) {
      if (a.action !== d.approvalAction) {
        refusals.push(
          `an approval names \`${a.address}\` with action ${a.action}, but the change is ${d.approvalAction}.`,
        );
        continue;
      }
      const why = refusal(d, a, options, now);
      if (why) {
        refusals.push(why);
        continue;
      }
      const signatureCheck: SignatureCheck = !a.signature
        ? 'unsigned'
        : options.secret
          ? 'verified'
          : 'not verified (no secret)';
      granted = { ...d, approval: a, signatureCheck };
      used.add(a);
      break;
    }
    if (granted) approved.push(granted);
    else {
      for (const a of named) used.add(a);
      blocked.push({ ...d, refusals });
    }
  }
  return { blocked, approved, allowed, unusedApprovals: approvals.filter((a) => !used.has(a)) };
}
