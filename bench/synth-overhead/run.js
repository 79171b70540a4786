#!/usr/bin/env node
'use strict';
/**
 * Synth overhead of Deadbolt's CDK checks, against a baseline measured in the
 * same run, plus the time of `deadbolt check` on the synthesized assembly.
 *
 *   npm run bench                                  # tsc -b, then this script
 *   node bench/synth-overhead/run.js [--runs N] [--stacks N] [--no-write] [--out FILE]
 *
 * For each run k = 1..N, every variant is synthesized once in a fresh Node
 * process (measure.js), round-robin, with the order rotated each round, so
 * that machine noise spreads over all variants alike. Medians are taken per
 * variant; ratios are of medians, and each ratio is also given as the range of
 * its per-round (paired) ratios, which shows how noisy the machine was.
 * Results are printed and written to bench/RESULTS.md (unless --no-write).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const { writeSection, gitCommit } = require('../results-file');
const { benchOptions } = require('../args');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const MEASURE = path.join(__dirname, 'measure.js');
const CLI = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const EXIT_TIMER = path.join(__dirname, 'exit-timer.js');
const DEFAULT_OUT = path.join(ROOT, 'bench', 'RESULTS.md');
const VARIANTS = ['plain-default', 'plain', 'checks', 'plugin', 'cdk-nag'];
const CHECKERS = ['checks', 'plugin', 'cdk-nag'];
const OURS = ['checks', 'plugin'];
const TARGET_OVERHEAD = 0.05;
const METRICS = [
  'requireCheckerMs',
  'constructMs',
  'synthMs',
  'totalMs',
  'checkerMs',
  'totalCpuMs',
  'synthCpuMs',
  'checkerCpuMs',
];
const TARGET_CHECK_MS = 1000;
const MIN_RESOURCES = 1000;
const MIN_STACKS = 20;

function parseArgs(argv) {
  return benchOptions(argv, {
    usage: 'Usage: node bench/synth-overhead/run.js [--runs N] [--stacks N] [--no-write] [--out FILE]\n',
    defaultOut: DEFAULT_OUT,
    counts: { runs: 5, stacks: 20 },
  });
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The environment for children: no CDK_* variables that would change synthesis (CDK_VALIDATION, CDK_CONTEXT_JSON, ...). */
function childEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('CDK_')) delete env[k];
  return env;
}

/** Runs one variant in a fresh process; stderr (CDK prints the validation report there) goes to a file. */
function measure(variant, outdir, stacks, work) {
  const errFile = path.join(work, `${path.basename(outdir)}.stderr`);
  const err = fs.openSync(errFile, 'w');
  const r = spawnSync(process.execPath, [MEASURE, variant, outdir, String(stacks)], {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['ignore', 'pipe', err],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.closeSync(err);
  const line = (r.stdout || '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) {
    const tail = fs.readFileSync(errFile, 'utf8').slice(-3000);
    fail(`The \`${variant}\` variant failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}).\n${tail}`);
  }
  fs.rmSync(errFile, { force: true });
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}

function median(xs) {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (x, digits = 0) => (x === undefined ? 'n/a' : x.toFixed(digits));
const pct = (ratio) => (ratio === undefined ? 'n/a' : `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`);

/** Times `deadbolt check` on a cloud assembly, if the CLI is built. */
function timeCheck(assembly, runs, work) {
  if (!fs.existsSync(CLI)) {
    return {
      skipped: `\`${path.relative(ROOT, CLI)}\` does not exist (the CLI is not built yet); \`deadbolt check\` was not timed.`,
    };
  }
  const wall = [];
  const inProcess = [];
  const exitCodes = new Set();
  let findings;
  const bare = [];
  for (let k = 0; k < runs; k++) {
    // Node's own start-up, for reference: the floor of any CLI's wall time.
    let t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    bare.push(Number(process.hrtime.bigint() - t) / 1e6);

    const timerFile = path.join(work, `check-${k}.ms`);
    t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', EXIT_TIMER, CLI, 'check', assembly, '--format', 'json'], {
      cwd: ROOT,
      env: { ...childEnv(), DEADBOLT_BENCH_TIMER_FILE: timerFile },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    exitCodes.add(r.status);
    if (r.status !== 0 && r.status !== 1) {
      return {
        failed: `\`deadbolt check\` exited ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${(r.stderr || '').slice(0, 2000)}`,
      };
    }
    if (fs.existsSync(timerFile)) inProcess.push(Number(fs.readFileSync(timerFile, 'utf8')));
    if (findings === undefined) findings = countCliFindings(r.stdout);
  }
  return {
    wallMs: median(wall),
    wallRange: [Math.min(...wall), Math.max(...wall)],
    inProcessMs: median(inProcess),
    nodeStartupMs: median(bare),
    exitCodes: [...exitCodes],
    findings,
  };
}

/** The number of findings in the CLI's JSON output, whatever its exact shape (undefined when unreadable). */
function countCliFindings(stdout) {
  try {
    const out = JSON.parse(stdout);
    if (Array.isArray(out)) return out.length;
    if (Array.isArray(out.findings)) return out.findings.length;
    if (out.summary && typeof out.summary.findings === 'number') return out.summary.findings;
  } catch {
    // not JSON: leave it unknown
  }
  return undefined;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const f of [path.join(ROOT, 'packages', 'cdk', 'lib', 'src', 'index.js')]) {
    if (!fs.existsSync(f))
      fail(`\`${path.relative(ROOT, f)}\` does not exist: run \`npx tsc -b\` first (\`npm run bench\` does).`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bench-'));
  const loadStart = os.loadavg();
  const started = new Date();
  const results = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  const keep = path.join(work, 'plain-assembly');

  process.stdout.write(
    `synth-overhead: ${opts.runs} runs x ${VARIANTS.length} variants, ${opts.stacks} stacks, fresh process each (work dir ${work})\n`,
  );
  for (let k = 0; k < opts.runs; k++) {
    // Rotate the order each round so no variant always runs first or last.
    const order = VARIANTS.map((_, i) => VARIANTS[(i + k) % VARIANTS.length]);
    for (const variant of order) {
      const outdir = path.join(work, `${variant}-${k}`);
      const r = measure(variant, outdir, opts.stacks, work);
      results[variant].push(r);
      process.stdout.write(
        `  run ${k + 1}/${opts.runs} ${variant.padEnd(13)} construct+synth ${fmt(r.totalMs).padStart(6)} ms (CPU ${fmt(r.totalCpuMs).padStart(6)})  synth ${fmt(r.synthMs).padStart(6)} ms  checker ${fmt(r.checkerMs).padStart(5)} ms  resources ${r.resources}\n`,
      );
      if (variant === 'plain' && k === opts.runs - 1) fs.renameSync(outdir, keep);
      else fs.rmSync(outdir, { recursive: true, force: true });
    }
  }

  // Every process built the same app: assert it, and that it is big enough.
  const all = VARIANTS.flatMap((v) => results[v]);
  const resources = all[0].resources;
  const stacks = all[0].stacks;
  for (const r of all) {
    if (r.resources !== resources || r.stacks !== stacks) {
      fail(
        `Variants synthesized different apps: ${r.variant} has ${r.resources} resources in ${r.stacks} stacks, expected ${resources} in ${stacks}.`,
      );
    }
  }
  if (opts.stacks >= MIN_STACKS && (resources < MIN_RESOURCES || stacks < MIN_STACKS)) {
    fail(
      `The generated app has ${resources} resources in ${stacks} stacks; the benchmark needs at least ${MIN_RESOURCES} in ${MIN_STACKS}.`,
    );
  }

  const med = {};
  for (const v of VARIANTS) {
    const rs = results[v];
    med[v] = {};
    for (const key of METRICS) med[v][key] = median(rs.map((r) => r[key]));
    med[v].totalRange = [Math.min(...rs.map((r) => r.totalMs)), Math.max(...rs.map((r) => r.totalMs))];
    med[v].findings = rs[0].findings;
  }

  // Ratios against both baselines: wall construct+synth, wall synth alone, CPU construct+synth.
  const ratios = [];
  for (const base of ['plain', 'plain-default']) {
    for (const v of CHECKERS) {
      for (const metric of ['totalMs', 'synthMs', 'totalCpuMs']) {
        const paired = results[v].map((r, k) => r[metric] / results[base][k][metric]);
        ratios.push({
          variant: v,
          base,
          metric,
          ratio: med[v][metric] / med[base][metric],
          pairedRange: [Math.min(...paired), Math.max(...paired)],
        });
      }
      // The floor: the checker's own time alone, against the baseline's construct+synth.
      ratios.push({ variant: v, base, metric: 'floor', ratio: 1 + med[v].checkerMs / med[base].totalMs });
    }
  }
  const ratioOf = (v, base, metric) =>
    ratios.find((r) => r.variant === v && r.base === base && r.metric === metric).ratio;

  const check = timeCheck(keep, opts.runs, work);
  if (check.wallMs === undefined) process.stdout.write(`  deadbolt check: ${check.skipped || check.failed}\n`);
  else
    process.stdout.write(
      `  deadbolt check: median ${fmt(check.wallMs)} ms wall, ${fmt(check.inProcessMs)} ms in process\n`,
    );
  const loadEnd = os.loadavg();

  const targets = [];
  const nagWall = ratioOf('cdk-nag', 'plain', 'totalMs');
  const nagCpu = ratioOf('cdk-nag', 'plain', 'totalCpuMs');
  for (const v of OURS) {
    const name = v === 'checks' ? '`DataProtectionChecks`' : '`DataProtectionPlugin`';
    const wall = ratioOf(v, 'plain', 'totalMs');
    const cpu = ratioOf(v, 'plain', 'totalCpuMs');
    const floor = ratioOf(v, 'plain', 'floor');
    const within = (r) => r - 1 <= TARGET_OVERHEAD;
    // The floor is measured inside one process, so it is not a difference of two noisy
    // numbers: above the target, the target is missed whatever the medians say. Not for
    // DataProtectionChecks: its own time includes rendering each template, which it hands
    // to synthesis instead of synthesis rendering it again, so it is not added cost.
    const floorApplies = v !== 'checks';
    targets.push({
      target: `${name} overhead at most 5% of plain construct + synth`,
      measured: `wall ${pct(wall)}, CPU ${pct(cpu)}; its own time alone ${pct(floor)}${floorApplies ? '' : ' (includes rendering the templates synthesis then reuses)'}`,
      met:
        floorApplies && !within(floor)
          ? false
          : within(wall) && within(cpu)
            ? true
            : !within(wall) && !within(cpu)
              ? false
              : 'unclear',
    });
    // Below cdk-nag: the medians say so, and so do (nearly) all rounds, each compared
    // with the cdk-nag process of the same round.
    const wins = (metric) => results[v].filter((r, k) => r[metric] < results['cdk-nag'][k][metric]).length;
    const [winsWall, winsCpu] = [wins('totalMs'), wins('totalCpuMs')];
    const most = Math.ceil(0.8 * opts.runs);
    const few = Math.floor(0.2 * opts.runs);
    targets.push({
      target: `${name} overhead below cdk-nag's`,
      measured: `wall ${pct(wall)} vs ${pct(nagWall)}, CPU ${pct(cpu)} vs ${pct(nagCpu)}; faster than cdk-nag in ${winsWall}/${opts.runs} rounds (wall), ${winsCpu}/${opts.runs} (CPU); own time ${fmt(med[v].checkerMs)} vs ${fmt(med['cdk-nag'].checkerMs)} ms`,
      met:
        wall < nagWall && cpu < nagCpu && winsWall >= most && winsCpu >= most
          ? true
          : wall >= nagWall && cpu >= nagCpu && winsWall <= few && winsCpu <= few
            ? false
            : 'unclear',
    });
  }
  if (check.wallMs !== undefined) {
    targets.push({
      target: `\`deadbolt check\` under 1 s for ${resources} resources (wall time, Node start-up included)`,
      measured: `${fmt(check.wallMs)} ms`,
      met: check.wallMs < TARGET_CHECK_MS,
    });
  } else {
    targets.push({
      target: '`deadbolt check` under 1 s for 1,000 resources',
      measured: check.skipped || check.failed,
      met: undefined,
    });
  }

  const report = {
    started,
    opts,
    machine: {
      cores: os.cpus().length,
      model: os.cpus()[0] ? os.cpus()[0].model : 'unknown',
      memoryGb: Math.round(os.totalmem() / 1e9),
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      loadStart,
      loadEnd,
    },
    versions: {
      node: process.version,
      awsCdkLib: require('aws-cdk-lib/package.json').version,
      cdkNag: require('cdk-nag/package.json').version,
      commit: gitCommit(ROOT),
    },
    resources,
    stacks,
    med,
    ratios,
    check,
    targets,
  };
  const md = markdown(report);
  process.stdout.write(`\n${md}`);
  if (opts.write && opts.stacks < MIN_STACKS && opts.out === DEFAULT_OUT) {
    process.stdout.write(
      `\nNot written to bench/RESULTS.md: it records the full app (${MIN_STACKS} stacks or more). Pass --out FILE to keep this run.\n`,
    );
  } else if (opts.write) {
    writeSection(opts.out, 'synth-overhead', md);
    process.stdout.write(`\nWrote ${path.relative(process.cwd(), opts.out) || opts.out}.\n`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

function markdown(r) {
  const L = [];
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const range = (x) => `${x[0].toFixed(2)} - ${x[1].toFixed(2)}`;
  const ratioCell = (v, base, metric) => {
    const x = r.ratios.find((y) => y.variant === v && y.base === base && y.metric === metric);
    return `${x.ratio.toFixed(3)} (${pct(x.ratio)})${x.pairedRange ? ` [${range(x.pairedRange)}]` : ''}`;
  };
  const busy = Math.max(r.machine.loadStart[0], r.machine.loadEnd[0]) > r.machine.cores * 0.5;
  L.push('## synth-overhead', '');
  L.push(`- Date: ${r.started.toISOString()}`);
  L.push(
    `- Machine: ${r.machine.cores} cores (\`os.cpus().length\`), ${r.machine.model}, ${r.machine.memoryGb} GB, ${r.machine.platform}`,
  );
  L.push(
    `- Load average (1 / 5 / 15 min) at start: ${load(r.machine.loadStart)}; at end: ${load(r.machine.loadEnd)}${busy ? ". **The machine was busy: wall times are noisy**; CPU times and the checkers' own times are the steadier numbers." : ''}`,
  );
  L.push(
    `- Node ${r.versions.node}, aws-cdk-lib ${r.versions.awsCdkLib}, cdk-nag ${r.versions.cdkNag}, commit ${r.versions.commit}`,
  );
  L.push(
    `- App: **${r.resources} CloudFormation resources in ${r.stacks} stacks** (\`bench/synth-overhead/app.js\`), the same in every process`,
  );
  L.push(`- ${r.opts.runs} fresh Node processes per variant, interleaved round-robin; medians, in ms`);
  L.push('');
  L.push(
    "| Variant | What runs | Load checker | Construct | Synth (`app.synth()`) | Construct + synth | (min - max) | Construct + synth, CPU | Checker's own time | Findings |",
  );
  L.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  const what = {
    'plain-default': "`new App()`: CDK's built-in CloudFormation validation on",
    plain: '`builtinCloudFormationValidation: false`: the baseline',
    checks: 'plain + `DataProtectionChecks` (Aspect)',
    plugin: 'plain + `DataProtectionPlugin`',
    'cdk-nag': 'plain + cdk-nag `AwsSolutionsChecks`',
  };
  for (const v of VARIANTS) {
    const m = r.med[v];
    L.push(
      `| ${v} | ${what[v]} | ${fmt(m.requireCheckerMs)} | ${fmt(m.constructMs)} | ${fmt(m.synthMs)} | ${fmt(m.totalMs)} | ${fmt(m.totalRange[0])} - ${fmt(m.totalRange[1])} | ${fmt(m.totalCpuMs)} | ${m.checkerMs === undefined ? '' : fmt(m.checkerMs)} | ${m.findings ?? ''} |`,
    );
  }
  L.push('');
  L.push(
    'Ratios of medians, with [the range of the per-round ratios] (same round, adjacent processes: a measure of the noise). "Own time alone" is 1 + the checker\'s own median time / the baseline\'s median construct + synth: a floor for the overhead, measured inside one process.',
    '',
  );
  L.push('| Ratio | Construct + synth (wall) | Synth alone (wall) | Construct + synth (CPU) | Own time alone |');
  L.push('|---|--:|--:|--:|--:|');
  for (const base of ['plain', 'plain-default']) {
    for (const v of CHECKERS) {
      L.push(
        `| ${v} / ${base} | ${ratioCell(v, base, 'totalMs')} | ${ratioCell(v, base, 'synthMs')} | ${ratioCell(v, base, 'totalCpuMs')} | ${ratioCell(v, base, 'floor')} |`,
      );
    }
  }
  const builtin = r.med['plain-default'].totalMs / r.med.plain.totalMs;
  const builtinCpu = r.med['plain-default'].totalCpuMs / r.med.plain.totalCpuMs;
  L.push('');
  L.push(
    `CDK's built-in CloudFormation validation alone: plain-default / plain = ${builtin.toFixed(2)} (${pct(builtin)}) wall, ${builtinCpu.toFixed(2)} (${pct(builtinCpu)}) CPU, on construct + synth.`,
  );
  L.push('');
  L.push('### `deadbolt check`', '');
  if (r.check.wallMs !== undefined) {
    L.push(
      `On the \`plain\` variant's cloud assembly (${r.resources} resources, ${r.stacks} stacks): \`node packages/cli/lib/src/bin/deadbolt.js check <cdk.out> --format json\`, median of ${r.opts.runs}.`,
      '',
    );
    L.push('| Measure | ms |');
    L.push('|---|--:|');
    L.push(
      `| Wall time of the spawned process | ${fmt(r.check.wallMs)} (${fmt(r.check.wallRange[0])} - ${fmt(r.check.wallRange[1])}) |`,
    );
    L.push(
      `| In-process time (from a \`--require\` preload to exit: loading modules, reading, evaluating, printing) | ${fmt(r.check.inProcessMs)} |`,
    );
    L.push(`| For reference, \`node -e ""\` | ${fmt(r.check.nodeStartupMs)} |`);
    L.push('');
    L.push(
      `Exit code ${r.check.exitCodes.join(', ')} (1 = findings, expected)${r.check.findings !== undefined ? `; ${r.check.findings} findings` : ''}.`,
    );
  } else {
    L.push(`Not timed: ${r.check.skipped || r.check.failed}`);
  }
  L.push('');
  L.push('### Targets', '');
  L.push(
    "Overhead is judged on construct + synth against `plain`. 5% target: met when the wall and CPU ratios are both within it (and, for the plugin, the checker's own time alone is too); missed when both are outside it, or the plugin's own time alone already is. `DataProtectionChecks`' own time includes rendering every template, which it hands to synthesis (synthesis does not render it again), so its own time is not added cost. Below cdk-nag: met when the wall and CPU medians are lower and at least 80% of the rounds are faster than that round's cdk-nag process; missed in the reverse case. Otherwise the target is unclear, which is noise: rerun with more `--runs` on a quiet machine.",
    '',
  );
  L.push('| Target | Measured | Met |');
  L.push('|---|---|---|');
  const verdict = (m) =>
    m === undefined ? 'not measured' : m === 'unclear' ? '**unclear** (noise)' : m ? 'yes' : '**no**';
  for (const t of r.targets) L.push(`| ${t.target} | ${t.measured} | ${verdict(t.met)} |`);
  const missed = r.targets.filter((t) => t.met === false);
  const unclear = r.targets.filter((t) => t.met === 'unclear');
  L.push('');
  if (missed.length > 0) L.push(`**Missed:** ${missed.map((t) => t.target).join('; ')}.`);
  if (missed.length > 0 && unclear.length > 0) L.push('');
  if (unclear.length > 0) L.push(`**Not settled (noise):** ${unclear.map((t) => t.target).join('; ')}.`);
  if (missed.length === 0 && unclear.length === 0) L.push('Every measured target is met.');
  L.push('');
  L.push('### Notes', '');
  L.push(
    "- Every variant but plain-default sets `builtinCloudFormationValidation: false`, so each ratio against `plain` isolates the checker's own cost; the ratios against plain-default set it against what `new App()` costs by default.",
  );
  L.push(
    '- Construct + synth is what `cdk synth` spends running the app after loading aws-cdk-lib; synth alone is `app.synth()`, where all three checkers do their work. Loading the checker\'s module is timed apart ("Load checker") and is not in the ratios.',
  );
  L.push(
    '- CPU time is `process.cpuUsage()` (user + system, every thread of the process, GC included). Other processes on the machine slow wall time much more than CPU time.',
  );
  L.push(
    "- \"Checker's own time\" is the wall time inside the checker's entry point during synth (`DataProtectionChecks`' deferred check; the plugins' `validate`). It leaves out what CDK does around it: aspect dispatch, writing annotations into the assembly, formatting and printing the validation report.",
  );
  L.push(
    '- The plugin and cdk-nag variants fail synthesis on purpose (the app has error findings), after the assembly is written; the time until the throw is measured. CDK prints their report to stderr, which goes to a file.',
  );
  L.push(
    '- cdk-nag 3 is a policy validation plugin: `Validations.of(app).addPlugins(new AwsSolutionsChecks(app))` (its v2 form, `Aspects.of(app).add(...)`, no longer exists).',
  );
  L.push(
    '- Where the time goes: `node bench/synth-overhead/profile.js checks` (or `plugin`) profiles one process (see `bench/README.md`).',
  );
  L.push('');
  return L.join('\n');
}

main();
