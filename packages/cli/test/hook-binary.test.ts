/**
 * `deadbolt hook`, run as the built binary the way Claude Code runs it: the
 * hook JSON on standard input, the decision as JSON on standard output (or
 * exit code 2), the fast path that loads neither the rule catalogue nor the
 * YAML parser, and `deadbolt hook install`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deadbolt, requireBuiltBinary } from './helpers';

function hookInput(command: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    session_id: 's1',
    transcript_path: '/tmp/t.jsonl',
    cwd: '/tmp',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'a command' },
    ...extra,
  });
}

interface HookJson {
  hookSpecificOutput: { hookEventName: string; permissionDecision: string; permissionDecisionReason: string };
}

let tmp: string;

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-hook-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('deadbolt hook claude-code', () => {
  test('deny: JSON with the decision and a reason naming the command, exit 0', () => {
    const r = deadbolt(['hook', 'claude-code'], { input: hookInput('cd infra && terraform destroy -auto-approve') });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as HookJson;
    expect(out.hookSpecificOutput.hookEventName).toBe('PreToolUse');
    expect(out.hookSpecificOutput.permissionDecision).toBe('deny');
    expect(out.hookSpecificOutput.permissionDecisionReason).toContain(
      '`terraform destroy -auto-approve` destroys every resource',
    );
    expect(out.hookSpecificOutput.permissionDecisionReason).toContain('deadbolt plan');
  });

  test('deny through the parser: quotes, a variable and a wrapper', () => {
    const r = deadbolt(['hook', 'claude-code'], { input: hookInput(`X=dest; sudo te"rr"aform "$X"roy`) });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as HookJson).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  test('ask: JSON with "ask" for a command it cannot see through', () => {
    const r = deadbolt(['hook', 'claude-code'], { input: hookInput('echo dGVycmFmb3JtIGRlc3Ryb3k= | base64 -d | sh') });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as HookJson;
    expect(out.hookSpecificOutput.permissionDecision).toBe('ask');
    expect(out.hookSpecificOutput.permissionDecisionReason).toContain('cannot tell');
  });

  test('allow: no output, exit 0 (Claude Code applies its own permission rules)', () => {
    for (const command of ['ls -la', 'git commit -m "terraform destroy"', 'terraform plan -out=tfplan']) {
      const r = deadbolt(['hook', 'claude-code'], { input: hookInput(command) });
      expect({ command, status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        command,
        status: 0,
        stdout: '',
        stderr: '',
      });
    }
  });

  test('other tools and other events: no opinion', () => {
    const write = deadbolt(['hook', 'claude-code'], {
      input: JSON.stringify({
        hook_event_name: 'PreToolUse',
        tool_name: 'Write',
        tool_input: { file_path: 'x', content: 'terraform destroy' },
      }),
    });
    expect([write.status, write.stdout]).toEqual([0, '']);
    const post = deadbolt(['hook', 'claude-code'], {
      input: hookInput('terraform destroy', { hook_event_name: 'PostToolUse' }),
    });
    expect([post.status, post.stdout]).toEqual([0, '']);
  });

  test('--exit-code and DEADBOLT_HOOK_MODE=exit-code: exit 2 with the reason on stderr', () => {
    const r = deadbolt(['hook', 'claude-code', '--exit-code'], { input: hookInput('pulumi destroy --yes') });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('`pulumi destroy --yes` deletes every resource in the stack');
    const env = deadbolt(['hook', 'claude-code'], {
      input: hookInput('aws s3 rb s3://prod --force'),
      env: { DEADBOLT_HOOK_MODE: 'exit-code' },
    });
    expect(env.status).toBe(2);
    expect(env.stderr).toContain('deletes an S3 bucket');
    const ask = deadbolt(['hook', 'claude-code', '--exit-code'], { input: hookInput('eval "$CMD"') });
    expect(ask.status).toBe(2);
    expect(ask.stderr).toContain('cannot ask, so it blocks');
    const allow = deadbolt(['hook', 'claude-code', '--exit-code'], { input: hookInput('npm test') });
    expect([allow.status, allow.stdout, allow.stderr]).toEqual([0, '', '']);
  });

  test('unreadable input fails closed: exit 2 and a message, never exit 1', () => {
    for (const input of ['', 'not json', '[1,2]', '{"tool_name":"Bash","tool_input":{}}']) {
      const r = deadbolt(['hook', 'claude-code'], { input });
      expect({ input, status: r.status }).toEqual({ input, status: 2 });
      expect(r.stderr).toMatch(/^deadbolt hook: .*Blocking this tool call/);
    }
    const badMode = deadbolt(['hook', 'claude-code'], { input: hookInput('ls'), env: { DEADBOLT_HOOK_MODE: 'loud' } });
    expect(badMode.status).toBe(2);
  });

  test('reads scripts relative to the input cwd', () => {
    fs.writeFileSync(path.join(tmp, 'nuke.sh'), '#!/bin/sh\npulumi destroy --yes --stack prod\n');
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ scripts: { teardown: 'cdk destroy --force' } }));
    for (const command of ['bash nuke.sh', './nuke.sh', 'npm run teardown']) {
      const r = deadbolt(['hook', 'claude-code'], { input: hookInput(command, { cwd: tmp }) });
      expect({ command, decision: (JSON.parse(r.stdout) as HookJson).hookSpecificOutput.permissionDecision }).toEqual({
        command,
        decision: 'deny',
      });
    }
  });

  test('the fast path loads only the hook: no cli.js, no rule catalogue, no YAML parser', () => {
    const preload = path.join(tmp, 'modules.js');
    fs.writeFileSync(
      preload,
      `process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));\n`,
    );
    for (const command of ['ls', 'terraform destroy', 'x=terraform; $x destroy']) {
      const r = deadbolt(['hook', 'claude-code'], { input: hookInput(command), nodeArgs: ['-r', preload] });
      const loaded = JSON.parse(r.stderr) as string[];
      const ours = loaded.filter((f) => f !== preload);
      expect(ours.some((f) => f.endsWith(path.join('src', 'cli.js')))).toBe(false);
      // Of the rules package, only the data-store table (its light entry point `@deadbolt/rules/data-stores`).
      const rules = ours.filter(
        (f) => /[\\/]packages[\\/]rules[\\/]/.test(f) || /[\\/]@deadbolt[\\/]rules[\\/]/.test(f),
      );
      expect(rules.filter((f) => !/[\\/]lib[\\/]spec[\\/]data-stores\.js$/.test(f))).toEqual([]);
      expect(ours.some((f) => /[\\/]node_modules[\\/]yaml[\\/]/.test(f))).toBe(false);
      // The WebAssembly parser is loaded only for a line the simple lexer cannot read.
      expect(ours.some((f) => f.includes('web-tree-sitter'))).toBe(command.includes('$'));
    }
  });

  test('`deadbolt hook explain` prints the decision', () => {
    const r = deadbolt(['hook', 'explain', 'tofu destroy']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^deny: Deadbolt blocked this command: `tofu destroy`/);
    expect(deadbolt(['hook', 'explain', 'tofu plan']).stdout).toBe('allow\n');
  });

  test('usage errors exit 2', () => {
    expect(deadbolt(['hook']).status).toBe(2);
    expect(deadbolt(['hook', 'frobnicate']).stderr).toContain('unknown subcommand `frobnicate`');
    expect(deadbolt(['hook', 'claude-code', '--loud'], { input: hookInput('ls') }).status).toBe(2);
    expect(deadbolt(['hook', '--help']).stdout).toContain('Usage: deadbolt hook claude-code');
  });

  test('`deadbolt --help` lists the hook command', () => {
    expect(deadbolt(['--help']).stdout).toMatch(/\n {2}hook +Guard AI coding agents/);
  });
});

describe('deadbolt hook install', () => {
  test('--print prints the settings block: the guard script, never `npx`', () => {
    const r = deadbolt(['hook', 'install', '--print'], { cwd: tmp });
    expect(r.status).toBe(0);
    const guard = path.join(tmp, '.deadbolt', 'hooks', 'claude-code.sh');
    expect(JSON.parse(r.stdout)).toEqual({
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash|Write|Edit|MultiEdit',
            hooks: [{ type: 'command', command: expect.stringContaining(`[ -x '${guard}' ] && exec '${guard}'`) }],
          },
        ],
      },
    });
    // What runs is the command without its single-quoted words: the deny it prints when the script is gone names the reinstall.
    const command: string = JSON.parse(r.stdout).hooks.PreToolUse[0].hooks[0].command;
    expect(command.replace(/'(?:[^']|'\\'')*'/g, "''")).not.toMatch(/\bnpx\b/);
  });

  test('creates .claude/settings.json, and a second run changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'new-'));
    const first = deadbolt(['hook', 'install'], { cwd: dir });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Created .claude/settings.json');
    const file = path.join(dir, '.claude', 'settings.json');
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text).hooks.PreToolUse[0].hooks[0].command).toContain(
      path.join(dir, '.deadbolt', 'hooks', 'claude-code.sh'),
    );
    const second = deadbolt(['hook', 'install'], { cwd: dir });
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already runs the Deadbolt hook');
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  test("merges into existing settings and keeps the user's other settings and hooks", () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'merge-'));
    const file = path.join(dir, 'settings.local.json');
    const existing = {
      model: 'opus',
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'my-logger' }] }],
        PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --write' }] }],
      },
    };
    fs.writeFileSync(file, JSON.stringify(existing));
    const r = deadbolt(
      [
        'hook',
        'install',
        '--settings',
        'settings.local.json',
        '--command',
        'node_modules/.bin/deadbolt hook claude-code',
      ],
      { cwd: dir },
    );
    expect(r.status).toBe(0);
    const merged = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(merged.model).toBe('opus');
    expect(merged.permissions).toEqual(existing.permissions);
    expect(merged.hooks.PostToolUse).toEqual(existing.hooks.PostToolUse);
    expect(merged.hooks.PreToolUse).toEqual([
      existing.hooks.PreToolUse[0],
      {
        matcher: 'Bash|Write|Edit|MultiEdit',
        hooks: [{ type: 'command', command: 'node_modules/.bin/deadbolt hook claude-code' }],
      },
    ]);
    expect(deadbolt(['hook', 'install', '--settings', 'settings.local.json'], { cwd: dir }).stdout).toContain(
      'already runs',
    );
  });

  test('refuses to overwrite malformed settings (exit 2, file unchanged)', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'bad-'));
    fs.mkdirSync(path.join(dir, '.claude'));
    const file = path.join(dir, '.claude', 'settings.json');
    for (const content of ['{ "hooks": ', '{"hooks": []}', '{"hooks": {"PreToolUse": {}}}', '"text"']) {
      fs.writeFileSync(file, content);
      const r = deadbolt(['hook', 'install'], { cwd: dir });
      expect({ content, status: r.status }).toEqual({ content, status: 2 });
      expect(r.stderr).toMatch(/^deadbolt hook install: .*left unchanged\./);
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
    }
  });
});
