/**
 * What every agent adapter provides. An adapter is thin: it reads its agent's
 * hook input, hands the tool call to the core (`core.ts`), and writes the
 * decision in its agent's own terms. `deadbolt hook AGENT` runs it;
 * `deadbolt hook doctor` uses `probeInput` and `blocked` to check that an
 * installed hook really stops a destroy.
 */
import type { AgentName } from './names';

export type { AgentName } from './names';

/** Where an adapter writes its answer (the binary writes the file descriptors directly). */
export interface HookIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What a hook run produced, as the agent sees it. */
export interface HookOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface AgentAdapter {
  /** The name on the command line: `deadbolt hook <name>`. */
  readonly name: AgentName;
  /** The agent's name for people ("Claude Code", "Gemini CLI"). */
  readonly title: string;
  /** The documentation page of the agent's hook protocol. */
  readonly docs: string;
  /**
   * Runs the hook on one input (the text the agent wrote on standard input, or
   * for Amp, the input the adapter reads) and writes the answer to `io`;
   * returns the exit code. Never rejects: anything it cannot read or judge is
   * answered with `deny`. `args` are the words after `deadbolt hook <name>`.
   */
  run(input: string, io: HookIo, args?: readonly string[]): Promise<number>;
  /**
   * Writes a block in the agent's terms, for when the hook itself failed (an
   * internal error, a watchdog timeout) and returns the exit code to exit with.
   * Synchronous, so it can run from an `uncaughtException` handler or a timer.
   */
  deny(reason: string, io: HookIo, args?: readonly string[]): number;
  /** The hook input the agent would send before running `command` in `cwd` (for `doctor`). */
  probeInput(command: string, cwd: string): string;
  /** True when the agent would block the tool call given this hook output (for `doctor`). */
  blocked(outcome: HookOutcome): boolean;
}
