import type { ProviderResourceOptions } from '../dialects/aws-provider-model';

/**
 * The catalogue's view of infrastructure: every front end (CDK construct tree,
 * CloudFormation template, Pulumi program, Terraform plan) is turned into these
 * shapes before any rule runs, so a rule is written once for all of them.
 */

/**
 * The naming world a resource's properties are written in.
 * - `cloudformation`: CloudFormation types and PascalCase properties (templates, CDK).
 * - `aws-provider`: the Terraform/Pulumi AWS provider (type tokens such as
 *   `aws:rds/instance:Instance`, camelCase or snake_case inputs).
 */
export type Dialect = 'cloudformation' | 'aws-provider';

/** Where a resource was found, in the words of the front end that found it. */
export interface ResourceLocation {
  /** Template file (or stack template) the resource came from. */
  readonly template?: string;
  /** Stack (artifact id or display name) that holds the resource. */
  readonly stack?: string;
  /** Construct path (CDK), address (Terraform) or URN (Pulumi). */
  readonly path?: string;
}

/** One resource, its properties still in its dialect's own names. */
export interface NormalisedResource {
  /** Unique within one evaluation: `<document id>/<logical id>`. */
  readonly key: string;
  /** The name the resource has inside its document (logical id, resource name). */
  readonly logicalId: string;
  /** The CloudFormation type this resource is, e.g. `AWS::RDS::DBInstance`; rules dispatch on it. */
  readonly type: string;
  /** The type exactly as the source wrote it (`AWS::RDS::DBInstance`, `aws:rds/instance:Instance`). */
  readonly nativeType: string;
  readonly dialect: Dialect;
  /** Properties as written: literal values and the dialect's unresolved expressions. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** CloudFormation `DeletionPolicy` as written (may be an intrinsic), absent when not set. */
  readonly deletionPolicy?: unknown;
  /** CloudFormation `UpdateReplacePolicy` as written, absent when not set. */
  readonly updateReplacePolicy?: unknown;
  /** CloudFormation `Condition` the resource is created under, if any. */
  readonly condition?: string;
  /** Resource metadata as written (`aws:cdk:path` and the like). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** The document that holds the resource: its account, parameters, siblings. */
  readonly document: StackDocument;
  readonly location: ResourceLocation;
  /**
   * `aws-provider` only: the resource options that decide what a delete or a
   * replacement does (Pulumi `protect`/`retainOnDelete`, Terraform `prevent_destroy`).
   */
  readonly providerOptions?: ProviderResourceOptions;
  /**
   * `aws-provider` only: the provider's name for each CloudFormation property
   * path the dialect translated (`DeletionProtection` → `deletionProtection`),
   * so that findings quote the names the user wrote.
   */
  readonly nativeNames?: Readonly<Record<string, string>>;
  /** The name a user knows the resource by when the logical id is not it (a Pulumi resource's name, not its URN). */
  readonly displayName?: string;
}

/** Why a document's account is unknown, in its front end's words. */
export function unknownAccount(doc: StackDocument): string {
  return doc.dialect === 'aws-provider'
    ? 'no single account is configured for its provider (set `aws:allowedAccountIds`, or pass `account` to Deadbolt)'
    : 'an environment-agnostic stack';
}

/** How messages name a resource: its Pulumi name, or its logical id. */
export function nameOf(resource: NormalisedResource): string {
  return resource.displayName ?? resource.logicalId;
}

/**
 * One deployable unit: a CloudFormation stack (template), a Pulumi stack or a
 * Terraform configuration. Values inside it are resolved against its own
 * parameters, conditions and account.
 */
export interface StackDocument {
  /** Unique within one evaluation (artifact id, template path). */
  readonly id: string;
  /** What a user calls it (stack name, template file name). */
  readonly name: string;
  readonly dialect: Dialect;
  /** The 12-digit account the document deploys to, when it is known. */
  readonly account?: string;
  /** The region the document deploys to, when it is known. */
  readonly region?: string;
  /**
   * Stack termination protection: `true`/`false` when the source records it
   * (a cloud assembly manifest), undefined when the source cannot say (a bare template).
   */
  readonly terminationProtection?: boolean;
  /** Stack-level tags, which CloudFormation propagates to the stack's resources. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The template's top-level `Metadata`, where findings about the stack itself
   * are acknowledged (`Metadata: { deadbolt: { acknowledge: [...] } }`).
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Template `Parameters` (their values are chosen at deploy time). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Template `Conditions`. */
  readonly conditions: Readonly<Record<string, unknown>>;
  /** Template `Mappings`. */
  readonly mappings: Readonly<Record<string, unknown>>;
  /** Template `Outputs` with an `Export`, by export name: the exported value expression. */
  readonly exports: ReadonlyMap<string, unknown>;
  /** Resources by logical id. */
  readonly resources: ReadonlyMap<string, NormalisedResource>;
  /** Path of the template on disk, when read from one. */
  readonly templatePath?: string;
  /** The resource in a parent document that deploys this one (nested stacks). */
  readonly parent?: { readonly document: StackDocument; readonly logicalId: string };
}

/** Everything one evaluation sees: cross-resource rules look across all documents. */
export interface ResourceModel {
  readonly documents: readonly StackDocument[];
}

/** Every resource of a model, in document order. */
export function allResources(model: ResourceModel): NormalisedResource[] {
  const out: NormalisedResource[] = [];
  for (const doc of model.documents) for (const r of doc.resources.values()) out.push(r);
  return out;
}
