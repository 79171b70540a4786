import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { DataProtectionPlugin } from '../../src';
import { ENV } from '../synth-helper';

function unsafeTable(scope: IConstruct, id = 'Table') {
  return new dynamodb.CfnTable(scope, id, {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
  });
}

function appWithPlugin(props: ConstructorParameters<typeof DataProtectionPlugin>[0] = {}) {
  const app = new App({ builtinCloudFormationValidation: false });
  Validations.of(app).addPlugins(new DataProtectionPlugin(props));
  return app;
}

/** Synthesizes and returns the thrown validation report text, or '' when synthesis passed. */
function synthError(app: App): string {
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

function reportOf(app: App): any {
  const file = path.join(app.outdir, 'validation-report.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('DataProtectionPlugin', () => {
  test('fails synthesis and reports each finding with its construct path, fix and acknowledgement id', () => {
    const app = appWithPlugin();
    const stack = new Stack(app, 'Shop', { env: ENV });
    unsafeTable(stack);
    const message = synthError(app);
    expect(message).toMatch(/general-deletion-policy/);
    expect(message).toMatch(/Shop\/Table/);
    expect(message).toMatch(/deadbolt::general-deletion-policy/);
    const report = reportOf(app);
    const text = JSON.stringify(report);
    expect(text).toContain('"pluginName":"deadbolt"');
    expect(text).toContain('general-update-replace-policy');
  });

  test('two resources breaking one rule: each finding shows its own construct path, fix and acknowledgement', () => {
    const app = appWithPlugin();
    const stack = new Stack(app, 'Shop', { env: ENV });
    unsafeTable(stack, 'Orders');
    unsafeTable(stack, 'Carts');
    const message = synthError(app);

    const report = reportOf(app);
    const deadbolt = report.pluginReports.find((r: any) => r.pluginName === 'deadbolt');
    const violations = deadbolt.violations.filter((v: any) => v.ruleName === 'general-deletion-policy');
    expect(violations.map((v: any) => v.violatingConstructs.map((c: any) => c.constructPath))).toEqual([
      ['Shop/Orders'],
      ['Shop/Carts'],
    ]);
    for (const v of violations) {
      const own = v.violatingConstructs[0].constructPath;
      const other = own === 'Shop/Orders' ? 'Shop/Carts' : 'Shop/Orders';
      expect(v.suggestedFix).toContain(
        `Validations.of(<construct at ${own}>).acknowledge({ id: 'deadbolt::general-deletion-policy'`,
      );
      expect(v.suggestedFix).not.toContain(other);
      expect(v.violatingConstructs[0].cloudFormationResource.propertyPaths).toEqual(['DeletionPolicy']);
    }

    // The text CDK prints: each occurrence is followed by its own acknowledgement path.
    const blocks = message
      .split(/\n\s*\n/)
      .filter((b) => b.includes('(deadbolt)') && b.includes('general-deletion-policy'));
    const cartsBlock = blocks.find((b) => /^\s*Shop\/Carts /m.test(b));
    expect(cartsBlock).toContain('Validations.of(<construct at Shop/Carts>)');
    expect(cartsBlock).not.toContain('Shop/Orders');
  });

  test('an acknowledgement on one of two resources leaves the other reported under its own path', () => {
    const app = appWithPlugin();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const orders = unsafeTable(stack, 'Orders');
    unsafeTable(stack, 'Carts');
    Validations.of(orders).acknowledge({
      id: 'deadbolt::general-deletion-policy',
      reason: 'Rebuilt nightly from the ledger.',
    });
    synthError(app);
    const deadbolt = reportOf(app).pluginReports.find((r: any) => r.pluginName === 'deadbolt');
    const open = deadbolt.violations.filter((v: any) => v.ruleName === 'general-deletion-policy');
    expect(open.map((v: any) => v.violatingConstructs.map((c: any) => c.constructPath))).toEqual([['Shop/Carts']]);
    expect(open[0].suggestedFix).toContain('<construct at Shop/Carts>');
    expect(JSON.stringify(deadbolt)).toContain('Rebuilt nightly from the ledger.');
  });

  test('judges nested stack templates, which CDK does not hand to plugins', () => {
    const app = appWithPlugin();
    const stack = new Stack(app, 'Parent', { env: ENV });
    unsafeTable(new NestedStack(stack, 'Child'), 'Deep');
    const message = synthError(app);
    expect(message).toMatch(/Parent\/Child\/Deep/);
  });

  test('judges stacks inside Stages', () => {
    const app = appWithPlugin();
    const stage = new Stage(app, 'Prod', { env: ENV });
    unsafeTable(new Stack(stage, 'Data'));
    expect(synthError(app)).toMatch(/Prod\/Data\/Table/);
  });

  test('a safe app passes', () => {
    const app = appWithPlugin({ severities: [] });
    const stack = new Stack(app, 'Shop', { env: ENV, terminationProtection: true });
    new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Findings may remain (no isolated copy, PITR); only the removal rules are asserted absent.
    const message = synthError(app);
    expect(message).not.toMatch(/general-deletion-policy|general-update-replace-policy/);
  });

  test("CDK's native acknowledgement suppresses a finding; one without a reason is refused", () => {
    const app = appWithPlugin();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const ok = unsafeTable(stack, 'Ok');
    const bad = unsafeTable(stack, 'Bad');
    Validations.of(ok).acknowledge({
      id: 'deadbolt::general-deletion-policy',
      reason: 'Cache, rebuilt from the stream.',
    });
    Validations.of(bad).acknowledge({ id: 'deadbolt::general-deletion-policy', reason: '' });
    synthError(app);
    const text = JSON.stringify(reportOf(app));
    expect(text).toMatch(/general-deletion-policy\[acknowledgement-refused\]/);
    expect(text).toContain('Cache, rebuilt from the stream.');
  });

  test('non-production mode reports warnings and lets synthesis pass', () => {
    const app = appWithPlugin({ nonProduction: true });
    unsafeTable(new Stack(app, 'Sandbox', { env: ENV }));
    expect(synthError(app)).toBe('');
  });
});
