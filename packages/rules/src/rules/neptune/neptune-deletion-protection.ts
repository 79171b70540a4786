import { asBoolean, requireProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';

/**
 * Neptune clusters, global clusters and Neptune Analytics graphs have deletion
 * protection on.
 *
 * `DeletionProtection` defaults to false on `AWS::Neptune::DBCluster` and
 * `AWS::Neptune::GlobalCluster`. On `AWS::NeptuneGraph::Graph` CloudFormation
 * documents "If not specified, the default value is true", so absence passes
 * there and only an explicit false (or a value that cannot be read) is a finding.
 * @see https://docs.aws.amazon.com/neptune/latest/userguide/manage-console-instances-delete.html#manage-console-instances-delete-deletion-protection
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptunegraph-graph.html#cfn-neptunegraph-graph-deletionprotection
 */
export default defineRule({
  id: 'neptune-deletion-protection',
  title: 'Neptune databases and graphs have deletion protection on',
  why: 'A stack delete or one DeleteDBCluster/DeleteGlobalCluster/DeleteGraph call removes the database, and with it every automated backup.',
  fix: 'Set DeletionProtection to true.',
  severity: 'error',
  resourceTypes: ['AWS::Neptune::DBCluster', 'AWS::Neptune::GlobalCluster', 'AWS::NeptuneGraph::Graph'],
  cloudformation(resource) {
    const graph = resource.type === 'AWS::NeptuneGraph::Graph';
    const l1 = graph
      ? 'neptunegraph.CfnGraph'
      : resource.type === 'AWS::Neptune::GlobalCluster'
        ? 'neptune.CfnGlobalCluster'
        : 'neptune.CfnDBCluster';
    const pulumi = graph
      ? 'aws.neptunegraph.Graph'
      : resource.type === 'AWS::Neptune::GlobalCluster'
        ? 'aws.neptune.GlobalCluster'
        : 'aws.neptune.Cluster';
    // requireProperty, not requireTrue: requireTrue's `absentMeans` defaults to
    // 'false' even when `undefined` is passed, so it cannot express "absence passes".
    return requireProperty(resource, {
      path: ['DeletionProtection'],
      want: 'true',
      test: (v) => asBoolean(v) === true,
      absentMeans: graph ? undefined : 'false',
      fix: {
        cloudformation: 'Set `DeletionProtection: true` on the resource.',
        cdk: graph
          ? 'Set `deletionProtection: true` on the `neptunegraph.CfnGraph` (or remove the `false`: CloudFormation defaults it to true).'
          : `Set \`deletionProtection: true\` on the \`${l1}\`${resource.type === 'AWS::Neptune::DBCluster' ? ' (or pass it to the `DatabaseCluster` of `@aws-cdk/aws-neptune-alpha`)' : ''}.`,
        pulumi: `Pass \`deletionProtection: true\` to the \`${pulumi}\`.`,
        terraform: 'Set `deletion_protection = true`.',
      },
    });
  },
});
