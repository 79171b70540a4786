/**
 * Reading and writing the agents' JSON configuration files for `deadbolt hook
 * install`: a file Deadbolt cannot read exactly is never rewritten, since
 * rewriting it would drop the user's other settings (or their comments).
 */
import * as fs from 'fs';
import * as path from 'path';

/** A configuration file `deadbolt hook install` will not overwrite; the message says why and what to do. */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** Largest configuration file read: an agent's settings file is a few kilobytes. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** The text of a file, or `undefined` when it does not exist. */
export function readTextFile(file: string, shown: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigFileError(`cannot read ${shown}: ${(e as Error).message}`);
  }
  if (!st.isFile()) throw new ConfigFileError(`${shown} is not a regular file; it was left unchanged.`);
  if (st.size > MAX_CONFIG_BYTES)
    throw new ConfigFileError(`${shown} is larger than ${MAX_CONFIG_BYTES} bytes; it was left unchanged.`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigFileError(`cannot read ${shown}: ${(e as Error).message}`);
  }
}

/**
 * True when the text has a `//` or `/* *\/` comment outside strings: JSON with
 * comments (JSONC), which several agents accept. Bounded: one pass over the text.
 */
export function hasJsonComments(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      return true;
    }
  }
  return false;
}

/**
 * Parses a JSON configuration file that must hold an object (`undefined` or
 * blank text: an empty object). Throws `ConfigFileError` for anything else,
 * including JSON with comments: rewriting it would lose them.
 */
export function parseJsonObject(text: string | undefined, shown: string, printHint: string): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    if (hasJsonComments(text)) {
      throw new ConfigFileError(
        `${shown} has comments (JSONC), which Deadbolt would lose by rewriting it; add the block by hand (\`${printHint}\`). It was left unchanged.`,
      );
    }
    throw new ConfigFileError(
      `${shown} is not valid JSON (${(e as Error).message.split('\n')[0]}); fix it or add the block by hand (\`${printHint}\`). It was left unchanged.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigFileError(`${shown} is not a JSON object; it was left unchanged.`);
  }
  return parsed as Record<string, unknown>;
}

/** The object at `key` of `parent` (created when missing); throws when it is something else. */
export function objectAt(parent: Record<string, unknown>, key: string, where: string): Record<string, unknown> {
  const value = parent[key] ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigFileError(`\`${key}\` in ${where} is not an object; it was left unchanged.`);
  }
  return value as Record<string, unknown>;
}

/** The array at `key` of `parent` (empty when missing); throws when it is something else. */
export function arrayAt(parent: Record<string, unknown>, key: string, where: string): unknown[] {
  const value = parent[key] ?? [];
  if (!Array.isArray(value))
    throw new ConfigFileError(`\`${key}\` in ${where} is not an array; it was left unchanged.`);
  return value;
}

/** JSON as the agents' own files are written: two spaces, a final newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes a file through a temporary file and a rename, so an agent starting at
 * the same moment never reads half a settings file.
 */
export function writeFileAtomic(file: string, text: string, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.deadbolt-${process.pid}.tmp`;
  // Keep the permissions of a file that exists (a settings file may be private to its owner).
  let finalMode = mode;
  if (finalMode === undefined) {
    try {
      finalMode = fs.statSync(file).mode & 0o7777;
    } catch {
      finalMode = undefined;
    }
  }
  try {
    fs.writeFileSync(tmp, text, finalMode === undefined ? undefined : { mode: finalMode });
    if (finalMode !== undefined) fs.chmodSync(tmp, finalMode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
