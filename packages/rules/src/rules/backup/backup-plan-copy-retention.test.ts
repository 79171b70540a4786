import { App, Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './backup-plan-copy-retention';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const planRule = (name: string, deleteAfter: unknown, copyActions: unknown[]) => ({
  RuleName: name,
  TargetBackupVault: 'Default',
  ...(deleteAfter === undefined ? {} : { Lifecycle: { DeleteAfterDays: deleteAfter } }),
  CopyActions: copyActions,
});
const copy = (lifecycle?: Record<string, unknown>, destination: unknown = CENTRAL) => ({
  DestinationBackupVaultArn: destination,
  ...(lifecycle ? { Lifecycle: lifecycle } : {}),
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

describe('backup-plan-copy-retention: Backup plan copies are kept at least 7 days', () => {
  const invalid: [string, TemplateCase, string, string][] = [
    [
      '1. a copy to another account kept a day',
      plan([planRule('Daily', 35, [copy({ DeleteAfterDays: 1 })])]),
      `The copies of rule \`Daily\` to ${CENTRAL} are deleted after 1 day, less than 7 days: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.`,
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/Lifecycle/DeleteAfterDays',
    ],
    [
      "2. a copy that takes its rule's 3-day lifecycle",
      plan([planRule('Daily', 3, [copy()])]),
      `The copies of rule \`Daily\` to ${CENTRAL} (the rule's lifecycle: the copy action has none) are deleted after 3 days, less than 7 days: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.`,
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/Lifecycle/DeleteAfterDays',
    ],
    [
      '3. a short copy beside a long one to the same destination (each copy action must be kept)',
      plan([
        planRule('Hourly', 35, [copy({ DeleteAfterDays: 2 })]),
        planRule('Daily', 35, [copy({ DeleteAfterDays: 90 })]),
      ]),
      `The copies of rule \`Hourly\` to ${CENTRAL} are deleted after 2 days, less than 7 days: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.`,
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/Lifecycle/DeleteAfterDays',
    ],
    [
      '4. a copy moved to cold storage and deleted before 90 days there',
      plan([planRule('Monthly', 365, [copy({ MoveToColdStorageAfterDays: 30, DeleteAfterDays: 100 })])]),
      `The copies of rule \`Monthly\` to ${CENTRAL} move to cold storage after 30 days and are deleted after 100 days: AWS Backup keeps a recovery point in cold storage at least 90 days, so DeleteAfterDays must be at least 120.`,
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/Lifecycle/DeleteAfterDays',
    ],
    [
      '5. a copy to a vault of the stack, kept 6 days',
      {
        Resources: {
          Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'dr' } },
          ...plan([
            planRule('Daily', 35, [copy({ DeleteAfterDays: '6' }, { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] })]),
          ]).Resources,
        },
      },
      'The copies of rule `Daily` to vault Vault are deleted after 6 days, less than 7 days: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.',
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/Lifecycle/DeleteAfterDays',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, location) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'backup-plan-copy-retention',
      severity: 'error',
      resource: { logicalId: 'Res' },
      message,
      location,
    });
    expect(findings[0].unresolved).toBeUndefined();
    expect(findings[0].fix).toMatch(/^Set `Lifecycle: \{ DeleteAfterDays: 7 \}`/);
  });

  test.each([
    [
      'a retention chosen at deploy time',
      plan([planRule('Daily', 35, [copy({ DeleteAfterDays: { Ref: 'Days' } })])], {
        Parameters: { Days: { Type: 'Number' } },
      }),
      `The copies of rule \`Daily\` to ${CENTRAL} are deleted after {"Ref":"Days"} days, which cannot be read before deployment (it is parameter "Days", chosen at deploy time), so they cannot be proven to be kept 7 days.`,
    ],
    [
      'a cold storage move chosen at deploy time',
      plan([planRule('Daily', 35, [copy({ DeleteAfterDays: 365, MoveToColdStorageAfterDays: { Ref: 'Cold' } })])], {
        Parameters: { Cold: { Type: 'Number' } },
      }),
      `The copies of rule \`Daily\` to ${CENTRAL} move to cold storage after {"Ref":"Cold"} days, which cannot be read before deployment (it is parameter "Cold", chosen at deploy time), so their retention cannot be proven to leave them the 90 days in cold storage AWS Backup requires.`,
    ],
    [
      'copy actions that cannot be read',
      plan([{ RuleName: 'Daily', TargetBackupVault: 'Default', CopyActions: { Ref: 'Copies' } }], {
        Parameters: { Copies: { Type: 'String' } },
      }),
      'The copy actions of rule `Daily` are {"Ref":"Copies"}, which cannot be read before deployment (it is parameter "Copies", chosen at deploy time), so their copies cannot be proven to be kept 7 days.',
    ],
  ] as [string, TemplateCase, string][])('%s is an unresolved finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings.map((f) => [f.unresolved, f.message])).toEqual([[true, message]]);
  });

  const valid: [string, TemplateCase][] = [
    ['exactly 7 days', plan([planRule('Daily', 35, [copy({ DeleteAfterDays: 7 })])])],
    ['a copy without a lifecycle, of a rule kept 35 days', plan([planRule('Daily', 35, [copy()])])],
    ['a copy kept until deleted by hand', plan([planRule('Daily', 3, [copy({ DeleteAfterDays: -1 })])])],
    [
      'cold storage with 90 days there',
      plan([planRule('M', 35, [copy({ MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 })])]),
    ],
    ['no copy actions', plan([{ RuleName: 'Daily', TargetBackupVault: 'Default', Lifecycle: { DeleteAfterDays: 1 } }])],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });

  test('the floor is fixed: a lower minimumBackupRetentionDays does not lower it', () => {
    const t = plan([planRule('Daily', 35, [copy({ DeleteAfterDays: 1 })])]);
    expect(findingsOf(rule, t, {}, { minimumBackupRetentionDays: 1 })).toHaveLength(1);
  });

  test('CDK plans: a copy action kept a day', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
    const p = new backup.BackupPlan(stack, 'Plan');
    p.addRule(
      new backup.BackupPlanRule({
        ruleName: 'Daily',
        deleteAfter: Duration.days(35),
        copyActions: [
          {
            destinationBackupVault: backup.BackupVault.fromBackupVaultArn(stack, 'Central', CENTRAL),
            deleteAfter: Duration.days(1),
          },
        ],
      }),
    );
    const t = app.synth().getStackByName('Test').template as TemplateCase;
    const findings = findingsOf(rule, t, {}, { idiom: 'cdk' });
    expect(findings.map((f) => f.message)).toEqual([
      `The copies of rule \`Daily\` to ${CENTRAL} are deleted after 1 day, less than 7 days: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.`,
    ]);
    expect(findings[0].fix).toMatch(/^Pass `deleteAfter: Duration\.days\(7\)`/);
  });

  test('Terraform and Pulumi plans: copy_action / copyActions lifecycles are read', () => {
    const terraform = providerModelOf([
      {
        id: 'aws_backup_plan.p',
        name: 'aws_backup_plan.p',
        type: 'aws_backup_plan',
        inputs: {
          name: 'p',
          rule: [
            {
              rule_name: 'daily',
              target_vault_name: 'Default',
              lifecycle: [{ delete_after: 35 }],
              copy_action: [
                { destination_vault_arn: CENTRAL, lifecycle: [{ delete_after: 1, cold_storage_after: 0 }] },
              ],
            },
          ],
        },
      },
    ]);
    const tf = evaluate(terraform, { rules: [rule], idiom: 'terraform' }).findings;
    expect(tf.map((f) => f.message)).toEqual([
      `The copies of rule \`daily\` to ${CENTRAL} are deleted after 1 day, less than 7 days: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.`,
    ]);
    expect(tf[0].fix).toMatch(/^Set `lifecycle \{ delete_after = 7 \}`/);

    const pulumi = providerModelOf([
      {
        id: 'urn:p',
        name: 'plan',
        type: 'aws:backup/plan:Plan',
        inputs: {
          name: 'p',
          rules: [
            {
              ruleName: 'daily',
              targetVaultName: 'Default',
              lifecycle: { deleteAfter: 35 },
              copyActions: [{ destinationVaultArn: CENTRAL, lifecycle: { deleteAfter: 3 } }],
            },
          ],
        },
      },
    ]);
    const pu = evaluate(pulumi, { rules: [rule], idiom: 'pulumi' }).findings;
    expect(pu.map((f) => f.message)).toEqual([
      `The copies of rule \`daily\` to ${CENTRAL} are deleted after 3 days, less than 7 days: a locked destination vault refuses them, so no copy is made, and a copy that is made is gone before most losses are noticed.`,
    ]);
    expect(pu[0].fix).toMatch(/^Set `lifecycle: \{ deleteAfter: 7 \}`/);
  });
});
