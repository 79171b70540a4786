import * as fs from 'fs';
import * as path from 'path';
import { App, AspectPriority, Aspects, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { DataProtectionAcknowledgement, DataProtectionChecks, DataProtectionPlugin } from '../../src';
import { ENV } from '../synth-helper';

function unsafeTable(scope: IConstruct, id = 'Table') {
  return new dynamodb.CfnTable(scope, id, {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
  });
}

interface Violation {
  readonly ruleName: string;
  readonly severity: string;
  readonly description: string;
  readonly constructs: string[];
}

/** Synthesizes once; the plugin's violations from `validation-report.json` (after CDK applied acknowledgements), and whether synthesis failed. */
function synthPlugin(app: App): { failed: boolean; conclusion: string; violations: Violation[] } {
  let failed = false;
  try {
    app.synth();
  } catch {
    failed = true;
  }
  const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8'));
  const deadbolt = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'deadbolt');
  return {
    failed,
    conclusion: deadbolt.conclusion,
    violations: deadbolt.violations.map(
      (v: {
        ruleName: string;
        severity: string;
        description: string;
        violatingConstructs: { constructPath: string }[];
      }) => ({
        ruleName: v.ruleName,
        severity: v.severity,
        description: v.description,
        constructs: v.violatingConstructs.map((c) => c.constructPath),
      }),
    ),
  };
}

const named = (r: { violations: Violation[] }, ruleName: string) => r.violations.filter((v) => v.ruleName === ruleName);

describe('a refused acknowledgement cannot be acknowledged away', () => {
  test('plugin: an expired acknowledgement is fatal, and acknowledging the id CDK prints for it changes nothing', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DataProtectionPlugin());
    const stack = new Stack(app, 'Shop', { env: ENV, terminationProtection: true });
    const table = unsafeTable(stack);
    DataProtectionAcknowledgement.add(table, {
      ruleId: 'general-deletion-policy',
      reason: 'Scratch table.',
      expires: '2020-01-01',
    });
    // What CDK's report suggests for a suppressible violation of that rule name.
    Validations.of(table).acknowledge({
      id: 'deadbolt::general-deletion-policy[acknowledgement-refused]',
      reason: 'following the hint',
    });
    const result = synthPlugin(app);
    expect(result).toMatchObject({ failed: true, conclusion: 'failure' });
    const refused = named(result, 'general-deletion-policy[acknowledgement-refused]');
    expect(refused).toHaveLength(1);
    expect(refused[0].severity).toBe('fatal');
    expect(refused[0].constructs).toEqual(['Shop/Table']);
    expect(refused[0].description).toContain(
      '`deadbolt::general-deletion-policy[acknowledgement-refused]` at Shop/Table acknowledges a refused acknowledgement, which Deadbolt never accepts: remove it, and acknowledge `deadbolt::general-deletion-policy` with a written reason',
    );
  });

  test('plugin: an acknowledgement without a reason is fatal even in non-production mode, where findings are warnings', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DataProtectionPlugin({ nonProduction: true }));
    const stack = new Stack(app, 'Sandbox', { env: ENV, terminationProtection: true });
    const table = unsafeTable(stack);
    Validations.of(table).acknowledge({ id: 'deadbolt::general-deletion-policy', reason: '' });
    const result = synthPlugin(app);
    expect(result).toMatchObject({ failed: true, conclusion: 'failure' });
    const refused = named(result, 'general-deletion-policy[acknowledgement-refused]');
    expect(refused.map((v) => v.severity)).toEqual(['fatal']);
    expect(refused[0].description).toMatch(/Acknowledgement refused .*has no reason/);
    // The findings without an acknowledgement stay warnings.
    expect(named(result, 'general-update-replace-policy').map((v) => v.severity)).toEqual(['warning']);
  });

  test('plugin: a valid acknowledgement still suppresses the finding beside a stray refused id', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new DataProtectionPlugin());
    const stack = new Stack(app, 'Shop', { env: ENV, terminationProtection: true });
    const table = unsafeTable(stack);
    Validations.of(table).acknowledge({ id: 'deadbolt::general-deletion-policy', reason: 'Cache, rebuilt nightly.' });
    Validations.of(table).acknowledge({
      id: 'deadbolt::general-deletion-policy[acknowledgement-refused]',
      reason: 'left over',
    });
    const result = synthPlugin(app);
    expect(named(result, 'general-deletion-policy')).toEqual([]);
    expect(named(result, 'general-deletion-policy[acknowledgement-refused]')).toEqual([]);
    expect(named(result, 'general-update-replace-policy').map((v) => v.constructs)).toEqual([['Shop/Table']]);
  });

  test('aspect: the error stays and names the attempt; CDK cannot suppress an error annotation', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const checks = new DataProtectionChecks();
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
    const stack = new Stack(app, 'Shop', { env: ENV, terminationProtection: true });
    const table = unsafeTable(stack);
    Validations.of(table).acknowledge({ id: 'deadbolt::general-deletion-policy', reason: '' });
    Validations.of(table).acknowledge({
      id: 'deadbolt::general-deletion-policy[acknowledgement-refused]',
      reason: 'following the hint',
    });
    Annotations.fromStack(stack).hasError(
      '/Shop/Table',
      Match.stringLikeRegexp(
        'Acknowledgement refused: `deadbolt::general-deletion-policy\\[acknowledgement-refused\\]` at Shop/Table acknowledges a refused acknowledgement.*\\(deadbolt::general-deletion-policy\\)$',
      ),
    );
    const finding = checks.findings.find((f) => f.ruleId === 'general-deletion-policy');
    expect(finding).toMatchObject({ severity: 'error', acknowledged: undefined });
  });
});
