/**
 * Reads a Taskfile (go-task) for the commands `task NAME…` runs: the task's
 * `deps` and `cmds` (a `task:` entry calls another task), with `{{.VAR}}`
 * taken from the file's and the task's `vars` and the command line's
 * `VAR=value`. The YAML parser loads only when a `task` command needs it.
 *
 * @see https://taskfile.dev/reference/schema/
 */
import { UNKNOWN_WORD } from './make';

export interface TaskCommands {
  readonly task: string;
  readonly lines: string[];
}

const LIMITS = { depth: 24, lines: 2_000 } as const;

type Yaml = Record<string, unknown>;

const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function variables(vars: unknown, into: Map<string, string>): void {
  if (!isObject(vars)) return;
  for (const [name, value] of Object.entries(vars)) {
    const text = scalarText(value);
    into.set(name, text ?? (isObject(value) && typeof value.sh === 'string' ? UNKNOWN_WORD : UNKNOWN_WORD));
  }
}

function template(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    const m = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    return m && vars.has(m[1]) ? vars.get(m[1])! : UNKNOWN_WORD;
  });
}

/**
 * The commands for `task NAME…` (`default` when none); `undefined` when the
 * file is not a Taskfile the parser can read.
 */
export async function taskCommands(
  text: string,
  names: readonly string[],
  overrides: ReadonlyMap<string, string>,
): Promise<TaskCommands[] | undefined> {
  let doc: unknown;
  try {
    const { parse } = await import('yaml');
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isObject(doc) || !isObject(doc.tasks)) return undefined;
  const tasks = doc.tasks;
  const globals = new Map<string, string>();
  variables(doc.vars, globals);
  variables(doc.env, globals);
  const out: TaskCommands[] = [];
  let count = 0;
  const visit = (name: string, extra: ReadonlyMap<string, string>, depth: number): void => {
    if (depth > LIMITS.depth || count > LIMITS.lines) return;
    const task = tasks[name];
    const vars = new Map(globals);
    const lines: string[] = [];
    const spec: Yaml =
      typeof task === 'string' ? { cmds: [task] } : Array.isArray(task) ? { cmds: task } : isObject(task) ? task : {};
    variables(spec.vars, vars);
    for (const [k, v] of extra) vars.set(k, v);
    for (const [k, v] of overrides) vars.set(k, v);
    const deps = Array.isArray(spec.deps) ? spec.deps : [];
    for (const d of deps) {
      const dep = typeof d === 'string' ? d : isObject(d) && typeof d.task === 'string' ? d.task : undefined;
      if (dep) visit(template(dep, vars), new Map(), depth + 1);
    }
    const cmds = Array.isArray(spec.cmds) ? spec.cmds : typeof spec.cmd === 'string' ? [spec.cmd] : [];
    for (const c of cmds) {
      if (typeof c === 'string') lines.push(template(c, vars));
      else if (isObject(c) && typeof c.cmd === 'string') lines.push(template(c.cmd, vars));
      else if (isObject(c) && typeof c.task === 'string') {
        const callVars = new Map<string, string>();
        variables(c.vars, callVars);
        if (lines.length) out.push({ task: name, lines: lines.splice(0) });
        visit(template(c.task, vars), callVars, depth + 1);
      } else if (isObject(c) && typeof c.defer === 'string') lines.push(template(c.defer, vars));
    }
    count += lines.length;
    if (lines.length) out.push({ task: name, lines });
  };
  for (const n of names.length ? names : ['default']) visit(n, new Map(), 0);
  return out;
}
