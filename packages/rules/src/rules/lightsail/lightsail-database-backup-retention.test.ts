import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './lightsail-database-backup-retention';

const TYPE = 'AWS::Lightsail::Database';

describe('lightsail-database-backup-retention: Lightsail databases keep automated backups', () => {
  test('BackupRetention false is a finding', () => {
    const findings = findingsOf(rule, one(TYPE, { BackupRetention: false }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'lightsail-database-backup-retention',
      severity: 'error',
      location: 'Properties/BackupRetention',
    });
    expect(findings[0].message).toBe('BackupRetention is false; it must be true.');
  });

  test('a parameter cannot be proven true', () => {
    const [f] = findingsOf(rule, {
      Parameters: { Backups: { Type: 'String' } },
      Resources: { Res: { Type: TYPE, Properties: { BackupRetention: { Ref: 'Backups' } } } },
    });
    expect(f.unresolved).toBe(true);
  });

  test('unset (on by default) or true passes', () => {
    expect(findingsOf(rule, one(TYPE, { RelationalDatabaseName: 'db' }))).toEqual([]);
    expect(findingsOf(rule, one(TYPE, { BackupRetention: 'true' }))).toEqual([]);
  });

  test('Terraform backup_retention_enabled is CloudFormation BackupRetention', () => {
    const judge = (inputs: Record<string, unknown>) =>
      evaluate(providerModelOf([{ id: 'd', name: 'd', type: 'aws_lightsail_database', inputs }]), {
        rules: [rule],
        idiom: 'terraform',
      }).findings;
    const [f] = judge({ backup_retention_enabled: false });
    expect(f.message).toBe('backup_retention_enabled is false; it must be true.');
    expect(f.fix).toBe('Set `backup_retention_enabled = true` on the `aws_lightsail_database` (or leave it unset).');
    expect(judge({})).toEqual([]);
  });
});
