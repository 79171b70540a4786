/**
 * For tests that must run a program in a child Node process (the runtime's
 * exit behaviour, rejections a failed program leaves behind): a preamble that
 * loads Deadbolt's TypeScript sources the way Jest does here (transpile only,
 * with swc), so the child runs the code under test, not a stale build.
 */
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** JavaScript to put before the child's program: resolves `@deadbolt/rules`, `@deadbolt/pulumi` and its `/policy` and `/testing` entries to their sources. */
export const TS_SOURCES_PRELOAD = `
const fs = require('fs');
const Module = require('module');
const swc = require(${JSON.stringify(path.join(ROOT, 'node_modules', '@swc', 'core'))});
const sources = {
  '@deadbolt/rules': ${JSON.stringify(path.join(ROOT, 'packages', 'rules', 'src', 'index.ts'))},
  '@deadbolt/pulumi': ${JSON.stringify(path.join(ROOT, 'packages', 'pulumi', 'src', 'index.ts'))},
  '@deadbolt/pulumi/policy': ${JSON.stringify(path.join(ROOT, 'packages', 'pulumi', 'src', 'policy', 'index.ts'))},
  '@deadbolt/pulumi/testing': ${JSON.stringify(path.join(ROOT, 'packages', 'pulumi', 'src', 'testing', 'index.ts'))},
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return sources[request] ?? resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
`;
