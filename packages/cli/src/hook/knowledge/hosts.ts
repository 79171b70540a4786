/**
 * Programs that host a command somewhere else: in a container (`docker run
 * IMAGE CMD`, `docker exec`, `kubectl run --image`), in a terminal
 * multiplexer (`tmux new-session CMD`, `tmux send-keys`, `screen -X stuff`),
 * in a debugger (`gdb -ex 'shell CMD'`), in a queue or a schedule (`at`,
 * `batch`, `crontab`), or on a remote machine (`gcloud compute ssh
 * --command`, `aws ssm send-command`). Each reader turns the arguments into
 * what the analysis should read (`Hosted`); the analysis does the reading.
 */
import type { Verdict } from './destructive-commands';
import { AWS_GLOBAL_VALUE_OPTIONS } from './aws-global-options';
import { GUARDED_TOOLS } from './guarded-tools';
import type { Arg } from './tools';

/** What a hosting program runs, for the analysis to read. */
export type Hosted =
  /** These words, run as a command (`docker run alpine terraform destroy`). */
  | { readonly kind: 'argv'; readonly argv: readonly Arg[]; readonly via: string }
  /** Shell code in one argument (`tmux new-session 'terraform destroy'`); computed code gets "ask". */
  | { readonly kind: 'shell'; readonly code: Arg; readonly via: string; readonly transform?: Transform }
  /** Shell code read from standard input (`echo 'terraform destroy' | at now`). */
  | { readonly kind: 'stdin'; readonly via: string; readonly transform?: Transform }
  /** Shell code read from a file (`at -f job.sh now`, `crontab jobs.txt`). */
  | { readonly kind: 'file'; readonly file: Arg; readonly via: string; readonly transform?: Transform }
  /** Arguments for a tool that a computed container image may be (`docker run "$IMAGE" destroy`). */
  | { readonly kind: 'unknown-image'; readonly args: readonly Arg[]; readonly via: string }
  | { readonly kind: 'verdict'; readonly verdict: Verdict }
  | { readonly kind: 'many'; readonly items: readonly Hosted[] };

/** How text becomes shell code: a crontab's lines lose their schedule, typed keys are decoded. */
export type Transform = 'crontab' | 'typed' | 'gdb' | 'expect';

const lit = (value: string, text = value): Arg => ({ value, text });

/** The options of `args` up to the first positional, skipping the values of `valueFlags`; returns the positional's index. */
function skipOptions(args: readonly Arg[], from: number, valueFlags: ReadonlySet<string>): number {
  let k = from;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) return k;
    if (v === '--') return k + 1;
    if (!v.startsWith('-') || v === '-') return k;
    if (!v.includes('=') && valueFlags.has(v)) k++;
  }
  return k;
}

// Containers ------------------------------------------------------------------------------------------

/**
 * Container images whose entry point is a guarded tool: `docker run hashicorp/terraform destroy` runs
 * `terraform destroy`. Keys without a registry are Docker Hub images.
 */
export const IMAGE_ENTRYPOINTS: Readonly<Record<string, string>> = {
  'hashicorp/terraform': 'terraform',
  'ghcr.io/opentofu/opentofu': 'tofu',
  'opentofu/opentofu': 'tofu',
  'pulumi/pulumi': 'pulumi',
  'amazon/aws-cli': 'aws',
  'public.ecr.aws/aws-cli/aws-cli': 'aws',
  'bitnami/kubectl': 'kubectl',
  'alpine/helm': 'helm',
};

/** The repository of an image reference, without the Docker Hub registry, tag or digest. */
export function imageRepository(ref: string): string {
  let r = ref.toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  if (colon > slash) r = r.slice(0, colon);
  return r.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

/** Options of `docker run`/`podman run`/`nerdctl run`/`docker create` that take a separate value. */
const RUN_VALUE_FLAGS = new Set([
  '-a',
  '--attach',
  '--add-host',
  '--annotation',
  '--blkio-weight',
  '--blkio-weight-device',
  '--cap-add',
  '--cap-drop',
  '--cgroup-parent',
  '--cgroupns',
  '--cidfile',
  '--cpu-period',
  '--cpu-quota',
  '--cpu-rt-period',
  '--cpu-rt-runtime',
  '-c',
  '--cpu-shares',
  '--cpus',
  '--cpuset-cpus',
  '--cpuset-mems',
  '--detach-keys',
  '--device',
  '--device-cgroup-rule',
  '--device-read-bps',
  '--device-read-iops',
  '--device-write-bps',
  '--device-write-iops',
  '--dns',
  '--dns-option',
  '--dns-search',
  '--domainname',
  '--entrypoint',
  '-e',
  '--env',
  '--env-file',
  '--expose',
  '--gpus',
  '--group-add',
  '--health-cmd',
  '--health-interval',
  '--health-retries',
  '--health-start-period',
  '--health-timeout',
  '-h',
  '--hostname',
  '--ip',
  '--ip6',
  '--ipc',
  '--isolation',
  '--kernel-memory',
  '-l',
  '--label',
  '--label-file',
  '--link',
  '--link-local-ip',
  '--log-driver',
  '--log-opt',
  '--mac-address',
  '-m',
  '--memory',
  '--memory-reservation',
  '--memory-swap',
  '--memory-swappiness',
  '--mount',
  '--name',
  '--network',
  '--net',
  '--network-alias',
  '--oom-score-adj',
  '--pid',
  '--pids-limit',
  '--platform',
  '-p',
  '--publish',
  '--pull',
  '--restart',
  '--runtime',
  '--security-opt',
  '--shm-size',
  '--stop-signal',
  '--stop-timeout',
  '--storage-opt',
  '--sysctl',
  '--tmpfs',
  '--ulimit',
  '-u',
  '--user',
  '--userns',
  '--uts',
  '-v',
  '--volume',
  '--volume-driver',
  '--volumes-from',
  '-w',
  '--workdir',
  '--arch',
  '--os',
  '--variant',
  '--pod',
  '--secret',
  '--hooks-dir',
  '--umask',
  '--timeout',
]);

const EXEC_VALUE_FLAGS = new Set(['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys']);
const COMPOSE_VALUE_FLAGS = new Set([
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--profile',
  '--env-file',
  '--project-directory',
  '--ansi',
  '--parallel',
  '--progress',
]);
const COMPOSE_RUN_VALUE_FLAGS = new Set([
  '-e',
  '--env',
  '-l',
  '--label',
  '--name',
  '-p',
  '--publish',
  '-u',
  '--user',
  '-v',
  '--volume',
  '-w',
  '--workdir',
  '--entrypoint',
  '--cap-add',
  '--cap-drop',
  '--pull',
  '--env-from-file',
  '--index',
]);
const DOCKER_GLOBAL_VALUE_FLAGS = new Set([
  '-H',
  '--host',
  '-c',
  '--context',
  '--config',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--url',
  '--connection',
  '--root',
  '--runroot',
  '--namespace',
  '-n',
  '--address',
  '-a',
]);

/** `docker run … IMAGE CMD…` (and `create`, `podman`, `nerdctl`). */
function containerRun(args: readonly Arg[], from: number, via: string): Hosted | undefined {
  let entrypoint: Arg | undefined;
  let k = from;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || v === '--' || !v.startsWith('-') || v === '-') break;
    if (v === '--entrypoint') entrypoint = args[k + 1];
    else if (v.startsWith('--entrypoint=')) entrypoint = lit(v.slice('--entrypoint='.length), v);
    if (!v.includes('=') && RUN_VALUE_FLAGS.has(v)) k++;
  }
  if (args[k]?.value === '--') k++;
  const image = args[k];
  if (!image) return undefined;
  const rest = args.slice(k + 1);
  // `--entrypoint ''` resets the image's entry point: the command words run alone.
  if (entrypoint?.value === '') return rest.length ? { kind: 'argv', argv: rest, via } : undefined;
  if (entrypoint)
    return {
      kind: 'argv',
      argv: [entrypoint.value === undefined ? { text: entrypoint.text } : entrypoint, ...rest],
      via,
    };
  if (image.value === undefined) return rest.length ? { kind: 'unknown-image', args: rest, via } : undefined;
  const tool = IMAGE_ENTRYPOINTS[imageRepository(image.value)];
  if (tool) {
    // An image whose entry point is the tool takes the tool's arguments; `… pulumi/pulumi pulumi destroy`
    // (an image run with its command given in full) is read as that command.
    const first = rest[0]?.value;
    if (
      first !== undefined &&
      !first.startsWith('-') &&
      /^[a-z][a-z0-9._-]*$/.test(first) &&
      (first === tool || isProgramName(first))
    )
      return { kind: 'argv', argv: rest, via: `${via} ${image.value}` };
    return { kind: 'argv', argv: [lit(tool, image.text), ...rest], via: `${via} ${image.value}` };
  }
  return rest.length ? { kind: 'argv', argv: rest, via: `${via} ${image.value}` } : undefined;
}

/** Programs that are not a guarded tool's subcommand (the first word after an image whose entry point is the tool). */
const PROGRAM_WORDS = new Set([
  'sh',
  'bash',
  'ash',
  'dash',
  'zsh',
  'env',
  'exec',
  'terraform',
  'tofu',
  'terragrunt',
  'pulumi',
  'aws',
  'kubectl',
  'helm',
  'python',
  'python3',
  'node',
]);

function isProgramName(word: string): boolean {
  return PROGRAM_WORDS.has(word);
}

/** `docker`, `podman`, `nerdctl`, `docker-compose`, `podman-compose`: the command a container runs. */
function container(name: string, args: readonly Arg[]): Hosted | undefined {
  const compose = name.endsWith('-compose');
  let k = skipOptions(args, 0, compose ? COMPOSE_VALUE_FLAGS : DOCKER_GLOBAL_VALUE_FLAGS);
  let sub = args[k]?.value;
  if (!compose && sub === 'container') sub = args[++k]?.value;
  if (!compose && sub === 'compose') return container(`${name}-compose`, args.slice(k + 1));
  const via = `${name} ${sub ?? ''}`.trim();
  switch (sub) {
    case 'run':
    case 'create':
      if (compose) return composeService(args, k + 1, COMPOSE_RUN_VALUE_FLAGS, via);
      return containerRun(args, k + 1, via);
    case 'exec': {
      if (compose) return composeService(args, k + 1, COMPOSE_RUN_VALUE_FLAGS, via);
      const at = skipOptions(args, k + 1, EXEC_VALUE_FLAGS);
      const rest = args.slice(at + 1);
      return rest.length ? { kind: 'argv', argv: rest, via } : undefined;
    }
    default:
      return undefined;
  }
}

/** `docker compose run [OPTIONS] SERVICE CMD…`: the service's image is in a file; read the command as a command line. */
function composeService(
  args: readonly Arg[],
  from: number,
  valueFlags: ReadonlySet<string>,
  via: string,
): Hosted | undefined {
  let entrypoint: Arg | undefined;
  let k = from;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-') || v === '-') break;
    if (v === '--') {
      k++;
      break;
    }
    if (v === '--entrypoint') entrypoint = args[k + 1];
    if (!v.includes('=') && valueFlags.has(v)) k++;
  }
  const rest = args.slice(k + 1);
  const argv = entrypoint ? [entrypoint, ...rest] : rest;
  return argv.length ? { kind: 'argv', argv, via } : undefined;
}

/** `kubectl run NAME --image=IMAGE [--command] -- ARGS`: ARGS go to the image's entry point unless `--command`. */
function kubectlRun(args: readonly Arg[], name: string): Hosted | undefined {
  const dashes = args.findIndex((a) => a.value === '--');
  if (dashes < 0) return undefined;
  const before = args.slice(0, dashes);
  const rest = args.slice(dashes + 1);
  if (rest.length === 0) return undefined;
  const via = `${name} run`;
  if (before.some((a) => a.value === '--command')) return { kind: 'argv', argv: rest, via };
  let image: Arg | undefined;
  for (let k = 0; k < before.length; k++) {
    const v = before[k].value;
    if (v === '--image') image = before[k + 1];
    else if (v?.startsWith('--image=')) image = lit(v.slice('--image='.length), v);
  }
  if (!image || image.value === undefined) return { kind: 'unknown-image', args: rest, via };
  const tool = IMAGE_ENTRYPOINTS[imageRepository(image.value)];
  return { kind: 'argv', argv: tool ? [lit(tool, image.text), ...rest] : rest, via: `${via} ${image.value}` };
}

// Terminal multiplexers --------------------------------------------------------------------------------

/** tmux commands (and their aliases) whose last arguments are a shell command. */
const TMUX_COMMAND_TAKING: Readonly<Record<string, string>> = {
  'new-session': 'new-session',
  new: 'new-session',
  'new-window': 'new-window',
  neww: 'new-window',
  'split-window': 'split-window',
  splitw: 'split-window',
  'respawn-pane': 'respawn-pane',
  respawnp: 'respawn-pane',
  'respawn-window': 'respawn-window',
  respawnw: 'respawn-window',
  'run-shell': 'run-shell',
  run: 'run-shell',
  'display-popup': 'display-popup',
  popup: 'display-popup',
  'if-shell': 'if-shell',
  if: 'if-shell',
  'pipe-pane': 'pipe-pane',
  pipep: 'pipe-pane',
};
const TMUX_VALUE_FLAGS = new Set([
  '-c',
  '-e',
  '-F',
  '-n',
  '-s',
  '-t',
  '-x',
  '-y',
  '-l',
  '-T',
  '-f',
  '-X',
  '-Y',
  '-w',
  '-d',
  '-h',
  '-b',
  '-S',
  '-N',
]);
/** Flags that are booleans for these commands although other commands give them a value. */
const TMUX_BOOLEAN: Readonly<Record<string, readonly string[]>> = {
  'new-session': ['-d', '-A', '-D', '-E', '-P', '-X'],
  'new-window': ['-a', '-b', '-d', '-k', '-P', '-S'],
  'split-window': ['-b', '-d', '-f', '-h', '-I', '-v', '-P', '-Z'],
  'respawn-pane': ['-k'],
  'respawn-window': ['-k'],
  'run-shell': ['-b', '-C'],
  'if-shell': ['-b', '-F'],
  'pipe-pane': ['-I', '-O', '-o'],
  'display-popup': ['-B', '-C', '-E', '-EE', '-k'],
  'send-keys': ['-F', '-H', '-K', '-l', '-M', '-R', '-X'],
};

/** tmux key names that type a character. */
const TMUX_KEYS: Readonly<Record<string, string>> = {
  enter: '\n',
  'c-m': '\n',
  'c-j': '\n',
  kpenter: '\n',
  space: ' ',
  tab: '\t',
};

function tmuxCommand(command: readonly Arg[]): Hosted | undefined {
  const word = command[0]?.value;
  if (word === undefined) return command.length ? { kind: 'verdict', verdict: TMUX_UNKNOWN } : undefined;
  const sub = word === 'send-keys' || word === 'send' ? 'send-keys' : TMUX_COMMAND_TAKING[word];
  if (!sub) return undefined;
  const booleans = new Set(TMUX_BOOLEAN[sub] ?? []);
  let k = 1;
  for (; k < command.length; k++) {
    const v = command[k].value;
    if (v === undefined || !v.startsWith('-') || v === '-') break;
    if (v === '--') {
      k++;
      break;
    }
    if (TMUX_VALUE_FLAGS.has(v) && !booleans.has(v)) k++;
  }
  const rest = command.slice(k);
  if (rest.length === 0) return undefined;
  const via = `tmux ${sub}`;
  if (sub === 'send-keys') {
    let text = '';
    for (const a of rest) {
      if (a.value === undefined) return { kind: 'shell', code: { text: a.text }, via };
      text += TMUX_KEYS[a.value.toLowerCase()] ?? a.value;
    }
    return { kind: 'shell', code: lit(text, rest.map((a) => a.text).join(' ')), via };
  }
  // `if-shell CONDITION COMMAND`: the condition is shell code; the commands are tmux commands.
  if (sub === 'if-shell') return { kind: 'shell', code: rest[0], via };
  // One argument is shell code (run by `sh -c`); several are a command and its arguments.
  return rest.length === 1 ? { kind: 'shell', code: rest[0], via } : { kind: 'argv', argv: rest, via };
}

const TMUX_UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'runs a tmux command whose name is computed when the line runs, so Deadbolt cannot tell what it runs.',
  instead: 'Write the tmux command out literally.',
};

/** `tmux [-L S] [-S P] [-f F] [-c SHELL-COMMAND] COMMAND [ARGS] [\; COMMAND …]`. */
function tmux(args: readonly Arg[]): Hosted | undefined {
  const items: Hosted[] = [];
  let k = 0;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) break;
    if (v === '-c') {
      const code = args[k + 1];
      if (code) items.push({ kind: 'shell', code, via: 'tmux -c' });
      k++;
    } else if (['-L', '-S', '-f', '-T'].includes(v)) k++;
  }
  // Commands are separated by `;` words (written `\;` or `';'`).
  let start = k;
  for (let j = k; j <= args.length; j++) {
    if (j === args.length || args[j].value === ';') {
      const h = tmuxCommand(args.slice(start, j));
      if (h) items.push(h);
      start = j + 1;
    }
  }
  return items.length ? { kind: 'many', items } : undefined;
}

const SCREEN_VALUE_FLAGS = new Set([
  '-S',
  '-c',
  '-e',
  '-h',
  '-p',
  '-s',
  '-t',
  '-T',
  '-Logfile',
  '-r',
  '-R',
  '-x',
  '-d',
  '-D',
]);

/** `screen [-dmS NAME] CMD ARGS`, `screen -S NAME -X stuff 'TEXT'`, `screen -X exec CMD`. */
function screen(args: readonly Arg[]): Hosted | undefined {
  let k = 0;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) break;
    if (v === '-X') {
      const command = args.slice(k + 1);
      const verb = command[0]?.value;
      if (verb === undefined) return command.length ? { kind: 'verdict', verdict: TMUX_UNKNOWN } : undefined;
      if (verb === 'stuff')
        return command[1] ? { kind: 'shell', code: command[1], via: 'screen -X stuff', transform: 'typed' } : undefined;
      if (verb === 'exec' || verb === 'screen') {
        const rest = command
          .slice(1)
          .filter((a, j) => !(j === 0 && a.value !== undefined && /^[!.:|]+$/.test(a.value)));
        return rest.length ? { kind: 'argv', argv: rest, via: `screen -X ${verb}` } : undefined;
      }
      return undefined;
    }
    if (['-ls', '-list', '-wipe', '-v', '-version'].includes(v)) return undefined;
    // `-dmS NAME`: a cluster whose last letter takes a value.
    if (
      /^-[a-zA-Z]{2,}$/.test(v) &&
      SCREEN_VALUE_FLAGS.has(`-${v[v.length - 1]}`) &&
      !['-r', '-R', '-x', '-d', '-D'].includes(`-${v[v.length - 1]}`)
    ) {
      k++;
      continue;
    }
    if (SCREEN_VALUE_FLAGS.has(v) && !['-r', '-R', '-x', '-d', '-D'].includes(v)) k++;
  }
  const rest = args.slice(k);
  return rest.length ? { kind: 'argv', argv: rest, via: 'screen' } : undefined;
}

// Debuggers, queues, schedules -------------------------------------------------------------------------

/** `gdb -ex 'shell CMD'`, `gdb -batch -ex '!CMD'`, `gdb -x script.gdb`, `gdb --args PROG ARGS`. */
function gdb(args: readonly Arg[]): Hosted | undefined {
  const items: Hosted[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) continue;
    if (v === '--args' || v === '-args') {
      const rest = args.slice(k + 1);
      if (rest.length) items.push({ kind: 'argv', argv: rest, via: 'gdb --args' });
      break;
    }
    const m = /^--?(ex|iex|eval-command|init-eval-command|x|command|ix|init-command)(?:=(.*))?$/.exec(v);
    if (!m) continue;
    const value = m[2] !== undefined ? lit(m[2], v) : args[++k];
    if (!value) break;
    const isFile = ['x', 'command', 'ix', 'init-command'].includes(m[1]);
    items.push(
      isFile
        ? { kind: 'file', file: value, via: `gdb -${m[1]}`, transform: 'gdb' }
        : { kind: 'shell', code: value, via: `gdb -${m[1]}`, transform: 'gdb' },
    );
  }
  return items.length ? { kind: 'many', items } : undefined;
}

/** gdb commands that run a shell command: `shell CMD`, `!CMD`, `pipe GDB-CMD | CMD`. */
export function gdbShellCommands(script: string): string {
  const out: string[] = [];
  for (const line of script.split('\n').slice(0, 2000)) {
    const m = /^\s*(?:shell\s+|!)(.*)$/.exec(line) ?? /^\s*(?:pipe|\|)\s[^|]*\|(.*)$/.exec(line);
    if (m) out.push(m[1]);
  }
  return out.join('\n');
}

/** `at [-f FILE] TIME`, `batch`: the job is read from FILE or standard input. */
function at(name: string, args: readonly Arg[]): Hosted | undefined {
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) continue;
    if (['-l', '-d', '-r', '-c', '-V'].includes(v)) return undefined;
    if (v === '-f') return args[k + 1] ? { kind: 'file', file: args[k + 1], via: `${name} -f` } : undefined;
    if (v.startsWith('-f') && v.length > 2) return { kind: 'file', file: lit(v.slice(2), v), via: `${name} -f` };
    if (v === '-q' || v === '-t') k++;
  }
  return { kind: 'stdin', via: name };
}

/** `crontab FILE`, `crontab -` (standard input); `-l`, `-e`, `-r` install nothing. */
function crontab(args: readonly Arg[]): Hosted | undefined {
  const positional: Arg[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === '-') {
      positional.push(args[k]);
      continue;
    }
    if (v !== undefined && v.startsWith('-')) {
      if (/^-[lerivT]+$/.test(v)) return undefined;
      if (v === '-u' || v === '-n' || v === '-c') k++;
      continue;
    }
    positional.push(args[k]);
  }
  const file = positional[0];
  if (!file || file.value === '-') return { kind: 'stdin', via: 'crontab', transform: 'crontab' };
  return { kind: 'file', file, via: 'crontab', transform: 'crontab' };
}

/** The commands of a crontab: each entry without its schedule (five fields, or `@daily` and the like). */
export function crontabCommands(table: string): string {
  const out: string[] = [];
  for (const raw of table.split('\n').slice(0, 2000)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const m = /^@\w+\s+(.*)$/.exec(line) ?? /^(?:\S+\s+){5}(.*)$/.exec(line);
    // `%` ends the command (the rest is standard input).
    if (m) out.push(m[1].replace(/(?<!\\)%.*$/, ''));
  }
  return out.join('\n');
}

/**
 * What an Expect script runs: `spawn CMD ARGS` and `exec CMD ARGS` start processes, and `send "…\r"` types
 * into them (an answer to an approval prompt, or a command line for a spawned shell). Tcl's words are read
 * as shell words, which they resemble (braces become single quotes).
 */
export function expectCommands(script: string): string {
  const out: string[] = [];
  const lines = script.split(/\n|;/).slice(0, 5000);
  const sends = lines.some((l) => /^\s*send\b/.test(l));
  for (const line of lines) {
    const m = /^\s*(spawn|exec)\s+(?:-\S+\s+)*(.*)$/.exec(line);
    if (m) {
      const command = m[2].replace(/[{}]/g, "'");
      // A spawned guarded tool whose prompts the script answers: its standard input is supplied.
      const tool = /^\S+/.exec(command)?.[0].replace(/^.*\//, '').toLowerCase();
      out.push(
        m[1] === 'spawn' && sends && tool !== undefined && (GUARDED_TOOLS as readonly string[]).includes(tool)
          ? `yes | ${command}`
          : command,
      );
      continue;
    }
    const send = /^\s*send(?:\s+-\S+)*\s+(?:--\s+)?(?:"((?:[^"\\]|\\.)*)"|\{([^}]*)\}|(\S+))/.exec(line);
    if (send) out.push(typedText(send[1] ?? send[2] ?? send[3]).replace(/\\"/g, '"'));
  }
  return out.join('\n');
}

/** Text typed at a terminal (`screen -X stuff`): `\n`, `\r`, `^M` and octal escapes become characters. */
export function typedText(text: string): string {
  return text.replace(/\\([nrt]|[0-7]{1,3})|\^M|\^J/g, (m, e: string | undefined) => {
    if (m === '^M' || m === '^J') return '\n';
    if (e === 'n' || e === 'r') return '\n';
    if (e === 't') return '\t';
    const code = parseInt(e!, 8);
    return code === 13 || code === 10 ? '\n' : String.fromCharCode(code);
  });
}

/** `expect -c 'spawn …'`, `expect script.exp`. */
function expect(args: readonly Arg[]): Hosted | undefined {
  const items: Hosted[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === '-c' && args[k + 1]) {
      items.push({ kind: 'shell', code: args[k + 1], via: 'expect -c', transform: 'expect' });
      k++;
    } else if (v === '-f' && args[k + 1]) {
      items.push({ kind: 'file', file: args[k + 1], via: 'expect -f', transform: 'expect' });
      k++;
    } else if (v === undefined || !v.startsWith('-')) {
      items.push({ kind: 'file', file: args[k], via: 'expect', transform: 'expect' });
      break;
    }
  }
  return items.length ? { kind: 'many', items } : undefined;
}

// Remote machines ------------------------------------------------------------------------------------

const GCLOUD_GLOBAL_VALUE_FLAGS = new Set([
  '--project',
  '--account',
  '--configuration',
  '--format',
  '--verbosity',
  '--impersonate-service-account',
  '--billing-project',
  '--flags-file',
  '--zone',
  '--region',
]);

/** `gcloud compute ssh VM --command 'CMD'` (and `tpu-vm ssh`, `cloud-shell ssh`), `gcloud compute ssh VM -- CMD`. */
function gcloud(args: readonly Arg[]): Hosted | undefined {
  const path: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || v === '--') break;
    if (v.startsWith('-')) {
      if (!v.includes('=') && GCLOUD_GLOBAL_VALUE_FLAGS.has(v)) k++;
      continue;
    }
    path.push(v);
    if (path.length >= 4) break;
  }
  if (!path.includes('ssh')) return undefined;
  const items: Hosted[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === '--command' && args[k + 1])
      items.push({ kind: 'shell', code: args[k + 1], via: 'gcloud compute ssh --command' });
    else if (v?.startsWith('--command='))
      items.push({ kind: 'shell', code: lit(v.slice('--command='.length), v), via: 'gcloud compute ssh --command' });
    else if (v === '--') {
      // Flags and the command for ssh itself.
      items.push({
        kind: 'argv',
        argv: [lit('ssh'), lit('remote-host'), ...args.slice(k + 1)],
        via: 'gcloud compute ssh',
      });
      break;
    }
  }
  return items.length ? { kind: 'many', items } : undefined;
}

export const REMOTE_COMMANDS: Verdict = {
  decision: 'ask',
  why: 'runs shell commands on remote machines through AWS Systems Manager; Deadbolt reads the commands it can see, but the document may run more.',
  instead: 'Run the commands on the machine in a session a human watches, or have a human send them.',
};

/** `aws ssm send-command --parameters commands=[…]`, `aws ecs execute-command --command CMD`. */
function aws(args: readonly Arg[]): Hosted | undefined {
  const positional: string[] = [];
  let k = 0;
  for (; k < args.length && positional.length < 2; k++) {
    const v = args[k].value;
    if (v === undefined) return undefined;
    if (v.startsWith('-')) {
      if (AWS_GLOBAL_VALUE_OPTIONS.has(v)) k++;
      continue;
    }
    positional.push(v);
  }
  const call = positional.join(' ');
  const rest = args.slice(k);
  if (rest.some((a) => a.value === 'help' || a.value === '--generate-cli-skeleton' || a.value === '--dry-run'))
    return undefined;
  const option = (name: string): Arg | undefined => {
    for (let j = 0; j < rest.length; j++) {
      const v = rest[j].value;
      if (v === name) return rest[j + 1];
      if (v?.startsWith(`${name}=`)) return lit(v.slice(name.length + 1), v);
    }
    return undefined;
  };
  if (call === 'ecs execute-command') {
    const command = option('--command');
    return command ? { kind: 'shell', code: command, via: 'aws ecs execute-command' } : undefined;
  }
  if (call === 'ssm send-command' || call === 'ssm start-session') {
    const parameters = option('--parameters');
    const items: Hosted[] = call === 'ssm send-command' ? [{ kind: 'verdict', verdict: REMOTE_COMMANDS }] : [];
    if (parameters?.value === undefined)
      return items.length
        ? { kind: 'many', items }
        : parameters
          ? { kind: 'shell', code: parameters, via: `aws ${call}` }
          : undefined;
    for (const c of ssmCommands(parameters.value)) items.push({ kind: 'shell', code: lit(c), via: `aws ${call}` });
    return items.length ? { kind: 'many', items } : undefined;
  }
  return undefined;
}

/** The commands in SSM parameters: `commands=["a","b"]`, `commands=a,b`, `{"commands":["a"]}`, `command=…`. */
export function ssmCommands(parameters: string): string[] {
  const text = parameters.slice(0, 20000);
  const m = /\bcommands?["']?\s*[=:]\s*(\[[^\]]*\]|.*)/i.exec(text);
  if (!m) return [];
  const body = m[1];
  const quoted = [...body.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((q) =>
    (q[1] ?? q[2]).replace(/\\(["\\])/g, '$1'),
  );
  if (quoted.length) return quoted.slice(0, 200);
  return body
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 200);
}

/** What a hosting program runs, when `name` is one and its arguments say. */
export function hostedCommand(name: string, args: readonly Arg[]): Hosted | undefined {
  switch (name) {
    case 'docker':
    case 'podman':
    case 'nerdctl':
    case 'docker-compose':
    case 'podman-compose':
    case 'finch':
      return container(name, args);
    case 'kubectl':
    case 'oc': {
      const k = skipOptions(
        args,
        0,
        new Set([
          '-n',
          '--namespace',
          '--context',
          '--cluster',
          '--kubeconfig',
          '--user',
          '-s',
          '--server',
          '--token',
          '--as',
        ]),
      );
      return args[k]?.value === 'run' ? kubectlRun(args.slice(k + 1), name) : undefined;
    }
    case 'tmux':
      return tmux(args);
    case 'screen':
      return screen(args);
    case 'gdb':
      return gdb(args);
    case 'at':
    case 'batch':
      return at(name, args);
    case 'crontab':
      return crontab(args);
    case 'expect':
      return expect(args);
    case 'gcloud':
      return gcloud(args);
    case 'aws':
      return aws(args);
    default:
      return undefined;
  }
}
