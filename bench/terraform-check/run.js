#!/usr/bin/env node
'use strict';
/**
 * The cost of `deadbolt check plan.json` on a large Terraform plan, against a
 * bare `JSON.parse` of the same file measured in the same run.
 *
 *   npm run bench:terraform-check               # tsc -b, then this script
 *   node bench/terraform-check/run.js [--runs N] [--resources N] [--shape lean|full|both] [--no-write] [--out FILE] [--keep DIR]
 *
 * 1. Generates two realistic `terraform show -json` plans of one estate of AWS
 *    and Google Cloud resources (plan.js; `--resources`, default about 20,000
 *    resource instances): `lean` (small attribute sets, no `prior_state`) and
 *    `full` (whole provider attribute sets, with `prior_state`).
 * 2. For each, in this process, N rounds (default 9) of, in alternating order:
 *    - baseline: `JSON.parse(fs.readFileSync(file, 'utf8'))`;
 *    - check: `deadbolt check FILE` through the CLI's own `execute` (the
 *      function `bin/deadbolt.js` calls: read, parse, recognise the plan, read
 *      it into the model, evaluate the catalogue, format the text report), its
 *      output discarded.
 *    Wall time and CPU time of each. The ratio of the wall-time medians is the
 *    target (at most 2 for each shape).
 * 3. N spawns of the CLI (`deadbolt check FILE --format json`) and of `node -e`
 *    doing the bare parse, wall time, Node start-up included in both.
 * Prints the results and replaces the `## terraform-check` section of
 * bench/RESULTS.md (unless --no-write); exits 1 when a shape misses the
 * target. Runs itself under `--expose-gc` and collects garbage before each
 * measurement.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { replaceSection, gitCommit } = require('../results-file');
const { benchOptions } = require('../args');
const { generatePlan } = require('./plan');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI_LIB = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'cli.js');
const CLI = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const DEFAULT_OUT = path.join(ROOT, 'bench', 'RESULTS.md');
const SECTION = '## terraform-check';
const TARGET_RATIO = 2;
const SHAPES = ['lean', 'full'];
const USAGE =
  'Usage: node bench/terraform-check/run.js [--runs N] [--resources N] [--shape lean|full|both] [--no-write] [--out FILE] [--keep DIR]\n';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = benchOptions(argv, {
    usage: USAGE,
    defaultOut: DEFAULT_OUT,
    counts: { runs: 9, resources: 20000 },
    strings: { keep: undefined, shape: 'both' },
  });
  if (opts.shape !== 'both' && !SHAPES.includes(opts.shape))
    opts.fail(`\`--shape\` is lean, full or both; got ${JSON.stringify(opts.shape)}.`);
  return {
    ...opts,
    shapes: opts.shape === 'both' ? SHAPES : [opts.shape],
    keep: opts.keep === undefined ? undefined : path.resolve(opts.keep),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` and returns its wall and CPU (user + system, every thread of the process) milliseconds. */
async function timed(fn) {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  await fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e3 };
}

/** A stream that keeps only how much was written. */
function sink() {
  return {
    bytes: 0,
    text: '',
    write(s) {
      this.bytes += s.length;
      if (this.text.length < 4096) this.text += s.slice(0, 4096);
      return true;
    },
  };
}

async function measureInProcess(file, runs, cli) {
  const samples = { baseline: [], check: [] };
  let last;
  const once = {
    baseline: () =>
      timed(() => {
        const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (!Array.isArray(doc.resource_changes)) throw new Error('The plan did not parse.');
      }),
    check: () => {
      const stdout = sink();
      const stderr = sink();
      return timed(async () => {
        const code = await cli.execute(['check', file], undefined, {
          stdout,
          stderr,
          cwd: path.dirname(file),
          env: { NO_COLOR: '1' },
        });
        last = { code, stdout, stderr };
      });
    },
  };
  await once.baseline();
  await once.check();
  if (last.code !== 1)
    throw new Error(`deadbolt check exited ${last.code}, expected 1 (findings): ${last.stderr.text.trim()}`);
  for (let k = 0; k < runs; k++) {
    const order = k % 2 ? ['check', 'baseline'] : ['baseline', 'check'];
    for (const which of order) {
      if (global.gc) global.gc();
      samples[which].push(await once[which]());
    }
  }
  return { ...samples, outputBytes: last.stdout.bytes };
}

function spawnMs(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI as a user runs it, and a process that only parses the file, in alternating order. */
function measureProcesses(file, runs) {
  const cli = [];
  const parse = [];
  let last;
  const parseOnly = ['-e', 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))', file];
  for (let k = 0; k < runs; k++) {
    const runCli = () => {
      last = spawnMs([CLI, 'check', file, '--format', 'json']);
      cli.push(last.ms);
    };
    const runParse = () => {
      const r = spawnMs(parseOnly);
      if (r.status !== 0) throw new Error(`node -e JSON.parse exited ${r.status}: ${r.stderr.trim()}`);
      parse.push(r.ms);
    };
    if (k % 2) {
      runParse();
      runCli();
    } else {
      runCli();
      runParse();
    }
  }
  if (last.status !== 1) throw new Error(`deadbolt check exited ${last.status}, expected 1: ${last.stderr.trim()}`);
  const report = JSON.parse(last.stdout);
  return { cli, parse, findings: Array.isArray(report.findings) ? report.findings.length : undefined };
}

/**
 * Writes the plan and returns its numbers only: the generated objects are not kept, so that the heap the
 * measurements run in (and every garbage collection in them walks) holds nothing of the generator's.
 */
function writePlan(shape, resources, file) {
  const { plan, stats } = generatePlan(resources, { shape });
  fs.writeFileSync(file, `${JSON.stringify(plan)}\n`);
  return stats;
}

async function measureShape(shape, opts, cliLib, work) {
  const file = path.join(work, `plan-${shape}.json`);
  const stats = writePlan(shape, opts.resources, file);
  if (global.gc) global.gc();
  const bytes = fs.statSync(file).size;
  process.stdout.write(
    `${shape}: ${stats.resources} resource instances (${stats.aws} AWS, ${stats.google} Google), ${(bytes / 1e6).toFixed(1)} MB (${file}).\n`,
  );
  const inProcess = await measureInProcess(file, opts.runs, cliLib);
  const processes = measureProcesses(file, opts.runs);
  const pick = (list, field) => list.map((s) => s[field]);
  const r = { shape, stats, bytes, outputBytes: inProcess.outputBytes, findings: processes.findings };
  for (const field of ['wall', 'cpu']) {
    const baseline = pick(inProcess.baseline, field);
    const check = pick(inProcess.check, field);
    r[field] = {
      baseline: median(baseline),
      baselineRuns: baseline,
      check: median(check),
      checkRuns: check,
      ratio: median(check) / median(baseline),
      pairRatios: baseline.map((b, i) => check[i] / b),
    };
  }
  r.processes = {
    cli: median(processes.cli),
    cliRuns: processes.cli,
    parse: median(processes.parse),
    parseRuns: processes.parse,
    ratio: median(processes.cli) / median(processes.parse),
  };
  r.met = r.wall.ratio <= TARGET_RATIO;
  process.stdout.write(
    `${shape}: check / JSON.parse ${r.wall.ratio.toFixed(2)}× wall, ${r.cpu.ratio.toFixed(2)}× CPU; processes ${r.processes.ratio.toFixed(2)}×.\n`,
  );
  return r;
}

const SHAPE_TEXT = {
  lean: 'each resource cut to `id`, `arn` and the arguments its configuration writes; no `prior_state`',
  full: "the providers' whole attribute sets, with `prior_state`",
};

function markdown(results, meta) {
  const f = (x) => x.toFixed(0);
  const range = (xs) => `${f(Math.min(...xs))} - ${f(Math.max(...xs))}`;
  const ratios = (xs) => `${Math.min(...xs).toFixed(2)} - ${Math.max(...xs).toFixed(2)}`;
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const s = results[0].stats;
  const L = [];
  L.push(SECTION, '');
  L.push(
    'Written by `npm run bench:terraform-check` (`bench/terraform-check/run.js`; `bench/terraform-check/README.md` says what is measured). Do not edit by hand: rerun.',
    '',
  );
  L.push(`- Date: ${meta.date}`);
  L.push(
    `- Machine: ${meta.cores} cores, ${meta.model}, Node ${process.version}; load average (1 / 5 / 15 min) at start ${load(meta.loadStart)}, at end ${load(meta.loadEnd)}`,
  );
  if (meta.loadStart[0] > meta.cores || meta.loadEnd[0] > meta.cores)
    L.push(
      `- **The machine was loaded** (load average above its ${meta.cores} cores): wall times are longer than on an idle machine and vary from round to round; the CPU-time ratio is the steadier reading`,
    );
  L.push(`- Commit: ${meta.commit}`);
  L.push(
    `- Plans: ${s.resources.toLocaleString('en-US')} resource instances (${s.aws.toLocaleString('en-US')} AWS, ${s.google.toLocaleString('en-US')} Google Cloud) in ${s.services} instances of a \`for_each\` module, each calling a child module; ${s.dataStores} data stores; ${s.noops.toLocaleString('en-US')} no-ops, ${s.updates} updates, ${s.creates} creates (\`terraform show -json\` format 1.2, generated, with \`configuration\`)`,
  );
  L.push(`- ${meta.runs} rounds per plan, alternating order; medians in ms, with the range`, '');
  L.push('| Plan | Size | Measure | Wall ms | Range | CPU ms |');
  L.push('|---|--:|---|--:|--:|--:|');
  for (const r of results) {
    const size = `${(r.bytes / 1e6).toFixed(1)} MB`;
    L.push(
      `| ${r.shape}: ${SHAPE_TEXT[r.shape]} | ${size} | Baseline: \`JSON.parse(fs.readFileSync(file))\` | ${f(r.wall.baseline)} | ${range(r.wall.baselineRuns)} | ${f(r.cpu.baseline)} |`,
    );
    L.push(
      `| | | \`deadbolt check FILE\` in process: read, parse, read the plan into the model, evaluate, format the text report | ${f(r.wall.check)} | ${range(r.wall.checkRuns)} | ${f(r.cpu.check)} |`,
    );
    L.push(
      `| | | Process: \`node -e 'JSON.parse(fs.readFileSync(file))'\` | ${f(r.processes.parse)} | ${range(r.processes.parseRuns)} | |`,
    );
    L.push(
      `| | | Process: \`deadbolt check FILE --format json\` | ${f(r.processes.cli)} | ${range(r.processes.cliRuns)} | |`,
    );
  }
  L.push('');
  L.push('| Plan | Check / baseline, wall (per round) | CPU | Processes | Report |');
  L.push('|---|---|---|---|---|');
  for (const r of results) {
    L.push(
      `| ${r.shape} | **${r.wall.ratio.toFixed(2)}×** (${ratios(r.wall.pairRatios)}) | ${r.cpu.ratio.toFixed(2)}× (${ratios(r.cpu.pairRatios)}) | ${r.processes.ratio.toFixed(2)}× | ${(r.outputBytes / 1e3).toFixed(0)} kB of text${r.findings !== undefined ? `, ${r.findings} findings` : ''} |`,
    );
  }
  L.push('');
  L.push('| Target | Plan | Measured (wall) | Met |');
  L.push('|---|---|---|---|');
  for (const r of results) {
    L.push(
      `| \`deadbolt check\` on a 20,000-resource plan within ${TARGET_RATIO}× a bare \`JSON.parse\` of it | ${r.shape} | ${r.wall.ratio.toFixed(2)}× | ${r.met ? 'yes' : '**no**'} |`,
    );
  }
  return `${L.join('\n')}\n`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI_LIB) || !fs.existsSync(CLI))
    fail('Build first: `npx tsc -b` (or `npm run bench:terraform-check`).');
  const loadStart = os.loadavg();
  const work = opts.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-terraform-check-'));
  fs.mkdirSync(work, { recursive: true });
  const cliLib = require(CLI_LIB);
  const results = [];
  for (const shape of opts.shapes) results.push(await measureShape(shape, opts, cliLib, work));
  const cpus = os.cpus();
  const meta = {
    date: new Date().toISOString(),
    cores: cpus.length,
    model: ((cpus[0] && cpus[0].model) || 'unknown').replace(/\s+/g, ' ').trim(),
    loadStart,
    loadEnd: os.loadavg(),
    commit: gitCommit(ROOT),
    runs: opts.runs,
  };
  const md = markdown(results, meta);
  process.stdout.write(`\n${md}`);
  if (opts.write) {
    const current = fs.existsSync(opts.out) ? fs.readFileSync(opts.out, 'utf8') : '';
    fs.writeFileSync(opts.out, replaceSection(current, 'terraform-check', md));
    process.stdout.write(`\nWrote the ${SECTION} section of ${path.relative(process.cwd(), opts.out) || opts.out}.\n`);
  }
  if (!opts.keep) fs.rmSync(work, { recursive: true, force: true });
  if (results.some((r) => !r.met)) process.exitCode = 1;
}

if (require.main === module) {
  if (typeof global.gc !== 'function') {
    const r = spawnSync(process.execPath, ['--expose-gc', __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(r.status === null ? 2 : r.status);
  }
  main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(2);
  });
}
