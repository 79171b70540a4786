/**
 * The Claude Code PreToolUse hook protocol: read the hook input (JSON on
 * standard input), decide, answer.
 *
 * - deny: exit 0 with `hookSpecificOutput.permissionDecision: "deny"` and the
 *   reason (Claude Code shows it to the model), or with `--exit-code`, exit 2
 *   with the reason on stderr.
 * - ask: exit 0 with `permissionDecision: "ask"` (Claude Code asks the user);
 *   with `--exit-code`, which has no "ask", exit 2: blocked.
 * - allow: exit 0 and no output. This is "no opinion": Claude Code's own
 *   permission rules still apply. The hook never answers "allow", which would
 *   skip them.
 *
 * Failing closed: exit code 1 is a non-blocking error to Claude Code (the
 * command would run), so the hook never exits 1. Input it cannot read exits 2
 * (the tool call is blocked, the message says why); an error while analysing
 * a readable Bash command answers "ask", so a person decides.
 *
 * @see https://docs.anthropic.com/en/docs/claude-code/hooks
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Analysis } from './analyse';
import { cannotRunGuardedTool } from './prefilter';

export type HookMode = 'json' | 'exit-code';

export interface HookIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What a PreToolUse hook receives (the fields the hook uses). */
export interface PreToolUseInput {
  readonly hook_event_name?: string;
  readonly tool_name?: string;
  readonly tool_input?: { readonly command?: unknown };
  readonly cwd?: string;
}

/** Largest file the hook reads to look inside a script (a shell script, package.json). */
export const MAX_SCRIPT_BYTES = 1024 * 1024;

/** Reads a regular file of at most MAX_SCRIPT_BYTES; never blocks on a FIFO or a device. */
export function readScriptFile(absolutePath: string): string | undefined {
  let fd: number | undefined;
  try {
    const st = fs.statSync(absolutePath);
    if (!st.isFile() || st.size > MAX_SCRIPT_BYTES) return undefined;
    fd = fs.openSync(absolutePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const buf = Buffer.alloc(Math.min(st.size, MAX_SCRIPT_BYTES));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The process's standard input, read synchronously: an order of magnitude
 * faster than creating `process.stdin` (about 10 ms), which matters for a
 * hook that runs before every command. Falls back to the stream when the
 * descriptor is non-blocking.
 */
export async function readStandardInput(): Promise<string> {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return readAll(process.stdin);
    if (code === 'EOF' || code === 'ENXIO' || code === 'EBADF') return '';
    throw e;
  }
}

/** Writes all of `text` to a file descriptor, synchronously (retrying while a non-blocking pipe is full). */
export function writeSyncAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    try {
      buf = buf.subarray(fs.writeSync(fd, buf));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      // A reader that went away (EPIPE) is not ours to report.
      if (code === 'EPIPE') return;
      throw e;
    }
  }
}

/** Reads all of a stream as UTF-8. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON Claude Code expects for a "deny" or "ask" decision. */
export function hookOutput(decision: 'deny' | 'ask', reason: string): string {
  return `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: reason } })}\n`;
}

/** Parses the hook input; throws an Error worded for the user when it is not a PreToolUse input. */
export function parseHookInput(text: string): PreToolUseInput {
  if (text.trim() === '') throw new Error('the hook input on standard input is empty (expected the PreToolUse JSON from Claude Code)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`the hook input is not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the hook input is not a JSON object');
  return value as PreToolUseInput;
}

/**
 * Runs the hook on one input; returns the exit code after writing the answer.
 * `mode` is `exit-code` for `--exit-code` or `DEADBOLT_HOOK_MODE=exit-code`.
 */
export async function runClaudeCodeHook(input: string, mode: HookMode, io: HookIo): Promise<number> {
  let parsed: PreToolUseInput;
  try {
    parsed = parseHookInput(input);
  } catch (e) {
    io.stderr.write(`deadbolt hook: ${(e as Error).message}. Blocking this tool call: a guard that cannot read its input does not let commands through. Check the hook command in .claude/settings.json (\`deadbolt hook install --print\`).\n`);
    return 2;
  }
  if (parsed.hook_event_name !== undefined && parsed.hook_event_name !== 'PreToolUse') return 0;
  if (parsed.tool_name !== 'Bash') return 0;
  const command = parsed.tool_input?.command;
  if (typeof command !== 'string') {
    io.stderr.write('deadbolt hook: the Bash tool input has no `command` string. Blocking this tool call.\n');
    return 2;
  }
  // Most commands an agent runs cannot run a guarded tool: answer those before loading the analysis.
  if (cannotRunGuardedTool(command)) return 0;
  let analysis: Analysis;
  try {
    const { analyseCommand } = await import('./analyse');
    const cwd = typeof parsed.cwd === 'string' && path.isAbsolute(parsed.cwd) ? parsed.cwd : undefined;
    analysis = await analyseCommand(command, { cwd, env: io.env, readFile: readScriptFile });
  } catch (e) {
    const reason = `Deadbolt could not analyse this command (${(e as Error).message.split('\n')[0]}), so a person has to decide whether it is safe to run.`;
    return answer('ask', reason, mode, io);
  }
  if (analysis.decision === 'allow') return 0;
  return answer(analysis.decision, analysis.reason!, mode, io);
}

function answer(decision: 'deny' | 'ask', reason: string, mode: HookMode, io: HookIo): number {
  if (mode === 'exit-code') {
    io.stderr.write(`${decision === 'ask' ? `${reason} (Deadbolt would ask; \`--exit-code\` cannot ask, so it blocks: a human can run it.)` : reason}\n`);
    return 2;
  }
  io.stdout.write(hookOutput(decision, reason));
  return 0;
}
