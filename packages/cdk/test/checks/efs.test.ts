import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { ofRule, ruleIdsAt, synthFindings } from '../synth-helper';

describe('efs-automatic-backups on real CDK apps', () => {
  test('a FileSystem with CDK defaults has no automatic backups', () => {
    const findings = synthFindings((stack) => {
      new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    });
    const [f] = ofRule(findings, 'efs-automatic-backups');
    expect(f.resource.path).toBe('Test/Files/Resource');
    expect(f.message).toBe('BackupPolicy.Status is not set (CloudFormation default: DISABLED, automatic backups off).');
    expect(f.fix).toMatch(/enableAutomaticBackups: true/);
  });

  test('enableAutomaticBackups: true passes', () => {
    const findings = synthFindings((stack) => {
      new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), enableAutomaticBackups: true });
    });
    expect(ruleIdsAt(findings, '/Files/')).not.toContain('efs-automatic-backups');
  });

  test('an escape hatch that disables backups is caught', () => {
    const findings = synthFindings((stack) => {
      const fs = new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), enableAutomaticBackups: true });
      (fs.node.defaultChild as efs.CfnFileSystem).addPropertyOverride('BackupPolicy.Status', 'DISABLED');
    });
    expect(ofRule(findings, 'efs-automatic-backups')[0].message).toMatch(/BackupPolicy\.Status is "DISABLED"/);
  });
});
