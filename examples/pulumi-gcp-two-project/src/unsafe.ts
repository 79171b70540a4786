/**
 * The unsafe counterpart: the same data written the way the provider's
 * defaults leave it. A Cloud SQL instance whose only guard is the provider's
 * `deletionProtection` (turned off here; `gcloud sql instances delete` ignores
 * it anyway), whose backups are deleted with it and which has no point-in-time
 * recovery; a vault in the data project itself; a bucket that deletes its
 * objects with it. `enforceDataProtection` fails the program, listing every
 * finding.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { enforceDataProtection, type DataProtectionArgs, type DataProtectionEnforcement } from '@deadbolt/pulumi';

export interface UnsafeProgram {
  readonly enforcement: DataProtectionEnforcement;
  readonly outputs: Record<string, pulumi.Output<string>>;
}

export function unsafeProgram(enforce: DataProtectionArgs = {}): UnsafeProgram {
  const enforcement = enforceDataProtection(enforce);
  const region = new pulumi.Config('gcp').require('region');

  const orders = new gcp.sql.DatabaseInstance('orders', {
    name: 'orders',
    databaseVersion: 'POSTGRES_16',
    deletionProtection: false,
    settings: {
      tier: 'db-custom-2-7680',
      backupConfiguration: { enabled: true },
    },
  });
  // A vault in the data project: whoever can delete the instance can delete the project and the vault with it.
  const local = new gcp.backupdisasterrecovery.BackupVault('local', {
    location: region,
    backupVaultId: 'local',
    backupMinimumEnforcedRetentionDuration: '86400s',
    forceDelete: true,
  });
  const exports = new gcp.storage.Bucket('exports', { location: 'US', forceDestroy: true });

  return {
    enforcement,
    outputs: { connectionName: orders.connectionName, vault: local.name, bucket: exports.name },
  };
}
