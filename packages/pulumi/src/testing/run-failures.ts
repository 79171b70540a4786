/**
 * How a program fails after it has returned, and how a run hears of it.
 *
 * Under the Pulumi CLI a program fails after returning through an unhandled
 * rejection: an `apply` that throws in a resource's input, a `StackReference`
 * output that is missing, a registration the engine refuses. The runner listens
 * for `unhandledRejection` and `uncaughtException` and fails the update
 * (`@pulumi/pulumi` cmd/run/run.js). The resource that failed never gets a URN,
 * so anything that waits for it (Deadbolt's judgement, the stack outputs)
 * waits forever.
 *
 * A run listens the same way, and also where the process's events cannot be
 * heard: Jest runs each test file with a `process` object of its own that
 * never emits them. There, the registrations the program starts are watched
 * directly (the runtime's list of pending operations, which it keeps to report
 * leaked promises at exit), and so are the mock monitor's answers.
 */
import * as pulumi from '@pulumi/pulumi';

/** The runtime's store, as far as it is read here (`@pulumi/pulumi` runtime/state.js). */
interface RuntimeStore {
  leakCandidates?: Set<Promise<unknown>>;
}

interface RuntimeState {
  getStore?(): RuntimeStore;
}

/** What the runtime attaches to each of its pending operations (`@pulumi/pulumi` runtime/debuggable.js). */
interface DebuggablePromise extends Promise<unknown> {
  readonly _debugCtx?: unknown;
}

/**
 * The label of a resource registration's whole operation (preparing its inputs,
 * then the RPC): `resource:<name>[<type>]`, followed by `#...` for a read.
 */
const REGISTRATION_LABEL = /^resource:(.+)\[([^\]]+)\](?:#\.\.\.)?$/;

/** Event-loop turns to keep listening after a failure: one failure is often reported several times. */
const TURNS_AFTER_FAILURE = 3;

/** Listens for the first failure of a run, until `stop()`. */
export class RunFailures {
  /** Rejects with the first failure heard. Never resolves. */
  public readonly first: Promise<never>;
  private reject!: (error: unknown) => void;
  private failed = false;
  private readonly undo: (() => void)[] = [];

  public constructor() {
    this.first = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    // Handled here so that a failure heard after the run has settled is never itself unhandled.
    this.first.catch(() => undefined);
    const onUnhandled = (reason: unknown): void =>
      this.fail(
        withContext(
          'the program failed after it returned (an unhandled rejection, which fails pulumi preview and pulumi up)',
          reason,
        ),
      );
    const onUncaught = (error: unknown): void =>
      this.fail(withContext('the program threw outside its own code (an uncaught exception)', error));
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUncaught);
    this.undo.push(() => {
      process.removeListener('unhandledRejection', onUnhandled);
      process.removeListener('uncaughtException', onUncaught);
    });
  }

  /** Records a failure; only the first one counts. */
  public fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.reject(error);
  }

  /** The mock monitor refused a registration: the mocks threw, as the engine would fail the update. */
  public registrationRefused(name: string, type: string, error: unknown): void {
    this.fail(
      withContext(
        `the mocks refused to register resource \`${name}\` (${type}), as a provider error fails pulumi up`,
        error,
      ),
    );
  }

  /**
   * Watches every registration the program starts from now on (the runtime's
   * pending operations of the current deployment: call it after `setMocks`).
   * A registration whose inputs cannot be prepared (an `apply` that throws, an
   * output that is missing) never reaches the monitor, and fails the run.
   */
  public watchRegistrations(): void {
    const candidates = runtimeStore()?.leakCandidates;
    if (!(candidates instanceof Set)) return;
    const add = candidates.add;
    const hadOwn = Object.prototype.hasOwnProperty.call(candidates, 'add');
    const watched = (promise: Promise<unknown>): Set<Promise<unknown>> => {
      const match = REGISTRATION_LABEL.exec(String((promise as DebuggablePromise)._debugCtx ?? ''));
      if (match) {
        promise.catch((error: unknown) =>
          this.fail(
            withContext(
              `resource \`${match[1]}\` (${match[2]}) could not be registered, so pulumi preview and pulumi up would fail`,
              error,
            ),
          ),
        );
      }
      return add.call(candidates, promise);
    };
    candidates.add = watched;
    this.undo.push(() => {
      if (candidates.add !== watched) return;
      if (hadOwn) candidates.add = add;
      else delete (candidates as { add?: unknown }).add;
    });
  }

  /**
   * Stops listening. After a failure it listens a few event-loop turns longer:
   * the runtime reports one failure through several rejections, and those must
   * not reach the test runner as failures of their own.
   */
  public async stop(): Promise<void> {
    if (this.failed) for (let i = 0; i < TURNS_AFTER_FAILURE; i++) await nextTurn();
    for (const undo of this.undo.splice(0)) undo();
  }
}

/** The error, its message prefixed with what it means for the run; the original kept as `cause`. */
function withContext(context: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`runWithDeadbolt: ${context}: ${message}`, { cause: error });
}

function runtimeStore(): RuntimeStore | undefined {
  try {
    return (require('@pulumi/pulumi/runtime/state') as RuntimeState).getStore?.();
  } catch {
    return undefined;
  }
}

/** The runtime's own wait for every pending RPC (`@pulumi/pulumi` runtime/settings.js), not in its declarations. */
export async function waitForRPCs(): Promise<void> {
  const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  if (typeof runtime.waitForRPCs === 'function') await runtime.waitForRPCs();
}

/** The runtime's current "every RPC done" promise: a new one each time an RPC starts. */
export function rpcActivity(): unknown {
  const store = runtimeStore() as { settings?: { rpcDone?: unknown } } | undefined;
  return store?.settings?.rpcDone;
}

// Taken when this module loads, so that a test's fake timers (`jest.useFakeTimers()`) do not stop a run.
const realSetImmediate = setImmediate;
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;

/** One turn of the event loop: timers due, I/O callbacks and `setImmediate` callbacks run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** Resolves after `ms`, whatever the test's timers. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms).unref?.());
}

/**
 * Rejects once nothing has happened for `ms` milliseconds: the values
 * `progress()` returns stayed the same. A run that is merely long (hundreds of
 * resources answered one after another) keeps moving and never expires; a
 * stuck one expires, with the message `describe()` gives then.
 */
export class IdleDeadline {
  public readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cancelled = false;

  public constructor(ms: number, progress: () => readonly unknown[], describe: () => string) {
    const interval = Math.max(10, Math.min(250, Math.floor(ms / 4)));
    let last = progress();
    let lastChange = Date.now();
    let lastCheck = lastChange;
    this.expired = new Promise<never>((_, reject) => {
      const check = (): void => {
        if (this.cancelled) return;
        const now = Date.now();
        const current = progress();
        // A check that comes late found the process busy (synchronous work): that is not idleness.
        if (current.some((value, i) => value !== last[i]) || now - lastCheck > interval * 2) {
          last = current;
          lastChange = now;
        }
        lastCheck = now;
        if (now - lastChange >= ms) reject(new Error(describe()));
        else this.timer = realSetTimeout(check, interval);
      };
      this.timer = realSetTimeout(check, interval);
    });
    this.expired.catch(() => undefined);
  }

  public cancel(): void {
    this.cancelled = true;
    if (this.timer) realClearTimeout(this.timer);
  }
}
