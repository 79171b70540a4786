import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import {
  AGENT_GUARDRAIL_BOUNDARY_DESCRIPTION,
  AGENT_GUARDRAIL_DEFAULT_TAG_KEY,
  AGENT_GUARDRAIL_MODIFY_CALLS,
  AGENT_GUARDRAIL_POLICY_DESCRIPTION,
  MANAGED_POLICY_MAX_CHARS,
  SCP_MAX_BYTES,
  SCP_MAX_DOCUMENTS,
  agentGuardrailBoundaryDocument,
  agentGuardrailDeniedActions,
  agentGuardrailManagedPolicyDocument,
  agentGuardrailScpDocument,
  agentGuardrailScpDocuments,
  agentGuardrailScpStatements,
  agentGuardrailStatements,
  checkAgentGuardrailOptions,
  type AgentGuardrailOptions,
  type GuardrailPolicyDocument,
  type GuardrailStatement,
} from '@deadbolt/rules';

/** Options for `AgentGuardrailPolicy`. */
export interface AgentGuardrailPolicyProps {
  /**
   * The tag key that marks a resource as protected. Tag the stacks that hold data with it
   * (`Tags.of(stack).add('deadbolt:protected', 'true')`): CloudFormation passes stack tags to the resources it creates.
   * @default 'deadbolt:protected'
   */
  readonly tagKey?: string;

  /**
   * The value of `tagKey` that marks a resource as protected.
   * @default 'true'
   */
  readonly tagValue?: string;

  /**
   * ARNs (wildcards allowed, matched with `ArnLike`) of the principals the denies do not apply to: the break-glass
   * role, and automation that must delete backups on its own schedule (e.g. a Data Lifecycle Manager role).
   * @default - no exemption: the denies apply to every principal the policy is attached to
   */
  readonly breakGlassPrincipalArns?: string[];

  /**
   * ARNs (wildcards allowed) of the S3 buckets whose deletion, versioning, lifecycle, replication, Object Lock and
   * policy changes, and object-version deletes, are denied. S3 general purpose buckets evaluate `aws:ResourceTag` only
   * once ABAC is enabled on each bucket (`PutBucketAbac`), so buckets are scoped by ARN, not by tag.
   * @default - every bucket and object (`Resource: "*"`), also when reached through an access point, whose ARN and not
   * the bucket's is the resource IAM evaluates
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html)
   */
  readonly protectedBucketArns?: string[];

  /**
   * Deny the general modify calls that can turn protection off among other changes (`rds:ModifyDBInstance`,
   * `rds:ModifyDBCluster`, `dynamodb:UpdateTable`, `dynamodb:UpdateContinuousBackups`, `cognito-idp:UpdateUserPool`,
   * `redshift:ModifyCluster`, `sqs:SetQueueAttributes`, ...: `AgentGuardrailPolicy.MODIFY_CALLS`) on protected
   * resources. IAM has no condition key for the `DeletionProtection` (or retention) request parameter of these calls,
   * so the only way to stop a principal from turning protection off is to deny the whole call; every other change to
   * those resources then needs the break-glass principal. Calls whose only effect is lowering protection
   * (`elasticfilesystem:UpdateFileSystemProtection`, `logs:PutRetentionPolicy`) are denied either way.
   * @default true
   */
  readonly denyModifyCalls?: boolean;
}

/**
 * The IAM statements that stop an automated principal (an AI agent's role, a CI role) from destroying data: every
 * action of Deadbolt's destructive-action catalogue (`DESTRUCTIVE_ACTIONS` of `@deadbolt/rules`, the list
 * `deadbolt iam` audits: deletes of stores and their backups, the calls that lower their protection, and the removal
 * of SCPs and permissions boundaries), and removing or changing the protection tag. Every statement is a `Deny` with
 * the break-glass principals exempt (`ArnNotLike` on `aws:PrincipalArn`).
 *
 * Use it three ways: as a managed policy on the agent's role (`toManagedPolicy`), as the agent role's permissions
 * boundary (`toPermissionsBoundary`), or as AWS Organizations SCPs (`toScpDocuments`). Only the SCPs (or an equivalent
 * boundary on the CloudFormation execution role) hold when the agent can run `cdk deploy` or `cdk destroy`: those act
 * through the CDK bootstrap's execution role, not with the agent's own permissions.
 *
 * Scoping, per action (from the Service Authorization Reference, through `@deadbolt/rules`):
 * - by `aws:ResourceTag/<tagKey>`: actions every resource type of which evaluates that key (databases, tables, file
 *   systems, keys, stacks, vaults, queues, log groups, roles and policies, ...);
 * - everywhere: copies of data (snapshots, automated backups, recovery points: they carry the source's tags only when
 *   tag copying is on, so a tag condition would let most of them through), and actions some resource type of which
 *   has no `aws:ResourceTag` (Glacier vaults, Neptune data-plane deletes, MSK topics, SimpleDB domains, ...): there a
 *   tag condition would never hold, so the deny applies to every resource and only break-glass principals may call
 *   them;
 * - by ARN: S3 buckets and objects (`protectedBucketArns`).
 *
 * Size: the catalogue has about 200 actions. To stay within the IAM managed policy limit (6,144 characters) and the
 * SCP limit (5,120) the statements write an action pattern (`rds:DeleteDBI*`) in place of the actions it matches,
 * only where the Service Authorization Reference shows the pattern matches nothing the same statement does not deny
 * (`actionWildcards()` of `@deadbolt/rules`, tested against the reference). An action AWS adds later whose name
 * starts like denied ones is denied too. `deniedActions()` lists the actions by name. Even so one SCP does not hold
 * them: `toScpDocuments()` splits the statements over at most four documents (AWS Organizations attaches at most
 * five SCPs to a root, OU or account, and `FullAWSAccess` takes one:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 *
 * The statements are `@deadbolt/rules`' (`agentGuardrailStatements` and the functions beside it), as plain JSON that
 * `@deadbolt/pulumi`'s `AgentGuardrailPolicy` uses too: this class turns them into `iam.PolicyStatement`s and
 * `iam.ManagedPolicy`s.
 */
export class AgentGuardrailPolicy {
  /** The default protection tag key. */
  public static readonly DEFAULT_TAG_KEY = AGENT_GUARDRAIL_DEFAULT_TAG_KEY;

  /** The largest SCP document AWS Organizations accepts, in characters (whitespace counts). */
  public static readonly SCP_MAX_BYTES = SCP_MAX_BYTES;

  /** The most SCP documents `toScpDocuments` returns: five per target, less `FullAWSAccess`. */
  public static readonly SCP_MAX_DOCUMENTS = SCP_MAX_DOCUMENTS;

  /** The largest customer managed policy IAM accepts, in characters without whitespace. */
  public static readonly MANAGED_POLICY_MAX_CHARS = MANAGED_POLICY_MAX_CHARS;

  /**
   * The catalogue's general modify calls: they change many settings of a store, one of which lowers its protection,
   * and IAM has no condition key for that parameter. `denyModifyCalls: false` leaves them allowed.
   * (`AGENT_GUARDRAIL_MODIFY_CALLS` of `@deadbolt/rules`, which the statements are built from.)
   */
  public static readonly MODIFY_CALLS: string[] = [...AGENT_GUARDRAIL_MODIFY_CALLS];

  private readonly options: AgentGuardrailOptions;

  public constructor(props: AgentGuardrailPolicyProps = {}) {
    // A copy: the props' lists are read when the statements are built, and must not change after the checks.
    this.options = {
      tagKey: props.tagKey,
      tagValue: props.tagValue,
      breakGlassPrincipalArns:
        props.breakGlassPrincipalArns === undefined ? undefined : [...props.breakGlassPrincipalArns],
      protectedBucketArns: props.protectedBucketArns === undefined ? undefined : [...props.protectedBucketArns],
      denyModifyCalls: props.denyModifyCalls,
    };
    checkAgentGuardrailOptions(this.options);
  }

  /**
   * Every action the SCP statements deny, by its full name (the statements may write a pattern for several), in
   * statement order: the tagged resources', the copies' and untaggable ones', the buckets', the tag calls.
   */
  public deniedActions(): string[] {
    return agentGuardrailDeniedActions(this.options);
  }

  /**
   * The Deny statements of the managed policy and the permissions boundary (the agent's own policies), in a fixed
   * order: tagged resources, copies and untaggable resources (with the buckets when `protectedBucketArns` is not
   * given, and `iam:CreateRole` and `iam:CreateUser`: a role or user the agent created would not carry the guardrail),
   * the buckets given, the protection tag, the tagging API, and the IAM calls that change the caller itself
   * (`Resource: "${aws:PrincipalArn}"`) or, to everyone but them, the break-glass principals
   * (`DeadboltDenyPrincipalChange`).
   *
   * The protection tag is kept by one Deny of every action (`*`) that names the tag key in its request tags on a
   * resource that carries the tag: tagging calls of every service, without listing them. It also stops the principal
   * from creating, from a protected resource, a copy that names the protection tag in its request (a snapshot or read
   * replica with `Tags` holding it); let the service copy the tags, or use the break-glass principal.
   */
  public statements(): iam.PolicyStatement[] {
    return agentGuardrailStatements(this.options).map(toPolicyStatement);
  }

  /**
   * The Deny statements of the SCPs: as `statements()`, but the protection tag is kept by a Deny of each service's
   * own tagging calls (from the Service Authorization Reference) instead of every action, because SCPs also apply to
   * the CloudFormation execution role, which creates copies of protected resources with the stack's tags (a read
   * replica in a protected stack) and must not be stopped.
   */
  public scpStatements(): iam.PolicyStatement[] {
    return agentGuardrailScpStatements(this.options).map(toPolicyStatement);
  }

  /**
   * A customer managed policy holding the statements, to attach to an agent's role (`policy.attachToRole(role)`).
   * Throws when the policy is over `MANAGED_POLICY_MAX_CHARS` (too many break-glass or bucket ARNs).
   */
  public toManagedPolicy(scope: Construct, id: string): iam.ManagedPolicy {
    return managedPolicy(
      scope,
      id,
      agentGuardrailManagedPolicyDocument(this.options),
      AGENT_GUARDRAIL_POLICY_DESCRIPTION,
    );
  }

  /**
   * A managed policy for `iam.PermissionsBoundary.of(role).apply(policy)`. A boundary grants nothing by itself, so
   * this one allows every action and keeps the denies: the role's own policies still decide what it may do. Throws
   * when the policy is over `MANAGED_POLICY_MAX_CHARS`.
   */
  public toPermissionsBoundary(scope: Construct, id: string): iam.ManagedPolicy {
    return managedPolicy(scope, id, agentGuardrailBoundaryDocument(this.options), AGENT_GUARDRAIL_BOUNDARY_DESCRIPTION);
  }

  /**
   * The statements as AWS Organizations SCP documents, to attach together beside `FullAWSAccess` at the same root,
   * OU or account: minified JSON, no `Principal` (SCPs do not accept it; the exemption is the `aws:PrincipalArn`
   * condition), each at most `SCP_MAX_BYTES`. A statement too large for one document is split over several, its
   * `Sid` numbered. Throws when more than `SCP_MAX_DOCUMENTS` would be needed (too many break-glass or bucket ARNs).
   */
  public toScpDocuments(): string[] {
    return agentGuardrailScpDocuments(this.options);
  }

  /**
   * The statements as one AWS Organizations SCP document, when they fit in `SCP_MAX_BYTES`. With the whole catalogue
   * they do not: this throws, naming `toScpDocuments()`, which splits them over several documents.
   */
  public toScpDocument(): string {
    return agentGuardrailScpDocument(this.options);
  }
}

/** A statement of `@deadbolt/rules`' guardrail as an `iam.PolicyStatement`. */
function toPolicyStatement(statement: GuardrailStatement): iam.PolicyStatement {
  return iam.PolicyStatement.fromJson(statement);
}

/** A managed policy holding a guardrail document (checked for size by `@deadbolt/rules`). */
function managedPolicy(
  scope: Construct,
  id: string,
  document: GuardrailPolicyDocument,
  description: string,
): iam.ManagedPolicy {
  const policy = new iam.ManagedPolicy(scope, id, {
    description,
    statements: document.Statement.map(toPolicyStatement),
  });
  // `DeadboltDenyPrincipalChange` names the caller as `Resource: "${aws:PrincipalArn}"`, a policy variable IAM fills
  // with the caller's ARN; the template linter's ARN pattern does not know policy variables and warns.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
  Validations.of(policy).acknowledge({
    id: 'CloudFormation-Validate::E3510',
    reason: 'Resource "${aws:PrincipalArn}" is an IAM policy variable (the caller\'s ARN), not a malformed ARN.',
  });
  return policy;
}
