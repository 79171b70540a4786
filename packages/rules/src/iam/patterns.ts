/**
 * Wildcard patterns of IAM policies: `Action` values (`rds:Delete*`, matched
 * without regard to case) and `Resource` ARNs (case sensitive).
 *
 * In a resource ARN, `*` matches within one colon-separated segment, except
 * that a `*` ending a segment may expand beyond the colon boundaries; `?`
 * matches one character:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * Action names match case-insensitively:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 *
 * Matching is a dynamic programme over the two strings (no regular
 * expressions, no backtracking): its cost is bounded by the product of the
 * lengths, and patterns longer than `MAX_PATTERN` are answered the fail-closed
 * way (an allow may match, a deny covers nothing).
 */

import { listOf, type PolicyStatement } from './model';

/** Longer patterns are not matched exactly (IAM's own policy size limits keep real ones far shorter). */
export const MAX_PATTERN = 2048;

const enum Kind {
  Literal,
  One,
  /** `*` inside a segment: any run of characters other than `:`. */
  StarSegment,
  /** `*` ending a segment (or the pattern), or any `*` of an action: any run of characters. */
  StarAny,
}

interface Token {
  readonly kind: Kind;
  readonly char: string;
}

const compiled = new Map<string, readonly Token[]>();
const COMPILED_MAX = 50_000;

function tokens(pattern: string, arn: boolean, fold: boolean): readonly Token[] {
  const key = `${arn ? 'a' : 'x'}${fold ? 'i' : 's'}${pattern}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const text = fold ? pattern.toLowerCase() : pattern;
  const out: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') {
      // Runs of `*` are one star.
      if (
        out.length > 0 &&
        (out[out.length - 1].kind === Kind.StarAny || out[out.length - 1].kind === Kind.StarSegment)
      )
        continue;
      let j = i + 1;
      while (j < text.length && text[j] === '*') j++;
      const endsSegment = !arn || j === text.length || text[j] === ':';
      out.push({ kind: endsSegment ? Kind.StarAny : Kind.StarSegment, char: '*' });
    } else if (c === '?') {
      out.push({ kind: Kind.One, char: '?' });
    } else {
      out.push({ kind: Kind.Literal, char: c });
    }
  }
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(key, out);
  return out;
}

function isStar(t: Token): boolean {
  return t.kind === Kind.StarAny || t.kind === Kind.StarSegment;
}

/** True when `pattern` matches `value` (`value` holds no wildcards, or they are taken literally). */
/** Two rows reused by every `matches` call (the audit makes hundreds of thousands): no allocation per token. */
let rowA = new Uint8Array(256);
let rowB = new Uint8Array(256);

function matches(p: readonly Token[], value: string): boolean {
  const n = p.length;
  const m = value.length;
  if (rowA.length < m + 1) {
    rowA = new Uint8Array(2 * (m + 1));
    rowB = new Uint8Array(2 * (m + 1));
  }
  // reach[j]: the pattern prefix processed so far can consume exactly value[0..j).
  let reach = rowA;
  let next = rowB;
  reach.fill(0, 0, m + 1);
  reach[0] = 1;
  for (let i = 0; i < n; i++) {
    const t = p[i];
    next.fill(0, 0, m + 1);
    let any = false;
    if (isStar(t)) {
      // next[j]: some k <= j was reachable and value[k..j) is one run the star may stand for.
      let open = false;
      for (let j = 0; j <= m; j++) {
        if (j > 0 && t.kind === Kind.StarSegment && value.charCodeAt(j - 1) === 58 /* : */) open = false;
        if (reach[j]) open = true;
        if (open) {
          next[j] = 1;
          any = true;
        }
      }
    } else {
      const code = t.char.charCodeAt(0);
      for (let j = 0; j < m; j++) {
        if (reach[j] && (t.kind === Kind.One || code === value.charCodeAt(j))) {
          next[j + 1] = 1;
          any = true;
        }
      }
    }
    // Nothing reachable: no later token can match.
    if (!any) return false;
    const swap = reach;
    reach = next;
    next = swap;
  }
  return reach[m] === 1;
}

/** An action pattern (`s3:Delete*`, `*`) matches an action name, regardless of case. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  if (pattern.length > MAX_PATTERN) return true;
  // Most patterns are a literal action or `service:Prefix*`; answered without compiling them.
  const star = pattern.indexOf('*');
  if (!pattern.includes('?') && (star < 0 || star === pattern.length - 1)) {
    const lower = action.toLowerCase();
    if (star < 0) return pattern.toLowerCase() === lower;
    return lower.startsWith(pattern.slice(0, star).toLowerCase());
  }
  return matches(tokens(pattern, false, true), action.toLowerCase());
}

const listAnswers = new WeakMap<readonly string[], Map<string, boolean>>();

/**
 * Whether some pattern of an `Action` (or `NotAction`) list matches `action`,
 * remembered per list and action: an audit asks the same question of the same
 * list once per principal the policy is attached to (a managed policy's lists
 * are shared by all its holders), for every action of the catalogue, and
 * AWS managed policies such as ReadOnlyAccess list thousands of patterns.
 * Keyed by the list object, so nothing is kept once the policy is gone; the
 * model's documents are readonly, so an answer cannot go stale.
 */
export function anyActionMatches(patterns: readonly string[], action: string): boolean {
  let byAction = listAnswers.get(patterns);
  if (!byAction) {
    byAction = new Map();
    listAnswers.set(patterns, byAction);
  }
  const key = action.toLowerCase();
  let hit = byAction.get(key);
  if (hit === undefined) {
    hit = patterns.some((p) => actionMatches(p, key));
    byAction.set(key, hit);
  }
  return hit;
}

/**
 * A resource pattern matches a concrete ARN. Too long to judge: true when
 * `failClosed` is 'allow' (it may grant), false for 'deny' (it may not stop).
 *
 * The documentation says the user name in a resource ARN is case sensitive but
 * not whether the partition, service, Region and account segments are:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * (iam-simulate, for one, compares them without regard to case). So an allow
 * also matches with those four segments folded to lower case (`US-EAST-1`
 * may grant on `us-east-1`), and a deny only as written.
 */
export function resourceMatches(pattern: string, arn: string, failClosed: 'allow' | 'deny'): boolean {
  if (pattern === '*') return true;
  if (pattern.length > MAX_PATTERN || arn.length > MAX_PATTERN) return failClosed === 'allow';
  if (literalPrefixesDiffer(pattern, arn)) return false;
  if (matches(tokens(pattern, true, false), arn)) return true;
  if (failClosed === 'deny') return false;
  const p = foldLeadingSegments(pattern);
  const a = foldLeadingSegments(arn);
  return (p !== pattern || a !== arn) && matches(tokens(p, true, false), a);
}

/**
 * An ARN pattern matches an ARN exactly as documented, with case (`ArnLike`
 * in a condition, whose matching is case sensitive:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
 * Undefined when either is too long to judge.
 */
export function arnPatternMatches(pattern: string, arn: string): boolean | undefined {
  if (pattern === '*') return true;
  if (pattern.length > MAX_PATTERN || arn.length > MAX_PATTERN) return undefined;
  return matches(tokens(pattern, true, false), arn);
}

/** `arn:AWS:RDS:US-EAST-1:1111:db:Prod` → `arn:aws:rds:us-east-1:1111:db:Prod`: the text before the fifth colon in lower case. */
function foldLeadingSegments(s: string): string {
  let colons = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ':' && ++colons === 5) return s.slice(0, i).toLowerCase() + s.slice(i);
  }
  return s.toLowerCase();
}

/**
 * True only when every ARN that `inner` matches, `outer` matches too: a deny on
 * `outer` certainly covers an allow on `inner`. Sound, not complete: where it
 * cannot tell, it answers false (the deny is not counted as stopping).
 */
export function resourceCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (outer.length > MAX_PATTERN || inner.length > MAX_PATTERN) return false;
  if (outer === inner) return true;
  const o = tokens(outer, true, false);
  const q = tokens(inner, true, false);
  const n = o.length;
  const m = q.length;
  // reach[j]: outer's processed prefix can absorb inner's tokens [0..j) for every expansion.
  let reach = new Uint8Array(m + 1);
  reach[0] = 1;
  for (let i = 0; i < n; i++) {
    const t = o[i];
    const next = new Uint8Array(m + 1);
    if (t.kind === Kind.StarAny) {
      let open = false;
      for (let j = 0; j <= m; j++) {
        if (reach[j]) open = true;
        if (open) next[j] = 1;
      }
    } else if (t.kind === Kind.StarSegment) {
      // Absorbs literals other than ':' and in-segment stars; never `?` (it may stand for ':') or a crossing star.
      let open = false;
      for (let j = 0; j <= m; j++) {
        if (j > 0) {
          const u = q[j - 1];
          const absorbable = (u.kind === Kind.Literal && u.char !== ':') || u.kind === Kind.StarSegment;
          if (!absorbable) open = false;
        }
        if (reach[j]) open = true;
        if (open) next[j] = 1;
      }
    } else {
      for (let j = 0; j < m; j++) {
        if (!reach[j]) continue;
        const u = q[j];
        if (
          t.kind === Kind.One
            ? u.kind === Kind.Literal || u.kind === Kind.One
            : u.kind === Kind.Literal && u.char === t.char
        )
          next[j + 1] = 1;
      }
    }
    reach = next;
  }
  return reach[m] === 1;
}

/**
 * True when some ARN may match both patterns. Over-approximates (both kinds of
 * star are read as crossing segments), which errs towards "an allow may apply".
 */
/**
 * True when the two strings' literal beginnings (up to their first wildcard) disagree even without regard to
 * case: then no ARN can match both, whatever the wildcards, and whichever segments compare without case. A
 * quick answer for the common case (an S3 pattern against an RDS one) before any matching table is built.
 */
function literalPrefixesDiffer(a: string, b: string): boolean {
  const n = Math.min(literalLength(a), literalLength(b));
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && (x | 0x20) !== (y | 0x20)) return true;
    // Letters only: `(c | 0x20)` folds A-Z onto a-z, but would also pair `@` with a backquote, and so on.
    if (x !== y && !isLetter(x)) return true;
  }
  return false;
}

function literalLength(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */ || c === 36 /* $: a policy variable */) return i;
  }
  return s.length;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function resourcesOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === b) return true;
  if (a.length > MAX_PATTERN || b.length > MAX_PATTERN) return true;
  if (literalPrefixesDiffer(a, b)) return false;
  // Partition, service, Region and account may compare without regard to case (see `resourceMatches`): over-approximate.
  if (overlapsAsWritten(a, b)) return true;
  const fa = foldLeadingSegments(a);
  const fb = foldLeadingSegments(b);
  return (fa !== a || fb !== b) && overlapsAsWritten(fa, fb);
}

function overlapsAsWritten(a: string, b: string): boolean {
  const p = tokens(a, true, false);
  const q = tokens(b, true, false);
  const n = p.length;
  const m = q.length;
  // can[i][j]: p[i..] and q[j..] can produce a common string. Filled from the end.
  const width = m + 1;
  const can = new Uint8Array((n + 1) * width);
  can[n * width + m] = 1;
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      let ok = false;
      const pi = i < n ? p[i] : undefined;
      const qj = j < m ? q[j] : undefined;
      if (pi && isStar(pi)) ok = can[(i + 1) * width + j] === 1 || (j < m && can[i * width + j + 1] === 1);
      if (!ok && qj && isStar(qj)) ok = can[i * width + j + 1] === 1 || (i < n && can[(i + 1) * width + j] === 1);
      if (!ok && pi && qj && !isStar(pi) && !isStar(qj)) {
        const compatible = pi.kind === Kind.One || qj.kind === Kind.One || pi.char === qj.char;
        ok = compatible && can[(i + 1) * width + j + 1] === 1;
      }
      if (ok) can[i * width + j] = 1;
    }
  }
  return can[0] === 1;
}

/** True when the pattern holds a wildcard (it names many resources, not one). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * True when a statement as written names `action`: one of its `Action` patterns matches it, or its `NotAction`
 * patterns leave it in. For statements read as they stand (trust policies), outside the compiled evaluation.
 */
export function statementNamesAction(s: PolicyStatement, action: string): boolean {
  if (s.Action !== undefined) return listOf(s.Action).some((a) => actionMatches(a, action));
  return s.NotAction !== undefined && !listOf(s.NotAction).some((a) => actionMatches(a, action));
}
