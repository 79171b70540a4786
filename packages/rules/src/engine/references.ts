import type { NormalisedResource, ResourceModel, StackDocument } from '../model';
import { intrinsicName, parameterPassedByParent, resolveValue } from './values';

/**
 * The resources an expression refers to: `Ref`, `Fn::GetAtt`, `${X}`/`${X.Attr}`
 * inside `Fn::Sub`, anywhere in the expression, across stacks through an
 * `Fn::ImportValue` of another document's export, and across nested stacks:
 * `Fn::GetAtt [<nested stack>, Outputs.<name>]` refers to what the nested
 * template's output refers to, and a `Ref` to a nested stack's parameter to
 * what its parent passes in (see `followNested`). This is how a backup
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
  // Each import or nested stack followed spends one: a template that refers to itself cannot multiply the walk.
  let follows = MAX_FOLLOWS;
  walk(expr, doc, depth);
  return out;

  function add(d: StackDocument, name: string): void {
    const r = d.resources.get(name);
    if (r && !out.includes(r)) out.push(r);
  }
  function follow(found: Followed | undefined, level: number): boolean {
    if (found?.kind !== 'value' || --follows < 0) return false;
    walk(found.value, found.document, level + 1);
    return true;
  }
  function ref(d: StackDocument, name: string, level: number): void {
    if (!follow(parentParameter(name, d), level)) add(d, name);
  }
  function getAtt(d: StackDocument, arg: unknown, level: number): void {
    const [target] = getAttParts(arg);
    if (target !== undefined && !follow(nestedOutput(arg, d, model), level)) add(d, target);
  }
  function walk(v: unknown, d: StackDocument, level: number): void {
    if (level > 64 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const item of v) walk(item, d, level + 1);
      return;
    }
    const fn = intrinsicName(v);
    const arg = fn ? (v as Record<string, unknown>)[fn] : undefined;
    if (fn === 'Ref' && typeof arg === 'string') return ref(d, arg, level);
    if (fn === 'Fn::GetAtt') return getAtt(d, arg, level);
    if (fn === 'Fn::Sub') {
      const template = Array.isArray(arg) ? arg[0] : arg;
      const vars = Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' ? (arg[1] as object) : {};
      if (typeof template === 'string') {
        for (const m of template.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          if (m[1] in vars) continue;
          const dot = m[1].indexOf('.');
          if (dot < 0) ref(d, m[1], level);
          else getAtt(d, [m[1].slice(0, dot), m[1].slice(dot + 1)], level);
        }
      }
      if (Array.isArray(arg)) walk(arg[1], d, level + 1);
      return;
    }
    if (fn === 'Fn::ImportValue') {
      // The export name is not a reference to what is imported: a `Ref` inside
      // it names a parameter or resource of this stack, not the imported value.
      const found = importedExport(arg, d, model);
      if (found) follow({ kind: 'value', ...found }, level);
      return;
    }
    for (const child of Object.values(v)) walk(child, d, level + 1);
  }
}

/**
 * How many imports and nested stack outputs or parameters one reading of an
 * expression follows. CDK nests stacks a few levels deep; a hand-written
 * template whose outputs and parameters refer to each other in a circle (which
 * CloudFormation refuses) must not make a reading run without bound.
 */
const MAX_FOLLOWS = 32;

/** The `[resource, attribute]` an `Fn::GetAtt` names (`["Db", "Arn"]` or `"Db.Arn"`); attribute may be dotted (`Outputs.X`). */
export function getAttParts(arg: unknown): [string | undefined, string | undefined] {
  if (Array.isArray(arg)) {
    return [typeof arg[0] === 'string' ? arg[0] : undefined, typeof arg[1] === 'string' ? arg[1] : undefined];
  }
  if (typeof arg !== 'string') return [undefined, undefined];
  const dot = arg.indexOf('.');
  return dot < 0 ? [arg, undefined] : [arg.slice(0, dot), arg.slice(dot + 1)];
}

/**
 * What a reference across a nested stack boundary stands for: the expression
 * and the document whose names it is written in, or, when it cannot be
 * followed, what it is (a noun phrase for messages: `output "X" of nested
 * stack N, whose template …`).
 */
export type Followed =
  | { readonly kind: 'value'; readonly document: StackDocument; readonly value: unknown }
  | { readonly kind: 'unfollowed'; readonly what: string };

const NESTED_STACK = 'AWS::CloudFormation::Stack';

const childIndexes = new WeakMap<ResourceModel, Map<StackDocument, Map<string, StackDocument>>>();

/** The nested stack document a parent's `AWS::CloudFormation::Stack` resource deploys, when the model holds it. */
export function nestedDocument(
  parent: StackDocument,
  logicalId: string,
  model: ResourceModel,
): StackDocument | undefined {
  let index = childIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const d of model.documents) {
      if (!d.parent) continue;
      let children = index.get(d.parent.document);
      if (!children) index.set(d.parent.document, (children = new Map()));
      if (!children.has(d.parent.logicalId)) children.set(d.parent.logicalId, d);
    }
    childIndexes.set(model, index);
  }
  return index.get(parent)?.get(logicalId);
}

/**
 * The value of `Fn::GetAtt [<nested stack>, Outputs.<name>]`: the output's
 * `Value` in the nested stack's template (the document the model holds for
 * it). Undefined when the `Fn::GetAtt` is not of a nested stack's output.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html#aws-resource-cloudformation-stack-return-values
 */
export function nestedOutput(getAttArg: unknown, doc: StackDocument, model: ResourceModel): Followed | undefined {
  const [target, attribute] = getAttParts(getAttArg);
  if (target === undefined || attribute === undefined || !attribute.startsWith('Outputs.')) return undefined;
  if (doc.resources.get(target)?.type !== NESTED_STACK) return undefined;
  const name = attribute.slice('Outputs.'.length);
  const nested = nestedDocument(doc, target, model);
  if (!nested) {
    return {
      kind: 'unfollowed',
      what: `output "${name}" of nested stack ${target}, whose template is not among the stacks checked here`,
    };
  }
  const value = nested.outputs?.get(name);
  if (value === undefined) {
    return {
      kind: 'unfollowed',
      what: `output "${name}" of nested stack ${target}, which its template (stack ${nested.name}) does not define`,
    };
  }
  return { kind: 'value', document: nested, value };
}

/**
 * What an expression that is one reference across a nested stack boundary
 * stands for: `Fn::GetAtt [<nested stack>, Outputs.<name>]`, or a `Ref` to a
 * parameter the parent passes. Undefined for any other expression.
 */
export function followNested(expr: unknown, doc: StackDocument, model: ResourceModel): Followed | undefined {
  const fn = intrinsicName(expr);
  const arg = fn ? (expr as Record<string, unknown>)[fn] : undefined;
  if (fn === 'Ref' && typeof arg === 'string') return parentParameter(arg, doc);
  if (fn === 'Fn::GetAtt') return nestedOutput(arg, doc, model);
  return undefined;
}

/**
 * The value of a `Ref` to a nested stack's parameter: what its parent passes
 * in the `Parameters` of the `AWS::CloudFormation::Stack` resource, written in
 * the parent's names. Undefined when `name` is not such a parameter, or the
 * parent passes nothing (the parameter's default, chosen at deploy time).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html#cfn-cloudformation-stack-parameters
 */
export function parentParameter(name: string, doc: StackDocument): Followed | undefined {
  if (!doc.parent || !(name in doc.parameters)) return undefined;
  const passed = parameterPassedByParent(doc, name);
  return passed === undefined ? undefined : { kind: 'value', document: doc.parent.document, value: passed };
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
  | {
      readonly resource: string;
      readonly attribute?: string;
      /** The document that defines the resource, when it is not the expression's own (an imported export's). */
      readonly document?: StackDocument;
    }
  | {
      readonly unknown: string;
      /**
       * Set when the part is a reference across stacks that could not be
       * followed (a nested stack's output whose template is not in the model,
       * or that it does not define): `unknown` then says what it is.
       */
      readonly unfollowed?: true;
    };

/** The resource a part refers to, looked up in its own document (the exporting one for an import). */
export function partResource(part: StringPart, doc: StackDocument): NormalisedResource | undefined {
  if (typeof part !== 'object' || !('resource' in part)) return undefined;
  return (part.document ?? doc).resources.get(part.resource);
}

/**
 * Splits a string expression into literal text and markers, so that one segment
 * of an ARN (its account) can be read even when others (partition, region) are
 * tokens: `Fn::Join`, `Fn::Sub`, `Ref` to pseudo parameters. Given the `model`,
 * an `Fn::ImportValue` anywhere in the expression is read as the exported
 * value (what CDK writes for a reference to another stack of the app:
 * `Fn::Join` around `Fn::ImportValue` of the producer's `Ref`), and
 * `Fn::GetAtt [<nested stack>, Outputs.<name>]` as the nested template's
 * output (what CDK writes for a reference out of a `NestedStack`); a `Ref` to
 * a nested stack's parameter is read as what its parent passes in (what CDK
 * writes for a reference into one). Resource parts name the document that
 * defines them. Exports never cross an account or a region, and a nested stack
 * deploys where its parent does, so pseudo parameters mean the same on both sides.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html
 */
export function stringParts(expr: unknown, doc: StackDocument, depth = 0, model?: ResourceModel): StringPart[] {
  return partsOf(expr, doc, depth, { model, follows: MAX_FOLLOWS });
}

/** What one reading of an expression carries down: the model, and how many more references it may follow. */
interface Reading {
  readonly model?: ResourceModel;
  follows: number;
}

/** The parts of `found`'s value, its resource parts naming `found`'s document; an unknown part when it cannot be followed. */
function followedParts(found: Followed, depth: number, reading: Reading): StringPart[] {
  if (found.kind === 'unfollowed') return [{ unknown: found.what, unfollowed: true }];
  if (--reading.follows < 0) return [{ unknown: 'a chain of stack references too long to follow', unfollowed: true }];
  return partsOf(found.value, found.document, depth + 1, reading).map((p) =>
    typeof p === 'object' && 'resource' in p && p.document === undefined ? { ...p, document: found.document } : p,
  );
}

function partsOf(expr: unknown, doc: StackDocument, depth: number, reading: Reading): StringPart[] {
  if (depth > 32) return [{ unknown: 'nested too deeply' }];
  if (typeof expr === 'string') return [expr];
  if (typeof expr === 'number') return [String(expr)];
  const { model } = reading;
  const fn = intrinsicName(expr);
  const arg = fn ? (expr as Record<string, unknown>)[fn] : undefined;
  if (fn === 'Ref' && typeof arg === 'string') {
    if (arg.startsWith('AWS::')) return [{ pseudo: arg }];
    if (doc.resources.has(arg)) return [{ resource: arg }];
    const passed = parentParameter(arg, doc);
    if (passed) return followedParts(passed, depth, reading);
    return [{ unknown: `parameter "${arg}"` }];
  }
  if (fn === 'Fn::GetAtt') {
    const found = model ? nestedOutput(arg, doc, model) : undefined;
    if (found) return followedParts(found, depth, reading);
    const [target, attribute] = getAttParts(arg);
    return [{ resource: String(target), attribute }];
  }
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    const out: StringPart[] = [];
    arg[1].forEach((item, i) => {
      if (i > 0 && arg[0] !== '') out.push(arg[0] as string);
      out.push(...partsOf(item, doc, depth + 1, reading));
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
      const dot = name.indexOf('.');
      if (name in vars) out.push(...partsOf(vars[name], doc, depth + 1, reading));
      else if (name.startsWith('AWS::')) out.push({ pseudo: name });
      // `${Nested.Outputs.Name}` is the nested stack's output; `${Db.Arn}` an attribute.
      else if (dot >= 0)
        out.push(...partsOf({ 'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)] }, doc, depth + 1, reading));
      else out.push(...partsOf({ Ref: name }, doc, depth + 1, reading));
      last = (m.index ?? 0) + m[0].length;
    }
    out.push(template.slice(last).replace(/\$\{!/g, '${'));
    return out.filter((p) => p !== '');
  }
  if (fn === 'Fn::ImportValue') {
    const found = model ? importedExport(arg, doc, model) : undefined;
    if (!found) return [{ unknown: 'an imported value' }];
    return followedParts({ kind: 'value', ...found }, depth, reading);
  }
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
 * never cross accounts) all mean the stack's own account. Given the `model`, a
 * nested stack's output and a parameter its parent passes are read as their
 * values (a nested stack deploys to its parent's account).
 */
export function arnAccount(expr: unknown, doc: StackDocument, model?: ResourceModel): AccountReading {
  const fn = intrinsicName(expr);
  if (fn === 'Fn::ImportValue') return { kind: 'same-as-stack' };
  const parts = stringParts(expr, doc, 0, model);
  if (parts.length === 1 && typeof parts[0] === 'object' && 'resource' in parts[0]) {
    return partResource(parts[0], doc)
      ? { kind: 'same-as-stack' }
      : { kind: 'unknown', reason: `it refers to "${parts[0].resource}", which the template does not define` };
  }
  // The whole ARN is a reference that could not be followed: say which.
  if (parts.length === 1 && typeof parts[0] === 'object' && 'unfollowed' in parts[0])
    return { kind: 'unknown', reason: `it is ${parts[0].unknown}` };
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
