/** Windsurf Cascade hook inputs: https://docs.windsurf.com/windsurf/cascade/hooks (`tool_info` per action). */
const base = { trajectory_id: 't-1', execution_id: 'e-1', timestamp: '2026-12-01T10:00:00Z' };
export const shell = (command: string, cwd: string) => ({
  input: { ...base, agent_action_name: 'pre_run_command', tool_info: { command_line: command, cwd } },
});
export const write = (file: string, content: string) => ({
  input: {
    ...base,
    agent_action_name: 'pre_write_code',
    tool_info: { file_path: file, edits: [{ old_string: '', new_string: content }] },
  },
});
export const edit = (file: string, oldText: string, newText: string) => ({
  input: {
    ...base,
    agent_action_name: 'pre_write_code',
    tool_info: { file_path: file, edits: [{ old_string: oldText, new_string: newText }] },
  },
});
export const other = (cwd: string) => ({
  input: { ...base, agent_action_name: 'pre_read_code', tool_info: { file_path: `${cwd}/README.md` } },
});
