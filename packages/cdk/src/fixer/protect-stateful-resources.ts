import { CfnResource, Stack, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { CDK_BUCKET_DEPLOYMENT, isStatefulType, plural, ruleById } from '@deadbolt/rules';
import {
  autoDeleteKind,
  dependentsOf,
  referencedResource,
  removableRoot,
  tagManagerOf,
  type AutoDeleteKind,
} from './auto-delete-custom-resources';

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
  /** Why: the requirement the change satisfies (the rule's title), or what a removed resource did. */
  readonly reason: string;
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
const field = (v: unknown, key: string): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;

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

/** Unset is CloudFormation's default, false: a delete of a repository that holds images fails. */
const EMPTY_ON_DELETE: Fix = {
  property: 'EmptyOnDelete',
  l1: 'emptyOnDelete',
  ruleId: 'ecr-no-empty-on-delete',
  safe: (v) => v === undefined || isFalse(v),
  cfnValue: () => false,
  l1Value: () => false,
};

function atLeast(property: string, l1: string, ruleId: string, min: number, absentIsSafe: boolean): Fix {
  return {
    property,
    l1,
    ruleId,
    safe: (v) =>
      v === undefined
        ? absentIsSafe
        : (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) && Number(v) >= min,
    cfnValue: () => min,
    l1Value: () => min,
  };
}

/**
 * Sets the protections a stack already in use is missing, instead of failing it:
 * Retain/Retain, deletion protection, kept automated backups, point-in-time
 * recovery, versioning, backups and key deletion windows, and disarms the
 * aws-cdk-lib custom resources that empty a bucket or repository on delete.
 * Every change is an info annotation on the resource (`Deadbolt set
 * DeletionProtection: false → true (rds-deletion-protection: RDS databases have
 * deletion protection on).`), listed in `changes` with its reason, and summed up
 * on each stack. It never throws during synthesis, and leaves nothing that makes
 * CDK's own validation fail.
 *
 * ```ts
 * Aspects.of(app).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
 * ```
 *
 * Which resources hold data is the catalogue's answer (`isStatefulType`). What it
 * sets:
 * - every stateful type: `DeletionPolicy: Retain` (an existing `RetainExceptOnCreate`
 *   is kept) and `UpdateReplacePolicy: Retain`, as raw overrides, so that an
 *   aspect that runs later (`RemovalPolicies.of(scope).destroy()`) cannot undo
 *   them. `Snapshot` is replaced by `Retain` too: a snapshot policy still deletes
 *   the live database on removal or replacement, and the final snapshot lives in
 *   the same account as the credentials that delete it;
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
 *   lower; `AWS::EFS::FileSystem`: `BackupPolicy: ENABLED`;
 *   `AWS::ECR::Repository`: `EmptyOnDelete: false` when it is set otherwise;
 * - `Custom::S3AutoDeleteObjects` (`autoDeleteObjects: true`) and
 *   `Custom::ECRAutoDeleteImages` (`autoDeleteImages: true`): the target's
 *   auto-delete tag set to `"false"` and the custom resource removed (see
 *   `auto-delete-custom-resources.ts` for why this order is safe);
 *   `Custom::CDKBucketDeployment`: `RetainOnDelete: true`.
 * Other custom resources (`Custom::*`, `AWS::CloudFormation::CustomResource`) are
 * code Deadbolt has not read: they are left untouched.
 *
 * It judges the values the template will carry: raw overrides
 * (`addPropertyOverride`) win over L1 props at synthesis, so a property with an
 * override is overridden again. A value it cannot judge (a token, `Fn::If`, a
 * `Ref` to a parameter) is replaced by the safe literal, and the change reports
 * the old expression. What it cannot fix safely — copies to another account, a
 * customer managed key instead of the AWS-managed one, stack termination
 * protection — it leaves to `DataProtectionChecks`.
 *
 * Its predicates of "already safe" restate the catalogue rules' tests (each fix
 * names its rule); `DataProtectionChecks` after it is the judge.
 */
export class ProtectStatefulResources implements IAspect {
  private readonly dryRun: boolean;
  private readonly minRetention: number;
  private readonly recorded: ProtectedChange[] = [];
  private readonly seen = new WeakSet<IConstruct>();
  private readonly perStack = new Map<Stack, { changes: number; resources: Set<string> }>();
  /** The removal policies written as raw overrides, with what `cfnOptions` said then. */
  private readonly pinned: {
    node: CfnResource;
    attribute: 'DeletionPolicy' | 'UpdateReplacePolicy';
    value: string;
    declared: string | undefined;
  }[] = [];

  public constructor(props: ProtectStatefulResourcesProps = {}) {
    this.dryRun = props.dryRun ?? false;
    this.minRetention = props.minimumBackupRetentionDays ?? 7;
    if (!Number.isInteger(this.minRetention) || this.minRetention < 1 || this.minRetention > 35) {
      throw new Error(
        `\`minimumBackupRetentionDays\` must be a whole number of days from 1 to 35 (RDS's range), got ${props.minimumBackupRetentionDays}.`,
      );
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
    // Custom resources are code: only the ones whose handler Deadbolt has read are
    // changed; any other `Custom::*` or `AWS::CloudFormation::CustomResource` is left as is.
    const autoDelete = autoDeleteKind(type);
    if (autoDelete) return this.disarmAutoDelete(node, autoDelete);
    if (type === CDK_BUCKET_DEPLOYMENT) return this.fixBucketDeployment(node);
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
        return [
          flag('DeletionProtectionEnabled', 'deletionProtectionEnabled', 'dynamodb-deletion-protection', true),
          PITR,
        ];
      case 'AWS::S3::Bucket':
        return [statusObject('VersioningConfiguration', 'versioningConfiguration', 's3-versioning', 'Enabled')];
      case 'AWS::Cognito::UserPool':
        return [literal('DeletionProtection', 'deletionProtection', 'cognito-user-pool-deletion-protection', 'ACTIVE')];
      case 'AWS::KMS::Key':
        return [atLeast('PendingWindowInDays', 'pendingWindowInDays', 'kms-key-deletion-window', 30, true)];
      case 'AWS::EFS::FileSystem':
        return [statusObject('BackupPolicy', 'backupPolicy', 'efs-automatic-backups', 'ENABLED')];
      case 'AWS::ECR::Repository':
        return [EMPTY_ON_DELETE];
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

  /**
   * Writes `Retain` as a raw override, never through `cfnOptions`: a raw override
   * wins at synthesis over `cfnOptions`, so an aspect that runs later and calls
   * `applyRemovalPolicy` (`RemovalPolicies.of(scope).destroy()`) cannot undo it,
   * and CDK validations that read `cfnOptions` (a `Bucket` with `autoDeleteObjects`
   * requires `DESTROY` there) still see what the app declared. A policy that
   * already keeps the resource is pinned the same way, without a change to report.
   */
  private fixPolicy(
    node: CfnResource,
    rendered: Record<string, unknown>,
    attribute: 'DeletionPolicy' | 'UpdateReplacePolicy',
  ): void {
    const old = rendered[attribute];
    const keeps = old === 'Retain' || (attribute === 'DeletionPolicy' && old === 'RetainExceptOnCreate');
    const value = keeps ? (old as string) : 'Retain';
    if (!keeps)
      this.record(
        node,
        attribute,
        old,
        value,
        attribute === 'DeletionPolicy' ? 'general-deletion-policy' : 'general-update-replace-policy',
      );
    if (this.dryRun) return;
    node.addOverride(attribute, value);
    this.pinned.push({ node, attribute, value, declared: declaredPolicy(node, attribute) });
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
    const overridden =
      (rawOverrides(node).Properties as Record<string, unknown> | undefined)?.[fix.property] !== undefined;
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
        this.record(
          node,
          `Replicas[${region}].DeletionProtectionEnabled`,
          replica.DeletionProtectionEnabled,
          true,
          'dynamodb-deletion-protection',
        );
        replica.DeletionProtectionEnabled = true;
        changed = true;
      }
      if (!PITR.safe(replica.PointInTimeRecoverySpecification)) {
        const value = PITR.cfnValue(replica.PointInTimeRecoverySpecification);
        this.record(
          node,
          `Replicas[${region}].PointInTimeRecoverySpecification`,
          replica.PointInTimeRecoverySpecification,
          value,
          'dynamodb-point-in-time-recovery',
        );
        replica.PointInTimeRecoverySpecification = value;
        changed = true;
      }
    });
    // The rendered list is final (aspects run after the app is built): write it back whole.
    if (changed && !this.dryRun) node.addPropertyOverride('Replicas', fixed);
  }

  /**
   * Disarms an aws-cdk-lib custom resource that empties its target on Delete
   * (`autoDeleteObjects`, `autoDeleteImages`), so that the retained target keeps
   * its contents. Three steps, in this order of safety:
   * 1. the target's tag is set to `"false"`: the handler empties only a target
   *    tagged `"true"`, and CloudFormation updates the tag before it deletes the
   *    custom resource, so its Delete event leaves the contents;
   * 2. the custom resource is removed from the template (and any `DependsOn` on
   *    it), so no later stack delete or replacement can run it; the template is
   *    then what CDK writes without the prop, which the rule accepts;
   * 3. the provider function and the permissions CDK gave it stay: removing the
   *    provider in the same deploy would run the Delete event with the
   *    previously deployed handler code, and without the permissions the current
   *    handler cannot read the tag and fails instead of skipping.
   * A custom resource whose target is not a resource of its stack, or that
   * another construct depends on (constructs cannot drop that dependency), is
   * left in the template with a warning that says what to change.
   */
  private disarmAutoDelete(cr: CfnResource, kind: AutoDeleteKind): void {
    const stack = Stack.of(cr);
    const rendered = renderResource(cr, stack);
    const target = referencedResource(
      stack,
      (rendered?.Properties as Record<string, unknown> | undefined)?.[kind.targetProperty],
      kind.targetType,
    );
    const tags = target ? tagManagerOf(target) : undefined;
    const manual = `Remove \`${kind.cdkProp}\` from the \`${kind.cdkClass}\` and pass \`removalPolicy: RemovalPolicy.RETAIN\`.`;
    if (!target || !tags) {
      const why = !target
        ? `its \`${kind.targetProperty}\` is not a \`Ref\` to a ${kind.targetType} of this stack`
        : `its ${kind.targetType} (${target.node.path}) has no tag manager to clear the \`${kind.tag}\` tag with`;
      cr.node.addMetadata(
        WARNING,
        `Deadbolt left ${kind.customResourceType} in place: ${why}, so it cannot be disarmed safely. When the stack is deleted or its target is removed or replaced, it deletes ${kind.contents}. ${manual} (${kind.ruleId})`,
      );
      return;
    }
    this.summaryFor(Stack.of(target));
    const oldTag = tags.tagValues()[kind.tag] ?? 'true';
    this.record(
      target,
      `Tags.${kind.tag}`,
      oldTag,
      'false',
      kind.ruleId,
      `the ${kind.customResourceType} handler deletes ${kind.contents} only while this tag is "true"`,
    );
    if (!this.dryRun) tags.setTag(kind.tag, 'false', TAG_PRIORITY);

    const root = removableRoot(cr);
    const dependents = dependentsOf(root, cr);
    if (dependents.constructs.length > 0) {
      const names = dependents.constructs.map((c) => c.node.path).join(', ');
      target.node.addMetadata(
        WARNING,
        `Deadbolt left ${kind.customResourceType} (${cr.node.path}) in the template because ${names} ${dependents.constructs.length === 1 ? 'depends' : 'depend'} on it; with the tag \`${kind.tag}\` set to "false", its handler leaves ${kind.contents} when it runs. ${manual} (${kind.ruleId})`,
      );
      return;
    }
    this.record(
      cr,
      'Resource',
      'in the template',
      'removed',
      kind.ruleId,
      `it deletes ${kind.contents} when the stack is deleted or the ${kind.targetType} is removed or replaced, whatever its DeletionPolicy`,
      target,
    );
    if (this.dryRun) return;
    for (const d of dependents.resources) d.removeResourceDependency(cr);
    root.node.scope!.node.tryRemoveChild(root.node.id);
    target.node.addMetadata(
      INFO,
      `Deadbolt left the ${kind.customResourceType} provider function and its permissions in the template: ${kind.whenRemoved} Remove \`${kind.cdkProp}\` from the \`${kind.cdkClass}\` to drop them.`,
    );
  }

  /** `Custom::CDKBucketDeployment` keeps the deployed objects unless `RetainOnDelete` is something other than `"true"`. */
  private fixBucketDeployment(node: CfnResource): void {
    const stack = Stack.of(node);
    const rendered = renderResource(node, stack);
    if (!rendered) return;
    const props = (rendered.Properties ?? {}) as Record<string, unknown>;
    const old = props.RetainOnDelete;
    if (old === undefined || String(old) === 'true') return;
    this.summaryFor(stack);
    this.record(node, 'RetainOnDelete', old, true, 's3-no-auto-delete-objects');
    if (!this.dryRun) node.addPropertyOverride('RetainOnDelete', true);
  }

  /**
   * Records a change and annotates it; a change to a resource that leaves the
   * tree (a removed custom resource) is annotated on `annotateOn`, which stays.
   */
  private record(
    node: CfnResource,
    property: string,
    old: unknown,
    value: unknown,
    ruleId: string,
    reason?: string,
    annotateOn: IConstruct = node,
  ): void {
    const why = reason ?? ruleById(ruleId)?.title ?? ruleId;
    const change: ProtectedChange = {
      path: node.node.path,
      resourceType: node.cfnResourceType,
      property,
      oldValue:
        old === undefined ? 'not set' : typeof old === 'string' && property === 'Resource' ? old : JSON.stringify(old),
      newValue: typeof value === 'string' && property === 'Resource' ? value : JSON.stringify(value),
      ruleId,
      reason: why,
      applied: !this.dryRun,
    };
    this.recorded.push(change);
    const text =
      property === 'Resource'
        ? `Deadbolt ${this.dryRun ? 'would remove' : 'removed'} ${node.cfnResourceType} ${node.node.path}: ${why} (${ruleId}).`
        : `Deadbolt ${this.dryRun ? 'would set' : 'set'} ${property}: ${change.oldValue} → ${change.newValue} (${ruleId}: ${why}).`;
    annotateOn.node.addMetadata(INFO, text);
    const totals = this.summaryFor(Stack.of(annotateOn));
    totals.changes += 1;
    totals.resources.add(annotateOn.node.path);
  }

  /** The stack's totals; the first call registers the summary annotation, written once the app is built. */
  private summaryFor(stack: Stack): { changes: number; resources: Set<string> } {
    let totals = this.perStack.get(stack);
    if (!totals) {
      const t = { changes: 0, resources: new Set<string>() };
      totals = t;
      this.perStack.set(stack, t);
      stack.node.addValidation({
        validate: () => {
          this.reportLaterPolicies(stack);
          const verb = this.dryRun ? 'would make' : 'made';
          const dry = this.dryRun ? ' (dry run: nothing was changed)' : '';
          stack.node.addMetadata(
            INFO,
            `Deadbolt ${verb} ${plural(t.changes, 'change')} to ${plural(t.resources.size, 'resource')} in this stack${dry}.`,
          );
          return [];
        },
      });
    }
    return totals;
  }

  /**
   * Once the app is built: a policy that code or an aspect set through
   * `cfnOptions` after this aspect ran is reported, since Deadbolt's raw override
   * is what the template carries.
   */
  private reportLaterPolicies(stack: Stack): void {
    for (const p of this.pinned) {
      if (Stack.of(p.node) !== stack) continue;
      const now = declaredPolicy(p.node, p.attribute);
      if (now === p.declared || now === undefined) continue;
      const ruleId = p.attribute === 'DeletionPolicy' ? 'general-deletion-policy' : 'general-update-replace-policy';
      p.node.node.addMetadata(
        INFO,
        `Deadbolt kept ${p.attribute}: "${p.value}" over "${now}", set after Deadbolt ran (by a later aspect or later code): Deadbolt's raw override is what the template carries (${ruleId}: ${ruleById(ruleId)?.title}).`,
      );
    }
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

/** CDK's metadata types for annotations, written without a stack trace (as `checks/report.ts` does). */
const INFO = 'aws:cdk:info';
const WARNING = 'aws:cdk:warning';

/**
 * The priority of the `"false"` auto-delete tag: above any `Tags.of(scope).add`
 * (default 100), whichever of the two aspects runs first.
 */
const TAG_PRIORITY = 10_000;

/** What `cfnOptions` says of a removal policy (`undefined` when unset). */
function declaredPolicy(node: CfnResource, attribute: 'DeletionPolicy' | 'UpdateReplacePolicy'): string | undefined {
  return attribute === 'DeletionPolicy' ? node.cfnOptions.deletionPolicy : node.cfnOptions.updateReplacePolicy;
}

function rawOverrides(node: CfnResource): Record<string, unknown> {
  return ((node as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides ?? {}) as Record<
    string,
    unknown
  >;
}

/** The resource as the template will carry it: L1 props, `cfnOptions` and raw overrides merged, tokens resolved. */
function renderResource(node: CfnResource, stack: Stack): Record<string, unknown> | undefined {
  let resolved: { Resources?: Record<string, Record<string, unknown>> };
  try {
    const cfn = (
      node as unknown as { _toCloudFormation(): { Resources?: Record<string, unknown> } }
    )._toCloudFormation();
    resolved = stack.resolve(cfn) as typeof resolved;
  } catch {
    // A resource that cannot be rendered yet cannot be judged: it is left untouched, to the checks.
    return undefined;
  }
  const resources = Object.values(resolved?.Resources ?? {});
  return resources.length === 1 ? resources[0] : undefined;
}
