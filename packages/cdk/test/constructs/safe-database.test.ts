import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import {
  BackupEnrolment,
  IsolatedBackupVault,
  SafeDatabaseCluster,
  SafeDatabaseInstance,
  type SafeDatabaseClusterProps,
  type SafeDatabaseInstanceProps,
} from '../../src';
import { ENV, synthFindings } from '../synth-helper';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const postgres = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
const auroraPostgres = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });

interface Fixture {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly vault: IsolatedBackupVault;
}

function fixture(): Fixture {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Workload', {
    env: ENV,
    terminationProtection: true,
  });
  return {
    stack,
    vpc: new ec2.Vpc(stack, 'Vpc'),
    vault: new IsolatedBackupVault(stack, 'Backups', { destinationVaultArn: CENTRAL }),
  };
}

function instance(f: Fixture, props: Partial<SafeDatabaseInstanceProps> = {}): SafeDatabaseInstance {
  return new SafeDatabaseInstance(f.stack, 'Db', {
    engine: postgres,
    vpc: f.vpc,
    instanceIdentifier: 'orders',
    backup: BackupEnrolment.inVault(f.vault),
    ...props,
  });
}

function cluster(f: Fixture, props: Partial<SafeDatabaseClusterProps> = {}): SafeDatabaseCluster {
  return new SafeDatabaseCluster(f.stack, 'Cluster', {
    engine: auroraPostgres,
    vpc: f.vpc,
    clusterIdentifier: 'ledger',
    writer: rds.ClusterInstance.provisioned('Writer'),
    readers: [rds.ClusterInstance.serverlessV2('Reader')],
    backup: BackupEnrolment.inVault(f.vault),
    ...props,
  });
}

const BACKUP_ACCOUNT_ROOT = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] };

describe.each([
  ['SafeDatabaseInstance', 'AWS::RDS::DBInstance', 'DBInstanceIdentifier', 'orders', (f: Fixture) => instance(f)],
  ['SafeDatabaseCluster', 'AWS::RDS::DBCluster', 'DBClusterIdentifier', 'ledger', (f: Fixture) => cluster(f)],
] as const)('%s', (name, type, identifierProp, identifier, make) => {
  function synth(): Template {
    const f = fixture();
    make(f);
    return Template.fromStack(f.stack);
  }

  test('deletion protection is on', () => {
    synth().hasResourceProperties(type, { DeletionProtection: true });
  });

  test('DeletionPolicy and UpdateReplacePolicy are Retain', () => {
    synth().hasResource(type, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('automated backups are kept when the database is deleted', () => {
    synth().hasResourceProperties(type, { DeleteAutomatedBackups: false });
  });

  test('backup retention is 14 days by default', () => {
    synth().hasResourceProperties(type, { BackupRetentionPeriod: 14 });
  });

  test('storage is encrypted with a customer managed key, retained with a 30-day window, that the backup account may use', () => {
    const t = synth();
    t.hasResourceProperties(type, {
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
    });
    t.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PendingWindowInDays: 30,
        Description: Match.stringLikeRegexp(
          `^Encrypts RDS (instance|cluster) Workload/${name === 'SafeDatabaseInstance' ? 'Db' : 'Cluster'}`,
        ),
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({ Sid: 'AllowBackupAccountCopiesUse', Principal: { AWS: BACKUP_ACCOUNT_ROOT } }),
          ]),
        },
      },
    });
  });

  test('the identifier is explicit', () => {
    synth().hasResourceProperties(type, { [identifierProp]: identifier });
  });

  test('the generated master secret is retained', () => {
    synth().hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test("it is selected by its ARN in the isolated vault's plan", () => {
    synth().hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        Resources: [
          {
            'Fn::Join': [
              '',
              Match.arrayWith([Match.stringLikeRegexp(name === 'SafeDatabaseInstance' ? ':db:$' : ':cluster:$')]),
            ],
          },
        ],
      },
    });
  });

  test('an app built from it has no findings at all', () => {
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      make({
        stack,
        vpc: new ec2.Vpc(stack, 'Vpc'),
        vault: new IsolatedBackupVault(stack, 'Backups', { destinationVaultArn: CENTRAL }),
      });
    });
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.path}`)).toEqual([]);
  });

  test('synthesis fails when the stack has termination protection off', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Workload', { env: ENV });
    make({
      stack,
      vpc: new ec2.Vpc(stack, 'Vpc'),
      vault: new IsolatedBackupVault(stack, 'Backups', { destinationVaultArn: CENTRAL }),
    });
    expect(() => app.synth()).toThrow(
      new RegExp(`${name} Workload/\\w+ is in stack Workload, whose termination protection is off`),
    );
  });
});

describe('SafeDatabaseInstance and SafeDatabaseCluster: caller props', () => {
  test('backupRetention and preferredBackupWindow are honoured within the allowed range', () => {
    const f = fixture();
    instance(f, { backupRetention: Duration.days(7), preferredBackupWindow: '01:00-02:00' });
    cluster(f, { backupRetention: Duration.days(35) });
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::RDS::DBInstance', { BackupRetentionPeriod: 7, PreferredBackupWindow: '01:00-02:00' });
    t.hasResourceProperties('AWS::RDS::DBCluster', { BackupRetentionPeriod: 35 });
  });

  test('a given key is used, and a kms.Key of the app gets the backup account statements; no key is created', () => {
    const f = fixture();
    const key = new kms.Key(f.stack, 'MyKey');
    instance(f, { storageEncryptionKey: key });
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MyKey'), 'Arn'] },
    });
    t.resourceCountIs('AWS::KMS::Key', 2); // MyKey and the isolated vault's key
    t.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowBackupAccountCopiesUse' })]) },
      Description: Match.absent(),
    });
  });

  test('the exposed L2 serves connections and the secret', () => {
    const f = fixture();
    const db = instance(f);
    db.connections.allowDefaultPortFromAnyIpv4();
    expect(db.instance.secret).toBeDefined();
    expect(db.connections).toBe(db.instance.connections);
    expect(cluster(f).cluster.secret).toBeDefined();
  });

  test('an escape hatch that weakens a forced setting fails synthesis, the checks applied or not', () => {
    const weaken = () =>
      synthFindings((stack) => {
        stack.terminationProtection = true;
        const vault = new IsolatedBackupVault(stack, 'Backups', { destinationVaultArn: CENTRAL });
        const db = new SafeDatabaseInstance(stack, 'Db', {
          engine: postgres,
          vpc: new ec2.Vpc(stack, 'Vpc'),
          instanceIdentifier: 'orders',
          backup: BackupEnrolment.inVault(vault),
        });
        (db.instance.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('DeletionProtection', false);
      });
    expect(weaken).toThrow(
      /SafeDatabaseInstance Test\/Db forces "RDS databases have deletion protection on" on its database Test\/Db\/Default\/Resource[^]*deadbolt::rds-deletion-protection/,
    );
  });
});

describe('BackupEnrolment.optOut', () => {
  test('tags the database with the reason and acknowledges backup-cross-account-copy only', () => {
    // GIVEN
    const findings = synthFindings((stack) => {
      stack.terminationProtection = true;
      new SafeDatabaseInstance(stack, 'Db', {
        engine: postgres,
        vpc: new ec2.Vpc(stack, 'Vpc'),
        instanceIdentifier: 'scratch',
        backup: BackupEnrolment.optOut('Rebuilt nightly from the warehouse; no copy needed.'),
      });
    });
    // THEN: the one finding is the acknowledged copy finding, at info.
    expect(findings.map((f) => [f.ruleId, f.severity, f.acknowledged?.reason])).toEqual([
      [
        'backup-cross-account-copy',
        'info',
        'Opted out of isolated backups: Rebuilt nightly from the warehouse; no copy needed.',
      ],
    ]);
  });

  test('the tag carries a tag-safe reason', () => {
    const f = fixture();
    instance(f, { backup: BackupEnrolment.optOut('Rebuilt nightly; "no" copy needed!') });
    Template.fromStack(f.stack).hasResourceProperties('AWS::RDS::DBInstance', {
      Tags: Match.arrayWith([{ Key: 'deadbolt:backup-opt-out', Value: 'Rebuilt nightly no copy needed' }]),
    });
  });

  test('the opt-out does not reach another rule: an escape hatch on retention is still an error', () => {
    const weaken = () =>
      synthFindings((stack) => {
        stack.terminationProtection = true;
        const db = new SafeDatabaseInstance(stack, 'Db', {
          engine: postgres,
          vpc: new ec2.Vpc(stack, 'Vpc'),
          instanceIdentifier: 'scratch',
          backup: BackupEnrolment.optOut('Scratch data.'),
        });
        (db.instance.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('BackupRetentionPeriod', 1);
      });
    expect(weaken).toThrow(
      /BackupRetentionPeriod is 1; it must be at least 7 days\. Rule: deadbolt::rds-backup-retention/,
    );
  });

  test('an empty reason is refused', () => {
    expect(() => BackupEnrolment.optOut('  ')).toThrow(
      '`BackupEnrolment.optOut` needs a written `reason` saying why the data needs no copy in the backup account, got "  ".',
    );
  });
});

describe('refuses misuse at construction', () => {
  test('backupRetention under 7 days or over 35', () => {
    expect(() => instance(fixture(), { backupRetention: Duration.days(3) })).toThrow(
      'Workload/Db: `backupRetention` must be at least 7 days, got 3 days.',
    );
    expect(() => cluster(fixture(), { backupRetention: Duration.days(0) })).toThrow(
      '`backupRetention` must be at least 7 days, got 0 days.',
    );
    expect(() => instance(fixture(), { backupRetention: Duration.days(36) })).toThrow(
      '`backupRetention` must be at most 35 days (the RDS limit), got 36 days.',
    );
  });

  test('an identifier RDS would refuse', () => {
    expect(() => instance(fixture(), { instanceIdentifier: '1orders' })).toThrow(
      '`instanceIdentifier` must be 1 to 63 letters, digits or hyphens, start with a letter, with no two hyphens in a row and no hyphen at the end, got "1orders".',
    );
    expect(() => cluster(fixture(), { clusterIdentifier: 'a--b' })).toThrow(
      '`clusterIdentifier` must be 1 to 63 letters',
    );
  });

  test('a missing backup choice', () => {
    expect(() => instance(fixture(), { backup: undefined })).toThrow(
      '`backup` is required: pass `BackupEnrolment.inVault(vault)` or `BackupEnrolment.optOut(reason)`, got undefined.',
    );
  });
});

test('tags added by the caller reach the database', () => {
  const f = fixture();
  Tags.of(instance(f)).add('team', 'orders');
  Template.fromStack(f.stack).hasResourceProperties('AWS::RDS::DBInstance', {
    Tags: Match.arrayWith([{ Key: 'team', Value: 'orders' }]),
  });
});
