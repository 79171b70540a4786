import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Finding } from '@deadbolt/rules';
import { ENV, ofRule, synthFindings } from '../synth-helper';

const CENTRAL_ARN = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';
const COPY = 'backup-cross-account-copy';
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };

/** A plan whose one rule copies to `to` (the central vault in account 222222222222 by default). */
function planWithCopy(stack: Stack, to?: backup.IBackupVault): backup.BackupPlan {
  const plan = new backup.BackupPlan(stack, 'Plan');
  plan.addRule(
    new backup.BackupPlanRule({
      ruleName: 'Daily',
      deleteAfter: Duration.days(35),
      copyActions: [
        {
          destinationBackupVault: to ?? backup.BackupVault.fromBackupVaultArn(stack, 'Central', CENTRAL_ARN),
          deleteAfter: Duration.days(35),
        },
      ],
    }),
  );
  return plan;
}

/** Copy findings by construct id (the second segment of the path). */
function copyFindings(findings: readonly Finding[]): Record<string, string> {
  return Object.fromEntries(
    ofRule(findings, COPY).map((f) => [f.resource.path!.split('/').slice(0, -1).join('/'), f.message]),
  );
}

describe('backup-vault-compliance-lock on real CDK apps', () => {
  test('a BackupVault with CDK defaults has no lock; a governance lock is caught; compliance passes', () => {
    const findings = synthFindings((stack) => {
      new backup.BackupVault(stack, 'Plain');
      new backup.BackupVault(stack, 'Governance', { lockConfiguration: { minRetention: Duration.days(7) } });
      new backup.BackupVault(stack, 'Compliance', {
        lockConfiguration: { minRetention: Duration.days(7), changeableFor: Duration.days(3) },
      });
    });
    const byPath = ofRule(findings, 'backup-vault-compliance-lock').map((f) => [f.resource.path, f.message]);
    expect(byPath).toEqual([
      [
        'Test/Plain/Resource',
        'LockConfiguration is not set (CloudFormation default: no Vault Lock), so recovery points can be deleted at any time.',
      ],
      [
        'Test/Governance/Resource',
        'LockConfiguration.ChangeableForDays is not set: the lock is in governance mode, which a privileged principal can remove.',
      ],
    ]);
    expect(ofRule(findings, 'backup-vault-compliance-lock')[0].fix).toMatch(/changeableFor: Duration\.days\(3\)/);
  });

  test('an escape hatch that shortens the cooling-off period is caught', () => {
    const findings = synthFindings((stack) => {
      const vault = new backup.BackupVault(stack, 'Vault', {
        lockConfiguration: { minRetention: Duration.days(7), changeableFor: Duration.days(3) },
      });
      (vault.node.defaultChild as backup.CfnBackupVault).addPropertyOverride('LockConfiguration.ChangeableForDays', 1);
    });
    expect(ofRule(findings, 'backup-vault-compliance-lock')[0].message).toMatch(
      /ChangeableForDays is 1; it must be at least 3/,
    );
  });
});

describe('backup-plan-copy-destination on real CDK apps', () => {
  test('a plan from a CDK factory copies nowhere', () => {
    const findings = synthFindings((stack) => {
      backup.BackupPlan.daily35DayRetention(stack, 'Plan');
    });
    const [f] = ofRule(findings, 'backup-plan-copy-destination');
    expect(f.resource.path).toBe('Test/Plan/Resource');
    expect(f.message).toMatch(/^No rule of the plan has a copy action/);
  });

  test('a copy to BackupVault.fromBackupVaultArn in another account passes', () => {
    const findings = synthFindings((stack) => {
      planWithCopy(stack);
    });
    expect(ofRule(findings, 'backup-plan-copy-destination')).toEqual([]);
  });

  test('a copy to a vault in the same stack, or from an environment-agnostic stack, is caught', () => {
    const local = synthFindings((stack) => {
      planWithCopy(stack, new backup.BackupVault(stack, 'Dr'));
    });
    expect(ofRule(local, 'backup-plan-copy-destination')[0].message).toMatch(
      /rule Daily copies to a vault in this account/,
    );
    const agnostic = synthFindings(
      (stack) => {
        planWithCopy(stack);
      },
      { envAgnostic: true },
    );
    expect(ofRule(agnostic, 'backup-plan-copy-destination')[0]).toMatchObject({ unresolved: true });
    expect(ofRule(agnostic, 'backup-plan-copy-destination')[0].message).toMatch(/the plan's own account is not known/);
  });
});

describe('backup-cross-account-copy on real CDK apps', () => {
  test('databases, tables and file systems with CDK defaults have no isolated copy', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
      new dynamodb.TableV2(stack, 'Table', { partitionKey: pk });
      new efs.FileSystem(stack, 'Files', { vpc });
    });
    expect(copyFindings(findings)).toEqual({
      'Test/Db': 'No backup plan in the app selects this resource, so no copy of it exists in another account.',
      'Test/Table': 'No backup plan in the app selects this resource, so no copy of it exists in another account.',
      'Test/Files': 'No backup plan in the app selects this resource, so no copy of it exists in another account.',
    });
    expect(ofRule(findings, COPY)[0].fix).toMatch(/BackupResource\.fromRdsDatabaseInstance\(db\)/);
  });

  test('every BackupResource factory selects its resource for a plan that copies to another account', () => {
    const findings = synthFindings((stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const db = new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
      const cluster = new rds.DatabaseCluster(stack, 'Cluster', {
        engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
        vpc,
        writer: rds.ClusterInstance.provisioned('Writer'),
      });
      const table = new dynamodb.Table(stack, 'Table', { partitionKey: pk });
      const tableV2 = new dynamodb.TableV2(stack, 'TableV2', { partitionKey: pk });
      const files = new efs.FileSystem(stack, 'Files', { vpc });
      const construct = new dynamodb.Table(stack, 'ByConstruct', { partitionKey: pk });
      new dynamodb.Table(stack, 'ByArn', { partitionKey: pk, tableName: 'by-arn' });
      const tagged = new dynamodb.Table(stack, 'ByTag', { partitionKey: pk });
      Tags.of(tagged).add('backup', 'daily');
      const taggedV2 = new dynamodb.TableV2(stack, 'ByTagV2', { partitionKey: pk });
      Tags.of(taggedV2).add('backup', 'daily');
      new dynamodb.Table(stack, 'Untagged', { partitionKey: pk });
      planWithCopy(stack).addSelection('Selection', {
        resources: [
          backup.BackupResource.fromRdsDatabaseInstance(db),
          backup.BackupResource.fromRdsDatabaseCluster(cluster),
          backup.BackupResource.fromDynamoDbTable(table),
          backup.BackupResource.fromDynamoDbTable(tableV2),
          backup.BackupResource.fromEfsFileSystem(files),
          backup.BackupResource.fromConstruct(construct),
          backup.BackupResource.fromArn('arn:aws:dynamodb:us-east-1:111111111111:table/by-arn'),
          backup.BackupResource.fromTag('backup', 'daily'),
        ],
      });
    });
    // Only the table nothing selects is left; the cluster's writer instance is judged through its cluster.
    expect(copyFindings(findings)).toEqual({
      'Test/Untagged': 'No backup plan in the app selects this resource, so no copy of it exists in another account.',
    });
  });

  test('fromConstruct does not reach a TableV2 (CDK collects only CfnTable), and Deadbolt does not pretend it does', () => {
    const findings = synthFindings((stack) => {
      const tableV2 = new dynamodb.TableV2(stack, 'TableV2', { partitionKey: pk });
      planWithCopy(stack).addSelection('Selection', {
        resources: [
          backup.BackupResource.fromConstruct(tableV2),
          backup.BackupResource.fromArn('arn:aws:ec2:*:*:volume/*'),
        ],
      });
    });
    expect(Object.keys(copyFindings(findings))).toEqual(['Test/TableV2']);
  });

  test('stack-level tags select through ListOfTags', () => {
    const findings = synthFindings((_stack, app) => {
      const data = new Stack(app, 'Data', { env: ENV, tags: { backup: 'daily' } });
      new dynamodb.Table(data, 'Table', { partitionKey: pk });
      planWithCopy(new Stack(app, 'Backup', { env: ENV })).addSelection('Selection', {
        resources: [backup.BackupResource.fromTag('backup', 'daily')],
      });
    });
    expect(copyFindings(findings)).toEqual({});
  });

  test('a table in another stack is selected through the Fn::ImportValue CDK writes', () => {
    const findings = synthFindings((_stack, app) => {
      const data = new Stack(app, 'Data', { env: ENV });
      const table = new dynamodb.Table(data, 'Table', { partitionKey: pk });
      planWithCopy(new Stack(app, 'Backup', { env: ENV })).addSelection('Selection', {
        resources: [backup.BackupResource.fromDynamoDbTable(table)],
      });
    });
    expect(copyFindings(findings)).toEqual({});
  });

  test('a plan that copies to a vault in the same stack is not an isolated copy', () => {
    const findings = synthFindings((stack) => {
      const table = new dynamodb.Table(stack, 'Table', { partitionKey: pk });
      planWithCopy(stack, new backup.BackupVault(stack, 'Dr')).addSelection('Selection', {
        resources: [backup.BackupResource.fromDynamoDbTable(table)],
      });
    });
    expect(copyFindings(findings)['Test/Table']).toMatch(
      /^No backup copy of this resource is proven to be in another account: plan Plan[0-9A-F]+ \(rule Daily\) copies to a vault in the same account\.$/,
    );
  });

  test('a CDK factory plan (no copy action) is not an isolated copy', () => {
    const findings = synthFindings((stack) => {
      const table = new dynamodb.Table(stack, 'Table', { partitionKey: pk });
      backup.BackupPlan.dailyWeeklyMonthly5YearRetention(stack, 'Plan').addSelection('Selection', {
        resources: [backup.BackupResource.fromDynamoDbTable(table)],
      });
    });
    expect(copyFindings(findings)['Test/Table']).toMatch(/plan Plan[0-9A-F]+ has no copy action/);
  });

  test('an environment-agnostic stack is never proven to copy elsewhere', () => {
    const findings = synthFindings(
      (stack) => {
        const table = new dynamodb.Table(stack, 'Table', { partitionKey: pk });
        planWithCopy(stack).addSelection('Selection', { resources: [backup.BackupResource.fromDynamoDbTable(table)] });
      },
      { envAgnostic: true },
    );
    const [f] = ofRule(findings, COPY);
    expect(f.unresolved).toBe(true);
    expect(f.message).toMatch(/copies to account 222222222222, but the resource's own account is not known/);
  });

  test('escape hatches: NotResources excludes a table, Conditions narrow a wildcard', () => {
    const findings = synthFindings((stack) => {
      const excluded = new dynamodb.Table(stack, 'Excluded', { partitionKey: pk });
      const kept = new dynamodb.Table(stack, 'Kept', { partitionKey: pk });
      Tags.of(kept).add('backup', 'true');
      const untagged = new dynamodb.Table(stack, 'Untagged', { partitionKey: pk });
      Tags.of(excluded).add('backup', 'true');
      const selection = planWithCopy(stack).addSelection('Selection', {
        resources: [backup.BackupResource.fromArn('*')],
      });
      const cfn = selection.node.defaultChild as backup.CfnBackupSelection;
      cfn.addPropertyOverride('BackupSelection.NotResources', [excluded.tableArn]);
      cfn.addPropertyOverride('BackupSelection.Conditions', {
        StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'true' }],
      });
      void untagged;
    });
    expect(Object.keys(copyFindings(findings)).sort()).toEqual(['Test/Excluded', 'Test/Untagged']);
  });
});
