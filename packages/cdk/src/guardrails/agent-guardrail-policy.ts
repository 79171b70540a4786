import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

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
   * ARNs (wildcards allowed) of the S3 buckets whose deletion, versioning and lifecycle changes are denied. S3 general
   * purpose buckets evaluate `aws:ResourceTag` only once ABAC is enabled on each bucket (`PutBucketAbac`), so buckets
   * are scoped by ARN, not by tag.
   * @default ['arn:*:s3:::*'] - every bucket, in every partition
   */
  readonly protectedBucketArns?: string[];

  /**
   * Deny the modify calls that can turn protection off (`rds:ModifyDBInstance`, `rds:ModifyDBCluster`,
   * `dynamodb:UpdateTable`, `dynamodb:UpdateContinuousBackups`, `cognito-idp:UpdateUserPool`) on protected resources.
   * IAM has no condition key for the `DeletionProtection` request parameter of these calls, so the only way to stop a
   * principal from turning protection off is to deny the whole call; every other change to those resources then needs
   * the break-glass principal.
   * @default true
   */
  readonly denyModifyCalls?: boolean;
}

/**
 * The IAM statements that stop an automated principal (an AI agent's role, a CI role) from destroying data: deletes
 * of databases, tables, buckets, file systems, snapshots, recovery points, vaults and stacks; the modify calls that
 * turn protection off; key deletion; vault lock and vault policy changes; and removing or changing the protection tag.
 * Every statement is a `Deny` with the break-glass principals exempt.
 *
 * Use it three ways: as a managed policy on the agent's role (`toManagedPolicy`), as the agent role's permissions
 * boundary (`toPermissionsBoundary`), or as an AWS Organizations SCP (`toScpDocument`). Only the SCP (or an equivalent
 * boundary on the CloudFormation execution role) holds when the agent can run `cdk deploy` or `cdk destroy`: those act
 * through the CDK bootstrap's execution role, not with the agent's own permissions.
 *
 * Scoping, per action (the Service Authorization Reference decides which condition keys an action has):
 * - by `aws:ResourceTag/<tagKey>`: RDS instances and clusters (DocumentDB and Neptune use the `rds:` actions), DynamoDB
 *   tables, EFS file systems, Cognito user pools, KMS keys, CloudFormation stacks, EBS volumes, Backup vaults;
 * - everywhere: snapshots, automated backups, DynamoDB backups and recovery points (they carry the source's tags only
 *   when tag copying is on, so a tag condition would let most of them through), and RDS global clusters;
 * - by ARN: S3 buckets (`protectedBucketArns`).
 */
export class AgentGuardrailPolicy {
  /** The default protection tag key. */
  public static readonly DEFAULT_TAG_KEY = 'deadbolt:protected';

  /** The largest SCP document AWS Organizations accepts, in bytes (whitespace counts). */
  public static readonly SCP_MAX_BYTES = 5120;

  private readonly tagKey: string;
  private readonly tagValue: string;
  private readonly breakGlass: string[];
  private readonly buckets: string[];
  private readonly denyModify: boolean;

  public constructor(props: AgentGuardrailPolicyProps = {}) {
    this.tagKey = props.tagKey ?? AgentGuardrailPolicy.DEFAULT_TAG_KEY;
    this.tagValue = props.tagValue ?? 'true';
    this.breakGlass = [...(props.breakGlassPrincipalArns ?? [])];
    // `*` in the partition segment matches aws, aws-cn and aws-us-gov alike, in a stack and in the SCP document
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards).
    this.buckets = [...(props.protectedBucketArns ?? ['arn:*:s3:::*'])];
    this.denyModify = props.denyModifyCalls ?? true;
    if (this.tagKey.length === 0) throw new Error('`tagKey` must not be empty.');
    for (const arn of this.breakGlass) {
      if (!arn.startsWith('arn:'))
        throw new Error(`\`breakGlassPrincipalArns\` must hold principal ARNs, got \`${arn}\`.`);
    }
    for (const arn of this.buckets) {
      if (!arn.startsWith('arn:') || !arn.includes(':s3:::'))
        throw new Error(
          // eslint-disable-next-line @cdklabs/no-literal-partition -- an example ARN in a message
          `\`protectedBucketArns\` must hold S3 bucket ARNs such as \`arn:aws:s3:::prod-*\`, got \`${arn}\`.`,
        );
      if (arn.includes('/'))
        throw new Error(`\`protectedBucketArns\` must hold bucket ARNs without an object path, got \`${arn}\`.`);
    }
  }

  /** The Deny statements, in a fixed order: tagged resources, backups, buckets, the protection tag. */
  public statements(): iam.PolicyStatement[] {
    const exempt = this.breakGlass.length > 0 ? { ArnNotLike: { 'aws:PrincipalArn': this.breakGlass } } : {};
    const tagged = { StringEquals: { [`aws:ResourceTag/${this.tagKey}`]: this.tagValue } };
    return [
      new iam.PolicyStatement({
        sid: 'DeadboltDenyDestroyTagged',
        effect: iam.Effect.DENY,
        actions: [...TAGGED_ACTIONS, ...(this.denyModify ? MODIFY_ACTIONS : [])],
        resources: ['*'],
        conditions: { ...tagged, ...exempt },
      }),
      new iam.PolicyStatement({
        sid: 'DeadboltDenyDeleteAnywhere',
        effect: iam.Effect.DENY,
        actions: BACKUP_ACTIONS,
        resources: ['*'],
        conditions: exempt,
      }),
      new iam.PolicyStatement({
        sid: 'DeadboltDenyBucketDataLoss',
        effect: iam.Effect.DENY,
        actions: BUCKET_ACTIONS,
        resources: [...this.buckets, ...this.buckets.map((b) => `${b}/*`)],
        conditions: exempt,
      }),
      new iam.PolicyStatement({
        sid: 'DeadboltDenyProtectionTagChange',
        effect: iam.Effect.DENY,
        actions: TAG_ACTIONS,
        resources: ['*'],
        conditions: { ...tagged, 'ForAnyValue:StringEquals': { 'aws:TagKeys': [this.tagKey] }, ...exempt },
      }),
      new iam.PolicyStatement({
        // The Resource Groups Tagging API has no aws:ResourceTag key: the tag key alone is denied, on any resource.
        sid: 'DeadboltDenyProtectionTagChangeByTaggingApi',
        effect: iam.Effect.DENY,
        actions: ['tag:TagResources', 'tag:UntagResources'],
        resources: ['*'],
        conditions: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [this.tagKey] }, ...exempt },
      }),
    ];
  }

  /** A customer managed policy holding the statements, to attach to an agent's role (`policy.attachToRole(role)`). */
  public toManagedPolicy(scope: Construct, id: string): iam.ManagedPolicy {
    return new iam.ManagedPolicy(scope, id, {
      description: 'Deadbolt: denies deleting data and turning its protection off, except to break-glass principals.',
      statements: this.statements(),
    });
  }

  /**
   * A managed policy for `iam.PermissionsBoundary.of(role).apply(policy)`. A boundary grants nothing by itself, so
   * this one allows every action and keeps the denies: the role's own policies still decide what it may do.
   */
  public toPermissionsBoundary(scope: Construct, id: string): iam.ManagedPolicy {
    return new iam.ManagedPolicy(scope, id, {
      description:
        'Deadbolt permissions boundary: everything the role is granted, except deleting data and turning its protection off.',
      statements: [
        new iam.PolicyStatement({
          sid: 'DeadboltBoundaryAllow',
          effect: iam.Effect.ALLOW,
          actions: ['*'],
          resources: ['*'],
        }),
        ...this.statements(),
      ],
    });
  }

  /**
   * The statements as an AWS Organizations SCP document: minified JSON, no `Principal` (SCPs do not accept it; the
   * exemption is the `aws:PrincipalArn` condition). Attach it beside `FullAWSAccess`. Throws when the document is
   * larger than `SCP_MAX_BYTES` (too many break-glass or bucket ARNs).
   */
  public toScpDocument(): string {
    const stack = new Stack();
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: this.statements().map((s) => stack.resolve(s.toStatementJson())),
    });
    const bytes = Buffer.byteLength(doc, 'utf8');
    if (bytes > AgentGuardrailPolicy.SCP_MAX_BYTES) {
      throw new Error(
        `The SCP document is ${bytes} bytes, over the ${AgentGuardrailPolicy.SCP_MAX_BYTES}-byte limit of AWS Organizations: pass fewer \`breakGlassPrincipalArns\` or \`protectedBucketArns\` (use wildcards).`,
      );
    }
    return doc;
  }
}

/** Deletes and protection changes whose resource type evaluates `aws:ResourceTag`. */
const TAGGED_ACTIONS = [
  'rds:DeleteDBInstance',
  'rds:DeleteDBCluster',
  'dynamodb:DeleteTable',
  'elasticfilesystem:DeleteFileSystem',
  'elasticfilesystem:PutBackupPolicy',
  'cognito-idp:DeleteUserPool',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'cloudformation:DeleteStack',
  'cloudformation:UpdateTerminationProtection',
  'ec2:DeleteVolume',
  'backup:DeleteBackupVault',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
];

/** Calls that can turn protection off but have no condition key for the parameter that does it. */
const MODIFY_ACTIONS = [
  'rds:ModifyDBInstance',
  'rds:ModifyDBCluster',
  'dynamodb:UpdateTable',
  'dynamodb:UpdateContinuousBackups',
  'cognito-idp:UpdateUserPool',
];

/** Copies of data (and global clusters): denied on every resource, since copies do not reliably carry the source's tags. */
const BACKUP_ACTIONS = [
  // Not sure every partition evaluates aws:ResourceTag on global clusters: denied everywhere.
  'rds:DeleteGlobalCluster',
  'rds:DeleteDBSnapshot',
  'rds:DeleteDBClusterSnapshot',
  'rds:DeleteDBInstanceAutomatedBackup',
  'rds:DeleteDBClusterAutomatedBackup',
  'dynamodb:DeleteBackup',
  'ec2:DeleteSnapshot',
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
];

/** S3 calls that delete a bucket or let its object versions go. */
const BUCKET_ACTIONS = [
  's3:DeleteBucket',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:DeleteObjectVersion',
  's3:BypassGovernanceRetention',
];

/** Tag calls that could remove or change the protection tag (each service's own). */
const TAG_ACTIONS = [
  'rds:AddTagsToResource',
  'rds:RemoveTagsFromResource',
  'dynamodb:TagResource',
  'dynamodb:UntagResource',
  'elasticfilesystem:TagResource',
  'elasticfilesystem:UntagResource',
  'cognito-idp:TagResource',
  'cognito-idp:UntagResource',
  'kms:TagResource',
  'kms:UntagResource',
  'backup:TagResource',
  'backup:UntagResource',
  'ec2:CreateTags',
  'ec2:DeleteTags',
];
