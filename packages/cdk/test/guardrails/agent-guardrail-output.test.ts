/**
 * `AgentGuardrailPolicy` builds its statements from `@deadbolt/rules` (`agentGuardrailStatements` and the functions
 * beside it). Its output is pinned, byte for byte, by `fixtures/agent-guardrail-before-rules-move.json`, for each set
 * of props below (statements, SCP statements and documents, the synthesized managed policy and boundary, denied
 * actions, and the messages of what it refuses).
 *
 * The fixture was first captured from the class before the statements moved to `@deadbolt/rules`, and the move
 * changed no byte of it. It was captured again, on purpose, from the new code when the guardrail began to deny the
 * IAM calls that change the caller itself or a break-glass principal (`DeadboltDenyPrincipalChange`) and, in the
 * managed policy and boundary, creating roles and users; the bucket actions then joined `DeadboltDenyDeleteAnywhere`
 * when no bucket ARN is given (same resources and condition), to stay within the managed policy limit.
 *
 * A change to the statements, the destructive-action catalogue or the Service Authorization Reference data changes
 * this output too: then check the new output by hand and capture the fixture again
 * (`DEADBOLT_CAPTURE_GUARDRAIL_FIXTURE=1 CI=true npx jest packages/cdk/test/guardrails/agent-guardrail-output.test.ts`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AgentGuardrailPolicy, type AgentGuardrailPolicyProps } from '../../src';

interface Captured {
  readonly props: AgentGuardrailPolicyProps;
  readonly output: ReturnType<typeof outputOf>;
}

const BEFORE: Record<string, Captured> = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'agent-guardrail-before-rules-move.json'), 'utf8'),
);

function attempt<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Everything the class writes for the props, as strings where the bytes matter. */
function outputOf(props: AgentGuardrailPolicyProps) {
  const guardrail = new AgentGuardrailPolicy(props);
  const stack = new Stack();
  const synthesized = (make: (scope: Stack) => void) =>
    attempt(() => {
      const scope = new Stack(new App({ builtinCloudFormationValidation: false }), 'Agent');
      make(scope);
      const [policy] = Object.values(Template.fromStack(scope).findResources('AWS::IAM::ManagedPolicy'));
      return JSON.stringify(policy.Properties);
    });
  return {
    deniedActions: guardrail.deniedActions(),
    statements: JSON.stringify(guardrail.statements().map((s) => stack.resolve(s.toStatementJson()))),
    scpStatements: JSON.stringify(guardrail.scpStatements().map((s) => stack.resolve(s.toStatementJson()))),
    scpDocuments: attempt(() => guardrail.toScpDocuments()),
    scpDocument: attempt(() => guardrail.toScpDocument()),
    managedPolicy: synthesized((scope) => guardrail.toManagedPolicy(scope, 'Guardrail')),
    boundary: synthesized((scope) => guardrail.toPermissionsBoundary(scope, 'Guardrail')),
  };
}

if (process.env.DEADBOLT_CAPTURE_GUARDRAIL_FIXTURE === '1') {
  const captured = Object.fromEntries(
    Object.entries(BEFORE).map(([name, c]) => [name, { props: c.props, output: outputOf(c.props) }]),
  );
  fs.writeFileSync(
    path.join(__dirname, 'fixtures', 'agent-guardrail-before-rules-move.json'),
    `${JSON.stringify(captured, null, 1)}\n`,
  );
}

test('the fixture covers the defaults, both ARN lists, denyModifyCalls, the tag and the size limits', () => {
  expect(Object.keys(BEFORE).length).toBeGreaterThanOrEqual(7);
  const outputs = Object.values(BEFORE).map((c) => c.output);
  // Both outcomes of every size check are in the fixture.
  expect(outputs.some((o) => typeof o.managedPolicy === 'string')).toBe(true);
  expect(outputs.some((o) => typeof o.managedPolicy !== 'string')).toBe(true);
  expect(outputs.some((o) => Array.isArray(o.scpDocuments))).toBe(true);
  expect(outputs.some((o) => !Array.isArray(o.scpDocuments))).toBe(true);
});

test.each(Object.entries(BEFORE))('%s: the same output as the captured fixture', (_name, c) => {
  const now = outputOf(c.props);
  // Compared field by field, so that a difference names what changed.
  for (const key of Object.keys(c.output) as (keyof Captured['output'])[]) {
    expect({ [key]: now[key] }).toEqual({ [key]: c.output[key] });
  }
  expect(Object.keys(now)).toEqual(Object.keys(c.output));
});
