/**
 * Reads a justfile for the recipe lines `just RECIPE…` runs: the recipes
 * named (the first recipe when none), their dependencies before and after
 * (`&&`), with `{{variable}}` and `{{parameter}}` interpolated from the
 * file's assignments and the arguments given. A shebang recipe is one script.
 *
 * @see https://just.systems/man/en/
 */
import { UNKNOWN_WORD } from './make';

interface Recipe {
  readonly params: { readonly name: string; readonly fallback?: string; readonly variadic: boolean }[];
  readonly before: { readonly name: string; readonly args: string[] }[];
  readonly after: { readonly name: string; readonly args: string[] }[];
  readonly body: string[];
}

export interface Justfile {
  readonly variables: ReadonlyMap<string, string>;
  readonly recipes: ReadonlyMap<string, Recipe>;
  readonly aliases: ReadonlyMap<string, string>;
  readonly first: string | undefined;
}

/** A recipe's body: shell lines, or one script for a shebang recipe. */
export interface JustBody {
  readonly recipe: string;
  readonly lines: string[];
  /** The interpreter of a shebang recipe (`bash`, `python3`); the lines are then one script. */
  readonly shebang?: string;
}

const LIMITS = { lines: 20_000, depth: 24, bodies: 500 } as const;

function unquote(text: string): string {
  const t = text.trim();
  if (/^'.*'$/.test(t) || /^".*"$/.test(t)) return t.slice(1, -1);
  return t;
}

/** Parses assignments, aliases and recipes. */
export function parseJustfile(text: string): Justfile {
  const variables = new Map<string, string>();
  const recipes = new Map<string, Recipe>();
  const aliases = new Map<string, string>();
  let first: string | undefined;
  const lines = text.replace(/\r\n/g, '\n').split('\n').slice(0, LIMITS.lines);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (!line.trim() || /^\s*#/.test(line) || /^\s/.test(line) || line.startsWith('[')) continue;
    const alias = /^alias\s+([A-Za-z0-9_-]+)\s*:=\s*([A-Za-z0-9_-]+)/.exec(line);
    if (alias) {
      aliases.set(alias[1], alias[2]);
      continue;
    }
    const assignment = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:=\s*(.*)$/.exec(line);
    if (assignment) {
      const value = assignment[2].trim();
      variables.set(
        assignment[1],
        /^(['"]).*\1$/.test(value) ? unquote(value) : /^`/.test(value) ? UNKNOWN_WORD : value,
      );
      continue;
    }
    if (/^(set|import|mod)\s/.test(line)) continue;
    const header = /^@?([A-Za-z_][A-Za-z0-9_-]*)((?:\s+[^:]*?)?)\s*:(?!=)(.*)$/.exec(line);
    if (!header) continue;
    const [, name, paramText, depText] = header;
    const params = [...paramText.matchAll(/([+*$]?)([A-Za-z_][A-Za-z0-9_-]*)(?:=('[^']*'|"[^"]*"|\S+))?/g)].map(
      (m) => ({
        name: m[2],
        variadic: m[1] === '+' || m[1] === '*',
        ...(m[3] !== undefined ? { fallback: unquote(m[3]) } : {}),
      }),
    );
    const [beforeText, afterText = ''] = depText.split('&&');
    const body: string[] = [];
    while (
      k + 1 < lines.length &&
      (/^\s+\S/.test(lines[k + 1]) ||
        (lines[k + 1].trim() === '' && k + 2 < lines.length && /^\s+\S/.test(lines[k + 2])))
    ) {
      body.push(lines[++k]);
    }
    const indent = Math.min(...body.filter((b) => b.trim()).map((b) => b.search(/\S/)));
    recipes.set(name, {
      params,
      before: dependencies(beforeText),
      after: dependencies(afterText),
      body: body.map((b) => b.slice(Number.isFinite(indent) ? indent : 0)),
    });
    first ??= name;
  }
  return { variables, recipes, aliases, first };
}

function dependencies(text: string): { name: string; args: string[] }[] {
  const out: { name: string; args: string[] }[] = [];
  const re = /\(\s*([A-Za-z_][A-Za-z0-9_-]*)([^)]*)\)|([A-Za-z_][A-Za-z0-9_-]*)/g;
  const clean = text.replace(/#.*$/, '');
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    if (m[3]) out.push({ name: m[3], args: [] });
    else out.push({ name: m[1], args: [...m[2].matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((a) => unquote(a[0])) });
  }
  return out;
}

/** Interpolates `{{…}}`: a name, a quoted string, or a `+` of them; anything else is unknown. */
function interpolate(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/\{\{(?!\{)(.*?)\}\}/g, (_, expr: string) => {
    const parts = expr.split('+').map((p) => p.trim());
    let out = '';
    for (const p of parts) {
      if (/^(['"]).*\1$/.test(p)) out += p.slice(1, -1);
      else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(p) && lookup(p) !== undefined) out += lookup(p);
      else return UNKNOWN_WORD;
    }
    return out;
  });
}

/**
 * The command line's recipes and their arguments: `just build`, `just
 * deploy prod`, `just a b`. A recipe with parameters takes the words after
 * it (all of them when the last is variadic).
 */
export function justInvocations(file: Justfile, words: readonly string[]): { name: string; args: string[] }[] {
  const out: { name: string; args: string[] }[] = [];
  let k = 0;
  if (words.length === 0 && file.first) return [{ name: file.first, args: [] }];
  while (k < words.length && out.length < 50) {
    const name = file.aliases.get(words[k]) ?? words[k];
    const recipe = file.recipes.get(name);
    k++;
    if (!recipe) {
      out.push({ name, args: [] });
      continue;
    }
    const variadic = recipe.params.some((p) => p.variadic);
    const take = variadic ? words.length - k : Math.min(recipe.params.length, words.length - k);
    out.push({ name, args: words.slice(k, k + take) });
    k += take;
  }
  return out;
}

/** The bodies `just` runs for the invocations, dependencies first (each recipe once). */
export function justBodies(
  file: Justfile,
  invocations: readonly { name: string; args: string[] }[],
  overrides: ReadonlyMap<string, string>,
): JustBody[] {
  const out: JustBody[] = [];
  const done = new Set<string>();
  const visit = (name: string, args: readonly string[], depth: number): void => {
    const key = `${name} ${args.join(' ')}`;
    if (done.has(key) || depth > LIMITS.depth || out.length >= LIMITS.bodies) return;
    done.add(key);
    const recipe = file.recipes.get(file.aliases.get(name) ?? name);
    if (!recipe) return;
    const params = new Map<string, string>();
    recipe.params.forEach((p, k) => {
      const value = p.variadic ? args.slice(k).join(' ') : (args[k] ?? p.fallback);
      if (value !== undefined) params.set(p.name, value);
    });
    const lookup = (n: string): string | undefined => params.get(n) ?? overrides.get(n) ?? file.variables.get(n);
    for (const d of recipe.before)
      visit(
        d.name,
        d.args.map((a) => interpolate(a, lookup)),
        depth + 1,
      );
    const body = recipe.body.map((l) => interpolate(l, lookup));
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body[0] ?? '');
    if (shebang) {
      const program = shebang[1].endsWith('/env')
        ? (shebang[2] ?? '')
        : shebang[1].slice(shebang[1].lastIndexOf('/') + 1);
      out.push({ recipe: name, lines: [body.slice(1).join('\n')], shebang: program });
    } else {
      out.push({
        recipe: name,
        lines: body.map((l) => l.trim().replace(/^[@-]+/, '')).filter((l) => l && !l.startsWith('#')),
      });
    }
    for (const d of recipe.after)
      visit(
        d.name,
        d.args.map((a) => interpolate(a, lookup)),
        depth + 1,
      );
  };
  for (const i of invocations) visit(i.name, i.args, 0);
  return out;
}
