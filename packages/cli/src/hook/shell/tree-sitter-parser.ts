/**
 * The shell parser: tree-sitter's Bash grammar compiled to WebAssembly (the
 * build VS Code itself uses to read terminal command lines, from
 * `@vscode/tree-sitter-wasm`), run by `web-tree-sitter`. No native code, no
 * install script. Loaded on first use only:
 * the WebAssembly runtime, the grammar and the first parse cost tens of
 * milliseconds, which is why the hook tries `simple-lexer.ts` first.
 *
 * The concrete syntax tree is turned into the analysis's model (`model.ts`).
 * Anything the conversion does not understand, and any syntax error, marks the
 * script `incomplete`: the analysis then never answers "allow" for a line
 * that could run a guarded tool.
 */
import * as fs from 'fs';
import * as v8 from 'v8';
import type { Assignment, Input, Item, Part, Redirect, Script, SimpleCommand, Word } from './model';

/** The part of web-tree-sitter's `Node` the conversion uses. */
interface TsNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly isError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly childCount: number;
  child(index: number): TsNode | null;
  fieldNameForChild(index: number): string | null;
}

interface TsTree {
  readonly rootNode: TsNode & { readonly hasError: boolean };
  delete(): void;
}

interface TsParser {
  parse(input: string): TsTree | null;
}

let parser: Promise<TsParser> | undefined;

/** web-tree-sitter's runtime, as far as the hook uses it. */
export interface TsRuntime {
  readonly Parser: { init(): Promise<void>; new (): TsParser & { setLanguage(l: unknown): void } };
  readonly Language: { load(input: Uint8Array): Promise<unknown> };
}

let runtime: Promise<TsRuntime> | undefined;

/**
 * Initialises the WebAssembly runtime once per process, for every grammar (Bash here, Python and
 * JavaScript in `code/grammars.ts`): a second `Parser.init()` would replace the binding under parsers
 * already made.
 */
export function treeSitterRuntime(): Promise<TsRuntime> {
  runtime ??= (async () => {
    // Baseline (Liftoff) code only: it compiles the grammar fast, and without it V8 keeps optimising the
    // 1.4 MB grammar in the background and holds the process at exit for over a second (measured in
    // bench/hook-latency/README.md). One parse of a command line does not need optimised code.
    v8.setFlagsFromString('--liftoff-only');
    // The runtime from web-tree-sitter (its CommonJS build loads with plain `require`); grammars from
    // @vscode/tree-sitter-wasm, passed as bytes so the runtime needs no dynamic `import()`.
    const ts = require('web-tree-sitter') as TsRuntime;
    await ts.Parser.init();
    return ts;
  })();
  return runtime;
}

/** Loads the WebAssembly parser once per process. */
export function loadParser(): Promise<TsParser> {
  parser ??= (async () => {
    const ts = await treeSitterRuntime();
    const language = await ts.Language.load(
      fs.readFileSync(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-bash.wasm')),
    );
    const p = new ts.Parser();
    p.setLanguage(language);
    return p;
  })();
  return parser;
}

/** Parses a command line into the analysis model. Never throws for any input string. */
export async function parseWithTreeSitter(source: string): Promise<Script> {
  const p = await loadParser();
  const tree = p.parse(joinContinuationLines(source));
  if (!tree) return { items: [], incomplete: 'the parser returned no tree' };
  try {
    const c = new Converter();
    c.statements(tree.rootNode, { conditional: false });
    if (tree.rootNode.hasError && !c.incomplete && hasError(tree.rootNode, c.benignMissing))
      c.incomplete = 'the line has a syntax error';
    return c.incomplete ? { items: c.items, incomplete: c.incomplete } : { items: c.items };
  } finally {
    tree.delete();
  }
}

/**
 * Removes backslash-newline pairs outside single quotes, as Bash does before
 * it splits words: `terra\<newline>form` is one word, `terraform`. The
 * grammar reads the pair as a blank instead, which would split it in two.
 */
export function joinContinuationLines(source: string): string {
  if (!source.includes('\\')) return source;
  let out = '';
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      out += ch;
    } else if (ch === '\\') {
      const next = source[i + 1];
      if (next === '\n') {
        i++;
      } else if (next === '\r' && source[i + 2] === '\n') {
        i += 2;
      } else {
        out += ch + (next ?? '');
        i++;
      }
    } else {
      if (ch === '"') quote = quote === '"' ? undefined : '"';
      else if (ch === "'" && quote === undefined) quote = "'";
      out += ch;
    }
  }
  return out;
}

interface Ctx {
  readonly conditional: boolean;
  readonly input?: Input;
  /** Redirections written after a compound body or pipeline (`redirected_statement`), for its last command. */
  readonly redirects?: readonly Redirect[];
  /** Words the grammar put after a redirection's target (`cmd > out ARG`): arguments of the command. */
  readonly extraArgs?: readonly Word[];
}

/** True when the tree has an ERROR node or a missing token other than the benign ones. */
function hasError(node: TsNode, benign: ReadonlySet<number>): boolean {
  if (benign.has(node.id)) return false;
  if (node.isError || node.type === 'ERROR' || node.isMissing) return true;
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (c && hasError(c, benign)) return true;
  }
  return false;
}

/** The context without what belongs to the last command only (trailing redirections and words). */
function withoutTail(ctx: Ctx): Ctx {
  return ctx.redirects || ctx.extraArgs
    ? { conditional: ctx.conditional, ...(ctx.input ? { input: ctx.input } : {}) }
    : ctx;
}

function children(node: TsNode): TsNode[] {
  const out: TsNode[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (c) out.push(c);
  }
  return out;
}

function fieldChildren(node: TsNode, field: string): TsNode[] {
  const out: TsNode[] = [];
  for (let i = 0; i < node.childCount; i++) {
    if (node.fieldNameForChild(i) === field) {
      const c = node.child(i);
      if (c) out.push(c);
    }
  }
  return out;
}

const STATEMENT_TYPES = new Set([
  'command',
  'variable_assignment',
  'variable_assignments',
  'declaration_command',
  'unset_command',
  'pipeline',
  'list',
  'redirected_statement',
  'subshell',
  'compound_statement',
  'do_group',
  'else_clause',
  'elif_clause',
  'if_statement',
  'while_statement',
  'for_statement',
  'c_style_for_statement',
  'case_statement',
  'case_item',
  'function_definition',
  'negated_command',
  'test_command',
]);

const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);

/** The commands of `>(…)` read what the outer command writes (`… | tee >(sh)`): input Deadbolt cannot know. */
function substitutionCtx(node: TsNode): Ctx {
  return node.type === 'process_substitution' && node.text.startsWith('>(')
    ? { conditional: true, input: { kind: 'pipe-unknown', text: node.text } }
    : { conditional: true };
}

class Converter {
  readonly items: Item[] = [];
  incomplete?: string;
  /**
   * Missing and error nodes that do not hide a command: the command name the grammar adds to `X=1 > out`,
   * an invalid name given to `export` (`export s3://b`).
   */
  readonly benignMissing = new Set<number>();

  private unknown(node: TsNode, what: string): void {
    this.incomplete ??= `${what} (\`${node.text.slice(0, 60)}\`)`;
  }

  /** Converts the statements among a node's children; returns the command whose output a pipe would carry. */
  statements(node: TsNode, ctx: Ctx): SimpleCommand | undefined {
    let last: SimpleCommand | undefined;
    let afterOperator = false;
    const all = children(node);
    const lastNamed = all.filter((c) => c.isNamed && c.type !== 'comment').pop();
    for (const c of all) {
      if (!c.isNamed) {
        if (c.type === '&&' || c.type === '||') afterOperator = true;
        if (c.isMissing) this.unknown(c, 'a missing token');
        continue;
      }
      const own = c === lastNamed ? ctx : withoutTail(ctx);
      last = this.statement(c, afterOperator && !own.conditional ? { ...own, conditional: true } : own);
    }
    return last;
  }

  statement(node: TsNode, ctx: Ctx): SimpleCommand | undefined {
    if (node.isMissing) this.unknown(node, 'a missing token');
    switch (node.type) {
      case 'command':
        return this.command(node, ctx);
      case 'variable_assignment':
      case 'variable_assignments':
      case 'declaration_command':
        return this.assignments(node, ctx);
      case 'unset_command':
        for (const c of children(node)) {
          if (c.type === 'variable_name' || c.type === 'word') this.items.push({ kind: 'unset', name: c.text });
          else this.substitutions(c, ctx);
        }
        return undefined;
      case 'pipeline':
        return this.pipeline(node, ctx);
      case 'list':
        return this.statements(node, ctx);
      case 'redirected_statement':
        return this.redirected(node, ctx);
      case 'negated_command':
        return this.statements(node, ctx);
      case 'subshell':
      case 'compound_statement':
      case 'do_group':
      case 'else_clause':
      case 'elif_clause':
      case 'if_statement':
      case 'while_statement':
      case 'case_statement':
      case 'case_item':
      case 'c_style_for_statement':
        this.compound(node, ctx);
        return undefined;
      case 'for_statement': {
        const variable = fieldChildren(node, 'variable')[0];
        const values = fieldChildren(node, 'value');
        // `for d in dev prod`: each value is one plain word, so `$d` stays one argument.
        const oneWord =
          values.length > 0 && values.every((v) => v.type === 'word' && /^[A-Za-z0-9_./:@%+,=-]+$/.test(v.text));
        if (variable) this.items.push({ kind: 'unset', name: variable.text, ...(oneWord ? { oneWord } : {}) });
        this.compound(node, ctx);
        return undefined;
      }
      case 'function_definition': {
        const name = fieldChildren(node, 'name')[0];
        const body = fieldChildren(node, 'body')[0];
        if (name) this.items.push({ kind: 'function', name: literalName(name), body: body?.text ?? '' });
        this.compound(node, ctx);
        return undefined;
      }
      case 'test_command':
        this.substitutions(node, ctx);
        return undefined;
      case 'comment':
        return undefined;
      case 'ERROR':
        this.unknown(node, 'a syntax error');
        this.compound(node, ctx);
        return undefined;
      default:
        if (SUBSTITUTIONS.has(node.type)) {
          this.statements(node, substitutionCtx(node));
          return undefined;
        }
        // Words at statement level (arithmetic `(( … ))`, a stray word): look for substitutions.
        if (!STATEMENT_TYPES.has(node.type)) {
          if (
            !/expression|number|word|string|expansion|variable_name|subscript|raw_string|concatenation|regex|test_operator|extglob_pattern/.test(
              node.type,
            )
          ) {
            this.unknown(node, `an unsupported construct \`${node.type}\``);
          }
          this.substitutions(node, ctx);
        }
        return undefined;
    }
  }

  /** Statements and substitutions anywhere below a compound command; all conditional. */
  private compound(node: TsNode, ctx: Ctx): void {
    const inner: Ctx = { conditional: true, input: ctx.input };
    for (const c of children(node)) {
      if (!c.isNamed) {
        if (c.isMissing) this.unknown(c, 'a missing token');
        continue;
      }
      if (STATEMENT_TYPES.has(c.type) || c.type === 'ERROR' || c.type === 'comment') this.statement(c, inner);
      else this.substitutions(c, inner);
    }
  }

  private pipeline(node: TsNode, ctx: Ctx): SimpleCommand | undefined {
    let previous: SimpleCommand | undefined;
    let previousText: string | undefined;
    let first = true;
    const all = children(node);
    const lastNamed = all.filter((c) => c.isNamed && c.type !== 'comment').pop();
    for (const c of all) {
      if (!c.isNamed) {
        if (c.isMissing) this.unknown(c, 'a missing token');
        continue;
      }
      const input: Input | undefined = first
        ? ctx.input
        : previous
          ? { kind: 'pipe', from: previous }
          : { kind: 'pipe-unknown', text: previousText ?? '' };
      const stage = { ...(c === lastNamed ? ctx : withoutTail(ctx)), input };
      // tree-sitter-bash reads `a | b && c` as `a | (b && c)`; Bash reads `(a | b) && c`: only the
      // list's first statement continues the pipeline.
      previous = c.type === 'list' && !first ? this.listInPipeline(c, stage) : this.statement(c, stage);
      previousText = c.text;
      first = false;
    }
    return previous;
  }

  private listInPipeline(node: TsNode, ctx: Ctx): SimpleCommand | undefined {
    let out: SimpleCommand | undefined;
    let first = true;
    const all = children(node);
    const lastNamed = all.filter((c) => c.isNamed && c.type !== 'comment').pop();
    // Redirections and words after them that the grammar hung on the whole pipeline
    // (`a | b && c > out X`) belong to the list's last command, `c`.
    const tail: Partial<Ctx> = {
      ...(ctx.redirects ? { redirects: ctx.redirects } : {}),
      ...(ctx.extraArgs ? { extraArgs: ctx.extraArgs } : {}),
    };
    for (const c of all) {
      if (!c.isNamed || c.type === 'comment') {
        if (c.isMissing) this.unknown(c, 'a missing token');
        continue;
      }
      const last = c === lastNamed;
      if (first) {
        const head = last ? ctx : withoutTail(ctx);
        out = c.type === 'list' ? this.listInPipeline(c, head) : this.statement(c, head);
      } else {
        out = this.statement(c, { conditional: true, ...(last ? tail : {}) });
      }
      first = false;
    }
    return out;
  }

  private redirected(node: TsNode, ctx: Ctx): SimpleCommand | undefined {
    const redirects: Redirect[] = [];
    const continuations: TsNode[] = [];
    const extraArgs: Word[] = [];
    let body: TsNode | undefined;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (!c || !c.isNamed) continue;
      const field = node.fieldNameForChild(i);
      if (field === 'body') body = c;
      else if (/redirect$/.test(c.type)) redirects.push(this.redirect(c, ctx, continuations, extraArgs));
      else if (STATEMENT_TYPES.has(c.type)) continuations.push(c);
      else this.substitutions(c, ctx);
    }
    let out: SimpleCommand | undefined;
    if (body) {
      if (body.type === 'command') {
        out = this.command(body, { ...ctx, redirects, extraArgs });
      } else if (body.type === 'pipeline' || body.type === 'list') {
        // `a | b > out X`: the redirection and X belong to the last command.
        out = this.statement(body, { ...ctx, redirects, extraArgs });
      } else {
        // `export > out NAME`: more names for a declaration; after a compound command, a syntax error.
        if (extraArgs.length && body.type !== 'declaration_command' && body.type !== 'unset_command') {
          this.unknown(node, 'words after a redirection of a compound command');
        }
        out = this.statement(body, { ...ctx, redirects });
      }
    }
    // tree-sitter-bash puts what follows a here-document's start line inside the redirect node:
    // `cat <<EOF | sh` (a pipeline continuing from the body), `cat <<EOF && cmd`.
    for (const c of continuations) {
      if (c.type === 'pipeline') {
        out = this.pipeline(c, {
          ...ctx,
          input: out ? { kind: 'pipe', from: out } : { kind: 'pipe-unknown', text: body?.text ?? '' },
        });
      } else {
        out = this.statement(c, { conditional: true });
      }
    }
    return out;
  }

  private redirect(node: TsNode, ctx: Ctx, continuations: TsNode[], extraArgs: Word[]): Redirect {
    let op = '';
    let target: Word | undefined;
    let heredoc: string | undefined;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (!c) continue;
      const field = node.fieldNameForChild(i);
      if (!c.isNamed) {
        if (c.isMissing) this.unknown(c, 'a missing token');
        else if (!op && /^[<>&|]+-?$/.test(c.type)) op = c.type;
        continue;
      }
      if (c.type === 'file_descriptor' || field === 'descriptor') continue;
      if (c.type === 'heredoc_start' || c.type === 'heredoc_end') continue;
      if (c.type === 'heredoc_body') {
        heredoc = c.text;
        this.substitutions(c, { conditional: ctx.conditional });
        continue;
      }
      if (STATEMENT_TYPES.has(c.type)) {
        continuations.push(c);
        continue;
      }
      if (/redirect$/.test(c.type)) {
        // A redirect nested in a here-document redirect (`cat <<EOF > out`): keep walking it.
        this.redirect(c, ctx, continuations, extraArgs);
        continue;
      }
      this.substitutions(c, ctx);
      // The grammar lets a redirection take several words (`> out ARG`) and a here-document
      // words after its delimiter (`<<EOF ARG`); Bash gives the redirection one word, the rest are arguments.
      if (!target && op !== '<<' && op !== '<<-') target = this.word(c);
      else if (c.type !== 'heredoc_start') extraArgs.push(this.word(c));
    }
    return heredoc !== undefined ? { op: op || '<<', heredoc } : { op, target };
  }

  private assignments(node: TsNode, ctx: Ctx): SimpleCommand | undefined {
    const assignments: Assignment[] = [];
    const declaration = node.type === 'declaration_command';
    let options = '';
    for (const c of node.type === 'variable_assignment' ? [node] : children(node)) {
      if (c.type === 'variable_assignment') {
        this.substitutions(c, ctx);
        assignments.push(this.assignment(c));
      } else if (c.type === 'variable_assignments') {
        for (const a of children(c)) {
          if (a.type === 'variable_assignment') {
            this.substitutions(a, ctx);
            assignments.push(this.assignment(a));
          }
        }
      } else if (c.type === 'ERROR' && /^[\w:/.@%+,=-]*$/.test(c.text)) {
        // `export s3://b`: Bash reports an invalid name and runs nothing.
        this.benignMissing.add(c.id);
      } else if (c.isNamed) {
        this.substitutions(c, ctx);
        if (c.type === 'word' && c.text.startsWith('-')) options += c.text;
      }
    }
    // `a | X=1 > out cmd ARGS`: the grammar reads the pipeline's last stage as an assignment and hands
    // `cmd ARGS` to the redirection; Bash runs `cmd ARGS` with X set (a leading `Y=2` is one more assignment).
    const words: Word[] = [];
    if (!declaration) {
      for (const w of ctx.extraArgs ?? []) {
        const late = words.length === 0 ? lateAssignment(w) : undefined;
        if (late) assignments.push(late);
        else words.push(w);
      }
    }
    // `declare -n` (a name reference) or `-a`/`-A`/`-i`: the value is not a plain string.
    const plain = !/[naAi]/.test(options.replace(/-/g, ''));
    const cmd: SimpleCommand = {
      kind: 'command',
      assignments: plain ? assignments : assignments.map((a) => ({ name: a.name })),
      words,
      redirects: words.length ? [...(ctx.redirects ?? [])] : [],
      ...(words.length && ctx.input ? { input: ctx.input } : {}),
      conditional: ctx.conditional,
      text: node.text,
      declaration,
    };
    this.items.push(cmd);
    return cmd;
  }

  private assignment(node: TsNode): Assignment {
    const name = fieldChildren(node, 'name')[0];
    const value = fieldChildren(node, 'value')[0];
    const n = name ? (name.type === 'subscript' ? '' : name.text) : '';
    const appends = node.text.slice(n.length).startsWith('+=');
    if (!n || appends) return { name: n || node.text };
    if (!value) return { name: n, value: { parts: [], text: '' } };
    if (value.type === 'array') return { name: n };
    return { name: n, value: this.word(value) };
  }

  private command(node: TsNode, ctx: Ctx): SimpleCommand {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    const continuations: TsNode[] = [];
    const extraArgs: Word[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (!c) continue;
      if (!c.isNamed) {
        if (c.isMissing) this.unknown(c, 'a missing token');
        continue;
      }
      const field = node.fieldNameForChild(i);
      if (c.type === 'variable_assignment') {
        this.substitutions(c, ctx);
        assignments.push(this.assignment(c));
      } else if (field === 'name') {
        // `X=1 2>&1`: assignments and redirections only; the grammar adds a missing command name.
        if (c.childCount === 1 && c.child(0)?.isMissing && (assignments.length > 0 || node.childCount > 1)) {
          this.benignMissing.add(c.child(0)!.id);
          continue;
        }
        this.substitutions(c, ctx);
        const inner = children(c).filter((x) => x.isNamed);
        const word = inner.length === 1 ? this.word(inner[0]) : this.word(c);
        const late = words.length === 0 ? lateAssignment(word) : undefined;
        if (late) assignments.push(late);
        else words.push(word);
      } else if (field === 'redirect' || /redirect$/.test(c.type)) {
        redirects.push(this.redirect(c, ctx, continuations, extraArgs));
      } else if (field === 'argument') {
        this.substitutions(c, ctx);
        const word = this.word(c);
        const late = words.length === 0 ? lateAssignment(word) : undefined;
        if (late) assignments.push(late);
        else words.push(word);
      } else if (c.type === 'comment') {
        continue;
      } else if (c.type === 'subshell') {
        this.statement(c, ctx);
      } else {
        this.substitutions(c, ctx);
        this.unknown(c, `an unexpected \`${c.type}\` in a command`);
      }
    }
    words.push(...extraArgs, ...(ctx.extraArgs ?? []));
    const cmd: SimpleCommand = {
      kind: 'command',
      assignments,
      words,
      redirects: [...redirects, ...(ctx.redirects ?? [])],
      ...(ctx.input ? { input: ctx.input } : {}),
      conditional: ctx.conditional,
      text: node.text,
    };
    this.items.push(cmd);
    let out = cmd;
    for (const c of continuations) {
      if (c.type === 'pipeline') {
        const next = this.pipeline(c, { conditional: ctx.conditional, input: { kind: 'pipe', from: out } });
        if (next) out = next;
      } else {
        this.statement(c, { conditional: true });
      }
    }
    return out;
  }

  /** Emits the commands inside every command or process substitution below `node`. */
  private substitutions(node: TsNode, _ctx: Ctx): void {
    if (SUBSTITUTIONS.has(node.type)) {
      this.statements(node, substitutionCtx(node));
      return;
    }
    if (node.type === 'ERROR') this.unknown(node, 'a syntax error');
    if (node.isMissing) this.unknown(node, 'a missing token');
    for (const c of children(node)) {
      if (STATEMENT_TYPES.has(c.type) && node.type !== 'heredoc_body') this.statement(c, { conditional: true });
      else this.substitutions(c, _ctx);
    }
  }

  word(node: TsNode): Word {
    const parts: Part[] = [];
    const shape: string[] = [];
    this.parts(node, false, parts, shape);
    const text = node.text;
    // Brace expansion (`{a,b}`, `{1..3}`) happens on unquoted braces only.
    if (/\{[^{}]*(,|\.\.)[^{}]*\}/.test(shape.join(''))) {
      return { parts: [{ kind: 'dynamic', quoted: false, text }], text };
    }
    return { parts: merge(parts), text };
  }

  /** Appends `node`'s parts; `shape` gets the unquoted characters as written and a placeholder for quoted ones. */
  private parts(node: TsNode, quoted: boolean, out: Part[], shape: string[]): void {
    switch (node.type) {
      case 'word':
      case 'command_name':
        if (node.type === 'command_name' || hasNamedChild(node)) {
          for (const c of children(node)) if (c.isNamed) this.parts(c, quoted, out, shape);
          return;
        }
        unquotedParts(node.text, out, shape);
        return;
      case 'number':
        if (hasNamedChild(node)) break;
        out.push({ kind: 'literal', value: node.text });
        shape.push(node.text);
        return;
      case 'raw_string':
        out.push({ kind: 'literal', value: node.text.slice(1, -1) });
        shape.push('q');
        return;
      case 'ansi_c_string':
        out.push({ kind: 'literal', value: decodeAnsiC(node.text.slice(2, -1)) });
        shape.push('q');
        return;
      case 'string':
        this.doubleQuoted(node, out);
        shape.push('q');
        return;
      case 'translated_string':
        for (const c of children(node)) if (c.type === 'string') this.doubleQuoted(c, out);
        shape.push('q');
        return;
      case 'concatenation': {
        let at = node.startIndex;
        for (const c of children(node)) {
          if (c.startIndex > at)
            unquotedParts(node.text.slice(at - node.startIndex, c.startIndex - node.startIndex), out, shape);
          if (c.isNamed) this.parts(c, quoted, out, shape);
          else unquotedParts(c.text, out, shape);
          at = c.endIndex;
        }
        return;
      }
      case 'simple_expansion': {
        const name = children(node).find((c) => c.type === 'variable_name' || c.type === 'special_variable_name');
        if (name) {
          out.push({ kind: 'variable', name: name.text, quoted });
          shape.push('v');
          return;
        }
        break;
      }
      case 'expansion': {
        const named = children(node).filter((c) => c.isNamed);
        if (
          named.length === 1 &&
          (named[0].type === 'variable_name' || named[0].type === 'special_variable_name') &&
          node.text === `\${${named[0].text}}`
        ) {
          out.push({ kind: 'variable', name: named[0].text, quoted });
          shape.push('v');
          return;
        }
        break;
      }
      case 'extglob_pattern':
        if (!quoted) {
          out.push({ kind: 'glob', value: node.text });
          shape.push(node.text);
          return;
        }
        break;
      case 'command_substitution':
      case 'process_substitution':
      case 'arithmetic_expansion':
      case 'array':
      case 'brace_expression':
      case '$':
        break;
      default:
        // A syntax error or a construct this conversion does not know, inside a word: keep its text, and
        // mark the line incomplete, so the analysis answers "ask" if the line could run a guarded tool.
        this.unknown(node, node.type === 'ERROR' ? 'a syntax error' : `an unexpected \`${node.type}\` in a word`);
        out.push({ kind: 'literal', value: node.text });
        shape.push(node.text);
        return;
    }
    if (node.type !== 'process_substitution' && !/[$`*?[\]{}~/]/.test(node.text)) {
      // Nothing in it can expand (`((x))` read as a word after an error): the grammar is confused, not the shell.
      // (A process substitution, `tee >(wc -l)`, always runs its commands: it is read like `$(…)`.)
      this.unknown(node, `an unexpected \`${node.type}\` in a word`);
      out.push({ kind: 'literal', value: node.text });
      shape.push(node.text);
      return;
    }
    out.push({ kind: 'dynamic', quoted, text: node.text });
    shape.push('d');
  }

  private doubleQuoted(node: TsNode, out: Part[]): void {
    const before = out.length;
    this.doubleQuotedParts(node, out);
    if (out.length === before) out.push({ kind: 'literal', value: '' });
  }

  private doubleQuotedParts(node: TsNode, out: Part[]): void {
    const inner = children(node);
    // Skip the quotes themselves (the first and last anonymous `"` children).
    let at = node.startIndex + (node.text.startsWith('$"') ? 2 : 1);
    const end = node.endIndex - (node.text.length > 1 && node.text.endsWith('"') ? 1 : 0);
    for (const c of inner) {
      if (!c.isNamed) continue;
      if (c.startIndex > at)
        out.push({
          kind: 'literal',
          value: unescapeDoubleQuoted(node.text.slice(at - node.startIndex, c.startIndex - node.startIndex)),
        });
      if (c.type === 'string_content') out.push({ kind: 'literal', value: unescapeDoubleQuoted(c.text) });
      else this.parts(c, true, out, []);
      at = c.endIndex;
    }
    if (end > at)
      out.push({
        kind: 'literal',
        value: unescapeDoubleQuoted(node.text.slice(at - node.startIndex, end - node.startIndex)),
      });
  }
}

function hasNamedChild(node: TsNode): boolean {
  for (let i = 0; i < node.childCount; i++) if (node.child(i)?.isNamed) return true;
  return false;
}

function literalName(node: TsNode): string {
  return node.text.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
}

/** Unquoted text: backslash escapes, globs, a leading tilde. */
function unquotedParts(text: string, out: Part[], shape: string[]): void {
  let literal = '';
  const flush = (): void => {
    if (literal) out.push({ kind: 'literal', value: literal });
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        literal += '\\';
        shape.push('\\');
      } else {
        if (next !== '\n') literal += next;
        shape.push('e');
        i++;
      }
    } else if (ch === '*' || ch === '?' || ch === '[') {
      flush();
      out.push({ kind: 'glob', value: ch });
      shape.push(ch);
    } else if (ch === '~' && i === 0 && out.length === 0 && shape.length === 0) {
      out.push({ kind: 'dynamic', quoted: true, text: '~' });
      shape.push('~');
    } else {
      literal += ch;
      shape.push(ch);
    }
  }
  flush();
}

/** Inside double quotes only `\$`, `` \` ``, `\"`, `\\` and backslash-newline are escapes. */
export function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/** The value of a `$'…'` string. */
export function decodeAnsiC(body: string): string {
  const simple: Record<string, string> = {
    a: '\x07',
    b: '\b',
    e: '\x1b',
    E: '\x1b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '?': '?',
  };
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (_, e: string) => {
    if (e[0] === 'x' && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if ((e[0] === 'u' || e[0] === 'U') && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    if (e[0] === 'c' && e.length === 2) return String.fromCharCode(e.charCodeAt(1) & 0x1f);
    return simple[e] ?? `\\${e}`;
  });
}

/** Joins adjacent literal parts. */
function merge(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'literal' && last?.kind === 'literal')
      out[out.length - 1] = { kind: 'literal', value: last.value + p.value };
    else out.push(p);
  }
  return out;
}

/**
 * `a=1 >out b=2`: bash reads `b=2` as an assignment too (assignments may follow
 * redirections, up to the command name), where tree-sitter-bash makes it the
 * command name. An unquoted `NAME=` at the start of a word before any command
 * word is an assignment; anything else is a word.
 */
function lateAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.text);
  if (!m || first?.kind !== 'literal' || !first.value.startsWith(m[0])) return undefined;
  const rest = first.value.slice(m[0].length);
  const parts: Part[] = [...(rest ? [{ kind: 'literal' as const, value: rest }] : []), ...word.parts.slice(1)];
  return { name: m[1], value: { parts, text: word.text.slice(m[0].length) } };
}
