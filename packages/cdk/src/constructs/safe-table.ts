import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { BackupEnrolment } from './backup-enrolment';
import type { IBackupTarget } from './isolated-backup-vault';
import { L2_ID, requiredName, warnOnAdoption } from './private/adoption';
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
   * The table's name. Required for a new table: with a fixed name, an update
   * that would replace the table fails instead of creating a new, empty one.
   * With `adoptExisting`, give exactly what the `Table` had (leave it out if it
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
   * How many days point-in-time recovery reaches back: 1 to 35.
   * @default 35
   */
  readonly pointInTimeRecoveryPeriodInDays?: number;
  /**
   * How reads and writes are billed.
   * @default BillingMode.PAY_PER_REQUEST; with `adoptExisting`, the `Table` default
   * (PROVISIONED, 5 read and 5 write capacity units), so an adopted table keeps its billing
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
  /**
   * Whether this construct takes over a table a `dynamodb.Table` with the same scope and
   * id already deployed. The logical ids match either way; with
   * `adoptExisting`, `tableName` may be left out (as the old one had none), and
   * synthesis warns with every property that would replace the table (its
   * name and key schema) and its value here, to compare with `cdk diff` before deploying.
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/**
 * A DynamoDB table that cannot lose its data to a stack operation.
 *
 * Forced after the caller's props, with no prop to weaken them:
 * - deletion protection (`dynamodb-deletion-protection`);
 * - point-in-time recovery (`dynamodb-point-in-time-recovery`);
 * - DeletionPolicy and UpdateReplacePolicy Retain (`general-deletion-policy`, `general-update-replace-policy`);
 * - an explicit `tableName`, so a replacing update fails instead of replacing
 *   (unless it adopts a table that has none);
 * - termination protection on its stack: synthesis fails without it (`stack-termination-protection`).
 *
 * With `backup`, the table is selected by an `IsolatedBackupVault` (`backup-cross-account-copy`)
 * or opted out with a written reason. The `Table` is exposed as `table` for grants, streams and metrics.
 *
 * Migrating: the `Table` is this construct's `Default` child, which CDK leaves
 * out of logical ids, so `new SafeTable(scope, 'Orders', …)` keeps the logical ids of
 * `new dynamodb.Table(scope, 'Orders', …)` and CloudFormation updates that table instead of
 * replacing it. Pass `adoptExisting: true` and check `cdk diff`
 * (README: "Migrating an existing resource").
 */
export class SafeTable extends Construct implements IBackupTarget {
  /** The DynamoDB table. */
  public readonly table: dynamodb.Table;
  /** The table's ARN, which AWS Backup selects it by. */
  public readonly backupResourceArn: string;

  public constructor(scope: Construct, id: string, props: SafeTableProps) {
    super(scope, id);
    const tableName = requiredName(this, 'tableName', props.tableName, props.adoptExisting);
    const pointInTimeRecoverySpecification = tableProtection(this, tableName, props.pointInTimeRecoveryPeriodInDays);

    const callerProps: dynamodb.TableProps = {
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      billingMode: props.billingMode ?? (props.adoptExisting ? undefined : dynamodb.BillingMode.PAY_PER_REQUEST),
      readCapacity: props.readCapacity,
      writeCapacity: props.writeCapacity,
      encryption: props.encryption,
      encryptionKey: props.encryptionKey,
      timeToLiveAttribute: props.timeToLiveAttribute,
      stream: props.stream,
      tableClass: props.tableClass,
    };
    // Forced values last: nothing above can override them.
    this.table = new dynamodb.Table(this, L2_ID, {
      ...callerProps,
      tableName,
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
    if (props.adoptExisting)
      warnOnAdoption(this, {
        what: 'SafeTable',
        resource: cfn,
        generatedName: tableName === undefined ? 'tableName' : undefined,
      });
  }
}
