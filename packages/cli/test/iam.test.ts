/** `deadbolt iam`, run as the built binary on authorization-details exports, SCP files and a cloud assembly. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deadbolt, requireBuiltBinary } from './helpers';

beforeAll(requireBuiltBinary);

const FIXTURES = path.resolve(__dirname, '..', '..', 'rules', 'src', 'iam', 'fixtures');
const EXPORT = path.join(FIXTURES, 'account-authorization-details-with-aws-policies.json');
const ACCOUNT = '111122223333';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-iam-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

interface JsonPrincipal {
  principal: string;
  canDestroy: boolean;
  destructive: { action: string; resources: string[]; via: { how: string; role: string }[]; fix: string }[];
  stoppedBy: { action: string; by: { kind: string; detail: string }[] }[];
}

function audit(args: string[]): { status: number | null; principals: JsonPrincipal[]; stderr: string } {
  const r = deadbolt(['iam', ...args, '--format', 'json']);
  return { status: r.status, principals: r.status === 2 ? [] : JSON.parse(r.stdout).principals, stderr: r.stderr };
}

describe('deadbolt iam', () => {
  test('an administrator can destroy data: exit 1, every catalogue action on any resource, with the fix', () => {
    const r = deadbolt(['iam', EXPORT, '--principal', role('Administrator')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`role \`Administrator\` (${role('Administrator')})`);
    expect(r.stdout).toContain('CAN DESTROY DATA');
    expect(r.stdout).toMatch(/- rds:DeleteDBInstance: Deletes the DB instance/);
    expect(r.stdout).toContain('Fix: Narrow statement 1 of AWS managed policy `AdministratorAccess`');
    expect(r.stdout).toContain(`Acknowledge with a written reason: { principal: '${role('Administrator')}'`);
    expect(r.stdout).toMatch(/1 principal judged: 1 principal can destroy data/);
  });

  test('JSON: {principal, destructive: [{action, resources, via}], stoppedBy}', () => {
    const { status, principals } = audit([EXPORT, '--principal', 'ReadOnly']);
    expect(status).toBe(0);
    expect(principals).toHaveLength(1);
    expect(principals[0]).toMatchObject({ principal: role('ReadOnly'), canDestroy: false, destructive: [] });
    expect(principals[0].stoppedBy.find((s) => s.action === 'rds:DeleteDBInstance')?.by[0]).toEqual({
      kind: 'no-allow',
      detail: 'no identity policy allows it',
    });
  });

  test('a deny list that forgets a Modify action: the Modify action is the finding', () => {
    const { status, principals } = audit([EXPORT, '--principal', 'ops-maintenance']);
    expect(status).toBe(1);
    const actions = principals[0].destructive.map((d) => d.action);
    expect(actions).toContain('rds:ModifyDBInstance');
    expect(actions).not.toContain('rds:DeleteDBInstance');
    const stopped = principals[0].stoppedBy.find((s) => s.action === 'rds:DeleteDBInstance');
    expect(stopped?.by[0].kind).toBe('explicit-deny');
  });

  test('the coding agent reaches the CDK execution role through the deploy role', () => {
    const { principals } = audit([EXPORT, '--principal', 'coding-agent']);
    const del = principals[0].destructive.find((d) => d.action === 'rds:DeleteDBInstance');
    expect(del?.via.map((v) => v.role)).toEqual([
      role(`cdk-hnb659fds-deploy-role-${ACCOUNT}-us-east-1`),
      role(`cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-us-east-1`),
    ]);
    expect(del?.fix).toContain('Cut the route');
  });

  test('an SCP chain that denies destruction stops the administrator; the reason names the SCP', () => {
    const { status, principals } = audit([
      EXPORT,
      '--principal',
      'Administrator',
      '--scp',
      path.join(FIXTURES, 'scp-full-access.json'),
      '--scp',
      path.join(FIXTURES, 'scp-deny-destroy.json'),
    ]);
    const del = principals[0].stoppedBy.find((s) => s.action === 'rds:DeleteDBInstance');
    expect(del?.by[0]).toMatchObject({ kind: 'explicit-deny', detail: expect.stringContaining('SCP') });
    // Whatever the SCP leaves open is still reported.
    expect(status).toBe(principals[0].destructive.length > 0 ? 1 : 0);
  });

  test('--resource narrows the audit to named ARNs', () => {
    const staging = audit([
      EXPORT,
      '--principal',
      'staging-deployer',
      '--resource',
      `arn:aws:rds:us-east-1:${ACCOUNT}:db:staging-1`,
    ]);
    expect(staging.principals[0].destructive.map((d) => d.action)).toContain('rds:DeleteDBInstance');
  });

  test('acknowledgements need a written reason; an accepted capability does not fail the run', () => {
    const all = write(
      'ack.yaml',
      `- principal: '${role('ReadOnly')}'\n  action: '*'\n  reason: Reads only; s3express sessions are read-only by condition.\n`,
    );
    expect(deadbolt(['iam', EXPORT, '--principal', 'ReadOnly', '--acknowledgements', all]).status).toBe(0);
    const admin = write(
      'ack-admin.json',
      JSON.stringify([
        {
          principal: role('Administrator'),
          action: '*',
          reason: 'Break-glass role, used by two named humans with MFA.',
        },
      ]),
    );
    const ok = deadbolt(['iam', EXPORT, '--principal', 'Administrator', '--acknowledgements', admin]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('[acknowledged: Break-glass role');
    const reasonless = write(
      'ack-none.json',
      JSON.stringify([{ principal: role('Administrator'), action: '*', reason: '' }]),
    );
    const refused = deadbolt(['iam', EXPORT, '--principal', 'Administrator', '--acknowledgements', reasonless]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('refused: it has no written reason');
  });

  test('SARIF: one result per principal and action', () => {
    const r = deadbolt(['iam', EXPORT, '--principal', 'ops-maintenance', '--format', 'sarif']);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain(
      'iam-can-destroy/rds:ModifyDBInstance',
    );
  });

  test.each([
    [
      'a truncated export',
      '{"RoleDetailList": [{"RoleName": "x", "Arn": "arn:aws:iam::111122223333:role/x"',
      /not closed|not valid JSON|truncated/i,
    ],
    [
      'a CloudFormation template',
      '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}',
      /get-account-authorization-details/,
    ],
    ['an empty object', '{}', /get-account-authorization-details/],
  ])('%s is unreadable input: exit 2 with a clear message', (_what, content, message) => {
    const r = deadbolt(['iam', write(`bad-${Math.random()}.json`, content)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('an unknown principal exits 2 and suggests the close ARN', () => {
    const r = deadbolt(['iam', EXPORT, '--principal', 'Administratr']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no user or role `Administratr`');
  });

  test('usage errors exit 2', () => {
    expect(deadbolt(['iam']).status).toBe(2);
    expect(deadbolt(['iam', EXPORT, '--resource', 'bucket']).stderr).toContain('takes an ARN');
    expect(deadbolt(['iam', EXPORT, '--format', 'xml']).status).toBe(2);
    expect(deadbolt(['iam', '--help']).stdout).toContain('Usage: deadbolt iam');
  });
});
