import type { NormalisedResource, ResourceModel, StackDocument } from '../model';
import { intrinsicName, resolveValue } from './values';

/**
 * The resources an expression refers to: `Ref`, `Fn::GetAtt`, `${X}`/`${X.Attr}`
 * inside `Fn::Sub`, anywhere in the expression, and across stacks through an
 * `Fn::ImportValue` of another document's export. This is how a backup
 * selection written as `{ "Fn::GetAtt": ["Db", "Arn"] }` or CDK's
 * `Fn::Join` around `{ "Ref": "Db" }` is tied to the database it selects.
 */
export function referencedResources(
  expr: unknown,
  doc: StackDocument,
  model: ResourceModel,
  depth = 0,
): NormalisedResource[] {
  const out: NormalisedResource[] = [];
  walk(expr, doc, depth);
  return out;

  function add(d: StackDocument, name: string): void {
    const r = d.resources.get(name);
    if (r && !out.includes(r)) out.push(r);
  }
  function walk(v: unknown, d: StackDocument, level: number): void {
    if (level > 64 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const item of v) walk(item, d, level + 1);
      return;
    }
    const fn = intrinsicName(v);
    const arg = fn ? (v as Record<string, unknown>)[fn] : undefined;
    if (fn === 'Ref' && typeof arg === 'string') return add(d, arg);
    if (fn === 'Fn::GetAtt') {
      const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
      if (typeof target === 'string') add(d, target);
      return;
    }
    if (fn === 'Fn::Sub') {
      const template = Array.isArray(arg) ? arg[0] : arg;
      if (typeof template === 'string') {
        for (const m of template.matchAll(/\$\{([^}!][^}]*)\}/g)) add(d, m[1].split('.')[0]);
      }
      if (Array.isArray(arg)) walk(arg[1], d, level + 1);
      return;
    }
    if (fn === 'Fn::ImportValue') {
      // The export name is not a reference to what is imported: a `Ref` inside
      // it names a parameter or resource of this stack, not the imported value.
      const found = importedExport(arg, d, model);
      if (found) walk(found.value, found.document, level + 1);
      return;
    }
    for (const child of Object.values(v)) walk(child, d, level + 1);
  }
}

/**
 * The export an `Fn::ImportValue` reads, found among the model's documents: its
 * value expression and the document that exports it. The export name may be an
 * expression (`Fn::Sub`, `Fn::Join`) as long as it resolves to a string before
 * deployment. Undefined when the name cannot be resolved or no document in the
 * model exports it (it comes from a stack outside the app), or when several
 * documents export it and the importer's environment does not tell them apart.
 */
export function importedExport(
  nameExpr: unknown,
  doc: StackDocument,
  model: ResourceModel,
): { readonly document: StackDocument; readonly value: unknown } | undefined {
  const name = resolveValue(nameExpr, doc);
  if (name.kind !== 'known' || typeof name.value !== 'string') return undefined;
  const key = name.value;
  let candidates = model.documents.filter((other) => other !== doc && other.exports.has(key));
  // Export names are unique per account and region: where several stacks of a
  // multi-environment app export one name, the importer's environment decides.
  if (candidates.length > 1)
    candidates = candidates.filter((other) => other.account === doc.account && other.region === doc.region);
  if (candidates.length !== 1) return undefined;
  return { document: candidates[0], value: candidates[0].exports.get(key) };
}

/** A piece of a string expression: literal text, or a part only known at deploy time. */
export type StringPart =
  | string
  | { readonly pseudo: string }
  | { readonly resource: string; readonly attribute?: string }
  | { readonly unknown: string };

/**
 * Splits a string expression into literal text and markers, so that one segment
 * of an ARN (its account) can be read even when others (partition, region) are
 * tokens: `Fn::Join`, `Fn::Sub`, `Ref` to pseudo parameters.
 */
export function stringParts(expr: unknown, doc: StackDocument, depth = 0): StringPart[] {
  if (depth > 32) return [{ unknown: 'nested too deeply' }];
  if (typeof expr === 'string') return [expr];
  if (typeof expr === 'number') return [String(expr)];
  const fn = intrinsicName(expr);
  const arg = fn ? (expr as Record<string, unknown>)[fn] : undefined;
  if (fn === 'Ref' && typeof arg === 'string') {
    if (arg.startsWith('AWS::')) return [{ pseudo: arg }];
    if (doc.resources.has(arg)) return [{ resource: arg }];
    return [{ unknown: `parameter "${arg}"` }];
  }
  if (fn === 'Fn::GetAtt') {
    const [target, attribute] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split('.') : [];
    return [{ resource: String(target), attribute: typeof attribute === 'string' ? attribute : undefined }];
  }
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    const out: StringPart[] = [];
    arg[1].forEach((item, i) => {
      if (i > 0 && arg[0] !== '') out.push(arg[0] as string);
      out.push(...stringParts(item, doc, depth + 1));
    });
    return out;
  }
  if (fn === 'Fn::Sub') {
    const template = Array.isArray(arg) ? arg[0] : arg;
    const vars = Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? (arg[1] as Record<string, unknown>) : {};
    if (typeof template !== 'string') return [{ unknown: 'a malformed Fn::Sub' }];
    const out: StringPart[] = [];
    let last = 0;
    for (const m of template.matchAll(/\$\{([^}!][^}]*)\}/g)) {
      out.push(template.slice(last, m.index));
      const name = m[1];
      if (name in vars) out.push(...stringParts(vars[name], doc, depth + 1));
      else if (name.startsWith('AWS::')) out.push({ pseudo: name });
      else if (name.includes('.')) out.push({ resource: name.split('.')[0], attribute: name.split('.')[1] });
      else if (doc.resources.has(name)) out.push({ resource: name });
      else out.push({ unknown: `parameter "${name}"` });
      last = (m.index ?? 0) + m[0].length;
    }
    out.push(template.slice(last).replace(/\$\{!/g, '${'));
    return out.filter((p) => p !== '');
  }
  if (fn === 'Fn::ImportValue') return [{ unknown: 'an imported value' }];
  return [{ unknown: fn ? `${fn}` : 'a non-string value' }];
}

/** Who owns the thing an ARN expression names. */
export type AccountReading =
  | { readonly kind: 'literal'; readonly account: string }
  | { readonly kind: 'same-as-stack' }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Reads the account segment of an ARN expression. `${AWS::AccountId}`, an
 * attribute of a resource in the same template and an `Fn::ImportValue` (exports
 * never cross accounts) all mean the stack's own account.
 */
export function arnAccount(expr: unknown, doc: StackDocument): AccountReading {
  const fn = intrinsicName(expr);
  if (fn === 'Fn::ImportValue') return { kind: 'same-as-stack' };
  const parts = stringParts(expr, doc);
  if (parts.length === 1 && typeof parts[0] === 'object' && 'resource' in parts[0]) {
    return doc.resources.has(parts[0].resource)
      ? { kind: 'same-as-stack' }
      : { kind: 'unknown', reason: `it refers to "${parts[0].resource}", which the template does not define` };
  }
  // Walk the parts, splitting literal text on ':' to find segment 4 (arn:partition:service:region:ACCOUNT:…).
  let segment = 0;
  const account: StringPart[] = [];
  for (const p of parts) {
    if (typeof p !== 'string') {
      if (segment === 4) account.push(p);
      continue;
    }
    const pieces = p.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) segment++;
      if (segment === 4 && piece !== '') account.push(piece);
    });
    if (segment > 4) break;
  }
  if (segment < 4) return { kind: 'unknown', reason: 'it is not an ARN whose account can be read' };
  if (account.length === 1 && typeof account[0] === 'string') {
    return /^\d{12}$/.test(account[0])
      ? { kind: 'literal', account: account[0] }
      : { kind: 'unknown', reason: `its account segment ${JSON.stringify(account[0])} is not an account id` };
  }
  if (
    account.length === 1 &&
    typeof account[0] === 'object' &&
    'pseudo' in account[0] &&
    account[0].pseudo === 'AWS::AccountId'
  ) {
    return { kind: 'same-as-stack' };
  }
  if (account.length === 0) return { kind: 'unknown', reason: 'its account segment is empty' };
  const marker = account.find((a) => typeof a === 'object');
  const why = marker && 'unknown' in marker ? marker.unknown : 'a value known only at deploy time';
  return { kind: 'unknown', reason: `its account comes from ${why}` };
}
