import { cloudFormationDocument } from '../../dialects/cloudformation';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, type TemplateCase } from '../testing/harness';
import { ruleById } from '../index';
import rule from './stack-termination-protection';

const data = one('AWS::DynamoDB::Table', { TableName: 't' });

describe('stack-termination-protection: Stacks that hold data have termination protection on', () => {
  const invalid: [string, TemplateCase, Record<string, unknown>, RegExp, boolean][] = [
    [
      '1. protection off',
      data,
      { terminationProtection: false },
      /^Termination protection is off; it holds 1 stateful resource \(Res\)\.$/,
      false,
    ],
    [
      '2. a bare template cannot record it',
      data,
      {},
      /^Termination protection cannot be read from a template; it is a stack setting\. Check it on the deployed stack, since it holds 1 stateful resource \(Res\)\.$/,
      true,
    ],
    [
      '3. many stateful resources are counted',
      {
        Resources: {
          A: { Type: 'AWS::S3::Bucket' },
          B: { Type: 'AWS::RDS::DBInstance' },
          C: { Type: 'AWS::EFS::FileSystem' },
          D: { Type: 'AWS::KMS::Key' },
          Q: { Type: 'AWS::SNS::Topic' },
        },
      },
      { terminationProtection: false },
      /it holds 4 stateful resources \(A, B, C, …\)/,
      false,
    ],
  ];
  test.each(invalid)('%s is a warning', (_name, template, extra, message, unresolved) => {
    const findings = findingsOf(rule, template, extra);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'stack-termination-protection',
      severity: 'warning',
      resource: { logicalId: 'Stack', type: 'AWS::CloudFormation::Stack' },
      location: 'TerminationProtection',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].unresolved).toBe(unresolved ? true : undefined);
    // A source that records the setting names the stack; a bare template names only its file, so the fix says STACK.
    expect(findings[0].fix).toContain(
      unresolved
        ? '`aws cloudformation update-termination-protection --enable-termination-protection --stack-name STACK`, STACK being the name the template is deployed as'
        : '`aws cloudformation update-termination-protection --enable-termination-protection --stack-name Stack`',
    );
  });

  describe("acknowledged in the template's top-level Metadata", () => {
    const acknowledging = (ack: Record<string, unknown>) => ({
      ...data,
      Metadata: { deadbolt: { acknowledge: [{ id: 'stack-termination-protection', ...ack }] } },
    });

    test('the finding says where: at the top level of the template', () => {
      const [f] = findingsOf(rule, data);
      expect(f.acknowledgeWith).toBe(
        'Metadata: { deadbolt: { acknowledge: [{ id: stack-termination-protection, reason: "<why the risk is accepted>" }] } } at the top level of Stack',
      );
    });

    test('with a reason (and the deadbolt:: prefix): honoured', () => {
      const [f] = findingsOf(
        rule,
        {
          ...data,
          Metadata: {
            deadbolt: { acknowledge: [{ id: 'deadbolt::stack-termination-protection', reason: 'A scratch stack.' }] },
          },
        },
        {},
      );
      expect(f).toMatchObject({
        severity: 'info',
        acknowledged: { ruleId: 'stack-termination-protection', reason: 'A scratch stack.', source: 'Stack' },
      });
    });

    test.each([
      ['without a reason', {}, /^the acknowledgement of stack-termination-protection at Stack has no reason/],
      ['with a placeholder reason', { reason: '<why the risk is accepted>' }, /has no reason/],
      ['expired', { reason: 'Until the migration.', expires: '2020-01-31' }, /expired on 2020-01-31/],
      ['with an expiry that is not a date', { reason: 'Until the migration.', expires: 'soon' }, /not a date/],
    ])('%s: refused, still a warning', (_name, ack, refusal) => {
      const [f] = findingsOf(rule, acknowledging(ack), { terminationProtection: false });
      expect(f).toMatchObject({ severity: 'warning', acknowledgementRefused: expect.stringMatching(refusal) });
      expect(f.acknowledged).toBeUndefined();
    });

    test("acknowledges only findings about the stack, not its resources' own", () => {
      const template = {
        Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: {} } },
        Metadata: { deadbolt: { acknowledge: [{ id: 'rds-deletion-protection', reason: 'All scratch.' }] } },
      };
      const { findings } = evaluate(
        { documents: [cloudFormationDocument({ id: 'Stack', template })] },
        { rules: [ruleById('rds-deletion-protection')!] },
      );
      expect(findings.map((f) => f.severity)).toEqual(['error']);
    });
  });

  test('the CDK fix names the Stack prop', () => {
    const [f] = findingsOf(rule, data, { terminationProtection: false }, { idiom: 'cdk' });
    expect(f.fix).toMatch(/terminationProtection: true/);
  });

  test("a nested stack is judged by its root stack's setting", () => {
    const root = cloudFormationDocument({
      id: 'Root',
      template: { Resources: { Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'x' } } } },
      terminationProtection: false,
    });
    const nested = cloudFormationDocument({
      id: 'Nested',
      template: data,
      parent: { document: root, logicalId: 'Nested' },
    });
    const { findings } = evaluate({ documents: [root, nested] }, { rules: [rule] });
    // The root holds only the nested stack (a container, not data); the nested stack holds the table.
    expect(findings.map((f) => [f.resource.logicalId, f.message])).toEqual([
      [
        'Nested',
        'Termination protection of root stack Root, which deletes this nested stack with it, is off; it holds 1 stateful resource (Res).',
      ],
    ]);
    const protectedRoot = cloudFormationDocument({
      id: 'Root',
      template: { Resources: {} },
      terminationProtection: true,
    });
    const nested2 = cloudFormationDocument({
      id: 'Nested',
      template: data,
      terminationProtection: false,
      parent: { document: protectedRoot, logicalId: 'Nested' },
    });
    expect(evaluate({ documents: [protectedRoot, nested2] }, { rules: [rule] }).findings).toEqual([]);
  });

  test('the fix for a nested stack names the root Stack: a NestedStack has no termination protection of its own', () => {
    const root = cloudFormationDocument({
      id: 'Root',
      template: { Resources: { Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'x' } } } },
      terminationProtection: false,
    });
    const nested = cloudFormationDocument({
      id: 'Nested',
      template: data,
      parent: { document: root, logicalId: 'Nested' },
    });
    const [f] = evaluate({ documents: [root, nested] }, { rules: [rule], idiom: 'cdk' }).findings;
    expect(f.fix).toBe(
      "Pass `terminationProtection: true` to the root `Stack` Root (or set `stack.terminationProtection = true` on it): a `NestedStack` has no termination protection of its own, it takes its root stack's.",
    );
    const [cfn] = evaluate({ documents: [root, nested] }, { rules: [rule] }).findings;
    expect(cfn.fix).toMatch(/--stack-name Root`/);
  });

  describe("a stack set's template (TemplateBody) is judged by the stack that deploys the stack set", () => {
    const admin = (terminationProtection: boolean | undefined) =>
      cloudFormationDocument({
        id: 'Admin',
        terminationProtection,
        template: {
          Resources: {
            Baseline: {
              Type: 'AWS::CloudFormation::StackSet',
              Properties: {
                StackSetName: 'baseline',
                PermissionModel: 'SERVICE_MANAGED',
                TemplateBody: JSON.stringify(data),
              },
            },
          },
        },
      });

    test('administrator stack without termination protection: the finding names it, not the stack instances', () => {
      // Before: "Termination protection cannot be read from a template; it is a stack setting. Check it on the
      // deployed stack" about the stack instances, with a fix for a stack named STACK.
      const { findings } = evaluate({ documents: [admin(false)] }, { rules: [rule] });
      expect(findings.map((f) => f.message)).toEqual([
        'Stack set Baseline deploys stacks: Termination protection of stack Admin, which deploys stack set Baseline and deletes it and its stack instances with it, is off; it holds 1 stateful resource (Res).',
      ]);
      expect(findings[0].fix).toMatch(/--stack-name Admin`/);
      const [cdk] = evaluate({ documents: [admin(false)] }, { rules: [rule], idiom: 'cdk' }).findings;
      expect(cdk.fix).toMatch(
        /^Pass `terminationProtection: true` to the root `Stack` Admin .*deletes the stack set and its stack instances/,
      );
    });

    test('administrator stack with termination protection on: no finding', () => {
      expect(evaluate({ documents: [admin(true)] }, { rules: [rule] }).findings).toEqual([]);
    });
  });

  const valid: [string, TemplateCase, Record<string, unknown>][] = [
    ['protection on', data, { terminationProtection: true }],
    ['no stateful resource (bare template)', one('AWS::SNS::Topic'), {}],
    ['no stateful resource, protection off', one('AWS::Lambda::Function', {}), { terminationProtection: false }],
  ];
  test.each(valid)('%s passes', (_name, template, extra) => {
    expect(findingsOf(rule, template, extra)).toEqual([]);
  });
});
