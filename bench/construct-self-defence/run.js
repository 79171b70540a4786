#!/usr/bin/env node
'use strict';
/**
 * What the safe constructs' self-defence (each construct validating its own
 * forced settings at synthesis) costs `cdk synth`, against the same app with
 * those validations dropped, measured in the same run.
 *
 *   npm run bench:self-defence                  # tsc -b, then this script
 *   node bench/construct-self-defence/run.js [--runs N] [--stacks N] [--no-write] [--out FILE]
 *
 * The app (app.js) is made of safe constructs only: 51 with the default 5
 * stacks. Each process (measure.js) builds and synthesizes it once, in a fresh
 * Node process: `on` as users get it, `off` with the self-defence validations
 * dropped by the bench's own wrapper (the package has no switch for it). One
 * warm-up process, then N rounds (default 9) of one `on` and one `off`
 * process, the order alternating every round. Prints the medians, the ratio
 * on / off, the time inside the validations and its share of synthesis, and
 * the cost per safe construct; replaces the `## construct-self-defence` section
 * of bench/RESULTS.md (unless --no-write).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { writeSection, gitCommit } = require('../results-file');
const { benchOptions } = require('../args');

const ROOT = path.resolve(__dirname, '..', '..');
const MEASURE = path.join(__dirname, 'measure.js');
const DEADBOLT_CDK = path.join(ROOT, 'packages', 'cdk', 'lib', 'src', 'index.js');
const DEFAULT_OUT = path.join(ROOT, 'bench', 'RESULTS.md');
const NAME = 'construct-self-defence';
const VARIANTS = ['on', 'off'];
const USAGE = 'Usage: node bench/construct-self-defence/run.js [--runs N] [--stacks N] [--no-write] [--out FILE]\n';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The environment for children: no CDK_* variables that would change synthesis. */
function childEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('CDK_')) delete env[k];
  return env;
}

/** One fresh process synthesizing the app once. */
function measure(variant, stacks, work) {
  const outdir = fs.mkdtempSync(path.join(work, `${variant}-`));
  const r = spawnSync(
    process.execPath,
    [MEASURE, '--variant', variant, '--outdir', outdir, '--stacks', String(stacks)],
    {
      cwd: ROOT,
      env: childEnv(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  fs.rmSync(outdir, { recursive: true, force: true });
  const line = (r.stdout || '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) {
    fail(
      `The \`${variant}\` process failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${(r.stderr || '').slice(-3000)}`,
    );
  }
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}

function run(opts) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bench-self-defence-'));
  const loadStart = os.loadavg();
  const results = { on: [], off: [] };
  try {
    // Warm the file cache, not counted; a single round is a check, not a measurement.
    if (opts.runs > 1) measure('on', 1, work);
    for (let k = 0; k < opts.runs; k++) {
      // Alternate which variant goes first, so that neither always runs on a quieter machine.
      for (const variant of k % 2 ? ['off', 'on'] : ['on', 'off']) {
        const m = measure(variant, opts.stacks, work);
        results[variant].push(m);
        process.stdout.write(
          `  round ${k + 1}/${opts.runs} ${variant.padEnd(3)} synth ${m.synthMs.toFixed(0).padStart(5)} ms (CPU ${m.synthCpuMs.toFixed(0).padStart(5)})  validations ${m.ownMs.toFixed(1).padStart(6)} ms  resources ${m.resources}\n`,
        );
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // Every process built the same app, and `on` ran one validation per safe construct.
  const all = [...results.on, ...results.off];
  const shapes = new Set(all.map((m) => `${m.stacks}/${m.resources}/${m.safeConstructs}`));
  if (shapes.size !== 1) fail(`The processes synthesized different apps: ${[...shapes].join(', ')}.`);
  for (const m of results.on) {
    if (m.calls.length !== m.safeConstructs)
      fail(`An \`on\` process ran ${m.calls.length} self-defence validations for ${m.safeConstructs} safe constructs.`);
  }
  for (const m of results.off) if (m.calls.length !== 0) fail('An `off` process ran self-defence validations.');

  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: {
      cores: cpus.length,
      model: ((cpus[0] && cpus[0].model) || 'unknown').replace(/\s+/g, ' ').trim(),
      loadStart,
      loadEnd: os.loadavg(),
    },
    versions: { node: process.version, awsCdkLib: require('aws-cdk-lib/package.json').version },
    commit: gitCommit(ROOT),
    runs: opts.runs,
    app: { stacks: all[0].stacks, resources: all[0].resources, safeConstructs: all[0].safeConstructs },
    ...summarise(results),
  };
}

/** Medians, ranges, per-round ratios, and the validations per construct class. */
function summarise({ on, off }) {
  const keys = ['constructMs', 'synthMs', 'synthCpuMs', 'ownMs', 'ownCpuMs'];
  const stat = (list, key) => {
    const xs = list.map((m) => m[key]);
    return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
  };
  const of = (list) => Object.fromEntries(keys.map((k) => [k, stat(list, k)]));
  const n = on[0].safeConstructs;
  const pairs = (key) => on.map((m, i) => m[key] / off[i][key]);
  // Per class: the first validation of each class in a process pays for loading and compiling code
  // paths (the rules, the resource type's converters); the later ones show the steady cost.
  const byClass = {};
  for (const m of on) {
    const seen = new Set();
    for (const c of m.calls) {
      const e = (byClass[c.construct] ??= { first: [], later: [], count: 0 });
      if (seen.has(c.construct)) e.later.push(c.ms);
      else e.first.push(c.ms);
      seen.add(c.construct);
    }
  }
  const perRound = on[0].calls.reduce((acc, c) => ({ ...acc, [c.construct]: (acc[c.construct] ?? 0) + 1 }), {});
  for (const [cls, e] of Object.entries(byClass)) e.count = perRound[cls];
  const s = { on: of(on), off: of(off) };
  return {
    ...s,
    ratio: {
      synth: s.on.synthMs.median / s.off.synthMs.median,
      synthCpu: s.on.synthCpuMs.median / s.off.synthCpuMs.median,
      // The validations' own time against the synthesis they are part of (`on`), measured in one process.
      ownShare: median(on.map((m) => m.ownMs / m.synthMs)),
      ownCpuShare: median(on.map((m) => m.ownCpuMs / m.synthCpuMs)),
    },
    pairs: { synth: pairs('synthMs'), synthCpu: pairs('synthCpuMs') },
    perConstruct: {
      ownMs: s.on.ownMs.median / n,
      ownCpuMs: s.on.ownCpuMs.median / n,
      netMs: (s.on.synthMs.median - s.off.synthMs.median) / n,
      netCpuMs: (s.on.synthCpuMs.median - s.off.synthCpuMs.median) / n,
    },
    byClass: Object.fromEntries(
      Object.entries(byClass).map(([cls, e]) => [
        cls,
        { count: e.count, first: median(e.first), later: e.later.length ? median(e.later) : undefined },
      ]),
    ),
  };
}

function markdown(r) {
  const f = (x, d = 0) => (x === undefined ? '' : x.toFixed(d));
  const cell = (st) => `${f(st.median)} | ${f(st.min)} - ${f(st.max)}`;
  const ratio = (x) => `${x.toFixed(2)}× (${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%)`;
  const share = (x) => `${(x * 100).toFixed(1)}%`;
  const span = (xs) => `[${Math.min(...xs).toFixed(2)} - ${Math.max(...xs).toFixed(2)}]`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const busy = r.machine.loadStart[0] > r.machine.cores * 0.5 || r.machine.loadEnd[0] > r.machine.cores * 0.5 + 1;
  const L = [];
  L.push(`## ${NAME}`, '');
  L.push(
    'Written by `npm run bench:self-defence` (`bench/construct-self-defence/run.js`; `bench/construct-self-defence/README.md` says what is measured). Do not edit by hand: rerun.',
    '',
  );
  L.push(`- Date: ${r.date}`);
  L.push(
    `- Machine: ${r.machine.cores} cores, ${r.machine.model}; load average (1 / 5 / 15 min) at start ${load(r.machine.loadStart)}, at end ${load(r.machine.loadEnd)}${busy ? ". **The machine was busy: wall times are noisy**; CPU times and the validations' own time are the steadier numbers" : ''}`,
  );
  L.push(`- Node ${r.versions.node}, aws-cdk-lib ${r.versions.awsCdkLib}, commit ${r.commit}`);
  L.push(
    `- App: **${r.app.safeConstructs} safe constructs**, ${r.app.resources} CloudFormation resources in ${r.app.stacks} stacks (\`bench/construct-self-defence/app.js\`), no checks or plugin, the same in every process`,
  );
  L.push(
    `- ${r.runs} round${r.runs === 1 ? '' : 's'}, each variant in a fresh Node process, the order alternating every round; medians in ms, with the range`,
    '',
  );
  L.push(
    '| Variant | Construct | **Synth (`app.synth()`)** | (min - max) | Synth, CPU | (min - max) | Self-defence validations | (min - max) | Validations, CPU |',
  );
  L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const v of VARIANTS) {
    const s = r[v];
    const own =
      v === 'on'
        ? [f(s.ownMs.median, 1), `${f(s.ownMs.min, 1)} - ${f(s.ownMs.max, 1)}`, f(s.ownCpuMs.median, 1)]
        : ['', '', ''];
    L.push(`| ${v} | ${f(s.constructMs.median)} | ${cell(s.synthMs)} | ${cell(s.synthCpuMs)} | ${own.join(' | ')} |`);
  }
  L.push('');
  L.push('| Measure | Value |');
  L.push('|---|--:|');
  L.push(`| Synth, on / off (wall), [per-round ratios] | **${ratio(r.ratio.synth)}** ${span(r.pairs.synth)} |`);
  L.push(`| Synth, on / off (CPU) | ${ratio(r.ratio.synthCpu)} ${span(r.pairs.synthCpu)} |`);
  L.push(
    `| The validations' own time, share of synth in the same process (wall / CPU) | **${share(r.ratio.ownShare)}** / ${share(r.ratio.ownCpuShare)} |`,
  );
  L.push(
    `| Per safe construct: the validation's own time (wall / CPU) | **${f(r.perConstruct.ownMs, 2)} ms** / ${f(r.perConstruct.ownCpuMs, 2)} ms |`,
  );
  L.push(
    `| Per safe construct: synth on minus off, medians (wall / CPU) | ${f(r.perConstruct.netMs, 2)} ms / ${f(r.perConstruct.netCpuMs, 2)} ms |`,
  );
  L.push('');
  L.push(
    "One validation per safe construct, by class: the median of each process's first validation of that class, which loads and compiles the code it runs (the rules, the resource type's converters), and of the later ones.",
    '',
  );
  L.push('| Construct | Per app | First (ms) | Later (ms) |');
  L.push('|---|--:|--:|--:|');
  for (const [cls, e] of Object.entries(r.byClass))
    L.push(`| ${cls} | ${e.count} | ${f(e.first, 2)} | ${f(e.later, 2)} |`);
  L.push('');
  L.push('### Notes', '');
  L.push(
    '- `off` drops the validation `defendForcedSettings` adds, through a wrapper of the bench (`app.js`); everything else, the wrapper included, is the same in both variants. The package has no switch to turn the defence off.',
  );
  L.push(
    '- "Synth" is `app.synth()`: aspects, every validation (the constructs have others: termination protection, accounts), writing the cloud assembly. The self-defence validations run before the templates are rendered; what they resolve (lazy values CDK caches) synthesis then does not resolve again, so on minus off can be below their own time.',
  );
  L.push(
    "- Machine noise moves one process by tens of milliseconds: the validations' own time, measured inside one process, is the steadier number; on minus off is a difference of two noisy medians.",
  );
  return `${L.join('\n')}\n`;
}

function main() {
  const opts = benchOptions(process.argv.slice(2), {
    usage: USAGE,
    defaultOut: DEFAULT_OUT,
    counts: { runs: 9, stacks: 5 },
  });
  if (!fs.existsSync(DEADBOLT_CDK)) fail('Build first: `npx tsc -b` (or `npm run bench:self-defence`).');
  process.stdout.write(
    `${NAME}: ${opts.runs} round${opts.runs === 1 ? '' : 's'} of on and off, ${opts.stacks} stacks\n`,
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
