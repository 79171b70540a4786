import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BackupEnrolment, IsolatedBackupVault, SafeFileSystem } from '../../src';
import { ENV, synthFindings } from '../synth-helper';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';

function synth(): Template {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Workload', {
    env: ENV,
    terminationProtection: true,
  });
  new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
  return Template.fromStack(stack);
}

describe('SafeFileSystem', () => {
  test('automatic backups are on', () => {
    synth().hasResourceProperties('AWS::EFS::FileSystem', { BackupPolicy: { Status: 'ENABLED' } });
  });

  test('DeletionPolicy and UpdateReplacePolicy are Retain', () => {
    synth().hasResource('AWS::EFS::FileSystem', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('encrypted at rest', () => {
    synth().hasResourceProperties('AWS::EFS::FileSystem', { Encrypted: true });
  });

  test('enrolled: selected by its ARN; an app built from it has no findings at all', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      const vault = new IsolatedBackupVault(stack, 'Backups', { destinationVaultArn: CENTRAL });
      const files = new SafeFileSystem(stack, 'Files', {
        vpc: new ec2.Vpc(stack, 'Vpc'),
        backup: BackupEnrolment.inVault(vault),
      });
      expect(files.connections).toBe(files.fileSystem.connections);
    });
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.path}`)).toEqual([]);
  });

  test('not enrolled: the only finding is the missing isolated copy', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    });
    expect(findings.map((f) => [f.ruleId, f.severity, f.resource.path])).toEqual([
      ['backup-cross-account-copy', 'error', 'Test/Files/Default/Resource'],
    ]);
  });

  test('synthesis fails when the stack has termination protection off', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Workload', { env: ENV });
    new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') });
    expect(() => app.synth()).toThrow(
      /SafeFileSystem Workload\/Files is in stack Workload, whose termination protection is off/,
    );
  });
});
