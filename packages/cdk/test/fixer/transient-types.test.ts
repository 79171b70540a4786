import { App, AspectPriority, Aspects, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { DataProtectionChecks, ProtectStatefulResources } from '../../src';
import { ENV, ofRule } from '../synth-helper';

describe('ProtectStatefulResources follows the catalogue: transient types are not retained', () => {
  function fixed(build: (stack: Stack) => void) {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Workers', { env: ENV, terminationProtection: true });
    build(stack);
    const fixer = new ProtectStatefulResources();
    Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
    const checks = new DataProtectionChecks();
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
    app.synth();
    return { fixer, checks, template: Template.fromStack(stack) };
  }

  test('a queue, a log group, a secret and a stream are left as declared: the checks rate them warnings, and retaining them would leave orphans after `cdk destroy`', () => {
    const { template, fixer, checks } = fixed((stack) => {
      new sqs.Queue(stack, 'Jobs', { queueName: 'jobs' });
      new logs.LogGroup(stack, 'AppLogs', { removalPolicy: RemovalPolicy.DESTROY });
      new secretsmanager.Secret(stack, 'ApiKey');
      new kinesis.Stream(stack, 'Events', { removalPolicy: RemovalPolicy.DESTROY });
    });
    for (const type of [
      'AWS::SQS::Queue',
      'AWS::Logs::LogGroup',
      'AWS::SecretsManager::Secret',
      'AWS::Kinesis::Stream',
    ])
      template.hasResource(type, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    expect(fixer.changes).toEqual([]);
    const left = ofRule(checks.findings, 'general-deletion-policy');
    expect(left.map((f) => f.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
  });

  test('one tagged `deadbolt:data=true` (as the catalogue reads it) is data: retained, and the checks find no error', () => {
    const { template, fixer, checks } = fixed((stack) => {
      const audit = new logs.LogGroup(stack, 'AuditLogs', { removalPolicy: RemovalPolicy.DESTROY });
      Tags.of(audit).add('deadbolt:data', 'true');
      new logs.LogGroup(stack, 'DebugLogs', { removalPolicy: RemovalPolicy.DESTROY });
    });
    const groups = template.findResources('AWS::Logs::LogGroup');
    const policies = Object.values(groups).map((r) => `${JSON.stringify(r.Properties.Tags ?? [])} ${r.DeletionPolicy}`);
    expect(policies.sort()).toEqual(['[] Delete', '[{"Key":"deadbolt:data","Value":"true"}] Retain']);
    expect(fixer.changes.map((c) => `${c.path} ${c.property}`)).toEqual([
      'Workers/AuditLogs/Resource DeletionPolicy',
      'Workers/AuditLogs/Resource UpdateReplacePolicy',
      // logs-data-deletion-protection judges a log group tagged as data.
      'Workers/AuditLogs/Resource DeletionProtectionEnabled',
    ]);
    expect(ofRule(checks.findings, 'general-deletion-policy').map((f) => `${f.resource.path} ${f.severity}`)).toEqual([
      'Workers/DebugLogs/Resource warning',
    ]);
  });
});
