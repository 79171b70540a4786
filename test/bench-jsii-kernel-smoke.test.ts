/**
 * Keeps bench/jsii-kernel from rotting: one round on a stack of 3 tables, without writing RESULTS.md; asserts every
 * variant ran and the checks reported every table through the kernel and in Node.js alike. The timings are
 * `npm run bench:jsii`'s job. Needs `npm run package` and `npx tsc -b` first (`npm test` runs both).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

test('bench/jsii-kernel: one round, four variants, the same findings through the kernel as in Node.js', () => {
  // The kernel's package cache in a directory of the test's own, not the user's cache directory.
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bench-jsii-cache-'));
  const r = spawnSync(process.execPath, ['bench/jsii-kernel/run.js', '--runs', '1', '--tables', '3', '--no-write'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, JSII_RUNTIME_PACKAGE_CACHE_ROOT: cache },
  });
  fs.rmSync(cache, { recursive: true, force: true });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  const rows = Object.fromEntries(
    [...r.stdout.matchAll(/^\| (node|kernel)-(plain|checks) \| (\d+) \| (\d+) \| (\d+) \|$/gm)].map((m) => [
      `${m[1]}-${m[2]}`,
      Number(m[5]),
    ]),
  );
  // Three unprotected tables: each gets its deletion-protection, point-in-time-recovery and backup-copy findings.
  expect(rows).toEqual({ 'node-plain': 0, 'node-checks': 9, 'kernel-plain': 0, 'kernel-checks': 9 });
  expect(r.stdout).toMatch(/kernel-checks \/ kernel-plain\) \| \d+\.\d\dx/);
}, 300_000);
