/**
 * `deadbolt approve`, run as the built binary: entries for exactly the blocked
 * change, signing with the secret, and the round trip through
 * `deadbolt plan --approvals --require-signed`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deadbolt, requireBuiltBinary } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', 'rules', 'src', 'gate', 'fixtures');
const SECRET = 'test-secret-held-by-humans-0123456789';
let tmp: string;

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-approve-'));
  for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(tmp, f));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(args: readonly string[], env: Record<string, string | undefined> = {}) {
  return deadbolt(args, { cwd: tmp, env: { DEADBOLT_APPROVAL_SECRET: undefined, ...env } });
}

const DB = [
  '--address',
  'aws_db_instance.orders',
  '--action',
  'delete',
  '--reason',
  'Decommissioned (OPS-1234).',
  '--expires',
  '2099-12-31',
];

describe('deadbolt approve', () => {
  test('prints an unsigned approval file of the named change', () => {
    const r = run(['approve', 'terraform-destroy.json', ...DB, '--by', 'alice']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      approvals: [
        {
          address: 'aws_db_instance.orders',
          action: 'delete',
          reason: 'Decommissioned (OPS-1234).',
          expires: '2099-12-31',
          approvedBy: 'alice',
        },
      ],
    });
  });

  test('--sign without the secret exits 2: an agent without it cannot sign', () => {
    const r = run(['approve', 'terraform-destroy.json', ...DB, '--sign']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/`--sign` needs the signing secret, but `DEADBOLT_APPROVAL_SECRET` is not set/);
  });

  test('signed approvals written with --out pass `plan --require-signed`; each covers only its change', () => {
    const out = 'signed.json';
    expect(
      run(['approve', 'terraform-destroy.json', ...DB, '--sign', '--out', out], { DEADBOLT_APPROVAL_SECRET: SECRET })
        .status,
    ).toBe(0);
    const file = JSON.parse(fs.readFileSync(path.join(tmp, out), 'utf8'));
    expect(file.approvals[0].signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    // The bucket is still blocked.
    expect(
      run(['plan', 'terraform-destroy.json', '--approvals', out, '--require-signed'], {
        DEADBOLT_APPROVAL_SECRET: SECRET,
      }).status,
    ).toBe(1);
    const r = run(
      [
        'approve',
        'terraform-destroy.json',
        '--address',
        'aws_s3_bucket.invoices',
        '--action',
        'delete',
        '--reason',
        'Invoices archived to Glacier.',
        '--expires',
        '2099-12-31',
        '--sign',
        '--out',
        out,
      ],
      { DEADBOLT_APPROVAL_SECRET: SECRET },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /approved delete of `aws_s3_bucket\.invoices` until 2099-12-31 \(signed\) in signed\.json/,
    );
    expect(JSON.parse(fs.readFileSync(path.join(tmp, out), 'utf8')).approvals).toHaveLength(2);
    expect(
      run(['plan', 'terraform-destroy.json', '--approvals', out, '--require-signed'], {
        DEADBOLT_APPROVAL_SECRET: SECRET,
      }).status,
    ).toBe(0);
    // Another secret does not verify them.
    expect(
      run(['plan', 'terraform-destroy.json', '--approvals', out, '--require-signed'], {
        DEADBOLT_APPROVAL_SECRET: 'another-secret-0123456789abcdef',
      }).status,
    ).toBe(1);
  });

  test('a signature made for one plan does not cover a different change behind the same address', () => {
    const out = 'other-db.json';
    expect(
      run(['approve', 'terraform-destroy.json', ...DB, '--sign', '--out', out], { DEADBOLT_APPROVAL_SECRET: SECRET })
        .status,
    ).toBe(0);
    const plan = JSON.parse(fs.readFileSync(path.join(tmp, 'terraform-destroy.json'), 'utf8'));
    plan.resource_changes[0].change.before.arn = 'arn:aws:rds:eu-west-1:111111111111:db:orders-other';
    fs.writeFileSync(path.join(tmp, 'other-plan.json'), JSON.stringify(plan));
    const r = run(['plan', 'other-plan.json', '--approvals', out, '--require-signed', '--format', 'json'], {
      DEADBOLT_APPROVAL_SECRET: SECRET,
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.blocked[0].refusals[0]).toMatch(/signed for a different change/);
  });

  test('approves several addresses at once and a lowered protection as `update`', () => {
    const r = run([
      'approve',
      'terraform-protection.json',
      '--address',
      'aws_db_instance.orders,aws_kms_key.data',
      '--action',
      'update',
      '--reason',
      'Migration window.',
      '--expires',
      '2099-01-31',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).approvals.map((a: { address: string }) => a.address)).toEqual([
      'aws_db_instance.orders',
      'aws_kms_key.data',
    ]);
  });

  test.each([
    [
      [
        'approve',
        'terraform-destroy.json',
        '--address',
        'aws_lambda_function.api',
        '--action',
        'delete',
        '--reason',
        'r',
        '--expires',
        '2099-01-01',
      ],
      /the delete of `aws_lambda_function\.api` is not blocked; there is nothing to approve/,
    ],
    [
      [
        'approve',
        'terraform-destroy.json',
        '--address',
        'aws_db_instance.orders',
        '--action',
        'replace',
        '--reason',
        'r',
        '--expires',
        '2099-01-01',
      ],
      /is blocked as delete, not replace/,
    ],
    [
      [
        'approve',
        'terraform-destroy.json',
        '--address',
        'aws_db_instance.nope',
        '--action',
        'delete',
        '--reason',
        'r',
        '--expires',
        '2099-01-01',
      ],
      /has no change at `aws_db_instance\.nope`/,
    ],
    [['approve', 'terraform-destroy.json', ...DB.slice(0, 6), '--expires', '2020-01-01'], /is in the past/],
    [['approve', 'terraform-destroy.json', ...DB.slice(0, 6), '--expires', 'soon'], /must be a date/],
    [
      [
        'approve',
        'terraform-destroy.json',
        '--address',
        'aws_db_instance.orders',
        '--action',
        'delete',
        '--expires',
        '2099-01-01',
      ],
      /write why losing the data is accepted/,
    ],
    [
      [
        'approve',
        'terraform-destroy.json',
        '--address',
        'aws_db_instance.orders',
        '--action',
        'delete',
        '--reason',
        '<why losing this data is accepted>',
        '--expires',
        '2099-01-01',
      ],
      /a placeholder such as `<why …>` or `TODO` is not a reason/,
    ],
    [
      [
        'approve',
        'terraform-destroy.json',
        '--address',
        'aws_db_instance.orders',
        '--action',
        'nuke',
        '--reason',
        'r',
        '--expires',
        '2099-01-01',
      ],
      /`--action` must be delete, replace, update, protect-off/,
    ],
    [
      ['approve', '--address', 'x', '--action', 'delete', '--reason', 'r', '--expires', '2099-01-01'],
      /name the plan FILE/,
    ],
    [['approve', 'terraform-errored.json', ...DB], /errored/],
  ])('%j exits 2', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('approves a replacement in a template diff', () => {
    const r = run([
      'approve',
      '--before',
      'template-before.json',
      '--after',
      'template-after-unsafe.json',
      '--address',
      'SessionsTable',
      '--action',
      'replace',
      '--reason',
      'New key schema; data re-imported from S3.',
      '--expires',
      '2099-01-31',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).approvals[0]).toMatchObject({ address: 'SessionsTable', action: 'replace' });
  });
});
