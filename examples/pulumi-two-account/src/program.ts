/**
 * Two accounts: a workload account (111111111111) whose databases, tables and
 * bucket are Deadbolt's safe components, and a backup account (222222222222)
 * holding the compliance-locked vault every recovery point is copied to,
 * deployed through its own provider. `enforceDataProtection` judges every
 * resource of the stack — the components' children and anything else the
 * program or a third-party component creates — with the Deadbolt catalogue.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  BackupAccountVault,
  BackupEnrolment,
  enforceDataProtection,
  IsolatedBackupVault,
  SafeBucket,
  SafeDatabase,
  SafeTable,
  type DataProtectionArgs,
  type DataProtectionEnforcement,
} from '@deadbolt/pulumi';

const VAULT_NAME = 'central';

export interface TwoAccountProgram {
  readonly enforcement: DataProtectionEnforcement;
  readonly outputs: Record<string, pulumi.Output<string>>;
}

/** The whole program; `index.ts` runs it, the tests run it under mocks. */
export function twoAccountProgram(enforce: DataProtectionArgs = {}): TwoAccountProgram {
  // First, before any resource: every resource registered after this is judged.
  const enforcement = enforceDataProtection(enforce);

  const config = new pulumi.Config();
  const awsConfig = new pulumi.Config('aws');
  const region = awsConfig.require('region');
  const workloadAccount = awsConfig.requireObject<string[]>('allowedAccountIds')[0];
  const backupAccount = config.require('backupAccountId');

  // The backup account: its own provider, with credentials the workload's deployers do not hold.
  const backupProvider = new aws.Provider('backup-account', {
    region: region as aws.Region,
    allowedAccountIds: [backupAccount],
    assumeRoles: [{ roleArn: config.require('backupDeployRoleArn'), sessionName: 'deadbolt-backup-deploy' }],
  });
  const central = new BackupAccountVault('central', {
    backupVaultName: VAULT_NAME,
    provider: backupProvider,
    sourceAccounts: [workloadAccount],
    minRetention: 7,
  });

  // The workload account. The destination is written out literally: the
  // workload stack must prove its copies leave the account.
  const backups = new IsolatedBackupVault('workload', {
    destinationVaultArn: `arn:aws:backup:${region}:${backupAccount}:backup-vault:${VAULT_NAME}`,
    accountId: workloadAccount,
    retention: 35,
  });

  const orders = new SafeDatabase('orders', {
    identifier: 'orders',
    backup: BackupEnrolment.inVault(backups),
    instance: {
      engine: 'postgres',
      engineVersion: '16',
      instanceClass: 'db.t4g.medium',
      allocatedStorage: 50,
      username: 'orders_admin',
      manageMasterUserPassword: true,
    },
  });

  const ledger = new SafeDatabase('ledger', {
    identifier: 'ledger',
    backup: BackupEnrolment.inVault(backups),
    aurora: {
      cluster: {
        engine: 'aurora-postgresql',
        engineVersion: '16.4',
        masterUsername: 'ledger_admin',
        manageMasterUserPassword: true,
      },
      instances: [{ instanceClass: 'db.r6g.large' }, { instanceClass: 'db.r6g.large' }],
    },
  });

  new SafeTable('carts', {
    name: 'carts',
    attributes: [{ name: 'customerId', type: 'S' }],
    hashKey: 'customerId',
    billingMode: 'PAY_PER_REQUEST',
    backup: BackupEnrolment.inVault(backups),
  });

  new SafeTable('sessions', {
    name: 'sessions',
    attributes: [{ name: 'sessionId', type: 'S' }],
    hashKey: 'sessionId',
    billingMode: 'PAY_PER_REQUEST',
    ttl: { attributeName: 'expiresAt', enabled: true },
    backup: BackupEnrolment.optOut('Sessions expire within a day: losing them only logs users out.'),
  });

  const invoices = new SafeBucket('invoices', {});

  return {
    enforcement,
    outputs: {
      centralVaultArn: central.vaultArn,
      workloadVaultArn: backups.vault.arn,
      ordersEndpoint: orders.instance!.endpoint,
      ledgerEndpoint: ledger.cluster!.endpoint,
      invoicesBucket: invoices.bucket.bucket,
    },
  };
}
