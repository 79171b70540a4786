/**
 * Kiro CLI: a `preToolUse` hook in an agent configuration
 * (`.kiro/agents/*.json` or `~/.kiro/agents/*.json`), matcher for the shell
 * and write tools (and `@server` MCP tools if wanted).
 *
 * Checked against https://kiro.dev/docs/cli/hooks and
 * https://kiro.dev/docs/cli/custom-agents/configuration-reference (December
 * 2026; Kiro CLI, formerly Amazon Q Developer CLI). The Kiro IDE's own hooks
 * pass no tool input and cannot be used.
 * - Input (JSON on stdin): `hook_event_name: "preToolUse"`, `cwd`,
 *   `tool_name`, `tool_input`. Tools read: `execute_bash` (alias `shell`)
 *   `{command, working_dir}`, `execute_cmd` on Windows, `fs_write` (alias
 *   `write`) `{command: create|str_replace|insert|append, path, file_text,
 *   old_str, new_str}`; MCP tools `@server/tool`.
 * - Deny: exit 2; stderr is returned to the model.
 * - Ask: none, so a would-be ask is a deny that says how to run the command
 *   yourself.
 * - No objection: exit 0 (stdout is ignored for `preToolUse`).
 * - Failure: other exit codes are a warning and the tool runs; a timeout
 *   (`timeout_ms`, 30 s default) too. The hook never exits other than 0 or 2.
 */
import * as path from 'path';
import { blockedByExitTwo, defineAdapter, exitTwo } from './adapter';
import type { ToolCall } from './core';
import {
  callsFor,
  editCall,
  looseArgs,
  parseJsonObject,
  shellCall,
  stringField,
  writeCall,
  type Args,
  type ToolTable,
} from './tool-calls';

function shell(tool: string): (args: Args, cwd: string | undefined) => readonly ToolCall[] {
  return (args, cwd) => {
    const dir = stringField(args, ['working_dir', 'cwd']);
    return [shellCall(args.command, tool, dir === undefined ? cwd : cwd ? path.resolve(cwd, dir) : dir)];
  };
}

function write(args: Args, cwd: string | undefined, tool: string): readonly ToolCall[] {
  // `append` and `insert` add `new_str` (or `file_text`) to the file: judge what is added.
  if (args.command === 'append' || args.command === 'insert') {
    const added = stringField(args, ['new_str', 'file_text', 'content']);
    const file = stringField(args, ['path', 'file_path']);
    return added !== undefined && file !== undefined
      ? [{ kind: 'edit', path: file, edits: [{ oldText: '', newText: added }], cwd }]
      : [];
  }
  return [args.command === 'str_replace' ? editCall(tool, args, cwd) : writeCall(tool, args, cwd)];
}

const KIRO_TOOLS: ToolTable = {
  execute_bash: shell('execute_bash'),
  execute_cmd: shell('execute_cmd'),
  shell: shell('shell'),
  fs_write: write,
  write,
};

export const kiro = defineAdapter({
  name: 'kiro',
  title: 'Kiro CLI',
  docs: 'https://kiro.dev/docs/cli/hooks',
  canAsk: false,
  read(input) {
    const parsed = parseJsonObject(input, 'preToolUse');
    if (parsed.hook_event_name !== undefined && !/^pre_?tool_?use$/i.test(String(parsed.hook_event_name)))
      return { calls: [] };
    const tool = typeof parsed.tool_name === 'string' ? parsed.tool_name : '';
    const cwd = typeof parsed.cwd === 'string' ? parsed.cwd : undefined;
    return {
      calls: callsFor(
        KIRO_TOOLS,
        tool,
        looseArgs(parsed.tool_input),
        cwd,
        (name) => name.startsWith('@') || name.includes('___'),
      ),
      cwd,
    };
  },
  answer: (_decision, reason, io) => exitTwo(reason, io),
  pass: () => 0,
  probeInput: (command, cwd) =>
    JSON.stringify({ hook_event_name: 'preToolUse', cwd, tool_name: 'execute_bash', tool_input: { command } }),
  blocked: blockedByExitTwo,
});
