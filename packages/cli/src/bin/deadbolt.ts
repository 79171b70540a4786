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
// A reader that stops early (`deadbolt check … | head`) is not an error of ours: keep the exit code.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') fail(e);
});

import('../cli')
  .then(({ execute }) => execute(process.argv.slice(2), process.stdin))
  .then((code) => {
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
  }, fail);
