/**
 * Runs a real Pulumi program under `pulumi.runtime.setMocks` and records what
 * reached the (mock) engine: every resource's inputs *and* its resource options
 * (`protect`, `retainOnDelete`, hooks), which `MockResourceArgs` does not carry,
 * read from the RegisterResource request itself.
 *
 * Known limits of the Node mocks this works around (see issue #5):
 * - the mock monitor has no `registerResourceHook`: it is stubbed here, and the
 *   names of the hooks registered are kept;
 * - the mock monitor does not run engine-side transforms, so
 *   `enforceDataProtection` falls back to the SDK's stack transformation, which
 *   works inside `runInPulumiStack`.
 */
import * as pulumi from '@pulumi/pulumi';
import { gcpMocks } from '../src/testing/gcp-mocks';

const GCP_MOCKS = gcpMocks({ project: 'data-project', gcpRegion: 'us-central1' });

export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string;
  readonly inputs: Record<string, any>;
  readonly custom: boolean;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly beforeDelete: string[];
  readonly provider: string;
  readonly dependencies: string[];
  /** URNs each input depends on, as the SDK told the engine. */
  readonly propertyDependencies: Record<string, string[]>;
}

export interface ProgramRun {
  readonly resources: RegisteredResource[];
  /** Names of the resource hooks the program registered with the engine. */
  readonly hooks: Set<string>;
  /** The stack outputs the program returned. */
  readonly outputs: Record<string, unknown> | undefined;
  /** The error the program failed with, if it failed. */
  readonly error?: Error;
  /** Resources of one type. */
  ofType(type: string): RegisteredResource[];
  /** The one resource with this type and name. */
  get(type: string, name: string): RegisteredResource;
}

export interface ProgramOptions {
  /** Run as `pulumi preview`: resources get no ids and no computed outputs. @default false */
  readonly preview?: boolean;
  readonly project?: string;
  readonly stack?: string;
  /** Stack configuration, `<namespace>:<key>` → value. */
  readonly config?: Record<string, string>;
}

const ACCOUNT = '111111111111';

/** Computed outputs a real provider would return, so that `.arn` and `.id` resolve outside previews. */
function computedOutputs(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  const [pkg, mod] = type.split(':');
  if (pkg !== 'aws') return {};
  const service = (mod ?? '').split('/')[0];
  const physical = inputs.identifier ?? inputs.clusterIdentifier ?? inputs.name ?? inputs.bucket ?? `${name}-1234567`;
  // Auto-named resources get a physical `name` on create, as the provider gives them.
  return {
    arn: `arn:aws:${service}:us-east-1:${ACCOUNT}:${service === 'rds' ? 'db:' : ''}${physical}`,
    id: physical,
    name: inputs.name ?? physical,
    ...(service === 's3' ? { bucket: inputs.bucket ?? physical } : {}),
    ...(service === 'rds' ? { endpoint: `${physical}.c0ffee.us-east-1.rds.amazonaws.com:5432` } : {}),
  };
}

function propertyDependencies(req: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
    out[key] = deps.getUrnsList();
  });
  return out;
}

/**
 * Runs `program` as a Pulumi stack under mocks. Each call resets the runtime, so
 * several programs can run in one test file (one at a time).
 */
export async function runProgram(program: () => unknown, options: ProgramOptions = {}): Promise<ProgramRun> {
  const preview = options.preview ?? false;
  const project = options.project ?? 'project';
  const stack = options.stack ?? 'stack';
  (pulumi.runtime as any)._reset();
  pulumi.runtime.resetOptions(project, stack, -1, '', '', preview, '');
  pulumi.runtime.setAllConfig(options.config ?? {});

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        // Google Cloud resources get the ids and names the shipped GCP mocks give them.
        if (args.type.startsWith('gcp:')) return GCP_MOCKS.newResource(args);
        const state = { ...args.inputs, ...(preview ? {} : computedOutputs(args.type, args.name, args.inputs)) };
        return { id: preview ? undefined : `${args.name}-id`, state };
      },
      call(args) {
        if (args.token === 'aws:index/getCallerIdentity:getCallerIdentity') {
          return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: 'test', id: ACCOUNT };
        }
        if (args.token === 'aws:index/getRegion:getRegion')
          return { name: 'us-east-1', region: 'us-east-1', id: 'us-east-1' };
        if (args.token === 'aws:index/getPartition:getPartition')
          return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
        return args.inputs;
      },
    },
    project,
    stack,
    preview,
  );

  const resources: RegisteredResource[] = [];
  const hooks = new Set<string>();
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) => {
    register(req, (err: unknown, res: any) => {
      if (!err && res) {
        const hookBinding = req.getHooks?.();
        resources.push({
          type: req.getType(),
          name: req.getName(),
          urn: res.getUrn(),
          parent: req.getParent(),
          custom: req.getCustom(),
          inputs: pulumi.runtime.deserializeProperties(req.getObject()),
          protect: req.hasProtect?.() === false ? undefined : req.getProtect(),
          retainOnDelete: req.hasRetainondelete?.() === false ? undefined : req.getRetainondelete(),
          beforeDelete: hookBinding ? hookBinding.getBeforeDeleteList() : [],
          provider: req.getProvider(),
          dependencies: req.getDependenciesList(),
          propertyDependencies: propertyDependencies(req),
        });
      }
      callback(err, res);
    });
  };
  // The mock monitor cannot register resource hooks; the callback server asks it to.
  monitor.registerResourceHook = (req: any, callback: (err: unknown, res: unknown) => void) => {
    hooks.add(req.getName());
    callback(null, {});
  };

  let outputs: Record<string, unknown> | undefined;
  let error: Error | undefined;
  try {
    outputs = (await pulumi.runtime.runInPulumiStack(async () => {
      // A program that throws is caught here, inside the stack: a rejection of the
      // stack's own outputs is also left unhandled by the runtime, which would
      // end the test process (the CLI's language host handles it instead).
      try {
        return await program();
      } catch (e) {
        error = e as Error;
        return undefined;
      }
    })) as Record<string, unknown> | undefined;
    await (pulumi.runtime as any).waitForRPCs();
  } catch (e) {
    error ??= e as Error;
  }
  return {
    resources,
    hooks,
    outputs,
    error,
    ofType: (type) => resources.filter((r) => r.type === type),
    get(type, name) {
      const found = resources.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1)
        throw new Error(
          `expected one ${type} named ${name}, found ${found.length}: ${resources.map((r) => `${r.type}::${r.name}`).join(', ')}`,
        );
      return found[0];
    },
  };
}

/** The name of Deadbolt's `beforeDelete` hook. */
const GUARD = 'deadbolt-deletion-guard';

/** Asserts that each resource is protected, retained and guarded by the deletion hook. */
export function expectGuarded(...resources: RegisteredResource[]): void {
  for (const r of resources) {
    expect({
      name: r.name,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      guarded: r.beforeDelete.includes(GUARD),
    }).toEqual({ name: r.name, protect: true, retainOnDelete: true, guarded: true });
  }
}
