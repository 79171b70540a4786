import { findingsOf, type TemplateCase } from '../testing/harness';
import rule from './backup-plan-copy-destination';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const rule1 = (copyActions?: unknown, name = 'Daily') => ({
  RuleName: name,
  TargetBackupVault: { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] },
  ...(copyActions === undefined ? {} : { CopyActions: copyActions }),
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

describe('backup-plan-copy-destination: Backup plans copy to a vault in another account', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. no copy action (what CDK plans have by default)',
      plan([rule1()]),
      /^No rule of the plan has a copy action \(CopyActions is not set\)/,
    ],
    [
      '2. copy to a vault in the same template',
      plan([rule1([{ DestinationBackupVaultArn: { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] } }])]),
      /rule Daily copies to a vault in this account/,
    ],
    [
      '3. copy to ${AWS::AccountId}',
      plan([
        rule1([
          {
            DestinationBackupVaultArn: {
              'Fn::Sub': 'arn:${AWS::Partition}:backup:us-west-2:${AWS::AccountId}:backup-vault:dr',
            },
          },
        ]),
      ]),
      /copies to a vault in this account/,
    ],
    [
      '4. copy to the literal own account',
      plan([rule1([{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:111111111111:backup-vault:dr' }])]),
      /copies to account 111111111111, the plan's own account/,
    ],
    [
      '5. copy to an imported vault (exports never cross accounts)',
      plan([rule1([{ DestinationBackupVaultArn: { 'Fn::ImportValue': 'shared-vault-arn' } }])]),
      /copies to a vault in this account/,
    ],
    ['6. no rules at all', plan([]), /No rule of the plan has a copy action/],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'backup-plan-copy-destination',
      severity: 'error',
      resource: { logicalId: 'Res' },
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].unresolved).toBeUndefined();
    expect(findings[0].fix).toMatch(/CopyActions/);
  });

  const unresolved: [string, TemplateCase, RegExp][] = [
    [
      'a destination account from a parameter',
      plan(
        [
          rule1([
            { DestinationBackupVaultArn: { 'Fn::Sub': 'arn:aws:backup:us-east-1:${Acct}:backup-vault:central' } },
          ]),
        ],
        { Parameters: { Acct: { Type: 'String' } } },
      ),
      /^No copy action is proven to reach another account: rule Daily copies to a destination whose account cannot be read: DestinationBackupVaultArn is \{"Fn::Sub":"arn:aws:backup:us-east-1:\$\{Acct\}:backup-vault:central"\}: its account comes from parameter "Acct"\.$/,
    ],
    [
      'a whole ARN from a parameter: the field, the expression and why',
      plan([rule1([{ DestinationBackupVaultArn: { Ref: 'Dest' } }])], {
        Parameters: { Dest: { Type: 'String', Default: CENTRAL } },
      }),
      /^No copy action is proven to reach another account: rule Daily copies to a destination whose account cannot be read: DestinationBackupVaultArn is \{"Ref":"Dest"\}: it is parameter "Dest", chosen at deploy time \(its default is "arn:aws:backup:us-east-1:222222222222:…\)\.$/,
    ],
    [
      'Fn::Select over a list parameter',
      plan([rule1([{ DestinationBackupVaultArn: { 'Fn::Select': [0, { Ref: 'Vaults' }] } }])], {
        Parameters: { Vaults: { Type: 'CommaDelimitedList' } },
      }),
      /DestinationBackupVaultArn is \{"Fn::Select":\[0,\{"Ref":"Vaults"\}\]\}: it is parameter "Vaults", chosen at deploy time\.$/,
    ],
    [
      'Fn::If between two accounts on a deploy-time condition',
      plan(
        [
          rule1([
            {
              DestinationBackupVaultArn: {
                'Fn::If': ['Prod', CENTRAL, 'arn:aws:backup:us-east-1:111111111111:backup-vault:local'],
              },
            },
          ]),
        ],
        { Parameters: { E: { Type: 'String' } }, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'E' }, 'prod'] } } },
      ),
      /DestinationBackupVaultArn is \{"Fn::If":\["Prod",.*: it depends on condition "Prod", decided at deploy time\.$/,
    ],
    [
      'a copy action that is a parameter',
      plan([rule1([{ Ref: 'Action' }])], { Parameters: { Action: { Type: 'String' } } }),
      /rule Daily copies to a destination whose account cannot be read: a copy action is \{"Ref":"Action"\}: it is parameter "Action", chosen at deploy time\.$/,
    ],
    [
      'a copy action under an undecidable condition',
      plan([rule1([{ 'Fn::If': ['Prod', { DestinationBackupVaultArn: CENTRAL }, { Ref: 'AWS::NoValue' }] }])], {
        Parameters: { E: { Type: 'String' } },
        Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'E' }, 'prod'] } },
      }),
      /the copy action depends on condition "Prod"/,
    ],
    [
      'rules from an undecidable condition',
      plan(
        { 'Fn::If': ['Prod', [rule1([{ DestinationBackupVaultArn: CENTRAL }])], [rule1()]] },
        { Parameters: { E: { Type: 'String' } }, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'E' }, 'prod'] } } },
      ),
      /The plan's rules cannot be read, so no copy to another account is proven: it depends on condition "Prod"/,
    ],
  ];
  test.each(unresolved)('%s is an unresolved finding', (_name, template, message) => {
    const [f] = findingsOf(rule, template);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(message);
  });

  test('an environment-agnostic plan is never proven to copy to another account', () => {
    const [f] = findingsOf(rule, plan([rule1([{ DestinationBackupVaultArn: CENTRAL }])]), { account: undefined });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/copies to account 222222222222, but the plan's own account is not known/);
  });

  test('one violation per plan lists every copy action', () => {
    const findings = findingsOf(
      rule,
      plan([
        rule1([{ DestinationBackupVaultArn: { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] } }], 'A'),
        rule1([{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:111111111111:backup-vault:dr' }], 'B'),
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(
      /rule A copies to a vault in this account; rule B copies to account 111111111111/,
    );
  });

  const valid: [string, TemplateCase][] = [
    ['a literal vault ARN in another account', plan([rule1([{ DestinationBackupVaultArn: CENTRAL }])])],
    [
      'Fn::Select over a literal list',
      plan([
        rule1([{ DestinationBackupVaultArn: { 'Fn::Select': [1, ['arn:aws:backup:x:1:backup-vault:v', CENTRAL]] } }]),
      ]),
    ],
    [
      'Fn::FindInMap of a literal mapping',
      plan([rule1([{ DestinationBackupVaultArn: { 'Fn::FindInMap': ['Vaults', 'Central', 'Arn'] } }])], {
        Mappings: { Vaults: { Central: { Arn: CENTRAL } } },
      }),
    ],
    [
      'Fn::If whose branches name the same other account',
      plan(
        [
          rule1([
            {
              DestinationBackupVaultArn: {
                'Fn::If': ['Prod', CENTRAL, 'arn:aws:backup:eu-west-1:222222222222:backup-vault:central'],
              },
            },
          ]),
        ],
        { Parameters: { E: { Type: 'String' } }, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'E' }, 'prod'] } } },
      ),
    ],
    [
      'another account among same-account copies',
      plan([
        rule1([
          { DestinationBackupVaultArn: { 'Fn::GetAtt': ['Vault', 'BackupVaultArn'] } },
          {
            DestinationBackupVaultArn: {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, ':backup:us-east-1:222222222222:backup-vault:central'],
              ],
            },
          },
        ]),
      ]),
    ],
    [
      'a decidable condition that keeps the copy',
      plan([rule1([{ 'Fn::If': ['Always', { DestinationBackupVaultArn: CENTRAL }, { Ref: 'AWS::NoValue' }] }])], {
        Conditions: { Always: { 'Fn::Equals': ['a', 'a'] } },
      }),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
