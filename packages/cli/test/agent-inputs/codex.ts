/**
 * Codex CLI PreToolUse input: `PreToolUseCommandInput` in codex-rs/hooks (https://github.com/openai/codex,
 * `codex-rs/hooks/src/events/pre_tool_use.rs`): shell tools as `Bash {command}`, `apply_patch` with the patch in
 * `tool_input.command`.
 */
const base = (cwd: string) => ({
  session_id: '0199a1b2-c3d4',
  turn_id: '1',
  transcript_path: null,
  cwd,
  hook_event_name: 'PreToolUse',
  model: 'gpt-5.1-codex',
  permission_mode: 'workspace-write',
});
export const shell = (command: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'Bash', tool_input: { command }, tool_use_id: 'call_1' },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'apply_patch',
    tool_input: {
      command: `*** Begin Patch\n*** Add File: ${file}\n${content
        .split('\n')
        .map((l) => `+${l}`)
        .join('\n')}\n*** End Patch`,
    },
    tool_use_id: 'call_2',
  },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'apply_patch',
    tool_input: { command: `*** Begin Patch\n*** Update File: ${file}\n@@\n-${oldText}\n+${newText}\n*** End Patch` },
    tool_use_id: 'call_3',
  },
});
export const other = (cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'mcp__memory__create_entities',
    tool_input: { entities: [] },
    tool_use_id: 'call_4',
  },
});
