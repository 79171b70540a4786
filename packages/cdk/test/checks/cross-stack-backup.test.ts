import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AspectPriority, Aspects, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { cloudFormationDocument, evaluate, loadCloudAssembly } from '@deadbolt/rules';
import {
  BackupEnrolment,
  DataProtectionChecks,
  DataProtectionPlugin,
  IsolatedBackupVault,
  SafeDatabaseInstance,
} from '../../src';
import { ENV } from '../synth-helper';

const CENTRAL_ARN = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const COPY = 'backup-cross-account-copy';

interface TwoStacks {
  readonly app: App;
  readonly outdir: string;
  readonly data: Stack;
  readonly backupStack: Stack;
}

/**
 * A real two-stack app in one account: the `Backup` stack holds an
 * `IsolatedBackupVault` (copying to account 222222222222), the `Data` stack a
 * `SafeDatabaseInstance` enrolled in it. CDK turns the reference into an
 * export of the database's `Ref` in `Data` and an `Fn::ImportValue` in the
 * vault's backup selection.
 */
function twoStacks(build?: (t: TwoStacks) => void): TwoStacks {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-cross-stack-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const backupStack = new Stack(app, 'Backup', { env: ENV, terminationProtection: true });
  const data = new Stack(app, 'Data', { env: ENV, terminationProtection: true });
  const t = { app, outdir, data, backupStack };
  if (build) build(t);
  else {
    const vault = new IsolatedBackupVault(backupStack, 'Vault', { destinationVaultArn: CENTRAL_ARN });
    new SafeDatabaseInstance(data, 'Db', {
      engine: rds.DatabaseInstanceEngine.POSTGRES,
      vpc: new ec2.Vpc(data, 'Vpc'),
      instanceIdentifier: 'orders',
      backup: BackupEnrolment.inVault(vault),
    });
  }
  return t;
}

const copyFindings = <F extends { readonly ruleId: string; readonly severity: string }>(findings: readonly F[]) =>
  findings.filter((f) => f.ruleId === COPY && f.severity !== 'info');

describe('backup-cross-account-copy: a database and its backup vault in two stacks of one CDK app', () => {
  test('DataProtectionChecks on the App: no finding (the Fn::ImportValue is read through the export)', () => {
    const { app } = twoStacks();
    const checks = new DataProtectionChecks();
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
    app.synth();
    // Before: "selection VaultSelection… (stack Backup) is not proven to select it: its Resources entry … cannot be resolved".
    expect(copyFindings(checks.findings)).toEqual([]);
    // Nothing else fails either: the safe constructs in two stacks are a layout that passes.
    expect(checks.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('DataProtectionPlugin: no violation', () => {
    const { app, outdir } = twoStacks();
    Validations.of(app).addPlugins(new DataProtectionPlugin());
    // Synthesis throws on an error violation (before: backup-cross-account-copy on Data/Db).
    expect(() => app.synth()).not.toThrow();
    const report = path.join(outdir, 'validation-report.json');
    if (fs.existsSync(report)) expect(fs.readFileSync(report, 'utf8')).not.toContain(COPY);
  });

  test('`deadbolt check cdk.out` (the cloud assembly): no finding; one template alone says where the rest is', () => {
    const { app, outdir } = twoStacks();
    app.synth();
    const assembly = loadCloudAssembly(outdir);
    expect(copyFindings(evaluate({ documents: assembly.documents }).findings)).toEqual([]);

    // The database's template alone: its ARN is exported to a stack this check does not see.
    const file = path.join(outdir, 'Data.template.json');
    const alone = cloudFormationDocument({
      id: 'Data',
      template: JSON.parse(fs.readFileSync(file, 'utf8')),
      templatePath: file,
      account: ENV.account,
      region: ENV.region,
    });
    const [f, ...rest] = copyFindings(evaluate({ documents: [alone] }).findings);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      unresolved: true,
      resource: { logicalId: expect.stringMatching(/^Db/) },
    });
    expect(f.message).toMatch(
      /^No backup plan in the stacks checked here selects this resource, but stack Data exports it as "Data:ExportsOutputRefDb\w+" and no stack checked here imports that: a backup selection in another stack may select it\. Check the stacks together/,
    );
    expect(f.fix).toMatch(/deadbolt check cdk\.out/);
    expect(f.fix).not.toMatch(/^Select the resource/);
  });

  test('DataProtectionChecks on the database stack only: the finding says to judge the stacks together', () => {
    const { app, data } = twoStacks();
    const checks = new DataProtectionChecks();
    Aspects.of(data).add(checks, { priority: AspectPriority.READONLY });
    app.synth();
    const [f] = copyFindings(checks.findings);
    expect(f.message).toMatch(/a backup selection in another stack may select it/);
    expect(f.fix).toMatch(/^Judge every stack of the app together: add `DataProtectionChecks` to the App/);
  });

  test('L2 plan in one stack, BackupSelection beside the database in the other (BackupPlanId imported): no finding', () => {
    const { app } = twoStacks(({ data, backupStack }) => {
      const plan = new backup.BackupPlan(backupStack, 'Plan');
      plan.addRule(
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          deleteAfter: Duration.days(35),
          copyActions: [
            {
              destinationBackupVault: backup.BackupVault.fromBackupVaultArn(backupStack, 'Central', CENTRAL_ARN),
              deleteAfter: Duration.days(35),
            },
          ],
        }),
      );
      const db = new rds.DatabaseInstance(data, 'Db', {
        engine: rds.DatabaseInstanceEngine.POSTGRES,
        vpc: new ec2.Vpc(data, 'Vpc'),
      });
      new backup.BackupSelection(data, 'Selection', {
        backupPlan: plan,
        resources: [backup.BackupResource.fromRdsDatabaseInstance(db)],
      });
    });
    const checks = new DataProtectionChecks();
    Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
    app.synth();
    expect(copyFindings(checks.findings)).toEqual([]);
  });
});
