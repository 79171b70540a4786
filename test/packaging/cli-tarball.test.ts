/**
 * The `deadbolt` command as a user gets it: the packed tarballs of rules and
 * cli installed into a fresh project outside the repository
 * (`npm install --save-dev @deadbolt/cli`), then the READMEs' commands through
 * the installed binary: `check` on a template, `plan` on the Terraform plans of
 * examples/terraform-gate, and the agent hook (explain, install, doctor, and
 * the hook command run as the agent runs it).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, freshProject, pack, run, tarballProblems, type PackedPackage } from './tarballs';

let work: string;
let app: string;
let packed: PackedPackage[];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-cli-tarball-'));
  packed = (['rules', 'cli'] as const).map((pkg) => pack(pkg, work));
  app = freshProject(
    path.join(work, 'app'),
    packed.map((p) => p.tarball),
  );
  fs.cpSync(path.join(ROOT, 'examples', 'terraform-gate', 'plans'), path.join(app, 'plans'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'examples', 'terraform-gate', 'deploy'), path.join(app, 'deploy'), { recursive: true });
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function deadbolt(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return run(path.join(app, 'node_modules', '.bin', 'deadbolt'), args, app, { HOME: path.join(work, 'home'), ...env });
}

/** The exit code, with the output beside it so that a failure shows why. */
function exited(r: { status: number | null; stdout: string; stderr: string }) {
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('each tarball ships its LICENSE, the hook and the data-store table, no test code, and every source map with its source', () => {
  for (const p of packed) expect(tarballProblems(p, path.join(app, 'node_modules', p.name))).toEqual([]);
  const cli = path.join(app, 'node_modules', '@deadbolt', 'cli');
  expect(fs.existsSync(path.join(cli, 'lib', 'src', 'hook', 'agents', 'claude-code.js'))).toBe(true);
  expect(fs.existsSync(path.join(cli, 'docs', 'agents.md'))).toBe(true);
  expect(fs.existsSync(path.join(app, 'node_modules', '@deadbolt', 'rules', 'data-stores', 'package.json'))).toBe(true);
  expect(fs.realpathSync(path.join(app, 'node_modules', '.bin', 'deadbolt'))).toBe(
    fs.realpathSync(path.join(cli, 'bin', 'deadbolt.js')),
  );
});

test('check: a template with an unprotected database fails with the finding, the fixed one passes', () => {
  const unsafe = [
    'Resources:',
    '  Orders:',
    '    Type: AWS::RDS::DBInstance',
    '    DeletionPolicy: Retain',
    '    UpdateReplacePolicy: Retain',
    '    Properties:',
    '      Engine: postgres',
    '      DBInstanceClass: db.t3.micro',
    '      DeletionProtection: !Ref Protect',
    'Parameters:',
    '  Protect: { Type: String, Default: "false" }',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(app, 'template.yaml'), unsafe);
  const failed = deadbolt(['check', 'template.yaml', '--account', '111111111111', '--rule', 'rds-deletion-protection']);
  expect(exited(failed)).toEqual({ status: 1, output: expect.stringContaining('rds-deletion-protection') });

  fs.writeFileSync(path.join(app, 'template.yaml'), unsafe.replace('!Ref Protect', 'true'));
  const passed = deadbolt(['check', 'template.yaml', '--account', '111111111111', '--rule', 'rds-deletion-protection']);
  expect(exited(passed)).toEqual({ status: 0, output: expect.stringMatching(/^0 errors/m) });
});

test('plan: the destroy plan is blocked, the safe plan passes, signed approvals let the destroy through', () => {
  const destroy = deadbolt(['plan', 'plans/destroy.json']);
  expect(exited(destroy)).toEqual({ status: 1, output: expect.stringContaining('Blocked: 2 changes would lose data') });
  expect(destroy.stdout).toContain('aws_db_instance.orders');

  expect(exited(deadbolt(['plan', 'plans/safe.json']))).toEqual({ status: 0, output: expect.any(String) });

  const approved = deadbolt(
    ['plan', 'plans/destroy.json', '--approvals', 'deploy/approvals.json', '--require-signed'],
    {
      DEADBOLT_APPROVAL_SECRET: 'example-secret-never-use-this-one',
    },
  );
  expect(exited(approved)).toEqual({ status: 0, output: expect.any(String) });

  const truncated = path.join(app, 'truncated.json');
  fs.writeFileSync(truncated, fs.readFileSync(path.join(app, 'plans', 'destroy.json'), 'utf8').slice(0, 200));
  expect(deadbolt(['plan', 'truncated.json']).status).toBe(2);
});

test("hook: explain, install, doctor, and the installed hook blocks a destroy in Gemini CLI's terms", () => {
  const explain = deadbolt(['hook', 'explain', 'sudo te"rr"aform destroy']);
  expect(explain.status).toBe(1);
  expect(explain.stdout).toMatch(/^deny: Deadbolt blocked this command/);

  const install = deadbolt(['hook', 'install', '--agent', 'gemini']);
  expect(exited(install)).toEqual({ status: 0, output: expect.any(String) });
  expect(install.stderr).toBe('');
  const doctor = deadbolt(['hook', 'doctor']);
  expect(doctor.stdout).toContain('Gemini CLI: protected');
  expect(doctor.status).toBe(0);

  const settings = JSON.parse(fs.readFileSync(path.join(app, '.gemini', 'settings.json'), 'utf8'));
  const command: string = settings.hooks.BeforeTool[0].hooks[0].command;
  expect(command).not.toMatch(/^npx /);
  const input = JSON.stringify({
    hook_event_name: 'BeforeTool',
    tool_name: 'run_shell_command',
    tool_input: { command: 'aws rds delete-db-instance --db-instance-identifier prod' },
    cwd: app,
  });
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: os.tmpdir(), input, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'deny' });
});
