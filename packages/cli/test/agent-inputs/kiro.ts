/** Kiro CLI preToolUse input: https://kiro.dev/docs/cli/hooks (`tool_name`, `tool_input`), built-in tools `execute_bash` and `fs_write`. */
const base = (cwd: string) => ({ hook_event_name: 'preToolUse', cwd });
export const shell = (command: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'execute_bash', tool_input: { command, summary: 'run it' } },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'fs_write', tool_input: { command: 'create', path: file, file_text: content } },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'fs_write',
    tool_input: { command: 'str_replace', path: file, old_str: oldText, new_str: newText },
  },
});
export const other = (cwd: string) => ({
  input: { ...base(cwd), tool_name: 'fs_read', tool_input: { operations: [{ mode: 'Line', path: 'README.md' }] } },
});
