import { findingsOf, one, type TemplateCase } from '../testing/harness';
import rule from './efs-automatic-backups';

describe('efs-automatic-backups: EFS file systems have automatic backups enabled', () => {
  const invalid: [string, TemplateCase, RegExp][] = [
    [
      '1. no BackupPolicy (Regional file system)',
      one('AWS::EFS::FileSystem', { Encrypted: true }),
      /^BackupPolicy\.Status is not set \(CloudFormation default: DISABLED, automatic backups off\)\.$/,
    ],
    [
      '2. backups disabled',
      one('AWS::EFS::FileSystem', { BackupPolicy: { Status: 'DISABLED' } }),
      /BackupPolicy\.Status is "DISABLED"; it must be `ENABLED`/,
    ],
    [
      '3. lower-case enabled',
      one('AWS::EFS::FileSystem', { BackupPolicy: { Status: 'enabled' } }),
      /"enabled"; it must be `ENABLED`/,
    ],
    [
      '4. One Zone file system without BackupPolicy',
      one('AWS::EFS::FileSystem', { AvailabilityZoneName: 'us-east-1a' }),
      /not set \(CloudFormation default: ENABLED only through the EFS API default for One Zone file systems, which the template does not prove\)/,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'efs-automatic-backups',
      severity: 'error',
      resource: { logicalId: 'Res' },
      location: 'Properties/BackupPolicy/Status',
    });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/Status: ENABLED/);
  });

  test('a status from a parameter is an unresolved finding', () => {
    const [f] = findingsOf(rule, {
      Parameters: { S: { Type: 'String', Default: 'ENABLED' } },
      Resources: one('AWS::EFS::FileSystem', { BackupPolicy: { Status: { Ref: 'S' } } }).Resources,
    });
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(
      /BackupPolicy\.Status is \{"Ref":"S"\} and cannot be proven `ENABLED`: it is parameter "S"/,
    );
  });

  test('the CDK fix names the L2 prop', () => {
    const [f] = findingsOf(rule, one('AWS::EFS::FileSystem'), {}, { idiom: 'cdk' });
    expect(f.fix).toMatch(/enableAutomaticBackups: true/);
  });

  const valid: [string, TemplateCase][] = [
    ['backups enabled', one('AWS::EFS::FileSystem', { BackupPolicy: { Status: 'ENABLED' } })],
    [
      'One Zone with backups enabled',
      one('AWS::EFS::FileSystem', { AvailabilityZoneName: 'us-east-1a', BackupPolicy: { Status: 'ENABLED' } }),
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});
