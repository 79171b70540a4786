import { Aspects, CfnDeletionPolicy, CfnResource, Stack, Tag, type IAspect, type TagProps } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import {
  CDK_BUCKET_DEPLOYMENT,
  DATA_TAG_KEY,
  DYNAMODB_REPLICA,
  isStatefulType,
  isTransientType,
  namesCluster,
  parsePath,
  plural,
  protectionOf,
  ruleById,
} from '@deadbolt/rules';
import {
  autoDeleteKind,
  referencedResource,
  removableRoot,
  tagManagerOf,
  type AutoDeleteKind,
} from './auto-delete-custom-resources';
import { DependentsIndex } from './dependents-index';
import { MasterSecrets, SECRET_TYPE } from './master-secrets';
import { fixAt, fixesFor, type Fix } from './table-fixes';

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

const isTrue = (v: unknown) => v === true || v === 'true';
const field = (v: unknown, key: string): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;

/** The DynamoDB table settings a global table's replicas carry, from the protection table. */
function replicaFixes(minimumRetentionDays: number): { deletion: Fix; pitr: Fix } {
  const table = protectionOf('AWS::DynamoDB::Table')!.settings;
  const deletion = table.find((s) => s.ruleId === 'dynamodb-deletion-protection')!;
  const pitr = table.find((s) => s.ruleId === 'dynamodb-point-in-time-recovery')!;
  return {
    deletion: fixAt(deletion, parsePath(deletion.cloudformation![0]), minimumRetentionDays),
    pitr: fixAt(pitr, parsePath(pitr.cloudformation![0]), minimumRetentionDays),
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
 * import { AspectPriority, Aspects } from 'aws-cdk-lib';
 * import { ProtectStatefulResources } from '@deadbolt/cdk';
 *
 * Aspects.of(app).add(new ProtectStatefulResources(), { priority: AspectPriority.MUTATING });
 * ```
 *
 * Which resources hold data is the catalogue's answer (`isStatefulType`), and so
 * is how much their loss matters: the transient types (`isTransientType`: queues,
 * streams, log groups, secrets, caches, images), whose removal the checks rate a
 * warning, are not retained unless tagged `deadbolt:data=true`, except a
 * secret that holds a database's master credentials (the catalogue's
 * `databaseOfMasterSecret`), whose removal the checks rate an error. What it sets:
 * - every stateful type (transient ones only when tagged as data, or a
 *   database's master secret in the same stack):
 *   `DeletionPolicy: Retain` (an existing `RetainExceptOnCreate` is kept) and
 *   `UpdateReplacePolicy: Retain`, as raw overrides, so that an aspect that runs
 *   later (`RemovalPolicies.of(scope).destroy()`) cannot undo them, and in
 *   `cfnOptions` where the resource's own validations allow it. `Snapshot` is
 *   replaced by `Retain` too: a snapshot policy still deletes
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
 *   auto-delete tag set to `"false"` and the custom resource removed unless
 *   something depends on or refers to it (see `auto-delete-custom-resources.ts`
 *   for why this order is safe); `Custom::CDKBucketDeployment`:
 *   `RetainOnDelete: true`; `Custom::DynamoDBReplica` (`Table` with
 *   `replicationRegions`): `SkipReplicaDeletion: true` and Retain/Retain.
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
  private readonly perStack = new Map<Stack, StackTotals>();
  /** One index of dependents and references per construct tree, built when a custom resource is to be removed. */
  private readonly indexes = new WeakMap<IConstruct, DependentsIndex>();
  /** Which secrets hold a database's master credentials, read per stack when its first secret is visited. */
  private readonly masterSecrets = new MasterSecrets();
  /** The removal policies written as raw overrides, with what `cfnOptions` said then. */
  private readonly pinned: {
    node: CfnResource;
    attribute: 'DeletionPolicy' | 'UpdateReplacePolicy';
    value: string;
    declared: string | undefined;
    ruleId: string;
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
    if (type === DYNAMODB_REPLICA) return this.fixDynamoDbReplica(node);
    if (!isStatefulType(type)) return;
    const stack = Stack.of(node);
    const rendered = renderResource(node, stack);
    if (!rendered) return;
    this.summaryFor(stack);
    // The catalogue rates the removal of transient types a warning (messages in
    // flight, logs, caches, secrets, images): retaining them would leave billed,
    // name-colliding orphans after every `cdk destroy`. One tagged as data is
    // judged, and retained, as data.
    const props = (rendered.Properties ?? {}) as Record<string, unknown>;
    const transient = isTransientType(type) && !taggedAsData(node, rendered);
    // A cluster member holds no data of its own (its cluster does, and is retained):
    // retaining it would only leave a billed instance behind.
    if (!transient && !namesCluster(type, props)) {
      this.fixPolicy(node, rendered, 'DeletionPolicy');
      this.fixPolicy(node, rendered, 'UpdateReplacePolicy');
    } else if (transient && type === SECRET_TYPE) {
      // A database's master secret is the exception the catalogue rates an error: the
      // database and its snapshots keep the password after the secret is deleted
      // (CloudFormation deletes a secret without a recovery window).
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
      const database = this.masterSecrets.databaseOf(node);
      if (database) {
        const reason = `it holds the master credentials of ${database.node.path} (${database.cfnResourceType}), which the database and its snapshots keep after the secret is deleted`;
        this.fixPolicy(node, rendered, 'DeletionPolicy', 'general-deletion-policy', reason);
        this.fixPolicy(node, rendered, 'UpdateReplacePolicy', 'general-deletion-policy', reason);
      }
    }
    const fixes = fixesFor(type, props, {
      minimumRetentionDays: this.minRetention,
      taggedAsData: taggedAsData(node, rendered),
    });
    for (const fix of fixes) this.fixProperty(node, props, fix);
    if (type === 'AWS::DynamoDB::GlobalTable') this.fixReplicas(node, props);
  }

  /**
   * Writes `Retain` as a raw override: a raw override wins at synthesis over
   * `cfnOptions`, so an aspect that runs later and calls `applyRemovalPolicy`
   * (`RemovalPolicies.of(scope).destroy()`) cannot undo it. It is written to
   * `cfnOptions` too, which constructs read at synthesis (a `Table` with
   * `replicationRegions` derives its replicas' `SkipReplicaDeletion` from it),
   * unless that makes one of the resource's own validations fail (the
   * auto-delete mixin of a `Bucket` requires `DESTROY` there). A policy that
   * already keeps the resource is pinned the same way, without a change to report.
   */
  private fixPolicy(
    node: CfnResource,
    rendered: Record<string, unknown>,
    attribute: 'DeletionPolicy' | 'UpdateReplacePolicy',
    ruleIdOverride?: string,
    reason?: string,
  ): void {
    const ruleId =
      ruleIdOverride ?? (attribute === 'DeletionPolicy' ? 'general-deletion-policy' : 'general-update-replace-policy');
    const old = rendered[attribute];
    const keeps = old === 'Retain' || (attribute === 'DeletionPolicy' && old === 'RetainExceptOnCreate');
    const value = keeps ? (old as string) : 'Retain';
    if (!keeps) this.record(node, attribute, old, value, ruleId, reason);
    if (this.dryRun) return;
    node.addOverride(attribute, value);
    declareUnlessInvalid(node, attribute, value as CfnDeletionPolicy);
    this.pinned.push({ node, attribute, value, declared: declaredPolicy(node, attribute), ruleId });
  }

  private fixProperty(node: CfnResource, props: Record<string, unknown>, fix: Fix): void {
    const old = props[fix.property];
    if (fix.safe(old)) return;
    const cfnValue = fix.cfnValue(old);
    this.record(node, fix.property, old, cfnValue, fix.ruleId);
    if (this.dryRun) return;
    const l1 = node as unknown as Record<string, unknown>;
    const l1Value = fix.l1Value(old);
    // A value that keeps an intrinsic cannot go through the L1 (its keys would be renamed): override it raw.
    const hasL1 = fix.l1 in node && l1Value !== undefined;
    if (hasL1) l1[fix.l1] = l1Value;
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
    const { deletion, pitr } = replicaFixes(this.minRetention);
    let changed = false;
    fixed.forEach((replica, i) => {
      const region = typeof replica.Region === 'string' ? replica.Region : String(i);
      if (!deletion.safe(replica.DeletionProtectionEnabled)) {
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
      if (!pitr.safe(replica.PointInTimeRecoverySpecification)) {
        const value = pitr.cfnValue(replica.PointInTimeRecoverySpecification);
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
   * A custom resource whose target is not a resource of its stack, that
   * another construct depends on (constructs cannot drop that dependency), or
   * that anything in the app refers to (`Ref`, `Fn::GetAtt`, `Fn::Sub`, a
   * reference token, cross-stack included: removing it would leave a dangling
   * reference that fails synthesis or the deploy), is left in the template with
   * a warning that says what to change.
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
    const dependents = this.indexOf(root).dependentsOf(root, cr);
    const blockers = [
      ...describe(dependents.constructs, 'depends', 'depend', 'on it'),
      ...describe(dependents.references, 'refers', 'refer', 'to it (`Ref`, `Fn::GetAtt` or `Fn::Sub`)'),
      ...describe(
        dependents.unreadable,
        'cannot be rendered to tell whether it refers',
        'cannot be rendered to tell whether they refer',
        'to it',
      ),
    ];
    if (blockers.length > 0) {
      target.node.addMetadata(
        WARNING,
        `Deadbolt left ${kind.customResourceType} (${cr.node.path}) in the template because ${blockers.join(', and ')}; with the tag \`${kind.tag}\` set to "false", its handler leaves ${kind.contents} when it runs. ${manual} (${kind.ruleId})`,
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

  /**
   * `Custom::DynamoDBReplica` (a `Table` with `replicationRegions`): its handler
   * deletes the replica table on the Delete event unless `SkipReplicaDeletion` is
   * `"true"`. CDK sets it only with a feature flag and from the table's
   * `cfnOptions` as they were when the template is written, so it is set here
   * whatever the flag; and the custom resource is retained, so that a stack
   * delete sends it no Delete event at all.
   */
  private fixDynamoDbReplica(node: CfnResource): void {
    const stack = Stack.of(node);
    const rendered = renderResource(node, stack);
    if (!rendered) return;
    this.summaryFor(stack);
    const old = ((rendered.Properties ?? {}) as Record<string, unknown>).SkipReplicaDeletion;
    if (!isTrue(old)) {
      this.record(node, 'SkipReplicaDeletion', old, true, 'dynamodb-replica-deletion');
      if (!this.dryRun) node.addPropertyOverride('SkipReplicaDeletion', true);
    }
    this.fixPolicy(node, rendered, 'DeletionPolicy', 'dynamodb-replica-deletion');
    this.fixPolicy(node, rendered, 'UpdateReplacePolicy', 'dynamodb-replica-deletion');
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

  /** The tree's index of dependents, built on first use. */
  private indexOf(construct: IConstruct): DependentsIndex {
    const root = construct.node.root;
    let index = this.indexes.get(root);
    if (!index) this.indexes.set(root, (index = new DependentsIndex(root)));
    return index;
  }

  /**
   * The stack's totals; the first call registers the summary annotation,
   * written once the app is built. Validations run again when a Stage is
   * synthesized again (`stage.synth({ force: true })`, which the checks do):
   * the annotations are written once.
   */
  private summaryFor(stack: Stack): StackTotals {
    let totals = this.perStack.get(stack);
    if (!totals) {
      const t: StackTotals = { changes: 0, resources: new Set<string>(), reported: false };
      totals = t;
      this.perStack.set(stack, t);
      stack.node.addValidation({
        validate: () => {
          if (t.reported) return [];
          t.reported = true;
          this.reportLaterPolicies(stack);
          if (t.changes === 0) return [];
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
   * Once the app is built, for each policy Deadbolt pinned:
   * - a raw override written after this aspect ran (`addOverride`,
   *   `addDeletionOverride`) wins over Deadbolt's: the template no longer carries
   *   what the change reported, and a warning says so;
   * - a policy set through `cfnOptions` after it ran loses to Deadbolt's raw
   *   override, and an info says so.
   */
  private reportLaterPolicies(stack: Stack): void {
    for (const p of this.pinned) {
      if (Stack.of(p.node) !== stack) continue;
      const title = ruleById(p.ruleId)?.title;
      const now = declaredPolicy(p.node, p.attribute);
      const carried = carriedPolicy(p.node, p.attribute, stack);
      if (carried !== p.value) {
        const shown =
          carried === undefined ? 'no policy (CloudFormation applies its default)' : JSON.stringify(carried);
        p.node.node.addMetadata(
          WARNING,
          `Deadbolt set ${p.attribute}: "${p.value}", but the template carries ${shown}: a raw override written after Deadbolt ran (\`addOverride\` or \`addDeletionOverride\` in a later aspect or later code) replaced it, and a policy other than Retain deletes the resource with its data when it is ${p.attribute === 'DeletionPolicy' ? 'removed or its stack is deleted' : 'replaced'}. Remove that override, or add ProtectStatefulResources with a priority after the aspect that writes it (${p.ruleId}: ${title}).`,
        );
      } else if (now !== p.declared && now !== undefined) {
        p.node.node.addMetadata(
          INFO,
          `Deadbolt kept ${p.attribute}: "${p.value}" over "${now}", set after Deadbolt ran (by a later aspect or later code): Deadbolt's raw override is what the template carries (${p.ruleId}: ${title}).`,
        );
      }
    }
  }
}

/** CDK's metadata types for annotations, written without a stack trace (as `checks/report.ts` does). */
const INFO = 'aws:cdk:info';
const WARNING = 'aws:cdk:warning';

/**
 * The priority of the `"false"` auto-delete tag: above any `Tags.of(scope).add`
 * (default 100), whichever of the two aspects runs first.
 */
const TAG_PRIORITY = 10_000;

interface StackTotals {
  changes: number;
  readonly resources: Set<string>;
  /** The summary and the late-policy annotations were written (validations can run again). */
  reported: boolean;
}

/** `"a depends on it"`, `"a and b depend on it"`; nothing for an empty list. */
function describe(constructs: readonly IConstruct[], one: string, many: string, tail: string): string[] {
  if (constructs.length === 0) return [];
  const names = constructs.map((c) => c.node.path || '<app>');
  const shown = names.length > 5 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
  return [`${shown.join(', ')} ${constructs.length === 1 ? one : many} ${tail}`];
}

/**
 * True when the resource carries the catalogue's data tag (`deadbolt:data=true`):
 * in its template, in its tag manager, or from a `Tags.of(scope).add` on it or
 * an ancestor that has not run yet (tag aspects run at the default priority,
 * after this one at `MUTATING`). A pending tag counts whatever tag might win
 * over it later: the doubt is resolved toward keeping the data.
 */
function taggedAsData(node: CfnResource, rendered: Record<string, unknown>): boolean {
  if (tagManagerOf(node)?.tagValues()[DATA_TAG_KEY] === 'true') return true;
  for (let c: IConstruct | undefined = node; c; c = c.node.scope)
    for (const aspect of Aspects.of(c).all)
      if (aspect instanceof Tag && aspect.key === DATA_TAG_KEY && aspect.value === 'true' && tagApplies(aspect, node))
        return true;
  const tags = ((rendered.Properties ?? {}) as Record<string, unknown>).Tags;
  if (Array.isArray(tags)) return tags.some((t) => field(t, 'Key') === DATA_TAG_KEY && field(t, 'Value') === 'true');
  return field(tags, DATA_TAG_KEY) === 'true';
}

/** A tag aspect's `includeResourceTypes` and `excludeResourceTypes` filters, as it applies them. */
function tagApplies(tag: Tag, node: CfnResource): boolean {
  const props = (tag as unknown as { props?: TagProps }).props ?? {};
  const type = node.cfnResourceType;
  if (props.excludeResourceTypes?.includes(type)) return false;
  return !props.includeResourceTypes?.length || props.includeResourceTypes.includes(type);
}

/**
 * Writes the policy to `cfnOptions` as well, unless that makes one of the
 * resource's own validations fail that passed before (or they cannot be run
 * now): then `cfnOptions` keeps what the app declared, and the raw override
 * alone carries Retain.
 */
function declareUnlessInvalid(
  node: CfnResource,
  attribute: 'DeletionPolicy' | 'UpdateReplacePolicy',
  value: CfnDeletionPolicy,
): void {
  const before = declaredPolicy(node, attribute) as CfnDeletionPolicy | undefined;
  if (before === value) return;
  const set = (v: CfnDeletionPolicy | undefined) => {
    if (attribute === 'DeletionPolicy') node.cfnOptions.deletionPolicy = v;
    else node.cfnOptions.updateReplacePolicy = v;
  };
  const failing = validationErrors(node);
  if (failing === undefined) return;
  set(value);
  const after = validationErrors(node);
  if (after === undefined || after > failing) set(before);
}

/** How many of the construct's own validations fail; `undefined` when they cannot be run yet. */
function validationErrors(node: CfnResource): number | undefined {
  try {
    return node.node.validate().length;
  } catch {
    return undefined;
  }
}

/** The policy the template will carry: a raw override when there is one, else `cfnOptions`. */
function carriedPolicy(node: CfnResource, attribute: 'DeletionPolicy' | 'UpdateReplacePolicy', stack: Stack): unknown {
  const raw = rawOverrides(node)[attribute];
  if (raw === undefined) return declaredPolicy(node, attribute);
  try {
    return stack.resolve(raw);
  } catch {
    return raw;
  }
}

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
