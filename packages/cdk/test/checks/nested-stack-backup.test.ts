import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AspectPriority, Aspects, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { evaluate, loadCloudAssembly } from '@deadbolt/rules';
import {
  BackupEnrolment,
  DataProtectionChecks,
  DataProtectionPlugin,
  IsolatedBackupVault,
  SafeDatabaseInstance,
} from '../../src';
import { ENV } from '../synth-helper';

/** The built CLI (`npx tsc -b` first), run as a process the way a user runs `deadbolt check cdk.out`. */
const DEADBOLT = path.resolve(__dirname, '..', '..', '..', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');

const CENTRAL_ARN = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const COPY = 'backup-cross-account-copy';

/** Where the database and the vault are: one of them (or both) in a `NestedStack` of the root stack `Root`. */
type Layout = 'database-nested' | 'vault-nested' | 'sibling-nested';

interface NestedApp {
  readonly app: App;
  readonly outdir: string;
  readonly root: Stack;
}

/**
 * A real app: a root stack `Root` (termination protection on, as the safe
 * constructs demand of a nested stack's root) with an `IsolatedBackupVault`
 * copying to account 222222222222 and a `SafeDatabaseInstance` enrolled in it,
 * one of them inside a `NestedStack`. CDK passes the reference through the
 * nested stack's `Outputs` (read by the parent as `Fn::GetAtt [<nested stack>,
 * Outputs.<name>]`) or through a nested stack `Parameter` (the parent passes
 * its value in the `AWS::CloudFormation::Stack`'s `Parameters`).
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function nestedApp(layout: Layout): NestedApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-nested-backup-'));
  made.push(dir);
  const outdir = path.join(dir, 'cdk.out');
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const root = new Stack(app, 'Root', { env: ENV, terminationProtection: true });
  const vaultScope = layout === 'database-nested' ? root : new NestedStack(root, 'Backup');
  const dataScope = layout === 'vault-nested' ? root : new NestedStack(root, 'Data');
  const vault = new IsolatedBackupVault(vaultScope, 'Vault', { destinationVaultArn: CENTRAL_ARN });
  new SafeDatabaseInstance(dataScope, 'Db', {
    engine: rds.DatabaseInstanceEngine.POSTGRES,
    vpc: new ec2.Vpc(dataScope, 'Vpc'),
    instanceIdentifier: 'orders',
    backup: BackupEnrolment.inVault(vault),
  });
  return { app, outdir, root };
}

const copyFindings = <F extends { readonly ruleId: string; readonly severity: string }>(findings: readonly F[]) =>
  findings.filter((f) => f.ruleId === COPY && f.severity !== 'info');

const LAYOUTS: ReadonlyArray<[string, Layout]> = [
  ['the database in a NestedStack, its vault in the parent (Fn::GetAtt of the nested Outputs)', 'database-nested'],
  ['the vault in a NestedStack, the database in the parent (a nested stack Parameter)', 'vault-nested'],
  ['the database and the vault in two sibling NestedStacks (an Output passed in as a Parameter)', 'sibling-nested'],
];

describe.each(LAYOUTS)('backup-cross-account-copy: %s', (_name, layout) => {
  test('DataProtectionChecks on the App: no finding', () => {
    const { app } = nestedApp(layout);
    const checks = new DataProtectionChecks();
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
    app.synth();
    // Before: "No backup plan in the app selects this resource, so no copy of it exists in another account."
    expect(copyFindings(checks.findings)).toEqual([]);
    // The whole layout passes: no error of any rule.
    expect(checks.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('DataProtectionPlugin: no violation', () => {
    const { app, outdir } = nestedApp(layout);
    Validations.of(app).addPlugins(new DataProtectionPlugin());
    // Synthesis throws on an error violation (before: backup-cross-account-copy on the database).
    expect(() => app.synth()).not.toThrow();
    const report = path.join(outdir, 'validation-report.json');
    if (fs.existsSync(report)) expect(fs.readFileSync(report, 'utf8')).not.toContain(COPY);
  });

  test('`deadbolt check cdk.out` (the cloud assembly): no finding', () => {
    const { app, outdir } = nestedApp(layout);
    app.synth();
    const assembly = loadCloudAssembly(outdir);
    // Root and its nested stacks are all read.
    expect(assembly.documents.length).toBe(layout === 'sibling-nested' ? 3 : 2);
    const { findings } = evaluate({ documents: assembly.documents });
    expect(findings.filter((f) => f.ruleId === 'backup-cross-account-copy')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the `deadbolt check cdk.out` process: exit 0, no finding', () => {
    if (!fs.existsSync(DEADBOLT)) throw new Error(`${DEADBOLT} does not exist: run \`npx tsc -b\` before this test.`);
    const { app, outdir } = nestedApp(layout);
    app.synth();
    const r = spawnSync(process.execPath, [DEADBOLT, 'check', 'cdk.out', '--format', 'json'], {
      cwd: path.dirname(outdir),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    // Before: exit 1, backup-cross-account-copy on the database.
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.status).toBe(0);
  });
});

describe('a reference into a nested stack that cannot be followed: the finding says what could not be read', () => {
  test('the nested template does not define the output its parent reads: unresolved, naming the output', () => {
    const { app, outdir } = nestedApp('database-nested');
    app.synth();
    // The nested template as someone edited it: its Outputs gone, the parent still reading one.
    const file = fs.readdirSync(outdir).find((f) => f.endsWith('.nested.template.json'))!;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
    expect(Object.keys(template.Outputs)).toHaveLength(1);
    delete template.Outputs;
    fs.writeFileSync(path.join(outdir, file), JSON.stringify(template));

    const { findings } = evaluate({ documents: loadCloudAssembly(outdir).documents });
    const [f, ...rest] = copyFindings(findings);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      unresolved: true,
      resource: { path: 'Root/Data/Db/Default/Resource' },
    });
    expect(f.message).toMatch(
      /^No backup copy of this resource is proven to be in another account: selection VaultSelection\w+ \(stack Root\) is not proven to select it: its Resources entry .* cannot be resolved: part of it is output "\w+" of nested stack DataNestedStack\w+, which its template \(stack Root\/Data\) does not define\.$/,
    );
  });
});
