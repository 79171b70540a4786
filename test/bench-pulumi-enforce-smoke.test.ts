/**
 * Keeps bench/pulumi-enforce from rotting: one round on a tiny program
 * (`--resources 40`, preview), without writing RESULTS.md, and one enforced
 * process in update mode; asserts the shape of what they print. The timings
 * are `npm run bench:pulumi`'s job.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');

function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('bench/pulumi-enforce', () => {
  test('one round in preview: both variants run the same program; the report has medians and the ratio', () => {
    const before = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : undefined;
    const r = node([
      'bench/pulumi-enforce/run.js',
      '--runs',
      '1',
      '--resources',
      '40',
      '--mode',
      'preview',
      '--no-write',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('## pulumi-enforce');
    expect(out).toMatch(
      /Program: \*\*40 custom resources\*\* \(`--resources 40`\) in 2 services, 1 of them inside a `ComponentResource`/,
    );
    // Every resource recorded, through the SDK path (the mocks run no engine-side transforms), with findings.
    const enforced =
      /it recorded (\d+) resources \(transform path: sdk\), added `protect`\/`retainOnDelete` to (\d+), and found (\d+) errors/.exec(
        out,
      );
    expect(enforced).not.toBeNull();
    expect(Number(enforced![1])).toBe(40);
    expect(Number(enforced![2])).toBeGreaterThan(0);
    expect(Number(enforced![3])).toBeGreaterThan(0);
    expect(out).toMatch(
      /^\| preview \| baseline \| \d+ \| {2}\| \d+ \| {2}\| \d+ \| \d+ - \d+ \| \d+ \| \d+ - \d+ \| \d+ \| \d+ - \d+ \|$/m,
    );
    expect(out).toMatch(
      /^\| preview \| enforced \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ - \d+ \| \d+ \| \d+ - \d+ \| \d+ \| \d+ - \d+ \|$/m,
    );
    expect(out).toMatch(/^\| preview \| \*\*\d+\.\d\d× \([+-]\d+\.\d%\)\*\* \[\d+\.\d\d - \d+\.\d\d\] \|/m);
    expect(out).toMatch(
      /in preview, the program took \d+ ms with it against \d+ ms without, \*\*\d+\.\d\d×\*\* \(CPU \d+\.\d\d×; judge\(\) alone \d+ ms\)/,
    );
    expect(out).not.toContain('Wrote the');
    expect(fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : undefined).toBe(before);
  });

  test('one enforced process in update mode prints its measurements as JSON', () => {
    const r = node([
      'bench/pulumi-enforce/measure.js',
      '--variant',
      'enforced',
      '--mode',
      'update',
      '--resources',
      '20',
    ]);
    // The bench judges with `judgeAtExit: false` (it times `judge()` itself), a suppression Deadbolt reports.
    expect(r.stderr).toBe(
      'warning: [runtime] Deadbolt: judgeAtExit is false: the program fails on findings only if it awaits `enforcement.enforce()`.\n',
    );
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({
      variant: 'enforced',
      mode: 'update',
      units: 1,
      resources: 20,
      records: 20,
      paths: ['sdk'],
    });
    for (const key of ['loadPulumi', 'loadDeadbolt', 'registrations', 'judge', 'total', 'cpu'])
      expect(m[key]).toBeGreaterThan(0);
    expect(m.total).toBeGreaterThanOrEqual(m.registrations + m.judge - 1);
    expect(m.findings.error).toBeGreaterThan(0);
  });

  test('refuses an unknown option and a bad count (exit 2)', () => {
    const unknown = node(['bench/pulumi-enforce/run.js', '--stacks', '2']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--stacks'/);
    const bad = node(['bench/pulumi-enforce/run.js', '--runs', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/`--runs` must be a whole number, at least 1/);
  });
});
