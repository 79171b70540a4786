import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { PROVIDER_DATA_ROWS } from '../protection/provider-types';
import { isStatefulType } from '../spec/stateful-types';
import {
  derivePulumiToken,
  looksDataBearing,
  PROVIDER_TYPE_TABLE,
  pulumiTypeMapping,
  terraformTypeMapping,
  typeNameWords,
} from './aws-provider-types';

/** Every type of the full CloudFormation specification (the dev dependency the generated file comes from). */
function specTypes(): Set<string> {
  const dir = path.dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'db.json.gz'))).toString('utf8'));
  return new Set(
    Object.values(db.schema.resource.entities as Record<string, { cloudFormationType: string }>).map(
      (r) => r.cloudFormationType,
    ),
  );
}
/**
 * Plus the one data store CloudFormation has no type for, which the Terraform and
 * Pulumi providers manage: its row in the protection table names it in CloudFormation's style.
 */
const KNOWN_TYPES = new Set([...specTypes(), 'AWS::Glacier::Vault']);

describe('aws-provider-types: the table', () => {
  test.each(PROVIDER_TYPE_TABLE.filter((r) => r.cloudFormation).map((r) => [r.terraform, r.cloudFormation!]))(
    '%s maps to %s, a type the specification knows',
    (_tf, cfn) => {
      expect(KNOWN_TYPES.has(cfn)).toBe(true);
    },
  );

  // The list: each is stateful in the catalogue (or a part that can lower a protection).
  test.each([
    ['aws_db_instance', 'AWS::RDS::DBInstance'],
    ['aws_rds_cluster', 'AWS::RDS::DBCluster'],
    ['aws_dynamodb_table', 'AWS::DynamoDB::Table'],
    ['aws_s3_bucket', 'AWS::S3::Bucket'],
    ['aws_efs_file_system', 'AWS::EFS::FileSystem'],
    ['aws_backup_vault', 'AWS::Backup::BackupVault'],
    ['aws_kms_key', 'AWS::KMS::Key'],
    ['aws_docdb_cluster', 'AWS::DocDB::DBCluster'],
    ['aws_neptune_cluster', 'AWS::Neptune::DBCluster'],
    ['aws_elasticache_replication_group', 'AWS::ElastiCache::ReplicationGroup'],
    ['aws_redshift_cluster', 'AWS::Redshift::Cluster'],
    ['aws_ebs_volume', 'AWS::EC2::Volume'],
    ['aws_cognito_user_pool', 'AWS::Cognito::UserPool'],
    ['aws_opensearch_domain', 'AWS::OpenSearchService::Domain'],
    ['aws_rds_global_cluster', 'AWS::RDS::GlobalCluster'],
    ['aws_dynamodb_global_table', 'AWS::DynamoDB::GlobalTable'],
    ['aws_cloudwatch_log_group', 'AWS::Logs::LogGroup'],
    ['aws_sqs_queue', 'AWS::SQS::Queue'],
    ['aws_secretsmanager_secret', 'AWS::SecretsManager::Secret'],
    ['aws_fsx_lustre_file_system', 'AWS::FSx::FileSystem'],
    ['aws_fsx_ontap_file_system', 'AWS::FSx::FileSystem'],
  ])('%s is %s, stateful in the catalogue', (tf, cfn) => {
    expect(terraformTypeMapping(tf)).toEqual({ cloudFormationType: cfn, source: 'table' });
    expect(isStatefulType(cfn)).toBe(true);
  });

  test('parts name the resource they configure and the property they stand for', () => {
    expect(terraformTypeMapping('aws_s3_bucket_versioning')).toEqual({
      cloudFormationType: 'AWS::S3::Bucket',
      part: 'VersioningConfiguration',
      source: 'table',
    });
    expect(terraformTypeMapping('aws_backup_vault_lock_configuration')).toEqual({
      cloudFormationType: 'AWS::Backup::BackupVault',
      part: 'LockConfiguration',
      source: 'table',
    });
    expect(pulumiTypeMapping('aws:s3/bucketVersioningV2:BucketVersioningV2')?.part).toBe('VersioningConfiguration');
    expect(pulumiTypeMapping('aws:s3/bucketVersioning:BucketVersioning')?.part).toBe('VersioningConfiguration');
  });

  test.each([
    ['aws:rds/instance:Instance', 'AWS::RDS::DBInstance'],
    ['aws:rds/cluster:Cluster', 'AWS::RDS::DBCluster'],
    ['aws:dynamodb/table:Table', 'AWS::DynamoDB::Table'],
    ['aws:s3/bucket:Bucket', 'AWS::S3::Bucket'],
    ['aws:s3/bucketV2:BucketV2', 'AWS::S3::Bucket'],
    ['aws:efs/fileSystem:FileSystem', 'AWS::EFS::FileSystem'],
    ['aws:backup/vault:Vault', 'AWS::Backup::BackupVault'],
    ['aws:kms/key:Key', 'AWS::KMS::Key'],
    ['aws:ebs/volume:Volume', 'AWS::EC2::Volume'],
    ['aws:cloudwatch/logGroup:LogGroup', 'AWS::Logs::LogGroup'],
    ['aws:rds/globalCluster:GlobalCluster', 'AWS::RDS::GlobalCluster'],
  ])('Pulumi %s is %s', (token, cfn) => {
    expect(pulumiTypeMapping(token)?.cloudFormationType).toBe(cfn);
  });

  test('Pulumi tokens derive from Terraform names', () => {
    expect(derivePulumiToken('aws_efs_file_system')).toBe('aws:efs/fileSystem:FileSystem');
    expect(derivePulumiToken('aws_vpc')).toBeUndefined();
  });
});

describe('aws-provider-types: derivation', () => {
  test.each([
    ['awscc_rds_db_instance', 'AWS::RDS::DBInstance'],
    ['aws_sns_topic', 'AWS::SNS::Topic'],
    ['aws_lambda_function', 'AWS::Lambda::Function'],
    ['aws_ecs_cluster', 'AWS::ECS::Cluster'],
    ['aws_api_gateway_api_key', 'AWS::ApiGateway::ApiKey'],
  ])('Terraform %s derives to %s', (tf, cfn) => {
    expect(terraformTypeMapping(tf)).toEqual({ cloudFormationType: cfn, source: 'derived' });
  });

  test.each([
    ['aws-native:rds:DbInstance', 'AWS::RDS::DBInstance'],
    ['aws-native:dynamodb:Table', 'AWS::DynamoDB::Table'],
    ['aws:ec2/securityGroupRule:SecurityGroupRule', undefined],
    ['aws:lambda/function:Function', 'AWS::Lambda::Function'],
  ])('Pulumi %s derives to %s', (token, cfn) => {
    expect(pulumiTypeMapping(token)?.cloudFormationType).toBe(cfn);
  });

  test('unknown names stay unknown', () => {
    expect(terraformTypeMapping('google_sql_database_instance')).toBeUndefined();
    expect(terraformTypeMapping('aws_widget_vault')).toBeUndefined();
  });
});

describe('looksDataBearing', () => {
  test.each([
    ['aws_glacier_vault', 'vault'],
    ['google_sql_database_instance', 'sql'],
    ['azurerm_storage_account', 'storage'],
    ['aws_db_snapshot', 'db'],
    ['gcp:storage/bucket:Bucket', 'storage'],
    ['google_storage_bucket_object', 'storage'],
    ['aws-native:fsx:FileSystem', 'filesystem'],
    ['aws_dynamodb_table_item', 'table'],
    ['aws_fsx_backup', 'backup'],
    ['aws_db_instance_automated_backups_replication', 'db'],
  ])('%s holds the word %s', (type, word) => {
    expect(looksDataBearing(type)).toBe(word);
  });

  test.each([
    'aws_iam_role',
    'aws_lambda_function',
    'aws_security_group_rule',
    'random_password',
    'null_resource',
    'pulumi:providers:aws',
  ])('%s does not', (type) => {
    expect(looksDataBearing(type)).toBeUndefined();
  });

  test('words split at separators and case changes', () => {
    expect(typeNameWords('aws-native:rds:DBInstance')).toEqual(['aws', 'native', 'rds', 'db', 'instance']);
  });
});

describe('aws-provider-types: Pulumi tokens', () => {
  /** The tokens the table needs, checked once against `@pulumi/aws` (the list names the version). */
  const vendored = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'pulumi-aws-tokens.json'), 'utf8')) as {
    tokens: string[];
  };
  const real = new Set(vendored.tokens);

  test('every Pulumi token of the table, given or derived, is a real @pulumi/aws token', () => {
    const wrong: string[] = [];
    for (const row of PROVIDER_TYPE_TABLE)
      for (const t of row.pulumi ?? [derivePulumiToken(row.terraform)!])
        if (!real.has(t)) wrong.push(`${row.terraform} ${t}`);
    for (const row of PROVIDER_DATA_ROWS.filter((r) => r.terraform.startsWith('aws_')))
      for (const t of row.pulumi) if (!real.has(t)) wrong.push(`${row.terraform} ${t}`);
    expect(wrong).toEqual([]);
  });

  test.each([
    ['aws_sqs_queue_redrive_policy', 'aws:sqs/redrivePolicy:RedrivePolicy', 'RedrivePolicy'],
    ['aws_sqs_queue_redrive_allow_policy', 'aws:sqs/redriveAllowPolicy:RedriveAllowPolicy', 'RedriveAllowPolicy'],
    ['aws_s3_bucket_inventory', 'aws:s3/inventory:Inventory', 'InventoryConfigurations'],
    [
      'aws_s3_bucket_analytics_configuration',
      'aws:s3/analyticsConfiguration:AnalyticsConfiguration',
      'AnalyticsConfigurations',
    ],
    [
      'aws_s3_bucket_public_access_block',
      'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
      'PublicAccessBlockConfiguration',
    ],
  ])('%s is %s, a part (%s) in both dialects', (terraform, token, part) => {
    expect(terraformTypeMapping(terraform)?.part).toBe(part);
    expect(pulumiTypeMapping(token)?.part).toBe(part);
  });

  test.each([
    ['aws:docdb/elasticCluster:ElasticCluster', 'AWS::DocDBElastic::Cluster'],
    ['aws:opensearch/serverlessCollection:ServerlessCollection', 'AWS::OpenSearchServerless::Collection'],
  ])('%s maps to %s by its row', (token, cfn) => {
    expect(pulumiTypeMapping(token)).toEqual({ cloudFormationType: cfn, part: undefined, source: 'table' });
  });

  test('the vendored list is a subset of the installed @pulumi/aws', () => {
    const dir = path.dirname(require.resolve('@pulumi/aws/package.json'));
    const installed = new Set<string>();
    const walk = (d: string, depth: number): void => {
      if (depth > 3) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'types') walk(path.join(d, e.name), depth + 1);
        else if (e.name.endsWith('.js')) {
          const m = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(path.join(d, e.name), 'utf8'));
          if (m) installed.add(m[1]);
        }
      }
    };
    walk(dir, 0);
    expect(installed.size).toBeGreaterThan(1000);
    expect(vendored.tokens.filter((t) => !installed.has(t))).toEqual([]);
  });
});
