/**
 * Which infrastructure commands change something, as data. Each tool lists
 * what only reads (or only touches local files: `terraform init`,
 * `kubectl config`, `gcloud auth`); everything else counts as a change, so a
 * subcommand Deadbolt has never heard of asks under a production marker
 * rather than slipping through.
 */
import { AWS_GLOBAL_VALUE_OPTIONS } from '../knowledge/aws-global-options';
import type { Arg } from '../knowledge/tools';

/** A command that changes infrastructure: the tool and the words that name the operation (`terraform apply`). */
export interface Mutation {
  readonly tool: string;
  readonly operation: string;
}

/** Terraform/OpenTofu subcommands that only read or touch local files. @see https://developer.hashicorp.com/terraform/cli/commands */
export const TERRAFORM_READ = new Set([
  'init',
  'plan',
  'validate',
  'fmt',
  'output',
  'show',
  'graph',
  'providers',
  'version',
  'console',
  'get',
  'login',
  'logout',
  'metadata',
  'modules',
  'help',
  'workspace',
  'state',
  'query',
]);
/** `terraform workspace …` actions that change nothing in the cloud (`delete` forgets a state). */
export const TERRAFORM_WORKSPACE_READ = new Set(['list', 'show', 'select', 'new']);
/** `terraform state …` actions that only read. */
export const TERRAFORM_STATE_READ = new Set(['list', 'show', 'pull', 'identities']);
/** Terragrunt's own commands that only read or render. @see https://terragrunt.gruntwork.io/docs/reference/cli/ */
export const TERRAGRUNT_READ = new Set([
  'hclfmt',
  'hcl',
  'render-json',
  'render',
  'graph-dependencies',
  'dag',
  'validate-inputs',
  'terragrunt-info',
  'info',
  'find',
  'list',
  'catalog',
  'scaffold',
  'output-all',
  'plan-all',
  'validate-all',
  'exec',
  'help',
  'version',
  'generate',
  'clean',
]);
const TERRAFORM_VALUE_OPTIONS = new Set(['-chdir']);

/** Pulumi commands that only read or touch local files. @see https://www.pulumi.com/docs/iac/cli/commands/ */
export const PULUMI_READ = new Set([
  'preview',
  'pre',
  'about',
  'version',
  'whoami',
  'login',
  'logout',
  'config',
  'plugin',
  'package',
  'policy',
  'new',
  'convert',
  'gen-completion',
  'help',
  'logs',
  'schema',
  'console',
  'org',
  'env',
  'install',
  'template',
  'view-trace',
  'ai',
  'stack',
  'state',
]);
/** `pulumi stack …` actions that change what is deployed or its state. */
export const PULUMI_STACK_MUTATING = new Set(['rm', 'remove', 'import', 'rename', 'change-secrets-provider']);
/** `pulumi state …` actions that only read (every other state action edits the state). */
export const PULUMI_STATE_READ = new Set<string>([]);
const PULUMI_VALUE_OPTIONS = new Set([
  '-C',
  '--cwd',
  '-s',
  '--stack',
  '--color',
  '-v',
  '--verbose',
  '--tracing',
  '--config-file',
  '--profiling',
  '--memprofilerate',
]);

/** AWS CDK commands that only read, synthesize or touch local files. @see https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd.html */
export const CDK_READ = new Set([
  'synth',
  'synthesize',
  'diff',
  'list',
  'ls',
  'doctor',
  'context',
  'acknowledge',
  'ack',
  'notices',
  'init',
  'docs',
  'doc',
  'metadata',
  'flags',
  'drift',
  'migrate',
  'version',
  'cli-telemetry',
  'help',
]);
const CDK_VALUE_OPTIONS = new Set([
  '-a',
  '--app',
  '-c',
  '--context',
  '--profile',
  '-p',
  '--plugin',
  '-o',
  '--output',
  '-r',
  '--role-arn',
  '--toolkit-stack-name',
  '--ca-bundle-path',
  '--proxy',
]);
/** CDK for Terraform commands that only read or synthesize. */
export const CDKTF_READ = new Set([
  'synth',
  'diff',
  'plan',
  'get',
  'init',
  'list',
  'output',
  'convert',
  'provider',
  'debug',
  'login',
  'help',
]);
/** AWS SAM CLI commands that only build, validate or run locally. @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-command-reference.html */
export const SAM_READ = new Set([
  'build',
  'validate',
  'init',
  'local',
  'logs',
  'list',
  'package',
  'traces',
  'docs',
  'help',
]);
/** Serverless Framework commands that only package or read. */
export const SERVERLESS_READ = new Set([
  'package',
  'print',
  'info',
  'logs',
  'metrics',
  'offline',
  'plugin',
  'create',
  'install',
  'login',
  'logout',
  'doctor',
  'config',
  'help',
  'version',
  'support',
]);

/** AWS CLI operations that only read, by prefix. @see https://docs.aws.amazon.com/cli/latest/reference/ */
export const AWS_READ_PREFIXES = [
  'describe-',
  'list-',
  'get-',
  'head-',
  'batch-get-',
  'search-',
  'lookup-',
  'filter-',
  'validate-',
  'estimate-',
  'preview-',
  'simulate-',
  'test-',
  'check-',
  'detect-',
  'discover-',
  'verify-',
  'view-',
  'download-',
  'generate-',
  'decode-',
  'query-',
] as const;
/** AWS CLI operations that only read, by exact name, per service (`*`: every service). */
export const AWS_READ_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  '*': ['help', 'wait'],
  dynamodb: ['query', 'scan'],
  logs: ['tail', 'start-query', 'stop-query', 'start-live-tail'],
  s3: ['ls', 'presign'],
  sts: ['assume-role', 'assume-role-with-saml', 'assume-role-with-web-identity', 'decode-authorization-message'],
  cloudformation: ['package'],
  eks: ['update-kubeconfig'],
  ecr: ['get-login-password'],
  kms: ['decrypt', 'encrypt', 'verify', 'sign'],
  athena: ['get-query-results'],
};
/** Services that only configure the CLI on this machine or sign in. */
export const AWS_LOCAL_SERVICES = new Set(['configure', 'sso', 'help', 'history', 'cli-dev']);
/** AWS CLI `s3` commands that copy: a change only when the destination is a bucket. */
const AWS_S3_COPIES = new Set(['cp', 'sync']);
/** kubectl commands that only read or touch the local kubeconfig. @see https://kubernetes.io/docs/reference/kubectl/ */
export const KUBECTL_READ = new Set([
  'get',
  'describe',
  'logs',
  'top',
  'explain',
  'api-resources',
  'api-versions',
  'cluster-info',
  'version',
  'config',
  'diff',
  'wait',
  'events',
  'port-forward',
  'proxy',
  'completion',
  'plugin',
  'help',
  'kustomize',
  'options',
  'auth',
]);
/** `kubectl rollout …` and `kubectl auth …` actions that only read. */
const KUBECTL_SUBACTION_READ: Readonly<Record<string, ReadonlySet<string>>> = {
  rollout: new Set(['status', 'history']),
  auth: new Set(['can-i', 'whoami']),
};
const KUBECTL_VALUE_OPTIONS = new Set([
  '--context',
  '--kubeconfig',
  '-n',
  '--namespace',
  '--cluster',
  '--user',
  '-s',
  '--server',
  '--token',
  '--as',
  '--as-group',
  '--as-uid',
  '--cache-dir',
  '--certificate-authority',
  '--client-certificate',
  '--client-key',
  '--request-timeout',
  '--tls-server-name',
  '-v',
  '--v',
]);

/** Helm commands that only read, render or touch local files. @see https://helm.sh/docs/helm/ */
export const HELM_READ = new Set([
  'list',
  'ls',
  'status',
  'get',
  'history',
  'hist',
  'show',
  'inspect',
  'search',
  'repo',
  'template',
  'lint',
  'version',
  'env',
  'help',
  'completion',
  'dependency',
  'dep',
  'pull',
  'fetch',
  'package',
  'verify',
  'plugin',
  'registry',
  'create',
  'diff',
  'push',
]);
const HELM_VALUE_OPTIONS = new Set([
  '--kube-context',
  '--kubeconfig',
  '-n',
  '--namespace',
  '--kube-apiserver',
  '--kube-token',
  '--kube-as-user',
  '--kube-as-group',
  '--kube-ca-file',
  '--registry-config',
  '--repository-cache',
  '--repository-config',
]);

/** gcloud groups that only configure the CLI on this machine or sign in. @see https://cloud.google.com/sdk/gcloud/reference */
export const GCLOUD_LOCAL_GROUPS = new Set([
  'config',
  'auth',
  'components',
  'info',
  'help',
  'version',
  'init',
  'topic',
  'feedback',
  'survey',
  'cheat-sheet',
  'meta',
  'emulators',
  'docker',
]);
/** gcloud command words that only read. */
export const GCLOUD_READ_VERBS = new Set([
  'list',
  'describe',
  'ls',
  'cat',
  'read',
  'tail',
  'explain',
  'lookup',
  'test-iam-permissions',
  'du',
  'hash',
  'sign-url',
  'print-access-token',
  'print-identity-token',
]);
export const GCLOUD_READ_PREFIXES = ['get-', 'list-', 'describe-', 'search-', 'print-', 'check-', 'validate-'] as const;
/** gcloud command words that change something (any other unrecognized command changes something too). */
export const GCLOUD_MUTATING_VERBS = new Set([
  'create',
  'delete',
  'update',
  'patch',
  'deploy',
  'set',
  'unset',
  'import',
  'export',
  'restore',
  'clone',
  'start',
  'stop',
  'reset',
  'resize',
  'restart',
  'failover',
  'promote',
  'rollback',
  'enable',
  'disable',
  'run',
  'execute',
  'submit',
  'cancel',
  'apply',
  'move',
  'rename',
  'upgrade',
  'undelete',
  'replace',
  'ssh',
  'scp',
  'cp',
  'mv',
  'rm',
  'rsync',
  'call',
  'publish',
  'invoke',
  'suspend',
  'resume',
  'switchover',
  'add',
  'remove',
]);
const GCLOUD_TRACKS = new Set(['alpha', 'beta', 'preview']);
const GCLOUD_VALUE_OPTIONS = new Set([
  '--project',
  '--account',
  '--configuration',
  '--format',
  '--verbosity',
  '--region',
  '--zone',
  '--impersonate-service-account',
  '--billing-project',
  '--flags-file',
  '--flatten',
  '--trace-token',
]);

/** Azure CLI groups that only configure the CLI on this machine or sign in. @see https://learn.microsoft.com/cli/azure/reference-index */
export const AZ_LOCAL_GROUPS = new Set([
  'login',
  'logout',
  'account',
  'config',
  'extension',
  'version',
  'upgrade',
  'find',
  'interactive',
  'feedback',
  'survey',
  'cloud',
  'init',
  'bicep',
  'self-test',
  'help',
  'cache',
]);
/** az command words that only read. */
export const AZ_READ_VERBS = new Set([
  'list',
  'show',
  'exists',
  'wait',
  'what-if',
  'validate',
  'query',
  'download',
  'tail',
  'browse',
  'check-name',
  'check-name-availability',
]);
export const AZ_READ_PREFIXES = ['get-', 'list-', 'show-', 'check-'] as const;
export const AZ_MUTATING_VERBS = new Set([
  'create',
  'delete',
  'update',
  'set',
  'add',
  'remove',
  'start',
  'stop',
  'restart',
  'deallocate',
  'redeploy',
  'resize',
  'restore',
  'import',
  'export',
  'upload',
  'purge',
  'recover',
  'failover',
  'rollback',
  'deploy',
  'invoke',
  'run',
  'run-command',
  'reset',
  'regenerate',
  'swap',
  'upgrade',
  'scale',
  'enable',
  'disable',
  'assign',
  'unassign',
  'cancel',
  'move',
  'copy',
  'sync',
  'apply',
  'up',
  'attach',
  'detach',
  'rotate',
]);
const AZ_VALUE_OPTIONS = new Set([
  '--subscription',
  '--output',
  '-o',
  '--query',
  '--resource-group',
  '-g',
  '--name',
  '-n',
]);

/** The positional words of a command line, skipping options and the values of `valueOptions`; `null` at a computed word. */
function positionals(args: readonly Arg[], valueOptions: ReadonlySet<string>, limit = 6): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < args.length && out.length < limit; i++) {
    const v = args[i].value;
    if (v === undefined) {
      out.push(null);
      continue;
    }
    if (v === '--') break;
    if (v.startsWith('-') && v.length > 1) {
      if (!v.includes('=') && valueOptions.has(v)) i++;
      continue;
    }
    out.push(v);
  }
  return out;
}

const has = (args: readonly Arg[], test: (v: string) => boolean): boolean =>
  args.some((a) => a.value !== undefined && test(a.value));
const optionValueIs = (args: readonly Arg[], names: readonly string[], value: string): boolean =>
  args.some((a, k) => a.value !== undefined && names.includes(a.value) && args[k + 1]?.value === value);
const isHelp = (args: readonly Arg[]): boolean => has(args, (v) => v === '--help' || v === '-h' || v === '-help');

/** The mutation a command performs, or `undefined` when it only reads (or is not an infrastructure tool). */
export function mutationOf(name: string, args: readonly Arg[]): Mutation | undefined {
  if (isHelp(args)) return undefined;
  switch (name) {
    case 'terraform':
    case 'tofu':
      return terraformMutation(name, args);
    case 'terragrunt':
      return terragruntMutation(args);
    case 'pulumi':
      return pulumiMutation(args);
    case 'cdk':
      // A change set that is only prepared changes nothing: the reviewed path the catalogue recommends.
      if (
        has(args, (v) => v === '--no-execute' || v === '--execute=false' || v === '--method=prepare-change-set') ||
        optionValueIs(args, ['--method', '-m'], 'prepare-change-set')
      )
        return undefined;
      return bySubcommand(name, args, CDK_VALUE_OPTIONS, CDK_READ);
    case 'cdktf':
      return bySubcommand(name, args, new Set(['-a', '--app', '-o', '--output']), CDKTF_READ);
    case 'sam':
      if (has(args, (v) => v === '--no-execute-changeset')) return undefined;
      return bySubcommand(name, args, new Set(['--profile', '--region', '--config-file', '--config-env']), SAM_READ);
    case 'serverless':
    case 'sls': {
      const [sub, sub2] = positionals(
        args,
        new Set(['--stage', '-s', '--region', '-r', '--config', '-c', '--aws-profile']),
      );
      if ((sub === 'invoke' && sub2 === 'local') || has(args, (v) => v === '--noDeploy' || v === '--package'))
        return undefined;
      return bySubcommand(
        name,
        args,
        new Set(['--stage', '-s', '--region', '-r', '--config', '-c', '--aws-profile']),
        SERVERLESS_READ,
      );
    }
    case 'aws':
      return awsMutation(args);
    case 'kubectl':
      return kubectlMutation(args);
    case 'helm':
      return helmMutation(args);
    case 'gcloud':
      return gcloudMutation(args);
    case 'az':
      return azMutation(args);
    default:
      return undefined;
  }
}

function show(words: readonly (string | null)[]): string {
  return words.map((w) => w ?? '…').join(' ');
}

function bySubcommand(
  tool: string,
  args: readonly Arg[],
  valueOptions: ReadonlySet<string>,
  read: ReadonlySet<string>,
): Mutation | undefined {
  const [sub] = positionals(args, valueOptions, 1);
  if (sub === undefined) return undefined;
  if (sub !== null && read.has(sub)) return undefined;
  return { tool, operation: show([tool, sub]) };
}

function terraformMutation(tool: string, args: readonly Arg[]): Mutation | undefined {
  const [sub, action] = positionals(args, TERRAFORM_VALUE_OPTIONS, 2);
  if (sub === undefined) return undefined;
  if (sub === 'workspace')
    return action === undefined || (action !== null && TERRAFORM_WORKSPACE_READ.has(action))
      ? undefined
      : { tool, operation: show([tool, sub, action]) };
  if (sub === 'state')
    return action === undefined || (action !== null && TERRAFORM_STATE_READ.has(action))
      ? undefined
      : { tool, operation: show([tool, sub, action]) };
  if (sub !== null && TERRAFORM_READ.has(sub)) return undefined;
  return { tool, operation: show([tool, sub]) };
}

function terragruntMutation(args: readonly Arg[]): Mutation | undefined {
  const words = positionals(
    args,
    new Set([
      '--working-dir',
      '--terragrunt-working-dir',
      '--config',
      '--terragrunt-config',
      '--filter',
      '--queue-include-dir',
      '--queue-exclude-dir',
      '--log-level',
      '--tf-path',
      '--parallelism',
    ]),
    6,
  );
  let k = 0;
  while (k < words.length && (words[k] === 'run' || words[k] === 'run-all' || words[k] === 'stack')) k++;
  const [sub, action] = words.slice(k);
  if (sub === undefined) return undefined;
  if (sub !== null && TERRAGRUNT_READ.has(sub)) return undefined;
  if (sub === 'backend') return { tool: 'terragrunt', operation: show(['terragrunt', sub, action ?? null]) };
  const tf = terraformMutation(
    'terragrunt',
    [sub, action].filter((w) => w !== undefined).map((w) => (w === null ? { text: '…' } : { value: w, text: w })),
  );
  return tf;
}

function pulumiMutation(args: readonly Arg[]): Mutation | undefined {
  const [sub, action] = positionals(args, PULUMI_VALUE_OPTIONS, 2);
  if (sub === undefined) return undefined;
  if (sub === 'stack')
    return action !== undefined && (action === null || PULUMI_STACK_MUTATING.has(action))
      ? { tool: 'pulumi', operation: show(['pulumi', sub, action]) }
      : undefined;
  if (sub === 'state')
    return action !== undefined && (action === null || !PULUMI_STATE_READ.has(action))
      ? { tool: 'pulumi', operation: show(['pulumi', sub, action]) }
      : undefined;
  if (sub !== null && PULUMI_READ.has(sub)) return undefined;
  return { tool: 'pulumi', operation: show(['pulumi', sub]) };
}

function awsMutation(args: readonly Arg[]): Mutation | undefined {
  if (has(args, (v) => v === '--dry-run' || v === '--generate-cli-skeleton')) return undefined;
  const words = positionals(args, AWS_GLOBAL_VALUE_OPTIONS, 8);
  const [service, operation] = words;
  if (service === undefined) return undefined;
  if (service !== null && AWS_LOCAL_SERVICES.has(service)) return undefined;
  if (operation === undefined) return undefined;
  const mutation = { tool: 'aws', operation: show(['aws', service, operation]) };
  if (service === null || operation === null) return mutation;
  if (AWS_READ_PREFIXES.some((p) => operation.startsWith(p))) return undefined;
  if (AWS_READ_OPERATIONS['*'].includes(operation) || AWS_READ_OPERATIONS[service]?.includes(operation))
    return undefined;
  if (service === 's3' && AWS_S3_COPIES.has(operation) && isDownload(words.slice(2), /^s3:\/\//i)) return undefined;
  return mutation;
}

/**
 * A copy whose first path is in the cloud and whose other words are not
 * (`aws s3 cp s3://bucket/key ./key`): a download, which changes nothing
 * there. Option values are among the words too (`--sse AES256`), so any
 * cloud path after the first one counts as an upload.
 */
function isDownload(paths: readonly (string | null)[], cloud: RegExp): boolean {
  const [source, ...rest] = paths;
  return (
    typeof source === 'string' &&
    cloud.test(source) &&
    rest.length > 0 &&
    rest.every((p) => p !== null && !cloud.test(p))
  );
}

function dryRun(args: readonly Arg[]): boolean {
  return has(args, (v) => v === '--dry-run' || /^--dry-run=(client|server|true)$/.test(v));
}

function kubectlMutation(args: readonly Arg[]): Mutation | undefined {
  const [sub, action] = positionals(args, KUBECTL_VALUE_OPTIONS, 2);
  if (sub === undefined) return undefined;
  if (dryRun(args)) return undefined;
  if (sub !== null && KUBECTL_SUBACTION_READ[sub]) {
    return action !== undefined && action !== null && KUBECTL_SUBACTION_READ[sub].has(action)
      ? undefined
      : { tool: 'kubectl', operation: show(['kubectl', sub, action ?? null]) };
  }
  if (sub !== null && KUBECTL_READ.has(sub)) return undefined;
  return { tool: 'kubectl', operation: show(['kubectl', sub]) };
}

function helmMutation(args: readonly Arg[]): Mutation | undefined {
  const [sub] = positionals(args, HELM_VALUE_OPTIONS, 1);
  if (sub === undefined) return undefined;
  if (dryRun(args)) return undefined;
  if (sub !== null && HELM_READ.has(sub)) return undefined;
  return { tool: 'helm', operation: show(['helm', sub]) };
}

/**
 * gcloud and az read as `TOOL SERVICE [GROUP…] VERB [NAME…]`: after the
 * service, the first word that is a known verb decides; a command with no
 * known verb (`gcloud compute ssh vm`) counts as a change.
 */
function verbMutation(
  tool: string,
  words: readonly (string | null)[],
  local: ReadonlySet<string>,
  readVerbs: ReadonlySet<string>,
  readPrefixes: readonly string[],
  mutatingVerbs: ReadonlySet<string>,
): Mutation | undefined {
  const [service] = words;
  if (service === undefined) return undefined;
  if (service !== null && local.has(service)) return undefined;
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    if (w === null) break;
    if (readVerbs.has(w) || readPrefixes.some((p) => w.startsWith(p))) return undefined;
    if (mutatingVerbs.has(w) || /^(set|add|remove|attach|detach|create|delete|update)-/.test(w))
      return { tool, operation: show([tool, ...words.slice(0, k + 1)]) };
  }
  if (words.length === 1 && service !== null) return undefined;
  return { tool, operation: show([tool, ...words.slice(0, 4)]) };
}

function gcloudMutation(args: readonly Arg[]): Mutation | undefined {
  if (has(args, (v) => v === '--dry-run' || v === '--validate-only')) return undefined;
  let words = positionals(args, GCLOUD_VALUE_OPTIONS, 8);
  while (words.length && words[0] !== null && GCLOUD_TRACKS.has(words[0])) words = words.slice(1);
  const m = verbMutation(
    'gcloud',
    words,
    GCLOUD_LOCAL_GROUPS,
    GCLOUD_READ_VERBS,
    GCLOUD_READ_PREFIXES,
    GCLOUD_MUTATING_VERBS,
  );
  if (
    m &&
    words[0] === 'storage' &&
    (words[1] === 'cp' || words[1] === 'rsync') &&
    isDownload(words.slice(2), /^gs:\/\//i)
  )
    return undefined;
  return m;
}

function azMutation(args: readonly Arg[]): Mutation | undefined {
  return verbMutation(
    'az',
    positionals(args, AZ_VALUE_OPTIONS, 8),
    AZ_LOCAL_GROUPS,
    AZ_READ_VERBS,
    AZ_READ_PREFIXES,
    AZ_MUTATING_VERBS,
  );
}
