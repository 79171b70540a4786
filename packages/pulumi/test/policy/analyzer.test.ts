/**
 * `dataProtectionPolicyPack()` served by the real `@pulumi/policy` analyzer in
 * a child process, called over gRPC as the Pulumi CLI calls a policy pack:
 * `GetAnalyzerInfo`, then `AnalyzeStack` with a preview's resources (unknown
 * values, property dependencies, the default provider). This checks what the
 * hand-built `StackValidationArgs` in data-protection-policy-pack.test.ts
 * cannot: the analyzer's unknown-checking proxy around `props`, and a fresh
 * args object per policy.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TS_SOURCES_PRELOAD } from '../child-process';
import * as grpc from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import * as anrpc from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import * as anproto from '@pulumi/pulumi/proto/analyzer_pb';
import { RULE_IDS, ruleById } from '@deadbolt/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const ACCOUNT = '111111111111';
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
const urn = (type: string, name: string) => `urn:pulumi:prod::shop::${type}::${name}`;
const PROVIDER = urn('pulumi:providers:aws', 'default_7_48_0');

const PRELOAD = TS_SOURCES_PRELOAD;

function analyzerResource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  deps: Record<string, string[]> = {},
  protect = false,
): anproto.AnalyzerResource {
  const r = new anproto.AnalyzerResource()
    .setType(type)
    .setName(name)
    .setUrn(urn(type, name))
    .setProperties(Struct.fromJavaScript(props as never))
    .setOptions(new anproto.AnalyzerResourceOptions().setProtect(protect))
    .setProvider(
      new anproto.AnalyzerProviderResource()
        .setType('pulumi:providers:aws')
        .setName('default_7_48_0')
        .setUrn(PROVIDER)
        .setProperties(Struct.fromJavaScript({ region: 'us-east-1', allowedAccountIds: `["${ACCOUNT}"]` })),
    )
    .setDependenciesList([...new Set(Object.values(deps).flat())]);
  for (const [k, urns] of Object.entries(deps))
    r.getPropertydependenciesMap().set(k, new anproto.AnalyzerPropertyDependencies().setUrnsList(urns));
  return r;
}

let child: ChildProcess;
let client: anrpc.AnalyzerClient;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-pack-'));
  fs.writeFileSync(path.join(dir, 'preload.js'), PRELOAD);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'pack', version: '1.2.3' }));
  fs.writeFileSync(path.join(dir, 'index.js'), "require('@deadbolt/pulumi/policy').dataProtectionPolicyPack();\n");
  child = spawn(process.execPath, ['-r', path.join(dir, 'preload.js'), path.join(dir, 'index.js')], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  // The analyzer prints its port on stdout, as the CLI expects.
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the policy pack exited (${code}) before serving: ${stderr}`)));
  });
  client = new anrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 30_000);

afterAll(() => {
  client?.close();
  child?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('serves one policy per rule: named for the rule id, described by its title, mandatory for error rules', async () => {
  const info = await new Promise<anproto.AnalyzerInfo>((resolve, reject) =>
    client.getAnalyzerInfo(new Empty(), (e, r) => (e ? reject(e) : resolve(r))),
  );
  expect(info.getName()).toBe('deadbolt-data-protection');
  const policies = info.getPoliciesList();
  expect(policies.map((p) => p.getName())).toEqual([...RULE_IDS]);
  for (const p of policies) {
    const rule = ruleById(p.getName())!;
    expect(p.getDescription()).toBe(rule.title);
    expect(p.getEnforcementlevel()).toBe(
      rule.severity === 'error' ? anproto.EnforcementLevel.MANDATORY : anproto.EnforcementLevel.ADVISORY,
    );
  }
});

it('judges a preview: unknown values behind the proxy, relations through property dependencies', async () => {
  const db = urn('aws:rds/instance:Instance', 'records');
  const plan = urn('aws:backup/plan:Plan', 'plan');
  const request = new anproto.AnalyzeStackRequest().setResourcesList([
    new anproto.AnalyzerResource()
      .setType('pulumi:providers:aws')
      .setName('default_7_48_0')
      .setUrn(PROVIDER)
      .setProperties(Struct.fromJavaScript({ region: 'us-east-1', allowedAccountIds: `["${ACCOUNT}"]` }))
      .setOptions(new anproto.AnalyzerResourceOptions()),
    analyzerResource('aws:rds/instance:Instance', 'records', {
      engine: 'postgres',
      instanceClass: 'db.t3.micro',
      deletionProtection: false,
      backupRetentionPeriod: UNKNOWN,
      arn: UNKNOWN,
    }),
    analyzerResource(
      'aws:backup/plan:Plan',
      'plan',
      { name: 'plan', rules: [{ ruleName: 'daily', targetVaultName: 'Default', schedule: 'cron(0 5 * * ? *)' }] },
      {},
      true,
    ),
    analyzerResource(
      'aws:backup/selection:Selection',
      'selection',
      { name: 'selection', iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, planId: UNKNOWN, resources: [UNKNOWN] },
      { planId: [plan], resources: [db] },
    ),
  ]);
  const response = await new Promise<anproto.AnalyzeResponse>((resolve, reject) =>
    client.analyzeStack(request, (e, r) => (e ? reject(e) : resolve(r))),
  );
  const diagnostics = response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    urn: d.getUrn(),
    level: d.getEnforcementlevel(),
    message: d.getMessage(),
  }));
  const onDb = diagnostics.filter((d) => d.urn === db);
  expect(onDb.map((d) => d.policy).sort()).toEqual([
    'backup-cross-account-copy',
    'general-deletion-policy',
    'general-update-replace-policy',
    'rds-automated-backups-retained',
    'rds-backup-retention',
    'rds-deletion-protection',
    'rds-final-snapshot',
  ]);
  expect(onDb.every((d) => d.level === anproto.EnforcementLevel.MANDATORY)).toBe(true);
  // The analyzer puts the policy's description (the rule's title) above the message.
  const message = (policy: string) => {
    const [title, text] = onDb.find((d) => d.policy === policy)!.message.split('\n');
    expect(title).toBe(ruleById(policy)!.title);
    return text;
  };
  // Unknown in a preview is never safe: the catalogue says it cannot be proven.
  expect(message('rds-backup-retention')).toMatch(
    /^backupRetentionPeriod is an unknown output and cannot be proven at least 7 days: it is an output known only after deployment\. Resource: records /,
  );
  // The selection's unknown `resources` depend on the database: it is selected, by a plan without a copy action.
  expect(message('backup-cross-account-copy')).toMatch(
    /^No backup copy of this resource is proven to be in another account: plan .* has no copy action\./,
  );
  // No policy failed to run on an unknown value (the analyzer reports that as "can't run policy … during preview").
  expect(diagnostics.filter((d) => d.message.includes("can't run policy"))).toEqual([]);
}, 30_000);

it('after `up`, a database key that is not tied to a key of the stack (the aws/rds key the provider reports) is not proven customer managed', async () => {
  const key = urn('aws:kms/key:Key', 'key');
  const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d`;
  const awsManaged = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f9e8d7c-6b5a-4f3e-2d1c-0b9a8f7e6d5c`;
  const db = (name: string) => ({
    engine: 'postgres',
    instanceClass: 'db.t3.micro',
    identifier: name,
    deletionProtection: true,
    deleteAutomatedBackups: false,
    backupRetentionPeriod: 14,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: `${name}-final`,
    storageEncrypted: true,
    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:${name}`,
  });
  const request = new anproto.AnalyzeStackRequest().setResourcesList([
    new anproto.AnalyzerResource()
      .setType('pulumi:providers:aws')
      .setName('default_7_48_0')
      .setUrn(PROVIDER)
      .setProperties(Struct.fromJavaScript({ region: 'us-east-1', allowedAccountIds: `["${ACCOUNT}"]` }))
      .setOptions(new anproto.AnalyzerResourceOptions()),
    analyzerResource('aws:kms/key:Key', 'key', { deletionWindowInDays: 30, arn: keyArn }, {}, true),
    analyzerResource('aws:rds/instance:Instance', 'defaulted', { ...db('defaulted'), kmsKeyId: awsManaged }, {}, true),
    analyzerResource(
      'aws:rds/instance:Instance',
      'keyed',
      { ...db('keyed'), kmsKeyId: keyArn },
      { kmsKeyId: [key] },
      true,
    ),
  ]);
  const response = await new Promise<anproto.AnalyzeResponse>((resolve, reject) =>
    client.analyzeStack(request, (e, r) => (e ? reject(e) : resolve(r))),
  );
  const keyDiagnostics = response.getDiagnosticsList().filter((d) => d.getPolicyname() === 'rds-customer-managed-key');
  expect(keyDiagnostics.map((d) => d.getUrn())).toEqual([urn('aws:rds/instance:Instance', 'defaulted')]);
  expect(keyDiagnostics[0].getMessage()).toContain(
    `the key the provider reports, here \`${awsManaged}\`; for a database given no key that is the AWS managed \`aws/rds\` key`,
  );
}, 30_000);
