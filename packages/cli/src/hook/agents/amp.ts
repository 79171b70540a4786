/**
 * Amp: no hook event; a permission rule with `"action": "delegate"` in
 * `amp.permissions` runs a program for the matching tool calls
 * (`{"tool": "Bash", "action": "delegate", "to": "deadbolt hook amp"}`, and
 * the same for `edit_file`, `create_file` and `mcp__*`).
 *
 * Checked against https://ampcode.com/manual#permissions and its appendix
 * (December 2026).
 * - Input: the tool's arguments as JSON on stdin (`Bash {cmd, cwd}`,
 *   `edit_file {path, old_str, new_str, replace_all}`, `create_file {path,
 *   content}`, MCP tools' own arguments) and the tool's name in the
 *   environment (`AGENT_TOOL_NAME`; `AGENT=amp`). Without a tool name, an
 *   input with `cmd` is read as Bash.
 * - Deny: exit 2 or more (rejects the call; stderr is the message).
 * - Ask: exit 1 asks the operator, but only in interactive runs, so a
 *   would-be ask is a deny that says how to run the command yourself. (A
 *   node crash exits 1, which asks: still not a silent pass.)
 * - No objection: exit 0, which for a delegate rule means "allow": Amp's
 *   rules are first-match, so rules that must still ask or reject go before
 *   the delegate rule.
 * - Failure: the watchdog and crash handler exit 2.
 */
import { blockedByExitTwo, defineAdapter, exitTwo } from './adapter';
import { callsFor, editCall, parseJsonObject, shellCall, writeCall, type ToolTable } from './tool-calls';

const AMP_TOOLS: ToolTable = {
  Bash: (args, cwd) => [shellCall(args.cmd ?? args.command, 'Bash', args.cwd ?? cwd)],
  edit_file: (args, cwd, tool) => [editCall(tool, args, cwd)],
  create_file: (args, cwd, tool) => [writeCall(tool, args, cwd)],
};

export const amp = defineAdapter({
  name: 'amp',
  title: 'Amp',
  docs: 'https://ampcode.com/manual#permissions',
  canAsk: false,
  read(input, env) {
    const args = parseJsonObject(input, 'tool arguments');
    const tool = env.AGENT_TOOL_NAME || ('cmd' in args ? 'Bash' : '');
    const cwd = typeof args.cwd === 'string' ? args.cwd : undefined;
    return { calls: callsFor(AMP_TOOLS, tool, args, cwd, (name) => name.startsWith('mcp__')), cwd };
  },
  answer: (_decision, reason, io) => exitTwo(reason, io),
  pass: () => 0,
  probeInput: (command, cwd) => JSON.stringify({ cmd: command, cwd }),
  blocked: (outcome) => blockedByExitTwo(outcome) || outcome.exitCode > 2,
});
