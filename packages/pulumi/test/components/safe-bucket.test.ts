import * as pulumi from '@pulumi/pulumi';
import { SafeBucket, type SafeBucketArgs } from '../../src';
import { runProgram, type ProgramRun, expectGuarded } from '../harness';

const BUCKET = 'aws:s3/bucket:Bucket';
const VERSIONING = 'aws:s3/bucketVersioning:BucketVersioning';
const BLOCK = 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock';
const LOCK = 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration';

function construct(args: Partial<SafeBucketArgs>, opts?: pulumi.ComponentResourceOptions): () => SafeBucket {
  return () => new SafeBucket('docs', args as SafeBucketArgs, opts);
}

describe('SafeBucket', () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(() => {
      new SafeBucket('docs', { bucket: 'acme-docs', tags: { team: 'docs' } });
    });
    expect(run.error).toBeUndefined();
  });

  test('the bucket is never emptied to delete it: forceDestroy is false', () => {
    expect(run.get(BUCKET, 'docs-bucket').inputs).toEqual({
      bucket: 'acme-docs',
      forceDestroy: false,
      tags: { team: 'docs', 'deadbolt:protected': 'true' },
    });
  });

  test('versioning is Enabled through a separate BucketVersioning', () => {
    expect(run.get(VERSIONING, 'docs-versioning').inputs).toEqual({
      bucket: 'docs-bucket-id',
      versioningConfiguration: { status: 'Enabled' },
    });
  });

  test('public access is blocked', () => {
    expect(run.get(BLOCK, 'docs-public-access-block').inputs).toEqual({
      bucket: 'docs-bucket-id',
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  test('the bucket and its versioning are protected, retained and guarded (deleting BucketVersioning suspends versioning)', () => {
    expectGuarded(run.get(BUCKET, 'docs-bucket'), run.get(VERSIONING, 'docs-versioning'));
  });

  test('without Object Lock args, Object Lock stays unset', () => {
    expect(run.get(BUCKET, 'docs-bucket').inputs.objectLockEnabled).toBeUndefined();
    expect(run.ofType(LOCK)).toHaveLength(0);
  });
});

describe('SafeBucket: Object Lock', () => {
  test('a default retention turns Object Lock on and is guarded', async () => {
    const run = await runProgram(() => {
      new SafeBucket('docs', { objectLockDefaultRetention: { mode: 'COMPLIANCE', days: 30 } });
    });
    expect(run.get(BUCKET, 'docs-bucket').inputs.objectLockEnabled).toBe(true);
    const lock = run.get(LOCK, 'docs-object-lock');
    expect(lock.inputs).toEqual({
      bucket: 'docs-bucket-id',
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: 'COMPLIANCE', days: 30 } },
    });
    expectGuarded(lock);
  });

  test('objectLockEnabled alone turns it on without a default retention', async () => {
    const run = await runProgram(() => {
      new SafeBucket('docs', { objectLockEnabled: true });
    });
    expect(run.get(BUCKET, 'docs-bucket').inputs.objectLockEnabled).toBe(true);
    expect(run.ofType(LOCK)).toHaveLength(0);
  });

  test('a retention with Object Lock off is refused', () => {
    expect(
      construct({ objectLockEnabled: false, objectLockDefaultRetention: { mode: 'GOVERNANCE', days: 1 } }),
    ).toThrow('`objectLockDefaultRetention` needs Object Lock');
  });

  test('a retention with both or neither of days and years is refused', () => {
    expect(construct({ objectLockDefaultRetention: { mode: 'COMPLIANCE', days: 1, years: 1 } })).toThrow(
      'exactly one of `objectLockDefaultRetention.days` or `objectLockDefaultRetention.years` must be given.',
    );
    expect(construct({ objectLockDefaultRetention: { mode: 'COMPLIANCE' } })).toThrow('exactly one of');
  });

  test('an unknown retention mode is refused', () => {
    expect(construct({ objectLockDefaultRetention: { mode: 'LEGAL' as never, days: 1 } })).toThrow(
      '`objectLockDefaultRetention.mode` must be `COMPLIANCE` or `GOVERNANCE`, got "LEGAL".',
    );
  });
});

describe('SafeBucket: refused misuse', () => {
  test('forceDestroy: true is refused', () => {
    expect(construct({ forceDestroy: true } as never)).toThrow(
      'deadbolt:s3:SafeBucket `docs`: `forceDestroy` cannot be set (got true): SafeBucket forces it to false.',
    );
  });

  test('inline versioning is refused', () => {
    expect(construct({ versioning: { enabled: false } } as never)).toThrow('`versioning` cannot be set');
  });

  test('inline lifecycle rules are refused, naming BucketLifecycleConfiguration and why', () => {
    const rules = [{ enabled: true, expiration: { days: 1 }, noncurrentVersionExpiration: { days: 1 } }];
    expect(construct({ lifecycleRules: rules } as never)).toThrow(
      'deadbolt:s3:SafeBucket `docs`: `lifecycleRules` is refused',
    );
    expect(construct({ lifecycleRules: rules } as never)).toThrow(
      /expiring noncurrent versions defeats versioning.*use a separate `aws\.s3\.BucketLifecycleConfiguration`, which is judged on its own/,
    );
    expect(construct({ lifecycleRules: pulumi.output(rules) } as never)).toThrow(
      '`lifecycleRules` is refused (got an Output)',
    );
  });

  test('an inline policy is refused, naming BucketPolicy', () => {
    expect(construct({ policy: '{"Statement":[]}' } as never)).toThrow(
      /`policy` is refused .*use a separate `aws\.s3\.BucketPolicy`/,
    );
  });

  test('acl and grants are refused', () => {
    expect(construct({ acl: 'public-read-write' } as never)).toThrow('`acl` is refused');
    expect(
      construct({
        grants: [{ type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permissions: ['WRITE'] }],
      } as never),
    ).toThrow('`grants` is refused');
  });

  test('harmless pass-through args still reach the bucket', async () => {
    const run = await runProgram(() => {
      new SafeBucket('docs', {
        bucketPrefix: 'acme-',
        corsRules: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }],
      });
    });
    expect(run.error).toBeUndefined();
    expect(run.get(BUCKET, 'docs-bucket').inputs).toMatchObject({
      bucketPrefix: 'acme-',
      corsRules: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }],
    });
  });

  test('protect: false on the component is refused', () => {
    expect(construct({}, { protect: false })).toThrow('`protect: false` is refused: SafeBucket keeps `protect: true`');
  });

  test('a preview works', async () => {
    const run = await runProgram(
      () => {
        new SafeBucket('docs');
      },
      { preview: true },
    );
    expect(run.error).toBeUndefined();
    expect(run.get(VERSIONING, 'docs-versioning').inputs).toEqual({
      bucket: { __pulumiUnknown: true },
      versioningConfiguration: { status: 'Enabled' },
    });
    expectGuarded(run.get(BUCKET, 'docs-bucket'), run.get(VERSIONING, 'docs-versioning'));
  });
});
