/**
 * The input shape of the Terraform/Pulumi AWS provider dialect: what a front end
 * (a Pulumi transform, a CrossGuard pack, a Terraform plan reader) hands the
 * catalogue. Front ends only *record* what they see; `readProviderModel`
 * (aws-provider.ts) turns records into the catalogue's resource model, so every
 * rule judges Pulumi and Terraform resources the same way it judges templates.
 */

/** Marks a value that came from another resource's output. */
export const PROVIDER_OUTPUT = '@deadbolt/output';

/**
 * A value computed from other resources' outputs (a Pulumi `Output`, a Terraform
 * `(known after apply)`). `dependsOn` names the resources it was computed from
 * (Pulumi URNs or Terraform addresses), which is how a backup selection listing
 * `db.arn` is tied to the database while the ARN is still unknown in a preview.
 */
export interface ProviderOutputValue {
  readonly [PROVIDER_OUTPUT]: true;
  /** False during a preview when the value is not yet computed. */
  readonly known: boolean;
  /** The value, when known (plain data, may itself hold output values). */
  readonly value?: unknown;
  /** Ids (`ProviderResourceRecord.id`) of the resources the value depends on. */
  readonly dependsOn: readonly string[];
  /** Why the value is not known, when it is not for another reason than a pending deployment. */
  readonly reason?: string;
}

/** Builds an output value. */
export function providerOutput(
  known: boolean,
  value: unknown,
  dependsOn: readonly string[],
  reason?: string,
): ProviderOutputValue {
  return {
    [PROVIDER_OUTPUT]: true,
    known,
    value: known ? value : undefined,
    dependsOn: [...new Set(dependsOn)],
    ...(reason ? { reason } : {}),
  };
}

export function isProviderOutput(value: unknown): value is ProviderOutputValue {
  return value !== null && typeof value === 'object' && (value as Record<string, unknown>)[PROVIDER_OUTPUT] === true;
}

/** Resource options that decide what a delete or a replacement does to the data. */
export interface ProviderResourceOptions {
  /** Pulumi `protect`: undefined when the program did not set it. */
  readonly protect?: boolean;
  /** Pulumi `retainOnDelete`: undefined when the program did not set it. */
  readonly retainOnDelete?: boolean;
  /** Terraform `lifecycle { prevent_destroy }`, when the front end can see it. */
  readonly preventDestroy?: boolean;
  /** Id of the provider resource the resource is created with (its account and region). */
  readonly provider?: string;
  /** Id of the parent resource (Pulumi component), for display. */
  readonly parent?: string;
  /** Names of `beforeDelete` hooks bound to the resource. */
  readonly beforeDeleteHooks?: readonly string[];
}

/** One resource as a front end saw it, inputs still in the provider's names. */
export interface ProviderResourceRecord {
  /** Unique: a Pulumi URN or a Terraform address. */
  readonly id: string;
  /** The resource's name (Pulumi) or address (Terraform). */
  readonly name: string;
  /** `aws:rds/instance:Instance`, `aws_db_instance`, `pulumi:providers:aws`. */
  readonly type: string;
  /** Inputs in the provider's names (camelCase or snake_case); outputs as `ProviderOutputValue`. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly options?: ProviderResourceOptions;
}

/** One Pulumi stack or Terraform configuration. */
export interface ProviderDocumentInput {
  /** Unique within one evaluation (`<project>/<stack>`). */
  readonly id: string;
  /** What the user calls it (the stack name). */
  readonly name: string;
  /**
   * The account resources without an explicit provider deploy to (the default
   * provider's `aws:allowedAccountIds`, or stated by the user). Unknown means no
   * copy can be proven to leave the account.
   */
  readonly account?: string;
  readonly region?: string;
  /**
   * Google only (`readGoogleModel`): the project resources without a provider
   * record or a `project` of their own are created in (the stack's `gcp:project`).
   */
  readonly project?: string;
  /** The default provider's `defaultTags` (Pulumi `aws:defaultTags`), which every resource it creates carries. */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** Every resource of the stack, providers included, in registration order. */
  readonly resources: readonly ProviderResourceRecord[];
}
