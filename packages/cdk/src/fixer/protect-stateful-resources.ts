import { CfnDeletionPolicy, CfnResource, Stack, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { isStatefulType } from '@deadbolt/rules';

/** Options for `ProtectStatefulResources`. */
export interface ProtectStatefulResourcesProps {
  /**
   * Annotate what would change without changing anything.
   * @default false
   */
  readonly dryRun?: boolean;

  /**
   * The `BackupRetentionPeriod` (days) RDS databases are raised to when theirs is lower or not set.
   * @default 7
   */
  readonly minimumBackupRetentionDays?: number;
}

/** One property `ProtectStatefulResources` set (or, in a dry run, would set). */
export interface ProtectedChange {
  /** The construct path of the resource. */
  readonly path: string;
  /** The CloudFormation resource type. */
  readonly resourceType: string;
  /** The template attribute or property, e.g. `DeletionPolicy` or `DeletionProtection`. */
  readonly property: string;
  /** The value before, as JSON (an intrinsic is shown as its expression), or `not set`. */
  readonly oldValue: string;
  /** The value written, as JSON. */
  readonly newValue: string;
  /** The Deadbolt rule the change satisfies. */
  readonly ruleId: string;
  /** False in a dry run: the change was reported, not made. */
  readonly applied: boolean;
}

/** One protection: how to judge the rendered value and what to write. */
interface Fix {
  /** CloudFormation property name. */
  readonly property: string;
  /** The L1 (camelCase) property name. */
  readonly l1: string;
  readonly ruleId: string;
  /** True when the rendered (CloudFormation) value already protects. */
  readonly safe: (rendered: unknown) => boolean;
  /** The value to write, in CloudFormation form, given the rendered value. */
  readonly cfnValue: (rendered: unknown) => unknown;
  /** The same value in L1 (camelCase) form. */
  readonly l1Value: (rendered: unknown) => unknown;
}

const isTrue = (v: unknown) => v === true || v === 'true';
const isFalse = (v: unknown) => v === false || v === 'false';
const field = (v: unknown, key: string): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined);

function flag(property: string, l1: string, ruleId: string, safeValue: boolean): Fix {
  return {
    property,
    l1,
    ruleId,
    safe: safeValue ? isTrue : isFalse,
    cfnValue: () => safeValue,
    l1Value: () => safeValue,
  };
}

function literal(property: string, l1: string, ruleId: string, value: string): Fix {
  return { property, l1, ruleId, safe: (v) => v === value, cfnValue: () => value, l1Value: () => value };
}

function statusObject(property: string, l1: string, ruleId: string, status: string): Fix {
  return {
    property,
    l1,
    ruleId,
    safe: (v) => field(v, 'Status') === status,
    cfnValue: () => ({ Status: status }),
    l1Value: () => ({ status }),
  };
}

const PITR: Fix = {
  property: 'PointInTimeRecoverySpecification',
  l1: 'pointInTimeRecoverySpecification',
  ruleId: 'dynamodb-point-in-time-recovery',
  safe: (v) => isTrue(field(v, 'PointInTimeRecoveryEnabled')),
  cfnValue: (v) => {
    const days = field(v, 'RecoveryPeriodInDays');
    return { PointInTimeRecoveryEnabled: true, ...(days !== undefined ? { RecoveryPeriodInDays: days } : {}) };
  },
  l1Value: (v) => {
    const days = field(v, 'RecoveryPeriodInDays');
    return { pointInTimeRecoveryEnabled: true, ...(days !== undefined ? { recoveryPeriodInDays: days } : {}) };
  },
};

function atLeast(property: string, l1: string, ruleId: string, min: number, absentIsSafe: boolean): Fix {
  return {
    property,
    l1,
    ruleId,
    safe: (v) => (v === undefined ? absentIsSafe : (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) && Number(v) >= min),
    cfnValue: () => min,
    l1Value: () => min,
  };
}

/**
 * Sets the protections a stack already in use is missing, instead of failing it:
 * Retain/Retain, deletion protection, kept automated backups, point-in-time
 * recovery, versioning, backups and key deletion windows. Every change is an
 * info annotation on the resource (`Deadbolt set DeletionProtection: false → true
 * (rds-deletion-protection).`), listed in `changes`, and summed up on each stack.
 *
 * ```ts
 * Aspects.of(app).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
 * ```
 *
 * Which resources hold data is the catalogue's answer (`isStatefulType`). What it
 * sets:
 * - every stateful type: `DeletionPolicy: Retain` (an existing `RetainExceptOnCreate`
 *   is kept) and `UpdateReplacePolicy: Retain`. `Snapshot` is replaced by `Retain`
 *   too: a snapshot policy still deletes the live database on removal or
 *   replacement, and the final snapshot lives in the same account as the credentials
 *   that delete it;
 * - `AWS::RDS::DBInstance` (outside a cluster) and `AWS::RDS::DBCluster`:
 *   `DeletionProtection: true`, `DeleteAutomatedBackups: false`,
 *   `BackupRetentionPeriod` raised to `minimumBackupRetentionDays` (a read
 *   replica instance gets deletion protection only, as the backup rules exempt it);
 *   `AWS::DocDB::DBCluster`, `AWS::Neptune::DBCluster`: `DeletionProtection: true`;
 * - `AWS::DynamoDB::Table`: `DeletionProtectionEnabled: true`, point-in-time recovery
 *   on; `AWS::DynamoDB::GlobalTable`: both on every replica, when the replica list
 *   is a literal list;
 * - `AWS::S3::Bucket`: versioning `Enabled`; `AWS::Cognito::UserPool`:
 *   `DeletionProtection: ACTIVE`; `AWS::KMS::Key`: `PendingWindowInDays: 30` when
 *   lower; `AWS::EFS::FileSystem`: `BackupPolicy: ENABLED`.
 *
 * It judges the values the template will carry: raw overrides
 * (`addPropertyOverride`) win over L1 props at synthesis, so a property with an
 * override is overridden again. A value it cannot judge (a token, `Fn::If`, a
 * `Ref` to a parameter) is replaced by the safe literal, and the change reports
 * the old expression. What it cannot fix safely — copies to another account, a
 * customer managed key instead of the AWS-managed one, stack termination
 * protection — it leaves to `DataProtectionChecks`.
 */
export class ProtectStatefulResources implements IAspect {
  private readonly dryRun: boolean;
  private readonly minRetention: number;
  private readonly recorded: ProtectedChange[] = [];
  private readonly seen = new WeakSet<IConstruct>();
  private readonly perStack = new Map<Stack, { properties: number; resources: Set<string> }>();

  public constructor(props: ProtectStatefulResourcesProps = {}) {
    this.dryRun = props.dryRun ?? false;
    this.minRetention = props.minimumBackupRetentionDays ?? 7;
    if (!Number.isInteger(this.minRetention) || this.minRetention < 1 || this.minRetention > 35) {
      throw new Error(`\`minimumBackupRetentionDays\` must be a whole number of days from 1 to 35 (RDS's range), got ${props.minimumBackupRetentionDays}.`);
    }
  }

  /** Every change made (or, in a dry run, that would be made), in visiting order. */
  public get changes(): ProtectedChange[] {
    return [...this.recorded];
  }

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    if (this.seen.has(node)) return;
    this.seen.add(node);
    const type = node.cfnResourceType;
    if (!isStatefulType(type)) return;
    const stack = Stack.of(node);
    this.summaryFor(stack);
    const rendered = renderResource(node, stack);
    if (!rendered) return;
    this.fixPolicy(node, rendered, 'DeletionPolicy');
    this.fixPolicy(node, rendered, 'UpdateReplacePolicy');
    const props = (rendered.Properties ?? {}) as Record<string, unknown>;
    for (const fix of this.fixesFor(type, props)) this.fixProperty(node, props, fix);
    if (type === 'AWS::DynamoDB::GlobalTable') this.fixReplicas(node, props);
  }

  private fixesFor(type: string, props: Record<string, unknown>): Fix[] {
    switch (type) {
      case 'AWS::RDS::DBInstance':
        // An instance in a cluster takes protection and backups from the cluster.
        if (props.DBClusterIdentifier !== undefined) return [];
        // A read replica's backups are its source's, as the catalogue's backup rules judge it.
        if (isReadReplica(props)) return this.rdsFixes().slice(0, 1);
        return this.rdsFixes();
      case 'AWS::RDS::DBCluster':
        return this.rdsFixes();
      case 'AWS::DocDB::DBCluster':
        return [flag('DeletionProtection', 'deletionProtection', 'docdb-deletion-protection', true)];
      case 'AWS::Neptune::DBCluster':
        return [flag('DeletionProtection', 'deletionProtection', 'neptune-deletion-protection', true)];
      case 'AWS::DynamoDB::Table':
        return [flag('DeletionProtectionEnabled', 'deletionProtectionEnabled', 'dynamodb-deletion-protection', true), PITR];
      case 'AWS::S3::Bucket':
        return [statusObject('VersioningConfiguration', 'versioningConfiguration', 's3-versioning', 'Enabled')];
      case 'AWS::Cognito::UserPool':
        return [literal('DeletionProtection', 'deletionProtection', 'cognito-user-pool-deletion-protection', 'ACTIVE')];
      case 'AWS::KMS::Key':
        return [atLeast('PendingWindowInDays', 'pendingWindowInDays', 'kms-key-deletion-window', 30, true)];
      case 'AWS::EFS::FileSystem':
        return [statusObject('BackupPolicy', 'backupPolicy', 'efs-automatic-backups', 'ENABLED')];
      default:
        return [];
    }
  }

  private rdsFixes(): Fix[] {
    return [
      flag('DeletionProtection', 'deletionProtection', 'rds-deletion-protection', true),
      flag('DeleteAutomatedBackups', 'deleteAutomatedBackups', 'rds-automated-backups-retained', false),
      // CloudFormation's default retention is 1 day.
      atLeast('BackupRetentionPeriod', 'backupRetentionPeriod', 'rds-backup-retention', this.minRetention, false),
    ];
  }

  private fixPolicy(node: CfnResource, rendered: Record<string, unknown>, attribute: 'DeletionPolicy' | 'UpdateReplacePolicy'): void {
    const old = rendered[attribute];
    if (old === 'Retain' || (attribute === 'DeletionPolicy' && old === 'RetainExceptOnCreate')) return;
    const ruleId = attribute === 'DeletionPolicy' ? 'general-deletion-policy' : 'general-update-replace-policy';
    this.record(node, attribute, old, 'Retain', ruleId);
    if (this.dryRun) return;
    if (attribute === 'DeletionPolicy') node.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    else node.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    if (rawOverrides(node)[attribute] !== undefined) node.addOverride(attribute, 'Retain');
  }

  private fixProperty(node: CfnResource, props: Record<string, unknown>, fix: Fix): void {
    const old = props[fix.property];
    if (fix.safe(old)) return;
    const cfnValue = fix.cfnValue(old);
    this.record(node, fix.property, old, cfnValue, fix.ruleId);
    if (this.dryRun) return;
    const l1 = node as unknown as Record<string, unknown>;
    const hasL1 = fix.l1 in node;
    if (hasL1) l1[fix.l1] = fix.l1Value(old);
    const overridden = (rawOverrides(node).Properties as Record<string, unknown> | undefined)?.[fix.property] !== undefined;
    // Raw overrides win over L1 props; a plain CfnResource has no L1 setter.
    if (overridden || !hasL1) node.addPropertyOverride(fix.property, cfnValue);
  }

  /** GlobalTable protections live on each replica: fixed only when the list is readable. */
  private fixReplicas(node: CfnResource, props: Record<string, unknown>): void {
    const replicas = props.Replicas;
    if (!Array.isArray(replicas) || !replicas.every((r) => r && typeof r === 'object' && !Array.isArray(r))) return;
    const fixed = replicas.map((r: Record<string, unknown>) => ({ ...r }));
    let changed = false;
    fixed.forEach((replica, i) => {
      const region = typeof replica.Region === 'string' ? replica.Region : String(i);
      if (!isTrue(replica.DeletionProtectionEnabled)) {
        this.record(node, `Replicas[${region}].DeletionProtectionEnabled`, replica.DeletionProtectionEnabled, true, 'dynamodb-deletion-protection');
        replica.DeletionProtectionEnabled = true;
        changed = true;
      }
      if (!PITR.safe(replica.PointInTimeRecoverySpecification)) {
        const value = PITR.cfnValue(replica.PointInTimeRecoverySpecification);
        this.record(node, `Replicas[${region}].PointInTimeRecoverySpecification`, replica.PointInTimeRecoverySpecification, value, 'dynamodb-point-in-time-recovery');
        replica.PointInTimeRecoverySpecification = value;
        changed = true;
      }
    });
    // The rendered list is final (aspects run after the app is built): write it back whole.
    if (changed && !this.dryRun) node.addPropertyOverride('Replicas', fixed);
  }

  private record(node: CfnResource, property: string, old: unknown, value: unknown, ruleId: string): void {
    const change: ProtectedChange = {
      path: node.node.path,
      resourceType: node.cfnResourceType,
      property,
      oldValue: old === undefined ? 'not set' : JSON.stringify(old),
      newValue: JSON.stringify(value),
      ruleId,
      applied: !this.dryRun,
    };
    this.recorded.push(change);
    const verb = this.dryRun ? 'would set' : 'set';
    node.node.addMetadata(INFO, `Deadbolt ${verb} ${property}: ${change.oldValue} → ${change.newValue} (${ruleId}).`);
    const totals = this.summaryFor(Stack.of(node));
    totals.properties += 1;
    totals.resources.add(node.node.path);
  }

  /** The stack's totals; the first call registers the summary annotation, written once the app is built. */
  private summaryFor(stack: Stack): { properties: number; resources: Set<string> } {
    let totals = this.perStack.get(stack);
    if (!totals) {
      const t = { properties: 0, resources: new Set<string>() };
      totals = t;
      this.perStack.set(stack, t);
      stack.node.addValidation({
        validate: () => {
          const verb = this.dryRun ? 'would change' : 'changed';
          const dry = this.dryRun ? ' (dry run: nothing was changed)' : '';
          stack.node.addMetadata(INFO, `Deadbolt ${verb} ${t.properties} ${t.properties === 1 ? 'property' : 'properties'} on ${t.resources.size} ${t.resources.size === 1 ? 'resource' : 'resources'} in this stack${dry}.`);
          return [];
        },
      });
    }
    return totals;
  }
}

/** A replica names its source (a literal or a reference; an `Fn::If` may remove it, so it does not count). */
function isReadReplica(props: Record<string, unknown>): boolean {
  return ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'].some((p) => {
    const v = props[p];
    if (typeof v === 'string') return v !== '';
    return v !== undefined && v !== null && typeof v === 'object' && !('Fn::If' in (v as object));
  });
}

/** CDK's metadata type for an info annotation, written without a stack trace (as `checks/report.ts` does). */
const INFO = 'aws:cdk:info';

function rawOverrides(node: CfnResource): Record<string, unknown> {
  return ((node as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides ?? {}) as Record<string, unknown>;
}

/** The resource as the template will carry it: L1 props, `cfnOptions` and raw overrides merged, tokens resolved. */
function renderResource(node: CfnResource, stack: Stack): Record<string, unknown> | undefined {
  let resolved: { Resources?: Record<string, Record<string, unknown>> };
  try {
    const cfn = (node as unknown as { _toCloudFormation(): { Resources?: Record<string, unknown> } })._toCloudFormation();
    resolved = stack.resolve(cfn) as typeof resolved;
  } catch {
    // A resource that cannot be rendered yet cannot be judged: it is left untouched, to the checks.
    return undefined;
  }
  const resources = Object.values(resolved?.Resources ?? {});
  return resources.length === 1 ? resources[0] : undefined;
}

