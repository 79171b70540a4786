/**
 * The one analysis entry every agent adapter calls: a tool call, already read
 * out of the agent's input (`tool-calls.ts`), becomes a verdict. Shell
 * commands go to `analyseCommand`; file writes and edits go to
 * `analyseFileWrite` with the file as it would be after the write, so a
 * script that gains a `terraform destroy` is judged before the agent runs it.
 *
 * Kept cheap to load: the analysis and the file-write judge are imported only
 * when the pre-filter cannot prove a command safe, or when a file is written.
 */
import * as path from 'path';
import type { Analysis } from '../analyse';
import { cannotRunGuardedTool } from '../prefilter';
import { readScriptFile } from './io';

/** A tool call, in terms the analysis understands. */
export type ToolCall =
  /** A shell command line (Bash, `run_shell_command`, `execute_command`, …). */
  | { readonly kind: 'shell'; readonly command: string; readonly cwd?: string }
  /** A whole file written (`Write`, `write_file`, `write_to_file`, `create`). */
  | { readonly kind: 'write'; readonly path: string; readonly content: string; readonly cwd?: string }
  /** String replacements in a file (`Edit`, `MultiEdit`, `replace`, `replace_in_file`, `edit`). */
  | { readonly kind: 'edit'; readonly path: string; readonly edits: readonly TextEdit[]; readonly cwd?: string }
  /** A tool this hook has nothing to say about. */
  | { readonly kind: 'other'; readonly tool: string };

export interface TextEdit {
  readonly oldText: string;
  readonly newText: string;
  /** Replace every occurrence (`replace_all`, `allow_multiple`); otherwise the first. */
  readonly all?: boolean;
}

export interface Verdict {
  readonly decision: 'allow' | 'ask' | 'deny';
  /** For "deny" and "ask": what, why, and what to do instead. */
  readonly reason?: string;
  /** The call the reason is about (for a would-be ask turned into a deny: what the human can run themselves). */
  readonly call?: ToolCall;
}

export interface JudgeOptions {
  /** The directory the agent runs the tool in, when the call does not say. */
  readonly cwd?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Test fault injection: `DEADBOLT_HOOK_TEST_FAULT=throw|hang|crash|spin|exit`
 * makes the analysis of any recognised tool call throw, never answer, throw
 * outside any promise chain, loop without yielding (which only the guard
 * script's `timeout` can stop), or end the process with exit code 1 (as a
 * Node that cannot start does; the guard script turns it into a block). Every adapter turns each of these into a block (never an
 * allow), which is what the process tests check. It cannot make anything
 * pass: the fault replaces an analysis, it never skips one.
 */
export const TEST_FAULT_VARIABLE = 'DEADBOLT_HOOK_TEST_FAULT';

/** Largest edit list or text the hook reconstructs (bigger inputs are judged on the new text alone). */
const MAX_EDITS = 200;

/** The worst verdict over several tool calls (an MCP call or Cline's `run_commands` may carry more than one). */
export async function judgeToolCalls(calls: readonly ToolCall[], options: JudgeOptions): Promise<Verdict> {
  let worst: Verdict = { decision: 'allow' };
  for (const call of calls) {
    const verdict = await judgeToolCall(call, options);
    if (rank(verdict.decision) > rank(worst.decision)) worst = verdict;
    if (worst.decision === 'deny') break;
  }
  return worst;
}

function rank(decision: Verdict['decision']): number {
  return decision === 'deny' ? 2 : decision === 'ask' ? 1 : 0;
}

/** Judges one tool call. Rejects when the analysis fails: the adapter turns that into its agent's block. */
export async function judgeToolCall(call: ToolCall, options: JudgeOptions): Promise<Verdict> {
  if (call.kind === 'other') return { decision: 'allow' };
  await injectedFault(options.env);
  const cwd = absoluteOrUndefined(call.cwd) ?? absoluteOrUndefined(options.cwd);
  if (call.kind === 'shell') {
    // Most commands an agent runs cannot run a guarded tool: answer those before loading the analysis.
    if (cannotRunGuardedTool(call.command)) return { decision: 'allow' };
    const { analyseCommand } = await import('../analyse');
    return verdictOf(await analyseCommand(call.command, { cwd, env: options.env, readFile: readScriptFile }), call);
  }
  const file = cwd ? path.resolve(cwd, call.path) : call.path;
  const content = call.kind === 'write' ? call.content : contentAfterEdits(file, call.edits);
  const { analyseFileWrite } = await import('../code/file-write');
  return verdictOf(await analyseFileWrite(file, content, { cwd, env: options.env, readFile: readScriptFile }), call);
}

function verdictOf(analysis: Analysis, call: ToolCall): Verdict {
  return analysis.decision === 'allow'
    ? { decision: 'allow' }
    : { decision: analysis.decision, reason: analysis.reason, call };
}

function absoluteOrUndefined(dir: string | undefined): string | undefined {
  return typeof dir === 'string' && path.isAbsolute(dir) ? dir : undefined;
}

/**
 * The file as it would be after the edits, when it can be read and every
 * edit's old text is found; otherwise the new texts alone, which is what the
 * edit adds (a script judged on the lines it gains).
 */
export function contentAfterEdits(file: string, edits: readonly TextEdit[]): string {
  const newTextAlone = edits
    .slice(0, MAX_EDITS)
    .map((e) => e.newText)
    .join('\n');
  if (!path.isAbsolute(file) || edits.length > MAX_EDITS) return newTextAlone;
  let content = readScriptFile(file);
  if (content === undefined) return newTextAlone;
  for (const edit of edits) {
    if (edit.oldText === '') {
      // Creating a file (`old_string` empty) or an insertion the hook cannot place: judge what is written.
      if (content === '') content = edit.newText;
      else return newTextAlone;
      continue;
    }
    const at = content.indexOf(edit.oldText);
    if (at < 0) return newTextAlone;
    content = edit.all
      ? content.split(edit.oldText).join(edit.newText)
      : content.slice(0, at) + edit.newText + content.slice(at + edit.oldText.length);
  }
  return content;
}

async function injectedFault(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const fault = env[TEST_FAULT_VARIABLE];
  if (fault === undefined || fault === '') return;
  if (fault === 'hang') await new Promise<never>(() => undefined);
  if (fault === 'spin') for (;;);
  if (fault === 'exit') process.exit(1);
  if (fault === 'crash') {
    setImmediate(() => {
      throw new Error(`${TEST_FAULT_VARIABLE}=crash: an uncaught error outside the analysis`);
    });
    await new Promise<never>(() => undefined);
  }
  throw new Error(`${TEST_FAULT_VARIABLE}=${fault}: the analysis failed`);
}
