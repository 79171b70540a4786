/**
 * Cursor: `beforeShellExecution` (and `beforeMCPExecution`) command hooks in
 * `.cursor/hooks.json` or `~/.cursor/hooks.json`, installed with
 * `"failClosed": true`.
 *
 * Checked against https://cursor.com/docs/agent/hooks (December 2026; Cursor
 * 1.7 introduced hooks, 2.x and 3.x keep this shape).
 * - Input (JSON on stdin): `hook_event_name`, `conversation_id`,
 *   `generation_id`, `workspace_roots`, and for `beforeShellExecution`
 *   `command` and `cwd`; for `beforeMCPExecution` `tool_name` and
 *   `tool_input` (an object, or a JSON string of one in some releases). Newer
 *   releases also send `preToolUse` with `tool_name` (`Shell`, `Write`,
 *   `StrReplace`, `Edit`, …) and `tool_input`; it is read the same way.
 * - Deny: exit 0 with `{"permission":"deny","user_message":…,"agent_message":…}`
 *   (exit 2 also blocks).
 * - Ask: `{"permission":"ask"}` is ignored in the Auto-review run mode (the
 *   command runs without a prompt, Cursor forum topic 173694, Cursor
 *   3.21.16), so a would-be ask is a deny that says how to run the command
 *   yourself.
 * - No objection: `{}`, valid JSON with no decision, so Cursor's own run-mode
 *   rules decide (an explicit `"allow"` could skip them) and `failClosed`
 *   does not count it as a failed hook.
 * - Failure: without `failClosed`, a crash, a timeout or unreadable output
 *   lets the command run; with `failClosed: true` it blocks. File edits are
 *   reported only after the fact (`afterFileEdit`, which cannot block), so
 *   the file-write guard applies where `preToolUse` reaches this hook.
 */
import { defineAdapter, stdoutJson } from './adapter';
import type { ToolCall } from './core';
import {
  callsFor,
  editCall,
  looseArgs,
  mcpCalls,
  parseJsonObject,
  shellCall,
  writeCall,
  type ToolTable,
} from './tool-calls';
import type { HookIo } from './types';

const CURSOR_TOOLS: ToolTable = {
  Shell: (args, cwd) => [shellCall(args.command, 'Shell', args.cwd ?? args.working_directory ?? cwd)],
  Write: (args, cwd, tool) => [writeCall(tool, args, cwd)],
  StrReplace: (args, cwd, tool) => [editCall(tool, args, cwd)],
  Edit: (args, cwd, tool) => [editCall(tool, args, cwd)],
  MultiEdit: (args, cwd, tool) => [editCall(tool, args, cwd)],
};

function answer(permission: 'deny', reason: string, io: HookIo): number {
  io.stdout.write(`${JSON.stringify({ permission, user_message: reason, agent_message: reason })}\n`);
  return 0;
}

export const cursor = defineAdapter({
  name: 'cursor',
  title: 'Cursor',
  docs: 'https://cursor.com/docs/agent/hooks',
  canAsk: false,
  read(input) {
    const parsed = parseJsonObject(input, 'Cursor hook');
    const event = parsed.hook_event_name;
    const roots = Array.isArray(parsed.workspace_roots)
      ? parsed.workspace_roots.filter((r): r is string => typeof r === 'string')
      : [];
    const cwd = typeof parsed.cwd === 'string' && parsed.cwd !== '' ? parsed.cwd : roots[0];
    let calls: readonly ToolCall[];
    if (event === 'beforeShellExecution' || (event === undefined && 'command' in parsed && !('tool_name' in parsed))) {
      calls = [shellCall(parsed.command, 'shell', cwd)];
    } else if (event === 'beforeMCPExecution') {
      calls = mcpCalls(typeof parsed.tool_name === 'string' ? parsed.tool_name : '', looseArgs(parsed.tool_input), cwd);
    } else if (event === 'preToolUse' && typeof parsed.tool_name === 'string') {
      calls = callsFor(CURSOR_TOOLS, parsed.tool_name, looseArgs(parsed.tool_input), cwd, () => false);
    } else {
      calls = [];
    }
    return { calls, cwd };
  },
  answer: (_decision, reason, io) => answer('deny', reason, io),
  pass(io) {
    io.stdout.write('{}\n');
    return 0;
  },
  probeInput: (command, cwd) =>
    JSON.stringify({
      conversation_id: 'deadbolt-doctor',
      generation_id: 'g1',
      hook_event_name: 'beforeShellExecution',
      workspace_roots: [cwd],
      command,
      cwd,
    }),
  blocked: (outcome) =>
    outcome.exitCode === 2 || (outcome.exitCode === 0 && stdoutJson(outcome)?.permission === 'deny'),
});
