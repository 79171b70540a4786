import { asBoolean, defaultsOf, labelOf, locationOf, readProperty } from '../../engine/read';
import { defineRule } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { setKeyViolation } from '../kms/key-verdict';
import { isClusterMember } from '../../protection/membership';

/** Properties that make an instance inherit its encryption from something outside the template. */
const INSTANCE_SOURCES = [
  'DBSnapshotIdentifier',
  'DBClusterSnapshotIdentifier',
  'SourceDBInstanceIdentifier',
  'SourceDbiResourceId',
  'SourceDBInstanceAutomatedBackupsArn',
  'SourceDBClusterIdentifier',
];
const CLUSTER_SOURCES = [
  'SnapshotIdentifier',
  'SourceDBClusterIdentifier',
  'SourceDbClusterResourceId',
  'ReplicationSourceIdentifier',
];

/**
 * Encrypted RDS databases use a customer managed KMS key.
 *
 * A snapshot encrypted with the AWS managed `aws/rds` key cannot be shared with,
 * or copied to, another account, so the only copy that survives a compromised
 * account (a cross-account AWS Backup copy) cannot exist. `StorageEncrypted: true`
 * without `KmsKeyId` means that key. Aurora clusters created on or after
 * February 18, 2026 are encrypted by default with an AWS owned key, which no key
 * policy can open to another account either, so an Aurora cluster needs
 * `KmsKeyId` whatever `StorageEncrypted` says. An unencrypted standalone
 * instance or Multi-AZ cluster is left alone: its snapshots can be shared.
 * A database restored from a snapshot or created as a replica inherits its
 * source's key, which the template cannot show: it fails closed unless
 * `KmsKeyId` is set.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export default defineRule({
  id: 'rds-customer-managed-key',
  title: 'Encrypted RDS databases use a customer managed KMS key',
  why: 'Snapshots encrypted with the AWS managed `aws/rds` key or an AWS owned key cannot be shared with or copied to another account, so no isolated copy of the database can exist outside the account that can delete it.',
  fix: 'Set KmsKeyId to a customer managed KMS key whose policy lets the backup account use it.',
  severity: 'error',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  cloudformation(resource, ctx) {
    const instance = resource.type === 'AWS::RDS::DBInstance';
    if (instance && isClusterMember(resource)) return;
    const fix = fixFor(instance);
    const location = locationOf(resource, ['KmsKeyId']);
    const KmsKeyId = labelOf(resource, ['KmsKeyId']);

    const set = setKeyViolation(resource, ctx, fix, 'the AWS managed key');
    if (set !== 'absent') return set;

    for (const p of instance ? INSTANCE_SOURCES : CLUSTER_SOURCES) {
      const src = readProperty(resource, p);
      if (src.kind === 'absent' || (src.kind === 'known' && src.value === '')) continue;
      const shown = src.kind === 'known' ? src.value : src.expression;
      return {
        fix,
        location,
        unresolved: true,
        message: `${KmsKeyId} is not set, so the key is inherited from ${labelOf(resource, [p])} ${quote(shown)} and cannot be proven a customer managed key.`,
      };
    }

    const encrypted = readProperty(resource, 'StorageEncrypted');
    const encryptedTrue = encrypted.kind === 'known' && asBoolean(encrypted.value) === true;
    const aurora = instance ? false : auroraEngine(resource);
    if (aurora !== false) {
      const dflt = encryptedTrue
        ? 'the AWS managed key `aws/rds`'
        : 'an AWS owned key, for clusters created on or after February 18, 2026';
      if (aurora === true) return { fix, location, message: `${KmsKeyId} is not set (Aurora default: ${dflt}).` };
      return {
        fix,
        location,
        unresolved: true,
        message: `${KmsKeyId} is not set and ${aurora}, so the cluster cannot be proven not Aurora (Aurora default: ${dflt}).`,
      };
    }
    switch (encrypted.kind) {
      case 'absent':
        return;
      case 'unresolved':
        return {
          fix,
          location,
          unresolved: true,
          message: `${KmsKeyId} is not set and ${labelOf(resource, ['StorageEncrypted'])} is ${quote(encrypted.expression)}, which cannot be proven false: ${encrypted.reason}.`,
        };
      case 'known':
        if (!encryptedTrue) return;
        return {
          fix,
          location,
          message: `${labelOf(resource, ['StorageEncrypted'])} is true and ${labelOf(resource, ['KmsKeyId'])} is not set (${defaultsOf(resource)}: the AWS managed key \`aws/rds\`).`,
        };
    }
  },
});

/** `true` for an Aurora engine, `false` for another, and why not when it cannot be told. */
function auroraEngine(resource: NormalisedResource): boolean | string {
  const engine = readProperty(resource, 'Engine');
  if (engine.kind === 'known')
    return typeof engine.value === 'string' && engine.value.toLowerCase().startsWith('aurora');
  if (engine.kind === 'unresolved') return `Engine is ${quote(engine.expression)} (${engine.reason})`;
  return 'Engine is not set';
}

function fixFor(instance: boolean): FixText {
  const replaces =
    'changing the key replaces the database, so migrate by copying a snapshot with the new key and restoring from it';
  return {
    cloudformation: `Set \`KmsKeyId\` to the ARN of a customer managed \`AWS::KMS::Key\` (with \`StorageEncrypted: true\`) whose key policy lets the backup account use it; ${replaces}.`,
    cdk: instance
      ? `Pass \`storageEncryptionKey: key\` (a \`kms.Key\` you create and retain) to the \`DatabaseInstance\`; ${replaces}.`
      : `Pass \`storageEncryptionKey: key\` (a \`kms.Key\` you create and retain) to the \`DatabaseCluster\`; ${replaces}.`,
    pulumi: `Pass \`kmsKeyId: key.arn\` (an \`aws.kms.Key\`) and \`storageEncrypted: true\` in the resource args; ${replaces}.`,
    terraform: `Set \`kms_key_id = aws_kms_key.<name>.arn\` and \`storage_encrypted = true\`; ${replaces}.`,
  };
}
