/**
 * Gemini CLI: a `BeforeTool` command hook in `.gemini/settings.json` (or
 * `~/.gemini/settings.json`), matcher `run_shell_command|write_file|replace`
 * or any MCP tool.
 *
 * Checked against https://geminicli.com/docs/hooks/reference and the source
 * (`packages/core/src/hooks/hookRunner.ts`, `types.ts`,
 * `scheduler/hook-utils.ts`) of https://github.com/google-gemini/gemini-cli
 * at 0.56.0-nightly.20260806 (August 2026).
 * - Input (JSON on stdin): `session_id`, `transcript_path`, `cwd`,
 *   `hook_event_name: "BeforeTool"`, `timestamp`, `tool_name`, `tool_input`,
 *   `mcp_context` (MCP tools), `original_request_name`. Tools read:
 *   `run_shell_command {command, dir_path, is_background}`,
 *   `write_file {file_path, content}`,
 *   `replace {file_path, old_string, new_string, allow_multiple}`.
 * - Deny: exit 0 with `{"decision":"deny","reason":…}` (the reason goes to the
 *   model as the tool's error), or exit 2 with the reason on stderr.
 * - Ask: `"ask"` exists in recent releases (it forces a confirmation) but not
 *   in every release or run mode, so a would-be ask is a deny that says how
 *   to run the command yourself.
 * - No objection: exit 0, no output.
 * - Failure: exit 1 and other codes are warnings and the tool runs; a timeout
 *   (60 s default) runs it too. Only exit 2 or a deny decision blocks.
 */
import * as path from 'path';
import { defineAdapter, stdoutJson } from './adapter';
import { callsFor, editCall, looseArgs, parseJsonObject, shellCall, writeCall, type ToolTable } from './tool-calls';

const GEMINI_TOOLS: ToolTable = {
  run_shell_command: (args, cwd) => {
    const dir =
      typeof args.dir_path === 'string'
        ? args.dir_path
        : typeof args.directory === 'string'
          ? args.directory
          : undefined;
    return [shellCall(args.command, 'run_shell_command', dir === undefined ? cwd : cwd ? path.resolve(cwd, dir) : dir)];
  },
  write_file: (args, cwd, tool) => [writeCall(tool, args, cwd)],
  replace: (args, cwd, tool) => [editCall(tool, args, cwd)],
};

export const gemini = defineAdapter({
  name: 'gemini',
  title: 'Gemini CLI',
  docs: 'https://geminicli.com/docs/hooks/reference',
  canAsk: false,
  read(input) {
    const parsed = parseJsonObject(input, 'BeforeTool');
    if (parsed.hook_event_name !== undefined && parsed.hook_event_name !== 'BeforeTool') return { calls: [] };
    const tool = typeof parsed.tool_name === 'string' ? parsed.tool_name : '';
    const cwd = typeof parsed.cwd === 'string' ? parsed.cwd : undefined;
    const isMcp = (name: string): boolean => parsed.mcp_context !== undefined || name.startsWith('mcp_');
    return { calls: callsFor(GEMINI_TOOLS, tool, looseArgs(parsed.tool_input), cwd, isMcp), cwd };
  },
  answer(_decision, reason, io) {
    io.stdout.write(`${JSON.stringify({ decision: 'deny', reason })}\n`);
    return 0;
  },
  pass: () => 0,
  probeInput: (command, cwd) =>
    JSON.stringify({
      session_id: 'deadbolt-doctor',
      transcript_path: '',
      cwd,
      hook_event_name: 'BeforeTool',
      timestamp: new Date(0).toISOString(),
      tool_name: 'run_shell_command',
      tool_input: { command },
    }),
  blocked: (outcome) =>
    outcome.exitCode === 2 ||
    (outcome.exitCode === 0 && ['deny', 'block'].includes(stdoutJson(outcome)?.decision as string)),
});
