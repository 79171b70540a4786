import { readProperty, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * OpenSearch Serverless collections have deletion protection `ENABLED`.
 *
 * `DeletionProtection` on `AWS::OpenSearchServerless::Collection` takes
 * `ENABLED` or `DISABLED`; neither the CloudFormation reference nor the
 * OpenSearch Serverless guide documents its default, so an unset value is not
 * proven enabled and fails closed. A deleted collection cannot be recovered.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-opensearchserverless-collection.html#cfn-opensearchserverless-collection-deletionprotection
 * @see https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-delete.html
 */
export default defineRule({
  id: 'opensearch-serverless-deletion-protection',
  title: 'OpenSearch Serverless collections have deletion protection on',
  why: 'A stack delete, a replacement or one DeleteCollection call removes the collection with all its indexes and data, which cannot be recovered.',
  fix: 'Set DeletionProtection to ENABLED.',
  severity: 'error',
  resourceTypes: ['AWS::OpenSearchServerless::Collection'],
  cloudformation(resource) {
    const v = requireProperty(resource, {
      path: ['DeletionProtection'],
      want: '`ENABLED`',
      test: (x) => x === 'ENABLED',
      absentMeans: 'undocumented, so it cannot be proven `ENABLED`',
      fix: {
        cloudformation: 'Set `DeletionProtection: ENABLED` on the resource.',
        cdk: "Set `deletionProtection: 'ENABLED'` on the `opensearchserverless.CfnCollection`.",
        pulumi: 'Pass `deletionProtection: "ENABLED"` to the `aws-native` `opensearchserverless.Collection`.',
        terraform: 'Set `deletion_protection = "ENABLED"` on the `awscc_opensearchserverless_collection`.',
      },
    });
    if (v && readProperty(resource, 'DeletionProtection').kind === 'absent') return { ...v, unresolved: true };
    return v;
  },
});
