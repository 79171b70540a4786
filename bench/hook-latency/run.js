#!/usr/bin/env node
'use strict';
/**
 * Latency of the agent hook (`deadbolt hook AGENT`, for every agent adapter),
 * against `node -e 0` measured in the same run.
 *
 *   npm run bench:hook                            # tsc -b, then this script
 *   node bench/hook-latency/run.js [--runs N] [--no-write] [--out FILE] [--commands N] [--agents a,b]
 *
 * Each round spawns, for every agent and every command of a fixed mix of
 * destructive and benign command lines (in an order rotated every round), the
 * built binary with that agent's hook input on standard input (the adapter's
 * own `probeInput`), and right before it `node -e 0`, so that machine noise
 * falls on both alike. It checks every answer with the adapter's own
 * `blocked` (a destructive line must be blocked in the agent's terms, a benign
 * one must pass), then prints per agent the medians, the p99, the margin
 * (hook − node -e 0) against the 40 ms target, the medians by reader
 * (pre-filter, simple lexer, WebAssembly parser) and by decision, and writes
 * the `## hook-latency` section of bench/RESULTS.md (unless --no-write).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { writeSection, gitCommit } = require('../results-file');
const { benchOptions } = require('../args');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const ANALYSE = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'hook', 'analyse.js');
const AGENTS = path.join(ROOT, 'packages', 'cli', 'lib', 'src', 'hook', 'agents', 'index.js');
const DEFAULT_OUT = path.join(ROOT, 'bench', 'RESULTS.md');
const TARGET_MARGIN_MS = 40;

/**
 * The mix: what an agent runs on an infrastructure repository, destructive and
 * benign, plain and obfuscated. Fixed, so runs can be compared.
 */
const MIX = [
  // destructive, plain
  ['terraform destroy -auto-approve', 'deny'],
  ['cd infra && terraform apply -auto-approve', 'deny'],
  ['npx cdk destroy --force', 'deny'],
  ['pulumi destroy --yes --stack prod', 'deny'],
  ['aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot', 'deny'],
  ['aws s3 rb s3://prod-data --force', 'deny'],
  // destructive, wrapped or obfuscated
  ["sudo timeout 60 te'rr'aform destroy", 'deny'],
  ['bash -c "pulumi down --yes"', 'deny'],
  ['python3 -c "import os; os.system(\'terraform destroy\')"', 'deny'],
  ['x=terraform; $x destroy -auto-approve', 'deny'],
  ['for d in dev prod; do terraform -chdir=$d destroy -auto-approve; done', 'deny'],
  ["cat <<'EOF' | sh\ncdk destroy --force\nEOF", 'deny'],
  ['echo dGVycmFmb3JtIGRlc3Ryb3k= | base64 -d | sh', 'ask'],
  ['eval "$CMD"', 'ask'],
  // benign
  ['ls -la', 'allow'],
  ['npm test', 'allow'],
  ['git status', 'allow'],
  ['git commit -m "Guard against terraform destroy in CI"', 'allow'],
  ['grep -rn "pulumi destroy" docs/', 'allow'],
  ['terraform plan -out=tfplan', 'allow'],
  ['cdk diff', 'allow'],
  ['aws s3 ls s3://prod-data', 'allow'],
  ['find . -name "*.tf" | xargs grep -l aws_db_instance', 'allow'],
  ['for f in src/*.ts; do echo "$f"; done', 'allow'],
];

function parseArgs(argv) {
  const opts = benchOptions(argv, {
    usage:
      'Usage: node bench/hook-latency/run.js [--runs N] [--no-write] [--out FILE] [--commands N] [--agents a,b,…]\n',
    defaultOut: DEFAULT_OUT,
    counts: { runs: 5, commands: MIX.length },
    strings: { agents: undefined },
  });
  return { ...opts, commands: Math.min(MIX.length, opts.commands) };
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  if (q === 0.5) {
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  // Nearest rank.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs) => quantile(xs, 0.5);

const fmt = (x, digits = 1) => (x === undefined ? 'n/a' : x.toFixed(digits));

function timed(args, input) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DEADBOLT_HOOK_MODE: '' },
  });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

function version(pkg) {
  try {
    return require(path.join(ROOT, 'node_modules', pkg, 'package.json')).version;
  } catch {
    return 'not installed';
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(BIN))
    fail(`${path.relative(ROOT, BIN)} does not exist: build first (\`npx tsc -b\`, or \`npm run bench:hook\`).`);
  const mix = MIX.slice(0, opts.commands);
  const { analyseCommand } = require(ANALYSE);
  const { AGENTS: ADAPTERS } = require(AGENTS);
  const names = opts.agents
    ? opts.agents
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean)
    : Object.keys(ADAPTERS);
  for (const n of names) if (!ADAPTERS[n]) fail(`Unknown agent \`${n}\`; known: ${Object.keys(ADAPTERS).join(', ')}.`);
  const readers = {};
  for (const [command] of mix) readers[command] = (await analyseCommand(command, { cwd: ROOT, env: {} })).reader;

  const started = new Date();
  const loadStart = os.loadavg();
  const bare = [];
  /** agent -> { hook: [], paired: [], byCommand: Map } */
  const perAgent = new Map(
    names.map((n) => [n, { hook: [], paired: [], byCommand: new Map(mix.map(([c]) => [c, []])) }]),
  );
  const wrong = [];
  for (let round = 0; round < opts.runs; round++) {
    for (let k = 0; k < mix.length; k++) {
      const [command, expected] = mix[(k + round) % mix.length];
      for (let a = 0; a < names.length; a++) {
        const name = names[(a + round) % names.length];
        const adapter = ADAPTERS[name];
        const base = timed(['-e', '0']);
        const h = timed([BIN, 'hook', name], adapter.probeInput(command, ROOT));
        const blocked = adapter.blocked({
          stdout: h.r.stdout ?? '',
          stderr: h.r.stderr ?? '',
          exitCode: h.r.status ?? -1,
        });
        if (blocked !== (expected !== 'allow')) {
          wrong.push(
            `${name}: ${JSON.stringify(command)}: expected ${expected === 'allow' ? 'to pass' : 'a block'}, got exit ${h.r.status}, stdout ${JSON.stringify((h.r.stdout || '').slice(0, 200))}, stderr ${JSON.stringify((h.r.stderr || '').slice(0, 200))}`,
          );
        }
        const mine = perAgent.get(name);
        bare.push(base.ms);
        mine.hook.push(h.ms);
        mine.paired.push(h.ms - base.ms);
        mine.byCommand.get(command).push(h.ms);
      }
    }
    process.stderr.write(`round ${round + 1}/${opts.runs}\r`);
  }
  process.stderr.write('\n');
  const loadEnd = os.loadavg();
  if (wrong.length) fail(`The hook answered differently than expected:\n${[...new Set(wrong)].join('\n')}`);

  const nodeMedian = median(bare);
  const allHook = [...perAgent.values()].flatMap((x) => x.hook);
  const group = (byCommand, key) => {
    const out = new Map();
    for (const [command, expected] of mix) {
      const k = key(command, expected);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(...byCommand.get(command));
    }
    return out;
  };
  const allByCommand = new Map(mix.map(([c]) => [c, [...perAgent.values()].flatMap((x) => x.byCommand.get(c))]));
  const byReader = group(allByCommand, (c) => readers[c]);
  const byDecision = group(allByCommand, (_, e) => e);
  const margins = names.map((n) => median(perAgent.get(n).hook) - nodeMedian);
  const worst = Math.max(...margins);
  const met = worst <= TARGET_MARGIN_MS;
  const busy = Math.max(loadStart[0], loadEnd[0]) > os.cpus().length * 0.5;

  const L = [];
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  L.push('## hook-latency', '');
  L.push(`- Date: ${started.toISOString()}`);
  L.push(
    `- Machine: ${os.cpus().length} cores (\`os.cpus().length\`), ${os.cpus()[0] ? os.cpus()[0].model : 'unknown'}, ${os.platform()} ${os.arch()}`,
  );
  L.push(
    `- Load average (1 / 5 / 15 min) at start: ${load(loadStart)}; at end: ${load(loadEnd)}${busy ? '. **The machine was busy: wall times are noisy**; the paired differences are the steadier number.' : ''}`,
  );
  L.push(
    `- Node ${process.version}, web-tree-sitter ${version('web-tree-sitter')}, @vscode/tree-sitter-wasm ${version('@vscode/tree-sitter-wasm')}, commit ${gitCommit(ROOT)}`,
  );
  L.push(
    `- Mix: ${mix.length} command lines (${mix.filter((m) => m[1] !== 'allow').length} destructive or unreadable, ${mix.filter((m) => m[1] === 'allow').length} benign; \`bench/hook-latency/run.js\`), ${names.length} agents, ${opts.runs} rounds: ${allHook.length} hook processes and as many \`node -e 0\`, each hook run right after its \`node -e 0\`. Every answer checked with the agent adapter's own \`blocked\` (a destructive line blocked in the agent's terms, a benign one passed).`,
  );
  L.push('');
  L.push(`\`node -e 0\`: median ${fmt(nodeMedian)} ms, p99 ${fmt(quantile(bare, 0.99))} ms.`);
  L.push('');
  L.push(
    '| Agent (`deadbolt hook AGENT`, its input on stdin) | Median, ms | p99, ms | **Margin** (median − `node -e 0`), ms | Median of paired differences, ms |',
  );
  L.push('|---|--:|--:|--:|--:|');
  names.forEach((n, i) => {
    const x = perAgent.get(n);
    L.push(
      `| ${n} | ${fmt(median(x.hook))} | ${fmt(quantile(x.hook, 0.99))} | **${fmt(margins[i])}** | ${fmt(median(x.paired))} |`,
    );
  });
  L.push(
    `| all agents | ${fmt(median(allHook))} | ${fmt(quantile(allHook, 0.99))} | ${fmt(median(allHook) - nodeMedian)} | ${fmt(median([...perAgent.values()].flatMap((x) => x.paired)))} |`,
  );
  L.push('');
  L.push(
    `Target: every agent's margin at most ${TARGET_MARGIN_MS} ms: **${met ? 'met' : 'missed'}** (largest ${fmt(worst)} ms).`,
  );
  L.push('');
  L.push(
    'By how the hook read the line, all agents (the WebAssembly parser is loaded only for lines the simple lexer does not read):',
  );
  L.push('');
  L.push('| Reader | Command lines | Median, ms | − `node -e 0`, ms | p99, ms |');
  L.push('|---|--:|--:|--:|--:|');
  const readerName = {
    prefilter: 'pre-filter (no parsing)',
    simple: 'simple lexer',
    parser: 'tree-sitter (WebAssembly)',
  };
  for (const r of ['prefilter', 'simple', 'parser']) {
    const xs = byReader.get(r);
    if (!xs) continue;
    L.push(
      `| ${readerName[r]} | ${mix.filter(([c]) => readers[c] === r).length} | ${fmt(median(xs))} | ${fmt(median(xs) - nodeMedian)} | ${fmt(quantile(xs, 0.99))} |`,
    );
  }
  L.push('');
  L.push('| Decision | Command lines | Median, ms |');
  L.push('|---|--:|--:|');
  for (const d of ['deny', 'ask', 'allow']) {
    const xs = byDecision.get(d);
    if (xs) L.push(`| ${d} | ${mix.filter((m) => m[1] === d).length} | ${fmt(median(xs))} |`);
  }
  L.push('');
  L.push('<details><summary>Median per command line (all agents)</summary>', '');
  L.push('| Command line | Expected | Reader | Median, ms |');
  L.push('|---|---|---|--:|');
  for (const [command, expected] of mix) {
    L.push(
      `| \`${command.replace(/\n/g, '⏎').replace(/\|/g, '\\|')}\` | ${expected} | ${readers[command]} | ${fmt(median(allByCommand.get(command)))} |`,
    );
  }
  L.push('', '</details>', '');
  const md = `${L.join('\n')}\n`;
  process.stdout.write(`\n${md}`);
  if (opts.write) {
    if ((opts.commands < MIX.length || opts.agents) && opts.out === DEFAULT_OUT) {
      process.stdout.write(
        '\nNot written to bench/RESULTS.md: that records the full mix for every agent. Pass --out FILE to keep this run.\n',
      );
    } else {
      writeSection(opts.out, 'hook-latency', md);
      process.stdout.write(`\nWrote ${path.relative(process.cwd(), opts.out) || opts.out}.\n`);
    }
  }
  // The analysis module loaded the WebAssembly parser in this process: do not wait for V8 at exit.
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(2);
});
