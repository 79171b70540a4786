/**
 * Two Google Cloud projects: a data project whose Cloud SQL instance is a
 * `SafeCloudSqlInstance`, and a backup project holding the Backup and DR vault
 * its backups go to, with an enforced minimum retention, deployed through its
 * own provider (credentials the data project's deployers do not hold). The
 * plan is created in the backup project; the association that enrols the
 * instance lives in the data project. `enforceDataProtection` judges every
 * resource of the stack with the Deadbolt catalogue.
 * @see https://cloud.google.com/backup-disaster-recovery/docs/concepts/backup-vault
 * @see https://cloud.google.com/sql/docs/postgres/backup-recovery/backup-options
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import {
  CloudSqlBackupPlan,
  enforceDataProtection,
  SafeCloudSqlInstance,
  type DataProtectionArgs,
  type DataProtectionEnforcement,
} from '@deadbolt/pulumi';

/**
 * How long every backup in the vault is kept at least, whatever a plan says: 30 days, in seconds (the API's
 * duration format).
 * @see https://cloud.google.com/backup-disaster-recovery/docs/reference/rest/v1/projects.locations.backupVaults
 */
const VAULT_MINIMUM_RETENTION = `${30 * 24 * 60 * 60}s`;

export interface TwoProjectProgram {
  readonly enforcement: DataProtectionEnforcement;
  readonly outputs: Record<string, pulumi.Output<string>>;
}

/** The whole program; `index.ts` runs it, the tests run it under mocks. */
export function twoProjectProgram(enforce: DataProtectionArgs = {}): TwoProjectProgram {
  // First, before any resource: every resource registered after this is judged.
  const enforcement = enforceDataProtection(enforce);

  const config = new pulumi.Config();
  const gcpConfig = new pulumi.Config('gcp');
  const region = gcpConfig.require('region');
  const backupProject = config.require('backupProject');

  // The backup project: its own provider, impersonating a deployer of that project.
  const backupProvider = new gcp.Provider('backup-project', {
    project: backupProject,
    region,
    impersonateServiceAccount: config.require('backupDeployServiceAccount'),
  });
  const vault = new gcp.backupdisasterrecovery.BackupVault(
    'central',
    {
      project: backupProject,
      location: region,
      backupVaultId: 'central',
      description: 'Cloud SQL backups of the data project; no backup can be deleted before its minimum retention.',
      backupMinimumEnforcedRetentionDuration: VAULT_MINIMUM_RETENTION,
      // Only principals of the organization reach it; the data project's deployers have no role on it.
      accessRestriction: 'WITHIN_ORGANIZATION',
    },
    { provider: backupProvider },
  );

  // The data project (the default provider, `gcp:project`). The vault's name is written out literally: the data
  // stack must prove, before anything is created, that the backups leave the project.
  const vaultName = `projects/${backupProject}/locations/${region}/backupVaults/central`;
  const orders = new SafeCloudSqlInstance(
    'orders',
    {
      name: 'orders',
      databaseVersion: 'POSTGRES_16',
      settings: { tier: 'db-custom-2-7680', edition: 'ENTERPRISE', availabilityType: 'REGIONAL' },
      retainedBackups: 14,
      backupPlan: CloudSqlBackupPlan.inVault({
        backupVault: vaultName,
        provider: backupProvider,
        backupRetentionDays: 35, // at least the vault's 30-day minimum
      }),
    },
    // The plan names the vault by its literal name: create the vault first.
    { dependsOn: [vault] },
  );

  return {
    enforcement,
    outputs: {
      connectionName: orders.instance.connectionName,
      backupVault: vault.name,
    },
  };
}
