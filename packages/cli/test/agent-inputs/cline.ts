/**
 * Cline PreToolUse input: `.clinerules/hooks/README.md` in https://github.com/cline/cline ("Hook Input/Output"),
 * with the extension's tool names (`apps/vscode/src/shared/tools.ts`).
 */
const base = (cwd: string) => ({
  clineVersion: '3.40.0',
  hookName: 'PreToolUse',
  timestamp: '1764583200000',
  taskId: 'task-1',
  workspaceRoots: [cwd],
  userId: 'u-1',
});
export const shell = (command: string, cwd: string) => ({
  input: {
    ...base(cwd),
    preToolUse: { toolName: 'execute_command', parameters: { command, requires_approval: 'false' } },
  },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: { ...base(cwd), preToolUse: { toolName: 'write_to_file', parameters: { path: file, content } } },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: {
    ...base(cwd),
    preToolUse: {
      toolName: 'replace_in_file',
      parameters: { path: file, diff: `------- SEARCH\n${oldText}\n=======\n${newText}\n+++++++ REPLACE` },
    },
  },
});
export const other = (cwd: string) => ({
  input: { ...base(cwd), preToolUse: { toolName: 'read_file', parameters: { path: 'README.md' } } },
});
