/**
 * Tools that create whole application platforms on AWS, and delete them with
 * one command: `eksctl`, the Amplify CLI and the Copilot CLI. Each delete
 * removes CloudFormation stacks, and with them whatever storage the stacks
 * hold.
 *
 * - `amplify delete` deletes every environment of the project's backend, the
 *   S3 buckets and DynamoDB tables of its storage categories included, and
 *   `amplify env remove` one environment's: deny
 *   (https://docs.amplify.aws/gen1/javascript/tools/cli/commands/delete/).
 * - `copilot app delete` deletes every environment and service of an
 *   application, the storage addons (S3, DynamoDB, Aurora) included: deny.
 *   `copilot env delete`, `svc delete` and `job delete` delete the storage
 *   addons attached to that environment or workload, which the command does
 *   not show: ask (https://aws.github.io/copilot-cli/docs/commands/storage-init/).
 * - `eksctl delete cluster` deletes the cluster, its node groups and the load
 *   balancers of its Services; the volumes of its PersistentVolumeClaims are
 *   orphaned or deleted depending on their reclaim policy, and in any case no
 *   longer served: ask (https://eksctl.io/usage/creating-and-managing-clusters/).
 */
import type { Verdict } from './destructive-commands';
import type { Arg } from './tools';
import { judgeByPath, type PathRule } from './command-paths';

const UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'names its subcommand with a value computed when the line runs, so Deadbolt cannot tell what it deletes.',
  instead: 'Write the command out literally.',
};

const rule = (path: string, verdict: Verdict): PathRule => ({ path, verdict });

export const EKS_CLUSTER_DELETE: Verdict = {
  decision: 'ask',
  why: 'deletes a Kubernetes cluster: its workloads, node groups and the load balancers of its Services go, and the volumes behind its PersistentVolumeClaims are deleted (reclaim policy Delete) or left orphaned.',
  instead: "Back up the cluster's volumes (VolumeSnapshots or Velero) and have a human delete it.",
};

const EKSCTL_RULES: readonly PathRule[] = [rule('delete cluster', EKS_CLUSTER_DELETE)];
const EKSCTL_VALUE_FLAGS = new Set([
  '-n',
  '--name',
  '-r',
  '--region',
  '-p',
  '--profile',
  '-f',
  '--config-file',
  '--timeout',
  '-C',
  '--color',
  '-v',
  '--verbose',
]);

export function judgeEksctl(args: readonly Arg[]): Verdict | undefined {
  return judgeByPath(args, EKSCTL_RULES, EKSCTL_VALUE_FLAGS, UNKNOWN);
}

const AMPLIFY_INSTEAD =
  'Back up the data (S3 buckets, DynamoDB tables, Cognito users) and have a human delete the backend from the Amplify console.';
const AMPLIFY_RULES: readonly PathRule[] = [
  rule('delete', {
    decision: 'deny',
    why: 'deletes every environment of the Amplify backend in the cloud: its CloudFormation stacks, with the S3 buckets, DynamoDB tables and Cognito user pools of its categories.',
    instead: AMPLIFY_INSTEAD,
  }),
  rule('env remove', {
    decision: 'deny',
    why: "deletes an Amplify environment's backend: its CloudFormation stacks, with the S3 buckets, DynamoDB tables and Cognito user pools in it.",
    instead: AMPLIFY_INSTEAD,
  }),
];
const AMPLIFY_VALUE_FLAGS = new Set(['--profile', '--region', '--appId', '--envName']);

export function judgeAmplify(args: readonly Arg[]): Verdict | undefined {
  return judgeByPath(args, AMPLIFY_RULES, AMPLIFY_VALUE_FLAGS, UNKNOWN);
}

const COPILOT_INSTEAD =
  'Check the `addons/` folders for storage (S3, DynamoDB, Aurora), back it up, and have a human delete it.';
const COPILOT_WORKLOAD: Verdict = {
  decision: 'ask',
  why: 'deletes a Copilot workload or environment, with the storage addons (S3 buckets, DynamoDB tables, Aurora clusters) whose lifecycle is tied to it.',
  instead: COPILOT_INSTEAD,
};
const COPILOT_RULES: readonly PathRule[] = [
  rule('app delete', {
    decision: 'deny',
    why: 'deletes a Copilot application: every environment and service, with their storage addons (S3 buckets, DynamoDB tables, Aurora clusters).',
    instead: COPILOT_INSTEAD,
  }),
  ...['env delete', 'svc delete', 'job delete'].map((p) => rule(p, COPILOT_WORKLOAD)),
];
const COPILOT_VALUE_FLAGS = new Set(['-a', '--app', '-e', '--env', '-n', '--name']);

export function judgeCopilot(args: readonly Arg[]): Verdict | undefined {
  return judgeByPath(args, COPILOT_RULES, COPILOT_VALUE_FLAGS, UNKNOWN);
}
