import { evaluate } from '../evaluate';
import { CATALOGUE } from '../rules';
import type { ProviderResourceRecord } from './aws-provider-model';
import { readProviderModel } from './aws-provider';
import { JUDGED_TYPES, pulumiTypeMapping, terraformTypeMapping } from './aws-provider-types';

/** Every CloudFormation type some rule of the catalogue judges. */
const JUDGED = [...new Set(CATALOGUE.flatMap((r) => r.resourceTypes))].filter((t) =>
  /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(t),
);

/** The `aws-native` token and `awscc` type the Cloud Control providers generate for a CloudFormation type. */
function cloudControlNames(type: string): [string, string] {
  const [, service, name] = type.split('::');
  // awscc: snake_case of the service and of the name (`AWS::Backup::BackupPlan` → `awscc_backup_backup_plan`).
  const snake = (s: string) =>
    s
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase();
  return [`aws-native:${service.toLowerCase()}:${name}`, `awscc_${snake(service)}_${snake(name)}`];
}

describe('aws-provider-types: every type a rule judges has its Cloud Control names', () => {
  test.each(JUDGED.map((t) => [t]))('%s', (type) => {
    const [native, awscc] = cloudControlNames(type);
    expect(pulumiTypeMapping(native)?.cloudFormationType).toBe(type);
    expect(terraformTypeMapping(awscc)?.cloudFormationType).toBe(type);
  });

  test('JUDGED_TYPES lists only types a rule judges, or the backup selection the backup coverage reads', () => {
    for (const t of JUDGED_TYPES) expect([...JUDGED, 'AWS::Backup::BackupSelection']).toContain(t);
    expect(pulumiTypeMapping('aws-native:backup:BackupSelection')?.cloudFormationType).toBe(
      'AWS::Backup::BackupSelection',
    );
  });
});

describe('aws-provider-types: provider types that map to what judges them', () => {
  test.each([
    ['aws_dynamodb_table_replica', 'aws:dynamodb/tableReplica:TableReplica', 'AWS::DynamoDB::Table'],
    [
      'aws_timestreaminfluxdb_db_instance',
      'aws:timestreaminfluxdb/dbInstance:DbInstance',
      'AWS::Timestream::InfluxDBInstance',
    ],
    [
      'aws_timestreaminfluxdb_db_cluster',
      'aws:timestreaminfluxdb/dbCluster:DbCluster',
      'AWS::Timestream::InfluxDBCluster',
    ],
    ['aws_spot_instance_request', 'aws:ec2/spotInstanceRequest:SpotInstanceRequest', 'AWS::EC2::Instance'],
  ])('%s and %s are %s', (terraform, pulumi, cfn) => {
    expect(terraformTypeMapping(terraform)?.cloudFormationType).toBe(cfn);
    expect(pulumiTypeMapping(pulumi)?.cloudFormationType).toBe(cfn);
  });

  const judge = (resources: ProviderResourceRecord[], idiom: 'pulumi' | 'terraform' = 'terraform') =>
    evaluate(
      readProviderModel({ id: 'app/prod', name: 'prod', account: '111111111111', region: 'us-east-1', resources }),
      { idiom },
    ).findings.filter((f) => f.severity !== 'info');

  test('a DynamoDB table replica is a table of its own: deletion policy, protection, recovery; its backups are the global table’s', () => {
    const replica = (inputs: Record<string, unknown>, options = {}): ProviderResourceRecord => ({
      id: 'aws_dynamodb_table_replica.eu',
      name: 'aws_dynamodb_table_replica.eu',
      type: 'aws_dynamodb_table_replica',
      inputs: { global_table_arn: 'arn:aws:dynamodb:us-east-1:111111111111:table/orders', ...inputs },
      options,
    });
    const unsafe = judge([replica({ point_in_time_recovery: false })]);
    expect(unsafe.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      'general-deletion-policy: `terraform destroy`, or removing the resource block, deletes the resource and its data: `lifecycle { prevent_destroy }` cannot be seen (the plan JSON does not record it; pass the configuration directory with `--terraform-dir` so Deadbolt reads it from the `.tf` files).',
      'general-update-replace-policy: A replacing update deletes the old resource: `lifecycle { prevent_destroy }` cannot be seen (the plan JSON does not record it; pass the configuration directory with `--terraform-dir` so Deadbolt reads it from the `.tf` files).',
      'dynamodb-deletion-protection: deletion_protection_enabled is not set (provider default: false).',
      'dynamodb-point-in-time-recovery: point_in_time_recovery is false; it must be true.',
    ]);
    expect(unsafe[3].fix).toBe('Set `point_in_time_recovery = true` on the `aws_dynamodb_table_replica`.');
    expect(
      judge([replica({ point_in_time_recovery: true, deletion_protection_enabled: true }, { preventDestroy: true })]),
    ).toEqual([]);
  });

  test('a Timestream for InfluxDB instance is judged as data by the general rules', () => {
    const findings = judge([
      {
        id: 'urn:pulumi:prod::app::aws:timestreaminfluxdb/dbInstance:DbInstance::metrics',
        name: 'metrics',
        type: 'aws:timestreaminfluxdb/dbInstance:DbInstance',
        inputs: { name: 'metrics', allocatedStorage: 20 },
      },
    ]);
    expect(findings.map((f) => [f.ruleId, f.resource.type])).toEqual([
      ['general-deletion-policy', 'AWS::Timestream::InfluxDBInstance'],
      ['general-update-replace-policy', 'AWS::Timestream::InfluxDBInstance'],
    ]);
  });

  test('a spot instance request deletes its data volumes on termination like an instance', () => {
    const spot = (device: Record<string, unknown>): ProviderResourceRecord => ({
      id: 'aws_spot_instance_request.worker',
      name: 'aws_spot_instance_request.worker',
      type: 'aws_spot_instance_request',
      inputs: { ami: 'ami-1', instance_type: 't3.micro', ebs_block_device: [{ device_name: '/dev/sdf', ...device }] },
    });
    const findings = judge([spot({ volume_size: 100 })]);
    expect(findings.map((f) => f.ruleId)).toEqual(['ec2-no-delete-on-termination']);
    expect(findings[0].fix).toContain('of the `aws_spot_instance_request`');
    expect(judge([spot({ volume_size: 100, delete_on_termination: false })])).toEqual([]);
  });
});
