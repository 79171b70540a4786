/**
 * The two-account example: an app built only from Deadbolt's safe constructs
 * synthesizes with no Deadbolt error, and `deadbolt check` passes on its cloud assembly.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const example = path.join(root, 'examples', 'cdk-two-account');
const deadbolt = path.join(root, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');

/** Runs the compiled example app the way the CDK CLI does (CDK_OUTDIR), returning its cloud assembly. */
function synth(): { outdir: string; errors: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-two-account-'));
  const r = spawnSync(process.execPath, [path.join(example, 'lib', 'src', 'app.js')], {
    cwd: example,
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(JSON.parse(fs.readFileSync(path.join(example, 'cdk.json'), 'utf8')).context),
    },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const manifest = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.metadata.json'))
    .map((f) => fs.readFileSync(path.join(outdir, f), 'utf8'))
    .join('\n');
  const errors = [...manifest.matchAll(/\(deadbolt::([a-z0-9-]+)\)/g)].map((m) => m[1]);
  return { outdir, errors };
}

describe('examples/cdk-two-account', () => {
  // One synthesis (it takes seconds) for both tests.
  let assembly: { outdir: string; errors: string[] };
  beforeAll(() => {
    assembly = synth();
  });

  test('synthesizes both accounts with no Deadbolt error, and deadbolt check exits 0', () => {
    const { outdir, errors } = assembly;
    expect(errors).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.Workload.environment).toBe('aws://111111111111/us-east-1');
    expect(manifest.artifacts.BackupAccount.environment).toBe('aws://222222222222/us-east-1');

    const r = spawnSync(process.execPath, [deadbolt, 'check', outdir, '--format', 'json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const findings = JSON.parse(r.stdout).findings as {
      ruleId: string;
      severity: string;
      resource: { path?: string };
    }[];
    // What is left is the README's: the opted-out session table (acknowledged) and the bucket's missing replication (a warning).
    expect(findings.map((f) => [f.ruleId, f.severity]).sort()).toEqual([
      ['backup-cross-account-copy', 'info'],
      ['s3-cross-account-replication', 'warning'],
    ]);
  });

  test('every database, table and file system is selected by the plan that copies to the backup account', () => {
    const { outdir } = assembly;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Workload.template.json'), 'utf8'));
    const resources = Object.values(template.Resources) as { Type: string; Properties: Record<string, any> }[];
    const [plan] = resources.filter((r) => r.Type === 'AWS::Backup::BackupPlan');
    expect(plan.Properties.BackupPlan.BackupPlanRule[0].CopyActions[0].DestinationBackupVaultArn).toBe(
      'arn:aws:backup:us-east-1:222222222222:backup-vault:central',
    );
    const [selection] = resources.filter((r) => r.Type === 'AWS::Backup::BackupSelection');
    expect(selection.Properties.BackupSelection.Resources).toHaveLength(4); // Orders, Ledger, Carts, Files
  });
});
