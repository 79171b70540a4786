/**
 * A user's own mocks, written before the program called
 * `enforceDataProtection()`: strict (they throw on a type they do not
 * expect), counting what they create, and shared by two programs imported in
 * one test file. Adding the call changes none of that: the root stack Deadbolt
 * creates is answered by Deadbolt, resources keep the URNs `pulumi up` gives
 * them, and each program gets a stack (and a judgement) of its own.
 */
import * as pulumi from '@pulumi/pulumi';
import { enforcementsOf } from '../../src/enforce/enforcements-by-stack';

const created: string[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      if (!args.type.startsWith('aws:')) throw new Error(`unexpected resource type ${args.type}`);
      created.push(`${args.type} ${args.name}`);
      return { id: `${args.name}_id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  'project',
  'stack',
  false,
);

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

async function judgedNames(stack: pulumi.ComponentResource): Promise<string[][]> {
  return Promise.all(enforcementsOf(stack).map(async (e) => (await e.judge()).records.map((r) => `${r.name} ${r.id}`)));
}

describe('setMocks with strict mocks, then two programs imported', () => {
  let firstStack: pulumi.ComponentResource;

  afterAll(async () => {
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  });

  it('shows the mocks only the program’s resources, with the URNs pulumi up gives them', async () => {
    const program = await import('./unsafe-program');
    // These mocks compute nothing: the output resolves (to undefined) once the program has run.
    expect(await valueOf(program.endpoint)).toBeUndefined();
    expect(created).toEqual(['aws:rds/instance:Instance orders']);
    firstStack = pulumi.runtime.getStackResource()!;
    expect(await judgedNames(firstStack)).toEqual([
      ['orders urn:pulumi:stack::project::aws:rds/instance:Instance::orders'],
    ]);
  });

  it('gives a second program a stack of its own, and judges each program alone', async () => {
    const program = await import('./table-program');
    expect(await valueOf(program.tableName)).toBeUndefined();
    expect(created).toEqual(['aws:rds/instance:Instance orders', 'aws:dynamodb/table:Table sessions']);
    const secondStack = pulumi.runtime.getStackResource()!;
    expect(secondStack).not.toBe(firstStack);
    expect(await judgedNames(secondStack)).toEqual([
      ['sessions urn:pulumi:stack::project::aws:dynamodb/table:Table::sessions'],
    ]);
    expect(await judgedNames(firstStack)).toEqual([
      ['orders urn:pulumi:stack::project::aws:rds/instance:Instance::orders'],
    ]);
  });
});
