import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BackupAccountVault, type BackupAccountVaultProps } from '../../src';
import { synthFindings } from '../synth-helper';

const BACKUP_ENV = { account: '222222222222', region: 'us-east-1' };
/** The key's own account has kms:*, but cannot schedule the key's deletion with less than 30 days. */
const DENY_SHORT_DELETION_WINDOW = {
  Sid: 'DenyShortKeyDeletionWindow',
  Effect: 'Deny',
  Principal: '*',
  Action: 'kms:ScheduleKeyDeletion',
  Resource: '*',
  Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } },
};
const BASE: BackupAccountVaultProps = { backupVaultName: 'central', sourceAccounts: ['111111111111'] };

/** A protected backup-account stack holding one vault built from `props`. */
function template(props: BackupAccountVaultProps = BASE): Template {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Backup', { env: BACKUP_ENV, terminationProtection: true });
  new BackupAccountVault(stack, 'Vault', props);
  return Template.fromStack(stack);
}

function build(props: Partial<BackupAccountVaultProps>): () => BackupAccountVault {
  return () =>
    new BackupAccountVault(new Stack(new App(), 'Backup', { env: BACKUP_ENV }), 'Vault', { ...BASE, ...props });
}

describe('BackupAccountVault', () => {
  test("the key policy denies scheduling the key's deletion with less than 30 days, to everyone", () => {
    template().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([DENY_SHORT_DELETION_WINDOW]) },
    });
  });

  test('compliance-mode lock: ChangeableForDays 3 and MinRetentionDays 7 by default', () => {
    // GIVEN / WHEN
    const t = template();
    // THEN
    t.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BackupVaultName: 'central',
        LockConfiguration: { ChangeableForDays: 3, MinRetentionDays: 7 },
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VaultKey'), 'Arn'] },
      },
    });
  });

  test('minRetention, maxRetention and changeableFor are written to the lock', () => {
    const t = template({
      ...BASE,
      minRetention: Duration.days(30),
      maxRetention: Duration.days(400),
      changeableFor: Duration.days(5),
    });
    t.hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { ChangeableForDays: 5, MinRetentionDays: 30, MaxRetentionDays: 400 },
    });
  });

  test('customer managed key: retained, 30-day window, rotated, usable by the source account', () => {
    const t = template();
    t.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PendingWindowInDays: 30,
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Sid: 'AllowSourceCopies1Use',
              Effect: 'Allow',
              Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
              Action: Match.arrayWith(['kms:Decrypt', 'kms:GenerateDataKey*']),
            }),
            Match.objectLike({
              Sid: 'AllowSourceCopies1Grants',
              Action: 'kms:CreateGrant',
              Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
            }),
          ]),
        },
      },
    });
  });

  test('access policy: copy-in from the named accounts, deletion and policy changes denied to everyone', () => {
    const t = template({ ...BASE, sourceAccounts: ['111111111111', '333333333333'] });
    t.hasResourceProperties('AWS::Backup::BackupVault', {
      AccessPolicy: {
        Statement: [
          {
            Sid: 'AllowCopyFromSources1',
            Effect: 'Allow',
            Action: 'backup:CopyIntoBackupVault',
            Principal: { AWS: [Match.anyValue(), Match.anyValue()] },
            Resource: '*',
          },
          {
            Sid: 'DenyRecoveryPointDeletionAndPolicyChanges',
            Effect: 'Deny',
            Action: [
              'backup:DeleteRecoveryPoint',
              'backup:UpdateRecoveryPointLifecycle',
              'backup:PutBackupVaultAccessPolicy',
            ],
            Principal: { AWS: '*' },
            Resource: '*',
          },
        ],
      },
    });
  });

  test('an organization is allowed through aws:PrincipalOrgID, in the vault and the key policy', () => {
    const t = template({ backupVaultName: 'central', organizationId: 'o-abcdefghij' });
    const orgStatement = Match.objectLike({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
    });
    t.hasResourceProperties('AWS::Backup::BackupVault', {
      AccessPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'backup:CopyIntoBackupVault',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
          }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([orgStatement]) } });
  });

  test('airGapped: a LogicallyAirGappedBackupVault with min and max retention, retained', () => {
    const t = template({ ...BASE, airGapped: true, minRetention: Duration.days(14) });
    t.resourceCountIs('AWS::Backup::BackupVault', 0);
    t.hasResource('AWS::Backup::LogicallyAirGappedBackupVault', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BackupVaultName: 'central',
        MinRetentionDays: 14,
        MaxRetentionDays: 36500,
        EncryptionKeyArn: Match.anyValue(),
        AccessPolicy: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny' })]) },
      },
    });
  });

  test('outputs the vault ARN and the key ARN', () => {
    const t = template();
    const outputs = t.findOutputs('*');
    const values = Object.values(outputs).map((o) => JSON.stringify(o.Value));
    expect(values).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"Fn::GetAtt":\["Vault[0-9A-F]+","BackupVaultArn"\]/),
        expect.stringMatching(/"Fn::GetAtt":\["VaultKey[0-9A-F]+","Arn"\]/),
      ]),
    );
  });

  test('an app built from it has no error findings, standard or air-gapped', () => {
    for (const airGapped of [false, true]) {
      const findings = synthFindings(
        (stack) => {
          stack.terminationProtection = true;
          new BackupAccountVault(stack, 'Vault', { ...BASE, airGapped });
        },
        { env: BACKUP_ENV },
      );
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
    }
  });

  describe('refuses misuse at construction', () => {
    test('changeableFor shorter than 3 days', () => {
      expect(build({ changeableFor: Duration.days(2) })).toThrow(
        '`changeableFor` must be at least 3 days (the AWS Backup cooling-off period before a compliance-mode lock becomes immutable), got 2 days.',
      );
    });
    test('minRetention shorter than 1 day', () => {
      expect(build({ minRetention: Duration.hours(12) })).toThrow(
        '`minRetention` must be a whole number of days, got 12 hours.',
      );
      expect(build({ minRetention: Duration.days(0) })).toThrow('`minRetention` must be at least 1 day, got 0 days.');
    });
    test('minRetention shorter than 7 days, the least copy retention of @deadbolt/rules (as the Pulumi component)', () => {
      expect(build({ minRetention: Duration.days(1) })).toThrow(
        '`minRetention` must be at least 7 days, got 1 day: a logically air-gapped vault accepts no shorter minimum, and a shorter lock keeps copies from a compromised source account only as long as it says (`MINIMUM_COPY_RETENTION_DAYS` of `@deadbolt/rules`).',
      );
      expect(build({ minRetention: Duration.days(6), airGapped: true })).toThrow(
        '`minRetention` must be at least 7 days, got 6 days',
      );
    });
    test('neither accounts nor organization', () => {
      expect(build({ sourceAccounts: undefined })).toThrow('`sourceAccounts` or `organizationId` must be given');
      expect(build({ sourceAccounts: [] })).toThrow('`sourceAccounts` or `organizationId` must be given');
    });
    test('malformed accounts, organization and name', () => {
      expect(build({ sourceAccounts: ['1111'] })).toThrow(
        '`sourceAccounts` must hold 12-digit AWS account ids, got "1111".',
      );
      expect(build({ organizationId: 'org-1' })).toThrow('`organizationId` must be an AWS Organizations id');
      expect(build({ backupVaultName: 'a b' })).toThrow('`backupVaultName` must be 2 to 50 letters');
    });
    test('maxRetention shorter than minRetention', () => {
      expect(build({ minRetention: Duration.days(30), maxRetention: Duration.days(10) })).toThrow(
        '`maxRetention` must be at least 30 days (it cannot be shorter than `minRetention`), got 10 days.',
      );
    });
  });

  test('synthesis fails when the stack has termination protection off', () => {
    // GIVEN
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Backup', { env: BACKUP_ENV });
    new BackupAccountVault(stack, 'Vault', BASE);
    // WHEN / THEN
    expect(() => app.synth()).toThrow(
      /BackupAccountVault Backup\/Vault is in stack Backup, whose termination protection is off/,
    );
  });
});
