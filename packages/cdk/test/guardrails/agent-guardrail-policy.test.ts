import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AGENT_GUARDRAIL_DEFAULT_TAG_KEY,
  AGENT_GUARDRAIL_MODIFY_CALLS,
  MANAGED_POLICY_MAX_CHARS,
  SCP_MAX_BYTES,
  SCP_MAX_DOCUMENTS,
  agentGuardrailBoundaryDocument,
  agentGuardrailDeniedActions,
  agentGuardrailManagedPolicyDocument,
  agentGuardrailScpDocuments,
  agentGuardrailScpStatements,
  agentGuardrailStatements,
  type AgentGuardrailOptions,
} from '@deadbolt/rules';
import { AgentGuardrailPolicy } from '../../src';

// What the statements deny (the catalogue, the scoping, the patterns, the sizes) is tested with them in
// packages/rules/src/iam/guardrail.test.ts; here, that the class hands them to aws-cdk-lib unchanged.

const BREAK_GLASS = 'arn:aws:iam::111111111111:role/BreakGlass';

const OPTIONS: [string, AgentGuardrailOptions][] = [
  ['the defaults', {}],
  [
    'break-glass principals, buckets and an own tag',
    {
      tagKey: 'team:data',
      tagValue: 'prod',
      breakGlassPrincipalArns: [BREAK_GLASS],
      protectedBucketArns: ['arn:aws:s3:::prod-*'],
    },
  ],
  ['denyModifyCalls: false', { denyModifyCalls: false }],
];

describe('AgentGuardrailPolicy', () => {
  test.each(OPTIONS)("%s: the statements are @deadbolt/rules' JSON, as iam.PolicyStatements", (_name, options) => {
    const guardrail = new AgentGuardrailPolicy({
      ...options,
      breakGlassPrincipalArns: options.breakGlassPrincipalArns && [...options.breakGlassPrincipalArns],
      protectedBucketArns: options.protectedBucketArns && [...options.protectedBucketArns],
    });
    const stack = new Stack();
    expect(guardrail.statements().every((s) => s instanceof iam.PolicyStatement)).toBe(true);
    expect(guardrail.statements().map((s) => stack.resolve(s.toStatementJson()))).toEqual(
      agentGuardrailStatements(options),
    );
    expect(guardrail.scpStatements().map((s) => stack.resolve(s.toStatementJson()))).toEqual(
      agentGuardrailScpStatements(options),
    );
    expect(guardrail.toScpDocuments()).toEqual(agentGuardrailScpDocuments(options));
    expect(guardrail.deniedActions()).toEqual(agentGuardrailDeniedActions(options));
  });

  test("the constants are @deadbolt/rules'", () => {
    expect(AgentGuardrailPolicy.DEFAULT_TAG_KEY).toBe(AGENT_GUARDRAIL_DEFAULT_TAG_KEY);
    expect(AgentGuardrailPolicy.SCP_MAX_BYTES).toBe(SCP_MAX_BYTES);
    expect(AgentGuardrailPolicy.SCP_MAX_DOCUMENTS).toBe(SCP_MAX_DOCUMENTS);
    expect(AgentGuardrailPolicy.MANAGED_POLICY_MAX_CHARS).toBe(MANAGED_POLICY_MAX_CHARS);
    expect(AgentGuardrailPolicy.MODIFY_CALLS).toEqual(AGENT_GUARDRAIL_MODIFY_CALLS);
  });

  test('the props are copied: changing the lists after construction changes nothing', () => {
    const breakGlass = [BREAK_GLASS];
    const guardrail = new AgentGuardrailPolicy({ breakGlassPrincipalArns: breakGlass });
    breakGlass.push('not an ARN');
    expect(guardrail.statements()[0].toStatementJson().Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/deadbolt:protected': 'true' },
      ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] },
    });
  });

  test('toScpDocument refuses the catalogue, which needs several documents, and names toScpDocuments', () => {
    expect(() => new AgentGuardrailPolicy().toScpDocument()).toThrow(
      /^The SCP document is \d+ bytes, over the 5120-byte limit of AWS Organizations: use `toScpDocuments\(\)`/,
    );
  });

  test('a managed policy over the IAM limit is refused with its size', () => {
    const many = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass-role-number-${i}`);
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
    expect(() => new AgentGuardrailPolicy({ breakGlassPrincipalArns: many }).toManagedPolicy(stack, 'G')).toThrow(
      /^The managed policy is \d+ characters, over the 6144-character limit of IAM managed policies/,
    );
  });

  test('the managed policy synthesizes with the statements', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
    const role = new iam.Role(stack, 'AgentRole', { assumedBy: new iam.AccountRootPrincipal() });
    new AgentGuardrailPolicy({ breakGlassPrincipalArns: [BREAK_GLASS] })
      .toManagedPolicy(stack, 'Guardrail')
      .attachToRole(role);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DeadboltDenyDestroyTagged',
            Effect: 'Deny',
            Action: Match.arrayWith(['rds:DeleteDBInstance']),
          }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('AgentRole') }],
    });
    // IAM's managed policy limit is 6,144 characters without whitespace.
    const doc = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0].Properties.PolicyDocument;
    expect(JSON.stringify(doc).length).toBeLessThanOrEqual(6144);
    expect(doc).toEqual(agentGuardrailManagedPolicyDocument({ breakGlassPrincipalArns: [BREAK_GLASS] }));
  });

  test('the permissions boundary allows everything else and applies to a role', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
    const role = new iam.Role(stack, 'AgentRole', { assumedBy: new iam.AccountRootPrincipal() });
    iam.PermissionsBoundary.of(role).apply(new AgentGuardrailPolicy().toPermissionsBoundary(stack, 'Boundary'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Sid: 'DeadboltBoundaryAllow', Effect: 'Allow', Action: '*', Resource: '*' }]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      PermissionsBoundary: { Ref: Match.stringLikeRegexp('Boundary') },
    });
    const doc = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0].Properties.PolicyDocument;
    expect(doc).toEqual(agentGuardrailBoundaryDocument());
  });

  test('refuses values that are not ARNs', () => {
    expect(() => new AgentGuardrailPolicy({ breakGlassPrincipalArns: ['BreakGlass'] })).toThrow(
      '`breakGlassPrincipalArns` must hold principal ARNs, got `BreakGlass`.',
    );
    expect(() => new AgentGuardrailPolicy({ protectedBucketArns: ['prod-data'] })).toThrow(
      '`protectedBucketArns` must hold S3 bucket ARNs such as `arn:aws:s3:::prod-*`, got `prod-data`.',
    );
    expect(() => new AgentGuardrailPolicy({ protectedBucketArns: ['arn:aws:s3:::prod/*'] })).toThrow(
      '`protectedBucketArns` must hold bucket ARNs without an object path, got `arn:aws:s3:::prod/*`.',
    );
  });
});
