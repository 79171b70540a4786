/**
 * The gate's view of a deployment: one `ResourceChange` per resource a tool is
 * about to create, update, replace or delete, whichever tool planned it
 * (Terraform plan, Pulumi preview, CloudFormation change set, template diff).
 * Readers turn each format into these; `classify` decides on them alone.
 */
import type { Lowering, ValueSource } from './protection';

/**
 * What happens to the resource.
 * - `replace`: the old resource is deleted and a new, empty one created (in either order).
 * - `forget`: removed from the tool's state; the resource itself stays (Terraform `removed` blocks).
 * - `protect-off`: Pulumi's `protect` resource option turned off (with or without other changes).
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'forget' | 'read' | 'no-op' | 'protect-off';

export const CHANGE_ACTIONS: readonly ChangeAction[] = [
  'create',
  'update',
  'delete',
  'replace',
  'forget',
  'read',
  'no-op',
  'protect-off',
];

/** The format a change was read from. */
export type ChangeSource = 'terraform-plan' | 'pulumi-preview' | 'change-set' | 'template-diff';

/** The naming world of `before`/`after`: CloudFormation PascalCase, Terraform snake_case or Pulumi camelCase. */
export type PropertyDialect = 'cloudformation' | 'terraform' | 'pulumi';

/** What happens to the old physical resource when the tool removes it from its management. */
export type Retention = 'retain' | 'snapshot' | 'delete';

/** A property a change set names as changing, with the values when the change set carries them. */
export interface ChangedProperty {
  /** `Properties`, `DeletionPolicy`, `UpdateReplacePolicy`, `Metadata`, `Tags`… */
  readonly attribute: string;
  /** The top-level property name, for `Properties`. */
  readonly name?: string;
  /** The property path as segments (`['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled']`), when given. */
  readonly path?: readonly string[];
  /** `Never`, `Conditionally`, `Always`. */
  readonly requiresRecreation?: string;
  /** `Add`, `Remove`, `Modify`, when given. */
  readonly changeType?: string;
  readonly beforeValue?: unknown;
  readonly afterValue?: unknown;
  /** True when the values above were given (a change set described with `--include-property-values`). */
  readonly hasValues: boolean;
}

/** One resource change, normalised. */
export interface ResourceChange {
  /** Terraform address, Pulumi URN, or logical id (`Stack/LogicalId` for a cloud assembly). */
  readonly address: string;
  /** The CloudFormation type, when known; for a part (see `part`), the type of the resource it configures. */
  readonly type?: string;
  /** The type as the source wrote it (`aws_db_instance`, `aws:rds/instance:Instance`, `AWS::RDS::DBInstance`). */
  readonly providerType: string;
  /**
   * Set when the provider resource configures one property of a CloudFormation
   * resource (`aws_s3_bucket_versioning`): the property it stands for.
   */
  readonly part?: string;
  /** Set when the type is known to hold no data although nothing maps it (Pulumi components, providers, stacks). */
  readonly container?: string;
  readonly action: ChangeAction;
  /** The source's own words for the action: `["delete","create"]`, `replace`, `Modify (Replacement True)`. */
  readonly nativeAction: string;
  readonly source: ChangeSource;
  readonly dialect: PropertyDialect;
  /** Property values before the change, when the source gives them. */
  readonly before?: Readonly<Record<string, unknown>>;
  /** Property values after the change, when the source gives them. */
  readonly after?: Readonly<Record<string, unknown>>;
  /** Terraform `after_unknown`: the same shape as `after`, `true` where the value is known only after apply. */
  readonly afterUnknown?: unknown;
  /** Why the tool deletes or replaces it (`action_reason`, `replace_paths`, `replaceReasons`, properties that require recreation). */
  readonly why?: readonly string[];
  /** True when the replacement depends on values known only at deploy time (change set `Replacement: Conditional`, Dynamic). */
  readonly conditional?: boolean;
  /** What happens to the old resource on delete or replace, when the source says (`PolicyAction`, `retainOnDelete`, `DeletionPolicy`). */
  readonly retention?: Retention;
  /** Where `retention` comes from, in the source's words (`PolicyAction Retain`). */
  readonly retentionSource?: string;
  /** For replacements: true when the new resource is created before the old one is deleted. */
  readonly createBeforeDelete?: boolean;
  /** Change-set details: the properties it names. */
  readonly changedProperties?: readonly ChangedProperty[];
  /** Pulumi resource options before and after (`protect`, `retainOnDelete`). */
  readonly options?: {
    readonly before?: { readonly protect?: boolean; readonly retainOnDelete?: boolean };
    readonly after?: { readonly protect?: boolean; readonly retainOnDelete?: boolean };
  };
  /**
   * How to read values when `before`/`after` are not plain (a template diff
   * resolves intrinsics against its documents). @default - `before`/`after` as given
   */
  readonly values?: ValueSource;
  /** Protections the reader found lowered with what only it has in hand (policies, catalogue findings of a template diff). */
  readonly knownLowerings?: readonly Lowering[];
  /** The physical resource the change acts on (id, ARN, physical id), when known: approvals are signed over it. */
  readonly identity?: string;
  /** Stack or module the resource belongs to, for display. */
  readonly stack?: string;
  /**
   * Set when the resource holds data although its type alone does not say so,
   * with why: a nested stack (`AWS::CloudFormation::Stack`) whose removal deletes
   * every resource in it, when what is inside cannot be judged one by one.
   */
  readonly holdsData?: string;
  /** Set when the resource is an instance of a cluster that holds its data (Aurora, DocumentDB, Neptune). */
  readonly member?: ClusterMember;
}

/**
 * A cluster instance: its data lives in the cluster's volume, so deleting or
 * replacing the instance loses none, unless the cluster goes too.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html
 */
export interface ClusterMember {
  /** The CloudFormation type(s) of the cluster. */
  readonly clusterTypes: readonly string[];
  /** The cluster's identifier as the instance names it (`cluster_identifier`, `DBClusterIdentifier`), when known. */
  readonly cluster?: string;
  /** The cluster's address in the same plan (a template diff's `Ref`), when known: it then names the cluster exactly. */
  readonly clusterAddress?: string;
  /** What shows it is a member, for the note (`type aws_rds_cluster_instance`, `DBClusterIdentifier "orders"`). */
  readonly evidence: string;
}

/** A plan read from one file: its changes and what it is. */
export interface GatePlan {
  readonly source: ChangeSource;
  /** `Terraform plan (1.9.5)`, `Pulumi preview`, `CloudFormation change set my-stack/my-change-set`. */
  readonly description: string;
  readonly changes: readonly ResourceChange[];
  /** Things worth telling the user that do not block (a Terraform plan that is not applyable). */
  readonly notices: readonly string[];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
