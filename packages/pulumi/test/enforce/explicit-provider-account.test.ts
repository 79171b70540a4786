/**
 * An explicit `aws.Provider` with credentials of its own deploys to whatever
 * account they reach: the stack's `aws:allowedAccountIds` describes the default
 * provider only. The cross-account findings then ask for `allowedAccountIds` on
 * that provider, not for a copy the program already makes.
 */
import * as aws from '@pulumi/aws';
import { BackupEnrolment, IsolatedBackupVault, SafeDatabase, enforceDataProtection } from '../../src';
import { runWithDeadbolt } from '../../src/testing';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const CONFIG = { 'aws:region': 'us-east-1', 'aws:allowedAccountIds': ['111111111111'] };

/** A vault and a database enrolled in it, both deployed with the explicit provider `workload`. */
function program(providerArgs: aws.ProviderArgs): () => void {
  return () => {
    enforceDataProtection();
    const provider = new aws.Provider('workload', providerArgs);
    const vault = new IsolatedBackupVault('backups', { destinationVaultArn: CENTRAL }, { provider });
    new SafeDatabase(
      'orders',
      {
        identifier: 'orders',
        backup: BackupEnrolment.inVault(vault),
        instance: { instanceClass: 'db.t4g.micro', engine: 'postgres', allocatedStorage: 20 },
      },
      { provider },
    );
  };
}

const FIX =
  "Give the provider `workload` the one account it deploys to: `new aws.Provider('workload', { allowedAccountIds: ['<12-digit account id>'], ... })` " +
  '(exactly one id: the provider then refuses to deploy to any other account, and Deadbolt reads the account from it). ' +
  "The stack's `aws:allowedAccountIds` config and Deadbolt's `account` option describe the default provider only.";

describe('an explicit provider without allowedAccountIds', () => {
  test('the cross-account findings name the provider and ask for allowedAccountIds on it', async () => {
    const run = await runWithDeadbolt(program({ region: 'us-east-1', profile: 'prod' }), { config: CONFIG });
    const copy = run.findings.filter((f) => f.ruleId === 'backup-cross-account-copy');
    expect(copy.map((f) => [f.resourceName, f.message, f.fix])).toEqual([
      [
        'orders-db',
        'No backup copy of this resource is proven to be in another account: plan backups-plan (rule isolated-copy) copies to account 222222222222, ' +
          "but the resource's own account is not known (its explicit provider `workload` has credentials of its own but no single account in `allowedAccountIds`), " +
          'so the copy is not proven to leave it.',
        FIX,
      ],
    ]);
    const plan = run.findings.filter((f) => f.ruleId === 'backup-plan-copy-destination');
    expect(plan.map((f) => [f.resourceName, f.fix])).toEqual([['backups-plan', FIX]]);
  });

  test('with allowedAccountIds on the provider, the copy is proven to leave the account', async () => {
    const run = await runWithDeadbolt(
      program({ region: 'us-east-1', profile: 'prod', allowedAccountIds: ['111111111111'] }),
      { config: CONFIG },
    );
    expect(
      run.findings.filter(
        (f) => f.ruleId === 'backup-cross-account-copy' || f.ruleId === 'backup-plan-copy-destination',
      ),
    ).toEqual([]);
  });
});
