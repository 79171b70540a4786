import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { providerSafeValue } from '@deadbolt/rules';
import {
  checkComponentOptions,
  guardedOptions,
  isDeferred,
  protectedTags,
  refuse,
  refuseForced,
  type Forced,
} from './private/guards';

const TYPE = 'deadbolt:s3:SafeBucket';

const BUCKET_FORCED = {
  forceDestroy: { value: providerSafeValue('AWS::S3::Bucket', 'force_destroy') as false },
  versioning: { use: 'nothing: versioning is on, through an `aws.s3.BucketVersioning`' },
  objectLockConfiguration: { use: '`objectLockEnabled` and `objectLockDefaultRetention`' },
  lifecycleRules: {
    why: 'inline lifecycle rules can expire every object and every noncurrent version, an in-place update that `protect` and the deletion guard never see (expiring noncurrent versions defeats versioning)',
    use: 'a separate `aws.s3.BucketLifecycleConfiguration`, which is judged on its own',
  },
  policy: {
    why: 'an inline policy is rewritten in place with the bucket, and can grant `s3:DeleteObject`/`s3:DeleteObjectVersion` or deny access to the data',
    use: 'a separate `aws.s3.BucketPolicy`, which is judged on its own',
  },
  acl: {
    why: 'an inline canned ACL can grant other accounts or the public write access (and so delete access) to the objects',
    use: 'a bucket policy (`aws.s3.BucketPolicy`); SafeBucket blocks public access and keeps ACLs out of its args',
  },
  grants: {
    why: 'inline ACL grants can give other accounts or the public write access (and so delete access) to the objects',
    use: 'a bucket policy (`aws.s3.BucketPolicy`); SafeBucket blocks public access and keeps ACLs out of its args',
  },
} as const satisfies Record<string, Forced>;

/** The retention every new object version gets under Object Lock. */
export interface SafeBucketObjectLockRetention {
  /** `COMPLIANCE` (nobody can shorten it) or `GOVERNANCE` (principals with `s3:BypassGovernanceRetention` can). */
  readonly mode: pulumi.Input<'COMPLIANCE' | 'GOVERNANCE'>;
  /**
   * The retention in days; give this or `years`.
   * @default - none: `years` is given
   */
  readonly days?: pulumi.Input<number>;
  /**
   * The retention in years; give this or `days`.
   * @default - none: `days` is given
   */
  readonly years?: pulumi.Input<number>;
}

/** Arguments of a `SafeBucket`: the `aws.s3.Bucket` args but those it forces. */
export interface SafeBucketArgs extends Omit<aws.s3.BucketArgs, keyof typeof BUCKET_FORCED | 'objectLockEnabled'> {
  /**
   * Turn on S3 Object Lock, so that object versions can be made undeletable
   * for a retention period. It can only be turned on when the bucket is created.
   * @default - true when `objectLockDefaultRetention` is given, else false
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
   */
  readonly objectLockEnabled?: boolean;

  /**
   * The retention every new object version gets, e.g. `{ mode: 'COMPLIANCE', days: 30 }`. Turns Object Lock on.
   * @default - no default retention
   */
  readonly objectLockDefaultRetention?: SafeBucketObjectLockRetention;
}

/** Checks the args and options of a `SafeBucket`, throwing for misuse; returns the checked values. */
function checkArgs(name: string, args: SafeBucketArgs, opts: pulumi.ComponentResourceOptions | undefined) {
  checkComponentOptions(TYPE, name, opts);
  refuseForced(TYPE, name, '', args, BUCKET_FORCED);
  const retention = args.objectLockDefaultRetention;
  if (args.objectLockEnabled === false && retention) {
    refuse(
      TYPE,
      name,
      '`objectLockDefaultRetention` needs Object Lock, but `objectLockEnabled` is false; remove one of them.',
    );
  }
  if (args.objectLockEnabled !== undefined && typeof args.objectLockEnabled !== 'boolean') {
    refuse(
      TYPE,
      name,
      `\`objectLockEnabled\` must be a literal boolean (Object Lock is set when the bucket is created), got ${isDeferred(args.objectLockEnabled) ? 'an Output or Promise' : JSON.stringify(args.objectLockEnabled)}.`,
    );
  }
  if (retention) checkRetention(name, retention);
  const objectLock = args.objectLockEnabled ?? (retention ? true : undefined);
  return { retention, objectLock };
}

/**
 * An S3 bucket that cannot lose its objects to a Pulumi operation or an overwrite.
 *
 * Forced after the caller's pass-through args, which cannot set them (passing one is refused):
 * - `forceDestroy: false`: deleting the bucket never deletes its objects first (`s3-no-auto-delete-objects`);
 * - versioning `Enabled` through an `aws.s3.BucketVersioning`, so an overwrite or
 *   delete keeps the previous version (`s3-versioning`);
 * - public access blocked (an `aws.s3.BucketPublicAccessBlock`, all four settings on);
 * - `protect`, `retainOnDelete` and the `deadbolt-deletion-guard` hook on the bucket,
 *   its versioning and its Object Lock configuration (deleting `BucketVersioning`
 *   suspends versioning), and the tag `deadbolt:protected=true`; `protect: false`
 *   on the component is refused.
 *
 * Refused, because they change the bucket in place in ways that lose data or open
 * it to deletion: inline `lifecycleRules` (use an `aws.s3.BucketLifecycleConfiguration`),
 * `policy` (use an `aws.s3.BucketPolicy`), `acl` and `grants`.
 *
 * Object Lock is optional (`objectLockEnabled`, `objectLockDefaultRetention`).
 */
export class SafeBucket extends pulumi.ComponentResource {
  /** The S3 bucket. */
  public readonly bucket: aws.s3.Bucket;
  /** The bucket's versioning, `Enabled`. */
  public readonly versioning: aws.s3.BucketVersioning;
  /** The bucket's public access block. */
  public readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  /** The default Object Lock retention, with `objectLockDefaultRetention`. */
  public readonly objectLockConfiguration?: aws.s3.BucketObjectLockConfiguration;

  public constructor(name: string, args: SafeBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Misuse throws here, before anything is registered with the engine.
    const { retention, objectLock } = checkArgs(name, args, opts);
    super(TYPE, name, {}, opts);

    const { objectLockDefaultRetention: _retention, objectLockEnabled: _lock, ...passThrough } = args;
    this.bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      {
        ...passThrough,
        // Forced values last: nothing above can override them.
        forceDestroy: false,
        ...(objectLock !== undefined ? { objectLockEnabled: objectLock } : {}),
        tags: protectedTags(args.tags),
      },
      guardedOptions(this),
    );

    this.versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      },
      guardedOptions(this),
    );

    this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      {
        bucket: this.bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );

    if (retention) {
      this.objectLockConfiguration = new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        {
          bucket: this.bucket.id,
          objectLockEnabled: 'Enabled',
          rule: { defaultRetention: { mode: retention.mode, days: retention.days, years: retention.years } },
        },
        guardedOptions(this, { dependsOn: [this.versioning] }),
      );
    }

    this.registerOutputs({ bucketArn: this.bucket.arn, bucketName: this.bucket.bucket });
  }
}

/** Object Lock retention: a mode, and exactly one of days or years (literal values checked now). */
function checkRetention(name: string, r: SafeBucketObjectLockRetention): void {
  if (!isDeferred(r.mode) && r.mode !== 'COMPLIANCE' && r.mode !== 'GOVERNANCE') {
    refuse(
      TYPE,
      name,
      `\`objectLockDefaultRetention.mode\` must be \`COMPLIANCE\` or \`GOVERNANCE\`, got ${JSON.stringify(r.mode)}.`,
    );
  }
  if ((r.days === undefined) === (r.years === undefined)) {
    refuse(
      TYPE,
      name,
      'exactly one of `objectLockDefaultRetention.days` or `objectLockDefaultRetention.years` must be given.',
    );
  }
  for (const prop of ['days', 'years'] as const) {
    const v = r[prop];
    if (v !== undefined && !isDeferred(v) && (typeof v !== 'number' || !Number.isInteger(v) || v < 1)) {
      refuse(
        TYPE,
        name,
        `\`objectLockDefaultRetention.${prop}\` must be a whole number of at least 1, got ${JSON.stringify(v)}.`,
      );
    }
  }
}
