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
      'gcp-deletion-policy',
      'cloudsql-deletion-protection',
      'cloudsql-destroy-protection',
      'cloudsql-retain-backups-on-delete',
      'cloudsql-final-backup',
      'cloudsql-automated-backups',
      'cloudsql-point-in-time-recovery',
      'alloydb-deletion-protection',
      'alloydb-automated-backups',
      'alloydb-continuous-backup',
      'gcp-project-deletion-policy',
      'gcp-project-lien',
      'cloudkms-destroy-scheduled-duration',
      'spanner-instance-no-force-destroy',
      'spanner-database-drop-protection',
      'spanner-database-version-retention',
      'firestore-delete-protection',
      'firestore-point-in-time-recovery',
      'firestore-deletion-policy',
      'bigtable-instance-no-force-destroy',
      'bigtable-instance-deletion-protection',
      'bigtable-table-deletion-protection',
      'bigtable-table-automated-backup',
      'bigquery-dataset-no-delete-contents',
      'bigquery-dataset-time-travel',
      'bigquery-table-deletion-protection',
      'bigquery-table-expiration',
      'gcs-bucket-no-force-destroy',
      'gcs-bucket-versioning',
      'gcs-bucket-soft-delete',
      'gcs-bucket-retention-policy-locked',
      'gcs-noncurrent-version-retention',
      'gcs-lifecycle-expiration',
      'filestore-deletion-protection',
      'memorystore-deletion-protection',
      'memorystore-automated-backups',
      'memorystore-persistence',
      'compute-disk-auto-delete',
      'backupdr-coverage',
      'backupdr-vault-separate-project',
      'backupdr-vault-enforced-retention',
      'backupdr-plan-retention',
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
      if (rule.google) {
        // Google rules live in gcp/<service>/ (gcp-deletion-policy in gcp/general/, gcp-project-* in gcp/project/),
        // tested in a file named for the rule or in the folder's table-driven test that imports it.
        const folder = path.join(
          __dirname,
          'gcp',
          id === 'gcp-deletion-policy' ? 'general' : service === 'gcp' ? id.split('-')[1] : service,
        );
        expect(fs.existsSync(path.join(folder, `${id}.ts`))).toBe(true);
        const tests = fs.readdirSync(folder).filter((f) => f.endsWith('.test.ts'));
        expect(tests.some((f) => fs.readFileSync(path.join(folder, f), 'utf8').includes(`'./${id}'`))).toBe(true);
        return;
      }
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
