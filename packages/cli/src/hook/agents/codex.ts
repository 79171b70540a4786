/**
 * Codex CLI: a `PreToolUse` command hook in `.codex/hooks.json` or
 * `[hooks]` in `config.toml` (project or `~/.codex/`).
 *
 * Checked against https://developers.openai.com/codex/hooks and the source,
 * `codex-rs/hooks/src/events/pre_tool_use.rs` in
 * https://github.com/openai/codex (December 2026; hooks on by default since
 * 0.124).
 * - Input (JSON on stdin): `session_id`, `turn_id`, `transcript_path`, `cwd`,
 *   `hook_event_name: "PreToolUse"`, `model`, `permission_mode`, `tool_name`,
 *   `tool_input`, `tool_use_id`. Every shell-like tool (`shell`,
 *   `exec_command`, unified exec) arrives as `tool_name: "Bash"` with
 *   `tool_input.command`; `apply_patch` arrives with the patch body in
 *   `tool_input.command`; MCP tools as `mcp__<server>__<tool>` with their
 *   arguments.
 * - Deny: exit 2 with a non-empty reason on stderr (what this adapter
 *   writes), or `hookSpecificOutput.permissionDecision: "deny"` with a
 *   non-empty reason. Exit 2 is used because it does not depend on the JSON
 *   schema, which refuses unknown fields.
 * - Ask: not reliable (`ask` has been treated as a failed hook), so a would-be
 *   ask is a deny that says how to run the command yourself.
 * - No objection: exit 0, no output.
 * - Failure: any other exit code, exit 2 with empty stderr, invalid JSON or a
 *   timeout is a failed hook and the tool runs: the hook never exits other
 *   than 0 or 2-with-a-reason.
 */
import { blockedByExitTwo, defineAdapter, exitTwo } from './adapter';
import { readClaudeFormat } from './claude-code';
import { patchCalls, shellCall, type ToolTable } from './tool-calls';

const CODEX_TOOLS: ToolTable = {
  Bash: (args, cwd) => [shellCall(args.command, 'Bash', cwd)],
  // Older releases named shell tools themselves; their input is the same command string.
  shell: (args, cwd) => [shellCall(args.command, 'shell', cwd)],
  exec_command: (args, cwd) => [shellCall(args.command ?? args.cmd, 'exec_command', cwd)],
  apply_patch: (args, cwd) =>
    typeof args.command === 'string'
      ? patchCalls(args.command, cwd)
      : typeof args.input === 'string'
        ? patchCalls(args.input, cwd)
        : [],
};

export const codex = defineAdapter({
  name: 'codex',
  title: 'Codex CLI',
  docs: 'https://developers.openai.com/codex/hooks',
  canAsk: false,
  read: (input) => readClaudeFormat(input, CODEX_TOOLS),
  answer: (_decision, reason, io) => exitTwo(reason, io),
  pass: () => 0,
  probeInput: (command, cwd) =>
    JSON.stringify({
      session_id: 'deadbolt-doctor',
      turn_id: 't1',
      transcript_path: null,
      cwd,
      hook_event_name: 'PreToolUse',
      model: 'gpt-5',
      permission_mode: 'default',
      tool_name: 'Bash',
      tool_input: { command },
      tool_use_id: 'deadbolt-probe',
    }),
  blocked: blockedByExitTwo,
});
