/**
 * The Claude Code hook, kept at its original path for the imports that use
 * it: the adapter itself is `agents/claude-code.ts`, the process I/O
 * `agents/io.ts`.
 */
import { claudeCode } from './agents/claude-code';
import type { HookIo } from './agents/types';

export { hookOutput } from './agents/claude-code';
export { MAX_SCRIPT_BYTES, readAll, readScriptFile, readStandardInput, writeSyncAll } from './agents/io';
export type { HookIo } from './agents/types';

export type HookMode = 'json' | 'exit-code';

/**
 * Runs the Claude Code hook on one input; returns the exit code after writing
 * the answer. `mode` is `exit-code` for `--exit-code` or
 * `DEADBOLT_HOOK_MODE=exit-code`.
 */
export function runClaudeCodeHook(input: string, mode: HookMode, io: HookIo): Promise<number> {
  return claudeCode.run(input, io, mode === 'exit-code' ? ['--exit-code'] : []);
}
