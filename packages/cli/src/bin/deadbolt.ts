#!/usr/bin/env node
/**
 * The `deadbolt` binary: the exit code comes from `execute`; an unexpected
 * error sets 2, and nothing later overwrites it.
 *
 * `deadbolt hook AGENT` runs before an AI agent's tool calls, and most agents
 * run the command when a hook crashes or times out. So for a hook run, an
 * unexpected error (or a watchdog that fires when nothing has answered) writes
 * that agent's block and exits: never a crash exit the agent would ignore.
 */
import { readStandardInput, writeSyncAll } from '../hook/agents/io';
import { isAgentName, type AgentName } from '../hook/agents/names';
import { hookTimeoutMs } from '../hook/agents/timeout';
import type { AgentAdapter, HookIo } from '../hook/agents/types';

const argv = process.argv.slice(2);
const hookAgent: AgentName | undefined =
  argv[0] === 'hook' &&
  argv[1] !== undefined &&
  isAgentName(argv[1]) &&
  !argv.includes('--help') &&
  !argv.includes('-h')
    ? argv[1]
    : undefined;
/** The agent's adapter, once loaded (the crash handler needs it synchronously). */
let adapter: AgentAdapter | undefined;
let answeredForAgent = false;

function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  if (hookAgent !== undefined) {
    failClosed(`Deadbolt failed while checking this tool call (${message.split('\n')[0]}), so it blocks it.`);
    return;
  }
  process.exitCode = 2;
  process.stderr.write(`deadbolt: unexpected error: ${message.split('\n')[0]}\n`);
  if (process.env.DEADBOLT_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
}

/** Writes the agent's block and exits; once only. */
function failClosed(reason: string): void {
  if (answeredForAgent) return;
  answeredForAgent = true;
  let code = 2;
  try {
    const io: HookIo = {
      stdout: { write: (text: string) => writeSyncAll(1, text) },
      stderr: { write: (text: string) => writeSyncAll(2, text) },
      env: process.env,
    };
    if (adapter) code = adapter.deny(reason, io, argv.slice(2));
    // The adapter could not even be loaded: exit 2 with the reason blocks in every agent but Cline, which reads JSON.
    else if (hookAgent === 'cline') writeSyncAll(1, `${JSON.stringify({ cancel: true, errorMessage: reason })}\n`);
    else writeSyncAll(2, `${reason}\n`);
  } catch {
    code = 2;
  }
  process.exit(code);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

if (argv[0] !== 'hook') {
  // A reader that stops early (`deadbolt check … | head`) is not an error of ours: keep the exit code.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') fail(e);
  });
}

if (hookAgent !== undefined) {
  // The adapter's own watchdog answers at the timeout; this one covers anything that keeps it from answering.
  const ms = hookTimeoutMs(process.env) + 1000;
  setTimeout(
    () =>
      failClosed(
        `Deadbolt did not answer within ${ms} ms, so it blocks this tool call: a guard that cannot decide does not let commands through.`,
      ),
    ms,
  );
}

// `deadbolt hook …` runs before every command an AI agent issues: load only the hook (never `../cli`, the rule
// catalogue or the YAML parser), and exit as soon as it has answered.
// `process.stdin`/`stdout` are created on first use, at a cost of milliseconds each: the hook reads and writes the
// file descriptors directly.
const main: Promise<number> =
  argv[0] === 'hook'
    ? Promise.all([import('../commands/hook'), hookAgent ? import('../hook/agents/load') : undefined]).then(
        ([{ runHook }, agents]) => {
          adapter = hookAgent ? agents?.loadAgentAdapter(hookAgent) : undefined;
          return runHook(argv.slice(1), {
            stdout: { write: (text: string) => writeSyncAll(1, text) },
            stderr: { write: (text: string) => writeSyncAll(2, text) },
            readStdin: readStandardInput,
            cwd: process.cwd(),
            env: process.env,
          });
        },
      )
    : import('../cli').then(({ execute }) => execute(argv, process.stdin));

main.then((code) => {
  if (answeredForAgent) return;
  answeredForAgent = true;
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
  // Everything is written (synchronously); when the hook loaded the WebAssembly parser, V8 may still be
  // compiling in the background: do not wait for it.
  if (argv[0] === 'hook') process.exit();
}, fail);
