import { asBoolean, labelOf, locationOf, readProperty } from '../../engine/read';
import type { RuleContext, Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';
import { setKeyViolation } from '../kms/key-verdict';

/**
 * Whether a store's snapshots are encrypted with a customer managed KMS key,
 * shared by the `*-customer-managed-key` rules of DocumentDB, Neptune and
 * Redshift (`rds-customer-managed-key` judges RDS the same way).
 *
 * A snapshot encrypted with an AWS managed key (`aws/rds`, `aws/redshift`) or
 * an AWS owned key cannot be shared with, or copied to, another account: no key
 * policy can let that account decrypt it. So the one copy that survives a
 * compromised account (an AWS Backup cross-account copy, a shared snapshot)
 * cannot exist. A store restored from a snapshot or created as a replica
 * inherits its source's key, which the template cannot show: it fails closed
 * unless `KmsKeyId` is set.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 */

export interface CustomerKeySpec {
  /** Properties that make the store inherit its key from a snapshot or source outside the template. */
  readonly sources: readonly string[];
  /**
   * How encryption is switched on: the property, and whether an unset value
   * means encrypted (Redshift) or not (DocumentDB, Neptune). Undefined: always
   * encrypted (Redshift Serverless).
   */
  readonly encrypted?: { readonly property: string; readonly absentMeansEncrypted: boolean };
  /** The key used when `KmsKeyId` is not set, for messages: "the AWS managed key `aws/rds`". */
  readonly defaultKey: string;
  readonly fix: FixText;
}

/** A finding when the store's key cannot be proven customer managed; nothing when it is, or when it is unencrypted. */
export function requireCustomerKey(
  resource: NormalisedResource,
  ctx: RuleContext,
  spec: CustomerKeySpec,
): Violation | undefined {
  const { fix } = spec;
  const location = locationOf(resource, ['KmsKeyId']);
  const KmsKeyId = labelOf(resource, ['KmsKeyId']);

  const set = setKeyViolation(resource, ctx, fix, 'an AWS managed key');
  if (set !== 'absent') return set;

  for (const p of spec.sources) {
    const src = readProperty(resource, p);
    if (src.kind === 'absent' || (src.kind === 'known' && (src.value === '' || src.value === null))) continue;
    const shown = src.kind === 'known' ? src.value : src.expression;
    return {
      fix,
      location,
      unresolved: true,
      message: `${KmsKeyId} is not set, so the key is inherited from ${labelOf(resource, [p])} ${quote(shown)} and cannot be proven a customer managed key.`,
    };
  }

  const defaulted = `${KmsKeyId} is not set (${defaultsWord(resource)}: ${spec.defaultKey})`;
  if (!spec.encrypted) return { fix, location, message: `${defaulted}.` };
  const { property, absentMeansEncrypted } = spec.encrypted;
  const Encrypted = labelOf(resource, [property]);
  const encrypted = readProperty(resource, property);
  switch (encrypted.kind) {
    case 'absent':
      return absentMeansEncrypted ? { fix, location, message: `${defaulted}.` } : undefined;
    case 'unresolved':
      return {
        fix,
        location,
        unresolved: true,
        message: `${KmsKeyId} is not set and ${Encrypted} is ${quote(encrypted.expression)}, which cannot be proven false: ${encrypted.reason}.`,
      };
    case 'known': {
      const b = asBoolean(encrypted.value);
      if (b === false) return;
      if (b === undefined) {
        return {
          fix,
          location,
          message: `${KmsKeyId} is not set and ${Encrypted} is ${quote(encrypted.value)}, which is not a boolean.`,
        };
      }
      return { fix, location, message: `${Encrypted} is true and ${defaulted}.` };
    }
  }
}

function defaultsWord(resource: NormalisedResource): string {
  return resource.dialect === 'aws-provider' ? 'provider default' : 'CloudFormation default';
}
