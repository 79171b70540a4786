import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { BackupEnrolment, IsolatedBackupVault, SafeTableV2, type SafeTableV2Props } from '../../src';
import { ENV, synthFindings } from '../synth-helper';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };

function synth(props: Partial<SafeTableV2Props> = {}): Template {
  // GIVEN a workload stack with termination protection
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Workload', {
    env: ENV,
    terminationProtection: true,
  });
  // WHEN
  new SafeTableV2(stack, 'Orders', { partitionKey: pk, tableName: 'orders', ...props });
  return Template.fromStack(stack);
}

describe('SafeTableV2', () => {
  test('every replica has deletion protection and point-in-time recovery', () => {
    const protectedReplica = (region: string) =>
      Match.objectLike({
        Region: region,
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
      });
    const template = synth({ replicaRegions: ['eu-west-1'] });
    for (const region of ['us-east-1', 'eu-west-1']) {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TableName: 'orders',
        Replicas: Match.arrayWith([protectedReplica(region)]),
      });
    }
  });

  test('DeletionPolicy and UpdateReplacePolicy are Retain', () => {
    synth().hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('refuses a point-in-time recovery period outside 1 to 35 days, naming the value', () => {
    expect(() => synth({ pointInTimeRecoveryPeriodInDays: 0 })).toThrow(
      /`pointInTimeRecoveryPeriodInDays` must be a whole number of days from 1 to 35, got 0\./,
    );
  });

  test('enrolled: an app built from it has no findings at all', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      const vault = new IsolatedBackupVault(stack, 'Backups', { destinationVaultArn: CENTRAL });
      new SafeTableV2(stack, 'Orders', {
        partitionKey: pk,
        tableName: 'orders',
        replicaRegions: ['eu-west-1'],
        backup: BackupEnrolment.inVault(vault),
      });
    });
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.path}`)).toEqual([]);
  });
});
