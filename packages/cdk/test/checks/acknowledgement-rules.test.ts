/**
 * The rules every acknowledgement follows, in both CDK front ends alike (the
 * `DataProtectionChecks` aspect and the `DataProtectionPlugin`): bound to a
 * construct path; one id form (`deadbolt::<rule>`); an id the catalogue does
 * not have is refused with the closest id; an expiry at most
 * `maximumAcknowledgementDays` ahead. Real apps, synthesized with aws-cdk-lib.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Annotations, App, AspectPriority, Aspects, Stack, Validations } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import {
  DataProtectionAcknowledgement,
  DataProtectionChecks,
  DataProtectionPlugin,
  type DataProtectionOptions,
} from '../../src';
import { ENV } from '../synth-helper';

const RULE = 'general-deletion-policy';
const DAY = 24 * 3600 * 1000;
/** `YYYY-MM-DD`, `days` from today (UTC). */
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

function unsafeTable(scope: IConstruct, id = 'Table') {
  return new dynamodb.CfnTable(scope, id, {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
  });
}

/** The aspect: the finding of RULE on each table, after synthesis. */
function withChecks(build: (stack: Stack) => void, options: DataProtectionOptions = {}) {
  const app = new App({ builtinCloudFormationValidation: false });
  const checks = new DataProtectionChecks(options);
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  const stack = new Stack(app, 'Shop', { env: ENV });
  build(stack);
  const annotations = AssertAnnotations.fromStack(stack);
  const finding = (p: string) => checks.findings.find((f) => f.ruleId === RULE && f.resource.path === p)!;
  return { annotations, finding };
}

/** The plugin: the validation report's violations after synthesis (which fails on any error). */
function withPlugin(build: (stack: Stack) => void, options: DataProtectionOptions = {}) {
  const app = new App({ builtinCloudFormationValidation: false });
  Validations.of(app).addPlugins(new DataProtectionPlugin(options));
  build(new Stack(app, 'Shop', { env: ENV }));
  let failed = false;
  try {
    app.synth();
  } catch {
    failed = true;
  }
  const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8'));
  const violations: Array<{ ruleName: string; severity: string; description: string; paths: string[] }> = [];
  for (const plugin of report.pluginReports ?? [])
    for (const v of plugin.violations ?? [])
      violations.push({
        ruleName: v.ruleName,
        severity: v.severity,
        description: v.description,
        paths: (v.violatingConstructs ?? []).map((c: { constructPath: string }) => c.constructPath),
      });
  /** The violations of RULE (refused or not) reported at a construct path. */
  const at = (p: string) => violations.filter((v) => v.ruleName.startsWith(RULE) && v.paths.includes(p));
  return { failed, violations, at, text: JSON.stringify(report) };
}

describe('acknowledgements in the CDK front ends', () => {
  describe('bound to the construct path', () => {
    test('an acknowledgement on one construct leaves a sibling of the same id under another parent reported', () => {
      const build = (stack: Stack) => {
        const a = unsafeTable(new Construct(stack, 'A'), 'Orders');
        unsafeTable(new Construct(stack, 'B'), 'Orders');
        Validations.of(a).acknowledge({ id: `deadbolt::${RULE}`, reason: 'A cache, rebuilt from the stream.' });
      };
      const { finding } = withChecks(build);
      expect(finding('Shop/A/Orders')).toMatchObject({ severity: 'info' });
      expect(finding('Shop/B/Orders')).toMatchObject({ severity: 'error' });
      const plugin = withPlugin(build);
      expect(plugin.at('Shop/A/Orders')).toEqual([]);
      expect(plugin.at('Shop/B/Orders')).toEqual([expect.objectContaining({ ruleName: RULE, severity: 'error' })]);
    });
  });

  describe('one id form: `deadbolt::<rule>`', () => {
    const bare = (stack: Stack) => {
      const t = unsafeTable(stack);
      Validations.of(t).acknowledge({ id: RULE, reason: 'A cache, rebuilt from the stream.' });
    };
    const written = `write \`{ id: 'deadbolt::${RULE}', reason: '…' }\`, the one form the CDK checks and plugin accept.`;

    test('the aspect refuses a rule id without the prefix, saying the form to write', () => {
      const { annotations, finding } = withChecks(bare);
      expect(finding('Shop/Table')).toMatchObject({
        severity: 'error',
        acknowledgementRefused: expect.stringContaining(written),
      });
      annotations.hasError(
        '/Shop/Table',
        Match.stringLikeRegexp(`Acknowledgement refused: .*without the \`deadbolt::\` prefix`),
      );
    });

    test('the plugin refuses it too, as fatal, saying the same', () => {
      const plugin = withPlugin(bare);
      expect(plugin.failed).toBe(true);
      expect(plugin.at('Shop/Table')).toEqual([
        expect.objectContaining({
          ruleName: `${RULE}[acknowledgement-refused]`,
          severity: 'fatal',
          description: expect.stringContaining(written),
        }),
      ]);
    });

    test('`DataProtectionAcknowledgement.add` takes the id with or without the prefix and records the accepted form', () => {
      const build = (stack: Stack) => {
        DataProtectionAcknowledgement.add(unsafeTable(stack, 'One'), { ruleId: RULE, reason: 'Cache.' });
        DataProtectionAcknowledgement.add(unsafeTable(stack, 'Two'), { ruleId: `deadbolt::${RULE}`, reason: 'Cache.' });
      };
      const { finding } = withChecks(build);
      expect([finding('Shop/One').severity, finding('Shop/Two').severity]).toEqual(['info', 'info']);
      const plugin = withPlugin(build);
      expect([...plugin.at('Shop/One'), ...plugin.at('Shop/Two')]).toEqual([]);
    });
  });

  describe('an unknown rule id is refused, with the closest id', () => {
    const misspelt = (stack: Stack) => {
      const t = unsafeTable(stack);
      Validations.of(t).acknowledge({ id: 'deadbolt::general-deletion-polcy', reason: 'A cache.' });
    };
    const problem =
      '`deadbolt::general-deletion-polcy` names an unknown rule id "general-deletion-polcy"; did you mean `deadbolt::general-deletion-policy`?';

    test('the aspect: an error annotation on the construct that holds it', () => {
      const { annotations, finding } = withChecks(misspelt);
      annotations.hasError(
        '/Shop/Table',
        Match.stringLikeRegexp(`^Acknowledgement refused: ${escape(problem)}.*\\(deadbolt::unknown-rule-id\\)`),
      );
      expect(finding('Shop/Table').severity).toBe('error');
    });

    test('the plugin: a fatal violation at the construct', () => {
      const plugin = withPlugin(misspelt);
      expect(plugin.failed).toBe(true);
      expect(plugin.violations).toContainEqual({
        ruleName: 'unknown-rule-id',
        severity: 'fatal',
        description: expect.stringContaining(problem),
        paths: ['Shop/Table'],
      });
    });

    test('an unprefixed near-miss is reported too; ids of other plugins and CDK annotations are not', () => {
      const build = (stack: Stack) => {
        const t = unsafeTable(stack);
        Validations.of(t).acknowledge({ id: 'general-deletion-polcy', reason: 'A cache.' });
        Validations.of(t).acknowledge({ id: 'CloudFormation-Validate::W3011', reason: 'Checked by hand.' });
        Annotations.of(t).acknowledgeWarning('@aws-cdk/aws-dynamodb:someWarning', 'Not ours.');
      };
      const { annotations } = withChecks(build);
      annotations.hasError(
        '/Shop/Table',
        Match.stringLikeRegexp('did you mean `deadbolt::general-deletion-policy`\\?.*\\(deadbolt::unknown-rule-id\\)'),
      );
      const plugin = withPlugin(build);
      expect(plugin.violations.filter((v) => v.ruleName === 'unknown-rule-id')).toHaveLength(1);
    });

    test('`DataProtectionAcknowledgement.add` refuses it when it is called', () => {
      const stack = new Stack(new App(), 'Shop');
      expect(() =>
        DataProtectionAcknowledgement.add(unsafeTable(stack), { ruleId: 'general-deletion-polcy', reason: 'Cache.' }),
      ).toThrow(
        'Acknowledging at Shop/Table: unknown rule id "general-deletion-polcy"; did you mean `general-deletion-policy`? (`npx deadbolt rules` lists them)',
      );
    });
  });

  describe('a maximum expiry, stated in the refusal', () => {
    const dated = (days: number) => (stack: Stack) => {
      DataProtectionAcknowledgement.add(unsafeTable(stack), {
        ruleId: RULE,
        reason: 'Migration.',
        expires: inDays(days),
      });
    };

    test('90 days ahead by default: further is refused in the aspect and the plugin, and the refusal says the maximum', () => {
      const { finding } = withChecks(dated(200));
      expect(finding('Shop/Table')).toMatchObject({
        severity: 'error',
        acknowledgementRefused: expect.stringMatching(
          new RegExp(
            `expires on ${inDays(200)}, more than 90 days ahead, the maximum \\(\`maximumAcknowledgementDays\`\\)`,
          ),
        ),
      });
      expect(withChecks(dated(60)).finding('Shop/Table').severity).toBe('info');
      const plugin = withPlugin(dated(200));
      expect(plugin.at('Shop/Table')).toEqual([
        expect.objectContaining({
          ruleName: `${RULE}[acknowledgement-refused]`,
          severity: 'fatal',
          description: expect.stringContaining('more than 90 days ahead, the maximum'),
        }),
      ]);
      expect(withPlugin(dated(60)).at('Shop/Table')).toEqual([]);
    });

    test('`maximumAcknowledgementDays` sets it, from 1 to 365', () => {
      expect(withChecks(dated(200), { maximumAcknowledgementDays: 365 }).finding('Shop/Table').severity).toBe('info');
      expect(withChecks(dated(20), { maximumAcknowledgementDays: 14 }).finding('Shop/Table')).toMatchObject({
        severity: 'error',
        acknowledgementRefused: expect.stringContaining('more than 14 days ahead'),
      });
      expect(withPlugin(dated(200), { maximumAcknowledgementDays: 365 }).at('Shop/Table')).toEqual([]);
      for (const bad of [0, 366, 1.5]) {
        expect(() => new DataProtectionChecks({ maximumAcknowledgementDays: bad })).toThrow(
          `DataProtectionChecks: \`maximumAcknowledgementDays\` must be a whole number of days from 1 to 365; got ${bad}.`,
        );
      }
    });

    test('an acknowledgement without an expiry holds, and its annotation says it never expires', () => {
      const { annotations, finding } = withChecks((stack) => {
        Validations.of(unsafeTable(stack)).acknowledge({ id: `deadbolt::${RULE}`, reason: 'A cache.' });
      });
      expect(finding('Shop/Table')).toMatchObject({ severity: 'info', acknowledged: { expires: undefined } });
      annotations.hasInfo('/Shop/Table', Match.stringLikeRegexp('no expiry: it holds until it is removed'));
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
