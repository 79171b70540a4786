import { asBoolean, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { intrinsicName, quote, resolveValue } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';

/** The CDK custom resource that deletes a repository's images before CloudFormation deletes it. */
export const ECR_AUTO_DELETE_IMAGES = 'Custom::ECRAutoDeleteImages';

const FIX: FixText = {
  cloudformation:
    'Remove `EmptyOnDelete: true` from the repository (the default, false, makes a delete of a repository that holds images fail), and remove any `Custom::ECRAutoDeleteImages` resource.',
  cdk: 'Remove `emptyOnDelete: true` (and the deprecated `autoDeleteImages: true`) from the `Repository`, and pass `removalPolicy: RemovalPolicy.RETAIN`.',
  pulumi: 'Set `forceDelete: false` on the `aws.ecr.Repository` (it is the default).',
  terraform: 'Set `force_delete = false` on the `aws_ecr_repository` (it is the default).',
};

/**
 * ECR repositories are not emptied when they are deleted.
 *
 * CloudFormation cannot delete a repository that still holds images unless
 * `EmptyOnDelete` is true, so leaving it unset turns a stack delete into a
 * failure instead of a loss. CDK's deprecated `autoDeleteImages: true` adds a
 * `Custom::ECRAutoDeleteImages` resource that deletes every image first.
 * Images can usually be rebuilt from source, hence a warning.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecr-repository.html#cfn-ecr-repository-emptyondelete
 */
export default defineRule({
  id: 'ecr-no-empty-on-delete',
  title: 'ECR repositories are not emptied on delete',
  why: 'Deleting the stack or the repository deletes every image in it, including the ones running in production, which cannot always be rebuilt byte for byte.',
  fix: 'Leave EmptyOnDelete unset (false) and do not use autoDeleteImages.',
  severity: 'warning',
  resourceTypes: ['AWS::ECR::Repository', ECR_AUTO_DELETE_IMAGES],
  cloudformation(resource) {
    if (resource.type === ECR_AUTO_DELETE_IMAGES) {
      return {
        fix: FIX,
        location: 'Properties/RepositoryName',
        message: `${ECR_AUTO_DELETE_IMAGES} deletes every image in ${repositoryNamed(resource)} when the stack is deleted or the repository is removed or replaced (CDK \`autoDeleteImages: true\`).`,
      };
    }
    // `requireFalse(…, undefined)` would not do: a default parameter turns an explicit
    // `undefined` into its default ('true'), so absence must be spelled out here.
    return requireProperty(resource, {
      path: ['EmptyOnDelete'],
      want: 'false',
      test: (v) => asBoolean(v) === false,
      fix: FIX,
    });
  },
});

function repositoryNamed(resource: NormalisedResource): string {
  const raw = resource.properties.RepositoryName;
  const ref = intrinsicName(raw) === 'Ref' ? (raw as { Ref: unknown }).Ref : undefined;
  const target = typeof ref === 'string' ? resource.document.resources.get(ref) : undefined;
  if (target) return `repository ${target.logicalId}${target.location.path ? ` (${target.location.path})` : ''}`;
  const r = resolveValue(raw, resource.document);
  if (r.kind === 'known' && typeof r.value === 'string') return `repository ${quote(r.value)}`;
  return r.kind === 'absent' ? 'a repository the template does not name' : `the repository ${quote(raw, 60)}`;
}
