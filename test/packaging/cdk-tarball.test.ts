/**
 * @deadbolt/cdk as a user gets it: the packed tarballs of rules, cdk and cli
 * installed into a fresh project outside the repository with the peers pinned
 * as the repository pins them, and the CDK app of test/packaging/cdk-app
 * (written as packages/cdk/README.md shows: the checks, the plugin, the fixer,
 * the safe constructs) compiled by `tsc` with `strict` and `skipLibCheck:
 * false`, synthesized by `node`, and its cloud assembly checked by the
 * installed `deadbolt` binary.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freshProject, pack, pinned, run, tarballProblems, type PackedPackage } from './tarballs';

let work: string;
let project: string;
let packed: PackedPackage[];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-cdk-tarball-'));
  packed = (['rules', 'cdk', 'cli'] as const).map((pkg) => pack(pkg, work));
  project = freshProject(path.join(work, 'cdk-app'), [
    ...packed.map((p) => p.tarball),
    pinned('aws-cdk-lib'),
    pinned('constructs'),
    pinned('typescript'),
    pinned('@types/node'),
  ]);
  fs.copyFileSync(path.join(__dirname, 'cdk-app', 'app.ts'), path.join(project, 'app.ts'));
  fs.writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node10',
          lib: ['ES2022'],
          types: ['node'],
          strict: true,
          skipLibCheck: false,
          outDir: 'dist',
          rootDir: '.',
        },
        files: ['app.ts'],
      },
      null,
      2,
    ),
  );
}, 420_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/**
 * `node dist/app.js <variant>` into a fresh `cdk.out`. `cdkValidation: false`
 * turns off CDK's own CloudFormation validation (`CDK_VALIDATION=false`, read
 * by aws-cdk-lib's synthesis), which these tests do not judge and which costs
 * 5 to 10 s a synthesis; the unsafe app keeps it, as users have it.
 */
function synth(variant: 'unsafe' | 'fixed' | 'safe', cdkValidation = false) {
  fs.rmSync(path.join(project, 'cdk.out'), { recursive: true, force: true });
  return run(process.execPath, ['dist/app.js', variant], project, cdkValidation ? {} : { CDK_VALIDATION: 'false' });
}

/** The Deadbolt rule ids of the error (or warning) annotations synthesis wrote into the cloud assembly. */
function annotated(type: 'aws:cdk:error' | 'aws:cdk:warning'): string[] {
  const out = path.join(project, 'cdk.out');
  const ids: string[] = [];
  for (const file of fs.readdirSync(out).filter((f) => f.endsWith('.metadata.json'))) {
    const metadata = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as Record<
      string,
      { type: string; data: unknown }[]
    >;
    for (const entries of Object.values(metadata)) {
      for (const entry of entries) {
        const id = entry.type === type ? /deadbolt::([a-z0-9-]+)/.exec(JSON.stringify(entry.data))?.[1] : undefined;
        if (id) ids.push(id);
      }
    }
  }
  return [...new Set(ids)].sort();
}

function template(stack: string): {
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }
  >;
} {
  return JSON.parse(fs.readFileSync(path.join(project, 'cdk.out', `${stack}.template.json`), 'utf8'));
}

function resourcesOf(stack: string, type: string) {
  return Object.values(template(stack).Resources).filter((r) => r.Type === type);
}

function deadbolt(args: readonly string[]) {
  return run(path.join(project, 'node_modules', '.bin', 'deadbolt'), args, project);
}

/** The exit code, with the output beside it so that a failure shows why. */
function exited(r: { status: number | null; stdout: string; stderr: string }) {
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('each tarball ships its LICENSE and no test code, and every source map it ships has its source', () => {
  for (const p of packed) expect(tarballProblems(p, path.join(project, 'node_modules', p.name))).toEqual([]);
});

test("the README's app compiles with strict and skipLibCheck: false against the installed typings", () => {
  const tsc = run(path.join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], project);
  expect(exited(tsc)).toEqual({ status: 0, output: '' });
}, 180_000);

describe('synthesized with node', () => {
  test('a legacy stack fails synthesis: the checks annotate every finding, the plugin reports them, deadbolt check agrees', () => {
    const r = synth('unsafe', true);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Validation failed/);
    const errors = [
      'backup-cross-account-copy',
      'dynamodb-deletion-protection',
      'dynamodb-point-in-time-recovery',
      'general-deletion-policy',
      'general-update-replace-policy',
      'rds-automated-backups-retained',
      'rds-backup-retention',
      'rds-deletion-protection',
      's3-no-auto-delete-objects',
      's3-versioning',
    ];
    expect(annotated('aws:cdk:error')).toEqual(errors);
    expect(annotated('aws:cdk:warning')).toEqual(
      expect.arrayContaining(['s3-cross-account-replication', 'stack-termination-protection']),
    );

    const report = JSON.parse(fs.readFileSync(path.join(project, 'cdk.out', 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        conclusion: string;
        violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
      }[];
    };
    const plugin = report.pluginReports.find((p) => p.pluginName === 'deadbolt');
    expect(plugin?.conclusion).toBe('failure');
    expect(plugin?.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(errors));
    expect(
      plugin?.violations
        .find((v) => v.ruleName === 'rds-deletion-protection')
        ?.violatingConstructs.map((c) => c.constructPath),
    ).toEqual(['Legacy/Records/Resource']);

    const check = deadbolt(['check', 'cdk.out', '--format', 'json']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(1);
    const findings = (JSON.parse(check.stdout) as { findings: { ruleId: string; severity: string }[] }).findings;
    expect([...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))].sort()).toEqual(errors);
  }, 120_000);

  test('ProtectStatefulResources fixes the same stack without breaking synthesis and reports each change; the checks keep what it cannot fix', () => {
    const r = synth('fixed');
    expect(exited(r)).toEqual({ status: 0, output: expect.any(String) });
    const changes = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      path: string;
      property: string;
      ruleId: string;
      applied: boolean;
    }[];
    expect(changes.filter((c) => c.path === 'Legacy/Records/Resource').map((c) => `${c.property} ${c.ruleId}`)).toEqual(
      expect.arrayContaining([
        'DeletionProtection rds-deletion-protection',
        'DeleteAutomatedBackups rds-automated-backups-retained',
        'BackupRetentionPeriod rds-backup-retention',
      ]),
    );
    // The database's master secret, read with the packed @deadbolt/rules' `databaseOfMasterSecret`.
    expect(
      changes.filter((c) => c.path === 'Legacy/Records/Secret/Resource').map((c) => `${c.property} ${c.ruleId}`),
    ).toEqual(['DeletionPolicy general-deletion-policy', 'UpdateReplacePolicy general-deletion-policy']);
    expect(changes.every((c) => c.applied)).toBe(true);

    const [db] = resourcesOf('Legacy', 'AWS::RDS::DBInstance');
    expect(db).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { DeletionProtection: true, DeleteAutomatedBackups: false },
    });
    const [table] = resourcesOf('Legacy', 'AWS::DynamoDB::Table');
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    });
    const [bucket] = resourcesOf('Legacy', 'AWS::S3::Bucket');
    expect(bucket).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { VersioningConfiguration: { Status: 'Enabled' } },
    });
    expect(resourcesOf('Legacy', 'Custom::S3AutoDeleteObjects')).toEqual([]);

    // Left to the checks: a copy in another account (the fixer cannot create one).
    expect(annotated('aws:cdk:error')).toEqual(['backup-cross-account-copy']);
  }, 120_000);

  test('two accounts built from the safe constructs synthesize with no error, and deadbolt check passes the assembly', () => {
    const r = synth('safe');
    expect(exited(r)).toEqual({ status: 0, output: expect.any(String) });
    expect(annotated('aws:cdk:error')).toEqual([]);
    const [db] = resourcesOf('Workload', 'AWS::RDS::DBInstance');
    expect(db).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { DeletionProtection: true, DeleteAutomatedBackups: false, StorageEncrypted: true },
    });
    expect(resourcesOf('Backup', 'AWS::Backup::BackupVault')[0].Properties).toMatchObject({
      LockConfiguration: { ChangeableForDays: 3, MinRetentionDays: 7 },
    });
    expect(resourcesOf('Workload', 'AWS::Backup::BackupPlan')).toHaveLength(1);

    const check = deadbolt(['check', 'cdk.out']);
    expect(exited(check)).toEqual({
      status: 0,
      output: expect.stringMatching(/^0 errors, \d+ warnings? in 2 templates/m),
    });
  }, 120_000);
});
