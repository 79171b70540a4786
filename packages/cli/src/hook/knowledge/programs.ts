/**
 * Programs that run other programs: shells, interpreters, wrappers, package
 * runners. The analysis looks through them to the command they run; the
 * pre-filter treats any of their names as a reason to analyse the line.
 */
import { GUARDED_TOOLS } from './guarded-tools';

export const SHELLS: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'ash',
  'yash',
  'posh',
  'rbash',
  'fish',
  'tcsh',
  'csh',
]);

/** How an interpreter takes inline code (`python -c CODE`) and which options take a separate value. */
export interface InterpreterSpec {
  /** Options whose value is the program text. */
  readonly code: readonly string[];
  /** Short options that may end a cluster and take the code next (`perl -ne CODE`). */
  readonly clusterCode?: string;
  /** Options taking a separate value that is not code. */
  readonly value?: readonly string[];
  /** `python -m MODULE`: runs a module instead of a file. */
  readonly module?: readonly string[];
  /** The program text is the first positional argument (awk, sed). */
  readonly programArgument?: boolean;
  /** Options whose value is a program file (`awk -f prog.awk`). */
  readonly programFile?: readonly string[];
  /** Backticks start processes in this language (Perl, Ruby, PHP), not template strings (JavaScript). */
  readonly backticksExecute?: boolean;
  /**
   * A program that runs a file only through one of its subcommands (`go run main.go`, `dotnet fsi x.fsx`):
   * the first argument after it that is not an option is the program file; other subcommands run none.
   */
  readonly fileSubcommands?: readonly string[];
}

const PYTHON: InterpreterSpec = {
  code: ['-c'],
  clusterCode: 'c',
  value: ['-W', '-X', '--check-hash-based-pycs'],
  module: ['-m'],
};
const NODE: InterpreterSpec = {
  code: ['-e', '--eval', '-p', '--print'],
  value: [
    '-r',
    '--require',
    '--import',
    '--loader',
    '--experimental-loader',
    '-C',
    '--conditions',
    '--input-type',
    '--env-file',
    '--title',
    '--inspect-port',
  ],
};

export function interpreterSpec(name: string): InterpreterSpec | undefined {
  if (/^(i?python|pypy)[0-9.]*$/.test(name)) return PYTHON;
  switch (name) {
    case 'node':
    case 'nodejs':
      return NODE;
    // TypeScript runners: node with a loader; the program file is read by the JavaScript reader.
    case 'ts-node-script':
    case 'ts-node-transpile-only':
    case 'esrun':
    case 'jiti':
    case 'tsx':
    case 'ts-node':
    case 'ts-node-esm':
    case 'esno':
    case 'esr':
    case 'vite-node':
    case 'babel-node':
    case 'zx':
      return {
        code: ['-e', '--eval', '-p', '--print'],
        value: [
          '-r',
          '--require',
          '--import',
          '--tsconfig',
          '-P',
          '--project',
          '-C',
          '--compiler',
          '-O',
          '--compilerOptions',
          '--env-file',
        ],
      };
    case 'bun':
      return {
        code: ['-e', '--eval', '-p', '--print'],
        value: ['-r', '--preload', '--cwd', '--env-file', '--config', '-c'],
      };
    case 'julia':
      return {
        code: ['-e', '--eval', '-E', '--print'],
        value: ['-J', '--sysimage', '-t', '--threads', '-p', '--procs', '-C', '--cpu-target', '--project', '-O'],
        programFile: ['-L', '--load'],
        backticksExecute: true,
      };
    case 'r':
      return { code: ['-e'], value: [], programFile: ['-f', '--file'] };
    case 'swift':
    case 'kotlin':
    case 'kotlinc':
      return {
        code: ['-e', '-expression'],
        value: ['-cp', '-classpath', '-d', '-jvm-target', '-module-cache-path', '-sdk', '-target'],
      };
    case 'groovy':
    case 'scala':
    case 'scala-cli':
      return { code: ['-e'], value: ['-cp', '-classpath', '--classpath', '-D', '--scala-version', '-S'] };
    case 'elixir':
      return {
        code: ['-e', '--eval'],
        value: [
          '-r',
          '-pr',
          '-pa',
          '-pz',
          '--erl',
          '--sname',
          '--name',
          '--cookie',
          '--logger-otp-reports',
          '--logger-sasl-reports',
        ],
      };
    case 'erl':
      return {
        code: ['-eval'],
        value: ['-pa', '-pz', '-sname', '-name', '-setcookie', '-config', '-boot', '-args_file'],
      };
    case 'escript':
    case 'jshell':
    case 'runghc':
    case 'runhaskell':
    case 'crystal':
      return { code: [], value: [] };
    case 'clojure':
    case 'clj':
    case 'bb':
      return { code: ['-e', '--eval'], value: ['-Sdeps', '-Scp', '--classpath', '-cp'] };
    case 'racket':
      return {
        code: ['-e', '--eval'],
        value: ['-l', '--lib', '-S', '--search'],
        programFile: ['-f', '--load', '-t', '--require', '-r', '--script', '-u', '--require-script'],
      };
    case 'guile':
      return { code: ['-c'], value: ['-L', '-C', '-x', '-e'], programFile: ['-l', '-s'] };
    case 'go':
      return { code: [], value: [], fileSubcommands: ['run'] };
    case 'dotnet':
      return { code: [], value: [], fileSubcommands: ['fsi', 'script'] };
    case 'deno':
      return { code: [], value: [] };
    case 'perl':
      return { code: ['-e', '-E'], clusterCode: 'eE', value: ['-I', '-M', '-m', '-x'], backticksExecute: true };
    case 'ruby':
      return { code: ['-e'], clusterCode: 'e', value: ['-r', '-I', '-C', '-E', '--encoding'], backticksExecute: true };
    case 'php':
      return { code: ['-r'], value: ['-c', '-d', '-z'], programFile: ['-f'], backticksExecute: true };
    case 'lua':
    case 'luajit':
      return { code: ['-e'], value: ['-l'] };
    case 'rscript':
      return { code: ['-e'], value: [] };
    case 'osascript':
      return { code: ['-e'], value: ['-l', '-s'] };
    case 'pwsh':
    case 'powershell':
    case 'pwsh.exe':
    case 'powershell.exe':
      return {
        code: ['-c', '-command', '-Command', '-ec', '-encodedcommand', '-EncodedCommand'],
        value: ['-f', '-file', '-File', '-ExecutionPolicy', '-executionpolicy'],
      };
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk':
    case 'busybox-awk':
      return {
        code: ['-e', '--source'],
        value: ['-F', '-v', '--assign', '--field-separator'],
        programArgument: true,
        programFile: ['-f', '--file'],
      };
    case 'sed':
    case 'gsed':
      return {
        code: ['-e', '--expression'],
        value: ['-l', '--line-length', '-s'],
        programArgument: true,
        programFile: ['-f', '--file'],
      };
    case 'tclsh':
    case 'wish':
    case 'expect':
      return { code: ['-c'], value: [] };
    default:
      return undefined;
  }
}

/** How a wrapper finds the command it runs. */
export interface WrapperSpec {
  /** Options that take a separate value. */
  readonly value?: readonly string[];
  /** Positional arguments before the command (`timeout DURATION`, `flock FILE`). */
  readonly positional?: number;
  /** Options whose value is a shell command string (`su -c`, `flock -c`, `script -c`). */
  readonly shellString?: readonly string[];
  /** Options after which nothing is run (`command -v`, `sudo -l`). */
  readonly lookup?: readonly string[];
  /** The arguments are joined and run by `sh -c` (`watch`, `ssh`). */
  readonly joinRest?: boolean;
  /** Options that turn `joinRest` off (`watch -x`). */
  readonly exec?: readonly string[];
  /** `NAME=VALUE` words before the command set its environment (`env`, `sudo`). */
  readonly assignments?: boolean;
  /** Runs no command unless a `shellString` option is given (`su`, `script`, `nix-shell`). */
  readonly onlyShellString?: boolean;
  /** The wrapper's own subcommand that runs a command (`aws-vault exec`, `op run`). Other subcommands run nothing. */
  readonly subcommand?: readonly string[];
  /** Options that take their value split by spaces into more arguments (`env -S`). */
  readonly splitString?: readonly string[];
  /** The command is whatever follows `--` (`kubectl exec POD -- CMD`, `op run -- CMD`). */
  readonly afterDoubleDash?: boolean;
  /** Options after which the rest is the command (`nix develop -c CMD`, `gdb --args CMD`). */
  readonly commandFlag?: readonly string[];
  /**
   * Options may follow the user, as with `su` (`su - deploy -c CMD`, `runuser deploy -c CMD`); without
   * `-u USER` (runuser's command form), only the `shellString` option runs a command.
   */
  readonly suLike?: boolean;
}

export const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  nohup: {},
  time: { value: ['-f', '--format', '-o', '--output'] },
  nice: { value: ['-n', '--adjustment'] },
  timeout: { value: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  gtimeout: { value: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  stdbuf: { value: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  setsid: {},
  ionice: { value: ['-c', '-n', '--class', '--classdata', '-P', '-u', '--pgid', '--uid'], lookup: ['-p', '--pid'] },
  taskset: { positional: 1, lookup: ['-p', '--pid'] },
  chrt: { positional: 1, lookup: ['-p', '--pid'] },
  unbuffer: {},
  caffeinate: { value: ['-t', '-w'] },
  chroot: { positional: 1, value: ['--userspec', '--groups'] },
  strace: { value: ['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-b', '-I', '-O', '-S', '-X', '-P', '-U'] },
  ltrace: { value: ['-o', '-e', '-p', '-s', '-u', '-a', '-n', '-l', '-L', '-w', '-x', '-F'] },
  valgrind: {},
  catchsegv: {},
  'dbus-run-session': {},
  sudo: {
    value: [
      '-u',
      '-g',
      '-h',
      '-p',
      '-C',
      '-D',
      '-r',
      '-t',
      '-T',
      '-U',
      '-R',
      '--user',
      '--group',
      '--host',
      '--prompt',
      '--close-from',
      '--chdir',
      '--role',
      '--type',
      '--command-timeout',
      '--other-user',
      '--chroot',
    ],
    lookup: ['-e', '--edit', '-l', '--list', '-V'],
    assignments: true,
  },
  doas: { value: ['-u', '-C'] },
  su: {
    value: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'],
    shellString: ['-c', '--command', '--session-command'],
    onlyShellString: true,
    suLike: true,
  },
  runuser: {
    value: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-u', '--user', '-w'],
    shellString: ['-c', '--command', '--session-command'],
    suLike: true,
  },
  // `sg GROUP -c CMD`, `sg GROUP CMD`.
  sg: { positional: 1, shellString: ['-c'], joinRest: true },
  pkexec: { value: ['-u', '--user'] },
  run0: {
    value: [
      '-u',
      '--user',
      '-g',
      '--group',
      '--unit',
      '--property',
      '--description',
      '--slice',
      '--setenv',
      '-D',
      '--chdir',
      '--nice',
      '--machine',
    ],
  },
  unshare: {
    value: [
      '-S',
      '--setuid',
      '-G',
      '--setgid',
      '-R',
      '--root',
      '-w',
      '--wd',
      '--map-user',
      '--map-group',
      '--propagation',
      '--setgroups',
      '--map-users',
      '--map-groups',
    ],
  },
  nsenter: { value: ['-t', '--target', '-S', '--setuid', '-G', '--setgid', '--user-parent'] },
  'systemd-run': {
    value: [
      '-u',
      '--unit',
      '-p',
      '--property',
      '--description',
      '--slice',
      '-E',
      '--setenv',
      '--uid',
      '--gid',
      '--nice',
      '--working-directory',
      '-M',
      '--machine',
      '-H',
      '--host',
      '--on-active',
      '--on-boot',
      '--on-startup',
      '--on-unit-active',
      '--on-unit-inactive',
      '--on-calendar',
      '--timer-property',
      '--path-property',
      '--socket-property',
      '--service-type',
    ],
  },
  setpriv: {
    value: [
      '--reuid',
      '--regid',
      '--groups',
      '--ruid',
      '--euid',
      '--rgid',
      '--egid',
      '--inh-caps',
      '--ambient-caps',
      '--bounding-set',
      '--securebits',
      '--selinux-label',
      '--apparmor-profile',
      '--pdeathsig',
    ],
  },
  gosu: { positional: 1 },
  'su-exec': { positional: 1 },
  tini: { value: ['-s', '-e', '-p'] },
  'dumb-init': {},
  fakeroot: { value: ['-l', '--lib', '--faked', '-s', '-i'] },
  'xvfb-run': {
    value: [
      '-n',
      '--server-num',
      '-s',
      '--server-args',
      '-f',
      '--auth-file',
      '-e',
      '--error-file',
      '-p',
      '--xauth-protocol',
    ],
  },
  proxychains: { value: ['-f'] },
  proxychains4: { value: ['-f'] },
  torsocks: { value: ['-u', '-p', '-a', '-P'] },
  'ssh-agent': { value: ['-a', '-E', '-t', '-P'], lookup: ['-k', '-l'] },
  envdir: { positional: 1 },
  // Granted's `assume PROFILE --exec 'CMD'`.
  assume: {
    value: ['-r', '--region', '-d', '--duration', '--mfa-token'],
    shellString: ['--exec', '-x'],
    onlyShellString: true,
    suLike: true,
  },
  flock: {
    value: ['-E', '--conflict-exit-code', '-w', '--wait', '--timeout'],
    positional: 1,
    shellString: ['-c', '--command'],
  },
  script: {
    value: [
      '-E',
      '--echo',
      '-O',
      '--log-out',
      '-I',
      '--log-in',
      '-B',
      '--log-io',
      '-T',
      '--log-timing',
      '-m',
      '--logging-format',
      '-o',
      '--output-limit',
    ],
    shellString: ['-c', '--command'],
    onlyShellString: true,
  },
  watch: { value: ['-n', '--interval', '-q', '--equexit'], joinRest: true, exec: ['-x', '--exec'] },
  env: { value: ['-u', '--unset', '-C', '--chdir', '-P'], assignments: true, splitString: ['-S', '--split-string'] },
  'nix-shell': { shellString: ['--run', '--command'], onlyShellString: true },
  'aws-vault': {
    subcommand: ['exec'],
    positional: 1,
    value: ['-d', '--duration', '-t', '--mfa-token', '-r', '--region', '--prompt', '--ec2-server'],
  },
  'aws-okta': {
    subcommand: ['exec'],
    positional: 1,
    value: ['-t', '--mfa-duo-device', '--assume-role-ttl', '--session-ttl'],
  },
  op: { subcommand: ['run'], afterDoubleDash: true },
  doppler: {
    subcommand: ['run'],
    value: ['-p', '--project', '-c', '--config', '--mount', '--mount-format', '--fallback', '--token', '--scope'],
    shellString: ['--command'],
  },
  dotenv: { value: ['-e', '-v', '-c'] },
  dotenvx: { subcommand: ['run'], afterDoubleDash: true },
  infisical: {
    subcommand: ['run'],
    value: ['--env', '--path', '--projectId', '--token', '--tags', '--domain'],
    shellString: ['--command'],
  },
  chamber: { subcommand: ['exec'], afterDoubleDash: true },
  saml2aws: {
    subcommand: ['exec'],
    value: ['-a', '--idp-account', '--profile', '-p', '--exec-profile', '--role', '--region'],
  },
  direnv: { subcommand: ['exec'], positional: 1 },
  envchain: { positional: 1 },
  mise: { subcommand: ['exec', 'x'], afterDoubleDash: true },
  rtx: { subcommand: ['exec', 'x'], afterDoubleDash: true },
  conda: { subcommand: ['run'], value: ['-n', '--name', '-p', '--prefix', '--cwd'] },
  mamba: { subcommand: ['run'], value: ['-n', '--name', '-p', '--prefix', '--cwd'] },
  micromamba: { subcommand: ['run'], value: ['-n', '--name', '-p', '--prefix', '--cwd', '-r', '--root-prefix'] },
  pixi: { subcommand: ['run', 'exec'], value: ['-e', '--environment', '--manifest-path', '-s', '--spec'] },
  asdf: { subcommand: ['exec'] },
  pipenv: { subcommand: ['run'] },
  poetry: { subcommand: ['run'] },
  pdm: { subcommand: ['run'] },
  rye: { subcommand: ['run'] },
  hatch: { subcommand: ['run'] },
  bundle: { subcommand: ['exec'] },
  uv: {
    subcommand: ['run'],
    value: [
      '--with',
      '-w',
      '--python',
      '-p',
      '--env-file',
      '--directory',
      '--project',
      '--package',
      '--extra',
      '--group',
      '--index',
      '--index-url',
    ],
  },
  nix: { subcommand: ['develop', 'shell'], commandFlag: ['-c', '--command'], onlyShellString: true },
  gdb: { commandFlag: ['--args'], onlyShellString: true },
  kubectl: { subcommand: ['exec', 'run', 'debug'], afterDoubleDash: true },
  oc: { subcommand: ['exec', 'run', 'debug', 'rsh'], afterDoubleDash: true },
};

/** Package runners: run a package's binary (`npx aws-cdk destroy`) or a package.json script (`npm run destroy`). */
export const RUNNERS: ReadonlySet<string> = new Set(['npx', 'pnpx', 'bunx', 'npm', 'pnpm', 'yarn', 'bun']);

/** npm packages whose binary is a guarded tool under another name. */
export const PACKAGE_BINARIES: Readonly<Record<string, string>> = {
  'aws-cdk': 'cdk',
  cdk: 'cdk',
  'cdktf-cli': 'cdktf',
  serverless: 'serverless',
  '@pulumi/pulumi': 'pulumi',
};

/** Programs the analysis knows run commands (besides shells, interpreters, wrappers and runners). */
export const COMMAND_RUNNERS: ReadonlySet<string> = new Set([
  'eval',
  'source',
  '.',
  'exec',
  'command',
  'builtin',
  'find',
  'xargs',
  'parallel',
  'ssh',
  'git',
  'busybox',
  'alias',
  'docker',
  'podman',
  'make',
  'gmake',
  'just',
  'task',
  'go-task',
  'nx',
  'turbo',
  'lerna',
  'invoke',
  'inv',
  'fd',
  'entr',
  'nodemon',
  'concurrently',
  'npm-run-all',
  'run-p',
  'run-s',
  'sshpass',
  'function',
  'exec-env',
  'coproc',
  'trap',
  'unalias',
  'fc',
  // Hosts read by `knowledge/hosts.ts`: containers, multiplexers, queues, schedules, remote machines.
  'nerdctl',
  'docker-compose',
  'podman-compose',
  'finch',
  'tmux',
  'screen',
  'at',
  'batch',
  'crontab',
  'gcloud',
]);

/** Programs whose hosted command `knowledge/hosts.ts` reads (containers, multiplexers, debuggers, queues, remote calls). */
export const HOST_PROGRAMS: ReadonlySet<string> = new Set([
  'docker',
  'podman',
  'nerdctl',
  'docker-compose',
  'podman-compose',
  'finch',
  'kubectl',
  'oc',
  'tmux',
  'screen',
  'gdb',
  'at',
  'batch',
  'crontab',
  'gcloud',
  'aws',
  'expect',
]);

/**
 * Clients that delete data themselves (`knowledge/azure.ts`, `gcloud.ts`, `kubernetes.ts`, `sql.ts`,
 * `app-platforms.ts`, `object-storage.ts`):
 * `tools.ts` judges their arguments.
 */
export const DATA_CLIENTS: ReadonlySet<string> = new Set([
  'az',
  'gcloud',
  'gsutil',
  'bq',
  'cloud-nuke',
  'aws-nuke',
  'kubectl',
  'oc',
  'helm',
  'helmfile',
  'argocd',
  'flux',
  'eksctl',
  'amplify',
  'copilot',
  'rclone',
  's3cmd',
  's5cmd',
  'mc',
  'psql',
  'mysql',
  'mariadb',
  'sqlcmd',
  'mongosh',
  'mongo',
  'redis-cli',
  'cqlsh',
  'dropdb',
  'mysqladmin',
]);

/**
 * Commands that never run another command from their arguments. Their
 * arguments are data: `echo "terraform destroy"`, `grep -r "pulumi destroy" .`.
 */
export const INERT: ReadonlySet<string> = new Set([
  'echo',
  'printf',
  'cat',
  'tac',
  'less',
  'more',
  'head',
  'tail',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ack',
  'ls',
  'll',
  'tree',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'column',
  'diff',
  'cmp',
  'comm',
  'file',
  'stat',
  'which',
  'type',
  'whereis',
  'hash',
  'man',
  'help',
  'info',
  'tldr',
  'true',
  'false',
  'test',
  '[',
  'pwd',
  'mkdir',
  'rmdir',
  'touch',
  'cp',
  'mv',
  'rm',
  'ln',
  'chmod',
  'chown',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'date',
  'sleep',
  'whoami',
  'id',
  'hostname',
  'uname',
  'du',
  'df',
  'jq',
  'yq',
  'base64',
  'md5sum',
  'sha256sum',
  'shasum',
  'tee',
  'nl',
  'fold',
  'fmt',
  'paste',
  'join',
  'split',
  'xxd',
  'od',
  'hexdump',
  'strings',
  'zcat',
  'gzip',
  'gunzip',
  'tar',
  'zip',
  'unzip',
  'curl',
  'wget',
  'open',
  'code',
  'vim',
  'vi',
  'nano',
  'emacs',
  'history',
  'set',
  'shopt',
  'ulimit',
  'umask',
  'wait',
  'jobs',
  'fg',
  'bg',
  'kill',
  'pkill',
  'ps',
  'top',
  'exit',
  'return',
  'break',
  'continue',
  'shift',
  'local',
  'tput',
  'clear',
  'reset',
  'printenv',
  'export',
  'declare',
  'readonly',
  'typeset',
  'unset',
  'read',
  'mapfile',
  'readarray',
  'getopts',
  'cd',
  'pushd',
  'popd',
  'dirs',
  'let',
  ':',
  'jest',
  'tsc',
  'eslint',
  'prettier',
  'cargo',
  'rustc',
  'gcc',
  'javac',
  'mvn',
  'gradle',
]);

/**
 * Every name that makes a command line worth analysing: the guarded tools
 * and every program that may run one of them. Lower case.
 */
export function isCommandRunningName(name: string): boolean {
  return (
    (GUARDED_TOOLS as readonly string[]).includes(name) ||
    SHELLS.has(name) ||
    interpreterSpec(name) !== undefined ||
    Object.prototype.hasOwnProperty.call(WRAPPERS, name) ||
    RUNNERS.has(name) ||
    COMMAND_RUNNERS.has(name) ||
    DATA_CLIENTS.has(name) ||
    HOST_PROGRAMS.has(name)
  );
}

/**
 * Programs that set the AWS profile for the command they run (`aws-vault exec prod -- CMD`, `saml2aws exec
 * --exec-profile prod -- CMD`, Granted's `assume prod --exec CMD`) or, sourced into the shell, for the rest of
 * the line (`assume prod && CMD`, `awsume prod && CMD`). The production markers' `awsProfiles` judge the
 * profile as they judge `AWS_PROFILE`.
 * @see https://github.com/99designs/aws-vault/blob/master/USAGE.md#exec
 * @see https://github.com/Versent/saml2aws#saml2aws-exec
 * @see https://docs.commonfate.io/granted/usage/assuming-roles
 * @see https://awsu.me/general/usage.html
 */
const AWS_PROFILE_SETTERS: Readonly<
  Record<
    string,
    { readonly subcommand?: string; readonly options?: readonly string[]; readonly value?: readonly string[] }
  >
> = {
  'aws-vault': { subcommand: 'exec', value: WRAPPERS['aws-vault'].value },
  'aws-okta': { subcommand: 'exec', value: WRAPPERS['aws-okta'].value },
  saml2aws: { subcommand: 'exec', options: ['--exec-profile', '--profile', '-p'] },
  assume: { value: [...(WRAPPERS.assume.value ?? []), '--exec', '-x'] },
  awsume: {
    value: [
      '--role-arn',
      '--role-duration',
      '--session-name',
      '--region',
      '--mfa-token',
      '--source-profile',
      '--external-id',
      '-o',
      '--output-profile',
      '--principal-arn',
    ],
  },
};

/** The AWS profile `name` sets (`null` when computed), or `undefined` when it sets none. */
export function awsProfileSetBy(name: string, args: readonly { readonly value?: string }[]): string | null | undefined {
  const spec = Object.prototype.hasOwnProperty.call(AWS_PROFILE_SETTERS, name) ? AWS_PROFILE_SETTERS[name] : undefined;
  if (!spec) return undefined;
  let k = 0;
  if (spec.subcommand) {
    while (k < args.length && args[k].value?.startsWith('-')) k++;
    if (args[k]?.value !== spec.subcommand) return undefined;
    k++;
  }
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) {
      if (spec.options) continue;
      return null;
    }
    if (v === '--') return undefined;
    if (spec.options) {
      const option = spec.options.find((o) => v === o || v.startsWith(`${o}=`));
      if (option) return v === option ? (args[k + 1]?.value ?? null) : v.slice(option.length + 1);
      continue;
    }
    if (v.startsWith('-')) {
      if (!v.includes('=') && spec.value?.includes(v)) k++;
      continue;
    }
    return v;
  }
  return undefined;
}
