import { settings, type ProtectiveSetting } from '../setting';
import type { StoreProtection } from '../store';

/**
 * RDS, Aurora, DocumentDB and Neptune: one API family. An instance inside a
 * cluster holds no data of its own (Aurora, DocumentDB and Neptune keep it in
 * the cluster volume), so the cluster's settings govern it.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbinstance.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbinstance.html
 */
const { deletionProtection, backupRetention, skipFinalSnapshot, deleteAutomatedBackups } = settings;

/**
 * A customer managed KMS key. Snapshots encrypted with an AWS managed key
 * (`aws/rds`, `aws/redshift`) or an AWS owned key cannot be shared with or
 * copied to another account, so the copy that survives a compromised account
 * cannot exist. No safe value: the key is the user's choice.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
 */
export function customerManagedKey(ruleId: string, tf = 'kms_key_id'): ProtectiveSetting {
  return {
    label: 'a customer managed encryption key',
    lowered: 'its snapshots are encrypted with a key no other account can use, so no copy can leave the account',
    kind: 'presence',
    cloudformation: ['KmsKeyId'],
    terraform: [tf],
    // The provider keeps the deployed key when the argument is removed (optional + computed).
    computed: true,
    ruleId,
  };
}

/**
 * The Terraform/Pulumi argument that names the final snapshot. The AWS provider
 * takes a final snapshot only under this name; without it a delete either
 * takes none (ElastiCache, MemoryDB) or fails until someone sets
 * `skip_final_snapshot` (RDS, DocumentDB, Neptune, Redshift, Lightsail).
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#final_snapshot_identifier
 */
export function finalSnapshotName(ruleId: string, tf = 'final_snapshot_identifier', cfn?: string): ProtectiveSetting {
  return {
    label: 'a named final snapshot',
    lowered: 'no final snapshot is named, so none is kept when it is deleted',
    kind: 'presence',
    cloudformation: cfn ? [cfn] : undefined,
    terraform: [tf],
    ruleId,
  };
}

export const RELATIONAL_STORES: readonly StoreProtection[] = [
  {
    type: 'AWS::RDS::DBInstance',
    holds: 'a relational database',
    snapshot: true,
    // Only Aurora instances join a cluster (Multi-AZ DB clusters create their own instances).
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-dbclusteridentifier
    member: {
      property: 'DBClusterIdentifier',
      required: false,
      clusterTypes: ['AWS::RDS::DBCluster'],
      engines: /^aurora/i,
    },
    replacement:
      'A replacement creates a new, empty database and deletes the old one; its automated backups go with it unless DeleteAutomatedBackups is false, and no final snapshot is taken unless UpdateReplacePolicy is Snapshot or Retain.',
    settings: [
      deletionProtection('DeletionProtection', 'deletion_protection', false, 'rds-deletion-protection'),
      backupRetention(1, 'rds-backup-retention'),
      deleteAutomatedBackups('rds-automated-backups-retained'),
      customerManagedKey('rds-customer-managed-key'),
      skipFinalSnapshot('rds-final-snapshot'),
      finalSnapshotName('rds-final-snapshot'),
    ],
  },
  {
    type: 'AWS::RDS::DBCluster',
    holds: 'a relational database cluster',
    snapshot: true,
    replacement:
      'A replacement creates a new, empty cluster and deletes the old one; its automated backups go with it unless DeleteAutomatedBackups is false, and no final snapshot is taken unless UpdateReplacePolicy is Snapshot or Retain.',
    settings: [
      deletionProtection('DeletionProtection', 'deletion_protection', false, 'rds-deletion-protection'),
      backupRetention(1, 'rds-backup-retention'),
      deleteAutomatedBackups('rds-automated-backups-retained'),
      customerManagedKey('rds-customer-managed-key'),
      skipFinalSnapshot('rds-final-snapshot'),
      finalSnapshotName('rds-final-snapshot'),
    ],
  },
  {
    type: 'AWS::RDS::GlobalCluster',
    holds: 'a global database that spans regional clusters',
    snapshot: false,
    settings: [deletionProtection('DeletionProtection', 'deletion_protection', false, 'rds-deletion-protection')],
  },
  {
    type: 'AWS::DocDB::DBCluster',
    holds: 'a document database cluster',
    snapshot: true,
    settings: [
      deletionProtection('DeletionProtection', 'deletion_protection', false, 'docdb-deletion-protection'),
      backupRetention(1, 'docdb-backup-retention'),
      customerManagedKey('docdb-customer-managed-key'),
      skipFinalSnapshot('docdb-final-snapshot'),
      finalSnapshotName('docdb-final-snapshot'),
    ],
  },
  {
    type: 'AWS::DocDB::DBInstance',
    holds: 'an instance of a DocumentDB cluster (the data is in the cluster volume)',
    snapshot: false,
    member: { property: 'DBClusterIdentifier', required: true, clusterTypes: ['AWS::DocDB::DBCluster'] },
    settings: [],
  },
  {
    type: 'AWS::DocDB::GlobalCluster',
    holds: 'a global document database that spans regional clusters',
    snapshot: false,
    settings: [deletionProtection('DeletionProtection', 'deletion_protection', false, 'docdb-deletion-protection')],
  },
  {
    type: 'AWS::Neptune::DBCluster',
    holds: 'a graph database cluster',
    snapshot: true,
    settings: [
      deletionProtection('DeletionProtection', 'deletion_protection', false, 'neptune-deletion-protection'),
      backupRetention(1, 'neptune-backup-retention'),
      customerManagedKey('neptune-customer-managed-key', 'kms_key_arn'),
      skipFinalSnapshot('neptune-final-snapshot'),
      finalSnapshotName('neptune-final-snapshot'),
    ],
  },
  {
    type: 'AWS::Neptune::DBInstance',
    holds: 'an instance of a Neptune cluster (the data is in the cluster volume)',
    snapshot: false,
    member: { property: 'DBClusterIdentifier', required: true, clusterTypes: ['AWS::Neptune::DBCluster'] },
    settings: [],
  },
  {
    type: 'AWS::Neptune::GlobalCluster',
    holds: 'a global graph database that spans regional clusters',
    snapshot: false,
    settings: [deletionProtection('DeletionProtection', 'deletion_protection', false, 'neptune-deletion-protection')],
  },
  {
    type: 'AWS::NeptuneGraph::Graph',
    holds: 'a graph database',
    snapshot: false,
    settings: [deletionProtection('DeletionProtection', 'deletion_protection', true, 'neptune-deletion-protection')],
  },
  {
    type: 'AWS::DSQL::Cluster',
    holds: 'a relational database',
    snapshot: false,
    settings: [
      deletionProtection(
        'DeletionProtectionEnabled',
        'deletion_protection_enabled',
        undefined,
        'dsql-deletion-protection',
      ),
    ],
  },
  {
    type: 'AWS::QLDB::Ledger',
    holds: 'a ledger database',
    snapshot: false,
    settings: [deletionProtection('DeletionProtection', 'deletion_protection', true, 'qldb-deletion-protection')],
  },
  {
    type: 'AWS::RDS::DBSnapshot',
    holds: 'a manual database snapshot (a backup)',
    snapshot: false,
    settings: [],
  },
  {
    type: 'AWS::RDS::ClusterSnapshot',
    holds: 'a manual cluster snapshot (a backup)',
    snapshot: false,
    settings: [],
  },
];
