/**
 * Reads the arguments of a guarded tool (`terraform`, `pulumi`, `cdk`, `aws`,
 * …) against the catalogue in `destructive-commands.ts`. Arguments whose value
 * is computed at run time are `value: undefined`: wherever such an argument
 * could change the answer, the answer is "ask".
 */
import { DATA_CLIENTS } from './programs';
import type { AwsCondition } from './aws-cli';
import { AWS_GLOBAL_VALUE_OPTIONS } from './aws-global-options';
import { CDK, CDKTF, PULUMI, SAM, SERVERLESS, TERRAFORM, type Verdict } from './destructive-commands';

/** `aws-cli.ts`, loaded on first use: building the AWS table is for lines that run `aws`. */
function awsCli(): typeof import('./aws-cli') {
  return require('./aws-cli') as typeof import('./aws-cli');
}

/** One argument after expansion; `value` is undefined when it is computed at run time (and may be several words, or none). */
export interface Arg {
  readonly value?: string;
  readonly text: string;
  /**
   * For an argument that is shell code with a run-time hole (`sh -c "… {}"` under `xargs -I{}` or
   * `find -exec`): the code with the hole as an unset variable, so the rest can still be read.
   */
  readonly code?: string;
  /** For a computed argument: it is certainly one argument (`"$d"`, or `$d` from `for d in dev prod`), not several or none. */
  readonly oneWord?: boolean;
}

export interface ToolContext {
  /** An environment variable's value for this command: `undefined` when unset, `null` when set to something unknown. */
  env(name: string): string | undefined | null;
  /** Standard input comes from a pipe, a here-document, a here-string or a file (so a prompt can be answered). */
  readonly stdinSupplied: boolean;
  /** Reads a file the command names (relative to its directory): `undefined` when it cannot be read. */
  readonly readFile?: (file: string) => string | undefined;
  /** What the command reads on standard input, when the line says: `undefined` when nothing, `null` when it cannot be known. */
  readonly stdinText?: () => string | null | undefined;
}

const HELP = new Set(['-h', '-help', '--help', 'help', '-version', '--version', 'version']);

function isHelp(args: readonly Arg[]): boolean {
  return args.some((a) => a.value !== undefined && HELP.has(a.value));
}

const unknown = (a: Arg): boolean => a.value === undefined;

/** A computed argument that is one word starting with literal text (`"s3://${bucket}/"`): it cannot turn into an option like `--delete`. */
const cannotBeOption = (a: Arg): boolean => a.oneWord === true && /^["']?[A-Za-z0-9_./:@+]/.test(a.text);

/** A Go-style boolean flag (`-auto-approve`, `--auto-approve`, `-auto-approve=true`): true, false, or undefined when absent. */
function goBool(args: readonly Arg[], name: string): boolean | undefined {
  let result: boolean | undefined;
  for (const a of args) {
    const m = a.value !== undefined ? /^--?([A-Za-z0-9-]+)(?:=(.*))?$/.exec(a.value) : null;
    if (!m || m[1] !== name) continue;
    result = m[2] === undefined ? true : /^(1|t|true)$/i.test(m[2]);
  }
  return result;
}

/** Splits a literal environment value on blanks (TF_CLI_ARGS is split like that by Terraform). */
function splitEnv(value: string): Arg[] {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((v) => ({ value: v, text: v }));
}

const TERRAFORM_VALUE_FLAGS = new Set([
  'var',
  'var-file',
  'target',
  'replace',
  'parallelism',
  'lock-timeout',
  'state',
  'state-out',
  'backup',
  'chdir',
  'out',
]);

/** `terraform`/`tofu` arguments (after the program name). */
export function judgeTerraform(args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  if (isHelp(args)) return undefined;
  let i = 0;
  // Options before the subcommand (`-chdir=DIR`, also when DIR is computed: `-chdir=$d`).
  while (i < args.length && (args[i].value ?? args[i].text).startsWith('-')) i++;
  if (i >= args.length) return args.some(unknown) ? TERRAFORM.unknownArguments : undefined;
  const sub = args[i].value;
  if (sub === undefined) return TERRAFORM.unknownArguments;
  // A computed option could expand to more words (one of them a subcommand); only a subcommand that is
  // destructive anyway is certain. An option that is certainly one word (`-chdir=$d` in `for d in dev prod`) cannot.
  // Without `$` or a backtick, nothing is split into words: only a glob or a placeholder (`-chdir=envs/{}` under
  // `xargs -I{}`) is computed, and every word it gives still starts with `-chdir=`.
  if (
    args.slice(0, i).some((a) => unknown(a) && !a.oneWord && /[$`]/.test(a.text)) &&
    sub !== 'destroy' &&
    sub !== 'apply'
  )
    return TERRAFORM.unknownArguments;
  const rest = args.slice(i + 1);
  for (const name of ['TF_CLI_ARGS', `TF_CLI_ARGS_${sub}`]) {
    const v = ctx.env(name);
    if (v === null) return sub === 'apply' || sub === 'destroy' ? TERRAFORM.unknownArguments : undefined;
    if (v) rest.push(...splitEnv(v));
  }
  switch (sub) {
    case 'destroy':
      return TERRAFORM.destroy;
    case 'apply': {
      if (goBool(rest, 'destroy')) return TERRAFORM.applyDestroy;
      // `-refresh-only` updates the state to match the real infrastructure and changes no resource
      // (https://developer.hashicorp.com/terraform/cli/commands/plan#planning-modes).
      if (goBool(rest, 'refresh-only')) return undefined;
      // A literal `-auto-approve` beside a computed value (`-var="name=$NAME" -auto-approve`) is an unreviewed apply either way.
      if (rest.some(unknown)) return goBool(rest, 'auto-approve') ? TERRAFORM.autoApprove : TERRAFORM.unknownArguments;
      let positional = false;
      for (let j = 0; j < rest.length; j++) {
        const v = rest[j].value!;
        if (v.startsWith('-')) {
          const name = v.replace(/^--?/, '');
          if (TERRAFORM_VALUE_FLAGS.has(name)) j++;
        } else {
          positional = true;
        }
      }
      if (positional) return TERRAFORM.savedPlan;
      if (goBool(rest, 'auto-approve')) return TERRAFORM.autoApprove;
      if (ctx.stdinSupplied && goBool(rest, 'input') !== false) return TERRAFORM.stdinApproval;
      return undefined;
    }
    case 'workspace': {
      const action = rest.find((a) => a.value === undefined || !a.value.startsWith('-'));
      if (!action) return undefined;
      if (action.value === undefined) return TERRAFORM.unknownArguments;
      return action.value === 'delete' ? TERRAFORM.workspaceDelete : undefined;
    }
    case 'state': {
      const action = rest.find((a) => a.value === undefined || !a.value.startsWith('-'));
      if (!action) return undefined;
      if (action.value === undefined) return TERRAFORM.unknownArguments;
      // `-dry-run` (`state rm`, `state mv`) only lists what would change.
      if (goBool(rest, 'dry-run')) return undefined;
      return ['rm', 'mv', 'push', 'replace-provider'].includes(action.value) ? TERRAFORM.stateEdit : undefined;
    }
    case 'taint':
      return TERRAFORM.taint;
    default:
      return undefined;
  }
}

const TERRAGRUNT_VALUE_FLAGS = new Set([
  'terragrunt-working-dir',
  'working-dir',
  'terragrunt-config',
  'config',
  'terragrunt-source',
  'source',
  'terragrunt-iam-role',
  'iam-assume-role',
  'terragrunt-include-dir',
  'queue-include-dir',
  'terragrunt-exclude-dir',
  'queue-exclude-dir',
  'terragrunt-parallelism',
  'parallelism',
  'terragrunt-log-level',
  'log-level',
  'terragrunt-download-dir',
  'download-dir',
  'filter',
  'out-dir',
  'json-out-dir',
  'tf-path',
  'terragrunt-tfpath',
  'experiment',
  'feature',
  'log-format',
  'graph-root',
  'terragrunt-graph-root',
  'queue-strict-include',
  'units-that-include',
  // https://terragrunt.gruntwork.io/docs/reference/cli/ (flags that take a value; `--as` is `--queue-construct-as`)
  'auth-provider-cmd',
  'iam-assume-role-duration',
  'iam-assume-role-session-name',
  'iam-assume-role-web-identity-token',
  'provider-cache-dir',
  'provider-cache-host',
  'provider-cache-hostname',
  'provider-cache-port',
  'provider-cache-registry-names',
  'provider-cache-token',
  'queue-construct-as',
  'as',
  'queue-excludes-file',
  'queue-include-units-reading',
  'strict-control',
  'report-file',
  'report-format',
  'report-schema-file',
  'filters-file',
  'engine-cache-path',
  'engine-log-level',
  'source-map',
  'version-manager-file-name',
  'log-custom-format',
  'cas-clone-depth',
  'profile-dir',
]);

/** `terragrunt` arguments: its own options, `run-all`/`run --all`/`stack run`, then a Terraform command. */
export function judgeTerragrunt(args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  if (isHelp(args)) return undefined;
  let all = false;
  let noAutoApprove = false;
  const positional: Arg[] = [];
  const tfFlags: Arg[] = [];
  let afterDashes = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.value === undefined) {
      positional.push(a);
      continue;
    }
    const v = a.value;
    // A Terraform option's separate value travels with it (`-var k=v`, `-var-file f`): it is not a plan file.
    const withValue =
      v.startsWith('-') && !v.includes('=') && TERRAFORM_VALUE_FLAGS.has(v.replace(/^--?/, '')) && i + 1 < args.length;
    if (afterDashes) {
      if (v.startsWith('-')) tfFlags.push(a, ...(withValue ? [args[++i]] : []));
      else positional.push(a);
      continue;
    }
    if (v === '--') {
      afterDashes = true;
      continue;
    }
    if (v === '--all' || v === '-a' || v === '--terragrunt-include-external-dependencies') {
      all ||= v !== '--terragrunt-include-external-dependencies';
      continue;
    }
    if (v === '--no-auto-approve' || v === '--terragrunt-no-auto-approve') {
      noAutoApprove = true;
      continue;
    }
    if (v.startsWith('--') && TERRAGRUNT_VALUE_FLAGS.has(v.slice(2))) {
      i++;
      continue;
    }
    if (v.startsWith('--terragrunt-') || (v.startsWith('--') && v.includes('='))) continue;
    if (v.startsWith('-')) tfFlags.push(a, ...(withValue ? [args[++i]] : []));
    else positional.push(a);
  }
  let k = 0;
  while (
    k < positional.length &&
    positional[k].value !== undefined &&
    ['run-all', 'run', 'stack'].includes(positional[k].value!)
  ) {
    // `stack run` runs the command in every unit of the stack, as `run --all` does.
    if (positional[k].value === 'run-all' || positional[k].value === 'stack') all = true;
    k++;
  }
  const units = positional.slice(k);
  // Terragrunt's older `apply-all`, `destroy-all`, `plan-all`…: `run-all` of the command.
  const legacy = units[0]?.value !== undefined ? /^([a-z]+)-all$/.exec(units[0].value) : null;
  if (legacy) {
    all = true;
    units[0] = { value: legacy[1], text: units[0].text };
  }
  const tfArgs = [...units, ...tfFlags];
  if (tfArgs.length === 0) return args.some(unknown) ? TERRAFORM.unknownArguments : undefined;
  const verdict = judgeTerraform(tfArgs, ctx);
  if (verdict) return verdict;
  if (units.some((a) => a.value === 'destroy')) return TERRAFORM.destroy;
  if (all && tfArgs[0].value === 'apply' && !noAutoApprove) return TERRAFORM.terragruntAll;
  return undefined;
}

const PULUMI_VALUE_FLAGS = new Set([
  '-C',
  '--cwd',
  '--color',
  '-v',
  '--verbose',
  '--tracing',
  '--profiling',
  '--memprofilerate',
  '-s',
  '--stack',
  '--config-file',
  '-m',
  '--message',
  '-p',
  '--parallel',
  '-c',
  '--config',
  '-t',
  '--target',
  '--replace',
  '-x',
  '--exclude',
  '--policy-pack',
  '--policy-pack-config',
  '--secrets-provider',
  '--exec-kind',
  '--exec-agent',
  '--plan',
  '--import-file',
  '--target-replace',
  '--attach-debugger',
  '--client',
  '--neo-task',
  '--save-plan',
]);

/** `pulumi` arguments. */
export function judgePulumi(args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  if (isHelp(args)) return undefined;
  if (args.some((a) => a.value !== undefined && /^--?ignore-protect/.test(a.value))) return PULUMI.ignoreProtect;
  const positional: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.value === undefined) {
      positional.push(a);
      continue;
    }
    if (a.value.startsWith('-')) {
      if (PULUMI_VALUE_FLAGS.has(a.value)) i++;
      continue;
    }
    positional.push(a);
  }
  const [sub, sub2] = positional;
  if (!sub) return args.some(unknown) ? PULUMI.unknownArguments : undefined;
  if (sub.value === undefined) return PULUMI.unknownArguments;
  const has = (...names: string[]): boolean =>
    args.some(
      (a) =>
        a.value !== undefined &&
        names.some((n) => a.value === n || (a.value!.startsWith(`${n}=`) && !/=(false|0)$/i.test(a.value!))),
    );
  switch (sub.value) {
    case 'destroy':
    case 'down':
    case 'dn':
      return has('--preview-only') ? undefined : PULUMI.destroy;
    case 'up':
    case 'update': {
      const skip = ctx.env('PULUMI_SKIP_CONFIRMATIONS');
      // `--skip-preview` (`-f`) and `--remote` skip the confirmation too: https://www.pulumi.com/docs/iac/cli/commands/pulumi_up/
      if (has('--yes', '-y', '--skip-preview', '-f', '--remote') || (skip && /^(1|true)$/i.test(skip)))
        return PULUMI.autoApprove;
      if (args.some(unknown) || skip === null) return PULUMI.unknownArguments;
      return undefined;
    }
    case 'deployment': {
      // Pulumi Deployments run the operation remotely, with no preview shown to anyone:
      // https://www.pulumi.com/docs/iac/cli/commands/pulumi_deployment_run/
      if (sub2?.value !== 'run') return sub2 && sub2.value === undefined ? PULUMI.unknownArguments : undefined;
      const operation = positional[2];
      if (!operation) return undefined;
      if (operation.value === undefined) return PULUMI.unknownArguments;
      if (operation.value === 'destroy') return PULUMI.destroy;
      return operation.value === 'update' ? PULUMI.autoApprove : undefined;
    }
    case 'stack':
      if (!sub2) return undefined;
      if (sub2.value === undefined) return PULUMI.unknownArguments;
      return sub2.value === 'rm' || sub2.value === 'remove' ? PULUMI.stackRm : undefined;
    case 'state':
      if (!sub2) return undefined;
      if (sub2.value === undefined) return PULUMI.unknownArguments;
      if (['delete', 'remove', 'rm'].includes(sub2.value)) return PULUMI.stateDelete;
      if (sub2.value === 'unprotect') return PULUMI.unprotect;
      if (['edit', 'move', 'repair'].includes(sub2.value)) return PULUMI.stateEdit;
      return undefined;
    default:
      return undefined;
  }
}

const CDK_VALUE_FLAGS = new Set([
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
  '--unstable',
  '-e',
  '--exclusively',
  '--method',
  '-m',
  '--require-approval',
  '--outputs-file',
  '-O',
  '--parameters',
  '--change-set-name',
  '--concurrency',
  '--asset-parallelism',
  '--build-exclude',
  '-E',
]);

function subcommand(args: readonly Arg[], valueFlags: ReadonlySet<string>): { sub?: Arg; before: Arg[] } {
  const before: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.value === undefined || !a.value.startsWith('-')) return { sub: a, before };
    before.push(a);
    if (valueFlags.has(a.value)) i++;
  }
  return { before };
}

function optionValue(args: readonly Arg[], names: readonly string[]): Arg | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === undefined) continue;
    for (const n of names) {
      if (v === n) return args[i + 1] ?? { text: '' };
      if (v.startsWith(`${n}=`)) return { value: v.slice(n.length + 1), text: v };
    }
  }
  return undefined;
}

/** `cdk` arguments (the AWS CDK CLI). */
export function judgeCdk(args: readonly Arg[]): Verdict | undefined {
  if (isHelp(args)) return undefined;
  const { sub, before } = subcommand(args, CDK_VALUE_FLAGS);
  if (!sub) return args.some(unknown) ? CDK.unknownArguments : undefined;
  if (sub.value === undefined || before.some(unknown)) return CDK.unknownArguments;
  switch (sub.value) {
    case 'destroy':
      return CDK.destroy;
    case 'deploy':
    case 'watch': {
      const method = optionValue(args, ['--method', '-m']);
      if (
        method?.value === 'prepare-change-set' ||
        (method?.value === 'change-set' && args.some((a) => a.value === '--no-execute'))
      )
        return undefined;
      if (args.some((a) => a.value === '--no-execute' || a.value === '--execute=false')) return undefined;
      const approval = optionValue(args, ['--require-approval']);
      // Without a terminal, `--require-approval any-change` stops before any change is made.
      if (approval?.value === 'any-change') return undefined;
      return CDK.deploy;
    }
    default:
      return undefined;
  }
}

/** `cdktf` arguments (CDK for Terraform). */
export function judgeCdktf(args: readonly Arg[]): Verdict | undefined {
  if (isHelp(args)) return undefined;
  const { sub } = subcommand(args, new Set(['--app', '-a', '--output', '-o']));
  if (!sub) return undefined;
  if (sub.value === undefined) return CDKTF.unknownArguments;
  if (sub.value === 'destroy') return CDKTF.destroy;
  if ((sub.value === 'deploy' || sub.value === 'apply') && args.some((a) => a.value === '--auto-approve'))
    return CDKTF.autoApprove;
  if ((sub.value === 'deploy' || sub.value === 'apply') && args.some(unknown)) return CDKTF.unknownArguments;
  return undefined;
}

/** `sam` arguments (the AWS SAM CLI). */
export function judgeSam(args: readonly Arg[]): Verdict | undefined {
  if (isHelp(args)) return undefined;
  const { sub } = subcommand(args, new Set(['--profile', '--region', '--config-file', '--config-env']));
  if (!sub) return undefined;
  if (sub.value === undefined) return TERRAFORM.unknownArguments;
  if (sub.value === 'delete') return SAM.delete;
  if (sub.value === 'deploy' && !args.some((a) => a.value === '--no-execute-changeset')) return SAM.deploy;
  return undefined;
}

/** `serverless`/`sls` arguments (the Serverless Framework). */
export function judgeServerless(args: readonly Arg[]): Verdict | undefined {
  if (isHelp(args)) return undefined;
  const valueFlags = new Set(['--stage', '-s', '--region', '-r', '--config', '-c', '--aws-profile']);
  const { sub, before } = subcommand(args, valueFlags);
  if (!sub) return undefined;
  if (sub.value === undefined) return TERRAFORM.unknownArguments;
  if (sub.value === 'remove') return SERVERLESS.remove;
  // `deploy list [functions]` only lists; `deploy function -f NAME` updates one function's code, with no stack
  // deployment: https://www.serverless.com/framework/docs/providers/aws/cli-reference/deploy-list
  const next = sub.value === 'deploy' ? subcommand(args.slice(before.length + 1), valueFlags).sub : undefined;
  if (next?.value === 'list' || next?.value === 'function') return undefined;
  if (sub.value === 'deploy' && !args.some((a) => a.value === '--noDeploy' || a.value === '--package')) {
    return {
      ...SAM.deploy,
      why: 'deploys the CloudFormation stack without showing the change set; replaced resources are deleted.',
      instead:
        'Package first (`serverless package`), check the template with `npx deadbolt check .serverless/cloudformation-template-update-stack.json`, and have a human deploy.',
    };
  }
  return undefined;
}

function awsCondition(c: AwsCondition, args: readonly Arg[]): boolean | undefined {
  if ('flag' in c) return args.some((a) => a.value === c.flag || a.value?.startsWith(`${c.flag}=`)) || undefined;
  const v = optionValue(args, [c.option]);
  if (!v) return false;
  // A boolean option written last, or followed by another option, turns the setting on
  // (`modify-db-instance … --deletion-protection`, `--deletion-protection-enabled --table-name T`).
  if (v.value === undefined) return v.text === '' ? false : undefined;
  if (v.value.startsWith('--')) return false;
  return c.value.test(v.value);
}

/**
 * `--endpoint-url` naming this machine or LocalStack (`http://localhost:4566`, `http://127.0.0.1:8000`,
 * `http://[::1]:9000`, `http://localstack:4566`): an emulator (LocalStack, DynamoDB Local, MinIO), whose data
 * is throwaway, as `awslocal`'s is. Any other endpoint, or a computed one, keeps the verdict. Without the option,
 * `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL` set it, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 */
function localEndpoint(args: readonly Arg[], service: string, env?: ToolContext['env']): boolean {
  const v = optionValue(args, ['--endpoint-url']);
  // `http://[::1]:9000` reads as a glob (its brackets): without `$` or a backtick, its text is what runs.
  let url = v?.value ?? (v && !/[$`*?]/.test(v.text) ? v.text.replace(/['"\\]/g, '') : undefined);
  if (v === undefined && env) {
    const ignore = env('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS');
    if (ignore === null || /^true$/i.test(ignore ?? '')) return false;
    const id = (service === 's3api' ? 's3' : service).toUpperCase().replace(/-/g, '_');
    const specific = env(`AWS_ENDPOINT_URL_${id}`);
    const configured = specific !== undefined ? specific : env('AWS_ENDPOINT_URL');
    // A computed value (`null`) may be any endpoint.
    if (configured === null) return false;
    url = configured;
  }
  if (url === undefined) return false;
  return /^(https?:\/\/)?(localhost|127\.\d+\.\d+\.\d+|\[::1\]|localstack|[a-z0-9-]+\.localhost\.localstack\.cloud|localhost\.localstack\.cloud)(:\d+)?(\/|$)/i.test(
    url,
  );
}

/** `aws` arguments (the AWS CLI). */
export function judgeAws(args: readonly Arg[], env?: ToolContext['env']): Verdict | undefined {
  const { AWS, AWS_DATA_SERVICES, AWS_HIDDEN_PARAMETERS, AWS_UNKNOWN, AWS_UNLISTED_DELETE } = awsCli();
  const positional: Arg[] = [];
  let firstOptionAt = -1;
  for (let i = 0; i < args.length && positional.length < 2; i++) {
    const a = args[i];
    if (a.value !== undefined && a.value.startsWith('-')) {
      if (AWS_GLOBAL_VALUE_OPTIONS.has(a.value)) i++;
      continue;
    }
    positional.push(a);
    if (positional.length === 2) firstOptionAt = i + 1;
  }
  const [service, operation] = positional;
  if (!service) return args.some(unknown) ? AWS_UNKNOWN : undefined;
  if (service.value === undefined) return AWS_UNKNOWN;
  const rules = AWS[service.value];
  if (!rules) return undefined;
  if (!operation) return args.some(unknown) ? AWS_UNKNOWN : undefined;
  if (operation.value === undefined) return AWS_UNKNOWN;
  const rest = args.slice(firstOptionAt);
  // `--dryrun` is the `aws s3` commands' spelling; `--no-execute-changeset` only creates a change set for review.
  if (
    rest.some(
      (a) =>
        a.value === 'help' ||
        a.value === '--generate-cli-skeleton' ||
        a.value === '--dry-run' ||
        a.value === '--dryrun' ||
        a.value === '--no-execute-changeset',
    )
  )
    return undefined;
  if (localEndpoint(args, service.value, env)) return undefined;
  if (operation.value === 'help' || service.value === 'help') return undefined;
  const rule = rules[operation.value];
  if (!rule)
    return AWS_DATA_SERVICES.has(service.value) && operation.value.startsWith('delete-')
      ? AWS_UNLISTED_DELETE
      : undefined;
  if (!rule.when) return rule;
  if (rest.some((a) => a.value !== undefined && /^--cli-input-(json|yaml)(=|$)/.test(a.value)))
    return AWS_HIDDEN_PARAMETERS;
  let uncertain = false;
  for (const c of rule.when) {
    const r = awsCondition(c, rest);
    if (r === true) return rule;
    if (r === undefined && !('flag' in c)) uncertain = true;
  }
  if (uncertain || rest.some((a) => unknown(a) && !cannotBeOption(a))) return AWS_UNKNOWN;
  return rule.otherwise;
}

/**
 * Other clouds, Kubernetes and database clients (`knowledge/`): loaded on first use, so that a line
 * without them does not pay for reading their tables.
 */
function judgeDataClient(name: string, args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  switch (name) {
    case 'az':
      return (require('./azure') as typeof import('./azure')).judgeAzure(args);
    case 'gcloud':
      return (require('./gcloud') as typeof import('./gcloud')).judgeGcloud(args);
    case 'gsutil':
      return (require('./gcloud') as typeof import('./gcloud')).judgeGsutil(args);
    case 'bq':
      return (require('./gcloud') as typeof import('./gcloud')).judgeBq(args);
    case 'kubectl':
    case 'oc':
      return (require('./kubernetes') as typeof import('./kubernetes')).judgeKubectl(args, ctx);
    case 'helm':
      return (require('./kubernetes') as typeof import('./kubernetes')).judgeHelm(args);
    case 'helmfile':
      return (require('./kubernetes') as typeof import('./kubernetes')).judgeHelmfile(args);
    case 'argocd':
      return (require('./kubernetes') as typeof import('./kubernetes')).judgeArgocd(args);
    case 'flux':
      return (require('./kubernetes') as typeof import('./kubernetes')).judgeFlux(args);
    case 'eksctl':
      return (require('./app-platforms') as typeof import('./app-platforms')).judgeEksctl(args);
    case 'amplify':
      return (require('./app-platforms') as typeof import('./app-platforms')).judgeAmplify(args);
    case 'copilot':
      return (require('./app-platforms') as typeof import('./app-platforms')).judgeCopilot(args);
    case 'cloud-nuke':
      return (require('./account-cleaners') as typeof import('./account-cleaners')).judgeCloudNuke(args);
    case 'aws-nuke':
      return (require('./account-cleaners') as typeof import('./account-cleaners')).judgeAwsNuke(args);
    case 'rclone':
      return (require('./object-storage') as typeof import('./object-storage')).judgeRclone(args);
    case 's3cmd':
      return (require('./object-storage') as typeof import('./object-storage')).judgeS3cmd(args);
    case 's5cmd':
      return (require('./object-storage') as typeof import('./object-storage')).judgeS5cmd(args, ctx);
    case 'mc':
      return (require('./object-storage') as typeof import('./object-storage')).judgeMinioClient(args);
    case 'curl':
      return (require('./search-stores') as typeof import('./search-stores')).judgeCurl(args);
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return (require('./search-stores') as typeof import('./search-stores')).judgeHttpie(args);
    default:
      return (require('./sql') as typeof import('./sql')).judgeDatabaseClient(name, args, ctx);
  }
}

/**
 * HTTP clients, judged for deletes of search indices (`knowledge/search-stores.ts`). Not data clients by name:
 * the pre-filter need not send every line naming them, since an index's URL has a `/`, which it sends anyway.
 */
const HTTP_CLIENTS: ReadonlySet<string> = new Set(['curl', 'http', 'https', 'xh', 'xhs']);

/** The judge for a guarded tool's basename, if it is one. */
export function judgeTool(name: string, args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  switch (name) {
    case 'terraform':
    case 'tofu':
      return judgeTerraform(args, ctx);
    case 'terragrunt':
      return judgeTerragrunt(args, ctx);
    case 'pulumi':
      return judgePulumi(args, ctx);
    case 'cdk':
      return judgeCdk(args);
    case 'cdktf':
      return judgeCdktf(args);
    case 'aws':
      return judgeAws(args, ctx.env);
    case 'sam':
      return judgeSam(args);
    case 'serverless':
    case 'sls':
      return judgeServerless(args);
    default:
      return DATA_CLIENTS.has(name) || HTTP_CLIENTS.has(name) ? judgeDataClient(name, args, ctx) : undefined;
  }
}
