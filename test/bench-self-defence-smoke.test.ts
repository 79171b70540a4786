/**
 * Keeps bench/construct-self-defence from rotting: one round on a one-stack
 * app (11 safe constructs), without writing RESULTS.md; asserts that `on` ran
 * one self-defence validation per safe construct and `off` none, and the shape
 * of the report. The timings are `npm run bench:self-defence`'s job. Uses the
 * compiled packages (`npx tsc -b` first).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');

function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

describe('bench/construct-self-defence', () => {
  test('measure.js: on runs one validation per safe construct, off none, on the same app', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bench-self-defence-smoke-'));
    try {
      const result = (variant: string) => {
        const outdir = path.join(work, variant);
        const r = node([
          'bench/construct-self-defence/measure.js',
          '--variant',
          variant,
          '--outdir',
          outdir,
          '--stacks',
          '1',
        ]);
        expect(r.status).toBe(0);
        const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
        expect(line).toBeDefined();
        return JSON.parse(line!.slice('BENCH_RESULT '.length));
      };
      const on = result('on');
      const off = result('off');
      expect(on.safeConstructs).toBe(11);
      expect(on.calls).toHaveLength(11);
      expect(on.calls.map((c: { construct: string }) => c.construct)).toContain('SafeDatabaseInstance');
      expect(on.ownMs).toBeGreaterThan(0);
      expect(off.safeConstructs).toBe(11);
      expect(off.calls).toHaveLength(0);
      expect(off.ownMs).toBe(0);
      expect(off.resources).toBe(on.resources);
      expect(on.stacks).toBe(2);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  test('run.js: one round, the report has the medians, the ratio and the cost per construct; RESULTS.md untouched', () => {
    const before = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : undefined;
    const r = node(['bench/construct-self-defence/run.js', '--runs', '1', '--stacks', '1', '--no-write']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('## construct-self-defence');
    expect(out).toMatch(/App: \*\*11 safe constructs\*\*, \d+ CloudFormation resources in 2 stacks/);
    expect(out).toMatch(
      /^\| on \| \d+ \| \d+ \| \d+ - \d+ \| \d+ \| \d+ - \d+ \| \d+\.\d \| \d+\.\d - \d+\.\d \| \d+\.\d \|$/m,
    );
    expect(out).toMatch(/^\| off \| \d+ \| \d+ \| \d+ - \d+ \| \d+ \| \d+ - \d+ \| {2}\| {2}\| {2}\|$/m);
    expect(out).toMatch(/Synth, on \/ off \(wall\), \[per-round ratios\] \| \*\*\d+\.\d\d× \([+-]\d+\.\d%\)\*\*/);
    expect(out).toMatch(
      /Per safe construct: the validation's own time \(wall \/ CPU\) \| \*\*\d+\.\d\d ms\*\* \/ \d+\.\d\d ms/,
    );
    expect(out).toMatch(/^\| SafeDatabaseInstance \| 1 \| \d+\.\d\d \| {2}\|$/m);
    expect(out).not.toContain('Wrote the');
    expect(fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : undefined).toBe(before);
  });
});
