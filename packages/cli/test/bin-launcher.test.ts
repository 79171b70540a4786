/**
 * `bin/deadbolt.js`, the file npm links as `deadbolt`: it runs the built
 * binary unchanged (arguments, standard input, exit code), and without a build
 * it says how to make one and exits 2, in Cline's JSON too for a hook call.
 * `hook install` run through it still points the guard at the built binary.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIN, requireBuiltBinary } from './helpers';

const LAUNCHER = path.resolve(__dirname, '..', 'bin', 'deadbolt.js');

beforeAll(requireBuiltBinary);

function launch(
  script: string,
  args: readonly string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
) {
  return spawnSync(process.execPath, [script, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 30_000,
  });
}

test('runs the built binary: same output and exit code as lib/src/bin/deadbolt.js', () => {
  for (const args of [
    ['rules', '--format', 'json'],
    ['check', '/nonexistent/template.json'],
    ['hook', 'explain', 'terraform destroy'],
  ]) {
    const direct = launch(BIN, args);
    const launched = launch(LAUNCHER, args);
    expect({ args, status: launched.status, stdout: launched.stdout, stderr: launched.stderr }).toEqual({
      args,
      status: direct.status,
      stdout: direct.stdout,
      stderr: direct.stderr,
    });
  }
});

test("an agent's hook call through it reads standard input and blocks a destroy", () => {
  const input = JSON.stringify({
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: 'terraform destroy -auto-approve' },
    cwd: os.tmpdir(),
  });
  const r = launch(LAUNCHER, ['hook', 'claude-code'], { input });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ hookSpecificOutput: { permissionDecision: 'deny' } });
});

describe('before the build', () => {
  let dir: string;
  let copy: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-launcher-'));
    copy = path.join(dir, 'bin', 'deadbolt.js');
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(LAUNCHER, copy);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('says how to build and exits 2', () => {
    const r = launch(copy, ['rules']);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'Deadbolt is not built: run `npm run build`.\n',
    });
  });

  test('a hook call blocks: exit 2, and for Cline the JSON it reads', () => {
    expect(launch(copy, ['hook', 'claude-code'], { input: '{}' }).status).toBe(2);
    const cline = launch(copy, ['hook', 'cline'], { input: '{}' });
    expect(cline.status).toBe(2);
    expect(JSON.parse(cline.stdout)).toEqual({
      cancel: true,
      errorMessage: 'Deadbolt is not built: run `npm run build`.',
    });
  });

  test('a built binary that cannot load is exit 2 with the reason, never a crash', () => {
    const lib = path.join(dir, 'lib', 'src', 'bin');
    fs.mkdirSync(lib, { recursive: true });
    fs.writeFileSync(path.join(lib, 'deadbolt.js'), "require('./missing-module');\n");
    const r = launch(copy, ['rules']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Deadbolt could not start \(Cannot find module '\.\/missing-module'/);
    fs.rmSync(path.join(dir, 'lib'), { recursive: true });
  });
});

test('hook install run through it writes a guard that runs the built binary by absolute path, not the launcher', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-launcher-install-'));
  try {
    const r = launch(LAUNCHER, ['hook', 'install', '--agent', 'codex'], {
      cwd: dir,
      env: { HOME: path.join(dir, 'home') },
    });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const guard = fs.readFileSync(path.join(dir, '.deadbolt', 'hooks', 'codex.sh'), 'utf8');
    expect(guard).toContain(`deadbolt='${fs.realpathSync(BIN)}'`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
