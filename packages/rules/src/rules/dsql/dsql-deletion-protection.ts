import { asBoolean, readProperty, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * Aurora DSQL clusters have deletion protection on.
 *
 * The CloudFormation reference for `AWS::DSQL::Cluster` `DeletionProtectionEnabled`
 * documents no default. The Aurora DSQL user guide shows the AWS CLI creating
 * clusters with it on, but that is the CLI, not a documented CloudFormation
 * default; an unset value is therefore not proven true and fails closed.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dsql-cluster.html#cfn-dsql-cluster-deletionprotectionenabled
 * @see https://docs.aws.amazon.com/aurora-dsql/latest/userguide/configuring-single-region-clusters.html
 */
export default defineRule({
  id: 'dsql-deletion-protection',
  title: 'Aurora DSQL clusters have deletion protection on',
  why: 'A stack delete, a replacement or one DeleteCluster call removes the cluster and its data.',
  fix: 'Set DeletionProtectionEnabled to true.',
  severity: 'error',
  resourceTypes: ['AWS::DSQL::Cluster'],
  cloudformation(resource) {
    const v = requireProperty(resource, {
      path: ['DeletionProtectionEnabled'],
      want: 'true',
      test: (x) => asBoolean(x) === true,
      absentMeans: 'undocumented, so it cannot be proven true',
      fix: {
        cloudformation: 'Set `DeletionProtectionEnabled: true` on the resource.',
        cdk: 'Set `deletionProtectionEnabled: true` on the `dsql.CfnCluster` (or pass `deletionProtection: true` to the `Cluster` of `@aws-cdk/aws-dsql-alpha`).',
        pulumi: 'Pass `deletionProtectionEnabled: true` to the `aws.dsql.Cluster`.',
        terraform: 'Set `deletion_protection_enabled = true`.',
      },
    });
    if (v && readProperty(resource, 'DeletionProtectionEnabled').kind === 'absent') return { ...v, unresolved: true };
    return v;
  },
});
