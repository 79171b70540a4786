#!/usr/bin/env node
'use strict';
/**
 * How the shell parsers on npm compare for the hook: load + first parse time,
 * in a fresh process (as the hook runs), and whether they read the hard cases.
 * Not part of `npm run bench:hook`: the candidates are not dependencies.
 * Install them somewhere else and point at that node_modules:
 *
 *   mkdir /tmp/parsers && cd /tmp/parsers && npm init -y
 *   npm install -E sh-syntax@0.7.0 mvdan-sh@0.10.1 bash-parser@0.5.0 shell-quote@1.12.0
 *   node bench/hook-latency/parsers.js --from /tmp/parsers/node_modules [--runs 11]
 *
 * `tree-sitter (wasm)` is what Deadbolt uses (web-tree-sitter + the Bash
 * grammar of @vscode/tree-sitter-wasm), always measured from this repository.
 * Prints a Markdown table; README.md keeps the last run.
 */
const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const HARD = [
  "te'rr'aform destroy",
  't\\erraform destroy',
  '$(echo terraform) destroy',
  'terraform$IFS"destroy"',
  'echo dGVycmFmb3JtIGRlc3Ryb3k= | base64 -d | sh',
  'python3 -c "import os; os.system(\'terraform destroy\')"',
  'bash <<EOF\nterraform destroy -auto-approve\nEOF',
  "bash <<< 'terraform destroy'",
  "$'\\x74erraform' destroy",
  'f() { terraform "$@"; }; f destroy',
  'function f { terraform destroy; }; f',
  'alias tf=terraform; tf destroy',
  'for d in a b; do (cd $d && terraform destroy -auto-approve); done',
  'if [[ -f x ]]; then cdk destroy --force; fi',
  'case $x in a) pulumi destroy;; esac',
  'diff <(terraform show) x',
  'x=(terraform destroy); "${x[@]}"',
  'coproc terraform destroy',
  'sudo -u root env A=1 nohup nice -n 5 timeout 60 terraform destroy',
  "find . -name '*.tf' -exec terraform destroy \\;",
  'ls | xargs -I{} terraform destroy {}',
  'select x in a; do terraform destroy; done',
  "cat <<-'EOF'\n\tterraform destroy\n\tEOF",
];
const SAMPLE = `FOO=1 sudo -E timeout 60 te'rr'aform destroy -auto-approve && echo "$(cat x)" | bash -c 'pulumi down --yes'`;

/** Each candidate: how to load it (returning a parse function), and whether its tree shows command words. */
const CANDIDATES = {
  'tree-sitter (wasm)': {
    from: 'repo',
    load: `async (req) => {
      require('v8').setFlagsFromString('--liftoff-only');
      const { Parser, Language } = req('web-tree-sitter');
      await Parser.init();
      const lang = await Language.load(require('fs').readFileSync(req.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-bash.wasm')));
      const p = new Parser(); p.setLanguage(lang);
      return (s) => { const t = p.parse(s); const bad = t.rootNode.hasError; const words = /word/.test(t.rootNode.toString()); t.delete(); if (bad) throw new Error('syntax error'); return words; };
    }`,
  },
  'sh-syntax': {
    // Same V8 flag as the hook's parser: without it, background optimisation of the WebAssembly delays exit.
    load: `async (req) => { require('v8').setFlagsFromString('--liftoff-only'); const m = req('sh-syntax'); return async (s) => { const f = await m.parse(s); return /"Args"/.test(JSON.stringify(f)); }; }`,
  },
  'mvdan-sh': {
    load: `async (req) => { const sh = req('mvdan-sh'); return (s) => { const f = sh.syntax.NewParser().Parse(s, ''); let w = false; sh.syntax.Walk(f, (n) => { if (n && sh.syntax.NodeType(n) === 'CallExpr') w = true; return true; }); return w; }; }`,
  },
  'bash-parser': {
    load: `async (req) => { const bp = req('bash-parser'); return (s) => /"Word"/.test(JSON.stringify(bp(s, { mode: 'bash' }))); }`,
  },
  'shell-quote': {
    // A tokenizer: a flat list of words and operators, no commands, substitutions or here-documents.
    load: `async (req) => { const sq = req('shell-quote'); return (s) => (sq.parse(s), false); }`,
  },
};

function childScript(name, from) {
  const c = CANDIDATES[name];
  return `
const { performance } = require('perf_hooks');
const t0 = performance.now();
const req = require('module').createRequire(${JSON.stringify(path.join(from, 'x.js'))});
(async () => {
  const parse = await (${c.load})(req);
  const t1 = performance.now();
  await parse(${JSON.stringify(SAMPLE)});
  const t2 = performance.now();
  let ok = 0, words = 0; const failed = [];
  if (process.argv[1] === 'hard') for (const s of ${JSON.stringify(HARD)}) {
    try { const w = await parse(s); ok++; if (w) words++; } catch (e) { failed.push(s); }
  }
  process.stdout.write(JSON.stringify({ load: t1 - t0, first: t2 - t1, ok, words, failed }));
  process.exit(0);
})().catch((e) => { process.stdout.write(JSON.stringify({ error: String(e && e.message || e) })); process.exit(0); });`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main() {
  const args = process.argv.slice(2);
  const fromAt = args.indexOf('--from');
  const runsAt = args.indexOf('--runs');
  const from = fromAt >= 0 ? path.resolve(args[fromAt + 1]) : undefined;
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 11;
  const rows = [];
  const base = [];
  const results = {};
  const names = Object.keys(CANDIDATES).filter((n) => CANDIDATES[n].from === 'repo' || from);
  for (const n of names) results[n] = { wall: [], load: [], first: [] };
  for (let r = 0; r < runs; r++) {
    let t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    base.push(Number(process.hrtime.bigint() - t) / 1e6);
    for (const n of names) {
      const dir = CANDIDATES[n].from === 'repo' ? path.join(ROOT, 'packages', 'cli') : from;
      t = process.hrtime.bigint();
      const out = spawnSync(process.execPath, ['-e', childScript(n, dir), 'time'], { encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      const j = JSON.parse(out.stdout || '{"error":"no output"}');
      if (j.error) {
        results[n].error = j.error;
        continue;
      }
      results[n].wall.push(ms);
      results[n].load.push(j.load);
      results[n].first.push(j.first);
    }
  }
  const nodeMs = median(base);
  for (const n of names) {
    const dir = CANDIDATES[n].from === 'repo' ? path.join(ROOT, 'packages', 'cli') : from;
    const hard = JSON.parse(
      spawnSync(process.execPath, ['-e', childScript(n, dir), 'hard'], { encoding: 'utf8' }).stdout || '{}',
    );
    const r = results[n];
    if (r.error || !r.wall.length) {
      rows.push(`| ${n} | not available: ${r.error || 'no run'} | | | | |`);
      continue;
    }
    rows.push(
      `| ${n} | ${median(r.load).toFixed(1)} | ${median(r.first).toFixed(1)} | ${median(r.wall).toFixed(0)} (+${(median(r.wall) - nodeMs).toFixed(0)}) | ${hard.ok}/${HARD.length} | ${hard.words}/${HARD.length} |`,
    );
  }
  process.stdout.write(
    [
      `Median of ${runs} fresh processes each; \`node -e 0\`: ${nodeMs.toFixed(0)} ms. Node ${process.version}.`,
      '',
      '| Parser | Load, ms (in process) | First parse, ms | Process wall time, ms (− `node -e 0`) | Hard cases parsed | Tree shows the command words |',
      '|---|--:|--:|--:|--:|--:|',
      ...rows,
      '',
    ].join('\n'),
  );
}

main();
