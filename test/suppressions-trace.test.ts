/**
 * The suppressions of a CDK app reach the pipeline: with the real CDK CLI
 * (`cdk synth`, `--ignore-errors`) and `deadbolt check` as processes.
 *
 * - `app.synth({ skipValidation: true })` no longer silences the checks: `cdk
 *   synth` fails on their errors.
 * - `cdk synth --ignore-errors` writes the assembly despite them; `deadbolt
 *   check` fails on the errors the checks recorded, even when its own options
 *   would not have found them (the app raised a rule to error).
 * - `deadbolt check` names the suppressions the app's checks ran with, and their
 *   reasons ("Synthesized with: …"), without applying them.
 *
 * The apps load the compiled packages: run `npx tsc -b` first.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');
const deadbolt = path.join(root, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const cdkCli = path.join(root, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const OFF_REASON = 'Copies are made by the organisation-wide AWS Backup policy.';

/** An app of one stack holding a table; `body` adds the checks and ends the program. */
function appSource(body: string): string {
  const lib = (m: string) => JSON.stringify(require.resolve(m, { paths: [root] }));
  return `
const { App, Stack, Aspects, AspectPriority, RemovalPolicy } = require(${lib('aws-cdk-lib')});
const dynamodb = require(${lib('aws-cdk-lib/aws-dynamodb')});
const { DataProtectionChecks, FindingSeverity } = require(${JSON.stringify(path.join(root, 'packages', 'cdk'))});
const app = new App({ builtinCloudFormationValidation: false });
const stack = new Stack(app, 'Orders', { env: { account: '111111111111', region: 'us-east-1' } });
const table = new dynamodb.CfnTable(stack, 'Table', {
  keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
  attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
  billingMode: 'PAY_PER_REQUEST',
  ...(process.env.SAFE_TABLE ? { deletionProtectionEnabled: true, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } } : {}),
});
if (process.env.SAFE_TABLE) table.applyRemovalPolicy(RemovalPolicy.RETAIN);
${body}
`;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-suppressions-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `cdk synth` on `app.js` in its own directory; the assembly is `<dir>/cdk.out`. */
function cdkSynth(name: string, source: string, args: string[], env: Record<string, string> = {}) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'app.js'), source);
  const r = spawnSync(
    process.execPath,
    [cdkCli, 'synth', '--app', 'node app.js', '--output', 'cdk.out', '--no-notices', '--quiet', ...args],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env, CI: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' } },
  );
  if (r.error) throw r.error;
  return { dir, status: r.status, output: `${r.stdout}${r.stderr}` };
}

function check(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [deadbolt, 'check', 'cdk.out', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return r;
}

const SKIPPING = appSource(`
Aspects.of(app).add(new DataProtectionChecks(), { priority: AspectPriority.READONLY });
app.synth({ skipValidation: true });
`);

const RAISED = appSource(`
Aspects.of(app).add(
  new DataProtectionChecks({
    severities: [
      { ruleId: 'stack-termination-protection', severity: FindingSeverity.ERROR },
      { ruleId: 'backup-cross-account-copy', severity: FindingSeverity.OFF, reason: ${JSON.stringify(OFF_REASON)} },
    ],
  }),
  { priority: AspectPriority.READONLY },
);
`);

const PLUGIN_RAISED = appSource(`
const { Validations } = require(${JSON.stringify(require.resolve('aws-cdk-lib', { paths: [root] }))});
const { DataProtectionPlugin } = require(${JSON.stringify(path.join(root, 'packages', 'cdk'))});
Validations.of(app).addPlugins(
  new DataProtectionPlugin({
    severities: [
      { ruleId: 'stack-termination-protection', severity: FindingSeverity.ERROR },
      { ruleId: 'backup-cross-account-copy', severity: FindingSeverity.OFF, reason: ${JSON.stringify(OFF_REASON)} },
    ],
  }),
);
`);

describe('the CDK CLI and deadbolt check see every suppression', () => {
  test('an app that skips validation still fails cdk synth, and says it was judged anyway', () => {
    const r = cdkSynth('skipping', SKIPPING, []);
    expect(r.output).toMatch(/deadbolt::dynamodb-deletion-protection/);
    expect(r.output).toContain('Deadbolt: validation was skipped (`skipValidation`)');
    expect(r.status).toBe(1);
  }, 120_000);

  test('cdk synth --ignore-errors writes the assembly; deadbolt check fails on the errors it records', () => {
    const synth = cdkSynth('raised', RAISED, ['--ignore-errors'], { SAFE_TABLE: '1' });
    expect(synth.output).toMatch(/deadbolt::stack-termination-protection/);
    expect(synth.status).toBe(0);

    // With the app's own suppression applied here, this check finds only a warning: the recorded error fails it.
    const r = check(synth.dir, '--severity', 'backup-cross-account-copy=off', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(
      report.findings
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { ruleId: string; path: string; message: string }) => [f.ruleId, f.path, f.message]),
    ).toEqual([
      [
        'stack-termination-protection',
        'Orders',
        expect.stringMatching(
          /^The Deadbolt checks recorded this error at synthesis, and the cloud assembly was written despite it \(`cdk synth --ignore-errors`\): Stacks that hold data have termination protection on\./,
        ),
      ],
    ]);
    expect(report.synthesizedWith).toEqual([
      {
        checker: 'DataProtectionChecks',
        stacks: ['Orders'],
        suppressions: [`rule backup-cross-account-copy is off (reason: ${OFF_REASON})`],
        options: expect.objectContaining({ minimumBackupRetentionDays: 7 }),
      },
    ]);

    // This check's own options decide: the rule off here drops the recorded error too.
    expect(
      check(synth.dir, '--severity', 'backup-cross-account-copy=off', '--severity', 'stack-termination-protection=off')
        .status,
    ).toBe(0);
  }, 120_000);

  test("the text summary names the app's suppressions with their reasons, not applied", () => {
    const dir = path.join(tmp, 'raised');
    const r = check(dir);
    // Not applied: the rule the app turned off is judged here, and fails.
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/error\s+backup-cross-account-copy/);
    expect(r.stdout).toContain(
      `Synthesized with: DataProtectionChecks (1 stack): rule backup-cross-account-copy is off (reason: ${OFF_REASON}). ` +
        'Not applied here: deadbolt check judges with its own options (--severity RULE=off, --min-retention DAYS, --non-production).',
    );
  });

  test("the plugin's errors and options, in the validation report of an assembly written despite them, count too", () => {
    const synth = cdkSynth('plugin', PLUGIN_RAISED, ['--ignore-errors'], { SAFE_TABLE: '1' });
    expect(synth.output).toMatch(/deadbolt::stack-termination-protection/);
    expect(synth.status).toBe(0);
    const r = check(synth.dir, '--severity', 'backup-cross-account-copy=off', '--format', 'json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(
      report.findings
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { ruleId: string; path: string }) => [f.ruleId, f.path]),
    ).toEqual([['stack-termination-protection', 'Orders']]);
    expect(report.synthesizedWith).toEqual([
      expect.objectContaining({
        checker: 'DataProtectionPlugin',
        stacks: ['validation-report.json'],
        suppressions: [`rule backup-cross-account-copy is off (reason: ${OFF_REASON})`],
      }),
    ]);
  }, 120_000);
});
