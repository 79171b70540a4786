import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './backup-vault-compliance-lock';

const vault = (lock?: unknown) =>
  one('AWS::Backup::BackupVault', { BackupVaultName: 'v', ...(lock === undefined ? {} : { LockConfiguration: lock }) });

describe('backup-vault-compliance-lock: Backup vaults have a compliance-mode Vault Lock', () => {
  const invalid: [string, TemplateCase, RegExp[]][] = [
    ['1. no lock', vault(), [/^LockConfiguration is not set \(CloudFormation default: no Vault Lock\)/]],
    [
      '2. governance mode',
      vault({ MinRetentionDays: 7 }),
      [/^LockConfiguration\.ChangeableForDays is not set: the lock is in governance mode/],
    ],
    [
      '3. cooling-off period too short',
      vault({ MinRetentionDays: 7, ChangeableForDays: 1 }),
      [/^LockConfiguration\.ChangeableForDays is 1; it must be at least 3/],
    ],
    [
      '4. no minimum retention',
      vault({ ChangeableForDays: 3 }),
      [
        /^LockConfiguration\.MinRetentionDays is not set: the lock does not stop a recovery point from being deleted early/,
      ],
    ],
    [
      '5. governance mode and no minimum retention',
      vault({ MaxRetentionDays: 30 }),
      [/ChangeableForDays is not set/, /MinRetentionDays is not set/],
    ],
    [
      '6. a non-numeric window',
      vault({ MinRetentionDays: 7, ChangeableForDays: 'three' }),
      [/ChangeableForDays is "three"/],
    ],
    [
      '7. zero minimum retention',
      vault({ MinRetentionDays: 0, ChangeableForDays: 3 }),
      [/MinRetentionDays is 0; it must be a number of days of at least 1/],
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, messages) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(messages.length);
    messages.forEach((m, i) => {
      expect(findings[i]).toMatchObject({
        ruleId: 'backup-vault-compliance-lock',
        severity: 'error',
        resource: { logicalId: 'Res' },
      });
      expect(findings[i].message).toMatch(m);
      expect(findings[i].fix).toMatch(/ChangeableForDays: 3/);
      expect(findings[i].unresolved).toBeUndefined();
    });
  });

  test.each([
    [
      'a parameter window',
      {
        Parameters: { D: { Type: 'Number' } },
        Resources: vault({ MinRetentionDays: 7, ChangeableForDays: { Ref: 'D' } }).Resources,
      },
      /ChangeableForDays is \{"Ref":"D"\} and cannot be proven at least 3: it is parameter "D"/,
    ],
    [
      'a lock under an undecidable condition',
      {
        Parameters: { E: { Type: 'String' } },
        Conditions: { P: { 'Fn::Equals': [{ Ref: 'E' }, 'p'] } },
        Resources: vault({ 'Fn::If': ['P', { MinRetentionDays: 7, ChangeableForDays: 3 }, { Ref: 'AWS::NoValue' }] })
          .Resources,
      },
      /depends on condition "P"/,
    ],
  ] as [string, TemplateCase, RegExp][])('%s is an unresolved finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0].unresolved).toBe(true);
    expect(findings[0].message).toMatch(message);
  });

  test('the CDK fix names the L2 props', () => {
    const [f] = findingsOf(rule, vault(), {}, { idiom: 'cdk' });
    expect(f.fix).toMatch(
      /lockConfiguration: \{ minRetention: Duration\.days\(<days>\), changeableFor: Duration\.days\(3\) \}/,
    );
  });

  const valid: [string, TemplateCase][] = [
    ['compliance mode', vault({ MinRetentionDays: 7, ChangeableForDays: 3 })],
    [
      'compliance mode, numbers as strings',
      vault({ MinRetentionDays: '35', ChangeableForDays: '30', MaxRetentionDays: '365' }),
    ],
    [
      'a logically air-gapped vault (always compliance-locked)',
      one('AWS::Backup::LogicallyAirGappedBackupVault', {
        BackupVaultName: 'lag',
        MinRetentionDays: 7,
        MaxRetentionDays: 35,
      }),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
