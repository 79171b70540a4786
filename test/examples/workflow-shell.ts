/**
 * Runs the `run:` blocks of the GitHub Actions workflows the examples ship, as
 * GitHub does, with the built CLI behind `npx`: shared by the workflow tests of
 * examples/github-actions and examples/terraform-aws.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
/** The built CLI the shim runs. */
export const BIN = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');

/** This repository's CLI version: the one a workflow's `npx --yes @deadbolt/cli@<version>` must pin. */
export const CLI_VERSION = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * A directory whose `npx` runs the built CLI for `npx deadbolt …` and for
 * `npx --yes @deadbolt/cli@<version> …` (the version the workflow pins must be
 * this repository's), and fails loudly for anything else.
 */
export function npxShim(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-npx-'));
  fs.writeFileSync(
    path.join(dir, 'npx'),
    [
      '#!/bin/sh',
      'if [ "$1" = deadbolt ]; then shift; exec "$NODE" "$BIN" "$@"; fi',
      `if [ "$1" = --yes ] && [ "$2" = "@deadbolt/cli@${CLI_VERSION}" ]; then shift 2; exec "$NODE" "$BIN" "$@"; fi`,
      'echo "npx shim: unexpected arguments: $*" >&2; exit 127',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return dir;
}

/** Runs one `run:` block the way GitHub's `bash` shell does (`bash --noprofile --norc -eo pipefail`), `shim` first on PATH. */
export function runStep(script: string, cwd: string, shim: string) {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { PATH: `${shim}:${process.env.PATH}`, NODE: process.execPath, BIN, NO_COLOR: '1', HOME: cwd },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return r;
}
