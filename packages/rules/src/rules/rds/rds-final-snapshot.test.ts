import { providerOutput, type ProviderResourceRecord } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './rds-final-snapshot';

const record = (type: string, inputs: Record<string, unknown>, options = {}): ProviderResourceRecord => ({
  id: `urn:${type}::db`,
  name: 'db',
  type,
  inputs,
  options,
});
const pulumi = (records: ProviderResourceRecord[]) =>
  evaluate(providerModelOf(records), { rules: [rule], idiom: 'pulumi' }).findings;
const terraform = (type: string, inputs: Record<string, unknown>) =>
  evaluate(providerModelOf([{ id: `${type}.db`, name: `${type}.db`, type, inputs }]), {
    rules: [rule],
    idiom: 'terraform',
  }).findings;

const INSTANCE = 'aws:rds/instance:Instance';
const CLUSTER = 'aws:rds/cluster:Cluster';

describe('rds-final-snapshot: Terraform and Pulumi RDS databases take a final snapshot when deleted', () => {
  const invalid: [string, ProviderResourceRecord, RegExp, boolean][] = [
    [
      '1. skipFinalSnapshot: true',
      record(INSTANCE, { skipFinalSnapshot: true, finalSnapshotIdentifier: 'db-final' }),
      /^skipFinalSnapshot is true: when the database is destroyed, replaced or removed from the configuration, no final snapshot is taken\.$/,
      false,
    ],
    [
      '2. a cluster without a snapshot name',
      record(CLUSTER, {}),
      /^(?:finalSnapshotIdentifier|final_snapshot_identifier) is not set: the provider refuses to delete the cluster until a name is set or skipFinalSnapshot is true/,
      false,
    ],
    [
      '3. skipFinalSnapshot known only after deployment',
      record(INSTANCE, { skipFinalSnapshot: providerOutput(false, undefined, []), finalSnapshotIdentifier: 'x' }),
      /^skipFinalSnapshot is an unknown output and cannot be proven false/,
      true,
    ],
    [
      '4. a name known only after deployment',
      record(CLUSTER, { finalSnapshotIdentifier: providerOutput(false, undefined, ['urn:random']) }),
      /^finalSnapshotIdentifier is an unknown output and cannot be proven to name a snapshot/,
      true,
    ],
    [
      '5. an empty name',
      record(INSTANCE, { finalSnapshotIdentifier: '' }),
      /^finalSnapshotIdentifier is ""; it must name the final snapshot\.$/,
      false,
    ],
    [
      '6. retainOnDelete does not excuse a skipped snapshot: it is lifted before a deliberate delete',
      record(INSTANCE, { skipFinalSnapshot: true }, { retainOnDelete: true, protect: true }),
      /^(?:skipFinalSnapshot|skip_final_snapshot) is true/,
      false,
    ],
  ];
  test.each(invalid)('%s is a finding', (_name, r, message, unresolved) => {
    const findings = pulumi([r]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'rds-final-snapshot', severity: 'error' });
    expect(findings[0].message).toMatch(message);
    expect(!!findings[0].unresolved).toBe(unresolved);
    expect(findings[0].fix).toMatch(/skipFinalSnapshot: false.*finalSnapshotIdentifier/);
  });

  test('a named final snapshot passes, on an instance and on a cluster', () => {
    expect(pulumi([record(INSTANCE, { finalSnapshotIdentifier: 'db-final' })])).toEqual([]);
    expect(
      pulumi([record(CLUSTER, { skipFinalSnapshot: false, finalSnapshotIdentifier: providerOutput(true, 'c-f', []) })]),
    ).toEqual([]);
  });

  test('instances of a cluster and read replicas are left alone', () => {
    expect(pulumi([record('aws:rds/clusterInstance:ClusterInstance', { clusterIdentifier: 'main' })])).toEqual([]);
    expect(pulumi([record(INSTANCE, { clusterIdentifier: 'main', skipFinalSnapshot: true })])).toEqual([]);
    expect(pulumi([record(INSTANCE, { replicateSourceDb: 'primary', skipFinalSnapshot: true })])).toEqual([]);
  });

  test('reads Terraform names and gives the Terraform fix', () => {
    const [f] = terraform('aws_db_instance', { skip_final_snapshot: true, final_snapshot_identifier: 'x' });
    expect(f.message).toMatch(/^(?:skipFinalSnapshot|skip_final_snapshot) is true/);
    expect(f.fix).toBe(
      'Set `skip_final_snapshot = false` and `final_snapshot_identifier = "<name>-final"` on the `aws_db_instance`.',
    );
    expect(f.location).toBe('inputs/skip_final_snapshot');
    expect(terraform('aws_rds_cluster', { skip_final_snapshot: false, final_snapshot_identifier: 'c-final' })).toEqual(
      [],
    );
  });

  test('CloudFormation has no such property: templates and aws-native resources are judged by the deletion policy', () => {
    expect(findingsOf(rule, one('AWS::RDS::DBInstance', {}, { DeletionPolicy: 'Delete' }))).toEqual([]);
    expect(pulumi([record('aws-native:rds:DbInstance', { dbInstanceClass: 'db.t4g.micro' })])).toEqual([]);
  });
});
