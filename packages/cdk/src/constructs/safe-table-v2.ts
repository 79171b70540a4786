import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { BackupEnrolment } from './backup-enrolment';
import type { IBackupTarget } from './isolated-backup-vault';
import { L2_ID, requiredName, warnOnAdoption } from './private/adoption';
import { requireTerminationProtection, tableProtection } from './private/guards';
import { applyEnrolment } from './private/safe-resource';
import { defendForcedSettings, TABLE_RULES } from './private/self-defence';

/**
 * Properties of a `SafeTableV2`: those of `dynamodb.TablePropsV2` that cannot
 * weaken its protection. `deletionProtection`, `pointInTimeRecoverySpecification`
 * and `removalPolicy` do not exist here, and replicas are named by region only,
 * so no replica can turn them off.
 */
export interface SafeTableV2Props {
  /** The partition key attribute. */
  readonly partitionKey: dynamodb.Attribute;
  /**
   * The table's name. Required for a new table: with a fixed name, an update
   * that would replace the table fails instead of creating a new, empty one.
   * With `adoptExisting`, give exactly what the `TableV2` had (leave it out if it
   * had none): a new name replaces the table.
   * @default - required, unless `adoptExisting` is true
   */
  readonly tableName?: string;
  /**
   * Whether the table is copied to the backup account: `BackupEnrolment.inVault(vault)`
   * or `BackupEnrolment.optOut(reason)`.
   * @default - not enrolled: `backup-cross-account-copy` reports the table until it is
   */
  readonly backup?: BackupEnrolment;
  /**
   * The sort key attribute.
   * @default - none
   */
  readonly sortKey?: dynamodb.Attribute;
  /**
   * Regions of replicas besides the stack's own. Each replica gets the table's
   * deletion protection and point-in-time recovery.
   * @default - no replicas
   */
  readonly replicaRegions?: string[];
  /**
   * How many days point-in-time recovery reaches back: 1 to 35.
   * @default 35
   */
  readonly pointInTimeRecoveryPeriodInDays?: number;
  /**
   * How reads and writes are billed.
   * @default Billing.onDemand()
   */
  readonly billing?: dynamodb.Billing;
  /**
   * Which key encrypts the table.
   * @default TableEncryptionV2.dynamoOwnedKey()
   */
  readonly encryption?: dynamodb.TableEncryptionV2;
  /**
   * The attribute that holds each item's expiry time.
   * @default - no time to live
   */
  readonly timeToLiveAttribute?: string;
  /**
   * What the table's stream records.
   * @default - no stream
   */
  readonly dynamoStream?: dynamodb.StreamViewType;
  /**
   * Whether this construct takes over a table a `dynamodb.TableV2` with the same scope and
   * id already deployed. The logical ids match either way; with
   * `adoptExisting`, `tableName` may be left out (as the old one had none), and
   * synthesis warns with every property that would replace the table (its
   * name and key schema) and its value here, to compare with `cdk diff` before deploying.
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/**
 * A DynamoDB global table (the `TableV2` style, `AWS::DynamoDB::GlobalTable`)
 * that cannot lose its data to a stack operation.
 *
 * Forced after the caller's props, with no prop to weaken them, on the table
 * and on every replica:
 * - deletion protection (`dynamodb-deletion-protection`);
 * - point-in-time recovery (`dynamodb-point-in-time-recovery`);
 * - DeletionPolicy and UpdateReplacePolicy Retain (`general-deletion-policy`, `general-update-replace-policy`);
 * - an explicit `tableName`, so a replacing update fails instead of replacing
 *   (unless it adopts a table that has none);
 * - termination protection on its stack: synthesis fails without it.
 *
 * Each forced setting is checked again when the app is synthesized, on the
 * template values, with the catalogue's rules: a later change that weakens one
 * (a property override, `cfnOptions`, `applyRemovalPolicy`, `RemovalPolicies.of(...)`,
 * an aspect, a subclass, `node.tryRemoveChild`) fails synthesis, with or without
 * `DataProtectionChecks`, unless the construct is acknowledged for that rule with a
 * written reason. Termination protection is that of the root stack (a nested
 * stack has none of its own).
 *
 * With `backup`, the table is selected by an `IsolatedBackupVault`
 * (`backup-cross-account-copy`) or opted out with a written reason. The
 * `TableV2` is exposed as `table`.
 *
 * Migrating: the `TableV2` is this construct's `Default` child, which CDK leaves
 * out of logical ids, so `new SafeTableV2(scope, 'Orders', …)` keeps the logical ids of
 * `new dynamodb.TableV2(scope, 'Orders', …)` and CloudFormation updates that table instead of
 * replacing it. Pass `adoptExisting: true` and check `cdk diff`
 * (README: "Migrating an existing resource").
 */
export class SafeTableV2 extends Construct implements IBackupTarget {
  /** The DynamoDB table. */
  public readonly table: dynamodb.TableV2;
  /** The table's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: string;

  public constructor(scope: Construct, id: string, props: SafeTableV2Props) {
    super(scope, id);
    const tableName = requiredName(this, 'tableName', props.tableName, props.adoptExisting);
    const pointInTimeRecoverySpecification = tableProtection(this, tableName, props.pointInTimeRecoveryPeriodInDays);
    const callerProps: dynamodb.TablePropsV2 = {
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      billing: props.billing,
      encryption: props.encryption,
      timeToLiveAttribute: props.timeToLiveAttribute,
      dynamoStream: props.dynamoStream,
    };
    // Forced values last; replicas are given by region only, so each inherits them.
    this.table = new dynamodb.TableV2(this, L2_ID, {
      ...callerProps,
      tableName,
      deletionProtection: true,
      pointInTimeRecoverySpecification,
      removalPolicy: RemovalPolicy.RETAIN,
      replicas: (props.replicaRegions ?? []).map((region) => ({
        region,
        deletionProtection: true,
        pointInTimeRecoverySpecification,
      })),
    });
    const cfn = this.table.node.defaultChild as dynamodb.CfnGlobalTable;
    cfn.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.backupResourceArn = this.table.tableArn;
    if (props.backup) applyEnrolment(this, props.backup);
    requireTerminationProtection(this, 'SafeTableV2');
    defendForcedSettings(this, {
      what: 'SafeTableV2',
      guarded: [{ resource: cfn, what: 'table', ruleIds: TABLE_RULES }],
      // The least point-in-time recovery period the construct accepts (`pointInTimeRecoveryPeriodInDays`).
      minimumRetentionDays: 1,
    });
    if (props.adoptExisting)
      warnOnAdoption(this, {
        what: 'SafeTableV2',
        resource: cfn,
        generatedName: tableName === undefined ? 'tableName' : undefined,
      });
  }
}
