import type { Rule } from '../../../engine/rule';
import gcsBucketNoForceDestroy from './gcs-bucket-no-force-destroy';
import gcsBucketVersioning from './gcs-bucket-versioning';
import gcsBucketSoftDelete from './gcs-bucket-soft-delete';
import gcsBucketRetentionPolicyLocked from './gcs-bucket-retention-policy-locked';
import gcsNoncurrentVersionRetention from './gcs-noncurrent-version-retention';
import gcsLifecycleExpiration from './gcs-lifecycle-expiration';

export const GCS_RULES: readonly Rule[] = [
  gcsBucketNoForceDestroy,
  gcsBucketVersioning,
  gcsBucketSoftDelete,
  gcsBucketRetentionPolicyLocked,
  gcsNoncurrentVersionRetention,
  gcsLifecycleExpiration,
];
