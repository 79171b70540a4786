#!/usr/bin/env node
/**
 * The `deadbolt` binary: the exit code comes from `execute`; an unexpected
 * error sets 2, and nothing later overwrites it.
 */
function fail(e: unknown): void {
  process.exitCode = 2;
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`deadbolt: unexpected error: ${message.split('\n')[0]}\n`);
  if (process.env.DEADBOLT_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const argv = process.argv.slice(2);

if (argv[0] !== 'hook') {
  // A reader that stops early (`deadbolt check … | head`) is not an error of ours: keep the exit code.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') fail(e);
  });
}

// `deadbolt hook …` runs before every command an AI agent issues: load only the hook (never `../cli`, the rule
// catalogue or the YAML parser), and exit as soon as it has answered.
// `process.stdin`/`stdout` are created on first use, at a cost of milliseconds each: the hook reads and writes the
// file descriptors directly.
const main: Promise<number> =
  argv[0] === 'hook'
    ? Promise.all([import('../commands/hook'), import('../hook/claude-code')]).then(([{ runHook }, { readStandardInput, writeSyncAll }]) =>
      runHook(argv.slice(1), {
        stdout: { write: (text: string) => writeSyncAll(1, text) },
        stderr: { write: (text: string) => writeSyncAll(2, text) },
        readStdin: readStandardInput,
        cwd: process.cwd(),
        env: process.env,
      }))
    : import('../cli').then(({ execute }) => execute(argv, process.stdin));

main.then((code) => {
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
  // Everything is written (synchronously); when the hook loaded the WebAssembly parser, V8 may still be
  // compiling in the background: do not wait for it.
  if (argv[0] === 'hook') process.exit();
}, fail);
