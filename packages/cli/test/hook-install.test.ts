/**
 * `deadbolt hook install` and `deadbolt hook doctor`, run as the built binary
 * (`npx tsc -b` first) against temporary projects and a temporary `HOME`:
 * every agent's file at its documented place, merged without losing the
 * user's settings, idempotent, refusing files it cannot read, and a hook that
 * blocks even when the guard is gone.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIN, deadbolt, requireBuiltBinary, type RunResult } from './helpers';

let tmp: string;

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-install-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A new project directory and home directory. */
function sandbox(name: string): { project: string; home: string; run: (args: string[]) => RunResult } {
  const dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
  const project = path.join(dir, 'project');
  const home = path.join(dir, 'home');
  fs.mkdirSync(project);
  fs.mkdirSync(home);
  return {
    project,
    home,
    run: (args) =>
      deadbolt(args, {
        cwd: project,
        env: {
          HOME: home,
          XDG_CONFIG_HOME: undefined,
          CODEX_HOME: undefined,
          COPILOT_HOME: undefined,
          CONTINUE_GLOBAL_DIR: undefined,
        },
      }),
  };
}

/** Every file under a directory with its text (to compare before and after). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = `${(fs.statSync(p).mode & 0o777).toString(8)} ${fs.readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Where each agent's configuration lands in the project, and a check of Deadbolt's entry in it. */
const PROJECT_FILES: Record<string, { file: string; check: (file: string) => void }> = {
  'claude-code': {
    file: '.claude/settings.json',
    check: (f) =>
      expect(readJson(f).hooks.PreToolUse[0]).toMatchObject({
        matcher: 'Bash|Write|Edit|MultiEdit',
        hooks: [{ type: 'command', command: expect.stringContaining('.deadbolt/hooks/claude-code.sh') }],
      }),
  },
  codex: {
    file: '.codex/hooks.json',
    check: (f) => {
      const json = readJson(f);
      // Codex refuses a hooks.json with top-level keys other than `description` and `hooks`.
      expect(Object.keys(json)).toEqual(['hooks']);
      expect(json.hooks.PreToolUse[0]).toMatchObject({
        matcher: 'Bash|apply_patch',
        hooks: [{ type: 'command', timeout: 30, command: expect.stringContaining('.deadbolt/hooks/codex.sh') }],
      });
    },
  },
  cursor: {
    file: '.cursor/hooks.json',
    check: (f) => {
      const json = readJson(f);
      expect(json.version).toBe(1);
      expect(json.hooks.beforeShellExecution).toEqual([
        { failClosed: true, command: expect.stringContaining('.deadbolt/hooks/cursor.sh') },
      ]);
      expect(json.hooks.preToolUse.map((e: { matcher: string }) => e.matcher)).toEqual(['Write', 'StrReplace', 'Edit']);
    },
  },
  gemini: {
    file: '.gemini/settings.json',
    check: (f) =>
      expect(readJson(f).hooks.BeforeTool[0]).toMatchObject({
        matcher: 'run_shell_command|write_file|replace',
        hooks: [{ type: 'command', name: 'deadbolt', timeout: 30000 }],
      }),
  },
  copilot: {
    file: '.github/hooks/deadbolt.json',
    check: (f) =>
      expect(readJson(f)).toEqual({
        version: 1,
        hooks: {
          preToolUse: [
            { type: 'command', timeoutSec: 30, bash: expect.stringContaining('.deadbolt/hooks/copilot.sh') },
          ],
        },
      }),
  },
  windsurf: {
    file: '.windsurf/hooks.json',
    check: (f) =>
      expect(Object.keys(readJson(f).hooks)).toEqual(['pre_run_command', 'pre_write_code', 'pre_mcp_tool_use']),
  },
  cline: {
    file: '.clinerules/hooks/PreToolUse',
    check: (f) => {
      expect(fs.statSync(f).mode & 0o111).toBe(0o111);
      expect(fs.readFileSync(f, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    },
  },
  kiro: {
    file: '.kiro/agents/deadbolt.json',
    check: (f) => {
      const json = readJson(f);
      expect(json).toMatchObject({ name: 'deadbolt', tools: ['*'] });
      expect(json.hooks.preToolUse.map((e: { matcher: string }) => e.matcher)).toEqual([
        'execute_bash',
        'shell',
        'fs_write',
        'write',
      ]);
    },
  },
  continue: {
    file: '.continue/settings.json',
    check: (f) => expect(readJson(f).hooks.PreToolUse[0].matcher).toBe('Bash|Write|Edit|MultiEdit'),
  },
  amp: {
    file: '.amp/settings.json',
    check: (f) => {
      const rules = readJson(f)['amp.permissions'];
      expect(rules.map((r: { tool: string }) => r.tool).sort()).toEqual(['Bash', 'create_file', 'edit_file']);
      for (const r of rules)
        expect(r).toMatchObject({ action: 'delegate', to: expect.stringMatching(/\/\.deadbolt\/hooks\/amp\.sh$/) });
    },
  },
  opencode: {
    file: '.opencode/plugins/deadbolt.js',
    check: (f) => expect(fs.readFileSync(f, 'utf8')).toContain('tool.execute.before'),
  },
};

describe('deadbolt hook install --agent NAME, then doctor', () => {
  test.each(Object.keys(PROJECT_FILES))(
    '%s: writes its own file, a second install changes nothing, doctor reports protected',
    (agent) => {
      const { project, run } = sandbox(agent);
      const first = run(['hook', 'install', '--agent', agent]);
      expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
      const { file, check } = PROJECT_FILES[agent];
      expect(first.stdout).toContain(`Created ${file}`);
      expect(first.stdout).toContain(`Check it: npx deadbolt hook doctor --agent ${agent}\n`);
      check(path.join(project, file));
      if (agent !== 'cline' && agent !== 'opencode') {
        const guard = path.join(project, '.deadbolt', 'hooks', `${agent}.sh`);
        expect(fs.statSync(guard).mode & 0o777).toBe(0o755);
        expect(fs.readFileSync(guard, 'utf8')).toContain(`hook ${agent} "$@"`);
      }
      const before = snapshot(project);
      const second = run(['hook', 'install', '--agent', agent]);
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('already runs the Deadbolt hook; nothing changed');
      expect(snapshot(project)).toEqual(before);

      const doctor = run(['hook', 'doctor', '--agent', agent]);
      expect({ status: doctor.status, stdout: doctor.stdout }).toEqual({
        status: 0,
        stdout: expect.stringMatching(/: protected \(/),
      });
    },
  );

  test('the guard script runs the binary by absolute path: no npx, no PATH lookup', () => {
    const { project, run } = sandbox('paths');
    expect(run(['hook', 'install']).status).toBe(0);
    const command: string = readJson(path.join(project, '.claude', 'settings.json')).hooks.PreToolUse[0].hooks[0]
      .command;
    // What runs is the command without its quoted words: the deny it prints when the script is gone names the reinstall.
    expect(command.replace(/'(?:[^']|'\\'')*'/g, "''")).not.toMatch(/\bnpx\b/);
    expect(command).toContain(
      'Reinstall it: `npm install --save-dev @deadbolt/cli && npx deadbolt hook install --agent claude-code`',
    );
    const guard = fs.readFileSync(path.join(project, '.deadbolt', 'hooks', 'claude-code.sh'), 'utf8');
    expect(guard).toContain(`node='${fs.realpathSync(process.execPath)}'`);
    expect(guard).toContain(`deadbolt='${fs.realpathSync(BIN)}'`);
    // The guard scripts hold this machine's paths: kept out of version control.
    expect(fs.readFileSync(path.join(project, '.deadbolt', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  test('doctor with no --agent checks every installed agent, and only those', () => {
    const { run } = sandbox('all');
    expect(run(['hook', 'doctor']).status).toBe(1);
    for (const agent of ['claude-code', 'codex', 'gemini'])
      expect(run(['hook', 'install', '--agent', agent]).status).toBe(0);
    const r = run(['hook', 'doctor', '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.protected).toBe(true);
    expect(report.agents.map((a: { agent: string }) => a.agent)).toEqual(['claude-code', 'codex', 'gemini']);
  });
});

describe('merging into existing settings', () => {
  test("Claude Code: the user's other settings and hooks are kept", () => {
    const { project, run } = sandbox('merge-claude');
    const existing = {
      model: 'opus',
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'my-logger' }] }],
        PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --write' }] }],
      },
    };
    fs.mkdirSync(path.join(project, '.claude'));
    fs.writeFileSync(path.join(project, '.claude', 'settings.json'), JSON.stringify(existing));
    expect(run(['hook', 'install']).stdout).toContain('Updated .claude/settings.json');
    const merged = readJson(path.join(project, '.claude', 'settings.json'));
    expect(merged.model).toBe('opus');
    expect(merged.permissions).toEqual(existing.permissions);
    expect(merged.hooks.PostToolUse).toEqual(existing.hooks.PostToolUse);
    expect(merged.hooks.PreToolUse[0]).toEqual(existing.hooks.PreToolUse[0]);
    expect(merged.hooks.PreToolUse).toHaveLength(2);
  });

  test('the old fail-open `npx deadbolt hook claude-code` is replaced where it stands', () => {
    const { project, run } = sandbox('legacy');
    fs.mkdirSync(path.join(project, '.claude'));
    const file = path.join(project, '.claude', 'settings.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        hooks: {
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'npx deadbolt hook claude-code' }] }],
        },
      }),
    );
    expect(run(['hook', 'install']).status).toBe(0);
    const pre = readJson(file).hooks.PreToolUse;
    expect(pre).toHaveLength(1);
    expect(pre[0].hooks[0].command).toContain('.deadbolt/hooks/claude-code.sh');
  });

  test.each([
    [
      'codex',
      '.codex/hooks.json',
      {
        hooks: {
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'audit.sh' }] }],
          Stop: [{ hooks: [{ type: 'command', command: 'notify' }] }],
        },
      },
    ],
    [
      'cursor',
      '.cursor/hooks.json',
      { version: 1, hooks: { beforeShellExecution: [{ command: './scan.sh' }], afterFileEdit: [{ command: 'fmt' }] } },
    ],
    [
      'gemini',
      '.gemini/settings.json',
      {
        theme: 'dark',
        hooks: { BeforeTool: [{ matcher: 'read_file', hooks: [{ type: 'command', command: 'log' }] }] },
      },
    ],
    [
      'windsurf',
      '.windsurf/hooks.json',
      {
        hooks: {
          pre_run_command: [{ command: 'audit', show_output: false }],
          post_cascade_response: [{ command: 'log' }],
        },
      },
    ],
    [
      'copilot',
      '.github/hooks/deadbolt.json',
      { version: 1, hooks: { sessionStart: [{ type: 'command', bash: 'echo hi' }] } },
    ],
    [
      'kiro',
      '.kiro/agents/deadbolt.json',
      { name: 'deadbolt', tools: ['read', 'shell'], hooks: { agentSpawn: [{ command: 'git status' }] } },
    ],
    [
      'amp',
      '.amp/settings.json',
      {
        'amp.permissions': [{ tool: 'Bash', matches: { cmd: 'git push*' }, action: 'ask' }],
        'amp.notifications.enabled': false,
      },
    ],
  ])("%s: keeps the user's entries", (agent, file, existing) => {
    const { project, run } = sandbox(`merge-${agent}`);
    const full = path.join(project, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, JSON.stringify(existing, null, 2));
    const r = run(['hook', 'install', '--agent', agent]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const merged = readJson(full);
    // Every value the user had is still there (Deadbolt's entries are added next to them).
    const keep = (have: any, want: any): void => {
      if (Array.isArray(want)) for (const w of want) expect(have).toContainEqual(w);
      else if (typeof want === 'object' && want !== null) for (const k of Object.keys(want)) keep(have[k], want[k]);
      else expect(have).toEqual(want);
    };
    keep(merged, existing);
    expect(JSON.stringify(merged)).toContain(`.deadbolt/hooks/${agent}.sh`);
  });

  test("Amp: Deadbolt's rules go first (the first matching rule wins)", () => {
    const { project, run } = sandbox('amp-order');
    const file = path.join(project, '.amp', 'settings.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify({ 'amp.permissions': [{ tool: 'Bash', action: 'allow' }] }));
    expect(run(['hook', 'install', '--agent', 'amp']).status).toBe(0);
    const rules = readJson(file)['amp.permissions'];
    expect(rules[rules.length - 1]).toEqual({ tool: 'Bash', action: 'allow' });
    expect(rules.slice(0, 3).every((r: { action: string }) => r.action === 'delegate')).toBe(true);
  });
});

describe('files it will not rewrite: exit 2, unchanged', () => {
  test.each(['claude-code', 'codex', 'cursor', 'gemini', 'copilot', 'windsurf', 'kiro', 'continue', 'amp'])(
    '%s: broken JSON, JSON with comments, and hooks of the wrong shape',
    (agent) => {
      const { project, run } = sandbox(`bad-${agent}`);
      const file = path.join(project, PROJECT_FILES[agent].file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const key = agent === 'amp' ? 'amp.permissions' : 'hooks';
      for (const content of ['{ "hooks": ', `{\n  // mine\n  "${key}": {}\n}`, `{"${key}": "text"}`, '"text"', '[]']) {
        fs.writeFileSync(file, content);
        const r = run(['hook', 'install', '--agent', agent]);
        expect({ content, status: r.status }).toEqual({ content, status: 2 });
        expect(r.stderr).toMatch(/^deadbolt hook install: .*left unchanged\./);
        if (content.includes('// mine')) expect(r.stderr).toContain('comments (JSONC)');
        expect(fs.readFileSync(file, 'utf8')).toBe(content);
        // Nothing else was written either.
        expect(fs.existsSync(path.join(project, '.deadbolt'))).toBe(false);
      }
    },
  );

  test("cline: a PreToolUse hook that is not Deadbolt's", () => {
    const { project, run } = sandbox('cline-foreign');
    const file = path.join(project, '.clinerules', 'hooks', 'PreToolUse');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\necho \'{"cancel":false}\'\n', { mode: 0o755 });
    const r = run(['hook', 'install', '--agent', 'cline']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("is not Deadbolt's; it was left unchanged");
    expect(fs.readFileSync(file, 'utf8')).toBe('#!/bin/sh\necho \'{"cancel":false}\'\n');
  });

  test('bad usage: an unknown agent, --project with --user, --command for a file-based agent', () => {
    const { run } = sandbox('usage');
    for (const args of [
      ['--agent', 'vim'],
      ['--project', '--user'],
      ['--agent', 'cline', '--command', 'x'],
    ]) {
      const r = run(['hook', 'install', ...args]);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
    }
    expect(run(['hook', 'doctor', '--format', 'xml']).status).toBe(2);
    expect(run(['hook', 'doctor', '--agent', 'vim']).status).toBe(2);
  });
});

describe('--print and --user', () => {
  test('--print shows the block and writes nothing', () => {
    const { project, home, run } = sandbox('print');
    for (const agent of Object.keys(PROJECT_FILES)) {
      const r = run(['hook', 'install', '--agent', agent, '--print']);
      expect({ agent, status: r.status }).toEqual({ agent, status: 0 });
      if (agent === 'cline') expect(r.stdout).toMatch(/^#!\/bin\/sh\n/);
      else if (agent === 'opencode') expect(r.stdout).toContain('tool.execute.before');
      else expect(JSON.stringify(JSON.parse(r.stdout))).toContain(`.deadbolt/hooks/${agent}.sh`);
    }
    expect(fs.readdirSync(project)).toEqual([]);
    expect(fs.readdirSync(home)).toEqual([]);
  });

  test("--user writes the user's file and the guard script under $HOME, not the project's", () => {
    const { project, home, run } = sandbox('user');
    const r = run(['hook', 'install', '--user']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Created ~/.claude/settings.json');
    expect(r.stdout).toContain('Check it: npx deadbolt hook doctor --agent claude-code --user\n');
    expect(fs.readdirSync(project)).toEqual([]);
    const command: string = readJson(path.join(home, '.claude', 'settings.json')).hooks.PreToolUse[0].hooks[0].command;
    expect(command).toContain(path.join(home, '.deadbolt', 'hooks', 'claude-code.sh'));
    // A user-wide hook is reinstalled from a CLI that outlives any one project.
    expect(command).toContain(
      'Reinstall it: `npm install --global @deadbolt/cli && npx deadbolt hook install --agent claude-code --user`',
    );
    expect(run(['hook', 'doctor', '--user']).stdout).toMatch(/^Claude Code: protected/);
    // The project has no hook: doctor for the project says so.
    expect(run(['hook', 'doctor']).status).toBe(1);
  });

  test.each([
    ['codex', '.codex/hooks.json'],
    ['copilot', '.copilot/hooks/deadbolt.json'],
    ['windsurf', '.codeium/windsurf/hooks.json'],
    ['cline', 'Documents/Cline/Hooks/PreToolUse'],
    ['amp', '.config/amp/settings.json'],
    ['opencode', '.config/opencode/plugins/deadbolt.js'],
  ])('--user --agent %s writes ~/%s', (agent, file) => {
    const { home, run } = sandbox(`user-${agent}`);
    expect(run(['hook', 'install', '--agent', agent, '--user']).status).toBe(0);
    expect(fs.existsSync(path.join(home, file))).toBe(true);
  });
});

/** The hook command an agent's settings hold, run the way the agent runs it. */
function runAsAgent(
  command: string,
  input: string,
  cwd: string,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', command], { input, cwd, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CLAUDE_INPUT = (command: string): string =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, cwd: '/tmp' });

test('the guard script adds less than 10 ms: one `sh` that execs the binary', () => {
  const { project, run } = sandbox('speed');
  expect(run(['hook', 'install']).status).toBe(0);
  // Time the chain the agent runs (settings command, guard script, exec) with a binary that does nothing,
  // against the agent starting that binary itself: the difference is what the guard costs.
  const guard = path.join(project, '.deadbolt', 'hooks', 'claude-code.sh');
  const text = fs.readFileSync(guard, 'utf8').replace(/^node=.*$/m, "node='/bin/true'");
  fs.writeFileSync(guard, text);
  const command: string = readJson(path.join(project, '.claude', 'settings.json')).hooks.PreToolUse[0].hooks[0].command;
  const time = (script: string): number => {
    const start = process.hrtime.bigint();
    spawnSync('/bin/sh', ['-c', script], { input: CLAUDE_INPUT('ls'), cwd: os.tmpdir() });
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  // The fastest of many runs of each chain: what it costs when nothing else holds the CPU (a parallel test
  // worker can stall any single spawn by more than the guard's whole cost). Up to three rounds, because on a
  // loaded 2-core machine one round can find no quiet moment at all.
  const overhead = (): number => {
    let direct = Infinity;
    let guarded = Infinity;
    for (let i = 0; i < 60; i++) {
      direct = Math.min(direct, time('exec /bin/true'));
      guarded = Math.min(guarded, time(command));
    }
    return guarded - direct;
  };
  const rounds: number[] = [];
  // One extra `sh` costs 1-3 ms on a workstation; a small VM with a slow fork measures about 6 ms. A guard that
  // did more (a second interpreter, a node start) costs tens of milliseconds, which this still catches.
  for (let round = 0; round < 3 && (rounds.length === 0 || rounds[rounds.length - 1] >= 10); round++)
    rounds.push(overhead());
  expect(Math.min(...rounds)).toBeLessThan(10);
});

describe('failing closed when the guard is gone', () => {
  /**
   * A copy of the built binary to install from, so that it can be removed
   * without touching the one the other tests run (dependencies resolve
   * through a node_modules link).
   */
  function copyOfBinary(dir: string): string {
    const lib = path.resolve(BIN, '..', '..', '..');
    fs.cpSync(path.join(lib, 'src'), path.join(dir, 'lib', 'src'), { recursive: true });
    fs.symlinkSync(path.resolve(lib, '..', '..', '..', 'node_modules'), path.join(dir, 'node_modules'));
    return path.join(dir, 'lib', 'src', 'bin', 'deadbolt.js');
  }

  test('binary removed: the guard script blocks with a reason (Claude Code JSON deny, Codex exit 2), and doctor says so', () => {
    const { project, home } = sandbox('gone');
    const copy = copyOfBinary(path.dirname(project));
    const env = { ...process.env, HOME: home };
    for (const agent of ['claude-code', 'codex']) {
      const r = spawnSync(process.execPath, [copy, 'hook', 'install', '--agent', agent], {
        cwd: project,
        env,
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
    }
    const claude: string = readJson(path.join(project, '.claude', 'settings.json')).hooks.PreToolUse[0].hooks[0]
      .command;
    const codex: string = readJson(path.join(project, '.codex', 'hooks.json')).hooks.PreToolUse[0].hooks[0].command;
    // Installed: a harmless command passes.
    expect(runAsAgent(claude, CLAUDE_INPUT('ls -la'), os.tmpdir())).toEqual({ status: 0, stdout: '', stderr: '' });

    fs.rmSync(copy);
    const denied = runAsAgent(claude, CLAUDE_INPUT('ls -la'), os.tmpdir());
    expect(denied.status).toBe(0);
    const out = JSON.parse(denied.stdout).hookSpecificOutput;
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('Deadbolt is missing');
    expect(out.permissionDecisionReason).toContain(
      'Reinstall it: `npm install --save-dev @deadbolt/cli && npx deadbolt hook install --agent claude-code`',
    );

    const codexDenied = runAsAgent(codex, CLAUDE_INPUT('ls -la'), os.tmpdir());
    expect(codexDenied.status).toBe(2);
    expect(codexDenied.stderr).toContain('Deadbolt is missing');

    const doctor = deadbolt(['hook', 'doctor'], { cwd: project, env: { HOME: home } });
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toMatch(/^Claude Code: NOT protected, binary missing: /m);
    expect(doctor.stdout).toMatch(/^Codex CLI: NOT protected, binary missing: /m);
  });

  test("the binary hangs in code that never yields, or exits 1: the guard script blocks in the agent's terms", () => {
    const { project, home, run } = sandbox('fault');
    for (const agent of ['claude-code', 'windsurf']) expect(run(['hook', 'install', '--agent', agent]).status).toBe(0);
    const claude: string = readJson(path.join(project, '.claude', 'settings.json')).hooks.PreToolUse[0].hooks[0]
      .command;
    const windsurf: string = readJson(path.join(project, '.windsurf', 'hooks.json')).hooks.pre_run_command[0].command;
    const asAgent = (command: string, input: string, fault: string) => {
      const env = { ...process.env, HOME: home, DEADBOLT_HOOK_TEST_FAULT: fault, DEADBOLT_GUARD_TIMEOUT_SECONDS: '2' };
      const started = Date.now();
      const r = spawnSync('/bin/sh', ['-c', command], {
        input,
        cwd: os.tmpdir(),
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
    };
    for (const fault of ['spin', 'exit']) {
      const c = asAgent(claude, CLAUDE_INPUT('terraform plan'), fault);
      expect(c.status).toBe(0);
      expect(JSON.parse(c.stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'deny' });
      expect(JSON.parse(c.stdout).hookSpecificOutput.permissionDecisionReason).toContain("Deadbolt's hook failed");
      expect(c.ms).toBeLessThan(15_000);
      const w = asAgent(
        windsurf,
        JSON.stringify({
          agent_action_name: 'pre_run_command',
          tool_info: { command_line: 'terraform plan', cwd: '/tmp' },
        }),
        fault,
      );
      expect(w.status).toBe(2);
      expect(w.stderr).toContain("Deadbolt's hook failed");
    }
  });

  test('guard script removed: the command in the settings still blocks', () => {
    const { project, run } = sandbox('no-script');
    expect(run(['hook', 'install', '--agent', 'codex']).status).toBe(0);
    const command: string = readJson(path.join(project, '.codex', 'hooks.json')).hooks.PreToolUse[0].hooks[0].command;
    fs.rmSync(path.join(project, '.deadbolt'), { recursive: true });
    const r = runAsAgent(command, CLAUDE_INPUT('ls -la'), os.tmpdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('guard script');
    expect(r.stderr).toContain('is missing');
    const doctor = run(['hook', 'doctor', '--agent', 'codex']);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain('NOT protected, binary missing');
  });

  test('the config entry deleted: doctor reports the command missing', () => {
    const { project, run } = sandbox('deleted');
    expect(run(['hook', 'install', '--agent', 'gemini']).status).toBe(0);
    const file = path.join(project, '.gemini', 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ hooks: { BeforeTool: [] } }));
    const r = run(['hook', 'doctor', '--agent', 'gemini', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).agents[0]).toMatchObject({
      agent: 'gemini',
      protected: false,
      problem: 'command missing',
    });
  });

  test('a hook that lets the destroy through: doctor reports the probe not blocked', () => {
    const { project, run } = sandbox('weak');
    fs.mkdirSync(path.join(project, '.claude'));
    // A "Deadbolt" command that answers nothing: Claude Code would run the command.
    fs.writeFileSync(
      path.join(project, '.claude', 'settings.json'),
      JSON.stringify({
        hooks: {
          PreToolUse: [
            { matcher: 'Bash', hooks: [{ type: 'command', command: 'cat >/dev/null; : deadbolt hook claude-code' }] },
          ],
        },
      }),
    );
    const r = run(['hook', 'doctor']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Claude Code: NOT protected, probe not blocked');
  });
});
