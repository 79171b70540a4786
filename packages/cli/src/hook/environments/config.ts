/**
 * The project's production markers: `deadbolt.config.json`, or the
 * `"deadbolt"` key of `package.json`, found from the command's directory
 * upward. The search stops at the first directory that has either, at a
 * repository root (a directory with `.git`), at the filesystem root, or after
 * MAX_LEVELS directories; each level costs three file reads, and the search
 * runs only for a command that changes infrastructure.
 *
 * The schema is strict: an unknown key, a wrong type or a malformed pattern
 * is an error that the hook reports on every change it would judge (a typo
 * such as `awsProfile` must not silently switch the markers off).
 */
import * as path from 'path';

export const CONFIG_FILE = 'deadbolt.config.json';

/** How many directories the search looks at, the command's own included. */
export const MAX_LEVELS = 12;

/** Each list of markers, as written in the config: names may use `*`, paths `*` and `**`. */
export interface ProductionMarkers {
  /** AWS named profiles (`prod`, `prod-*`), matched against `--profile`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, or `default`. */
  readonly awsProfiles: readonly string[];
  /** Twelve-digit AWS account ids, matched against ARNs in the command, `AWS_ACCOUNT_ID`, and the profile's account in the AWS config file. */
  readonly awsAccountIds: readonly string[];
  /** Terraform/OpenTofu workspaces, matched against `TF_WORKSPACE`, a `workspace select` earlier in the line, or `.terraform/environment`. */
  readonly terraformWorkspaces: readonly string[];
  /** Directories and var files, relative to the config's directory: the working directory (`cd`, `-chdir`) and `-var-file`. */
  readonly terraformPaths: readonly string[];
  /** Pulumi stacks (`prod`, `acme/app/prod`), matched against `--stack`, `PULUMI_STACK`, or a `stack select` earlier in the line. */
  readonly pulumiStacks: readonly string[];
  /** kubeconfig contexts, matched against `--context`/`--kube-context`, `HELM_KUBECONTEXT`, or the kubeconfig's `current-context`. */
  readonly kubeContexts: readonly string[];
  /** Google Cloud project ids, matched against `--project`, `CLOUDSDK_CORE_PROJECT` and the other project variables, or the active gcloud configuration. */
  readonly gcpProjects: readonly string[];
  /** Azure subscription ids or names, matched against `--subscription`, `ARM_SUBSCRIPTION_ID`, or the default subscription of the Azure CLI. */
  readonly azureSubscriptions: readonly string[];
}

export type MarkerKind = keyof ProductionMarkers;

export const MARKER_KINDS: readonly MarkerKind[] = [
  'awsProfiles',
  'awsAccountIds',
  'terraformWorkspaces',
  'terraformPaths',
  'pulumiStacks',
  'kubeContexts',
  'gcpProjects',
  'azureSubscriptions',
];

export type LoadedConfig =
  /** A valid config: `file` is what to name in messages (`deadbolt.config.json`, `package.json` key `deadbolt`). */
  | { readonly kind: 'markers'; readonly markers: ProductionMarkers; readonly file: string; readonly dir: string }
  /** A config that is present but broken: the hook asks for every change, saying where. */
  | { readonly kind: 'invalid'; readonly file: string; readonly problem: string };

export type ReadFile = (absolutePath: string) => string | undefined;

const MAX_ENTRIES = 100;
const MAX_PATTERN = 256;
const MAX_STARS = 8;

export class ConfigError extends Error {}

function safeRead(readFile: ReadFile, file: string): string | undefined {
  try {
    return readFile(file);
  } catch {
    return undefined;
  }
}

/**
 * The config that applies to commands run in `start` (an absolute directory),
 * or `undefined` when there is none.
 */
export function findConfig(start: string, readFile: ReadFile): LoadedConfig | undefined {
  let dir = path.resolve(start);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const own = safeRead(readFile, path.join(dir, CONFIG_FILE));
    const pkgFile = path.join(dir, 'package.json');
    const pkg = safeRead(readFile, pkgFile);
    const fromPackage = pkg === undefined ? undefined : packageSection(pkg, pkgFile);
    if (own !== undefined) {
      const shown = path.join(dir, CONFIG_FILE);
      if (fromPackage !== undefined) {
        return {
          kind: 'invalid',
          file: shown,
          problem: `${pkgFile} also has a \`deadbolt\` key; keep the markers in one place`,
        };
      }
      return parseConfig(own, shown, dir);
    }
    if (fromPackage !== undefined) {
      if (fromPackage.kind === 'invalid') return fromPackage;
      return validated(fromPackage.value, `${pkgFile} (key \`deadbolt\`)`, dir);
    }
    if (safeRead(readFile, path.join(dir, '.git', 'HEAD')) !== undefined) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The `deadbolt` key of a package.json, or `undefined` when it has none. */
function packageSection(
  text: string,
  file: string,
): { kind: 'value'; value: unknown } | Extract<LoadedConfig, { kind: 'invalid' }> | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (e) {
    // A package.json we cannot read may still hold our key: say so rather than guess.
    if (/"deadbolt"\s*:/.test(text))
      return { kind: 'invalid', file, problem: `it is not valid JSON (${(e as Error).message.split('\n')[0]})` };
    return undefined;
  }
  if (
    typeof pkg !== 'object' ||
    pkg === null ||
    Array.isArray(pkg) ||
    !Object.prototype.hasOwnProperty.call(pkg, 'deadbolt')
  )
    return undefined;
  return { kind: 'value', value: (pkg as Record<string, unknown>).deadbolt };
}

/** Parses and validates the text of a `deadbolt.config.json`. */
export function parseConfig(text: string, file: string, dir: string): LoadedConfig {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { kind: 'invalid', file, problem: `it is not valid JSON (${(e as Error).message.split('\n')[0]})` };
  }
  return validated(value, file, dir);
}

function validated(value: unknown, file: string, dir: string): LoadedConfig {
  try {
    return { kind: 'markers', markers: validateConfig(value), file, dir };
  } catch (e) {
    if (e instanceof ConfigError) return { kind: 'invalid', file, problem: e.message };
    throw e;
  }
}

function objectAt(value: unknown, where: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(`\`${where}\` must be an object, got ${describeValue(value)}`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      throw new ConfigError(
        `\`${where === '(top level)' ? key : `${where}.${key}`}\` is not a known key (known: ${known.map((k) => `\`${k}\``).join(', ')})`,
      );
    }
  }
  return record;
}

function describeValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value === 'object' ? 'an object' : `\`${String(value)}\``}`;
}

/** Validates a parsed config (the file's content or the package.json key); throws a ConfigError saying where it is wrong. */
export function validateConfig(value: unknown): ProductionMarkers {
  const top = objectAt(value, '(top level)', ['$schema', 'hook']);
  if (top.$schema !== undefined && typeof top.$schema !== 'string') throw new ConfigError('`$schema` must be a string');
  const markers: Record<MarkerKind, readonly string[]> = {
    awsProfiles: [],
    awsAccountIds: [],
    terraformWorkspaces: [],
    terraformPaths: [],
    pulumiStacks: [],
    kubeContexts: [],
    gcpProjects: [],
    azureSubscriptions: [],
  };
  if (top.hook === undefined) return markers;
  const hook = objectAt(top.hook, 'hook', ['production']);
  if (hook.production === undefined) return markers;
  const production = objectAt(hook.production, 'hook.production', MARKER_KINDS);
  for (const kind of MARKER_KINDS) {
    if (production[kind] !== undefined) markers[kind] = patternList(production[kind], kind);
  }
  return markers;
}

function patternList(value: unknown, kind: MarkerKind): string[] {
  const where = `hook.production.${kind}`;
  if (!Array.isArray(value))
    throw new ConfigError(`\`${where}\` must be an array of strings, got ${describeValue(value)}`);
  if (value.length > MAX_ENTRIES)
    throw new ConfigError(`\`${where}\` has ${value.length} entries; at most ${MAX_ENTRIES} are allowed`);
  return value.map((entry, k) => {
    const at = `${where}[${k}]`;
    if (typeof entry !== 'string') throw new ConfigError(`\`${at}\` must be a string, got ${describeValue(entry)}`);
    if (entry.trim() === '' || entry !== entry.trim())
      throw new ConfigError(
        `\`${at}\` must be a non-empty name without surrounding blanks, got ${JSON.stringify(entry)}`,
      );
    if (entry.length > MAX_PATTERN)
      throw new ConfigError(`\`${at}\` is ${entry.length} characters long; at most ${MAX_PATTERN} are allowed`);
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point.
    if (/[\u0000-\u001f\u007f]/.test(entry)) throw new ConfigError(`\`${at}\` contains a control character`);
    if ((entry.match(/\*/g)?.length ?? 0) > MAX_STARS)
      throw new ConfigError(`\`${at}\` has more than ${MAX_STARS} \`*\``);
    if (kind === 'awsAccountIds' && !/^[0-9]{12}$/.test(entry))
      throw new ConfigError(`\`${at}\` must be a twelve-digit AWS account id, got ${JSON.stringify(entry)}`);
    if (kind === 'terraformPaths') {
      if (entry.startsWith('/') || /^[A-Za-z]:[\\/]/.test(entry))
        throw new ConfigError(
          `\`${at}\` must be relative to the directory of the config, got ${JSON.stringify(entry)}`,
        );
      const segments = entry.replace(/\\/g, '/').split('/');
      if (segments.some((s) => s === '..' || s === '.'))
        throw new ConfigError(`\`${at}\` must not contain \`.\` or \`..\` segments, got ${JSON.stringify(entry)}`);
      if (segments.some((s) => s.includes('**') && s !== '**'))
        throw new ConfigError(
          `\`${at}\`: \`**\` must be a whole path segment (\`infra/prod/**\`), got ${JSON.stringify(entry)}`,
        );
      return segments.filter(Boolean).join('/');
    }
    return entry;
  });
}

/** True when the config names at least one marker. */
export function hasMarkers(markers: ProductionMarkers): boolean {
  return MARKER_KINDS.some((k) => markers[k].length > 0);
}
