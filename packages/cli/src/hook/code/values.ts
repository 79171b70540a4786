/**
 * The values the code readers track while walking a program: literals (and
 * lists and dictionaries of them), references to modules and functions that
 * start processes, SDK clients and the objects made from them. Anything else
 * is `unknown`: computed at run time.
 */
import type { ArgValue } from './effects';
import type { SdkValue } from './aws-sdk';
import type { SdkObject } from './cloud-sdks';
import type { Connection } from './databases';
import type { CodeNode } from './grammars';

export type Value =
  | { readonly k: 'str'; readonly v: string }
  /** A string with computed parts (`"npm view " + name`, `f"-chdir={d}"`): each `HOLE` is one. */
  | { readonly k: 'tpl'; readonly v: string }
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'none' }
  | { readonly k: 'list'; readonly items: readonly Value[]; readonly open: boolean }
  | { readonly k: 'dict'; readonly entries: ReadonlyMap<string, Value>; readonly open: boolean }
  /** A module, or a function or class in one: `subprocess`, `subprocess.run`, `child_process.spawn`, `sh.terraform`. */
  | { readonly k: 'ref'; readonly path: string }
  /** An AWS SDK client (boto3 client, JavaScript v2 service object or v3 client); `service` undefined when computed or unlisted. */
  | { readonly k: 'client'; readonly service: string | undefined }
  /** A boto3 resource (`boto3.resource('s3')`). */
  | { readonly k: 'resource'; readonly service: string | undefined }
  /** An object or collection of a boto3 resource: `Table`, `Bucket`, `objects`, `Volume`. */
  | { readonly k: 'awsobj'; readonly service: string; readonly type: string }
  /** A JavaScript v3 command object: `new DeleteDBInstanceCommand({...})`. */
  | {
      readonly k: 'command';
      readonly service: string | undefined;
      readonly op: string;
      readonly params: Value | undefined;
    }
  /** A Pulumi Automation API stack or workspace. */
  | { readonly k: 'pulumi'; readonly type: 'stack' | 'workspace' }
  /** A `python_terraform.Terraform` object. */
  | { readonly k: 'terraform' }
  /** A command object with its arguments so far (plumbum `local['terraform']['destroy']`, `sh.Command('terraform')`). */
  | { readonly k: 'cmd'; readonly argv: readonly ArgValue[] }
  /** A database connection, engine, pool or cursor (`psycopg2.connect(…)`, `new pg.Client(…)`). */
  | { readonly k: 'db'; readonly conn: Connection }
  /** An object of another cloud's SDK: a Cloud Storage client or bucket, an Azure management client. */
  | { readonly k: 'sdk'; readonly obj: SdkObject }
  /** A function defined in the program. */
  | { readonly k: 'fn'; readonly name: string }
  | { readonly k: 'unknown' };

export const UNKNOWN: Value = { k: 'unknown' };
/** Marks a computed part inside a `tpl` string. */
export const HOLE = '\u0000';
export const str = (v: string): Value => ({ k: 'str', v });

/** A scalar's text (`"terraform"`, `3`), or null when it is not a known scalar. */
export function scalar(value: Value): string | null {
  switch (value.k) {
    case 'str':
      return value.v;
    case 'num':
      return String(value.v);
    case 'bool':
      return value.v ? 'True' : 'False';
    default:
      return null;
  }
}

/** Concatenates known strings; null when any part is unknown or the result too long. */
export function concat(parts: readonly (string | null)[], max: number): string | null {
  let out = '';
  for (const p of parts) {
    if (p === null) return null;
    out += p;
    if (out.length > max) return null;
  }
  return out;
}

/** An argument list for a process start: each item's text, `null` for computed ones; an open list ends with one `null`. */
export function argvOf(value: Value): ArgValue[] {
  if (value.k !== 'list') return [scalar(value)];
  const argv = value.items.map(scalar);
  if (value.open) argv.push(null);
  return argv;
}

/** A value as an SDK parameter value (`undefined` for computed parts). */
export function sdkValue(value: Value): SdkValue {
  switch (value.k) {
    case 'str':
    case 'num':
    case 'bool':
      return value.v;
    case 'none':
      return null;
    case 'list':
      return value.open ? undefined : value.items.map(sdkValue);
    case 'dict': {
      if (value.open) return undefined;
      const out: Record<string, SdkValue> = {};
      for (const [key, v] of value.entries) out[key] = sdkValue(v);
      return out;
    }
    default:
      return undefined;
  }
}

/** Keyword parameters of an SDK call: the known ones, and whether computed ones may add more. */
export function sdkParams(value: Value | undefined): { params: Record<string, SdkValue> | undefined; open: boolean } {
  if (value === undefined) return { params: {}, open: false };
  if (value.k !== 'dict') return { params: undefined, open: true };
  const params: Record<string, SdkValue> = {};
  for (const [key, v] of value.entries) params[key] = sdkValue(v);
  return { params, open: value.open };
}

/**
 * Joins string pieces (`null` for computed ones) into a string, a string with
 * holes, or unknown when too long or nothing is known.
 */
export function joinParts(parts: readonly (string | null)[], max: number): Value {
  let out = '';
  let holes = false;
  for (const p of parts) {
    if (p === null) {
      holes = true;
      out += HOLE;
    } else out += p;
    if (out.length > max) return UNKNOWN;
  }
  if (!holes) return str(out);
  return out.replace(new RegExp(HOLE, 'g'), '').length === 0 ? UNKNOWN : { k: 'tpl', v: out };
}

/** A piece for `joinParts`: a known string (a `tpl`'s holes kept), or `null`. */
export function piece(value: Value): string | null {
  return value.k === 'tpl' ? value.v : scalar(value);
}

/** Shell text from a string value: computed parts become an unset variable, so the rest is still read; `null` when unknown. */
export function shellText(value: Value): string | null {
  if (value.k === 'tpl') return value.v.split(HOLE).join('"$__DEADBOLT_UNKNOWN"');
  return scalar(value);
}

/**
 * A list literal (`[a, *rest]`, `[a, ...rest]`): its items in order, `open`
 * when a spread of something not known to be a list may add more.
 * `spreadType` is the grammar's node type for the spread.
 */
export function listLiteral(node: CodeNode, spreadType: string, expr: (child: CodeNode) => Value): Value {
  const items: Value[] = [];
  let open = false;
  for (let k = 0; k < node.namedChildCount; k++) {
    const child = node.namedChild(k)!;
    if (child.type === 'comment') continue;
    if (child.type === spreadType) {
      const inner = expr(child.namedChild(0)!);
      if (inner.k === 'list') {
        items.push(...inner.items);
        open ||= inner.open;
      } else open = true;
    } else items.push(expr(child));
  }
  return { k: 'list', items, open };
}

/**
 * A dictionary or object literal (`{k: v, **rest}`, `{k: v, ...rest}`): its
 * entries, `open` when a key is computed or a spread is not known to be a
 * dictionary. `keyOf` reads a pair's key node (`null`: not known);
 * `other` handles the grammar's remaining entry kinds (JavaScript's
 * shorthand properties).
 */
export function dictLiteral(
  node: CodeNode,
  spreadType: string,
  expr: (child: CodeNode) => Value,
  keyOf: (keyNode: CodeNode) => string | null,
  other?: (child: CodeNode, entries: Map<string, Value>) => void,
): Value {
  const entries = new Map<string, Value>();
  let open = false;
  for (let k = 0; k < node.namedChildCount; k++) {
    const child = node.namedChild(k)!;
    if (child.type === 'pair') {
      const key = keyOf(child.childForFieldName('key')!);
      const value = expr(child.childForFieldName('value')!);
      if (key === null) open = true;
      else entries.set(key, value);
    } else if (child.type === spreadType) {
      const inner = expr(child.namedChild(0)!);
      if (inner.k === 'dict') {
        for (const [key, v] of inner.entries) entries.set(key, v);
        open ||= inner.open;
      } else open = true;
    } else other?.(child, entries);
  }
  return { k: 'dict', entries, open };
}
