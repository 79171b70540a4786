/**
 * The entry to the code readers: picks the reader for an interpreter (and a
 * file's extension), and skips parsing altogether when the text has nothing a
 * reader looks for (no process start, no cloud SDK, no `exec`/`eval`), so
 * `python -c 'print("terraform")'` is answered without loading a grammar.
 */
import type { ArgValue, Reading } from './effects';
import { mentionsGuardedTool } from './inline-scan';
import type { Grammar } from './grammars';

export type Language = 'python' | 'javascript';

/** Program text longer than this is not parsed (about 0.5 s of parsing). */
export const MAX_PARSED = 64 * 1024;

/** Words without which a program cannot start a process, call a cloud SDK or evaluate code. */
const PYTHON_HINTS =
  /subprocess|system|popen|spawn|exec|eval|pexpect|\bsh\b|plumbum|\.run\s*\(|\.sudo\s*\(|\.local\s*\(|boto|automation|python_terraform|__import__|importlib|getattr|asyncio|commands|psycopg|asyncpg|sqlalchemy|mysql|MySQLdb|pg8000|google\.cloud|azure|kubernetes|runpy/;
const JS_HINTS =
  /child_process|spawn|exec|\$\s*[`(]|Deno|Bun|shell|aws-sdk|AWS\b|automation|eval|Function|\.send\s*\(|Command\b|fork|\.(delete|modify|update|put|schedule|disable|terminate)[A-Z]|['"](pg|postgres|mysql2?(\/promise)?|@kubernetes\/client-node|@google-cloud\/storage)['"]/;

/** The code reader for an interpreter's program, if there is one. */
export function languageOf(interpreter: string): Language | undefined {
  if (/^(python|pypy)[0-9.]*$/.test(interpreter)) return 'python';
  if (
    [
      'node',
      'nodejs',
      'bun',
      'deno',
      'tsx',
      'ts-node',
      'ts-node-esm',
      'esno',
      'esr',
      'vite-node',
      'zx',
      'jiti',
      'sucrase-node',
      'babel-node',
    ].includes(interpreter)
  )
    return 'javascript';
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
 *
 * `args`: the arguments the command line gives the program file, when it is
 * run as one (`python x.py terraform destroy`). A program that starts a
 * process from its own arguments (`subprocess.run(sys.argv[1:])`) runs them,
 * so they become its `sys.argv`/`process.argv`; and they count as the
 * program's own text when asking whether it mentions a guarded tool.
 */
export async function readProgram(
  code: string,
  language: Language,
  interpreter: string,
  file?: string,
  args?: readonly ArgValue[],
): Promise<Reading | undefined> {
  if (!(language === 'python' ? PYTHON_HINTS : JS_HINTS).test(code)) return { effects: [], mentions: false };
  // Parsing costs about 7 ms per 1,000 lines (WebAssembly, baseline compiler): larger programs are read the cheap way.
  if (code.length > MAX_PARSED) return undefined;
  const grammar = grammarFor(language, file, interpreter);
  const argv: readonly ArgValue[] | undefined = file !== undefined && args ? [file, ...args.slice(0, 256)] : undefined;
  let reading: Reading | undefined;
  if (language === 'python') {
    const { readPython } = await import('./python');
    reading = await readPython(code, argv);
  } else {
    const { readJavaScript } = await import('./javascript');
    reading = await readJavaScript(code, grammar, argv && [interpreter, ...argv]);
  }
  if (!reading || reading.mentions || !args?.some((a) => a !== null && a.length < 10_000 && mentionsGuardedTool(a)))
    return reading;
  return { ...reading, mentions: true };
}
