/**
 * Parity between Terraform and Pulumi: one configuration (an RDS instance, a
 * bucket with versioning set by its separate versioning resource, a DynamoDB
 * table, and an AWS Backup plan whose selection names the database and the
 * table by reference), written once as a Terraform plan (`terraform show -json`
 * output, in fixtures/terraform-plan.json) and once as a Pulumi program (run
 * under `pulumi.runtime.setMocks`, judged by `enforceDataProtection`), gets the
 * same rule ids on the same resources. The Pulumi AWS provider is bridged from
 * Terraform's, so both go through the one provider dialect.
 *
 * The Pulumi program runs with `addProtection: false` and the Terraform
 * configuration has no `prevent_destroy`, so both are as unprotected as each
 * other.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as aws from '@pulumi/aws';
import { evaluate, type Finding } from '@deadbolt/rules';
import { enforceDataProtection, type DataProtectionEnforcement } from '@deadbolt/pulumi';
import { readTerraformModel } from '../../packages/rules/src/dialects/terraform-json';
import { runProgram } from '../../packages/pulumi/test/harness';

const ACCOUNT = '111111111111';
const PLAN = path.join(__dirname, 'fixtures', 'terraform-plan.json');

/** The configuration as a Pulumi program, resource names matching the Terraform resource names. */
function program(): void {
  const records = new aws.rds.Instance('records', {
    identifier: 'records',
    engine: 'postgres',
    instanceClass: 'db.t4g.medium',
    allocatedStorage: 20,
    username: 'records_admin',
    manageMasterUserPassword: true,
    storageEncrypted: true,
    backupRetentionPeriod: 1,
    skipFinalSnapshot: true,
  });
  const exports = new aws.s3.Bucket('exports', { bucket: 'records-exports', forceDestroy: true });
  new aws.s3.BucketVersioning('exports', {
    bucket: exports.id,
    versioningConfiguration: { status: 'Suspended' },
  });
  const enrolments = new aws.dynamodb.Table('enrolments', {
    name: 'enrolments',
    billingMode: 'PAY_PER_REQUEST',
    hashKey: 'pk',
    attributes: [{ name: 'pk', type: 'S' }],
  });
  const vault = new aws.backup.Vault('vault', { name: 'records' });
  const daily = new aws.backup.Plan('daily', {
    name: 'daily',
    rules: [
      { ruleName: 'daily', targetVaultName: vault.name, schedule: 'cron(0 3 * * ? *)', lifecycle: { deleteAfter: 14 } },
    ],
  });
  const role = new aws.iam.Role('backup', {
    name: 'records-backup',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  new aws.backup.Selection('selection', {
    name: 'records',
    planId: daily.id,
    iamRoleArn: role.arn,
    resources: [records.arn, enrolments.arn],
  });
}

/** `<CloudFormation type> <name>` → the sorted rule ids of its errors and warnings. */
function byResource(findings: readonly Finding[], nameOf: (f: Finding) => string): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const key = `${f.resource.type} ${nameOf(f)}`;
    (out[key] ??= new Set()).add(f.ruleId);
  }
  return Object.fromEntries(
    Object.entries(out)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, ids]) => [k, [...ids].sort()]),
  );
}

function terraformFindings(): readonly Finding[] {
  const model = readTerraformModel(JSON.parse(fs.readFileSync(PLAN, 'utf8')), {
    id: 'plan.json',
    name: 'plan.json',
    source: PLAN,
    // The configuration was read: no resource block sets `prevent_destroy`.
    configuration: () => ({ preventDestroy: false, dynamicBlocks: new Set<string>() }),
  });
  return evaluate(model, { idiom: 'terraform' }).findings;
}

async function pulumiFindings(): Promise<readonly Finding[]> {
  let enforcement: DataProtectionEnforcement | undefined;
  const run = await runProgram(() => {
    enforcement = enforceDataProtection({
      judgeAtExit: false,
      addProtection: false,
      account: ACCOUNT,
      region: 'us-east-1',
    });
    program();
  });
  expect(run.error).toBeUndefined();
  return (await enforcement!.judge()).findings;
}

/** What both must report, per resource: the table the test holds both front ends to. */
const EXPECTED: Record<string, string[]> = {
  'AWS::Backup::BackupPlan daily': ['backup-plan-copy-destination'],
  'AWS::Backup::BackupVault vault': [
    'backup-vault-compliance-lock',
    'general-deletion-policy',
    'general-update-replace-policy',
  ],
  'AWS::DynamoDB::Table enrolments': [
    'backup-cross-account-copy',
    'dynamodb-deletion-protection',
    'dynamodb-point-in-time-recovery',
    'general-deletion-policy',
    'general-update-replace-policy',
  ],
  'AWS::RDS::DBInstance records': [
    'backup-cross-account-copy',
    'general-deletion-policy',
    'general-update-replace-policy',
    'rds-automated-backups-retained',
    'rds-backup-retention',
    'rds-customer-managed-key',
    'rds-deletion-protection',
    'rds-final-snapshot',
  ],
  'AWS::S3::Bucket exports': [
    'general-deletion-policy',
    'general-update-replace-policy',
    's3-cross-account-replication',
    's3-no-auto-delete-objects',
    's3-versioning',
  ],
};

describe('Terraform plan and Pulumi program: one configuration, one set of findings', () => {
  test('the same rule ids on the same resources', async () => {
    const terraform = byResource(terraformFindings(), (f) => f.resource.logicalId.split('.').pop()!);
    const pulumi = byResource(await pulumiFindings(), (f) => f.resource.logicalId.split('::').pop()!);
    expect({ terraform, pulumi }).toEqual({ terraform: EXPECTED, pulumi: EXPECTED });
  });
});
