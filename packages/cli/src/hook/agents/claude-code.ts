/**
 * Claude Code: a `PreToolUse` command hook in `.claude/settings.json`.
 *
 * Checked against https://code.claude.com/docs/en/hooks (hooks reference,
 * December 2026; Claude Code 2.x).
 * - Input (JSON on stdin): `session_id`, `transcript_path`, `cwd`,
 *   `hook_event_name: "PreToolUse"`, `tool_name`, `tool_input`, `tool_use_id`.
 *   Tools read: `Bash {command}`, `Write {file_path, content}`,
 *   `Edit {file_path, old_string, new_string, replace_all}`,
 *   `MultiEdit {file_path, edits: [...]}`, MCP tools `mcp__<server>__<tool>`.
 * - Deny: exit 0 with `hookSpecificOutput.permissionDecision: "deny"` and a
 *   reason (shown to the model), or, with `--exit-code`
 *   (`DEADBOLT_HOOK_MODE=exit-code`), exit 2 with the reason on stderr.
 * - Ask: `permissionDecision: "ask"` reliably prompts the user; `--exit-code`
 *   has no ask, so it blocks.
 * - No objection: exit 0, no output. Never `"allow"`, which would skip the
 *   user's own permission rules.
 * - Failure: exit 1, any other code, or a timeout (60 s default) is a
 *   non-blocking error and the tool runs; JSON is read only on exit 0. So the
 *   hook never exits 1: unreadable input exits 2 with the reason on stderr;
 *   an analysis error asks; a timeout inside the hook denies.
 */
import { exitTwo, defineAdapter, stdoutJson } from './adapter';
import type { ToolCall } from './core';
import {
  callsFor,
  editCall,
  looseArgs,
  parseJsonObject,
  shellCall,
  writeCall,
  type Args,
  type ToolTable,
} from './tool-calls';
import type { HookIo, HookOutcome } from './types';

/** Claude Code's tool names, shared by agents that speak its format (Continue). */
export const CLAUDE_TOOLS: ToolTable = {
  Bash: (args, cwd) => [shellCall(args.command, 'Bash', cwd)],
  Write: (args, cwd, tool) => [writeCall(tool, args, cwd)],
  Edit: (args, cwd, tool) => [editCall(tool, args, cwd)],
  MultiEdit: (args, cwd, tool) => [editCall(tool, args, cwd)],
};

/** Reads a Claude Code format PreToolUse input (also Continue's, and Codex's apart from tool names). */
export function readClaudeFormat(input: string, tools: ToolTable): { calls: readonly ToolCall[]; cwd?: string } {
  const parsed = parseJsonObject(input, 'PreToolUse');
  if (parsed.hook_event_name !== undefined && parsed.hook_event_name !== 'PreToolUse') return { calls: [] };
  const tool = typeof parsed.tool_name === 'string' ? parsed.tool_name : '';
  const cwd = typeof parsed.cwd === 'string' ? parsed.cwd : undefined;
  const known = Object.prototype.hasOwnProperty.call(tools, tool);
  const isMcp = tool.startsWith('mcp__');
  if (!known && !isMcp) return { calls: [{ kind: 'other', tool }], cwd };
  const args: Args = looseArgs(parsed.tool_input);
  return { calls: callsFor(tools, tool, args, cwd, (name) => name.startsWith('mcp__')), cwd };
}

/** The JSON Claude Code expects for a "deny" or "ask" decision. */
export function hookOutput(decision: 'deny' | 'ask', reason: string): string {
  return `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: reason } })}\n`;
}

function exitCodeMode(args: readonly string[], io: HookIo): boolean {
  return args.includes('--exit-code') || io.env.DEADBOLT_HOOK_MODE === 'exit-code';
}

/** A PreToolUse input for `command` (for `doctor` and tests). */
export function claudeFormatProbe(command: string, cwd: string): string {
  return JSON.stringify({
    session_id: 'deadbolt-doctor',
    transcript_path: '',
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
    tool_use_id: 'deadbolt-probe',
  });
}

/** True when Claude Code (or Continue) would not run the tool after this hook output. */
export function claudeFormatBlocked(outcome: HookOutcome): boolean {
  if (outcome.exitCode === 2) return true;
  if (outcome.exitCode !== 0) return false;
  const out = stdoutJson(outcome)?.hookSpecificOutput as { permissionDecision?: unknown } | undefined;
  return out?.permissionDecision === 'deny' || out?.permissionDecision === 'ask';
}

export const claudeCode = defineAdapter({
  name: 'claude-code',
  title: 'Claude Code',
  docs: 'https://code.claude.com/docs/en/hooks',
  canAsk: true,
  read: (input) => readClaudeFormat(input, CLAUDE_TOOLS),
  answer(decision, reason, io, args) {
    if (exitCodeMode(args, io)) {
      return exitTwo(
        decision === 'ask'
          ? `${reason} (Deadbolt would ask; \`--exit-code\` cannot ask, so it blocks: a human can run it.)`
          : reason,
        io,
      );
    }
    io.stdout.write(hookOutput(decision, reason));
    return 0;
  },
  pass: () => 0,
  // Exit 2 blocks in both modes; the message goes where Claude Code shows it.
  unreadable: (message, io) => exitTwo(message, io),
  checkArgs: (args) => args.find((a) => a !== '--exit-code'),
  probeInput: claudeFormatProbe,
  blocked: claudeFormatBlocked,
});
