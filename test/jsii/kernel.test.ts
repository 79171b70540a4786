/**
 * @deadbolt/cdk across the jsii boundary, as a Python (or Java, .NET, Go) program uses it.
 *
 * No foreign-language runtime can be installed here, so the test plays the binding itself: it starts the jsii
 * runtime, loads `constructs`, `aws-cdk-lib` (their registry tarballs, as the Python packages embed them) and
 * @deadbolt/cdk (the tarball `npm run package` embedded in the generated Python package, so what is tested is what
 * would ship), then builds apps through the kernel, by jsii type name, and asserts on the templates it synthesizes.
 * Each program below is written out in Python above its test.
 *
 * Needs `npm run package` first (which `npm test` runs).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  enumValue,
  isRef,
  JsiiRuntimeHost,
  KernelError,
  struct,
  type ObjRef,
  type WireValue,
} from './jsii-runtime-host';
import { cdkAppAssemblies } from './assemblies';

const ROOT = path.resolve(__dirname, '..', '..');
const CDK = path.join(ROOT, 'packages', 'cdk');
const D = '@deadbolt/cdk';

let work: string;
let host: JsiiRuntimeHost;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-jsii-kernel-'));
  const assemblies = cdkAppAssemblies(ROOT, work);
  // The kernel's package cache in the test's own directory: nothing left in the user's cache, and every run loads cold.
  host = await JsiiRuntimeHost.start({ packageCacheRoot: path.join(work, 'package-cache') });
  for (const a of assemblies) {
    const loaded = await host.load(a.name, a.version, a.tarball);
    expect(loaded.assembly).toBe(a.name);
  }
}, 300_000);

afterAll(async () => {
  if (host) expect(await host.close()).toBe(0);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// --- the calls a binding makes, named as the Python would read ---

const ENV = struct('aws-cdk-lib.Environment', { account: '111111111111', region: 'us-east-1' });

/** `App()` with CDK's own template validation off (it is slow and judged elsewhere). */
function newApp(): Promise<ObjRef> {
  return host.create('aws-cdk-lib.App', [
    struct('aws-cdk-lib.AppProps', {
      outdir: fs.mkdtempSync(path.join(work, 'cdk.out-')),
      builtinCloudFormationValidation: false,
    }),
  ]);
}

/** `Stack(app, id, env=ENV, termination_protection=True)`. */
function newStack(app: ObjRef, id: string): Promise<ObjRef> {
  return host.create('aws-cdk-lib.Stack', [
    app,
    id,
    struct('aws-cdk-lib.StackProps', { env: ENV, terminationProtection: true }),
  ]);
}

/** `dynamodb.Table(scope, id, partition_key=Attribute(name="pk", type=AttributeType.STRING), **props)`. */
function newTable(scope: ObjRef, id: string, props: Record<string, WireValue> = {}): Promise<ObjRef> {
  return host.create('aws-cdk-lib.aws_dynamodb.Table', [
    scope,
    id,
    struct('aws-cdk-lib.aws_dynamodb.TableProps', {
      partitionKey: struct('aws-cdk-lib.aws_dynamodb.Attribute', {
        name: 'pk',
        type: enumValue('aws-cdk-lib.aws_dynamodb.AttributeType', 'STRING'),
      }),
      ...props,
    }),
  ]);
}

/** `Aspects.of(app).add(aspect, priority=AspectPriority.<priority>)`. */
async function addAspect(app: ObjRef, aspect: ObjRef, priority: 'READONLY' | 'MUTATING'): Promise<void> {
  const aspects = (await host.sinvoke('aws-cdk-lib.Aspects', 'of', [app])) as ObjRef;
  const value = await host.sget('aws-cdk-lib.AspectPriority', priority);
  await host.invoke(aspects, 'add', [aspect, struct('aws-cdk-lib.AspectOptions', { priority: value })]);
}

/** `app.synth().get_stack_by_name(name).template`. */
async function synthTemplate(app: ObjRef, stackName: string): Promise<Template> {
  const assembly = (await host.invoke(app, 'synth')) as ObjRef;
  const artifact = (await host.invoke(assembly, 'getStackByName', [stackName])) as ObjRef;
  return (await host.get(artifact, 'template')) as Template;
}

interface Template {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;
}

/** Reads a struct or object the kernel returned, property by property, as a binding's proxy does. */
async function read(value: WireValue, properties: readonly string[]): Promise<Record<string, WireValue>> {
  if (!isRef(value)) return value as Record<string, WireValue>;
  const out: Record<string, WireValue> = {};
  for (const p of properties) out[p] = await host.get(value, p);
  return out;
}

function resourcesOfType(template: Template, type: string) {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

test('the runtime is the one the bindings embed, and the assembly names every language target', () => {
  expect(host.version).toMatch(/^@jsii\/runtime@1\./);
  const assembly = JSON.parse(fs.readFileSync(path.join(CDK, '.jsii'), 'utf8')) as {
    targets: Record<string, Record<string, unknown>>;
    bundled?: Record<string, string>;
  };
  expect(Object.keys(assembly.targets).sort()).toEqual(['dotnet', 'go', 'java', 'js', 'python']);
  // The engine travels inside the tarball every binding embeds: it is not a jsii module of its own.
  expect(Object.keys(assembly.bundled ?? {})).toEqual(['@deadbolt/rules']);
});

/*
 * app = App()
 * stack = Stack(app, "Shop", env=env, termination_protection=True)
 * dynamodb.Table(stack, "Carts", partition_key=Attribute(name="pk", type=AttributeType.STRING))
 * checks = DataProtectionChecks()
 * Aspects.of(app).add(checks, priority=AspectPriority.READONLY)
 * app.synth()
 * errors = [f for f in checks.findings if f.severity == FindingSeverity.ERROR]
 */
test('DataProtectionChecks: an unsafe table fails synthesis with findings a Python program can read', async () => {
  const app = await newApp();
  const stack = await newStack(app, 'Shop');
  await newTable(stack, 'Carts');
  const checks = await host.create(`${D}.DataProtectionChecks`);
  await addAspect(app, checks, 'READONLY');
  await host.invoke(app, 'synth');

  const findings = (await host.get(checks, 'findings')) as WireValue[];
  const read_ = await Promise.all(
    findings.map((f) => read(f, ['ruleId', 'severity', 'resource', 'message', 'fix', 'acknowledgeWith'])),
  );
  const errors = read_.filter(
    (f) => JSON.stringify(f.severity) === JSON.stringify(enumValue(`${D}.FindingSeverity`, 'ERROR')),
  );
  const ruleIds = errors.map((f) => f.ruleId);
  expect(ruleIds).toEqual(expect.arrayContaining(['dynamodb-deletion-protection', 'dynamodb-point-in-time-recovery']));
  const deletion = errors.find((f) => f.ruleId === 'dynamodb-deletion-protection')!;
  const resource = await read(deletion.resource, ['logicalId', 'resourceType', 'path']);
  expect(resource).toMatchObject({ resourceType: 'AWS::DynamoDB::Table', path: 'Shop/Carts/Resource' });
  expect(deletion.fix).toEqual(expect.stringContaining('deletionProtection'));
  // Said as the program's language writes it (the runtime was started with JSII_AGENT=Python/…, as Python's is).
  expect(deletion.acknowledgeWith).toBe(
    'Validations.of(<construct at Shop/Carts/Resource>).acknowledge(Acknowledgment(id="deadbolt::dynamodb-deletion-protection", reason="<why the risk is accepted>"))',
  );

  // The error annotations are in the cloud assembly (the manifest, or the stack's metadata file it names), where
  // `cdk synth` reads them to fail.
  const outdir = await outdirOf(app);
  const metadata = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.template.json'))
    .map((f) => fs.readFileSync(path.join(outdir, f), 'utf8'))
    .join('\n');
  expect(metadata).toMatch(/"type":\s*"aws:cdk:error"[\s\S]*dynamodb-deletion-protection/);
});

/*
 * checks = DataProtectionChecks(
 *     minimum_backup_retention=Duration.days(14),
 *     severities=[RuleSeverity(rule_id="general-deletion-policy", severity=FindingSeverity.OFF, reason="...")],
 * )
 */
test('options cross as structs and enums; a rule turned off without a reason is refused with the package message', async () => {
  const fourteen = await host.sinvoke('aws-cdk-lib.Duration', 'days', [14]);
  const ok = await host.create(`${D}.DataProtectionChecks`, [
    struct(`${D}.DataProtectionChecksProps`, {
      minimumBackupRetention: fourteen,
      severities: [
        struct(`${D}.RuleSeverity`, {
          ruleId: 'stack-termination-protection',
          severity: enumValue(`${D}.FindingSeverity`, 'OFF'),
          reason: 'Sandbox stacks are recreated from scratch every night.',
        }),
      ],
    }),
  ]);
  expect(isRef(ok)).toBe(true);

  await expect(
    host.create(`${D}.DataProtectionChecks`, [
      struct(`${D}.DataProtectionChecksProps`, {
        severities: [
          struct(`${D}.RuleSeverity`, {
            ruleId: 'general-deletion-policy',
            severity: enumValue(`${D}.FindingSeverity`, 'OFF'),
          }),
        ],
      }),
    ]),
  ).rejects.toThrow(/general-deletion-policy[\s\S]*reason/);
});

/*
 * backups = IsolatedBackupVault(stack, "Backups", destination_vault_arn="arn:aws:backup:...:222222222222:backup-vault:central")
 * carts = SafeTable(stack, "Carts", partition_key=..., table_name="carts", backup=BackupEnrolment.in_vault(backups))
 * Aspects.of(app).add(DataProtectionChecks(), priority=AspectPriority.READONLY)
 * template = app.synth().get_stack_by_name("Shop").template
 */
test('a Safe construct and the isolated vault synthesize a protected table, and the checks pass it', async () => {
  const app = await newApp();
  const stack = await newStack(app, 'Shop');
  const backups = await host.create(`${D}.IsolatedBackupVault`, [
    stack,
    'Backups',
    struct(`${D}.IsolatedBackupVaultProps`, {
      destinationVaultArn: 'arn:aws:backup:us-east-1:222222222222:backup-vault:central',
    }),
  ]);
  const enrolment = await host.sinvoke(`${D}.BackupEnrolment`, 'inVault', [backups]);
  const carts = await host.create(`${D}.SafeTable`, [
    stack,
    'Carts',
    struct(`${D}.SafeTableProps`, {
      partitionKey: struct('aws-cdk-lib.aws_dynamodb.Attribute', {
        name: 'pk',
        type: enumValue('aws-cdk-lib.aws_dynamodb.AttributeType', 'STRING'),
      }),
      tableName: 'carts',
      backup: enrolment,
    }),
  ]);
  // `carts.table` is the aws-cdk-lib Table, usable with the rest of the CDK.
  const table = (await host.get(carts, 'table')) as ObjRef;
  expect(table['$jsii.byref']).toMatch(/^aws-cdk-lib\.aws_dynamodb\.Table@/);

  const checks = await host.create(`${D}.DataProtectionChecks`);
  await addAspect(app, checks, 'READONLY');
  const template = await synthTemplate(app, 'Shop');

  const [[, cfnTable]] = resourcesOfType(template, 'AWS::DynamoDB::Table');
  expect(cfnTable.DeletionPolicy).toBe('Retain');
  expect(cfnTable.Properties).toMatchObject({
    TableName: 'carts',
    DeletionProtectionEnabled: true,
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  });
  expect(resourcesOfType(template, 'AWS::Backup::BackupVault').length).toBeGreaterThan(0);
  const plan = resourcesOfType(template, 'AWS::Backup::BackupPlan');
  expect(JSON.stringify(plan)).toContain('arn:aws:backup:us-east-1:222222222222:backup-vault:central');

  const findings = (await host.get(checks, 'findings')) as WireValue[];
  const severities = await Promise.all(findings.map(async (f) => (await read(f, ['severity'])).severity));
  expect(severities).not.toContainEqual(enumValue(`${D}.FindingSeverity`, 'ERROR'));
});

/*
 * SafeTable(stack, "Carts", partition_key=...)   # no table_name, not adopting
 */
test("a Safe construct's refusal reaches the program as the kernel's error, with Deadbolt's words", async () => {
  const app = await newApp();
  const stack = await newStack(app, 'Shop');
  await expect(
    host.create(`${D}.SafeTable`, [
      stack,
      'Carts',
      struct(`${D}.SafeTableProps`, {
        partitionKey: struct('aws-cdk-lib.aws_dynamodb.Attribute', {
          name: 'pk',
          type: enumValue('aws-cdk-lib.aws_dynamodb.AttributeType', 'STRING'),
        }),
      }),
    ]),
  ).rejects.toThrow(/tableName/);
});

/*
 * fixer = ProtectStatefulResources()
 * Aspects.of(app).add(fixer, priority=AspectPriority.MUTATING)
 * Aspects.of(app).add(DataProtectionChecks(), priority=AspectPriority.READONLY)
 * app.synth(); fixer.changes
 */
test('ProtectStatefulResources: the fixer retains and protects an existing table, and reports its changes', async () => {
  const app = await newApp();
  const stack = await newStack(app, 'Legacy');
  await newTable(stack, 'Orders');
  const fixer = await host.create(`${D}.ProtectStatefulResources`);
  await addAspect(app, fixer, 'MUTATING');
  await addAspect(app, await host.create(`${D}.DataProtectionChecks`), 'READONLY');
  const template = await synthTemplate(app, 'Legacy');

  const [[, cfnTable]] = resourcesOfType(template, 'AWS::DynamoDB::Table');
  expect(cfnTable.DeletionPolicy).toBe('Retain');
  expect(cfnTable.Properties).toMatchObject({ DeletionProtectionEnabled: true });
  const changes = (await host.get(fixer, 'changes')) as WireValue[];
  const read_ = await Promise.all(changes.map((c) => read(c, ['path', 'property', 'ruleId', 'applied'])));
  expect(read_).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        path: 'Legacy/Orders/Resource',
        ruleId: 'dynamodb-deletion-protection',
        applied: true,
      }),
    ]),
  );
});

/*
 * Validations.of(app).add_plugins(DataProtectionPlugin())
 * DataProtectionAcknowledgement.add(table, rule_id="dynamodb-point-in-time-recovery", reason="...")
 * app.synth()   # raises: the plugin's report fails synthesis
 */
test('DataProtectionPlugin fails synthesis through the kernel; an acknowledgement made from Python is honoured', async () => {
  const app = await newApp();
  const stack = await newStack(app, 'Shop');
  const table = await newTable(stack, 'Sessions');
  await host.sinvoke(`${D}.DataProtectionAcknowledgement`, 'add', [
    table,
    struct(`${D}.DataProtectionAcknowledgementProps`, {
      ruleId: 'dynamodb-point-in-time-recovery',
      reason: 'Sessions expire within an hour; losing them signs users out.',
    }),
  ]);
  const validations = (await host.sinvoke('aws-cdk-lib.Validations', 'of', [app])) as ObjRef;
  await host.invoke(validations, 'addPlugins', [await host.create(`${D}.DataProtectionPlugin`)]);
  const failure = await host.invoke(app, 'synth').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(KernelError);
  const report = fs.readFileSync(path.join(await outdirOf(app), 'validation-report.json'), 'utf8');
  expect(report).toContain('dynamodb-deletion-protection');
  const acknowledged = (JSON.parse(report) as { pluginReports: { violations: { ruleName: string }[] }[] }).pluginReports
    .flatMap((p) => p.violations)
    .map((v) => v.ruleName);
  expect(acknowledged).not.toContain('dynamodb-point-in-time-recovery');
});

async function outdirOf(app: ObjRef): Promise<string> {
  return (await host.get(app, 'outdir')) as string;
}

/*
 * guardrail = AgentGuardrailPolicy(break_glass_principal_arns=["arn:aws:iam::111111111111:role/BreakGlass"])
 * guardrail.to_managed_policy(stack, "AgentGuardrail"); guardrail.to_scp_documents()
 */
test('AgentGuardrailPolicy: a managed policy in the template and SCP documents as strings', async () => {
  const app = await newApp();
  const stack = await newStack(app, 'Agents');
  const guardrail = await host.create(`${D}.AgentGuardrailPolicy`, [
    struct(`${D}.AgentGuardrailPolicyProps`, {
      breakGlassPrincipalArns: ['arn:aws:iam::111111111111:role/BreakGlass'],
    }),
  ]);
  await host.invoke(guardrail, 'toManagedPolicy', [stack, 'AgentGuardrail']);
  const scps = (await host.invoke(guardrail, 'toScpDocuments')) as string[];
  expect(scps.length).toBeGreaterThan(0);
  for (const scp of scps) expect(JSON.parse(scp)).toMatchObject({ Version: '2012-10-17' });
  const tagKey = await host.sget(`${D}.AgentGuardrailPolicy`, 'DEFAULT_TAG_KEY');
  expect(tagKey).toBe('deadbolt:protected');

  const template = await synthTemplate(app, 'Agents');
  const [[, policy]] = resourcesOfType(template, 'AWS::IAM::ManagedPolicy');
  expect(JSON.stringify(policy.Properties)).toContain('rds:DeleteDBInstance');
});
