#!/usr/bin/env node
'use strict';
/**
 * What the jsii boundary costs a Python (Java, .NET, Go) user of @deadbolt/cdk, against baselines measured in the
 * same run.
 *
 *   npm run bench:jsii                      # npm run package, then this script
 *   node bench/jsii-kernel/run.js [--runs N] [--tables N] [--no-write] [--out FILE]
 *
 * One app, one stack of `--tables` DynamoDB tables, built and synthesized four ways, each in a fresh process, in
 * rounds with the order rotated:
 *   node-plain / node-checks      plain Node.js (bench/jsii-kernel/node-app.js), without / with DataProtectionChecks;
 *   kernel-plain / kernel-checks  through @jsii/runtime, as a Python program drives it: the registry tarballs of
 *                                 constructs, aws-cdk-lib and its jsii dependencies, and the @deadbolt/cdk tarball
 *                                 embedded in the generated Python package, loaded; then every table created, the
 *                                 aspect added and the app synthesized by kernel requests.
 * Reported: medians of the load time and of the build-and-synth time; the ratios kernel-checks / kernel-plain (what
 * Deadbolt adds for a Python user), node-checks / node-plain (the same for a TypeScript user) and kernel-plain /
 * node-plain (what jsii itself costs, whoever's library it is), each with the range of its per-round ratios.
 * Uses the kernel tests' host and assembly list, compiled (.build/test/jsii/, from `tsc -b`).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { benchOptions } = require('../args');
const { gitCommit, writeSection } = require('../results-file');

const ROOT = path.resolve(__dirname, '..', '..');
const COMPILED = path.join(ROOT, '.build', 'test', 'jsii');
const NODE_APP = path.join(__dirname, 'node-app.js');
const D = '@deadbolt/cdk';
const VARIANTS = ['node-plain', 'node-checks', 'kernel-plain', 'kernel-checks'];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A fresh runtime process with every assembly loaded, and how long that took. */
async function startLoaded(assemblies, packageCacheRoot) {
  const { JsiiRuntimeHost } = require(path.join(COMPILED, 'jsii-runtime-host.js'));
  const t0 = performance.now();
  const host = await JsiiRuntimeHost.start({ packageCacheRoot });
  for (const a of assemblies) await host.load(a.name, a.version, a.tarball);
  return { host, loadMs: performance.now() - t0 };
}

/** Loading into the kernel's package cache at `packageCacheRoot` (the default one when undefined), timed. */
async function loadOnly(assemblies, packageCacheRoot) {
  const { host, loadMs } = await startLoaded(assemblies, packageCacheRoot);
  await host.close();
  return loadMs;
}

/** One kernel run: a fresh runtime process, the assemblies loaded, the app built and synthesized by requests. */
async function kernelRun(assemblies, tables, withChecks, outdir) {
  const { struct, enumValue } = require(path.join(COMPILED, 'jsii-runtime-host.js'));
  const { host, loadMs } = await startLoaded(assemblies, undefined);

  const t1 = performance.now();
  const app = await host.create('aws-cdk-lib.App', [
    struct('aws-cdk-lib.AppProps', { outdir, builtinCloudFormationValidation: false }),
  ]);
  const stack = await host.create('aws-cdk-lib.Stack', [
    app,
    'Bench',
    struct('aws-cdk-lib.StackProps', {
      env: struct('aws-cdk-lib.Environment', { account: '111111111111', region: 'us-east-1' }),
      terminationProtection: true,
    }),
  ]);
  const key = struct('aws-cdk-lib.aws_dynamodb.Attribute', {
    name: 'pk',
    type: enumValue('aws-cdk-lib.aws_dynamodb.AttributeType', 'STRING'),
  });
  for (let i = 0; i < tables; i++) {
    await host.create('aws-cdk-lib.aws_dynamodb.Table', [
      stack,
      `Table${i}`,
      struct('aws-cdk-lib.aws_dynamodb.TableProps', { partitionKey: key }),
    ]);
  }
  let checks;
  if (withChecks) {
    checks = await host.create(`${D}.DataProtectionChecks`);
    const aspects = await host.sinvoke('aws-cdk-lib.Aspects', 'of', [app]);
    const priority = await host.sget('aws-cdk-lib.AspectPriority', 'READONLY');
    await host.invoke(aspects, 'add', [checks, struct('aws-cdk-lib.AspectOptions', { priority })]);
  }
  await host.invoke(app, 'synth');
  const buildSynthMs = performance.now() - t1;
  const findings = checks ? (await host.get(checks, 'findings')).length : 0;
  const code = await host.close();
  if (code !== 0) throw new Error(`the jsii runtime exited ${code}`);
  return { loadMs, buildSynthMs, findings };
}

function nodeRun(tables, withChecks, outdir) {
  const r = spawnSync(
    process.execPath,
    [NODE_APP, '--tables', String(tables), '--checks', String(withChecks), '--outdir', outdir],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) throw new Error(`node-app.js failed (exit ${r.status}):\n${r.stderr}`);
  const { requireMs, buildSynthMs, findings } = JSON.parse(line.slice('BENCH_RESULT '.length));
  return { loadMs: requireMs, buildSynthMs, findings };
}

function fmtRatio(values) {
  const m = median(values);
  return `${m.toFixed(2)}x (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;
}

async function main() {
  const opts = benchOptions(process.argv.slice(2), {
    usage: 'Usage: node bench/jsii-kernel/run.js [--runs N] [--tables N] [--no-write] [--out FILE]\n',
    defaultOut: path.join(ROOT, 'bench', 'RESULTS.md'),
    counts: { runs: 5, tables: 50 },
  });
  if (!fs.existsSync(COMPILED)) opts.fail(`missing the compiled jsii test host (\`npx tsc -b\`): ${COMPILED}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bench-jsii-'));
  try {
    // Throws when `npm run package` has not written the tarball the Python package embeds.
    const assemblies = require(path.join(COMPILED, 'assemblies.js')).cdkAppAssemblies(ROOT, work);
    // The kernel extracts each tarball once into its package cache (by default under the user's cache directory) and
    // reuses it in later runs, as a Python program's second run does: the kernel variants use that cache, warmed here;
    // the cold load is measured apart, each round, with an empty cache of its own.
    await loadOnly(assemblies, undefined);
    const coldMs = [];
    const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]));
    for (let round = 0; round < opts.runs; round++) {
      coldMs.push(await loadOnly(assemblies, fs.mkdtempSync(path.join(work, 'cold-cache-'))));
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
      for (const v of order) {
        const outdir = fs.mkdtempSync(path.join(work, `${v}-`));
        const withChecks = v.endsWith('-checks');
        const r = v.startsWith('kernel')
          ? await kernelRun(assemblies, opts.tables, withChecks, outdir)
          : nodeRun(opts.tables, withChecks, outdir);
        // Every table is unprotected: the checks must have judged them all, or the timing measures nothing.
        if (withChecks && r.findings < opts.tables)
          throw new Error(`${v}: ${r.findings} findings for ${opts.tables} tables`);
        samples[v].push(r);
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
    const med = (v, k) => median(samples[v].map((s) => s[k]));
    const paired = (a, b) => samples[a].map((s, i) => s.buildSynthMs / samples[b][i].buildSynthMs);
    const lines = [
      `Commit ${gitCommit(ROOT)}, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} CPUs; ${opts.runs} rounds, one stack of ${opts.tables} DynamoDB tables (each unprotected: the checks report every one). \`npm run bench:jsii\`.`,
      '',
      '| variant | load (ms, median) | build + synth (ms, median) | findings |',
      '| --- | ---: | ---: | ---: |',
      ...VARIANTS.map(
        (v) =>
          `| ${v} | ${med(v, 'loadMs').toFixed(0)} | ${med(v, 'buildSynthMs').toFixed(0)} | ${samples[v][0].findings} |`,
      ),
      '',
      'Load: for node-*, `require` of aws-cdk-lib and @deadbolt/cdk; for kernel-*, starting @jsii/runtime and loading',
      `the assemblies from their tarballs with the kernel's package cache warm (what a Python program pays at import,`,
      `from its second run on). A first run after install, with the cache empty, loads in ${median(coldMs).toFixed(0)} ms (median).`,
      '',
      '| ratio of build + synth (median, per-round range) | |',
      '| --- | --- |',
      `| what Deadbolt's checks add through the kernel (kernel-checks / kernel-plain) | ${fmtRatio(paired('kernel-checks', 'kernel-plain'))} |`,
      `| what they add in Node.js (node-checks / node-plain) | ${fmtRatio(paired('node-checks', 'node-plain'))} |`,
      `| what the jsii boundary itself costs (kernel-plain / node-plain) | ${fmtRatio(paired('kernel-plain', 'node-plain'))} |`,
    ];
    const section = `## jsii-kernel\n\n${lines.join('\n')}\n`;
    process.stdout.write(`${section}\n`);
    if (opts.write) writeSection(opts.out, 'jsii-kernel', section);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
