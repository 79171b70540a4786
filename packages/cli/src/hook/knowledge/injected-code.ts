/**
 * Settings that make a program run a string as a command: environment
 * variables (`GIT_SSH_COMMAND`, `PAGER`, `BASH_ENV`, exported functions
 * `BASH_FUNC_name%%`) and Git configuration given on the command line
 * (`git -c core.sshCommand=…`, `git -c alias.x='!…'`). The analysis reads the
 * string as the shell code it is; only settings whose value is run are
 * listed (a path to a hooks directory is not a command).
 */

/** Environment variables whose value programs run as a shell command. */
const COMMAND_VARIABLES: ReadonlySet<string> = new Set([
  // Git: https://git-scm.com/docs/git#_environment_variables
  'GIT_SSH_COMMAND',
  'GIT_EXTERNAL_DIFF',
  'GIT_PAGER',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_ASKPASS',
  'GIT_PROXY_COMMAND',
  // Pagers and editors run through `sh -c` by Git, man, less and many others.
  'PAGER',
  'MANPAGER',
  'EDITOR',
  'VISUAL',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  // less runs its input preprocessor: https://man7.org/linux/man-pages/man1/less.1.html
  'LESSOPEN',
  'LESSCLOSE',
  // Bash runs it before each prompt.
  'PROMPT_COMMAND',
]);

/** Environment variables naming a file that a non-interactive shell reads first (Bash's `BASH_ENV`, POSIX `ENV`). */
const STARTUP_FILE_VARIABLES: ReadonlySet<string> = new Set(['BASH_ENV', 'ENV']);

/** What an environment variable's value runs, if it runs anything. */
export type InjectedCode =
  /** Shell code (the value, or the body of an exported function). */
  | { readonly kind: 'code'; readonly code: string }
  /** A shell script the shell reads at start-up. */
  | { readonly kind: 'file'; readonly file: string };

/** Whether `name` is an environment variable whose value may be run; its value is then judged by `injectedByVariable`. */
export function runsVariable(name: string): boolean {
  return (
    COMMAND_VARIABLES.has(name) ||
    STARTUP_FILE_VARIABLES.has(name) ||
    /^BASH_FUNC_.+%%$/.test(name) ||
    /^GIT_CONFIG_VALUE_\d+$/.test(name)
  );
}

/** What setting `name` to `value` makes programs run. */
export function injectedByVariable(name: string, value: string): InjectedCode | undefined {
  if (!value.trim()) return undefined;
  if (STARTUP_FILE_VARIABLES.has(name)) return { kind: 'file', file: value };
  // `BASH_FUNC_name%%='() { body; }'`: Bash imports the function; calling `name` runs the body.
  if (/^BASH_FUNC_.+%%$/.test(name)) {
    const m = /^\s*\(\)\s*\{([\s\S]*)\}\s*$/.exec(value);
    return { kind: 'code', code: m ? m[1] : value };
  }
  // `GIT_CONFIG_KEY_0=core.sshCommand GIT_CONFIG_VALUE_0=…`: read the value as any config value that runs.
  if (/^GIT_CONFIG_VALUE_\d+$/.test(name)) return { kind: 'code', code: value.replace(/^!/, '') };
  // less's `|cmd %s`, `||cmd %s`, `-cmd`: the prefix says how the output is used; `%s` is the file.
  if (name === 'LESSOPEN' || name === 'LESSCLOSE')
    return { kind: 'code', code: value.replace(/^\s*[|-]*/, '').replace(/%s/g, 'file') };
  if (COMMAND_VARIABLES.has(name)) return { kind: 'code', code: value };
  return undefined;
}

/**
 * Git configuration keys whose value Git runs as a shell command
 * (https://git-scm.com/docs/git-config). Lower case; `*` is a subsection.
 */
const GIT_COMMAND_KEYS: readonly RegExp[] = [
  /^core\.(sshcommand|pager|editor|askpass|fsmonitor|alternaterefscommand)$/,
  /^sequence\.editor$/,
  /^pager\.[^.]+$/,
  /^diff\.external$/,
  /^diff\.[^.]+\.(textconv|command)$/,
  /^merge\.[^.]+\.driver$/,
  /^filter\.[^.]+\.(clean|smudge|process)$/,
  /^gpg\.([^.]+\.)?program$/,
  /^uploadpack\.packobjectshook$/,
  /^sendemail\.(smtpserver|tocmd|cccmd)$/,
];

/** What `git -c KEY=VALUE` runs, if anything: an alias or credential helper starting with `!`, or a command-valued key. */
export function injectedByGitConfig(setting: string): string | undefined {
  const eq = setting.indexOf('=');
  if (eq <= 0) return undefined;
  const key = setting.slice(0, eq).toLowerCase();
  const value = setting.slice(eq + 1);
  if (/^alias\.[^=]+$/.test(key) || /^credential\.([^=]*\.)?helper$/.test(key))
    return value.startsWith('!') ? value.slice(1) : undefined;
  // core.fsmonitor may be a boolean (the built-in monitor).
  if (key === 'core.fsmonitor' && /^(true|false|yes|no|on|off|1|0)?$/i.test(value)) return undefined;
  if (/^core\.pager$|^pager\./.test(key) && /^(true|false|yes|no|on|off|1|0)?$/i.test(value)) return undefined;
  return GIT_COMMAND_KEYS.some((re) => re.test(key)) ? value : undefined;
}

/** Whether a computed `git -c` setting names a key whose value would run (`-c core.sshCommand=$X`). */
export function runsGitConfigKey(settingText: string): boolean {
  const key = /^['"]?([A-Za-z0-9_.*-]+)=/.exec(settingText)?.[1]?.toLowerCase();
  if (!key) return true;
  return /^alias\.|^credential\./.test(key) || GIT_COMMAND_KEYS.some((re) => re.test(key));
}

/** `ext::COMMAND` remote URLs make Git run COMMAND (`git clone 'ext::sh -c …'`). */
export function injectedByRemoteUrl(url: string): string | undefined {
  // `% ` is a space inside an argument, `%%` a percent sign; `%s`, `%S`, `%G` are the service and the repository.
  return url.startsWith('ext::')
    ? url.slice(5).replace(/%([SsGgV% ])/g, (_m, c: string) => (c === '%' ? '%' : c === ' ' ? '\\ ' : ''))
    : undefined;
}
