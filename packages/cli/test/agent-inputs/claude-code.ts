/** Claude Code PreToolUse input: https://code.claude.com/docs/en/hooks ("PreToolUse input"). */
const base = (cwd: string) => ({
  session_id: 'abc123',
  transcript_path: '/home/u/.claude/projects/p/abc123.jsonl',
  cwd,
  permission_mode: 'default',
  hook_event_name: 'PreToolUse',
});
export const shell = (command: string, cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'Bash',
    tool_input: { command, description: 'Run it', timeout: 120000 },
    tool_use_id: 'toolu_01',
  },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'Write', tool_input: { file_path: file, content }, tool_use_id: 'toolu_02' },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'Edit',
    tool_input: { file_path: file, old_string: oldText, new_string: newText, replace_all: false },
    tool_use_id: 'toolu_03',
  },
});
export const other = (cwd: string) => ({
  input: { ...base(cwd), tool_name: 'Read', tool_input: { file_path: `${cwd}/README.md` }, tool_use_id: 'toolu_04' },
});
