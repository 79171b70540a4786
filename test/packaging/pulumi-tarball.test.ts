/**
 * The Pulumi package as a user gets it: `npm pack` of @deadbolt/rules and
 * @deadbolt/pulumi (built first: `npx tsc -b`), installed into a fresh project
 * outside the repository with the required peers only (no `@pulumi/policy`),
 * then a program written as the README says, compiled by a strict tsconfig
 * (`skipLibCheck: false`), and its unit test run with `@deadbolt/pulumi/testing`
 * (Node's own test runner: no test framework to install).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freshProject, pack, pinned, tarballProblems, type PackedPackage } from './tarballs';

let work: string;
let app: string;
let packed: PackedPackage[];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-pulumi-tarball-'));
  packed = (['rules', 'pulumi'] as const).map((pkg) => pack(pkg, work));
  // The required peers only, at the versions the repository pins: no `@pulumi/policy`.
  app = freshProject(path.join(work, 'app'), [
    ...packed.map((p) => p.tarball),
    pinned('@pulumi/pulumi'),
    pinned('@pulumi/aws'),
    pinned('typescript'),
    pinned('@types/node'),
  ]);
  // A Pulumi program's entry point, as `pulumi up` would run it.
  const manifest = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ ...manifest, main: 'bin/index.js' }, null, 2));
  fs.mkdirSync(path.join(app, 'test'), { recursive: true });
  for (const [file, text] of Object.entries(PROJECT)) fs.writeFileSync(path.join(app, file), text);
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** The user's project: a strict tsconfig, the program, and its unit test. */
const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'node',
        lib: ['ES2022'],
        types: ['node'],
        strict: true,
        skipLibCheck: false,
        esModuleInterop: true,
        outDir: 'bin',
      },
      include: ['index.ts', 'test/**/*.ts'],
    },
    null,
    2,
  ),
  'index.ts': `import * as aws from '@pulumi/aws';
import { BackupEnrolment, enforceDataProtection, SafeDatabase } from '@deadbolt/pulumi';

// First line of the program: every resource registered after it is judged.
enforceDataProtection();

const parameters = new aws.rds.ParameterGroup('orders-parameters', { family: 'postgres16' });
const orders = new SafeDatabase('orders', {
  identifier: 'orders',
  backup: BackupEnrolment.optOut('Rebuilt from the orders event stream'),
  instance: {
    engine: 'postgres', instanceClass: 'db.t3.micro', allocatedStorage: 20, username: 'app',
    manageMasterUserPassword: true, parameterGroupName: parameters.name,
  },
});

export const endpoint = orders.instance!.endpoint;
`,
  'test/index.test.ts': `import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';
import { runWithDeadbolt } from '@deadbolt/pulumi/testing';

const config = { 'aws:region': 'us-east-1', 'aws:allowedAccountIds': ['111111111111'] };

test('the program passes Deadbolt', async () => {
  const { findings, acknowledged } = await runWithDeadbolt(() => import('../index'), { config });
  assert.deepEqual(findings, []);
  assert.deepEqual(acknowledged.map((f) => f.ruleId), ['backup-cross-account-copy']);
});

test('an unsafe database is returned as a finding, with its rule id and URN', async () => {
  const { errors } = await runWithDeadbolt(() => {
    enforceDataProtection();
    new aws.rds.Instance('legacy', { engine: 'postgres', instanceClass: 'db.t3.micro', allocatedStorage: 20, username: 'app', manageMasterUserPassword: true });
  }, { config });
  assert.ok(errors.some((f) => f.ruleId === 'rds-deletion-protection' && f.urn === 'urn:pulumi:stack::project::aws:rds/instance:Instance::legacy'));
});
`,
};

test('the tarball ships the subpath entries and no test code; @pulumi/policy is not installed', () => {
  const pkg = path.join(app, 'node_modules', '@deadbolt', 'pulumi');
  for (const file of [
    'policy/package.json',
    'testing/package.json',
    'lib/src/policy/index.d.ts',
    'lib/src/testing/index.js',
  ]) {
    expect(fs.existsSync(path.join(pkg, file))).toBe(true);
  }
  expect(fs.existsSync(path.join(pkg, 'lib', 'test'))).toBe(false);
  for (const p of packed) expect(tarballProblems(p, path.join(app, 'node_modules', p.name))).toEqual([]);
  expect(fs.existsSync(path.join(app, 'node_modules', '@pulumi', 'policy'))).toBe(false);
});

test('each entry resolves for TypeScript (moduleResolution node, node16, nodenext) and for Node (require and import)', () => {
  // TypeScript's own resolver, as a project's tsconfig would run it, and Node's, from the user's project.
  const script = `
const ts = require('typescript');
const file = require('path').join(process.cwd(), 'index.ts');
const out = {};
for (const entry of ['@deadbolt/pulumi', '@deadbolt/pulumi/policy', '@deadbolt/pulumi/testing']) {
  const modes = {
    node: [{ moduleResolution: ts.ModuleResolutionKind.Node10 }, undefined],
    'node16 (require)': [{ module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }, ts.ModuleKind.CommonJS],
    'nodenext (import)': [{ module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }, ts.ModuleKind.ESNext],
  };
  for (const [mode, [options, kind]] of Object.entries(modes)) {
    const r = ts.resolveModuleName(entry, file, options, ts.sys, undefined, undefined, kind).resolvedModule;
    out[entry + ' ' + mode] = r ? require('path').relative(process.cwd(), r.resolvedFileName) : 'unresolved';
  }
  out[entry + ' require'] = require('path').relative(process.cwd(), require.resolve(entry));
}
// Without @pulumi/policy the policies still build: the package is loaded only to start a pack.
out.policies = require('@deadbolt/pulumi/policy').dataProtectionPolicies().length > 0;
// The main entry's deprecated starter, kept for policy packs written for 0.1.0.
out.mainEntryStarter = typeof require('@deadbolt/pulumi').dataProtectionPolicyPack;
import('@deadbolt/pulumi/testing').then((m) => {
  out.esmImport = typeof m.runWithDeadbolt;
  process.stdout.write(JSON.stringify(out));
});
`;
  const out = JSON.parse(execFileSync('node', ['-e', script], { cwd: app, encoding: 'utf8', timeout: 60_000 }));
  const lib = 'node_modules/@deadbolt/pulumi/lib/src/';
  expect(out).toEqual({
    '@deadbolt/pulumi node': `${lib}index.d.ts`,
    '@deadbolt/pulumi node16 (require)': `${lib}index.d.ts`,
    '@deadbolt/pulumi nodenext (import)': `${lib}index.d.ts`,
    '@deadbolt/pulumi require': `${lib}index.js`,
    '@deadbolt/pulumi/policy node': `${lib}policy/index.d.ts`,
    '@deadbolt/pulumi/policy node16 (require)': `${lib}policy/index.d.ts`,
    '@deadbolt/pulumi/policy nodenext (import)': `${lib}policy/index.d.ts`,
    '@deadbolt/pulumi/policy require': `${lib}policy/index.js`,
    '@deadbolt/pulumi/testing node': `${lib}testing/index.d.ts`,
    '@deadbolt/pulumi/testing node16 (require)': `${lib}testing/index.d.ts`,
    '@deadbolt/pulumi/testing nodenext (import)': `${lib}testing/index.d.ts`,
    '@deadbolt/pulumi/testing require': `${lib}testing/index.js`,
    policies: true,
    mainEntryStarter: 'function',
    esmImport: 'function',
  });
});

test('a strict project without @pulumi/policy compiles the program and its test (skipLibCheck: false), and the test passes', () => {
  const tsc = spawnSync(path.join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.'], {
    cwd: app,
    encoding: 'utf8',
    timeout: 180_000,
  });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);

  const run = spawnSync('node', ['--test', path.join('bin', 'test')], { cwd: app, encoding: 'utf8', timeout: 120_000 });
  expect(run.stdout).toMatch(/^# pass 2$/m);
  expect(run.stdout).toMatch(/^# fail 0$/m);
  expect(run.status).toBe(0);
}, 300_000);
