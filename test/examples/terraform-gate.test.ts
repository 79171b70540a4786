/**
 * examples/terraform-gate: runs the built CLI (`npx tsc -b` first) on each
 * sample plan and asserts the exit code the README's table promises, so the
 * README and the gate cannot drift apart.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'terraform-gate');
const BIN = path.resolve(__dirname, '..', '..', 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const EXAMPLE_SECRET = 'example-secret-never-use-this-one';

function deadbolt(args: readonly string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!env.DEADBOLT_APPROVAL_SECRET) delete base.DEADBOLT_APPROVAL_SECRET;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: EXAMPLE, encoding: 'utf8', env: base, timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

/** The rows of the README's table: the plan cell (with any options) and the promised exit code. */
function promises(): Array<{ plan: string; options: string[]; exit: number }> {
  const readme = fs.readFileSync(path.join(EXAMPLE, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => /^\| `plans\//.test(l));
  return rows.map((row) => {
    const cells = row.split('|').map((c) => c.trim());
    const [plan, ...rest] = cells[1].replace(/`/g, '').split(/\s+with\s+/);
    return { plan, options: rest.length ? rest[0].split(/\s+/) : [], exit: Number(cells[3]) };
  });
}

describe('examples/terraform-gate', () => {
  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} does not exist: run \`npx tsc -b\` before these tests.`);
  });

  test('the README promises an exit code for every sample plan', () => {
    const listed = new Set(promises().map((p) => p.plan));
    const files = fs.readdirSync(path.join(EXAMPLE, 'plans')).map((f) => `plans/${f}`);
    expect([...listed].sort()).toEqual(files.sort());
  });

  test.each(promises().map((p) => [`${p.plan} ${p.options.join(' ')}`.trim(), p] as const))(
    'deadbolt plan %s exits as the README says',
    (_name, p) => {
      const r = deadbolt(
        ['plan', p.plan, ...p.options],
        p.options.includes('--require-signed') ? { DEADBOLT_APPROVAL_SECRET: EXAMPLE_SECRET } : {},
      );
      expect({ exit: r.status, stderr: r.stderr }).toEqual({ exit: p.exit, stderr: '' });
    },
  );

  test('the blocked plans say why and how to approve', () => {
    const r = deadbolt(['plan', 'plans/destroy.json']);
    expect(r.stdout).toContain(
      'aws_db_instance.orders  aws_db_instance (AWS::RDS::DBInstance)  delete  Terraform destroys it and the data in it',
    );
    expect(r.stdout).toContain(
      'approve: npx deadbolt approve plans/destroy.json --address aws_db_instance.orders --action delete',
    );
  });

  test('the example approvals do not pass without the secret, nor with another one', () => {
    expect(
      deadbolt(['plan', 'plans/destroy.json', '--approvals', 'deploy/approvals.json', '--require-signed']).status,
    ).toBe(2);
    expect(
      deadbolt(['plan', 'plans/destroy.json', '--approvals', 'deploy/approvals.json', '--require-signed'], {
        DEADBOLT_APPROVAL_SECRET: 'a-different-secret-0123456789',
      }).status,
    ).toBe(1);
  });

  test('the approvals do not cover the replacement plan', () => {
    expect(
      deadbolt(['plan', 'plans/replace.json', '--approvals', 'deploy/approvals.json', '--require-signed'], {
        DEADBOLT_APPROVAL_SECRET: EXAMPLE_SECRET,
      }).status,
    ).toBe(1);
  });

  test('the workflow runs the gate with --require-signed and the secret from GitHub secrets; CODEOWNERS gives the approvals to humans', () => {
    const workflow = fs.readFileSync(path.join(EXAMPLE, '.github', 'workflows', 'deadbolt-gate.yml'), 'utf8');
    expect(workflow).toMatch(/on:\n  pull_request:/);
    expect(workflow).toMatch(
      /deadbolt\/cli@[\d.]+ plan plan\.json --approvals \.\.\/deploy\/approvals\.json --require-signed/,
    );
    expect(workflow).toMatch(/DEADBOLT_APPROVAL_SECRET: \$\{\{ secrets\.DEADBOLT_APPROVAL_SECRET \}\}/);
    const owners = fs.readFileSync(path.join(EXAMPLE, '.github', 'CODEOWNERS'), 'utf8');
    expect(owners).toMatch(/^\/deploy\/approvals\.json\s+@acme\/data-owners$/m);
  });
});
