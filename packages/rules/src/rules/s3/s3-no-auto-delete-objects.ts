import { labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule, type Violation } from '../../engine/rule';
import { intrinsicName, quote } from '../../engine/values';
import type { NormalisedResource } from '../../model';

/** The CDK custom resource that empties a bucket before CloudFormation deletes it. */
export const S3_AUTO_DELETE_OBJECTS = 'Custom::S3AutoDeleteObjects';
/** The CDK custom resource behind `BucketDeployment`, which can delete what it deployed. */
export const CDK_BUCKET_DEPLOYMENT = 'Custom::CDKBucketDeployment';

/**
 * S3 objects are not deleted when the stack or a construct is removed.
 *
 * Two aws-cdk-lib custom resources delete objects on their own Delete event,
 * whatever the bucket's DeletionPolicy says:
 * - `Custom::S3AutoDeleteObjects` (`Bucket` with `autoDeleteObjects: true`)
 *   deletes every object and version in the bucket named by its `BucketName`
 *   when the stack is deleted, or the bucket is removed or replaced.
 * - `Custom::CDKBucketDeployment` (`BucketDeployment`) with `RetainOnDelete`
 *   other than `"true"` runs `aws s3 rm --recursive` on
 *   `s3://<DestinationBucketName>/<DestinationBucketKeyPrefix>` (the whole bucket
 *   without a prefix) when it is deleted or its destination changes. The
 *   handler keeps the objects only when the property is absent or exactly
 *   `"true"` (CloudFormation passes custom resource properties as strings).
 * Other `AutoDelete` custom resources in aws-cdk-lib 2.276 were checked:
 * `Custom::ECRAutoDeleteImages` is judged by `ecr-no-empty-on-delete`;
 * `Custom::SyntheticsAutoDeleteUnderlyingResources` deletes a canary's Lambda
 * function, not data.
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_s3.Bucket.html#autodeleteobjects
 * @see https://github.com/aws/aws-cdk/tree/main/packages/aws-cdk-lib/aws-s3-deployment#retain-on-delete
 */
export default defineRule({
  id: 's3-no-auto-delete-objects',
  title: 'S3 objects are not deleted by custom resources when the stack changes',
  why: "A stack delete, or removing or replacing one construct, deletes the objects in the bucket before CloudFormation even considers the bucket's DeletionPolicy, so a retained bucket is left empty.",
  fix: 'Remove `autoDeleteObjects: true` from the bucket, and do not set `retainOnDelete: false` on a BucketDeployment.',
  severity: 'error',
  resourceTypes: [S3_AUTO_DELETE_OBJECTS, CDK_BUCKET_DEPLOYMENT, 'AWS::S3::Bucket'],
  cloudformation(resource) {
    // A CloudFormation bucket cannot empty itself; only the custom resources above can.
    if (resource.type === 'AWS::S3::Bucket') return;
    return resource.type === S3_AUTO_DELETE_OBJECTS ? autoDeleteObjects(resource) : bucketDeployment(resource);
  },
  /** The provider's `forceDestroy` is `autoDeleteObjects` built into the bucket. */
  awsProvider(resource) {
    if (resource.type !== 'AWS::S3::Bucket') return;
    return requireForceDestroyOff(
      resource,
      {
        cloudformation: 'Remove the custom resource that empties the bucket.',
        pulumi: 'Set `forceDestroy: false` on the `aws.s3.Bucket` (or leave it unset: false is the default).',
        terraform: 'Set `force_destroy = false` on the `aws_s3_bucket` (or leave it unset).',
      },
      'every object and object version in the bucket is deleted before the bucket is',
    );
  },
});

/** `forceDestroy` must be false or unset; unreadable fails closed. */
export function requireForceDestroyOff(
  resource: NormalisedResource,
  fix: Violation['fix'],
  consequence: string,
): Violation | undefined {
  const r = readProperty(resource, 'ForceDestroy');
  if (r.kind === 'absent') return;
  if (r.kind === 'known' && (r.value === false || r.value === 'false')) return;
  // Named as the user wrote it: `force_destroy` in Terraform, `forceDestroy` in Pulumi.
  const name = labelOf(resource, ['ForceDestroy']);
  const base = { fix, location: locationOf(resource, ['ForceDestroy']) };
  if (r.kind === 'unresolved')
    return {
      ...base,
      unresolved: true,
      message: `${name} is ${quote(r.expression)} and cannot be proven false: ${r.reason}.`,
    };
  return {
    ...base,
    message: `${name} is ${quote(r.value)}: when the resource is destroyed or replaced, ${consequence}.`,
  };
}

function autoDeleteObjects(resource: NormalisedResource): Violation {
  return {
    location: 'Properties/BucketName',
    message: `${S3_AUTO_DELETE_OBJECTS} deletes every object in ${bucketNamed(resource, 'BucketName')} when the stack is deleted or the bucket is removed or replaced (CDK \`autoDeleteObjects: true\`).`,
    fix: {
      cloudformation: `Remove the \`${S3_AUTO_DELETE_OBJECTS}\` resource (and its provider) from the template, and keep \`DeletionPolicy: Retain\` on the bucket.`,
      cdk: 'Remove `autoDeleteObjects: true` from the `Bucket` and pass `removalPolicy: RemovalPolicy.RETAIN`.',
      pulumi:
        'Set `forceDestroy: false` on the `aws.s3.Bucket` (it is the default), and the `retainOnDelete: true` resource option.',
      terraform: 'Set `force_destroy = false` on the `aws_s3_bucket` (it is the default).',
    },
  };
}

function bucketDeployment(resource: NormalisedResource): Violation | undefined {
  const r = readProperty(resource, 'RetainOnDelete');
  if (r.kind === 'absent') return;
  if (r.kind === 'known' && String(r.value) === 'true') return;
  const prefix = readProperty(resource, 'DestinationBucketKeyPrefix');
  const where =
    prefix.kind === 'absent' || (prefix.kind === 'known' && prefix.value === '')
      ? `every object in ${bucketNamed(resource, 'DestinationBucketName')} (no DestinationBucketKeyPrefix: the whole bucket)`
      : `every object under prefix ${prefix.kind === 'known' ? quote(prefix.value) : quote(prefix.expression)} of ${bucketNamed(resource, 'DestinationBucketName')}`;
  const fix = {
    cloudformation: 'Remove `RetainOnDelete` from the `Custom::CDKBucketDeployment` resource, or set it to `true`.',
    cdk: 'Remove `retainOnDelete: false` from the `BucketDeployment` (its default, `true`, keeps the objects).',
    pulumi:
      'Keep deployed objects when the deploying resource goes: set the `retainOnDelete: true` resource option on the `aws.s3.BucketObjectv2` resources.',
    terraform:
      'Keep deployed objects when their resources go: add `lifecycle { prevent_destroy = true }` to the `aws_s3_object` resources.',
  };
  if (r.kind === 'unresolved') {
    return {
      fix,
      location: 'Properties/RetainOnDelete',
      unresolved: true,
      message: `RetainOnDelete is ${quote(r.expression)} and cannot be proven true: ${r.reason}; unless it is "true", deleting the deployment deletes ${where}.`,
    };
  }
  return {
    fix,
    location: 'Properties/RetainOnDelete',
    message: `RetainOnDelete is ${quote(r.value)}: deleting the deployment, or changing its destination, deletes ${where}.`,
  };
}

/** Names the bucket a custom resource acts on: the bucket resource it refers to, or the literal name. */
function bucketNamed(resource: NormalisedResource, prop: string): string {
  const raw = resource.properties[prop];
  const ref = intrinsicName(raw) === 'Ref' ? (raw as { Ref: unknown }).Ref : undefined;
  const target = typeof ref === 'string' ? resource.document.resources.get(ref) : undefined;
  if (target) return `bucket ${target.logicalId}${target.location.path ? ` (${target.location.path})` : ''}`;
  const r = readProperty(resource, prop);
  if (r.kind === 'known' && typeof r.value === 'string') return `bucket ${quote(r.value)}`;
  return r.kind === 'absent' ? 'a bucket the template does not name' : `the bucket ${quote(raw, 60)}`;
}
