import { App, Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './backup-plan-retention';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const DR = 'arn:aws:backup:us-west-2:111111111111:backup-vault:dr';
const planRule = (name: string, deleteAfter?: unknown, extra: Record<string, unknown> = {}) => ({
  RuleName: name,
  TargetBackupVault: { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] },
  ...(deleteAfter === undefined ? {} : { Lifecycle: { DeleteAfterDays: deleteAfter } }),
  ...extra,
});
const plan = (rules: unknown, extra: Omit<TemplateCase, 'Resources'> = {}): TemplateCase => ({
  ...extra,
  Resources: {
    Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'local' } },
    Res: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: rules } },
    },
  },
});

describe('backup-plan-retention: Backup plans keep recovery points and copies for at least the minimum retention', () => {
  const invalid: [string, TemplateCase, string[]][] = [
    [
      '1. one rule kept 3 days',
      plan([planRule('Daily', 3)]),
      [
        'No rule of the plan keeps its recovery points for 7 days: rule `Daily` deletes them after 3 days. Data lost or corrupted earlier than that cannot be restored from this plan.',
      ],
    ],
    [
      '2. every rule short',
      plan([planRule('Hourly', 1), planRule('Daily', '5')]),
      [
        'No rule of the plan keeps its recovery points for 7 days: rule `Hourly` deletes them after 1 day; rule `Daily` deletes them after 5 days. Data lost or corrupted earlier than that cannot be restored from this plan.',
      ],
    ],
    [
      '3. copies to another account kept a day',
      plan([
        planRule('Daily', 35, {
          CopyActions: [{ DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 1 } }],
        }),
      ]),
      [
        `No copies to ${CENTRAL} are kept for 7 days: the copy of rule \`Daily\` is deleted after 1 day. A loss noticed later than that cannot be restored from that destination.`,
      ],
    ],
    [
      '4. a short rule whose copy takes its lifecycle',
      plan([planRule('Daily', 2, { CopyActions: [{ DestinationBackupVaultArn: CENTRAL }] })]),
      [
        'No rule of the plan keeps its recovery points for 7 days: rule `Daily` deletes them after 2 days. Data lost or corrupted earlier than that cannot be restored from this plan.',
        `No copies to ${CENTRAL} are kept for 7 days: the copy of rule \`Daily\` is deleted after 2 days (the rule's lifecycle: the copy action has none). A loss noticed later than that cannot be restored from that destination.`,
      ],
    ],
    [
      '5. a destination that only gets short copies, beside one that keeps them',
      plan([
        planRule('Daily', 35, {
          CopyActions: [
            { DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 35 } },
            {
              DestinationBackupVaultArn: { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] },
              Lifecycle: { DeleteAfterDays: 3 },
            },
          ],
        }),
      ]),
      [
        'No copies to vault Vault are kept for 7 days: the copy of rule `Daily` is deleted after 3 days. A loss noticed later than that cannot be restored from that destination.',
      ],
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, messages) => {
    const findings = findingsOf(rule, template);
    expect(findings.map((f) => f.message)).toEqual(messages);
    for (const f of findings) {
      expect(f).toMatchObject({ ruleId: 'backup-plan-retention', severity: 'error', resource: { logicalId: 'Res' } });
      expect(f.unresolved).toBeUndefined();
      expect(f.fix).toMatch(/DeleteAfterDays: 7/);
    }
    expect(findings[0].location).toMatch(
      /^Properties\/BackupPlan\/BackupPlanRule\/0\/(CopyActions\/\d\/)?Lifecycle\/DeleteAfterDays$/,
    );
  });

  test.each([
    [
      'a retention chosen at deploy time',
      plan([planRule('Daily', { Ref: 'Days' })], { Parameters: { Days: { Type: 'Number', Default: 35 } } }),
      /rule `Daily` deletes them after \{"Ref":"Days"\} days, which cannot be read before deployment \(it is parameter "Days"/,
    ],
    [
      'rules that cannot be read',
      plan({ Ref: 'Rules' }, { Parameters: { Rules: { Type: 'String' } } }),
      /^The plan's rules are \{"Ref":"Rules"\} and cannot be proven to keep recovery points for 7 days/,
    ],
  ] as [string, TemplateCase, RegExp][])('%s is an unresolved finding', (_name, template, message) => {
    const [f, ...rest] = findingsOf(rule, template);
    expect(rest).toEqual([]);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(message);
  });

  const valid: [string, TemplateCase][] = [
    ['a rule without a lifecycle (kept until deleted by hand)', plan([planRule('Daily')])],
    ['DeleteAfterDays -1 (indefinitely)', plan([planRule('Daily', -1)])],
    ['exactly the minimum', plan([planRule('Daily', 7)])],
    [
      'an hourly rule kept a day beside a daily rule kept 35 days',
      plan([planRule('Hourly', 1), planRule('Daily', 35)]),
    ],
    [
      'short copies to a destination that also gets long ones',
      plan([
        planRule('Hourly', 35, {
          CopyActions: [{ DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 1 } }],
        }),
        planRule('Daily', 35, {
          CopyActions: [{ DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 90 } }],
        }),
      ]),
    ],
    [
      'a copy without a lifecycle, of a rule kept 35 days',
      plan([planRule('Daily', 35, { CopyActions: [{ DestinationBackupVaultArn: DR }] })]),
    ],
    ['no rules', plan([])],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the minimum comes from the options; continuous backups count with it capped at 35 days', () => {
    const t = plan([planRule('Daily', 35)]);
    expect(findingsOf(rule, t, {}, { minimumBackupRetentionDays: 35 })).toEqual([]);
    expect(findingsOf(rule, t, {}, { minimumBackupRetentionDays: 60 })[0].message).toMatch(
      /^No rule of the plan keeps its recovery points for 60 days: rule `Daily` deletes them after 35 days\./,
    );
    const continuous = plan([planRule('Pitr', 35, { EnableContinuousBackup: true })]);
    expect(findingsOf(rule, continuous, {}, { minimumBackupRetentionDays: 60 })).toEqual([]);
    expect(
      findingsOf(
        rule,
        plan([planRule('Pitr', 3, { EnableContinuousBackup: true })]),
        {},
        { minimumBackupRetentionDays: 60 },
      )[0].message,
    ).toMatch(/rule `Pitr` deletes them after 3 days \(continuous backup, at most 35 days\)/);
  });

  test('CDK plans: the daily 35-day plan passes, a rule kept 3 days does not', () => {
    const synth = (build: (p: backup.BackupPlan) => void) => {
      const app = new App();
      const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
      const p = new backup.BackupPlan(stack, 'Plan');
      build(p);
      return app.synth().getStackByName('Test').template as TemplateCase;
    };
    expect(
      findingsOf(
        rule,
        synth((p) => p.addRule(backup.BackupPlanRule.daily())),
      ),
    ).toEqual([]);
    const [f, ...rest] = findingsOf(
      rule,
      synth((p) => p.addRule(new backup.BackupPlanRule({ ruleName: 'Short', deleteAfter: Duration.days(3) }))),
      {},
      { idiom: 'cdk' },
    );
    expect(rest).toEqual([]);
    expect(f.message).toMatch(/rule `Short` deletes them after 3 days/);
    expect(f.fix).toMatch(/deleteAfter: Duration\.days\(7\)/);
  });

  test('Terraform plans: delete_after is read; 0 (unset) keeps recovery points', () => {
    const model = (deleteAfter: number, copyDeleteAfter: number) =>
      providerModelOf([
        { id: 'aws_backup_vault.v', name: 'aws_backup_vault.v', type: 'aws_backup_vault', inputs: { name: 'v' } },
        {
          id: 'aws_backup_plan.p',
          name: 'aws_backup_plan.p',
          type: 'aws_backup_plan',
          inputs: {
            name: 'p',
            rule: [
              {
                rule_name: 'daily',
                target_vault_name: 'v',
                lifecycle: [{ delete_after: deleteAfter, cold_storage_after: 0 }],
                copy_action: [{ destination_vault_arn: CENTRAL, lifecycle: [{ delete_after: copyDeleteAfter }] }],
              },
            ],
          },
        },
      ]);
    const findings = evaluate(model(3, 90), { rules: [rule], idiom: 'terraform' }).findings;
    expect(findings.map((f) => f.message)).toEqual([
      'No rule of the backup plan keeps its recovery points for 7 days: rule `daily` deletes them after 3 days. Data lost or corrupted earlier than that cannot be restored from this plan.',
    ]);
    expect(findings[0].fix).toMatch(/^Set `lifecycle \{ delete_after = 7 \}`/);
    expect(evaluate(model(0, 0), { rules: [rule] }).findings).toEqual([]);
  });
});
