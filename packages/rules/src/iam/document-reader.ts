/**
 * Reading IAM policy documents and JSON texts for the IAM audit's readers
 * (authorization-details.ts, scp.ts): a document may come as a JSON object
 * (the AWS CLI), as a URL-encoded JSON string (the IAM API and the SDKs), or
 * as a plain JSON string (AWS Organizations' `Content`). Whatever does not
 * have the shape of a policy is an `InputError`, never a guess.
 *
 * Nothing here recurses on the input: JSON nesting is bounded while a text is
 * split, and a document is checked to a fixed depth (statement → condition
 * operator → key → values).
 */
import { InputError } from '../dialects/errors';
import type { PolicyDocument, PolicyStatement } from './model';

/** Deeper JSON is refused: an AWS export nests about ten levels, a policy document five. */
export const MAX_JSON_DEPTH = 64;

/** A JSON object (not an array, not null), or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The JSON values of a text: one value, or several written one after the
 * other (`aws ... --max-items N` then `--starting-token` appended to one file
 * gives concatenated objects). Each value must be an object or an array. A
 * leading byte order mark is ignored. Linear in the text; nesting deeper than
 * `MAX_JSON_DEPTH` is refused.
 */
export function parseJsonValues(text: string, source: string): unknown[] {
  const values: unknown[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    const first = text[i];
    if (first !== '{' && first !== '[') {
      throw new InputError(
        `expected a JSON object or array at ${position(text, i)}, found \`${text.slice(i, i + 20).split(/\r?\n/)[0]}\``,
        source,
      );
    }
    let depth = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        // Skip a string, escapes included: brackets inside it are text. The closing quote is the first one not
        // preceded by an odd number of backslashes (found with indexOf: most of an export is strings).
        for (;;) {
          const q = text.indexOf('"', i + 1);
          if (q < 0) {
            i = n;
            break;
          }
          let backslashes = 0;
          for (let k = q - 1; k > i && text.charCodeAt(k) === 0x5c; k--) backslashes++;
          i = q;
          if (backslashes % 2 === 0) break;
        }
      } else if (c === 0x7b || c === 0x5b) {
        if (++depth > MAX_JSON_DEPTH) {
          throw new InputError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels at ${position(text, i)}`, source);
        }
      } else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) {
          i++;
          break;
        }
      }
    }
    if (depth !== 0) throw new InputError(`the JSON starting at ${position(text, start)} is not closed`, source);
    try {
      values.push(JSON.parse(text.slice(start, i)));
    } catch (e) {
      throw new InputError(
        `not valid JSON (the value starting at ${position(text, start)}): ${(e as Error).message}`,
        source,
      );
    }
  }
  if (values.length === 0) throw new InputError('the file is empty', source);
  return values;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function position(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let j = 0; j < index; j++) {
    if (text.charCodeAt(j) === 0x0a) {
      line++;
      lineStart = j + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/**
 * A policy document from any of the forms AWS returns it in. The IAM API
 * returns documents "URL-encoded compliant with RFC 3986"
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html):
 * `decodeURIComponent` then JSON. The AWS CLI decodes them into objects;
 * Organizations' `describe-policy` gives `Content` as a plain JSON string
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Policy.html).
 *
 * @param where what the document is, for messages ("inline policy `deploy` of role `ci`")
 */
export function readPolicyDocument(value: unknown, where: string, source: string): PolicyDocument {
  let doc = value;
  if (typeof value === 'string') {
    let text = value.trim();
    if (!text.startsWith('{')) {
      try {
        text = decodeURIComponent(text).trim();
      } catch {
        throw new InputError(`${where}: the policy document is neither JSON nor URL-encoded JSON`, source);
      }
    }
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new InputError(`${where}: the policy document is not valid JSON (${(e as Error).message})`, source);
    }
  }
  const record = asRecord(doc);
  if (!record) throw new InputError(`${where}: expected a policy document (a JSON object with \`Statement\`)`, source);
  for (const key of Object.keys(record)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') {
      throw new InputError(
        `${where}: unknown policy document element \`${key}\` (expected Version, Id, Statement)`,
        source,
      );
    }
  }
  if (record.Version !== undefined && typeof record.Version !== 'string') {
    throw new InputError(`${where}: \`Version\` must be a string`, source);
  }
  if (record.Id !== undefined && typeof record.Id !== 'string') {
    throw new InputError(`${where}: \`Id\` must be a string`, source);
  }
  const raw = record.Statement;
  if (raw === undefined) throw new InputError(`${where}: the policy document has no \`Statement\``, source);
  const list = Array.isArray(raw) ? raw : [raw];
  const statements = list.map((s, i) =>
    readStatement(s, list.length > 1 ? `${where}, statement ${i + 1}` : where, source),
  );
  return {
    ...(record.Version !== undefined ? { Version: record.Version as string } : {}),
    ...(record.Id !== undefined ? { Id: record.Id as string } : {}),
    Statement: Array.isArray(raw) ? statements : statements[0]!,
  };
}

const STRING_LIST_KEYS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;
const STATEMENT_KEYS = new Set(['Sid', 'Effect', ...STRING_LIST_KEYS, 'Principal', 'NotPrincipal', 'Condition']);

/**
 * One statement, checked against the policy grammar
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html):
 * an unknown element (`Actions`) would be ignored by a reader that trusted it,
 * so it is refused.
 */
function readStatement(value: unknown, where: string, source: string): PolicyStatement {
  const s = asRecord(value);
  if (!s) throw new InputError(`${where}: a statement must be a JSON object`, source);
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key)) throw new InputError(`${where}: unknown statement element \`${key}\``, source);
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    throw new InputError(`${where}: \`Effect\` must be "Allow" or "Deny", not ${JSON.stringify(s.Effect)}`, source);
  }
  if (s.Sid !== undefined && typeof s.Sid !== 'string')
    throw new InputError(`${where}: \`Sid\` must be a string`, source);
  for (const key of STRING_LIST_KEYS) {
    if (s[key] !== undefined && !isStringOrStrings(s[key])) {
      throw new InputError(`${where}: \`${key}\` must be a string or a list of strings`, source);
    }
  }
  if (s.Action === undefined && s.NotAction === undefined) {
    throw new InputError(`${where}: the statement has neither \`Action\` nor \`NotAction\``, source);
  }
  if (s.Action !== undefined && s.NotAction !== undefined) {
    throw new InputError(`${where}: the statement has both \`Action\` and \`NotAction\``, source);
  }
  if (s.Resource !== undefined && s.NotResource !== undefined) {
    throw new InputError(`${where}: the statement has both \`Resource\` and \`NotResource\``, source);
  }
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const p = s[key];
    if (p === undefined || p === '*') continue;
    const map = asRecord(p);
    if (!map || !Object.values(map).every(isStringOrStrings)) {
      throw new InputError(`${where}: \`${key}\` must be "*" or an object of strings or string lists`, source);
    }
  }
  if (s.Condition !== undefined) {
    const operators = asRecord(s.Condition);
    if (!operators) throw new InputError(`${where}: \`Condition\` must be an object`, source);
    for (const [operator, keys] of Object.entries(operators)) {
      const map = asRecord(keys);
      if (!map) throw new InputError(`${where}: condition operator \`${operator}\` must map keys to values`, source);
      for (const [key, v] of Object.entries(map)) {
        if (!isConditionValue(v)) {
          throw new InputError(
            `${where}: the value of condition \`${operator}\` \`${key}\` must be a string, number, boolean or a list of them`,
            source,
          );
        }
      }
    }
  }
  return s as unknown as PolicyStatement;
}

function isStringOrStrings(v: unknown): boolean {
  return typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isConditionValue(v: unknown): boolean {
  return isScalar(v) || (Array.isArray(v) && v.every(isScalar));
}
