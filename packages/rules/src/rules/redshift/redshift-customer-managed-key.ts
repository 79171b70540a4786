import { defineRule } from '../../engine/rule';
import { requireCustomerKey } from '../docdb/customer-key';

/**
 * Redshift clusters and Redshift Serverless namespaces use a customer managed
 * KMS key.
 *
 * Redshift encrypts every new cluster; without `KmsKeyId` it uses a key
 * Redshift picks (an AWS owned key, or the AWS managed `aws/redshift`), and a
 * Redshift Serverless namespace without `KmsKeyId` uses an AWS owned key. No key
 * policy can open either to another account, so snapshots cannot be restored
 * or copied there, and the copy that survives a compromised account cannot
 * exist. A cluster restored from a snapshot inherits the snapshot's key: it
 * fails closed unless `KmsKeyId` is set. A cluster with `Encrypted: false`
 * (refused for new clusters, possible on old ones) is left alone: its
 * snapshots can be shared.
 * @see https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
 * @see https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshot-share-snapshot.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshiftserverless-namespace.html#cfn-redshiftserverless-namespace-kmskeyid
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html#cfn-redshift-cluster-encrypted
 */
export default defineRule({
  id: 'redshift-customer-managed-key',
  title: 'Redshift clusters and Serverless namespaces use a customer managed KMS key',
  why: 'Snapshots encrypted with an AWS owned or AWS managed key cannot be restored in or copied to another account, so no isolated copy of the warehouse can exist outside the account that can delete it.',
  fix: 'Set KmsKeyId to a customer managed KMS key whose policy lets the backup account use it.',
  severity: 'error',
  resourceTypes: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Namespace'],
  cloudformation(resource, ctx) {
    const key = 'a customer managed `AWS::KMS::Key` whose key policy lets the backup account use it';
    if (resource.type === 'AWS::RedshiftServerless::Namespace') {
      return requireCustomerKey(resource, ctx, {
        sources: [],
        defaultKey: 'an AWS owned key',
        fix: {
          cloudformation: `Set \`KmsKeyId\` to the ARN of ${key}.`,
          cdk: 'Set `kmsKeyId: key.keyArn` (a `kms.Key` you create and retain) on the `redshiftserverless.CfnNamespace`.',
          pulumi: 'Pass `kmsKeyId: key.arn` (an `aws.kms.Key`) to the `aws.redshiftserverless.Namespace`.',
          terraform: 'Set `kms_key_id = aws_kms_key.<name>.arn` on the `aws_redshiftserverless_namespace`.',
        },
      });
    }
    const migrate = 'changing it migrates the cluster to the new key, and snapshots taken before keep the old one';
    return requireCustomerKey(resource, ctx, {
      sources: ['SnapshotIdentifier', 'SnapshotArn'],
      encrypted: { property: 'Encrypted', absentMeansEncrypted: true },
      defaultKey: 'a key Redshift picks, AWS owned or the AWS managed `aws/redshift`',
      fix: {
        cloudformation: `Set \`KmsKeyId\` to the ARN of ${key} (with \`Encrypted: true\`); ${migrate}.`,
        cdk: `Pass \`encryptionKey: key\` (a \`kms.Key\` you create and retain) to the \`Cluster\` of \`@aws-cdk/aws-redshift-alpha\`, or set \`kmsKeyId\` and \`encrypted: true\` on the \`redshift.CfnCluster\`; ${migrate}.`,
        pulumi: `Pass \`kmsKeyId: key.arn\` (an \`aws.kms.Key\`) and \`encrypted: "true"\` to the \`aws.redshift.Cluster\`; ${migrate}.`,
        terraform: `Set \`kms_key_id = aws_kms_key.<name>.arn\` and \`encrypted = true\` on the \`aws_redshift_cluster\`; ${migrate}.`,
      },
    });
  },
});
