/**
 * OpenCode: a plugin (`.opencode/plugins/deadbolt.js`, written by
 * `openCodePluginSource` in `opencode-plugin.ts`) whose `tool.execute.before`
 * hook runs `deadbolt hook opencode` and throws to block the call.
 *
 * Checked against https://opencode.ai/docs/plugins (December 2026).
 * - Input (what the plugin writes on stdin): `{tool, sessionID, callID, args,
 *   cwd}`, from the hook's `input` (`tool`, `sessionID`, `callID`) and
 *   `output.args`. Tools read: `bash {command, workdir}`, `write {filePath,
 *   content}`, `edit {filePath, oldString, newString, replaceAll}`,
 *   `multiedit`, `patch`/`apply_patch {patchText}`; MCP tools (named
 *   `<server>_<tool>`) by the MCP rule.
 * - Deny: this command exits 2 with the reason on stderr; the plugin throws
 *   an Error with that reason, which OpenCode reports to the model instead
 *   of running the tool.
 * - Ask: OpenCode's own `permission` settings ask; a plugin cannot, so a
 *   would-be ask is a deny that says how to run the command yourself.
 * - No objection: exit 0, no output; the plugin returns.
 * - Failure: the plugin throws on anything but exit 0 (a missing binary, a
 *   timeout, a crash), so the tool does not run.
 */
import * as path from 'path';
import { blockedByExitTwo, defineAdapter, exitTwo } from './adapter';
import {
  callsFor,
  editCall,
  parseJsonObject,
  patchCalls,
  shellCall,
  stringField,
  writeCall,
  isObject,
  type ToolTable,
} from './tool-calls';

const OPENCODE_TOOLS: ToolTable = {
  bash: (args, cwd) => {
    const dir = stringField(args, ['workdir', 'cwd']);
    return [shellCall(args.command, 'bash', dir === undefined ? cwd : cwd ? path.resolve(cwd, dir) : dir)];
  },
  write: (args, cwd, tool) => [writeCall(tool, args, cwd)],
  edit: (args, cwd, tool) => [editCall(tool, args, cwd)],
  multiedit: (args, cwd, tool) => [editCall(tool, args, cwd)],
  patch: (args, cwd) => {
    const patch = stringField(args, ['patchText', 'patch', 'input']);
    return patch === undefined ? [] : patchCalls(patch, cwd);
  },
  apply_patch: (args, cwd) => {
    const patch = stringField(args, ['patchText', 'patch', 'input']);
    return patch === undefined ? [] : patchCalls(patch, cwd);
  },
};

export const opencode = defineAdapter({
  name: 'opencode',
  title: 'OpenCode',
  docs: 'https://opencode.ai/docs/plugins',
  canAsk: false,
  read(input) {
    const parsed = parseJsonObject(input, 'tool.execute.before');
    const tool = typeof parsed.tool === 'string' ? parsed.tool : '';
    const cwd = typeof parsed.cwd === 'string' ? parsed.cwd : undefined;
    const args = isObject(parsed.args) ? parsed.args : {};
    return { calls: callsFor(OPENCODE_TOOLS, tool, args, cwd, () => true), cwd };
  },
  answer: (_decision, reason, io) => exitTwo(reason, io),
  pass: () => 0,
  probeInput: (command, cwd) =>
    JSON.stringify({
      tool: 'bash',
      sessionID: 'deadbolt-doctor',
      callID: 'c1',
      args: { command, description: 'probe' },
      cwd,
    }),
  blocked: blockedByExitTwo,
});
