import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ECR_AUTO_DELETE_IMAGES, S3_AUTO_DELETE_OBJECTS } from '@deadbolt/rules';

/**
 * An aws-cdk-lib custom resource that empties a resource on its Delete event,
 * whatever that resource's DeletionPolicy says.
 *
 * Both handlers (aws-cdk-lib 2.x) empty their target only while it carries the
 * tag `<tag>: "true"`: CDK added the check so that switching the feature off
 * (which deletes the custom resource) does not empty a bucket that stays.
 * CloudFormation applies every update of a deploy before it deletes the
 * resources the template no longer holds, so a target re-tagged in the same
 * deploy is already untagged when the Delete event reaches the handler.
 * @see https://github.com/aws/aws-cdk/pull/16756
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_s3.Bucket.html#autodeleteobjects
 */
export interface AutoDeleteKind {
  /** The custom resource type. */
  readonly customResourceType: string;
  /** The type of resource it empties. */
  readonly targetType: string;
  /** The custom resource property that names the target (a `Ref` to it, in CDK's templates). */
  readonly targetProperty: string;
  /** The tag the handler requires to be `"true"` before it empties the target. */
  readonly tag: string;
  /** The Deadbolt rule that reports the custom resource. */
  readonly ruleId: string;
  /** What the handler deletes, for messages. */
  readonly contents: string;
  /** The CDK prop that creates it, as the user wrote it. */
  readonly cdkProp: string;
  /** The L2 class that takes `cdkProp`. */
  readonly cdkClass: string;
  /** What happens when the deploy that removes the custom resource runs its Delete event, and why the provider stays. */
  readonly whenRemoved: string;
}

export const AUTO_DELETE_KINDS: readonly AutoDeleteKind[] = [
  {
    customResourceType: S3_AUTO_DELETE_OBJECTS,
    targetType: 'AWS::S3::Bucket',
    targetProperty: 'BucketName',
    tag: 'aws-cdk:auto-delete-objects',
    ruleId: 's3-no-auto-delete-objects',
    contents: 'every object and object version in the bucket',
    cdkProp: 'autoDeleteObjects: true',
    cdkClass: 'Bucket',
    // The provider's role has no policy of its own: the bucket policy statement is
    // its only access, and the handler reads the tag with it before it deletes.
    whenRemoved:
      'when the deploy deletes the custom resource, its handler reads the tag with them, finds "false" and leaves the objects. Removing the provider in the same deploy would run that Delete event with the handler code deployed before.',
  },
  {
    customResourceType: ECR_AUTO_DELETE_IMAGES,
    targetType: 'AWS::ECR::Repository',
    targetProperty: 'RepositoryName',
    tag: 'aws-cdk:auto-delete-images',
    ruleId: 'ecr-no-empty-on-delete',
    contents: 'every image in the repository',
    cdkProp: 'autoDeleteImages: true',
    cdkClass: 'Repository',
    // The provider's role may act only on repositories tagged "true".
    whenRemoved:
      'its permissions cover only repositories tagged "true", so when the deploy deletes the custom resource its handler leaves the images, or is denied and CloudFormation reports that the custom resource could not be deleted; the images stay either way. Removing the provider in the same deploy would run that Delete event with the handler code deployed before.',
  },
];

export function autoDeleteKind(type: string): AutoDeleteKind | undefined {
  return AUTO_DELETE_KINDS.find((k) => k.customResourceType === type);
}

/**
 * The resource of `stack` a custom resource's property refers to with `{ Ref }`,
 * when it has the expected type; `undefined` for a literal name, an import or
 * anything else that cannot be tied to one resource of the stack.
 */
export function referencedResource(stack: Stack, value: unknown, type: string): CfnResource | undefined {
  const ref =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).Ref : undefined;
  if (typeof ref !== 'string') return undefined;
  for (const c of stack.node.findAll()) {
    if (
      CfnResource.isCfnResource(c) &&
      c.cfnResourceType === type &&
      Stack.of(c) === stack &&
      stack.resolve(c.logicalId) === ref
    )
      return c;
  }
  return undefined;
}

/** The tag manager of a taggable L1 (`tags` on older L1s, `cdkTagManager` on newer ones). */
export function tagManagerOf(resource: CfnResource): TagManager | undefined {
  if (TagManager.isTaggable(resource)) return resource.tags;
  if (TagManager.isTaggableV2(resource)) return resource.cdkTagManager;
  return undefined;
}

/**
 * The construct to remove with a custom resource: the `CustomResource` L2 that
 * wraps it (its only child), or the L1 itself.
 */
export function removableRoot(resource: CfnResource): IConstruct {
  const parent = resource.node.scope;
  if (parent && parent.node.defaultChild === resource && parent.node.children.length === 1 && parent.node.scope)
    return parent;
  return resource;
}
