/**
 * `readAssemblyPrincipals` on an app that uses @deadbolt/cdk's
 * `AgentGuardrailPolicy`, synthesized with the real aws-cdk-lib: the guardrail's
 * Deny statements reach the agent role's model as a managed policy and as its
 * permissions boundary. (Here, not in packages/rules: @deadbolt/cdk depends on
 * @deadbolt/rules, so a rules test importing it would make a reference cycle.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AgentGuardrailPolicy } from '@deadbolt/cdk';
import { readAssemblyPrincipals } from '../../packages/rules/src/iam/cloudformation-principals';
import { statementsOf, type PolicyDocument } from '../../packages/rules/src/iam/model';

const ADMIN: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const resolveAwsManagedPolicy = (arn: string) =>
  arn === 'arn:aws:iam::aws:policy/AdministratorAccess' ? ADMIN : undefined;

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-iam-guardrail-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function synth(build: (stack: Stack) => void): string {
  const outdir = fs.mkdtempSync(path.join(tmp, 'cdk.out-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  build(new Stack(app, 'Agent', { env: { account: '111111111111', region: 'us-east-1' } }));
  app.synth();
  return outdir;
}

test("the guardrail as a managed policy and as a permissions boundary: every Deny is in the agent role's model", () => {
  const guardrail = new AgentGuardrailPolicy();
  const dir = synth((stack) => {
    const role = new iam.Role(stack, 'AgentRole', {
      roleName: 'agent',
      assumedBy: new iam.AccountRootPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    guardrail.toManagedPolicy(stack, 'Guardrail').attachToRole(role);
    iam.PermissionsBoundary.of(role).apply(guardrail.toPermissionsBoundary(stack, 'Boundary'));
  });
  const { principals } = readAssemblyPrincipals(dir, { resolveAwsManagedPolicy });
  expect(principals.map((p) => p.name)).toEqual(['agent']);
  const [agent] = principals;
  // What the CDK construct states, as the template carries it (Stack.resolve of the same statements).
  const expected = new Stack().resolve(guardrail.statements().map((s) => s.toStatementJson()));

  const managed = agent.policies.find((p) => p.name.startsWith('Guardrail'))!;
  expect(managed.via).toBe('attached to role `agent`');
  expect(managed.arn).toMatch(/^arn:aws:iam::111111111111:policy\/Guardrail[0-9A-F]{8}$/);
  expect(statementsOf(managed.document)).toEqual(expected);
  expect(statementsOf(managed.document).map((s) => s.Effect)).toEqual(['Deny', 'Deny', 'Deny', 'Deny', 'Deny']);
  expect(agent.policies.map((p) => p.name)).toEqual(['AdministratorAccess', managed.name]);

  expect(agent.boundary?.via).toBe('permissions boundary of role `agent`');
  // The boundary holds the same denies after an Allow of everything else.
  const boundary = statementsOf(agent.boundary!.document);
  expect(boundary.filter((s) => s.Effect === 'Deny')).toEqual(expected);
  expect(boundary.some((s) => s.Effect === 'Allow')).toBe(true);
  expect(agent.unresolved).toBeUndefined();
});

test('a break-glass exemption on aws:PrincipalArn: for a role whose name CloudFormation generates, the Denies are not counted', () => {
  const guardrail = new AgentGuardrailPolicy({
    breakGlassPrincipalArns: ['arn:aws:iam::111111111111:role/break-glass'],
  });
  const dir = synth((stack) => {
    const role = new iam.Role(stack, 'AgentRole', { assumedBy: new iam.AccountRootPrincipal() });
    guardrail.toManagedPolicy(stack, 'Guardrail').attachToRole(role);
  });
  const [agent] = readAssemblyPrincipals(dir, {}).principals;
  // The deployed ARN is `Agent-AgentRole…-<suffix>`, which the exemption may or may not match: no Deny is certain.
  expect(statementsOf(agent.policies[0].document)).toEqual([]);
  expect(agent.unresolved).toHaveLength(5);
  expect(agent.unresolved![0]).toMatch(
    /^Guardrail[0-9A-F]{8} \(attached to role `AgentRole[0-9A-F]{8}`\): Deny `DeadboltDenyDestroyTagged` depends on `aws:PrincipalArn`, which cannot be judged \(the deployed role's ARN is not known before deployment/,
  );
});
