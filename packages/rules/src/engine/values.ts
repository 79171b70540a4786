import { unknownAccount, type StackDocument } from '../model';

/**
 * The result of reading one value out of a document before deployment.
 * `unresolved` is never treated as safe by a rule: fail closed.
 */
export type Resolved =
  | { readonly kind: 'absent' }
  | { readonly kind: 'known'; readonly value: unknown }
  | { readonly kind: 'unresolved'; readonly expression: unknown; readonly reason: string };

export const ABSENT: Resolved = Object.freeze({ kind: 'absent' });

const known = (value: unknown): Resolved => ({ kind: 'known', value });
const unresolved = (expression: unknown, reason: string): Resolved => ({ kind: 'unresolved', expression, reason });

/**
 * The aws-provider dialect's stand-in for a value computed from other
 * resources' outputs that cannot be tied to one resource: `{ "Deadbolt::Output":
 * { "reason": "…" } }`. It always reads as unresolved, with its reason.
 */
export const PROVIDER_OUTPUT_INTRINSIC = 'Deadbolt::Output';

/** Intrinsic function names CloudFormation accepts inside property values. */
const INTRINSICS = new Set([
  'Ref',
  'Condition',
  'Fn::If',
  'Fn::Join',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::ImportValue',
  'Fn::FindInMap',
  'Fn::Select',
  'Fn::Split',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::Cidr',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Transform',
  'Fn::ForEach',
  'Fn::GetParam',
]);

/** Returns the intrinsic's name when `value` is a single-key intrinsic object such as `{ "Ref": … }`. */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // The first key, and whether there is a second, without listing every key of a large object (every step of every
  // property read asks).
  let k: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (k !== undefined) return undefined;
    k = key;
  }
  if (k === undefined) return undefined;
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::') || k === PROVIDER_OUTPUT_INTRINSIC ? k : undefined;
}

export function isKnownIntrinsic(name: string): boolean {
  return INTRINSICS.has(name);
}

/** A short, quoted rendering of a raw value for messages. */
export function quote(value: unknown, max = 90): string {
  if (intrinsicName(value) === PROVIDER_OUTPUT_INTRINSIC) {
    const shown = (value as Record<string, { shown?: unknown }>)[PROVIDER_OUTPUT_INTRINSIC]?.shown;
    return typeof shown === 'string' ? shown : 'an output';
  }
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    // A cycle or a value nested past the stack (which `String` of an array would recurse into too).
    s = Array.isArray(value) ? '[a list nested too deeply to show]' : '{a value nested too deeply to show}';
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NotificationARNs',
  'AWS::NoValue',
]);

/**
 * Resolves a CloudFormation value as far as it can be known before deployment:
 * literals, `AWS::NoValue`, mappings with literal keys, conditions on literals,
 * and `Fn::If` whose branches agree. Parameters, imports, resource attributes and
 * conditions on parameters stay `unresolved`, with the reason in words.
 */
export function resolveValue(value: unknown, doc: StackDocument, depth = 0): Resolved {
  if (value === undefined) return ABSENT;
  if (depth > 64) return unresolved(value, 'the value nests too deeply to evaluate');
  if (value === null || typeof value !== 'object') return known(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = resolveValue(item, doc, depth + 1);
      if (r.kind === 'unresolved') return unresolved(value, r.reason);
      if (r.kind === 'known') out.push(r.value);
    }
    return known(out);
  }
  const fn = intrinsicName(value);
  if (!fn) {
    const out: Record<string, unknown> = {};
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      const r = resolveValue((value as Record<string, unknown>)[k], doc, depth + 1);
      if (r.kind === 'unresolved') return unresolved(value, r.reason);
      if (r.kind === 'known') out[k] = r.value;
    }
    return known(out);
  }
  const arg = (value as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Ref':
      return resolveRef(value, arg, doc);
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
        return unresolved(value, 'the Fn::If is malformed');
      }
      const cond = evaluateCondition({ Condition: arg[0] }, doc, depth + 1);
      if (cond === true) return resolveValue(arg[1], doc, depth + 1);
      if (cond === false) return resolveValue(arg[2], doc, depth + 1);
      const a = resolveValue(arg[1], doc, depth + 1);
      const b = resolveValue(arg[2], doc, depth + 1);
      if (a.kind === 'absent' && b.kind === 'absent') return ABSENT;
      if (a.kind === 'known' && b.kind === 'known' && sameValue(a.value, b.value)) return a;
      return unresolved(value, `it depends on condition "${arg[0]}", decided at deploy time`);
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') {
        return unresolved(value, 'the Fn::Join is malformed');
      }
      const list = resolveValue(arg[1], doc, depth + 1);
      if (list.kind === 'unresolved') return unresolved(value, list.reason);
      if (list.kind !== 'known' || !Array.isArray(list.value)) return unresolved(value, 'the Fn::Join is malformed');
      if (!list.value.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) {
        return unresolved(value, 'the Fn::Join joins values that are not strings');
      }
      return known(list.value.join(arg[0]));
    }
    case 'Fn::Sub': {
      const template = Array.isArray(arg) ? arg[0] : arg;
      const vars =
        Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? (arg[1] as Record<string, unknown>) : {};
      if (typeof template !== 'string') return unresolved(value, 'the Fn::Sub is malformed');
      let failed: string | undefined;
      const out = template.replace(/\$\{([^}!][^}]*)\}/g, (_m, name: string) => {
        const r =
          name in vars
            ? resolveValue(vars[name], doc, depth + 1)
            : resolveValue(name.includes('.') ? { 'Fn::GetAtt': name.split('.') } : { Ref: name }, doc, depth + 1);
        if (r.kind === 'known' && (typeof r.value === 'string' || typeof r.value === 'number')) return String(r.value);
        failed ??= r.kind === 'unresolved' ? r.reason : `\${${name}} has no value`;
        return '';
      });
      return failed ? unresolved(value, failed) : known(out.replace(/\$\{!/g, '${'));
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length < 3) return unresolved(value, 'the Fn::FindInMap is malformed');
      const keys = arg.slice(0, 3).map((k) => resolveValue(k, doc, depth + 1));
      const bad = keys.find((k) => k.kind !== 'known' || typeof k.value !== 'string');
      if (bad)
        return unresolved(value, bad.kind === 'unresolved' ? bad.reason : 'the Fn::FindInMap keys are not strings');
      const [m, k1, k2] = keys.map((k) => (k as { value: string }).value);
      const found = (doc.mappings[m] as Record<string, Record<string, unknown>> | undefined)?.[k1]?.[k2];
      if (found === undefined) {
        return arg.length > 3
          ? resolveValue((arg[3] as Record<string, unknown>)?.DefaultValue, doc, depth + 1)
          : unresolved(value, `mapping ${m}.${k1}.${k2} does not exist`);
      }
      return resolveValue(found, doc, depth + 1);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return unresolved(value, 'the Fn::Select is malformed');
      const idx = resolveValue(arg[0], doc, depth + 1);
      const list = resolveValue(arg[1], doc, depth + 1);
      if (idx.kind === 'known' && list.kind === 'known' && Array.isArray(list.value)) {
        const i = Number(idx.value);
        if (Number.isInteger(i) && i >= 0 && i < list.value.length) return known(list.value[i]);
      }
      return unresolved(
        value,
        idx.kind === 'unresolved'
          ? idx.reason
          : list.kind === 'unresolved'
            ? list.reason
            : 'the Fn::Select cannot be evaluated',
      );
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string')
        return unresolved(value, 'the Fn::Split is malformed');
      const s = resolveValue(arg[1], doc, depth + 1);
      if (s.kind === 'known' && typeof s.value === 'string') return known(s.value.split(arg[0]));
      return unresolved(value, s.kind === 'unresolved' ? s.reason : 'the Fn::Split input is not a string');
    }
    case 'Fn::GetAtt': {
      const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
      return unresolved(value, `it is an attribute of resource "${String(target)}", known only after deployment`);
    }
    case PROVIDER_OUTPUT_INTRINSIC: {
      const reason = (arg as { reason?: unknown } | undefined)?.reason;
      return unresolved(value, typeof reason === 'string' ? reason : 'it is an output known only after deployment');
    }
    case 'Fn::ImportValue':
      return unresolved(
        value,
        `it is imported from another stack's export ${quote(arg, 60)}, known only at deploy time`,
      );
    case 'Condition':
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not': {
      const c = evaluateCondition(value, doc, depth + 1);
      return c === undefined ? unresolved(value, 'the condition depends on values chosen at deploy time') : known(c);
    }
    default:
      return isKnownIntrinsic(fn)
        ? unresolved(value, `${fn} cannot be evaluated before deployment`)
        : unresolved(value, `${fn} is not a CloudFormation intrinsic function Deadbolt can read`);
  }
}

function resolveRef(expression: unknown, name: unknown, doc: StackDocument): Resolved {
  if (typeof name !== 'string') return unresolved(expression, 'the Ref is malformed');
  if (PSEUDO.has(name)) {
    switch (name) {
      case 'AWS::NoValue':
        return ABSENT;
      case 'AWS::AccountId':
        return doc.account
          ? known(doc.account)
          : unresolved(expression, `the stack's account is not known (${unknownAccount(doc)})`);
      case 'AWS::Region':
        return doc.region ? known(doc.region) : unresolved(expression, "the stack's region is not known");
      case 'AWS::Partition':
        if (!doc.region) return unresolved(expression, "the stack's partition is not known");
        return known(doc.region.startsWith('cn-') ? 'aws-cn' : doc.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');
      default:
        return unresolved(expression, `${name} is known only at deploy time`);
    }
  }
  if (name in doc.parameters) {
    // A nested stack's parameter is set by its parent's AWS::CloudFormation::Stack resource.
    const passed = doc.parent ? parameterPassedByParent(doc, name) : undefined;
    if (passed !== undefined) return resolveValue(passed, doc.parent!.document);
    const p = doc.parameters[name] as Record<string, unknown> | undefined;
    const dflt = p && 'Default' in p ? ` (its default is ${quote(p.Default, 40)})` : '';
    return unresolved(expression, `it is parameter "${name}", chosen at deploy time${dflt}`);
  }
  if (doc.resources.has(name))
    return unresolved(expression, `it refers to resource "${name}", known only after deployment`);
  return unresolved(expression, `it refers to "${name}", which the template does not define`);
}

/** The expression a parent stack passes for one of a nested stack's parameters, if any. */
export function parameterPassedByParent(doc: StackDocument, name: string): unknown {
  const stackResource = doc.parent?.document.resources.get(doc.parent.logicalId);
  const params = stackResource?.properties.Parameters;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return undefined;
  return (params as Record<string, unknown>)[name];
}

/** Evaluates a condition expression: true/false when it depends only on literals, else undefined. */
export function evaluateCondition(
  expr: unknown,
  doc: StackDocument,
  depth = 0,
  seen = new Set<string>(),
): boolean | undefined {
  if (depth > 64) return undefined;
  if (typeof expr === 'boolean') return expr;
  if (expr === 'true') return true;
  if (expr === 'false') return false;
  const fn = intrinsicName(expr);
  if (!fn) return undefined;
  const arg = (expr as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Condition': {
      if (typeof arg !== 'string' || seen.has(arg) || !(arg in doc.conditions)) return undefined;
      seen.add(arg);
      return evaluateCondition(doc.conditions[arg], doc, depth + 1, seen);
    }
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) return undefined;
      const a = resolveValue(arg[0], doc, depth + 1);
      const b = resolveValue(arg[1], doc, depth + 1);
      if (a.kind !== 'known' || b.kind !== 'known') return undefined;
      return String(a.value) === String(b.value);
    }
    case 'Fn::Not': {
      const inner = Array.isArray(arg) ? evaluateCondition(arg[0], doc, depth + 1, seen) : undefined;
      return inner === undefined ? undefined : !inner;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg)) return undefined;
      const vals = arg.map((c) => evaluateCondition(c, doc, depth + 1, seen));
      if (fn === 'Fn::And') return vals.includes(false) ? false : vals.includes(undefined) ? undefined : true;
      return vals.includes(true) ? true : vals.includes(undefined) ? undefined : false;
    }
    default:
      return undefined;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reads `path` under a value, resolving every step on the way. Where an `Fn::If`
 * on an undecidable condition stands in the way, both branches are read: the
 * result is known only when they agree.
 */
export function resolvePath(
  root: unknown,
  path: readonly (string | number)[],
  doc: StackDocument,
  depth = 0,
): Resolved {
  let v: unknown = root;
  for (let i = 0; i <= path.length; i++) {
    const step = resolveShallow(v, doc);
    if (step.kind === 'unresolved') {
      const fn = intrinsicName(step.expression);
      const arg = fn === 'Fn::If' ? ((step.expression as Record<string, unknown>)[fn] as unknown[]) : undefined;
      if (arg && Array.isArray(arg) && arg.length === 3 && depth < 16) {
        const rest = path.slice(i);
        const a = resolvePath(arg[1], rest, doc, depth + 1);
        const b = resolvePath(arg[2], rest, doc, depth + 1);
        if (a.kind === 'absent' && b.kind === 'absent') return ABSENT;
        if (a.kind === 'known' && b.kind === 'known' && sameValue(a.value, b.value)) return a;
        const inner = a.kind === 'unresolved' ? a : b.kind === 'unresolved' ? b : undefined;
        return unresolved(
          step.expression,
          inner?.reason ?? `it depends on condition "${String(arg[0])}", decided at deploy time`,
        );
      }
      return step;
    }
    if (step.kind === 'absent') return ABSENT;
    if (i === path.length) return resolveValue(step.value, doc);
    const cur = step.value;
    if (cur === null || typeof cur !== 'object') return ABSENT;
    v = (cur as Record<string | number, unknown>)[path[i]];
  }
  return ABSENT;
}

/**
 * Resolves only the outermost intrinsic layers of a value (so that walking into
 * `{ Fn::If: [c, {A: 1}, {A: 1}] }` works) without demanding that every nested
 * value is literal.
 */
function resolveShallow(value: unknown, doc: StackDocument): Resolved {
  let v = value;
  for (let i = 0; i < 16; i++) {
    if (v === undefined) return ABSENT;
    const fn = intrinsicName(v);
    if (!fn) return known(v);
    if (fn === 'Fn::If') {
      const arg = (v as Record<string, unknown>)[fn];
      if (Array.isArray(arg) && arg.length === 3 && typeof arg[0] === 'string') {
        const cond = evaluateCondition({ Condition: arg[0] }, doc);
        if (cond !== undefined) {
          v = cond ? arg[1] : arg[2];
          continue;
        }
      }
    }
    return resolveValue(v, doc);
  }
  return unresolved(value, 'the value nests too deeply to evaluate');
}

/** One way a value may come out at deploy time, and the conditions that lead to it. */
export interface Alternative {
  readonly value: Resolved;
  /** The `Fn::If` branches taken, e.g. `IsProd=false`. */
  readonly when: readonly string[];
}

/**
 * Every value `path` may take, branching on each `Fn::If` whose condition cannot
 * be decided before deployment. A rule that holds for every alternative holds
 * (`Fn::If: [IsProd, true, AWS::NoValue]` where absence is also safe); one
 * failing alternative is enough for a finding. Past `limit` alternatives the
 * result collapses to the single unresolved reading.
 */
export function resolveAlternatives(
  root: unknown,
  path: readonly (string | number)[],
  doc: StackDocument,
  limit = 32,
): Alternative[] {
  const out: Alternative[] = [];
  const visit = (v: unknown, rest: readonly (string | number)[], when: string[], depth: number): boolean => {
    if (out.length >= limit || depth > 16) return false;
    let cur: unknown = v;
    for (let i = 0; i <= rest.length; i++) {
      const fn = intrinsicName(cur);
      if (fn === 'Fn::If') {
        const arg = (cur as Record<string, unknown>)[fn];
        if (Array.isArray(arg) && arg.length === 3 && typeof arg[0] === 'string') {
          const cond = evaluateCondition({ Condition: arg[0] }, doc);
          if (cond === undefined) {
            const remaining = rest.slice(i);
            return (
              visit(arg[1], remaining, [...when, `${arg[0]}=true`], depth + 1) &&
              visit(arg[2], remaining, [...when, `${arg[0]}=false`], depth + 1)
            );
          }
        }
      }
      if (i === rest.length) {
        out.push({ value: resolveValue(cur, doc), when });
        return true;
      }
      const step = fn ? resolveValue(cur, doc) : { kind: 'known' as const, value: cur };
      if (step.kind !== 'known') {
        out.push({ value: step, when });
        return true;
      }
      const obj = step.value;
      if (obj === null || typeof obj !== 'object') {
        out.push({ value: ABSENT, when });
        return true;
      }
      cur = (obj as Record<string | number, unknown>)[rest[i]];
    }
    return true;
  };
  return visit(root, path, [], 0) ? out : [{ value: resolvePath(root, path, doc), when: [] }];
}
