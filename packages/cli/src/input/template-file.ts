/**
 * Reads one CloudFormation template file, JSON or YAML, into plain objects.
 * YAML short-form intrinsics (`!Ref`, `!GetAtt`, `!If`…) become their long forms
 * (`{ Ref: … }`, `{ "Fn::GetAtt": […] }`, `{ "Fn::If": […] }`), so rules see one shape.
 * Anything that cannot be read throws `InputError`: it is never a pass.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '@deadbolt/rules';
import { parseDocument, Pair, Scalar, YAMLMap, type Tags } from 'yaml';

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

/** Parses JSON, naming the line and column of a syntax error. */
export function parseJsonTemplate(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = oneLine((e as Error).message);
    const at = /at position (\d+)/.exec(message);
    const where = at ? ` at ${lineColumn(text, Number(at[1]))}` : '';
    throw new InputError(
      `the file is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}${where}.`,
      source,
    );
  }
}

/** Parses one YAML document with CloudFormation's short-form tags. */
export function parseYamlTemplate(text: string, source: string): unknown {
  let doc;
  try {
    doc = parseDocument(text, {
      customTags: CFN_TAGS,
      prettyErrors: false,
      uniqueKeys: true,
      merge: false,
      strict: true,
    });
  } catch (e) {
    throw new InputError(`the file is not valid YAML: ${oneLine((e as Error).message)}.`, source);
  }
  const problem =
    doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED' || w.code === 'BAD_COLLECTION_TYPE');
  if (problem) {
    let message = oneLine(problem.message).replace(/ at line \d+, column \d+.*$/, '');
    if (problem.code === 'TAG_RESOLVE_FAILED') message = `${message} (not a CloudFormation intrinsic)`;
    if (problem.code === 'MULTIPLE_DOCS') message = 'the file holds more than one YAML document';
    throw new InputError(`the file is not valid YAML: ${message} at ${lineColumn(text, problem.pos[0])}.`, source);
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
  if (text.includes('\u0000')) throw new InputError('the file is binary, not a JSON or YAML template.', source);
  if (text.trim() === '') throw new InputError('the file is empty.', source);
  const ext = path.extname(source).toLowerCase();
  if (ext === '.json') return parseJsonTemplate(text, source);
  if (ext === '.yaml' || ext === '.yml') return parseYamlTemplate(text, source);
  return text.trimStart().startsWith('{') ? parseJsonTemplate(text, source) : parseYamlTemplate(text, source);
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
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('the file does not exist.', file);
    if (code === 'EISDIR') throw new InputError('is a directory, not a template file.', file);
    if (code === 'EACCES') throw new InputError('the file cannot be read (permission denied).', file);
    throw new InputError(`the file cannot be read (${oneLine((e as Error).message)}).`, file);
  }
  return parseTemplate(decodeTemplate(bytes, file), file);
}
