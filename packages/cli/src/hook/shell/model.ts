/**
 * What the analysis sees of a command line: the simple commands it runs, in
 * source order, wherever they are nested (lists, pipelines, loops, `if`,
 * subshells, command and process substitutions, function bodies), with their
 * words split into literal and computed parts. The parser adapter
 * (`tree-sitter-parser.ts`) and the simple-line lexer (`simple-lexer.ts`)
 * both produce it, so one analysis serves both.
 */

/** One piece of a word, after quote removal. */
export type Part =
  /** Text taken as written (quotes removed, backslash escapes resolved). */
  | { readonly kind: 'literal'; readonly value: string }
  /** An unquoted glob (`*`, `?`, `[…]`): matched against file names at run time. */
  | { readonly kind: 'glob'; readonly value: string }
  /** `$NAME` or `${NAME}`: resolvable when the line assigned NAME a literal earlier. */
  | { readonly kind: 'variable'; readonly name: string; readonly quoted: boolean }
  /** Anything else computed at run time: `$(…)`, backticks, `${x:-…}`, `$((…))`, `~`, `{a,b}`, `<(…)`. */
  | { readonly kind: 'dynamic'; readonly quoted: boolean; readonly text: string };

export interface Word {
  readonly parts: readonly Part[];
  /** The word as written in the source. */
  readonly text: string;
}

export interface Assignment {
  readonly name: string;
  /** `undefined`: assigned something the analysis cannot know (`read x`, `for x in …`, an array). */
  readonly value?: Word;
}

export interface Redirect {
  /** `<`, `>`, `>>`, `<<`, `<<-`, `<<<`, `>&`, `&>`, … */
  readonly op: string;
  readonly target?: Word;
  /** The body of a here-document (`<<`, `<<-`). */
  readonly heredoc?: string;
}

/** Where a command's standard input comes from, when the line says. */
export type Input =
  | { readonly kind: 'pipe'; readonly from: SimpleCommand }
  /** Piped from a compound command (`{ …; } | sh`, `(…) | sh`): its output is not known. */
  | { readonly kind: 'pipe-unknown'; readonly text: string };

export interface SimpleCommand {
  readonly kind: 'command';
  /** `NAME=value` words before the command name (or alone: then `words` is empty). */
  readonly assignments: readonly Assignment[];
  /** The command name and its arguments; empty for a bare assignment. */
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
  readonly input?: Input;
  /**
   * Inside a loop, a condition, a subshell, a substitution, a function body or
   * after `&&`/`||`: its assignments may or may not take effect, so they make
   * the variable unknown rather than literal.
   */
  readonly conditional: boolean;
  /** Its source text, for messages. */
  readonly text: string;
  /** `export`, `declare`, `local`, `readonly`, `typeset`: assignments that also apply to later commands. */
  readonly declaration?: boolean;
}

export interface FunctionDefinition {
  readonly kind: 'function';
  readonly name: string;
  /** The body's source text. */
  readonly body: string;
}

/** A variable that becomes unknown here (`for x in …`, `read x`, `unset x`). */
export interface Unset {
  readonly kind: 'unset';
  readonly name: string;
  /**
   * The value is unknown but is one word: a `for` loop over literal words without blanks or glob
   * characters (`for d in dev prod`). Unquoted, it still expands to exactly one argument.
   */
  readonly oneWord?: boolean;
}

export type Item = SimpleCommand | FunctionDefinition | Unset;

export interface Script {
  readonly items: readonly Item[];
  /**
   * Set when the parser could not read all of the line (a syntax error, an
   * unterminated quote, a construct it does not know): the items may be
   * incomplete, so the analysis does not trust an "allow".
   */
  readonly incomplete?: string;
}

/** The literal value of a word, or `undefined` when any part of it is computed. */
export function literalOf(word: Word): string | undefined {
  let out = '';
  for (const p of word.parts) {
    if (p.kind !== 'literal') return undefined;
    out += p.value;
  }
  return out;
}

export function literalWord(value: string, text = value): Word {
  return { parts: [{ kind: 'literal', value }], text };
}
