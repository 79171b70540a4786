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
  destructive: { action: string; resources: string[]; via: { how: string; role: string }[] }[];
  fixes: { fix: string; actions: string[] }[];
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
    const fix = principals[0].fixes.find((f) => f.actions.includes('rds:DeleteDBInstance'));
    expect(fix?.fix).toContain('Cut the route');
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
    expect(refused.stderr).toContain('has no reason; write why the risk is accepted');
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

  test('a deny the role may delete from itself stops nothing: exit 1, the route and its fix named', () => {
    const trust = {
      Statement: { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
    };
    const file = write('removable-deny.json', {
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [],
      RoleDetailList: [
        {
          RoleName: 'agent',
          Arn: role('agent'),
          Path: '/',
          AssumeRolePolicyDocument: trust,
          RolePolicyList: [
            { PolicyName: 'admin', PolicyDocument: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } },
            {
              PolicyName: 'no-deletes',
              PolicyDocument: { Statement: { Effect: 'Deny', Action: ['s3:DeleteBucket', 'rds:*'], Resource: '*' } },
            },
          ],
          AttachedManagedPolicies: [],
          Tags: [],
        },
      ],
    });
    const r = deadbolt(['iam', file, '--principal', 'agent']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`reached by iam:PutRolePolicy + iam:DeleteRolePolicy on itself (\`${role('agent')}\`)`);
    expect(r.stdout).toContain('Fix: Cut the route: stop `' + role('agent') + '` from changing its own policies');
    const { principals } = audit([file, '--principal', 'agent']);
    expect(principals[0].destructive.find((d) => d.action === 's3:DeleteBucket')?.via).toEqual([
      expect.objectContaining({ how: 'iam:PutRolePolicy + iam:DeleteRolePolicy on itself', role: role('agent') }),
    ]);
  });

  test('iam:PassRole to a Lambda role plus lambda:CreateFunction is a possible route, with its fix', () => {
    const lambdaTrust = {
      Statement: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    };
    const agentTrust = {
      Statement: { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
    };
    const inline = (name: string, Statement: unknown) => ({ PolicyName: name, PolicyDocument: { Statement } });
    const file = write('pass-to-lambda.json', {
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [],
      RoleDetailList: [
        {
          RoleName: 'agent',
          Arn: role('agent'),
          Path: '/',
          AssumeRolePolicyDocument: agentTrust,
          RolePolicyList: [
            inline('dev', [
              { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
              { Effect: 'Allow', Action: 'iam:PassRole', Resource: role('fn') },
            ]),
          ],
        },
        {
          RoleName: 'fn',
          Arn: role('fn'),
          Path: '/',
          AssumeRolePolicyDocument: lambdaTrust,
          RolePolicyList: [inline('data', { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' })],
        },
      ],
    });
    const { status, principals } = audit([file, '--principal', 'agent']);
    expect(status).toBe(1);
    const grant = principals[0].destructive.find((d) => d.action === 'dynamodb:DeleteTable');
    expect(grant?.via).toEqual([
      expect.objectContaining({ how: 'iam:PassRole + lambda:CreateFunction', role: role('fn') }),
    ]);
    const fix = principals[0].fixes.find((f) => f.actions.includes('dynamodb:DeleteTable'));
    expect(fix?.fix).toContain(`running code as \`${role('fn')}\``);
    expect(principals[0].destructive.map((d) => d.action).every((a) => a.startsWith('dynamodb:'))).toBe(true);
  });

  test('usage errors exit 2', () => {
    expect(deadbolt(['iam']).status).toBe(2);
    expect(deadbolt(['iam', EXPORT, '--resource', 'bucket']).stderr).toContain('takes an ARN');
    expect(deadbolt(['iam', EXPORT, '--format', 'xml']).status).toBe(2);
    expect(deadbolt(['iam', '--help']).stdout).toContain('Usage: deadbolt iam');
  });
});

describe('deadbolt iam on Terraform plans and Pulumi previews', () => {
  const PLAN = path.join(FIXTURES, 'terraform-plan-iam.json');
  const PREVIEW = path.join(FIXTURES, 'pulumi-preview-iam.json');

  test('a Terraform plan is recognised by its content: the agent with AdministratorAccess can destroy data', () => {
    const r = deadbolt(['iam', PLAN, '--principal', 'aws_iam_role.agent']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`role \`coding-agent\` (${role('coding-agent')})`);
    expect(r.stdout).toContain('CAN DESTROY DATA');
    expect(r.stdout).toContain('AWS managed policy `AdministratorAccess`');
  });

  test('a policy rendered at apply: the unknown Deny is not counted and the run says what it could not read', () => {
    const { status, principals } = audit([PLAN, '--principal', 'orders-exporter']);
    expect(status).toBe(1);
    expect(principals[0].principal).toBe(role('orders-exporter'));
    expect(principals[0].destructive.map((d) => d.action)).toContain('s3:DeleteBucket');
    const text = deadbolt(['iam', PLAN, '--principal', 'orders-exporter']).stdout;
    expect(text).toMatch(/known only after apply/);
  });

  test('a Pulumi preview: --principal takes the resource name or the URN', () => {
    const byName = audit([PREVIEW, '--principal', 'coding-agent']);
    expect(byName.status).toBe(1);
    expect(byName.principals[0].principal).toBe(role('coding-agent-4b1e9d2'));
    expect(byName.principals[0].destructive.map((d) => d.action)).toContain('rds:DeleteDBInstance');
    const byUrn = audit([PREVIEW, '--principal', 'urn:pulumi:prod::orders::aws:iam/role:Role::orders-exporter']);
    expect(byUrn.principals[0].principal).toBe(role('orders-exporter-9c0d7e5'));
  });

  test('an errored Terraform plan is unreadable input (exit 2); other JSON still asks for an export', () => {
    const plan = JSON.parse(fs.readFileSync(PLAN, 'utf8'));
    const errored = deadbolt(['iam', write('errored-plan.json', { ...plan, errored: true })]);
    expect(errored.status).toBe(2);
    expect(errored.stderr).toMatch(/errored/);
    const other = deadbolt(['iam', write('other.json', { Something: [] })]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/get-account-authorization-details/);
  });

  test('--help lists Terraform and Pulumi inputs', () => {
    const help = deadbolt(['iam', '--help']).stdout;
    expect(help).toContain('terraform show -json');
    expect(help).toContain('pulumi preview --json');
  });
});
