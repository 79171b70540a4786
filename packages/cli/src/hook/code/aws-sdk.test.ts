import { judgeAws } from '../knowledge/tools';
import { awsArgv, cliOperation, cliService, isCatalogueOperation } from './aws-sdk';

describe('AWS SDK names read against the catalogue', () => {
  test.each([
    ['rds', 'rds'],
    ['RDS', 'rds'],
    ['@aws-sdk/client-rds', 'rds'],
    ['DynamoDBClient', 'dynamodb'],
    ['s3', 's3api'],
    ['CognitoIdentityServiceProvider', 'cognito-idp'],
    ['cognito-idp', 'cognito-idp'],
    ['@aws-sdk/client-cognito-identity-provider', 'cognito-idp'],
    ['CloudWatchLogs', 'logs'],
    ['sts', undefined],
  ])('service %s → %s', (sdk, cli) => {
    expect(cliService(sdk)).toBe(cli);
  });

  test.each([
    ['rds', 'delete_db_instance', 'delete-db-instance'],
    ['rds', 'DeleteDBInstanceCommand', 'delete-db-instance'],
    ['rds', 'deleteDBInstance', 'delete-db-instance'],
    ['dynamodb', 'UpdateContinuousBackups', 'update-continuous-backups'],
    ['rds', 'DescribeDBInstancesCommand', 'describe-db-instances'],
    ['s3api', 'put_bucket_versioning', 'put-bucket-versioning'],
  ])('%s %s → %s', (service, sdk, cli) => {
    expect(cliOperation(service, sdk)).toBe(cli);
  });

  test('only compound operation names of listed services count for an untraced client', () => {
    expect(isCatalogueOperation('delete_table')).toBe(true);
    expect(isCatalogueOperation('deleteDBInstance')).toBe(true);
    expect(isCatalogueOperation('delete')).toBe(false);
    expect(isCatalogueOperation('deploy')).toBe(false);
    expect(isCatalogueOperation('rm')).toBe(false);
    expect(isCatalogueOperation('describe_table')).toBe(false);
  });

  test('parameters become the CLI options the catalogue conditions read', () => {
    const verdict = (params: Record<string, unknown> | undefined, open = false) =>
      judgeAws(
        awsArgv('rds', 'modify-db-instance', params as never, open)
          .slice(1)
          .map((v) => (v === null ? { text: '<computed>' } : { value: v, text: v })),
      )?.decision;
    expect(verdict({ DBInstanceIdentifier: 'p', DeletionProtection: false })).toBe('deny');
    expect(verdict({ DBInstanceIdentifier: 'p', BackupRetentionPeriod: 0 })).toBe('deny');
    expect(verdict({ DBInstanceIdentifier: 'p', DeletionProtection: true })).toBeUndefined();
    expect(verdict({ DBInstanceIdentifier: 'p', DeletionProtection: undefined })).toBe('ask');
    expect(verdict({ DBInstanceIdentifier: 'p' }, true)).toBe('ask');
    expect(verdict(undefined)).toBe('ask');
  });
});
