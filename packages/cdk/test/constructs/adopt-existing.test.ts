/**
 * Migrating an existing resource to a safe construct: the "before" app (the
 * plain L2) and the "after" app (the safe construct, adopting) are synthesized
 * with the real aws-cdk-lib, and the two templates are compared:
 *
 * - by the CloudFormation specification itself (`@aws-cdk/aws-service-spec`,
 *   read through the rules package's generator): every resource of the before
 *   template is still there under the same logical id and type, and no property
 *   whose change forces replacement changed;
 * - by `diffTemplates`, the offline `cdk diff` of `deadbolt plan --before --after`:
 *   no replacement and no deletion of anything that holds data.
 */
import { Annotations as CdkAnnotations, App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cloudFormationDocument, diffTemplates, isStatefulType, replacementProperties } from '@deadbolt/rules';
import {
  BackupEnrolment,
  SafeBucket,
  SafeDatabaseCluster,
  SafeDatabaseInstance,
  SafeFileSystem,
  SafeTable,
  SafeTableV2,
} from '../../src';
import { ADOPTION_WARNING_ID } from '../../src/constructs/private/adoption';
import { ENV } from '../synth-helper';

// The generator reads the installed @aws-cdk/aws-service-spec (a devDependency) directly.
const { build: readSpecification } = require('../../../rules/scripts/generate-spec.js') as {
  build(): { specVersion: string; replacement: Record<string, { yes: string[]; maybe: string[] }> };
};
const SPEC = readSpecification();

type Template = {
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }
  >;
};

/**
 * Properties the specification marks "may cause replacement" that the safe
 * constructs change on an adopted resource, each with the documented reason it
 * is an update in place here. Anything else that may replace fails the test.
 */
const IN_PLACE_CONDITIONAL: Record<string, Record<string, string>> = {
  'AWS::RDS::DBInstance': {
    // RDS: a retention change between two non-zero values is applied in place; only 0 <-> non-zero
    // (turning automated backups on or off) interrupts the instance, and neither side is 0 here.
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html
    BackupRetentionPeriod: 'retention raised from the RDS default of 1 day to 14 days',
  },
};

/**
 * Synthesizes one stack. Without `context`, the app has no feature flags set: the
 * defaults of an app created before them, where the flags that change templates
 * are off (`cdk init` turns the current ones on in `cdk.json`).
 */
function synth(build: (stack: Stack) => void, context?: Record<string, unknown>): { template: Template; stack: Stack } {
  const app = new App({ builtinCloudFormationValidation: false, context });
  const stack = new Stack(app, 'Workload', { env: ENV, terminationProtection: true });
  build(stack);
  const template = app.synth().getStackByName('Workload').template as Template;
  return { template, stack };
}

/** Runs `build` with aws-cdk-lib's deprecation warnings off: the "before" apps use the deprecated `instanceProps` on purpose. */
function usingDeprecatedApi<T>(build: () => T): T {
  const mode = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'quiet';
  try {
    return build();
  } finally {
    if (mode === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = mode;
  }
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the specification says of the migration: resources kept, properties that replace. */
function specificationDiff(before: Template, after: Template) {
  const missing: string[] = [];
  const replacing: string[] = [];
  const conditional: string[] = [];
  for (const [logicalId, b] of Object.entries(before.Resources)) {
    const a = after.Resources[logicalId];
    if (!a || a.Type !== b.Type) {
      missing.push(`${logicalId} (${b.Type})`);
      continue;
    }
    const { yes, maybe } = SPEC.replacement[b.Type] ?? { yes: [], maybe: [] };
    for (const p of yes) if (!equal(b.Properties?.[p], a.Properties?.[p])) replacing.push(`${logicalId}.${p}`);
    for (const p of maybe) {
      if (!equal(b.Properties?.[p], a.Properties?.[p]) && !IN_PLACE_CONDITIONAL[b.Type]?.[p])
        conditional.push(`${logicalId}.${p}`);
    }
  }
  return { missing, replacing, conditional };
}

/** What `deadbolt plan --before --after` would see: replacements and deletions, by logical id. */
function gateDiff(before: Template, after: Template): string[] {
  const plan = diffTemplates(
    [cloudFormationDocument({ id: 'Workload', template: before })],
    [cloudFormationDocument({ id: 'Workload', template: after })],
  );
  // A conditional replacement is left out only when every property it names is known to update in place.
  const inPlace = (c: (typeof plan.changes)[number]) =>
    c.action === 'replace' &&
    c.conditional &&
    (c.why ?? [])
      .flatMap((w) => [...w.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? ''))
      .every((p) => IN_PLACE_CONDITIONAL[c.type ?? '']?.[p]);
  return plan.changes
    .filter((c) => c.action === 'replace' || c.action === 'delete')
    .filter((c) => !inPlace(c))
    .map((c) => `${c.action} ${c.address} (${c.type}): ${(c.why ?? []).join('; ')}`);
}

function idsOf(template: Template, type: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id)
    .sort();
}

/**
 * Asserts the migration is an update in place: every resource of `types` keeps
 * its logical id, nothing of the before template is replaced, and only the
 * resources of `removedTypes` (none holding data) leave it.
 */
function expectInPlace(before: Template, after: Template, types: string[], removedTypes: string[] = []): void {
  for (const type of types) {
    expect(idsOf(before, type).length).toBeGreaterThan(0);
    expect(idsOf(after, type)).toEqual(idsOf(before, type));
  }
  const spec = specificationDiff(before, after);
  expect(spec.replacing).toEqual([]);
  expect(spec.conditional).toEqual([]);
  expect([...new Set(spec.missing.map((m) => m.slice(m.indexOf('(') + 1, -1)))].sort()).toEqual(
    [...removedTypes].sort(),
  );
  for (const type of removedTypes) expect(isStatefulType(type)).toBe(false);
  expect(
    gateDiff(before, after).filter((c) => !c.startsWith('delete') || !removedTypes.some((t) => c.includes(`(${t})`))),
  ).toEqual([]);
}

const optOut = BackupEnrolment.optOut('Covered by the nightly export job until the backup account exists.');
const postgres = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
const aurora = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });

describe('adopting an existing resource: the template diff is an update in place', () => {
  test('the table the test compares with is the installed specification', () => {
    // The rules package ships a copy of the same table; the constructs' warnings read that copy.
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBCluster',
      'AWS::DynamoDB::Table',
      'AWS::DynamoDB::GlobalTable',
      'AWS::EFS::FileSystem',
    ]) {
      expect(replacementProperties(type)).toEqual(SPEC.replacement[type]);
    }
    expect(SPEC.replacement['AWS::RDS::DBInstance'].yes).toEqual(
      expect.arrayContaining(['DBInstanceIdentifier', 'KmsKeyId', 'StorageEncrypted']),
    );
    expect(SPEC.replacement['AWS::DynamoDB::Table'].yes).toEqual(expect.arrayContaining(['KeySchema', 'TableName']));
  });

  test('an s3.Bucket becomes a SafeBucket', () => {
    const before = synth((stack) => new s3.Bucket(stack, 'Data', { enforceSSL: true })).template;
    const after = synth((stack) => new SafeBucket(stack, 'Data', { enforceSSL: true, adoptExisting: true })).template;
    expectInPlace(before, after, ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
    const [id] = idsOf(after, 'AWS::S3::Bucket');
    expect(after.Resources[id].Properties?.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  test('an s3.Bucket with autoDeleteObjects becomes a SafeBucket: the auto-delete resource goes, and cannot empty the bucket on its way out', () => {
    const before = synth(
      (stack) => new s3.Bucket(stack, 'Data', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY }),
    ).template;
    const after = synth((stack) => new SafeBucket(stack, 'Data', { adoptExisting: true })).template;
    // The auto-delete custom resource, its provider (role and function) and the policy that let it in go.
    expectInPlace(
      before,
      after,
      ['AWS::S3::Bucket'],
      ['Custom::S3AutoDeleteObjects', 'AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::S3::BucketPolicy'],
    );
    const [id] = idsOf(after, 'AWS::S3::Bucket');
    expect(after.Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(idsOf(after, 'Custom::S3AutoDeleteObjects')).toEqual([]);
    // CloudFormation updates the bucket (dropping the tag) before it deletes the removed custom
    // resource, whose handler empties only a bucket that still carries the tag.
    expect(JSON.stringify(before.Resources[id].Properties?.Tags)).toContain('aws-cdk:auto-delete-objects');
    expect(JSON.stringify(after.Resources[id].Properties?.Tags ?? [])).not.toContain('aws-cdk:auto-delete-objects');
  });

  test('an rds.DatabaseInstance becomes a SafeDatabaseInstance', () => {
    const build = (stack: Stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), key: new kms.Key(stack, 'DbKey') });
    const before = synth((stack) => {
      const { vpc, key } = build(stack);
      new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc, storageEncryptionKey: key });
    }).template;
    const after = synth((stack) => {
      const { vpc, key } = build(stack);
      new SafeDatabaseInstance(stack, 'Db', {
        engine: postgres,
        vpc,
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
      });
    }).template;
    expectInPlace(before, after, [
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBSubnetGroup',
      'AWS::EC2::SecurityGroup',
      'AWS::SecretsManager::Secret',
    ]);
    const [id] = idsOf(after, 'AWS::RDS::DBInstance');
    expect(after.Resources[id].Properties).toMatchObject({
      DeletionProtection: true,
      DeleteAutomatedBackups: false,
      BackupRetentionPeriod: 14,
    });
    expect(after.Resources[id].Properties?.DBInstanceIdentifier).toBeUndefined();
  });

  test('an Aurora rds.DatabaseCluster becomes a SafeDatabaseCluster', () => {
    const build = (stack: Stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), key: new kms.Key(stack, 'LedgerKey') });
    const before = synth((stack) => {
      const { vpc, key } = build(stack);
      new rds.DatabaseCluster(stack, 'Ledger', {
        engine: aurora,
        vpc,
        clusterIdentifier: 'ledger',
        writer: rds.ClusterInstance.serverlessV2('Writer'),
        storageEncryptionKey: key,
      });
    }).template;
    const after = synth((stack) => {
      const { vpc, key } = build(stack);
      new SafeDatabaseCluster(stack, 'Ledger', {
        engine: aurora,
        vpc,
        clusterIdentifier: 'ledger',
        writer: rds.ClusterInstance.serverlessV2('Writer'),
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
      });
    }).template;
    expectInPlace(before, after, [
      'AWS::RDS::DBCluster',
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBSubnetGroup',
      'AWS::SecretsManager::Secret',
    ]);
    const [id] = idsOf(after, 'AWS::RDS::DBCluster');
    expect(after.Resources[id].Properties).toMatchObject({
      DeletionProtection: true,
      DeleteAutomatedBackups: false,
      BackupRetentionPeriod: 14,
      DBClusterIdentifier: 'ledger',
    });
  });

  test('an rds.DatabaseInstance and an rds.DatabaseCluster in a subnet group of their own become safe constructs with it', () => {
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    const build = (stack: Stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [
          { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
          { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        ],
      });
      const subnetGroup = new rds.SubnetGroup(stack, 'Subnets', {
        vpc,
        description: 'Databases',
        vpcSubnets: isolated,
      });
      return { vpc, subnetGroup, key: new kms.Key(stack, 'DbKey') };
    };
    const before = synth((stack) => {
      const { vpc, subnetGroup, key } = build(stack);
      new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc, subnetGroup, storageEncryptionKey: key });
      new rds.DatabaseCluster(stack, 'Ledger', {
        engine: aurora,
        vpc,
        subnetGroup,
        writer: rds.ClusterInstance.serverlessV2('Writer'),
        storageEncryptionKey: key,
      });
    }).template;
    const after = synth((stack) => {
      const { vpc, subnetGroup, key } = build(stack);
      new SafeDatabaseInstance(stack, 'Db', {
        engine: postgres,
        vpc,
        subnetGroup,
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
      });
      new SafeDatabaseCluster(stack, 'Ledger', {
        engine: aurora,
        vpc,
        subnetGroup,
        writer: rds.ClusterInstance.serverlessV2('Writer'),
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
      });
    }).template;
    expectInPlace(before, after, ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::RDS::DBSubnetGroup']);
    // The one subnet group of the stack: no other was created beside it.
    expect(idsOf(after, 'AWS::RDS::DBSubnetGroup')).toEqual([expect.stringMatching(/^Subnets/)]);
  });

  test.each([
    [
      'a SQL Server instance with its time zone',
      rds.DatabaseInstanceEngine.sqlServerEx({ version: rds.SqlServerEngineVersion.VER_16 }),
      { timezone: 'W. Europe Standard Time' },
    ],
    [
      'an Oracle instance with its character set',
      rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19_0_0_0_2020_04_R1 }),
      { characterSetName: 'AL32UTF8', licenseModel: rds.LicenseModel.LICENSE_INCLUDED },
    ],
  ])('%s becomes a SafeDatabaseInstance', (_, engine, options) => {
    const { licenseModel, ...safeOptions } = options as { licenseModel?: rds.LicenseModel } & Record<string, string>;
    const build = (stack: Stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), key: new kms.Key(stack, 'DbKey') });
    const before = synth((stack) => {
      const { vpc, key } = build(stack);
      new rds.DatabaseInstance(stack, 'Db', { engine, vpc, storageEncryptionKey: key, licenseModel, ...safeOptions });
    }).template;
    const after = synth((stack) => {
      const { vpc, key } = build(stack);
      new SafeDatabaseInstance(stack, 'Db', {
        engine,
        vpc,
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
        ...safeOptions,
      });
    }).template;
    expectInPlace(before, after, ['AWS::RDS::DBInstance']);
  });

  test('an Aurora rds.DatabaseCluster with instanceProps becomes a SafeDatabaseCluster with isFromLegacyInstanceProps instances', () => {
    const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE);
    const build = (stack: Stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), key: new kms.Key(stack, 'LedgerKey') });
    const before = usingDeprecatedApi(() =>
      synth((stack) => {
        const { vpc, key } = build(stack);
        new rds.DatabaseCluster(stack, 'Ledger', {
          engine: aurora,
          clusterIdentifier: 'ledger',
          instances: 2,
          instanceProps: { vpc, instanceType },
          storageEncryptionKey: key,
        });
      }),
    ).template;
    const after = synth((stack) => {
      const { vpc, key } = build(stack);
      new SafeDatabaseCluster(stack, 'Ledger', {
        engine: aurora,
        vpc,
        clusterIdentifier: 'ledger',
        // The README's way: the ids, the flag and (with a clusterIdentifier) the identifiers the legacy instances had.
        writer: rds.ClusterInstance.provisioned('Instance1', {
          instanceType,
          isFromLegacyInstanceProps: true,
          instanceIdentifier: 'ledgerinstance1',
        }),
        readers: [
          rds.ClusterInstance.provisioned('Instance2', {
            instanceType,
            isFromLegacyInstanceProps: true,
            instanceIdentifier: 'ledgerinstance2',
          }),
        ],
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
      });
    }).template;
    expectInPlace(before, after, ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance']);
    expect(idsOf(after, 'AWS::RDS::DBInstance')).toHaveLength(2);
  });

  test('a dynamodb.Table becomes a SafeTable', () => {
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    const sortKey = { name: 'sk', type: dynamodb.AttributeType.NUMBER };
    const before = synth((stack) => new dynamodb.Table(stack, 'Orders', { partitionKey, sortKey })).template;
    const after = synth(
      (stack) => new SafeTable(stack, 'Orders', { partitionKey, sortKey, adoptExisting: true }),
    ).template;
    expectInPlace(before, after, ['AWS::DynamoDB::Table']);
    const [id] = idsOf(after, 'AWS::DynamoDB::Table');
    expect(after.Resources[id].Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    // Adopting keeps the Table's billing default (provisioned, 5/5) instead of switching it to on demand.
    expect(after.Resources[id].Properties?.ProvisionedThroughput).toEqual(
      before.Resources[id].Properties?.ProvisionedThroughput,
    );
  });

  describe('a dynamodb.Table with replicationRegions becomes a SafeTable with the same replicationRegions', () => {
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    const replicationRegions = ['eu-west-1', 'ap-southeast-2'];
    const replicaTypes = ['Custom::DynamoDBReplica', 'AWS::CloudFormation::Stack', 'AWS::IAM::ManagedPolicy'];

    test.each([
      ['an app without the retainTableReplica flag', undefined],
      ['an app with it', { '@aws-cdk/aws-dynamodb:retainTableReplica': true }],
    ])('%s: the replicas stay, retained, and billing stays on demand', (_, context) => {
      const before = synth(
        (stack) => new dynamodb.Table(stack, 'Orders', { partitionKey, replicationRegions }),
        context,
      ).template;
      const after = synth(
        (stack) => new SafeTable(stack, 'Orders', { partitionKey, replicationRegions, adoptExisting: true }),
        context,
      ).template;
      expectInPlace(before, after, ['AWS::DynamoDB::Table', ...replicaTypes]);
      const [id] = idsOf(after, 'AWS::DynamoDB::Table');
      // A Table with replicas defaults to on demand: the adopted one must not turn provisioned (5/5).
      expect(before.Resources[id].Properties?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(after.Resources[id].Properties?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(after.Resources[id].Properties?.ProvisionedThroughput).toBeUndefined();
      const replicas = idsOf(after, 'Custom::DynamoDBReplica');
      expect(replicas).toHaveLength(2);
      for (const replica of replicas) {
        expect(after.Resources[replica]).toMatchObject({
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { SkipReplicaDeletion: true },
        });
      }
    });

    test('a new SafeTable with replicas retains them too', () => {
      const { template } = synth(
        (stack) => new SafeTable(stack, 'Orders', { partitionKey, tableName: 'orders', replicationRegions }),
      );
      const replicas = idsOf(template, 'Custom::DynamoDBReplica');
      expect(replicas).toHaveLength(2);
      for (const replica of replicas)
        expect(template.Resources[replica]).toMatchObject({
          DeletionPolicy: 'Retain',
          Properties: { SkipReplicaDeletion: true },
        });
    });
  });

  test('a dynamodb.TableV2 becomes a SafeTableV2', () => {
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    const before = synth(
      (stack) => new dynamodb.TableV2(stack, 'Events', { partitionKey, tableName: 'events' }),
    ).template;
    const after = synth(
      (stack) => new SafeTableV2(stack, 'Events', { partitionKey, tableName: 'events', adoptExisting: true }),
    ).template;
    expectInPlace(before, after, ['AWS::DynamoDB::GlobalTable']);
  });

  test('an efs.FileSystem becomes a SafeFileSystem', () => {
    const before = synth((stack) => new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc') })).template;
    const after = synth(
      (stack) => new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), adoptExisting: true }),
    ).template;
    expectInPlace(before, after, ['AWS::EFS::FileSystem', 'AWS::EFS::MountTarget', 'AWS::EC2::SecurityGroup']);
  });

  test('an efs.FileSystem with `encrypted: true` becomes a SafeFileSystem with it', () => {
    const before = synth(
      (stack) => new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), encrypted: true }),
    ).template;
    const after = synth(
      (stack) =>
        new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), encrypted: true, adoptExisting: true }),
    ).template;
    expectInPlace(before, after, ['AWS::EFS::FileSystem']);
  });
});

describe('the comparison sees a replacement when there is one', () => {
  test('a table name the old table did not have replaces it', () => {
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    const before = synth((stack) => new dynamodb.Table(stack, 'Orders', { partitionKey })).template;
    const after = synth(
      (stack) => new SafeTable(stack, 'Orders', { partitionKey, tableName: 'orders', adoptExisting: true }),
    ).template;
    const [id] = idsOf(after, 'AWS::DynamoDB::Table');
    expect(specificationDiff(before, after).replacing).toEqual([`${id}.TableName`]);
    expect(gateDiff(before, after)).toEqual([
      expect.stringMatching(new RegExp(`^replace ${id} .*\`TableName\` forces replacement`)),
    ]);
  });

  test('a database identifier the old database did not have replaces it', () => {
    const build = (stack: Stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), key: new kms.Key(stack, 'DbKey') });
    const before = synth((stack) => {
      const { vpc, key } = build(stack);
      new rds.DatabaseInstance(stack, 'Db', { engine: postgres, vpc, storageEncryptionKey: key });
    }).template;
    const after = synth((stack) => {
      const { vpc, key } = build(stack);
      new SafeDatabaseInstance(stack, 'Db', {
        engine: postgres,
        vpc,
        storageEncryptionKey: key,
        instanceIdentifier: 'orders',
        backup: optOut,
        adoptExisting: true,
      });
    }).template;
    const [id] = idsOf(after, 'AWS::RDS::DBInstance');
    expect(specificationDiff(before, after).replacing).toEqual([`${id}.DBInstanceIdentifier`]);
    expect(gateDiff(before, after)).toEqual([
      expect.stringMatching(new RegExp(`^replace ${id} .*\`DBInstanceIdentifier\` forces replacement`)),
    ]);
  });

  test('a SafeTable without the replicationRegions its Table had removes the replicas', () => {
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    const before = synth(
      (stack) => new dynamodb.Table(stack, 'Orders', { partitionKey, replicationRegions: ['eu-west-1'] }),
    ).template;
    const after = synth((stack) => new SafeTable(stack, 'Orders', { partitionKey, adoptExisting: true })).template;
    const missing = specificationDiff(before, after).missing.map((m) => m.slice(m.indexOf('(') + 1, -1));
    expect([...new Set(missing)].sort()).toEqual([
      'AWS::CloudFormation::Stack',
      'AWS::IAM::ManagedPolicy',
      'Custom::DynamoDBReplica',
    ]);
    expect(gateDiff(before, after)).toContainEqual(expect.stringMatching(/^delete .*\(Custom::DynamoDBReplica\)/));
  });

  test('a DatabaseCluster with instanceProps moved to writer/readers without isFromLegacyInstanceProps loses its instances', () => {
    const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE);
    const build = (stack: Stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), key: new kms.Key(stack, 'LedgerKey') });
    const before = usingDeprecatedApi(() =>
      synth((stack) => {
        const { vpc, key } = build(stack);
        new rds.DatabaseCluster(stack, 'Ledger', {
          engine: aurora,
          instances: 1,
          instanceProps: { vpc, instanceType },
          storageEncryptionKey: key,
        });
      }),
    ).template;
    const after = synth((stack) => {
      const { vpc, key } = build(stack);
      new SafeDatabaseCluster(stack, 'Ledger', {
        engine: aurora,
        vpc,
        writer: rds.ClusterInstance.provisioned('Instance1', { instanceType }),
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
      });
    }).template;
    expect(specificationDiff(before, after).missing).toEqual([
      expect.stringMatching(/^LedgerInstance1.* \(AWS::RDS::DBInstance\)$/),
    ]);
  });

  test('a database restored from a snapshot cannot be adopted: the snapshot identifier goes', () => {
    const build = (stack: Stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), key: new kms.Key(stack, 'DbKey') });
    const before = synth((stack) => {
      // The snapshot decides the encryption: the restored database's template names no key.
      const { vpc } = build(stack);
      new rds.DatabaseInstanceFromSnapshot(stack, 'Db', {
        engine: postgres,
        vpc,
        snapshotIdentifier: 'arn:aws:rds:us-east-1:111111111111:snapshot:orders-2027-01-12',
      });
    }).template;
    const after = synth((stack) => {
      const { vpc, key } = build(stack);
      new SafeDatabaseInstance(stack, 'Db', {
        engine: postgres,
        vpc,
        storageEncryptionKey: key,
        backup: optOut,
        adoptExisting: true,
      });
    }).template;
    const [id] = idsOf(after, 'AWS::RDS::DBInstance');
    expect(specificationDiff(before, after).conditional).toContain(`${id}.DBSnapshotIdentifier`);
    expect(gateDiff(before, after)).toContainEqual(expect.stringMatching(new RegExp(`^replace ${id} `)));
  });

  test('an L2 wrapped under the id `Resource` (the tree safe constructs had before) would change every logical id', () => {
    const plain = synth((stack) => new s3.Bucket(stack, 'Data')).template;
    const wrapped = synth((stack) => new s3.Bucket(new Construct(stack, 'Data'), 'Resource')).template;
    const safe = synth((stack) => new SafeBucket(stack, 'Data')).template;
    expect(idsOf(wrapped, 'AWS::S3::Bucket')).not.toEqual(idsOf(plain, 'AWS::S3::Bucket'));
    expect(idsOf(safe, 'AWS::S3::Bucket')).toEqual(idsOf(plain, 'AWS::S3::Bucket'));
  });
});

describe('what an adopting construct tells its caller', () => {
  function warnings(build: (stack: Stack) => void): string[] {
    const { stack } = synth(build);
    return Annotations.fromStack(stack)
      .findWarning('*', Match.anyValue())
      .map((w) => String(w.entry.data));
  }
  const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };

  test('a warning names the resource, each property that would replace it with its value here, and the check to run', () => {
    const [warning, ...rest] = warnings(
      (stack) => new SafeTable(stack, 'Orders', { partitionKey, tableName: 'orders', adoptExisting: true }),
    );
    expect(rest).toEqual([]);
    expect(warning).toMatch(
      /^SafeTable Workload\/Orders adopts the existing AWS::DynamoDB::Table Orders[0-9A-F]{8}: CloudFormation updates it in place only if no property that forces replacement changes \(ImportSourceSpecification, KeySchema, TableName\)\./,
    );
    expect(warning).toContain(
      'This template sets KeySchema = [{"AttributeName":"pk","KeyType":"HASH"}], TableName = "orders"; each must be what the deployed template has.',
    );
    // A property the deployed template may have, and this one leaves out, replaces just as well.
    expect(warning).toContain(
      'It does not set ImportSourceSpecification (each forces replacement): removing one that the deployed template sets replaces the resource too.',
    );
    // The whole stack, not one logical id: an L2 brings nested stacks, custom resources and policies along.
    expect(warning).toMatch(
      /run `npx cdk diff Workload` and read the whole stack, not only Orders[0-9A-F]{8} \(an L2 brings nested stacks, custom resources and policies along\): no resource may be removed \(a resource line `\[-\] AWS::…` or `\[-\] Custom::…`\) and no line may say "replace" \("requires replacement", "may be replaced", "may cause replacement"\)\./,
    );
    expect(warning).toContain(
      "If the `dynamodb.Table` had `replicationRegions`, pass the same ones: without them its Custom::DynamoDBReplica resources, their provider's nested stack and policies are removed, " +
        'which deletes the replica tables in an app without the `@aws-cdk/aws-dynamodb:retainTableReplica` feature flag.',
    );
    expect(warning).toContain(`acknowledgeWarning('${ADOPTION_WARNING_ID}', '<what cdk diff showed>')`);
    expect(warning).toMatch(/\[ack: @deadbolt\/cdk:adoptExisting\]$/);
  });

  test('a database warning lists what this template leaves out, and says a restored database cannot be adopted', () => {
    const [instance] = warnings(
      (stack) =>
        new SafeDatabaseInstance(stack, 'Db', {
          engine: postgres,
          vpc: new ec2.Vpc(stack, 'Vpc'),
          storageEncryptionKey: new kms.Key(stack, 'DbKey'),
          backup: optOut,
          adoptExisting: true,
        }),
    );
    expect(instance).toMatch(
      /It does not set BackupTarget, CharacterSetName, .*DBInstanceIdentifier, .*Timezone \(each forces replacement\) or .*DBSnapshotIdentifier, .*SourceDBInstanceIdentifier, .* \(each may force replacement\): removing one that the deployed template sets replaces the resource too\./,
    );
    expect(instance).toContain(
      'A database restored from a snapshot (`rds.DatabaseInstanceFromSnapshot`: DBSnapshotIdentifier) or created as a read replica (`rds.DatabaseInstanceReadReplica`: SourceDBInstanceIdentifier) cannot be adopted',
    );
    // The raised retention is the one "may cause replacement" line that is expected.
    expect(instance).toContain('except the lines this warning names above.');
    const [cluster] = warnings(
      (stack) =>
        new SafeDatabaseCluster(stack, 'Ledger', {
          engine: aurora,
          vpc: new ec2.Vpc(stack, 'Vpc'),
          writer: rds.ClusterInstance.serverlessV2('Writer'),
          storageEncryptionKey: new kms.Key(stack, 'LedgerKey'),
          backup: optOut,
          adoptExisting: true,
        }),
    );
    expect(cluster).toMatch(/It does not set .*SnapshotIdentifier.* \(each forces replacement\)/);
    expect(cluster).toContain(
      "keeps its instances only as `writer: rds.ClusterInstance.provisioned('Instance1', { isFromLegacyInstanceProps: true, … })`",
    );
  });

  test('an unencrypted file system cannot be adopted: refused, with the ways out', () => {
    expect(() =>
      synth(
        (stack) =>
          new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), encrypted: false, adoptExisting: true }),
      ),
    ).toThrow(
      /^Workload\/Files: `encrypted` must be true \(or left out\): a SafeFileSystem is always encrypted at rest, got false\. An existing unencrypted file system cannot be adopted: .*replaces an AWS::EFS::FileSystem whose Encrypted changes, with a new, empty one\. Keep its `efs\.FileSystem` and add the `ProtectStatefulResources` aspect, or move the files to a new encrypted file system/,
    );
    expect(() =>
      synth((stack) => new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), encrypted: false })),
    ).toThrow('got false. For a new file system, leave `encrypted` out.');
    // What the refusal prevents: the template diff of that migration is a replacement.
    const before = synth(
      (stack) => new efs.FileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), encrypted: false }),
    ).template;
    const after = synth(
      (stack) => new SafeFileSystem(stack, 'Files', { vpc: new ec2.Vpc(stack, 'Vpc'), adoptExisting: true }),
    ).template;
    expect(specificationDiff(before, after).replacing).toEqual([expect.stringMatching(/^Files.*\.Encrypted$/)]);
  });

  test('an adopted resource without a name is told what that means', () => {
    const [warning] = warnings((stack) => new SafeTable(stack, 'Orders', { partitionKey, adoptExisting: true }));
    expect(warning).toContain(
      'It keeps the name CloudFormation generated (no `tableName`): a later replacing update creates a new, empty resource instead of failing',
    );
  });

  test('acknowledging the warning after checking `cdk diff` removes it', () => {
    expect(
      warnings((stack) => {
        const orders = new SafeTable(stack, 'Orders', { partitionKey, adoptExisting: true });
        CdkAnnotations.of(orders).acknowledgeWarning(
          ADOPTION_WARNING_ID,
          'cdk diff: Orders updated in place (DATA-42).',
        );
      }),
    ).toEqual([]);
  });

  test('without adoptExisting there is no warning, and the name is required', () => {
    expect(warnings((stack) => new SafeTable(stack, 'Orders', { partitionKey, tableName: 'orders' }))).toEqual([]);
    expect(() => synth((stack) => new SafeTable(stack, 'Orders', { partitionKey }))).toThrow(
      'Workload/Orders: `tableName` is required: with a fixed name, an update that would replace the resource fails instead of creating a new, empty one; got undefined. ' +
        'To adopt an existing resource that was created without one, pass `adoptExisting: true` and leave `tableName` out: setting it now would replace the resource.',
    );
  });

  test('a database cannot be adopted without the key that encrypts it now', () => {
    expect(() =>
      synth(
        (stack) =>
          new SafeDatabaseInstance(stack, 'Db', {
            engine: postgres,
            vpc: new ec2.Vpc(stack, 'Vpc'),
            backup: optOut,
            adoptExisting: true,
          }),
      ),
    ).toThrow(
      /^Workload\/Db: `storageEncryptionKey` is required with `adoptExisting: true`, got undefined: a key created here would be new, and CloudFormation replaces an AWS::RDS::DBInstance whose KmsKeyId or StorageEncrypted changes\. .*`ProtectStatefulResources`/,
    );
    expect(() =>
      synth(
        (stack) =>
          new SafeDatabaseCluster(stack, 'Ledger', {
            engine: aurora,
            vpc: new ec2.Vpc(stack, 'Vpc'),
            writer: rds.ClusterInstance.serverlessV2('Writer'),
            backup: optOut,
            adoptExisting: true,
          }),
      ),
    ).toThrow(
      /`storageEncryptionKey` is required with `adoptExisting: true`, got undefined: .* AWS::RDS::DBCluster whose KmsKeyId or StorageEncrypted changes/,
    );
  });

  test('the properties the refusals name are the ones the specification says replace a database', () => {
    for (const type of ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']) {
      expect(SPEC.replacement[type].yes).toEqual(expect.arrayContaining(['KmsKeyId', 'StorageEncrypted']));
    }
    expect(SPEC.replacement['AWS::RDS::DBInstance'].yes).toContain('DBInstanceIdentifier');
    expect(SPEC.replacement['AWS::RDS::DBCluster'].yes).toContain('DBClusterIdentifier');
    expect(SPEC.replacement['AWS::DynamoDB::Table'].yes).toContain('TableName');
    expect(SPEC.replacement['AWS::DynamoDB::GlobalTable'].yes).toContain('TableName');
    expect(SPEC.replacement['AWS::EC2::SecurityGroup'].yes).toContain('GroupDescription');
  });

  test('a warning reads the final template: a value set after construction is the one shown', () => {
    const [warning] = warnings((stack) => {
      const data = new SafeBucket(stack, 'Data', { adoptExisting: true });
      (data.bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('BucketName', 'data-archive');
    });
    expect(warning).toContain(
      'This template sets BucketName = "data-archive"; each must be what the deployed template has.',
    );
  });
});

describe('`cdk diff` itself (the aws-cdk CLI, offline against the before template)', () => {
  const cdk = path.join(__dirname, '../../../../node_modules/.bin/cdk');

  /** Synthesizes both apps into a temporary folder and returns what `cdk diff --template` prints. */
  function cdkDiff(before: (stack: Stack) => void, after: (stack: Stack) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-adopt-'));
    try {
      for (const [name, build] of [
        ['before', before],
        ['after', after],
      ] as const) {
        const app = new App({ outdir: path.join(dir, name), builtinCloudFormationValidation: false });
        build(new Stack(app, 'Workload', { env: ENV, terminationProtection: true }));
        app.synth();
      }
      const args = [
        'diff',
        '--app',
        path.join(dir, 'after'),
        '--template',
        path.join(dir, 'before', 'Workload.template.json'),
        '--no-notices',
        '--no-version-reporting',
        'Workload',
      ];
      const run = spawnSync(cdk, args, {
        // The CLI writes cdk.context.json into its working directory: keep it in the temporary folder.
        cwd: dir,
        encoding: 'utf8',
        // Offline: no instance metadata lookups, no version check.
        env: {
          ...process.env,
          AWS_EC2_METADATA_DISABLED: 'true',
          CDK_DISABLE_VERSION_CHECK: '1',
          CDK_CLI_TELEMETRY_DISABLED: '1',
        },
      });
      expect(run.status).toBe(0);
      // The diff itself, without the warnings synthesis printed: which stream carries which depends on the
      // environment (with CI=true the CLI moves its messages to stdout), so cut the diff out by its markers.
      const out = `${run.stdout}\n${run.stderr}`;
      const start = out.indexOf('\nResources\n');
      expect(start).toBeGreaterThanOrEqual(0);
      const end = out.indexOf('Number of stacks with differences', start);
      expect(end).toBeGreaterThan(start);
      return out.slice(start, end);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('an rds.DatabaseInstance adopted by a SafeDatabaseInstance: updated, only the raised retention is marked "may cause replacement"', () => {
    const out = cdkDiff(
      (stack) =>
        new rds.DatabaseInstance(stack, 'Db', {
          engine: postgres,
          vpc: new ec2.Vpc(stack, 'Vpc'),
          storageEncryptionKey: new kms.Key(stack, 'DbKey'),
        }),
      (stack) =>
        new SafeDatabaseInstance(stack, 'Db', {
          engine: postgres,
          vpc: new ec2.Vpc(stack, 'Vpc'),
          storageEncryptionKey: new kms.Key(stack, 'DbKey'),
          backup: optOut,
          adoptExisting: true,
        }),
    );
    expect(out).toMatch(/\[~\] AWS::RDS::DBInstance Db\/Default Db[0-9A-F]{8} may be replaced/);
    expect(out.match(/\((requires|may cause) replacement\)/g)).toEqual(['(may cause replacement)']);
    expect(out).toContain('[+] BackupRetentionPeriod (may cause replacement)');
    expect(out).not.toMatch(/\[-\] AWS::/);
    expect(out).not.toMatch(/\[\+\] AWS::/);
  });

  test('a dynamodb.Table with replicas adopted by a SafeTable with the same replicationRegions: nothing removed, nothing replaced', () => {
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    const out = cdkDiff(
      (stack) => new dynamodb.Table(stack, 'Orders', { partitionKey, replicationRegions: ['eu-west-1'] }),
      (stack) =>
        new SafeTable(stack, 'Orders', { partitionKey, replicationRegions: ['eu-west-1'], adoptExisting: true }),
    );
    expect(out).toMatch(
      /\[~\] Custom::DynamoDBReplica Orders\/Default\/Replicaeu-west-1 OrdersReplicaeuwest1[0-9A-F]{8}\n/,
    );
    expect(out).toContain('[+] SkipReplicaDeletion');
    expect(out).not.toMatch(/replace/);
    expect(out).not.toMatch(/\[[-+]\] (AWS|Custom)::/);
  });

  test('a dynamodb.Table adopted by a SafeTable, and an s3.Bucket by a SafeBucket: updated, nothing replaced', () => {
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    const out = cdkDiff(
      (stack) => {
        new dynamodb.Table(stack, 'Orders', { partitionKey });
        new s3.Bucket(stack, 'Data', { enforceSSL: true });
      },
      (stack) => {
        new SafeTable(stack, 'Orders', { partitionKey, adoptExisting: true });
        new SafeBucket(stack, 'Data', { enforceSSL: true, adoptExisting: true });
      },
    );
    expect(out).toMatch(/\[~\] AWS::DynamoDB::Table Orders\/Default Orders[0-9A-F]{8}\n/);
    expect(out).toMatch(/\[~\] AWS::S3::Bucket Data\/Default Data[0-9A-F]{8}\n/);
    expect(out).not.toMatch(/replace/);
    expect(out).not.toMatch(/\[[-+]\] AWS::/);
  });
});
