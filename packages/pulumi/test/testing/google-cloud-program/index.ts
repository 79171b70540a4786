/**
 * The `SafeCloudSqlInstance` snippet of packages/pulumi/README.md ("Google Cloud"), as written there: the README
 * test runs it, so the snippet compiles against the real API and leaves no error finding.
 */
import * as gcp from '@pulumi/gcp';
import { CloudSqlBackupPlan, SafeCloudSqlInstance, enforceDataProtection } from '@deadbolt/pulumi';

enforceDataProtection(); // first; the default project is `gcp:project`

// The backup project's own provider: the data project's deployers hold no role there.
const backupProject = new gcp.Provider('backup-project', { project: 'acme-backup', region: 'us-central1' });

const orders = new SafeCloudSqlInstance('orders', {
  name: 'orders', // required, literal
  databaseVersion: 'POSTGRES_16', // required, literal
  settings: { tier: 'db-custom-2-7680', edition: 'ENTERPRISE' },
  backupPlan: CloudSqlBackupPlan.inVault({
    backupVault: 'projects/acme-backup/locations/us-central1/backupVaults/central', // literal, another project
    provider: backupProject, // the plan is created there
    // backupRetentionDays: 35, logRetentionDays: 7, backupWindowStartHour: 0,
  }),
  // or: CloudSqlBackupPlan.existing('projects/acme-backup/locations/us-central1/backupPlans/daily',
  //       'projects/acme-backup/locations/us-central1/backupVaults/central')  (its vault; acknowledge, see below)
  // or: CloudSqlBackupPlan.optOut('why'), recorded as the label deadbolt-backup-opt-out (see below)
});

export const connectionName = orders.instance.connectionName;
