/**
 * `make`, `just` and `task` (go-task): finds the task file the command
 * reads, and turns the targets it names into the shell lines they run, for
 * the analysis to read like a script on disk. A task file that cannot be
 * found or read gets "ask" only when the target's own name says it tears
 * something down.
 */
import * as path from 'path';
import type { Verdict } from '../knowledge/destructive-commands';
import { parseMakefile, recipeLines, UNKNOWN_WORD } from './make';
import { justBodies, justInvocations, parseJustfile } from './justfile';
import { taskCommands } from './taskfile';

import { TASK_RUNNERS, WORKSPACE_RUNNERS } from './task-runner-names';

export { TASK_RUNNERS };

/** What the analysis reads next: shell lines, a script for an interpreter, or a verdict. */
export type TaskJob =
  /** `strict`: the task file names a guarded tool, so what cannot be read in it gets "ask" (as for a script on disk). */
  | {
      readonly kind: 'shell';
      readonly text: string;
      readonly via: string;
      readonly cwd: string;
      readonly strict: boolean;
    }
  | {
      readonly kind: 'program';
      readonly text: string;
      readonly interpreter: string;
      readonly via: string;
      readonly cwd: string;
    }
  | { readonly kind: 'verdict'; readonly verdict: Verdict };

export interface TaskContext {
  readonly cwd: string | null;
  read(absolutePath: string): string | undefined;
  env(name: string): string | undefined;
}

const DESTRUCTIVE_NAME =
  /destroy|teardown|tear-down|nuke|decommission|wipe|purge|drop[-_]?(db|database|tables?)|delete[-_]?(stack|db|database|infra|env|cluster|bucket)/i;

const NO_TASK_FILE = (runner: string, target: string): Verdict => ({
  decision: 'ask',
  why: `runs the \`${target}\` target, whose name says it tears something down, and Deadbolt cannot read the ${runner} file that defines it.`,
  instead: 'Make sure the task file exists in the working directory, so the hook can read the recipe.',
});

const COMPUTED_TARGET: Verdict = {
  decision: 'ask',
  why: 'runs a target whose name is computed when the line runs, and the task file has targets that run infrastructure tools.',
  instead: 'Name the target literally.',
};

/** `undefined` in `words` is a computed argument. */
export async function taskJobs(
  runner: string,
  words: readonly (string | undefined)[],
  ctx: TaskContext,
): Promise<TaskJob[]> {
  switch (runner) {
    case 'make':
    case 'gmake':
      return makeJobs(words, ctx);
    case 'just':
      return justJobs(words, ctx);
    case 'task':
    case 'go-task':
      return goTaskJobs(words, ctx);
    default:
      return workspaceJobs(runner, words);
  }
}

function resolveDir(ctx: TaskContext, dir: string | undefined): string | null {
  if (dir === undefined) return ctx.cwd;
  if (path.isAbsolute(dir)) return dir;
  return ctx.cwd === null ? null : path.resolve(ctx.cwd, dir);
}

function firstReadable(
  ctx: TaskContext,
  dir: string | null,
  names: readonly string[],
): { file: string; text: string } | undefined {
  if (dir === null) return undefined;
  for (const n of names) {
    const file = path.resolve(dir, n);
    const text = ctx.read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

function mentionsTool(text: string): boolean {
  return /\b(terraform|tofu|terragrunt|pulumi|cdktf|cdk|aws|sam|serverless|sls)\b/i.test(text);
}

function unreadable(runner: string, targets: readonly (string | undefined)[]): TaskJob[] {
  const named = targets.find((t) => t !== undefined && DESTRUCTIVE_NAME.test(t));
  return named ? [{ kind: 'verdict', verdict: NO_TASK_FILE(runner, named) }] : [];
}

async function makeJobs(words: readonly (string | undefined)[], ctx: TaskContext): Promise<TaskJob[]> {
  let dir: string | undefined;
  let file: string | undefined;
  const goals: (string | undefined)[] = [];
  const overrides = new Map<string, string>();
  const withValue = new Set([
    '-C',
    '--directory',
    '-f',
    '--file',
    '--makefile',
    '-I',
    '--include-dir',
    '-o',
    '--old-file',
    '--assume-old',
    '-W',
    '--what-if',
    '--new-file',
    '--assume-new',
    '-O',
    '--output-sync',
    '--jobserver-style',
    '--eval',
  ]);
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined) {
      goals.push(undefined);
      continue;
    }
    if (/^(-[nqh]+|--dry-run|--just-print|--recon|--question|--help|-v|--version|-p|--print-data-base)$/.test(w))
      return [];
    const long = /^(--[a-z-]+)=(.*)$/.exec(w);
    const [opt, inline] = long
      ? [long[1], long[2]]
      : /^-[CfIoW].+/.test(w)
        ? [w.slice(0, 2), w.slice(2)]
        : [w, undefined];
    if (withValue.has(opt)) {
      const value = inline ?? words[++k];
      if (opt === '-C' || opt === '--directory')
        dir = value === undefined ? undefined : dir ? path.join(dir, value) : value;
      if (opt === '-f' || opt === '--file' || opt === '--makefile') file = value;
      if (
        value === undefined &&
        (opt === '-C' || opt === '-f' || opt === '--directory' || opt === '--file' || opt === '--makefile')
      )
        return [{ kind: 'verdict', verdict: COMPUTED_TARGET }];
      continue;
    }
    if (w.startsWith('-')) continue;
    const assignment = /^([A-Za-z0-9_.-]+)\s*:?=(.*)$/.exec(w);
    if (assignment) overrides.set(assignment[1], assignment[2]);
    else goals.push(w);
  }
  const base = resolveDir(ctx, dir);
  const found =
    file !== undefined
      ? firstReadable(ctx, base, [file])
      : firstReadable(ctx, base, ['GNUmakefile', 'makefile', 'Makefile']);
  if (!found) return unreadable('Makefile', goals);
  if (goals.some((g) => g === undefined))
    return mentionsTool(found.text) ? [{ kind: 'verdict', verdict: COMPUTED_TARGET }] : [];
  const makefile = parseMakefile(found.text);
  const lines = recipeLines(makefile, goals as string[], overrides, ctx.env);
  const cwd = path.dirname(found.file);
  const strict = mentionsTool(found.text);
  return lines.map((l) => ({ kind: 'shell', text: l.line, via: `make ${l.target}`, cwd, strict }));
}

async function justJobs(words: readonly (string | undefined)[], ctx: TaskContext): Promise<TaskJob[]> {
  let dir: string | undefined;
  let file: string | undefined;
  const rest: (string | undefined)[] = [];
  const overrides = new Map<string, string>();
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined) {
      rest.push(undefined);
      continue;
    }
    if (
      rest.length === 0 &&
      /^(-n|--dry-run|-l|--list|--summary|--show|-s|--evaluate|--dump|--fmt|--help|-h|--version|-V|--choose|--edit|-e|--init|--variables|--groups)$/.test(
        w,
      )
    )
      return [];
    if (rest.length === 0 && (w === '-f' || w === '--justfile' || w === '-d' || w === '--working-directory')) {
      const value = words[++k];
      if (value === undefined) return [{ kind: 'verdict', verdict: COMPUTED_TARGET }];
      if (w === '-f' || w === '--justfile') file = value;
      else dir = value;
      continue;
    }
    if (rest.length === 0 && w === '--set') {
      const name = words[++k];
      const value = words[++k];
      if (name !== undefined) overrides.set(name, value ?? UNKNOWN_WORD);
      continue;
    }
    if (rest.length === 0 && w.startsWith('-')) continue;
    const assignment = rest.length === 0 ? /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/.exec(w) : null;
    if (assignment) overrides.set(assignment[1], assignment[2]);
    else rest.push(w);
  }
  let found: { file: string; text: string } | undefined;
  if (file !== undefined) found = firstReadable(ctx, resolveDir(ctx, dir), [file]);
  else {
    // just looks in the working directory, then in each parent.
    let at = resolveDir(ctx, dir);
    for (let up = 0; at !== null && up < 8 && !found; up++) {
      found = firstReadable(ctx, at, ['justfile', 'Justfile', '.justfile', 'JUSTFILE']);
      const parent = path.dirname(at);
      at = parent === at ? null : parent;
    }
  }
  if (!found) return unreadable('justfile', rest);
  if (rest.some((r) => r === undefined))
    return mentionsTool(found.text) ? [{ kind: 'verdict', verdict: COMPUTED_TARGET }] : [];
  const justfile = parseJustfile(found.text);
  const bodies = justBodies(justfile, justInvocations(justfile, rest as string[]), overrides);
  const cwd = path.dirname(found.file);
  const strict = mentionsTool(found.text);
  const jobs: TaskJob[] = [];
  for (const b of bodies) {
    if (b.shebang && !/^(ba|z|k|da|a)?sh$/.test(b.shebang))
      jobs.push({ kind: 'program', text: b.lines.join('\n'), interpreter: b.shebang, via: `just ${b.recipe}`, cwd });
    else if (b.shebang) jobs.push({ kind: 'shell', text: b.lines.join('\n'), via: `just ${b.recipe}`, cwd, strict });
    else for (const line of b.lines) jobs.push({ kind: 'shell', text: line, via: `just ${b.recipe}`, cwd, strict });
  }
  return jobs;
}

async function goTaskJobs(words: readonly (string | undefined)[], ctx: TaskContext): Promise<TaskJob[]> {
  let dir: string | undefined;
  let file: string | undefined;
  const names: (string | undefined)[] = [];
  const overrides = new Map<string, string>();
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined) {
      names.push(undefined);
      continue;
    }
    if (w === '--') break;
    if (/^(-n|--dry|-l|--list|-a|--list-all|--summary|-i|--init|-h|--help|--version|--status)$/.test(w)) return [];
    if (w === '-d' || w === '--dir' || w === '-t' || w === '--taskfile') {
      const value = words[++k];
      if (value === undefined) return [{ kind: 'verdict', verdict: COMPUTED_TARGET }];
      if (w === '-d' || w === '--dir') dir = value;
      else file = value;
      continue;
    }
    if (w.startsWith('-')) continue;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w);
    if (assignment) overrides.set(assignment[1], assignment[2]);
    else names.push(w);
  }
  const base = resolveDir(ctx, dir);
  const found =
    file !== undefined
      ? firstReadable(ctx, base, [file])
      : firstReadable(ctx, base, [
          'Taskfile.yml',
          'taskfile.yml',
          'Taskfile.yaml',
          'taskfile.yaml',
          'Taskfile.dist.yml',
          'taskfile.dist.yml',
          'Taskfile.dist.yaml',
          'taskfile.dist.yaml',
        ]);
  if (!found) return unreadable('Taskfile', names);
  if (names.some((n) => n === undefined))
    return mentionsTool(found.text) ? [{ kind: 'verdict', verdict: COMPUTED_TARGET }] : [];
  const commands = await taskCommands(found.text, names as string[], overrides);
  if (commands === undefined)
    return mentionsTool(found.text)
      ? [
          {
            kind: 'verdict',
            verdict: {
              decision: 'ask',
              why: 'runs a task from a Taskfile Deadbolt cannot parse, and the file mentions an infrastructure tool.',
              instead: 'Fix the Taskfile so it parses.',
            },
          },
        ]
      : [];
  const cwd = path.dirname(found.file);
  const strict = mentionsTool(found.text);
  return commands.flatMap((c) =>
    c.lines.map((line) => ({ kind: 'shell' as const, text: line, via: `task ${c.task}`, cwd, strict })),
  );
}

/** `nx run app:destroy`, `turbo run teardown`, `invoke nuke`: judged by the target's name. */
function workspaceJobs(runner: string, words: readonly (string | undefined)[]): TaskJob[] {
  const spec = Object.prototype.hasOwnProperty.call(WORKSPACE_RUNNERS, runner) ? WORKSPACE_RUNNERS[runner] : undefined;
  if (!spec) return [];
  // Targets: `project:target[:configuration]`, `-t a,b`/`--target=a`, or plain words (`exec` runs a command: its words count too).
  const targets: (string | undefined)[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined) {
      targets.push(undefined);
      continue;
    }
    if (w === '--') break;
    if (w === '-t' || w === '--target' || w === '--targets') {
      targets.push(...(words[++k]?.split(',') ?? [undefined]));
      continue;
    }
    const inline = /^--targets?=(.*)$/.exec(w);
    if (inline) targets.push(...inline[1].split(','));
    else if (!w.startsWith('-') && !spec.verbs.includes(w)) targets.push(...w.split(':'));
  }
  const named = targets.find((t) => t !== undefined && DESTRUCTIVE_NAME.test(t));
  if (!named) return [];
  return [
    {
      kind: 'verdict',
      verdict: {
        decision: 'ask',
        why: `runs the \`${named}\` task, whose name says it tears something down, from ${spec.file} that Deadbolt does not read.`,
        instead: 'Run the underlying infrastructure command directly, so the hook can check it.',
      },
    },
  ];
}
