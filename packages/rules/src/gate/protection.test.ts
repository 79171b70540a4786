import { plainValues, protectionLowerings } from './protection';

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
