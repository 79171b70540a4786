/**
 * `deadbolt hook doctor [--agent NAME] [--project|--user] [--format text|json]`:
 * for each agent whose configuration holds Deadbolt's hook (or the one
 * named), runs the configured command the way the agent runs it (`sh -c`,
 * the agent's input on standard input) with a known destroy and a harmless
 * command, and reports whether the agent is protected: the destroy blocked,
 * the harmless command let through.
 *
 * Exit codes: 0 every checked agent is protected, 1 one is not (or none has
 * the hook), 2 bad usage.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { parseCommandArgs } from '../../args';
import { UsageError } from '../../errors';
import type { AgentAdapter, HookOutcome } from '../agents/types';
import { loadAdapter } from './agent-adapters';
import { ConfigFileError, parseJsonObject, readTextFile } from './config-file';
import { deadboltCommandsAt, isDeadboltCommand } from './hook-entries';
import { displayPath, OPENCODE_MARKER, scopeOf, targetOf, type InstallContext } from './install-command';
import { homeDirectory, INSTALL_TARGETS, type InstallDirs, type InstallTarget, type Scope } from './install-targets';

/** The destroy every installed hook must block, and the everyday command it must let through. */
export const DESTRUCTIVE_PROBE = 'terraform destroy -auto-approve';
export const BENIGN_PROBE = 'ls -la';

/** How long one probe may take: longer than the guard's own watchdog, as long as the hook timeouts install writes. */
const PROBE_TIMEOUT_MS = 30_000;

export type Problem =
  | 'command missing'
  | 'config unreadable'
  | 'binary missing'
  | 'probe not blocked'
  | 'benign blocked'
  | 'timed out'
  | 'no adapter';

export interface AgentReport {
  readonly agent: string;
  readonly title: string;
  readonly config: string;
  readonly protected: boolean;
  readonly problem?: Problem;
  /** What is wrong and what to do, in a sentence. */
  readonly detail?: string;
  readonly command?: string;
}

/** How a hook is started: a command line run by `sh -c`, or a program run directly (Cline's script, Amp's delegate, OpenCode's plugin). */
interface HookRun {
  readonly command: string;
  readonly viaShell: boolean;
  readonly args?: readonly string[];
}

interface ProbeResult {
  readonly outcome: HookOutcome;
  readonly timedOut: boolean;
}

function runProbe(run: HookRun, input: string, cwd: string, env: NodeJS.ProcessEnv): ProbeResult {
  const r = run.viaShell
    ? spawnSync('/bin/sh', ['-c', run.command], {
        input,
        cwd,
        env,
        encoding: 'utf8',
        timeout: PROBE_TIMEOUT_MS,
        maxBuffer: 4 * 1024 * 1024,
      })
    : spawnSync(run.command, [...(run.args ?? [])], {
        input,
        cwd,
        env,
        encoding: 'utf8',
        timeout: PROBE_TIMEOUT_MS,
        maxBuffer: 4 * 1024 * 1024,
      });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return {
    outcome: {
      stdout: r.stdout ?? '',
      stderr: r.stderr ?? (r.error ? r.error.message : ''),
      exitCode: r.status ?? (timedOut ? 124 : 126),
    },
    timedOut,
  };
}

/** The hooks Deadbolt installed for an agent, read from its configuration; a `ConfigFileError` when the file cannot be read. */
function installedRuns(target: InstallTarget, file: string, shown: string): HookRun[] {
  const text = readTextFile(file, shown);
  if (text === undefined) return [];
  switch (target.format.kind) {
    case 'json': {
      const settings = parseJsonObject(text, shown, `npx deadbolt hook install --agent ${target.agent} --print`);
      const commands = new Set(target.format.placements.flatMap((p) => deadboltCommandsAt(settings, p)));
      return [...commands].map((command) => ({ command, viaShell: target.agent !== 'amp' }));
    }
    case 'script':
      return text.includes('# Deadbolt guard for ') ? [{ command: file, viaShell: false }] : [];
    case 'plugin': {
      // The plugin starts `DEADBOLT hook opencode` itself: run that.
      const line = /^const DEADBOLT = (\[.*\]);$/m.exec(text)?.[1];
      let argv: unknown;
      try {
        argv = line === undefined ? undefined : JSON.parse(line);
      } catch {
        argv = undefined;
      }
      if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) return [];
      const [program, ...rest] = argv as string[];
      return [{ command: program, viaShell: false, args: [...rest, 'hook', 'opencode'] }];
    }
  }
}

/** True when the configuration file holds Deadbolt's hook (for picking the agents to check). */
function hasDeadboltHook(file: string): boolean {
  try {
    const text = readTextFile(file, file);
    return (
      text !== undefined &&
      (isDeadboltCommand(text) || text.includes('# Deadbolt guard for ') || text.includes(OPENCODE_MARKER))
    );
  } catch {
    return true;
  }
}

/** Checks one agent: every Deadbolt hook in its configuration must block the destroy and let the harmless command through. */
export async function checkAgent(
  target: InstallTarget,
  scope: Scope,
  dirs: InstallDirs,
  env: NodeJS.ProcessEnv,
): Promise<AgentReport> {
  const file = target.file(scope, dirs);
  const config = displayPath(file, dirs);
  const base = { agent: target.agent, title: target.title, config };
  let runs: HookRun[];
  try {
    runs = installedRuns(target, file, config);
  } catch (e) {
    if (!(e instanceof ConfigFileError)) throw e;
    return {
      ...base,
      protected: false,
      problem: 'config unreadable',
      detail: `${e.message} ${target.title} may not run any hook.`,
    };
  }
  if (runs.length === 0) {
    return {
      ...base,
      protected: false,
      problem: 'command missing',
      detail: `${config} does not run Deadbolt's hook. Install it: npx deadbolt hook install --agent ${target.agent}${scope === 'user' ? ' --user' : ''}`,
    };
  }
  const adapter: AgentAdapter | undefined = await loadAdapter(target.agent);
  if (!adapter) {
    return {
      ...base,
      protected: false,
      problem: 'no adapter',
      detail: `this build of Deadbolt has no \`${target.agent}\` hook adapter to check the hook with.`,
    };
  }
  // Amp names the tool in the environment of the program it delegates to.
  const runEnv = target.agent === 'amp' ? { ...env, AGENT: 'amp', AGENT_TOOL_NAME: 'Bash' } : env;
  for (const run of runs) {
    const report = probeRun(adapter, run, dirs, runEnv);
    if (report) return { ...base, command: run.command, ...report };
  }
  return { ...base, command: runs[0].command, protected: true };
}

/** `undefined` when the hook blocks the destroy and lets the harmless command through; otherwise what is wrong. */
function probeRun(
  adapter: AgentAdapter,
  run: HookRun,
  dirs: InstallDirs,
  env: NodeJS.ProcessEnv,
): { protected: false; problem: Problem; detail: string } | undefined {
  if (!run.viaShell) {
    try {
      fs.accessSync(run.command, fs.constants.X_OK);
    } catch {
      return { protected: false, problem: 'binary missing', detail: `${run.command} is missing or not executable.` };
    }
  }
  const destroy = runProbe(run, adapter.probeInput(DESTRUCTIVE_PROBE, dirs.root), dirs.root, env);
  if (destroy.timedOut)
    return {
      protected: false,
      problem: 'timed out',
      detail: `the hook took more than ${PROBE_TIMEOUT_MS / 1000} s on \`${DESTRUCTIVE_PROBE}\`; the agent would give up on it.`,
    };
  if (!adapter.blocked(destroy.outcome)) {
    return {
      protected: false,
      problem: 'probe not blocked',
      detail: `\`${DESTRUCTIVE_PROBE}\` was not blocked (exit ${destroy.outcome.exitCode}${summary(destroy.outcome)}).`,
    };
  }
  const benign = runProbe(run, adapter.probeInput(BENIGN_PROBE, dirs.root), dirs.root, env);
  if (benign.timedOut)
    return {
      protected: false,
      problem: 'timed out',
      detail: `the hook took more than ${PROBE_TIMEOUT_MS / 1000} s on \`${BENIGN_PROBE}\`.`,
    };
  if (adapter.blocked(benign.outcome)) {
    const text = `${benign.outcome.stdout}\n${benign.outcome.stderr}`;
    if (/Deadbolt('s guard script .*)? is missing|Deadbolt is missing/.test(text)) {
      return {
        protected: false,
        problem: 'binary missing',
        detail: `the guard is missing, so the agent blocks every tool call: ${firstLine(benign.outcome)}`,
      };
    }
    return {
      protected: false,
      problem: 'benign blocked',
      detail: `\`${BENIGN_PROBE}\` was blocked too (exit ${benign.outcome.exitCode}${summary(benign.outcome)}); the hook blocks everything.`,
    };
  }
  return undefined;
}

function firstLine(outcome: HookOutcome): string {
  return (outcome.stderr.trim() || outcome.stdout.trim()).split('\n')[0].slice(0, 300);
}

function summary(outcome: HookOutcome): string {
  const line = firstLine(outcome);
  return line ? `: ${line}` : '';
}

function formatText(reports: readonly AgentReport[]): string {
  return reports
    .map((r) =>
      r.protected
        ? `${r.title}: protected (${r.config} runs Deadbolt; \`${DESTRUCTIVE_PROBE}\` is blocked, \`${BENIGN_PROBE}\` is not).\n`
        : `${r.title}: NOT protected, ${r.problem}: ${r.detail}\n`,
    )
    .join('');
}

export async function runDoctor(args: readonly string[], ctx: InstallContext, usage: string): Promise<number> {
  const { values, positionals } = parseCommandArgs('hook doctor', args, {
    agent: { type: 'string' },
    project: { type: 'boolean' },
    user: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout.write(usage);
    return 0;
  }
  if (positionals.length)
    throw new UsageError(`hook doctor: unexpected argument \`${positionals[0]}\`. See \`npx deadbolt hook --help\`.`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`hook doctor: \`--format\` must be \`text\` or \`json\`, got \`${format}\`.`);
  const scope = scopeOf(values, 'hook doctor');
  const dirs: InstallDirs = { root: ctx.cwd, home: homeDirectory(ctx.env), env: ctx.env };
  const targets =
    values.agent !== undefined
      ? [targetOf(values.agent, 'hook doctor')]
      : INSTALL_TARGETS.filter((t) => hasDeadboltHook(t.file(scope, dirs)));
  const env = { ...process.env, ...ctx.env } as NodeJS.ProcessEnv;
  const reports: AgentReport[] = [];
  for (const target of targets) reports.push(await checkAgent(target, scope, dirs, env));
  const ok = reports.length > 0 && reports.every((r) => r.protected);
  if (format === 'json') {
    ctx.stdout.write(`${JSON.stringify({ scope, protected: ok, agents: reports }, null, 2)}\n`);
  } else if (reports.length === 0) {
    ctx.stdout.write(
      `No agent's ${scope === 'user' ? 'user' : 'project'} configuration runs Deadbolt's hook: nothing is protected. Install it: \`npx deadbolt hook install --agent AGENT${scope === 'user' ? ' --user' : ''}\`, AGENT one of ${INSTALL_TARGETS.map((t) => t.agent).join(', ')}.\n`,
    );
  } else {
    ctx.stdout.write(formatText(reports));
  }
  return ok ? 0 : 1;
}
