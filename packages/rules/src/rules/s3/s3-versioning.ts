import { requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * S3 buckets keep every version of their objects.
 *
 * A bucket without `VersioningConfiguration` has never been versioned: an
 * overwrite replaces the only copy of an object and a delete removes it. A
 * `Suspended` bucket keeps the versions it already has but stores no new ones.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-versioningconfiguration.html
 */
export default defineRule({
  id: 's3-versioning',
  title: 'S3 buckets have versioning enabled',
  why: 'Without versioning, one overwrite or delete (a bug, a sync with --delete, a compromised credential) destroys the only copy of an object.',
  fix: 'Set VersioningConfiguration.Status to Enabled.',
  severity: 'error',
  resourceTypes: ['AWS::S3::Bucket'],
  cloudformation(resource) {
    return requireProperty(resource, {
      path: ['VersioningConfiguration', 'Status'],
      want: '`Enabled`',
      test: (v) => v === 'Enabled',
      absentMeans: 'never versioned',
      fix: {
        cloudformation: 'Set `VersioningConfiguration: { Status: Enabled }` on the bucket.',
        cdk: "Pass `versioned: true` to the `Bucket` (or set `versioningConfiguration = { status: 'Enabled' }` on the L1 `CfnBucket`).",
        pulumi:
          'Add an `aws.s3.BucketVersioning` for the bucket with `versioningConfiguration: { status: "Enabled" }` (on the v6 `aws.s3.Bucket`: `versioning: { enabled: true }`).',
        terraform:
          'Add an `aws_s3_bucket_versioning` for the bucket with `versioning_configuration { status = "Enabled" }`.',
      },
    });
  },
});
