/**
 * Break glass: the one way past the deletion guard. A human writes, into the
 * environment of the `pulumi destroy --run-program` (or `pulumi up`) that
 * deletes the data, which resource may go, why, and until when:
 *
 * ```sh
 * export DEADBOLT_BREAK_GLASS='[{"resource":"urn:pulumi:prod::shop::deadbolt:rds:SafeDatabase$aws:rds/instance:Instance::orders-db",
 *   "reason":"Orders moved to the new cluster in CHG-1234; final snapshot checked.","expires":"2026-05-08"}]'
 * ```
 *
 * Everything here is pure: parsing and deciding take the variable's text and
 * the clock as arguments. Anything the parser cannot read refuses every delete
 * (fail closed): a typo never opens the gate.
 */
import { expiryTime } from '@deadbolt/rules';
import { isWrittenReason } from '@deadbolt/rules';

/** The environment variable that holds break-glass entries, as a JSON list. */
export const BREAK_GLASS_ENV = 'DEADBOLT_BREAK_GLASS';

/** The furthest ahead an entry may expire: break glass is for one operation, not a standing exception. */
export const MAX_BREAK_GLASS_DAYS = 7;

const DAY_MS = 24 * 3600 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One break-glass entry: a written, expiring consent to delete one resource. */
export interface BreakGlassEntry {
  /**
   * The resource's URN. A bare name is refused: component children share names
   * across components and stacks, so a name could open the gate for the wrong data.
   */
  readonly resource: string;
  /** Why losing the resource and its data is accepted. */
  readonly reason: string;
  /**
   * When the entry stops counting: a date (`2026-05-08`, valid through that day, UTC, as in
   * `deadbolt approve`) or a timestamp (`2026-05-08T18:00:00Z`), at most 7 days ahead.
   */
  readonly expires: string;
}

/** The resource a delete is about. */
export interface BreakGlassTarget {
  /** The resource's URN. */
  readonly urn: string;
  /** The resource's Pulumi name (the last part of its URN). */
  readonly name: string;
}

/** The answer for one resource. */
export interface BreakGlassDecision {
  /** True when an entry lets the delete through. */
  readonly allowed: boolean;
  /** The entry that lets it through. @default - none: the delete is refused */
  readonly entry?: BreakGlassEntry;
  /**
   * Why the variable, or the entries that name this resource, were not honoured,
   * one sentence each. Empty when no entry names it.
   */
  readonly refusals: readonly string[];
}

/** The variable's text cannot be read as break-glass entries. */
export class BreakGlassError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'BreakGlassError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Reads the variable's text: a JSON list of `{ resource, reason, expires }`.
 * An unset or empty variable is an empty list. Throws `BreakGlassError` for
 * text that is not such a list, or an entry that names no resource: the caller
 * must then refuse every delete. Reasons and expiries are judged by
 * `decideBreakGlass`, so that a bad entry for one resource is reported for it.
 */
export function parseBreakGlass(text: string | undefined): BreakGlassEntry[] {
  if (text === undefined || text.trim() === '') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BreakGlassError(`\`${BREAK_GLASS_ENV}\` is not valid JSON (${(e as Error).message}).`);
  }
  if (!Array.isArray(doc)) {
    throw new BreakGlassError(
      `\`${BREAK_GLASS_ENV}\` must be a JSON list of \`{ "resource", "reason", "expires" }\` entries, got ${doc === null ? 'null' : typeof doc}.`,
    );
  }
  return doc.map((e, i) => {
    if (!isObject(e)) throw new BreakGlassError(`\`${BREAK_GLASS_ENV}\` entry ${i} is not an object.`);
    if (typeof e.resource !== 'string' || e.resource.trim() === '') {
      throw new BreakGlassError(
        `\`${BREAK_GLASS_ENV}\` entry ${i} has no \`resource\` (the URN of the resource to delete).`,
      );
    }
    return {
      resource: e.resource.trim(),
      reason: typeof e.reason === 'string' ? e.reason : '',
      expires:
        typeof e.expires === 'string'
          ? e.expires
          : e.expires === undefined || e.expires === null
            ? ''
            : JSON.stringify(e.expires),
    };
  });
}

/** `YYYY-MM-DD` of a time, UTC. */
export function utcDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Why `entry` cannot be honoured at `now`, or undefined when it can. */
export function entryProblem(entry: BreakGlassEntry, now: Date): string | undefined {
  const who = `the break-glass entry for \`${entry.resource}\``;
  if (!isWrittenReason(entry.reason))
    return `${who} has no \`reason\`; write why losing the resource and its data is accepted (a placeholder such as \`<why …>\` or \`TODO\` is not a reason).`;
  const end = expiryTime(entry.expires);
  if (Number.isNaN(end)) {
    return `${who} has \`expires\` ${JSON.stringify(entry.expires)}, which is not a date; use a date such as ${utcDate(now.getTime() + DAY_MS)}.`;
  }
  if (now.getTime() >= end) return `${who} expired on ${entry.expires}.`;
  // A date counts through its whole day, so it may be at most 7 days after today; a timestamp at most 7×24 hours from now.
  const latest = DATE.test(entry.expires)
    ? Date.parse(utcDate(now.getTime())) + MAX_BREAK_GLASS_DAYS * DAY_MS
    : now.getTime() + MAX_BREAK_GLASS_DAYS * DAY_MS;
  if (Date.parse(entry.expires) > latest) {
    return `${who} expires on ${entry.expires}, more than ${MAX_BREAK_GLASS_DAYS} days ahead; break glass is for one operation: use a date no later than ${utcDate(latest)}.`;
  }
  return undefined;
}

/**
 * Decides whether the variable's text lets `target` be deleted at `now`: yes
 * when one entry names its URN, has a reason, and has not expired
 * (and expires at most 7 days ahead). Text that cannot be read refuses.
 */
export function decideBreakGlass(
  target: BreakGlassTarget,
  text: string | undefined,
  now: Date = new Date(),
): BreakGlassDecision {
  let entries: BreakGlassEntry[];
  try {
    entries = parseBreakGlass(text);
  } catch (e) {
    if (e instanceof BreakGlassError)
      return { allowed: false, refusals: [`${e.message} Every delete is refused until it is fixed.`] };
    throw e;
  }
  const refusals: string[] = [];
  for (const entry of entries) {
    if (entry.resource !== target.urn) {
      if (entry.resource === target.name) {
        refusals.push(
          `The entry for \`${entry.resource}\` names the resource by its name, which other resources (in other components or stacks) may share; name it by its URN: \`${target.urn}\`.`,
        );
      }
      continue;
    }
    const problem = entryProblem(entry, now);
    if (problem) {
      refusals.push(problem);
      continue;
    }
    return { allowed: true, entry, refusals };
  }
  return { allowed: false, refusals };
}

/** The exact steps to break glass for `target`, with an example entry that would be accepted at `now`. */
export function breakGlassInstructions(target: BreakGlassTarget, now: Date = new Date()): string {
  const example = JSON.stringify([
    { resource: target.urn, reason: '<why losing this data is accepted>', expires: utcDate(now.getTime() + DAY_MS) },
  ]);
  return (
    `To delete it on purpose, a person sets \`${BREAK_GLASS_ENV}\` to a JSON list with an entry for it ` +
    `(\`expires\` at most ${MAX_BREAK_GLASS_DAYS} days ahead), e.g. ${BREAK_GLASS_ENV}='${example}', ` +
    `removes its protection (\`pulumi state unprotect '${target.urn}'\`), and runs the command again (\`pulumi destroy --run-program\` for a destroy). ` +
    'With `retainOnDelete` (every guarded child of a Deadbolt component has it) the resource then leaves the stack but stays in the cloud, with its data.'
  );
}
