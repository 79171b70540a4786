/**
 * The example users copy: the unsafe app's synthesis carries every finding the
 * README promises, `deadbolt check` fails on it, and the fixed app passes both.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const example = path.join(root, 'examples', 'cdk-unsafe-legacy');
const deadbolt = path.join(root, 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');

/** Runs a compiled example app the way the CDK CLI does (CDK_OUTDIR), returning its cloud assembly. */
function synth(app: string): { outdir: string; errors: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-example-'));
  const r = spawnSync(process.execPath, [path.join(example, 'lib', 'src', app)], {
    cwd: example,
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(JSON.parse(fs.readFileSync(path.join(example, 'cdk.json'), 'utf8')).context),
    },
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  const manifest = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.metadata.json'))
    .map((f) => fs.readFileSync(path.join(outdir, f), 'utf8'))
    .join('\n');
  const errors = [...manifest.matchAll(/\(deadbolt::([a-z0-9-]+)\)/g)].map((m) => m[1]);
  return { outdir, errors };
}

function check(outdir: string) {
  return spawnSync(process.execPath, [deadbolt, 'check', outdir, '--format', 'json'], { encoding: 'utf8' });
}

describe('examples/cdk-unsafe-legacy', () => {
  test('the legacy app fails with the hazards the README lists', () => {
    const { outdir, errors } = synth('unsafe-app.js');
    expect(new Set(errors)).toEqual(
      new Set([
        'rds-deletion-protection',
        'rds-automated-backups-retained',
        'rds-backup-retention',
        'general-deletion-policy',
        'general-update-replace-policy',
        'dynamodb-deletion-protection',
        'dynamodb-point-in-time-recovery',
        's3-versioning',
        's3-no-auto-delete-objects',
        'kms-key-deletion-window',
        'backup-vault-compliance-lock',
        'backup-plan-copy-destination',
        'backup-cross-account-copy',
      ]),
    );
    const r = check(outdir);
    expect(r.status).toBe(1);
    const ids = new Set(
      (JSON.parse(r.stdout).findings as { ruleId: string; severity: string }[])
        .filter((f) => f.severity === 'error')
        .map((f) => f.ruleId),
    );
    expect(ids).toEqual(new Set(errors));
  });

  test('the fixed app has no errors, at synth and in deadbolt check', () => {
    const { outdir, errors } = synth('fixed-app.js');
    expect(errors).toEqual([]);
    const r = check(outdir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
