/**
 * What Deadbolt does differently when a program runs under Pulumi's unit-test
 * mocks (`pulumi.runtime.setMocks`), where no CLI and no engine run it:
 * https://www.pulumi.com/docs/iac/concepts/testing/unit/
 *
 * Pulumi's documented pattern calls `setMocks` and then imports the program:
 * nothing creates the root stack resource (the CLI's language host does, with
 * `runInPulumiStack`), and the mock monitor has no `RegisterResourceHook`
 * (https://github.com/pulumi/docs/issues/16461). Without the stack, a stack
 * transformation has nowhere to live; without the hook method, registering a
 * resource hook rejects, unhandled, and ends the test process.
 */
import * as pulumi from '@pulumi/pulumi';

/** Pulumi's `MockMonitor`, as far as Deadbolt reads it (`@pulumi/pulumi` runtime/mocks.js). */
interface MockMonitor {
  readonly mocks: pulumi.runtime.Mocks;
  newUrn(parent: string, type: string, name: string): string;
  registerResourceHook?: (request: unknown, callback: (error: Error | null, response?: unknown) => void) => void;
}

/** The SDK's internal setter of the root stack resource (`@pulumi/pulumi` runtime/state.js). */
interface RuntimeState {
  readonly setStackResource?: (stack: pulumi.ComponentResource | undefined) => void;
}

/** The monitor, when it is Pulumi's mock monitor; undefined under the CLI. */
export function mockMonitor(): MockMonitor | undefined {
  const monitor = pulumi.runtime.getMonitor() as Partial<MockMonitor> | undefined;
  const isMock =
    monitor !== undefined &&
    typeof monitor.newUrn === 'function' &&
    typeof monitor.mocks === 'object' &&
    monitor.mocks !== null;
  return isMock ? (monitor as MockMonitor) : undefined;
}

/**
 * Lets resource hooks register under the mocks. The mock monitor declares
 * hook support but has no `registerResourceHook`, so the SDK's registration
 * would reject outside the program. The mocks run no hooks anyway; a
 * resource's hook binding still reaches the monitor with the resource.
 */
export function acceptResourceHooksUnderMocks(): void {
  const monitor = mockMonitor();
  if (monitor && typeof monitor.registerResourceHook !== 'function') {
    monitor.registerResourceHook = (_request, callback) => callback(null);
  }
}

/**
 * Under the mocks, when the program runs outside a stack (Pulumi's documented
 * unit-test pattern), creates the root stack resource the CLI would have
 * created, so that a stack transformation reaches every resource created
 * after it. Returns undefined when not under the mocks, or when this SDK
 * version offers no way to set the stack synchronously.
 *
 * `new Stack()` makes itself the root resource only after an `await`, and the
 * program goes on creating resources synchronously, so the SDK's own setter is
 * called at once. Resources of the program then have the stack as parent, as
 * they have under the CLI; under the mocks their URNs carry its type
 * (`pulumi:pulumi:Stack$aws:...`), as they do in programs run with `runInPulumiStack`.
 */
export function createStackUnderMocks(): pulumi.ComponentResource | undefined {
  if (!mockMonitor()) return undefined;
  let state: RuntimeState;
  try {
    state = require('@pulumi/pulumi/runtime/state') as RuntimeState;
  } catch {
    return undefined;
  }
  if (typeof state.setStackResource !== 'function') return undefined;
  const stack = new pulumi.runtime.Stack(async () => ({}));
  state.setStackResource(stack);
  return stack;
}
