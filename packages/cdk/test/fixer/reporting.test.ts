import { App, AspectPriority, Aspects, CfnResource, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ProtectStatefulResources } from '../../src';
import { ENV } from '../synth-helper';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };

/** Every annotation of a stack artifact, `<level> <path>: <text>`. */
function messagesOf(stage: Stage, stack: Stack): string[] {
  return stage
    .synth()
    .getStackArtifact(stack.artifactId)
    .messages.map((m) => `${m.level} ${m.id}: ${String(m.entry.data)}`);
}

describe('ProtectStatefulResources: what it reports', () => {
  test('a raw override written after it ran wins: the template carries Delete, and a warning says the change did not hold', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Shop', { env: ENV });
    new dynamodb.Table(stack, 'Orders', { partitionKey, removalPolicy: RemovalPolicy.DESTROY });
    Aspects.of(app).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
    Aspects.of(app).add(
      {
        visit: (node) => {
          if (CfnResource.isCfnResource(node) && node.cfnResourceType === 'AWS::DynamoDB::Table')
            node.addOverride('DeletionPolicy', 'Delete');
        },
      },
      { priority: AspectPriority.READONLY },
    );
    const messages = messagesOf(app, stack);
    Template.fromStack(stack).hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Retain',
    });
    expect(messages.filter((m) => m.startsWith('warning'))).toEqual([
      'warning /Shop/Orders/Resource: Deadbolt set DeletionPolicy: "Retain", but the template carries "Delete": a raw override written after Deadbolt ran (`addOverride` or `addDeletionOverride` in a later aspect or later code) replaced it, and a policy other than Retain deletes the resource with its data when it is removed or its stack is deleted. Remove that override, or add ProtectStatefulResources with a priority after the aspect that writes it (general-deletion-policy: Stateful resources are retained when removed from the stack).',
    ]);
  });

  test('a later addDeletionOverride leaves no policy: the warning says CloudFormation applies its default', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Shop', { env: ENV });
    const table = new dynamodb.Table(stack, 'Orders', { partitionKey });
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    Aspects.of(app).add(
      {
        visit: (node) => {
          if (node === table.node.defaultChild) {
            const l1 = node as CfnResource;
            l1.addDeletionOverride('UpdateReplacePolicy');
            l1.cfnOptions.updateReplacePolicy = undefined;
          }
        },
      },
      { priority: AspectPriority.READONLY },
    );
    const warnings = messagesOf(app, stack).filter((m) => m.startsWith('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^warning \/Shop\/Orders\/Resource: Deadbolt set UpdateReplacePolicy: "Retain", but the template carries no policy \(CloudFormation applies its default\):.*when it is replaced\./,
    );
  });

  test('a Stage synthesized again (as the checks do) gets its summary once; a stack with nothing changed gets none', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stage = new Stage(app, 'Prod', { env: ENV });
    const data = new Stack(stage, 'Data');
    new dynamodb.Table(data, 'Orders', { partitionKey });
    const safe = new Stack(stage, 'Safe');
    new dynamodb.Table(safe, 'Kept', {
      partitionKey,
      deletionProtection: true,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    new sns.Topic(safe, 'Alerts');
    Aspects.of(stage).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
    stage.synth();
    stage.synth({ force: true });
    const summaries = (stack: Stack) => messagesOf(stage, stack).filter((m) => m.includes('Deadbolt made'));
    expect(summaries(data)).toEqual(['info /Prod/Data: Deadbolt made 2 changes to 1 resource in this stack.']);
    expect(summaries(safe)).toEqual([]);
  });
});
