import { CfnResource, type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { BackupEnrolment } from './backup-enrolment';
import type { IBackupTarget } from './isolated-backup-vault';
import { L2_ID, requiredName, warnOnAdoption } from './private/adoption';
import { requireTerminationProtection, tableProtection } from './private/guards';
import { applyEnrolment } from './private/safe-resource';
import { defendForcedSettings, TABLE_RULES } from './private/self-defence';

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
   * @default BillingMode.PAY_PER_REQUEST; with `adoptExisting`, the `Table`'s own default, so an
   * adopted table keeps its billing: PROVISIONED (5 read and 5 write capacity units), or
   * PAY_PER_REQUEST when `replicationRegions` is given
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
   * Regions where replica tables are kept (a global table, version 2019.11.21, through the
   * `Table`'s `Custom::DynamoDBReplica` resources). Each replica's custom resource gets
   * DeletionPolicy Retain and `SkipReplicaDeletion: true`: a replica whose region leaves this
   * list, or whose custom resource leaves the template, keeps its table and data. With
   * `adoptExisting`, give exactly what the `Table` had: without them, its replicas' custom
   * resources are removed, which deletes the replica tables in an app without the
   * `@aws-cdk/aws-dynamodb:retainTableReplica` feature flag.
   * @default - no replicas
   */
  readonly replicationRegions?: string[];
  /**
   * How long the replication of one region may take (the `Table`'s `replicationTimeout`).
   * @default Duration.minutes(30)
   */
  readonly replicationTimeout?: Duration;
  /**
   * Whether the deployment waits for each replica to finish replicating (the `Table`'s
   * `waitForReplicationToFinish`; give what the adopted `Table` had).
   * @default true
   */
  readonly waitForReplicationToFinish?: boolean;
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
 * Each forced setting is checked again when the app is synthesized, on the
 * template values, with the catalogue's rules: a later change that weakens one
 * (a property override, `cfnOptions`, `applyRemovalPolicy`, `RemovalPolicies.of(...)`,
 * an aspect, a subclass, `node.tryRemoveChild`) fails synthesis, with or without
 * `DataProtectionChecks`, unless the construct is acknowledged for that rule with a
 * written reason. Termination protection is that of the root stack (a nested
 * stack has none of its own).
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
      replicationRegions: props.replicationRegions,
      replicationTimeout: props.replicationTimeout,
      waitForReplicationToFinish: props.waitForReplicationToFinish,
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
    retainReplicas(this.table);

    this.backupResourceArn = this.table.tableArn;
    if (props.backup) applyEnrolment(this, props.backup);
    requireTerminationProtection(this, 'SafeTable');
    defendForcedSettings(this, {
      what: 'SafeTable',
      guarded: [
        { resource: cfn, what: 'table', ruleIds: TABLE_RULES },
        ...this.table.node
          .findAll()
          .filter((c): c is CfnResource => c instanceof CfnResource && c.cfnResourceType === 'Custom::DynamoDBReplica')
          .map((resource) => ({ resource, what: 'replica', ruleIds: ['dynamodb-replica-deletion'] })),
      ],
      // The least point-in-time recovery period the construct accepts (`pointInTimeRecoveryPeriodInDays`).
      minimumRetentionDays: 1,
    });
    if (props.adoptExisting)
      warnOnAdoption(this, {
        what: 'SafeTable',
        resource: cfn,
        generatedName: tableName === undefined ? 'tableName' : undefined,
        caution: props.replicationRegions?.length
          ? "Its replicas keep the logical ids of the `Table`'s Custom::DynamoDBReplica resources; `SkipReplicaDeletion: true` shows as an update of each."
          : "If the `dynamodb.Table` had `replicationRegions`, pass the same ones: without them its Custom::DynamoDBReplica resources, their provider's nested stack and policies are removed, " +
            'which deletes the replica tables in an app without the `@aws-cdk/aws-dynamodb:retainTableReplica` feature flag.',
      });
  }
}

/**
 * Keeps every replica of a global `Table` when its custom resource is deleted
 * (a region dropped from `replicationRegions`, the table's construct removed):
 * DeletionPolicy Retain, so CloudFormation never calls the handler's Delete,
 * and `SkipReplicaDeletion`, which the handler honours when it does (the
 * value the `Table` itself renders for a retained table under the
 * `@aws-cdk/aws-dynamodb:retainTableReplica` feature flag, which older apps lack).
 */
function retainReplicas(table: dynamodb.Table): void {
  for (const child of table.node.findAll()) {
    if (child instanceof CfnResource && child.cfnResourceType === 'Custom::DynamoDBReplica') {
      child.applyRemovalPolicy(RemovalPolicy.RETAIN);
      child.addPropertyOverride('SkipReplicaDeletion', true);
    }
  }
}
