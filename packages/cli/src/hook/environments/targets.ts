/**
 * What a command points at: its AWS profile and account, Terraform workspace,
 * working directory and var files, Pulumi stack, kube context, Google Cloud
 * project and Azure subscription, read from its flags, its environment, what
 * the line selected earlier, and (cheaply, one file each) the tools' own
 * settings files. Each answer is a value with where it came from, "unknown"
 * with why (a computed flag, an unreadable kubeconfig), or nothing.
 */
import * as path from 'path';
import type { Arg } from '../knowledge/tools';
import type { ReadFile } from './config';

export type Target =
  | { readonly kind: 'value'; readonly value: string; readonly source: string }
  | { readonly kind: 'unknown'; readonly why: string };

export type Env = (name: string) => string | undefined | null;

export const value = (v: string, source: string): Target => ({ kind: 'value', value: v, source });
export const unknown = (why: string): Target => ({ kind: 'unknown', why });

/**
 * An option's value: `--name VALUE` or `--name=VALUE` (Go-style `-name`
 * too when `names` lists it). `null` when the value is computed, `undefined`
 * when the option is absent; the last occurrence wins, as in the CLIs.
 */
export function optionValue(args: readonly Arg[], names: readonly string[]): string | null | undefined {
  let found: string | null | undefined;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === undefined) {
      // `--profile=$P` is one computed word: its text still shows the option.
      if (names.some((n) => args[i].text.startsWith(`${n}=`))) found = null;
      continue;
    }
    if (v === '--') break;
    for (const n of names) {
      if (v === n) {
        const next = args[i + 1];
        found = next === undefined ? found : next.value === undefined ? null : next.value;
        i++;
        break;
      }
      if (v.startsWith(`${n}=`)) {
        found = v.slice(n.length + 1);
        break;
      }
    }
  }
  return found;
}

/** An option given several times (`-var-file`): every value, `null` for computed ones. */
export function optionValues(args: readonly Arg[], names: readonly string[]): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === undefined) {
      if (names.some((n) => args[i].text.startsWith(`${n}=`))) out.push(null);
      continue;
    }
    for (const n of names) {
      if (v === n) {
        const next = args[i + 1];
        if (next) out.push(next.value === undefined ? null : next.value);
        i++;
        break;
      }
      if (v.startsWith(`${n}=`)) {
        out.push(v.slice(n.length + 1));
        break;
      }
    }
  }
  return out;
}

/** An environment variable as a target: a value, unknown when computed, nothing when unset or empty. */
export function fromEnv(env: Env, name: string): Target | undefined {
  const v = env(name);
  if (v === null) return unknown(`\`${name}\` is computed when the line runs`);
  if (v === undefined || v === '') return undefined;
  return value(v, `\`${name}\``);
}

/** From a flag: a value, unknown when computed, nothing when absent. */
export function fromOption(args: readonly Arg[], names: readonly string[]): Target | undefined {
  const v = optionValue(args, names);
  if (v === undefined) return undefined;
  if (v === null) return unknown(`\`${names[0]}\` is computed when the line runs`);
  return value(v, `\`${names[0]}\``);
}

/** The home directory, for the tools' settings files. */
export function homeOf(env: Env): string | null {
  const home = env('HOME') ?? env('USERPROFILE');
  return typeof home === 'string' && path.isAbsolute(home) ? home : null;
}

function read(readFile: ReadFile, file: string): string | undefined {
  try {
    return readFile(file);
  } catch {
    return undefined;
  }
}

function unquote(v: string): string {
  const t = v.replace(/\s+#.*$/, '').trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/**
 * The kubeconfig's current context: the `--kubeconfig` file alone, or the
 * files of `KUBECONFIG` (the first that sets it wins), or `~/.kube/config`.
 * @see https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#merging-kubeconfig-files
 */
export function kubeCurrentContext(args: readonly Arg[], env: Env, readFile: ReadFile, cwd: string | null): Target {
  const flag = optionValue(args, ['--kubeconfig']);
  let files: string[];
  let shown: string;
  if (flag === null) return unknown('`--kubeconfig` is computed when the line runs');
  if (flag !== undefined) {
    files = [flag];
    shown = `\`${flag}\``;
  } else {
    const kubeconfig = env('KUBECONFIG');
    if (kubeconfig === null) return unknown('`KUBECONFIG` is computed when the line runs');
    if (kubeconfig) {
      files = kubeconfig.split(path.delimiter).filter(Boolean).slice(0, 16);
      shown = '`KUBECONFIG`';
    } else {
      const home = homeOf(env);
      if (!home) return unknown('the home directory, where `~/.kube/config` lives, is not known');
      files = [path.join(home, '.kube', 'config')];
      shown = '`~/.kube/config`';
    }
  }
  for (const f of files) {
    const abs = path.isAbsolute(f) ? f : cwd ? path.resolve(cwd, f) : null;
    if (!abs) return unknown(`the kubeconfig \`${f}\` is relative to a directory Deadbolt cannot tell`);
    const text = read(readFile, abs);
    if (text === undefined) continue;
    const m = /^current-context:[ \t]*(.*)$/m.exec(text);
    const ctx = m ? unquote(m[1]) : '';
    if (ctx) return value(ctx, `the \`current-context\` of ${shown}`);
  }
  return unknown(`the current context of ${shown} could not be read`);
}

/**
 * The project of the active gcloud configuration.
 * @see https://cloud.google.com/sdk/docs/configurations
 */
export function gcloudConfigProject(env: Env, readFile: ReadFile): Target {
  const configDir = env('CLOUDSDK_CONFIG');
  if (configDir === null) return unknown('`CLOUDSDK_CONFIG` is computed when the line runs');
  const home = homeOf(env);
  const dir = configDir || (home ? path.join(home, '.config', 'gcloud') : null);
  if (!dir) return unknown('the home directory, where the gcloud configuration lives, is not known');
  const named = env('CLOUDSDK_ACTIVE_CONFIG_NAME');
  if (named === null) return unknown('`CLOUDSDK_ACTIVE_CONFIG_NAME` is computed when the line runs');
  const active = named || read(readFile, path.join(dir, 'active_config'))?.trim() || 'default';
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(active))
    return unknown(`the active gcloud configuration \`${active.slice(0, 40)}\` is not a plain name`);
  const text = read(readFile, path.join(dir, 'configurations', `config_${active}`));
  if (text === undefined) return unknown(`the gcloud configuration \`${active}\` could not be read`);
  let section = '';
  for (const line of text.split(/\r?\n/).slice(0, 2000)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const kv = /^\s*project\s*[=:]\s*(.*)$/.exec(line);
    if (kv && section === 'core') return value(unquote(kv[1]), `the gcloud configuration \`${active}\``);
  }
  return unknown(`the gcloud configuration \`${active}\` sets no project`);
}

/**
 * The Azure CLI's default subscription (id and name) from `azureProfile.json`.
 * @see https://learn.microsoft.com/cli/azure/manage-azure-subscriptions-azure-cli
 */
export function azureDefaultSubscription(
  env: Env,
  readFile: ReadFile,
): { id: string; name: string; source: string } | Target {
  const configDir = env('AZURE_CONFIG_DIR');
  if (configDir === null) return unknown('`AZURE_CONFIG_DIR` is computed when the line runs');
  const home = homeOf(env);
  const dir = configDir || (home ? path.join(home, '.azure') : null);
  if (!dir) return unknown('the home directory, where the Azure CLI keeps its default subscription, is not known');
  const text = read(readFile, path.join(dir, 'azureProfile.json'));
  if (text === undefined)
    return unknown("the Azure CLI's default subscription (`azureProfile.json`) could not be read");
  try {
    const profile = JSON.parse(text.replace(/^\uFEFF/, '')) as {
      subscriptions?: { id?: unknown; name?: unknown; isDefault?: unknown }[];
    };
    const chosen = Array.isArray(profile.subscriptions)
      ? profile.subscriptions.find((s) => s && s.isDefault === true)
      : undefined;
    if (chosen && typeof chosen.id === 'string')
      return {
        id: chosen.id,
        name: typeof chosen.name === 'string' ? chosen.name : '',
        source: "the Azure CLI's default subscription",
      };
  } catch {
    // Fall through: unreadable is unknown.
  }
  return unknown("the Azure CLI's default subscription could not be read from `azureProfile.json`");
}

/**
 * The account an AWS profile's settings name (`sso_account_id`,
 * `aws_account_id`, or the account of `role_arn`), from the shared config file.
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
 */
export function awsProfileAccount(profile: string, env: Env, readFile: ReadFile): string | undefined {
  const configured = env('AWS_CONFIG_FILE');
  if (configured === null) return undefined;
  const home = homeOf(env);
  const file = configured || (home ? path.join(home, '.aws', 'config') : null);
  if (!file || !path.isAbsolute(file)) return undefined;
  const text = read(readFile, file);
  if (text === undefined) return undefined;
  let inProfile = false;
  for (const line of text.split(/\r?\n/).slice(0, 5000)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(line);
    if (header) {
      const name = header[1].replace(/^profile\s+/, '');
      inProfile = name === profile && !header[1].startsWith('sso-session');
      continue;
    }
    if (!inProfile) continue;
    const kv = /^\s*(sso_account_id|aws_account_id|role_arn)\s*=\s*(\S+)/.exec(line);
    if (!kv) continue;
    const account = kv[1] === 'role_arn' ? /^arn:aws[a-z-]*:iam::([0-9]{12}):/.exec(kv[2])?.[1] : kv[2];
    if (account && /^[0-9]{12}$/.test(account)) return account;
  }
  return undefined;
}
