import s3Versioning from './s3-versioning';
import s3CrossAccountReplication from './s3-cross-account-replication';
import s3NoAutoDeleteObjects from './s3-no-auto-delete-objects';

export const S3_RULES = [s3Versioning, s3CrossAccountReplication, s3NoAutoDeleteObjects];
