/**
 * The two-account example: an app built only from Deadbolt's safe constructs
 * synthesizes with no Deadbolt error, `deadbolt check` passes on its cloud assembly,
 * and `deadbolt iam` finds that the AI agent's role cannot destroy the tagged data.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AgentGuardrailPolicy } from '@deadbolt/cdk';

const root = path.join(__dirname, '..', '..');
const example = path.join(root, 'examples', 'cdk-two-account');
const deadbolt = path.join(root, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');

/** Runs the compiled example app the way the CDK CLI does (CDK_OUTDIR), returning its cloud assembly. */
function synth(): { outdir: string; errors: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-two-account-'));
  const r = spawnSync(process.execPath, [path.join(example, 'lib', 'src', 'app.js')], {
    cwd: example,
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(JSON.parse(fs.readFileSync(path.join(example, 'cdk.json'), 'utf8')).context),
    },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const manifest = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.metadata.json'))
    .map((f) => fs.readFileSync(path.join(outdir, f), 'utf8'))
    .join('\n');
  const errors = [...manifest.matchAll(/\(deadbolt::([a-z0-9-]+)\)/g)].map((m) => m[1]);
  return { outdir, errors };
}

/** Runs the built CLI as a process. */
function deadboltRun(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [deadbolt, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface IamJson {
  principals: {
    principal: string;
    canDestroy: boolean;
    destructive: { action: string; certainty: string; actingAs?: string }[];
  }[];
}

const AGENT = 'Workload/AgentRole';
const AGENT_ARN = 'arn:aws:iam::111111111111:role/ai-coding-agent';

describe('examples/cdk-two-account', () => {
  // One synthesis (it takes seconds) for both tests.
  let assembly: { outdir: string; errors: string[] };
  beforeAll(() => {
    assembly = synth();
  });

  test('synthesizes both accounts with no Deadbolt error, and deadbolt check exits 0', () => {
    const { outdir, errors } = assembly;
    expect(errors).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.Workload.environment).toBe('aws://111111111111/us-east-1');
    expect(manifest.artifacts.BackupAccount.environment).toBe('aws://222222222222/us-east-1');

    const r = spawnSync(process.execPath, [deadbolt, 'check', outdir, '--format', 'json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const findings = JSON.parse(r.stdout).findings as {
      ruleId: string;
      severity: string;
      resource: { path?: string };
    }[];
    // What is left is the README's: the opted-out session table (acknowledged) and the bucket's missing replication (a warning).
    expect(findings.map((f) => [f.ruleId, f.severity]).sort()).toEqual([
      ['backup-cross-account-copy', 'info'],
      ['s3-cross-account-replication', 'warning'],
    ]);
  });

  test('every database, table and file system is selected by the plan that copies to the backup account', () => {
    const { outdir } = assembly;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Workload.template.json'), 'utf8'));
    const resources = Object.values(template.Resources) as { Type: string; Properties: Record<string, any> }[];
    const [plan] = resources.filter((r) => r.Type === 'AWS::Backup::BackupPlan');
    expect(plan.Properties.BackupPlan.BackupPlanRule[0].CopyActions[0].DestinationBackupVaultArn).toBe(
      'arn:aws:backup:us-east-1:222222222222:backup-vault:central',
    );
    const [selection] = resources.filter((r) => r.Type === 'AWS::Backup::BackupSelection');
    expect(selection.Properties.BackupSelection.Resources).toHaveLength(4); // Orders, Ledger, Carts, Files
  });

  test('the data stores and both stacks carry deadbolt:protected=true, the tag the guardrail tests', () => {
    const { outdir } = assembly;
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    for (const stack of ['Workload', 'BackupAccount'])
      expect(manifest.artifacts[stack].properties.tags).toEqual({ 'deadbolt:protected': 'true' });
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Workload.template.json'), 'utf8'));
    const stores = (Object.values(template.Resources) as { Type: string; Properties: Record<string, any> }[]).filter(
      (r) =>
        ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket'].includes(r.Type),
    );
    expect(stores).toHaveLength(7); // Orders, Ledger and its two instances, Carts, Sessions, Invoices
    for (const store of stores)
      expect(store.Properties.Tags).toContainEqual({ Key: 'deadbolt:protected', Value: 'true' });
  });

  test('deadbolt iam: the agent role cannot destroy the tagged data (exit 0)', () => {
    const r = deadboltRun(['iam', assembly.outdir, '--principal', AGENT, '--resource-tag', 'deadbolt:protected=true']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`role \`ai-coding-agent\` (${AGENT_ARN})`);
    expect(r.stdout).toContain('cannot destroy data (205 destructive actions judged)');
    expect(r.stdout).toMatch(/denied by statement `DeadboltDenyDestroyTagged` of managed policy `AgentGuardrail/);
    expect(r.status).toBe(0);
  });

  test('deadbolt iam without --resource-tag: untagged resources are not protected, so the role possibly can (exit 1)', () => {
    const r = deadboltRun(['iam', assembly.outdir, '--principal', AGENT, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const [agent] = (JSON.parse(r.stdout) as IamJson).principals;
    expect(agent.principal).toBe(AGENT_ARN);
    expect(agent.canDestroy).toBe(true);
    const actions = agent.destructive.map((d) => d.action);
    // What the tag-scoped denies would stop, and only "possibly": PowerUserAccess allows it, the deny holds on tagged resources.
    expect(actions).toEqual(
      expect.arrayContaining(['rds:DeleteDBInstance', 'dynamodb:DeleteTable', 'cloudformation:DeleteStack']),
    );
    expect(new Set(agent.destructive.map((d) => d.certainty))).toEqual(new Set(['possible']));
    // Copies and buckets are denied everywhere, tag or not.
    for (const copy of [
      'rds:DeleteDBSnapshot',
      'backup:DeleteRecoveryPoint',
      's3:DeleteBucket',
      's3:DeleteObjectVersion',
    ])
      expect(actions).not.toContain(copy);
  });

  test("deadbolt iam on the account: the boundary does not bind the CDK bootstrap's execution role; the SCPs do", () => {
    // What `aws iam get-account-authorization-details` returns once the account is bootstrapped and Workload deployed:
    // the agent role as synthesized (PowerUserAccess, the guardrail as boundary and managed policy) beside the CDK
    // bootstrap's deploy and execution roles (as in examples/agent-guardrails/iam/account.json, in this account).
    const { outdir } = assembly;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Workload.template.json'), 'utf8'));
    const resources = Object.entries(template.Resources) as [string, { Type: string; Properties: any }][];
    const byPrefix = (type: string, prefix: string) => {
      const hits = resources.filter(([id, r]) => r.Type === type && id.startsWith(prefix));
      expect(hits).toHaveLength(1);
      return hits[0];
    };
    const [, role] = byPrefix('AWS::IAM::Role', 'AgentRole');
    const [boundaryId, boundary] = byPrefix('AWS::IAM::ManagedPolicy', 'AgentBoundary');
    const [guardrailId, guardrail] = byPrefix('AWS::IAM::ManagedPolicy', 'AgentGuardrail');
    const policyArn = (name: string) => `arn:aws:iam::111111111111:policy/${name}`;
    const customerPolicy = (name: string, document: unknown) => ({
      PolicyName: name,
      Arn: policyArn(name),
      Path: '/',
      DefaultVersionId: 'v1',
      IsAttachable: true,
      PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true }],
    });
    const bootstrap = JSON.parse(
      fs
        .readFileSync(path.join(root, 'examples', 'agent-guardrails', 'iam', 'account.json'), 'utf8')
        .replaceAll('111122223333', '111111111111'),
    ).RoleDetailList.filter((r: { RoleName: string }) => r.RoleName.startsWith('cdk-hnb659fds-'));
    expect(bootstrap).toHaveLength(2);
    const exported = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [
        {
          Path: '/',
          RoleName: role.Properties.RoleName,
          RoleId: 'AROAEXAMPLEAGENT00001',
          Arn: AGENT_ARN,
          AssumeRolePolicyDocument: role.Properties.AssumeRolePolicyDocument,
          InstanceProfileList: [],
          RolePolicyList: [],
          AttachedManagedPolicies: [
            { PolicyName: 'PowerUserAccess', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
            { PolicyName: guardrailId, PolicyArn: policyArn(guardrailId) },
          ],
          PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: policyArn(boundaryId) },
          Tags: [{ Key: 'deadbolt:protected', Value: 'true' }],
        },
        ...bootstrap,
      ],
      Policies: [
        customerPolicy(boundaryId, boundary.Properties.PolicyDocument),
        customerPolicy(guardrailId, guardrail.Properties.PolicyDocument),
      ],
    };
    // The template writes the role's policies as CloudFormation references: check they are the ones exported.
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain('PowerUserAccess');
    expect(role.Properties.ManagedPolicyArns).toContainEqual({ Ref: guardrailId });
    expect(role.Properties.PermissionsBoundary).toEqual({ Ref: boundaryId });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-two-account-iam-'));
    const account = path.join(dir, 'account.json');
    fs.writeFileSync(account, JSON.stringify(exported));
    const scps = path.join(dir, 'scps.json');
    const fullAwsAccess = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const scpDocuments = new AgentGuardrailPolicy().toScpDocuments().map((d) => JSON.parse(d));
    fs.writeFileSync(scps, JSON.stringify([fullAwsAccess, ...scpDocuments]));

    const common = ['iam', account, '--principal', AGENT_ARN, '--resource-tag', 'deadbolt:protected=true'];
    const alone = deadboltRun([...common, '--format', 'json']);
    expect(alone.status).toBe(1);
    const [agent] = (JSON.parse(alone.stdout) as IamJson).principals;
    // Every destructive action, acting as the execution role (AdministratorAccess): CloudFormation updating a stack
    // that already uses it, which the agent's boundary and managed policy do not bind.
    const execRole = 'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-us-east-1';
    expect(agent.destructive.find((d) => d.action === 'rds:DeleteDBInstance')?.actingAs).toBe(execRole);
    expect(agent.destructive.filter((d) => d.actingAs === undefined || d.actingAs === AGENT_ARN)).toEqual([]);

    const underScps = deadboltRun([...common, '--scp', scps]);
    expect(underScps.stdout).toContain('cannot destroy data (205 destructive actions judged)');
    expect(underScps.status).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
