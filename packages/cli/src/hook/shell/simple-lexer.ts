/**
 * An exact reader for the plain command lines agents run most
 * (`terraform apply -auto-approve`, `cd infra && npm test 2>&1 | tail -20`,
 * `git commit -m "Fix the build"`), so that deciding on them does not load
 * the WebAssembly parser.
 *
 * It accepts only lines whose shell meaning is word splitting and nothing
 * else: words of `[A-Za-z0-9_.,/:=@%+^-]`, single-quoted strings, double-quoted
 * strings without `$`, backquote, backslash or `!`, the operators `;`, `&`,
 * `&&`, `||`, `|`, and the redirections `<`, `>`, `>>`, `>|`, `>&`, `<&`,
 * `&>`, `&>>` (with a file descriptor number before them). Every other
 * character (expansions, globs, braces, tildes, comments, parentheses,
 * here-documents, newlines, backslashes) and every reserved word makes it
 * return `undefined`, and the line goes to the real parser.
 * `hook-simple-lexer.test.ts` checks that both give the same decision on
 * generated lines.
 */
import type { Input, Item, Redirect, Script, SimpleCommand, Word } from './model';
import { literalWord } from './model';

const WORD_CHAR = /[A-Za-z0-9_.,/:=@%+^-]/;

const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  'coproc',
  '!',
  '{',
  '}',
  '[[',
  ']]',
]);

type Token =
  | {
      readonly kind: 'word';
      readonly value: string;
      readonly quoted: boolean;
      readonly assignable: boolean;
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'op'; readonly value: ';' | '&' | '&&' | '||' | '|'; readonly start: number; readonly end: number }
  | { readonly kind: 'redirect'; readonly value: string; readonly start: number; readonly end: number };

function tokenize(src: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    const start = i;
    if (ch === ';') {
      tokens.push({ kind: 'op', value: ';', start, end: ++i });
      continue;
    }
    if (ch === '|') {
      if (src[i + 1] === '|') {
        tokens.push({ kind: 'op', value: '||', start, end: (i += 2) });
      } else if (src[i + 1] === '&') {
        return undefined;
      } else {
        tokens.push({ kind: 'op', value: '|', start, end: ++i });
      }
      continue;
    }
    if (ch === '&') {
      if (src[i + 1] === '&') tokens.push({ kind: 'op', value: '&&', start, end: (i += 2) });
      else if (src[i + 1] === '>') {
        const op = src[i + 2] === '>' ? '&>>' : '&>';
        tokens.push({ kind: 'redirect', value: op, start, end: (i += op.length) });
      } else tokens.push({ kind: 'op', value: '&', start, end: ++i });
      continue;
    }
    if (ch === '<' || ch === '>') {
      const op = redirectOperator(src, i);
      if (!op) return undefined;
      tokens.push({ kind: 'redirect', value: op, start, end: (i += op.length) });
      continue;
    }
    // A word: unquoted characters and quoted strings, up to a blank or an operator.
    let value = '';
    let quoted = false;
    let assignable = false;
    let sawQuote = false;
    while (i < src.length) {
      const c = src[i];
      if (c === "'") {
        const close = src.indexOf("'", i + 1);
        if (close < 0) return undefined;
        const body = src.slice(i + 1, close);
        if (/[\r\n]/.test(body)) return undefined;
        value += body;
        quoted = sawQuote = true;
        i = close + 1;
      } else if (c === '"') {
        let j = i + 1;
        while (j < src.length && src[j] !== '"') {
          if (/[$`\\!\r\n]/.test(src[j])) return undefined;
          j++;
        }
        if (j >= src.length) return undefined;
        value += src.slice(i + 1, j);
        quoted = sawQuote = true;
        i = j + 1;
      } else if (WORD_CHAR.test(c)) {
        if (c === '=' && !sawQuote && !value.includes('=') && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) assignable = true;
        value += c;
        i++;
      } else if (c === ' ' || c === '\t' || c === ';' || c === '|' || c === '&') {
        break;
      } else if ((c === '<' || c === '>') && !quoted && /^[0-9]+$/.test(value)) {
        // `2>file`: the digits are the redirected file descriptor.
        const op = redirectOperator(src, i);
        if (!op) return undefined;
        tokens.push({ kind: 'redirect', value: op, start, end: (i += op.length) });
        value = '';
        break;
      } else if (c === '<' || c === '>') {
        break;
      } else {
        return undefined;
      }
    }
    if (value === '' && !quoted) continue;
    if (!quoted && RESERVED.has(value)) return undefined;
    if (/^[A-Za-z_][A-Za-z0-9_]*\+=/.test(value) && !sawQuote) return undefined;
    tokens.push({ kind: 'word', value, quoted, assignable, start, end: i });
  }
  return tokens;
}

function redirectOperator(src: string, i: number): string | undefined {
  const two = src.slice(i, i + 2);
  if (two === '<<' || two === '<>' || two === '<(' || two === '>(') return undefined;
  if (two === '>>' || two === '>&' || two === '>|' || two === '<&') {
    if (src[i + 2] === '(') return undefined;
    return two;
  }
  return src[i];
}

/** The line as commands, or `undefined` when it is not in the subset this reader handles exactly. */
export function lexSimple(src: string): Script | undefined {
  if (src.length > 4096) return undefined;
  const tokens = tokenize(src);
  if (!tokens) return undefined;
  const items: Item[] = [];
  let i = 0;
  while (i < tokens.length) {
    // One and-or list: pipelines joined by && and ||, ended by ; or & or the end.
    let conditional = false;
    for (;;) {
      let input: Input | undefined;
      for (;;) {
        const cmd = readCommand(tokens, i, src, conditional, input);
        if (!cmd) return undefined;
        items.push(cmd.command);
        i = cmd.next;
        const t = tokens[i];
        if (t?.kind === 'op' && t.value === '|') {
          input = { kind: 'pipe', from: cmd.command };
          i++;
          continue;
        }
        break;
      }
      const t = tokens[i];
      if (t?.kind === 'op' && (t.value === '&&' || t.value === '||')) {
        conditional = true;
        i++;
        continue;
      }
      break;
    }
    const t = tokens[i];
    if (t === undefined) break;
    if (t.kind === 'op' && (t.value === ';' || t.value === '&')) {
      i++;
      continue;
    }
    return undefined;
  }
  return { items };
}

function readCommand(
  tokens: readonly Token[],
  i: number,
  src: string,
  conditional: boolean,
  input: Input | undefined,
): { command: SimpleCommand; next: number } | undefined {
  const words: Word[] = [];
  const assignments: { name: string; value: Word }[] = [];
  const redirects: Redirect[] = [];
  const start = tokens[i]?.start;
  let end = start ?? 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'op') break;
    if (t.kind === 'redirect') {
      const target = tokens[i + 1];
      if (!target || target.kind !== 'word') return undefined;
      redirects.push({ op: t.value, target: literalWord(target.value, src.slice(target.start, target.end)) });
      end = target.end;
      i++;
      continue;
    }
    if (words.length === 0 && t.assignable) {
      // `a=1 >out b=2`: bash assigns `b` too, but tree-sitter-bash does not read
      // it so; leave such lines to the parser, which then asks.
      if (redirects.length > 0) return undefined;
      const eq = t.value.indexOf('=');
      assignments.push({
        name: t.value.slice(0, eq),
        value: literalWord(t.value.slice(eq + 1), src.slice(t.start, t.end)),
      });
    } else {
      // `X=1 s3://b`: tree-sitter-bash reads a command name with `://` after an
      // assignment as a syntax error (bash runs it as a path). No real command
      // is named so; leave the line to the parser, so both readers agree.
      if (words.length === 0 && assignments.length > 0 && t.value.includes('://')) return undefined;
      words.push(literalWord(t.value, src.slice(t.start, t.end)));
    }
    end = t.end;
  }
  if (start === undefined || (words.length === 0 && assignments.length === 0 && redirects.length === 0))
    return undefined;
  const command: SimpleCommand = {
    kind: 'command',
    assignments,
    words,
    redirects,
    ...(input ? { input } : {}),
    conditional,
    text: src.slice(start, end),
  };
  return { command, next: i };
}
