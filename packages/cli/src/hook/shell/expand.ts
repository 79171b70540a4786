/**
 * Shell word expansion, as far as it can be known before the line runs:
 * variables the line assigned a literal, positional parameters of functions
 * and `bash -c`, word splitting of unquoted values. What is computed at run
 * time stays unknown (`value: undefined`), with a note when it is known to be
 * one word. Also the reverse: rebuilding a command line from arguments.
 */
import type { Arg } from '../knowledge/tools';
import { globStepsMatch, type GlobStep } from './glob-match';
import type { Word } from './model';

/** A variable's value: a string, or `null` when it is unknown. */
export type Value = string | null;

/** What expansion needs of the analyser's scope. */
export interface ExpansionScope {
  readonly vars: ReadonlyMap<string, Value>;
  /** `$0`, `$1`…: known arguments of a function, `bash -c`, `source` (`$0` first); `null` when unknown. */
  readonly positional: readonly Value[] | null;
}

/** The value of a word with no splitting (assignments, here-strings, `-c` strings), or `null`. */
export function wordValue(word: Word, scope: ExpansionScope): Value {
  let out = '';
  for (const p of word.parts) {
    if (p.kind === 'literal' || p.kind === 'glob') out += p.value;
    else if (p.kind === 'variable') {
      const v = lookup(p.name, scope);
      if (v === null) return null;
      out += v;
    } else return null;
  }
  return out;
}

export function lookup(name: string, scope: ExpansionScope): Value {
  if (/^[0-9]+$/.test(name)) {
    const n = Number(name);
    if (!scope.positional) return null;
    return n < scope.positional.length ? scope.positional[n] : '';
  }
  const args = scope.positional?.slice(1);
  if (name === '#' && args) return String(args.length);
  if ((name === '@' || name === '*') && args) {
    return args.some((p) => p === null) ? null : args.join(' ');
  }
  if (!scope.vars.has(name)) return null;
  const v = scope.vars.get(name)!;
  return v === ONE_WORD ? null : v;
}

/**
 * The value of a variable that is unknown but one word (`d` in `for d in dev prod`), kept in `Scope.vars`
 * so that copies of the scope keep it; `lookup` reads it as unknown.
 */
export const ONE_WORD = '\u0000one-word';

/** Expands a word into arguments: variables resolved when known, unquoted values split on blanks. */
export function expandWord(word: Word, scope: ExpansionScope): Arg[] {
  const ifsChanged = scope.vars.has('IFS');
  // `split`: an unknown part that may expand to several words (unquoted, and not known to be one word).
  const fields: { value: string; unknown: boolean; glob: boolean; started: boolean; split: boolean }[] = [];
  let cur = { value: '', unknown: false, glob: false, started: false, split: false };
  const push = (): void => {
    fields.push(cur);
    cur = { value: '', unknown: false, glob: false, started: false, split: false };
  };
  for (const p of word.parts) {
    switch (p.kind) {
      case 'literal':
        cur.value += p.value;
        cur.started = true;
        break;
      case 'glob':
        cur.value += p.value;
        cur.glob = cur.started = true;
        break;
      case 'variable': {
        const positional = scope.positional?.slice(1);
        if ((p.name === '@' || (p.name === '*' && !p.quoted)) && positional && !positional.some((x) => x === null)) {
          const values = positional as string[];
          if (p.quoted) {
            values.forEach((v, k) => {
              if (k > 0) push();
              cur.value += v;
              cur.started = true;
            });
            break;
          }
          splitInto(values.join(' '));
          break;
        }
        const v = lookup(p.name, scope);
        if (v === null) {
          cur.unknown = cur.started = true;
          if (!p.quoted && (ifsChanged || scope.vars.get(p.name) !== ONE_WORD)) cur.split = true;
        } else if (p.quoted) {
          cur.value += v;
          cur.started = true;
        } else if (ifsChanged) {
          cur.unknown = cur.started = cur.split = true;
        } else {
          splitInto(v);
        }
        break;
      }
      case 'dynamic':
        cur.unknown = cur.started = true;
        if (!p.quoted) cur.split = true;
        break;
    }
  }
  function splitInto(v: string): void {
    if (/[*?[]/.test(v)) cur.glob = true;
    const pieces = v.split(/[ \t\n]+/);
    pieces.forEach((piece, k) => {
      if (k > 0 && cur.started) push();
      if (piece) {
        cur.value += piece;
        cur.started = true;
      }
    });
  }
  if (cur.started || word.parts.some((p) => p.kind === 'literal' || (p.kind !== 'glob' && 'quoted' in p && p.quoted)))
    push();
  return fields.map((f) =>
    f.unknown || f.glob
      ? { text: word.text, ...(f.glob || f.split ? {} : { oneWord: true }) }
      : { value: f.value, text: word.text },
  );
}

/** Stands for a part of a value computed when the line runs, in code read from that value. */
export const HOLE = '"$__DEADBOLT_UNKNOWN"';

/** A word's value as code (an environment variable's command string): computed parts become an unset variable. */
export function codeWithHoles(word: Word, scope: ExpansionScope): string {
  let out = '';
  for (const p of word.parts) {
    if (p.kind === 'literal' || p.kind === 'glob') out += p.value;
    else if (p.kind === 'variable') out += lookup(p.name, scope) ?? HOLE;
    else out += HOLE;
  }
  return out;
}

/** Quotes a string for the shell (to rebuild a command line from known arguments). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Rebuilds a command line from arguments; unknown ones stay unknown (an unset variable). */
export function rebuild(args: readonly Arg[]): string {
  return args.map((a) => (a.value === undefined ? '"$__DEADBOLT_UNKNOWN"' : shellQuote(a.value))).join(' ');
}

export function basenameOf(value: string): string {
  const base = value.slice(value.lastIndexOf('/') + 1).toLowerCase();
  // Windows launchers: `terraform.exe`, and the `.cmd` scripts the Google Cloud SDK installs (`gcloud.cmd`, `bq.cmd`).
  return base.endsWith('.exe') || base.endsWith('.cmd') ? base.slice(0, -4) : base;
}

/** What `namePattern` returns: a test over basenames, case-insensitive. */
export interface NamePattern {
  test(name: string): boolean;
}

/**
 * A glob (or partly computed name) as a test over basenames: the part after its
 * last literal `/`, `?` one character, any other glob any run. Matched in linear
 * time (`glob-match.ts`), never as a regular expression.
 */
export function namePattern(word: Word): NamePattern | undefined {
  let steps: GlobStep[] = [];
  for (const p of word.parts) {
    if (p.kind === 'literal') {
      for (const c of p.value.toLowerCase()) {
        // A directory: only the basename is matched.
        if (c === '/') steps = [];
        else steps.push({ kind: 'char', char: c });
      }
    } else if (p.kind === 'glob') steps.push(p.value === '?' ? { kind: 'one' } : { kind: 'star' });
    else return undefined;
  }
  return { test: (name) => globStepsMatch(steps, name.toLowerCase()) };
}

/** The basename of a command word whose last path segment is written literally (`"$HOME/bin/tool"`). */
export function literalBasename(word: Word): string | undefined {
  const parts = word.parts;
  for (let k = parts.length - 1; k >= 0; k--) {
    const p = parts[k];
    if (p.kind !== 'literal') return undefined;
    const slash = p.value.lastIndexOf('/');
    if (slash >= 0) {
      // Everything before must not split into several words.
      const before = parts.slice(0, k);
      if (before.some((q) => q.kind === 'glob' || ((q.kind === 'variable' || q.kind === 'dynamic') && !q.quoted)))
        return undefined;
      const tail =
        p.value.slice(slash + 1) +
        parts
          .slice(k + 1)
          .map((q) => (q as { value: string }).value)
          .join('');
      return tail ? basenameOf(tail) : undefined;
    }
  }
  return undefined;
}

export function decodeEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|0[0-7]{0,3}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    return (
      (
        { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' } as Record<
          string,
          string
        >
      )[e] ?? `\\${e}`
    );
  });
}

/** `printf FORMAT ARGS…` for `%s`, `%b`, `%d`, `%%` and backslash escapes; the format is reused while arguments remain. */
export function printf(args: readonly string[]): string {
  const [format = '', ...rest] = args;
  let out = '';
  let k = 0;
  do {
    let used = false;
    out += decodeEscapes(format).replace(/%(%|[-+ #0-9.]*[sbdiucxXo])/g, (_, spec: string) => {
      if (spec === '%') return '%';
      used = true;
      const v = rest[k++] ?? '';
      return spec.endsWith('b') ? decodeEscapes(v) : v;
    });
    if (!used) break;
  } while (k < rest.length);
  return out;
}
