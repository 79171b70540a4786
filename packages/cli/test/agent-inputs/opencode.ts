/**
 * What the Deadbolt OpenCode plugin sends: `tool.execute.before`'s `input` (`tool`, `sessionID`, `callID`) and
 * `output.args` (https://opencode.ai/docs/plugins), with OpenCode's tool parameters (`bash {command}`,
 * `write {filePath, content}`, `edit {filePath, oldString, newString}`).
 */
const base = (cwd: string) => ({ sessionID: 'ses_1', callID: 'call_1', cwd });
export const shell = (command: string, cwd: string) => ({
  input: { ...base(cwd), tool: 'bash', args: { command, description: 'run it' } },
});
export const write = (file: string, content: string, cwd: string) => ({
  input: { ...base(cwd), tool: 'write', args: { filePath: file, content } },
});
export const edit = (file: string, oldText: string, newText: string, cwd: string) => ({
  input: { ...base(cwd), tool: 'edit', args: { filePath: file, oldString: oldText, newString: newText } },
});
export const other = (cwd: string) => ({ input: { ...base(cwd), tool: 'read', args: { filePath: 'README.md' } } });
