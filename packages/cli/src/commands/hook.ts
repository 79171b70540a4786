/**
 * `deadbolt hook claude-code`: a Claude Code PreToolUse hook that stops
 * destructive infrastructure commands. `deadbolt hook install`: adds it to
 * `.claude/settings.json`. `deadbolt hook explain 'CMD'`: the decision for one
 * command line.
 *
 * The binary runs this module directly (not through `cli.ts`), so a hook call
 * loads neither the rule catalogue nor the YAML parser: see `bin/deadbolt.ts`.
 * Keep its imports to `../hook/*`, `../args` and `../errors`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import { readAll, readScriptFile, runClaudeCodeHook, type HookMode } from '../hook/claude-code';
import { DEFAULT_HOOK_COMMAND } from '../hook/settings';

const USAGE = `Usage: deadbolt hook claude-code [--exit-code]
       deadbolt hook install [--settings FILE] [--print] [--command CMD]
       deadbolt hook explain COMMAND_LINE

Guards AI coding agents: a Claude Code PreToolUse hook that stops commands
which destroy infrastructure data (terraform/tofu/terragrunt destroy and
auto-approved applies, cdk destroy, pulumi destroy/down/stack rm/state
unprotect, AWS CLI calls that delete databases, snapshots, backups, keys or
stacks or switch their protection off), through wrappers, shells, inline
interpreters and quoting.

Subcommands:
  claude-code   Read the hook input (JSON) on standard input and answer:
                nothing (no objection), "deny" with the reason, or "ask" when
                the command may run such a tool and Deadbolt cannot tell.
                --exit-code  Answer with exit code 2 and the reason on stderr
                             instead of JSON (also DEADBOLT_HOOK_MODE=exit-code);
                             "ask" becomes a block.
  install       Add the hook to .claude/settings.json (created if missing; the
                other settings are kept; nothing changes if it is there).
                --settings FILE  Another settings file (.claude/settings.local.json,
                                 ~/.claude/settings.json).
                --print          Print the settings block instead.
                --command CMD    The hook command (default: ${DEFAULT_HOOK_COMMAND}).
  explain       Print the decision and reason for one command line.

Exit codes: claude-code: 0 answered (JSON on stdout when it objects), 2 blocked
(--exit-code) or unreadable input. explain: 0 allow, 1 deny or ask. install:
0 done, 2 bad usage or a settings file it will not overwrite.
`;

export interface HookContext {
  readonly stdout: CommandContext['stdout'];
  readonly stderr: CommandContext['stderr'];
  readonly stdin?: NodeJS.ReadableStream;
  /** Reads standard input (the binary's fast path reads it synchronously); otherwise `stdin` is read. */
  readonly readStdin?: () => Promise<string>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

async function claudeCode(args: readonly string[], ctx: HookContext): Promise<number> {
  // The usual call has no arguments: skip loading the option parser.
  const { values, positionals } = args.length === 0
    ? { values: {} as { 'exit-code'?: boolean; help?: boolean }, positionals: [] as string[] }
    : parseCommandArgs('hook claude-code', args, {
      'exit-code': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  if (values.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length) throw new UsageError(`hook claude-code: unexpected argument \`${positionals[0]}\`. See \`deadbolt hook --help\`.`);
  const envMode = ctx.env.DEADBOLT_HOOK_MODE;
  if (envMode !== undefined && envMode !== '' && envMode !== 'json' && envMode !== 'exit-code') {
    ctx.stderr.write(`deadbolt hook: DEADBOLT_HOOK_MODE must be \`json\` or \`exit-code\`, got \`${envMode}\`. Blocking this tool call.\n`);
    return 2;
  }
  const mode: HookMode = values['exit-code'] || envMode === 'exit-code' ? 'exit-code' : 'json';
  let input: string;
  try {
    input = ctx.readStdin ? await ctx.readStdin() : ctx.stdin ? await readAll(ctx.stdin) : '';
  } catch (e) {
    ctx.stderr.write(`deadbolt hook: could not read standard input (${(e as Error).message}). Blocking this tool call.\n`);
    return 2;
  }
  return runClaudeCodeHook(input, mode, ctx);
}

async function install(args: readonly string[], ctx: HookContext): Promise<number> {
  const { hookSettings, mergeHookSettings, SettingsError } = await import('../hook/settings');
  const { values, positionals } = parseCommandArgs('hook install', args, {
    settings: { type: 'string' },
    print: { type: 'boolean' },
    command: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length) throw new UsageError(`hook install: unexpected argument \`${positionals[0]}\`. See \`deadbolt hook --help\`.`);
  if (values.command !== undefined && values.command.trim() === '') throw new UsageError('hook install: `--command` must not be empty.');
  const command = values.command ?? DEFAULT_HOOK_COMMAND;
  if (values.print) {
    ctx.stdout.write(`${JSON.stringify(hookSettings(command), null, 2)}\n`);
    return 0;
  }
  const shown = values.settings ?? path.join('.claude', 'settings.json');
  const file = path.resolve(ctx.cwd, shown);
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      ctx.stderr.write(`deadbolt hook install: cannot read ${shown}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  let merged: string | undefined;
  try {
    merged = mergeHookSettings(existing, command, shown);
  } catch (e) {
    if (e instanceof SettingsError) {
      ctx.stderr.write(`deadbolt hook install: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (merged === undefined) {
    ctx.stdout.write(`${shown} already runs the Deadbolt hook; nothing changed.\n`);
    return 0;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, merged);
  ctx.stdout.write(`${existing === undefined ? 'Created' : 'Updated'} ${shown}: Claude Code now runs \`${command}\` before every Bash command.\n`);
  return 0;
}

async function explain(args: readonly string[], ctx: HookContext): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const line = args[0] === '--' ? args.slice(1) : args;
  if (line.length !== 1) throw new UsageError('hook explain: give the command line as one argument, quoted: `deadbolt hook explain \'terraform destroy\'`.');
  const { analyseCommand } = await import('../hook/analyse');
  const analysis = await analyseCommand(line[0], { cwd: ctx.cwd, env: ctx.env, readFile: readScriptFile });
  ctx.stdout.write(`${analysis.decision}${analysis.reason ? `: ${analysis.reason}` : ''}\n`);
  return analysis.decision === 'allow' ? 0 : 1;
}

/** Runs `deadbolt hook …`; usage problems are reported here (exit 2), so the binary can call it without `cli.ts`. */
export async function runHook(args: readonly string[], ctx: HookContext): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'claude-code':
        return await claudeCode(rest, ctx);
      case 'install':
        return await install(rest, ctx);
      case 'explain':
        return await explain(rest, ctx);
      case '-h':
      case '--help':
      case 'help':
        ctx.stdout.write(USAGE);
        return 0;
      case undefined:
        ctx.stderr.write(USAGE);
        return 2;
      default:
        throw new UsageError(`hook: unknown subcommand \`${sub}\`; use claude-code, install or explain. See \`deadbolt hook --help\`.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.stderr.write(`deadbolt ${e.message}\n`);
      return 2;
    }
    // The hook must never exit 1 (Claude Code would run the command): an unexpected error blocks.
    ctx.stderr.write(`deadbolt hook: unexpected error: ${(e as Error).message?.split('\n')[0] ?? String(e)}\n`);
    return 2;
  }
}

export const hook: Command = {
  name: 'hook',
  summary: 'Guard AI coding agents: a Claude Code hook that stops destructive commands.',
  usage: USAGE,
  run: (args, ctx) => runHook(args, ctx),
};

/** Reads standard input fully (exported for the binary's fast path). */
export { readAll };

/** For tests: the file reader the hook uses. */
export { readScriptFile };
