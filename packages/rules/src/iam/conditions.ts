/**
 * Condition blocks, evaluated with what is known offline. Three values: a
 * condition holds, does not hold, or cannot be decided here (a request key such
 * as `aws:SourceIp` or `aws:MultiFactorAuthPresent`). The audit reads an
 * undecided Allow as "possible" and an undecided Deny as "not certain": it
 * never claims an action is stopped on a guess.
 *
 * Operators and their handling of missing keys:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * Multivalued keys (`ForAnyValue:`, `ForAllValues:`):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * Policy variables (`${aws:username}`):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import { arnPatternMatches } from './patterns';

export type Truth = true | false | 'unknown';

/**
 * What is known of a request: each key (lower case) maps to its values, or to
 * `null` when the key is known to be absent. A key not in the map is unknown.
 */
export type RequestContext = ReadonlyMap<string, readonly string[] | null>;

export interface ConditionVerdict {
  readonly holds: Truth;
  /** The conditions that could not be decided, as written (`aws:SourceIp IpAddress 10.0.0.0/8`). */
  readonly undecided: readonly string[];
}

const HOLDS: ConditionVerdict = { holds: true, undecided: [] };

/** Evaluates a statement's `Condition` block: every operator and key must hold. */
export function evaluateIamCondition(condition: unknown, context: RequestContext): ConditionVerdict {
  if (condition === undefined || condition === null) return HOLDS;
  if (typeof condition !== 'object' || Array.isArray(condition))
    return { holds: 'unknown', undecided: ['a Condition that is not an object'] };
  let holds: Truth = true;
  const undecided: string[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      holds = and(holds, 'unknown');
      undecided.push(`${operator} (not a key/value block)`);
      continue;
    }
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) => String(v));
      const one = evaluateOne(operator, key, values, context);
      holds = and(holds, one);
      if (one === 'unknown') undecided.push(`${key} ${operator} ${values.join(', ')}`);
      if (holds === false) return { holds: false, undecided: [] };
    }
  }
  return { holds, undecided };
}

function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

type Compare = (policyValue: string, contextValue: string) => Truth;

/** The operators whose comparison is known; their `Not` forms negate the match. */
const COMPARE: Record<string, { readonly compare: Compare; readonly negated: boolean }> = {
  stringequals: { compare: (p, c) => p === c, negated: false },
  stringnotequals: { compare: (p, c) => p === c, negated: true },
  stringequalsignorecase: { compare: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
  stringnotequalsignorecase: { compare: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: true },
  stringlike: { compare: (p, c) => globMatches(p, c), negated: false },
  stringnotlike: { compare: (p, c) => globMatches(p, c), negated: true },
  arnequals: { compare: (p, c) => arnLike(p, c), negated: false },
  arnlike: { compare: (p, c) => arnLike(p, c), negated: false },
  arnnotequals: { compare: (p, c) => arnLike(p, c), negated: true },
  arnnotlike: { compare: (p, c) => arnLike(p, c), negated: true },
  bool: { compare: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
};

function evaluateOne(operatorAsWritten: string, key: string, policyValues: string[], context: RequestContext): Truth {
  let operator = operatorAsWritten.toLowerCase();
  let set: 'any' | 'all' | undefined;
  if (operator.startsWith('foranyvalue:')) {
    set = 'any';
    operator = operator.slice('foranyvalue:'.length);
  } else if (operator.startsWith('forallvalues:')) {
    set = 'all';
    operator = operator.slice('forallvalues:'.length);
  }
  let ifExists = false;
  if (operator.endsWith('ifexists')) {
    ifExists = true;
    operator = operator.slice(0, -'ifexists'.length);
  }
  const lowerKey = key.toLowerCase();
  if (!context.has(lowerKey)) return 'unknown';
  const contextValues = context.get(lowerKey) ?? null;

  if (operator === 'null') {
    // `Null: true` holds when the key is absent.
    const wantsAbsent = policyValues.some((v) => v.toLowerCase() === 'true');
    return wantsAbsent === (contextValues === null);
  }
  const op = COMPARE[operator];
  if (!op) return 'unknown';

  const resolved: string[] = [];
  for (const v of policyValues) {
    const r = substituteVariables(v, context);
    if (r === undefined) return 'unknown';
    resolved.push(r);
  }

  if (contextValues === null || contextValues.length === 0) {
    if (ifExists) return true;
    // A missing key: positive operators do not match, negated ones do;
    // ForAllValues holds over an empty set, ForAnyValue does not.
    if (set === 'all') return true;
    if (set === 'any') return false;
    return op.negated;
  }
  const matchOne = (c: string): Truth => orAll(resolved.map((p) => op.compare(p, c)));
  if (set === 'all') {
    // Every context value must match some policy value (negated: none may).
    return andAll(contextValues.map((c) => (op.negated ? not(matchOne(c)) : matchOne(c))));
  }
  if (set === 'any') {
    return orAll(contextValues.map((c) => (op.negated ? not(matchOne(c)) : matchOne(c))));
  }
  // Single-valued key: the first (only) value.
  const m = orAll(contextValues.map(matchOne));
  return op.negated ? not(m) : m;
}

function not(t: Truth): Truth {
  return t === 'unknown' ? 'unknown' : !t;
}

function orAll(ts: readonly Truth[]): Truth {
  if (ts.includes(true)) return true;
  if (ts.includes('unknown')) return 'unknown';
  return false;
}

function andAll(ts: readonly Truth[]): Truth {
  if (ts.includes(false)) return false;
  if (ts.includes('unknown')) return 'unknown';
  return true;
}

/** `StringLike`: `*` and `?` over the whole value, case sensitive, no segment rules. */
function globMatches(pattern: string, value: string): Truth {
  if (pattern.length > 2048 || value.length > 2048) return 'unknown';
  // An ARN-free match: reuse the resource matcher on a value without colons' special meaning by mapping ':'.
  const p = pattern.replace(/:/g, '\u0000');
  const v = value.replace(/:/g, '\u0000');
  return arnPatternMatches(p, v) ?? 'unknown';
}

/** `ArnLike`: segment-wise wildcards, as in a `Resource`. */
function arnLike(pattern: string, value: string): Truth {
  if (pattern.length > 2048 || value.length > 2048) return 'unknown';
  return arnPatternMatches(pattern, value) ?? 'unknown';
}

const VARIABLE = /\$\{([^}]{1,256})\}/g;

/**
 * Replaces `${key}` with the context's single value; `${*}`, `${?}`, `${$}`
 * stand for the literal character. Undefined when a variable is unknown or
 * multivalued (the condition is then undecided).
 */
export function substituteVariables(value: string, context: RequestContext): string | undefined {
  if (!value.includes('${')) return value;
  let unknown = false;
  const out = value.replace(VARIABLE, (whole, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    // `${aws:username, 'default'}`: the default applies when the key is absent.
    const [keyPart, defaultPart] = name.split(',', 2).map((s) => s.trim());
    const v = context.get(keyPart.toLowerCase());
    if (v === undefined) {
      unknown = true;
      return whole;
    }
    if (v === null || v.length === 0) {
      const d = defaultPart?.match(/^'(.*)'$/)?.[1];
      if (d !== undefined) return d;
      unknown = true;
      return whole;
    }
    if (v.length !== 1) {
      unknown = true;
      return whole;
    }
    return v[0];
  });
  return unknown ? undefined : out;
}
