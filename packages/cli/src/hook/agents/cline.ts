/**
 * Cline: an executable named `PreToolUse` in `.clinerules/hooks/` (or
 * `~/Documents/Cline/Hooks/`), a two-line `sh` script that runs
 * `deadbolt hook cline`.
 *
 * Checked against https://docs.cline.bot/features/hooks and the source of
 * https://github.com/cline/cline at 21cb8d2 (August 2026):
 * `.clinerules/hooks/README.md`, `apps/vscode/src/core/hooks/hook-factory.ts`,
 * `sdk/packages/core/src/hooks/subprocess.ts`.
 * - Input (JSON on stdin): `clineVersion`, `hookName: "PreToolUse"`,
 *   `timestamp`, `taskId`, `workspaceRoots`, `userId`,
 *   `preToolUse: {toolName, parameters}`. Tools read: `execute_command
 *   {command}`, `write_to_file {path, content}`, `replace_in_file {path,
 *   diff}` (SEARCH/REPLACE blocks), `apply_patch`, `use_mcp_tool
 *   {server_name, tool_name, arguments}`; from the Cline SDK and CLI
 *   (`hookName: "tool_call"`): `run_commands {commands: [...]}`, `editor
 *   {path, old_text, new_text}`.
 * - Deny: exit 0 with `{"cancel": true, "errorMessage": …}`.
 * - Ask: none, so a would-be ask is a deny that says how to run the command
 *   yourself.
 * - No objection: `{"cancel": false}`.
 * - Failure: a non-zero exit, or output that is not JSON, does not block
 *   (hooks are fail-open); a timeout (30 s) marks the hook failed. So every
 *   answer, failures included, is the JSON above with exit 0.
 */
import { defineAdapter, stdoutJson } from './adapter';
import type { ToolCall } from './core';
import {
  callsFor,
  commandText,
  editCall,
  isObject,
  looseArgs,
  mcpCalls,
  parseJsonObject,
  patchCalls,
  searchReplaceEdits,
  shellCall,
  stringField,
  writeCall,
  type Args,
  type ToolTable,
} from './tool-calls';
import type { HookIo } from './types';

const CLINE_TOOLS: ToolTable = {
  execute_command: (args, cwd) => [shellCall(args.command, 'execute_command', cwd)],
  run_commands: (args, cwd) => {
    const list = Array.isArray(args.commands) ? args.commands : [args.commands ?? args.command ?? args.cmd];
    return list.slice(0, 1000).map((entry): ToolCall => {
      // Each entry is a command line, or `{command, args}` run without a shell.
      if (isObject(entry))
        return shellCall(
          Array.isArray(entry.args) ? [entry.command, ...entry.args] : entry.command,
          'run_commands',
          cwd,
        );
      return shellCall(commandText(entry), 'run_commands', cwd);
    });
  },
  write_to_file: (args, cwd, tool) => [writeCall(tool, args, cwd)],
  replace_in_file: (args, cwd, tool) => {
    const file = stringField(args, ['path']);
    const diff = stringField(args, ['diff']);
    if (file === undefined || diff === undefined) return [{ kind: 'other', tool }];
    return [{ kind: 'edit', path: file, edits: searchReplaceEdits(diff), cwd }];
  },
  editor: (args, cwd, tool) => [editCall(tool, args, cwd)],
  apply_patch: (args, cwd) => {
    const patch = stringField(args, ['input', 'patch', 'diff']);
    return patch === undefined ? [] : patchCalls(patch, cwd);
  },
  use_mcp_tool: (args, cwd) => {
    const tool = [stringField(args, ['server_name']), stringField(args, ['tool_name'])].filter(Boolean).join('.');
    return mcpCalls(tool, looseArgs(args.arguments), cwd);
  },
};

function answer(cancel: boolean, io: HookIo, errorMessage?: string): number {
  io.stdout.write(`${JSON.stringify(cancel ? { cancel, errorMessage } : { cancel })}\n`);
  return 0;
}

export const cline = defineAdapter({
  name: 'cline',
  title: 'Cline',
  docs: 'https://docs.cline.bot/features/hooks',
  canAsk: false,
  read(input) {
    const parsed = parseJsonObject(input, 'PreToolUse');
    const pre = isObject(parsed.preToolUse) ? parsed.preToolUse : undefined;
    const sdk = isObject(parsed.tool_call) ? parsed.tool_call : undefined;
    const roots = Array.isArray(parsed.workspaceRoots)
      ? parsed.workspaceRoots.filter((r): r is string => typeof r === 'string')
      : [];
    const cwd = stringField(parsed, ['cwd']) ?? roots[0];
    if (!pre && !sdk) return { calls: [], cwd };
    const tool = stringField(pre ?? {}, ['toolName']) ?? stringField(sdk ?? {}, ['name']) ?? '';
    const args: Args = looseArgs(pre?.parameters ?? sdk?.input);
    return { calls: callsFor(CLINE_TOOLS, tool, args, cwd, () => false), cwd };
  },
  answer: (_decision, reason, io) => answer(true, io, reason),
  pass: (io) => answer(false, io),
  probeInput: (command, cwd) =>
    JSON.stringify({
      clineVersion: '3',
      hookName: 'PreToolUse',
      timestamp: '0',
      taskId: 'deadbolt-doctor',
      workspaceRoots: [cwd],
      userId: '',
      preToolUse: { toolName: 'execute_command', parameters: { command, requires_approval: 'false' } },
    }),
  blocked: (outcome) => stdoutJson(outcome)?.cancel === true,
});
