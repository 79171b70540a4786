/**
 * Continue CLI (`cn`): `PreToolUse` command hooks in Claude Code's format and
 * semantics, read from Continue's settings and from `.claude/settings.json`.
 *
 * Checked against the source, `extensions/cli/src/hooks/hookRunner.ts` and
 * `fireHook.ts` in https://github.com/continuedev/continue (December 2026),
 * and https://docs.continue.dev/guides/cli.
 * - Input (JSON on stdin): `session_id`, `transcript_path` (empty), `cwd`,
 *   `permission_mode`, `hook_event_name: "PreToolUse"`, `tool_name`,
 *   `tool_input`, `tool_use_id`. Tools read: Claude Code's names (`Bash`,
 *   `Write`, `Edit`, `MultiEdit`) and Continue's own (`run_terminal_command
 *   {command}`, `create_new_file {filepath, contents}`,
 *   `single_find_and_replace`, `multi_edit`, `edit_existing_file`); MCP tools
 *   `mcp__<server>__<tool>`.
 * - Deny: exit 0 with `hookSpecificOutput.permissionDecision: "deny"` and a
 *   reason (what this adapter writes), or exit 2 with the reason on stderr.
 * - Ask: the hook runner blocks only on `deny` (or exit 2) and passes `ask`
 *   on as a field whose handling this check could not confirm, so a would-be
 *   ask is a deny that says how to run the command yourself.
 * - No objection: exit 0, no output.
 * - Failure: exit codes other than 0 and 2, a spawn error or a timeout (600 s
 *   default) do not block; the hook never exits 1.
 */
import { defineAdapter, exitTwo } from './adapter';
import { CLAUDE_TOOLS, claudeFormatBlocked, claudeFormatProbe, hookOutput, readClaudeFormat } from './claude-code';
import { editCall, shellCall, stringField, writeCall, type ToolTable } from './tool-calls';

const CONTINUE_TOOLS: ToolTable = {
  ...CLAUDE_TOOLS,
  run_terminal_command: (args, cwd) => [shellCall(args.command, 'run_terminal_command', cwd)],
  create_new_file: (args, cwd, tool) => [writeCall(tool, args, cwd)],
  single_find_and_replace: (args, cwd, tool) => [editCall(tool, args, cwd)],
  multi_edit: (args, cwd, tool) => [editCall(tool, args, cwd)],
  // The new text of the changed region: judged as what the edit adds.
  edit_existing_file: (args, cwd, tool) => {
    const file = stringField(args, ['filepath', 'file_path', 'path']);
    const changes = stringField(args, ['changes', 'new_content', 'content']);
    return file === undefined || changes === undefined
      ? [{ kind: 'other', tool }]
      : [{ kind: 'edit', path: file, edits: [{ oldText: '', newText: changes }], cwd }];
  },
};

export const continueCli = defineAdapter({
  name: 'continue',
  title: 'Continue',
  docs: 'https://docs.continue.dev/guides/cli',
  canAsk: false,
  read: (input) => readClaudeFormat(input, CONTINUE_TOOLS),
  answer(_decision, reason, io) {
    io.stdout.write(hookOutput('deny', reason));
    return 0;
  },
  pass: () => 0,
  unreadable: (message, io) => exitTwo(message, io),
  probeInput: claudeFormatProbe,
  blocked: claudeFormatBlocked,
});
