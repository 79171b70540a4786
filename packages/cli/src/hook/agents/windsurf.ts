/**
 * Windsurf (Cascade): `pre_run_command`, `pre_write_code` and
 * `pre_mcp_tool_use` command hooks in `.windsurf/hooks.json`,
 * `~/.codeium/windsurf/hooks.json` or the system file.
 *
 * Checked against https://docs.windsurf.com/windsurf/cascade/hooks (December
 * 2026; hooks in beta).
 * - Input (JSON on stdin): `agent_action_name`, `trajectory_id`,
 *   `execution_id`, `timestamp`, `tool_info`: for `pre_run_command`
 *   `{command_line, cwd}`; for `pre_write_code` `{file_path, edits:
 *   [{old_string, new_string}]}`; for `pre_mcp_tool_use` `{mcp_server_name,
 *   mcp_tool_name, mcp_tool_arguments}`. There is no matcher: every hook
 *   sees every action of its event.
 * - Deny: exit 2; stderr is shown (with `show_output: true`) and returned to
 *   Cascade.
 * - Ask: none, so a would-be ask is a deny that says how to run the command
 *   yourself.
 * - No objection: exit 0.
 * - Failure: any other exit code, or a crash, lets the action run; the
 *   hook's own watchdog and crash handler answer exit 2 first.
 */
import { blockedByExitTwo, defineAdapter, exitTwo } from './adapter';
import type { ToolCall } from './core';
import { editCall, isObject, looseArgs, mcpCalls, parseJsonObject, shellCall, stringField } from './tool-calls';

export const windsurf = defineAdapter({
  name: 'windsurf',
  title: 'Windsurf',
  docs: 'https://docs.windsurf.com/windsurf/cascade/hooks',
  canAsk: false,
  read(input) {
    const parsed = parseJsonObject(input, 'Cascade hook');
    const info = isObject(parsed.tool_info) ? parsed.tool_info : {};
    const cwd = typeof info.cwd === 'string' ? info.cwd : undefined;
    let calls: readonly ToolCall[] = [];
    switch (parsed.agent_action_name) {
      case 'pre_run_command':
        calls = [shellCall(info.command_line ?? info.command, 'run_command', cwd)];
        break;
      case 'pre_write_code':
        calls = [editCall('write_code', info, cwd)];
        break;
      case 'pre_mcp_tool_use': {
        const tool = [stringField(info, ['mcp_server_name']), stringField(info, ['mcp_tool_name'])]
          .filter(Boolean)
          .join('.');
        calls = mcpCalls(tool, looseArgs(info.mcp_tool_arguments), cwd);
        break;
      }
      default:
        calls = [];
    }
    return { calls, cwd };
  },
  answer: (_decision, reason, io) => exitTwo(reason, io),
  pass: () => 0,
  probeInput: (command, cwd) =>
    JSON.stringify({
      agent_action_name: 'pre_run_command',
      trajectory_id: 'deadbolt-doctor',
      execution_id: 'e1',
      timestamp: new Date(0).toISOString(),
      tool_info: { command_line: command, cwd },
    }),
  blocked: blockedByExitTwo,
});
