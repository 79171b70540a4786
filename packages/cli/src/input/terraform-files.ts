/**
 * What `deadbolt check` reads from a Terraform configuration's `.tf` files
 * beside a plan: where each resource block starts (for SARIF), whether it
 * writes `lifecycle { prevent_destroy = true }` and which `dynamic` blocks it
 * has, two things the plan JSON leaves out.
 *
 * This is a scanner, not an HCL parser: it follows strings, template
 * interpolations, heredocs and comments to keep count of braces, and reads
 * only resource block headers, `lifecycle` and `dynamic` headers. That is
 * enough because `prevent_destroy` must be a literal (Terraform refuses an
 * expression in `lifecycle` meta-arguments), so reading it does not need
 * evaluation. No maintained, permissively licensed HCL parser exists for Node
 * (`@cdktf/hcl2json` is MPL-2.0 WebAssembly from the archived CDKTF;
 * `hcl2-parser` is an unmaintained GopherJS build), and Deadbolt adds no
 * dependency for this. A file the scanner cannot follow (unbalanced braces)
 * gives nothing: `prevent_destroy` is then unseen, never assumed.
 *
 * A `.tf.json` file (Terraform's JSON syntax, what generators write) is read
 * as JSON: `resource` → type → name → body, where any of those levels may be an
 * array of objects, and a nested block (`lifecycle`, `dynamic`) an object or
 * an array of objects.
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#literal-values-only
 * @see https://developer.hashicorp.com/terraform/language/syntax/configuration
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */
import * as fs from 'fs';
import * as path from 'path';
import { terraformModuleSources, type TerraformBlockFacts } from '@deadbolt/rules';

/** One `resource "TYPE" "NAME"` block of a `.tf` file. */
export interface TerraformBlock extends TerraformBlockFacts {
  readonly file: string;
  /** 1-based line of the block's header. */
  readonly line: number;
}

/** `.tf` files read per module directory, and bytes per file: a bound on what one configuration costs. */
const MAX_FILES = 500;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const RESOURCE_HEADER = /^\s*resource\s+"([^"\\]+)"\s+"([^"\\]+)"\s*\{/;
const LIFECYCLE_HEADER = /^\s*lifecycle\s*\{/;
const PREVENT_DESTROY_TRUE = /(^|[\s{])prevent_destroy\s*=\s*true\b/;
const DYNAMIC_HEADER = /^\s*dynamic\s+"([^"\\]+)"\s*\{/;
const HEREDOC = /<<-?\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$/;

/** One `.tf` or `.tf.json` file of a module directory; `text` is undefined when it is too large or cannot be read. */
export interface ModuleFile {
  readonly name: string;
  readonly file: string;
  readonly text: string | undefined;
}

/**
 * The `.tf` and `.tf.json` files of a directory, in name order (at most `MAX_FILES`, each read only under
 * `MAX_FILE_BYTES`), read once for both the resource blocks and the locals; undefined when it cannot be listed.
 */
export function readModuleFiles(dir: string): readonly ModuleFile[] | undefined {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))
      .sort()
      .slice(0, MAX_FILES);
  } catch {
    return undefined;
  }
  return names.map((name) => {
    const file = path.join(dir, name);
    try {
      return { name, file, text: fs.statSync(file).size > MAX_FILE_BYTES ? undefined : fs.readFileSync(file, 'utf8') };
    } catch {
      return { name, file, text: undefined };
    }
  });
}

/** The resource blocks of a module's files, by `TYPE.NAME`; undefined when it has none. */
export function readModuleBlocks(files: readonly ModuleFile[] | undefined): Map<string, TerraformBlock> | undefined {
  if (files === undefined || files.length === 0) return undefined;
  const out = new Map<string, TerraformBlock>();
  for (const { name, file, text } of files) {
    if (text === undefined) continue;
    const blocks = name.endsWith('.json') ? jsonResourceBlocks(text, file) : scanResourceBlocks(text, file);
    for (const b of blocks) out.set(`${b.type}.${b.name}`, b);
  }
  return out;
}

/** The resource blocks of one file's text. A file whose braces do not balance gives none. */
export function scanResourceBlocks(
  text: string,
  file: string,
): Array<TerraformBlock & { readonly type: string; readonly name: string }> {
  const out: Array<TerraformBlock & { type: string; name: string }> = [];
  let current: { type: string; name: string; line: number; prevent: boolean; dynamic: Set<string> } | undefined;
  let lifecycleDepth = -1;
  let depth = 0;
  // Inside a string: the stack of interpolation brace depths that enclose it.
  const interpolations: number[] = [];
  let inString = false;
  let heredoc: string | undefined;
  let blockComment = false;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    // Headers are read where a line starts outside strings and comments.
    if (!inString && !blockComment) {
      if (depth === 0) {
        const m = RESOURCE_HEADER.exec(line);
        if (m) current = { type: m[1], name: m[2], line: n + 1, prevent: false, dynamic: new Set() };
      } else if (current) {
        if (depth === 1 && LIFECYCLE_HEADER.test(line)) {
          lifecycleDepth = 2;
          if (PREVENT_DESTROY_TRUE.test(line.slice(line.indexOf('{') + 1))) current.prevent = true;
        } else if (depth === lifecycleDepth && PREVENT_DESTROY_TRUE.test(line)) current.prevent = true;
        const d = DYNAMIC_HEADER.exec(line);
        if (d) current.dynamic.add(d[1]);
      }
    }
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (blockComment) {
        if (c === '*' && line[i + 1] === '/') {
          blockComment = false;
          i++;
        }
        continue;
      }
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        else if ((c === '$' || c === '%') && line[i + 1] === '{') {
          interpolations.push(depth);
          depth++;
          inString = false;
          i++;
        }
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '#' || (c === '/' && line[i + 1] === '/')) break;
      else if (c === '/' && line[i + 1] === '*') {
        blockComment = true;
        i++;
      } else if (c === '<' && line[i + 1] === '<') {
        const h = HEREDOC.exec(line.slice(i));
        if (h) {
          heredoc = h[1];
          break;
        }
      } else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth < 0) return [];
        if (interpolations.length && interpolations[interpolations.length - 1] === depth) {
          interpolations.pop();
          inString = true;
        } else if (depth < lifecycleDepth) lifecycleDepth = -1;
        if (depth === 0 && current) {
          out.push({
            type: current.type,
            name: current.name,
            file,
            line: current.line,
            preventDestroy: current.prevent,
            dynamicBlocks: current.dynamic,
          });
          current = undefined;
        }
      }
    }
  }
  return depth === 0 && !inString && heredoc === undefined ? out : [];
}

/** Nesting read in a `.tf.json` resource body: deeper than any provider's schema nests blocks. */
const MAX_JSON_DEPTH = 32;

/** A JSON syntax level: an object, or an array of objects (several blocks, or a label level split up). */
function jsonObjects(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v));
}

/**
 * The resource blocks of a `.tf.json` file. A file that is not valid JSON gives none (`terraform` refuses it too).
 * The line of a block is where its name is first written after its type, else the file's first line.
 */
export function jsonResourceBlocks(
  text: string,
  file: string,
): Array<TerraformBlock & { readonly type: string; readonly name: string }> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return [];
  }
  const out: Array<TerraformBlock & { type: string; name: string }> = [];
  const lineOf = lineFinder(text);
  for (const top of jsonObjects(doc)) {
    for (const byType of jsonObjects(top.resource)) {
      for (const [type, byName] of Object.entries(byType)) {
        for (const names of jsonObjects(byName)) {
          for (const [name, body] of Object.entries(names)) {
            const bodies = jsonObjects(body);
            if (bodies.length === 0) continue;
            const dynamic = new Set<string>();
            let prevent = false;
            for (const b of bodies) {
              // `prevent_destroy` is a literal: a JSON `true` (Terraform refuses an expression there).
              for (const l of jsonObjects(b.lifecycle)) if (l.prevent_destroy === true) prevent = true;
              collectDynamic(b, dynamic, 0);
            }
            out.push({ type, name, file, line: lineOf(type, name), preventDestroy: prevent, dynamicBlocks: dynamic });
          }
        }
      }
    }
  }
  return out;
}

/** The block type names of every `dynamic` block in a JSON resource body, at any depth. */
function collectDynamic(body: Record<string, unknown>, into: Set<string>, depth: number): void {
  if (depth > MAX_JSON_DEPTH) return;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'dynamic') for (const d of jsonObjects(value)) for (const name of Object.keys(d)) into.add(name);
    for (const nested of jsonObjects(value)) collectDynamic(nested, into, depth + 1);
  }
}

/** Finds the 1-based line of `"name":` after `"type":` in JSON text (1 when it cannot be found). */
function lineFinder(text: string): (type: string, name: string) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const keyAt = (key: string, from: number): number => {
    const quoted = JSON.stringify(key);
    for (let i = text.indexOf(quoted, from); i >= 0; i = text.indexOf(quoted, i + 1)) {
      let j = i + quoted.length;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === ':') return i;
    }
    return -1;
  };
  return (type, name) => {
    const resource = keyAt('resource', 0);
    const t = resource < 0 ? -1 : keyAt(type, resource);
    const n = t < 0 ? -1 : keyAt(name, t);
    if (n < 0) return 1;
    // The last line start at or before the key: a binary search over the line starts.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= n) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The text of HCL with what is not code blanked out: comments, and the literal
 * parts of strings and heredocs (their `${…}` interpolations are kept, being
 * code). A word in a comment or a literal string is never taken for a reference.
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#interpolation
 */
export function codeOnly(text: string): string {
  // A string that is an instance key (`module.db["eu"]`) is kept: it is part of the reference.
  type Frame =
    { kind: 'code'; braces: number } | { kind: 'string'; key: boolean } | { kind: 'heredoc'; marker: string };
  const frames: Frame[] = [{ kind: 'code', braces: 0 }];
  let out = '';
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    const frame = frames[frames.length - 1];
    if (frame.kind === 'code') {
      if (c === '"') {
        const key = out[out.length - 1] === '[';
        frames.push({ kind: 'string', key });
        out += key ? c : ' ';
      } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        const end = text.indexOf('\n', i);
        i = (end < 0 ? n : end) - 1;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c === '<' && text[i + 1] === '<') {
        const h = /^<<-?\s*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
        if (h) {
          frames.push({ kind: 'heredoc', marker: h[1] });
          i += h[0].length - 1;
          out += '\n';
        } else out += c;
      } else if (c === '{') {
        frame.braces++;
        out += c;
      } else if (c === '}' && frame.braces === 0 && frames.length > 1) {
        // The end of an interpolation: back into its string or heredoc.
        frames.pop();
        out += ' ';
      } else {
        if (c === '}') frame.braces--;
        out += c;
      }
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (i > 0 && text[i - 1] === c) {
        // `$${` is an escaped, literal `${`.
        out += ' ';
        continue;
      }
      frames.push({ kind: 'code', braces: 0 });
      out += '  ';
      i++;
      continue;
    }
    if (frame.kind === 'string') {
      if (c === '\\') {
        i++;
        out += '  ';
      } else if (c === '"') {
        frames.pop();
        out += frame.key ? c : ' ';
      } else out += c === '\n' ? '\n' : frame.key ? c : ' ';
      continue;
    }
    // A heredoc ends at a line holding only its marker.
    if (c === '\n') {
      out += '\n';
      const end = text.indexOf('\n', i + 1);
      if (text.slice(i + 1, end < 0 ? n : end).trim() === frame.marker) {
        frames.pop();
        i = (end < 0 ? n : end) - 1;
      }
    } else out += ' ';
  }
  return out;
}

/** References in HCL code, in the form the plan's `references` lists them (the object, without the attribute). */
export function referencesIn(code: string): string[] {
  const out = new Set<string>();
  // `module.db["eu"].arn`, `module.db.arn`: an output of a module call.
  for (const m of code.matchAll(/(?<![\w.])module\.([A-Za-z_][\w-]*)(\[(?:"[^"\\]*"|\d+)\])?\.([A-Za-z_][\w-]*)/g))
    out.add(`module.${m[1]}${m[2] ?? ''}.${m[3]}`);
  for (const m of code.matchAll(/(?<![\w.])(var|local)\.([A-Za-z_][\w-]*)/g)) out.add(`${m[1]}.${m[2]}`);
  // `aws_db_instance.main`, `aws_db_instance.main[0]`: a managed resource (a literal key only; a computed one names
  // the resource, as Terraform's `references` do). A data source (`data.`) is passed over.
  for (const m of code.matchAll(/(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(\[(?:"[^"\\]*"|\d+)\])?/g))
    out.add(`${m[1]}.${m[2]}${m[3] ?? ''}`);
  return [...out];
}

/** The `locals` blocks of one `.tf` file: local name → the references of its expression. */
export function scanLocals(text: string): Map<string, string[]> {
  const code = codeOnly(text);
  const out = new Map<string, string[]>();
  const header = /(^|\n)[ \t]*locals[ \t]*\{/g;
  let depth = 0;
  let scanned = 0;
  for (let m = header.exec(code); m; m = header.exec(code)) {
    // Only a `locals` block at the top level of the file.
    for (; scanned < m.index; scanned++) {
      const c = code[scanned];
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') depth--;
    }
    if (depth !== 0) continue;
    const start = m.index + m[0].length;
    // The body, split into its top-level `name = expression` attributes.
    let d = 0;
    let name: string | undefined;
    let from = start;
    const flush = (to: number) => {
      if (name !== undefined) out.set(name, referencesIn(code.slice(from, to)));
    };
    let i = start;
    for (; i < code.length; i++) {
      const c = code[i];
      if (c === '{' || c === '[' || c === '(') d++;
      else if (c === '}' || c === ']' || c === ')') {
        if (d === 0) break;
        d--;
      } else if (d === 0 && (i === start || code[i - 1] === '\n')) {
        const a = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=(?!=)/.exec(code.slice(i, i + 200));
        if (a) {
          flush(i);
          name = a[1];
          from = i + a[0].length;
        }
      }
    }
    flush(i);
  }
  return out;
}

/** The `locals` of a `.tf.json` file: its expressions are strings whose `${…}` interpolations are code. */
function jsonLocals(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return out;
  }
  for (const top of jsonObjects(doc))
    for (const locals of jsonObjects(top.locals))
      for (const [name, value] of Object.entries(locals)) {
        const interpolations = [...JSON.stringify(value).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).join('\n');
        out.set(name, referencesIn(interpolations));
      }
  return out;
}

/** The locals of a module's `.tf` and `.tf.json` files. */
export function readModuleLocals(files: readonly ModuleFile[] | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { name, text } of files ?? []) {
    // Only a file that names `locals` is scanned for them.
    if (text === undefined || !text.includes('locals')) continue;
    for (const [k, v] of name.endsWith('.json') ? jsonLocals(text) : scanLocals(text)) out.set(k, v);
  }
  return out;
}

/**
 * The `.tf` blocks of a whole configuration, by configuration address
 * (`module.db.aws_db_instance.this`): the root module in `root`, and each
 * module call whose source is a local path (`./modules/db`) or that
 * `terraform init` installed (`.terraform/modules/modules.json`).
 * @see https://developer.hashicorp.com/terraform/language/modules/sources#local-paths
 */
export class TerraformConfiguration {
  private readonly modules = new Map<string, Map<string, TerraformBlock> | undefined>();
  private readonly moduleLocals = new Map<string, Map<string, string[]> | undefined>();
  /** Each module directory's files, read once for its blocks and its locals. */
  private readonly files = new Map<string, readonly ModuleFile[] | undefined>();
  private readonly sources: Map<string, string>;
  private readonly installed: Map<string, string>;

  constructor(
    private readonly root: string,
    plan: unknown,
  ) {
    this.sources = terraformModuleSources(plan);
    this.installed = installedModules(root);
  }

  /** True when the root directory has `.tf` (or `.tf.json`) files. */
  get found(): boolean {
    return this.blocksOf('') !== undefined;
  }

  /** The block of a resource by its configuration address, when its module's files were read. */
  block(configAddress: string): TerraformBlock | undefined {
    const steps = configAddress.split('.');
    if (steps.length < 2) return undefined;
    const module = steps.slice(0, -2).join('.');
    return this.blocksOf(module)?.get(steps.slice(-2).join('.'));
  }

  /** The locals of a module by its configuration address ('' for the root), when its files are on disk. */
  locals(module: string): Map<string, string[]> | undefined {
    if (this.moduleLocals.has(module)) return this.moduleLocals.get(module);
    const dir = this.dirOf(module);
    const locals = dir === undefined ? undefined : readModuleLocals(this.filesIn(dir));
    this.moduleLocals.set(module, locals);
    return locals;
  }

  private blocksOf(module: string): Map<string, TerraformBlock> | undefined {
    if (this.modules.has(module)) return this.modules.get(module);
    const dir = this.dirOf(module);
    const blocks = dir === undefined ? undefined : readModuleBlocks(this.filesIn(dir));
    this.modules.set(module, blocks);
    return blocks;
  }

  private filesIn(dir: string): readonly ModuleFile[] | undefined {
    if (!this.files.has(dir)) this.files.set(dir, readModuleFiles(dir));
    return this.files.get(dir);
  }

  /** The directory of a module (`module.a.module.b`), or undefined when it is not on disk. */
  private dirOf(module: string): string | undefined {
    if (module === '') return this.root;
    const calls = module.split('.').filter((_, i) => i % 2 === 1);
    const installed = this.installed.get(calls.join('.'));
    if (installed !== undefined) return installed;
    const source = this.sources.get(module);
    if (source === undefined || !(source.startsWith('./') || source.startsWith('../'))) return undefined;
    const parent = this.dirOf(module.split('.').slice(0, -2).join('.'));
    return parent === undefined ? undefined : path.resolve(parent, source);
  }
}

/** `terraform init`'s record of the modules it installed: call path (`db.inner`) → directory. */
function installedModules(root: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, '.terraform', 'modules', 'modules.json'), 'utf8')) as {
      Modules?: Array<{ Key?: unknown; Dir?: unknown }>;
    };
    for (const m of manifest.Modules ?? []) {
      if (typeof m.Key === 'string' && m.Key !== '' && typeof m.Dir === 'string')
        out.set(m.Key, path.resolve(root, m.Dir));
    }
  } catch {
    // No manifest: only local module sources are found.
  }
  return out;
}
