import { App, Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, providerModelOf, type TemplateCase } from '../testing/harness';
import rule from './backup-plan-vault-lock-retention';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const lockedVault = (lock: Record<string, unknown>) => ({
  Type: 'AWS::Backup::BackupVault',
  Properties: { BackupVaultName: 'locked', LockConfiguration: lock },
});
const template = (
  rules: unknown,
  vaults: Record<string, unknown> = { Vault: lockedVault({ MinRetentionDays: 30 }) },
  extra: Omit<TemplateCase, 'Resources'> = {},
): TemplateCase => ({
  ...extra,
  Resources: {
    ...vaults,
    Res: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: rules } },
    },
  },
});
const toVault = { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] };
const toVaultArn = { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] };

describe('backup-plan-vault-lock-retention: Backup plan retention fits the lock of every vault it writes to', () => {
  const invalid: [string, TemplateCase, string, string][] = [
    [
      '1. a rule kept 14 days in a vault locked for at least 30',
      template([{ RuleName: 'Daily', TargetBackupVault: toVault, Lifecycle: { DeleteAfterDays: 14 } }]),
      "The backups of rule `Daily` in vault Vault are kept 14 days, less than the vault's lock allows (MinRetentionDays: 30): the vault fails every such backup job, so none of them is made.",
      'Properties/BackupPlan/BackupPlanRule/0/Lifecycle/DeleteAfterDays',
    ],
    [
      '2. a copy kept 7 days to a vault of the template locked for at least 30',
      template(
        [
          {
            RuleName: 'Daily',
            TargetBackupVault: 'plain',
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: toVaultArn, Lifecycle: { DeleteAfterDays: 7 } }],
          },
        ],
        { Vault: lockedVault({ MinRetentionDays: 30 }) },
      ),
      "The copies of rule `Daily` to vault Vault are kept 7 days, less than the vault's lock allows (MinRetentionDays: 30): the vault fails every such copy job, so none of them is made.",
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/Lifecycle/DeleteAfterDays',
    ],
    [
      '3. no lifecycle in a vault with a maximum retention',
      template([{ RuleName: 'Forever', TargetBackupVault: toVault }], {
        Vault: lockedVault({ MinRetentionDays: 1, MaxRetentionDays: 365 }),
      }),
      "The backups of rule `Forever` in vault Vault are kept indefinitely (no DeleteAfterDays), more than the vault's lock allows (MaxRetentionDays: 365): the vault fails every such backup job, so none of them is made.",
      'Properties/BackupPlan/BackupPlanRule/0/Lifecycle/DeleteAfterDays',
    ],
    [
      '4. a copy that takes its rule lifecycle, to a logically air-gapped vault named by its literal ARN',
      template(
        [
          {
            RuleName: 'Daily',
            TargetBackupVault: 'plain',
            Lifecycle: { DeleteAfterDays: 400 },
            CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:111111111111:backup-vault:airgap' }],
          },
        ],
        {
          Vault: {
            Type: 'AWS::Backup::LogicallyAirGappedBackupVault',
            Properties: { BackupVaultName: 'airgap', MinRetentionDays: 7, MaxRetentionDays: 365 },
          },
        },
      ),
      "The copies of rule `Daily` to vault Vault (which take the rule's lifecycle: the copy action has none) are kept 400 days, more than the vault's lock allows (MaxRetentionDays: 365): the vault fails every such copy job, so none of them is made.",
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/Lifecycle/DeleteAfterDays',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, t, message, location) => {
    const findings = findingsOf(rule, t);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'backup-plan-vault-lock-retention',
      severity: 'error',
      resource: { logicalId: 'Res' },
      message,
      location,
    });
    expect(findings[0].unresolved).toBeUndefined();
  });

  test('a retention or a lock limit that cannot be read is not proven to fit', () => {
    const params = { Parameters: { Days: { Type: 'Number' } } };
    const byRetention = findingsOf(
      rule,
      template(
        [{ RuleName: 'Daily', TargetBackupVault: toVault, Lifecycle: { DeleteAfterDays: { Ref: 'Days' } } }],
        undefined,
        params,
      ),
    );
    expect(byRetention.map((f) => [f.unresolved, f.message])).toEqual([
      [
        true,
        'The backups of rule `Daily` in vault Vault are kept {"Ref":"Days"} days (it is parameter "Days", chosen at deploy time), which cannot be proven to fit the vault\'s lock; if it does not, the vault fails every such backup job, so none of them is made.',
      ],
    ]);
    const byLock = findingsOf(
      rule,
      template(
        [{ RuleName: 'Daily', TargetBackupVault: toVault, Lifecycle: { DeleteAfterDays: 35 } }],
        { Vault: lockedVault({ MinRetentionDays: { Ref: 'Days' } }) },
        params,
      ),
    );
    expect(byLock.map((f) => f.unresolved)).toEqual([true]);
    expect(byLock[0].message).toMatch(
      /has a limit of \{"Ref":"Days"\} \(it is parameter "Days", chosen at deploy time\) that cannot be read/,
    );
  });

  test.each([
    [
      'a target vault chosen at deploy time',
      template(
        [{ RuleName: 'Daily', TargetBackupVault: { Ref: 'VaultName' }, Lifecycle: { DeleteAfterDays: 14 } }],
        undefined,
        {
          Parameters: { VaultName: { Type: 'String' } },
        },
      ),
      'The target vault of rule `Daily` is {"Ref":"VaultName"} (it is parameter "VaultName", chosen at deploy time), so the vault it names, and its lock, cannot be read: the backups of rule `Daily` cannot be proven to fit the lock, and a locked vault fails every job outside its limits. Name a vault the check can read: the vault resource itself, or its literal name or ARN.',
      'Properties/BackupPlan/BackupPlanRule/0/TargetBackupVault',
    ],
    [
      'a copy destination chosen at deploy time',
      template(
        [
          {
            RuleName: 'Daily',
            TargetBackupVault: 'plain',
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: { Ref: 'Destination' }, Lifecycle: { DeleteAfterDays: 7 } }],
          },
        ],
        undefined,
        { Parameters: { Destination: { Type: 'String' } } },
      ),
      'The destination of the copies of rule `Daily` is {"Ref":"Destination"} (it is parameter "Destination", chosen at deploy time), so the vault it names, and its lock, cannot be read: the copies of rule `Daily` cannot be proven to fit the lock, and a locked vault fails every job outside its limits. Name a vault the check can read: the vault resource itself, or its literal name or ARN.',
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/DestinationBackupVaultArn',
    ],
    [
      'a copy destination imported from a stack outside the app',
      template([
        {
          RuleName: 'Daily',
          TargetBackupVault: 'plain',
          Lifecycle: { DeleteAfterDays: 35 },
          CopyActions: [{ DestinationBackupVaultArn: { 'Fn::ImportValue': 'central-vault-arn' } }],
        },
      ]),
      expect.stringMatching(
        /^The destination of the copies of rule `Daily` is \{"Fn::ImportValue":"central-vault-arn"\} \(.*\), so the vault it names, and its lock, cannot be read:/,
      ),
      'Properties/BackupPlan/BackupPlanRule/0/CopyActions/0/DestinationBackupVaultArn',
    ],
  ] as [string, TemplateCase, unknown, string][])(
    '%s cannot be read: an unresolved finding that says how to name the vault',
    (_name, t, message, location) => {
      const findings = findingsOf(rule, t, {}, { idiom: 'cdk' });
      expect(findings.map((f) => [f.unresolved, f.message, f.location])).toEqual([[true, message, location]]);
      expect(findings[0].fix).toMatch(/^Pass the `BackupVault` itself/);
    },
  );

  test('a target that is one of two vaults (Fn::If) is judged against each', () => {
    const findings = findingsOf(
      rule,
      template(
        [
          {
            RuleName: 'Daily',
            TargetBackupVault: {
              'Fn::If': ['IsProd', { Ref: 'Vault' }, { Ref: 'Other' }],
            },
            Lifecycle: { DeleteAfterDays: 14 },
          },
        ],
        {
          Vault: lockedVault({ MinRetentionDays: 7 }),
          Other: { Type: 'AWS::Backup::BackupVault', Properties: { LockConfiguration: { MinRetentionDays: 30 } } },
        },
        {
          Parameters: { Env: { Type: 'String' } },
          Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        },
      ),
    );
    expect(findings.map((f) => f.message)).toEqual([
      "The backups of rule `Daily` in vault Other are kept 14 days, less than the vault's lock allows (MinRetentionDays: 30): the vault fails every such backup job, so none of them is made.",
    ]);
  });

  test("a copy to a literal ARN is judged against that account's vault when its stack is checked too", () => {
    const workload = template(
      [
        {
          RuleName: 'Daily',
          TargetBackupVault: 'plain',
          Lifecycle: { DeleteAfterDays: 35 },
          CopyActions: [
            { DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 14 } },
            {
              DestinationBackupVaultArn: {
                'Fn::Sub': 'arn:${AWS::Partition}:backup:${AWS::Region}:222222222222:backup-vault:central',
              },
              Lifecycle: { DeleteAfterDays: 20 },
            },
          ],
        },
      ],
      {},
    );
    const backupAccount: TemplateCase = {
      Resources: {
        Central: {
          Type: 'AWS::Backup::BackupVault',
          Properties: { BackupVaultName: 'central', LockConfiguration: { MinRetentionDays: 30, ChangeableForDays: 3 } },
        },
      },
    };
    const accounts = [{ account: '111111111111' }, { account: '222222222222' }];
    expect(findingsOf(rule, [workload, backupAccount], accounts).map((f) => f.message)).toEqual([
      "The copies of rule `Daily` to vault Central are kept 14 days, less than the vault's lock allows (MinRetentionDays: 30): the vault fails every such copy job, so none of them is made.",
      "The copies of rule `Daily` to vault Central are kept 20 days, less than the vault's lock allows (MinRetentionDays: 30): the vault fails every such copy job, so none of them is made.",
    ]);
    // The same vault name in another account is not the destination.
    expect(
      findingsOf(rule, [workload, backupAccount], [{ account: '111111111111' }, { account: '333333333333' }]),
    ).toEqual([]);
  });

  const valid: [string, TemplateCase][] = [
    [
      'a rule within the lock',
      template([{ RuleName: 'Daily', TargetBackupVault: toVault, Lifecycle: { DeleteAfterDays: 30 } }]),
    ],
    [
      'an unlocked vault',
      template([{ RuleName: 'Daily', TargetBackupVault: toVault, Lifecycle: { DeleteAfterDays: 1 } }], {
        Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'v' } },
      }),
    ],
    [
      'a vault outside the app (cannot be read, not judged)',
      template([
        {
          RuleName: 'Daily',
          TargetBackupVault: 'elsewhere',
          Lifecycle: { DeleteAfterDays: 1 },
          CopyActions: [{ DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 1 } }],
        },
      ]),
    ],
    ['no lifecycle in a vault with only a minimum', template([{ RuleName: 'Forever', TargetBackupVault: toVault }])],
  ];
  test.each(valid)('%s passes', (_name, t) => {
    expect(findingsOf(rule, t)).toEqual([]);
  });

  test('CDK: a plan rule shorter than its locked vault allows', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
    const vault = new backup.BackupVault(stack, 'Vault', { lockConfiguration: { minRetention: Duration.days(30) } });
    const plan = new backup.BackupPlan(stack, 'Plan', { backupVault: vault });
    plan.addRule(new backup.BackupPlanRule({ ruleName: 'Daily', deleteAfter: Duration.days(14) }));
    plan.addRule(new backup.BackupPlanRule({ ruleName: 'Monthly', deleteAfter: Duration.days(365) }));
    const t = app.synth().getStackByName('Test').template as TemplateCase;
    const findings = findingsOf(rule, t, {}, { idiom: 'cdk' });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^The backups of rule `Daily` in vault Vault23237E5B are kept 14 days, less than the vault's lock allows/,
      ),
    ]);
    expect(findings[0].fix).toMatch(/deleteAfter: Duration\.days\(…\)` 30 or more/);
  });

  test('Pulumi: a vault lock configuration resource is read through the vault it locks', () => {
    const model = providerModelOf([
      { id: 'urn:v', name: 'vault', type: 'aws:backup/vault:Vault', inputs: { name: 'locked' } },
      {
        id: 'urn:lock',
        name: 'vault-lock',
        type: 'aws:backup/vaultLockConfiguration:VaultLockConfiguration',
        inputs: { backupVaultName: 'locked', minRetentionDays: 30, changeableForDays: 3 },
      },
      {
        id: 'urn:p',
        name: 'plan',
        type: 'aws:backup/plan:Plan',
        inputs: { name: 'p', rules: [{ ruleName: 'daily', targetVaultName: 'locked', lifecycle: { deleteAfter: 7 } }] },
      },
    ]);
    const findings = evaluate(model, { rules: [rule], idiom: 'pulumi' }).findings;
    expect(findings.map((f) => f.message)).toEqual([
      "The backups of rule `daily` in vault vault are kept 7 days, less than the vault's lock allows (MinRetentionDays: 30): the vault fails every such backup job, so none of them is made.",
    ]);
    expect(findings[0].fix).toMatch(/^Set `lifecycle: \{ deleteAfter: … \}` 30 or more/);
  });
});
