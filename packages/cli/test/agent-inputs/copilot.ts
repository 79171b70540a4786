/**
 * GitHub Copilot CLI preToolUse input (camelCase, `toolArgs` as a JSON string):
 * https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference; `create {path, file_text}` and
 * `edit {path, old_str, new_str}` as the CLI's tools take them.
 */
const base = (cwd: string) => ({ sessionId: 'sess-1', timestamp: 1764583200000, cwd });
export const shell = (command: string, cwd: string) => ({
  input: { ...base(cwd), toolName: 'bash', toolArgs: JSON.stringify({ command, description: 'run it' }) },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: { ...base(cwd), toolName: 'create', toolArgs: { path: file, file_text: content } },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: {
    ...base(cwd),
    toolName: 'edit',
    toolArgs: JSON.stringify({ path: file, old_str: oldText, new_str: newText }),
  },
});
export const other = (cwd: string) => ({
  input: { ...base(cwd), toolName: 'view', toolArgs: JSON.stringify({ path: 'README.md' }) },
});
