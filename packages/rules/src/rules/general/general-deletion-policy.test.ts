import { findingsOf, one } from '../testing/harness';
import rule from './general-deletion-policy';

describe('general-deletion-policy: Stateful resources are retained when removed from the stack', () => {
  const invalid: [string, ReturnType<typeof one>, RegExp, string][] = [
    [
      '1. a table without DeletionPolicy',
      one('AWS::DynamoDB::Table'),
      /^DeletionPolicy is not set \(CloudFormation default for AWS::DynamoDB::Table: Delete\)\.$/,
      'error',
    ],
    [
      '2. a bucket with Delete',
      one('AWS::S3::Bucket', {}, { DeletionPolicy: 'Delete' }),
      /^DeletionPolicy is Delete\.$/,
      'error',
    ],
    [
      '3. an RDS instance that may or may not be in a cluster (default Delete)',
      {
        ...one('AWS::RDS::DBInstance', { DBClusterIdentifier: { 'Fn::If': ['C', 'c', { Ref: 'AWS::NoValue' }] } }),
        Parameters: { Aurora: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'Aurora' }, 'yes'] } },
      },
      /default for AWS::RDS::DBInstance: Delete/,
      'error',
    ],
    ['4. a KMS key with Delete', one('AWS::KMS::Key', {}, { DeletionPolicy: 'Delete' }), /Delete/, 'error'],
    ['5. a vault without DeletionPolicy', one('AWS::Backup::BackupVault'), /not set/, 'error'],
    [
      '6. a policy from Fn::If on a parameter',
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          Res: { Type: 'AWS::EFS::FileSystem', DeletionPolicy: { 'Fn::If': ['Prod', 'Retain', 'Delete'] } },
        },
      },
      /cannot be proven to retain the resource: it depends on condition "Prod"/,
      'error',
    ],
    [
      '7. a misspelt policy',
      one('AWS::S3::Bucket', {}, { DeletionPolicy: 'retain' }),
      /"retain", which is not a policy CloudFormation knows/,
      'error',
    ],
    ['8. a queue (transient: warning)', one('AWS::SQS::Queue'), /not set/, 'warning'],
    [
      '8b. a memcached serverless cache (transient by its engine: warning)',
      one('AWS::ElastiCache::ServerlessCache', { Engine: 'memcached' }),
      /not set/,
      'warning',
    ],
    [
      '8c. a Valkey serverless cache is data',
      one('AWS::ElastiCache::ServerlessCache', { Engine: 'valkey' }),
      /not set/,
      'error',
    ],
    [
      '8d. a scratch Lustre file system (temporary by design: warning)',
      one('AWS::FSx::FileSystem', { FileSystemType: 'LUSTRE', LustreConfiguration: { DeploymentType: 'SCRATCH_2' } }),
      /not set/,
      'warning',
    ],
    ['9. a SAM SimpleTable', one('AWS::Serverless::SimpleTable'), /not set/, 'error'],
    [
      '10. a log group tagged as data is an error',
      one('AWS::Logs::LogGroup', { Tags: [{ Key: 'deadbolt:data', Value: 'true' }] }),
      /not set/,
      'error',
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, template, message, severity) => {
    const findings = findingsOf(rule, template);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'general-deletion-policy', severity, location: 'DeletionPolicy' });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/DeletionPolicy: Retain/);
  });

  const valid: [string, ReturnType<typeof one>][] = [
    ['Retain', one('AWS::DynamoDB::Table', {}, { DeletionPolicy: 'Retain' })],
    ['RetainExceptOnCreate', one('AWS::S3::Bucket', {}, { DeletionPolicy: 'RetainExceptOnCreate' })],
    ['Snapshot', one('AWS::RDS::DBCluster', {}, { DeletionPolicy: 'Snapshot' })],
    ['a standalone RDS instance at the default (Snapshot)', one('AWS::RDS::DBInstance')],
    ['an RDS cluster at the default (Snapshot)', one('AWS::RDS::DBCluster')],
    [
      'an instance of an Aurora cluster (its cluster holds the data)',
      one('AWS::RDS::DBInstance', { DBClusterIdentifier: 'c' }),
    ],
    ['an instance of a DocumentDB cluster', one('AWS::DocDB::DBInstance', { DBClusterIdentifier: 'c' })],
    ['an instance of a Neptune cluster', one('AWS::Neptune::DBInstance')],
    ['a stateless type', one('AWS::Lambda::Function')],
    ['a nested stack (its resources carry their own policies)', one('AWS::CloudFormation::Stack')],
    [
      'Fn::If whose branches both retain',
      {
        Parameters: { E: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'E' }, 'x'] } },
        Resources: { Res: { Type: 'AWS::S3::Bucket', DeletionPolicy: { 'Fn::If': ['C', 'Retain', 'Retain'] } } },
      },
    ],
  ];
  test.each(valid)('%s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});

describe('general-deletion-policy: Snapshot on a type CloudFormation cannot snapshot', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
  test('a DynamoDB table with Snapshot is deleted as with Delete, and the message names the types that can snapshot', () => {
    const findings = findingsOf(rule, one('AWS::DynamoDB::Table', {}, { DeletionPolicy: 'Snapshot' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'general-deletion-policy',
      severity: 'error',
      location: 'DeletionPolicy',
    });
    expect(findings[0].message).toMatch(
      /^DeletionPolicy is Snapshot, but CloudFormation cannot snapshot AWS::DynamoDB::Table \(only .*AWS::RDS::DBInstance.* support it\), so it deletes the resource and its data as if the policy were Delete\.$/,
    );
    expect(findings[0].message).toMatch(/AWS::EC2::Volume/);
    expect(findings[0].message).not.toMatch(/AWS::DynamoDB::Table \(only .*AWS::DynamoDB::Table/);
    expect(findings[0].fix).toMatch(/DeletionPolicy: Retain/);
  });

  test('Snapshot from an Fn::If whose branches both say Snapshot is judged like a literal Snapshot', () => {
    const [f] = findingsOf(rule, {
      Parameters: { E: { Type: 'String' } },
      Conditions: { C: { 'Fn::Equals': [{ Ref: 'E' }, 'x'] } },
      Resources: {
        Res: { Type: 'AWS::S3::Bucket', DeletionPolicy: { 'Fn::If': ['C', 'Snapshot', 'Snapshot'] } },
      },
    });
    expect(f.message).toMatch(/cannot snapshot AWS::S3::Bucket/);
  });

  test.each([
    ['an RDS instance', one('AWS::RDS::DBInstance', {}, { DeletionPolicy: 'Snapshot' })],
    [
      'an EBS volume',
      one('AWS::EC2::Volume', { Size: 100, AvailabilityZone: 'us-east-1a' }, { DeletionPolicy: 'Snapshot' }),
    ],
    ['a Redshift cluster', one('AWS::Redshift::Cluster', {}, { DeletionPolicy: 'Snapshot' })],
  ])('Snapshot on %s passes', (_name, template) => {
    expect(findingsOf(rule, template)).toEqual([]);
  });
});

describe('general-deletion-policy: cluster members are judged through their cluster', () => {
  const aurora = (instance: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...extra,
    Resources: {
      Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' }, DeletionPolicy: 'Retain' },
      Res: { Type: 'AWS::RDS::DBInstance', Properties: instance, DeletionPolicy: 'Delete' },
    },
  });

  test('an Aurora instance naming its cluster by Ref, with DeletionPolicy Delete, has no finding', () => {
    expect(findingsOf(rule, aurora({ DBClusterIdentifier: { Ref: 'Cluster' }, Engine: 'aurora-postgresql' }))).toEqual(
      [],
    );
  });

  test('the cluster itself is still judged', () => {
    const findings = findingsOf(rule, {
      Resources: {
        Cluster: { Type: 'AWS::RDS::DBCluster', Properties: {}, DeletionPolicy: 'Delete' },
        Member: { Type: 'AWS::RDS::DBInstance', Properties: { DBClusterIdentifier: { Ref: 'Cluster' } } },
      },
    });
    expect(findings.map((f) => f.resource.logicalId)).toEqual(['Cluster']);
  });

  test.each([
    ['DocumentDB', 'AWS::DocDB::DBCluster', 'AWS::DocDB::DBInstance'],
    ['Neptune', 'AWS::Neptune::DBCluster', 'AWS::Neptune::DBInstance'],
  ])('a %s instance with DeletionPolicy Delete has no finding', (_name, clusterType, instanceType) => {
    expect(
      findingsOf(rule, {
        Resources: {
          Cluster: { Type: clusterType, Properties: {}, DeletionPolicy: 'Retain' },
          Res: {
            Type: instanceType,
            Properties: { DBClusterIdentifier: { Ref: 'Cluster' } },
            DeletionPolicy: 'Delete',
          },
        },
      }),
    ).toEqual([]);
  });

  test('an RDS instance whose cluster is chosen by a condition is judged: the branch without a cluster deploys it alone', () => {
    const findings = findingsOf(
      rule,
      aurora(
        { DBClusterIdentifier: { 'Fn::If': ['InCluster', { Ref: 'Cluster' }, { Ref: 'AWS::NoValue' }] } },
        {
          Parameters: { Mode: { Type: 'String', AllowedValues: ['cluster', 'single'] } },
          Conditions: { InCluster: { 'Fn::Equals': [{ Ref: 'Mode' }, 'cluster'] } },
        },
      ),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ resource: { logicalId: 'Res' }, location: 'DeletionPolicy' });
    expect(findings[0].message).toBe('DeletionPolicy is Delete.');
  });
});

describe("general-deletion-policy: a database's master secret is an error, other secrets a warning", () => {
  const db = (props: Record<string, unknown> = {}) => ({
    Type: 'AWS::RDS::DBInstance',
    Properties: { Engine: 'postgres', ...props },
  });
  /** What CDK writes for `Credentials.fromGeneratedSecret`: a dynamic reference joined around the secret's `Ref`. */
  const resolve = (field: string) => ({
    'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, `:SecretString:${field}::}}`]],
  });
  const secret = { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } };
  const ofSecret = (resources: Record<string, unknown>) =>
    findingsOf(rule, { Resources: resources }).filter((f) => f.resource.logicalId === 'Secret');

  test('a secret attached to a database (SecretTargetAttachment) with DeletionPolicy Delete is an error', () => {
    // Before: a warning, as for any secret.
    const [f] = ofSecret({
      Secret: { ...secret, DeletionPolicy: 'Delete' },
      Db: db({ DeletionPolicy: 'Snapshot' }),
      Attachment: {
        Type: 'AWS::SecretsManager::SecretTargetAttachment',
        Properties: { SecretId: { Ref: 'Secret' }, TargetId: { Ref: 'Db' }, TargetType: 'AWS::RDS::DBInstance' },
      },
    });
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'DeletionPolicy is Delete. It holds the master credentials of Db (AWS::RDS::DBInstance): CloudFormation deletes a secret without a recovery window, while the database, its snapshots and every database restored from them keep the master password, which then exists nowhere (getting back in needs a master password reset).',
    );
  });

  test("a secret the database's MasterUserPassword resolves from, left at the default, is an error", () => {
    const [f] = ofSecret({
      Secret: secret,
      Db: db({ MasterUsername: resolve('username'), MasterUserPassword: resolve('password') }),
    });
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(
      /^DeletionPolicy is not set \(CloudFormation default for AWS::SecretsManager::Secret: Delete\)\. It holds the master credentials of Db/,
    );
    const [cdk] = findingsOf(
      rule,
      { Resources: { Secret: secret, Db: db({ MasterUserPassword: resolve('password') }) } },
      {},
      { idiom: 'cdk' },
    ).filter((x) => x.resource.logicalId === 'Secret');
    expect(cdk.fix).toMatch(
      /^Retain the secret the database's credentials live in: `\(db\.node\.findChild\('Secret'\)/,
    );
  });

  test('a Redshift Serverless namespace admin secret counts too', () => {
    const [f] = ofSecret({
      Secret: secret,
      Ns: {
        Type: 'AWS::RedshiftServerless::Namespace',
        Properties: { NamespaceName: 'dw', AdminUserPassword: resolve('password') },
      },
    });
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/master credentials of Ns \(AWS::RedshiftServerless::Namespace\)/);
  });

  test('a retained master secret passes; a secret no database uses stays a warning', () => {
    expect(
      ofSecret({ Secret: { ...secret, DeletionPolicy: 'Retain' }, Db: db({ MasterUserPassword: resolve('p') }) }),
    ).toEqual([]);
    const [f] = ofSecret({ Secret: secret, Db: db() });
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      'DeletionPolicy is not set (CloudFormation default for AWS::SecretsManager::Secret: Delete).',
    );
  });
});
