/**
 * Cursor hook inputs: https://cursor.com/docs/agent/hooks (`beforeShellExecution` with `command` and `cwd`;
 * `preToolUse` with `tool_name`/`tool_input` in newer releases; `beforeMCPExecution`).
 */
const base = (cwd: string) => ({
  conversation_id: 'c-1',
  generation_id: 'g-1',
  model: 'claude-4.5-sonnet',
  cursor_version: '2.0.77',
  workspace_roots: [cwd],
  user_email: null,
});
export const shell = (command: string, cwd: string) => ({
  input: { ...base(cwd), hook_event_name: 'beforeShellExecution', command, cwd },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: {
    ...base(cwd),
    hook_event_name: 'preToolUse',
    tool_name: 'Write',
    tool_input: { file_path: file, contents: content },
  },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: {
    ...base(cwd),
    hook_event_name: 'preToolUse',
    tool_name: 'StrReplace',
    tool_input: { file_path: file, old_string: oldText, new_string: newText },
  },
});
export const other = (cwd: string) => ({
  input: {
    ...base(cwd),
    hook_event_name: 'beforeMCPExecution',
    tool_name: 'database_query',
    tool_input: '{"query": "SELECT 1"}',
    url: 'http://localhost:3000',
  },
});
