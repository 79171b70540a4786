import type { ProtectiveSetting } from './setting';

/**
 * How a data store's data is kept, per CloudFormation type: one entry of the
 * protection table (`table.ts`). The Terraform and Pulumi names of the type are
 * the provider type table's (`dialects/aws-provider-types.ts`), so a type is
 * spelled once per dialect.
 */
export interface StoreProtection {
  /** The CloudFormation type. */
  readonly type: string;
  /** What it holds, as a noun phrase: "a relational database". */
  readonly holds: string;
  /**
   * True when CloudFormation accepts `DeletionPolicy: Snapshot` for the type and
   * takes a snapshot before deleting it. For any other type CloudFormation
   * deletes the resource and its data (the policy is not honoured).
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
   */
  readonly snapshot: boolean;
  /**
   * What a replacement (an update that changes a property that forces one) does
   * to the data, as a sentence. Undefined: a new, empty resource takes its
   * place and the old one is deleted with its data unless `UpdateReplacePolicy`
   * keeps it.
   */
  readonly replacement?: string;
  /**
   * Set when the type holds no data of its own but its settings decide what is
   * kept elsewhere (a backup plan's retention, an instance's volumes): the gate
   * and the fixer read its settings; it is not a data store (no removal rules).
   * What it protects, as a phrase.
   */
  readonly protectsOnly?: string;
  /** Set when the loss is recoverable (messages in flight, caches, logs): removal findings are warnings. The reason. */
  readonly transient?: string;
  /**
   * Set when some resources of the type hold only transient data, told apart by
   * a property (a memcached serverless cache, a scratch Lustre file system):
   * their removal findings are warnings, as for a transient type.
   */
  readonly transientWhen?: {
    readonly path: readonly string[];
    readonly matches: RegExp;
    readonly reason: string;
  };
  /** Set when a resource of the type may be a member of a cluster that holds the data. */
  readonly member?: Membership;
  /** The settings that keep its data. */
  readonly settings: readonly ProtectiveSetting[];
}

/** A member of a cluster holds no data of its own: its cluster does, and its cluster's settings govern it. */
export interface Membership {
  /** The property that names the cluster. */
  readonly property: string;
  /** True when CloudFormation requires the property: every resource of the type is a member. */
  readonly required: boolean;
  /** The cluster's type(s), for messages. */
  readonly clusterTypes: readonly string[];
  /**
   * The engines whose resources join a cluster, when only some do: a known
   * engine outside them makes the resource standalone, one inside them a member
   * (CloudFormation requires the cluster property for it).
   */
  readonly engines?: RegExp;
}

/** A stateful type Deadbolt does not judge as data, and why. */
export interface OutOfScope {
  readonly type: string;
  readonly reason: string;
}

/** The default replacement sentence. */
export function replacementOf(store: StoreProtection): string {
  return (
    store.replacement ??
    'A replacement creates a new, empty resource and deletes the old one with its data, unless UpdateReplacePolicy keeps it.'
  );
}
