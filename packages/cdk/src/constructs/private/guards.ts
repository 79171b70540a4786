import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { plural, refusal } from '@deadbolt/rules';
import { acknowledgementsFor } from '../../checks/acknowledgements';
import { acknowledgementCall } from '../../checks/host-language';
import { Construct, type IConstruct } from 'constructs';

/**
 * KMS's longest deletion waiting period: every key these constructs create keeps it.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
 */
export const KEY_PENDING_WINDOW = Duration.days(30);

/** AWS Backup's cooling-off period: a compliance-mode lock is immutable only after at least 3 days. */
export const MIN_CHANGEABLE_FOR_DAYS = 3;

/** Throws a construction error worded for the caller, with the construct's path. */
export function refuse(scope: IConstruct, message: string): never {
  throw new Error(`${scope.node.path}: ${message}`);
}

/** Whole days of a duration, refusing fractions and values below `min`. */
export function wholeDays(scope: IConstruct, prop: string, value: Duration, min: number, allowed?: string): number {
  if (value.isUnresolved()) refuse(scope, `\`${prop}\` must be a literal duration, got a token.`);
  const days = value.toDays({ integral: false });
  if (!Number.isInteger(days))
    refuse(scope, `\`${prop}\` must be a whole number of days, got ${value.toHumanString()}.`);
  if (days < min)
    refuse(
      scope,
      `\`${prop}\` must be at least ${plural(min, 'day')}${allowed ? ` (${allowed})` : ''}, got ${plural(days, 'day')}.`,
    );
  return days;
}

/**
 * Makes synthesis fail when the construct's stack has termination protection
 * off: a stack that holds a safe construct must not be deletable with one
 * `cdk destroy`. Checked at validation, so `stack.terminationProtection = true`
 * set after the construct counts. A nested stack has no termination protection
 * of its own: CloudFormation deletes it only with (or through an update of)
 * its root stack, so the root's setting is the one judged, and the message
 * names the root and the fix on it. Acknowledged, with a written reason, as
 * `stack-termination-protection` on the construct or an ancestor.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-protect-stacks.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html
 */
export function requireTerminationProtection(scope: Construct, what: string): void {
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(scope);
      const root = rootStackOf(stack);
      if (root.terminationProtection) return [];
      const refused = acknowledgedWithReason(scope, TERMINATION_RULE);
      if (refused === true) return [];
      const acknowledge =
        (refused ? ` Acknowledgement refused: ${refused}` : '') +
        ` To accept the risk instead, acknowledge it with a written reason: ${acknowledgementCall(`<the ${what} at ${scope.node.path}>`, `deadbolt::${TERMINATION_RULE}`)}.`;
      if (root === stack) {
        return [
          `${what} ${scope.node.path} is in stack ${stack.stackName}, whose termination protection is off; ` +
            'pass `terminationProtection: true` to the `Stack` (or set `stack.terminationProtection = true`).' +
            acknowledge,
        ];
      }
      return [
        `${what} ${scope.node.path} is in nested stack ${stack.node.path}, which CloudFormation deletes with its root stack ${root.stackName} (${root.node.path}), ` +
          `whose termination protection is off; a nested stack has none of its own. Pass \`terminationProtection: true\` to the root \`Stack\` ${root.node.path} ` +
          '(or set `terminationProtection = true` on it).' +
          acknowledge,
      ];
    },
  });
}

const TERMINATION_RULE = 'stack-termination-protection';

/** The top-level stack that deploys `stack`: itself, or the root of its chain of nested stack parents. */
function rootStackOf(stack: Stack): Stack {
  let s = stack;
  // Bounded: CloudFormation nests stacks far less deeply than 64 levels.
  for (let i = 0; i < 64 && s.nestedStackParent; i++) s = s.nestedStackParent;
  return s;
}

/** True when acknowledged with a valid reason; else the refusal of an invalid acknowledgement, or undefined. */
export function acknowledgedWithReason(scope: IConstruct, ruleId: string, now = new Date()): true | string | undefined {
  let refused: string | undefined;
  for (const a of acknowledgementsFor(scope, ruleId)) {
    const why = refusal(a, now);
    if (!why) return true;
    refused ??= why;
  }
  return refused;
}

/** Options for a key created by a safe construct. */
export interface RetainedKeyOptions {
  readonly description: string;
}

/**
 * A customer managed key that outlives the stack: DeletionPolicy and
 * UpdateReplacePolicy Retain, the 30-day deletion window, yearly rotation.
 * Deleting a key makes every snapshot and recovery point under it unreadable.
 */
export function retainedKey(scope: Construct, id: string, options: RetainedKeyOptions): kms.Key {
  const key = new kms.Key(scope, id, {
    description: options.description,
    enableKeyRotation: true,
    pendingWindow: KEY_PENDING_WINDOW,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // The account's `kms:*` would let an administrator schedule the deletion with
  // 7 days, after which every snapshot and locked copy under the key is
  // unreadable. `kms:PutKeyPolicy` is not denied: that would lock CloudFormation
  // out of later updates of the policy.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyShortKeyDeletionWindow',
      effect: iam.Effect.DENY,
      principals: [new iam.StarPrincipal()],
      actions: ['kms:ScheduleKeyDeletion'],
      resources: ['*'],
      conditions: {
        NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': String(KEY_PENDING_WINDOW.toDays()) },
      },
    }),
  );
  return key;
}

/** The KMS actions another account needs to copy, or decrypt a copy of, data under a key. */
const COPY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * Key policy statements that let other accounts (or an organization) use the
 * key for copies: the data actions, and grants for AWS services only.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 */
export function keyCopyStatements(principals: iam.IPrincipal[], sid: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: `${sid}Use`, principals, actions: COPY_ACTIONS, resources: ['*'] }),
    new iam.PolicyStatement({
      sid: `${sid}Grants`,
      principals,
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }),
  ];
}

/** Twelve digits: an AWS account id. */
export const ACCOUNT_RE = /^\d{12}$/;

/**
 * The account and name of a backup vault ARN
 * (`arn:<partition>:backup:<region>:<account>:backup-vault:<name>`), or
 * undefined when the text is not one.
 */
export function parseVaultArn(
  arn: string,
): { partition: string; region: string; account: string; name: string } | undefined {
  const m = /^arn:(aws[a-z-]*):backup:([a-z0-9-]+):(\d{12}):backup-vault:([A-Za-z0-9_-]{2,50})$/.exec(arn);
  return m ? { partition: m[1], region: m[2], account: m[3], name: m[4] } : undefined;
}

/**
 * The checks `SafeTable` and `SafeTableV2` share: a literal table name DynamoDB
 * accepts, and a point-in-time recovery period of 1 to 35 days (default 35).
 * Returns the forced point-in-time recovery specification.
 */
export function tableProtection(
  scope: IConstruct,
  tableName: string | undefined,
  recoveryPeriodInDays: number | undefined,
): { pointInTimeRecoveryEnabled: boolean; recoveryPeriodInDays: number } {
  if (tableName !== undefined && !Token.isUnresolved(tableName) && !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    refuse(
      scope,
      `\`tableName\` must be 3 to 255 letters, digits, underscores, hyphens or dots, got ${JSON.stringify(tableName)}.`,
    );
  }
  const period = recoveryPeriodInDays ?? 35;
  if (!Number.isInteger(period) || period < 1 || period > 35) {
    refuse(scope, `\`pointInTimeRecoveryPeriodInDays\` must be a whole number of days from 1 to 35, got ${period}.`);
  }
  return { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: period };
}
