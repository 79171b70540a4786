'use strict';
/**
 * One measurement, in a fresh Node process (spawned by run.js):
 *
 *   node bench/construct-self-defence/measure.js --variant on|off --outdir DIR [--stacks N]
 *
 * Builds the app of app.js (`on`: the safe constructs defend their settings;
 * `off`: their self-defence validations are dropped) and synthesizes it. Times,
 * with process.hrtime.bigint() and process.cpuUsage():
 * - loadMs: loading aws-cdk-lib, @deadbolt/cdk and the app generator;
 * - constructMs: building the construct tree;
 * - synthMs / synthCpuMs: `app.synth()` (aspects, validations, writing the assembly);
 * - ownMs / ownCpuMs: the time inside the self-defence validations (0 when off);
 * - calls: each validation's construct class and wall time, in the order synthesis ran them.
 *
 * Prints one line `BENCH_RESULT {json}` on stdout.
 */
const { parseArgs } = require('util');

const t0 = process.hrtime.bigint();
const { buildApp, countResources } = require('./app');
require('@deadbolt/cdk');
const t1 = process.hrtime.bigint();

const { values } = parseArgs({
  options: { variant: { type: 'string' }, outdir: { type: 'string' }, stacks: { type: 'string', default: '5' } },
  strict: true,
});
if (!['on', 'off'].includes(values.variant) || !values.outdir) {
  process.stderr.write(
    'Usage: node bench/construct-self-defence/measure.js --variant on|off --outdir DIR [--stacks N]\n',
  );
  process.exit(2);
}

const c1 = process.cpuUsage();
const { app, ownTime } = buildApp({
  outdir: values.outdir,
  stacks: Number(values.stacks),
  defended: values.variant === 'on',
});
const t2 = process.hrtime.bigint();
const c2 = process.cpuUsage();
app.synth();
const t3 = process.hrtime.bigint();
const c3 = process.cpuUsage();

const ms = (a, b) => Number(b - a) / 1e6;
const cpuMs = (a, b) => (b.user - a.user + b.system - a.system) / 1000;
const own = ownTime();
const counts = countResources(values.outdir);
process.stdout.write(
  `BENCH_RESULT ${JSON.stringify({
    variant: values.variant,
    loadMs: ms(t0, t1),
    constructMs: ms(t1, t2),
    constructCpuMs: cpuMs(c1, c2),
    synthMs: ms(t2, t3),
    synthCpuMs: cpuMs(c2, c3),
    ownMs: own.wallMs,
    ownCpuMs: own.cpuMs,
    safeConstructs: own.validations,
    calls: own.calls,
    stacks: counts.stacks,
    resources: counts.resources,
  })}\n`,
);
