/**
 * `deadbolt hook AGENT`: the hook that stops destructive infrastructure
 * commands, in each agent's protocol (`deadbolt hook claude-code` is Claude
 * Code's PreToolUse hook). `deadbolt hook install`: adds it to
 * an agent's configuration (`hook/install/`), `deadbolt hook doctor`: checks
 * that it blocks. `deadbolt hook explain 'CMD'`: the decision for one
 * command line.
 *
 * The binary runs this module directly (not through `cli.ts`), so a hook call
 * loads neither the rule catalogue nor the YAML parser: see `bin/deadbolt.ts`.
 * Keep its imports to `../hook/*`, `../args` and `../errors`.
 */
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import { AGENT_NAMES, isAgentName, type AgentName } from '../hook/agents/names';
import { readAll, readScriptFile, runClaudeCodeHook, type HookMode } from '../hook/claude-code';

const USAGE = `Usage: deadbolt hook claude-code [--exit-code]
       deadbolt hook AGENT      (codex, cursor, gemini, copilot, windsurf, cline, kiro, continue, amp, opencode)
       deadbolt hook install [--agent NAME] [--project|--user] [--print] [--settings FILE] [--command CMD]
       deadbolt hook doctor [--agent NAME] [--project|--user] [--format text|json]
       deadbolt hook explain COMMAND_LINE

Guards AI coding agents: a hook for eleven agents (Claude Code, Codex CLI,
Cursor, Gemini CLI, GitHub Copilot, Windsurf, Cline, Kiro CLI, Continue CLI, Amp,
OpenCode) that runs before each tool call and stops commands which destroy
infrastructure data (terraform/tofu/terragrunt destroy and auto-approved
applies, cdk destroy, pulumi destroy/down/stack rm/state unprotect, AWS CLI
calls that delete databases, snapshots, backups, keys or stacks or switch
their protection off), through wrappers, shells, inline interpreters and
quoting.

Subcommands:
  claude-code   Read the hook input (JSON) on standard input and answer:
                nothing (no objection), "deny" with the reason, or "ask" when
                the command may run such a tool and Deadbolt cannot tell.
                --exit-code  Answer with exit code 2 and the reason on stderr
                             instead of JSON (also DEADBOLT_HOOK_MODE=exit-code);
                             "ask" becomes a block.
  AGENT         The same hook in another agent's protocol: read its hook
                input on standard input and answer in its terms (a deny with
                the reason; where the agent cannot reliably ask, a would-be
                "ask" is a deny that says how to run the command yourself).
                Agents: codex, cursor, gemini, copilot, windsurf, cline, kiro,
                continue, amp, opencode (the OpenCode plugin runs it). Shell
                commands, file writes that put a destroy into a script, and
                MCP tools that run commands are checked. Any failure inside the
                hook (unreadable input, an error, no answer within
                DEADBOLT_HOOK_TIMEOUT_MS, default 5000) blocks the call.
  install       Add the hook to an agent's own configuration (created if
                missing; the other settings are kept; nothing changes if it is
                there), run through a guard script (.deadbolt/hooks/AGENT.sh)
                that starts this Deadbolt by absolute path and blocks every tool
                call when it is gone.
                --agent NAME     claude-code (default), codex, cursor, gemini,
                                 copilot, windsurf, cline, kiro, continue, amp,
                                 opencode.
                --project        The project's configuration (default).
                --user           The user's configuration (guard script in
                                 ~/.deadbolt/hooks/).
                --print          Print the block instead of writing anything.
                --settings FILE  Another settings file (.claude/settings.local.json).
                --command CMD    Write this command instead of the guard script.
  doctor        Run each installed hook the way its agent does, with
                \`terraform destroy -auto-approve\` and \`ls -la\`, and report
                whether the agent is protected (the destroy blocked, the
                harmless command let through).
                --agent NAME     Check this agent only (installed or not).
                --format json    A JSON report.
  explain       Print the decision and reason for one command line.

Exit codes: claude-code: 0 answered (JSON on stdout when it objects), 2 blocked
(--exit-code) or unreadable input. explain: 0 allow, 1 deny or ask. install:
0 done, 2 bad usage or a settings file it will not overwrite. doctor: 0 every
checked agent protected, 1 one is not (or no agent has the hook), 2 bad usage.
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
  const { values, positionals } =
    args.length === 0
      ? { values: {} as { 'exit-code'?: boolean; help?: boolean }, positionals: [] as string[] }
      : (require('../args') as typeof import('../args')).parseCommandArgs('hook claude-code', args, {
          'exit-code': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        });
  if (values.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length)
    throw new UsageError(
      `hook claude-code: unexpected argument \`${positionals[0]}\`. See \`npx deadbolt hook --help\`.`,
    );
  const envMode = ctx.env.DEADBOLT_HOOK_MODE;
  if (envMode !== undefined && envMode !== '' && envMode !== 'json' && envMode !== 'exit-code') {
    ctx.stderr.write(
      `deadbolt hook: DEADBOLT_HOOK_MODE must be \`json\` or \`exit-code\`, got \`${envMode}\`. Blocking this tool call.\n`,
    );
    return 2;
  }
  const mode: HookMode = values['exit-code'] || envMode === 'exit-code' ? 'exit-code' : 'json';
  let input: string;
  try {
    input = ctx.readStdin ? await ctx.readStdin() : ctx.stdin ? await readAll(ctx.stdin) : '';
  } catch (e) {
    ctx.stderr.write(
      `deadbolt hook: could not read standard input (${(e as Error).message}). Blocking this tool call.\n`,
    );
    return 2;
  }
  return runClaudeCodeHook(input, mode, ctx);
}

/** `deadbolt hook AGENT`: the agent's adapter reads standard input and answers; every failure is its block. */
async function agentHook(name: string, args: readonly string[], ctx: HookContext): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const { loadAgentAdapter } = await import('../hook/agents/load');
  const adapter = loadAgentAdapter(name as AgentName);
  let input: string;
  try {
    input = ctx.readStdin ? await ctx.readStdin() : ctx.stdin ? await readAll(ctx.stdin) : '';
  } catch (e) {
    return adapter.deny(
      `deadbolt hook: could not read standard input (${(e as Error).message}). Blocking this tool call.`,
      ctx,
      args,
    );
  }
  return adapter.run(input, ctx, args);
}

async function install(args: readonly string[], ctx: HookContext): Promise<number> {
  const { runInstall } = await import('../hook/install/install-command');
  return runInstall(args, ctx, USAGE);
}

async function doctor(args: readonly string[], ctx: HookContext): Promise<number> {
  const { runDoctor } = await import('../hook/install/doctor-command');
  return runDoctor(args, ctx, USAGE);
}

async function explain(args: readonly string[], ctx: HookContext): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const line = args[0] === '--' ? args.slice(1) : args;
  if (line.length !== 1)
    throw new UsageError(
      "hook explain: give the command line as one argument, quoted: `npx deadbolt hook explain 'terraform destroy'`.",
    );
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
      case 'doctor':
        return await doctor(rest, ctx);
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
        if (sub !== undefined && isAgentName(sub)) return await agentHook(sub, rest, ctx);
        throw new UsageError(
          `hook: unknown subcommand \`${sub}\`; use an agent (${AGENT_NAMES.join(', ')}), install, doctor or explain. See \`npx deadbolt hook --help\`.`,
        );
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
  summary: 'Guard AI coding agents (Claude Code, Codex, Cursor and 8 more): a hook that stops destructive commands.',
  usage: USAGE,
  run: (args, ctx) => runHook(args, ctx),
};

/** Reads standard input fully (exported for the binary's fast path). */
export { readAll };

/** For tests: the file reader the hook uses. */
export { readScriptFile };
