/**
 * Pulumi's own unit-test pattern (https://www.pulumi.com/docs/iac/concepts/testing/unit/):
 * `setMocks` at the top of the test file, then import the program. The program
 * runs outside a stack, with a mock monitor that cannot register resource
 * hooks; `enforceDataProtection()` and the safe components work there too.
 */
import * as pulumi from '@pulumi/pulumi';
import { enforcementsOf } from '../../src/enforce/enforcements-by-stack';

pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: `${args.name}_id`, state: args.inputs }),
    call: (args) => args.inputs,
  },
  'project',
  'stack',
  false,
);

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe('setMocks, then import the program', () => {
  let program: typeof import('./safe-program');

  beforeAll(async () => {
    program = await import('./safe-program');
  });

  afterAll(async () => {
    // Let the mock engine answer every registration before Jest tears the test file down.
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  });

  it('imports a program that calls enforceDataProtection() and creates a safe component (with its deletion hook)', async () => {
    // The user's mocks compute no endpoint: the program ran, and its outputs resolve.
    expect(await valueOf(program.endpoint)).toBeUndefined();
  });

  it('runs the program in a root stack Deadbolt created, judges it when asked, and never at exit', async () => {
    const stack = pulumi.runtime.getStackResource()!;
    expect(await valueOf(stack.urn)).toBe('urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack');
    const [enforcement, ...others] = enforcementsOf(stack);
    expect(others).toEqual([]);
    const judgement = await enforcement.judge();
    expect(judgement.records.map((r) => r.name).sort()).toEqual(['orders-db', 'orders-key', 'orders-parameters']);
    expect(judgement.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // Deadbolt's at-exit judgement (`@pulumi/aws` adds a listener of its own when its S3 module loads).
    expect(process.listeners('beforeExit').filter((listener) => String(listener).includes('exitState'))).toEqual([]);
  });
});
