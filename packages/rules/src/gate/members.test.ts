import { cloudFormationDocument } from '../dialects/cloudformation';
import { runGate } from './read-plan';
import { diffTemplates } from './template-diff';
import { blockedOf, changeSet, gateOf, pulumiPreview, pulumiStep, pulumiUrn, terraformPlan, tfChange } from './testing';

const AURORA = {
  identifier: 'reports-1',
  arn: 'arn:aws:rds:eu-west-1:111111111111:db:reports-1',
  cluster_identifier: 'reports',
  engine: 'aurora-postgresql',
  instance_class: 'db.r6g.large',
};
const CLUSTER = {
  cluster_identifier: 'reports',
  id: 'reports',
  arn: 'arn:aws:rds:eu-west-1:111111111111:cluster:reports',
  engine: 'aurora-postgresql',
  deletion_protection: true,
};

describe('cluster instances are judged by their cluster: Terraform', () => {
  test.each([
    ['aws_rds_cluster_instance', ['delete', 'create']],
    ['aws_rds_cluster_instance', ['create', 'delete']],
    ['aws_rds_cluster_instance', ['delete']],
    ['aws_docdb_cluster_instance', ['delete', 'create']],
    ['aws_neptune_cluster_instance', ['delete']],
  ])('%s %j, its cluster untouched: let through with a note', (type, actions) => {
    const report = gateOf(
      terraformPlan([
        tfChange(type, 'member', actions, AURORA, actions.includes('create') ? { ...AURORA, arn: null } : null),
      ]),
    );
    expect(report.blocked).toEqual([]);
    const d = report.allowed[0];
    expect(d.data).toBe('member');
    expect(d.note).toMatch(/loses no data: the data lives in the volume of cluster `reports`/);
  });

  test('deleting the cluster still blocks, and the member with it', () => {
    const report = gateOf(
      terraformPlan([
        tfChange('aws_rds_cluster', 'reports', ['delete'], CLUSTER, null),
        tfChange('aws_rds_cluster_instance', 'member', ['delete'], AURORA, null),
      ]),
    );
    expect(blockedOf(report)).toEqual(['aws_rds_cluster.reports', 'aws_rds_cluster_instance.member']);
  });

  test('replacing the cluster blocks its members too', () => {
    const report = gateOf(
      terraformPlan([
        tfChange('aws_rds_cluster', 'reports', ['delete', 'create'], CLUSTER, CLUSTER),
        tfChange('aws_rds_cluster_instance', 'member', ['delete', 'create'], AURORA, AURORA),
      ]),
    );
    expect(blockedOf(report)).toEqual(['aws_rds_cluster.reports', 'aws_rds_cluster_instance.member']);
  });

  test('deleting another cluster leaves this member let through', () => {
    const other = {
      ...CLUSTER,
      cluster_identifier: 'billing',
      id: 'billing',
      arn: CLUSTER.arn.replace('reports', 'billing'),
    };
    const report = gateOf(
      terraformPlan([
        tfChange('aws_rds_cluster', 'billing', ['delete'], other, null),
        tfChange('aws_rds_cluster_instance', 'member', ['delete'], AURORA, null),
      ]),
    );
    expect(blockedOf(report)).toEqual(['aws_rds_cluster.billing']);
  });

  test('a member that names no cluster counts any deleted cluster of its type as its own (fail closed)', () => {
    const report = gateOf(
      terraformPlan([
        tfChange('aws_rds_cluster', 'billing', ['delete'], { ...CLUSTER, cluster_identifier: 'billing' }, null),
        tfChange('aws_rds_cluster_instance', 'member', ['delete'], { ...AURORA, cluster_identifier: null }, null),
      ]),
    );
    expect(blockedOf(report)).toEqual(['aws_rds_cluster.billing', 'aws_rds_cluster_instance.member']);
  });

  test('a retained cluster (removed block, destroy = false) keeps the data: the member is let through', () => {
    const report = gateOf(
      terraformPlan([
        tfChange('aws_rds_cluster', 'reports', ['forget'], CLUSTER, null),
        tfChange('aws_rds_cluster_instance', 'member', ['delete'], AURORA, null),
      ]),
    );
    expect(report.blocked).toEqual([]);
  });

  test('a standalone aws_db_instance, and a read replica, still block', () => {
    const db = { identifier: 'orders', engine: 'postgres', deletion_protection: false };
    const report = gateOf(
      terraformPlan([
        tfChange('aws_db_instance', 'orders', ['delete'], db, null),
        tfChange('aws_db_instance', 'replica', ['delete'], { ...db, replicate_source_db: 'orders' }, null),
      ]),
    );
    expect(blockedOf(report)).toEqual(['aws_db_instance.orders', 'aws_db_instance.replica']);
  });

  test('a Multi-AZ DB cluster (aws_rds_cluster with db_cluster_instance_class) is a cluster: deleting it blocks', () => {
    const report = gateOf(
      terraformPlan([
        tfChange(
          'aws_rds_cluster',
          'multiaz',
          ['delete'],
          { ...CLUSTER, engine: 'postgres', db_cluster_instance_class: 'db.r6gd.large' },
          null,
        ),
      ]),
    );
    expect(blockedOf(report)).toEqual(['aws_rds_cluster.multiaz']);
  });
});

describe('cluster instances are judged by their cluster: Pulumi', () => {
  test('replacing an aws.rds.ClusterInstance is let through; deleting its Cluster in the same preview blocks both', () => {
    const member = pulumiStep(
      'replace',
      'aws:rds/clusterInstance:ClusterInstance',
      'reports-1',
      { id: 'reports-1', inputs: { clusterIdentifier: 'reports', instanceClass: 'db.r6g.large' } },
      { inputs: { clusterIdentifier: 'reports', instanceClass: 'db.r6g.xlarge' } },
    );
    expect(gateOf(pulumiPreview([member])).blocked).toEqual([]);
    const cluster = pulumiStep('delete', 'aws:rds/cluster:Cluster', 'reports', {
      id: 'reports',
      inputs: { clusterIdentifier: 'reports' },
    });
    expect(blockedOf(gateOf(pulumiPreview([cluster, member])))).toEqual([
      pulumiUrn('aws:rds/cluster:Cluster', 'reports'),
      pulumiUrn('aws:rds/clusterInstance:ClusterInstance', 'reports-1'),
    ]);
  });

  test('an aws-native DbInstance is a member only when it names a cluster', () => {
    const step = (inputs: Record<string, unknown>) =>
      pulumiStep('delete', 'aws-native:rds:DbInstance', 'db', { id: 'db', inputs });
    expect(gateOf(pulumiPreview([step({ dbClusterIdentifier: 'reports', engine: 'aurora-mysql' })])).blocked).toEqual(
      [],
    );
    expect(gateOf(pulumiPreview([step({ engine: 'mysql' })])).blocked).toHaveLength(1);
  });
});

describe('cluster instances are judged by their cluster: change sets', () => {
  const remove = (type: string, before?: Record<string, unknown>) => ({
    Action: 'Remove',
    LogicalResourceId: 'Instance',
    PhysicalResourceId: 'reports-1',
    ResourceType: type,
    PolicyAction: 'Delete',
    ...(before ? { BeforeContext: JSON.stringify({ Properties: before }) } : {}),
  });

  test('an AWS::RDS::DBInstance whose values name a DBClusterIdentifier is let through', () => {
    const report = gateOf(
      changeSet([remove('AWS::RDS::DBInstance', { DBClusterIdentifier: 'reports', Engine: 'aurora-postgresql' })]),
    );
    expect(report.blocked).toEqual([]);
    expect(report.allowed[0].note).toMatch(/`DBClusterIdentifier` "reports"/);
  });

  test('without property values (no --include-property-values) it cannot be shown to be a member: blocked', () => {
    expect(blockedOf(gateOf(changeSet([remove('AWS::RDS::DBInstance')])))).toEqual(['Instance']);
  });

  test('values without DBClusterIdentifier, or a non-Aurora engine, are a database of its own: blocked', () => {
    expect(gateOf(changeSet([remove('AWS::RDS::DBInstance', { Engine: 'postgres' })])).blocked).toHaveLength(1);
    expect(
      gateOf(changeSet([remove('AWS::RDS::DBInstance', { DBClusterIdentifier: 'x', Engine: 'postgres' })])).blocked,
    ).toHaveLength(1);
  });

  test('a replacement is a member only when both sides name a cluster', () => {
    const modify = (after: Record<string, unknown>) =>
      changeSet([
        {
          Action: 'Modify',
          Replacement: 'True',
          LogicalResourceId: 'Instance',
          PhysicalResourceId: 'reports-1',
          ResourceType: 'AWS::RDS::DBInstance',
          PolicyAction: 'ReplaceAndDelete',
          BeforeContext: JSON.stringify({ Properties: { DBClusterIdentifier: 'reports' } }),
          AfterContext: JSON.stringify({ Properties: after }),
        },
      ]);
    expect(gateOf(modify({ DBClusterIdentifier: 'reports' })).blocked).toEqual([]);
    expect(gateOf(modify({ Engine: 'postgres' })).blocked).toHaveLength(1);
  });

  test('DocumentDB and Neptune instances always belong to a cluster (CloudFormation requires it); their cluster still blocks', () => {
    expect(gateOf(changeSet([remove('AWS::DocDB::DBInstance'), remove('AWS::Neptune::DBInstance')])).blocked).toEqual(
      [],
    );
    const report = gateOf(
      changeSet([
        remove('AWS::DocDB::DBInstance'),
        {
          Action: 'Remove',
          LogicalResourceId: 'Cluster',
          ResourceType: 'AWS::DocDB::DBCluster',
          PolicyAction: 'Delete',
        },
      ]),
    );
    expect(blockedOf(report)).toEqual(['Instance', 'Cluster']);
  });
});

describe('cluster instances are judged by their cluster: template diff', () => {
  const cluster = { Type: 'AWS::RDS::DBCluster', DeletionPolicy: 'Snapshot', Properties: { Engine: 'aurora-mysql' } };
  const instance = {
    Type: 'AWS::RDS::DBInstance',
    Properties: { Engine: 'aurora-mysql', DBClusterIdentifier: { Ref: 'Cluster' }, DBInstanceClass: 'db.r6g.large' },
  };
  const gate = (before: Record<string, unknown>, after: Record<string, unknown>) =>
    runGate(
      diffTemplates(
        [cloudFormationDocument({ id: 't', template: { Resources: before } })],
        [cloudFormationDocument({ id: 't', template: { Resources: after } })],
      ),
    );

  test('removing an Aurora instance of a cluster the template keeps is let through', () => {
    const report = gate({ Cluster: cluster, Instance: instance }, { Cluster: cluster });
    expect(report.blocked).toEqual([]);
    expect(report.allowed.find((d) => d.change.address === 'Instance')!.data).toBe('member');
  });

  test('removing the cluster with it blocks both', () => {
    expect(blockedOf(gate({ Cluster: cluster, Instance: instance }, {}))).toEqual(['Cluster', 'Instance']);
  });

  test('an instance whose cluster depends on a condition is judged as a database of its own', () => {
    const maybe = {
      ...instance,
      Properties: {
        DBInstanceClass: 'db.r6g.large',
        DBClusterIdentifier: { 'Fn::If': ['UseCluster', { Ref: 'Cluster' }, { Ref: 'AWS::NoValue' }] },
      },
    };
    const before = {
      Conditions: { UseCluster: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Parameters: { Env: { Type: 'String' } },
      Resources: { Cluster: cluster, Instance: maybe },
    };
    const report = runGate(
      diffTemplates(
        [cloudFormationDocument({ id: 't', template: before })],
        [cloudFormationDocument({ id: 't', template: { ...before, Resources: { Cluster: cluster } } })],
      ),
    );
    expect(blockedOf(report)).toEqual(['Instance']);
  });
});
