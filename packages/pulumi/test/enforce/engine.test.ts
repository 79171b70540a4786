/**
 * `enforceDataProtection` under the real Pulumi Node runtime.
 *
 * Each test starts a small engine in this process (the gRPC `ResourceMonitor`
 * and `Engine` services a `pulumi up`/`preview` gives a program, built with the
 * SDK's own generated service definitions), then runs a program in a child
 * process through the runtime's real entry point, `@pulumi/pulumi/cmd/run`, as
 * the Node language host does. So the test sees what a user sees:
 * - the engine path of the transform: the program registers it with
 *   `RegisterStackTransform`, and this engine calls it back over gRPC with a
 *   serialized `TransformRequest` for every resource, through the SDK's real
 *   `CallbackServer`, and applies the `TransformResponse`, as the Pulumi engine
 *   does. A remote component's children are registered by the engine itself
 *   (as a component provider's would be), so only the engine path sees them;
 * - the judgement at exit: `Engine.Log` receives every finding with its
 *   resource's URN, the runtime never calls `SignalAndWaitForShutdown` (which
 *   is what lets the engine run deletes), and the process exits non-zero.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TS_SOURCES_PRELOAD } from '../child-process';
import * as grpc from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import * as resrpc from '@pulumi/pulumi/proto/resource_grpc_pb';
import * as resproto from '@pulumi/pulumi/proto/resource_pb';
import * as engrpc from '@pulumi/pulumi/proto/engine_grpc_pb';
import * as engproto from '@pulumi/pulumi/proto/engine_pb';
import * as callrpc from '@pulumi/pulumi/proto/callback_grpc_pb';
import * as callproto from '@pulumi/pulumi/proto/callback_pb';
import { ruleById } from '@deadbolt/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const RUN = path.join(ROOT, 'node_modules', '@pulumi', 'pulumi', 'cmd', 'run', 'index.js');
const PROJECT = 'shop';
const STACK = 'prod';
const ACCOUNT = '111111111111';

/** `@pulumi/pulumi` rpc.js: the signature of a serialized output value. */
const SIG_KEY = '4dabf18193072939515e22adb298388d';
const OUTPUT_SIG = 'd0e6a833031e9bbcd3f4e8bde6ca49a4';
/** `@pulumi/pulumi` rpc.js `unknownValue`: a value not yet computed. */
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

interface Registered {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  /** How many transforms changed the registration. */
  readonly transformedBy: number;
}

interface LogEntry {
  readonly severity: 'debug' | 'info' | 'warning' | 'error';
  readonly message: string;
  readonly urn: string;
}

interface EngineOptions {
  /** Does the engine run transforms (`SupportsFeature("transforms")`)? */
  readonly transforms: boolean;
  readonly preview: boolean;
}

/** A resource a remote component's provider registers, as the engine sees it. */
interface ChildSpec {
  readonly type: string;
  readonly name: string;
  readonly properties: (urnOf: (name: string) => string) => Record<string, unknown>;
}

/** The remote component `vendor:index:Store`: a database, a backup plan and a selection listing the database's ARN. */
const VENDOR_CHILDREN: readonly ChildSpec[] = [
  // `backupRetentionPeriod` computed by the component from something unknown in a preview: a bare unknown.
  {
    type: 'aws:rds/instance:Instance',
    name: 'db',
    properties: () => ({
      engine: 'postgres',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      backupRetentionPeriod: UNKNOWN,
    }),
  },
  {
    type: 'aws:backup/plan:Plan',
    name: 'plan',
    properties: () => ({
      name: 'vendor',
      rules: [{ ruleName: 'daily', targetVaultName: 'Default', schedule: 'cron(0 5 * * ? *)' }],
    }),
  },
  {
    type: 'aws:backup/selection:Selection',
    name: 'selection',
    // In a preview the ARN and the plan id are unknown: output values with their dependencies, as the engine marshals them.
    properties: (urnOf) => ({
      name: 'vendor',
      iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`,
      planId: { [SIG_KEY]: OUTPUT_SIG, dependencies: [urnOf('plan')] },
      resources: [{ [SIG_KEY]: OUTPUT_SIG, dependencies: [urnOf('db')] }],
    }),
  },
];

class FakeEngine {
  public readonly registered: Registered[] = [];
  public readonly logs: LogEntry[] = [];
  public readonly transforms: callproto.Callback[] = [];
  public shutdownSignaled = false;
  private readonly server = new grpc.Server();
  private rootUrn = '';
  private readonly clients = new Map<string, callrpc.CallbacksClient>();

  public constructor(private readonly options: EngineOptions) {
    const unary =
      <Req, Res>(fn: (req: Req) => Promise<Res> | Res) =>
      (call: { request: Req }, cb: (err: grpc.ServiceError | null, res?: Res) => void) => {
        Promise.resolve()
          .then(() => fn(call.request))
          .then(
            (res) => cb(null, res),
            (err: Error) =>
              cb({
                code: grpc.status.INTERNAL,
                details: err.message,
                message: err.message,
                metadata: new grpc.Metadata(),
                name: 'Error',
              }),
          );
      };
    const features = new Set([
      'secrets',
      'resourceReferences',
      'outputValues',
      'deletedWith',
      'aliasSpecs',
      ...(options.transforms ? ['transforms'] : []),
    ]);
    this.server.addService(resrpc.ResourceMonitorService, {
      supportsFeature: unary((req: resproto.SupportsFeatureRequest) =>
        new resproto.SupportsFeatureResponse().setHassupport(features.has(req.getId())),
      ),
      registerResource: unary((req: resproto.RegisterResourceRequest) => this.registerResource(req)),
      registerResourceOutputs: unary(() => new Empty()),
      registerStackTransform: unary((req: callproto.Callback) => {
        this.transforms.push(req);
        return new Empty();
      }),
      registerPackage: unary(() => new resproto.RegisterPackageResponse().setRef('aws-package')),
      signalAndWaitForShutdown: unary(() => {
        this.shutdownSignaled = true;
        return new Empty();
      }),
    } as unknown as resrpc.IResourceMonitorServer);
    const severities: Record<number, LogEntry['severity']> = {
      [engproto.LogSeverity.DEBUG]: 'debug',
      [engproto.LogSeverity.INFO]: 'info',
      [engproto.LogSeverity.WARNING]: 'warning',
      [engproto.LogSeverity.ERROR]: 'error',
    };
    this.server.addService(engrpc.EngineService, {
      log: unary((req: engproto.LogRequest) => {
        this.logs.push({ severity: severities[req.getSeverity()], message: req.getMessage(), urn: req.getUrn() });
        return new Empty();
      }),
      getRootResource: unary(() => new engproto.GetRootResourceResponse().setUrn(this.rootUrn)),
      setRootResource: unary((req: engproto.SetRootResourceRequest) => {
        this.rootUrn = req.getUrn();
        return new engproto.SetRootResourceResponse();
      }),
    } as unknown as engrpc.IEngineServer);
  }

  public start(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve(`127.0.0.1:${port}`),
      );
    });
  }

  public stop(): void {
    for (const c of this.clients.values()) c.close();
    this.server.forceShutdown();
  }

  public get(type: string, name: string): Registered {
    const found = this.registered.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1)
      throw new Error(
        `expected one ${type} ${name}; registered: ${this.registered.map((r) => `${r.type} ${r.name}`).join(', ')}`,
      );
    return found[0];
  }

  /** The engine's URN: the parent's type chain, except the root stack's. */
  private urn(parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split('::')[2] : '';
    const qualified = parentType && parentType !== 'pulumi:pulumi:Stack' ? `${parentType}$${type}` : type;
    return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
  }

  private async registerResource(req: resproto.RegisterResourceRequest): Promise<resproto.RegisterResourceResponse> {
    const type = req.getType();
    const name = req.getName();
    const urn = this.urn(req.getParent(), type, name);
    let properties = req.getObject() ?? new Struct();
    const options = new resproto.TransformResourceOptions();
    if (req.hasProtect()) options.setProtect(req.getProtect()!);
    if (req.hasRetainondelete()) options.setRetainOnDelete(req.getRetainondelete()!);
    if (req.getProvider()) options.setProvider(req.getProvider());
    options.setDependsOnList(req.getDependenciesList());
    options.setIgnoreChangesList(req.getIgnorechangesList());
    options.setVersion(req.getVersion());
    const after = await this.transform(type, name, req.getCustom(), req.getParent(), properties, options);
    properties = after.properties;
    this.registered.push({
      urn,
      type,
      name,
      protect: after.options.hasProtect() ? after.options.getProtect() : undefined,
      retainOnDelete: after.options.hasRetainOnDelete() ? after.options.getRetainOnDelete() : undefined,
      transformedBy: after.changedBy,
    });
    if (req.getRemote() && type === 'vendor:index:Store') await this.constructVendorStore(urn, name);
    const state = properties.toJavaScript() as Record<string, unknown>;
    if (!this.options.preview && type.startsWith('aws:')) {
      state.arn = `arn:aws:${type.split(':')[1].split('/')[0]}:us-east-1:${ACCOUNT}:${name}`;
      state.id = `${name}-id`;
    }
    return new resproto.RegisterResourceResponse()
      .setUrn(urn)
      .setId(this.options.preview || type === 'pulumi:pulumi:Stack' || !req.getCustom() ? '' : `${name}-id`)
      .setObject(Struct.fromJavaScript(state as never));
  }

  /** What a component provider does for `vendor:index:Store`: registers its children, which the engine transforms. */
  private async constructVendorStore(parent: string, name: string): Promise<void> {
    const urnOf = (child: string) =>
      this.urn(parent, VENDOR_CHILDREN.find((c) => c.name === child)!.type, `${name}-${child}`);
    for (const child of VENDOR_CHILDREN) {
      const childName = `${name}-${child.name}`;
      const after = await this.transform(
        child.type,
        childName,
        true,
        parent,
        Struct.fromJavaScript(child.properties(urnOf) as never),
        new resproto.TransformResourceOptions(),
      );
      this.registered.push({
        urn: this.urn(parent, child.type, childName),
        type: child.type,
        name: childName,
        protect: after.options.hasProtect() ? after.options.getProtect() : undefined,
        retainOnDelete: after.options.hasRetainOnDelete() ? after.options.getRetainOnDelete() : undefined,
        transformedBy: after.changedBy,
      });
    }
  }

  /** Runs every registered stack transform, in order, over the callback protocol. */
  private async transform(
    type: string,
    name: string,
    custom: boolean,
    parent: string,
    properties: Struct,
    options: resproto.TransformResourceOptions,
  ) {
    let changedBy = 0;
    if (type === 'pulumi:pulumi:Stack') return { properties, options, changedBy };
    for (const t of this.transforms) {
      const request = new resproto.TransformRequest()
        .setType(type)
        .setName(name)
        .setCustom(custom)
        .setParent(parent)
        .setProperties(properties)
        .setOptions(options);
      const invoke = new callproto.CallbackInvokeRequest().setToken(t.getToken()).setRequest(request.serializeBinary());
      const client = this.client(t.getTarget());
      const response = await new Promise<callproto.CallbackInvokeResponse>((resolve, reject) => {
        client.invoke(invoke, (err, res) => (err ? reject(err) : resolve(res!)));
      });
      const out = resproto.TransformResponse.deserializeBinary(response.getResponse_asU8());
      const next = out.getOptions() ?? options;
      if (
        next.hasProtect() !== options.hasProtect() ||
        next.getProtect() !== options.getProtect() ||
        next.hasRetainOnDelete() !== options.hasRetainOnDelete() ||
        next.getRetainOnDelete() !== options.getRetainOnDelete()
      )
        changedBy++;
      properties = out.getProperties() ?? properties;
      options = next;
    }
    return { properties, options, changedBy };
  }

  private client(target: string): callrpc.CallbacksClient {
    let c = this.clients.get(target);
    if (!c) this.clients.set(target, (c = new callrpc.CallbacksClient(target, grpc.credentials.createInsecure())));
    return c;
  }
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly engine: FakeEngine;
}

const PRELOAD = TS_SOURCES_PRELOAD;

async function runWithEngine(program: string, options: EngineOptions): Promise<Run> {
  const engine = new FakeEngine(options);
  const address = await engine.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-engine-'));
  try {
    fs.writeFileSync(path.join(dir, 'preload.js'), PRELOAD);
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'shop', version: '1.0.0', main: 'index.js' }),
    );
    fs.writeFileSync(path.join(dir, 'index.js'), program);
    const args = [
      '-r',
      path.join(dir, 'preload.js'),
      RUN,
      `--monitor=${address}`,
      `--engine=${address}`,
      `--project=${PROJECT}`,
      `--stack=${STACK}`,
      ...(options.preview ? ['--dry-run'] : []),
      dir,
    ];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_PATH: path.join(ROOT, 'node_modules'),
      PULUMI_CONFIG: JSON.stringify({ 'aws:region': 'us-east-1', 'aws:allowedAccountIds': `["${ACCOUNT}"]` }),
    };
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stdout, stderr, engine };
  } finally {
    engine.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const UNSAFE_PROGRAM = `
const aws = require('@pulumi/aws');
const pulumi = require('@pulumi/pulumi');
const { enforceDataProtection } = require('@deadbolt/pulumi');
enforceDataProtection();
new aws.rds.Instance('records', { engine: 'postgres', instanceClass: 'db.t3.micro', allocatedStorage: 20 });
// A packaged (multi-language) component: its children are registered by its provider, not by this program.
new pulumi.ComponentResource('vendor:index:Store', 'store', {}, {}, true);
`;

const urnOf = (type: string, name: string, parentType?: string) =>
  `urn:pulumi:${STACK}::${PROJECT}::${parentType ? `${parentType}$` : ''}${type}::${name}`;
const RECORDS = urnOf('aws:rds/instance:Instance', 'records');
const VENDOR_DB = urnOf('aws:rds/instance:Instance', 'store-db', 'vendor:index:Store');

describe('on an engine that runs transforms (pulumi preview)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await runWithEngine(UNSAFE_PROGRAM, { transforms: true, preview: true });
  }, 30_000);

  it('registers the transform with the engine', () => {
    expect(run.engine.transforms).toHaveLength(1);
  });

  it("protects the program's own resources on the SDK path, and the engine path leaves them as they are", () => {
    const db = run.engine.get('aws:rds/instance:Instance', 'records');
    expect(db).toMatchObject({ urn: RECORDS, protect: true, retainOnDelete: true, transformedBy: 0 });
  });

  it('protects the resources of a packaged component on the engine path', () => {
    const db = run.engine.get('aws:rds/instance:Instance', 'store-db');
    expect(db).toMatchObject({ urn: VENDOR_DB, protect: true, retainOnDelete: true, transformedBy: 1 });
    // A backup selection holds no data: left as it was.
    expect(run.engine.get('aws:backup/selection:Selection', 'store-selection')).toMatchObject({
      protect: undefined,
      transformedBy: 0,
    });
  });

  it('logs every finding on its resource at exit, for both', () => {
    const errors = run.engine.logs.filter((l) => l.severity === 'error');
    const on = (urn: string) =>
      errors
        .filter((l) => l.urn === urn)
        .map((l) => /^\[deadbolt::([a-z0-9-]+)\]/.exec(l.message)?.[1])
        .sort();
    expect(on(RECORDS)).toEqual([
      'backup-cross-account-copy',
      'rds-automated-backups-retained',
      'rds-backup-retention',
      'rds-deletion-protection',
      'rds-final-snapshot',
    ]);
    expect(on(VENDOR_DB)).toEqual([
      'backup-cross-account-copy',
      'rds-automated-backups-retained',
      'rds-backup-retention',
      'rds-deletion-protection',
      'rds-final-snapshot',
    ]);
    const protection = errors.find(
      (l) => l.urn === VENDOR_DB && l.message.startsWith('[deadbolt::rds-deletion-protection]'),
    )!.message;
    expect(protection.split('\n')[0]).toBe(
      '[deadbolt::rds-deletion-protection] RDS databases have deletion protection on. deletionProtection is not set (provider default: false).',
    );
    expect(protection).toContain(`\n  Resource: store-db (aws:rds/instance:Instance) ${VENDOR_DB}\n`);
    expect(protection).toContain(
      "To accept the risk with a written reason: enforceDataProtection({ acknowledge: [{ resource: 'store-db', id: 'rds-deletion-protection', reason: '<why the risk is accepted>' }] })",
    );
    // Unknown is never safe: the component's unknown retention cannot be proven.
    const retention = errors.find(
      (l) => l.urn === VENDOR_DB && l.message.startsWith('[deadbolt::rds-backup-retention]'),
    )!.message;
    expect(retention.split('\n')[0]).toBe(
      `[deadbolt::rds-backup-retention] ${ruleById('rds-backup-retention')!.title}. backupRetentionPeriod is an unknown output and cannot be proven at least 7 days: it is an output known only after deployment.`,
    );
  });

  it("ties the component's selection to its database through the unknown ARN's dependencies", () => {
    const copy = (urn: string) =>
      run.engine.logs.find((l) => l.urn === urn && l.message.startsWith('[deadbolt::backup-cross-account-copy]'))!
        .message;
    expect(copy(VENDOR_DB)).toContain('has no copy action');
    expect(copy(RECORDS)).toContain('No backup plan in the app selects this resource');
  });

  it('fails the program after logging, and never lets the engine shut down (and delete)', () => {
    const summary = run.engine.logs.filter((l) => l.severity === 'error' && l.urn === '').map((l) => l.message);
    expect(summary).toHaveLength(1);
    // The RunError's message alone: no stack trace for the user's mistake.
    expect(summary[0]).toBe(
      'Deadbolt: 11 data-protection errors in stack shop/prod, each logged above: rds-deletion-protection (records, store-db); ' +
        'rds-automated-backups-retained (records, store-db); rds-backup-retention (records, store-db); rds-final-snapshot (records, store-db); ' +
        'backup-cross-account-copy (records, store-db); backup-plan-copy-destination (store-plan). Fix them, or acknowledge one with a written ' +
        'reason (enforceDataProtection({ acknowledge: [...] })).',
    );
    expect(run.engine.logs.filter((l) => l.severity === 'error')).toHaveLength(12);
    expect(run.engine.shutdownSignaled).toBe(false);
    // 32: the runtime's "failed, and the error was already shown to the user".
    expect(run.code).toBe(32);
  });
});

describe('on an engine without transforms (an old CLI): the SDK path alone', () => {
  it('protects and judges; a non-production program logs warnings and passes', async () => {
    const run = await runWithEngine(
      `
const aws = require('@pulumi/aws');
const { enforceDataProtection } = require('@deadbolt/pulumi');
enforceDataProtection({ nonProduction: true });
new aws.dynamodb.Table('orders', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', deletionProtectionEnabled: true });
`,
      { transforms: false, preview: false },
    );
    expect(run.engine.transforms).toHaveLength(0);
    expect(run.engine.get('aws:dynamodb/table:Table', 'orders')).toMatchObject({ protect: true, retainOnDelete: true });
    const warnings = run.engine.logs.filter((l) => l.severity === 'warning').map((l) => l.message.split('\n')[0]);
    expect(warnings).toContain(
      `[deadbolt::dynamodb-point-in-time-recovery] ${ruleById('dynamodb-point-in-time-recovery')!.title}. pointInTimeRecovery.enabled is not set (provider default: false).`,
    );
    // The suppression itself is said, once, where the preview shows its diagnostics.
    expect(warnings.filter((w) => w.startsWith('Deadbolt: nonProduction'))).toEqual([
      'Deadbolt: nonProduction is on: every error is reported as a warning and nothing fails.',
    ]);
    expect(run.engine.logs.filter((l) => l.severity === 'error')).toEqual([]);
    expect(run.engine.shutdownSignaled).toBe(true);
    expect(run.code).toBe(0);
  }, 30_000);
});
