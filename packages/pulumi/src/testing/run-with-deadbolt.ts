/**
 * Runs a user's Pulumi program under Pulumi's unit-test mocks and returns what
 * Deadbolt found, so that a unit test asserts on it:
 *
 * ```ts
 * const { findings } = await runWithDeadbolt(() => import('../index'));
 * expect(findings).toEqual([]);
 * ```
 *
 * It does what the Pulumi CLI does around a program (a fresh runtime, the
 * root stack, the stack configuration, an exported function called and
 * awaited), with the mocks in place of the engine
 * (https://www.pulumi.com/docs/iac/concepts/testing/unit/), waits for every
 * registration, and judges the stack with the `enforceDataProtection()` the
 * program calls: with its acknowledgements and options, as `pulumi up` would.
 */
import * as pulumi from '@pulumi/pulumi';
import { plural, type Finding, type Severity } from '@deadbolt/rules';
import { enforcementsOf, markJudgedByCaller } from '../enforce/enforcements-by-stack';
import type { ProtectionChange } from '../enforce/enforce-data-protection';
import { acknowledgementLine, findingText, type DataProtectionJudgement } from '../model/judging';
import { acceptResourceHooksUnderMocks, behaveLikeTheEngineUnderMocks, ROOT_STACK_TYPE } from '../runtime/pulumi-mocks';
import { awsMocks } from './aws-mocks';
import { runProgramModule } from './program-exports';
import { recordRegistrations, type RegisteredResource } from './registered-resources';
import { delay, IdleDeadline, nextTurn, rpcActivity, RunFailures, waitForRPCs } from './run-failures';
import { useStackConfig } from './stack-config';

/** How to run the program. */
export interface RunWithDeadboltOptions {
  /**
   * The project name (`pulumi.getProject()`, and part of every URN).
   * @default 'project'
   */
  readonly project?: string;
  /**
   * The stack name (`pulumi.getStack()`, and part of every URN).
   * @default 'stack'
   */
  readonly stack?: string;
  /**
   * The stack configuration, as `Pulumi.<stack>.yaml` holds it: `'<namespace>:<key>'` to value
   * (`{ 'aws:region': 'us-east-1', 'aws:allowedAccountIds': ['111111111111'] }`). Values that
   * are not strings are given to the program as JSON, as the CLI gives structured config.
   * It holds for this run only: the configuration set before is put back when the run ends.
   * @default - the configuration already set in this process (none, in a fresh test)
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /**
   * Run as `pulumi preview`: resources get no ids, and values the provider computes are unknown.
   * @default false
   */
  readonly preview?: boolean;
  /**
   * The mocks that stand in for the providers (`pulumi.runtime.setMocks`).
   * @default - `awsMocks()`: ids, ARNs and names for AWS resources, for the account in
   * `aws:allowedAccountIds` (when it lists one) and the region in `aws:region`
   */
  readonly mocks?: pulumi.runtime.Mocks;
  /**
   * Reject, instead of returning, when a finding is an error (one that fails
   * `pulumi preview` and `pulumi up`); the rejection's message holds every error finding.
   * @default false
   */
  readonly throwOnErrors?: boolean;
  /**
   * The moment acknowledgements' `expires` dates are compared with.
   * @default - now
   */
  readonly now?: Date;
  /**
   * How long, in milliseconds, the run may wait with nothing happening (no
   * registration answered, no resource's values read) once the program has
   * returned, before it rejects naming the resources still waiting. A long
   * program that keeps moving never reaches it. Keep it below the test
   * runner's own timeout (Jest's default is 5000), so that the run's message,
   * not the runner's, says what never finished.
   * @default 3000
   */
  readonly timeout?: number;
}

/** One finding, named in Pulumi's terms. */
export interface DataProtectionFinding {
  /** The catalogue rule id (`rds-deletion-protection`); `deadbolt rules` lists them. */
  readonly ruleId: string;
  /** `error` fails `pulumi preview` and `pulumi up`; `info` is an acknowledged finding, or a rule set to `info`. */
  readonly severity: Severity;
  /** The resource's URN (for a finding on the stack as a whole, `<project>/<stack>`). */
  readonly urn: string;
  /** The resource's Pulumi name (the stack's name for a finding on the stack as a whole). */
  readonly resourceName: string;
  /** The resource's Pulumi type token (`aws:rds/instance:Instance`). */
  readonly resourceType: string;
  readonly title: string;
  /** What is wrong, naming the property and its value. */
  readonly message: string;
  /** How the data is lost. */
  readonly why: string;
  /** The exact change to the program. */
  readonly fix: string;
  /** The `enforceDataProtection({ acknowledge: [...] })` entry that accepts the risk with a written reason. */
  readonly acknowledgeWith: string;
  /** The acknowledgement that covers the finding, if one does. */
  readonly acknowledged?: { readonly reason: string; readonly expires?: string };
  /** The whole finding as `enforceDataProtection` logs it on the resource. */
  readonly text: string;
}

/** What `runWithDeadbolt` found. */
export interface RunWithDeadboltResult<T> {
  /** Every finding no acknowledgement covers, errors and warnings alike. Empty for a program Deadbolt has nothing to say about. */
  readonly findings: readonly DataProtectionFinding[];
  /** The findings that fail `pulumi preview` and `pulumi up` (severity `error`). */
  readonly errors: readonly DataProtectionFinding[];
  /** The findings the program's acknowledgements cover, with their reasons. */
  readonly acknowledged: readonly DataProtectionFinding[];
  /**
   * What Deadbolt would log besides the findings (an unknown account, an acknowledgement that
   * names nothing), and what the run could not see (the children of a multi-language component).
   */
  readonly notes: readonly string[];
  /** The `protect`/`retainOnDelete` options Deadbolt added, by resource. */
  readonly protectionsAdded: readonly ProtectionChange[];
  /** Every resource the program registered (the root stack left out). */
  readonly resources: readonly RegisteredResource[];
  /** The stack outputs, as the CLI would record them. */
  readonly outputs: Readonly<Record<string, unknown>> | undefined;
  /** What the program function returned: for `() => import('./index')`, the module's exports. */
  readonly exports: T;
}

/** Event-loop turns without a new RPC after which the program's work is taken to be done. */
const QUIET_TURNS = 3;

/** How long a program that threw may go on answering registrations before its error is returned. */
const SETTLE_AFTER_FAILURE_MS = 1000;

const DEFAULT_TIMEOUT_MS = 3000;

/**
 * Runs `program` as one Pulumi stack under mocks and returns Deadbolt's
 * judgement of it. The program must call `enforceDataProtection()` (first,
 * as it does under the CLI); the run rejects otherwise, since nothing would
 * have been judged.
 *
 * The module `program` returns is run as the Pulumi CLI runs a program's
 * module: a module that exports a function (`export = async () => { ... }`,
 * or a default export alone) has it called and awaited, and what it returns
 * becomes the stack outputs.
 *
 * The program must await its own work. The run waits for every registration
 * the program started, and a few turns of the event loop more; a resource
 * created later by work left running in the background (an un-awaited async
 * function that waits on a timer) is not judged, though `pulumi up`, which
 * judges at exit, would judge it.
 *
 * Rejects, as `pulumi up` fails:
 * - with the error of a program that throws;
 * - when a resource cannot be registered (an `apply` that throws in its inputs,
 *   mocks that throw), or anything else rejects unhandled during the run;
 * - when, after the program returned, nothing happens for `timeout`
 *   milliseconds and the run is not done, naming the resources still waiting.
 * Findings that would fail the stack are returned, not thrown, unless
 * `throwOnErrors` is set.
 *
 * Runs one at a time: each run resets Pulumi's runtime and sets the stack
 * configuration for its own duration. A module runs once per module registry,
 * so a test file that imports the same program twice gives the second run a
 * fresh registry (`jest.isolateModulesAsync`).
 */
export async function runWithDeadbolt<T>(
  program: () => T | Promise<T>,
  options: RunWithDeadboltOptions = {},
): Promise<RunWithDeadboltResult<T>> {
  const restoreConfig = useStackConfig(options.config);
  const failures = new RunFailures();
  let deadline: IdleDeadline | undefined;
  let finished = false;
  try {
    return await run(program, options, failures, (started) => {
      // A run that failed while the program was still running is over before its deadline starts.
      if (finished) started.cancel();
      else deadline = started;
    });
  } finally {
    finished = true;
    deadline?.cancel();
    await failures.stop();
    restoreConfig();
  }
}

async function run<T>(
  program: () => T | Promise<T>,
  options: RunWithDeadboltOptions,
  failures: RunFailures,
  started: (deadline: IdleDeadline) => void,
): Promise<RunWithDeadboltResult<T>> {
  const project = options.project ?? 'project';
  const stackName = options.stack ?? 'stack';
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const mocks = options.mocks ?? awsMocks(mockedAccount());
  await pulumi.runtime.setMocks(mocks, project, stackName, options.preview ?? false);
  behaveLikeTheEngineUnderMocks();
  acceptResourceHooksUnderMocks();
  const registered = recordRegistrations((name, type, error) => failures.registrationRefused(name, type, error));
  failures.watchRegistrations();

  let stack: pulumi.ComponentResource | undefined;
  let failure: { error: unknown } | undefined;
  let exported: T | undefined;
  let returned!: () => void;
  const programReturned = new Promise<void>((resolve) => (returned = resolve));
  const outputs = pulumi.runtime.runInPulumiStack(async () => {
    stack = pulumi.runtime.getStackResource();
    if (stack) markJudgedByCaller(stack);
    // Caught inside the stack: a rejected program would also reject the stack's
    // outputs, which the runtime leaves unhandled outside the CLI.
    try {
      exported = await program();
      return (await runProgramModule(exported)) as pulumi.Inputs;
    } catch (error) {
      failure = { error };
      return {};
    } finally {
      returned();
    }
  });
  const judged = (async () => {
    const stackOutputs = await outputs;
    if (failure) {
      // Let the mock engine answer what the program registered before it threw, so nothing runs into the next test.
      await Promise.race([settle(), delay(SETTLE_AFTER_FAILURE_MS)]);
      throw failure.error;
    }
    await settle();
    return judge(stack, registered, stackOutputs, exported as T, options);
  })();
  const timedOut = programReturned.then(() => {
    const waiting = (): { readonly name: string; readonly type: string }[] =>
      (stack ? enforcementsOf(stack) : []).flatMap((e) => e.unsettled());
    const deadline = new IdleDeadline(
      timeout,
      () => [registered.length, waiting().length, rpcActivity()],
      () => unfinishedMessage(timeout, waiting()),
    );
    started(deadline);
    return deadline.expired;
  });
  return Promise.race([judged, failures.first, timedOut]);
}

/** Judges what the program registered, with the enforcements it created. */
async function judge<T>(
  stack: pulumi.ComponentResource | undefined,
  registered: readonly RegisteredResource[],
  outputs: Record<string, unknown> | undefined,
  exported: T,
  options: RunWithDeadboltOptions,
): Promise<RunWithDeadboltResult<T>> {
  const enforcements = stack ? enforcementsOf(stack) : [];
  const resources = registered.filter((r) => r.type !== ROOT_STACK_TYPE);
  if (enforcements.length === 0) throw new Error(notEnforcedMessage(resources.length));

  const judgements: DataProtectionJudgement[] = [];
  const protectionsAdded: ProtectionChange[] = [];
  for (const enforcement of enforcements) {
    judgements.push(await enforcement.judge(options.now));
    protectionsAdded.push(...(await enforcement.changes()));
  }
  const all = unique(judgements.flatMap((j) => j.findings.map((f) => describe(f, j))));
  const result: RunWithDeadboltResult<T> = {
    findings: all.filter((f) => !f.acknowledged),
    errors: all.filter((f) => f.severity === 'error'),
    acknowledged: all.filter((f) => f.acknowledged),
    notes: [...new Set([...judgements.flatMap((j) => j.notes), ...resources.filter((r) => r.remote).map(remoteNote)])],
    protectionsAdded,
    resources,
    outputs,
    exports: exported,
  };
  if (options.throwOnErrors && result.errors.length > 0)
    throw new Error(errorsMessage(result.errors, `${options.project ?? 'project'}/${options.stack ?? 'stack'}`));
  return result;
}

/**
 * Waits until the program's work is done: every RPC it started answered (the
 * runtime's own wait), and then a few turns of the event loop in which no new
 * one started, so that the registrations an awaited call or a resolved output
 * leads to are waited for too.
 */
async function settle(): Promise<void> {
  for (let quiet = 0; quiet < QUIET_TURNS;) {
    const before = rpcActivity();
    await waitForRPCs();
    await nextTurn();
    quiet = rpcActivity() === before ? quiet + 1 : 0;
  }
}

function remoteNote(component: RegisteredResource): string {
  return (
    `\`${component.name}\` (${component.type}) is a multi-language component: its provider creates its children, ` +
    'and under the mocks nothing does, so they were neither protected nor judged here. ' +
    "Under pulumi preview and pulumi up, enforceDataProtection() reaches them through the engine's resource transforms."
  );
}

function unfinishedMessage(
  timeout: number,
  waiting: readonly { readonly name: string; readonly type: string }[],
): string {
  const named = waiting.length
    ? `; still waiting for ${plural(waiting.length, 'resource')}: ${waiting
        .slice(0, 10)
        .map((r) => `\`${r.name}\` (${r.type})`)
        .join(', ')}${waiting.length > 10 ? ` and ${waiting.length - 10} more` : ''}`
    : '';
  return (
    `runWithDeadbolt: nothing happened for ${timeout} ms after the program returned, and the run was not done${named}. ` +
    'A resource waits forever for an input that never resolves (a Promise that never settles, an output of a resource that failed), ' +
    'and a run waits for mocks that never answer. ' +
    `If the program is only slow, raise \`timeout\` (runWithDeadbolt(program, { timeout: ${timeout * 2} })).`
  );
}

/** The account and region of the stack configuration, for the default mocks. */
function mockedAccount(): { account?: string; region?: string } {
  const aws = new pulumi.Config('aws');
  const allowed = aws.getObject<unknown>('allowedAccountIds');
  const account =
    Array.isArray(allowed) && allowed.length === 1 && /^\d{12}$/.test(String(allowed[0]))
      ? String(allowed[0])
      : undefined;
  return { account, region: aws.get('region') };
}

function notEnforcedMessage(resourceCount: number): string {
  if (resourceCount === 0) {
    return (
      'runWithDeadbolt: the program registered no resource and did not call enforceDataProtection(), so Deadbolt judged nothing. ' +
      'If it is a module this test file imported before, it did not run again: Node and Jest run a module once per module registry, ' +
      "so give each run a fresh one (`await jest.isolateModulesAsync(async () => { run = await runWithDeadbolt(() => import('./index')); })`)."
    );
  }
  return (
    `runWithDeadbolt: the program registered ${plural(resourceCount, 'resource')} but did not call enforceDataProtection(), ` +
    'so Deadbolt judged nothing. Call it first in the program, before any resource is created ' +
    "(`import { enforceDataProtection } from '@deadbolt/pulumi'; enforceDataProtection();`), as it must be under the Pulumi CLI too."
  );
}

function errorsMessage(errors: readonly DataProtectionFinding[], stack: string): string {
  return (
    `Deadbolt: ${plural(errors.length, 'data-protection error')} in stack ${stack}; ` +
    `pulumi preview and pulumi up would fail:\n\n${errors.map((f) => f.text).join('\n\n')}`
  );
}

/** A catalogue finding in Pulumi's terms: URN, name and type of its resource. */
function describe(f: Finding, judgement: DataProtectionJudgement): DataProtectionFinding {
  const record = judgement.records.find((r) => r.id === f.resource.logicalId);
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    urn: f.resource.logicalId,
    resourceName: record?.name ?? judgement.stack.split('/').pop()!,
    resourceType: record?.type ?? ROOT_STACK_TYPE,
    title: f.title,
    message: f.message,
    why: f.why,
    fix: f.fix,
    acknowledgeWith: acknowledgementLine(f, judgement.records),
    ...(f.acknowledged
      ? {
          acknowledged: {
            reason: f.acknowledged.reason,
            ...(f.acknowledged.expires ? { expires: f.acknowledged.expires } : {}),
          },
        }
      : {}),
    text: findingText(f, judgement.records),
  };
}

/** The findings once each: a program that called `enforceDataProtection()` twice is judged twice. */
function unique(findings: DataProtectionFinding[]): DataProtectionFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\u0000${f.urn}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
