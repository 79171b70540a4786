#!/usr/bin/env node
'use strict';
/**
 * What `enforceDataProtection` costs a Pulumi program, against the same program
 * without it, measured in the same run.
 *
 *   npm run bench:pulumi                        # tsc -b, then this script
 *   node bench/pulumi-enforce/run.js [--runs N] [--resources N] [--mode preview|update|both] [--no-write] [--out FILE]
 *
 * The program (program.js) is a realistic AWS estate, ~1,000 custom resources
 * by default. Each process (measure.js) runs it once under
 * `pulumi.runtime.setMocks`, in a fresh Node process: the baseline as it is, the
 * enforced variant with `enforceDataProtection({ judgeAtExit: false })` first
 * and `judge()` once every registration is done. For each mode (preview,
 * update), N rounds (default 7) of one baseline and one enforced process, the
 * order alternating every round. Prints the medians and the ratio
 * enforced / baseline, and replaces the `## pulumi-enforce` section of
 * bench/RESULTS.md (unless --no-write); other sections are left as they are.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { writeSection, gitCommit } = require('../results-file');
const { benchOptions } = require('../args');

const ROOT = path.resolve(__dirname, '..', '..');
const MEASURE = path.join(__dirname, 'measure.js');
const DEADBOLT_PULUMI = path.join(ROOT, 'packages', 'pulumi', 'lib', 'src', 'index.js');
const DEFAULT_OUT = path.join(ROOT, 'bench', 'RESULTS.md');
const NAME = 'pulumi-enforce';
const VARIANTS = ['baseline', 'enforced'];
const USAGE =
  'Usage: node bench/pulumi-enforce/run.js [--runs N] [--resources N] [--mode preview|update|both] [--no-write] [--out FILE]\n';

function fail(message) {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function options(argv) {
  const opts = benchOptions(argv, {
    usage: USAGE,
    defaultOut: DEFAULT_OUT,
    counts: { runs: 7, resources: 1000 },
    strings: { mode: 'both' },
  });
  const modes = { preview: ['preview'], update: ['update'], both: ['preview', 'update'] }[opts.mode];
  if (!modes) opts.fail(`\`--mode\` must be preview, update or both; got ${JSON.stringify(opts.mode)}.`);
  return { runs: opts.runs, resources: opts.resources, modes, write: opts.write, out: opts.out };
}

// ---------------------------------------------------------------------------
// Measuring

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One fresh process running one variant; its measurements, plus the wall time of the whole process. */
function measure(variant, mode, resources) {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [MEASURE, '--variant', variant, '--mode', mode, '--resources', String(resources)],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0)
    throw new Error(`measure.js --variant ${variant} --mode ${mode} exited ${r.status}: ${(r.stderr || '').trim()}`);
  const line = r.stdout.trim().split('\n').pop();
  return { ...JSON.parse(line), wall };
}

function run(opts) {
  const loadStart = os.loadavg();
  // Warm the file cache (and anything else a first process pays for), not counted; a single round is a check, not a measurement.
  if (opts.runs > 1) measure('enforced', 'preview', 20);
  const modes = {};
  for (const mode of opts.modes) modes[mode] = { baseline: [], enforced: [] };
  for (let k = 0; k < opts.runs; k++) {
    for (const mode of opts.modes) {
      // Alternate which variant goes first, so that neither always runs on a quieter machine.
      const order = k % 2 ? ['enforced', 'baseline'] : ['baseline', 'enforced'];
      for (const variant of order) {
        const m = measure(variant, mode, opts.resources);
        modes[mode][variant].push(m);
        process.stdout.write(
          `  round ${k + 1}/${opts.runs} ${mode.padEnd(7)} ${variant.padEnd(8)} ${m.total.toFixed(0).padStart(6)} ms (judge ${m.judge.toFixed(0)} ms)\n`,
        );
      }
    }
  }
  // Every process must have run the same program.
  const all = Object.values(modes).flatMap((m) => [...m.baseline, ...m.enforced]);
  const shapes = new Set(all.map((m) => `${m.resources}/${m.components}/${m.types}`));
  if (shapes.size !== 1) throw new Error(`The processes registered different programs: ${[...shapes].join(', ')}.`);
  for (const m of all.filter((x) => x.variant === 'enforced')) {
    if (m.records !== m.resources)
      throw new Error(`enforceDataProtection recorded ${m.records} resources; the program registered ${m.resources}.`);
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: {
      cores: cpus.length,
      model: ((cpus[0] && cpus[0].model) || 'unknown').replace(/\s+/g, ' ').trim(),
      loadStart,
      loadEnd: os.loadavg(),
    },
    versions: { node: process.version, pulumi: version('@pulumi/pulumi'), aws: version('@pulumi/aws') },
    commit: gitCommit(ROOT),
    runs: opts.runs,
    requested: opts.resources,
    program: { units: all[0].units, resources: all[0].resources, components: all[0].components },
    modes: Object.fromEntries(Object.entries(modes).map(([mode, m]) => [mode, summarise(m)])),
  };
}

/** Medians, ranges and the per-round ratios of one mode. */
function summarise({ baseline, enforced }) {
  const stat = (list, key) => {
    const xs = list.map((m) => m[key]);
    return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
  };
  const keys = ['loadPulumi', 'loadDeadbolt', 'registrations', 'judge', 'total', 'cpu', 'wall'];
  const of = (list) => Object.fromEntries(keys.map((k) => [k, stat(list, k)]));
  const b = of(baseline);
  const e = of(enforced);
  const pairs = (key) => baseline.map((x, i) => enforced[i][key] / x[key]);
  const last = enforced[enforced.length - 1];
  return {
    baseline: b,
    enforced: e,
    ratio: {
      total: e.total.median / b.total.median,
      cpu: e.cpu.median / b.cpu.median,
      registrations: e.registrations.median / b.registrations.median,
      wall: e.wall.median / b.wall.median,
      judgeAlone: 1 + e.judge.median / b.total.median,
    },
    pairs: { total: pairs('total'), cpu: pairs('cpu'), registrations: pairs('registrations'), wall: pairs('wall') },
    enforcement: { paths: last.paths, records: last.records, findings: last.findings, protected: last.protected },
  };
}

function version(pkg) {
  try {
    return require(require.resolve(`${pkg}/package.json`, { paths: [ROOT] })).version;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------
// Reporting

function markdown(r) {
  const f = (x) => x.toFixed(0);
  const cell = (s) => `${f(s.median)} | ${f(s.min)} - ${f(s.max)}`;
  const ratio = (x) => `${x.toFixed(2)}× (${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%)`;
  const span = (xs) => `[${Math.min(...xs).toFixed(2)} - ${Math.max(...xs).toFixed(2)}]`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  // The benchmark's own process (and its GC threads) adds about 1 to the load at the end.
  const busy = r.machine.loadStart[0] > r.machine.cores * 0.5 || r.machine.loadEnd[0] > r.machine.cores * 0.5 + 1;
  const modes = Object.keys(r.modes);
  const e0 = r.modes[modes[0]].enforcement;
  const L = [];
  L.push(`## ${NAME}`, '');
  L.push(
    'Written by `npm run bench:pulumi` (`bench/pulumi-enforce/run.js`; `bench/pulumi-enforce/README.md` says what is measured). Do not edit by hand: rerun.',
    '',
  );
  L.push(`- Date: ${r.date}`);
  L.push(
    `- Machine: ${r.machine.cores} cores, ${r.machine.model}; load average (1 / 5 / 15 min) at start ${load(r.machine.loadStart)}, at end ${load(r.machine.loadEnd)}${busy ? '. **The machine was busy: wall times are noisy**; CPU times and judge() alone are the steadier numbers' : ''}`,
  );
  L.push(
    `- Node ${r.versions.node}, @pulumi/pulumi ${r.versions.pulumi}, @pulumi/aws ${r.versions.aws}, commit ${r.commit}`,
  );
  L.push(
    `- Program: **${r.program.resources.toLocaleString('en-US')} custom resources** (\`--resources ${r.requested}\`) in ${r.program.units} service${r.program.units === 1 ? '' : 's'}, ${r.program.components - 1} of them inside a \`ComponentResource\` (\`bench/pulumi-enforce/program.js\`), the same in every process`,
  );
  L.push(
    `- Enforced: \`enforceDataProtection({ judgeAtExit: false })\` first, \`judge()\` after the last registration; it recorded ${e0.records} resources (transform path: ${(e0.paths || []).join(', ')}), added \`protect\`/\`retainOnDelete\` to ${e0.protected}, and found ${e0.findings.error} errors and ${e0.findings.warning} warnings`,
  );
  L.push(
    `- ${r.runs} round${r.runs === 1 ? '' : 's'} per mode, each variant in a fresh Node process under \`pulumi.runtime.setMocks\`, interleaved, the order alternating every round; medians in ms, with the range`,
    '',
  );
  L.push(
    '| Mode | Variant | Load @pulumi/pulumi + aws | Load @deadbolt/pulumi | Registrations | judge() | **Program: start → done** | (min - max) | Program, CPU | (min - max) | Whole process, wall | (min - max) |',
  );
  L.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const mode of modes) {
    for (const variant of VARIANTS) {
      const s = r.modes[mode][variant];
      L.push(
        `| ${mode} | ${variant} | ${f(s.loadPulumi.median)} | ${variant === 'baseline' ? '' : f(s.loadDeadbolt.median)} | ${f(s.registrations.median)} | ${variant === 'baseline' ? '' : f(s.judge.median)} | ${cell(s.total)} | ${cell(s.cpu)} | ${cell(s.wall)} |`,
      );
    }
  }
  L.push('');
  L.push(
    'Enforced / baseline, ratio of the medians, with [the range of the per-round ratios]. "judge() alone" is 1 + the median judge() time / the baseline\'s median program time.',
    '',
  );
  L.push('| Mode | **Program (wall)** | Program (CPU) | Registrations alone | judge() alone | Whole process (wall) |');
  L.push('|---|--:|--:|--:|--:|--:|');
  for (const mode of modes) {
    const m = r.modes[mode];
    L.push(
      `| ${mode} | **${ratio(m.ratio.total)}** ${span(m.pairs.total)} | ${ratio(m.ratio.cpu)} ${span(m.pairs.cpu)} | ${ratio(m.ratio.registrations)} ${span(m.pairs.registrations)} | ${ratio(m.ratio.judgeAlone)} | ${ratio(m.ratio.wall)} ${span(m.pairs.wall)} |`,
    );
  }
  L.push('');
  const said = modes.map((mode) => {
    const m = r.modes[mode];
    return `in ${mode}, the program took ${f(m.enforced.total.median)} ms with it against ${f(m.baseline.total.median)} ms without, **${m.ratio.total.toFixed(2)}×** (CPU ${m.ratio.cpu.toFixed(2)}×; judge() alone ${f(m.enforced.judge.median)} ms)`;
  });
  L.push(
    `Measured on ${r.program.resources.toLocaleString('en-US')} resources: ${said.join('; ')}. No target is set.`,
    '',
  );
  L.push('### Notes', '');
  L.push(
    '- "Program" runs from just before `runInPulumiStack` until the runtime\'s RPC queue is empty (every registration answered) and, enforced, `judge()` has returned. Loading the modules is timed apart and is not in the ratios; "whole process" is the spawned process from start to exit, Node start-up and loading included.',
  );
  L.push(
    "- The mock monitor answers every registration at once, so the baseline is the SDK's own work and nothing else: against a real engine, where registrations wait for the engine and the provider, the same milliseconds are a smaller share.",
  );
  L.push(
    '- Under the mocks only the SDK path of the transform runs (`registerStackTransformation`); on an engine with transforms, `enforceDataProtection` also registers the engine path (`registerResourceTransform`), one callback over gRPC per resource, which this benchmark does not measure.',
  );
  L.push(
    "- The enforced variant's registrations include the transform itself (recording every resource's inputs and options) and the `protect`/`retainOnDelete` options it adds; `judge()` reads the model and evaluates the whole catalogue once.",
  );
  return `${L.join('\n')}\n`;
}

function main() {
  const opts = options(process.argv.slice(2));
  if (!fs.existsSync(DEADBOLT_PULUMI)) fail('Build first: `npx tsc -b` (or `npm run bench:pulumi`).');
  process.stdout.write(
    `${NAME}: ${opts.runs} round${opts.runs === 1 ? '' : 's'} of ${opts.modes.join(' and ')}, ~${opts.resources} resources\n`,
  );
  const r = run(opts);
  const md = markdown(r);
  process.stdout.write(`\n${md}`);
  if (opts.write) {
    writeSection(opts.out, NAME, md);
    process.stdout.write(`\nWrote the ## ${NAME} section of ${path.relative(process.cwd(), opts.out) || opts.out}.\n`);
  }
}

module.exports = { markdown, summarise };

if (require.main === module) main();
