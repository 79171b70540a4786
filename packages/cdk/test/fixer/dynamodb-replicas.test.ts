import { App, AspectPriority, Aspects, CfnDeletionPolicy, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DataProtectionChecks, ProtectStatefulResources } from '../../src';
import { ENV, ofRule } from '../synth-helper';

/**
 * The red team's case: a `Table` with a replica region and `removalPolicy: DESTROY`.
 * The replica's `SkipReplicaDeletion` is computed by CDK from the table's
 * `cfnOptions` (with the retainTableReplica flag) or never set (without it).
 */
function fixedReplicaApp(flag: boolean | undefined) {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: flag === undefined ? {} : { '@aws-cdk/aws-dynamodb:retainTableReplica': flag },
  });
  const stack = new Stack(app, 'Orders', { env: ENV, terminationProtection: true });
  const table = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    replicationRegions: ['us-west-2'],
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const fixer = new ProtectStatefulResources();
  Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
  const checks = new DataProtectionChecks();
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  app.synth();
  return { fixer, checks, table, template: Template.fromStack(stack) };
}

describe('ProtectStatefulResources: DynamoDB replicas of a Table', () => {
  test.each([
    ['with the retainTableReplica flag', true],
    ['without it', undefined],
  ])(
    '%s: the replica custom resource skips the replica deletion and is retained, and the checks find nothing on it',
    (_name, flag) => {
      const { template, fixer, checks, table } = fixedReplicaApp(flag);
      template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      template.hasResource('Custom::DynamoDBReplica', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({ SkipReplicaDeletion: true, Region: 'us-west-2' }),
      });
      // Retain is in cfnOptions too: what CDK reads when it computes SkipReplicaDeletion.
      expect((table.node.defaultChild as CfnResource).cfnOptions.deletionPolicy).toBe(CfnDeletionPolicy.RETAIN);
      expect(ofRule(checks.findings, 'dynamodb-replica-deletion')).toEqual([]);
      expect(ofRule(checks.findings, 'general-deletion-policy').filter((f) => f.severity === 'error')).toEqual([]);
      const replicaChanges = fixer.changes
        .filter((c) => c.resourceType === 'Custom::DynamoDBReplica')
        .map((c) => `${c.path} ${c.property}: ${c.oldValue} → ${c.newValue} (${c.ruleId})`);
      expect(replicaChanges).toEqual([
        // With the flag, CDK derives `true` from the table's cfnOptions, which the fixer set to Retain
        // (the table is visited first); without it, CDK never sets the property and the fixer does.
        ...(flag
          ? []
          : ['Orders/Orders/Replicaus-west-2/Default SkipReplicaDeletion: not set → true (dynamodb-replica-deletion)']),
        'Orders/Orders/Replicaus-west-2/Default DeletionPolicy: "Delete" → "Retain" (dynamodb-replica-deletion)',
        'Orders/Orders/Replicaus-west-2/Default UpdateReplacePolicy: "Delete" → "Retain" (dynamodb-replica-deletion)',
      ]);
    },
  );

  test('a dry run reports the replica changes and leaves the template and cfnOptions as they were', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Orders', { env: ENV });
    const table = new dynamodb.Table(stack, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      replicationRegions: ['us-west-2'],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fixer = new ProtectStatefulResources({ dryRun: true });
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    const template = Template.fromStack(stack);
    template.hasResource('Custom::DynamoDBReplica', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ SkipReplicaDeletion: Match.absent() }),
    });
    expect((table.node.defaultChild as CfnResource).cfnOptions.deletionPolicy).toBe(CfnDeletionPolicy.DELETE);
    expect(fixer.changes.filter((c) => c.resourceType === 'Custom::DynamoDBReplica')).toHaveLength(3);
    expect(fixer.changes.every((c) => !c.applied)).toBe(true);
  });
});
