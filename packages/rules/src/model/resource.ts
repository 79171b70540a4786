import type { ProviderResourceOptions } from '../dialects/aws-provider-model';
import type { FixText } from './finding';
import { isTerraformDocument } from '../text/idiom-words';

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
 * - `google`: the Terraform `google`/`google-beta` provider and `@pulumi/gcp`
 *   (bridged from it): the resource's `type` is the Terraform type
 *   (`google_sql_database_instance`) and its properties use Terraform's
 *   snake_case names, with single nested blocks as objects (Pulumi's shape).
 */
export type Dialect = 'cloudformation' | 'aws-provider' | 'google';

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
  /**
   * `aws-provider` only: set when the resource stands for a part resource
   * (`aws.s3.BucketLifecycleConfiguration`, `aws_backup_vault_lock_configuration`,
   * …) whose target is not a resource of the stack. It is judged on its own,
   * as a resource of its target's type that carries only what the part sets,
   * and only for what the part's settings change (see `DetachedPart`).
   */
  readonly detachedPart?: DetachedPart;
}

/**
 * A part resource that configures a resource the stack does not define (an
 * existing bucket named by a literal) or one Deadbolt cannot identify. The
 * engine reports, for each rule, only the findings the part's settings cause
 * (those `without` them does not have), so a part that keeps data safe
 * (versioning on an existing bucket) is no finding, and no rule reports what
 * the part does not set (the target's own deletion policy, its other settings).
 */
export interface DetachedPart {
  /** The CloudFormation properties the part sets, as a phrase: "LifecycleConfiguration". */
  readonly property: string;
  /** What the part configures, as a clause for messages: "the bucket `prod-data`, which this stack does not define". */
  readonly target: string;
  /**
   * Set when the target cannot be identified at all: why. Protection the part
   * gives then cannot be credited to any resource of the stack, which is a
   * finding of its own (fail closed).
   */
  readonly unresolved?: string;
  /** The resource's properties without this part's settings (other parts for the same target stay). */
  readonly without: Readonly<Record<string, unknown>>;
}

/** Why a document's account is unknown, in its front end's words. */
export function unknownAccount(doc: StackDocument): string {
  // Terraform names the account in the provider block: `allowed_account_ids`.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs#allowed_account_ids-1
  if (isTerraformDocument(doc))
    return doc.provider !== undefined
      ? `its provider \`${doc.provider}\` has credentials of its own but no single account in \`allowed_account_ids\``
      : 'the `provider "aws"` block names no single account: set `allowed_account_ids`, or pass `--account`';
  if (doc.dialect === 'aws-provider' && doc.provider !== undefined) {
    // The stack's `aws:allowedAccountIds` config and Deadbolt's `account` describe the default provider only.
    return `its explicit provider \`${doc.provider}\` has credentials of its own but no single account in \`allowedAccountIds\``;
  }
  return doc.dialect === 'aws-provider'
    ? 'no single account is configured for its provider (set `aws:allowedAccountIds`, or pass `account` to Deadbolt)'
    : 'an environment-agnostic stack';
}

/**
 * The fix when a document's account is unknown because its explicit provider
 * names none: give that provider `allowedAccountIds`. Undefined otherwise.
 * @see https://www.pulumi.com/registry/packages/aws/api-docs/provider/#allowedaccountids_nodejs
 */
export function explicitProviderAccountFix(doc: StackDocument): FixText | undefined {
  if (doc.dialect !== 'aws-provider' || doc.provider === undefined || doc.account !== undefined) return undefined;
  const pulumi =
    `Give the provider \`${doc.provider}\` the one account it deploys to: \`new aws.Provider('${doc.provider}', { allowedAccountIds: ['<12-digit account id>'], ... })\` ` +
    '(exactly one id: the provider then refuses to deploy to any other account, and Deadbolt reads the account from it). ' +
    "The stack's `aws:allowedAccountIds` config and Deadbolt's `account` option describe the default provider only.";
  return {
    cloudformation: pulumi,
    pulumi,
    terraform: `Give the \`aws\` provider block \`${doc.provider}\` \`allowed_account_ids = ["<12-digit account id>"]\` (exactly one id).`,
  };
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
   * `google` only: the Google Cloud project resources without a `project` of
   * their own are created in (the provider's `project`), when it is known.
   */
  readonly project?: string;
  /**
   * `google` only: the provider-level `deletion_policy` (Pulumi `deletionPolicy`)
   * that resources setting none of their own inherit, as written (a literal, or
   * `Deadbolt::Output` when unknown); absent when the provider sets none.
   * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference
   */
  readonly defaultDeletionPolicy?: unknown;
  /**
   * The explicit provider (a Pulumi `aws.Provider` with credentials of its own)
   * whose resources this document holds, by its resource name; undefined for the
   * stack's own document. Its account comes only from the provider's inputs.
   */
  readonly provider?: string;
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
  /**
   * Template `Outputs`, by the output's logical id: its `Value` expression. A
   * parent stack reads a nested stack's output as `Fn::GetAtt [<nested stack>,
   * Outputs.<logical id>]` (what CDK writes for a reference out of a
   * `NestedStack`). Absent for documents that are not templates.
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html#aws-resource-cloudformation-stack-return-values
   */
  readonly outputs?: ReadonlyMap<string, unknown>;
  /** Resources by logical id. */
  readonly resources: ReadonlyMap<string, NormalisedResource>;
  /** Path of the template on disk, when read from one. */
  readonly templatePath?: string;
  /** The resource in a parent document that deploys this one (nested stacks). */
  readonly parent?: { readonly document: StackDocument; readonly logicalId: string };
  /**
   * Parts of the template whose content Deadbolt cannot see, so cannot judge:
   * macros, `AWS::Include`, `Fn::Transform` (`template-unexpanded-content`
   * reports each). Empty or absent when there are none.
   */
  readonly unexpanded?: readonly UnexpandedContent[];
  /**
   * Templates this one carries inside itself and deploys as stacks of their own
   * (an `AWS::CloudFormation::StackSet`'s `TemplateBody`). `evaluate` judges
   * them as documents of the model, after this one. Empty or absent when there are none.
   */
  readonly embedded?: readonly StackDocument[];
  /** The resource of the enclosing document whose property holds this template (a stack set). */
  readonly embeddedIn?: { readonly document: StackDocument; readonly logicalId: string };
}

/** A part of a template that CloudFormation expands at deploy time and Deadbolt cannot. */
export interface UnexpandedContent {
  /** Where it is written: `Transform`, `Resources/Fn::Transform`, `Resources/Db/Properties/Fn::Transform`. */
  readonly location: string;
  /** What it is, in words: "macro `Expand`", "`AWS::Include` of `s3://bucket/part.yaml`". */
  readonly what: string;
}

/** Everything one evaluation sees: cross-resource rules look across all documents. */
export interface ResourceModel {
  readonly documents: readonly StackDocument[];
}

/**
 * The model with every embedded document (a stack set's template) listed after
 * the document that carries it, so that rules see them as documents of their own.
 * The model itself when there are none.
 */
export function withEmbeddedDocuments(model: ResourceModel): ResourceModel {
  if (!model.documents.some((d) => d.embedded?.length)) return model;
  const documents: StackDocument[] = [];
  const add = (d: StackDocument, depth: number): void => {
    documents.push(d);
    // Embedding is bounded when documents are read; the depth guards a hand-built cycle.
    if (depth < 8) for (const e of d.embedded ?? []) add(e, depth + 1);
  };
  for (const d of model.documents) add(d, 0);
  return { documents };
}

/** Every resource of a model, in document order. */
export function allResources(model: ResourceModel): NormalisedResource[] {
  const out: NormalisedResource[] = [];
  for (const doc of model.documents) for (const r of doc.resources.values()) out.push(r);
  return out;
}
