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
    expires: '2999-12-31',
  });
  Validations.of(db('Empty')).acknowledge({ id: `deadbolt::${RULE}`, reason: '' });
  Validations.of(db('Placeholder')).acknowledge({ id: `deadbolt::${RULE}`, reason: '<why the risk is accepted>' });
  // A bare rule id: CDK records it as `Annotation::<rule>`, and the CDK plugin honours it too.
  Validations.of(db('Bare')).acknowledge({ id: RULE, reason: 'A read replica; the primary is protected.' });
  app.synth();
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(format: 'json' | 'text') {
  const r = spawnSync(process.execPath, [deadbolt, 'check', 'cdk.out', '--rule', RULE, '--format', format], {
    cwd: tmp,
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
      severity: 'info',
      acknowledged: 'A read replica; the primary is protected.',
    });
  });

  test('the text report says why each acknowledgement was refused', () => {
    const r = check('text');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`the acknowledgement of ${RULE} expired on 2020-01-31.`);
    expect(r.stdout).toMatch(/3 errors, 0 warnings, 2 acknowledged/);
  });
});
