import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  AspectPriority,
  Aspects,
  CfnDeletionPolicy,
  Duration,
  NestedStack,
  RemovalPolicies,
  RemovalPolicy,
  Stack,
  Stage,
  Validations,
  type IAspect,
} from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import { DataProtectionAcknowledgement, DataProtectionChecks, FindingSeverity } from '../../src';
import { ENV } from '../synth-helper';

function appWithChecks(props: ConstructorParameters<typeof DataProtectionChecks>[0] = {}) {
  // GIVEN an app with the checks on the App, as a user adds them
  const app = new App({ builtinCloudFormationValidation: false });
  const checks = new DataProtectionChecks(props);
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  return { app, checks };
}

function unsafeTable(scope: IConstruct, id = 'Table') {
  return new dynamodb.CfnTable(scope, id, {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
  });
}

describe('DataProtectionChecks', () => {
  test('adds one error annotation per finding, with rule id, why, fix and how to acknowledge', () => {
    const { app } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
    // WHEN
    const annotations = Annotations.fromStack(stack);
    // THEN
    annotations.hasError(
      '/Shop/Db/Resource',
      Match.stringLikeRegexp(
        String.raw`^RDS databases have deletion protection on\. DeletionProtection is not set \(CloudFormation default: false\)\. Why: .+ Fix: .*deletionProtection: true.* To accept the risk with a written reason: Validations\.of\(.*\)\.acknowledge\(\{ id: 'deadbolt::rds-deletion-protection'.*\(deadbolt::rds-deletion-protection\)$`,
      ),
    );
    annotations.hasError('/Shop/Db/Resource', Match.stringLikeRegexp('deadbolt::rds-automated-backups-retained'));
  });

  test('a safe resource gets no annotation', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    app.synth();
    expect(checks.findings.filter((f) => f.ruleId.startsWith('general-'))).toEqual([]);
  });

  test('judges the final values: RemovalPolicies.of(...).destroy() applied by a mutating aspect', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    RemovalPolicies.of(stack).destroy();
    app.synth();
    const f = checks.findings.find((x) => x.ruleId === 'general-deletion-policy');
    expect(f?.message).toBe('DeletionPolicy is Delete.');
    expect(f?.resource.path).toBe('Shop/Table/Resource');
  });

  test('judges the final values: an aspect added after the checks with a lower priority still counts', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    class Sneaky implements IAspect {
      visit(node: IConstruct) {
        if (node === table.node.defaultChild)
          (node as dynamodb.CfnTable).cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE;
      }
    }
    Aspects.of(stack).add(new Sneaky(), { priority: AspectPriority.MUTATING });
    app.synth();
    expect(checks.findings.map((f) => f.ruleId)).toContain('general-deletion-policy');
  });

  test('judges the final values: addPropertyOverride and cfnOptions', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const db = new rds.DatabaseInstance(stack, 'Db', {
      engine: rds.DatabaseInstanceEngine.POSTGRES,
      vpc,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cfn = db.node.defaultChild as rds.CfnDBInstance;
    cfn.addPropertyOverride('DeletionProtection', false);
    cfn.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
    app.synth();
    const at = checks.findings.filter((f) => f.resource.path === 'Shop/Db/Resource');
    expect(at.find((f) => f.ruleId === 'rds-deletion-protection')?.message).toBe(
      'DeletionProtection is false; it must be true.',
    );
    expect(at.find((f) => f.ruleId === 'general-update-replace-policy')?.message).toBe(
      'UpdateReplacePolicy is Delete.',
    );
  });

  test('reaches stacks inside Stages (and Stages inside Stages), and the findings land in the nested assemblies', () => {
    const { app, checks } = appWithChecks();
    const prod = new Stage(app, 'Prod', { env: ENV });
    const stack = new Stack(prod, 'Data');
    unsafeTable(stack);
    const inner = new Stage(prod, 'Inner');
    unsafeTable(new Stack(inner, 'More'), 'Other');
    const assembly = app.synth();
    expect(checks.findings.map((f) => f.resource.path)).toEqual(
      expect.arrayContaining(['Prod/Data/Table', 'Prod/Inner/More/Other']),
    );
    const messages = assembly.stacksRecursively.flatMap((s) =>
      s.messages.map((m) => `${m.level} ${m.id} ${String(m.entry.data)}`),
    );
    expect(
      messages.some(
        (m) => m.startsWith('error /Prod/Data/Table ') && m.includes('(deadbolt::general-deletion-policy)'),
      ),
    ).toBe(true);
    expect(
      messages.some(
        (m) => m.startsWith('error /Prod/Inner/More/Other ') && m.includes('(deadbolt::general-deletion-policy)'),
      ),
    ).toBe(true);
    // The nested assembly on disk carries the error too: this is what `cdk synth` reads.
    const dir = path.join(assembly.directory, 'assembly-Prod');
    const written = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.metadata.json'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('');
    expect(written).toContain('deadbolt::general-deletion-policy');
  });

  test('reaches nested stacks', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Parent', { env: ENV });
    const nested = new NestedStack(stack, 'Child');
    unsafeTable(nested);
    app.synth();
    expect(checks.findings.filter((f) => f.ruleId === 'general-deletion-policy').map((f) => f.resource.path)).toContain(
      'Parent/Child/Table',
    );
  });

  test('reaches resources from CfnInclude', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-'));
    const file = path.join(dir, 'legacy.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        Resources: {
          LegacyDb: {
            Type: 'AWS::RDS::DBInstance',
            Properties: { Engine: 'mysql', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20' },
          },
        },
      }),
    );
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Legacy', { env: ENV });
    new cfninc.CfnInclude(stack, 'Template', { templateFile: file });
    app.synth();
    expect(checks.findings.filter((f) => f.resource.logicalId === 'LegacyDb').map((f) => f.ruleId)).toContain(
      'rds-deletion-protection',
    );
  });

  test('an acknowledgement with a reason turns the error into info that shows the reason', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const table = unsafeTable(stack);
    Validations.of(table).acknowledge({
      id: 'deadbolt::general-deletion-policy',
      reason: 'Cache table, rebuilt from the orders stream.',
    });
    const annotations = Annotations.fromStack(stack);
    annotations.hasInfo(
      '/Shop/Table',
      Match.stringLikeRegexp(
        'deadbolt::general-deletion-policy.*Acknowledged at Shop/Table \\(no expiry: it holds until it is removed\\): Cache table, rebuilt',
      ),
    );
    annotations.hasError('/Shop/Table', Match.stringLikeRegexp('deadbolt::general-update-replace-policy'));
    expect(checks.findings.find((f) => f.ruleId === 'general-deletion-policy')?.severity).toBe('info');
  });

  test('an acknowledgement on a parent scope covers the resources below it', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    unsafeTable(stack);
    Validations.of(stack).acknowledge({ id: 'deadbolt::general-deletion-policy', reason: 'Sandbox stack.' });
    app.synth();
    expect(checks.findings.find((f) => f.ruleId === 'general-deletion-policy')?.acknowledged?.source).toBe('Shop');
  });

  test('an acknowledgement without a reason is refused and the error stays', () => {
    const { app } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const table = unsafeTable(stack);
    Validations.of(table).acknowledge({ id: 'deadbolt::general-deletion-policy', reason: ' ' });
    Annotations.fromStack(stack).hasError(
      '/Shop/Table',
      Match.stringLikeRegexp(
        'Acknowledgement refused: the acknowledgement of general-deletion-policy at Shop/Table has no reason.*\\(deadbolt::general-deletion-policy\\)$',
      ),
    );
    expect(() => DataProtectionAcknowledgement.add(table, { ruleId: 'general-deletion-policy', reason: '' })).toThrow(
      /needs a `reason`/,
    );
    expect(() =>
      DataProtectionAcknowledgement.add(table, {
        ruleId: 'general-deletion-policy',
        reason: '<why the risk is accepted>',
      }),
    ).toThrow(/a placeholder such as `<why …>` or `TODO` is not a reason/);
  });

  test('an expired acknowledgement is an error again; one that has not expired holds', () => {
    const { app, checks } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    DataProtectionAcknowledgement.add(unsafeTable(stack, 'Old'), {
      ruleId: 'deadbolt::general-deletion-policy',
      reason: 'Migration window.',
      expires: '2024-01-31',
    });
    // Within the maximum of 90 days ahead (the default `maximumAcknowledgementDays`).
    const soon = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    DataProtectionAcknowledgement.add(unsafeTable(stack, 'New'), {
      ruleId: 'general-deletion-policy',
      reason: 'Migration window.',
      expires: soon,
    });
    app.synth();
    const of = (p: string) =>
      checks.findings.find((f) => f.ruleId === 'general-deletion-policy' && f.resource.path === p)!;
    expect(of('Shop/Old')).toMatchObject({
      severity: 'error',
      acknowledgementRefused: expect.stringMatching(/expired on 2024-01-31/),
    });
    expect(of('Shop/New')).toMatchObject({ severity: 'info', acknowledged: { expires: soon } });
    expect(() =>
      DataProtectionAcknowledgement.add(stack, {
        ruleId: 'general-deletion-policy',
        reason: 'r',
        expires: 'next week',
      }),
    ).toThrow(/YYYY-MM-DD/);
  });

  test('non-production mode turns errors into warnings (explicitly, never from names)', () => {
    const { app } = appWithChecks({ nonProduction: true });
    const stack = new Stack(app, 'Sandbox', { env: ENV });
    unsafeTable(stack);
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Sandbox/Table', Match.stringLikeRegexp('deadbolt::general-deletion-policy'));
    annotations.hasNoError('*', Match.anyValue());
  });

  test('severity per rule and minimum retention are options', () => {
    const { app, checks } = appWithChecks({
      severities: [
        {
          ruleId: 'general-update-replace-policy',
          severity: FindingSeverity.OFF,
          reason: 'Replacements are blocked by the change set gate.',
        },
        { ruleId: 'deadbolt::general-deletion-policy', severity: FindingSeverity.WARNING },
      ],
      minimumBackupRetention: Duration.days(14),
    });
    const stack = new Stack(app, 'Shop', { env: ENV });
    unsafeTable(stack);
    app.synth();
    expect(checks.findings.find((f) => f.ruleId === 'general-update-replace-policy')).toBeUndefined();
    expect(checks.findings.find((f) => f.ruleId === 'general-deletion-policy')?.severity).toBe('warning');
    expect(() => new DataProtectionChecks({ minimumBackupRetention: Duration.hours(12) })).toThrow(
      /whole number of days/,
    );
  });

  test('synthesizing twice does not duplicate annotations', () => {
    const { app } = appWithChecks();
    const stack = new Stack(app, 'Shop', { env: ENV });
    unsafeTable(stack);
    app.synth();
    app.synth({ force: true });
    const errors = Annotations.fromStack(stack).findError(
      '/Shop/Table',
      Match.stringLikeRegexp('general-deletion-policy'),
    );
    expect(errors).toHaveLength(1);
  });

  test('added to one stack, it judges only that stack', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const a = new Stack(app, 'A', { env: ENV });
    const b = new Stack(app, 'B', { env: ENV });
    unsafeTable(a);
    unsafeTable(b);
    const checks = new DataProtectionChecks();
    Aspects.of(a).add(checks);
    app.synth();
    expect(new Set(checks.findings.map((f) => f.resource.stack))).toEqual(new Set(['A']));
  });
});
