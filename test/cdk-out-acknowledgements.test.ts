/**
 * Acknowledgements made in a CDK app reach `deadbolt check cdk.out` with
 * everything the CDK validation plugin checks: the expiry that
 * `DataProtectionAcknowledgement.add` records and the reason that
 * `Validations.of(...).acknowledge` records. An expired acknowledgement, or one
 * whose reason is empty or a placeholder, is refused and the finding stays an
 * error. The app is synthesized with the real aws-cdk-lib; the CLI runs as a process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { DataProtectionAcknowledgement } from '@deadbolt/cdk';

const deadbolt = path.join(__dirname, '..', 'packages', 'cli', 'lib', 'src', 'bin', 'deadbolt.js');
const RULE = 'rds-deletion-protection';

let tmp: string;

/** GIVEN one stack whose databases are each acknowledged differently, synthesized to tmp/cdk.out. */
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-cdk-acks-'));
  const app = new App({ outdir: path.join(tmp, 'cdk.out'), builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Data', { terminationProtection: true });
  const db = (id: string) => new CfnDBInstance(stack, id, { engine: 'postgres', dbInstanceClass: 'db.t3.micro' });
  DataProtectionAcknowledgement.add(db('Expired'), {
    ruleId: RULE,
    reason: 'Scratch copy until the migration.',
    expires: '2020-01-31',
  });
  DataProtectionAcknowledgement.add(db('Current'), {
    ruleId: RULE,
    reason: 'Rebuilt from fixtures every night.',
    expires: inDays(30),
  });
  // Further ahead than the maximum (90 days unless `--max-acknowledgement-days` says otherwise).
  DataProtectionAcknowledgement.add(db('Distant'), {
    ruleId: RULE,
    reason: 'Rebuilt from fixtures every night.',
    expires: '2999-12-31',
  });
  Validations.of(db('Empty')).acknowledge({ id: `deadbolt::${RULE}`, reason: '' });
  Validations.of(db('Placeholder')).acknowledge({ id: `deadbolt::${RULE}`, reason: '<why the risk is accepted>' });
  // A rule id without `deadbolt::`: CDK records it as `Annotation::<rule>`, which neither CDK front end accepts.
  Validations.of(db('Bare')).acknowledge({ id: RULE, reason: 'A read replica; the primary is protected.' });
  app.synth();
});

/** `YYYY-MM-DD`, `days` from today (UTC). */
function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(format: 'json' | 'text', extra: string[] = [], cwd = tmp) {
  const r = spawnSync(process.execPath, [deadbolt, 'check', 'cdk.out', '--rule', RULE, '--format', format, ...extra], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return r;
}

describe('deadbolt check cdk.out: CDK acknowledgements', () => {
  test('an expired or unreasoned acknowledgement is refused and stays an error; the rest are honoured', () => {
    const r = check('json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const findings = (
      JSON.parse(r.stdout) as {
        findings: Array<{
          path: string;
          severity: string;
          acknowledged: string | null;
          acknowledgementRefused: string | null;
        }>;
      }
    ).findings;
    const byPath = Object.fromEntries(findings.map((f) => [f.path, f]));
    expect(byPath['Data/Expired']).toMatchObject({
      severity: 'error',
      acknowledged: null,
      acknowledgementRefused: `the acknowledgement of ${RULE} expired on 2020-01-31.`,
    });
    for (const p of ['Data/Empty', 'Data/Placeholder']) {
      expect(byPath[p]).toMatchObject({
        severity: 'error',
        acknowledged: null,
        acknowledgementRefused: expect.stringMatching(
          /^the acknowledgement of rds-deletion-protection at Data\/\w+ has no reason/,
        ),
      });
    }
    expect(byPath['Data/Current']).toMatchObject({
      severity: 'info',
      acknowledged: 'Rebuilt from fixtures every night.',
    });
    expect(byPath['Data/Bare']).toMatchObject({
      severity: 'error',
      acknowledged: null,
      acknowledgementRefused: expect.stringContaining(`write \`{ id: 'deadbolt::${RULE}', reason: '…' }\``),
    });
    expect(byPath['Data/Distant']).toMatchObject({
      severity: 'error',
      acknowledged: null,
      acknowledgementRefused: expect.stringMatching(
        /expires on 2999-12-31, more than 90 days ahead, the maximum \(`--max-acknowledgement-days`\)/,
      ),
    });
  });

  test('`--max-acknowledgement-days` raises the maximum, up to 365 days', () => {
    const r = check('json', ['--max-acknowledgement-days', '365']);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ path: string; acknowledgementRefused: string }> })
      .findings;
    expect(findings.find((f) => f.path === 'Data/Distant')?.acknowledgementRefused).toMatch(/more than 365 days/);
    const bad = check('json', ['--max-acknowledgement-days', '400']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('`--max-acknowledgement-days` must be a whole number of days from 1 to 365; got 400.');
  });

  test('an acknowledgement of a rule id the catalogue does not have is refused (exit 2), with the closest id', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'unknown-'));
    const app = new App({ outdir: path.join(dir, 'cdk.out'), builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Data', { terminationProtection: true });
    const db = new CfnDBInstance(stack, 'Db', { engine: 'postgres', dbInstanceClass: 'db.t3.micro' });
    Validations.of(db).acknowledge({ id: 'deadbolt::rds-deletion-protectoin', reason: 'A read replica.' });
    app.synth();
    const r = check('json', [], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'cdk.out: Data/Db: `deadbolt::rds-deletion-protectoin` names an unknown rule id "rds-deletion-protectoin"; did you mean `deadbolt::rds-deletion-protection`?',
    );
  });

  test('the text report says why each acknowledgement was refused', () => {
    const r = check('text');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`the acknowledgement of ${RULE} expired on 2020-01-31.`);
    expect(r.stdout).toMatch(/5 errors, 0 warnings, 1 acknowledged/);
    expect(r.stdout).toContain(
      `Acknowledged at Data/Current: Rebuilt from fixtures every night. (until ${inDays(30)})`,
    );
  });
});
