/** Continue CLI: Claude Code's PreToolUse format (https://docs.continue.dev/guides/cli), with Continue's own tool names. */
const base = (cwd: string) => ({ session_id: 'cn-1', transcript_path: '', cwd, hook_event_name: 'PreToolUse' });
export const shell = (command: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'Bash', tool_input: { command } },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'create_new_file', tool_input: { filepath: file, contents: content } },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'Edit', tool_input: { file_path: file, old_string: oldText, new_string: newText } },
});
export const other = (cwd: string) => ({
  input: { ...base(cwd), tool_name: 'Read', tool_input: { filepath: 'README.md' } },
});
