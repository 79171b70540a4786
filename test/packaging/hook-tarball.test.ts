/**
 * The agent hook as a user gets it: `npm pack` of @deadbolt/rules and
 * @deadbolt/cli (built first: `npx tsc -b`), installed into a fresh project
 * outside the repository, then the README's commands through the installed
 * `deadbolt` binary: explain, install for an agent, doctor, and the agent's
 * hook command run as the agent runs it.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
let work: string;
let app: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-tarball-'));
  const tarballs = ['rules', 'cli'].map((pkg) => {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: path.join(ROOT, 'packages', pkg), encoding: 'utf8' });
    return path.join(work, out.trim().split('\n').pop()!);
  });
  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], { cwd: app, encoding: 'utf8', timeout: 180_000 });
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function deadbolt(args: readonly string[]) {
  const bin = path.join(app, 'node_modules', '.bin', 'deadbolt');
  return spawnSync(bin, args, { cwd: app, encoding: 'utf8', env: { ...process.env, HOME: path.join(work, 'home') }, timeout: 60_000 });
}

test('the tarball ships the hook: no test code, no source maps it lacks, the data-store table', () => {
  const cli = path.join(app, 'node_modules', '@deadbolt', 'cli');
  expect(fs.existsSync(path.join(cli, 'lib', 'src', 'hook', 'agents', 'claude-code.js'))).toBe(true);
  expect(fs.existsSync(path.join(cli, 'docs', 'agents.md'))).toBe(true);
  expect(fs.existsSync(path.join(cli, 'lib', 'test'))).toBe(false);
  expect(fs.existsSync(path.join(app, 'node_modules', '@deadbolt', 'rules', 'data-stores', 'package.json'))).toBe(true);
});

test('explain, install, doctor, and the installed hook blocks a destroy in Gemini CLI\'s terms', () => {
  const explain = deadbolt(['hook', 'explain', 'sudo te"rr"aform destroy']);
  expect(explain.status).toBe(1);
  expect(explain.stdout).toMatch(/^deny: Deadbolt blocked this command/);

  const install = deadbolt(['hook', 'install', '--agent', 'gemini']);
  expect(install.stderr).toBe('');
  expect(install.status).toBe(0);
  const doctor = deadbolt(['hook', 'doctor']);
  expect(doctor.stdout).toContain('Gemini CLI: protected');
  expect(doctor.status).toBe(0);

  const settings = JSON.parse(fs.readFileSync(path.join(app, '.gemini', 'settings.json'), 'utf8'));
  const command: string = settings.hooks.BeforeTool[0].hooks[0].command;
  expect(command).not.toMatch(/^npx /);
  const input = JSON.stringify({ hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: 'aws rds delete-db-instance --db-instance-identifier prod' }, cwd: app });
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: os.tmpdir(), input, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'deny' });
});
