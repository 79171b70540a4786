/**
 * Every agent adapter, in process, on its agent's own input shapes
 * (`agent-inputs/`): a destroy is blocked in the agent's terms, a benign
 * command gets the agent's "no opinion", a command Deadbolt cannot see through
 * asks where the agent can ask and is otherwise blocked with how to run it
 * yourself, unreadable input and failures inside the hook block, other tools
 * pass, and a file write that puts a destroy into a script is blocked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AGENTS, AGENT_NAMES, type AgentAdapter, type AgentName, type HookOutcome } from '../src/hook/agents';
import { contentAfterEdits } from '../src/hook/agents/core';
import { patchCalls, searchReplaceEdits } from '../src/hook/agents/tool-calls';
import { AGENT_INPUTS, type Sample } from './agent-inputs';

const DESTROY = 'cd infra && terraform destroy -auto-approve';
const BENIGN = 'npm test -- --watch=false';
const UNSEEABLE = 'eval "$DEPLOY_CMD"';

/** What "no opinion" looks like for each agent. */
const NO_OPINION: Record<AgentName, Pick<HookOutcome, 'stdout' | 'exitCode'>> = {
  'claude-code': { stdout: '', exitCode: 0 },
  codex: { stdout: '', exitCode: 0 },
  cursor: { stdout: '{}\n', exitCode: 0 },
  gemini: { stdout: '', exitCode: 0 },
  copilot: { stdout: '', exitCode: 0 },
  windsurf: { stdout: '', exitCode: 0 },
  cline: { stdout: '{"cancel":false}\n', exitCode: 0 },
  kiro: { stdout: '', exitCode: 0 },
  continue: { stdout: '', exitCode: 0 },
  amp: { stdout: '', exitCode: 0 },
  opencode: { stdout: '', exitCode: 0 },
};

/** The reason the agent shows, read from its own output form. */
function reasonOf(name: AgentName, outcome: HookOutcome): string {
  const json = (): Record<string, any> => JSON.parse(outcome.stdout);
  switch (name) {
    case 'claude-code':
    case 'continue':
      return json().hookSpecificOutput.permissionDecisionReason;
    case 'cursor':
      expect(json().permission).toBe('deny');
      expect(json().user_message).toBe(json().agent_message);
      return json().agent_message;
    case 'gemini':
      expect(json().decision).toBe('deny');
      return json().reason;
    case 'copilot':
      expect(json().permissionDecision).toBe('deny');
      expect(json().hookSpecificOutput.permissionDecision).toBe('deny');
      return json().permissionDecisionReason;
    case 'cline':
      expect(json().cancel).toBe(true);
      return json().errorMessage;
    default:
      expect(outcome.exitCode).toBe(2);
      expect(outcome.stdout).toBe('');
      return outcome.stderr;
  }
}

const CAN_ASK: readonly AgentName[] = ['claude-code'];

async function run(
  adapter: AgentAdapter,
  sample: Sample | string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<HookOutcome> {
  let stdout = '';
  let stderr = '';
  const input = typeof sample === 'string' ? sample : JSON.stringify(sample.input);
  const exitCode = await adapter.run(
    input,
    {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: { ...(typeof sample === 'string' ? {} : sample.env), ...env },
    },
    args,
  );
  return { stdout, stderr, exitCode };
}

let tmp: string;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-agents-')));
  fs.writeFileSync(path.join(tmp, 'deploy.sh'), '#!/bin/sh\nset -e\necho deploying\nnpm run build\n');
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the registry lists every agent the issue names, plus OpenCode', () => {
  expect([...AGENT_NAMES].sort()).toEqual([
    'amp',
    'claude-code',
    'cline',
    'codex',
    'continue',
    'copilot',
    'cursor',
    'gemini',
    'kiro',
    'opencode',
    'windsurf',
  ]);
  for (const name of AGENT_NAMES) {
    expect(AGENTS[name].name).toBe(name);
    expect(AGENTS[name].docs).toMatch(/^https:\/\//);
  }
});

describe.each(AGENT_NAMES)('%s', (name) => {
  const adapter = AGENTS[name];
  const inputs = AGENT_INPUTS[name];

  test("a destroy is blocked in the agent's terms, with the command and the fix in the reason", async () => {
    const outcome = await run(adapter, inputs.shell(DESTROY, tmp));
    expect(adapter.blocked(outcome)).toBe(true);
    const reason = reasonOf(name, outcome);
    expect(reason).toContain('`terraform destroy -auto-approve` destroys every resource');
    expect(reason).toContain('terraform plan -out=tfplan');
  });

  test('a benign command gets the agent\'s "no opinion" (never a positive allow)', async () => {
    for (const command of [
      BENIGN,
      'ls -la',
      'git commit -m "terraform destroy"',
      'terraform plan -out=tfplan',
      'docker compose up -d',
    ]) {
      const outcome = await run(adapter, inputs.shell(command, tmp));
      expect({ command, stdout: outcome.stdout, exitCode: outcome.exitCode }).toEqual({ command, ...NO_OPINION[name] });
      expect(outcome.stderr).toBe('');
      expect(adapter.blocked(outcome)).toBe(false);
    }
  });

  test(
    CAN_ASK.includes(name)
      ? 'a command it cannot see through asks'
      : 'a command it cannot see through is blocked, saying how to run it yourself',
    async () => {
      const outcome = await run(adapter, inputs.shell(UNSEEABLE, tmp));
      expect(adapter.blocked(outcome)).toBe(true);
      if (CAN_ASK.includes(name)) {
        const out = JSON.parse(outcome.stdout);
        expect(out.hookSpecificOutput.permissionDecision).toBe('ask');
        expect(out.hookSpecificOutput.permissionDecisionReason).toContain('cannot tell');
      } else {
        const reason = reasonOf(name, outcome);
        expect(reason).toContain('cannot tell');
        expect(reason).toContain(`If you intend this, run it yourself in a terminal: \`${UNSEEABLE}\``);
        expect(reason).toContain(adapter.title);
      }
    },
  );

  test('unreadable input is blocked, never a pass', async () => {
    for (const input of ['', 'not json', '[1,2]', '"text"', '{"tool_name":']) {
      const outcome = await run(adapter, input);
      expect({ input, blocked: adapter.blocked(outcome) }).toEqual({ input, blocked: true });
      expect(outcome.exitCode === 0 || outcome.exitCode === 2).toBe(true);
    }
  });

  test('a shell tool without a command is blocked', async () => {
    const sample = inputs.shell(DESTROY, tmp);
    const broken = JSON.parse(
      JSON.stringify(sample.input, (key, value) =>
        ['command', 'cmd', 'command_line'].includes(key) ? undefined : value,
      ),
    );
    if (typeof broken.toolArgs === 'string') broken.toolArgs = '{}';
    const outcome = await run(adapter, { input: broken, env: sample.env });
    expect(adapter.blocked(outcome)).toBe(true);
  });

  test('tools it does not judge pass', async () => {
    const outcome = await run(adapter, inputs.other(tmp));
    expect({ stdout: outcome.stdout, exitCode: outcome.exitCode, stderr: outcome.stderr }).toEqual({
      ...NO_OPINION[name],
      stderr: '',
    });
  });

  test('writing a destroy into a script the agent may run is blocked; documentation about it is not', async () => {
    const script = await run(
      adapter,
      inputs.write(path.join(tmp, 'teardown.sh'), '#!/bin/sh\nterraform destroy -auto-approve\n', tmp),
    );
    expect(adapter.blocked(script)).toBe(true);
    expect(reasonOf(name, script)).toContain('teardown.sh');
    const docs = await run(
      adapter,
      inputs.write(path.join(tmp, 'RUNBOOK.md'), 'Never run `terraform destroy -auto-approve` against prod.\n', tmp),
    );
    expect(docs.exitCode).toBe(NO_OPINION[name].exitCode);
    expect(adapter.blocked(docs)).toBe(false);
    const harmless = await run(
      adapter,
      inputs.write(path.join(tmp, 'build.sh'), '#!/bin/sh\nnpm ci\nnpm run build\n', tmp),
    );
    expect(adapter.blocked(harmless)).toBe(false);
  });

  test("writing the guard's own files (hook settings, guard script, production markers) is blocked, whatever the content", async () => {
    const settings = await run(
      adapter,
      inputs.write(path.join(tmp, '.claude', 'settings.json'), '{"hooks":{}}\n', tmp),
    );
    expect(adapter.blocked(settings)).toBe(true);
    expect(reasonOf(name, settings)).toContain('must not edit its own guard');
    const guard = await run(
      adapter,
      inputs.write(path.join(tmp, '.deadbolt', 'hooks', `${name}.sh`), '#!/bin/sh\nexit 0\n', tmp),
    );
    expect(adapter.blocked(guard)).toBe(true);
    const markers = await run(adapter, inputs.edit(path.join(tmp, 'deadbolt.config.json'), '"prod"', '"nothing"', tmp));
    expect(adapter.blocked(markers)).toBe(true);
  });

  test('an edit that turns a harmless line of a script into a destroy is blocked', async () => {
    const outcome = await run(
      adapter,
      inputs.edit(path.join(tmp, 'deploy.sh'), 'npm run build', 'terraform destroy -auto-approve', tmp),
    );
    expect(adapter.blocked(outcome)).toBe(true);
    const fine = await run(
      adapter,
      inputs.edit(path.join(tmp, 'deploy.sh'), 'echo deploying', 'echo "deploying $(date)"', tmp),
    );
    expect(adapter.blocked(fine)).toBe(false);
  });

  test('an analysis that throws or never answers is blocked (DEADBOLT_HOOK_TEST_FAULT, the watchdog)', async () => {
    const thrown = await run(adapter, inputs.shell('ls', tmp), { DEADBOLT_HOOK_TEST_FAULT: 'throw' });
    expect(adapter.blocked(thrown)).toBe(true);
    const started = Date.now();
    const hung = await run(adapter, inputs.shell('ls', tmp), {
      DEADBOLT_HOOK_TEST_FAULT: 'hang',
      DEADBOLT_HOOK_TIMEOUT_MS: '50',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(adapter.blocked(hung)).toBe(true);
    expect(hung.exitCode === 0 || hung.exitCode === 2).toBe(true);
    expect(`${hung.stdout}${hung.stderr}`).toContain('did not finish analysing this tool call within 50 ms');
  });

  test('probeInput and blocked agree with run (what `deadbolt hook doctor` relies on)', async () => {
    expect(
      adapter.blocked(
        await run(adapter, adapter.probeInput('terraform destroy -auto-approve', tmp), {
          AGENT_TOOL_NAME: name === 'amp' ? 'Bash' : '',
        }),
      ),
    ).toBe(true);
    expect(adapter.blocked(await run(adapter, adapter.probeInput('ls -la', tmp)))).toBe(false);
  });

  test('deny() writes a block the agent honours, synchronously', () => {
    let stdout = '';
    let stderr = '';
    const exitCode = adapter.deny('Deadbolt stopped.', {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
    });
    expect(adapter.blocked({ stdout, stderr, exitCode })).toBe(true);
    expect(`${stdout}${stderr}`).toContain('Deadbolt stopped.');
  });
});

describe('agent-specific shapes', () => {
  const ask = async (name: AgentName, input: unknown, env: Record<string, string> = {}): Promise<HookOutcome> =>
    run(AGENTS[name], { input }, env);

  test('Claude Code --exit-code: exit 2 with the reason; an ask becomes a block', async () => {
    const deny = await run(AGENTS['claude-code'], AGENT_INPUTS['claude-code'].shell('pulumi destroy --yes', tmp), {}, [
      '--exit-code',
    ]);
    expect([deny.exitCode, deny.stdout]).toEqual([2, '']);
    expect(deny.stderr).toContain('pulumi destroy --yes');
    const unseeable = await run(AGENTS['claude-code'], AGENT_INPUTS['claude-code'].shell(UNSEEABLE, tmp), {
      DEADBOLT_HOOK_MODE: 'exit-code',
    });
    expect(unseeable.exitCode).toBe(2);
    expect(unseeable.stderr).toContain('cannot ask, so it blocks');
  });

  test('Claude Code: other events and an MCP tool that runs commands', async () => {
    const post = await ask('claude-code', {
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_input: { command: DESTROY },
    });
    expect([post.exitCode, post.stdout]).toEqual([0, '']);
    const mcp = await ask('claude-code', {
      hook_event_name: 'PreToolUse',
      tool_name: 'mcp__shell__run_command',
      tool_input: { command: 'tofu destroy' },
      cwd: tmp,
    });
    expect(JSON.parse(mcp.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    const memory = await ask('claude-code', {
      hook_event_name: 'PreToolUse',
      tool_name: 'mcp__memory__create_entities',
      tool_input: { command: 'terraform destroy' },
      cwd: tmp,
    });
    expect([memory.exitCode, memory.stdout]).toEqual([0, '']);
  });

  test('Claude Code MultiEdit reconstructs the file from every edit', async () => {
    fs.writeFileSync(path.join(tmp, 'ops.sh'), '#!/bin/sh\nterraform plan\nterraform apply tfplan\n');
    const outcome = await ask('claude-code', {
      hook_event_name: 'PreToolUse',
      cwd: tmp,
      tool_name: 'MultiEdit',
      tool_input: {
        file_path: path.join(tmp, 'ops.sh'),
        edits: [
          { old_string: 'terraform plan', new_string: 'terraform plan -destroy' },
          { old_string: 'apply tfplan', new_string: 'apply -destroy -auto-approve' },
        ],
      },
    });
    expect(JSON.parse(outcome.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  test('Copilot: toolArgs as an object or a JSON string, the VS Code compatible snake_case form, write_bash', async () => {
    for (const toolArgs of [{ command: DESTROY }, JSON.stringify({ command: DESTROY })]) {
      expect(AGENTS.copilot.blocked(await ask('copilot', { toolName: 'bash', toolArgs, cwd: tmp }))).toBe(true);
    }
    expect(
      AGENTS.copilot.blocked(
        await ask('copilot', {
          hook_event_name: 'PreToolUse',
          tool_name: 'run_in_terminal',
          tool_input: { command: DESTROY },
          cwd: tmp,
        }),
      ),
    ).toBe(true);
    expect(
      AGENTS.copilot.blocked(
        await ask('copilot', {
          toolName: 'write_bash',
          toolArgs: { sessionId: '1', input: 'terraform destroy -auto-approve\n' },
          cwd: tmp,
        }),
      ),
    ).toBe(true);
    expect(AGENTS.copilot.blocked(await ask('copilot', { toolName: 'bash', toolArgs: '{not json', cwd: tmp }))).toBe(
      true,
    );
    expect(
      (await ask('copilot', { toolName: 'powershell', toolArgs: { command: 'Get-ChildItem' }, cwd: tmp })).stdout,
    ).toBe('');
  });

  test('Cursor: an MCP tool that runs commands, with tool_input as a JSON string', async () => {
    const outcome = await ask('cursor', {
      hook_event_name: 'beforeMCPExecution',
      workspace_roots: [tmp],
      tool_name: 'run_terminal_command',
      tool_input: JSON.stringify({ command: DESTROY }),
    });
    expect(JSON.parse(outcome.stdout).permission).toBe('deny');
    const after = await ask('cursor', {
      hook_event_name: 'afterFileEdit',
      workspace_roots: [tmp],
      file_path: 'x.sh',
      edits: [],
    });
    expect(after.stdout).toBe('{}\n');
  });

  test('Gemini: dir_path relative to the project, and MCP tools', async () => {
    fs.mkdirSync(path.join(tmp, 'infra'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'infra', 'nuke.sh'), '#!/bin/sh\ncdk destroy --force\n');
    const outcome = await ask('gemini', {
      hook_event_name: 'BeforeTool',
      cwd: tmp,
      tool_name: 'run_shell_command',
      tool_input: { command: 'bash nuke.sh', dir_path: 'infra' },
    });
    expect(JSON.parse(outcome.stdout).decision).toBe('deny');
    const mcp = await ask('gemini', {
      hook_event_name: 'BeforeTool',
      cwd: tmp,
      tool_name: 'exec',
      mcp_context: { server_name: 'ssh' },
      tool_input: { cmd: 'terraform destroy' },
    });
    expect(JSON.parse(mcp.stdout).decision).toBe('deny');
  });

  test("Cline: the SDK's run_commands (strings and argument lists) and use_mcp_tool", async () => {
    const sdk = await ask('cline', {
      hookName: 'tool_call',
      workspaceRoots: [tmp],
      tool_call: {
        id: '1',
        name: 'run_commands',
        input: { commands: ['ls', { command: 'terraform', args: ['destroy', '-auto-approve'] }] },
      },
    });
    expect(JSON.parse(sdk.stdout).cancel).toBe(true);
    const mcp = await ask('cline', {
      hookName: 'PreToolUse',
      workspaceRoots: [tmp],
      preToolUse: {
        toolName: 'use_mcp_tool',
        parameters: {
          server_name: 'desktop-commander',
          tool_name: 'execute_command',
          arguments: JSON.stringify({ command: 'pulumi destroy --yes' }),
        },
      },
    });
    expect(JSON.parse(mcp.stdout).cancel).toBe(true);
    const other = await ask('cline', { hookName: 'TaskStart', workspaceRoots: [tmp], taskStart: {} });
    expect(JSON.parse(other.stdout)).toEqual({ cancel: false });
  });

  test('Codex: an apply_patch that adds a destroy to a Makefile recipe', async () => {
    fs.writeFileSync(path.join(tmp, 'Makefile'), 'deploy:\n\tnpm run build\n');
    const patch = `*** Begin Patch\n*** Update File: Makefile\n@@ deploy:\n-\tnpm run build\n+\tterraform destroy -auto-approve\n*** End Patch`;
    const outcome = await ask('codex', {
      hook_event_name: 'PreToolUse',
      cwd: tmp,
      tool_name: 'apply_patch',
      tool_input: { command: patch },
    });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toContain('Makefile');
  });

  test('Kiro: fs_write append adds a destroy to a script', async () => {
    const outcome = await ask('kiro', {
      hook_event_name: 'preToolUse',
      cwd: tmp,
      tool_name: 'fs_write',
      tool_input: { command: 'append', path: 'deploy.sh', new_str: 'terraform destroy -auto-approve' },
    });
    expect(outcome.exitCode).toBe(2);
  });

  test('Amp: without AGENT_TOOL_NAME, an input with `cmd` is read as Bash', async () => {
    expect((await ask('amp', { cmd: DESTROY, cwd: tmp })).exitCode).toBe(2);
    expect((await ask('amp', { cmd: 'ls' })).exitCode).toBe(0);
  });

  test('an unknown word after the agent name blocks instead of being ignored', async () => {
    const outcome = await run(AGENTS.gemini, AGENT_INPUTS.gemini.shell('ls', tmp), {}, ['--loud']);
    expect(AGENTS.gemini.blocked(outcome)).toBe(true);
  });
});

describe('reading patches and edits', () => {
  test('apply_patch: added files, updated hunks and moves', () => {
    const calls = patchCalls(
      '*** Begin Patch\n*** Add File: a.sh\n+#!/bin/sh\n+echo a\n*** Update File: b.sh\n*** Move to: c.sh\n@@\n echo b\n-echo old\n+echo new\n*** Delete File: d.sh\n*** End Patch',
      '/w',
    );
    expect(calls).toEqual([
      { kind: 'write', path: 'a.sh', content: '#!/bin/sh\necho a', cwd: '/w' },
      { kind: 'edit', path: 'c.sh', edits: [{ oldText: 'echo b\necho old', newText: 'echo b\necho new' }], cwd: '/w' },
    ]);
  });

  test('Cline SEARCH/REPLACE blocks, current and older markers', () => {
    expect(
      searchReplaceEdits(
        '------- SEARCH\na\n=======\nb\n+++++++ REPLACE\n<<<<<<< SEARCH\nc\n=======\nd\n>>>>>>> REPLACE',
      ),
    ).toEqual([
      { oldText: 'a', newText: 'b' },
      { oldText: 'c', newText: 'd' },
    ]);
  });

  test('an edit whose old text is not in the file is judged on the new text alone', () => {
    const file = path.join(tmp, 'deploy.sh');
    expect(contentAfterEdits(file, [{ oldText: 'not there', newText: 'X' }])).toBe('X');
    expect(contentAfterEdits(file, [{ oldText: 'echo deploying', newText: 'echo hi' }])).toContain(
      'echo hi\nnpm run build',
    );
    expect(contentAfterEdits(path.join(tmp, 'missing.sh'), [{ oldText: 'a', newText: 'b' }])).toBe('b');
  });
});
