import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  AGENT_GUARDRAIL_BOUNDARY_DESCRIPTION,
  AGENT_GUARDRAIL_POLICY_DESCRIPTION,
  agentGuardrailBoundaryDocument,
  agentGuardrailDeniedActions,
  agentGuardrailManagedPolicyDocument,
  agentGuardrailOptionsProblem,
  agentGuardrailScpDocuments,
  type AgentGuardrailOptions,
  type GuardrailPolicyDocument,
} from '@deadbolt/rules';
import { checkComponentOptions, checked, guardedOptions, isDeferred, refuse } from './private/guards';

const POLICY_TYPE = 'deadbolt:iam:AgentGuardrailPolicy';
const SCPS_TYPE = 'deadbolt:organizations:AgentGuardrailScps';

/**
 * The guardrail's options, as `@deadbolt/rules` (`AgentGuardrailOptions`) and @deadbolt/cdk's `AgentGuardrailPolicy`
 * take them. Every value is a literal: the documents are measured against IAM's and AWS Organizations' size limits,
 * and split over several SCPs, when the program runs, so a value known only at deployment (an Output) is refused.
 */
export interface AgentGuardrailArgs {
  /**
   * The tag key that marks a resource as protected. The safe components of this package tag what they create with
   * `deadbolt:protected=true` (`PROTECTED_TAG_KEY`).
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
  readonly breakGlassPrincipalArns?: readonly string[];

  /**
   * ARNs (wildcards allowed) of the S3 buckets whose deletion, versioning, lifecycle, replication, Object Lock and
   * policy changes, and object-version deletes, are denied. S3 general purpose buckets evaluate `aws:ResourceTag`
   * only once ABAC is enabled on each bucket, so buckets are scoped by ARN, not by tag.
   * @default - every bucket and object (`Resource: "*"`), also when reached through an access point
   */
  readonly protectedBucketArns?: readonly string[];

  /**
   * Deny the general modify calls that can turn protection off among other changes (`rds:ModifyDBInstance`,
   * `dynamodb:UpdateTable`, ...: `AGENT_GUARDRAIL_MODIFY_CALLS` of `@deadbolt/rules`) on protected resources: IAM has
   * no condition key for their `DeletionProtection` parameter, so the only way to stop a principal from turning
   * protection off is to deny the whole call.
   * @default true
   */
  readonly denyModifyCalls?: boolean;
}

/** Arguments of an `AgentGuardrailPolicy`. */
export interface AgentGuardrailPolicyArgs extends AgentGuardrailArgs {
  /**
   * Write the policy as a permissions boundary (`aws.iam.Role`'s `permissionsBoundary`): a boundary grants nothing
   * by itself, so the policy then also allows every action (`DeadboltBoundaryAllow`) and the role's own policies still
   * decide what it may do. Attached as an ordinary policy, a boundary policy would grant everything: use one or the
   * other.
   * @default false - a policy of denies only, to attach to the agent's role
   */
  readonly permissionsBoundary?: boolean;

  /**
   * The policy's name.
   * @default - a name generated from the resource name
   */
  readonly policyName?: pulumi.Input<string>;

  /**
   * The policy's path.
   * @default '/'
   */
  readonly path?: pulumi.Input<string>;

  /** Tags of the policy. */
  readonly tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Arguments of `AgentGuardrailScps`. */
export interface AgentGuardrailScpsArgs extends AgentGuardrailArgs {
  /**
   * The roots (`r-…`), OUs (`ou-…`) and member accounts (12 digits) to attach every SCP to. At least one: a guardrail
   * attached nowhere protects nothing.
   */
  readonly targetIds: readonly pulumi.Input<string>[];

  /**
   * The SCPs' names are this, a dash and the document's number.
   * @default 'deadbolt-agent-guardrail'
   */
  readonly namePrefix?: string;

  /** Tags of the SCPs. */
  readonly tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * The options, checked to be literal and valid (`agentGuardrailOptionsProblem` of `@deadbolt/rules`), throwing a
 * message that names the component.
 */
function checkedOptions(type: string, name: string, args: AgentGuardrailArgs): AgentGuardrailOptions {
  for (const key of [
    'tagKey',
    'tagValue',
    'denyModifyCalls',
    'breakGlassPrincipalArns',
    'protectedBucketArns',
  ] as const) {
    const value: unknown = args[key];
    const deferred = isDeferred(value) || (Array.isArray(value) && value.some(isDeferred));
    if (deferred) {
      refuse(
        type,
        name,
        `\`${key}\` must be literal, got an Output or Promise: the policy documents are measured against IAM's and AWS Organizations' size limits, and split over SCPs, when the program runs. Write the value out.`,
      );
    }
  }
  const options: AgentGuardrailOptions = {
    tagKey: args.tagKey,
    tagValue: args.tagValue,
    breakGlassPrincipalArns: Array.isArray(args.breakGlassPrincipalArns)
      ? [...args.breakGlassPrincipalArns]
      : args.breakGlassPrincipalArns,
    protectedBucketArns: Array.isArray(args.protectedBucketArns)
      ? [...args.protectedBucketArns]
      : args.protectedBucketArns,
    denyModifyCalls: args.denyModifyCalls,
  };
  const problem = agentGuardrailOptionsProblem(options);
  if (problem) refuse(type, name, problem);
  return options;
}

/** Runs a document builder of `@deadbolt/rules`, its refusal (a size limit) worded for the component. */
function built<T>(type: string, name: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    refuse(type, name, (e as Error).message);
  }
}

/**
 * The IAM policy that stops an automated principal (an AI agent's role, a CI role) from destroying data: every
 * action of Deadbolt's destructive-action catalogue (`DESTRUCTIVE_ACTIONS` of `@deadbolt/rules`, the list
 * `deadbolt iam` audits), and removing or changing the protection tag, denied to every principal but the break-glass
 * ones. The statements are `@deadbolt/rules`' (`agentGuardrailManagedPolicyDocument`,
 * `agentGuardrailBoundaryDocument`), the same as @deadbolt/cdk's `AgentGuardrailPolicy` writes.
 *
 * Attach it to the agent's role (`aws.iam.RolePolicyAttachment` with `policyArn`), or, with
 * `permissionsBoundary: true`, make it the role's permissions boundary. Neither binds what the agent does through
 * another role it can pass or assume (a CloudFormation or deployment role): `scpDocuments` (or `AgentGuardrailScps`)
 * do, for every principal of the accounts they are attached to.
 *
 * The policy is guarded as the safe components' children are (`protect`, `retainOnDelete`, the
 * `deadbolt-deletion-guard` hook): removing the guardrail from the program, or an edit that replaces it, does not
 * delete it.
 */
export class AgentGuardrailPolicy extends pulumi.ComponentResource {
  /** The customer managed policy. */
  public readonly policy: aws.iam.Policy;
  /** The policy's ARN: for `aws.iam.RolePolicyAttachment`, or `aws.iam.Role`'s `permissionsBoundary`. */
  public readonly policyArn: pulumi.Output<string>;
  /** The policy document, as `@deadbolt/rules` builds it. */
  public readonly document: GuardrailPolicyDocument;
  /**
   * The same denies as AWS Organizations SCP documents (minified JSON, at most 5,120 bytes each, at most four), to
   * attach together beside `FullAWSAccess` in the management account: `AgentGuardrailScps` creates them.
   */
  public readonly scpDocuments: string[];
  /** Every action the SCPs deny, by its full name (the documents write a pattern for several). */
  public readonly deniedActions: string[];

  public constructor(name: string, args: AgentGuardrailPolicyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Misuse throws here, before anything is registered with the engine.
    checkComponentOptions(POLICY_TYPE, name, opts);
    const given = args ?? {};
    const options = checkedOptions(POLICY_TYPE, name, given);
    if (given.permissionsBoundary !== undefined && typeof given.permissionsBoundary !== 'boolean') {
      refuse(
        POLICY_TYPE,
        name,
        `\`permissionsBoundary\` must be true or false, got ${isDeferred(given.permissionsBoundary) ? 'an Output or Promise' : JSON.stringify(given.permissionsBoundary)}.`,
      );
    }
    const boundary = given.permissionsBoundary ?? false;
    const document = built(POLICY_TYPE, name, () =>
      boundary ? agentGuardrailBoundaryDocument(options) : agentGuardrailManagedPolicyDocument(options),
    );
    const scpDocuments = built(POLICY_TYPE, name, () => agentGuardrailScpDocuments(options));
    super(POLICY_TYPE, name, {}, opts);
    this.document = document;
    this.scpDocuments = scpDocuments;
    this.deniedActions = agentGuardrailDeniedActions(options);

    this.policy = new aws.iam.Policy(
      `${name}-policy`,
      {
        ...(given.policyName !== undefined ? { name: given.policyName } : {}),
        ...(given.path !== undefined ? { path: given.path } : {}),
        ...(given.tags !== undefined ? { tags: given.tags } : {}),
        description: boundary ? AGENT_GUARDRAIL_BOUNDARY_DESCRIPTION : AGENT_GUARDRAIL_POLICY_DESCRIPTION,
        policy: JSON.stringify(document),
      },
      guardedOptions(this),
    );
    this.policyArn = this.policy.arn;
    this.registerOutputs({ policyArn: this.policyArn });
  }
}

/** AWS Organizations target ids: a root, an OU, or an account. */
const TARGET_ID_RE = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/**
 * The agent guardrail as AWS Organizations service control policies, for a program of the management account: the
 * denies of `AgentGuardrailPolicy` split over up to four SCPs (`agentGuardrailScpDocuments` of `@deadbolt/rules`,
 * the documents @deadbolt/cdk's `toScpDocuments()` returns), each attached to every `targetIds` entry. Keep
 * `FullAWSAccess` attached there too: SCPs only take permissions away, and AWS Organizations attaches at most five to
 * a target. SCPs bind every principal of the member accounts they reach (the roles an agent can pass or assume, such
 * as a CloudFormation or deployment role, included), but not the management account.
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 *
 * The SCPs and their attachments are guarded as the safe components' children are (`protect`, `retainOnDelete`, the
 * `deadbolt-deletion-guard` hook).
 */
export class AgentGuardrailScps extends pulumi.ComponentResource {
  /** The SCP documents, in order. */
  public readonly documents: string[];
  /** One SCP per document. */
  public readonly policies: aws.organizations.Policy[];
  /** Every SCP attached to every target. */
  public readonly attachments: aws.organizations.PolicyAttachment[];
  /** The SCPs' ids. */
  public readonly policyIds: pulumi.Output<string>[];

  public constructor(name: string, args: AgentGuardrailScpsArgs, opts?: pulumi.ComponentResourceOptions) {
    checkComponentOptions(SCPS_TYPE, name, opts);
    if (!args) refuse(SCPS_TYPE, name, '`args` are required: pass at least `targetIds`.');
    const options = checkedOptions(SCPS_TYPE, name, args);
    if (!Array.isArray(args.targetIds) || args.targetIds.length === 0) {
      refuse(
        SCPS_TYPE,
        name,
        `\`targetIds\` must list at least one root, OU or account id to attach the SCPs to, got ${isDeferred(args.targetIds) ? 'an Output or Promise' : JSON.stringify(args.targetIds ?? null)}: a guardrail attached nowhere protects nothing.`,
      );
    }
    const prefix = args.namePrefix ?? 'deadbolt-agent-guardrail';
    if (typeof prefix !== 'string' || !/^[\w+=,.@-]{1,120}$/.test(prefix)) {
      refuse(
        SCPS_TYPE,
        name,
        `\`namePrefix\` must be 1 to 120 letters, digits or \`_+=,.@-\`, got ${JSON.stringify(prefix)}.`,
      );
    }
    const targets = args.targetIds.map((target) =>
      checked(SCPS_TYPE, name, target, (v) =>
        typeof v === 'string' && TARGET_ID_RE.test(v)
          ? undefined
          : `\`targetIds\` must hold root (\`r-…\`), OU (\`ou-…\`) or account (12-digit) ids, got ${JSON.stringify(v ?? null)}.`,
      ),
    );
    const documents = built(SCPS_TYPE, name, () => agentGuardrailScpDocuments(options));
    super(SCPS_TYPE, name, {}, opts);
    this.documents = documents;

    this.policies = documents.map(
      (content, i) =>
        new aws.organizations.Policy(
          `${name}-scp-${i + 1}`,
          {
            name: `${prefix}-${i + 1}`,
            description: `${AGENT_GUARDRAIL_POLICY_DESCRIPTION} Part ${i + 1} of ${documents.length}: attach all beside FullAWSAccess.`,
            type: 'SERVICE_CONTROL_POLICY',
            content,
            ...(args.tags !== undefined ? { tags: args.tags } : {}),
          },
          guardedOptions(this),
        ),
    );
    this.policyIds = this.policies.map((p) => p.id);
    this.attachments = this.policies.flatMap((policy, i) =>
      targets.map(
        (targetId, t) =>
          new aws.organizations.PolicyAttachment(
            // Named by the literal id, so that reordering `targetIds` replaces nothing.
            `${name}-scp-${i + 1}-${typeof args.targetIds[t] === 'string' ? args.targetIds[t] : `target-${t + 1}`}`,
            { policyId: policy.id, targetId },
            guardedOptions(this),
          ),
      ),
    );
    this.registerOutputs({ policyIds: this.policyIds });
  }
}
