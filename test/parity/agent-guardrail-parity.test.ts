/**
 * Parity of the agent guardrail between front ends: for the same options, @deadbolt/cdk's `AgentGuardrailPolicy`
 * (synthesized with the real aws-cdk-lib) and @deadbolt/pulumi's `AgentGuardrailPolicy` and `AgentGuardrailScps`
 * (a program run under `pulumi.runtime.setMocks`) write the same managed policy, permissions boundary and SCP
 * documents, which are `@deadbolt/rules`' (`agentGuardrailManagedPolicyDocument`, `agentGuardrailBoundaryDocument`,
 * `agentGuardrailScpDocuments`), and refuse the same options with the same message.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  agentGuardrailBoundaryDocument,
  agentGuardrailManagedPolicyDocument,
  agentGuardrailScpDocuments,
  type AgentGuardrailOptions,
} from '@deadbolt/rules';
import { AgentGuardrailPolicy as CdkGuardrail, type AgentGuardrailPolicyProps } from '@deadbolt/cdk';
import { AgentGuardrailPolicy as PulumiGuardrail, AgentGuardrailScps } from '@deadbolt/pulumi';
import { runProgram } from '../../packages/pulumi/test/harness';

const CASES: [string, AgentGuardrailOptions][] = [
  ['the defaults', {}],
  // Break-glass ARNs and bucket ARNs together soon exceed the managed policy limit (each break-glass ARN is written
  // in every statement, twice in the one that protects them): the cases hold one kind each.
  ['a break-glass role', { breakGlassPrincipalArns: ['arn:aws:iam::222222222222:role/break-glass'] }],
  [
    'an own tag, a bucket pattern, modify calls allowed',
    { tagKey: 'team:data', tagValue: 'prod', denyModifyCalls: false, protectedBucketArns: ['arn:aws:s3:::prod-*'] },
  ],
];

/** The CDK props for the options: mutable lists, as the jsii-compatible props interface has them. */
function props(options: AgentGuardrailOptions): AgentGuardrailPolicyProps {
  return {
    ...options,
    breakGlassPrincipalArns: options.breakGlassPrincipalArns && [...options.breakGlassPrincipalArns],
    protectedBucketArns: options.protectedBucketArns && [...options.protectedBucketArns],
  };
}

/** The policy documents of the CDK app's two managed policies, by construct id. */
function cdkDocuments(options: AgentGuardrailOptions): Record<string, unknown> {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
  const guardrail = new CdkGuardrail(props(options));
  guardrail.toManagedPolicy(stack, 'Guardrail');
  guardrail.toPermissionsBoundary(stack, 'Boundary');
  const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
  const byId = (id: string) => Object.entries(policies).find(([logicalId]) => logicalId.startsWith(id))?.[1];
  return {
    policy: byId('Guardrail')?.Properties.PolicyDocument,
    boundary: byId('Boundary')?.Properties.PolicyDocument,
    description: byId('Guardrail')?.Properties.Description,
    boundaryDescription: byId('Boundary')?.Properties.Description,
  };
}

describe.each(CASES)('the agent guardrail (%s)', (_name, options) => {
  let pulumi: Record<string, unknown>;
  let scpContents: string[];
  beforeAll(async () => {
    const run = await runProgram(() => {
      new PulumiGuardrail('guardrail', options);
      new PulumiGuardrail('boundary', { ...options, permissionsBoundary: true });
      new AgentGuardrailScps('scps', { ...options, targetIds: ['r-ab12'] });
    });
    expect(run.error).toBeUndefined();
    const policy = run.get('aws:iam/policy:Policy', 'guardrail-policy').inputs;
    const boundary = run.get('aws:iam/policy:Policy', 'boundary-policy').inputs;
    pulumi = {
      policy: JSON.parse(policy.policy),
      boundary: JSON.parse(boundary.policy),
      description: policy.description,
      boundaryDescription: boundary.description,
    };
    scpContents = run.ofType('aws:organizations/policy:Policy').map((p) => p.inputs.content);
  });

  test("the managed policy and the boundary: the CDK's and Pulumi's are @deadbolt/rules' documents", () => {
    const cdk = cdkDocuments(options);
    expect(pulumi).toEqual(cdk);
    expect(cdk.policy).toEqual(agentGuardrailManagedPolicyDocument(options));
    expect(cdk.boundary).toEqual(agentGuardrailBoundaryDocument(options));
  });

  test('the SCP documents: the same strings from both front ends', () => {
    const cdk = new CdkGuardrail(props(options)).toScpDocuments();
    expect(cdk.length).toBeGreaterThanOrEqual(2);
    expect(scpContents).toEqual(cdk);
    expect(cdk).toEqual(agentGuardrailScpDocuments(options));
  });
});

test.each<[string, AgentGuardrailOptions]>([
  ['a principal that is not an ARN', { breakGlassPrincipalArns: ['BreakGlass'] }],
  ['a bucket that is not an ARN', { protectedBucketArns: ['prod-data'] }],
  [
    'a policy over the size limit',
    {
      breakGlassPrincipalArns: Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-${i}`),
    },
  ],
])('both front ends refuse %s with the same message', (_name, options) => {
  let cdkMessage = '';
  try {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
    new CdkGuardrail(props(options)).toManagedPolicy(stack, 'Guardrail');
  } catch (e) {
    cdkMessage = (e as Error).message;
  }
  expect(cdkMessage).not.toBe('');
  // Pulumi names the component before the message.
  expect(() => new PulumiGuardrail('g', options)).toThrow(`deadbolt:iam:AgentGuardrailPolicy \`g\`: ${cdkMessage}`);
});
