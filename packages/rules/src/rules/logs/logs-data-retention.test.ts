import { App, Stack, Tags } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './logs-data-retention';

const DATA = [{ Key: 'deadbolt:data', Value: 'true' }];
const group = (props: Record<string, unknown>, tags: unknown = DATA): TemplateCase =>
  one('AWS::Logs::LogGroup', { ...props, ...(tags ? { Tags: tags } : {}) });

describe('logs-data-retention: Log groups tagged as data keep their events for at least the minimum retention', () => {
  test.each([
    ['1. three days', group({ RetentionInDays: 3 }), 'RetentionInDays is 3; it must be at least 7 days.'],
    ['2. one day, as a string', group({ RetentionInDays: '1' }), 'RetentionInDays is "1"; it must be at least 7 days.'],
  ])('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'logs-data-retention',
      severity: 'error',
      location: 'Properties/RetentionInDays',
      message,
    });
    expect(findings[0].fix).toBe(
      'Set `RetentionInDays: 7` (or more) on the resource, or remove it to keep events for good.',
    );
  });

  test('a retention chosen at deploy time fails closed', () => {
    const [f] = findingsOf(rule, {
      Parameters: { Days: { Type: 'Number', Default: 30 } },
      Resources: {
        Res: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: { Ref: 'Days' }, Tags: DATA } },
      },
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/cannot be proven at least 7 days: it is parameter "Days"/);
  });

  test.each([
    ['no retention (kept for good)', group({})],
    ['exactly the minimum', group({ RetentionInDays: 7 })],
    ['two years', group({ RetentionInDays: 731 })],
    ['an operational log group (not tagged as data)', group({ RetentionInDays: 1 }, null)],
    ['tagged deadbolt:data=false', group({ RetentionInDays: 1 }, [{ Key: 'deadbolt:data', Value: 'false' }])],
  ])('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the fix names the shortest period CloudWatch Logs accepts that meets the minimum', () => {
    const [f] = findingsOf(rule, group({ RetentionInDays: 7 }), {}, { minimumBackupRetentionDays: 10, idiom: 'cdk' });
    expect(f.message).toBe('RetentionInDays is 7; it must be at least 10 days.');
    expect(f.fix).toBe(
      'Pass `retention: RetentionDays.TWO_WEEKS` (or longer, or `RetentionDays.INFINITE`) to the `LogGroup`.',
    );
    const [beyond] = findingsOf(rule, group({ RetentionInDays: 3653 }), {}, { minimumBackupRetentionDays: 5000 });
    expect(beyond.fix).toBe('Set no `RetentionInDays` on the resource, or remove it to keep events for good.');
  });

  test('a CDK LogGroup tagged as data with a one-day retention; the CDK default (two years) passes', () => {
    const synth = (retention?: logs.RetentionDays) => {
      const app = new App();
      const stack = new Stack(app, 'Test');
      const g = new logs.LogGroup(stack, 'Audit', { retention });
      Tags.of(g).add('deadbolt:data', 'true');
      return app.synth().getStackByName('Test').template as TemplateCase;
    };
    expect(findingsOf(rule, synth(logs.RetentionDays.ONE_DAY)).map((f) => f.message)).toEqual([
      'RetentionInDays is 1; it must be at least 7 days.',
    ]);
    expect(findingsOf(rule, synth())).toEqual([]);
    expect(findingsOf(rule, synth(logs.RetentionDays.INFINITE))).toEqual([]);
  });

  test('Terraform: retention_in_days 0 keeps events for good; 3 is a finding', () => {
    const model = (days: number) =>
      providerModelOf([
        {
          id: 'aws_cloudwatch_log_group.audit',
          name: 'aws_cloudwatch_log_group.audit',
          type: 'aws_cloudwatch_log_group',
          inputs: { name: 'audit', retention_in_days: days, tags: { 'deadbolt:data': 'true' } },
        },
      ]);
    expect(evaluate(model(0), { rules: [rule] }).findings).toEqual([]);
    const [f] = evaluate(model(3), { rules: [rule], idiom: 'terraform' }).findings;
    expect(f.message).toBe('retention_in_days is 3; it must be at least 7 days.');
    expect(f.fix).toBe('Set `retention_in_days = 7` (or more), or remove it (0: kept for good).');
  });
});
