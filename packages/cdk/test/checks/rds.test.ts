import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Stack } from 'aws-cdk-lib';
import { ofRule, ruleIdsAt, synthFindings } from '../synth-helper';

describe('rds-deletion-protection on real CDK apps', () => {
  test('a DatabaseInstance with CDK defaults has no deletion protection', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
    });
    expect(ruleIdsAt(findings, '/Db/')).toContain('rds-deletion-protection');
    expect(ofRule(findings, 'rds-deletion-protection')[0].resource.path).toBe('Test/Db/Resource');
    expect(ofRule(findings, 'rds-deletion-protection')[0].fix).toMatch(/deletionProtection: true/);
  });

  test('deletionProtection: true passes', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', {
        engine: rds.DatabaseInstanceEngine.POSTGRES,
        vpc,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    });
    expect(ruleIdsAt(findings, '/Db/')).not.toContain('rds-deletion-protection');
  });

  test('an escape hatch that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const db = new rds.DatabaseInstance(stack, 'Db', {
        engine: rds.DatabaseInstanceEngine.POSTGRES,
        vpc,
        deletionProtection: true,
      });
      (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('DeletionProtection', false);
    });
    expect(ofRule(findings, 'rds-deletion-protection')[0].message).toMatch(/DeletionProtection is false/);
  });
});

const postgres = rds.DatabaseInstanceEngine.POSTGRES;
const auroraPostgres = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });

function instance(stack: Stack, props: Partial<rds.DatabaseInstanceProps> = {}): rds.DatabaseInstance {
  return new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc: new ec2.Vpc(stack, 'Vpc'), ...props });
}

function cluster(stack: Stack, props: Partial<rds.DatabaseClusterProps> = {}): rds.DatabaseCluster {
  return new rds.DatabaseCluster(stack, 'Cluster', {
    engine: auroraPostgres,
    vpc: new ec2.Vpc(stack, 'Vpc'),
    writer: rds.ClusterInstance.provisioned('Writer'),
    ...props,
  });
}

describe('rds-automated-backups-retained on real CDK apps', () => {
  test('a DatabaseInstance and a DatabaseCluster with CDK defaults delete their automated backups', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc });
      new rds.DatabaseCluster(stack, 'Cluster', {
        engine: auroraPostgres,
        vpc,
        writer: rds.ClusterInstance.provisioned('Writer'),
      });
    });
    const found = ofRule(findings, 'rds-automated-backups-retained');
    expect(found.map((f) => f.resource.path).sort()).toEqual(['Test/Cluster/Resource', 'Test/Db/Resource']);
    expect(found[0].message).toBe('DeleteAutomatedBackups is not set (CloudFormation default: true).');
    expect(found.find((f) => f.resource.path === 'Test/Cluster/Resource')!.fix).toMatch(
      /`deleteAutomatedBackups: false` to the `DatabaseCluster`/,
    );
    expect(ruleIdsAt(findings, 'Test/Cluster/Writer')).not.toContain('rds-automated-backups-retained');
  });

  test('deleteAutomatedBackups: false passes on both', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc, deleteAutomatedBackups: false });
      new rds.DatabaseCluster(stack, 'Cluster', {
        engine: auroraPostgres,
        vpc,
        writer: rds.ClusterInstance.provisioned('Writer'),
        deleteAutomatedBackups: false,
      });
    });
    expect(ofRule(findings, 'rds-automated-backups-retained')).toEqual([]);
  });

  test('an escape hatch that turns it back on is caught', () => {
    const findings = synthFindings((stack) => {
      const db = instance(stack, { deleteAutomatedBackups: false });
      (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('DeleteAutomatedBackups', true);
    });
    expect(ofRule(findings, 'rds-automated-backups-retained')[0].message).toBe(
      'DeleteAutomatedBackups is true; it must be false.',
    );
  });
});

describe('rds-backup-retention on real CDK apps', () => {
  test('a DatabaseInstance with CDK defaults keeps backups for 1 day', () => {
    const findings = synthFindings((stack) => {
      instance(stack);
    });
    const [f] = ofRule(findings, 'rds-backup-retention');
    expect(f.resource.path).toBe('Test/Db/Resource');
    expect(f.message).toBe(
      'BackupRetentionPeriod is not set (CloudFormation default: 1 day, under the minimum of 7 days).',
    );
    expect(f.fix).toMatch(/backupRetention: Duration\.days\(7\)/);
  });

  test('a DatabaseCluster with 3 days is found; the fix names its `backup` prop', () => {
    const findings = synthFindings((stack) => {
      cluster(stack, { backup: { retention: Duration.days(3) } });
    });
    const [f] = ofRule(findings, 'rds-backup-retention');
    expect(f.message).toBe('BackupRetentionPeriod is 3; it must be at least 7 days.');
    expect(f.fix).toMatch(/backup: \{ retention: Duration\.days\(7\) \}/);
  });

  test('backupRetention: Duration.days(0) turns backups off and is found', () => {
    const findings = synthFindings((stack) => {
      instance(stack, { backupRetention: Duration.days(0) });
    });
    expect(ofRule(findings, 'rds-backup-retention')[0].message).toMatch(/is 0, which turns automated backups off/);
  });

  test('seven days or more passes', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc, backupRetention: Duration.days(7) });
      new rds.DatabaseCluster(stack, 'Cluster', {
        engine: auroraPostgres,
        vpc,
        writer: rds.ClusterInstance.provisioned('Writer'),
        backup: { retention: Duration.days(14) },
      });
    });
    expect(ofRule(findings, 'rds-backup-retention')).toEqual([]);
  });

  test('an escape hatch that lowers it is caught', () => {
    const findings = synthFindings((stack) => {
      const db = instance(stack, { backupRetention: Duration.days(14) });
      (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('BackupRetentionPeriod', 2);
    });
    expect(ofRule(findings, 'rds-backup-retention')[0].message).toBe(
      'BackupRetentionPeriod is 2; it must be at least 7 days.',
    );
  });
});

describe('rds-customer-managed-key on real CDK apps', () => {
  test('a DatabaseCluster with CDK defaults is left to the Aurora default key', () => {
    const findings = synthFindings((stack) => {
      cluster(stack);
    });
    const [f] = ofRule(findings, 'rds-customer-managed-key');
    expect(f.resource.path).toBe('Test/Cluster/Resource');
    expect(f.message).toBe(
      'KmsKeyId is not set (Aurora default: an AWS owned key, for clusters created on or after February 18, 2026).',
    );
    expect(f.fix).toMatch(/`storageEncryptionKey: key`/);
  });

  test('a DatabaseInstance with storageEncrypted: true and no key uses aws/rds', () => {
    const findings = synthFindings((stack) => {
      instance(stack, { storageEncrypted: true });
    });
    expect(ofRule(findings, 'rds-customer-managed-key')[0].message).toBe(
      'StorageEncrypted is true and KmsKeyId is not set (CloudFormation default: the AWS managed key `aws/rds`).',
    );
  });

  test("an unencrypted DatabaseInstance (CDK default) is not this rule's concern", () => {
    const findings = synthFindings((stack) => {
      instance(stack);
    });
    expect(ofRule(findings, 'rds-customer-managed-key')).toEqual([]);
  });

  test('storageEncryptionKey: a kms.Key passes on both', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const key = new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.RETAIN });
      new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc, storageEncryptionKey: key });
      new rds.DatabaseCluster(stack, 'Cluster', {
        engine: auroraPostgres,
        vpc,
        writer: rds.ClusterInstance.provisioned('Writer'),
        storageEncryptionKey: key,
      });
    });
    expect(ofRule(findings, 'rds-customer-managed-key')).toEqual([]);
  });

  test('an escape hatch that points the key at aws/rds is caught', () => {
    const findings = synthFindings((stack) => {
      const c = cluster(stack, { storageEncryptionKey: new kms.Key(stack, 'Key') });
      (c.node.defaultChild as rds.CfnDBCluster).addPropertyOverride('KmsKeyId', 'alias/aws/rds');
    });
    expect(ofRule(findings, 'rds-customer-managed-key')[0].message).toBe(
      'KmsKeyId is "alias/aws/rds", the AWS managed key; it must be a customer managed key.',
    );
  });
});

describe('general-deletion-policy on the members of a real Aurora cluster', () => {
  test("a DatabaseCluster's writer and reader instances are judged through the cluster, which is judged", () => {
    const findings = synthFindings((stack) => {
      cluster(stack, {
        readers: [rds.ClusterInstance.provisioned('Reader')],
        removalPolicy: RemovalPolicy.DESTROY,
      });
    });
    const deletion = ofRule(findings, 'general-deletion-policy').filter((f) =>
      f.resource.type.startsWith('AWS::RDS::'),
    );
    expect(deletion.map((f) => f.resource.path)).toEqual(['Test/Cluster/Resource']);
    expect(deletion[0].message).toBe('DeletionPolicy is Delete.');
    expect(ruleIdsAt(findings, 'Test/Cluster/Writer')).toEqual([]);
    expect(ruleIdsAt(findings, 'Test/Cluster/Reader')).toEqual([]);
  });

  test('with CDK defaults (Snapshot) neither the cluster nor its instances have a deletion-policy finding', () => {
    const findings = synthFindings((stack) => {
      cluster(stack);
    });
    expect(ofRule(findings, 'general-deletion-policy').filter((f) => f.resource.type.startsWith('AWS::RDS::'))).toEqual(
      [],
    );
    expect(ruleIdsAt(findings, 'Test/Cluster/Writer')).toEqual([]);
  });
});
