/**
 * The catalogue of commands the Claude Code hook stops: data only. Each entry
 * says why the command loses data and what to do instead; `tools.ts` reads
 * the command line against it.
 *
 * "deny": the command deletes data, or removes what protects it, with nobody
 * looking. "ask": it may, and only a human can tell (a saved plan, a state
 * edit, a deploy that applies whatever changed).
 */

export type Decision = 'deny' | 'ask';

export interface Verdict {
  readonly decision: Decision;
  /** One sentence of consequence: how the data is lost. */
  readonly why: string;
  /** What to do instead. */
  readonly instead: string;
}

export { GUARDED_TOOLS } from './guarded-tools';

const PLAN_FIRST = 'Save a plan (`terraform plan -out=tfplan`), check it with `deadbolt plan tfplan`, and have a human review and apply it.';
const PULUMI_FIRST = 'Run `pulumi preview --json > preview.json`, check it with `deadbolt plan preview.json`, and have a human run the update.';
const HUMAN_ONLY = 'If it really has to go, a human runs it, after checking that a final snapshot or backup exists in another account.';

export const TERRAFORM = {
  destroy: {
    decision: 'deny',
    why: 'destroys every resource in the workspace, databases, buckets and their backups included.',
    instead: `${PLAN_FIRST} To see what a destroy would delete: \`terraform plan -destroy\`.`,
  },
  applyDestroy: {
    decision: 'deny',
    why: 'is a destroy: it deletes every resource in the workspace, databases and buckets included.',
    instead: `${PLAN_FIRST} To see what a destroy would delete: \`terraform plan -destroy\`.`,
  },
  autoApprove: {
    decision: 'deny',
    why: 'applies whatever the plan contains without showing it to anyone; a replaced or removed database is deleted with its automated backups.',
    instead: PLAN_FIRST,
  },
  stdinApproval: {
    decision: 'deny',
    why: 'answers the approval prompt from a pipe or here-document, so the plan is applied without anyone reading it.',
    instead: PLAN_FIRST,
  },
  savedPlan: {
    decision: 'ask',
    why: 'applies a saved plan without a prompt; a saved plan may replace or destroy resources that hold data.',
    instead: 'Check the plan first: `terraform show -json PLANFILE > plan.json && deadbolt plan plan.json`.',
  },
  workspaceDelete: {
    decision: 'deny',
    why: 'deletes a workspace and its state: Terraform forgets every resource in it.',
    instead: 'A human deletes workspaces, after `terraform state list` shows the workspace is empty.',
  },
  stateEdit: {
    decision: 'ask',
    why: 'edits the state by hand; a resource removed or moved in the state can be destroyed or duplicated by the next apply.',
    instead: 'Prefer `removed`, `moved` and `import` blocks in the configuration, reviewed in a plan.',
  },
  taint: {
    decision: 'ask',
    why: 'marks a resource for replacement: the next apply deletes it and creates a new, empty one.',
    instead: 'Use `terraform plan -replace=ADDRESS` so the replacement is shown in a reviewed plan.',
  },
  unknownArguments: {
    decision: 'ask',
    why: 'runs with a subcommand or options computed when the line runs, so Deadbolt cannot tell whether it destroys anything.',
    instead: 'Write the subcommand and options out literally.',
  },
  terragruntAll: {
    decision: 'deny',
    why: 'applies every module under the directory, and Terragrunt passes `-auto-approve` to each one.',
    instead: `Plan each module (\`terragrunt run --all plan -- -out=tfplan\`), check the plans with \`deadbolt plan\`, and have a human apply them.`,
  },
} satisfies Record<string, Verdict>;

export const PULUMI = {
  destroy: {
    decision: 'deny',
    why: 'deletes every resource in the stack, databases and buckets included (protected resources excepted).',
    instead: `To see what it would delete: \`pulumi destroy --preview-only\`. ${PULUMI_FIRST}`,
  },
  autoApprove: {
    decision: 'deny',
    why: 'applies the update without showing the preview to anyone; a replaced database or bucket is deleted.',
    instead: PULUMI_FIRST,
  },
  stackRm: {
    decision: 'deny',
    why: 'removes the stack; with `--force` it drops the state of resources that still exist, and Pulumi no longer protects them.',
    instead: 'A human removes stacks, after `pulumi stack --show-urns` shows the stack is empty.',
  },
  stateDelete: {
    decision: 'deny',
    why: 'removes resources from the state (with `--force`, protected ones too): Pulumi forgets them, and the next update may create duplicates or lose track of the data.',
    instead: 'Use `pulumi refresh` or the `retainOnDelete` option, reviewed in a preview.',
  },
  unprotect: {
    decision: 'deny',
    why: 'clears `protect` on resources, so the next update or destroy can delete them.',
    instead: 'Change `protect` in the program, where the change is reviewed, and check the preview with `deadbolt plan`.',
  },
  ignoreProtect: {
    decision: 'deny',
    why: 'asks Pulumi to ignore `protect`, the flag that keeps databases and buckets from being deleted.',
    instead: 'Change `protect` in the program, where the change is reviewed.',
  },
  stateEdit: {
    decision: 'ask',
    why: 'edits the stack state by hand; a resource lost from the state is no longer protected or tracked.',
    instead: 'Prefer aliases and `import` in the program, reviewed in a preview.',
  },
  unknownArguments: {
    decision: 'ask',
    why: 'runs with a subcommand or options computed when the line runs, so Deadbolt cannot tell whether it destroys anything.',
    instead: 'Write the subcommand and options out literally.',
  },
} satisfies Record<string, Verdict>;

export const CDK = {
  destroy: {
    decision: 'deny',
    why: 'deletes the CloudFormation stacks; every resource whose DeletionPolicy is not Retain or Snapshot is deleted, databases and buckets included.',
    instead: 'A human runs `cdk destroy`, after `deadbolt check cdk.out` shows every stateful resource is retained.',
  },
  deploy: {
    decision: 'ask',
    why: 'deploys without showing the changes; CloudFormation deletes replaced resources, a database included, unless UpdateReplacePolicy keeps them.',
    instead: 'Run `cdk diff` and `deadbolt check cdk.out` first, or deploy with `--method=prepare-change-set` and check the change set with `deadbolt plan`.',
  },
  unknownArguments: {
    decision: 'ask',
    why: 'runs with a subcommand computed when the line runs, so Deadbolt cannot tell whether it destroys anything.',
    instead: 'Write the subcommand out literally.',
  },
} satisfies Record<string, Verdict>;

export const CDKTF = {
  destroy: TERRAFORM.destroy,
  autoApprove: TERRAFORM.autoApprove,
  unknownArguments: TERRAFORM.unknownArguments,
} satisfies Record<string, Verdict>;

export const SAM = {
  delete: {
    decision: 'deny',
    why: 'deletes the CloudFormation stack and every resource in it that is not retained.',
    instead: HUMAN_ONLY,
  },
  deploy: {
    decision: 'ask',
    why: 'executes the change set without showing it; replaced resources are deleted.',
    instead: 'Deploy with `--no-execute-changeset` and check the change set with `deadbolt plan`.',
  },
} satisfies Record<string, Verdict>;

export const SERVERLESS = {
  remove: {
    decision: 'deny',
    why: 'deletes the service\'s CloudFormation stack and every resource in it that is not retained.',
    instead: HUMAN_ONLY,
  },
} satisfies Record<string, Verdict>;

/** A condition on an AWS CLI call's arguments. */
export type AwsCondition =
  /** The flag is present (`--no-deletion-protection`). */
  | { readonly flag: string }
  /** The option's value matches (`--versioning-configuration Status=Suspended`). */
  | { readonly option: string; readonly value: RegExp };

export interface AwsRule extends Verdict {
  /** When given, the rule applies only if one of them holds; otherwise the call is allowed. */
  readonly when?: readonly AwsCondition[];
  /** The verdict when the rule's conditions do not hold (`secretsmanager delete-secret` without `--force-delete-without-recovery`). */
  readonly otherwise?: Verdict;
}

const deletes = (what: string): AwsRule => ({
  decision: 'deny',
  why: `deletes ${what}.`,
  instead: HUMAN_ONLY,
});

const protectionOff = (what: string, conditions?: readonly AwsCondition[]): AwsRule => ({
  decision: 'deny',
  why: `switches off ${what}, the setting that keeps the data from being deleted.`,
  instead: 'Keep the protection on; change it in the infrastructure code, where the change is reviewed.',
  ...(conditions ? { when: conditions } : {}),
});

const NO_DELETION_PROTECTION: readonly AwsCondition[] = [{ flag: '--no-deletion-protection' }];

const RDS_LIKE: Record<string, AwsRule> = {
  'delete-db-instance': deletes('a database instance (and, unless kept, its automated backups)'),
  'delete-db-cluster': deletes('a database cluster (and, unless kept, its automated backups)'),
  'delete-db-snapshot': deletes('a database snapshot'),
  'delete-db-cluster-snapshot': deletes('a cluster snapshot'),
  'delete-global-cluster': deletes('a global database cluster'),
  'modify-db-cluster': protectionOff('deletion protection on a database cluster', NO_DELETION_PROTECTION),
  'modify-global-cluster': protectionOff('deletion protection on a global cluster', NO_DELETION_PROTECTION),
};

/** `aws SERVICE OPERATION`: calls that delete data stores, snapshots, recovery points, vaults, keys or stacks, or switch protection off. */
export const AWS: Readonly<Record<string, Readonly<Record<string, AwsRule>>>> = {
  rds: {
    ...RDS_LIKE,
    'delete-db-instance-automated-backup': deletes('retained automated backups of a database instance'),
    'delete-db-cluster-automated-backup': deletes('retained automated backups of a database cluster'),
    'delete-db-shard-group': deletes('a database shard group and its data'),
    'delete-tenant-database': deletes('a tenant database'),
    'modify-db-instance': {
      ...protectionOff('deletion protection or automated backups on a database instance', [
        { flag: '--no-deletion-protection' },
        { option: '--backup-retention-period', value: /^0+$/ },
      ]),
    },
  },
  docdb: { ...RDS_LIKE, 'delete-db-instance': deletes('a DocumentDB instance') },
  neptune: { ...RDS_LIKE, 'delete-db-instance': deletes('a Neptune instance') },
  'docdb-elastic': { 'delete-cluster': deletes('a DocumentDB elastic cluster'), 'delete-cluster-snapshot': deletes('a DocumentDB elastic cluster snapshot') },
  dynamodb: {
    'delete-table': deletes('a DynamoDB table and all its items'),
    'delete-backup': deletes('a DynamoDB backup'),
    'update-table': {
      ...protectionOff('deletion protection on a DynamoDB table, or a replica', [
        { flag: '--no-deletion-protection-enabled' },
        { option: '--deletion-protection-enabled', value: /^false$/i },
        { option: '--replica-updates', value: /Delete/ },
      ]),
    },
    'update-continuous-backups': protectionOff('point-in-time recovery on a DynamoDB table', [
      { option: '--point-in-time-recovery-specification', value: /PointInTimeRecoveryEnabled["']?\s*[=:]\s*false/i },
    ]),
  },
  s3: {
    rb: deletes('an S3 bucket (with `--force`, every object in it first)'),
    rm: {
      ...deletes('every object under the prefix'),
      when: [{ flag: '--recursive' }],
      otherwise: { decision: 'ask', why: 'deletes an S3 object.', instead: HUMAN_ONLY },
    },
    sync: {
      ...deletes('objects in the destination that are missing from the source'),
      when: [{ flag: '--delete' }],
    },
  },
  s3api: {
    'delete-bucket': deletes('an S3 bucket'),
    'delete-objects': deletes('S3 objects (or object versions)'),
    'delete-object': { decision: 'ask', why: 'deletes an S3 object (or, with `--version-id`, a version for good).', instead: HUMAN_ONLY },
    'put-bucket-versioning': protectionOff('versioning on a bucket', [{ option: '--versioning-configuration', value: /Suspended/ }]),
    'delete-bucket-replication': protectionOff('replication of a bucket (the copy kept elsewhere)'),
    'put-bucket-lifecycle-configuration': {
      decision: 'ask',
      why: 'replaces the bucket\'s lifecycle rules; an expiration rule deletes objects.',
      instead: 'Change lifecycle rules in the infrastructure code, where the change is reviewed.',
    },
  },
  backup: {
    'delete-backup-vault': deletes('an AWS Backup vault'),
    'delete-recovery-point': deletes('a recovery point (a backup)'),
    'delete-backup-vault-lock-configuration': protectionOff('the vault lock'),
    'delete-backup-vault-access-policy': protectionOff('the vault access policy (which may deny deleting recovery points)'),
    'put-backup-vault-access-policy': {
      decision: 'ask',
      why: 'replaces the vault access policy, which may be what denies deleting recovery points.',
      instead: 'Change vault policies in the infrastructure code, where the change is reviewed.',
    },
    'delete-backup-plan': {
      decision: 'ask',
      why: 'deletes a backup plan: no new backups are taken.',
      instead: 'Change backup plans in the infrastructure code, where the change is reviewed.',
    },
    'delete-backup-selection': {
      decision: 'ask',
      why: 'removes resources from a backup plan: they are no longer backed up.',
      instead: 'Change backup selections in the infrastructure code, where the change is reviewed.',
    },
    'update-recovery-point-lifecycle': {
      decision: 'ask',
      why: 'changes when a recovery point expires; a shorter retention deletes it sooner.',
      instead: HUMAN_ONLY,
    },
  },
  kms: {
    'schedule-key-deletion': deletes('a KMS key after the waiting period; everything encrypted under it, snapshots and recovery points included, becomes unreadable for good'),
    'disable-key': {
      decision: 'deny',
      why: 'disables a KMS key: everything encrypted under it becomes unreadable until it is enabled again.',
      instead: HUMAN_ONLY,
    },
    'delete-imported-key-material': deletes('the key material of a KMS key; data encrypted under it is unreadable until the same material is imported again'),
  },
  cloudformation: {
    'delete-stack': deletes('a CloudFormation stack and every resource in it that is not retained'),
    'delete-stack-instances': deletes('stack instances of a StackSet (unless `--retain-stacks`)'),
    'delete-stack-set': deletes('a StackSet'),
    'update-termination-protection': protectionOff('termination protection on a stack', [{ flag: '--no-enable-termination-protection' }]),
    'execute-change-set': {
      decision: 'ask',
      why: 'executes a change set; it may replace or delete resources that hold data.',
      instead: 'Check it first: `aws cloudformation describe-change-set … > cs.json && deadbolt plan cs.json`.',
    },
    deploy: {
      decision: 'ask',
      why: 'creates and executes a change set without showing it; replaced resources are deleted.',
      instead: 'Deploy with `--no-execute-changeset` and check the change set with `deadbolt plan`.',
    },
  },
  efs: {
    'delete-file-system': deletes('an EFS file system'),
    'put-backup-policy': protectionOff('automatic backups of an EFS file system', [{ option: '--backup-policy', value: /DISABLED/i }]),
  },
  ec2: {
    'delete-volume': deletes('an EBS volume'),
    'delete-snapshot': deletes('an EBS snapshot'),
    'terminate-instances': {
      decision: 'ask',
      why: 'terminates instances; volumes with DeleteOnTermination (the root volume by default) are deleted with them.',
      instead: HUMAN_ONLY,
    },
    'modify-instance-attribute': protectionOff('termination protection on an instance', [
      { flag: '--no-disable-api-termination' },
      { option: '--disable-api-termination', value: /false/i },
    ]),
  },
  redshift: {
    'delete-cluster': deletes('a Redshift cluster'),
    'delete-cluster-snapshot': deletes('a Redshift snapshot'),
  },
  'redshift-serverless': {
    'delete-namespace': deletes('a Redshift Serverless namespace and its data'),
    'delete-snapshot': deletes('a Redshift Serverless snapshot'),
    'delete-recovery-point': deletes('a Redshift Serverless recovery point'),
  },
  elasticache: {
    'delete-replication-group': deletes('an ElastiCache replication group'),
    'delete-cache-cluster': deletes('an ElastiCache cluster'),
    'delete-serverless-cache': deletes('an ElastiCache serverless cache'),
    'delete-global-replication-group': deletes('an ElastiCache global datastore'),
    'delete-snapshot': deletes('an ElastiCache snapshot'),
    'delete-serverless-cache-snapshot': deletes('an ElastiCache serverless snapshot'),
  },
  memorydb: {
    'delete-cluster': deletes('a MemoryDB cluster'),
    'delete-snapshot': deletes('a MemoryDB snapshot'),
  },
  dsql: {
    'delete-cluster': deletes('an Aurora DSQL cluster'),
    'update-cluster': protectionOff('deletion protection on an Aurora DSQL cluster', [{ flag: '--no-deletion-protection-enabled' }]),
  },
  'cognito-idp': {
    'delete-user-pool': deletes('a Cognito user pool and every user in it'),
    'update-user-pool': protectionOff('deletion protection on a user pool', [{ option: '--deletion-protection', value: /INACTIVE/i }]),
  },
  logs: {
    'delete-log-group': deletes('a log group and every log event in it'),
  },
  secretsmanager: {
    'delete-secret': {
      decision: 'deny',
      why: 'deletes a secret at once, with no recovery window.',
      instead: HUMAN_ONLY,
      when: [{ flag: '--force-delete-without-recovery' }, { option: '--recovery-window-in-days', value: /^0+$/ }],
      otherwise: { decision: 'ask', why: 'schedules a secret for deletion (recoverable for 7 to 30 days).', instead: HUMAN_ONLY },
    },
  },
  opensearch: { 'delete-domain': deletes('an OpenSearch domain and its indexes') },
  es: { 'delete-elasticsearch-domain': deletes('an Elasticsearch domain and its indexes') },
  fsx: { 'delete-file-system': deletes('an FSx file system'), 'delete-backup': deletes('an FSx backup'), 'delete-volume': deletes('an FSx volume') },
  glacier: { 'delete-vault': deletes('a Glacier vault'), 'delete-archive': deletes('a Glacier archive') },
  keyspaces: { 'delete-keyspace': deletes('a Keyspaces keyspace'), 'delete-table': deletes('a Keyspaces table') },
  'timestream-write': { 'delete-database': deletes('a Timestream database'), 'delete-table': deletes('a Timestream table') },
  qldb: { 'delete-ledger': deletes('a QLDB ledger') },
  kinesis: { 'delete-stream': deletes('a Kinesis stream and the records in it') },
  ecr: { 'delete-repository': deletes('an ECR repository (with `--force`, its images too)'), 'batch-delete-image': deletes('ECR images') },
  lightsail: { 'delete-relational-database': deletes('a Lightsail database'), 'delete-relational-database-snapshot': deletes('a Lightsail database snapshot') },
};

/** AWS services whose unlisted `delete-*` operations get "ask": they hold data, and a new operation may delete it. */
export const AWS_DATA_SERVICES = new Set(Object.keys(AWS).filter((s) => s !== 'logs' && s !== 'ecr' && s !== 'kms'));

export const AWS_UNLISTED_DELETE: Verdict = {
  decision: 'ask',
  why: 'deletes something in a service that stores data.',
  instead: HUMAN_ONLY,
};

export const AWS_HIDDEN_PARAMETERS: Verdict = {
  decision: 'ask',
  why: 'takes its parameters from `--cli-input-json`/`--cli-input-yaml`, so Deadbolt cannot see whether it switches protection off.',
  instead: 'Pass the parameters as options.',
};

export const AWS_UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'names its service, operation or options with values computed when the line runs, so Deadbolt cannot tell what it deletes.',
  instead: 'Write the service, operation and options out literally.',
};

/** Verdicts for what the hook cannot see through. */
export const OPAQUE = {
  dynamicCommand: {
    decision: 'ask',
    why: 'runs a command whose name is computed when the line runs (a variable, a substitution, a glob), so Deadbolt cannot tell which program it is.',
    instead: 'Write the command name out literally.',
  },
  shellFromPipe: {
    decision: 'ask',
    why: 'feeds a shell commands that only exist when the line runs (a pipe, a decoded or downloaded script), so Deadbolt cannot read them.',
    instead: 'Write the commands out, or save the script to a file a human can read first.',
  },
  dynamicCode: {
    decision: 'ask',
    why: 'runs shell code built when the line runs (`eval` of a variable, `sh -c "$x"`), so Deadbolt cannot read it.',
    instead: 'Write the commands out literally.',
  },
  inlineCode: {
    decision: 'ask',
    why: 'runs inline code that mentions an infrastructure tool or starts processes from decoded or computed strings; Deadbolt does not read programs.',
    instead: 'Run the tool directly, so the hook can check the command.',
  },
  unreadableScript: {
    decision: 'ask',
    why: 'runs a shell script Deadbolt cannot read (missing, too large, or not a regular file).',
    instead: 'Make sure the script exists before running it, so the hook can read it.',
  },
  wrapped: {
    decision: 'ask',
    why: 'passes an infrastructure command to another program, which may run it.',
    instead: 'Run the tool directly, so the hook can check the command.',
  },
  incomplete: {
    decision: 'ask',
    why: 'could not be fully parsed, and it mentions an infrastructure tool or builds commands at run time.',
    instead: 'Write the command line out plainly (check the quotes).',
  },
  tooDeep: {
    decision: 'ask',
    why: 'nests shells within shells too deeply for Deadbolt to follow.',
    instead: 'Write the commands out without nesting.',
  },
} satisfies Record<string, Verdict>;
