/**
 * Keeps bench/hook-latency from rotting: one round over the first commands of
 * its mix, nothing written. The timings are `npm run bench:hook`'s job.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { requireBuiltBinary } from './helpers';

test('bench/hook-latency/run.js runs and checks the answers', () => {
  requireBuiltBinary();
  const run = path.resolve(__dirname, '..', '..', '..', 'bench', 'hook-latency', 'run.js');
  // The first three commands of the mix (destructive) through three adapters with different protocols (JSON, flat JSON, exit code).
  const r = spawnSync(
    process.execPath,
    [run, '--runs', '1', '--commands', '3', '--agents', 'claude-code,cursor,windsurf', '--no-write'],
    { encoding: 'utf8', timeout: 90_000 },
  );
  expect(r.stderr).not.toContain('answered differently');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('## hook-latency');
  for (const agent of ['claude-code', 'cursor', 'windsurf'])
    expect(r.stdout).toMatch(new RegExp(`\\| ${agent} \\| \\d+\\.\\d \\| \\d+\\.\\d \\| \\*\\*-?\\d+\\.\\d\\*\\*`));
});
