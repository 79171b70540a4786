#!/usr/bin/env node
'use strict';
/**
 * The agent hook end to end, for Claude Code, Codex CLI, Cursor and Gemini CLI
 * (none of which can run here): in a scratch project it
 *
 *   1. runs `deadbolt hook install --agent AGENT` for each,
 *   2. runs `deadbolt hook doctor`,
 *   3. plays each agent's part: runs the hook command install wrote into the
 *      agent's settings, the way the agent runs it (`sh -c`), with the agent's
 *      own hook input on standard input, for `terraform destroy
 *      -auto-approve` and for `ls -la`, and prints what the agent gets back.
 *
 *   node examples/agent-guardrails/try-it.js [--project DIR] [--agents a,b]
 *
 * Exit code 0 when every agent is protected and every destroy was blocked
 * and every `ls -la` passed; 1 otherwise.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');

const { values } = parseArgs({
  options: { project: { type: 'string' }, agents: { type: 'string', default: 'claude-code,codex,cursor,gemini' } },
});
const agents = values.agents
  .split(',')
  .map((a) => a.trim())
  .filter(Boolean);

// The installed package: `npm install --save-dev @deadbolt/cli` (in this repository, the workspace link).
const cliDir = path.dirname(require.resolve('@deadbolt/cli/package.json'));
const bin = path.join(cliDir, 'lib', 'src', 'bin', 'deadbolt.js');
const { AGENTS } = require(path.join(cliDir, 'lib', 'src', 'hook', 'agents', 'index.js'));

const project = values.project
  ? path.resolve(values.project)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-agents-'));
fs.mkdirSync(project, { recursive: true });

function deadbolt(args) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The first hook command in a settings file that runs this agent's Deadbolt guard script. */
function installedCommand(file, agent) {
  const wanted = `hooks/${agent}.sh`;
  const found = [];
  const walk = (value) => {
    if (found.length || value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      if (key === 'command' && typeof v === 'string' && v.includes(wanted)) found.push(v);
      else walk(v);
    }
  };
  walk(JSON.parse(fs.readFileSync(file, 'utf8')));
  return found[0];
}

const SETTINGS = {
  'claude-code': '.claude/settings.json',
  codex: '.codex/hooks.json',
  cursor: '.cursor/hooks.json',
  gemini: '.gemini/settings.json',
};

let ok = true;
const say = (text = '') => process.stdout.write(`${text}\n`);

say(`Project: ${project}`);
say();
say('1. Install');
for (const agent of agents) {
  const r = deadbolt(['hook', 'install', '--agent', agent]);
  say(`$ npx deadbolt hook install --agent ${agent}`);
  say(r.out.trimEnd().replace(/^/gm, '  '));
  if (r.status !== 0) ok = false;
}

say();
say('2. Doctor');
const doctor = deadbolt(['hook', 'doctor']);
say('$ npx deadbolt hook doctor');
say(doctor.out.trimEnd().replace(/^/gm, '  '));
if (doctor.status !== 0) ok = false;

say();
say('3. What each agent gets back');
for (const agent of agents) {
  const adapter = AGENTS[agent];
  const settings = SETTINGS[agent];
  const command = settings && installedCommand(path.join(project, settings), agent);
  if (!command) {
    say(`${adapter.title}: no Deadbolt hook command found in ${settings}`);
    ok = false;
    continue;
  }
  for (const [line, mustBlock] of [
    ['terraform destroy -auto-approve', true],
    ['ls -la', false],
  ]) {
    const r = spawnSync('/bin/sh', ['-c', command], {
      cwd: project,
      input: adapter.probeInput(line, project),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const outcome = { stdout: r.stdout ?? '', stderr: r.stderr ?? '', exitCode: r.status ?? -1 };
    const blocked = adapter.blocked(outcome);
    if (blocked !== mustBlock) ok = false;
    say(`${adapter.title}, \`${line}\`: ${blocked ? 'BLOCKED' : 'passes'} (exit ${outcome.exitCode})`);
    const shown = (outcome.stdout || outcome.stderr).trim();
    if (shown)
      say(`  ${outcome.stdout ? 'stdout' : 'stderr'}: ${shown.length > 400 ? `${shown.slice(0, 400)}…` : shown}`);
  }
}

say();
say(
  ok
    ? 'Every agent is protected: each destroy was blocked, each `ls -la` passed.'
    : 'NOT every agent is protected (see above).',
);
process.exitCode = ok ? 0 : 1;
