/**
 * Keeps bench/synth-overhead from rotting: builds a small version of the
 * benchmark's app (2 stacks) with Deadbolt's checks and plugin and asserts
 * both synthesize and find something. The timings are `npm run bench`'s job.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The bench is plain CommonJS: required, not imported, so it is not type-checked here.
const { buildApp, countResources, VARIANTS } = require('../bench/synth-overhead/app.js') as {
  buildApp(props: { variant: string; outdir: string; stacks?: number }): { app: { synth(): unknown }; checker: any };
  countResources(outdir: string): { stacks: number; resources: number };
  VARIANTS: string[];
};

describe('bench/synth-overhead app', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bench-smoke-'));
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('names the five variants the benchmark runs', () => {
    expect(VARIANTS).toEqual(['plain-default', 'plain', 'checks', 'plugin', 'cdk-nag']);
  });

  test('checks: synthesizes and DataProtectionChecks reports findings', () => {
    const outdir = path.join(work, 'checks');
    const { app, checker } = buildApp({ variant: 'checks', outdir, stacks: 2 });
    app.synth();
    const { stacks, resources } = countResources(outdir);
    expect(stacks).toBe(2);
    // 2 stacks of the 20-stack mix (one with a VPC and a database, one without).
    expect(resources).toBeGreaterThan(100);
    const findings = checker.findings as Array<{ ruleId: string; severity: string }>;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.severity === 'error')).toBe(true);
  });

  test('plugin: synthesizes, then DataProtectionPlugin fails synthesis with its report', () => {
    const outdir = path.join(work, 'plugin');
    const { app } = buildApp({ variant: 'plugin', outdir, stacks: 2 });
    // CDK throws its validation report, which names each finding's acknowledgement id.
    expect(() => app.synth()).toThrow(/deadbolt::/);
    expect(countResources(outdir).stacks).toBe(2);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const deadbolt = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'deadbolt');
    expect(deadbolt).toBeDefined();
    expect(deadbolt.violations.length).toBeGreaterThan(0);
  });

  test('refuses an unknown variant, naming the ones it knows', () => {
    expect(() => buildApp({ variant: 'nope', outdir: path.join(work, 'nope') })).toThrow(
      /Unknown variant `nope`; expected one of plain-default, plain/,
    );
  });
});
