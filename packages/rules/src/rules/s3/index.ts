import s3Versioning from './s3-versioning';
import s3CrossAccountReplication from './s3-cross-account-replication';
import s3NoAutoDeleteObjects from './s3-no-auto-delete-objects';
import s3BucketDeploymentPrune from './s3-bucket-deployment-prune';
import s3NoncurrentVersionRetention from './s3-noncurrent-version-retention';
import s3LifecycleExpiration from './s3-lifecycle-expiration';

export const S3_RULES = [
  s3Versioning,
  s3CrossAccountReplication,
  s3NoAutoDeleteObjects,
  s3BucketDeploymentPrune,
  s3NoncurrentVersionRetention,
  s3LifecycleExpiration,
];
