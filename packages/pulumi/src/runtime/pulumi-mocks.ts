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
 *
 * The mock monitor also names resources differently from the engine: it puts
 * the root stack's type in the URN of the stack's children
 * (`pulumi:pulumi:Stack$aws:rds/instance:Instance`), which the engine leaves
 * out (https://www.pulumi.com/docs/iac/concepts/resources/names/#urns). An
 * acknowledgement copied from a test must name the resource `pulumi up` names.
 */
import * as pulumi from '@pulumi/pulumi';

/** Pulumi's `MockMonitor`, as far as Deadbolt reads it (`@pulumi/pulumi` runtime/mocks.js). */
interface MockMonitor {
  mocks: pulumi.runtime.Mocks;
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

/** The root stack's type token. */
export const ROOT_STACK_TYPE = 'pulumi:pulumi:Stack';

/** Monitors already adjusted, so that wrapping twice never nests. */
const ADJUSTED = Symbol.for('@deadbolt/pulumi.mock-monitor-adjusted');

/** The root stacks Deadbolt created under the mocks (on `globalThis`, shared by every copy of this package). */
const CREATED_STACKS = Symbol.for('@deadbolt/pulumi.stacks-created-under-mocks');

function createdStacks(): WeakSet<object> {
  const holder = globalThis as { [CREATED_STACKS]?: WeakSet<object> };
  holder[CREATED_STACKS] ??= new WeakSet();
  return holder[CREATED_STACKS];
}

/**
 * Makes the mock monitor behave as the engine does where Deadbolt's results
 * depend on it, and keeps Deadbolt's own root stack out of the user's mocks:
 * - a child of the root stack gets the engine's URN
 *   (`urn:pulumi:stack::project::aws:rds/instance:Instance::orders`), not the
 *   mock monitor's (`…::pulumi:pulumi:Stack$aws:rds/instance:Instance::orders`);
 * - the root stack's registration is answered here, never passed to the
 *   mocks' `newResource`: mocks that throw on a type they do not expect, count
 *   resources or collect URNs see what they saw before the program called
 *   `enforceDataProtection()`.
 *
 * Does nothing when not under the mocks, and once per monitor.
 */
export function behaveLikeTheEngineUnderMocks(): void {
  const monitor = mockMonitor() as (MockMonitor & { [ADJUSTED]?: true }) | undefined;
  if (!monitor || monitor[ADJUSTED]) return;
  monitor[ADJUSTED] = true;
  const newUrn = monitor.newUrn.bind(monitor);
  monitor.newUrn = (parent, type, name) => newUrn(isRootStackUrn(parent) ? '' : parent, type, name);
  monitor.mocks = answeringTheRootStack(monitor.mocks);
}

/** Is `urn` the root stack's (`urn:pulumi:<stack>::<project>::pulumi:pulumi:Stack::<name>`)? */
function isRootStackUrn(urn: string): boolean {
  return urn.split('::')[2] === ROOT_STACK_TYPE;
}

/**
 * The mocks, except that the root stack's registration is answered here: a
 * component has no id and no state of its own. Everything else reaches the
 * user's object, called as its own method.
 */
function answeringTheRootStack(mocks: pulumi.runtime.Mocks): pulumi.runtime.Mocks {
  const wrapped = Object.create(mocks) as pulumi.runtime.Mocks;
  wrapped.newResource = (args) =>
    args.type === ROOT_STACK_TYPE ? { id: undefined, state: {} } : mocks.newResource(args);
  wrapped.call = (args) => mocks.call(args);
  return wrapped;
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
 * they have under the CLI, and the URNs the engine gives them
 * (`behaveLikeTheEngineUnderMocks`).
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
  behaveLikeTheEngineUnderMocks();
  const stack = new pulumi.runtime.Stack(async () => ({}));
  state.setStackResource(stack);
  createdStacks().add(stack);
  return stack;
}

/** Was `stack` created by `createStackUnderMocks` (not by the CLI, `runInPulumiStack` or the test)? */
export function isStackCreatedUnderMocks(stack: object): boolean {
  return createdStacks().has(stack);
}
