/**
 * Customer managed keys for the safe components: retained, guarded, the
 * 30-day deletion window, yearly rotation, and a policy that lets the backup
 * account (or the source accounts) use the key for copies.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { KEY_DELETION_WINDOW_DAYS, guardedOptions, protectedTags } from './guards';

/** The KMS actions another account needs to copy, or decrypt a copy of, data under a key. */
const COPY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * Denies scheduling the key's deletion with a waiting period under 30 days, to
 * everyone: the account's `kms:*` would otherwise let an administrator schedule
 * it with 7 days, after which every snapshot and locked copy under it is
 * unreadable. `PutKeyPolicy` is not denied (that would lock Pulumi out of later
 * policy updates), so an administrator can still remove this statement: the
 * change shows in a preview and in CloudTrail.
 */
export function shortDeletionWindowDenial(): object {
  return {
    Sid: 'DenyShortKeyDeletionWindow',
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:ScheduleKeyDeletion',
    Resource: '*',
    Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': String(KEY_DELETION_WINDOW_DAYS) } },
  };
}

/** Who, besides the key's own account, may use the key for copies. */
export interface CopyPrincipals {
  /** Accounts (12-digit ids). */
  readonly accounts?: readonly pulumi.Input<string>[];
  /** An AWS Organizations id: every account of it. */
  readonly organizationId?: pulumi.Input<string>;
}

/**
 * A key policy: the key's own account administers it (without this statement
 * the key is unmanageable), the copy principals may use it for copies and
 * create grants for AWS services only, and nobody may schedule its deletion
 * with a waiting period under 30 days.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export function copyKeyPolicy(
  partition: pulumi.Input<string>,
  ownAccount: pulumi.Input<string>,
  copy: CopyPrincipals,
  sid: string,
): pulumi.Output<string> {
  return pulumi
    .output({ partition, ownAccount, accounts: copy.accounts ?? [], org: copy.organizationId })
    .apply(({ partition: p, ownAccount: own, accounts, org }) => {
      const statements: object[] = [
        {
          Sid: 'EnableAccountAdministration',
          Effect: 'Allow',
          Principal: { AWS: `arn:${p}:iam::${own}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ];
      const groups: Array<{ suffix: string; principal: object; condition?: object }> = [];
      if (accounts.length)
        groups.push({ suffix: 'Accounts', principal: { AWS: accounts.map((a) => `arn:${p}:iam::${a}:root`) } });
      if (org)
        groups.push({
          suffix: 'Organization',
          principal: { AWS: '*' },
          condition: { StringEquals: { 'aws:PrincipalOrgID': org } },
        });
      for (const g of groups) {
        statements.push({
          Sid: `${sid}${g.suffix}Use`,
          Effect: 'Allow',
          Principal: g.principal,
          Action: COPY_ACTIONS,
          Resource: '*',
          ...(g.condition ? { Condition: g.condition } : {}),
        });
        statements.push({
          Sid: `${sid}${g.suffix}Grants`,
          Effect: 'Allow',
          Principal: g.principal,
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: { ...(g.condition ?? {}), Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        });
      }
      statements.push(shortDeletionWindowDenial());
      return JSON.stringify({ Version: '2012-10-17', Statement: statements });
    });
}

/**
 * A customer managed key that outlives the stack: guarded (protect,
 * retainOnDelete, the deletion guard hook), 30-day deletion window, rotation on.
 * Deleting a key makes every snapshot and recovery point under it unreadable.
 */
export function retainedKey(
  name: string,
  parent: pulumi.Resource,
  description: string,
  policy?: pulumi.Input<string>,
  provider?: pulumi.ProviderResource,
): aws.kms.Key {
  return new aws.kms.Key(
    name,
    {
      description,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      enableKeyRotation: true,
      ...(policy !== undefined ? { policy } : {}),
      tags: protectedTags(undefined),
    },
    guardedOptions(parent, provider ? { provider } : {}),
  );
}
