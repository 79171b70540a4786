import { BREAK_GLASS_ENV, BreakGlassError, decideBreakGlass, parseBreakGlass, type BreakGlassTarget } from '../../src';

const URN = 'urn:pulumi:prod::shop::deadbolt:rds:SafeDatabase$aws:rds/instance:Instance::orders-db';
const TARGET: BreakGlassTarget = { urn: URN, name: 'orders-db' };
/** A fixed clock: Friday 1 May 2026, 10:00 UTC. */
const NOW = new Date('2026-05-01T10:00:00Z');

function env(entries: unknown): string {
  return JSON.stringify(entries);
}
const entry = (over: Record<string, unknown> = {}) => ({
  resource: URN,
  reason: 'Orders moved to the new cluster in CHG-1234.',
  expires: '2026-05-03',
  ...over,
});

describe('decideBreakGlass', () => {
  test('no variable: refused, with nothing to report', () => {
    expect(decideBreakGlass(TARGET, undefined, NOW)).toEqual({ allowed: false, refusals: [] });
    expect(decideBreakGlass(TARGET, '  ', NOW)).toEqual({ allowed: false, refusals: [] });
  });

  test('a valid entry naming the URN allows the delete', () => {
    const d = decideBreakGlass(TARGET, env([entry()]), NOW);
    expect(d.allowed).toBe(true);
    expect(d.entry).toEqual(entry());
  });

  test('an entry naming only the resource name is refused: names are shared across components and stacks', () => {
    const d = decideBreakGlass(TARGET, env([entry({ resource: 'orders-db' })]), NOW);
    expect(d).toEqual({
      allowed: false,
      refusals: [
        `The entry for \`orders-db\` names the resource by its name, which other resources (in other components or stacks) may share; name it by its URN: \`${URN}\`.`,
      ],
    });
  });

  test('an entry for another resource does not count', () => {
    expect(decideBreakGlass(TARGET, env([entry({ resource: 'orders-key' })]), NOW)).toEqual({
      allowed: false,
      refusals: [],
    });
  });

  test('an entry without a reason is refused, saying why', () => {
    for (const reason of [undefined, '', '   ', '<why losing this data is accepted>', 'TODO']) {
      const d = decideBreakGlass(TARGET, env([entry({ reason })]), NOW);
      expect(d.allowed).toBe(false);
      expect(d.refusals).toEqual([
        `the break-glass entry for \`${URN}\` has no \`reason\`; write why losing the resource and its data is accepted (a placeholder such as \`<why …>\` or \`TODO\` is not a reason).`,
      ]);
    }
  });

  test('an expired entry is refused, saying when it expired', () => {
    const d = decideBreakGlass(TARGET, env([entry({ expires: '2026-04-30' })]), NOW);
    expect(d).toEqual({ allowed: false, refusals: [`the break-glass entry for \`${URN}\` expired on 2026-04-30.`] });
    expect(decideBreakGlass(TARGET, env([entry({ expires: '2026-05-01T09:59:59Z' })]), NOW).allowed).toBe(false);
  });

  test('a date is valid through that whole day (UTC), as in `deadbolt approve`', () => {
    expect(decideBreakGlass(TARGET, env([entry({ expires: '2026-05-01' })]), NOW).allowed).toBe(true);
  });

  test('an entry expiring more than 7 days ahead is refused', () => {
    const d = decideBreakGlass(TARGET, env([entry({ expires: '2026-05-09' })]), NOW);
    expect(d.allowed).toBe(false);
    expect(d.refusals[0]).toBe(
      `the break-glass entry for \`${URN}\` expires on 2026-05-09, more than 7 days ahead; break glass is for one operation: use a date no later than 2026-05-08.`,
    );
    expect(decideBreakGlass(TARGET, env([entry({ expires: '2026-05-08T10:00:01Z' })]), NOW).allowed).toBe(false);
  });

  test('exactly 7 days ahead is accepted', () => {
    expect(decideBreakGlass(TARGET, env([entry({ expires: '2026-05-08' })]), NOW).allowed).toBe(true);
    expect(decideBreakGlass(TARGET, env([entry({ expires: '2026-05-08T10:00:00Z' })]), NOW).allowed).toBe(true);
  });

  test('an expiry that is not a date is refused', () => {
    for (const expires of [undefined, 'next week', 20260503]) {
      const d = decideBreakGlass(TARGET, env([entry({ expires })]), NOW);
      expect(d.allowed).toBe(false);
      expect(d.refusals[0]).toMatch(/has `expires` .*, which is not a date; use a date such as 2026-05-02\.$/);
    }
  });

  test('a bad entry does not hide a good one for the same resource, and is still reported', () => {
    const d = decideBreakGlass(TARGET, env([entry({ reason: '' }), entry()]), NOW);
    expect(d.allowed).toBe(true);
    expect(d.refusals).toHaveLength(1);
  });

  test.each([
    ['not JSON', '[{resource: orders-db}]', 'is not valid JSON'],
    [
      'an object, not a list',
      env(entry()),
      'must be a JSON list of `{ "resource", "reason", "expires" }` entries, got object.',
    ],
    ['an entry that is not an object', env(['orders-db']), 'entry 0 is not an object.'],
    ['an entry without a resource', env([entry({ resource: '' })]), 'entry 0 has no `resource`'],
  ])('malformed input (%s) refuses every delete', (_what, text, message) => {
    const d = decideBreakGlass(TARGET, text, NOW);
    expect(d.allowed).toBe(false);
    expect(d.refusals).toHaveLength(1);
    expect(d.refusals[0]).toContain(`\`${BREAK_GLASS_ENV}\``);
    expect(d.refusals[0]).toContain(message);
    expect(d.refusals[0]).toContain('Every delete is refused until it is fixed.');
  });
});

describe('parseBreakGlass', () => {
  test('reads entries and trims the resource', () => {
    expect(parseBreakGlass(env([{ resource: ' orders-db ', reason: 'r', expires: '2026-05-02' }]))).toEqual([
      { resource: 'orders-db', reason: 'r', expires: '2026-05-02' },
    ]);
  });

  test('throws BreakGlassError for malformed text', () => {
    expect(() => parseBreakGlass('{')).toThrow(BreakGlassError);
  });
});
