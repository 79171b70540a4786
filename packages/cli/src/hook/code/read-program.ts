/**
 * The entry to the code readers: picks the reader for an interpreter (and a
 * file's extension), and skips parsing altogether when the text has nothing a
 * reader looks for (no process start, no cloud SDK, no `exec`/`eval`), so
 * `python -c 'print("terraform")'` is answered without loading a grammar.
 */
import type { Reading } from './effects';
import type { Grammar } from './grammars';

export type Language = 'python' | 'javascript';

/** Program text longer than this is not parsed (about 0.5 s of parsing). */
export const MAX_PARSED = 64 * 1024;

/** Words without which a program cannot start a process, call a cloud SDK or evaluate code. */
const PYTHON_HINTS = /subprocess|system|popen|spawn|exec|eval|pexpect|\bsh\b|plumbum|\.run\s*\(|\.sudo\s*\(|\.local\s*\(|boto|automation|python_terraform|__import__|importlib|getattr|asyncio|commands/;
const JS_HINTS = /child_process|spawn|exec|\$\s*[`(]|Deno|Bun|shell|aws-sdk|AWS\b|automation|eval|Function|\.send\s*\(|Command\b|fork|\.(delete|modify|update|put|schedule|disable|terminate)[A-Z]/;

/** The code reader for an interpreter's program, if there is one. */
export function languageOf(interpreter: string): Language | undefined {
  if (/^(python|pypy)[0-9.]*$/.test(interpreter)) return 'python';
  if (['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node', 'ts-node-esm', 'esno', 'esr', 'vite-node', 'zx', 'jiti', 'sucrase-node', 'babel-node'].includes(interpreter)) return 'javascript';
  return undefined;
}

function grammarFor(language: Language, file: string | undefined, interpreter: string): Grammar {
  if (language === 'python') return 'python';
  if (file && /\.tsx$/i.test(file)) return 'tsx';
  if (file && /\.[mc]?ts$/i.test(file)) return 'typescript';
  if (!file && (interpreter === 'deno' || interpreter === 'bun' || interpreter.startsWith('ts'))) return 'typescript';
  return 'javascript';
}

/**
 * Reads a program. `undefined` when no reader could read it (the grammar did
 * not load): the caller then falls back to reading its strings.
 */
export async function readProgram(code: string, language: Language, interpreter: string, file?: string): Promise<Reading | undefined> {
  if (!(language === 'python' ? PYTHON_HINTS : JS_HINTS).test(code)) return { effects: [], mentions: false };
  // Parsing costs about 7 ms per 1,000 lines (WebAssembly, baseline compiler): larger programs are read the cheap way.
  if (code.length > MAX_PARSED) return undefined;
  const grammar = grammarFor(language, file, interpreter);
  if (language === 'python') {
    const { readPython } = await import('./python');
    return readPython(code);
  }
  const { readJavaScript } = await import('./javascript');
  return readJavaScript(code, grammar);
}
