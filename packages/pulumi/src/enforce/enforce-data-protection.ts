import * as pulumi from '@pulumi/pulumi';
import {
  isStatefulType,
  looksDataBearing,
  plural,
  providerDataDecision,
  pulumiTypeMapping,
  type Finding,
  type ProviderDocumentInput,
  type ProviderResourceRecord,
} from '@deadbolt/rules';
import { knownValue, recordInputs, urnOf } from '../model/output-values';
import {
  checkJudgingArgs,
  findingText,
  judgeStack,
  optionsRecord,
  pulumiTrace,
  singleAccount,
  type DataProtectionJudgement,
  type DataProtectionJudgingArgs,
} from '../model/judging';
import { isGoogleType, isRecordedType } from '../model/policy-resources';
import { createStackUnderMocks, isStackCreatedUnderMocks } from '../runtime/pulumi-mocks';
import { isJudgedByCaller, recordEnforcement } from './enforcements-by-stack';

/** Options for `enforceDataProtection`. */
export interface DataProtectionArgs extends DataProtectionJudgingArgs {
  /**
   * Add `protect: true` and `retainOnDelete: true` to every stateful AWS and Google Cloud resource
   * that leaves them unset. An explicit `false` is kept (and reported).
   * @default true
   */
  readonly addProtection?: boolean;
  /**
   * Judge the stack once the program has registered every resource, before the
   * engine is told the program is done: log every finding and fail the program
   * when one is an error. It hooks the process's `beforeExit`, so it suits
   * programs run by the Pulumi CLI; an Automation API inline program (which
   * shares its process) should set it to false and `await enforcement.enforce()`
   * as its last step.
   *
   * Under Pulumi's unit-test mocks there is no end of the program to wait for:
   * a program run by `runWithDeadbolt` (`@deadbolt/pulumi/testing`) is judged by
   * it, never at exit; a program imported after `pulumi.runtime.setMocks`
   * outside a stack is judged when the test asks (`enforcement.judge()`).
   *
   * Setting it to false is logged once as a warning: nothing then fails the
   * program unless it awaits `enforcement.enforce()`.
   * @default - true, except under the mocks as above
   */
  readonly judgeAtExit?: boolean;
}

/** How the transform reached the engine. */
export type TransformPath = 'engine' | 'sdk';

/** A protection the transform added to a resource. */
export interface ProtectionChange {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  /** The options set: `protect`, `retainOnDelete`. */
  readonly added: readonly ('protect' | 'retainOnDelete')[];
}

/** What the transform body sees of a resource, on either path. */
export interface TransformSubject {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly props: pulumi.Inputs;
  readonly opts: pulumi.ResourceOptions;
  /** The resource under construction (SDK path only): its URN is read once it is registered. */
  readonly resource?: pulumi.Resource;
}

/** What the transform returns: new props and options, or undefined for "unchanged". */
export interface TransformOutcome {
  readonly props: pulumi.Inputs;
  readonly opts: pulumi.ResourceOptions;
}

interface Pending {
  readonly name: string;
  readonly type: string;
  readonly record: Promise<ProviderResourceRecord | undefined>;
  readonly change: Promise<ProtectionChange | undefined>;
  /** True once the record is read (its URN and values known, or known to be unknown). */
  settled: boolean;
}

/** The caller's name in messages and acknowledgement lines. */
const CALLER = 'enforceDataProtection';

/** Longest wait for the stack's values at exit before judging fails closed. */
const EXIT_JUDGEMENT_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Judges every AWS and Google Cloud resource of a Pulumi program with the Deadbolt catalogue and
 * protects the stateful ones. Call it once, at the top of the program:
 *
 * ```ts
 * import { enforceDataProtection } from '@deadbolt/pulumi';
 * enforceDataProtection({ acknowledge: [{ resource: 'scratch', id: 'dynamodb-point-in-time-recovery', reason: 'Rebuilt nightly.' }] });
 * ```
 *
 * It must run before the program creates any resource (it throws otherwise:
 * those resources would escape it). ES `import`s run first, so in a program
 * whose modules create resources when loaded, call it in a module of its own
 * imported first.
 *
 * What it does:
 * - registers one transform body for the whole stack. On an engine that runs
 *   transforms (`registerResourceTransform`), it also sees resources created
 *   inside packaged and multi-language components; the SDK's stack
 *   transformation (`registerStackTransformation`) is registered as well, on
 *   every engine, because only it tells an unset `protect` from `protect: false`
 *   (the Node SDK's callback server hands engine-side transforms `false` for
 *   both). Under the Node mocks, which run no engine-side transforms, the SDK
 *   path is the only one.
 * - adds `protect: true` and `retainOnDelete: true` to every stateful AWS
 *   resource that leaves them unset (`addProtection`);
 * - records every `aws:*` and `gcp:*` resource and `pulumi:providers:aws`/`gcp` provider, with
 *   output values tied to the resources they come from;
 * - when the program is done (`beforeExit`, before the runtime signals the
 *   engine to shut down and run deletes), logs every finding on its resource and
 *   fails the program when one is an error (`judgeAtExit`).
 */
export function enforceDataProtection(args: DataProtectionArgs = {}): DataProtectionEnforcement {
  return new DataProtectionEnforcement(args);
}

/** The stack-wide transform and the judgement of what it recorded. See `enforceDataProtection`. */
export class DataProtectionEnforcement {
  /** The paths the transform was registered on: `['engine', 'sdk']` on an engine with transforms, `['sdk']` otherwise. */
  public readonly paths: readonly TransformPath[];
  private readonly args: DataProtectionArgs;
  private readonly pending: Pending[] = [];
  /** Resources the SDK path saw, by type and name: their parents' URNs, to let the engine path skip them. */
  private readonly sdkSeen = new Map<string, Promise<string | undefined>[]>();
  private exitState: 'waiting' | 'judging' | 'done' = 'waiting';
  /** Resources whose judgement was moved to the end of their transformation chain. */
  private readonly deferred = new WeakSet<pulumi.Resource>();
  private exitResult: Promise<DataProtectionJudgement | undefined> | undefined;

  public constructor(args: DataProtectionArgs = {}) {
    checkJudgingArgs(args, CALLER);
    this.args = args;
    // Every suppression (a rule off, a lowered severity, a minimum under the floor, nonProduction, no judgement at
    // exit) is said once per run, where the preview or update shows its diagnostics.
    const trace = pulumiTrace(optionsRecord(args, CALLER));
    if (trace) pulumi.log.warn(trace).catch(() => undefined);
    let stack: pulumi.ComponentResource | undefined = pulumi.runtime.getStackResource();
    // Pulumi's unit-test pattern (`setMocks`, then import the program) runs the program outside a stack.
    // A second program imported after the same `setMocks` finds the stack Deadbolt created for the first,
    // with the first program's resources in it: it gets a stack of its own, as it would under the CLI.
    const stackCreatedHere = !stack || (isStackCreatedUnderMocks(stack) && childrenOf(stack).length > 0);
    if (stackCreatedHere) stack = createStackUnderMocks() ?? stack;
    if (!stack) {
      throw new Error(
        `${CALLER}() must be called inside a Pulumi program, before its resources: the stack resource does not exist yet.`,
      );
    }
    refuseEarlierResources(stack);
    const paths: TransformPath[] = [];
    if (monitorRegistersTransforms()) {
      try {
        pulumi.runtime.registerResourceTransform((a) => this.engineTransform(a));
        paths.push('engine');
      } catch {
        // The engine runs no transforms (an old CLI): the SDK path below covers the program's own resources.
      }
    }
    pulumi.runtime.registerStackTransformation(this.sdkTransformation);
    paths.push('sdk');
    this.paths = paths;
    recordEnforcement(stack, this);
    const judgeAtExit = !isJudgedByCaller(stack) && (args.judgeAtExit ?? !stackCreatedHere);
    if (judgeAtExit) process.on('beforeExit', this.onBeforeExit);
  }

  /**
   * The SDK path. The SDK runs a resource's transformations in order, the
   * stack's in the order they were registered, so one registered after this
   * (a "dev stacks: protect false" transform) would change the resource after
   * Deadbolt read it. So Deadbolt runs last: when a transformation follows it
   * in the resource's chain, it appends itself to that chain (the SDK's loop
   * reaches it) and moves itself to the end of the stack's list for the
   * resources to come, and judges the resource only on that last run.
   */
  private readonly sdkTransformation: pulumi.ResourceTransformation = (a) => {
    const chain = (a.resource as unknown as { __transformations?: pulumi.ResourceTransformation[] }).__transformations;
    // Once per resource: two transformations that each want to be last must not chase each other.
    if (Array.isArray(chain) && chain[chain.length - 1] !== this.sdkTransformation && !this.deferred.has(a.resource)) {
      this.deferred.add(a.resource);
      chain.push(this.sdkTransformation);
      const stack = pulumi.runtime.getStackResource() as unknown as
        { __transformations?: pulumi.ResourceTransformation[] } | undefined;
      if (stack && Array.isArray(stack.__transformations)) {
        stack.__transformations = [
          ...stack.__transformations.filter((t) => t !== this.sdkTransformation),
          this.sdkTransformation,
        ];
      }
      return undefined;
    }
    return this.transform(
      { type: a.type, name: a.name, custom: isCustom(a.resource), props: a.props, opts: a.opts, resource: a.resource },
      'sdk',
    );
  };

  /**
   * The transform body, one for both paths. Adds the missing protections to a
   * stateful AWS or Google Cloud resource and records every such resource and provider. Returns
   * undefined when nothing changes.
   *
   * On the engine path an option read as `false` may have been unset (see the
   * class comment), so it is treated as unset: protection is added.
   */
  public transform(subject: TransformSubject, via: TransformPath): TransformOutcome | undefined {
    const { type, name, opts } = subject;
    if (!isRecordedType(type) || !subject.custom) return undefined;
    // `Resource.get(...)` reads a resource the program does not manage: nothing to protect or judge.
    if ((opts as pulumi.CustomResourceOptions).id !== undefined || opts.urn !== undefined) return undefined;
    const given = {
      protect: via === 'engine' && opts.protect === false ? undefined : opts.protect,
      retainOnDelete: via === 'engine' && opts.retainOnDelete === false ? undefined : opts.retainOnDelete,
    };
    let protect = given.protect;
    let retainOnDelete = given.retainOnDelete;
    const added: ('protect' | 'retainOnDelete')[] = [];
    if ((this.args.addProtection ?? true) && holdsData(type)) {
      if (protect === undefined) {
        protect = true;
        added.push('protect');
      }
      if (retainOnDelete === undefined) {
        retainOnDelete = true;
        added.push('retainOnDelete');
      }
    }
    if (via === 'sdk') {
      const key = `${type}\u0000${name}`;
      const list = this.sdkSeen.get(key) ?? [];
      list.push(urnOf(opts.parent ?? pulumi.runtime.getStackResource()!));
      this.sdkSeen.set(key, list);
    }
    const record = this.record(subject, via, { protect, retainOnDelete });
    const change =
      added.length === 0
        ? Promise.resolve(undefined)
        : record.then((r) => (r ? { urn: r.id, name, type, added } : undefined));
    // A refused record fails the judgement (`records()`); the change that follows it must not end the process unhandled.
    change.catch(() => undefined);
    const pending: Pending = { name, type, record, change, settled: false };
    const settle = (): void => {
      pending.settled = true;
    };
    record.then(settle, settle);
    this.pending.push(pending);
    if (added.length === 0) return undefined;
    return { props: subject.props, opts: { ...opts, protect, retainOnDelete } };
  }

  /**
   * The engine path's adapter: skips the resources the SDK path already
   * handled (the program's own), then runs the body.
   */
  public async engineTransform(a: pulumi.ResourceTransformArgs): Promise<pulumi.ResourceTransformResult | undefined> {
    if (!isRecordedType(a.type) || !a.custom) return undefined;
    const candidates = this.sdkSeen.get(`${a.type}\u0000${a.name}`);
    if (candidates) {
      const parent = a.opts.parent ? await urnOf(a.opts.parent) : await urnOf(pulumi.runtime.getStackResource()!);
      const parents = await Promise.all(candidates);
      if (parents.includes(parent)) return undefined;
    }
    return this.transform({ type: a.type, name: a.name, custom: a.custom, props: a.props, opts: a.opts }, 'engine');
  }

  /** Every AWS and Google Cloud resource and provider recorded so far, once their values are known (or known to be unknown). */
  public async records(): Promise<ProviderResourceRecord[]> {
    const all = await Promise.all(this.pending.map((p) => p.record));
    const byId = new Map<string, ProviderResourceRecord>();
    for (const r of all) if (r && !byId.has(r.id)) byId.set(r.id, r);
    return [...byId.values()];
  }

  /**
   * The resources whose record is still being read: their registration has not
   * been answered, or a value they were given is not known yet. For a caller
   * that waited long enough to name what never completed.
   */
  public unsettled(): { readonly name: string; readonly type: string }[] {
    return this.pending.filter((p) => !p.settled).map(({ name, type }) => ({ name, type }));
  }

  /** The protections the transform added. */
  public async changes(): Promise<ProtectionChange[]> {
    const all = await Promise.all(this.pending.map((p) => p.change));
    return all.filter((c): c is ProtectionChange => c !== undefined);
  }

  /**
   * The document the catalogue judges: this stack's records, account and region, and the default Google Cloud
   * project (`project`, else the stack's `gcp:project` config, as the default `gcp` provider reads it).
   * @see https://www.pulumi.com/registry/packages/gcp/installation-configuration/#configuration-reference
   */
  public async document(): Promise<ProviderDocumentInput> {
    const resources = await this.records();
    const aws = new pulumi.Config('aws');
    const account = this.args.account ?? singleAccount(aws.get('allowedAccountIds'));
    const region = this.args.region ?? aws.get('region');
    const googleProject = this.args.project ?? new pulumi.Config('gcp').get('project');
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    return {
      id: `${project}/${stack}`,
      name: stack,
      account,
      region,
      ...(googleProject !== undefined ? { project: googleProject } : {}),
      resources,
    };
  }

  /** Judges what the program registered so far with the whole catalogue. */
  public async judge(now?: Date): Promise<DataProtectionJudgement> {
    return judgeStack(await this.document(), this.args, { caller: CALLER, now });
  }

  /**
   * Judges the stack and reports in Pulumi's idiom: every finding is logged on
   * its resource (errors with `pulumi.log.error`, warnings with `pulumi.log.warn`,
   * acknowledged ones with `pulumi.log.info`). Rejects with a `RunError` naming
   * every failing rule when a finding is an error.
   */
  public async enforce(now?: Date): Promise<DataProtectionJudgement> {
    const judgement = await this.judge(now);
    const logs: Promise<void>[] = [];
    const changes = await this.changes();
    if (changes.length > 0) {
      logs.push(
        pulumi.log.info(
          `Deadbolt set the protection options a program left unset (to true) on ${plural(changes.length, 'stateful resource')}: ${changes.map((c) => `${c.name} (${c.added.join(', ')})`).join(', ')}.`,
        ),
      );
    }
    for (const note of judgement.notes) logs.push(pulumi.log.warn(`Deadbolt: ${note}`));
    for (const f of judgement.findings) {
      const text = findingText(f, judgement.records);
      const on = resourceOf(f, judgement.records);
      logs.push(
        f.severity === 'error'
          ? pulumi.log.error(text, on)
          : f.severity === 'warning'
            ? pulumi.log.warn(text, on)
            : pulumi.log.info(text, on),
      );
    }
    await Promise.all(logs);
    if (judgement.errors > 0) throw runError(summary(judgement));
    return judgement;
  }

  private readonly onBeforeExit = (code: number): void => {
    // A program that already failed is not judged: its resources are incomplete.
    if (this.exitState !== 'waiting' || code !== 0) return;
    this.exitState = 'judging';
    process.removeListener('beforeExit', this.onBeforeExit);
    // Keep the event loop busy until the judgement is in: the runtime signals
    // shutdown (and the engine runs deletes) the next time the loop is empty.
    const keepAlive = setInterval(() => undefined, 1000);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`the stack's values were not all known after ${EXIT_JUDGEMENT_TIMEOUT_MS / 1000} seconds`)),
        EXIT_JUDGEMENT_TIMEOUT_MS,
      );
    });
    this.exitResult = Promise.race([this.enforce(), timeout])
      .then(
        (judgement) => judgement,
        async (e: unknown) => {
          const failure = pulumi.RunError.isInstance(e)
            ? e
            : runError(
                `Deadbolt could not judge the stack, so it cannot be proven safe: ${(e as Error)?.message ?? String(e)}.`,
              );
          if (!pulumi.RunError.isInstance(e)) await pulumi.log.error(failure.message);
          // An unhandled rejection is how a Pulumi program fails after it has returned:
          // the Node runtime logs it, does not signal shutdown, and exits non-zero.
          void Promise.reject(failure);
          return undefined;
        },
      )
      .finally(() => {
        clearInterval(keepAlive);
        if (timer) clearTimeout(timer);
        this.exitState = 'done';
      });
  };

  /**
   * The judgement made when the program finished (`judgeAtExit`), once it is
   * made; undefined before the program finishes, or when judging failed.
   */
  public async exitJudgement(): Promise<DataProtectionJudgement | undefined> {
    return this.exitResult;
  }

  /** Reads what the program gave one resource, once its URN and values are known. */
  private async record(
    subject: TransformSubject,
    via: TransformPath,
    decided: { protect?: boolean; retainOnDelete?: boolean },
  ): Promise<ProviderResourceRecord | undefined> {
    // Let the resource's constructor finish: its URN is assigned after the transform returns.
    await null;
    const { type, name, opts } = subject;
    // A refused input (an Output or Promise that rejects) cannot be serialized, so the
    // registration never completes and the URN never resolves: fail now, not at the timeout.
    const refusals: string[] = [];
    const inputs = await recordInputs(subject.props, refusals);
    if (refusals.length > 0) {
      throw runError(
        `Deadbolt cannot judge ${name} (${type}): an input the program gave it was refused (${refusals[0]}), ` +
          'so its registration never completes and its values cannot be proven safe. Fix the Output or Promise that rejects.',
      );
    }
    const [id, provider, parent] = await Promise.all([
      subject.resource && via === 'sdk'
        ? urnOf(subject.resource)
        : knownValue(pulumi.createUrn(name, type, opts.parent)),
      providerUrn(subject, via),
      opts.parent ? urnOf(opts.parent) : Promise.resolve(undefined),
    ]);
    if (!id) return undefined;
    const hooks = (opts.hooks?.beforeDelete ?? []).map((h) => (h as { name?: string }).name || '<function>');
    return {
      id,
      name,
      type,
      inputs,
      options: {
        protect: decided.protect,
        retainOnDelete: decided.retainOnDelete,
        provider,
        parent,
        beforeDeleteHooks: hooks.length ? hooks : undefined,
      },
    };
  }
}

/** What the SDK keeps on every resource (`@pulumi/pulumi` resource.js), not in its declarations. */
interface ResourceInternals {
  readonly __pulumiType?: string;
  readonly __name?: string;
  readonly __childResources?: ReadonlySet<pulumi.Resource>;
}

/**
 * Refuses to start when the program registered resources before the call:
 * the stack transformation only reaches resources constructed after it, so
 * those would be neither protected nor judged — nor would the later children
 * of a component constructed before (it keeps the transformations it captured
 * when it was constructed). The runtime lists the stack's direct children in
 * `__childResources`; every resource of the program descends from one.
 */
function refuseEarlierResources(stack: pulumi.ComponentResource): void {
  const children = childrenOf(stack);
  if (children.length === 0) return;
  const shown = children.slice(0, 5).map((c) => {
    const r = c as unknown as ResourceInternals;
    return `${r.__name ?? '<unnamed>'} (${r.__pulumiType ?? '<unknown type>'})`;
  });
  const more = children.length > shown.length ? ` and ${children.length - shown.length} more` : '';
  throw new Error(
    `${CALLER}() was called after the program had already created ${plural(children.length, 'resource')}: ` +
      `${shown.join(', ')}${more}. Deadbolt only sees resources created after the call, so these would never be protected or judged, ` +
      'and resources later created inside a component created before the call would escape too. ' +
      `Call ${CALLER}() first, in the program's entry module (Pulumi.yaml's \`main\`, usually index.ts), before any resource is created. ` +
      'ES `import`s run before the code of the module that imports them, so a module that creates resources when it is loaded ' +
      `(\`import './database'\`) runs before a call written below the imports: put the call in a module of its own ` +
      `and import it first (\`import './deadbolt';\` as the entry module's first import, the other imports after it).`,
  );
}

/** The resources created with `stack` as their parent so far. */
function childrenOf(stack: pulumi.ComponentResource): pulumi.Resource[] {
  return [...((stack as unknown as ResourceInternals).__childResources ?? [])];
}

/** The provider a resource is created with: explicit, from `providers`, or inherited from its parent. */
async function providerUrn(subject: TransformSubject, via: TransformPath): Promise<string | undefined> {
  if (subject.type.startsWith('pulumi:providers:')) return undefined;
  const pkg = subject.type.split(':')[0];
  const opts = subject.opts as pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions;
  let provider: pulumi.ProviderResource | undefined;
  if (opts.provider && packageOf(opts.provider) === pkg) provider = opts.provider;
  if (!provider && opts.providers) {
    const list = Array.isArray(opts.providers) ? opts.providers : Object.values(opts.providers);
    provider = list.find((p) => packageOf(p) === pkg);
  }
  if (!provider && via === 'sdk') {
    const parent = opts.parent ?? pulumi.runtime.getStackResource();
    provider = parent?.getProvider(subject.type);
  }
  if (!provider) return undefined;
  return urnOf(provider);
}

function packageOf(p: pulumi.ProviderResource): string | undefined {
  try {
    // `getPackage` is on every ProviderResource, but not in the SDK's declarations.
    return (p as unknown as { getPackage(): string }).getPackage();
  } catch {
    return undefined;
  }
}

/**
 * Can the monitor register engine-side transforms? The Node mocks' monitor
 * answers yes to every `SupportsFeature` (so the runtime's `supportsTransforms`
 * is true after the stack starts) but has no `registerStackTransform`, and
 * `registerResourceTransform` against it fails later, outside the program.
 */
function monitorRegistersTransforms(): boolean {
  const monitor = pulumi.runtime.getMonitor() as { registerStackTransform?: unknown } | undefined;
  return typeof monitor?.registerStackTransform === 'function';
}

/**
 * Data-holding `@pulumi/aws` types the catalogue maps to a CloudFormation type
 * it does not count as stateful, so neither the mapping nor the name fallback
 * below protects them. Each one is a row missing from the catalogue's type
 * table (`PROVIDER_TYPE_TABLE` in @deadbolt/rules); remove it here once the
 * table maps it to a stateful type.
 */
const DATA_TYPES_NOT_IN_CATALOGUE: ReadonlySet<string> = new Set([
  // Derived as `AWS::RDS::ClusterSnapshot`, `AWS::MemoryDB::Snapshot`, `AWS::RedshiftServerless::Snapshot` and
  // `AWS::FSx::Backup`, which the CloudFormation specification does not mark stateful: each is a copy of a database
  // or file system.
  'aws:rds/clusterSnapshot:ClusterSnapshot',
  'aws:memorydb/snapshot:Snapshot',
  'aws:redshiftserverless/snapshot:Snapshot',
  'aws:fsx/backup:Backup',
]);

/**
 * Does a Pulumi type hold data? The catalogue's answer, for whole resources
 * (not parts such as `BucketVersioning`). A type the catalogue cannot map
 * (snapshots, `aws.glacier.Vault`, `aws.kms.ExternalKey`, …) is taken to hold
 * data when its name holds a data-store word, as the plan gate takes it
 * (`looksDataBearing`): an unneeded `protect` costs an `unprotect`, a missing
 * one costs the data.
 */
export function holdsData(type: string): boolean {
  if (DATA_TYPES_NOT_IN_CATALOGUE.has(type)) return true;
  // Google Cloud types are decided one by one in the catalogue's provider type table.
  if (isGoogleType(type)) return !type.startsWith('pulumi:providers:') && googleHoldsData(type);
  const mapping = pulumiTypeMapping(type);
  if (!mapping) return looksDataBearing(type) !== undefined;
  if (!mapping.cloudFormationType || !isStatefulType(mapping.cloudFormationType)) return false;
  // A part that holds a protection (versioning, a vault lock, a backup policy) is
  // guarded too: deleting it lowers the protection of the data it configures.
  return !mapping.part || PROTECTIVE_PARTS.has(mapping.part);
}

/**
 * A `@pulumi/gcp` type the catalogue's provider type table marks stateful; one it does not decide holds data when
 * its name holds a data-store word, as for AWS types the catalogue cannot map.
 */
function googleHoldsData(type: string): boolean {
  const decision = providerDataDecision(type);
  return decision ? decision.decision === 'stateful' : looksDataBearing(type) !== undefined;
}

/** The parts of a stateful resource whose removal lowers its protection (see aws-provider-types.ts). */
const PROTECTIVE_PARTS = new Set([
  'VersioningConfiguration',
  'ObjectLockConfiguration',
  'ReplicationConfiguration',
  'LockConfiguration',
  'AccessPolicy',
  'BackupPolicy',
]);

/**
 * Is the resource under construction a custom resource? SDK transformations run
 * inside the `Resource` constructor, before `CustomResource` sets the flag
 * `CustomResource.isInstance` reads, so the prototype chain decides. Its class
 * may come from another copy of `@pulumi/pulumi` than this module's (a provider
 * module first loaded in a test's fresh module registry), so a class named
 * `CustomResource` anywhere in the chain counts too.
 */
function isCustom(resource: pulumi.Resource): boolean {
  if (resource instanceof pulumi.CustomResource || pulumi.CustomResource.isInstance(resource)) return true;
  for (let proto = Object.getPrototypeOf(resource); proto; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'CustomResource') return true;
  }
  return false;
}

/** The resource a finding is logged on, so the CLI shows it under that resource. */
function resourceOf(f: Finding, records: readonly ProviderResourceRecord[]): pulumi.Resource | undefined {
  return records.some((r) => r.id === f.resource.logicalId)
    ? new pulumi.DependencyResource(f.resource.logicalId)
    : undefined;
}

/** The failure's one-paragraph summary: counts and each failing rule with its resources. */
export function summary(j: DataProtectionJudgement): string {
  const errors = j.findings.filter((f) => f.severity === 'error');
  const byRule = new Map<string, string[]>();
  for (const f of errors) {
    const name = j.records.find((r) => r.id === f.resource.logicalId)?.name ?? f.resource.logicalId;
    const list = byRule.get(f.ruleId) ?? [];
    list.push(name);
    byRule.set(f.ruleId, list);
  }
  const rules = [...byRule].map(([id, names]) => `${id} (${[...new Set(names)].join(', ')})`).join('; ');
  return `Deadbolt: ${plural(errors.length, 'data-protection error')} in stack ${j.stack}, each logged above: ${rules}. Fix them, or acknowledge one with a written reason (${CALLER}({ acknowledge: [...] })).`;
}

/** A RunError whose stack is its message: the runtime prints a RunError's stack when the program has already returned. */
function runError(message: string): pulumi.RunError {
  const e = new pulumi.RunError(message);
  e.stack = message;
  return e;
}
