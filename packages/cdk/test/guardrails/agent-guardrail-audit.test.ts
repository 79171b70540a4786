/**
 * `AgentGuardrailPolicy` judged by Deadbolt's own IAM audit (`auditAccount` of
 * @deadbolt/rules, the engine of `deadbolt iam`), on roles synthesized with the
 * real aws-cdk-lib: the guardrail and the destructive-action catalogue are one
 * list, so a role carrying the guardrail can destroy no data the catalogue names.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  auditAccount,
  readAssemblyPrincipals,
  type IamAccount,
  type IamPrincipal,
  type PolicyDocument,
  type ScpLevel,
} from '@deadbolt/rules';
import { AgentGuardrailPolicy } from '../../src';

const ACCOUNT = '111111111111';
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/break-glass`;
const PROTECTED = { 'deadbolt:protected': 'true' };
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const resolveAwsManagedPolicy = (arn: string) =>
  arn === 'arn:aws:iam::aws:policy/AdministratorAccess' ? ADMIN : undefined;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-guardrail-audit-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Synthesizes an app with one stack and reads its principals as `deadbolt iam --cdk-out` does. */
function principalsOf(build: (stack: Stack) => void): IamPrincipal[] {
  const outdir = fs.mkdtempSync(path.join(tmp, 'cdk.out-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  build(new Stack(app, 'Agent', { env: { account: ACCOUNT, region: 'us-east-1' } }));
  app.synth();
  const { principals } = readAssemblyPrincipals(outdir, { resolveAwsManagedPolicy });
  for (const p of principals) expect(p.unresolved).toBeUndefined();
  return principals;
}

function adminRole(stack: Stack, id: string, roleName: string, assumedBy: iam.IPrincipal): iam.Role {
  return new iam.Role(stack, id, {
    roleName,
    assumedBy,
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
}

function audit(account: IamAccount, resourceTags?: Record<string, string>) {
  return auditAccount(account, { resourceTags });
}

function byName(result: ReturnType<typeof audit>, name: string) {
  const found = result.principals.find((p) => p.principal.name === name);
  if (!found) throw new Error(`no principal ${name}`);
  return found;
}

test('an administrator role with the guardrail as a managed policy can destroy no protected data', () => {
  const guardrail = new AgentGuardrailPolicy({ breakGlassPrincipalArns: [BREAK_GLASS] });
  const principals = principalsOf((stack) => {
    const role = adminRole(stack, 'AgentRole', 'agent', new iam.AccountRootPrincipal());
    guardrail.toManagedPolicy(stack, 'Guardrail').attachToRole(role);
  });
  const account: IamAccount = { principals, scpLevels: [] };

  // The resource carries the protection tag: every catalogue action is stopped by the guardrail's own statements.
  const tagged = byName(audit(account, PROTECTED), 'agent');
  expect(tagged.reachableRoles).toEqual([]); // no CloudFormation service role in the app: no route around it
  expect(tagged.destructive.map((d) => d.action)).toEqual([]);
  expect(tagged.stopped.length).toBeGreaterThan(190);
  expect(tagged.stopped.every((s) => s.stoppedBy[0].kind === 'explicit-deny')).toBe(true);

  // Without the tag given, the audit cannot know the data is tagged: the tag-scoped actions are "possible" (an
  // untagged resource is not protected, honestly reported); what the guardrail denies everywhere or by ARN stays
  // stopped.
  const unknown = byName(audit(account), 'agent');
  const tagScoped = new Set(actionsOf(guardrail, 'DeadboltDenyDestroyTagged').map((a) => a.toLowerCase()));
  expect(unknown.destructive.length).toBeGreaterThan(100);
  for (const d of unknown.destructive) {
    expect(d.certainty).toBe('possible');
    expect(tagScoped.has(d.action.toLowerCase())).toBe(true);
  }
  const stopped = unknown.stopped.map((s) => s.action);
  expect(stopped).toEqual(expect.arrayContaining(['ec2:DeleteSnapshot', 'glacier:DeleteVault', 's3:DeleteBucket']));
});

test('the guardrail as SCPs stops the agent and the CDK execution role it can pass; the break-glass role is exempt', () => {
  const guardrail = new AgentGuardrailPolicy({ breakGlassPrincipalArns: [BREAK_GLASS] });
  const principals = principalsOf((stack) => {
    adminRole(stack, 'AgentRole', 'agent', new iam.AccountRootPrincipal());
    adminRole(
      stack,
      'CfnExecRole',
      `cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-us-east-1`,
      new iam.ServicePrincipal('cloudformation.amazonaws.com'),
    );
    // Trusted by the security account only: a break-glass role the agent's own account trusts would be a route
    // around the guardrail for any administrator, and the audit reports it as one.
    adminRole(stack, 'BreakGlass', 'break-glass', new iam.AccountPrincipal('222222222222'));
  });
  const docs = guardrail.toScpDocuments();
  expect(docs.length).toBeGreaterThan(1);
  const level: ScpLevel = {
    name: 'account',
    policies: [
      { name: 'FullAWSAccess', via: 'attached to the account', document: ADMIN },
      ...docs.map((d, i) => ({
        name: `deadbolt-guardrail-${i + 1}`,
        via: 'attached to the account',
        document: JSON.parse(d) as PolicyDocument,
      })),
    ],
  };
  const result = audit({ principals, scpLevels: [level] }, PROTECTED);

  const agent = byName(result, 'agent');
  // The agent can pass the execution role to CloudFormation (AdministratorAccess): the route is there, and the SCPs
  // stop the execution role too.
  expect(agent.reachableRoles.map((r) => r.role)).toContain(
    `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-us-east-1`,
  );
  expect(agent.destructive.map((d) => d.action)).toEqual([]);
  expect(agent.stopped.every((s) => s.stoppedBy[0].kind === 'explicit-deny')).toBe(true);

  const breakGlass = byName(result, 'break-glass');
  expect(breakGlass.destructive.filter((d) => d.actingAs === BREAK_GLASS && d.certainty === 'allowed').length).toBe(
    breakGlass.destructive.length,
  );
  expect(breakGlass.destructive.map((d) => d.action)).toEqual(
    expect.arrayContaining(['rds:DeleteDBInstance', 'ec2:DeleteSnapshot', 's3:DeleteBucket']),
  );
  expect(breakGlass.stopped).toEqual([]);
});

test('an administrator role with the guardrail as its permissions boundary can destroy no protected data', () => {
  const guardrail = new AgentGuardrailPolicy({ breakGlassPrincipalArns: [BREAK_GLASS] });
  const principals = principalsOf((stack) => {
    const role = adminRole(stack, 'AgentRole', 'agent', new iam.AccountRootPrincipal());
    iam.PermissionsBoundary.of(role).apply(guardrail.toPermissionsBoundary(stack, 'Boundary'));
  });
  const agent = byName(audit({ principals, scpLevels: [] }, PROTECTED), 'agent');
  expect(agent.principal.boundary).toBeDefined();
  expect(agent.destructive.map((d) => d.action)).toEqual([]);
  expect(agent.stopped.length).toBeGreaterThan(190);
});

function actionsOf(guardrail: AgentGuardrailPolicy, sid: string): string[] {
  const statement = guardrail.statements().find((s) => s.sid === sid);
  if (!statement) throw new Error(`no statement ${sid}`);
  const denied = guardrail.deniedActions();
  // The statement may write patterns; the catalogue actions it stands for are the denied ones it matches.
  return denied.filter((a) =>
    statement.actions.some((p) =>
      p.endsWith('*') ? a.toLowerCase().startsWith(p.slice(0, -1).toLowerCase()) : p === a,
    ),
  );
}
