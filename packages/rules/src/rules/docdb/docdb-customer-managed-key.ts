import { defineRule } from '../../engine/rule';
import { requireCustomerKey } from './customer-key';

/**
 * Encrypted DocumentDB clusters use a customer managed KMS key.
 *
 * `StorageEncrypted: true` without `KmsKeyId` encrypts with the AWS managed
 * key `aws/rds`, and a cluster snapshot encrypted with it cannot be shared with
 * or copied to another account (DocumentDB shares RDS's snapshot model), so no
 * isolated copy of the cluster can exist. `StorageEncrypted` is false unless
 * set; an unencrypted cluster's snapshots can be shared, and it is left alone.
 * A cluster restored from a snapshot or another cluster inherits its source's
 * key: it fails closed unless `KmsKeyId` is set.
 * @see https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html
 * @see https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore-share_cluster_snapshots.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbcluster.html#cfn-docdb-dbcluster-kmskeyid
 */
export default defineRule({
  id: 'docdb-customer-managed-key',
  title: 'Encrypted DocumentDB clusters use a customer managed KMS key',
  why: 'Snapshots encrypted with the AWS managed `aws/rds` key cannot be shared with or copied to another account, so no isolated copy of the cluster can exist outside the account that can delete it.',
  fix: 'Set KmsKeyId to a customer managed KMS key whose policy lets the backup account use it.',
  severity: 'error',
  resourceTypes: ['AWS::DocDB::DBCluster'],
  cloudformation(resource, ctx) {
    const replaces =
      'changing the key replaces the cluster, so migrate by copying a snapshot with the new key and restoring from it';
    return requireCustomerKey(resource, ctx, {
      sources: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'RestoreToPointInTime'],
      encrypted: { property: 'StorageEncrypted', absentMeansEncrypted: false },
      defaultKey: 'the AWS managed key `aws/rds`',
      fix: {
        cloudformation: `Set \`KmsKeyId\` to the ARN of a customer managed \`AWS::KMS::Key\` (with \`StorageEncrypted: true\`) whose key policy lets the backup account use it; ${replaces}.`,
        cdk: `Pass \`kmsKey: key\` (a \`kms.Key\` you create and retain) to the \`docdb.DatabaseCluster\`; ${replaces}.`,
        pulumi: `Pass \`kmsKeyId: key.arn\` (an \`aws.kms.Key\`) and \`storageEncrypted: true\` to the \`aws.docdb.Cluster\`; ${replaces}.`,
        terraform: `Set \`kms_key_id = aws_kms_key.<name>.arn\` and \`storage_encrypted = true\` on the \`aws_docdb_cluster\`; ${replaces}.`,
      },
    });
  },
});
