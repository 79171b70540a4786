import fc from 'fast-check';
import { globMatches } from './glob';

/** The regular expression the matcher replaced: right, but exponential on runs of `*`. Only for short inputs. */
function byRegExp(pattern: string, value: string): boolean {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`).test(value);
}

describe('globMatches', () => {
  test.each<[string, string, boolean]>([
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'a', false],
    ['arn:aws:rds:*:111111111111:db:*', 'arn:aws:rds:us-east-1:111111111111:db:orders', true],
    ['arn:aws:rds:*:111111111111:db:*', 'arn:aws:rds:us-east-1:222222222222:db:orders', false],
    ['arn:aws:dynamodb:*:*:table/orders-?', 'arn:aws:dynamodb:eu-west-1:1:table/orders-1', true],
    ['arn:aws:dynamodb:*:*:table/orders-?', 'arn:aws:dynamodb:eu-west-1:1:table/orders-12', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYcZc', true],
    ['a*b*c', 'acb', false],
    ['***x', 'yyyx', true],
    ['*.*', 'a.b', true],
    ['(a+)+$', '(a+)+$', true],
    ['a.c', 'abc', false],
  ])('%j against %j is %s', (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });

  test('agrees with the regular expression on short patterns (fast-check, fixed seed)', () => {
    const chars = fc.constantFrom('a', 'b', '*', '?', ':');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: chars, maxLength: 10 }), (p, v) => {
        expect(globMatches(p, v)).toBe(byRegExp(p, v));
      }),
      { seed: 20261301, numRuns: 2000 },
    );
  });

  test('a run of 10,000 stars, or 500 star-separated letters, against a long ARN: well under 100 ms', () => {
    const arn = `arn:aws:rds:us-east-1:111111111111:db:${'a'.repeat(5_000)}`;
    const cases = [
      `arn:${'*'.repeat(10_000)}x`,
      `arn:${'a*'.repeat(500)}b`,
      `${'*?'.repeat(2_000)}z`,
      `arn:aws:rds:${'*'.repeat(14)}x`,
    ];
    const start = process.hrtime.bigint();
    for (const pattern of cases) expect(globMatches(pattern, arn)).toBe(false);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(100);
  });
});
