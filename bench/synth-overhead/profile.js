#!/usr/bin/env node
'use strict';
/**
 * Where a variant's synth time goes: runs measure.js once under
 * `node --cpu-prof` and summarizes the .cpuprofile.
 *
 *   node bench/synth-overhead/profile.js [variant=checks] [--stacks N] [--top N] [--keep DIR]
 *   node bench/synth-overhead/profile.js --read FILE.cpuprofile [--top N] [--under NAME]...
 *
 * Prints:
 * 1. the top functions by self time over the whole process;
 * 2. the time with Deadbolt's code (packages/cdk, packages/rules) on the
 *    stack, inclusive, per Deadbolt function (entry points first);
 * 3. within that, the self time per function, Deadbolt's or not (e.g.
 *    aws-cdk-lib's `resolve` called from to-model.ts), and per file.
 * 4. with --under NAME (repeatable): the self time per function below the
 *    frames whose function is NAME, e.g. `--under annotate`.
 * Files of packages/*\/lib/(src/)*.js are shown as their packages/*\/src/*.ts
 * source, with line numbers through the .js.map.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function parseArgs(argv) {
  const opts = { variant: 'checks', stacks: 20, top: 25, keep: undefined, read: undefined, under: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--stacks') opts.stacks = Number(argv[++i]);
    else if (a === '--top') opts.top = Number(argv[++i]);
    else if (a === '--keep') opts.keep = path.resolve(argv[++i]);
    else if (a === '--read') opts.read = path.resolve(argv[++i]);
    else if (a === '--under') opts.under.push(argv[++i]);
    else if (!a.startsWith('--')) opts.variant = a;
    else {
      process.stderr.write(
        `Unknown option \`${a}\`. Options: [variant] --stacks N, --top N, --keep DIR, --read FILE, --under NAME.\n`,
      );
      process.exit(2);
    }
  }
  return opts;
}

function record(opts) {
  const dir = opts.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-profile-'));
  fs.mkdirSync(dir, { recursive: true });
  const outdir = path.join(dir, 'cdk.out');
  const r = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      '--cpu-prof-interval',
      '200',
      path.join(__dirname, 'measure.js'),
      opts.variant,
      outdir,
      String(opts.stacks),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' },
  );
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) {
    process.stderr.write(`measure.js ${opts.variant} failed (exit ${r.status}).\n`);
    process.exit(1);
  }
  process.stdout.write(`${line}\n`);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return { file: path.join(dir, file), cleanup: opts.keep ? undefined : dir };
}

/** packages/x/lib/(src/)a.js -> packages/x/src/a.ts; node_modules/y/... -> y/...; relative to the repo. */
function shortFile(url) {
  if (!url) return '(native)';
  let f = url.replace(/^file:\/\//, '');
  f = f.startsWith(ROOT) ? path.relative(ROOT, f) : f;
  const m = /^packages\/([^/]+)\/lib\/(?:src\/)?(.*)\.js$/.exec(f);
  if (m) return `packages/${m[1]}/src/${m[2]}.ts`;
  const nm = f.lastIndexOf('node_modules/');
  return nm >= 0 ? f.slice(nm + 'node_modules/'.length) : f;
}

const sourceMaps = new Map();
/** The 1-based line in the TypeScript source of a frame in Deadbolt's compiled lib, through its .js.map. */
function sourceLine(url, line, column) {
  const file = url.replace(/^file:\/\//, '');
  if (!/\/packages\/[^/]+\/lib\//.test(file)) return line + 1;
  let map = sourceMaps.get(file);
  if (map === undefined) {
    try {
      map = new (require('module').SourceMap)(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(file, map);
  }
  const entry = map && map.findEntry(line, column);
  return entry && typeof entry.originalLine === 'number' ? entry.originalLine + 1 : line + 1;
}

const isOurs = (file) => /^packages\/(cdk|rules)\/src\//.test(file);

function summarize(file, top, under = []) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => {
    const f = shortFile(n.callFrame.url);
    const line = n.callFrame.url
      ? `:${sourceLine(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber)}`
      : '';
    return `${n.callFrame.functionName || '(anonymous)'}  ${f}${line}`;
  };

  // Self time per sample: timeDeltas[i] is the time before sample i; attribute it to sample i.
  const self = new Map();
  const inclusiveOurs = new Map();
  const selfUnderOurs = new Map();
  const selfUnderOursByFile = new Map();
  const selfUnder = new Map(under.map((name) => [name, new Map()]));
  const totalUnder = new Map(under.map((name) => [name, 0]));
  let total = 0;
  let underOurs = 0;
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]);
    total += dt;
    add(self, key(leaf), dt);
    const seen = new Set();
    const below = new Set();
    let ours = false;
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (selfUnder.has(n.callFrame.functionName)) below.add(n.callFrame.functionName);
      if (isOurs(shortFile(n.callFrame.url))) {
        ours = true;
        const k = key(n);
        if (!seen.has(k)) {
          seen.add(k);
          add(inclusiveOurs, k, dt);
        }
      }
    }
    for (const name of below) {
      add(selfUnder.get(name), key(leaf), dt);
      add(totalUnder, name, dt);
    }
    if (ours) {
      underOurs += dt;
      add(selfUnderOurs, key(leaf), dt);
      add(selfUnderOursByFile, shortFile(leaf.callFrame.url), dt);
    }
  }

  const out = [];
  const table = (title, m, n) => {
    out.push('', title);
    for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      out.push(`  ${v.toFixed(1).padStart(8)} ms  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
    }
  };
  out.push(
    `Profile ${file}: ${total.toFixed(0)} ms sampled; Deadbolt code (packages/cdk, packages/rules) on the stack: ${underOurs.toFixed(0)} ms (${((underOurs / total) * 100).toFixed(1)}%).`,
  );
  table('Top self time, whole process:', self, top);
  table('Inclusive time of Deadbolt functions (time with the function on the stack):', inclusiveOurs, top);
  table('Self time while Deadbolt code is on the stack, per function (any package):', selfUnderOurs, top);
  table('Same, per file:', selfUnderOursByFile, Math.min(top, 15));
  for (const name of under)
    table(`Self time below \`${name}\` (${totalUnder.get(name).toFixed(1)} ms in all):`, selfUnder.get(name), top);
  return out.join('\n');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.read) {
    process.stdout.write(`${summarize(opts.read, opts.top, opts.under)}\n`);
    return;
  }
  const { file, cleanup } = record(opts);
  process.stdout.write(`${summarize(file, opts.top, opts.under)}\n`);
  if (cleanup) fs.rmSync(cleanup, { recursive: true, force: true });
  else process.stdout.write(`\nKept ${file}.\n`);
}

main();
