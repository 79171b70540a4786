import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import {
  DESTRUCTIVE_ACTIONS,
  actionEvaluatesResourceTag,
  actionWildcards,
  isCopyAction,
  taggingActionsOf,
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
 */
export class AgentGuardrailPolicy {
  /** The default protection tag key. */
  public static readonly DEFAULT_TAG_KEY = 'deadbolt:protected';

  /** The largest SCP document AWS Organizations accepts, in characters (whitespace counts). */
  public static readonly SCP_MAX_BYTES = 5120;

  /** The most SCP documents `toScpDocuments` returns: five per target, less `FullAWSAccess`. */
  public static readonly SCP_MAX_DOCUMENTS = 4;

  /** The largest customer managed policy IAM accepts, in characters without whitespace. */
  public static readonly MANAGED_POLICY_MAX_CHARS = 6144;

  /**
   * The catalogue's general modify calls: they change many settings of a store, one of which lowers its protection,
   * and IAM has no condition key for that parameter. `denyModifyCalls: false` leaves them allowed.
   */
  public static readonly MODIFY_CALLS: string[] = [
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

  private readonly tagKey: string;
  private readonly tagValue: string;
  private readonly breakGlass: string[];
  private readonly buckets: string[] | undefined;
  private readonly denyModify: boolean;

  public constructor(props: AgentGuardrailPolicyProps = {}) {
    this.tagKey = props.tagKey ?? AgentGuardrailPolicy.DEFAULT_TAG_KEY;
    this.tagValue = props.tagValue ?? 'true';
    this.breakGlass = [...(props.breakGlassPrincipalArns ?? [])];
    this.buckets = props.protectedBucketArns === undefined ? undefined : [...props.protectedBucketArns];
    this.denyModify = props.denyModifyCalls ?? true;
    if (this.tagKey.length === 0) throw new Error('`tagKey` must not be empty.');
    for (const arn of this.breakGlass) {
      if (!arn.startsWith('arn:'))
        throw new Error(`\`breakGlassPrincipalArns\` must hold principal ARNs, got \`${arn}\`.`);
    }
    for (const arn of this.buckets ?? []) {
      if (!arn.startsWith('arn:') || !arn.includes(':s3:::'))
        throw new Error(
          // eslint-disable-next-line @cdklabs/no-literal-partition -- an example ARN in a message
          `\`protectedBucketArns\` must hold S3 bucket ARNs such as \`arn:aws:s3:::prod-*\`, got \`${arn}\`.`,
        );
      if (arn.includes('/'))
        throw new Error(`\`protectedBucketArns\` must hold bucket ARNs without an object path, got \`${arn}\`.`);
    }
  }

  /**
   * Every action the SCP statements deny, by its full name (the statements may write a pattern for several), in
   * statement order: the tagged resources', the copies' and untaggable ones', the buckets', the tag calls.
   */
  public deniedActions(): string[] {
    const groups = this.groups();
    return [...groups.tagged, ...groups.anywhere, ...groups.buckets, ...groups.tagCalls, ...groups.taggingApi];
  }

  /**
   * The Deny statements of the managed policy and the permissions boundary (the agent's own policies), in a fixed
   * order: tagged resources, copies and untaggable resources, buckets, the protection tag, the tagging API.
   *
   * The protection tag is kept by one Deny of every action (`*`) that names the tag key in its request tags on a
   * resource that carries the tag: tagging calls of every service, without listing them. It also stops the principal
   * from creating, from a protected resource, a copy that names the protection tag in its request (a snapshot or read
   * replica with `Tags` holding it); let the service copy the tags, or use the break-glass principal.
   */
  public statements(): iam.PolicyStatement[] {
    return this.build(false);
  }

  /**
   * The Deny statements of the SCPs: as `statements()`, but the protection tag is kept by a Deny of each service's
   * own tagging calls (from the Service Authorization Reference) instead of every action, because SCPs also apply to
   * the CloudFormation execution role, which creates copies of protected resources with the stack's tags (a read
   * replica in a protected stack) and must not be stopped.
   */
  public scpStatements(): iam.PolicyStatement[] {
    return this.build(true);
  }

  private build(organization: boolean): iam.PolicyStatement[] {
    const exempt = this.breakGlass.length > 0 ? { ArnNotLike: { 'aws:PrincipalArn': this.breakGlass } } : {};
    const tagged = { StringEquals: { [`aws:ResourceTag/${this.tagKey}`]: this.tagValue } };
    const groups = this.groups();
    const bucketResources =
      this.buckets === undefined ? ['*'] : [...this.buckets, ...this.buckets.map((b) => `${b}/*`)];
    return [
      new iam.PolicyStatement({
        sid: 'DeadboltDenyDestroyTagged',
        effect: iam.Effect.DENY,
        actions: compress(groups.tagged),
        resources: ['*'],
        conditions: { ...tagged, ...exempt },
      }),
      new iam.PolicyStatement({
        sid: 'DeadboltDenyDeleteAnywhere',
        effect: iam.Effect.DENY,
        actions: compress(groups.anywhere),
        resources: ['*'],
        conditions: exempt,
      }),
      new iam.PolicyStatement({
        sid: 'DeadboltDenyBucketDataLoss',
        effect: iam.Effect.DENY,
        actions: compress(groups.buckets),
        resources: bucketResources,
        conditions: exempt,
      }),
      new iam.PolicyStatement({
        sid: 'DeadboltDenyProtectionTagChange',
        effect: iam.Effect.DENY,
        actions: organization ? compress(groups.tagCalls) : ['*'],
        resources: ['*'],
        conditions: { ...tagged, 'ForAnyValue:StringEquals': { 'aws:TagKeys': [this.tagKey] }, ...exempt },
      }),
      new iam.PolicyStatement({
        // The Resource Groups Tagging API, and tag calls without aws:ResourceTag: the tag key alone is denied, on any
        // resource.
        sid: 'DeadboltDenyProtectionTagChangeByTaggingApi',
        effect: iam.Effect.DENY,
        actions: groups.taggingApi,
        resources: ['*'],
        conditions: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [this.tagKey] }, ...exempt },
      }),
    ];
  }

  /**
   * A customer managed policy holding the statements, to attach to an agent's role (`policy.attachToRole(role)`).
   * Throws when the policy is over `MANAGED_POLICY_MAX_CHARS` (too many break-glass or bucket ARNs).
   */
  public toManagedPolicy(scope: Construct, id: string): iam.ManagedPolicy {
    const statements = this.statements();
    this.checkManagedPolicySize(statements, 'managed policy');
    return new iam.ManagedPolicy(scope, id, {
      description: 'Deadbolt: denies deleting data and turning its protection off, except to break-glass principals.',
      statements,
    });
  }

  /**
   * A managed policy for `iam.PermissionsBoundary.of(role).apply(policy)`. A boundary grants nothing by itself, so
   * this one allows every action and keeps the denies: the role's own policies still decide what it may do. Throws
   * when the policy is over `MANAGED_POLICY_MAX_CHARS`.
   */
  public toPermissionsBoundary(scope: Construct, id: string): iam.ManagedPolicy {
    const statements = [
      new iam.PolicyStatement({
        sid: 'DeadboltBoundaryAllow',
        effect: iam.Effect.ALLOW,
        actions: ['*'],
        resources: ['*'],
      }),
      ...this.statements(),
    ];
    this.checkManagedPolicySize(statements, 'permissions boundary');
    return new iam.ManagedPolicy(scope, id, {
      description:
        'Deadbolt permissions boundary: everything the role is granted, except deleting data and turning its protection off.',
      statements,
    });
  }

  /**
   * The statements as AWS Organizations SCP documents, to attach together beside `FullAWSAccess` at the same root,
   * OU or account: minified JSON, no `Principal` (SCPs do not accept it; the exemption is the `aws:PrincipalArn`
   * condition), each at most `SCP_MAX_BYTES`. A statement too large for one document is split over several, its
   * `Sid` numbered. Throws when more than `SCP_MAX_DOCUMENTS` would be needed (too many break-glass or bucket ARNs).
   */
  public toScpDocuments(): string[] {
    const stack = new Stack();
    const max = AgentGuardrailPolicy.SCP_MAX_BYTES;
    const render = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const size = (statements: unknown[]) => Buffer.byteLength(render(statements), 'utf8');
    const documents: unknown[][] = [];
    let current: unknown[] = [];
    for (const statement of this.scpStatements()) {
      const json = stack.resolve(statement.toStatementJson()) as { Sid: string; Action: string | string[] };
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
    }
    if (current.length > 0) documents.push(current);
    if (documents.length > AgentGuardrailPolicy.SCP_MAX_DOCUMENTS) {
      throw new Error(
        `The SCP needs ${documents.length} documents of at most ${max} bytes; AWS Organizations attaches at most 5 SCPs to a target, one of them FullAWSAccess: pass fewer \`breakGlassPrincipalArns\` or \`protectedBucketArns\` (use wildcards).`,
      );
    }
    return documents.map(render);
  }

  /**
   * The statements as one AWS Organizations SCP document, when they fit in `SCP_MAX_BYTES`. With the whole catalogue
   * they do not: this throws, naming `toScpDocuments()`, which splits them over several documents.
   */
  public toScpDocument(): string {
    const stack = new Stack();
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: this.scpStatements().map((s) => stack.resolve(s.toStatementJson())),
    });
    const bytes = Buffer.byteLength(doc, 'utf8');
    if (bytes > AgentGuardrailPolicy.SCP_MAX_BYTES) {
      throw new Error(
        `The SCP document is ${bytes} bytes, over the ${AgentGuardrailPolicy.SCP_MAX_BYTES}-byte limit of AWS Organizations: use \`toScpDocuments()\`, which splits the statements over up to ${AgentGuardrailPolicy.SCP_MAX_DOCUMENTS} documents to attach together.`,
      );
    }
    return doc;
  }

  private checkManagedPolicySize(statements: iam.PolicyStatement[], what: string): void {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: statements.map((s) => new Stack().resolve(s.toStatementJson())),
    });
    // IAM counts characters without whitespace; the JSON above has none outside strings.
    const chars = doc.length;
    if (chars > AgentGuardrailPolicy.MANAGED_POLICY_MAX_CHARS) {
      throw new Error(
        `The ${what} is ${chars} characters, over the ${AgentGuardrailPolicy.MANAGED_POLICY_MAX_CHARS}-character limit of IAM managed policies: pass fewer \`breakGlassPrincipalArns\` or \`protectedBucketArns\` (use wildcards).`,
      );
    }
  }

  /** The catalogue's actions by how they are scoped, and the tag calls. */
  private groups(): ActionGroups {
    const modify = new Set(AgentGuardrailPolicy.MODIFY_CALLS.map((a) => a.toLowerCase()));
    const tagged: string[] = [];
    const anywhere: string[] = [];
    const buckets: string[] = [];
    for (const { action } of DESTRUCTIVE_ACTIONS) {
      if (!this.denyModify && modify.has(action.toLowerCase())) continue;
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
}

interface ActionGroups {
  readonly tagged: string[];
  readonly anywhere: string[];
  readonly buckets: string[];
  readonly tagCalls: string[];
  readonly taggingApi: string[];
}

/** Patterns by each action they match, shortest first. */
const PATTERNS_BY_ACTION: ReadonlyMap<string, readonly { pattern: string; matches: readonly string[] }[]> = (() => {
  const map = new Map<string, { pattern: string; matches: readonly string[] }[]>();
  for (const [pattern, matches] of Object.entries(actionWildcards())) {
    for (const action of matches) {
      const key = action.toLowerCase();
      const list = map.get(key) ?? [];
      list.push({ pattern, matches });
      map.set(key, list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => a.pattern.length - b.pattern.length);
  return map;
})();

/**
 * The actions, each replaced by the shortest pattern that matches nothing outside the list (per the Service
 * Authorization Reference data of `actionWildcards()`), without repeats.
 */
function compress(actions: readonly string[]): string[] {
  const listed = new Set(actions.map((a) => a.toLowerCase()));
  const out = new Set<string>();
  for (const action of actions) {
    const fit = (PATTERNS_BY_ACTION.get(action.toLowerCase()) ?? []).find((p) =>
      p.matches.every((m) => listed.has(m.toLowerCase())),
    );
    out.add(fit ? fit.pattern : action);
  }
  return [...out];
}
