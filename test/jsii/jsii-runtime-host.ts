/**
 * A jsii host written the way the Python, Java, .NET and Go runtimes are: it starts `@jsii/runtime` (the kernel
 * process every foreign-language binding spawns, the same webpack bundle the Python `jsii` package embeds) and
 * speaks its protocol, one JSON request per line on the process's stdin, one response per line on its stdout
 * (https://aws.github.io/jsii/specification/3-kernel-api/). Nothing here calls the package's JavaScript directly:
 * every object is created, called and read through the kernel, by fully qualified jsii type name, with structs and
 * enums passed in their wire forms (`$jsii.struct`, `$jsii.enum`), as a Python program's calls arrive.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';

/** A reference to an object that lives in the kernel. */
export interface ObjRef {
  readonly '$jsii.byref': string;
  readonly '$jsii.interfaces'?: readonly string[];
}

/** A value on the wire: a primitive, a reference, a wrapper (`$jsii.struct`, `$jsii.enum`, `$jsii.map`), a list. */
export type WireValue = unknown;

/** The kernel said no: what a foreign-language program would see raised (Python: `RuntimeError`, `JSIIError`). */
export class KernelError extends Error {
  public constructor(
    message: string,
    public readonly kernelName?: string,
  ) {
    super(message);
  }
}

/** The runtime's entry point, resolved from the installed @jsii/runtime (its self-contained webpack bundle). */
export function runtimeEntryPoint(): string {
  const pkg = require.resolve('@jsii/runtime/package.json');
  return path.join(path.dirname(pkg), 'webpack', 'bin', 'jsii-runtime.js');
}

export interface JsiiRuntimeOptions {
  /** The `JSII_AGENT` the binding announces. @default 'Python/3.11.7' */
  readonly agent?: string;
  /**
   * Where the kernel caches the packages it extracts from tarballs (`JSII_RUNTIME_PACKAGE_CACHE_ROOT`).
   * @default - the runtime's own default, under the user's cache directory
   */
  readonly packageCacheRoot?: string;
}

export class JsiiRuntimeHost {
  /**
   * Starts the runtime and reads its hello. `agent` is the `JSII_AGENT` the binding announces itself with (the
   * Python runtime sets `Python/<version>`; https://github.com/aws/jsii/commit/cf1d0c3).
   */
  public static async start(options: JsiiRuntimeOptions = {}): Promise<JsiiRuntimeHost> {
    const child = spawn(process.execPath, [runtimeEntryPoint()], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        JSII_AGENT: options.agent ?? 'Python/3.11.7',
        JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
        ...(options.packageCacheRoot ? { JSII_RUNTIME_PACKAGE_CACHE_ROOT: options.packageCacheRoot } : {}),
      },
    });
    const host = new JsiiRuntimeHost(child);
    const hello = (await host.next()) as { hello?: string };
    if (typeof hello.hello !== 'string' || !hello.hello.startsWith('@jsii/runtime@')) {
      throw new Error(`the jsii runtime did not say hello: ${JSON.stringify(hello)}`);
    }
    host.version = hello.hello;
    return host;
  }

  /** `@jsii/runtime@<version>`, as the runtime announced itself. */
  public version = '';
  /** What the runtime wrote to its stderr (console output of the JavaScript it runs, wrapped and base64-encoded). */
  public readonly console: string[] = [];
  private readonly lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private closed = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: child.stdout }).on('line', (line) => this.deliver(line));
    child.stdout.on('close', () => {
      this.closed = true;
      this.deliver(undefined);
    });
    readline.createInterface({ input: child.stderr }).on('line', (line) => this.console.push(decodeConsole(line)));
  }

  /** `load`: an assembly from its npm tarball, as a binding loads the tarball embedded in its package. */
  public load(name: string, version: string, tarball: string): Promise<{ assembly: string; types: number }> {
    return this.request({ api: 'load', name, version, tarball }) as Promise<{ assembly: string; types: number }>;
  }

  /** `create`: `new <fqn>(...args)`. */
  public async create(fqn: string, args: readonly WireValue[] = []): Promise<ObjRef> {
    return (await this.request({ api: 'create', fqn, args, overrides: [], interfaces: [] })) as ObjRef;
  }

  /** `invoke`: `obj.method(...args)`. */
  public async invoke(objref: ObjRef, method: string, args: readonly WireValue[] = []): Promise<WireValue> {
    return ((await this.request({ api: 'invoke', objref, method, args })) as { result?: WireValue }).result;
  }

  /** `sinvoke`: `<fqn>.method(...args)`. */
  public async sinvoke(fqn: string, method: string, args: readonly WireValue[] = []): Promise<WireValue> {
    return ((await this.request({ api: 'sinvoke', fqn, method, args })) as { result?: WireValue }).result;
  }

  /** `get`: `obj.property`. */
  public async get(objref: ObjRef, property: string): Promise<WireValue> {
    return ((await this.request({ api: 'get', objref, property })) as { value?: WireValue }).value;
  }

  /** `sget`: `<fqn>.property`. */
  public async sget(fqn: string, property: string): Promise<WireValue> {
    return ((await this.request({ api: 'sget', fqn, property })) as { value?: WireValue }).value;
  }

  /** Ends the runtime as a binding does at exit: closing its stdin. Resolves with the exit code. */
  public close(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve(this.child.exitCode);
      this.child.once('exit', (code) => resolve(code));
      this.child.stdin.end();
    });
  }

  /**
   * One request, one response; a callback is refused (these programs override nothing, so none is expected).
   * Requests are answered in turn, as a binding's calls are synchronous: concurrent callers queue.
   */
  public request(req: Record<string, unknown>): Promise<unknown> {
    const turn = this.queue.then(() => this.exchange(req));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private queue: Promise<void> = Promise.resolve();

  private async exchange(req: Record<string, unknown>): Promise<unknown> {
    this.child.stdin.write(`${JSON.stringify(req)}\n`);
    if (process.env.JSII_HOST_TRACE) fs.appendFileSync(process.env.JSII_HOST_TRACE, `> ${JSON.stringify(req)}\n`);
    const res = (await this.next()) as { ok?: unknown; error?: string; name?: string; callback?: unknown };
    if ('error' in res) throw new KernelError(String(res.error), res.name);
    if ('callback' in res) throw new Error(`unexpected callback from the kernel: ${JSON.stringify(res.callback)}`);
    if (!('ok' in res)) throw new Error(`unexpected response from the kernel: ${JSON.stringify(res)}`);
    return res.ok;
  }

  private deliver(line: string | undefined): void {
    if (line !== undefined) this.lines.push(line);
    if (line !== undefined && process.env.JSII_HOST_TRACE)
      fs.appendFileSync(process.env.JSII_HOST_TRACE, `< ${line.slice(0, 300)}\n`);
    const w = this.waiting;
    if (w && (this.lines.length > 0 || this.closed)) {
      this.waiting = undefined;
      w(this.lines.shift());
    }
  }

  private next(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const take = (line: string | undefined) => {
        if (line === undefined) {
          reject(new Error(`the jsii runtime exited before answering; its output:\n${this.console.join('')}`));
        } else resolve(JSON.parse(line));
      };
      if (this.lines.length > 0) take(this.lines.shift());
      else if (this.closed) take(undefined);
      else this.waiting = take;
    });
  }
}

/** The runtime wraps the kernel's console output as `{"stderr":"<base64>"}` lines; anything else is its own text. */
function decodeConsole(line: string): string {
  try {
    const o = JSON.parse(line) as { stderr?: string; stdout?: string };
    const b64 = o.stderr ?? o.stdout;
    if (typeof b64 === 'string') return Buffer.from(b64, 'base64').toString('utf8');
  } catch {
    // Not a wrapped line: keep it as written.
  }
  return `${line}\n`;
}

/** A struct argument as a binding sends it: `{ "$jsii.struct": { fqn, data } }`. */
export function struct(fqn: string, data: Record<string, WireValue>): WireValue {
  return { '$jsii.struct': { fqn, data } };
}

/** An enum member as a binding sends it: `{ "$jsii.enum": "<fqn>/<MEMBER>" }`. */
export function enumValue(fqn: string, member: string): WireValue {
  return { '$jsii.enum': `${fqn}/${member}` };
}

/** Whether a wire value is an object reference. */
export function isRef(v: WireValue): v is ObjRef {
  return typeof v === 'object' && v !== null && typeof (v as ObjRef)['$jsii.byref'] === 'string';
}
