import { InputError } from '../dialects/errors';
import {
  applyApprovals,
  canonicalApproval,
  canonicalJson,
  createApproval,
  formatApprovals,
  mergeApprovals,
  parseApprovals,
  signApproval,
  verifyApproval,
  approvalSubject,
  type Approval,
} from './approvals';
import { classifyChanges, type Decision } from './classify';
import { readTerraformPlan } from './terraform-plan';
import { terraformPlan, tfChange } from './testing';

const SECRET = 'a-secret-only-humans-hold-0123456789';
const NOW = new Date('2026-11-20T12:00:00Z');
const DB = { identifier: 'orders', arn: 'arn:aws:rds:eu-west-1:111111111111:db:orders', deletion_protection: false };

function decisions(changes: unknown[]): Decision[] {
  return classifyChanges(readTerraformPlan(terraformPlan(changes)).changes);
}
const deleteDb = (arn = DB.arn) => tfChange('aws_db_instance', 'orders', ['delete'], { ...DB, arn }, null);
const deleteBucket = tfChange(
  'aws_s3_bucket',
  'invoices',
  ['delete'],
  { bucket: 'invoices', arn: 'arn:aws:s3:::invoices' },
  null,
);

function approval(extra: Partial<Approval> = {}): Approval {
  return {
    address: 'aws_db_instance.orders',
    action: 'delete',
    reason: 'Decommissioned; final snapshot taken (OPS-1234).',
    expires: '2026-12-31',
    ...extra,
  };
}

describe('approvals: matching', () => {
  test('an approval of exactly the address and action lets that change through; the other delete still blocks', () => {
    const r = applyApprovals(decisions([deleteDb(), deleteBucket]), { approvals: [approval()], now: NOW });
    expect(r.approved.map((a) => a.change.address)).toEqual(['aws_db_instance.orders']);
    expect(r.approved[0].signatureCheck).toBe('unsigned');
    expect(r.blocked.map((b) => b.change.address)).toEqual(['aws_s3_bucket.invoices']);
  });

  test('an approval for another action does not count, and says why', () => {
    const r = applyApprovals(decisions([deleteDb()]), { approvals: [approval({ action: 'replace' })], now: NOW });
    expect(r.approved).toEqual([]);
    expect(r.blocked[0].refusals).toEqual([
      'an approval names `aws_db_instance.orders` with action replace, but the change is delete.',
    ]);
  });

  test('an approval for another address is unused', () => {
    const r = applyApprovals(decisions([deleteDb()]), {
      approvals: [approval({ address: 'aws_db_instance.other' })],
      now: NOW,
    });
    expect(r.blocked).toHaveLength(1);
    expect(r.unusedApprovals.map((a) => a.address)).toEqual(['aws_db_instance.other']);
  });

  test('an expired approval does not count: a date is valid through that day (UTC)', () => {
    const onTheDay = applyApprovals(decisions([deleteDb()]), {
      approvals: [approval({ expires: '2026-11-20' })],
      now: NOW,
    });
    expect(onTheDay.approved).toHaveLength(1);
    const after = applyApprovals(decisions([deleteDb()]), {
      approvals: [approval({ expires: '2026-11-19' })],
      now: NOW,
    });
    expect(after.blocked[0].refusals).toEqual([
      'the approval of delete `aws_db_instance.orders` expired on 2026-11-19.',
    ]);
    const timestamp = applyApprovals(decisions([deleteDb()]), {
      approvals: [approval({ expires: '2026-11-20T11:59:00Z' })],
      now: NOW,
    });
    expect(timestamp.blocked).toHaveLength(1);
  });
});

describe('approvals: signatures', () => {
  test('a signed approval is verified with the secret', () => {
    const [d] = decisions([deleteDb()]);
    const signed = createApproval(d, { reason: 'Decommissioned.', expires: '2026-12-31', approvedBy: 'alice' }, SECRET);
    expect(signed.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const r = applyApprovals([d], { approvals: [signed], now: NOW, secret: SECRET, requireSigned: true });
    expect(r.approved[0].signatureCheck).toBe('verified');
  });

  test('--require-signed refuses an unsigned approval', () => {
    const r = applyApprovals(decisions([deleteDb()]), {
      approvals: [approval()],
      now: NOW,
      secret: SECRET,
      requireSigned: true,
    });
    expect(r.blocked[0].refusals).toEqual([
      'the approval of delete `aws_db_instance.orders` is not signed, and signed approvals are required (`--require-signed`).',
    ]);
  });

  test('a signature made for a different change (another database behind the same address) does not count', () => {
    const [old] = decisions([deleteDb('arn:aws:rds:eu-west-1:111111111111:db:orders-old')]);
    const signed = createApproval(old, { reason: 'Drop the old one.', expires: '2026-12-31' }, SECRET);
    const r = applyApprovals(decisions([deleteDb()]), {
      approvals: [signed],
      now: NOW,
      secret: SECRET,
      requireSigned: true,
    });
    expect(r.blocked[0].refusals[0]).toMatch(
      /signature that does not match this change: it was signed for a different change/,
    );
  });

  test('editing a signed entry (a later expiry) breaks its signature', () => {
    const [d] = decisions([deleteDb()]);
    const signed = createApproval(d, { reason: 'Decommissioned.', expires: '2026-11-30' }, SECRET);
    expect(verifyApproval(d, { ...signed, expires: '2027-11-30' }, SECRET)).toBe(false);
    expect(verifyApproval(d, { ...signed, reason: 'other' }, SECRET)).toBe(false);
    expect(verifyApproval(d, signed, 'another-secret-0123456789')).toBe(false);
    expect(verifyApproval(d, signed, SECRET)).toBe(true);
  });

  test('a signature covers the lowered values: approving deletion protection off does not cover retention cut to 1', () => {
    const before = { ...DB, deletion_protection: true, backup_retention_period: 14 };
    const [offOnly] = decisions([
      tfChange('aws_db_instance', 'orders', ['update'], before, { ...before, deletion_protection: false }),
    ]);
    const signed = createApproval(offOnly, { reason: 'Migration window.', expires: '2026-12-31' }, SECRET);
    const [both] = decisions([
      tfChange('aws_db_instance', 'orders', ['update'], before, {
        ...before,
        deletion_protection: false,
        backup_retention_period: 1,
      }),
    ]);
    expect(verifyApproval(both, signed, SECRET)).toBe(false);
  });

  test('signed entries are verified even without --require-signed when the secret is there; without it they count unverified', () => {
    const [d] = decisions([deleteDb()]);
    const forged = { ...approval(), signature: `hmac-sha256:${'0'.repeat(64)}` };
    expect(applyApprovals([d], { approvals: [forged], now: NOW, secret: SECRET }).blocked).toHaveLength(1);
    expect(applyApprovals([d], { approvals: [forged], now: NOW }).approved[0].signatureCheck).toBe(
      'not verified (no secret)',
    );
  });

  test('signing needs a secret of at least 16 characters', () => {
    const [d] = decisions([deleteDb()]);
    expect(() => signApproval(d, approval(), 'short')).toThrow(/shorter than 16 characters/);
  });

  test('the canonical form is stable JSON with sorted keys, over the change and the entry', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const [d] = decisions([deleteDb()]);
    expect(approvalSubject(d)).toEqual({
      address: 'aws_db_instance.orders',
      action: 'delete',
      source: 'terraform-plan',
      providerType: 'aws_db_instance',
      type: 'AWS::RDS::DBInstance',
      identity: DB.arn,
      lowered: [],
    });
    expect(canonicalApproval(approvalSubject(d), approval())).toBe(
      'deadbolt-approval/v1\n{"approvedBy":null,"change":{"action":"delete","address":"aws_db_instance.orders","identity":"arn:aws:rds:eu-west-1:111111111111:db:orders","lowered":[],"providerType":"aws_db_instance","source":"terraform-plan","type":"AWS::RDS::DBInstance"},"expires":"2026-12-31","reason":"Decommissioned; final snapshot taken (OPS-1234)."}',
    );
  });
});

describe('approvals: the file', () => {
  test('parses, formats and merges (same address and action replaced)', () => {
    const list = parseApprovals({ approvals: [approval(), approval({ address: 'b', action: 'replace' })] });
    expect(parseApprovals(JSON.parse(formatApprovals(list)))).toEqual(list);
    const merged = mergeApprovals(list, [approval({ reason: 'new reason' })]);
    expect(merged).toHaveLength(2);
    expect(merged[0].reason).toBe('new reason');
  });

  test.each([
    ['not an object with approvals', [], /must be an object with an `approvals` list/],
    ['no address', { approvals: [{ action: 'delete', reason: 'r', expires: '2026-01-01' }] }, /has no `address`/],
    [
      'an unknown action',
      { approvals: [approval({ action: 'destroy' as never })] },
      /action "destroy"; use delete, replace, update, protect-off/,
    ],
    ['no reason', { approvals: [approval({ reason: ' ' })] }, /has no `reason`/],
    ['an expiry that is not a date', { approvals: [approval({ expires: 'next week' })] }, /`expires` "next week"/],
    ['no expiry', { approvals: [{ address: 'a', action: 'delete', reason: 'r' }] }, /`expires` null/],
    [
      'a malformed signature',
      { approvals: [approval({ signature: 'sha1:abc' })] },
      /not `hmac-sha256:<64 hex digits>`/,
    ],
  ])('refuses %s', (_name, doc, message) => {
    expect(() => parseApprovals(doc, 'approvals.json')).toThrow(InputError);
    expect(() => parseApprovals(doc, 'approvals.json')).toThrow(message);
  });
});
