#!/usr/bin/env node
'use strict';
/**
 * The `deadbolt` command as npm links it: a committed file that runs the built
 * binary, `lib/src/bin/deadbolt.js`.
 *
 * npm links a package's bin only when the file exists at install time. In this
 * repository `npm ci` runs before the build, so a bin pointing into `lib/`
 * would never be linked and `npx deadbolt` would fetch whatever the registry
 * holds under that name. This file is always there.
 *
 * It adds one `stat` and one `require` to every call (the agent hook's fast
 * path included), and loads nothing else. When the binary is not built, or
 * cannot be loaded, it exits 2 (never 0, never a crash that an agent's hook
 * would treat as "run the command anyway").
 */
const fs = require('fs');
const path = require('path');

const built = path.join(__dirname, '..', 'lib', 'src', 'bin', 'deadbolt.js');

/** Says why nothing ran and exits 2; for `hook cline`, also in the JSON Cline reads (it ignores the exit code). */
function refuse(reason) {
  const argv = process.argv.slice(2);
  if (argv[0] === 'hook' && argv[1] === 'cline')
    process.stdout.write(`${JSON.stringify({ cancel: true, errorMessage: reason })}\n`);
  process.stderr.write(`${reason}\n`);
  process.exit(2);
}

if (!fs.existsSync(built)) refuse('Deadbolt is not built: run `npm run build`.');
try {
  require(built);
} catch (e) {
  refuse(
    `Deadbolt could not start (${String(e && e.message).split('\n')[0]}): reinstall @deadbolt/cli, or run \`npm run build\` in a clone of the repository.`,
  );
}
