/**
 * Amp delegate permission program: https://ampcode.com/manual#permissions (the tool's arguments on stdin, the tool's
 * name in `AGENT_TOOL_NAME`).
 */
export const shell = (command: string, cwd: string) => ({
  input: { cmd: command, cwd },
  env: { AGENT_TOOL_NAME: 'Bash', AGENT: 'amp' },
});
export const write = (file: string, content: string) => ({
  input: { path: file, content },
  env: { AGENT_TOOL_NAME: 'create_file', AGENT: 'amp' },
});
export const edit = (file: string, oldText: string, newText: string) => ({
  input: { path: file, old_str: oldText, new_str: newText },
  env: { AGENT_TOOL_NAME: 'edit_file', AGENT: 'amp' },
});
export const other = () => ({ input: { path: 'README.md' }, env: { AGENT_TOOL_NAME: 'Read', AGENT: 'amp' } });
