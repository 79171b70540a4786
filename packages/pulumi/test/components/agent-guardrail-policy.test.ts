import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  AGENT_GUARDRAIL_BOUNDARY_DESCRIPTION,
  AGENT_GUARDRAIL_POLICY_DESCRIPTION,
  agentGuardrailBoundaryDocument,
  agentGuardrailDeniedActions,
  agentGuardrailManagedPolicyDocument,
  agentGuardrailScpDocuments,
} from '@deadbolt/rules';
import {
  AgentGuardrailPolicy,
  AgentGuardrailScps,
  type AgentGuardrailPolicyArgs,
  type AgentGuardrailScpsArgs,
} from '../../src';
import { expectGuarded, runProgram, type ProgramRun } from '../harness';

const POLICY = 'aws:iam/policy:Policy';
const ROLE = 'aws:iam/role:Role';
const ATTACHMENT = 'aws:iam/rolePolicyAttachment:RolePolicyAttachment';
const SCP = 'aws:organizations/policy:Policy';
const SCP_ATTACHMENT = 'aws:organizations/policyAttachment:PolicyAttachment';
const BREAK_GLASS = 'arn:aws:iam::222222222222:role/break-glass';
// One break-glass role: with a bucket ARN too the managed policy is over IAM's 6,144-character limit (6,163), since
// the guardrail also denies changing the caller and the break-glass role; bucket ARNs are covered by the parity test.
const OPTIONS = { breakGlassPrincipalArns: [BREAK_GLASS] };
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }],
});

describe('AgentGuardrailPolicy', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(() => {
      const guardrail = new AgentGuardrailPolicy('agent-guardrail', OPTIONS);
      const agent = new aws.iam.Role('agent', { assumeRolePolicy: TRUST });
      new aws.iam.RolePolicyAttachment('agent-guardrail', { role: agent.name, policyArn: guardrail.policyArn });
      const boundary = new AgentGuardrailPolicy('agent-boundary', { ...OPTIONS, permissionsBoundary: true });
      new aws.iam.Role('bounded-agent', { assumeRolePolicy: TRUST, permissionsBoundary: boundary.policyArn });
      return {
        policyArn: guardrail.policyArn,
        boundaryArn: boundary.policyArn,
        scpDocuments: guardrail.scpDocuments,
        deniedActions: guardrail.deniedActions,
        document: guardrail.document,
      };
    });
    expect(run.error).toBeUndefined();
  });

  test("the managed policy is @deadbolt/rules' document, byte for byte", () => {
    const policy = run.get(POLICY, 'agent-guardrail-policy');
    expect(policy.inputs.policy).toBe(JSON.stringify(agentGuardrailManagedPolicyDocument(OPTIONS)));
    expect(policy.inputs.description).toBe(AGENT_GUARDRAIL_POLICY_DESCRIPTION);
    expect(policy.parent).toBe(run.get('deadbolt:iam:AgentGuardrailPolicy', 'agent-guardrail').urn);
    expect(run.outputs?.document).toEqual(agentGuardrailManagedPolicyDocument(OPTIONS));
  });

  test("the boundary allows everything else: @deadbolt/rules' boundary document, on the role", () => {
    const policy = run.get(POLICY, 'agent-boundary-policy');
    expect(policy.inputs.policy).toBe(JSON.stringify(agentGuardrailBoundaryDocument(OPTIONS)));
    expect(JSON.parse(policy.inputs.policy).Statement[0]).toEqual({
      Action: '*',
      Effect: 'Allow',
      Resource: '*',
      Sid: 'DeadboltBoundaryAllow',
    });
    expect(policy.inputs.description).toBe(AGENT_GUARDRAIL_BOUNDARY_DESCRIPTION);
    expect(run.get(ROLE, 'bounded-agent').inputs.permissionsBoundary).toBe(run.outputs?.boundaryArn);
  });

  test('policyArn is the policy ARN the attachment uses', () => {
    expect(run.outputs?.policyArn).toMatch(/^arn:aws:iam:/);
    expect(run.get(ATTACHMENT, 'agent-guardrail').inputs.policyArn).toBe(run.outputs?.policyArn);
  });

  test("scpDocuments and deniedActions are @deadbolt/rules'", () => {
    expect(run.outputs?.scpDocuments).toEqual(agentGuardrailScpDocuments(OPTIONS));
    expect((run.outputs?.scpDocuments as string[]).length).toBeGreaterThanOrEqual(2);
    expect(run.outputs?.deniedActions).toEqual(agentGuardrailDeniedActions(OPTIONS));
  });

  test('the policies are guarded: removing the guardrail from the program does not delete it', () => {
    expectGuarded(run.get(POLICY, 'agent-guardrail-policy'), run.get(POLICY, 'agent-boundary-policy'));
  });

  test('name, path and tags reach the policy', async () => {
    const named = await runProgram(
      () =>
        new AgentGuardrailPolicy('g', { policyName: 'agent-guardrail', path: '/deadbolt/', tags: { team: 'data' } }),
    );
    expect(named.error).toBeUndefined();
    expect(named.get(POLICY, 'g-policy').inputs).toMatchObject({
      name: 'agent-guardrail',
      path: '/deadbolt/',
      tags: { team: 'data' },
    });
  });

  const construct = (args: Partial<AgentGuardrailPolicyArgs>, opts?: pulumi.ComponentResourceOptions) => () =>
    new AgentGuardrailPolicy('g', args as AgentGuardrailPolicyArgs, opts);

  test.each<[string, Record<string, unknown>, string]>([
    [
      'a break-glass principal that is not an ARN',
      { breakGlassPrincipalArns: ['BreakGlass'] },
      '`breakGlassPrincipalArns` must hold principal ARNs, got `BreakGlass`.',
    ],
    [
      'an object path',
      { protectedBucketArns: ['arn:aws:s3:::prod/*'] },
      '`protectedBucketArns` must hold bucket ARNs without an object path, got `arn:aws:s3:::prod/*`.',
    ],
    ['an empty tag key', { tagKey: '' }, '`tagKey` must not be empty.'],
    ['permissionsBoundary as text', { permissionsBoundary: 'yes' }, '`permissionsBoundary` must be true or false'],
  ])('refuses %s, naming the component', (_name, args, message) => {
    expect(construct(args)).toThrow(`deadbolt:iam:AgentGuardrailPolicy \`g\`: ${message}`);
  });

  test('refuses values known only at deployment: the documents are measured and split when the program runs', () => {
    expect(construct({ breakGlassPrincipalArns: [pulumi.output(BREAK_GLASS) as unknown as string] })).toThrow(
      '`breakGlassPrincipalArns` must be literal, got an Output or Promise',
    );
    expect(construct({ tagKey: pulumi.output('team') as unknown as string })).toThrow(
      '`tagKey` must be literal, got an Output or Promise',
    );
  });

  test("refuses a policy over IAM's size limit, with @deadbolt/rules' message", () => {
    const many = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    expect(construct({ breakGlassPrincipalArns: many })).toThrow(
      /`g`: The managed policy is \d+ characters, over the 6144-character limit of IAM managed policies/,
    );
    expect(construct({ breakGlassPrincipalArns: many, permissionsBoundary: true })).toThrow(
      /`g`: The permissions boundary is \d+ characters, over the 6144-character limit/,
    );
  });

  test('refuses protect: false and transforms, as every component', () => {
    expect(construct({}, { protect: false })).toThrow('`protect: false` is refused');
    expect(construct({}, { transforms: [() => undefined] })).toThrow('`transforms` are refused');
  });
});

describe('AgentGuardrailScps', () => {
  const ARGS: AgentGuardrailScpsArgs = { ...OPTIONS, targetIds: ['r-ab12', 'ou-ab12-cdef5678', '333333333333'] };
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(() => {
      const scps = new AgentGuardrailScps('guardrail', ARGS);
      return { policyIds: scps.policyIds, documents: scps.documents };
    });
    expect(run.error).toBeUndefined();
  });

  test("one SCP per document of @deadbolt/rules, each its document's content", () => {
    const documents = agentGuardrailScpDocuments(OPTIONS);
    expect(run.outputs?.documents).toEqual(documents);
    const scps = run.ofType(SCP);
    expect(scps.map((p) => p.inputs.content)).toEqual(documents);
    expect(scps.map((p) => p.inputs.name)).toEqual(documents.map((_, i) => `deadbolt-agent-guardrail-${i + 1}`));
    expect(scps.every((p) => p.inputs.type === 'SERVICE_CONTROL_POLICY')).toBe(true);
  });

  test('every SCP is attached to every target', () => {
    const policyIds = run.outputs?.policyIds as string[];
    const attached = run
      .ofType(SCP_ATTACHMENT)
      .map((a) => `${a.inputs.policyId} -> ${a.inputs.targetId}`)
      .sort();
    expect(attached).toEqual(policyIds.flatMap((id) => ARGS.targetIds.map((t) => `${id} -> ${t}`)).sort());
    expect(run.ofType(SCP_ATTACHMENT).map((a) => a.name)).toContain('guardrail-scp-1-r-ab12');
  });

  test('the SCPs and their attachments are guarded', () => {
    expectGuarded(...run.ofType(SCP), ...run.ofType(SCP_ATTACHMENT));
  });

  const construct = (args: Partial<AgentGuardrailScpsArgs>) => () =>
    new AgentGuardrailScps('g', { ...OPTIONS, ...args } as AgentGuardrailScpsArgs);

  test('refuses no target, and a target that is not a root, OU or account id', () => {
    expect(construct({ targetIds: [] })).toThrow('a guardrail attached nowhere protects nothing');
    expect(construct({})).toThrow('`targetIds` must list at least one root, OU or account id');
    expect(construct({ targetIds: ['prod'] })).toThrow(
      '`targetIds` must hold root (`r-…`), OU (`ou-…`) or account (12-digit) ids, got "prod".',
    );
  });

  test('refuses more SCPs than AWS Organizations attaches to a target', () => {
    const many = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    expect(construct({ targetIds: ['r-ab12'], breakGlassPrincipalArns: many })).toThrow(
      /`g`: The SCP needs \d+ documents of at most 5120 bytes/,
    );
  });
});
