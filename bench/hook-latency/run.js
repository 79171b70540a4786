#!/usr/bin/env node
'use strict';
/**
 * Latency of the Claude Code hook (`deadbolt hook claude-code`), against
 * `node -e 0` measured in the same run.
 *
 *   npm run bench:hook                            # tsc -b, then this script
 *   node bench/hook-latency/run.js [--runs N] [--no-write] [--out FILE] [--commands N]
 *
 * Each round spawns, for every command of a fixed mix of destructive and
 * benign command lines (in an order rotated every round), the built binary
 * with the hook JSON on standard input, and right before it `node -e 0`, so
 * that machine noise falls on both alike. It checks every answer against the
 * expected decision, then prints the medians, the margin (hook − node -e 0,
 * medians over all runs, and the median of the paired differences) against
 * the 40 ms target, and the medians by reader (pre-filter, simple lexer,
 * WebAssembly parser) and by decision, and writes the `## hook-latency`
 * section of bench/RESULTS.md (unless --no-write).
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
    usage: 'Usage: node bench/hook-latency/run.js [--runs N] [--no-write] [--out FILE] [--commands N]\n',
    defaultOut: DEFAULT_OUT,
    counts: { runs: 15, commands: MIX.length },
  });
  return { ...opts, commands: Math.min(MIX.length, opts.commands) };
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (x, digits = 1) => (x === undefined ? 'n/a' : x.toFixed(digits));

function hookInput(command) {
  return JSON.stringify({
    session_id: 'bench',
    transcript_path: '/tmp/bench.jsonl',
    cwd: ROOT,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'bench' },
  });
}

function timed(args, input) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, DEADBOLT_HOOK_MODE: '' } });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

function decisionOf(r) {
  if (r.status !== 0) return `exit ${r.status}: ${(r.stderr || '').slice(0, 300)}`;
  if (r.stdout.trim() === '') return 'allow';
  return JSON.parse(r.stdout).hookSpecificOutput.permissionDecision;
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
  if (!fs.existsSync(BIN)) fail(`${path.relative(ROOT, BIN)} does not exist: build first (\`npx tsc -b\`, or \`npm run bench:hook\`).`);
  const mix = MIX.slice(0, opts.commands);
  const { analyseCommand } = require(ANALYSE);
  const readers = {};
  for (const [command] of mix) readers[command] = (await analyseCommand(command, { cwd: ROOT, env: {} })).reader;

  const started = new Date();
  const loadStart = os.loadavg();
  const bare = [];
  const hook = [];
  const paired = [];
  const byCommand = new Map(mix.map(([c]) => [c, []]));
  const wrong = [];
  for (let round = 0; round < opts.runs; round++) {
    for (let k = 0; k < mix.length; k++) {
      const [command, expected] = mix[(k + round) % mix.length];
      const base = timed(['-e', '0']);
      const h = timed([BIN, 'hook', 'claude-code'], hookInput(command));
      const got = decisionOf(h.r);
      if (got !== expected) wrong.push(`${JSON.stringify(command)}: expected ${expected}, got ${got}`);
      bare.push(base.ms);
      hook.push(h.ms);
      paired.push(h.ms - base.ms);
      byCommand.get(command).push(h.ms);
    }
    process.stderr.write(`round ${round + 1}/${opts.runs}\r`);
  }
  process.stderr.write('\n');
  const loadEnd = os.loadavg();
  if (wrong.length) fail(`The hook answered differently than expected:\n${[...new Set(wrong)].join('\n')}`);

  const nodeMedian = median(bare);
  const hookMedian = median(hook);
  const margin = hookMedian - nodeMedian;
  const pairedMedian = median(paired);
  const group = (key) => {
    const out = new Map();
    for (const [command, expected] of mix) {
      const k = key(command, expected);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(...byCommand.get(command));
    }
    return out;
  };
  const byReader = group((c) => readers[c]);
  const byDecision = group((_, e) => e);
  const met = margin <= TARGET_MARGIN_MS;
  const busy = Math.max(loadStart[0], loadEnd[0]) > os.cpus().length * 0.5;

  const L = [];
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  L.push('## hook-latency', '');
  L.push(`- Date: ${started.toISOString()}`);
  L.push(`- Machine: ${os.cpus().length} cores (\`os.cpus().length\`), ${os.cpus()[0] ? os.cpus()[0].model : 'unknown'}, ${os.platform()} ${os.arch()}`);
  L.push(`- Load average (1 / 5 / 15 min) at start: ${load(loadStart)}; at end: ${load(loadEnd)}${busy ? '. **The machine was busy: wall times are noisy**; the paired differences are the steadier number.' : ''}`);
  L.push(`- Node ${process.version}, web-tree-sitter ${version('web-tree-sitter')}, @vscode/tree-sitter-wasm ${version('@vscode/tree-sitter-wasm')} (Bash grammar), commit ${gitCommit(ROOT)}`);
  L.push(`- Mix: ${mix.length} command lines (${mix.filter((m) => m[1] !== 'allow').length} destructive or unreadable, ${mix.filter((m) => m[1] === 'allow').length} benign; \`bench/hook-latency/run.js\`), ${opts.runs} rounds: ${hook.length} hook processes and as many \`node -e 0\`, each hook run right after its \`node -e 0\`. Every answer checked against the expected decision.`);
  L.push('');
  L.push('| Measure | Median wall time, ms |');
  L.push('|---|--:|');
  L.push(`| \`node -e 0\` | ${fmt(nodeMedian)} |`);
  L.push(`| \`node packages/cli/lib/src/bin/deadbolt.js hook claude-code\`, hook JSON on stdin | ${fmt(hookMedian)} |`);
  L.push(`| **Margin** (hook − \`node -e 0\`, medians) | **${fmt(margin)}** |`);
  L.push(`| Median of the paired differences (each hook run − the \`node -e 0\` just before it) | ${fmt(pairedMedian)} |`);
  L.push('');
  L.push(`Target: margin at most ${TARGET_MARGIN_MS} ms: **${met ? 'met' : 'missed'}** (${fmt(margin)} ms).`);
  L.push('');
  L.push('By how the hook read the line (the WebAssembly parser is loaded only for lines the simple lexer does not read):');
  L.push('');
  L.push('| Reader | Command lines | Median, ms | − `node -e 0`, ms |');
  L.push('|---|--:|--:|--:|');
  const readerName = { prefilter: 'pre-filter (no parsing)', simple: 'simple lexer', parser: 'tree-sitter (WebAssembly)' };
  for (const r of ['prefilter', 'simple', 'parser']) {
    const xs = byReader.get(r);
    if (!xs) continue;
    L.push(`| ${readerName[r]} | ${mix.filter(([c]) => readers[c] === r).length} | ${fmt(median(xs))} | ${fmt(median(xs) - nodeMedian)} |`);
  }
  L.push('');
  L.push('| Decision | Command lines | Median, ms |');
  L.push('|---|--:|--:|');
  for (const d of ['deny', 'ask', 'allow']) {
    const xs = byDecision.get(d);
    if (xs) L.push(`| ${d} | ${mix.filter((m) => m[1] === d).length} | ${fmt(median(xs))} |`);
  }
  L.push('');
  L.push('<details><summary>Median per command line</summary>', '');
  L.push('| Command line | Expected | Reader | Median, ms |');
  L.push('|---|---|---|--:|');
  for (const [command, expected] of mix) {
    L.push(`| \`${command.replace(/\n/g, '⏎').replace(/\|/g, '\\|')}\` | ${expected} | ${readers[command]} | ${fmt(median(byCommand.get(command)))} |`);
  }
  L.push('', '</details>', '');
  const md = `${L.join('\n')}\n`;
  process.stdout.write(`\n${md}`);
  if (opts.write) {
    if (opts.commands < MIX.length && opts.out === DEFAULT_OUT) {
      process.stdout.write('\nNot written to bench/RESULTS.md: that records the full mix. Pass --out FILE to keep this run.\n');
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
