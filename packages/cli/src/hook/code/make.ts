/**
 * Reads a Makefile for the recipes `make TARGET…` runs: the targets named (or
 * the default goal, the first ordinary target), their prerequisites first,
 * depth-first, each recipe line with variables expanded (`$(TF) destroy`
 * with `TF := terraform`; command-line assignments override the file).
 * Conditionals are not evaluated: both branches count, so a destroy in either
 * is seen. Anything computed (`$(shell …)`, an unknown variable) becomes an
 * unset shell variable, which the shell analysis treats as unknown.
 *
 * @see https://www.gnu.org/software/make/manual/make.html
 */

interface Rule {
  readonly prerequisites: string[];
  readonly recipe: string[];
}

export interface Makefile {
  readonly variables: ReadonlyMap<string, string>;
  /** The Makefile includes others (or sets variables from the shell): a variable it does not define may be defined there. */
  readonly open: boolean;
  readonly rules: ReadonlyMap<string, Rule>;
  readonly defaultGoal: string | undefined;
}

/** One recipe line and the target it belongs to. */
export interface RecipeLine {
  readonly target: string;
  readonly line: string;
}

/** GNU make's built-in variables that name programs. */
const BUILT_IN: Readonly<Record<string, string>> = {
  CC: 'cc',
  CXX: 'g++',
  CPP: '$(CC) -E',
  AR: 'ar',
  AS: 'as',
  LD: 'ld',
  RM: 'rm -f',
  SHELL: '/bin/sh',
  LEX: 'lex',
  YACC: 'yacc',
  FC: 'f77',
  PC: 'pc',
  CO: 'co',
  GET: 'get',
  MAKEINFO: 'makeinfo',
  TEX: 'tex',
};

const LIMITS = {
  lines: 20_000,
  prerequisiteDepth: 24,
  recipeLines: 2_000,
  expansionDepth: 16,
  expansionLength: 20_000,
} as const;
export const UNKNOWN_WORD = '"$__DEADBOLT_UNKNOWN"';

/** Parses a Makefile's variables and explicit rules. */
export function parseMakefile(text: string): Makefile {
  const variables = new Map<string, string>();
  const rules = new Map<string, Rule>();
  let defaultGoal: string | undefined;
  let open = false;
  let current: Rule[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n').slice(0, LIMITS.lines);
  for (let k = 0; k < lines.length; k++) {
    let line = lines[k];
    if (line.startsWith('\t')) {
      // A recipe line; backslash-newline continues it (the shell sees both lines).
      while (line.endsWith('\\') && k + 1 < lines.length)
        line = `${line.slice(0, -1)} ${lines[++k].replace(/^\t/, '')}`;
      for (const rule of current) rule.recipe.push(line.slice(1));
      continue;
    }
    while (line.endsWith('\\') && k + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++k].trim()}`;
    const code = stripComment(line).trim();
    if (!code) continue;
    if (/^(-?include|sinclude)\b/.test(code)) {
      open = true;
      continue;
    }
    if (/^(ifeq|ifneq|ifdef|ifndef|else|endif|vpath|unexport|define|endef)\b/.test(code)) continue;
    const assignment = /^(?:(?:export|override|private)\s+)*([A-Za-z0-9_.-]+)\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*)$/.exec(
      code,
    );
    if (assignment) {
      const [, name, op, value] = assignment;
      if (op === '?=' && variables.has(name)) continue;
      if (op === '+=') variables.set(name, `${variables.get(name) ?? ''} ${value}`.trim());
      else if (op === '!=') variables.set(name, UNKNOWN_WORD);
      else variables.set(name, value);
      if (name === '.DEFAULT_GOAL') defaultGoal = value.trim();
      current = [];
      continue;
    }
    const rule = /^([^:=]+?)\s*::?\s*(.*)$/.exec(code);
    if (!rule) {
      current = [];
      continue;
    }
    const targets = rule[1].split(/\s+/).filter(Boolean);
    let [prerequisites, inline] = splitOnce(rule[2], ';');
    // `target: VAR = value` is a target-specific variable, not prerequisites.
    if (/^[A-Za-z0-9_.-]+\s*(::?=|\?=|\+=|=)/.test(prerequisites)) {
      current = [];
      continue;
    }
    prerequisites = prerequisites.replace(/\|/, ' ');
    current = [];
    for (const target of targets) {
      const existing = rules.get(target) ?? { prerequisites: [], recipe: [] };
      existing.prerequisites.push(...prerequisites.split(/\s+/).filter(Boolean));
      if (inline !== undefined && inline.trim()) existing.recipe.push(inline.trim());
      rules.set(target, existing);
      current.push(existing);
      if (defaultGoal === undefined && !target.startsWith('.') && !target.includes('%')) defaultGoal = target;
    }
  }
  return { variables, rules, defaultGoal, open };
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function stripComment(line: string): string {
  const at = line.search(/(^|[^\\])#/);
  return at < 0 ? line : line.slice(0, at + (line[at] === '#' ? 0 : 1));
}

/**
 * Expands `$(VAR)`, `${VAR}`, `$V`, `$$` and the automatic variables in
 * Makefile text. Unknown variables and functions (except a few that only
 * rearrange words) become an unset shell variable.
 */
export function expand(
  text: string,
  lookup: (name: string) => string | undefined,
  auto: Readonly<Record<string, string>>,
  depth = 0,
): string {
  if (depth > LIMITS.expansionDepth) return UNKNOWN_WORD;
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const next = text[k + 1];
    if (next === undefined) break;
    if (next === '$') {
      out += '$';
      k++;
      continue;
    }
    let name: string;
    if (next === '(' || next === '{') {
      const close = next === '(' ? ')' : '}';
      let level = 0;
      let end = k + 1;
      for (; end < text.length; end++) {
        if (text[end] === next) level++;
        else if (text[end] === close && --level === 0) break;
      }
      name = text.slice(k + 2, end);
      k = end;
    } else {
      name = next;
      k++;
    }
    out += expandReference(name, lookup, auto, depth);
    if (out.length > LIMITS.expansionLength) return out;
  }
  return out;
}

function expandReference(
  name: string,
  lookup: (name: string) => string | undefined,
  auto: Readonly<Record<string, string>>,
  depth: number,
): string {
  if (auto[name] !== undefined) return auto[name];
  if (name === 'MAKE') return 'make';
  const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(name);
  if (fn) {
    const args = expand(fn[2], lookup, auto, depth + 1);
    switch (fn[1]) {
      case 'strip':
        return args.trim().replace(/\s+/g, ' ');
      case 'firstword':
        return args.trim().split(/\s+/)[0] ?? '';
      case 'notdir':
        return args
          .split(/\s+/)
          .map((w) => w.slice(w.lastIndexOf('/') + 1))
          .join(' ');
      default:
        return UNKNOWN_WORD;
    }
  }
  const reference = /^([A-Za-z0-9_.-]+)(?::(.*)=(.*))?$/.exec(
    name.includes('$') ? expand(name, lookup, auto, depth + 1) : name,
  );
  if (!reference) return UNKNOWN_WORD;
  const value = lookup(reference[1]);
  if (value === undefined) return UNKNOWN_WORD;
  return expand(value, lookup, auto, depth + 1);
}

/**
 * The recipe lines `make` runs for the goals (the default goal when none),
 * prerequisites first; `undefined` lines for a goal the Makefile does not
 * define (a pattern or built-in rule).
 */
export function recipeLines(
  makefile: Makefile,
  goals: readonly string[],
  overrides: ReadonlyMap<string, string>,
  env: (name: string) => string | undefined,
): RecipeLine[] {
  // An undefined variable is empty in make, unless an included file or the environment may define it.
  const lookup = (name: string): string | undefined =>
    overrides.get(name) ??
    makefile.variables.get(name) ??
    env(name) ??
    BUILT_IN[name] ??
    (makefile.open ? undefined : '');
  const out: RecipeLine[] = [];
  const done = new Set<string>();
  const visit = (target: string, depth: number): void => {
    if (done.has(target) || depth > LIMITS.prerequisiteDepth || out.length >= LIMITS.recipeLines) return;
    done.add(target);
    const rule = makefile.rules.get(target);
    if (!rule) return;
    const prerequisites = rule.prerequisites
      .flatMap((p) => expand(p, lookup, {}).split(/\s+/))
      .filter((p) => p && !p.includes('"$__DEADBOLT'));
    for (const p of prerequisites) visit(p, depth + 1);
    const auto = {
      '@': target,
      '<': prerequisites[0] ?? '',
      '^': prerequisites.join(' '),
      '+': prerequisites.join(' '),
      '*': '',
      '?': prerequisites.join(' '),
    };
    for (const raw of rule.recipe) {
      const line = expand(raw, lookup, auto).replace(/^[\s@+-]+/, '');
      if (line.trim()) out.push({ target, line });
      if (out.length >= LIMITS.recipeLines) return;
    }
  };
  const targets = goals.length ? goals : makefile.defaultGoal ? [makefile.defaultGoal] : [];
  for (const goal of targets) visit(goal, 0);
  return out;
}
