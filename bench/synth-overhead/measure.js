'use strict';
/**
 * One measurement, in a fresh Node process (spawned by run.js):
 *
 *   node bench/synth-overhead/measure.js <variant> <outdir> [stacks]
 *
 * Times, with process.hrtime.bigint():
 * - requireAppMs: loading aws-cdk-lib and the app generator;
 * - requireCheckerMs: loading the variant's checker module (0 for plain);
 * - constructMs: building the construct tree and attaching the checker;
 * - synthMs: `app.synth()` alone (aspects, validations, plugins, writing the assembly);
 * - totalMs: constructMs + synthMs;
 * - checkerMs: the checker's own in-process work inside synth (DataProtectionChecks'
 *   deferred check; the plugins' `validate`), without what CDK does around it
 *   (aspect dispatch, writing and printing the validation report).
 *
 * and the same phases in CPU time (process.cpuUsage(), user + system, all
 * threads): constructCpuMs, synthCpuMs, totalCpuMs, checkerCpuMs. On a shared
 * machine CPU time is far less disturbed by other processes than wall time.
 *
 * Prints one line `BENCH_RESULT {json}` on stdout (CDK may print other lines).
 */
const t0 = process.hrtime.bigint();
const { buildApp, countResources, loadChecker } = require('./app');
const t1 = process.hrtime.bigint();

const [variant, outdir, stacksArg] = process.argv.slice(2);
if (!variant || !outdir) {
  process.stderr.write('Usage: node bench/synth-overhead/measure.js <variant> <outdir> [stacks]\n');
  process.exit(2);
}
const stacks = stacksArg ? Number(stacksArg) : 20;

loadChecker(variant);
const t2 = process.hrtime.bigint();
const c2 = process.cpuUsage();
const { app, checker } = buildApp({ variant, outdir, stacks });
const timeChecker = wrapChecker(checker);
const t3 = process.hrtime.bigint();
const c3 = process.cpuUsage();
let synthError;
try {
  app.synth();
} catch (e) {
  // The plugin variants fail synthesis on purpose: the app has error findings.
  synthError = String(e && e.message ? e.message : e)
    .split('\n')[0]
    .slice(0, 200);
}
const t4 = process.hrtime.bigint();
const c4 = process.cpuUsage();

const ms = (a, b) => Number(b - a) / 1e6;
const cpuMs = (a, b) => (b.user - a.user + b.system - a.system) / 1000;
const own = timeChecker();
const counts = countResources(outdir);
let findings;
let findingsByPlugin;
if (variant === 'checks') findings = checker.findings.length;
else {
  findingsByPlugin = violationsByPlugin(outdir);
  const own = { plugin: 'deadbolt', 'cdk-nag': 'AwsSolutions' }[variant];
  findings = own ? findingsByPlugin[own] : undefined;
}

process.stdout.write(
  `BENCH_RESULT ${JSON.stringify({
    variant,
    requireAppMs: ms(t0, t1),
    requireCheckerMs: ms(t1, t2),
    constructMs: ms(t2, t3),
    synthMs: ms(t3, t4),
    totalMs: ms(t2, t4),
    checkerMs: own.wallMs,
    constructCpuMs: cpuMs(c2, c3),
    synthCpuMs: cpuMs(c3, c4),
    totalCpuMs: cpuMs(c2, c4),
    checkerCpuMs: own.cpuMs,
    stacks: counts.stacks,
    resources: counts.resources,
    findings,
    findingsByPlugin,
    synthError,
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  })}\n`,
);

/**
 * Wraps the checker's entry point to sum the time spent in it. Returns a
 * function giving `{ wallMs, cpuMs }` (both undefined when there is no
 * checker, or its entry point is not where this bench expects it).
 */
function wrapChecker(target) {
  const none = () => ({ wallMs: undefined, cpuMs: undefined });
  if (!target) return none;
  // DataProtectionChecks defers its judgement to a validation that calls `this.check(root)`;
  // the plugins (DataProtectionPlugin, cdk-nag 3) are called through `validate(context)`.
  const method =
    typeof target.check === 'function' ? 'check' : typeof target.validate === 'function' ? 'validate' : undefined;
  if (!method) return none;
  const original = target[method];
  let wall = 0n;
  let cpu = 0;
  target[method] = function timed(...args) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      wall += process.hrtime.bigint() - start;
      const d = process.cpuUsage(startCpu);
      cpu += d.user + d.system;
    }
  };
  return () => ({ wallMs: Number(wall) / 1e6, cpuMs: cpu / 1000 });
}

/** Violating resources per plugin in CDK's `validation-report.json` ({} when there is none). */
function violationsByPlugin(dir) {
  const file = require('path').join(dir, 'validation-report.json');
  const fs = require('fs');
  if (!fs.existsSync(file)) return {};
  const out = {};
  for (const r of JSON.parse(fs.readFileSync(file, 'utf8')).pluginReports ?? []) {
    out[r.pluginName] =
      (out[r.pluginName] ?? 0) + (r.violations ?? []).reduce((n, v) => n + (v.violatingConstructs ?? []).length, 0);
  }
  return out;
}
