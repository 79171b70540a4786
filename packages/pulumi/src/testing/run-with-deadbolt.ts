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
 * root stack, the stack configuration), with the mocks in place of the engine
 * (https://www.pulumi.com/docs/iac/concepts/testing/unit/), waits for every
 * registration, and judges the stack with the `enforceDataProtection()` the
 * program calls: with its acknowledgements and options, as `pulumi up` would.
 */
import * as pulumi from '@pulumi/pulumi';
import type { Finding, Severity } from '@deadbolt/rules';
import { enforcementsOf, markJudgedByCaller } from '../enforce/enforcements-by-stack';
import type { ProtectionChange } from '../enforce/enforce-data-protection';
import { acknowledgementLine, findingText, type DataProtectionJudgement } from '../model/judging';
import { acceptResourceHooksUnderMocks } from '../runtime/pulumi-mocks';
import { awsMocks } from './aws-mocks';
import { recordRegistrations, type RegisteredResource } from './registered-resources';

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
  /** What Deadbolt would log besides the findings: an unknown account, an acknowledgement that names nothing. */
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

const STACK_TYPE = 'pulumi:pulumi:Stack';

/**
 * Runs `program` as one Pulumi stack under mocks and returns Deadbolt's
 * judgement of it. The program must call `enforceDataProtection()` (first,
 * as it does under the CLI); the run rejects otherwise, since nothing would
 * have been judged. A program that throws rejects the run with its error.
 * Findings that would fail the stack are returned, not thrown, unless
 * `throwOnErrors` is set.
 *
 * Runs one at a time: each run resets Pulumi's runtime. A module runs once per
 * module registry, so a test file that imports the same program twice gives
 * the second run a fresh registry (`jest.isolateModulesAsync`).
 */
export async function runWithDeadbolt<T>(
  program: () => T | Promise<T>,
  options: RunWithDeadboltOptions = {},
): Promise<RunWithDeadboltResult<T>> {
  const project = options.project ?? 'project';
  const stackName = options.stack ?? 'stack';
  if (options.config) pulumi.runtime.setAllConfig(stringValues(options.config));
  const mocks = options.mocks ?? awsMocks(mockedAccount());
  await pulumi.runtime.setMocks(mocks, project, stackName, options.preview ?? false);
  acceptResourceHooksUnderMocks();
  const registered = recordRegistrations();

  let stack: pulumi.ComponentResource | undefined;
  let failure: { error: unknown } | undefined;
  let exported: T | undefined;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    stack = pulumi.runtime.getStackResource();
    if (stack) markJudgedByCaller(stack);
    // Caught inside the stack: a rejected program would also reject the stack's
    // outputs, which the runtime leaves unhandled outside the CLI.
    try {
      exported = await program();
      return exported as pulumi.Inputs;
    } catch (error) {
      failure = { error };
      return {};
    }
  });
  await waitForRegistrations();
  if (failure) throw failure.error;

  const enforcements = stack ? enforcementsOf(stack) : [];
  const resources = registered.filter((r) => r.type !== STACK_TYPE);
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
    notes: [...new Set(judgements.flatMap((j) => j.notes))],
    protectionsAdded,
    resources,
    outputs,
    exports: exported as T,
  };
  if (options.throwOnErrors && result.errors.length > 0)
    throw new Error(errorsMessage(result.errors, `${project}/${stackName}`));
  return result;
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

function stringValues(config: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config))
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}

/**
 * Waits until the mock engine has answered every registration the program
 * started, so that the resources are all recorded and nothing is left running
 * when the test ends. The runtime's own wait (`waitForRPCs`) is not in its
 * declarations; without it, the enforcements' records (which wait for every
 * AWS resource's URN) are what is waited for.
 */
async function waitForRegistrations(): Promise<void> {
  const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  if (typeof runtime.waitForRPCs === 'function') await runtime.waitForRPCs();
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
    `runWithDeadbolt: the program registered ${resourceCount} resource${resourceCount === 1 ? '' : 's'} but did not call enforceDataProtection(), ` +
    'so Deadbolt judged nothing. Call it first in the program, before any resource is created ' +
    "(`import { enforceDataProtection } from '@deadbolt/pulumi'; enforceDataProtection();`), as it must be under the Pulumi CLI too."
  );
}

function errorsMessage(errors: readonly DataProtectionFinding[], stack: string): string {
  return (
    `Deadbolt: ${errors.length} data-protection error${errors.length === 1 ? '' : 's'} in stack ${stack}; ` +
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
    resourceType: record?.type ?? STACK_TYPE,
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
