import { runGate } from '../../gate/read-plan';
import { blockedOf, gateOf, planOf, pulumiPreview, pulumiStep, terraformPlan, tfChange } from '../../gate/testing';

describe('DynamoDB: a replica managed on its own (aws_dynamodb_table_replica)', () => {
  // A Terraform plan (terraform show -json) that turns a replica's point-in-time recovery off, turns a table's on,
  // and turns another replica's on.
  const report = runGate(planOf('terraform-dynamodb-table-replica'));

  test('point_in_time_recovery going false on the replica is blocked', () => {
    expect(blockedOf(report)).toEqual(['aws_dynamodb_table_replica.orders_eu_west_2']);
    expect(report.blocked[0].reasons).toEqual([
      '`point_in_time_recovery` changes from true to false: point-in-time recovery of the replica is off.',
    ]);
  });

  test("turning a table's point-in-time recovery block on, or a replica's on, is let through", () => {
    expect(blockedOf(report)).not.toContain('aws_dynamodb_table.events');
    expect(blockedOf(report)).not.toContain('aws_dynamodb_table_replica.audit_us_east_1');
  });

  test("a table's block changing shape is not read as the replica's boolean", () => {
    const table = (pitr: unknown) => ({ name: 't', deletion_protection_enabled: true, point_in_time_recovery: pitr });
    const plan = terraformPlan([
      tfChange(
        'aws_dynamodb_table',
        't',
        ['update'],
        table([{ enabled: true }]),
        table([{ enabled: true, recovery_period_in_days: 35 }]),
      ),
    ]);
    expect(blockedOf(gateOf(plan))).toEqual([]);
    const off = terraformPlan([
      tfChange('aws_dynamodb_table', 't', ['update'], table([{ enabled: true }]), table([{ enabled: false }])),
    ]);
    expect(blockedOf(gateOf(off))).toEqual(['aws_dynamodb_table.t']);
  });

  test('the Pulumi twin (aws.dynamodb.TableReplica) is judged the same', () => {
    const replica = (pitr: boolean) => ({
      globalTableArn: 'arn:aws:dynamodb:eu-west-1:1:table/orders',
      pointInTimeRecovery: pitr,
    });
    const preview = pulumiPreview([
      pulumiStep(
        'update',
        'aws:dynamodb/tableReplica:TableReplica',
        'r',
        { inputs: replica(true) },
        { inputs: replica(false) },
      ),
    ]);
    expect(gateOf(preview).blocked.map((b) => b.lowerings.map((l) => l.property))).toEqual([['pointInTimeRecovery']]);
  });
});
