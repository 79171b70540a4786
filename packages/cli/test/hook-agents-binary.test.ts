/**
 * `deadbolt hook AGENT`, run as the built binary the way each agent runs it
 * (`npx tsc -b` first): a destroy is blocked, a benign command passes, garbage
 * input is blocked, and so are the test fault switches (an analysis that
 * throws, hangs past the watchdog, or crashes outside any promise), each in
 * the agent's own terms. And the OpenCode plugin, imported as OpenCode
 * imports it, blocking by throwing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { AGENTS, AGENT_NAMES, openCodePluginSource, type AgentName } from '../src/hook/agents';
import { AGENT_INPUTS } from './agent-inputs';
import { BIN, deadbolt, requireBuiltBinary } from './helpers';

let tmp: string;

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-agents-bin-')));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function hook(name: AgentName, input: string, env: Record<string, string> = {}) {
  const r = deadbolt(['hook', name], {
    input,
    cwd: tmp,
    env: { DEADBOLT_HOOK_TEST_FAULT: undefined, DEADBOLT_HOOK_TIMEOUT_MS: undefined, ...env },
  });
  return { ...r, outcome: { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 } };
}

describe.each(AGENT_NAMES)('deadbolt hook %s', (name) => {
  const adapter = AGENTS[name];
  const shell = (command: string): { input: string; env: Record<string, string> } => {
    const sample = AGENT_INPUTS[name].shell(command, tmp);
    return { input: JSON.stringify(sample.input), env: { ...('env' in sample ? sample.env : {}) } };
  };

  test('blocks a destroy, lets a benign command through, blocks garbage', () => {
    const destroy = shell('terraform destroy -auto-approve');
    const blocked = hook(name, destroy.input, destroy.env);
    expect(adapter.blocked(blocked.outcome)).toBe(true);
    expect(`${blocked.stdout}${blocked.stderr}`).toContain('terraform destroy -auto-approve');
    const benign = shell('npm test');
    const passed = hook(name, benign.input, benign.env);
    expect([passed.status, passed.stderr, adapter.blocked(passed.outcome)]).toEqual([0, '', false]);
    for (const garbage of ['', '}{', 'null']) {
      const r = hook(name, garbage);
      expect({ garbage, blocked: adapter.blocked(r.outcome) }).toEqual({ garbage, blocked: true });
      expect(r.status === 0 || r.status === 2).toBe(true);
    }
  });

  test('an analysis that throws, hangs or crashes blocks (never exit 1, never a pass)', () => {
    const benign = shell('ls -la');
    for (const [fault, timeout] of [
      ['throw', ''],
      ['hang', '200'],
      ['crash', ''],
    ]) {
      const env: Record<string, string> = { ...benign.env, DEADBOLT_HOOK_TEST_FAULT: fault };
      if (timeout) env.DEADBOLT_HOOK_TIMEOUT_MS = timeout;
      const r = hook(name, benign.input, env);
      expect({ fault, blocked: adapter.blocked(r.outcome) }).toEqual({ fault, blocked: true });
      expect({ fault, status: r.status === 0 || r.status === 2 }).toEqual({ fault, status: true });
      expect(r.ms).toBeLessThan(10_000);
    }
  });
});

test('the fast path for another agent loads only the hook: no cli.js, no rule catalogue, no YAML parser', () => {
  const preload = path.join(tmp, 'modules.js');
  fs.writeFileSync(
    preload,
    `process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));\n`,
  );
  const r = deadbolt(['hook', 'gemini'], {
    input: JSON.stringify(AGENT_INPUTS.gemini.shell('ls', tmp).input),
    nodeArgs: ['-r', preload],
  });
  const loaded = (JSON.parse(r.stderr) as string[]).filter((f) => f !== preload);
  expect(loaded.some((f) => f.endsWith(path.join('src', 'cli.js')))).toBe(false);
  expect(loaded.some((f) => /[\\/]node_modules[\\/]yaml[\\/]/.test(f))).toBe(false);
  expect(loaded.some((f) => f.includes('web-tree-sitter'))).toBe(false);
  expect(loaded.some((f) => f.endsWith('analyse.js'))).toBe(false);
});

test('`deadbolt hook --help` lists the agents', () => {
  const help = deadbolt(['hook', '--help']).stdout;
  for (const name of AGENT_NAMES) expect(help).toContain(name);
  expect(deadbolt(['hook', 'codex', '--help']).stdout).toContain('deadbolt hook AGENT');
});

describe('the OpenCode plugin', () => {
  /** Imports the plugin as OpenCode does (an ES module), calls `tool.execute.before`, and reports what happened. */
  function callPlugin(
    pluginFile: string,
    tool: string,
    args: Record<string, unknown>,
    env: Record<string, string> = {},
  ): { threw: boolean; message: string } {
    const script = `
      const mod = await import(${JSON.stringify(pathToFileURL(pluginFile).href)});
      const exported = Object.values(mod);
      if (exported.length !== 1 || typeof exported[0] !== 'function') throw new Error('expected one plugin function');
      const hooks = await exported[0]({ directory: ${JSON.stringify(tmp)}, worktree: ${JSON.stringify(tmp)} });
      try {
        await hooks['tool.execute.before']({ tool: ${JSON.stringify(tool)}, sessionID: 's', callID: 'c' }, { args: ${JSON.stringify(args)} });
        process.stdout.write(JSON.stringify({ threw: false, message: '' }));
      } catch (e) {
        process.stdout.write(JSON.stringify({ threw: true, message: e.message }));
      }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    if (r.status !== 0) throw new Error(`plugin run failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as { threw: boolean; message: string };
  }

  let plugin: string;
  beforeAll(() => {
    plugin = path.join(tmp, 'deadbolt.mjs');
    fs.writeFileSync(plugin, openCodePluginSource([process.execPath, BIN]));
  });

  test('throws with the reason for a destroy, returns for a benign command', () => {
    const blocked = callPlugin(plugin, 'bash', { command: 'pulumi destroy --yes', description: 'd' });
    expect(blocked.threw).toBe(true);
    expect(blocked.message).toContain('`pulumi destroy --yes` deletes every resource in the stack');
    expect(callPlugin(plugin, 'bash', { command: 'git status', description: 'd' })).toEqual({
      threw: false,
      message: '',
    });
    expect(
      callPlugin(plugin, 'write', { filePath: path.join(tmp, 'nuke.sh'), content: '#!/bin/sh\ncdk destroy --force\n' })
        .threw,
    ).toBe(true);
    expect(callPlugin(plugin, 'read', { filePath: 'README.md' }).threw).toBe(false);
  });

  test('blocks when Deadbolt is missing or fails', () => {
    const missing = path.join(tmp, 'missing.mjs');
    fs.writeFileSync(missing, openCodePluginSource([path.join(tmp, 'no-such-deadbolt')]));
    const r = callPlugin(missing, 'bash', { command: 'ls', description: 'd' });
    expect(r.threw).toBe(true);
    expect(r.message).toContain('Deadbolt could not check this tool call');
    expect(
      callPlugin(plugin, 'bash', { command: 'ls', description: 'd' }, { DEADBOLT_HOOK_TEST_FAULT: 'crash' }).threw,
    ).toBe(true);
  });
});
