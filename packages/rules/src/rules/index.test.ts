import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE, RULE_IDS } from '.';
import { STATEFUL_TYPES } from '../spec/stateful-types';

describe('the catalogue', () => {
  test('pins the exact list of rule ids: an id is a contract, never renamed or reused', () => {
    expect(RULE_IDS).toEqual([
      'general-deletion-policy',
      'general-update-replace-policy',
      'rds-deletion-protection',
      'rds-automated-backups-retained',
      'rds-backup-retention',
      'rds-customer-managed-key',
      'rds-final-snapshot',
      'docdb-deletion-protection',
      'docdb-backup-retention',
      'docdb-customer-managed-key',
      'docdb-final-snapshot',
      'docdb-elastic-backup-retention',
      'neptune-deletion-protection',
      'neptune-backup-retention',
      'neptune-customer-managed-key',
      'neptune-final-snapshot',
      'dynamodb-deletion-protection',
      'dynamodb-point-in-time-recovery',
      'dynamodb-point-in-time-recovery-period',
      'dynamodb-replica-deletion',
      'cognito-user-pool-deletion-protection',
      'qldb-deletion-protection',
      'dsql-deletion-protection',
      'redshift-snapshot-retention',
      'redshift-customer-managed-key',
      'redshift-final-snapshot',
      'elasticache-snapshot-retention',
      'elasticache-final-snapshot',
      'memorydb-snapshot-retention',
      'memorydb-final-snapshot',
      'keyspaces-point-in-time-recovery',
      'timestream-magnetic-store-retention',
      'lightsail-database-backup-retention',
      'lightsail-database-final-snapshot',
      'opensearch-serverless-deletion-protection',
      'logs-data-deletion-protection',
      'logs-data-retention',
      'cloudtrail-event-data-store-termination-protection',
      's3-versioning',
      's3-cross-account-replication',
      's3-no-auto-delete-objects',
      's3-bucket-deployment-prune',
      's3-noncurrent-version-retention',
      's3-lifecycle-expiration',
      'ecr-no-empty-on-delete',
      'efs-automatic-backups',
      'efs-replication-overwrite-protection',
      'fsx-automatic-backup-retention',
      'fsx-final-backup',
      'fsx-no-delete-child-volumes',
      'ec2-no-delete-on-termination',
      'backup-vault-compliance-lock',
      'backup-vault-no-force-destroy',
      'backup-cross-account-copy',
      'backup-plan-copy-destination',
      'backup-plan-retention',
      'backup-plan-vault-lock-retention',
      'backup-plan-copy-retention',
      'backup-plan-schedule',
      'kms-key-deletion-window',
      'stack-termination-protection',
      'template-unexpanded-content',
    ]);
  });

  test.each(CATALOGUE.map((r) => [r.id, r] as const))(
    '%s has a title, why, fix and severity, and lives in a file named for its id',
    (id, rule) => {
      expect(rule.title).toMatch(/^[A-Z].*[^.]$/);
      expect(rule.why).toMatch(/^[A-Z].*\.$/);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      const service = id.split('-')[0];
      expect(fs.existsSync(path.join(__dirname, service, `${id}.ts`))).toBe(true);
      expect(fs.existsSync(path.join(__dirname, service, `${id}.test.ts`))).toBe(true);
    },
  );

  test('every deletion-protection property the CloudFormation specification knows on a data type has a rule', () => {
    const spec = require('../spec/cloudformation-types.generated.json') as {
      deletionProtection: Record<string, string[]>;
    };
    const judged = new Set(CATALOGUE.flatMap((r) => r.resourceTypes));
    // Types whose protection guards no stored data (compute, messaging identities, dashboards).
    const notData = new Set([
      'AWS::AutoScaling::AutoScalingGroup',
      'AWS::EKS::Cluster',
      'AWS::CloudTrail::Dashboard',
      'AWS::SMSVOICE::PhoneNumber',
      'AWS::SMSVOICE::Pool',
      'AWS::SMSVOICE::ProtectConfiguration',
      'AWS::SMSVOICE::SenderId',
      'AWS::WellArchitected::AgentProfile',
      'AWS::VerifiedPermissions::PolicyStore',
    ]);
    const missing = Object.keys(spec.deletionProtection).filter((t) => !judged.has(t) && !notData.has(t));
    expect(missing).toEqual([]);
  });

  test('the stateful types include every type the specification marks stateful, bar nested stacks', () => {
    const spec = require('../spec/cloudformation-types.generated.json') as { stateful: string[] };
    expect(spec.stateful.filter((t) => !STATEFUL_TYPES.includes(t))).toEqual(['AWS::CloudFormation::Stack']);
  });

  test('the generated specification facts match the installed @aws-cdk/aws-service-spec (run `npm run generate`)', () => {
    const { build } = require('../../scripts/generate-spec.js') as { build(): unknown };
    const committed = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'spec', 'cloudformation-types.generated.json'), 'utf8'),
    );
    expect(committed).toEqual(build());
  });
});
