import { plainValues, protectionLowerings } from './protection';
import { gateOf, pulumiPreview, pulumiStep } from './testing';

const lowered = (type: string, before: unknown, after: unknown) =>
  protectionLowerings(type, 'terraform', plainValues(before, after)).map((l) => l.property);

describe('protectionLowerings: list elements are paired by what names them', () => {
  const rule = (id: string, days: number) => ({
    id,
    status: 'Enabled',
    noncurrent_version_expiration: [{ noncurrent_days: days }],
  });

  test('reordered lifecycle rules lower nothing', () => {
    expect(
      lowered(
        'AWS::S3::Bucket',
        { rule: [rule('a', 90), rule('tmp', 30)] },
        { rule: [rule('tmp', 30), rule('a', 90)] },
      ),
    ).toEqual([]);
  });

  test('a lifecycle rule added with a short expiration lowers what the bucket kept', () => {
    expect(lowered('AWS::S3::Bucket', { rule: [rule('a', 90)] }, { rule: [rule('a', 90), rule('z', 1)] })).toEqual([
      'rule[1].noncurrent_version_expiration[0].noncurrent_days',
    ]);
  });

  test("a backup plan's shorter retention, and a copy's, are lowerings; a longer one is not", () => {
    const plan = (keep: number, copy: number) => ({
      rule: [
        {
          rule_name: 'daily',
          lifecycle: [{ delete_after: keep }],
          copy_action: [{ lifecycle: [{ delete_after: copy }] }],
        },
      ],
    });
    expect(lowered('AWS::Backup::BackupPlan', plan(35, 35), plan(1, 1))).toEqual([
      'rule[0].lifecycle[0].delete_after',
      'rule[0].copy_action[0].lifecycle[0].delete_after',
    ]);
    expect(lowered('AWS::Backup::BackupPlan', plan(7, 7), plan(35, 35))).toEqual([]);
  });

  test("an instance's data volume set to be deleted on termination is a lowering", () => {
    const instance = (del: boolean) => ({
      ebs_block_device: [{ device_name: '/dev/sdf', delete_on_termination: del }],
    });
    expect(lowered('AWS::EC2::Instance', instance(false), instance(true))).toEqual([
      'ebs_block_device[0].delete_on_termination',
    ]);
    expect(lowered('AWS::EC2::Instance', instance(true), instance(false))).toEqual([]);
  });
});

describe('Pulumi inputs: a repeated Terraform block is named by its plural', () => {
  const update = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) =>
    gateOf(pulumiPreview([pulumiStep('update', type, 'x', { inputs: before }, { inputs: after })]));

  test("a replica's point-in-time recovery turned off (aws.dynamodb.Table `replicas`) blocks", () => {
    const table = (pitr: boolean) => ({
      name: 'orders',
      deletionProtectionEnabled: true,
      pointInTimeRecovery: { enabled: true },
      replicas: [{ regionName: 'eu-west-2', pointInTimeRecovery: pitr, deletionProtectionEnabled: true }],
    });
    const report = update('aws:dynamodb/table:Table', table(true), table(false));
    expect(report.blocked.map((b) => b.lowerings.map((l) => l.property))).toEqual([['replicas.pointInTimeRecovery']]);
    expect(update('aws:dynamodb/table:Table', table(false), table(true)).blocked).toEqual([]);
  });

  test("a backup plan rule's shorter retention, and its copy's (aws.backup.Plan `rules`, `copyActions`), block", () => {
    const plan = (keep: number, copy: number) => ({
      name: 'daily',
      rules: [
        {
          ruleName: 'daily',
          targetVaultName: 'vault',
          schedule: 'cron(0 5 * * ? *)',
          lifecycle: { deleteAfter: keep },
          copyActions: [
            {
              destinationVaultArn: 'arn:aws:backup:eu-west-2:222222222222:backup-vault:copy',
              lifecycle: { deleteAfter: copy },
            },
          ],
        },
      ],
    });
    const report = update('aws:backup/plan:Plan', plan(35, 35), plan(1, 1));
    expect(report.blocked.map((b) => b.lowerings.map((l) => l.property))).toEqual([
      ['rules.lifecycle.deleteAfter', 'rules.copyActions.lifecycle.deleteAfter'],
    ]);
    expect(update('aws:backup/plan:Plan', plan(7, 7), plan(35, 35)).blocked).toEqual([]);
  });

  test("an instance's data volume set to be deleted on termination (aws.ec2.Instance `ebsBlockDevices`) blocks", () => {
    const instance = (del: boolean) => ({
      ami: 'ami-1',
      ebsBlockDevices: [{ deviceName: '/dev/sdf', deleteOnTermination: del }],
    });
    const report = update('aws:ec2/instance:Instance', instance(false), instance(true));
    expect(report.blocked.map((b) => b.lowerings.map((l) => l.property))).toEqual([
      ['ebsBlockDevices.deleteOnTermination'],
    ]);
  });
});
