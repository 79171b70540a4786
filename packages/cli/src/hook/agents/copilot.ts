/**
 * GitHub Copilot CLI and the Copilot cloud agent: a `preToolUse` command hook
 * in `.github/hooks/*.json` (`{"version":1,"hooks":{"preToolUse":[{"type":
 * "command","bash":"…","timeoutSec":30}]}}`); VS Code agent hooks use the
 * same file with the PascalCase event name.
 *
 * Checked against
 * https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference
 * and https://docs.github.com/en/copilot/how-tos/use-copilot-agents/coding-agent/use-hooks
 * (December 2026; Copilot CLI 1.0.x).
 * - Input (JSON on stdin), camelCase for `preToolUse`: `sessionId`,
 *   `timestamp`, `cwd`, `toolName`, `toolArgs` (an object, or a JSON string
 *   of one); snake_case for the VS Code compatible `PreToolUse`:
 *   `hook_event_name`, `tool_name`, `tool_input`, `cwd`. Tools read: `bash`
 *   and `powershell {command}`, `write_bash {input}` (text typed into a
 *   running shell), VS Code's `run_in_terminal {command}`,
 *   `create {path, file_text}`, `edit {path, old_str, new_str}`,
 *   `apply_patch` (the patch).
 * - Deny: exit 0 with `{"permissionDecision":"deny","permissionDecisionReason":…}`
 *   (camelCase) or the `hookSpecificOutput` form (snake_case); this adapter
 *   writes both in one object. Exit 2 also blocks.
 * - Ask: `"ask"` prompts only in interactive mode (the cloud agent and `-p`
 *   have nobody to ask), so a would-be ask is a deny that says how to run
 *   the command yourself.
 * - No objection: exit 0, no output.
 * - Failure: a crash denies; a timeout (30 s default) lets the tool run, so
 *   the hook's own watchdog answers first.
 */
import { defineAdapter, stdoutJson } from './adapter';
import {
  argsObject,
  callsFor,
  editCall,
  isObject,
  parseJsonObject,
  patchCalls,
  shellCall,
  writeCall,
  type Args,
  type ToolTable,
} from './tool-calls';

const COPILOT_TOOLS: ToolTable = {
  bash: (args, cwd) => [shellCall(args.command, 'bash', cwd)],
  powershell: (args, cwd) => [shellCall(args.command, 'powershell', cwd)],
  write_bash: (args, cwd) => (typeof args.input === 'string' ? [shellCall(args.input, 'write_bash', cwd)] : []),
  run_in_terminal: (args, cwd) => [shellCall(args.command, 'run_in_terminal', cwd)],
  create: (args, cwd, tool) => [writeCall(tool, args, cwd)],
  edit: (args, cwd, tool) => [editCall(tool, args, cwd)],
  apply_patch: (args, cwd) => {
    const patch = typeof args.input === 'string' ? args.input : typeof args.patch === 'string' ? args.patch : undefined;
    return patch === undefined ? [] : patchCalls(patch, cwd);
  },
};

/** The toolArgs of a call: an object, a JSON string of one, or (for `apply_patch`) the raw patch text. */
function toolArgs(tool: string, value: unknown): Args {
  if (isObject(value)) return value;
  if (tool === 'apply_patch' && typeof value === 'string' && !value.trimStart().startsWith('{'))
    return { input: value };
  if (!Object.prototype.hasOwnProperty.call(COPILOT_TOOLS, tool)) {
    try {
      return argsObject(value, 'toolArgs');
    } catch {
      return {};
    }
  }
  return argsObject(value ?? {}, `the \`${tool}\` toolArgs`);
}

export const copilot = defineAdapter({
  name: 'copilot',
  title: 'GitHub Copilot',
  docs: 'https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference',
  canAsk: false,
  read(input) {
    const parsed = parseJsonObject(input, 'preToolUse');
    const snake = typeof parsed.tool_name === 'string';
    if (snake && parsed.hook_event_name !== undefined && parsed.hook_event_name !== 'PreToolUse') return { calls: [] };
    const tool = snake ? (parsed.tool_name as string) : typeof parsed.toolName === 'string' ? parsed.toolName : '';
    const cwd = typeof parsed.cwd === 'string' ? parsed.cwd : undefined;
    const args = toolArgs(tool, snake ? parsed.tool_input : parsed.toolArgs);
    return { calls: callsFor(COPILOT_TOOLS, tool, args, cwd, () => true), cwd };
  },
  answer(_decision, reason, io) {
    // Both forms in one object: the camelCase fields for Copilot CLI, `hookSpecificOutput` for the VS Code compatible
    // format; each reader ignores the other's fields, and the watchdog's deny does not know which format came in.
    io.stdout.write(
      `${JSON.stringify({
        permissionDecision: 'deny',
        permissionDecisionReason: reason,
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'deny',
          permissionDecisionReason: reason,
        },
      })}\n`,
    );
    return 0;
  },
  pass: () => 0,
  probeInput: (command, cwd) =>
    JSON.stringify({
      sessionId: 'deadbolt-doctor',
      timestamp: 0,
      cwd,
      toolName: 'bash',
      toolArgs: JSON.stringify({ command }),
    }),
  blocked(outcome) {
    // A hook that exits non-zero denies (documented: a crash denies).
    if (outcome.exitCode !== 0) return true;
    const out = stdoutJson(outcome);
    const decision =
      out?.permissionDecision ??
      (out?.hookSpecificOutput as { permissionDecision?: unknown } | undefined)?.permissionDecision;
    return decision === 'deny' || decision === 'ask';
  },
});
