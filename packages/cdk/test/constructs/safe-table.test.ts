import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { BackupEnrolment, IsolatedBackupVault, SafeTable, type SafeTableProps } from '../../src';
import { ENV, ofRule, synthFindings } from '../synth-helper';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };

function synth(props: Partial<SafeTableProps> = {}): Template {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Workload', {
    env: ENV,
    terminationProtection: true,
  });
  new SafeTable(stack, 'Orders', { partitionKey: pk, tableName: 'orders', ...props });
  return Template.fromStack(stack);
}

describe('SafeTable', () => {
  test('deletion protection is on', () => {
    synth().hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
  });

  test('point-in-time recovery is on, reaching back 35 days by default', () => {
    synth().hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
    });
    synth({ pointInTimeRecoveryPeriodInDays: 7 }).hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
    });
  });

  test('DeletionPolicy and UpdateReplacePolicy are Retain', () => {
    synth().hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('the table name is explicit, and billing is on demand by default', () => {
    synth().hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'orders', BillingMode: 'PAY_PER_REQUEST' });
  });

  test('caller props reach the table', () => {
    synth({
      sortKey: { name: 'sk', type: dynamodb.AttributeType.NUMBER },
      timeToLiveAttribute: 'ttl',
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    }).hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  test('enrolled: selected by its ARN; an app built from it has no findings at all', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      const vault = new IsolatedBackupVault(stack, 'Backups', { destinationVaultArn: CENTRAL });
      new SafeTable(stack, 'Orders', { partitionKey: pk, tableName: 'orders', backup: BackupEnrolment.inVault(vault) });
    });
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.path}`)).toEqual([]);
  });

  test('opted out: the copy finding is acknowledged and the table tagged', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      new SafeTable(stack, 'Cache', {
        partitionKey: pk,
        tableName: 'cache',
        backup: BackupEnrolment.optOut('A cache rebuilt from the orders stream.'),
      });
    });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['backup-cross-account-copy', 'info']]);
    synth({ backup: BackupEnrolment.optOut('A cache.') }).hasResourceProperties('AWS::DynamoDB::Table', {
      Tags: Match.arrayWith([{ Key: 'deadbolt:backup-opt-out', Value: 'A cache.' }]),
    });
  });

  test('not enrolled: the only finding is the missing isolated copy, an error', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      new SafeTable(stack, 'Orders', { partitionKey: pk, tableName: 'orders' });
    });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['backup-cross-account-copy', 'error']]);
    expect(ofRule(findings, 'backup-cross-account-copy')[0].resource.path).toBe('Test/Orders/Default/Resource');
  });

  test('synthesis fails when the stack has termination protection off', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    new SafeTable(new Stack(app, 'Workload', { env: ENV }), 'Orders', { partitionKey: pk, tableName: 'orders' });
    expect(() => app.synth()).toThrow(
      /SafeTable Workload\/Orders is in stack Workload, whose termination protection is off/,
    );
  });

  test('refuses a recovery period outside 1 to 35 days, and a table name DynamoDB would refuse', () => {
    expect(() => synth({ pointInTimeRecoveryPeriodInDays: 36 })).toThrow(
      '`pointInTimeRecoveryPeriodInDays` must be a whole number of days from 1 to 35, got 36.',
    );
    expect(() => synth({ tableName: 'a b' })).toThrow(
      '`tableName` must be 3 to 255 letters, digits, underscores, hyphens or dots, got "a b".',
    );
  });
});
