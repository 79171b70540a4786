'use strict';
/**
 * A generated CDK app made of Deadbolt's safe constructs, for the
 * construct-self-defence benchmark.
 *
 * `buildApp({ outdir, stacks, defended })` returns an App of `stacks` workload
 * stacks (default 5) and one backup-account stack. Each workload stack holds a
 * VPC, an `IsolatedBackupVault` and nine safe constructs: three `SafeBucket`s,
 * two `SafeTable`s, a `SafeTableV2` with a replica, a `SafeDatabaseInstance`, a
 * `SafeDatabaseCluster` and a `SafeFileSystem`, those that take `backup`
 * enrolled in the vault; the backup-account stack a `BackupAccountVault`. With
 * 5 stacks: 51 safe constructs. No checker is attached (no
 * `DataProtectionChecks`, no plugin): what is measured is what the constructs
 * do by themselves.
 *
 * Each safe construct defends its forced settings with a validation that
 * `defendForcedSettings` (`packages/cdk/src/constructs/private/self-defence.ts`)
 * adds. To measure it, this file wraps that function, as the bench's own
 * instrument (the package has no switch to turn the defence off):
 *
 * - `defended: true`: each validation it adds is timed (wall and CPU), and
 *   `ownTime()` returns the sums and each call's time;
 * - `defended: false`: the validation is dropped, so synthesis runs everything
 *   else the same, and the difference between the two is the defence's cost.
 *
 * The wrapper is in place in both variants, so both pay for it alike.
 */
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const ec2 = require('aws-cdk-lib/aws-ec2');
const rds = require('aws-cdk-lib/aws-rds');

const ROOT = path.resolve(__dirname, '..', '..');
const SELF_DEFENCE = path.join(ROOT, 'packages', 'cdk', 'lib', 'src', 'constructs', 'private', 'self-defence.js');
const ENV = { account: '111111111111', region: 'us-east-1' };
const BACKUP_ACCOUNT = '222222222222';
const CENTRAL = `arn:aws:backup:us-east-1:${BACKUP_ACCOUNT}:backup-vault:central`;
const ORIGINAL = Symbol('defendForcedSettings');

/**
 * Wraps `defendForcedSettings` (the constructs call it through its module's
 * exports, so replacing the export reaches every call). Returns the function
 * giving the time spent in the validations it added, and how many it added.
 */
function instrument(defended) {
  const selfDefence = require(SELF_DEFENCE);
  // Built twice in one process (a warm-up app first), the wrapper replaces the previous one.
  const original = selfDefence.defendForcedSettings[ORIGINAL] ?? selfDefence.defendForcedSettings;
  if (typeof original !== 'function') throw new Error(`${SELF_DEFENCE} exports no defendForcedSettings.`);
  let wall = 0n;
  let cpu = 0;
  let validations = 0;
  /** Each validation's construct class and wall time in ms, in the order synthesis ran them. */
  const calls = [];
  selfDefence.defendForcedSettings = function measured(scope, defence) {
    const node = scope.node;
    const captured = [];
    // Catch the validation the original adds; every other validation goes through as is.
    node.addValidation = (v) => captured.push(v);
    try {
      original(scope, defence);
    } finally {
      delete node.addValidation;
    }
    if (captured.length !== 1)
      throw new Error(`defendForcedSettings added ${captured.length} validations, expected 1.`);
    validations++;
    if (!defended) return;
    const [validation] = captured;
    node.addValidation({
      validate: () => {
        const start = process.hrtime.bigint();
        const startCpu = process.cpuUsage();
        try {
          return validation.validate();
        } finally {
          const took = process.hrtime.bigint() - start;
          calls.push({ construct: scope.constructor.name, ms: Number(took) / 1e6 });
          wall += took;
          const d = process.cpuUsage(startCpu);
          cpu += d.user + d.system;
        }
      },
    });
  };
  selfDefence.defendForcedSettings[ORIGINAL] = original;
  return () => ({ wallMs: Number(wall) / 1e6, cpuMs: cpu / 1000, validations, calls });
}

/** Builds the app; `defended` says whether the constructs' self-defence validations stay in. */
function buildApp({ outdir, stacks = 5, defended = true }) {
  const ownTime = instrument(defended);
  // Required after the wrapper is in place (the constructs call it through the module's exports either way).
  const deadbolt = require('@deadbolt/cdk');
  const app = new cdk.App({ outdir, builtinCloudFormationValidation: false });

  const central = new cdk.Stack(app, 'BackupAccount', {
    env: { account: BACKUP_ACCOUNT, region: ENV.region },
    terminationProtection: true,
  });
  new deadbolt.BackupAccountVault(central, 'Central', {
    backupVaultName: 'central',
    sourceAccounts: [ENV.account],
  });

  const postgres = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
  const aurora = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
  for (let i = 0; i < stacks; i++) {
    const stack = new cdk.Stack(app, `Workload${i}`, { env: ENV, terminationProtection: true });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const vault = new deadbolt.IsolatedBackupVault(stack, 'Vault', { destinationVaultArn: CENTRAL });
    const backup = deadbolt.BackupEnrolment.inVault(vault);
    for (const name of ['Uploads', 'Reports', 'Exports']) new deadbolt.SafeBucket(stack, name);
    const key = { name: 'pk', type: dynamodb.AttributeType.STRING };
    new deadbolt.SafeTable(stack, 'Orders', { tableName: `orders-${i}`, partitionKey: key, backup });
    new deadbolt.SafeTable(stack, 'Sessions', {
      tableName: `sessions-${i}`,
      partitionKey: key,
      sortKey: { name: 'sk', type: dynamodb.AttributeType.NUMBER },
      backup,
    });
    new deadbolt.SafeTableV2(stack, 'Ledger', {
      tableName: `ledger-${i}`,
      partitionKey: key,
      replicaRegions: ['us-west-2'],
      backup,
    });
    new deadbolt.SafeDatabaseInstance(stack, 'Database', {
      engine: postgres,
      vpc,
      instanceIdentifier: `orders-${i}`,
      backup,
    });
    new deadbolt.SafeDatabaseCluster(stack, 'Cluster', {
      engine: aurora,
      vpc,
      clusterIdentifier: `ledger-${i}`,
      writer: rds.ClusterInstance.provisioned('Writer'),
      backup,
    });
    new deadbolt.SafeFileSystem(stack, 'Files', { vpc, backup });
  }
  return { app, ownTime };
}

/** Stacks and CloudFormation resources in a synthesized cloud assembly. */
function countResources(outdir) {
  let stacks = 0;
  let resources = 0;
  for (const f of fs.readdirSync(outdir)) {
    if (!f.endsWith('.template.json')) continue;
    stacks++;
    resources += Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf8')).Resources ?? {}).length;
  }
  return { stacks, resources };
}

module.exports = { buildApp, countResources };
