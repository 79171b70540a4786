/**
 * Reads one CloudFormation template file, JSON or YAML, into plain objects.
 * YAML short-form intrinsics (`!Ref`, `!GetAtt`, `!If`…) become their long forms
 * (`{ Ref: … }`, `{ "Fn::GetAtt": […] }`, `{ "Fn::If": […] }`), so rules see one shape.
 * Anything that cannot be read throws `InputError`: it is never a pass.
 */
import * as fs from 'fs';
import * as path from 'path';
import { duplicateJsonKey, InputError } from '@deadbolt/rules';
import { Composer, isScalar, Pair, Parser, Scalar, visit, YAMLMap, type CST, type Document, type Tags } from 'yaml';

/** File extensions read as templates when a directory is given. */
export const TEMPLATE_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml', '.template'];

/** Short-form tag → the long form's key. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!If': 'Fn::If',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  // The rule-specific functions of a template's `Rules` section, which AWS's own templates write in short form.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/rules-section-structure.html
  '!Contains': 'Fn::Contains',
  '!EachMemberEquals': 'Fn::EachMemberEquals',
  '!EachMemberIn': 'Fn::EachMemberIn',
  '!RefAll': 'Fn::RefAll',
  '!ValueOf': 'Fn::ValueOf',
  '!ValueOfAll': 'Fn::ValueOfAll',
};

/** Aliases a template may use before it is taken for an alias bomb (the `yaml` default). */
const MAX_ALIASES = 100;

function shortFormTags(): Tags {
  const tags: Tags = [];
  for (const [tag, key] of Object.entries(SHORT_FORMS)) {
    tags.push({
      tag,
      resolve(value: string): unknown {
        // `!GetAtt Db.Endpoint.Address` → ["Db", "Endpoint.Address"]: the logical id never has a dot.
        if (key === 'Fn::GetAtt') {
          const dot = value.indexOf('.');
          return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
        }
        return { [key]: value };
      },
    });
    for (const collection of ['seq', 'map'] as const) {
      tags.push({
        tag,
        collection,
        // Wrap the collection node (not its JS value) so aliases inside it still resolve, with the alias limit applied.
        resolve(node): unknown {
          const map = new YAMLMap();
          map.items.push(new Pair(new Scalar(key), node));
          return map;
        },
      });
    }
  }
  return tags;
}

const CFN_TAGS = shortFormTags();

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return `line ${line}, column ${offset - last}`;
}

function oneLine(message: string): string {
  return message.split('\n')[0].trim().replace(/\.$/, '');
}

/**
 * Parses JSON, naming the line and column of a syntax error. A key written
 * twice in one object is refused too, naming the key and the line of the
 * second: `JSON.parse` would keep the last without a word, and a
 * `DeletionPolicy` written twice cannot be told to mean one or the other.
 */
export function parseJsonTemplate(text: string, source: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const message = oneLine((e as Error).message);
    const at = /at position (\d+)/.exec(message);
    const where = at ? ` at ${lineColumn(text, Number(at[1]))}` : '';
    throw new InputError(
      `the file is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}${where}.`,
      source,
    );
  }
  const duplicate = duplicateJsonKey(text);
  if (duplicate) {
    throw new InputError(
      `key \`${duplicate.key}\` is written twice in one object (the second at line ${duplicate.line}, column ${duplicate.column}); a JSON reader keeps only the last, so which one is meant cannot be told.`,
      source,
    );
  }
  return parsed;
}

/**
 * The first key written twice in one mapping, and where the second starts.
 * The `yaml` library's own check (`uniqueKeys`) compares each key with every
 * earlier one, quadratic in a mapping's size (a 40,000-key mapping took 80 s);
 * this is one pass with a set per mapping. Keys are equal when their values are
 * (`Db` and `"Db"`), and so are keys that name one property once read (`1`
 * and `"1"`); a collection used as a key is compared by its text.
 * @see https://yaml.org/spec/1.2.2/#mapping
 */
function duplicateYamlKey(doc: Document, text: string): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = pair.key as { range?: [number, number, number]; value?: unknown } | null;
        if (k === null || k === undefined) continue;
        // Keys become the names of an object's properties, so `1` and `"1"` are one key here.
        const identity = isScalar(k) ? String(k.value) : k.range ? text.slice(k.range[0], k.range[1]) : String(k);
        if (seen.has(identity)) {
          found = { key: identity, offset: k.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(identity);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * How deep collections may nest in a YAML template. The `yaml` library builds
 * its nodes recursively, and near the end of the stack (past about 500 levels
 * of flow collections here) it can abort the whole process from inside the
 * regular expression engine, which no `catch` sees. Templates nest a few dozen
 * levels (an inline state machine or policy included); deeper input is refused
 * before its nodes are built.
 */
export const MAX_YAML_DEPTH = 200;

/** How deep collections nest in YAML's concrete syntax tree, walked without recursion. */
function yamlDepth(tokens: readonly CST.Token[]): number {
  let max = 0;
  const stack: Array<[CST.Token | null | undefined, number]> = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [t, depth] = stack.pop()!;
    if (!t) continue;
    if (t.type === 'document') stack.push([t.value, depth]);
    else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      const inner = depth + 1;
      if (inner > max) max = inner;
      if (max > MAX_YAML_DEPTH) return max;
      for (const item of t.items as CST.CollectionItem[]) stack.push([item.key, inner], [item.value, inner]);
    }
  }
  return max;
}

/** Parses one YAML document with CloudFormation's short-form tags. */
export function parseYamlTemplate(text: string, source: string): unknown {
  let doc: Document.Parsed | undefined;
  try {
    // The parser is a stack machine; only composing nodes recurses, so the depth is checked in between.
    const tokens = Array.from(new Parser().parse(text));
    if (yamlDepth(tokens) > MAX_YAML_DEPTH) {
      throw new InputError(
        `collections nest more than ${MAX_YAML_DEPTH} levels deep, more than a template needs and more than Deadbolt reads.`,
        source,
      );
    }
    const composer = new Composer({
      customTags: CFN_TAGS,
      // Checked below in linear time (the library's check is quadratic).
      uniqueKeys: false,
      merge: false,
      strict: true,
    });
    for (const d of composer.compose(tokens, true, text.length)) {
      if (doc) {
        throw new InputError(
          `the file is not valid YAML: the file holds more than one YAML document at ${lineColumn(text, d.range[0])}.`,
          source,
        );
      }
      doc = d;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`the file is not valid YAML: ${oneLine((e as Error).message)}.`, source);
  }
  if (!doc) throw new InputError('the file is empty.', source);
  const problem =
    doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED' || w.code === 'BAD_COLLECTION_TYPE');
  if (problem) {
    let message = oneLine(problem.message).replace(/ at line \d+, column \d+.*$/, '');
    if (problem.code === 'TAG_RESOLVE_FAILED') message = `${message} (not a CloudFormation intrinsic)`;
    if (problem.code === 'MULTIPLE_DOCS') message = 'the file holds more than one YAML document';
    throw new InputError(`the file is not valid YAML: ${message} at ${lineColumn(text, problem.pos[0])}.`, source);
  }
  const duplicate = duplicateYamlKey(doc, text);
  if (duplicate) {
    throw new InputError(
      `key \`${duplicate.key}\` is written twice in one mapping (the second at ${lineColumn(text, duplicate.offset)}); YAML requires keys to be unique and readers differ on which one wins, so which one is meant cannot be told.`,
      source,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new InputError(`the file cannot be read as YAML: ${oneLine((e as Error).message)}.`, source);
  }
}

/**
 * Parses template text: JSON for `.json`, YAML for `.yaml`/`.yml`, and for
 * anything else JSON when it starts with `{`, YAML otherwise.
 */
export function parseTemplate(text: string, source: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Measured in characters first: a string of fewer than MAX/3 characters cannot be over MAX bytes.
  if (text.length > MAX_TEMPLATE_BYTES / 3) refuseOversized(Buffer.byteLength(text, 'utf8'), source);
  if (text.includes('\u0000')) throw new InputError('the file is binary, not a JSON or YAML template.', source);
  if (text.trim() === '') throw new InputError('the file is empty.', source);
  const ext = path.extname(source).toLowerCase();
  if (ext === '.json') return parseJsonTemplate(text, source);
  if (ext === '.yaml' || ext === '.yml') return parseYamlTemplate(text, source);
  return text.trimStart().startsWith('{') ? parseJsonTemplate(text, source) : parseYamlTemplate(text, source);
}

/**
 * The largest template CloudFormation deploys: a body of 1 MB in an S3 object
 * (taken as 1 MiB, so that nothing CloudFormation accepts is refused). A file
 * beyond it cannot be deployed, and is refused before it is parsed: YAML
 * parsing costs about a second per megabyte, and unbounded input must not
 * mean unbounded time.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

function refuseOversized(bytes: number, source: string): void {
  if (bytes <= MAX_TEMPLATE_BYTES) return;
  throw new InputError(
    `the file is ${bytes.toLocaleString('en-US')} bytes, over CloudFormation's 1 MB limit for a template (${MAX_TEMPLATE_BYTES.toLocaleString('en-US')} bytes), so it cannot be deployed; it is not read.`,
    source,
  );
}

/**
 * Whether a file's text may be a template (it names `Resources` or
 * `AWSTemplateFormatVersion` as a key), for passing over large JSON or YAML
 * files in a directory without parsing them.
 */
export function mayBeTemplate(text: string): boolean {
  return /(^|[{,\s])["']?(Resources|AWSTemplateFormatVersion)["']?\s*:/m.test(text);
}

/** Decodes bytes as UTF-8, refusing anything that is not text. */
export function decodeTemplate(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('the file is not UTF-8 text, so it is not a JSON or YAML template.', source);
  }
}

/** Reads and parses a template file (not yet checked to be a template: `cloudFormationDocument` does that). */
export function readTemplateFile(file: string): unknown {
  let bytes: Buffer;
  try {
    refuseOversized(fs.statSync(file).size, file);
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('the file does not exist.', file);
    if (code === 'EISDIR') throw new InputError('is a directory, not a template file.', file);
    if (code === 'EACCES') throw new InputError('the file cannot be read (permission denied).', file);
    throw new InputError(`the file cannot be read (${oneLine((e as Error).message)}).`, file);
  }
  return parseTemplate(decodeTemplate(bytes, file), file);
}
