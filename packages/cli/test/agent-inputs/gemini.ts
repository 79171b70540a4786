/**
 * Gemini CLI BeforeTool input: https://geminicli.com/docs/hooks/reference (BeforeTool) and the tool parameters in
 * `packages/core/src/tools/definitions/base-declarations.ts` of https://github.com/google-gemini/gemini-cli.
 */
const base = (cwd: string) => ({
  session_id: 's-1',
  transcript_path: '/home/u/.gemini/tmp/t.json',
  cwd,
  hook_event_name: 'BeforeTool',
  timestamp: '2026-12-01T10:00:00.000Z',
});
export const shell = (command: string, cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'run_shell_command',
    tool_input: { command, description: 'run it', is_background: false },
  },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: { ...base(cwd), tool_name: 'write_file', tool_input: { file_path: file, content } },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: {
    ...base(cwd),
    tool_name: 'replace',
    tool_input: { file_path: file, instruction: 'change it', old_string: oldText, new_string: newText },
  },
});
export const other = (cwd: string) => ({
  input: { ...base(cwd), tool_name: 'read_file', tool_input: { file_path: 'README.md' } },
});
