/**
 * Reading tool calls out of agents' hook inputs: the shapes shared by several
 * agents (a command string, a file path with its new content, old/new string
 * pairs, an `apply_patch` body, SEARCH/REPLACE blocks, MCP arguments), each
 * read with bounded loops, so every adapter stays a table of tool names.
 */
import type { TextEdit, ToolCall } from './core';

/** An input the hook cannot read: the adapter answers with its agent's block. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export type Args = Readonly<Record<string, unknown>>;

/** Most characters of hook input the hook reads (a larger input is refused: a block). */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

/** Parses the hook input as a JSON object; throws InputError, worded for the user, otherwise. */
export function parseJsonObject(text: string, what: string): Args {
  if (text.trim() === '') throw new InputError(`the hook input on standard input is empty (expected the ${what} JSON)`);
  if (text.length > MAX_INPUT_CHARS)
    throw new InputError(`the hook input is larger than ${MAX_INPUT_CHARS} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`the hook input is not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (!isObject(value)) throw new InputError('the hook input is not a JSON object');
  return value;
}

export function isObject(value: unknown): value is Args {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tool arguments given as an object or as a JSON string of one (Copilot's `toolArgs`, Cursor's MCP `tool_input`). */
export function argsObject(value: unknown, what: string): Args {
  if (isObject(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isObject(parsed)) return parsed;
    } catch {
      // Reported below.
    }
  }
  throw new InputError(`${what} is not a JSON object`);
}

/** Tool arguments as an object when they are one (or a JSON string of one); otherwise none. */
export function looseArgs(value: unknown): Args {
  try {
    return argsObject(value, 'the tool input');
  } catch {
    return {};
  }
}

export function stringField(args: Args, keys: readonly string[]): string | undefined {
  for (const key of keys) if (typeof args[key] === 'string') return args[key] as string;
  return undefined;
}

/** A shell command; a missing or non-string command is unreadable input (a block). */
export function shellCall(command: unknown, tool: string, cwd?: unknown): ToolCall {
  const text = commandText(command);
  if (text === undefined) throw new InputError(`the ${tool} tool input has no \`command\` string`);
  return { kind: 'shell', command: text, cwd: typeof cwd === 'string' ? cwd : undefined };
}

/** A command line given as a string, or as an argument list (quoted word by word, so the analysis reads it exactly). */
export function commandText(command: unknown): string | undefined {
  if (typeof command === 'string') return command;
  if (
    Array.isArray(command) &&
    command.length > 0 &&
    command.length <= 10_000 &&
    command.every((w) => typeof w === 'string')
  ) {
    return (command as string[]).map(shellWord).join(' ');
  }
  return undefined;
}

/** Keys agents use for the file a tool writes. */
const PATH_KEYS = ['file_path', 'path', 'filePath', 'filepath', 'absolute_path', 'target_file', 'filename'];
/** Keys agents use for a whole file's new content. */
const CONTENT_KEYS = ['content', 'file_text', 'contents', 'text'];
const OLD_KEYS = ['old_string', 'old_str', 'oldString', 'old_text', 'oldText'];
const NEW_KEYS = ['new_string', 'new_str', 'newString', 'new_text', 'newText'];
const ALL_KEYS = ['replace_all', 'replaceAll', 'allow_multiple'];

/**
 * A whole-file write. A write whose path or content the hook cannot find is
 * left alone: writing runs nothing, and running the file later goes through
 * the shell guard, which reads it from disk.
 */
export function writeCall(tool: string, args: Args, cwd?: string): ToolCall {
  const file = stringField(args, PATH_KEYS);
  const content = stringField(args, CONTENT_KEYS);
  if (file === undefined || content === undefined) return { kind: 'other', tool };
  return { kind: 'write', path: file, content, cwd };
}

/** One or more old/new replacements in a file (`edits: [...]` for MultiEdit and Windsurf). */
export function editCall(tool: string, args: Args, cwd?: string): ToolCall {
  const file = stringField(args, PATH_KEYS);
  if (file === undefined) return { kind: 'other', tool };
  const edits: TextEdit[] = [];
  const list = Array.isArray(args.edits) ? args.edits : [args];
  for (const item of list.slice(0, 1000)) {
    if (!isObject(item)) continue;
    const newText = stringField(item, NEW_KEYS);
    if (newText === undefined) continue;
    edits.push({ oldText: stringField(item, OLD_KEYS) ?? '', newText, all: ALL_KEYS.some((k) => item[k] === true) });
  }
  if (edits.length === 0) {
    // A create-or-overwrite through an edit tool (Kiro `fs_write create`, Cline SDK `editor` without old text).
    const content = stringField(args, CONTENT_KEYS);
    return content === undefined ? { kind: 'other', tool } : { kind: 'write', path: file, content, cwd };
  }
  return { kind: 'edit', path: file, edits, cwd };
}

/**
 * The files an `apply_patch` body writes (Codex, Copilot, Cline, OpenCode):
 * `*** Add File:` sections become writes of their `+` lines, `*** Update
 * File:` hunks become edits (context and `-` lines replaced by context and
 * `+` lines). Deletions write nothing.
 * @see https://github.com/openai/codex/blob/main/codex-rs/apply-patch/apply_patch_tool_instructions.md
 */
export function patchCalls(patch: string, cwd?: string): ToolCall[] {
  const calls: ToolCall[] = [];
  const lines = patch.split(/\r?\n/);
  let k = 0;
  const max = Math.min(lines.length, 200_000);
  while (k < max) {
    const add = /^\*\*\* Add File: (.+)$/.exec(lines[k]);
    const update = /^\*\*\* Update File: (.+)$/.exec(lines[k]);
    k++;
    if (add) {
      const body: string[] = [];
      while (k < max && !lines[k].startsWith('*** ')) body.push(lines[k++].replace(/^\+/, ''));
      calls.push({ kind: 'write', path: add[1].trim(), content: body.join('\n'), cwd });
    } else if (update) {
      let file = update[1].trim();
      const edits: TextEdit[] = [];
      let oldLines: string[] = [];
      let newLines: string[] = [];
      const flush = (): void => {
        if (newLines.length || oldLines.length)
          edits.push({ oldText: oldLines.join('\n'), newText: newLines.join('\n') });
        oldLines = [];
        newLines = [];
      };
      while (
        k < max &&
        !(
          lines[k].startsWith('*** ') &&
          !lines[k].startsWith('*** Move to: ') &&
          !lines[k].startsWith('*** End of File')
        )
      ) {
        const line = lines[k++];
        const move = /^\*\*\* Move to: (.+)$/.exec(line);
        if (move) file = move[1].trim();
        else if (line.startsWith('@@')) flush();
        else if (line.startsWith('+')) newLines.push(line.slice(1));
        else if (line.startsWith('-')) oldLines.push(line.slice(1));
        else if (line.startsWith(' ') || line === '') {
          oldLines.push(line.slice(1));
          newLines.push(line.slice(1));
        }
      }
      flush();
      if (edits.length) calls.push({ kind: 'edit', path: file, edits, cwd });
    }
  }
  return calls;
}

/**
 * Cline's `replace_in_file` diff: SEARCH/REPLACE blocks, in the current
 * (`------- SEARCH` / `=======` / `+++++++ REPLACE`) or the older
 * (`<<<<<<< SEARCH` / `>>>>>>> REPLACE`) markers.
 */
export function searchReplaceEdits(diff: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const lines = diff.split(/\r?\n/);
  let mode: 'none' | 'search' | 'replace' = 'none';
  let search: string[] = [];
  let replace: string[] = [];
  for (const line of lines.slice(0, 200_000)) {
    if (/^(-{3,}|<{3,}) ?SEARCH>?\s*$/.test(line)) {
      mode = 'search';
      search = [];
      replace = [];
    } else if (mode === 'search' && /^={3,}\s*$/.test(line)) mode = 'replace';
    else if (mode === 'replace' && /^(\+{3,}|>{3,}) ?REPLACE<?\s*$/.test(line)) {
      edits.push({ oldText: search.join('\n'), newText: replace.join('\n') });
      mode = 'none';
    } else if (mode === 'search') search.push(line);
    else if (mode === 'replace') replace.push(line);
  }
  return edits;
}

/** How each tool an agent names is read: a table per agent, keyed by tool name. */
export type ToolTable = Readonly<
  Record<string, (args: Args, cwd: string | undefined, tool: string) => readonly ToolCall[]>
>;

/** The calls for one tool: the agent's table, MCP tools by the MCP rule, anything else none. */
export function callsFor(
  table: ToolTable,
  tool: string,
  args: Args,
  cwd: string | undefined,
  isMcp: (tool: string) => boolean,
): readonly ToolCall[] {
  const read = Object.prototype.hasOwnProperty.call(table, tool) ? table[tool] : undefined;
  if (read) return read(args, cwd, tool);
  if (isMcp(tool)) return mcpCalls(tool, args, cwd);
  return [{ kind: 'other', tool }];
}

/** Words in an MCP tool's name that say it runs commands. */
const COMMAND_RUNNING_TOOL = /(shell|exec|run|terminal|command|bash|cmd|script|process|spawn)/i;
/** Argument names such tools use for the command line. */
const COMMAND_ARGUMENTS = ['command', 'cmd', 'commandLine', 'command_line', 'script', 'shell_command'];

/**
 * An MCP call judged as a shell command when the tool's name says it runs
 * commands and an argument looks like the command line
 * (`mcp__shell__run_command {command}`, `desktop-commander.execute_command`);
 * other MCP tools are not ours to judge.
 */
export function mcpCalls(tool: string, args: Args, cwd?: string): ToolCall[] {
  if (!COMMAND_RUNNING_TOOL.test(tool)) return [{ kind: 'other', tool }];
  const calls: ToolCall[] = [];
  for (const key of COMMAND_ARGUMENTS) {
    const command = commandText(args[key]);
    if (command !== undefined)
      calls.push({ kind: 'shell', command, cwd: stringField(args, ['cwd', 'workdir', 'directory', 'dir']) ?? cwd });
  }
  return calls.length ? calls : [{ kind: 'other', tool }];
}

/** Quotes one argument for a shell line (argv arrays become command lines the analysis reads word for word). */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
