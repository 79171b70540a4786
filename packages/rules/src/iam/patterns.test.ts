import * as fc from 'fast-check';
import { actionMatches, resourceCovers, resourceMatches, resourcesOverlap } from './patterns';

describe('actionMatches', () => {
  it.each([
    ['rds:Delete*', 'rds:DeleteDBInstance', true],
    ['RDS:delete*', 'rds:DeleteDBInstance', true],
    ['rds:Delete?BInstance', 'rds:DeleteDBInstance', true],
    ['rds:Modify*', 'rds:DeleteDBInstance', false],
    ['*', 's3:DeleteBucket', true],
    ['s3:*Object*', 's3:DeleteObjectVersion', true],
    ['s3:Delete', 's3:DeleteBucket', false],
    ['dynamodb:*', 'dynamodb:DeleteTable', true],
  ])('%s against %s is %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('resourceMatches', () => {
  it.each([
    ['arn:aws:s3:::prod-*', 'arn:aws:s3:::prod-data', true],
    ['arn:aws:s3:::prod-*', 'arn:aws:s3:::staging-data', false],
    ['arn:aws:rds:*:111122223333:db:staging-*', 'arn:aws:rds:us-east-1:111122223333:db:staging-1', true],
    ['arn:aws:rds:*:111122223333:db:staging-*', 'arn:aws:rds:us-east-1:111122223333:db:prod-1', false],
    // A star inside a segment does not cross a colon; one that ends a segment may.
    ['arn:aws:rds:us-*-1:111122223333:db:x', 'arn:aws:rds:us-east-1:111122223333:db:x', true],
    ['arn:aws:rds:us*1:111122223333:db:x', 'arn:aws:rds:us:a:1:111122223333:db:x', false],
    ['arn:aws:rds:*', 'arn:aws:rds:us-east-1:111122223333:db:x', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c', true],
    ['arn:aws:s3:::bucke?', 'arn:aws:s3:::bucket', true],
    ['arn:aws:s3:::Bucket', 'arn:aws:s3:::bucket', false],
  ])('%s against %s is %s', (pattern, arn, expected) => {
    expect(resourceMatches(pattern, arn, 'allow')).toBe(expected);
  });

  it('an allow may match partition, service, Region and account without regard to case; a deny only as written', () => {
    // The documentation does not say these segments are case sensitive (iam-simulate compares them ignoring case).
    const arn = 'arn:aws:rds:us-east-1:111122223333:db:prod-1';
    expect(resourceMatches('arn:aws:rds:US-EAST-1:111122223333:db:prod-1', arn, 'allow')).toBe(true);
    expect(resourceMatches('arn:AWS:RDS:US-*:111122223333:db:prod-?', arn, 'allow')).toBe(true);
    expect(resourceMatches('arn:aws:rds:US-EAST-1:111122223333:db:prod-1', arn, 'deny')).toBe(false);
    // The resource id keeps its case either way.
    expect(resourceMatches('arn:aws:rds:US-EAST-1:111122223333:db:Prod-1', arn, 'allow')).toBe(false);
    expect(resourcesOverlap('arn:aws:rds:US-EAST-1:*:db:prod-*', arn)).toBe(true);
    expect(resourcesOverlap('arn:aws:rds:US-EAST-1:*:db:Prod-*', arn)).toBe(false);
  });

  it('answers fail-closed for patterns past the length limit', () => {
    const long = `arn:aws:s3:::${'a*'.repeat(2000)}`;
    expect(resourceMatches(long, 'arn:aws:s3:::b', 'allow')).toBe(true);
    expect(resourceMatches(long, 'arn:aws:s3:::b', 'deny')).toBe(false);
  });

  it('stays fast on patterns built to make a backtracking matcher explode', () => {
    const pattern = `arn:aws:s3:::${'*a'.repeat(60)}b`;
    const arn = `arn:aws:s3:::${'a'.repeat(400)}`;
    const started = Date.now();
    expect(resourceMatches(pattern, arn, 'allow')).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('resourceCovers', () => {
  it.each([
    ['*', 'arn:aws:s3:::x*', true],
    ['arn:aws:s3:::*', 'arn:aws:s3:::prod-*', true],
    ['arn:aws:s3:::prod-*', 'arn:aws:s3:::*', false],
    ['arn:aws:s3:::prod-*', 'arn:aws:s3:::prod-*', true],
    ['arn:aws:s3:::a?c', 'arn:aws:s3:::a*c', false],
    ['arn:aws:rds:*:*:db:*', 'arn:aws:rds:us-east-1:111122223333:db:staging-*', true],
    ['arn:aws:rds:us-*-1:1:db:x', 'arn:aws:rds:us-?-1:1:db:x', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(resourceCovers(outer, inner)).toBe(expected);
  });
});

describe('resourcesOverlap', () => {
  it.each([
    ['arn:aws:s3:::a*', 'arn:aws:s3:::*b', true],
    ['arn:aws:s3:::a*', 'arn:aws:s3:::b*', false],
    ['arn:aws:rds:*:1:db:x', 'arn:aws:s3:::x', false],
    ['*', 'anything', true],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    expect(resourcesOverlap(a, b)).toBe(expected);
  });
});

/** Random patterns over a small alphabet, so that matches are frequent. */
const alphabet = fc.constantFrom('a', 'b', ':', '*', '?');
const pattern = fc.array(alphabet, { maxLength: 8 }).map((cs) => `p${cs.join('')}`);
const concrete = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 8 }).map((cs) => `p${cs.join('')}`);

describe('properties', () => {
  it('covers is sound: when outer covers inner, every ARN inner matches, outer matches', () => {
    fc.assert(
      fc.property(pattern, pattern, concrete, (outer, inner, arn) => {
        if (resourceCovers(outer, inner) && resourceMatches(inner, arn, 'allow')) {
          expect(resourceMatches(outer, arn, 'allow')).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 15 },
    );
  });

  it('overlap never misses: an ARN both match means they overlap', () => {
    fc.assert(
      fc.property(pattern, pattern, concrete, (a, b, arn) => {
        if (resourceMatches(a, arn, 'allow') && resourceMatches(b, arn, 'allow')) {
          expect(resourcesOverlap(a, b)).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 16 },
    );
  });
});
