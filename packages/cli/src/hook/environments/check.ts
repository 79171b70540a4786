/**
 * Production markers applied to one command: under a marker of the project's
 * `deadbolt.config.json`, every command that changes infrastructure asks, not
 * only the destroys the catalogue denies everywhere. The analysis calls
 * `verdict` once per guarded command it resolves, in the order of the line,
 * after the catalogue has found nothing; commands that only select something
 * (`terraform workspace select prod`, `kubectl config use-context prod`) are
 * remembered for the commands after them.
 *
 * The config is read only for a command that changes something, from that
 * command's directory (after `cd`), once per directory per analysis.
 */
import * as path from 'path';
import type { Verdict } from '../knowledge/destructive-commands';
import type { Arg } from '../knowledge/tools';
import {
  findConfig,
  hasMarkers,
  type LoadedConfig,
  type MarkerKind,
  type ProductionMarkers,
  type ReadFile,
} from './config';
import { mutationOf, type Mutation } from './mutating-commands';
import { matchesName, matchesPath, matchesStack } from './patterns';
import {
  awsProfileAccount,
  azureDefaultSubscription,
  fromEnv,
  fromOption,
  gcloudConfigProject,
  kubeCurrentContext,
  optionValue,
  optionValues,
  unknown,
  value,
  type Env,
  type Target,
} from './targets';

export interface EnvironmentOptions {
  /** The hook's working directory: where the config is looked for when a `cd` went somewhere unknown. */
  readonly cwd?: string;
  readonly readFile?: ReadFile;
}

/** Tools that act with AWS credentials (the profile and account markers apply). */
import { MARKED_TOOLS } from './environment-tools';

const AWS_TOOLS = new Set([
  'aws',
  'terraform',
  'tofu',
  'terragrunt',
  'pulumi',
  'cdk',
  'cdktf',
  'sam',
  'serverless',
  'sls',
]);
const TERRAFORM_TOOLS = new Set(['terraform', 'tofu', 'terragrunt']);
const KUBE_TOOLS = new Set(['kubectl', 'helm']);
/** Tools whose Google and Azure providers take the project or subscription from the environment. */
const PROVIDER_TOOLS = new Set(['terraform', 'tofu', 'terragrunt', 'pulumi', 'cdktf']);

/** The flag each AWS tool takes a named profile from. */
const AWS_PROFILE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  aws: ['--profile'],
  cdk: ['--profile'],
  sam: ['--profile'],
  serverless: ['--aws-profile'],
  sls: ['--aws-profile'],
};
/** Environment variables the Google provider and client libraries read the project from. @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference */
const GCP_PROJECT_VARIABLES = ['GOOGLE_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT'];
/** Environment variables the AzureRM and Azure Native providers read the subscription from. */
const AZURE_SUBSCRIPTION_VARIABLES = ['ARM_SUBSCRIPTION_ID', 'AZURE_SUBSCRIPTION_ID'];

const ARN_ACCOUNT = /^arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:([0-9]{12}):/;

const LABELS: Readonly<Record<MarkerKind, string>> = {
  awsProfiles: 'AWS profile',
  awsAccountIds: 'AWS account',
  terraformWorkspaces: 'Terraform workspace',
  terraformPaths: 'path',
  pulumiStacks: 'Pulumi stack',
  kubeContexts: 'kube context',
  gcpProjects: 'Google Cloud project',
  azureSubscriptions: 'Azure subscription',
};

/** One way a command meets a marker: certainly, or possibly (Deadbolt cannot tell). */
interface Match {
  readonly kind: MarkerKind;
  readonly certain: boolean;
  /** For a certain match: what the command targets ("Terraform workspace `prod` (from `TF_WORKSPACE`)"); otherwise why it cannot tell. */
  readonly text: string;
  readonly marker?: string;
}

/** What the line selected for later commands; `null`: something computed. */
interface Selections {
  readonly workspaces: Map<string, string | null>;
  workspaceInUnknownDir: boolean;
  stack?: string | null;
  kubeContext?: string | null;
  gcpProject?: string | null;
  azureSubscription?: string | null;
}

export class EnvironmentCheck {
  private readonly configs = new Map<string, LoadedConfig | undefined>();
  private readonly selected: Selections = { workspaces: new Map(), workspaceInUnknownDir: false };

  constructor(private readonly options: EnvironmentOptions) {}

  /**
   * "ask" when the command changes infrastructure under a production marker
   * (or may, and Deadbolt cannot tell), or when the config is broken;
   * `undefined` otherwise. `cwd` is the command's directory (`null` after a
   * `cd` to somewhere computed).
   */
  verdict(name: string, args: readonly Arg[], env: Env, cwd: string | null): Verdict | undefined {
    const readFile = this.options.readFile;
    if (!readFile || !MARKED_TOOLS.has(name)) return undefined;
    this.noteSelection(name, args, cwd, env);
    const mutation = mutationOf(name, args);
    if (!mutation) return undefined;
    const start = cwd ?? this.options.cwd;
    if (!start || !path.isAbsolute(start)) return undefined;
    const config = this.config(start, readFile);
    if (!config) return undefined;
    const shown = this.shown(config.file);
    if (config.kind === 'invalid') {
      return {
        decision: 'ask',
        head: 'Deadbolt asks a person first: the production markers cannot be read',
        why: `changes infrastructure (\`${mutation.operation}\`), and ${shown}, which names the production environments, is broken: ${config.problem}. Until it is fixed, Deadbolt treats every change as a change to production.`,
        instead: `Fix ${shown}; meanwhile a person runs the command.`,
      };
    }
    if (!hasMarkers(config.markers)) return undefined;
    const matches = this.matches(name, args, env, cwd, config.markers, config.dir, readFile);
    const certain = matches.find((m) => m.certain);
    if (certain) {
      return {
        decision: 'ask',
        head: 'Deadbolt asks a person first: this command changes production',
        why: `changes infrastructure (\`${mutation.operation}\`) ${certain.text}, which ${shown} marks as production (\`${certain.kind}\`: \`${certain.marker}\`): every change there needs a person.`,
        instead: insteadFor(mutation),
      };
    }
    const possible = matches[0];
    if (possible) {
      const listed = config.markers[possible.kind]
        .slice(0, 5)
        .map((m) => `\`${m}\``)
        .join(', ');
      return {
        decision: 'ask',
        why: `changes infrastructure (\`${mutation.operation}\`), and Deadbolt cannot tell whether it targets production: ${possible.text}, and ${shown} marks ${LABELS[possible.kind]}${config.markers[possible.kind].length > 1 ? 's' : ''} ${listed} as production, where every change needs a person.`,
        instead: `Name the target on the line (${howToName(possible.kind)}), or ${lowerFirst(insteadFor(mutation))}`,
      };
    }
    return undefined;
  }

  private config(start: string, readFile: ReadFile): LoadedConfig | undefined {
    if (!this.configs.has(start)) this.configs.set(start, findConfig(start, readFile));
    return this.configs.get(start);
  }

  /** The config's file for messages: relative to the agent's directory, as the person reading the reason sees it. */
  private shown(file: string): string {
    const key = / \(key `deadbolt`\)$/.exec(file)?.[0] ?? '';
    const bare = file.slice(0, file.length - key.length);
    const base = this.options.cwd;
    const rel = base && path.isAbsolute(base) ? path.relative(base, bare) : '';
    const display =
      rel && !path.isAbsolute(rel) && rel.split(path.sep).filter((s) => s === '..').length <= 4
        ? rel.split(path.sep).join('/')
        : bare;
    return `\`${display}\`${key}`;
  }

  /** Commands that select a workspace, stack, context, project or subscription for the commands after them. */
  private noteSelection(name: string, args: readonly Arg[], cwd: string | null, env: Env): void {
    const words = args.filter((a) => a.value === undefined || !a.value.startsWith('-')).map((a) => a.value ?? null);
    const at = (k: number): string | null | undefined => words[k];
    if ((name === 'terraform' || name === 'tofu') && at(0) === 'workspace' && (at(1) === 'select' || at(1) === 'new')) {
      const workspace = at(2);
      if (workspace === undefined) return;
      const dir = dataDir(
        args.slice(
          0,
          args.findIndex((a) => a.value === 'workspace'),
        ),
        env,
        cwd,
      );
      if (dir === null) this.selected.workspaceInUnknownDir = true;
      else this.selected.workspaces.set(dir, workspace);
      return;
    }
    if (name === 'pulumi' && at(0) === 'stack' && (at(1) === 'select' || at(1) === 'init')) {
      const flag = optionValue(args, ['--stack', '-s']);
      this.selected.stack = flag !== undefined ? flag : (at(2) ?? null);
      return;
    }
    if (name === 'kubectl' && at(0) === 'config' && (at(1) === 'use-context' || at(1) === 'use')) {
      this.selected.kubeContext = at(2) ?? null;
      return;
    }
    if (name === 'gcloud' && at(0) === 'config') {
      if (at(1) === 'set' && (at(2) === 'project' || at(2) === 'core/project'))
        this.selected.gcpProject = at(3) ?? null;
      if (at(1) === 'configurations' && at(2) === 'activate') this.selected.gcpProject = null;
      return;
    }
    if (name === 'az' && at(0) === 'account' && at(1) === 'set') {
      const sub = optionValue(args, ['--subscription', '-s', '--name', '-n']);
      this.selected.azureSubscription = sub === undefined ? null : sub;
    }
  }

  private matches(
    name: string,
    args: readonly Arg[],
    env: Env,
    cwd: string | null,
    markers: ProductionMarkers,
    configDir: string,
    readFile: ReadFile,
  ): Match[] {
    const out: Match[] = [];
    const add = (
      kind: MarkerKind,
      target: Target | undefined,
      describe: (v: string) => string,
      test: (pattern: string, v: string) => boolean = matchesName,
    ): void => {
      if (!target || markers[kind].length === 0) return;
      if (target.kind === 'unknown') {
        out.push({ kind, certain: false, text: target.why });
        return;
      }
      const marker = markers[kind].find((m) => test(m, target.value));
      if (marker) out.push({ kind, certain: true, text: `${describe(target.value)} (${target.source})`, marker });
    };

    if (AWS_TOOLS.has(name) && (markers.awsProfiles.length || markers.awsAccountIds.length)) {
      const profiles = awsProfiles(name, args, env);
      for (const p of profiles) add('awsProfiles', p, (v) => `with AWS profile \`${v}\``);
      if (markers.awsAccountIds.length) {
        for (const a of awsAccounts(args, env, profiles, readFile))
          add('awsAccountIds', a, (v) => `in AWS account \`${v}\``);
      }
    }
    if (TERRAFORM_TOOLS.has(name)) {
      const workdir = terraformWorkdir(name, args, cwd);
      if (markers.terraformWorkspaces.length) {
        add(
          'terraformWorkspaces',
          this.workspace(name, args, env, cwd, readFile),
          (v) => `in Terraform workspace \`${v}\``,
        );
      }
      if (markers.terraformPaths.length) {
        for (const t of terraformPaths(args, workdir, configDir))
          add('terraformPaths', t, (v) => `on \`${v}\``, matchesPath);
      }
    }
    if (name === 'pulumi' && markers.pulumiStacks.length) {
      add('pulumiStacks', this.stack(args, env), (v) => `on Pulumi stack \`${v}\``, matchesStack);
    }
    if (KUBE_TOOLS.has(name) && markers.kubeContexts.length) {
      add('kubeContexts', this.kubeContext(name, args, env, readFile, cwd), (v) => `in kube context \`${v}\``);
    }
    if (markers.gcpProjects.length) {
      const describe = (v: string): string => `in Google Cloud project \`${v}\``;
      if (name === 'gcloud') add('gcpProjects', this.gcpProject(args, env, readFile), describe);
      else if (PROVIDER_TOOLS.has(name))
        for (const v of GCP_PROJECT_VARIABLES) add('gcpProjects', fromEnv(env, v), describe);
    }
    if (markers.azureSubscriptions.length) {
      const describe = (v: string): string => `in Azure subscription \`${v}\``;
      const ci = (p: string, v: string): boolean => matchesName(p.toLowerCase(), v.toLowerCase());
      if (name === 'az')
        for (const t of this.azureSubscription(args, env, readFile)) add('azureSubscriptions', t, describe, ci);
      else if (PROVIDER_TOOLS.has(name))
        for (const v of AZURE_SUBSCRIPTION_VARIABLES) add('azureSubscriptions', fromEnv(env, v), describe, ci);
    }
    return out;
  }

  /** `TF_WORKSPACE`, else a `workspace select` earlier in the line, else `.terraform/environment`, else `default`. */
  private workspace(name: string, args: readonly Arg[], env: Env, cwd: string | null, readFile: ReadFile): Target {
    const fromVariable = fromEnv(env, 'TF_WORKSPACE');
    if (fromVariable) return fromVariable;
    const dir =
      name === 'terragrunt'
        ? terragruntDataDir(args, env, cwd)
        : dataDir(args.slice(0, firstPositional(args)), env, cwd);
    if (dir === null)
      return unknown('it runs in a directory computed when the line runs, so its selected workspace is not known');
    if (this.selected.workspaces.has(dir)) {
      const chosen = this.selected.workspaces.get(dir)!;
      return chosen === null
        ? unknown('the workspace selected earlier in the line is computed when it runs')
        : value(chosen, 'selected earlier in the line');
    }
    if (this.selected.workspaceInUnknownDir)
      return unknown('a workspace was selected earlier in the line in a directory Deadbolt cannot tell');
    let text: string | undefined;
    try {
      text = readFile(path.join(dir, 'environment'));
    } catch {
      text = undefined;
    }
    const chosen = text?.trim();
    if (chosen) return value(chosen, 'from `.terraform/environment`');
    return value('default', 'no workspace is selected');
  }

  /** `--stack`, else `PULUMI_STACK`, else a `stack select` earlier in the line; else the stack selected in Pulumi's workspace, which is not read. */
  private stack(args: readonly Arg[], env: Env): Target {
    const flag = fromOption(args, ['--stack', '-s']);
    if (flag) return flag;
    const variable = fromEnv(env, 'PULUMI_STACK');
    if (variable) return variable;
    if (this.selected.stack !== undefined) {
      return this.selected.stack === null
        ? unknown('the stack selected earlier in the line is not known')
        : value(this.selected.stack, 'selected earlier in the line');
    }
    return unknown(
      "no stack is named on the line (`--stack`, `PULUMI_STACK`), so it runs on the stack selected in Pulumi's workspace, which Deadbolt does not read",
    );
  }

  private kubeContext(name: string, args: readonly Arg[], env: Env, readFile: ReadFile, cwd: string | null): Target {
    const flag = fromOption(args, name === 'helm' ? ['--kube-context'] : ['--context']);
    if (flag) return flag;
    if (name === 'helm') {
      const variable = fromEnv(env, 'HELM_KUBECONTEXT');
      if (variable) return variable;
    }
    if (this.selected.kubeContext !== undefined) {
      return this.selected.kubeContext === null
        ? unknown('the context selected earlier in the line is not known')
        : value(this.selected.kubeContext, 'selected earlier in the line');
    }
    return kubeCurrentContext(args, env, readFile, cwd);
  }

  private gcpProject(args: readonly Arg[], env: Env, readFile: ReadFile): Target {
    const flag = fromOption(args, ['--project']);
    if (flag) return flag;
    const variable = fromEnv(env, 'CLOUDSDK_CORE_PROJECT');
    if (variable) return variable;
    if (this.selected.gcpProject !== undefined) {
      return this.selected.gcpProject === null
        ? unknown('the project selected earlier in the line is not known')
        : value(this.selected.gcpProject, 'selected earlier in the line');
    }
    if (optionValue(args, ['--configuration']) !== undefined)
      return unknown('`--configuration` names a gcloud configuration Deadbolt does not read');
    return gcloudConfigProject(env, readFile);
  }

  private azureSubscription(args: readonly Arg[], env: Env, readFile: ReadFile): Target[] {
    const flag = fromOption(args, ['--subscription']);
    if (flag) return [flag];
    if (this.selected.azureSubscription !== undefined) {
      return [
        this.selected.azureSubscription === null
          ? unknown('the subscription selected earlier in the line is not known')
          : value(this.selected.azureSubscription, 'selected earlier in the line'),
      ];
    }
    const chosen = azureDefaultSubscription(env, readFile);
    if ('kind' in chosen) return [chosen];
    return [value(chosen.id, chosen.source), ...(chosen.name ? [value(chosen.name, chosen.source)] : [])];
  }
}

/** The profiles an AWS tool may use: its flag, else both profile variables (the CLI and the SDKs differ on which wins), else `default`. */
function awsProfiles(name: string, args: readonly Arg[], env: Env): Target[] {
  const flags = AWS_PROFILE_FLAGS[name];
  const flag = flags ? fromOption(args, flags) : undefined;
  if (flag) return [flag];
  const variables = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']
    .map((v) => fromEnv(env, v))
    .filter((t): t is Target => t !== undefined);
  if (variables.length) return variables;
  return [value('default', 'no profile is set')];
}

/** Accounts the command names: ARNs and `--account-id` in its arguments, `AWS_ACCOUNT_ID`, and the account of each profile. */
function awsAccounts(args: readonly Arg[], env: Env, profiles: readonly Target[], readFile: ReadFile): Target[] {
  const out: Target[] = [];
  for (const a of args) {
    const m =
      a.value !== undefined
        ? ARN_ACCOUNT.exec(a.value.slice(a.value.indexOf('arn:') >= 0 ? a.value.indexOf('arn:') : 0))
        : null;
    if (m) out.push(value(m[1], `the ARN \`${a.value!.slice(0, 80)}\``));
  }
  const flag = optionValue(args, ['--account-id', '--account']);
  if (typeof flag === 'string' && /^[0-9]{12}$/.test(flag)) out.push(value(flag, '`--account-id`'));
  const variable = fromEnv(env, 'AWS_ACCOUNT_ID');
  if (variable) out.push(variable);
  for (const p of profiles) {
    if (p.kind === 'unknown') {
      out.push(unknown(`${p.why}, so its account is not known`));
      continue;
    }
    const account = awsProfileAccount(p.value, env, readFile);
    if (account) out.push(value(account, `the account of AWS profile \`${p.value}\` in the AWS config file`));
  }
  return out;
}

function firstPositional(args: readonly Arg[]): number {
  const k = args.findIndex((a) => (a.value === undefined ? !a.text.startsWith('-') : !a.value.startsWith('-')));
  return k < 0 ? args.length : k;
}

/** Terraform's working directory: `-chdir=DIR` resolved against the command's directory. */
function terraformWorkdir(name: string, args: readonly Arg[], cwd: string | null): string | null {
  const chdir =
    name === 'terragrunt'
      ? optionValue(args, ['--working-dir', '--terragrunt-working-dir'])
      : optionValue(args.slice(0, firstPositional(args)), ['-chdir', '--chdir']);
  if (chdir === null) return null;
  if (chdir === undefined) return cwd;
  if (path.isAbsolute(chdir)) return path.normalize(chdir);
  return cwd === null ? null : path.resolve(cwd, chdir);
}

/** Where Terraform keeps its selected workspace: `TF_DATA_DIR` (default `.terraform`) in the working directory. */
function dataDir(globalArgs: readonly Arg[], env: Env, cwd: string | null): string | null {
  const workdir = terraformWorkdir('terraform', globalArgs, cwd);
  if (workdir === null) return null;
  const dataDirVariable = env('TF_DATA_DIR');
  if (dataDirVariable === null) return null;
  return path.resolve(workdir, dataDirVariable || '.terraform');
}

function terragruntDataDir(args: readonly Arg[], env: Env, cwd: string | null): string | null {
  const workdir = terraformWorkdir('terragrunt', args, cwd);
  if (workdir === null) return null;
  const dataDirVariable = env('TF_DATA_DIR');
  if (dataDirVariable === null) return null;
  return path.resolve(workdir, dataDirVariable || '.terraform');
}

/** The working directory and the var files, relative to the config's directory (`null`: outside it). */
function terraformPaths(args: readonly Arg[], workdir: string | null, configDir: string): Target[] {
  const relative = (abs: string): string | null => {
    const rel = path.relative(configDir, abs).split(path.sep).join('/');
    return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel;
  };
  const out: Target[] = [];
  if (workdir === null) {
    out.push(unknown('it runs in a directory computed when the line runs'));
  } else {
    const rel = relative(workdir);
    if (rel !== null) out.push(value(rel || '.', 'its working directory'));
  }
  for (const file of optionValues(args, ['-var-file', '--var-file'])) {
    if (file === null) {
      out.push(unknown('a `-var-file` is computed when the line runs'));
      continue;
    }
    if (workdir === null && !path.isAbsolute(file)) continue;
    const rel = relative(path.resolve(workdir ?? '/', file));
    if (rel !== null) out.push(value(rel, '`-var-file`'));
  }
  return out;
}

function insteadFor(mutation: Mutation): string {
  switch (mutation.tool) {
    case 'terraform':
    case 'tofu':
    case 'terragrunt':
      return `A person runs it. To have the change reviewed: \`${mutation.tool} plan -out=tfplan\`, \`${mutation.tool === 'terragrunt' ? 'terraform' : mutation.tool} show -json tfplan > plan.json\`, \`npx deadbolt plan plan.json\`, then a person applies the saved plan.`;
    case 'pulumi':
      return 'A person runs it, after `pulumi preview --json > preview.json` and `npx deadbolt plan preview.json` show what it changes.';
    case 'cdk':
      return 'A person deploys, after `cdk diff` and `npx deadbolt check cdk.out` show what it changes.';
    case 'kubectl':
      return 'Show the change with `kubectl diff` (or `--dry-run=server`); a person applies it.';
    case 'helm':
      return 'Render it with `helm template` (or `--dry-run`); a person runs the release change.';
    default:
      return 'A person runs it, or it goes through the reviewed deployment pipeline.';
  }
}

function howToName(kind: MarkerKind): string {
  switch (kind) {
    case 'awsProfiles':
    case 'awsAccountIds':
      return '`--profile NAME` or `AWS_PROFILE=NAME` written out';
    case 'terraformWorkspaces':
      return '`TF_WORKSPACE=NAME` or a literal `cd DIR`';
    case 'terraformPaths':
      return 'a literal `cd DIR`, `-chdir=DIR` and `-var-file=FILE`';
    case 'pulumiStacks':
      return '`--stack NAME`';
    case 'kubeContexts':
      return '`--context NAME`';
    case 'gcpProjects':
      return '`--project ID`';
    case 'azureSubscriptions':
      return '`--subscription ID`';
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
