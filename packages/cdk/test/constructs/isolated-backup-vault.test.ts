import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as events from 'aws-cdk-lib/aws-events';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IsolatedBackupVault, type IsolatedBackupVaultProps } from '../../src';
import { ENV, ofRule, synthFindings } from '../synth-helper';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
/** The key's own account has kms:*, but cannot schedule the key's deletion with less than 30 days. */
const DENY_SHORT_DELETION_WINDOW = {
  Sid: 'DenyShortKeyDeletionWindow',
  Effect: 'Deny',
  Principal: '*',
  Action: 'kms:ScheduleKeyDeletion',
  Resource: '*',
  Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } },
};
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };

function workloadStack(app = new App({ builtinCloudFormationValidation: false })): Stack {
  return new Stack(app, 'Workload', { env: ENV, terminationProtection: true });
}

function build(props: Partial<IsolatedBackupVaultProps>): () => IsolatedBackupVault {
  return () => new IsolatedBackupVault(workloadStack(), 'Backup', { destinationVaultArn: CENTRAL, ...props });
}

describe('IsolatedBackupVault', () => {
  test('a locked, retained local vault with a retained customer managed key the backup account may use', () => {
    // GIVEN
    const stack = workloadStack();
    // WHEN
    new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        LockConfiguration: { ChangeableForDays: 3, MinRetentionDays: 7 },
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupKey'), 'Arn'] },
        AccessPolicy: {
          Statement: [
            Match.objectLike({
              Effect: 'Deny',
              Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
            }),
          ],
        },
      },
    });
    t.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PendingWindowInDays: 30,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Sid: 'AllowBackupAccountCopiesUse',
              Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] } },
            }),
          ]),
        },
      },
    });
  });

  test("the key policy denies scheduling the key's deletion with less than 30 days, to everyone", () => {
    const stack = workloadStack();
    new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([DENY_SHORT_DELETION_WINDOW]) },
    });
  });

  test('the plan backs up daily at 03:00 UTC, keeps 35 days, and copies to the literal destination', () => {
    const stack = workloadStack();
    new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          {
            RuleName: 'IsolatedCopy',
            ScheduleExpression: 'cron(0 3 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 35 } }],
          },
        ],
      },
    });
  });

  test('schedule, retention and copyRetention are honoured', () => {
    const stack = workloadStack();
    new IsolatedBackupVault(stack, 'Backup', {
      destinationVaultArn: CENTRAL,
      schedule: events.Schedule.cron({ minute: '30', hour: '1' }),
      retention: Duration.days(14),
      copyRetention: Duration.days(90),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            ScheduleExpression: 'cron(30 1 * * ? *)',
            Lifecycle: { DeleteAfterDays: 14 },
            CopyActions: [{ DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 90 } }],
          }),
        ],
      },
    });
  });

  test('protect() selects each resource by its exact ARN, in one selection; protectArn() adds a literal ARN', () => {
    // GIVEN
    const stack = workloadStack();
    const vault = new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: pk });
    const tableV2 = new dynamodb.TableV2(stack, 'TableV2', { partitionKey: pk });
    // WHEN
    vault.protect(table);
    vault.protect(tableV2);
    vault.protect(table);
    vault.protectArn('arn:aws:dynamodb:us-east-1:111111111111:table/legacy');
    // THEN
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Backup::BackupSelection', 1);
    t.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupPlanId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupPlan'), 'BackupPlanId'] },
      BackupSelection: {
        Resources: [
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^Table'), 'Arn'] },
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^TableV2'), 'Arn'] },
          'arn:aws:dynamodb:us-east-1:111111111111:table/legacy',
        ],
      },
    });
  });

  test('a resource reached twice (its Safe construct enrolled, then its L2 or a fresh ARN token) is selected once', () => {
    // GIVEN
    const stack = workloadStack();
    const vault = new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const db = new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: pk });
    // WHEN: `instanceArn` builds a new token on each read, so the strings differ while the ARN is one.
    vault.protect(db);
    vault.protectArn(db.instanceArn);
    vault.protect(table);
    vault.protectArn(table.tableArn);
    // THEN
    const selection = Template.fromStack(stack).findResources('AWS::Backup::BackupSelection');
    const [only] = Object.values(selection) as { Properties: { BackupSelection: { Resources: unknown[] } } }[];
    expect(only.Properties.BackupSelection.Resources).toHaveLength(2);
  });

  test('no selection until something is protected', () => {
    const stack = workloadStack();
    new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
    Template.fromStack(stack).resourceCountIs('AWS::Backup::BackupSelection', 0);
  });

  test('an app built from it has no error findings: every protected resource is copied to another account', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      const vault = new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
      const vpc = new ec2.Vpc(stack, 'Vpc');
      vault.protect(new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc }));
      vault.protect(
        new rds.DatabaseCluster(stack, 'Cluster', {
          engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
          vpc,
          writer: rds.ClusterInstance.provisioned('Writer'),
        }),
      );
      vault.protect(new dynamodb.Table(stack, 'Table', { partitionKey: pk }));
      vault.protect(new dynamodb.TableV2(stack, 'TableV2', { partitionKey: pk }));
      vault.protect(new efs.FileSystem(stack, 'Files', { vpc }));
    });
    // The plain L2s above fail other rules (deletion protection and so on); the vault's own resources fail none.
    expect(ofRule(findings, 'backup-cross-account-copy')).toEqual([]);
    expect(ofRule(findings, 'backup-plan-copy-destination')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error' && f.resource.path?.startsWith('Test/Backup/'))).toEqual([]);
    const alone = synthFindings((stack) => {
      stack.terminationProtection = true;
      new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL }).protect(
        new dynamodb.TableV2(stack, 'Table', {
          partitionKey: pk,
          deletionProtection: true,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          removalPolicy: undefined,
        }),
      );
    });
    expect(alone.filter((f) => f.severity === 'error' && !f.resource.path?.startsWith('Test/Table/'))).toEqual([]);
  });

  describe('synthesis fails when the copy is not proven to leave the account', () => {
    test("the destination is in the stack's own account", () => {
      const app = new App({ builtinCloudFormationValidation: false });
      new IsolatedBackupVault(workloadStack(app), 'Backup', {
        destinationVaultArn: 'arn:aws:backup:us-east-1:111111111111:backup-vault:local',
      });
      expect(() => app.synth()).toThrow(/`destinationVaultArn` is in account 111111111111, this stack's own account/);
    });
    test('the stack is environment-agnostic', () => {
      const app = new App({ builtinCloudFormationValidation: false });
      new IsolatedBackupVault(new Stack(app, 'Agnostic', { terminationProtection: true }), 'Backup', {
        destinationVaultArn: CENTRAL,
      });
      expect(() => app.synth()).toThrow(
        /stack Agnostic is environment-agnostic, so the copy to account 222222222222 cannot be proven to leave it/,
      );
    });
    test('the destination ARN is a token', () => {
      const app = new App({ builtinCloudFormationValidation: false });
      const stack = workloadStack(app);
      const arn = new sqs.Queue(stack, 'Q').queueArn;
      new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: arn });
      expect(() => app.synth()).toThrow(/`destinationVaultArn` is a token/);
    });
    test('termination protection is off', () => {
      const app = new App({ builtinCloudFormationValidation: false });
      new IsolatedBackupVault(new Stack(app, 'Workload', { env: ENV }), 'Backup', { destinationVaultArn: CENTRAL });
      expect(() => app.synth()).toThrow(
        /IsolatedBackupVault Workload\/Backup is in stack Workload, whose termination protection is off/,
      );
    });
  });

  describe('refuses misuse at construction', () => {
    test('a destination that is not a vault ARN', () => {
      expect(build({ destinationVaultArn: 'central' })).toThrow(
        '`destinationVaultArn` must be a backup vault ARN (`arn:aws:backup:<region>:<account>:backup-vault:<name>`), got "central".',
      );
    });
    test('a retention shorter than the local lock', () => {
      expect(build({ retention: Duration.days(10), minRetention: Duration.days(30) })).toThrow(
        "`retention` must be at least 30 days (the local vault's lock keeps recovery points 30 days (`minRetention`)), got 10 days.",
      );
    });
    test('changeableFor under 3 days', () => {
      expect(build({ changeableFor: Duration.days(1) })).toThrow('`changeableFor` must be at least 3 days');
    });
    test('protect() of an unsupported construct, or of a resource in another region', () => {
      const stack = workloadStack();
      const vault = new IsolatedBackupVault(stack, 'Backup', { destinationVaultArn: CENTRAL });
      expect(() => vault.protect(new sqs.Queue(stack, 'Q'))).toThrow(
        '`protect` accepts an RDS DatabaseInstance or DatabaseCluster, a DynamoDB Table or TableV2, an EFS FileSystem or a safe construct, got the construct at Workload/Q; use `protectArn(arn)` for another resource.',
      );
      const elsewhere = new Stack(stack.node.scope as App, 'Elsewhere', {
        env: { account: '111111111111', region: 'eu-west-1' },
      });
      expect(() => vault.protect(new dynamodb.Table(elsewhere, 'T', { partitionKey: pk }))).toThrow(
        "`protect` got Elsewhere/T, in region eu-west-1; AWS Backup can only select resources of the vault's own region, us-east-1.",
      );
      expect(() => vault.protectArn('table/x')).toThrow('`protectArn` needs an ARN');
    });
  });

  describe('the backup minimums of @deadbolt/rules, as the Pulumi component applies them', () => {
    test('a retention under 7 days, even with a shorter local lock', () => {
      expect(build({ retention: Duration.days(1), minRetention: Duration.days(1) })).toThrow(
        'Workload/Backup: `retention` must be at least 7 days, got 1 day: a loss noticed later than that could not be restored from this vault (`MINIMUM_BACKUP_RETENTION_DAYS` of `@deadbolt/rules`).',
      );
      expect(build({ retention: Duration.days(3) })).toThrow('`retention` must be at least 7 days, got 3 days');
    });
    test('a copy retention under 7 days', () => {
      expect(build({ copyRetention: Duration.days(1) })).toThrow(
        "Workload/Backup: `copyRetention` must be at least 7 days, got 1 day: a logically air-gapped vault and a `BackupAccountVault`'s lock refuse a shorter copy, so every copy job would fail (`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`).",
      );
      // A destination said to take shorter copies does not lower the floor.
      expect(build({ copyRetention: Duration.days(3), destinationMinRetention: Duration.days(1) })).toThrow(
        '`copyRetention` must be at least 7 days, got 3 days',
      );
    });
    test("a copy retention under the destination's minimum", () => {
      expect(build({ copyRetention: Duration.days(10), destinationMinRetention: Duration.days(14) })).toThrow(
        "Workload/Backup: `copyRetention` must be at least `destinationMinRetention` (14 days), got 10 days: the destination vault's lock refuses a shorter copy, so every copy job would fail.",
      );
    });
    test("the default copy retention is raised to the destination's minimum", () => {
      const stack = workloadStack();
      new IsolatedBackupVault(stack, 'Backup', {
        destinationVaultArn: CENTRAL,
        retention: Duration.days(14),
        destinationMinRetention: Duration.days(30),
      });
      Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
        BackupPlan: {
          BackupPlanRule: [
            Match.objectLike({
              Lifecycle: { DeleteAfterDays: 14 },
              CopyActions: [{ DestinationBackupVaultArn: CENTRAL, Lifecycle: { DeleteAfterDays: 30 } }],
            }),
          ],
        },
      });
    });
    test.each([
      [
        events.Schedule.cron({ minute: '0', hour: '0', day: '31', month: '2' }),
        'Workload/Backup: `schedule` must be an AWS Backup cron expression that fires at least every 24 hours, got `cron(0 0 31 2 ? *)`, which never fires: no month it names (February) has a day 31. A plan that backs up less often than that loses everything written since its last backup.',
      ],
      [
        events.Schedule.cron({ minute: '0', hour: '5', weekDay: 'SAT' }),
        'got `cron(0 5 ? * SAT *)`, which goes up to 7 days without a backup.',
      ],
      [
        events.Schedule.cron({ minute: '0', hour: '3', year: '2020' }),
        'got `cron(0 3 * * ? 2020)`, which never fires: every year it names is past (2020).',
      ],
      [
        events.Schedule.rate(Duration.days(1)),
        'got `rate(1 day)`, which cannot be read as a schedule AWS Backup takes: AWS Backup takes only cron expressions, not rate expressions.',
      ],
    ])('a schedule that does not back up daily: %s', (schedule, message) => {
      expect(build({ schedule })).toThrow(message);
    });
    test('a schedule known only at deployment', () => {
      const stack = workloadStack();
      const expression = new CfnParameter(stack, 'Schedule').valueAsString;
      expect(
        () =>
          new IsolatedBackupVault(stack, 'Backup', {
            destinationVaultArn: CENTRAL,
            schedule: events.Schedule.expression(expression),
          }),
      ).toThrow(
        'Workload/Backup: `schedule` must be a literal cron schedule, got a token: a schedule known only at deployment cannot be proven to fire.',
      );
    });
    test('what the construct accepts, the catalogue passes: no backup plan findings at the minimums', () => {
      const findings = synthFindings((stack) => {
        stack.terminationProtection = true;
        new IsolatedBackupVault(stack, 'Backup', {
          destinationVaultArn: CENTRAL,
          retention: Duration.days(7),
          copyRetention: Duration.days(7),
          schedule: events.Schedule.cron({ minute: '0', hour: '*/12' }),
        });
      });
      expect(findings.filter((f) => f.ruleId.startsWith('backup-plan-'))).toEqual([]);
    });
  });
});
