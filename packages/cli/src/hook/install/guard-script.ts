/**
 * The small POSIX `sh` script an agent's hook runs: it starts the Deadbolt
 * binary found at install time (an absolute path to `node` and to
 * `deadbolt.js`: no PATH lookup, no `npx`, no package name a look-alike could
 * answer to), and when that binary is gone it blocks the tool call in the
 * agent's own terms instead of failing with exit 1 or 127, which most agents
 * treat as "hook broken, run the command anyway".
 *
 * The command written into the agent's settings checks that the script itself
 * is there before running it, for the same reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { HookOutcome } from '../agents/types';

/** The binary the script runs: absolute paths resolved when `deadbolt hook install` runs. */
export interface GuardBinary {
  readonly node: string;
  readonly script: string;
}

/**
 * The running `node` and this package's built `lib/src/bin/deadbolt.js`, with
 * symbolic links resolved (an `npx` or `node_modules/.bin` link can be
 * replaced; the package file it points to is what was installed). Not the
 * `bin/deadbolt.js` launcher that npm links: the hook runs before every tool
 * call, and needs nothing the launcher adds. Throws when the built binary
 * cannot be found (running from the TypeScript sources).
 */
export function resolveGuardBinary(): GuardBinary {
  const candidates = [path.resolve(__dirname, '..', '..', 'bin', 'deadbolt.js'), process.argv[1]];
  for (const candidate of candidates) {
    if (candidate && /deadbolt\.js$/.test(candidate) && fs.existsSync(candidate)) {
      return { node: fs.realpathSync(process.execPath), script: fs.realpathSync(candidate) };
    }
  }
  throw new Error(
    'cannot find the built `deadbolt.js` binary to point the hook at; run `npx tsc -b` (or install @deadbolt/cli) and try again',
  );
}

/** `text` as one single-quoted `sh` word. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `sh` lines that print `outcome` (stdout, then stderr) and exit with its code. */
function answerLines(outcome: HookOutcome): string[] {
  const lines: string[] = [];
  if (outcome.stdout !== '') lines.push(`printf '%s' ${shellQuote(outcome.stdout)}`);
  if (outcome.stderr !== '') lines.push(`printf '%s' ${shellQuote(outcome.stderr)} >&2`);
  lines.push(`exit ${outcome.exitCode}`);
  return lines;
}

/** Seconds the guard script lets the binary run before it kills it and blocks (below every agent's own hook timeout). */
export const GUARD_TIMEOUT_SECONDS = 20;

/**
 * The guard script for one agent. `missing` is what the agent must see when
 * the binary is gone: the adapter's own block, with a reason that says how to
 * reinstall; `failed`, when the binary ran but neither answered (0) nor
 * blocked (2): it crashed (a signal, an out-of-memory kill, exit 1 from a Node
 * that could not start) or hung past GUARD_TIMEOUT_SECONDS.
 *
 * The binary has its own watchdog, but a timer cannot interrupt code that
 * never yields; coreutils `timeout` (where the system has it) can, and costs
 * one fork. `DEADBOLT_GUARD_TIMEOUT_SECONDS` shortens it for tests (a bad value
 * makes `timeout` fail with 125, which blocks). Every agent's own timeout lets the command run when it fires,
 * so the guard answers first.
 */
export function guardScript(
  agentTitle: string,
  agent: string,
  binary: GuardBinary,
  missing: HookOutcome,
  failed: HookOutcome,
): string {
  return [
    '#!/bin/sh',
    `# Deadbolt guard for ${agentTitle}, written by \`npx deadbolt hook install --agent ${agent}\`.`,
    '# It runs the Deadbolt binary found at install time, by absolute path. When that',
    '# binary is gone, crashes or hangs, it blocks the tool call: the agent would run',
    '# the command if the hook merely failed. Reinstall to update these paths; do not',
    '# edit by hand.',
    `node=${shellQuote(binary.node)}`,
    `deadbolt=${shellQuote(binary.script)}`,
    'if [ -x "$node" ] && [ -f "$deadbolt" ]; then',
    '  if command -v timeout >/dev/null 2>&1; then',
    `    timeout -k 2 "\${DEADBOLT_GUARD_TIMEOUT_SECONDS:-${GUARD_TIMEOUT_SECONDS}}" "$node" "$deadbolt" hook ${agent} "$@"`,
    '  else',
    `    "$node" "$deadbolt" hook ${agent} "$@"`,
    '  fi',
    '  status=$?',
    '  # 0: answered (no objection, or a JSON decision); 2: blocked. Anything else is a failure.',
    '  if [ "$status" -eq 0 ] || [ "$status" -eq 2 ]; then exit "$status"; fi',
    ...answerLines(failed).map((l) => `  ${l}`),
    'fi',
    ...answerLines(missing),
    '',
  ].join('\n');
}

/**
 * The command written into the agent's settings: run the guard script when it
 * is there, and block (`missing`) when it is not. Agents run it with `sh -c`
 * (or bash), from any working directory, hence the absolute path.
 */
export function hookCommand(scriptPath: string, missing: HookOutcome): string {
  const quoted = shellQuote(scriptPath);
  return [`[ -x ${quoted} ] && exec ${quoted}`, ...answerLines(missing)].join('; ');
}
