/**
 * The AWS CLI's destructive calls, derived from the catalogue's table of data
 * stores (`@deadbolt/rules/data-stores`): every delete or protection-lowering
 * operation of every store the rules know, as the hook's verdicts. Loaded only
 * when a line runs `aws` (or a program calls an AWS SDK): building the table
 * costs a few milliseconds the other commands need not pay.
 */
import { DATA_STORES, type OptionCondition, type StoreOperation } from '@deadbolt/rules/data-stores';
import { HUMAN_ONLY, type Verdict } from './destructive-commands';

/** A condition on an AWS CLI call's arguments (the catalogue's own type). */
export type AwsCondition = OptionCondition;

export interface AwsRule extends Verdict {
  /** When given, the rule applies only if one of them holds; otherwise the call is allowed. */
  readonly when?: readonly AwsCondition[];
  /** The verdict when the rule's conditions do not hold (`secretsmanager delete-secret` without `--force-delete-without-recovery`). */
  readonly otherwise?: Verdict;
}

const KEEP_PROTECTION = 'Keep the protection on; change it in the infrastructure code, where the change is reviewed.';
const REVIEW_IN_CODE = 'Make the change in the infrastructure code, where it is reviewed.';

/** The hook's verdict for one operation of the catalogue's data-store table. */
function verdictFor(op: StoreOperation): AwsRule {
  const rule = ((): Verdict => {
    switch (op.effect) {
      case 'deletes':
        return { decision: 'deny', why: `deletes ${op.what}.`, instead: HUMAN_ONLY };
      case 'unprotects':
        return {
          decision: 'deny',
          why: `switches off ${op.what}, the setting that keeps the data from being deleted.`,
          instead: KEEP_PROTECTION,
        };
      case 'locks-out':
        return { decision: 'deny', why: op.what, instead: HUMAN_ONLY };
      case 'may-delete':
        return { decision: 'ask', why: op.what, instead: HUMAN_ONLY };
      case 'reconfigures':
        return { decision: 'ask', why: op.what, instead: REVIEW_IN_CODE };
    }
  })();
  return {
    ...rule,
    ...(op.when ? { when: op.when } : {}),
    ...(op.otherwise ? { otherwise: { decision: 'ask', why: op.otherwise.what, instead: HUMAN_ONLY } } : {}),
  };
}

/** Calls that are not a data store's but run or delete whole stacks. */
const AWS_DEPLOYS: Readonly<Record<string, Readonly<Record<string, AwsRule>>>> = {
  cloudformation: {
    'execute-change-set': {
      decision: 'ask',
      why: 'executes a change set; it may replace or delete resources that hold data.',
      instead:
        'Check it first: `aws cloudformation describe-change-set --stack-name STACK --change-set-name NAME --include-property-values > cs.json && npx deadbolt plan cs.json`.',
    },
    deploy: {
      decision: 'ask',
      why: 'creates and executes a change set without showing it; replaced resources are deleted.',
      instead:
        'Deploy with `--no-execute-changeset`, then check the change set it names: `aws cloudformation describe-change-set --change-set-name CHANGE_SET_ARN --include-property-values > cs.json && npx deadbolt plan cs.json`.',
    },
  },
  // An EKS cluster's volumes are EBS volumes its PersistentVolumes name: deleting the cluster leaves them
  // orphaned or (reclaim policy Delete, via the driver's clean-up) deleted, and no longer served.
  eks: {
    'delete-cluster': {
      decision: 'ask',
      why: 'deletes an EKS cluster: its workloads go, and the EBS volumes behind its PersistentVolumeClaims are left orphaned or deleted.',
      instead: "Back up the cluster's volumes (VolumeSnapshots or Velero) and have a human delete it.",
    },
  },
};

function awsRules(): Record<string, Record<string, AwsRule>> {
  const out: Record<string, Record<string, AwsRule>> = {};
  for (const store of DATA_STORES) {
    for (const op of store.operations) (out[op.service] ??= {})[op.operation] = verdictFor(op);
  }
  for (const [service, ops] of Object.entries(AWS_DEPLOYS)) Object.assign((out[service] ??= {}), ops);
  return out;
}

/**
 * `aws SERVICE OPERATION`: calls that delete data stores, snapshots, recovery
 * points, vaults, keys or stacks, or switch protection off, derived from the
 * catalogue's table of data stores (`@deadbolt/rules/data-stores`).
 */
export const AWS: Readonly<Record<string, Readonly<Record<string, AwsRule>>>> = awsRules();

/**
 * Services whose unlisted `delete-*` operations are routine (a log stream, a queue's message, a key alias, an
 * image tag, a branch, a security group, a change set): they do not get the "ask" that other data services'
 * unknown deletes get. Their data-holding deletes are listed (`ec2 delete-volume`, `cloudformation delete-stack`).
 */
const ROUTINE_DELETES = new Set([
  'logs',
  'ecr',
  'kms',
  'sqs',
  'codecommit',
  'cloudtrail',
  'emr',
  'organizations',
  'iotanalytics',
  'ec2',
  'cloudformation',
  'eks',
]);

/** AWS services whose unlisted `delete-*` operations get "ask": they hold data, and a new operation may delete it. */
export const AWS_DATA_SERVICES = new Set(Object.keys(AWS).filter((s) => !ROUTINE_DELETES.has(s)));

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
