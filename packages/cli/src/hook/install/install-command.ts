/**
 * `deadbolt hook install --agent NAME [--project|--user] [--print]`: writes
 * the guard script and puts the command that runs it into the agent's own
 * configuration, keeping everything else in that file.
 *
 * Idempotent (a second run changes nothing and says so), and it never
 * rewrites a file it cannot read exactly: exit 2, the file unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCommandArgs } from '../../args';
import { UsageError } from '../../errors';
import type { AgentName, HookOutcome } from '../agents/types';
import { denyOutcome } from './agent-adapters';
import { ConfigFileError, formatJson, parseJsonObject, readTextFile, writeFileAtomic } from './config-file';
import { GUARD_TIMEOUT_SECONDS, guardScript, hookCommand, resolveGuardBinary, type GuardBinary } from './guard-script';
import { blockFor, isFailOpenDeadboltCommand, placeDeadboltCommand } from './hook-entries';
import {
  guardScriptPath,
  homeDirectory,
  INSTALL_TARGETS,
  installTarget,
  type InstallDirs,
  type InstallTarget,
  type Scope,
} from './install-targets';
import { openCodePluginSource } from '../agents/opencode-plugin';

export interface InstallContext {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A path as a person reads it: relative inside the project, `~/…` in the home directory. */
export function displayPath(file: string, dirs: InstallDirs): string {
  const rel = path.relative(dirs.root, file);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  const fromHome = path.relative(dirs.home, file);
  if (fromHome !== '' && !fromHome.startsWith('..') && !path.isAbsolute(fromHome)) return `~/${fromHome}`;
  return file;
}

/**
 * The words that reinstall this hook, for the messages a missing guard prints.
 * The CLI is installed first: when `node_modules` is gone, a bare `npx` would
 * fetch whatever the registry serves under the name. A user-wide hook needs a
 * CLI that outlives any one project: the global install.
 */
function reinstallCommand(agent: AgentName, scope: Scope): string {
  return scope === 'user'
    ? `npm install --global @deadbolt/cli && npx deadbolt hook install --agent ${agent} --user`
    : `npm install --save-dev @deadbolt/cli && npx deadbolt hook install --agent ${agent}`;
}

export interface ScopeOption {
  readonly project?: boolean;
  readonly user?: boolean;
}

/** `--project` (the default) or `--user`; both is a usage error. */
export function scopeOf(values: ScopeOption, command: string): Scope {
  if (values.project && values.user) throw new UsageError(`${command}: give \`--project\` or \`--user\`, not both.`);
  return values.user ? 'user' : 'project';
}

/** The agent named by `--agent` (default Claude Code), or a usage error listing the agents. */
export function targetOf(name: string | undefined, command: string): InstallTarget {
  const target = installTarget(name ?? 'claude-code');
  if (!target)
    throw new UsageError(
      `${command}: unknown agent \`${name}\`; use one of ${INSTALL_TARGETS.map((t) => t.agent).join(', ')}.`,
    );
  return target;
}

/** One file to write: its new text, or `undefined` when it already holds it. */
interface PlannedFile {
  readonly file: string;
  readonly text: string | undefined;
  readonly existed: boolean;
  readonly mode?: number;
  readonly what: string;
}

/** The agent's configuration with Deadbolt's command in it. Throws `ConfigFileError` for a file it will not rewrite. */
function planJsonConfig(
  target: InstallTarget,
  file: string,
  shown: string,
  command: string,
  explicit: boolean,
): PlannedFile {
  if (target.format.kind !== 'json') throw new Error('internal error: not a JSON target');
  const existing = readTextFile(file, shown);
  const settings =
    existing === undefined || existing.trim() === ''
      ? (structuredClone(target.format.base) as Record<string, unknown>)
      : parseJsonObject(existing, shown, `npx deadbolt hook install --agent ${target.agent} --print`);
  // Replace an old fail-open `npx deadbolt` command; keep another Deadbolt command unless `--command` asks for a different one.
  const replace = (found: string): boolean =>
    explicit || isFailOpenDeadboltCommand(found) || found.includes('.deadbolt/hooks/');
  let changed = false;
  for (const placement of target.format.placements) {
    if (placeDeadboltCommand(settings, placement, command, replace, shown)) changed = true;
  }
  return { file, text: changed ? formatJson(settings) : undefined, existed: existing !== undefined, what: 'config' };
}

/** A file Deadbolt owns whole (the guard script, Cline's hook, OpenCode's plugin): refuses to replace someone else's. */
function planOwnedFile(
  file: string,
  shown: string,
  text: string,
  marker: string,
  mode: number | undefined,
  what: string,
): PlannedFile {
  const existing = readTextFile(file, shown);
  if (existing !== undefined && existing !== text && !existing.includes(marker)) {
    throw new ConfigFileError(
      `${shown} exists and is not Deadbolt's; it was left unchanged. Merge it by hand (\`--print\` shows Deadbolt's version), or move it away and install again.`,
    );
  }
  let modeOk = true;
  if (existing !== undefined && mode !== undefined) {
    try {
      modeOk = (fs.statSync(file).mode & 0o777) === mode;
    } catch {
      modeOk = false;
    }
  }
  return { file, text: existing === text && modeOk ? undefined : text, existed: existing !== undefined, mode, what };
}

const GUARD_MARKER = '# Deadbolt guard for ';
export const OPENCODE_MARKER = '// Deadbolt guard for OpenCode';

export async function runInstall(args: readonly string[], ctx: InstallContext, usage: string): Promise<number> {
  const { values, positionals } = parseCommandArgs('hook install', args, {
    agent: { type: 'string' },
    project: { type: 'boolean' },
    user: { type: 'boolean' },
    settings: { type: 'string' },
    print: { type: 'boolean' },
    command: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout.write(usage);
    return 0;
  }
  if (positionals.length)
    throw new UsageError(`hook install: unexpected argument \`${positionals[0]}\`. See \`npx deadbolt hook --help\`.`);
  const target = targetOf(values.agent, 'hook install');
  const scope = scopeOf(values, 'hook install');
  if (values.command !== undefined && values.command.trim() === '')
    throw new UsageError('hook install: `--command` must not be empty.');
  if (target.format.kind !== 'json' && (values.command !== undefined || values.settings !== undefined)) {
    throw new UsageError(
      `hook install: ${target.title} runs a file, not a command from a settings file: \`--command\` and \`--settings\` do not apply to \`--agent ${target.agent}\`.`,
    );
  }
  const dirs: InstallDirs = { root: ctx.cwd, home: homeDirectory(ctx.env), env: ctx.env };
  const configFile = values.settings !== undefined ? path.resolve(ctx.cwd, values.settings) : target.file(scope, dirs);
  const configShown = values.settings ?? displayPath(configFile, dirs);
  const scriptFile = guardScriptPath(target.agent, scope, dirs);
  const scriptShown = displayPath(scriptFile, dirs);
  const reinstall = reinstallCommand(target.agent, scope);

  const explicit = values.command !== undefined;
  let command = values.command;
  if (command === undefined) {
    const missingScript = await denyOutcome(
      target.agent,
      `Deadbolt's guard script ${scriptFile} is missing, so this tool call is blocked. Reinstall it: \`${reinstall}\` (or remove Deadbolt's hook from ${configFile}).`,
    );
    command = target.agent === 'amp' ? scriptFile : hookCommand(scriptFile, missingScript);
  }

  let binary: GuardBinary | undefined;
  const script = async (): Promise<string> => {
    binary ??= resolveGuardBinary();
    const missingBinary: HookOutcome = await denyOutcome(
      target.agent,
      `Deadbolt is missing (${binary.node} or ${binary.script} no longer exists), so this tool call is blocked. Reinstall it: \`${reinstall}\`.`,
    );
    const failed: HookOutcome = await denyOutcome(
      target.agent,
      `Deadbolt's hook failed (it crashed, or did not answer within ${GUARD_TIMEOUT_SECONDS} s), so this tool call is blocked. Run \`npx deadbolt hook doctor --agent ${target.agent}${scope === 'user' ? ' --user' : ''}\` to check the installation.`,
    );
    return guardScript(target.title, target.agent, binary, missingBinary, failed);
  };

  if (values.print) {
    switch (target.format.kind) {
      case 'json':
        ctx.stdout.write(formatJson(blockFor(target.format.placements, command, target.format.base)));
        break;
      case 'script':
        ctx.stdout.write(await script());
        break;
      case 'plugin':
        binary ??= resolveGuardBinary();
        ctx.stdout.write(openCodePluginSource([binary.node, binary.script]));
        break;
    }
    return 0;
  }

  // Plan every file before writing any: a file it refuses leaves all of them unchanged.
  const planned: PlannedFile[] = [];
  try {
    switch (target.format.kind) {
      case 'json':
        planned.push(planJsonConfig(target, configFile, configShown, command, explicit));
        if (!explicit)
          planned.unshift(planOwnedFile(scriptFile, scriptShown, await script(), GUARD_MARKER, 0o755, 'guard'));
        break;
      case 'script':
        planned.push(planOwnedFile(configFile, configShown, await script(), GUARD_MARKER, 0o755, 'config'));
        break;
      case 'plugin':
        // The plugin starts Deadbolt itself, by absolute path, and refuses the call when it cannot: no guard script.
        binary ??= resolveGuardBinary();
        planned.push(
          planOwnedFile(
            configFile,
            configShown,
            openCodePluginSource([binary.node, binary.script]),
            OPENCODE_MARKER,
            undefined,
            'config',
          ),
        );
        break;
    }
  } catch (e) {
    if (e instanceof ConfigFileError) {
      ctx.stderr.write(`deadbolt hook install: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  for (const p of planned) {
    if (p.text !== undefined) writeFileAtomic(p.file, p.text, p.mode);
  }
  if (!explicit && scope === 'project' && target.format.kind === 'json')
    ignoreGuardDirectory(path.join(dirs.root, '.deadbolt'));

  for (const p of planned) {
    const shown = p.what === 'config' ? configShown : displayPath(p.file, dirs);
    if (p.what === 'guard') {
      if (p.text !== undefined)
        ctx.stdout.write(
          `${p.existed ? 'Updated' : 'Created'} ${shown}: runs ${binary?.script ?? 'Deadbolt'} with ${binary?.node ?? 'node'}, and blocks every tool call when they are gone.\n`,
        );
    } else if (p.text === undefined) {
      ctx.stdout.write(`${shown} already runs the Deadbolt hook; nothing changed.\n`);
    } else {
      ctx.stdout.write(
        `${p.existed ? 'Updated' : 'Created'} ${shown}: ${target.title} now runs Deadbolt's guard before every shell command and file write.\n`,
      );
    }
  }
  const after = target.afterInstall?.(scope);
  if (after) ctx.stdout.write(`${after}\n`);
  ctx.stdout.write(`Check it: npx deadbolt hook doctor --agent ${target.agent}${scope === 'user' ? ' --user' : ''}\n`);
  return 0;
}

/**
 * The guard scripts hold this machine's paths: keep them out of version
 * control (a clone elsewhere gets the "guard missing" block until it installs).
 */
function ignoreGuardDirectory(dir: string): void {
  const file = path.join(dir, '.gitignore');
  if (!fs.existsSync(file))
    writeFileAtomic(
      file,
      '# Written by `npx deadbolt hook install`: the guard scripts hold paths of this machine.\n*\n',
    );
}
