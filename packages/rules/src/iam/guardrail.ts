/**
 * The agent guardrail: the IAM Deny statements that stop an automated principal
 * (an AI agent's role, a CI role) from destroying data, as plain JSON policy
 * documents. Every front end builds its guardrail from these (@deadbolt/cdk's
 * `AgentGuardrailPolicy`, @deadbolt/pulumi's `AgentGuardrailPolicy` and
 * `AgentGuardrailScps`), so the denies are one list: the destructive-action
 * catalogue (`DESTRUCTIVE_ACTIONS`), the list `deadbolt iam` audits.
 *
 * Scoping, per action (from the Service Authorization Reference, through
 * `resource-tag-support.ts`):
 * - by `aws:ResourceTag/<tagKey>`: actions every resource type of which
 *   evaluates that key (databases, tables, file systems, keys, stacks, vaults,
 *   queues, log groups, roles and policies, ...);
 * - everywhere: copies of data (snapshots, automated backups, recovery points:
 *   they carry the source's tags only when tag copying is on, so a tag condition
 *   would let most of them through), and actions some resource type of which has
 *   no `aws:ResourceTag` (there a tag condition would never hold);
 * - by ARN: S3 buckets and objects (`protectedBucketArns`).
 *
 * Beside the catalogue, the guardrail keeps the principal it binds from getting out of it: it denies the IAM calls
 * that change the caller's own policies, boundary, tags or trust policy (`Resource: "${aws:PrincipalArn}"`), the
 * same calls on the break-glass principals to everyone but them (so that no one else can make themselves one), and,
 * in the managed policy and the boundary, creating roles and users (which would not carry the guardrail).
 *
 * The statements are written as aws-cdk-lib writes a `PolicyStatement`
 * (`Action`, `Condition`, `Effect`, `Resource`, `Sid`, in that order; a list of
 * one written as its value; no empty `Condition`), so that the CDK front end's
 * output is the same, byte for byte, whichever builds it.
 */
import { DESTRUCTIVE_ACTIONS } from './destructive-actions';
import { actionEvaluatesResourceTag, actionWildcards, isCopyAction, taggingActionsOf } from './resource-tag-support';

/** The tag key that marks a resource as protected, unless the guardrail is given another. */
export const AGENT_GUARDRAIL_DEFAULT_TAG_KEY = 'deadbolt:protected';

/**
 * The largest SCP document AWS Organizations accepts, in characters (whitespace counts).
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
export const SCP_MAX_BYTES = 5120;

/**
 * The most SCP documents `agentGuardrailScpDocuments` returns: AWS Organizations attaches at most five SCPs to a
 * root, OU or account, and `FullAWSAccess` takes one.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
export const SCP_MAX_DOCUMENTS = 4;

/**
 * The largest customer managed policy IAM accepts, in characters without whitespace.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/**
 * The catalogue's general modify calls: they change many settings of a store, one of which lowers its protection,
 * and IAM has no condition key for that parameter. `denyModifyCalls: false` leaves them allowed.
 */
export const AGENT_GUARDRAIL_MODIFY_CALLS: readonly string[] = [
  'rds:ModifyDBInstance',
  'rds:ModifyDBCluster',
  'rds:ModifyGlobalCluster',
  'neptune-graph:UpdateGraph',
  'dsql:UpdateCluster',
  'qldb:UpdateLedger',
  'docdb-elastic:UpdateCluster',
  'dynamodb:UpdateTable',
  'dynamodb:UpdateContinuousBackups',
  'dynamodb:UpdateGlobalTable',
  'redshift:ModifyCluster',
  'elasticache:ModifyReplicationGroup',
  'elasticache:ModifyCacheCluster',
  'elasticache:ModifyServerlessCache',
  'memorydb:UpdateCluster',
  'timestream:UpdateTable',
  'cassandra:Alter',
  'lightsail:UpdateRelationalDatabase',
  'lightsail:UpdateBucket',
  'fsx:UpdateFileSystem',
  'fsx:UpdateVolume',
  'ec2:ModifyInstanceAttribute',
  'cloudhsm:ModifyCluster',
  'cloudtrail:UpdateEventDataStore',
  'cognito-idp:UpdateUserPool',
  'sqs:SetQueueAttributes',
  'kafka:UpdateTopic',
  'kafka-cluster:AlterTopicDynamicConfiguration',
  'iotanalytics:UpdateDatastore',
  'iotanalytics:UpdateChannel',
];

/**
 * The IAM calls that change who a principal is or what it may do, denied on the caller itself and on the break-glass
 * principals (`DeadboltDenyPrincipalChange`): with one of them an administrator could detach or rewrite the policy
 * that holds the guardrail, grant itself anything, or make itself (or let itself act as) a break-glass principal.
 * The patterns are written for the statement's resources, which are role and user ARNs only: on those, per the
 * Service Authorization Reference, `iam:Attach*`, `iam:Detach*` and `iam:Put*` are the role's and user's policy and
 * permissions boundary calls, `iam:DeleteRole*` and `iam:DeleteUser*` delete the principal, its inline policies or
 * its boundary, and `iam:Tag*` and `iam:Untag*` change its tags (the principal tags a policy may test). An agent that
 * is an IAM user cannot create its own access keys or console password either.
 *
 * Group membership (`iam:AddUserToGroup`, `iam:RemoveUserFromGroup`) and group policies act on the group's ARN, not
 * the user's, so they cannot be denied on the caller by resource: give agents roles, not users in groups.
 * `iam:UpdateRole` (description, maximum session duration) changes no permission and stays allowed.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
export const AGENT_GUARDRAIL_PRINCIPAL_CHANGE_CALLS: readonly string[] = [
  'iam:Attach*',
  'iam:Detach*',
  'iam:Put*',
  'iam:Delete*',
  'iam:Tag*',
  'iam:Untag*',
  'iam:Update*',
  'iam:Create*',
];

/**
 * The IAM calls that create a principal, denied on every resource by the managed policy and the boundary (in
 * `DeadboltDenyDeleteAnywhere`): a role or user the caller creates carries none of the caller's policies, so it
 * could give it any permission and act as it. The SCPs do not deny them: SCPs bind every principal of the account,
 * new ones too, and the CloudFormation execution role must still create roles.
 */
export const AGENT_GUARDRAIL_CREATE_PRINCIPAL_CALLS: readonly string[] = ['iam:CreateRole', 'iam:CreateUser'];

/** The description of the managed policy holding `agentGuardrailManagedPolicyDocument`. */
export const AGENT_GUARDRAIL_POLICY_DESCRIPTION =
  'Deadbolt: denies deleting data and turning its protection off, except to break-glass principals.';

/** The description of the managed policy holding `agentGuardrailBoundaryDocument`. */
export const AGENT_GUARDRAIL_BOUNDARY_DESCRIPTION =
  'Deadbolt permissions boundary: everything the role is granted, except deleting data and turning its protection off.';

/** Options of the agent guardrail; every front end takes these. */
export interface AgentGuardrailOptions {
  /**
   * The tag key that marks a resource as protected.
   * @default 'deadbolt:protected' (`AGENT_GUARDRAIL_DEFAULT_TAG_KEY`)
   */
  readonly tagKey?: string;
  /**
   * The value of `tagKey` that marks a resource as protected.
   * @default 'true'
   */
  readonly tagValue?: string;
  /**
   * ARNs (wildcards allowed, matched with `ArnLike`) of the principals the denies do not apply to.
   * @default - no exemption
   */
  readonly breakGlassPrincipalArns?: readonly string[];
  /**
   * ARNs (wildcards allowed) of the S3 buckets whose data loss is denied. S3 general purpose buckets evaluate
   * `aws:ResourceTag` only once ABAC is enabled on each bucket, so buckets are scoped by ARN, not by tag.
   * @default - every bucket and object (`Resource: "*"`), also when reached through an access point, whose ARN and
   * not the bucket's is the resource IAM evaluates
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html)
   */
  readonly protectedBucketArns?: readonly string[];
  /**
   * Deny the general modify calls (`AGENT_GUARDRAIL_MODIFY_CALLS`) on protected resources.
   * @default true
   */
  readonly denyModifyCalls?: boolean;
}

/** One statement of the guardrail, as IAM takes it (and as aws-cdk-lib writes it). */
export interface GuardrailStatement {
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
  readonly Effect: 'Allow' | 'Deny';
  readonly Resource: string | string[];
  readonly Sid: string;
}

/** A policy document of guardrail statements. */
export interface GuardrailPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: GuardrailStatement[];
}

/** The options with their defaults, checked. */
interface Resolved {
  readonly tagKey: string;
  readonly tagValue: string;
  readonly breakGlass: readonly string[];
  readonly buckets: readonly string[] | undefined;
  readonly denyModify: boolean;
}

/**
 * Why the options cannot make a guardrail (an empty tag key, a break-glass principal or a bucket that is not an
 * ARN), or undefined when they can. The messages name the option as every front end spells it.
 */
export function agentGuardrailOptionsProblem(options: AgentGuardrailOptions = {}): string | undefined {
  const { tagKey, tagValue, breakGlassPrincipalArns, protectedBucketArns, denyModifyCalls } = options;
  if (tagKey !== undefined && typeof tagKey !== 'string')
    return `\`tagKey\` must be a string, got ${JSON.stringify(tagKey)}.`;
  if (tagKey !== undefined && tagKey.length === 0) return '`tagKey` must not be empty.';
  if (tagValue !== undefined && typeof tagValue !== 'string')
    return `\`tagValue\` must be a string, got ${JSON.stringify(tagValue)}.`;
  if (denyModifyCalls !== undefined && typeof denyModifyCalls !== 'boolean')
    return `\`denyModifyCalls\` must be true or false, got ${JSON.stringify(denyModifyCalls)}.`;
  for (const [name, list] of [
    ['breakGlassPrincipalArns', breakGlassPrincipalArns],
    ['protectedBucketArns', protectedBucketArns],
  ] as const) {
    if (list !== undefined && !Array.isArray(list))
      return `\`${name}\` must be a list of ARNs, got ${JSON.stringify(list)}.`;
  }
  for (const arn of breakGlassPrincipalArns ?? []) {
    if (typeof arn !== 'string' || !arn.startsWith('arn:'))
      return `\`breakGlassPrincipalArns\` must hold principal ARNs, got \`${shown(arn)}\`.`;
  }
  for (const arn of protectedBucketArns ?? []) {
    if (typeof arn !== 'string' || !arn.startsWith('arn:') || !arn.includes(':s3:::'))
      return `\`protectedBucketArns\` must hold S3 bucket ARNs such as \`arn:aws:s3:::prod-*\`, got \`${shown(arn)}\`.`;
    if (arn.includes('/'))
      return `\`protectedBucketArns\` must hold bucket ARNs without an object path, got \`${arn}\`.`;
  }
  return undefined;
}

/** A value as the messages show it: a string as is, anything else as JSON. */
function shown(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v ?? null);
}

/** Throws an `Error` with `agentGuardrailOptionsProblem`'s message when the options cannot make a guardrail. */
export function checkAgentGuardrailOptions(options: AgentGuardrailOptions = {}): void {
  const problem = agentGuardrailOptionsProblem(options);
  if (problem) throw new Error(problem);
}

function resolve(options: AgentGuardrailOptions = {}): Resolved {
  checkAgentGuardrailOptions(options);
  return {
    tagKey: options.tagKey ?? AGENT_GUARDRAIL_DEFAULT_TAG_KEY,
    tagValue: options.tagValue ?? 'true',
    breakGlass: [...(options.breakGlassPrincipalArns ?? [])],
    buckets: options.protectedBucketArns === undefined ? undefined : [...options.protectedBucketArns],
    denyModify: options.denyModifyCalls ?? true,
  };
}

/**
 * Every action of the catalogue the SCP statements deny, by its full name (the statements may write a pattern for
 * several), in statement order: the tagged resources', the copies' and untaggable ones', the buckets', the tag calls.
 * The IAM calls of `DeadboltDenyPrincipalChange` (`AGENT_GUARDRAIL_PRINCIPAL_CHANGE_CALLS`), denied only on the
 * caller and the break-glass principals, are not listed.
 */
export function agentGuardrailDeniedActions(options: AgentGuardrailOptions = {}): string[] {
  const groups = groupsOf(resolve(options));
  return [...groups.tagged, ...groups.anywhere, ...groups.buckets, ...groups.tagCalls, ...groups.taggingApi];
}

/**
 * The Deny statements of the managed policy and the permissions boundary (the agent's own policies), in a fixed
 * order: tagged resources (`DeadboltDenyDestroyTagged`), copies and untaggable resources
 * (`DeadboltDenyDeleteAnywhere`, which also holds the bucket actions when `protectedBucketArns` is not given), the
 * buckets given (`DeadboltDenyBucketDataLoss`), the protection tag, the tagging API, and the IAM calls that change
 * the caller itself or a break-glass principal (`DeadboltDenyPrincipalChange`). Every statement exempts the
 * break-glass principals (`ArnNotLike` on `aws:PrincipalArn`).
 *
 * They also deny creating roles and users (`AGENT_GUARDRAIL_CREATE_PRINCIPAL_CALLS`, in
 * `DeadboltDenyDeleteAnywhere`): a role the agent created would carry neither this policy nor this boundary, and
 * the agent could grant it anything and assume it or pass it to a service. An agent that must create roles needs the
 * guardrail as SCPs, which bind new roles too.
 *
 * The protection tag is kept by one Deny of every action (`*`) that names the tag key in its request tags on a
 * resource that carries the tag: tagging calls of every service, without listing them. It also stops the principal
 * from creating, from a protected resource, a copy that names the protection tag in its request (a snapshot or read
 * replica with `Tags` holding it); let the service copy the tags, or use the break-glass principal.
 */
export function agentGuardrailStatements(options: AgentGuardrailOptions = {}): GuardrailStatement[] {
  return build(resolve(options), false);
}

/**
 * The Deny statements of the SCPs: as `agentGuardrailStatements`, but the protection tag is kept by a Deny of each
 * service's own tagging calls (from the Service Authorization Reference) instead of every action, because SCPs also
 * apply to the CloudFormation execution role, which creates copies of protected resources with the stack's tags (a
 * read replica in a protected stack) and must not be stopped; and creating roles and users is not denied (SCPs bind
 * the new ones too, and the execution role must create them).
 */
export function agentGuardrailScpStatements(options: AgentGuardrailOptions = {}): GuardrailStatement[] {
  return build(resolve(options), true);
}

/**
 * The managed policy document to attach to an agent's role. Throws when it is over `MANAGED_POLICY_MAX_CHARS` (too
 * many break-glass or bucket ARNs: each is repeated per statement).
 */
export function agentGuardrailManagedPolicyDocument(options: AgentGuardrailOptions = {}): GuardrailPolicyDocument {
  return managedPolicyDocument(agentGuardrailStatements(options), 'managed policy');
}

/**
 * The managed policy document to use as an agent role's permissions boundary. A boundary grants nothing by itself,
 * so this one allows every action (`DeadboltBoundaryAllow`) and keeps the denies: the role's own policies still
 * decide what it may do. Throws when it is over `MANAGED_POLICY_MAX_CHARS`.
 */
export function agentGuardrailBoundaryDocument(options: AgentGuardrailOptions = {}): GuardrailPolicyDocument {
  return managedPolicyDocument(
    [
      { Action: '*', Effect: 'Allow', Resource: '*', Sid: 'DeadboltBoundaryAllow' },
      ...agentGuardrailStatements(options),
    ],
    'permissions boundary',
  );
}

function managedPolicyDocument(statements: GuardrailStatement[], what: string): GuardrailPolicyDocument {
  const document: GuardrailPolicyDocument = { Version: '2012-10-17', Statement: statements };
  // IAM counts characters without whitespace; JSON.stringify writes none outside strings.
  const chars = JSON.stringify(document).length;
  if (chars > MANAGED_POLICY_MAX_CHARS) {
    throw new Error(
      `The ${what} is ${chars} characters, over the ${MANAGED_POLICY_MAX_CHARS}-character limit of IAM managed policies: pass fewer \`breakGlassPrincipalArns\` or \`protectedBucketArns\` (use wildcards).`,
    );
  }
  return document;
}

/**
 * The SCP statements as AWS Organizations SCP documents, to attach together beside `FullAWSAccess` at the same
 * root, OU or account: minified JSON, no `Principal` (SCPs do not accept it; the exemption is the `aws:PrincipalArn`
 * condition), each at most `SCP_MAX_BYTES`. A statement too large for one document is split over several, its `Sid`
 * numbered. Throws when more than `SCP_MAX_DOCUMENTS` would be needed (too many break-glass or bucket ARNs).
 */
export function agentGuardrailScpDocuments(options: AgentGuardrailOptions = {}): string[] {
  const max = SCP_MAX_BYTES;
  const render = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const size = (statements: unknown[]) => Buffer.byteLength(render(statements), 'utf8');
  const documents: unknown[][] = [];
  let current: unknown[] = [];
  for (const json of agentGuardrailScpStatements(options)) {
    let actions = typeof json.Action === 'string' ? [json.Action] : [...json.Action];
    let part = 1;
    // Each pass places at least one action or starts a new document: bounded by twice the number of actions.
    for (let guard = 0; actions.length > 0 && guard <= 2 * (actions.length + 1) + 2; guard++) {
      const sid = part === 1 ? json.Sid : `${json.Sid}${part}`;
      let fit = 0;
      while (
        fit < actions.length &&
        size([...current, { ...json, Sid: sid, Action: actions.slice(0, fit + 1) }]) <= max
      )
        fit++;
      if (fit === 0) {
        if (current.length === 0) {
          throw new Error(
            `A statement of the SCP is over the ${max}-byte limit of AWS Organizations by itself: pass fewer \`breakGlassPrincipalArns\` or \`protectedBucketArns\` (use wildcards).`,
          );
        }
        documents.push(current);
        current = [];
        continue;
      }
      current.push({ ...json, Sid: sid, Action: actions.slice(0, fit) });
      actions = actions.slice(fit);
      part++;
    }
    // The guard above ends the loop only if a statement could be placed neither in the current document nor in an
    // empty one, which throws first; fail closed rather than return a guardrail missing actions.
    if (actions.length > 0) throw new Error('The SCP statements could not be split into documents.');
  }
  if (current.length > 0) documents.push(current);
  if (documents.length > SCP_MAX_DOCUMENTS) {
    throw new Error(
      `The SCP needs ${documents.length} documents of at most ${max} bytes; AWS Organizations attaches at most 5 SCPs to a target, one of them FullAWSAccess: pass fewer \`breakGlassPrincipalArns\` or \`protectedBucketArns\` (use wildcards).`,
    );
  }
  return documents.map(render);
}

/**
 * The SCP statements as one AWS Organizations SCP document, when they fit in `SCP_MAX_BYTES`. With the whole
 * catalogue they do not: this throws, naming `toScpDocuments()`, which splits them over several documents.
 */
export function agentGuardrailScpDocument(options: AgentGuardrailOptions = {}): string {
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: agentGuardrailScpStatements(options) });
  const bytes = Buffer.byteLength(doc, 'utf8');
  if (bytes > SCP_MAX_BYTES) {
    throw new Error(
      `The SCP document is ${bytes} bytes, over the ${SCP_MAX_BYTES}-byte limit of AWS Organizations: use \`toScpDocuments()\`, which splits the statements over up to ${SCP_MAX_DOCUMENTS} documents to attach together.`,
    );
  }
  return doc;
}

function build(o: Resolved, organization: boolean): GuardrailStatement[] {
  const exempt: Record<string, Record<string, string[]>> = o.breakGlass.length > 0
    ? { ArnNotLike: { 'aws:PrincipalArn': [...o.breakGlass] } }
    : {};
  const tagged = { StringEquals: { [`aws:ResourceTag/${o.tagKey}`]: o.tagValue } };
  const groups = groupsOf(o);
  // Without `protectedBucketArns` the bucket actions are denied on every resource, with the same condition as the
  // copies: one statement holds both (the managed policy limit has no room for a statement's Sid, resources and
  // condition twice). So do the managed policy's and boundary's denies of creating a principal.
  const anywhere = [
    ...groups.anywhere,
    ...(o.buckets === undefined ? groups.buckets : []),
    ...(organization ? [] : AGENT_GUARDRAIL_CREATE_PRINCIPAL_CALLS),
  ];
  return [
    statement('DeadboltDenyDestroyTagged', compress(groups.tagged), ['*'], { ...tagged, ...exempt }),
    statement('DeadboltDenyDeleteAnywhere', compress(anywhere), ['*'], exempt),
    ...(o.buckets === undefined
      ? []
      : [
          statement(
            'DeadboltDenyBucketDataLoss',
            compress(groups.buckets),
            [...o.buckets, ...o.buckets.map((b) => `${b}/*`)],
            exempt,
          ),
        ]),
    statement('DeadboltDenyProtectionTagChange', organization ? compress(groups.tagCalls) : ['*'], ['*'], {
      ...tagged,
      'ForAnyValue:StringEquals': { 'aws:TagKeys': [o.tagKey] },
      ...exempt,
    }),
    // The Resource Groups Tagging API, and tag calls without aws:ResourceTag: the tag key alone is denied, on any
    // resource.
    statement('DeadboltDenyProtectionTagChangeByTaggingApi', groups.taggingApi, ['*'], {
      'ForAnyValue:StringEquals': { 'aws:TagKeys': [o.tagKey] },
      ...exempt,
    }),
    // The caller itself and the break-glass principals. IAM fills `${aws:PrincipalArn}` with the caller's ARN (a
    // role session's is its role's, with its path): global condition keys may be used as policy variables in the
    // Resource element of identity policies, permissions boundaries and SCPs.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
    statement(
      'DeadboltDenyPrincipalChange',
      AGENT_GUARDRAIL_PRINCIPAL_CHANGE_CALLS,
      ['${aws:PrincipalArn}', ...o.breakGlass],
      exempt,
    ),
  ];
}

/**
 * A Deny statement written as aws-cdk-lib's `PolicyStatement.toStatementJson()` writes one: actions and resources
 * without repeats, a list of one as its value, no empty `Condition`, keys in its order.
 */
function statement(
  sid: string,
  actions: readonly string[],
  resources: readonly string[],
  condition: Record<string, Record<string, string | string[]>>,
): GuardrailStatement {
  const one = (values: readonly string[]) => {
    const unique = [...new Set(values)];
    return unique.length === 1 ? unique[0] : unique;
  };
  return {
    Action: one(actions),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    Effect: 'Deny',
    Resource: one(resources),
    Sid: sid,
  };
}

interface ActionGroups {
  readonly tagged: string[];
  readonly anywhere: string[];
  readonly buckets: string[];
  readonly tagCalls: string[];
  readonly taggingApi: string[];
}

/** The catalogue's actions by how they are scoped, and the tag calls. */
function groupsOf(o: Resolved): ActionGroups {
  const modify = new Set(AGENT_GUARDRAIL_MODIFY_CALLS.map((a) => a.toLowerCase()));
  const tagged: string[] = [];
  const anywhere: string[] = [];
  const buckets: string[] = [];
  for (const { action } of DESTRUCTIVE_ACTIONS) {
    if (!o.denyModify && modify.has(action.toLowerCase())) continue;
    if (action.startsWith('s3:')) buckets.push(action);
    else if (isCopyAction(action) || actionEvaluatesResourceTag(action) !== true) anywhere.push(action);
    else tagged.push(action);
  }
  const tagCalls: string[] = [];
  const taggingApi: string[] = ['tag:TagResources', 'tag:UntagResources'];
  for (const service of [...new Set(tagged.map((a) => a.slice(0, a.indexOf(':'))))]) {
    for (const [action, evaluatesTag] of Object.entries(taggingActionsOf(service))) {
      (evaluatesTag ? tagCalls : taggingApi).push(action);
    }
  }
  return { tagged, anywhere, buckets, tagCalls, taggingApi };
}

/** Patterns by each action they match, shortest first; built on first use. */
let patternsByAction: ReadonlyMap<string, readonly { pattern: string; matches: readonly string[] }[]> | undefined;

function patternsOf(action: string): readonly { pattern: string; matches: readonly string[] }[] {
  if (!patternsByAction) {
    const map = new Map<string, { pattern: string; matches: readonly string[] }[]>();
    for (const [pattern, matches] of Object.entries(actionWildcards())) {
      for (const matched of matches) {
        const key = matched.toLowerCase();
        const list = map.get(key) ?? [];
        list.push({ pattern, matches });
        map.set(key, list);
      }
    }
    for (const list of map.values()) list.sort((a, b) => a.pattern.length - b.pattern.length);
    patternsByAction = map;
  }
  return patternsByAction.get(action.toLowerCase()) ?? [];
}

/**
 * The actions, each replaced by the shortest pattern that matches nothing outside the list (per the Service
 * Authorization Reference data of `actionWildcards()`), without repeats.
 */
function compress(actions: readonly string[]): string[] {
  const listed = new Set(actions.map((a) => a.toLowerCase()));
  const out = new Set<string>();
  for (const action of actions) {
    const fit = patternsOf(action).find((p) => p.matches.every((m) => listed.has(m.toLowerCase())));
    out.add(fit ? fit.pattern : action);
  }
  return [...out];
}
