/**
 * Runs the built `deadbolt` binary (`npx tsc -b` first) as a user would, and
 * returns its exit code and output.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const BIN = path.resolve(__dirname, '..', 'lib', 'src', 'bin', 'deadbolt.js');

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock milliseconds, process start to exit. */
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string | Buffer;
  readonly env?: Record<string, string | undefined>;
  /** Options for node itself, before the script (`-r preload.js`). */
  readonly nodeArgs?: readonly string[];
}

export function requireBuiltBinary(): void {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} does not exist: run \`npx tsc -b\` before these tests.`);
}

export function deadbolt(args: readonly string[], options: RunOptions = {}): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const start = Date.now();
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
    timeout: 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - start };
}

/** The parsed `--format json` report. */
export interface JsonReport {
  findings: Array<{
    ruleId: string;
    severity: string;
    template: string | null;
    logicalId: string;
    path: string | null;
    resourceType: string;
    message: string;
    fix: string;
    why: string;
    acknowledgeWith: string;
    acknowledged: string | null;
    acknowledgementRefused: string | null;
    line: number | null;
  }>;
  summary: {
    errors: number;
    warnings: number;
    acknowledged: number;
    notes: number;
    templates: number;
    resources: number;
  };
}
