import { App, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './backup-plan-schedule';

const planRule = (name: string, schedule?: unknown, extra: Record<string, unknown> = {}) => ({
  RuleName: name,
  TargetBackupVault: 'Default',
  Lifecycle: { DeleteAfterDays: 35 },
  ...(schedule === undefined ? {} : { ScheduleExpression: schedule }),
  ...extra,
});
const plan = (rules: unknown, extra: Omit<TemplateCase, 'Resources'> = {}): TemplateCase => ({
  ...extra,
  Resources: {
    Res: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: rules } },
    },
  },
});
const NEVER =
  'The schedule of rule `Yearly` is `cron(0 0 31 2 ? *)`, which never fires: no month it names (February) has a day 31. The rule makes no recovery points and no copies.';

describe('backup-plan-schedule: Backup plans take a backup at least once a day', () => {
  const invalid: [string, TemplateCase, string[], string[]][] = [
    [
      '1. a weekly rule only',
      plan([planRule('Weekly', 'cron(0 5 ? * SAT *)')]),
      [
        'No rule of the plan takes a backup at least every 24 hours: rule `Weekly` (`cron(0 5 ? * SAT *)`) goes up to 7 days without a backup. Everything written since the last backup is lost with the resource.',
      ],
      ['Properties/BackupPlan/BackupPlanRule/0/ScheduleExpression'],
    ],
    [
      '2. February 31, beside a daily rule',
      plan([planRule('Daily', 'cron(0 3 * * ? *)'), planRule('Yearly', 'cron(0 0 31 2 ? *)')]),
      [NEVER],
      ['Properties/BackupPlan/BackupPlanRule/1/ScheduleExpression'],
    ],
    [
      '3. a year that has passed',
      plan([planRule('Daily', 'cron(0 3 * * ? 2020)')]),
      [
        'The schedule of rule `Daily` is `cron(0 3 * * ? 2020)`, which never fires: every year it names is past (2020). The rule makes no recovery points and no copies.',
      ],
      ['Properties/BackupPlan/BackupPlanRule/0/ScheduleExpression'],
    ],
    [
      '4. a rate expression',
      plan([planRule('Daily', 'rate(1 day)')]),
      [
        'The schedule of rule `Daily` is `rate(1 day)`, which cannot be read as a schedule AWS Backup takes: AWS Backup takes only cron expressions, not rate expressions. The rule makes no recovery points and no copies.',
      ],
      ['Properties/BackupPlan/BackupPlanRule/0/ScheduleExpression'],
    ],
    [
      '5. weekdays and a monthly rule, and one that never fires',
      plan([
        planRule('Weekdays', 'cron(0 5 ? * MON-FRI *)'),
        planRule('Monthly', 'cron(0 5 1 * ? *)'),
        planRule('Yearly', 'cron(0 0 31 2 ? *)'),
      ]),
      [
        NEVER,
        'No rule of the plan takes a backup at least every 24 hours: rule `Weekdays` (`cron(0 5 ? * MON-FRI *)`) goes up to 3 days without a backup; rule `Monthly` (`cron(0 5 1 * ? *)`) goes up to 31 days without a backup. Everything written since the last backup is lost with the resource.',
      ],
      [
        'Properties/BackupPlan/BackupPlanRule/2/ScheduleExpression',
        'Properties/BackupPlan/BackupPlanRule/0/ScheduleExpression',
      ],
    ],
    [
      '6. both day fields set',
      plan([planRule('Daily', 'cron(0 3 * * * *)')]),
      [
        'The schedule of rule `Daily` is `cron(0 3 * * * *)`, which cannot be read as a schedule AWS Backup takes: one of Day-of-month and Day-of-week must be `?`: AWS does not take both. The rule makes no recovery points and no copies.',
      ],
      ['Properties/BackupPlan/BackupPlanRule/0/ScheduleExpression'],
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, messages, locations) => {
    const findings = findingsOf(rule, template);
    expect(findings.map((f) => f.message)).toEqual(messages);
    expect(findings.map((f) => f.location)).toEqual(locations);
    for (const f of findings) {
      expect(f).toMatchObject({ ruleId: 'backup-plan-schedule', severity: 'error', resource: { logicalId: 'Res' } });
      expect(f.unresolved).toBeUndefined();
      expect(f.fix).toMatch(/^Set `ScheduleExpression: 'cron\(0 3 \* \* \? \*\)'`/);
    }
  });

  test.each([
    [
      'a parameter',
      plan([planRule('Daily', { Ref: 'Schedule' })], { Parameters: { Schedule: { Type: 'String' } } }),
      'The schedule of rule `Daily` is {"Ref":"Schedule"} and cannot be proven to fire: it is parameter "Schedule", chosen at deploy time.',
    ],
    [
      'a condition decided at deploy time, one of whose outcomes never fires',
      plan([planRule('Daily', { 'Fn::If': ['IsProd', 'cron(0 3 * * ? *)', 'cron(0 0 30 2 ? *)'] })], {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      }),
      'The schedule of rule `Daily` is {"Fn::If":["IsProd","cron(0 3 * * ? *)","cron(0 0 30 2 ? *)"]} and cannot be proven to fire: when IsProd=false, it is `cron(0 0 30 2 ? *)`, which never fires: no month it names (February) has a day 30.',
    ],
  ] as [string, TemplateCase, string][])('%s is an unresolved finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings.map((f) => [f.unresolved, f.message])).toEqual([[true, message]]);
  });

  test('a sparse rule beside one that cannot be read: the plan-wide finding is unresolved too', () => {
    const findings = findingsOf(
      rule,
      plan([planRule('Daily', { Ref: 'Schedule' }), planRule('Weekly', 'cron(0 5 ? * SUN *)')], {
        Parameters: { Schedule: { Type: 'String' } },
      }),
    );
    expect(findings.map((f) => [f.unresolved, f.message])).toEqual([
      [
        true,
        'The schedule of rule `Daily` is {"Ref":"Schedule"} and cannot be proven to fire: it is parameter "Schedule", chosen at deploy time.',
      ],
      [
        true,
        'No rule of the plan takes a backup at least every 24 hours: rule `Weekly` (`cron(0 5 ? * SUN *)`) goes up to 7 days without a backup. Everything written since the last backup is lost with the resource.',
      ],
    ]);
  });

  const valid: [string, TemplateCase][] = [
    ['a rule without a schedule (AWS Backup runs it daily at 05:00 UTC)', plan([planRule('Default')])],
    ['daily', plan([planRule('Daily', 'cron(0 3 * * ? *)')])],
    ['hourly', plan([planRule('Hourly', 'cron(15 * ? * * *)')])],
    [
      'a daily rule beside weekly, monthly and leap-day rules',
      plan([
        planRule('Daily', 'cron(0 3 * * ? *)'),
        planRule('Weekly', 'cron(0 5 ? * SAT *)'),
        planRule('Monthly', 'cron(0 5 L * ? *)'),
        planRule('LeapDay', 'cron(0 5 29 2 ? *)'),
      ]),
    ],
    [
      'a condition whose outcomes both fire daily',
      plan([planRule('Daily', { 'Fn::If': ['IsProd', 'cron(0 3 * * ? *)', 'cron(0 */12 * * ? *)'] })], {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      }),
    ],
    ['no rules', plan([])],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('CDK plans: BackupPlanRule.daily() passes; weekly() alone, and a cron on February 30, do not', () => {
    const synth = (...rules: backup.BackupPlanRule[]) => {
      const app = new App();
      const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
      const p = new backup.BackupPlan(stack, 'Plan');
      for (const r of rules) p.addRule(r);
      return app.synth().getStackByName('Test').template as TemplateCase;
    };
    expect(findingsOf(rule, synth(backup.BackupPlanRule.daily(), backup.BackupPlanRule.monthly1Year()))).toEqual([]);
    const weekly = findingsOf(rule, synth(backup.BackupPlanRule.weekly()), {}, { idiom: 'cdk' });
    expect(weekly.map((f) => f.message)).toEqual([
      'No rule of the plan takes a backup at least every 24 hours: rule `Weekly` (`cron(0 5 ? * SAT *)`) goes up to 7 days without a backup. Everything written since the last backup is lost with the resource.',
    ]);
    expect(weekly[0].fix).toMatch(/^Give at least one `BackupPlanRule` `scheduleExpression: events\.Schedule\.cron/);
    const never = findingsOf(
      rule,
      synth(
        backup.BackupPlanRule.daily(),
        new backup.BackupPlanRule({
          ruleName: 'Yearly',
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '0', day: '30', month: '2' }),
        }),
      ),
    );
    expect(never.map((f) => f.message)).toEqual([
      'The schedule of rule `Yearly` is `cron(0 0 30 2 ? *)`, which never fires: no month it names (February) has a day 30. The rule makes no recovery points and no copies.',
    ]);
  });

  test('Terraform plans: schedule is read; an empty schedule is AWS Backup’s daily default', () => {
    const model = (schedule: string) =>
      providerModelOf([
        {
          id: 'aws_backup_plan.p',
          name: 'aws_backup_plan.p',
          type: 'aws_backup_plan',
          inputs: {
            name: 'p',
            rule: [{ rule_name: 'yearly', target_vault_name: 'Default', schedule, lifecycle: [{ delete_after: 35 }] }],
          },
        },
      ]);
    const findings = evaluate(model('cron(0 0 31 2 ? *)'), { rules: [rule], idiom: 'terraform' }).findings;
    expect(findings.map((f) => f.message)).toEqual([
      'The schedule of rule `yearly` is `cron(0 0 31 2 ? *)`, which never fires: no month it names (February) has a day 31. The rule makes no recovery points and no copies.',
    ]);
    expect(findings[0].fix).toMatch(/^Set `schedule = "cron\(0 3 \* \* \? \*\)"`/);
    expect(evaluate(model(''), { rules: [rule] }).findings).toEqual([]);
  });

  test('Pulumi programs: a weekly schedule in the rules input', () => {
    const model = providerModelOf([
      {
        id: 'urn:p',
        name: 'plan',
        type: 'aws:backup/plan:Plan',
        inputs: {
          name: 'p',
          rules: [{ ruleName: 'weekly', targetVaultName: 'Default', schedule: 'cron(0 5 ? * SUN *)' }],
        },
      },
    ]);
    const findings = evaluate(model, { rules: [rule], idiom: 'pulumi' }).findings;
    expect(findings.map((f) => f.message)).toEqual([
      'No rule of the plan takes a backup at least every 24 hours: rule `weekly` (`cron(0 5 ? * SUN *)`) goes up to 7 days without a backup. Everything written since the last backup is lost with the resource.',
    ]);
    expect(findings[0].fix).toMatch(/^Set `schedule: 'cron\(0 3 \* \* \? \*\)'`/);
  });
});
