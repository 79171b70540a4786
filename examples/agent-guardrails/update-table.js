#!/usr/bin/env node
'use strict';
/** Rewrites the example table in README.md from the hook's test table (`npx tsc -b` first). */
const fs = require('fs');
const path = require('path');

const lib = path.resolve(__dirname, '..', '..', 'packages', 'cli', 'lib', 'test', 'hook-table.js');
if (!fs.existsSync(lib)) {
  process.stderr.write(`${path.relative(process.cwd(), lib)} does not exist: run \`npx tsc -b\` first.\n`);
  process.exit(2);
}
const { renderExamplesTable, replaceTable } = require(lib);
const readme = path.join(__dirname, 'README.md');
renderExamplesTable().then((table) => {
  fs.writeFileSync(readme, replaceTable(fs.readFileSync(readme, 'utf8'), table));
  process.stdout.write(`Updated ${path.relative(process.cwd(), readme)}.\n`);
  process.exit(0);
});
