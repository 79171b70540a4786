import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { BackupEnrolment } from './backup-enrolment';
import type { IBackupTarget } from './isolated-backup-vault';
import { requireTerminationProtection, tableProtection } from './private/guards';
import { applyEnrolment } from './private/safe-resource';

/**
 * Properties of a `SafeTable`: those of `dynamodb.TableProps` that cannot
 * weaken its protection. `deletionProtection`, `pointInTimeRecovery` and
 * `removalPolicy` do not exist here: they are forced.
 */
export interface SafeTableProps {
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
   * How many days point-in-time recovery reaches back: 1 to 35.
   * @default 35
   */
  readonly pointInTimeRecoveryPeriodInDays?: number;
  /**
   * How reads and writes are billed.
   * @default BillingMode.PAY_PER_REQUEST
   */
  readonly billingMode?: dynamodb.BillingMode;
  /**
   * Provisioned read capacity units (provisioned billing only).
   * @default 5
   */
  readonly readCapacity?: number;
  /**
   * Provisioned write capacity units (provisioned billing only).
   * @default 5
   */
  readonly writeCapacity?: number;
  /**
   * Which key encrypts the table.
   * @default - `TableEncryption.CUSTOMER_MANAGED` when `encryptionKey` is given, else an AWS owned key
   */
  readonly encryption?: dynamodb.TableEncryption;
  /**
   * The customer managed key, with `TableEncryption.CUSTOMER_MANAGED`.
   * @default - none
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The attribute that holds each item's expiry time.
   * @default - no time to live
   */
  readonly timeToLiveAttribute?: string;
  /**
   * What the table's stream records.
   * @default - no stream
   */
  readonly stream?: dynamodb.StreamViewType;
  /**
   * The table class.
   * @default TableClass.STANDARD
   */
  readonly tableClass?: dynamodb.TableClass;
}

/**
 * A DynamoDB table that cannot lose its data to a stack operation.
 *
 * Forced after the caller's props, with no prop to weaken them:
 * - deletion protection (`dynamodb-deletion-protection`);
 * - point-in-time recovery (`dynamodb-point-in-time-recovery`);
 * - DeletionPolicy and UpdateReplacePolicy Retain (`general-deletion-policy`, `general-update-replace-policy`);
 * - an explicit `tableName`, so a replacing update fails instead of replacing;
 * - termination protection on its stack: synthesis fails without it (`stack-termination-protection`).
 *
 * With `backup`, the table is selected by an `IsolatedBackupVault` (`backup-cross-account-copy`)
 * or opted out with a written reason. The `Table` is exposed as `table` for grants, streams and metrics.
 */
export class SafeTable extends Construct implements IBackupTarget {
  /** The DynamoDB table. */
  public readonly table: dynamodb.Table;
  /** The table's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: string;

  public constructor(scope: Construct, id: string, props: SafeTableProps) {
    super(scope, id);
    const pointInTimeRecoverySpecification = tableProtection(this, props.tableName, props.pointInTimeRecoveryPeriodInDays);

    const callerProps: dynamodb.TableProps = {
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      billingMode: props.billingMode ?? dynamodb.BillingMode.PAY_PER_REQUEST,
      readCapacity: props.readCapacity,
      writeCapacity: props.writeCapacity,
      encryption: props.encryption,
      encryptionKey: props.encryptionKey,
      timeToLiveAttribute: props.timeToLiveAttribute,
      stream: props.stream,
      tableClass: props.tableClass,
    };
    // Forced values last: nothing above can override them.
    this.table = new dynamodb.Table(this, 'Resource', {
      ...callerProps,
      tableName: props.tableName,
      deletionProtection: true,
      pointInTimeRecoverySpecification,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cfn = this.table.node.defaultChild as dynamodb.CfnTable;
    cfn.deletionProtectionEnabled = true;
    cfn.pointInTimeRecoverySpecification = pointInTimeRecoverySpecification;
    cfn.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.backupResourceArn = this.table.tableArn;
    if (props.backup) applyEnrolment(this, props.backup);
    requireTerminationProtection(this, 'SafeTable');
  }
}
