import { defineRule } from '../../engine/rule';
import { requireCustomerKey } from '../docdb/customer-key';

/**
 * Encrypted Neptune clusters use a customer managed KMS key.
 *
 * `StorageEncrypted: true` without `KmsKeyId` encrypts with the AWS managed
 * key `aws/rds`, and a cluster snapshot encrypted with it cannot be shared with
 * or copied to another account, so no isolated copy of the graph can exist.
 * Encryption is off unless `StorageEncrypted` is set; an unencrypted cluster's
 * snapshots can be shared, and it is left alone. A cluster restored from a
 * snapshot, cloned from a cluster or created as a replica inherits its
 * source's key: it fails closed unless `KmsKeyId` is set.
 * @see https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
 * @see https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-share-snapshot.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#storage_encrypted
 */
export default defineRule({
  id: 'neptune-customer-managed-key',
  title: 'Encrypted Neptune clusters use a customer managed KMS key',
  why: 'Snapshots encrypted with the AWS managed `aws/rds` key cannot be shared with or copied to another account, so no isolated copy of the graph can exist outside the account that can delete it.',
  fix: 'Set KmsKeyId to a customer managed KMS key whose policy lets the backup account use it.',
  severity: 'error',
  resourceTypes: ['AWS::Neptune::DBCluster'],
  cloudformation(resource, ctx) {
    const replaces =
      'changing the key replaces the cluster, so migrate by copying a snapshot with the new key and restoring from it';
    return requireCustomerKey(resource, ctx, {
      sources: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier'],
      encrypted: { property: 'StorageEncrypted', absentMeansEncrypted: false },
      defaultKey: 'the AWS managed key `aws/rds`',
      fix: {
        cloudformation: `Set \`KmsKeyId\` to the ARN of a customer managed \`AWS::KMS::Key\` (with \`StorageEncrypted: true\`) whose key policy lets the backup account use it; ${replaces}.`,
        cdk: `Set \`kmsKeyId: key.keyArn\` and \`storageEncrypted: true\` on the \`neptune.CfnDBCluster\` (or pass \`kmsKey: key\` to the \`DatabaseCluster\` of \`@aws-cdk/aws-neptune-alpha\`); ${replaces}.`,
        pulumi: `Pass \`kmsKeyArn: key.arn\` (an \`aws.kms.Key\`) and \`storageEncrypted: true\` to the \`aws.neptune.Cluster\`; ${replaces}.`,
        terraform: `Set \`kms_key_arn = aws_kms_key.<name>.arn\` and \`storage_encrypted = true\` on the \`aws_neptune_cluster\`; ${replaces}.`,
      },
    });
  },
});
