import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { BackupEnrolment } from './backup-enrolment';
import type { IBackupTarget } from './isolated-backup-vault';
import { requireTerminationProtection, tableProtection } from './private/guards';
import { applyEnrolment } from './private/safe-resource';

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
   * The table's name. Required: with a fixed name, an update that would
   * replace the table fails instead of creating a new, empty one.
   */
  readonly tableName: string;
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
 * - an explicit `tableName`, so a replacing update fails instead of replacing;
 * - termination protection on its stack: synthesis fails without it.
 *
 * With `backup`, the table is selected by an `IsolatedBackupVault`
 * (`backup-cross-account-copy`) or opted out with a written reason. The
 * `TableV2` is exposed as `table`.
 */
export class SafeTableV2 extends Construct implements IBackupTarget {
  /** The DynamoDB table. */
  public readonly table: dynamodb.TableV2;
  /** The table's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: string;

  public constructor(scope: Construct, id: string, props: SafeTableV2Props) {
    super(scope, id);
    const pointInTimeRecoverySpecification = tableProtection(this, props.tableName, props.pointInTimeRecoveryPeriodInDays);
    const callerProps: dynamodb.TablePropsV2 = {
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      billing: props.billing,
      encryption: props.encryption,
      timeToLiveAttribute: props.timeToLiveAttribute,
      dynamoStream: props.dynamoStream,
    };
    // Forced values last; replicas are given by region only, so each inherits them.
    this.table = new dynamodb.TableV2(this, 'Resource', {
      ...callerProps,
      tableName: props.tableName,
      deletionProtection: true,
      pointInTimeRecoverySpecification,
      removalPolicy: RemovalPolicy.RETAIN,
      replicas: (props.replicaRegions ?? []).map((region) => ({ region, deletionProtection: true, pointInTimeRecoverySpecification })),
    });
    const cfn = this.table.node.defaultChild as dynamodb.CfnGlobalTable;
    cfn.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.backupResourceArn = this.table.tableArn;
    if (props.backup) applyEnrolment(this, props.backup);
    requireTerminationProtection(this, 'SafeTableV2');
  }
}
