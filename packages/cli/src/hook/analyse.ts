/**
 * The analysis core: decides whether a shell command line may run. "deny"
 * when it runs a destructive infrastructure command, "ask" when it may and
 * Deadbolt cannot tell, "allow" otherwise. Every agent adapter
 * (`agents/*.ts`) calls it; it knows no agent.
 *
 * The line is read by the simple-line lexer when it can
 * (`shell/simple-lexer.ts`), by tree-sitter's Bash grammar otherwise
 * (`shell/tree-sitter-parser.ts`), unless the pre-filter proves first that it
 * cannot run a guarded tool (`prefilter.ts`). Then every simple command
 * anywhere in it is followed, its words expanded as far as they can be known
 * (`shell/expand.ts`), through what the program knowledge says runs other
 * programs (`knowledge/programs.ts`, `knowledge/hosts.ts`,
 * `knowledge/injected-code.ts`): wrappers, shells, `eval`, `source`, scripts
 * on disk, task files (`code/task-runners.ts`), inline and file programs
 * (`code/`), aliases, functions and variables defined in the line; to the
 * guarded tool it runs, whose arguments `knowledge/tools.ts` reads against
 * the catalogue (`knowledge/destructive-commands.ts`). Production markers
 * (`environments/`) turn changes into "ask" where a project names them.
 *
 * What the line writes (`shell/writes.ts`) is kept as it goes: a file written
 * earlier and run later is judged on what it will hold, or asked about when
 * that cannot be known; a write to the guard's own files
 * (`knowledge/guard-files.ts`) is denied.
 */
import * as os from 'os';
import * as path from 'path';
import { OPAQUE, type Verdict } from './knowledge/destructive-commands';
import { literalOf, type Script, type SimpleCommand, type Word } from './shell/model';
import { cannotRunGuardedTool } from './prefilter';
import {
  COMMAND_RUNNERS,
  HOST_PROGRAMS,
  INERT,
  PACKAGE_BINARIES,
  RUNNERS,
  SHELLS,
  WRAPPERS,
  awsProfileSetBy,
  interpreterSpec,
  isCommandRunningName,
  type InterpreterSpec,
  type WrapperSpec,
} from './knowledge/programs';
import { languageOf } from './code/read-program';
import { TASK_RUNNERS } from './code/task-runner-names';
import type { Reading } from './code/effects';
import type { Hosted } from './knowledge/hosts';
import {
  injectedByGitConfig,
  injectedByRemoteUrl,
  injectedByVariable,
  runsGitConfigKey,
  runsVariable,
} from './knowledge/injected-code';
import { globStepsMatch, type GlobStep } from './shell/glob-match';
import { lexSimple } from './shell/simple-lexer';
import {
  HOLE,
  ONE_WORD,
  basenameOf,
  codeWithHoles,
  expandWord,
  literalBasename,
  lookup,
  namePattern,
  printf,
  decodeEscapes,
  rebuild,
  wordValue,
  type Value,
} from './shell/expand';
import { EXEC_PRIMITIVE, OBFUSCATION, mentionsGuardedTool, stringLiterals } from './code/inline-scan';
import { isComputedSubstitutionOnly } from './code/sed';
import { BUN_BUILTINS, PNPM_BUILTINS, RUNNER_VALUE_OPTIONS, YARN_BUILTINS } from './knowledge/package-runners';
import { judgeTool, type Arg } from './knowledge/tools';
import type { EnvironmentCheck } from './environments/check';
import { MARKED_TOOLS } from './environments/environment-tools';
import { GUARDED_TOOLS } from './knowledge/destructive-commands';
import { writesOf, type FileWrite } from './shell/writes';

export type HookDecision = 'allow' | 'ask' | 'deny';

export interface Finding {
  readonly decision: 'deny' | 'ask';
  /** The command as written (the simple command, wrappers included). */
  readonly command: string;
  /** What it runs through, outermost first (`bash -c`, `ssh`, `xargs`). */
  readonly via: readonly string[];
  readonly why: string;
  readonly instead: string;
  /** How the reason opens, when the verdict says (see `Verdict.head`). */
  readonly head?: string;
}

export interface Analysis {
  readonly decision: HookDecision;
  readonly findings: readonly Finding[];
  /** For "deny" and "ask": the command, why it loses data, what to do instead. */
  readonly reason?: string;
  /** How the line was read: not at all (the pre-filter proved it safe), by the simple lexer, or by the parser. */
  readonly reader: 'prefilter' | 'simple' | 'parser';
}

export interface AnalyseOptions {
  /** The directory the command runs in (the hook input's `cwd`), for scripts and package.json. */
  readonly cwd?: string;
  /** The environment the command inherits (for `TF_CLI_ARGS`, `PULUMI_SKIP_CONFIRMATIONS`). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Reads a file the command runs (a shell script, a program file, package.json);
   * `undefined` when it cannot be read. @default - no file is read: scripts count as unreadable
   */
  readonly readFile?: (absolutePath: string) => string | undefined;
  /** Skip the pre-filter and the simple lexer (tests use it to compare readers). @default 'auto' */
  readonly reader?: 'auto' | 'parser' | 'simple';
}

const MAX_DEPTH = 8;

/** The Google Cloud SDK's Python entry points, run as `python …/gcloud.py`, `bq.py`, `gsutil.py`. */
const GOOGLE_CLOUD_SCRIPTS: ReadonlySet<string> = new Set(['gcloud', 'bq', 'gsutil']);

const SED_NAMES: ReadonlySet<string> = new Set(['sed', 'gsed']);
const AWK_NAMES: ReadonlySet<string> = new Set(['awk', 'gawk', 'mawk', 'nawk', 'busybox-awk']);
/** `system(`, `@load`, or a `|` that is not part of `||` (https://www.gnu.org/software/gawk/manual/html_node/Redirection.html). */
const AWK_STARTS_PROCESS = /\bsystem\s*\(|@load|(?:^|[^|])\|(?!\|)/;

interface Scope {
  readonly vars: Map<string, Value>;
  readonly functions: Map<string, string>;
  readonly aliases: Map<string, Value>;
  /** `$0`, `$1`…: known arguments of a function, `bash -c`, `source` (`$0` first); `null` when unknown. */
  readonly positional: readonly Value[] | null;
  cwd: string | null;
  readonly depth: number;
  readonly via: readonly string[];
  /** For scripts read from disk: drop the "cannot tell" answers unless the script mentions a guarded tool. */
  readonly lenient: boolean;
}

/** The answer for a Bash command line. */
export async function analyseCommand(command: string, options: AnalyseOptions = {}): Promise<Analysis> {
  const reader = options.reader ?? 'auto';
  if (reader === 'auto' && cannotRunGuardedTool(command))
    return { decision: 'allow', findings: [], reader: 'prefilter' };
  const analyser = new Analyser(options);
  const scope: Scope = {
    vars: new Map(),
    functions: new Map(),
    aliases: new Map(),
    positional: null,
    cwd: options.cwd ?? null,
    depth: 0,
    via: [],
    lenient: false,
  };
  const used = await analyser.source(command, scope, reader);
  const findings = analyser.findings;
  const decision: HookDecision = findings.some((f) => f.decision === 'deny')
    ? 'deny'
    : findings.length
      ? 'ask'
      : 'allow';
  return decision === 'allow'
    ? { decision, findings, reader: used }
    : { decision, findings, reason: reasonFor(decision, findings), reader: used };
}

function reasonFor(decision: 'deny' | 'ask', findings: readonly Finding[]): string {
  const top = findings.filter((f) => f.decision === decision);
  const f = top[0];
  const shown = f.command.length > 200 ? `${f.command.slice(0, 200)}…` : f.command;
  const via = f.via.length ? ` (run through ${f.via.map((v) => `\`${v}\``).join(', then ')})` : '';
  const head =
    f.head ??
    (decision === 'deny' ? 'Deadbolt blocked this command' : 'Deadbolt cannot tell whether this command is safe');
  const more =
    top.length > 1
      ? ` (${top.length - 1} more command${top.length > 2 ? 's' : ''} in the line ${decision === 'deny' ? 'would be blocked' : 'need a look'} too.)`
      : '';
  return `${head}: \`${shown}\`${via} ${f.why} Instead: ${f.instead}${more}`;
}

/** `knowledge/hosts.ts`, loaded on first use (most lines run no container, multiplexer or queue). */
function hostsKnowledge(): typeof import('./knowledge/hosts') {
  return require('./knowledge/hosts') as typeof import('./knowledge/hosts');
}

const INTERESTING = (name: string): boolean => isCommandRunningName(name);
/** The answers that only say Deadbolt cannot read something (computed, unreadable, unparsable), as opposed to a judgement. */
const CANNOT_TELL = /cannot (tell|read)|computed when the line runs|could not be fully parsed|too deeply for Deadbolt/;

/** An argument with a run-time hole (`{}`): unknown, but readable as shell code with the hole as an unset variable. */
function withHole(a: Arg, hole: string): Arg {
  if (a.value === undefined || !hole || !a.value.includes(hole)) return a;
  return { text: a.text, code: a.value.split(hole).join('$__DEADBOLT_INPUT') };
}

/**
 * The program a script's `#!` line runs (`sh` without one): through `env`
 * and its options (`#!/usr/bin/env -S npx tsx`), and through a package runner.
 */
function shebangProgram(text: string): string {
  const words = /^#!([^\n]*)/.exec(text)?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  if (words.length === 0) return 'sh';
  let k = 0;
  if (basenameOf(words[0]) === 'env') {
    k = 1;
    while (k < words.length && (words[k].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k])))
      k += words[k] === '-u' ? 2 : 1;
  }
  while (k < words.length - 1 && ['npx', 'bunx', 'pnpx'].includes(basenameOf(words[k]))) {
    k++;
    while (k < words.length - 1 && words[k].startsWith('-')) k++;
  }
  return basenameOf(words[k] ?? '');
}

function hasNul(text: string): boolean {
  return text.slice(0, 8000).includes('\0');
}

/** How many files and directories a line's writes are tracked for (a line is short; this only bounds a pathological one). */
const MAX_WRITES = 256;

/** Redirections that write a file (`2>&1`, `>&-` duplicate or close a descriptor). */
const WRITE_REDIRECTS: ReadonlySet<string> = new Set(['>', '>>', '>|', '&>', '&>>', '>&']);

const RUNS_WRITTEN_FILE: Verdict = {
  decision: 'ask',
  why: 'runs a file the same line writes (a download, a copy, a checkout, an in-place edit), which Deadbolt cannot read before it runs.',
  instead:
    'Write or fetch the file in one command, look at it, then run it in the next, so the hook reads what actually runs.',
};

function guardEdit(role: string, file: string): Verdict {
  return {
    decision: 'deny',
    why: `edits \`${file}\`, ${role}: an agent must not switch its own guard off or point it elsewhere.`,
    instead:
      "Leave the guard and the agent's hook settings alone; if they need a change, a person edits them (`npx deadbolt hook install` and `npx deadbolt hook doctor` set them up and check them).",
  };
}

/** `knowledge/guard-files.ts`, loaded when a line writes a file (it reads every agent's install target). */
/** `environments/`, loaded on first use: only a guarded tool the catalogue lets through needs it. */
function environmentsModule(): typeof import('./environments/check') {
  return require('./environments/check') as typeof import('./environments/check');
}

function guardFiles(): typeof import('./knowledge/guard-files') {
  return require('./knowledge/guard-files') as typeof import('./knowledge/guard-files');
}

class Analyser {
  readonly findings: Finding[] = [];
  /** Code-carrying environment settings already read (a wrapper chain passes them on). */
  private readonly injectedSeen = new Set<string>();
  /** Production markers of the project's deadbolt.config.json (read on the first command that changes infrastructure). */
  private environments?: EnvironmentCheck;
  /**
   * Files the line has written so far (absolute paths): what they will hold when known (a here-document, an
   * `echo` redirected in, a copy of a readable file), `null` when not (a download, `sed -i`, a checkout).
   */
  private readonly written = new Map<string, string | null>();
  /** Files the line has removed: not there when a later command looks. */
  private readonly deleted = new Set<string>();
  /** Directories where the line unpacks or checks out files of unknown names. */
  private readonly writtenDirs: string[] = [];

  constructor(private readonly options: AnalyseOptions) {}

  private add(verdict: Verdict, command: string, scope: Scope): void {
    this.findings.push({
      decision: verdict.decision,
      command,
      via: scope.via,
      why: verdict.why,
      instead: verdict.instead,
      ...(verdict.head ? { head: verdict.head } : {}),
    });
  }

  /** Reads and analyses shell source; returns which reader read it. */
  async source(
    text: string,
    scope: Scope,
    reader: 'auto' | 'parser' | 'simple' = 'auto',
  ): Promise<'prefilter' | 'simple' | 'parser'> {
    if (scope.depth > MAX_DEPTH) {
      this.add(OPAQUE.tooDeep, text, scope);
      return 'parser';
    }
    let script: Script | undefined = reader === 'parser' ? undefined : lexSimple(text);
    let used: 'simple' | 'parser' = 'simple';
    if (!script) {
      if (reader === 'simple') throw new Error('the simple lexer does not read this line');
      const { parseWithTreeSitter } = await import('./shell/tree-sitter-parser');
      script = await parseWithTreeSitter(text);
      used = 'parser';
    }
    const before = this.findings.length;
    await this.script(script, scope);
    if (script.incomplete) {
      if (cannotRunGuardedTool(text)) {
        // The parser guessed at a broken line, but no reading of it can run a guarded tool.
        this.findings.splice(before);
      } else if (!this.findings.slice(before).some((f) => f.decision === 'deny')) {
        this.add(
          { ...OPAQUE.incomplete, why: `${OPAQUE.incomplete.why.replace(/\.$/, '')}: ${script.incomplete}.` },
          text,
          scope,
        );
      }
    }
    return used;
  }

  /** Analyses nested shell code (a `-c` string, a here-document, an alias, a function body). */
  private async nested(text: string, scope: Scope, via: string | undefined, extra: Partial<Scope> = {}): Promise<void> {
    const inner: Scope = {
      vars: extra.vars ?? new Map(scope.vars),
      functions: new Map(scope.functions),
      aliases: new Map(scope.aliases),
      positional: extra.positional !== undefined ? extra.positional : scope.positional,
      cwd: scope.cwd,
      depth: scope.depth + 1,
      via: via ? [...scope.via, via] : scope.via,
      lenient: extra.lenient ?? scope.lenient,
    };
    if (!inner.lenient) {
      await this.source(text, inner);
      return;
    }
    // A script from disk: keep what it certainly does; "cannot tell" only when it mentions a guarded tool.
    const before = this.findings.length;
    await this.source(text, inner);
    if (!mentionsGuardedTool(text)) {
      const opaque = new Set(Object.values(OPAQUE).map((v) => v.why));
      for (let k = this.findings.length - 1; k >= before; k--) {
        const f = this.findings[k];
        if (f.decision === 'ask' && (opaque.has(f.why) || f.why.startsWith(OPAQUE.incomplete.why.replace(/\.$/, ''))))
          this.findings.splice(k, 1);
      }
    }
  }

  private async script(script: Script, scope: Scope): Promise<void> {
    for (const item of script.items) {
      switch (item.kind) {
        case 'function':
          scope.functions.set(item.name, item.body);
          break;
        case 'unset':
          scope.vars.set(item.name, item.oneWord ? ONE_WORD : null);
          break;
        case 'command':
          await this.command(item, scope);
          break;
      }
    }
  }

  private async command(cmd: SimpleCommand, scope: Scope): Promise<void> {
    for (const a of cmd.assignments) {
      // Computed values matter only where a program certainly reads them: in front of a command.
      if (runsVariable(a.name) && a.value)
        await this.injected(
          a.name,
          codeWithHoles(a.value, scope),
          cmd,
          scope,
          cmd.words.length > 0,
          cmd.words[0] && literalOf(cmd.words[0]),
        );
    }
    if (cmd.words.length === 0) {
      for (const a of cmd.assignments)
        scope.vars.set(a.name, cmd.conditional || !a.value ? null : wordValue(a.value, scope));
      this.recordRedirects(cmd, scope);
      return;
    }
    const prefix = new Map<string, Value>();
    for (const a of cmd.assignments) prefix.set(a.name, a.value ? wordValue(a.value, scope) : null);
    const argv = cmd.words.flatMap((w) => expandWord(w, scope));
    await this.run(argv, cmd.words[0], cmd, scope, prefix);
    this.recordRedirects(cmd, scope);
  }

  /** Environment lookup for a command: its prefix assignments, then the line's variables, then the hook's environment. */
  private envFor(prefix: ReadonlyMap<string, Value>, scope: Scope): (name: string) => string | undefined | null {
    return (name) => {
      if (prefix.has(name)) return prefix.get(name)!;
      if (scope.vars.has(name)) return lookup(name, scope);
      return this.options.env?.[name];
    };
  }

  /**
   * Analyses one command's arguments (after expansion). `word0` is the word
   * the name came from, when it is the command's own first word (for
   * aliases and partly computed names).
   */
  private async run(
    argv: readonly Arg[],
    word0: Word | undefined,
    cmd: SimpleCommand,
    scope: Scope,
    prefix: ReadonlyMap<string, Value> = new Map(),
  ): Promise<void> {
    if (argv.length === 0) return;
    const first = argv[0];
    let name: string;
    if (first.value !== undefined) {
      name = basenameOf(first.value);
      if (name === '') return;
    } else {
      const literal = word0 ? literalBasename(word0) : undefined;
      const pattern = word0 && !literal ? namePattern(word0) : undefined;
      if (literal) {
        name = literal;
      } else if (
        pattern &&
        !GUARDED_TOOLS.some((t) => pattern.test(t)) &&
        ![...SHELLS, 'eval', 'source', 'env', 'sudo', 'python', 'node', 'npx'].some((t) => pattern.test(t))
      ) {
        // A glob that cannot name a guarded tool or a command runner (`./node_modules/.bin/je*`).
        return;
      } else {
        this.add(OPAQUE.dynamicCommand, cmd.text, scope);
        return;
      }
    }
    const args = argv.slice(1);
    const display = cmd.text;

    // Aliases and functions defined earlier in the line.
    if (
      word0 &&
      first.value !== undefined &&
      scope.aliases.has(first.value) &&
      !word0.parts.some((p) => p.kind !== 'literal') &&
      word0.text === first.value
    ) {
      const value = scope.aliases.get(first.value)!;
      if (value === null) this.add(OPAQUE.dynamicCommand, display, scope);
      else await this.nested(`${value} ${rebuild(args)}`, scope, `alias ${first.value}`);
      return;
    }
    if (first.value !== undefined && scope.functions.has(first.value)) {
      const positional = [scope.positional?.[0] ?? null, ...args.map((a) => (a.value === undefined ? null : a.value))];
      await this.nested(scope.functions.get(first.value)!, scope, `function ${first.value}`, {
        positional,
        vars: new Map(scope.vars),
      });
      return;
    }

    this.recordArgumentWrites(name, args, cmd, scope);
    const verdict =
      judgeTool(name, args, {
        env: this.envFor(prefix, scope),
        stdinSupplied: this.stdinSupplied(cmd),
        readFile: (file) => this.read(file, scope),
        stdinText: () => this.stdinText(cmd, scope),
      }) ??
      (MARKED_TOOLS.has(name)
        ? (this.environments ??= new (environmentsModule().EnvironmentCheck)(this.options)).verdict(
            name,
            args,
            this.envFor(prefix, scope),
            scope.cwd,
          )
        : undefined);
    if (verdict) {
      this.add(verdict, display, scope);
      return;
    }
    // Containers, multiplexers, debuggers, queues, schedules and remote machines: the command they host.
    const hosted = HOST_PROGRAMS.has(name) ? hostsKnowledge().hostedCommand(name, args) : undefined;
    if (hosted) return this.hosted(hosted, cmd, scope);
    if ((GUARDED_TOOLS as readonly string[]).includes(name)) return;

    if (SHELLS.has(name)) return this.shell(name, args, cmd, scope);
    if (name === 'busybox') {
      if (args[0]?.value === 'sh' || args[0]?.value === 'ash') return this.shell('sh', args.slice(1), cmd, scope);
      return this.run(args, undefined, cmd, scope);
    }
    if (name === 'eval') {
      if (args.some((a) => (a.value ?? a.code) === undefined)) return this.add(OPAQUE.dynamicCode, display, scope);
      return this.nested(args.map((a) => a.value ?? a.code).join(' '), scope, 'eval');
    }
    if (name === 'source' || name === '.') return this.sourceFile(args, display, scope);
    if (name === 'exec' || name === 'builtin' || name === 'coproc') {
      let k = 0;
      while (k < args.length && args[k].value?.startsWith('-')) k += args[k].value === '-a' ? 2 : 1;
      return this.run(args.slice(k), undefined, cmd, scope);
    }
    if (name === 'command') {
      let k = 0;
      while (k < args.length && args[k].value?.startsWith('-')) {
        if (args[k].value === '-v' || args[k].value === '-V') return;
        k++;
      }
      return this.run(args.slice(k), undefined, cmd, scope);
    }
    if (name === 'alias') {
      for (const a of args) {
        if (a.value === undefined) {
          const name = /^([A-Za-z0-9_.:-]+)=/.exec(a.text)?.[1];
          if (name) scope.aliases.set(name, null);
          continue;
        }
        const eq = a.value.indexOf('=');
        if (eq > 0) scope.aliases.set(a.value.slice(0, eq), a.value.slice(eq + 1));
      }
      return;
    }
    if (name === 'unalias') {
      for (const a of args) if (a.value) scope.aliases.delete(a.value);
      return;
    }
    if (['export', 'declare', 'typeset', 'local', 'readonly'].includes(name)) {
      const options = args
        .filter((a) => a.value?.startsWith('-'))
        .map((a) => a.value)
        .join('');
      for (const a of args) {
        if (a.value === undefined || a.value.startsWith('-')) continue;
        const eq = a.value.indexOf('=');
        if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.value.slice(0, eq))) {
          scope.vars.set(
            a.value.slice(0, eq),
            cmd.conditional || /[naAi]/.test(options.replace(/-/g, '')) ? null : a.value.slice(eq + 1),
          );
          if (runsVariable(a.value.slice(0, eq)))
            await this.injected(a.value.slice(0, eq), a.value.slice(eq + 1), cmd, scope, false, undefined);
        }
      }
      return;
    }
    if (name === 'awsume') {
      // Sourced into the shell (`awsume prod && CMD`): the rest of the line runs under the profile.
      const profile = awsProfileSetBy(name, args);
      if (profile !== undefined) scope.vars.set('AWS_PROFILE', cmd.conditional ? null : profile);
      return;
    }
    if (name === 'unset' || name === 'read' || name === 'mapfile' || name === 'readarray' || name === 'getopts') {
      for (const a of args) if (a.value && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.value)) scope.vars.set(a.value, null);
      return;
    }
    if (name === 'cd' || name === 'pushd') {
      const dir = args.find((a) => a.value === undefined || !a.value.startsWith('-'));
      scope.cwd =
        dir?.value !== undefined && scope.cwd !== null
          ? path.resolve(scope.cwd, dir.value)
          : dir?.value && path.isAbsolute(dir.value)
            ? dir.value
            : null;
      return;
    }
    if (name === 'find') return this.find(args, cmd, scope);
    if (name === 'xargs') return this.xargs(args, cmd, scope);
    if (name === 'trap') return this.trap(args, cmd, scope);
    // `fc -s`, `fc -e -`: runs a command from the history, which the line may have filled (`history -s CMD`); `fc -l` lists.
    if (name === 'fc')
      return args.some((a) => a.value === '-l' || a.value === '-ln' || a.value === '-nl')
        ? undefined
        : this.add(OPAQUE.dynamicCommand, cmd.text, scope);
    if (name === 'parallel') return this.parallel(args, cmd, scope);
    if (name === 'concurrently') return this.concurrently(args, cmd, scope);
    if (name === 'npm-run-all' || name === 'run-s' || name === 'run-p' || name === 'npm-run-all2')
      return this.runAll(name, args, cmd, scope);
    if (/^ipython[0-9.]*$/.test(name)) return this.interpreter('python', interpreterSpec('python')!, args, cmd, scope);
    if (name === 'ssh') return this.ssh(args, cmd, scope);
    if (name === 'git') return this.git(args, cmd, scope);
    const interpreter = interpreterSpec(name);
    // Bun is both: `bun run NAME` runs a package script, `bun x.ts` a file (`runner` tells them apart).
    if (interpreter && name !== 'bun') return this.interpreter(name, interpreter, args, cmd, scope);
    if (RUNNERS.has(name)) return this.runner(name, args, cmd, scope);
    if (TASK_RUNNERS.has(name)) return this.taskRunner(name, args, cmd, scope);
    if (Object.prototype.hasOwnProperty.call(WRAPPERS, name))
      return this.wrapper(name, WRAPPERS[name], args, cmd, scope, prefix);
    if (INERT.has(name)) return;
    // A program run by path: read it if it is a script.
    if (first.value !== undefined && first.value.includes('/') && !COMMAND_RUNNERS.has(name)) {
      if (await this.scriptByPath(first.value, args, display, scope)) return;
    }
    return this.scan(name, args, cmd, scope);
  }

  /** An unknown program: if one of its arguments names a guarded tool or a command runner, it may run it. */
  private async scan(name: string, args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    for (let k = 0; k < args.length; k++) {
      const v = args[k].value;
      if (v === undefined || v.startsWith('-') || !INTERESTING(basenameOf(v)) || INERT.has(basenameOf(v))) continue;
      // `.` as an argument is a directory (`pytest . -q`, `docker build . --pull`); it is `source` only as a command.
      if (v === '.') continue;
      const before = this.findings.length;
      await this.run(args.slice(k), undefined, cmd, { ...scope, via: [...scope.via, name] });
      // What counts is a command Deadbolt can read and judge (`make-it-so terraform destroy`), or a guarded
      // tool given computed arguments (`make-it-so terraform $ACTION`). Otherwise a word it cannot read is no
      // sign that the program runs anything: `kubectl get node $NODE`, `apk add bash curl`, `gh run watch $(…)`,
      // `poetry source add …`, or a tool's name as an option's value (`docker login --username AWS "$X"`).
      const previous = k > 0 ? args[k - 1].value : undefined;
      const optionValue = previous !== undefined && previous.startsWith('-') && !previous.includes('=');
      const guarded = (GUARDED_TOOLS as readonly string[]).includes(basenameOf(v).toLowerCase()) && !optionValue;
      const found = this.findings.splice(before).filter((f) => guarded || !CANNOT_TELL.test(f.why));
      if (found.length) {
        const inner = found.find((f) => f.decision === 'deny') ?? found[0];
        this.findings.push({
          decision: 'ask',
          command: cmd.text,
          via: scope.via,
          why: `passes \`${rebuild(args.slice(k)).slice(0, 120)}\` to \`${name}\`, which may run it; that command ${inner.why.replace(/^(it )?/, '')}`,
          instead: inner.instead,
        });
        return;
      }
    }
  }

  private stdinSupplied(cmd: SimpleCommand): boolean {
    return (
      cmd.input !== undefined || cmd.redirects.some((r) => r.heredoc !== undefined || r.op === '<<<' || r.op === '<')
    );
  }

  /**
   * What the command reads on standard input, when the line says:
   * `undefined` when nothing is supplied, `null` when it cannot be known.
   */
  private stdinText(cmd: SimpleCommand, scope: Scope): string | null | undefined {
    for (let k = cmd.redirects.length - 1; k >= 0; k--) {
      const r = cmd.redirects[k];
      if (r.heredoc !== undefined) return r.heredoc;
      if (r.op === '<<<') return r.target ? wordValue(r.target, scope) : null;
      if (r.op === '<') {
        const file = r.target ? wordValue(r.target, scope) : null;
        return file === null ? null : (this.read(file, scope) ?? null);
      }
    }
    if (!cmd.input) return undefined;
    if (cmd.input.kind === 'pipe-unknown') return null;
    return this.produced(cmd.input.from, scope);
  }

  /** The output of a command that only prints literal text (`echo`, `printf`, `cat` of a here-document or file). */
  private produced(from: SimpleCommand, scope: Scope): string | null {
    const argv = from.words.flatMap((w) => expandWord(w, scope));
    if (argv.length === 0 || argv.some((a) => a.value === undefined)) return null;
    const name = basenameOf(argv[0].value!);
    const args = argv.slice(1).map((a) => a.value!);
    if (name === 'echo') {
      let k = 0;
      let escapes = false;
      while (k < args.length && /^-[neE]+$/.test(args[k])) {
        if (args[k].includes('e')) escapes = true;
        k++;
      }
      const text = args.slice(k).join(' ');
      return escapes ? decodeEscapes(text) : text;
    }
    if (name === 'printf') return printf(args);
    if (name === 'cat') {
      const files = args.filter((a) => !a.startsWith('-'));
      if (files.length === 0) return this.stdinText(from, scope) ?? '';
      let out = '';
      for (const f of files) {
        const t = this.read(f, scope);
        if (t === undefined) return null;
        out += t;
      }
      return out;
    }
    return null;
  }

  private read(file: string, scope: Scope): string | undefined {
    if (!this.options.readFile) return this.written.get(this.absolute(file, scope) ?? '') ?? undefined;
    let abs: string;
    if (path.isAbsolute(file)) abs = file;
    else if (scope.cwd !== null) abs = path.resolve(scope.cwd, file);
    else return undefined;
    if (this.written.has(abs)) return this.written.get(abs) ?? undefined;
    if (this.deleted.has(abs)) return undefined;
    try {
      return this.options.readFile(abs);
    } catch {
      return undefined;
    }
  }

  private absolute(file: string, scope: Scope): string | undefined {
    if (path.isAbsolute(file)) return path.normalize(file);
    return scope.cwd !== null ? path.resolve(scope.cwd, file) : undefined;
  }

  /** True when the line wrote `file` earlier with content Deadbolt cannot know, or unpacked files of unknown names where it lies. */
  private lineWrote(file: string, scope: Scope): boolean {
    const abs = this.absolute(file, scope);
    if (abs === undefined) return false;
    if (this.written.has(abs)) return this.written.get(abs) === null;
    return !this.deleted.has(abs) && this.writtenDirs.some((d) => abs.startsWith(`${d}/`));
  }

  /** `~/x`, `$HOME/x`, `${HOME}/x` as written, when the rest is plain: the user-level guard files live there. */
  private homePath(text: string): string | undefined {
    const m = /^(?:~|\$HOME|\$\{HOME\})(\/[A-Za-z0-9._/-]*)$/.exec(text);
    if (!m) return undefined;
    const home = this.options.env?.HOME ?? os.homedir();
    return home ? `${home}${m[1]}` : undefined;
  }

  /** The files a command's redirections write: `>` gets its output (known for `echo`, `printf`, `cat <<EOF`), `>>` adds it. */
  private recordRedirects(cmd: SimpleCommand, scope: Scope): void {
    for (const r of cmd.redirects) {
      if (!WRITE_REDIRECTS.has(r.op) || !r.target) continue;
      const file = wordValue(r.target, scope) ?? this.homePath(r.target.text);
      if (file === undefined || /^(\d+|-)$/.test(file) || file.startsWith('/dev/')) continue;
      const out = r.op === '>&' || r.op.startsWith('&') ? null : this.produced(cmd, scope);
      if (r.op === '>>' || r.op === '&>>') {
        const before = this.lineWrote(file, scope) ? null : (this.read(file, scope) ?? '');
        this.recordWrite(
          { kind: 'stdin', file, append: true },
          before === null || out === null ? null : before + out,
          cmd,
          scope,
        );
      } else {
        this.recordWrite({ kind: 'stdin', file, append: false }, out, cmd, scope);
      }
    }
  }

  /** The files a command writes by its arguments (`tee`, `cp`, `mv`, `curl -o`, `sed -i`, `rm`, …; `shell/writes.ts`). */
  private recordArgumentWrites(name: string, args: readonly Arg[], cmd: SimpleCommand, scope: Scope): void {
    const writes = writesOf(
      name,
      args.map((a) => a.value ?? this.homePath(a.text)),
    );
    for (const w of writes) {
      switch (w.kind) {
        case 'stdin': {
          const input = this.stdinText(cmd, scope);
          const text = input === undefined ? '' : input;
          const before = w.append ? (this.lineWrote(w.file, scope) ? null : (this.read(w.file, scope) ?? '')) : '';
          this.recordWrite(w, text === null || before === null ? null : before + text, cmd, scope);
          break;
        }
        case 'copy':
          this.recordWrite(w, this.lineWrote(w.from, scope) ? null : (this.read(w.from, scope) ?? null), cmd, scope);
          break;
        default:
          this.recordWrite(w, null, cmd, scope);
      }
    }
  }

  private recordWrite(w: FileWrite, content: string | null, cmd: SimpleCommand, scope: Scope): void {
    const file = w.kind === 'directory' ? w.dir : w.file;
    // An agent must not edit the guard: Deadbolt's own scripts and markers, the agents' hook settings.
    if (w.kind !== 'directory') {
      const { guardFileRole } = guardFiles();
      const cwd = scope.cwd ?? undefined;
      // Removing or replacing a directory removes the guard files in it.
      const whole =
        w.kind === 'delete' || w.kind === 'mode'
          ? ['x', 'settings.json', 'hooks.json', 'hooks/x'].map((c) => `${file.replace(/\/+$/, '')}/${c}`)
          : [];
      for (const candidate of [file, ...whole]) {
        const role = guardFileRole(candidate, cwd);
        if (role) {
          this.add(guardEdit(role, file), cmd.text, scope);
          break;
        }
      }
    }
    const abs = this.absolute(file, scope);
    if (abs === undefined || this.written.size + this.writtenDirs.length >= MAX_WRITES) return;
    switch (w.kind) {
      case 'directory':
        this.writtenDirs.push(abs);
        return;
      case 'delete':
        this.written.delete(abs);
        this.deleted.add(abs);
        return;
      case 'mode':
        return;
      default:
        this.deleted.delete(abs);
        this.written.set(abs, content);
    }
  }

  private async shell(name: string, args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    let k = 0;
    let fromString = false;
    let readsStdin = false;
    for (; k < args.length; k++) {
      const v = args[k].value;
      if (v === undefined) break;
      if (v === '--' || v === '-') {
        k++;
        break;
      }
      if (v === '-o' || v === '+o' || v === '-O' || v === '+O' || v === '--rcfile' || v === '--init-file') {
        k++;
        continue;
      }
      if (/^--/.test(v)) {
        if (name === 'fish' && (v === '--command' || v.startsWith('--command='))) {
          fromString = true;
          if (v.includes('=')) return this.shellString(v.slice(v.indexOf('=') + 1), args.slice(k + 1), name, scope);
        }
        continue;
      }
      if (/^[-+][A-Za-z]+$/.test(v)) {
        // `bash -n script.sh`: reads the script for syntax errors and runs nothing.
        if (v[0] === '-' && v.includes('n')) return;
        if (v[0] === '-' && v.includes('c')) fromString = true;
        if (v[0] === '-' && v.includes('s')) readsStdin = true;
        continue;
      }
      break;
    }
    const rest = args.slice(k);
    if (fromString) {
      const code = rest[0];
      if (!code) return;
      const text = code.value ?? code.code;
      if (text === undefined) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
      return this.shellString(text, rest.slice(1), name, scope);
    }
    if (rest.length > 0 && !readsStdin) {
      const file = rest[0];
      const positional = rest.map((a) => (a.value === undefined ? null : a.value));
      if (file.value === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
      if (['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'].includes(file.value))
        return this.shellStdin(name, cmd, scope, positional);
      const text = this.read(file.value, scope);
      if (text === undefined || hasNul(text)) return this.add(OPAQUE.unreadableScript, cmd.text, scope);
      return this.nested(text, scope, `${name} ${file.value}`, { positional, vars: new Map(), lenient: true });
    }
    return this.shellStdin(name, cmd, scope, null);
  }

  private async shellString(code: string, rest: readonly Arg[], name: string, scope: Scope): Promise<void> {
    // `sh -c CODE NAME ARG…`: $0 is NAME, $1… the rest.
    const positional = rest.length ? rest.map((a) => (a.value === undefined ? null : a.value)) : [name];
    await this.nested(code, scope, `${name} -c`, { positional, vars: new Map() });
  }

  private async shellStdin(
    name: string,
    cmd: SimpleCommand,
    scope: Scope,
    positional: readonly Value[] | null,
  ): Promise<void> {
    const text = this.stdinText(cmd, scope);
    if (text === undefined) return;
    if (text === null) return this.add(OPAQUE.shellFromPipe, cmd.text, scope);
    await this.nested(text, scope, `${name} reading standard input`, { positional, vars: new Map() });
  }

  private async sourceFile(args: readonly Arg[], display: string, scope: Scope): Promise<void> {
    const file = args[0];
    if (!file) return;
    if (file.value === undefined) return this.add(OPAQUE.dynamicCommand, display, scope);
    const text = this.read(file.value, scope);
    if (text === undefined || hasNul(text)) return this.add(OPAQUE.unreadableScript, display, scope);
    const positional =
      args.length > 1
        ? [scope.positional?.[0] ?? null, ...args.slice(1).map((a) => (a.value === undefined ? null : a.value))]
        : scope.positional;
    // A sourced script runs in this shell: it shares (and may change) its variables.
    return this.nested(text, scope, `source ${file.value}`, { positional, vars: scope.vars, lenient: true });
  }

  /** `./deploy.sh`, `scripts/x`: read a script run by path. Returns false when it is not a readable text file. */
  private async scriptByPath(file: string, args: readonly Arg[], display: string, scope: Scope): Promise<boolean> {
    const text = this.read(file, scope);
    if (text === undefined && this.lineWrote(file, scope)) {
      this.add(RUNS_WRITTEN_FILE, display, scope);
      return true;
    }
    if (text === undefined || hasNul(text)) return false;
    const program = shebangProgram(text);
    const positional = [file, ...args.map((a) => (a.value === undefined ? null : a.value))];
    if (SHELLS.has(program)) {
      await this.nested(text, scope, file, { positional, vars: new Map(), lenient: true });
      return true;
    }
    const spec = interpreterSpec(program);
    if (spec) {
      await this.code(text, program, spec, display, scope, false, file);
      return true;
    }
    return false;
  }

  /**
   * An environment variable that makes programs run its value (`GIT_SSH_COMMAND`, `PAGER`, an exported
   * function `BASH_FUNC_f%%`, a start-up file `BASH_ENV`): the value is read as the shell code it is.
   * `value` may hold `"$__DEADBOLT_UNKNOWN"` where the line computes part of it; `running` says a command
   * follows (so the value is certainly handed to a program), `program` which (when written literally).
   */
  private async injected(
    name: string,
    value: string,
    cmd: SimpleCommand,
    scope: Scope,
    running: boolean,
    program: string | undefined,
  ): Promise<void> {
    const key = `${name}=${value}`;
    if (this.injectedSeen.has(key)) return;
    this.injectedSeen.add(key);
    const code = injectedByVariable(name, value);
    if (!code) return;
    if (code.kind === 'code') {
      if (!running && value.includes(HOLE)) return;
      return this.nested(code.code, scope, `$${name}`);
    }
    const text = code.file.includes(HOLE) ? undefined : this.read(code.file, scope);
    if (text === undefined || hasNul(text)) {
      // Only a shell run without a terminal reads the start-up file.
      if (!running || program === undefined || !SHELLS.has(basenameOf(program))) return;
      return this.add(
        {
          ...OPAQUE.unreadableScript,
          why: `makes the shell read \`${code.file.replace(HOLE, '…')}\` (\`${name}\`) before anything else, a script Deadbolt cannot read.`,
        },
        cmd.text,
        scope,
      );
    }
    return this.nested(text, scope, `${name}=${code.file}`, { vars: new Map(), lenient: true });
  }

  /** What a container, multiplexer, debugger, queue, schedule or remote-execution call runs (`knowledge/hosts.ts`). */
  private async hosted(h: Hosted, cmd: SimpleCommand, scope: Scope): Promise<void> {
    const { crontabCommands, expectCommands, gdbShellCommands, typedText, IMAGE_ENTRYPOINTS } = hostsKnowledge();
    const transform = (text: string, t: 'crontab' | 'typed' | 'gdb' | 'expect' | undefined): string =>
      t === 'crontab'
        ? crontabCommands(text)
        : t === 'typed'
          ? typedText(text)
          : t === 'gdb'
            ? gdbShellCommands(text)
            : t === 'expect'
              ? expectCommands(text)
              : text;
    switch (h.kind) {
      case 'many':
        for (const item of h.items) await this.hosted(item, cmd, scope);
        return;
      case 'verdict':
        return this.add(h.verdict, cmd.text, scope);
      case 'argv':
        return this.run(h.argv, undefined, cmd, { ...scope, via: [...scope.via, h.via] });
      case 'shell': {
        const text = h.code.value ?? h.code.code;
        if (text === undefined) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
        return this.nested(transform(text, h.transform), scope, h.via);
      }
      case 'stdin': {
        const text = this.stdinText(cmd, scope);
        if (text === undefined) return;
        if (text === null) return this.add(OPAQUE.shellFromPipe, cmd.text, scope);
        return this.nested(transform(text, h.transform), scope, `${h.via} reading standard input`, { vars: new Map() });
      }
      case 'file': {
        const text = h.file.value === undefined ? undefined : this.read(h.file.value, scope);
        if (text === undefined || hasNul(text)) return this.add(OPAQUE.unreadableScript, cmd.text, scope);
        return this.nested(transform(text, h.transform), scope, `${h.via} ${h.file.value}`, {
          vars: new Map(),
          lenient: true,
        });
      }
      case 'unknown-image': {
        // The image is computed: it may be one whose entry point is a guarded tool.
        for (const tool of new Set(Object.values(IMAGE_ENTRYPOINTS))) {
          const verdict = judgeTool(tool, h.args, { env: () => undefined, stdinSupplied: false });
          if (verdict)
            return this.add(
              {
                ...OPAQUE.wrapped,
                why: `runs a container image computed when the line runs, with arguments that would make \`${tool}\` do this: it ${verdict.why}`,
              },
              cmd.text,
              scope,
            );
        }
        return this.run(h.args, undefined, cmd, { ...scope, via: [...scope.via, h.via] });
      }
    }
  }

  /** `trap 'CMD' EXIT`: the shell runs CMD when the signal comes or the shell exits. */
  private async trap(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    // `trap -p`, `trap -l` only print.
    if (args[0]?.value === '-p' || args[0]?.value === '-l' || args[0]?.value === '-P') return;
    const k = args[0]?.value === '--' ? 1 : 0;
    // `trap SIGNAL` alone resets it; with two or more words the first is the action.
    if (args.length - k < 2) return;
    const action = args[k];
    const text = action.value ?? action.code;
    if (text === undefined) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
    if (text === '' || text === '-') return;
    await this.nested(text, scope, 'trap');
  }

  /**
   * GNU parallel: the words before `:::` (or the whole line, with no `:::`) are one command that a shell runs
   * once per input, with `{}`, `{.}`, `{/}`, `{1}`… replaced by it (https://www.gnu.org/software/parallel/man.html).
   */
  private async parallel(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const value = new Set([
      '-j',
      '-P',
      '--jobs',
      '--max-procs',
      '-S',
      '--sshlogin',
      '-a',
      '--arg-file',
      '--delay',
      '--timeout',
      '--joblog',
      '--results',
      '--res',
      '-n',
      '-N',
      '--max-args',
      '-L',
      '--max-lines',
      '--colsep',
      '-C',
      '-d',
      '--delimiter',
      '-I',
      '--tagstring',
      '--workdir',
      '--wd',
      '--tmpdir',
      '--retries',
      '--halt',
      '--memfree',
      '--load',
      '-E',
      '--sshloginfile',
      '--slf',
      '--basefile',
      '--bf',
      '--return',
      '--env',
      '--block',
      '--block-size',
      '--pipe-part',
      '--header',
      '--termseq',
      '--limit',
      '--shebang-wrap',
    ]);
    let k = 0;
    for (; k < args.length; k++) {
      const v = args[k].value;
      if (v === undefined || !v.startsWith('-') || /^:::+\+?$|^::::\+?$/.test(v)) break;
      if (v === '--') {
        k++;
        break;
      }
      if (value.has(v)) k++;
    }
    let end = k;
    while (end < args.length && !/^:::+\+?$/.test(args[end].value ?? '')) end++;
    const words = args.slice(k, end);
    if (words.length === 0) return;
    const hole = (t: string): string => t.replace(/\{(\d*[./#%]*|\/\/|\/\.)\}/g, '$__DEADBOLT_INPUT');
    const parts: string[] = [];
    for (const a of words) {
      const text = a.value ?? a.code;
      if (text === undefined) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
      parts.push(hole(text));
    }
    // Without a replacement string, parallel appends the input to the command.
    const code = parts.join(' ');
    await this.nested(/\$__DEADBOLT_INPUT/.test(code) ? code : `${code} "$__DEADBOLT_INPUT"`, scope, 'parallel');
  }

  /** `concurrently "CMD" "npm:SCRIPT"`: each argument is a command line (or a package script) run at once (https://github.com/open-cli-tools/concurrently#usage). */
  private async concurrently(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const value = new Set([
      '-n',
      '--names',
      '-c',
      '--prefix-colors',
      '-p',
      '--prefix',
      '-l',
      '--prefix-length',
      '-t',
      '--timestamp-format',
      '-s',
      '--success',
      '-m',
      '--max-processes',
      '--restart-tries',
      '--restart-after',
      '--name-separator',
      '--default-input-target',
      '--handle-input',
      '-P',
      '--passthrough-arguments',
      '--teardown',
      '--pad-prefix',
      '--kill-signal',
    ]);
    for (let k = 0; k < args.length; k++) {
      const v = args[k].value;
      if (v !== undefined && v.startsWith('-')) {
        if (value.has(v)) k++;
        continue;
      }
      const text = v ?? args[k].code;
      if (text === undefined) {
        this.add(OPAQUE.dynamicCode, cmd.text, scope);
        continue;
      }
      const shortcut = /^(npm|yarn|pnpm|bun):(.+)$/.exec(text);
      if (shortcut) await this.runAll(shortcut[1], [{ value: shortcut[2], text: shortcut[2] }], cmd, scope);
      else await this.nested(text, scope, 'concurrently');
    }
  }

  /** `npm-run-all build test`, `run-s clean 'build:*'`, `run-p`: package.json scripts by name or glob (https://github.com/mysticatea/npm-run-all). */
  private async runAll(name: string, args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const value = new Set(['--npm-path', '--max-parallel', '-l', '--print-label', '--race', '-r']);
    const runner = name === 'yarn' || name === 'pnpm' || name === 'bun' ? name : 'npm';
    let scripts: Record<string, unknown> | undefined;
    const names: string[] = [];
    for (let k = 0; k < args.length; k++) {
      const v = args[k].value;
      if (v === '--') break;
      if (v !== undefined && v.startsWith('-')) {
        if (value.has(v) && !['-l', '--print-label', '--race', '-r'].includes(v)) k++;
        continue;
      }
      if (v === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
      // A script and its arguments in one word (`"build -- --watch"`): the first word names the script.
      const script = v.trim().split(/\s+/)[0] ?? '';
      if (!/[*?]/.test(script)) {
        names.push(script);
        continue;
      }
      if (scripts === undefined) {
        try {
          scripts =
            (JSON.parse(this.read('package.json', scope) ?? '{}') as { scripts?: Record<string, unknown> }).scripts ??
            {};
        } catch {
          scripts = {};
        }
      }
      // npm-run-all globs: `*` within one `:`-separated segment, `**` across them; matched in linear time.
      const steps: GlobStep[] = [];
      for (let i = 0; i < script.length; i++) {
        const c = script[i];
        if (c === '*' && script[i + 1] === '*') {
          steps.push({ kind: 'star' });
          i++;
        } else if (c === '*') steps.push({ kind: 'star', except: ':' });
        else if (c === '?') steps.push({ kind: 'one', except: ':' });
        else steps.push({ kind: 'char', char: c });
      }
      names.push(
        ...Object.keys(scripts)
          .filter((s) => globStepsMatch(steps, s))
          .slice(0, 50),
      );
    }
    for (const script of names.slice(0, 50))
      await this.packageScript(
        runner,
        [{ value: script, text: script }],
        cmd,
        { ...scope, via: [...scope.via, name] },
        false,
      );
  }

  private async find(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    for (let k = 0; k < args.length; k++) {
      const v = args[k].value;
      if (v !== '-exec' && v !== '-execdir' && v !== '-ok' && v !== '-okdir') continue;
      let end = k + 1;
      while (end < args.length && args[end].value !== ';' && args[end].value !== '+') end++;
      const inner = args.slice(k + 1, end).map((a) => withHole(a, '{}'));
      await this.run(inner, undefined, cmd, { ...scope, via: [...scope.via, `find ${v}`] });
      k = end;
    }
  }

  private async xargs(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const value = new Set([
      '-I',
      '-L',
      '-n',
      '-P',
      '-s',
      '-d',
      '-E',
      '-a',
      '--arg-file',
      '--delimiter',
      '--eof',
      '--replace',
      '--max-lines',
      '--max-args',
      '--max-procs',
      '--max-chars',
      '--process-slot-var',
    ]);
    let replace: string | undefined;
    let k = 0;
    for (; k < args.length; k++) {
      const v = args[k].value;
      if (v === undefined) break;
      if (v === '--') {
        k++;
        break;
      }
      if (!v.startsWith('-')) break;
      if (v === '-I' || v === '--replace') replace = args[k + 1]?.value;
      else if (v.startsWith('-I')) replace = v.slice(2);
      else if (v === '-i' || v.startsWith('--replace=')) replace = v.includes('=') ? v.slice(v.indexOf('=') + 1) : '{}';
      else if (v.startsWith('-i')) replace = v.slice(2);
      if (value.has(v)) k++;
    }
    const command = args.slice(k);
    if (command.length === 0) return;
    // The arguments xargs reads from its input are not known.
    const inner: Arg[] = command.map((a) => (replace ? withHole(a, replace) : a));
    if (!replace) inner.push({ text: '<input>' });
    await this.run(inner, undefined, cmd, { ...scope, via: [...scope.via, 'xargs'] });
  }

  private async ssh(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const value = new Set([
      '-b',
      '-c',
      '-D',
      '-E',
      '-e',
      '-F',
      '-I',
      '-i',
      '-J',
      '-L',
      '-l',
      '-m',
      '-O',
      '-o',
      '-p',
      '-Q',
      '-R',
      '-S',
      '-W',
      '-w',
      '-B',
    ]);
    let k = 0;
    for (; k < args.length; k++) {
      const v = args[k].value;
      if (v === undefined || !v.startsWith('-')) break;
      if (value.has(v)) k++;
    }
    const remote = args.slice(k + 1);
    if (remote.length === 0) return this.shellStdin('ssh', cmd, scope, null);
    if (remote.some((a) => a.value === undefined)) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
    // ssh joins its arguments with spaces and the remote shell parses them.
    await this.nested(remote.map((a) => a.value).join(' '), scope, `ssh ${args[k]?.value ?? ''}`.trim());
  }

  private async git(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    let k = 0;
    for (; k < args.length; k++) {
      const v = args[k].value;
      if (v === undefined || !v.startsWith('-')) break;
      if (v === '-c' || v === '-C' || v === '--git-dir' || v === '--work-tree' || v === '--namespace') {
        const setting = args[k + 1];
        if (v === '-c' && setting) {
          // `git -c core.sshCommand=CMD`, `-c alias.x='!CMD'`, `-c diff.external=CMD`: settings Git runs.
          if (setting.value === undefined) {
            if (runsGitConfigKey(setting.text)) this.add(OPAQUE.dynamicCode, cmd.text, scope);
          } else {
            const code = injectedByGitConfig(setting.value);
            if (code !== undefined)
              await this.nested(code, scope, `git -c ${setting.value.slice(0, setting.value.indexOf('='))}`);
          }
        }
        k++;
      }
    }
    const sub = args[k]?.value;
    const rest = args.slice(k + 1);
    if (sub === 'config') await this.gitConfig(rest, cmd, scope);
    if (sub !== undefined) await this.gitHooks(sub, rest, cmd, scope);
    // `ext::CMD` remotes run CMD (`git clone 'ext::sh -c …'`).
    for (const a of rest) {
      const code = a.value !== undefined ? injectedByRemoteUrl(a.value) : undefined;
      if (code !== undefined) await this.nested(code, scope, 'git ext:: remote');
    }
    if (sub === 'rebase') {
      for (let j = 0; j < rest.length; j++) {
        const v = rest[j].value;
        let code: Arg | undefined;
        if (v === '-x' || v === '--exec') code = rest[j + 1];
        else if (v?.startsWith('--exec=')) code = { value: v.slice(7), text: v };
        if (!code) continue;
        if (code.value === undefined) this.add(OPAQUE.dynamicCode, cmd.text, scope);
        else await this.nested(code.value, scope, 'git rebase --exec');
      }
    } else if (sub === 'bisect' && rest[0]?.value === 'run') {
      await this.run(rest.slice(1), undefined, cmd, { ...scope, via: [...scope.via, 'git bisect run'] });
    } else if (sub === 'submodule' && rest.some((a) => a.value === 'foreach')) {
      const code = rest
        .slice(rest.findIndex((a) => a.value === 'foreach') + 1)
        .filter((a) => a.value !== '--recursive');
      if (code.some((a) => a.value === undefined)) this.add(OPAQUE.dynamicCode, cmd.text, scope);
      else if (code.length) await this.nested(code.map((a) => a.value).join(' '), scope, 'git submodule foreach');
    }
  }

  /**
   * `git config alias.x '!CMD'`, `git config core.sshCommand CMD`: a setting Git runs later, whenever the alias
   * (or the operation) is used, in this line or any other: read when it is set.
   */
  private async gitConfig(rest: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const value = new Set(['-f', '--file', '--blob', '--type', '--default', '--comment', '--value']);
    const words: Arg[] = [];
    for (let j = 0; j < rest.length; j++) {
      const v = rest[j].value;
      if (v !== undefined && v.startsWith('-')) {
        if (value.has(v)) j++;
        continue;
      }
      words.push(rest[j]);
    }
    const [key, setting] = words;
    if (key?.value === undefined || !setting) return;
    if (setting.value === undefined) {
      if (runsGitConfigKey(`${key.value}=`)) this.add(OPAQUE.dynamicCode, cmd.text, scope);
      return;
    }
    const code = injectedByGitConfig(`${key.value}=${setting.value}`);
    if (code !== undefined) await this.nested(code, scope, `git config ${key.value}`);
  }

  /**
   * The hooks a Git command runs from the repository (`.git/hooks/NAME`, or Husky's `.husky/NAME`), read when
   * present: `git commit` runs pre-commit and commit-msg unless `--no-verify`; `git push` runs pre-push
   * (https://git-scm.com/docs/githooks).
   */
  private async gitHooks(sub: string, rest: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const noVerify = rest.some((a) => a.value === '--no-verify' || (sub === 'commit' && a.value === '-n'));
    const hooks: Record<string, readonly string[]> = {
      commit: noVerify ? ['post-commit'] : ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit'],
      push: noVerify ? [] : ['pre-push'],
      merge: noVerify ? ['post-merge'] : ['pre-merge-commit', 'commit-msg', 'post-merge'],
      pull: ['post-merge'],
      rebase: ['pre-rebase', 'post-rewrite'],
      checkout: ['post-checkout'],
      switch: ['post-checkout'],
      am: noVerify ? ['post-applypatch'] : ['applypatch-msg', 'pre-applypatch', 'post-applypatch'],
    };
    const names = Object.prototype.hasOwnProperty.call(hooks, sub) ? hooks[sub] : [];
    for (const hook of names) {
      for (const dir of ['.husky', '.git/hooks']) {
        const file = `${dir}/${hook}`;
        // A hook the line itself checked out or wrote is read as written; one that is not there runs nothing.
        if (this.read(file, scope) === undefined) continue;
        await this.scriptByPath(file, [], cmd.text, { ...scope, via: [...scope.via, `git ${sub} (hook ${file})`] });
      }
    }
  }

  private async wrapper(
    name: string,
    spec: WrapperSpec,
    args: readonly Arg[],
    cmd: SimpleCommand,
    scope: Scope,
    prefix: ReadonlyMap<string, Value>,
  ): Promise<void> {
    let k = 0;
    const via = { ...scope, via: [...scope.via, name] };
    if (spec.subcommand) {
      while (k < args.length && args[k].value?.startsWith('-')) k++;
      const sub = args[k];
      if (!sub) return;
      if (sub.value === undefined) return this.scan(name, args, cmd, scope);
      if (!spec.subcommand.includes(sub.value)) return this.scan(name, args, cmd, scope);
      k++;
    }
    if (spec.afterDoubleDash) {
      const dashes = args.findIndex((a, j) => j >= k && a.value === '--');
      if (dashes < 0) return this.scan(name, args, cmd, scope);
      return this.run(args.slice(dashes + 1), undefined, cmd, via, new Map(prefix));
    }
    const env = new Map(prefix);
    // `aws-vault exec prod -- CMD`, `assume prod --exec CMD`: CMD runs under that AWS profile (production markers).
    const profile = awsProfileSetBy(name, args);
    if (profile !== undefined) env.set('AWS_PROFILE', profile);
    let positional = spec.positional ?? 0;
    let join = spec.joinRest ?? false;
    // `su - deploy -c CMD`, `runuser deploy -c CMD`: options after the user; only `-c` runs a command.
    const suMode =
      spec.suLike === true &&
      !args.some((a) => a.value === '-u' || a.value === '--user' || a.value?.startsWith('--user='));
    for (; k < args.length; k++) {
      const a = args[k];
      const v = a.value;
      // `su`, `nix-shell -p terraform --run CMD`, `nix develop .#x -c CMD`: words before the option that runs something.
      if ((suMode || spec.onlyShellString) && (v === undefined || !v.startsWith('-') || v === '-')) continue;
      if (v === undefined) break;
      if (v === '--') {
        k++;
        break;
      }
      if (v.startsWith('-') && v.length > 1) {
        const [opt, inline] =
          v.startsWith('--') && v.includes('=')
            ? [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]
            : [v, undefined];
        if (spec.lookup?.includes(opt)) return;
        if (spec.commandFlag?.includes(opt)) return this.run(args.slice(k + 1), undefined, cmd, via, env);
        if (spec.exec?.includes(opt)) join = false;
        const clusterLast = /^-[A-Za-z]{2,}$/.test(opt) ? `-${opt[opt.length - 1]}` : undefined;
        if (spec.shellString?.includes(opt) || (clusterLast && spec.shellString?.includes(clusterLast))) {
          const code = inline !== undefined ? { value: inline, text: v } : args[k + 1];
          if (!code) return;
          const text = code.value ?? code.code;
          if (text === undefined) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
          return this.nested(
            text,
            scope,
            `${name} ${opt}`,
            profile !== undefined ? { vars: new Map([...scope.vars, ['AWS_PROFILE', profile]]) } : {},
          );
        }
        if (spec.splitString?.includes(opt)) {
          const s = inline ?? args[k + 1]?.value;
          if (s === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
          return this.nested(
            `${s} ${rebuild(args.slice(k + (inline !== undefined ? 1 : 2)))}`,
            scope,
            `${name} ${opt}`,
          );
        }
        if (inline === undefined && spec.value?.includes(opt)) k++;
        else if (
          inline === undefined &&
          !opt.startsWith('--') &&
          opt.length > 2 &&
          spec.value?.includes(opt.slice(0, 2)) &&
          name !== 'nice'
        ) {
          // `-u root`-style value attached (`-uroot`): nothing more to skip.
        }
        continue;
      }
      if (spec.assignments && /^([A-Za-z_][A-Za-z0-9_]*|BASH_FUNC_[^=]+%%)=/.test(v)) {
        const variable = v.slice(0, v.indexOf('='));
        env.set(variable, v.slice(v.indexOf('=') + 1));
        if (runsVariable(variable)) {
          const program = args
            .slice(k + 1)
            .find((b) => b.value === undefined || !/^([A-Za-z_][A-Za-z0-9_]*|BASH_FUNC_[^=]+%%)=|^-/.test(b.value));
          await this.injected(variable, v.slice(v.indexOf('=') + 1), cmd, scope, true, program?.value);
        }
        continue;
      }
      if (positional > 0) {
        positional--;
        continue;
      }
      break;
    }
    // Granted's `assume prod` without `--exec`, sourced: the rest of the line runs under the profile.
    if (name === 'assume' && profile !== undefined) scope.vars.set('AWS_PROFILE', cmd.conditional ? null : profile);
    if (spec.onlyShellString || suMode) return;
    const rest = args.slice(k);
    if (rest.length === 0) return;
    // `uv run x.py` runs the file with Python (https://docs.astral.sh/uv/guides/scripts/).
    if (name === 'uv' && rest[0].value !== undefined && /\.pyw?$/.test(rest[0].value))
      return this.run([{ value: 'python', text: 'python' }, ...rest], undefined, cmd, via, env);
    if (join) {
      if (rest.some((a) => a.value === undefined)) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
      return this.nested(rest.map((a) => a.value).join(' '), scope, name);
    }
    await this.run(rest, undefined, cmd, via, env);
  }

  private async runner(name: string, args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const via = { ...scope, via: [...scope.via, name] };
    let sub = -1;
    for (let j = 0; j < args.length; j++) {
      const v = args[j].value;
      // An option with a computed value (`--filter=./packages/*`) is still an option, not the script's name.
      if (v === undefined ? !args[j].text.startsWith('-') : !v.startsWith('-')) {
        sub = j;
        break;
      }
      if (v !== undefined && RUNNER_VALUE_OPTIONS.has(v)) j++;
    }
    const subValue = sub >= 0 ? args[sub].value : undefined;
    if (sub >= 0 && subValue === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
    const after = sub >= 0 ? args.slice(sub + 1) : [];
    // `npm --prefix infra run x`, `pnpm -C infra x`, `yarn --cwd infra x`, `npm -w pkg run x`: that package's scripts, run in its directory.
    const dir =
      name === 'npx' || name === 'pnpx' || name === 'bunx'
        ? undefined
        : this.packageDirectory(args.slice(0, sub >= 0 ? sub : args.length), scope);
    if (dir !== undefined) {
      via.cwd = dir;
      scope = { ...scope, cwd: dir };
    }
    // A bare install runs the project's own lifecycle scripts (https://docs.npmjs.com/cli/using-npm/scripts#life-cycle-operation-order).
    const installs =
      name === 'yarn'
        ? (subValue === undefined && !args.some((a) => /^(-v|--version|-h|--help)$/.test(a.value ?? ''))) ||
          subValue === 'install'
        : ['install', 'i', 'ci', 'add', 'isntall', 'in'].includes(subValue ?? '') && name !== 'npx';
    if (
      installs &&
      !after.some((a) => a.value === undefined || !a.value.startsWith('-')) &&
      !args.some((a) => a.value === '--ignore-scripts')
    ) {
      for (const script of [
        'preinstall',
        'install',
        'postinstall',
        'prepublish',
        'preprepare',
        'prepare',
        'postprepare',
      ])
        await this.lifecycle(name, script, via);
      return;
    }
    // `bun run x.ts`, `bun x.ts`: a file, not a script.
    if (name === 'bun' && sub >= 0) {
      const file = subValue === 'run' ? after[0]?.value : subValue;
      if (file !== undefined && /\.(m|c)?[jt]sx?$/.test(file))
        return this.interpreter(
          'bun',
          interpreterSpec('bun')!,
          subValue === 'run' ? after : args.slice(sub),
          cmd,
          scope,
        );
    }
    switch (name) {
      case 'npx':
      case 'pnpx':
      case 'bunx':
        return this.exec(name, args, cmd, via);
      case 'npm':
        if (subValue === 'exec' || subValue === 'x') return this.exec('npm exec', after, cmd, via);
        if (subValue === 'run' || subValue === 'run-script' || subValue === 'rum' || subValue === 'urn')
          return this.packageScript(name, after, cmd, via, false);
        if (['test', 't', 'tst', 'start', 'stop', 'restart'].includes(subValue ?? '')) {
          return this.packageScript(
            name,
            [{ value: subValue === 't' || subValue === 'tst' ? 'test' : subValue!, text: subValue! }, ...after],
            cmd,
            via,
            false,
          );
        }
        return;
      case 'pnpm':
        if (subValue === 'exec' || subValue === 'dlx') return this.exec('pnpm exec', after, cmd, via);
        if (subValue === 'run' || subValue === 'run-script') return this.packageScript(name, after, cmd, via, false);
        if (subValue && !PNPM_BUILTINS.has(subValue)) return this.packageScript(name, args.slice(sub), cmd, via, true);
        return;
      case 'yarn':
        if (subValue === 'exec' || subValue === 'dlx') return this.exec('yarn exec', after, cmd, via);
        if (subValue === 'run') return this.packageScript(name, after, cmd, via, true);
        if (subValue === 'workspace') {
          const ws = after[0]?.value;
          const wsDir = ws === undefined ? undefined : this.workspaceDirectory(ws, scope);
          return this.runner(name, after.slice(1), cmd, wsDir === undefined ? scope : { ...scope, cwd: wsDir });
        }
        if (subValue && !YARN_BUILTINS.has(subValue)) return this.packageScript(name, args.slice(sub), cmd, via, true);
        return;
      case 'bun': {
        const spec = interpreterSpec('bun')!;
        if (args.some((a) => a.value !== undefined && spec.code.includes(a.value)))
          return this.interpreter('bun', spec, args, cmd, scope);
        if (subValue === 'x') return this.exec('bun x', after, cmd, via);
        if (subValue === 'run') return this.packageScript(name, after, cmd, via, true);
        if (subValue && !BUN_BUILTINS.has(subValue)) return this.packageScript(name, args.slice(sub), cmd, via, true);
        return;
      }
    }
  }

  /** `make TARGET`, `just RECIPE`, `task NAME`: the recipes they run, read like a script on disk (`code/task-runners.ts`). */
  private async taskRunner(name: string, args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    const { taskJobs } = await import('./code/task-runners');
    const jobs = await taskJobs(
      name,
      args.map((a) => a.value),
      {
        cwd: scope.cwd,
        read: (file) => this.read(file, scope),
        env: (variable) =>
          scope.vars.has(variable) ? (scope.vars.get(variable) ?? undefined) : this.options.env?.[variable],
      },
    );
    for (const job of jobs) {
      if (job.kind === 'verdict') {
        this.add(job.verdict, cmd.text, scope);
      } else if (job.kind === 'shell') {
        await this.nested(job.text, { ...scope, cwd: job.cwd }, job.via, {
          vars: new Map(),
          positional: null,
          lenient: !job.strict,
        });
      } else {
        const spec = interpreterSpec(job.interpreter);
        if (spec)
          await this.code(
            job.text,
            job.interpreter,
            spec,
            cmd.text,
            { ...scope, cwd: job.cwd, via: [...scope.via, job.via], depth: scope.depth + 1 },
            false,
          );
      }
    }
  }

  /** `npx PKG ARGS`, `npm exec -- PKG ARGS`, `npx -p PKG BIN ARGS`, `npx -c 'CMD'`. */
  private async exec(name: string, args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    let k = 0;
    let packageGiven = false;
    for (; k < args.length; k++) {
      const v = args[k].value;
      if (v === undefined) break;
      if (v === '--') {
        k++;
        break;
      }
      if (!v.startsWith('-')) break;
      if (v === '-c' || v === '--call' || v.startsWith('--call=')) {
        const code = v.includes('=') ? { value: v.slice(v.indexOf('=') + 1), text: v } : args[k + 1];
        if (!code) return;
        if (code.value === undefined) return this.add(OPAQUE.dynamicCode, cmd.text, scope);
        return this.nested(code.value, scope, `${name} -c`);
      }
      if (v === '-p' || v === '--package' || v === '-w' || v === '--workspace' || v === '--prefix' || v === '--cache') {
        if (v === '-p' || v === '--package') packageGiven = true;
        k++;
      } else if (v.startsWith('--package=')) packageGiven = true;
    }
    const rest = args.slice(k);
    if (rest.length === 0) return;
    const spec = rest[0];
    if (spec.value === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
    // `aws-cdk@2.150.0`, `@scope/pkg@1`: the package name, then its binary.
    const pkg = spec.value.replace(/^(@?[^@]+)@.*$/, '$1');
    const bin = packageGiven ? spec.value : (PACKAGE_BINARIES[pkg] ?? pkg.replace(/^@[^/]+\//, ''));
    await this.run([{ value: bin, text: spec.text }, ...rest.slice(1)], undefined, cmd, scope);
  }

  /** The directory a package manager is pointed at (`--prefix`, `-C`, `--dir`, `--cwd`, a workspace), when the options name one it can find. */
  private packageDirectory(options: readonly Arg[], scope: Scope): string | undefined {
    for (let j = 0; j < options.length; j++) {
      const v = options[j].value;
      if (v === undefined) continue;
      const eq = v.startsWith('--') ? v.indexOf('=') : -1;
      const opt = eq > 0 ? v.slice(0, eq) : v;
      const given = eq > 0 ? v.slice(eq + 1) : options[j + 1]?.value;
      if (given === undefined || scope.cwd === null) continue;
      if (opt === '--prefix' || opt === '-C' || opt === '--dir' || opt === '--cwd')
        return path.resolve(scope.cwd, given);
      if (opt === '-w' || opt === '--workspace') return this.workspaceDirectory(given, scope);
    }
    return undefined;
  }

  /** A workspace by path or by name, looked for where the root package.json's `workspaces` say (`packages/*`). */
  private workspaceDirectory(workspace: string, scope: Scope): string | undefined {
    if (scope.cwd === null) return undefined;
    if (this.read(`${workspace}/package.json`, scope) !== undefined) return path.resolve(scope.cwd, workspace);
    let globs: unknown;
    try {
      const root = JSON.parse(this.read('package.json', scope) ?? '{}') as { workspaces?: unknown };
      globs = Array.isArray(root.workspaces)
        ? root.workspaces
        : (root.workspaces as { packages?: unknown } | undefined)?.packages;
    } catch {
      return undefined;
    }
    if (!Array.isArray(globs)) return undefined;
    const short = workspace.replace(/^@[^/]+\//, '');
    for (const g of globs.slice(0, 20)) {
      if (typeof g !== 'string' || !g.endsWith('/*')) continue;
      const candidate = `${g.slice(0, -2)}/${short}`;
      const pkg = this.read(`${candidate}/package.json`, scope);
      if (pkg !== undefined && pkg.includes(`"${workspace}"`)) return path.resolve(scope.cwd, candidate);
    }
    return undefined;
  }

  /** One lifecycle script of the project's package.json, when it has it. */
  private async lifecycle(name: string, script: string, scope: Scope): Promise<void> {
    let body: unknown;
    try {
      body = (JSON.parse(this.read('package.json', scope) ?? '{}') as { scripts?: Record<string, unknown> }).scripts?.[
        script
      ];
    } catch {
      return;
    }
    if (typeof body === 'string') await this.nested(body, scope, `${name} install (${script} script)`);
  }

  /** `npm run NAME ARGS`: the package.json script, or (yarn, pnpm, bun) a binary of that name. */
  private async packageScript(
    name: string,
    args: readonly Arg[],
    cmd: SimpleCommand,
    scope: Scope,
    binFallback: boolean,
  ): Promise<void> {
    let k = 0;
    while (k < args.length && args[k].value?.startsWith('-')) k++;
    const script = args[k];
    if (!script) return;
    if (script.value === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
    const extra = args.slice(k + 1).filter((a, j) => !(j === 0 && a.value === '--'));
    const pkg = this.read('package.json', scope);
    let scripts: Record<string, unknown> | undefined;
    try {
      scripts = pkg ? (JSON.parse(pkg) as { scripts?: Record<string, unknown> }).scripts : undefined;
    } catch {
      scripts = undefined;
    }
    const body = scripts?.[script.value];
    if (typeof body === 'string') {
      // npm (and Yarn 1) also run `preNAME` before and `postNAME` after; pnpm and Bun do not by default.
      // https://docs.npmjs.com/cli/using-npm/scripts#pre--post-scripts
      const hooks = name === 'npm' || name === 'yarn' ? [`pre${script.value}`, `post${script.value}`] : [];
      const pre = hooks.length ? scripts?.[hooks[0]] : undefined;
      if (typeof pre === 'string') await this.nested(pre, scope, `${name} run ${hooks[0]}`);
      await this.nested(`${body} ${rebuild(extra)}`, scope, `${name} run ${script.value}`);
      const post = hooks.length ? scripts?.[hooks[1]] : undefined;
      if (typeof post === 'string') await this.nested(post, scope, `${name} run ${hooks[1]}`);
      return;
    }
    if (binFallback || !scripts) await this.run([script, ...extra], undefined, cmd, scope);
  }

  private async interpreter(
    name: string,
    spec: InterpreterSpec,
    args: readonly Arg[],
    cmd: SimpleCommand,
    scope: Scope,
  ): Promise<void> {
    const display = cmd.text;
    if (name === 'deno') {
      const sub = args.findIndex((a) => a.value === undefined || !a.value.startsWith('-'));
      if (sub < 0) return;
      if (args[sub].value === 'task') return this.denoTask(args.slice(sub + 1), cmd, scope);
      if (args[sub].value === 'eval') {
        const code = args.slice(sub + 1).find((a) => a.value === undefined || !a.value.startsWith('-'));
        if (code?.value === undefined) return code ? this.add(OPAQUE.dynamicCode, display, scope) : undefined;
        return this.code(code.value, name, spec, display, scope, true);
      }
      const file = args
        .slice(sub + (args[sub].value === 'run' ? 1 : 0))
        .find((a) => a.value === undefined || !a.value.startsWith('-'));
      return file ? this.programFile(file, args, name, spec, cmd, scope) : undefined;
    }
    if (spec.fileSubcommands) {
      // `go run main.go`, `dotnet fsi script.fsx`: other subcommands (`go test`, `dotnet build`) run no program file.
      const sub = args.findIndex((a) => a.value === undefined || !a.value.startsWith('-'));
      if (sub < 0) return;
      if (args[sub].value === undefined) return this.add(OPAQUE.dynamicCommand, display, scope);
      if (!spec.fileSubcommands.includes(args[sub].value!)) return;
      const file = args.slice(sub + 1).find((a) => a.value === undefined || !a.value.startsWith('-'));
      return file ? this.programFile(file, args, name, spec, cmd, scope) : undefined;
    }
    let k = 0;
    let sawScript = false;
    for (; k < args.length; k++) {
      const a = args[k];
      const v = a.value;
      if (v === undefined) break;
      if (v === '--') {
        k++;
        break;
      }
      if (v === '-') return this.interpreterStdin(name, spec, cmd, scope);
      // `node --check x.js` (`-c`) only checks the syntax (https://nodejs.org/api/cli.html#-c---check).
      if ((name === 'node' || name === 'nodejs') && (v === '--check' || v === '-c')) return;
      const eq = v.startsWith('--') ? v.indexOf('=') : -1;
      const opt = eq > 0 ? v.slice(0, eq) : v;
      if (
        spec.code.includes(opt) ||
        (spec.clusterCode &&
          /^-[A-Za-z]+$/.test(v) &&
          v.length > 2 &&
          spec.clusterCode.includes(v[v.length - 1]) &&
          !spec.value?.includes(v.slice(0, 2)))
      ) {
        const code = eq > 0 ? { value: v.slice(eq + 1), text: v } : args[k + 1];
        if (!code) return;
        if (SED_NAMES.has(name)) {
          // sed runs every `-e` script, in order, and then the first operand is a file, not a script.
          sawScript = true;
          if (eq < 0) k++;
          if (code.value !== undefined) await this.code(code.value, name, spec, display, scope, true);
          else if (!isComputedSubstitutionOnly(code.text)) return this.add(OPAQUE.dynamicCode, display, scope);
          continue;
        }
        if (code.value === undefined) return this.add(OPAQUE.dynamicCode, display, scope);
        if (/encodedcommand|^-ec$/i.test(opt))
          return this.add(
            { ...OPAQUE.inlineCode, why: 'runs an encoded (base64) PowerShell command, which Deadbolt cannot read.' },
            display,
            scope,
          );
        return this.code(code.value, name, spec, display, scope, true);
      }
      if (spec.clusterCode && /^-[A-Za-z]/.test(v) && spec.code.includes(v.slice(0, 2)) && v.length > 2) {
        // `python -c'code'`, `perl -e'…'`: the code attached to the option.
        return this.code(v.slice(2), name, spec, display, scope, true);
      }
      if (spec.module?.includes(v)) {
        const mod = args[k + 1]?.value;
        if (mod === undefined) return args[k + 1] ? this.add(OPAQUE.dynamicCode, display, scope) : undefined;
        // `python -m awscli`: the AWS CLI itself; `python -m gslib` (or `gsutil`): gsutil, whose entry point is
        // `gslib.__main__:main` (https://github.com/GoogleCloudPlatform/gsutil/blob/master/setup.py).
        if (mod === 'awscli' || mod === 'gslib' || mod === 'gsutil') {
          const tool = mod === 'awscli' ? 'aws' : 'gsutil';
          await this.run([{ value: tool, text: tool }, ...args.slice(k + 2)], undefined, cmd, scope);
        }
        // `python -m scripts.cleanup`: the project's own module, `scripts/cleanup.py` or `scripts/cleanup/__main__.py`.
        else if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,8}$/.test(mod)) {
          const base = mod.split('.').join('/');
          for (const file of [`${base}.py`, `${base}/__main__.py`]) {
            const text = this.read(file, scope);
            if (text === undefined || hasNul(text)) continue;
            return this.code(text, name, spec, display, scope, false, file);
          }
        }
        return;
      }
      if (spec.programFile?.includes(opt)) {
        const file = eq > 0 ? { value: v.slice(eq + 1), text: v } : args[k + 1];
        if (file) return this.programFile(file, args, name, spec, cmd, scope);
        return;
      }
      if (eq < 0 && spec.value?.includes(v)) k++;
      if (v.startsWith('-')) continue;
      break;
    }
    const rest = args.slice(k);
    if (sawScript) return;
    if (spec.programArgument) {
      const program = rest[0];
      if (!program) return;
      if (program.value === undefined) {
        if (SED_NAMES.has(name) && isComputedSubstitutionOnly(program.text)) return;
        return this.add(OPAQUE.dynamicCode, display, scope);
      }
      return this.code(program.value, name, spec, display, scope, true);
    }
    if (rest.length === 0) return this.interpreterStdin(name, spec, cmd, scope);
    return this.programFile(rest[0], rest, name, spec, cmd, scope);
  }

  /** `deno task NAME`: a task of deno.json(c), or a package.json script (https://docs.deno.com/runtime/reference/cli/task/). */
  private async denoTask(args: readonly Arg[], cmd: SimpleCommand, scope: Scope): Promise<void> {
    let k = 0;
    while (k < args.length && args[k].value?.startsWith('-'))
      k += ['--config', '-c', '--cwd', '-f', '--filter'].includes(args[k].value!) ? 2 : 1;
    const task = args[k];
    if (!task) return;
    if (task.value === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
    for (const file of ['deno.json', 'deno.jsonc']) {
      const text = this.read(file, scope);
      if (text === undefined) continue;
      let tasks: Record<string, unknown> | undefined;
      try {
        // deno.jsonc may hold comments: drop whole-line ones before parsing.
        tasks = (JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { tasks?: Record<string, unknown> }).tasks;
      } catch {
        return this.add(
          {
            ...OPAQUE.unreadableScript,
            why: `runs the task \`${task.value}\` of ${file}, which Deadbolt cannot read.`,
          },
          cmd.text,
          scope,
        );
      }
      const body = tasks?.[task.value];
      const command =
        typeof body === 'string'
          ? body
          : typeof (body as { command?: unknown } | undefined)?.command === 'string'
            ? (body as { command: string }).command
            : undefined;
      if (command !== undefined)
        return this.nested(`${command} ${rebuild(args.slice(k + 1))}`, scope, `deno task ${task.value}`);
      if (body !== undefined) return;
    }
    return this.packageScript('deno', args.slice(k), cmd, { ...scope, via: [...scope.via, 'deno task'] }, false);
  }

  private async interpreterStdin(name: string, spec: InterpreterSpec, cmd: SimpleCommand, scope: Scope): Promise<void> {
    const text = this.stdinText(cmd, scope);
    if (text === undefined) return;
    if (text === null) return this.add(OPAQUE.shellFromPipe, cmd.text, scope);
    await this.code(text, name, spec, cmd.text, scope, true);
  }

  /** `python deploy.py ARGS`, `node node_modules/.bin/cdk destroy`. */
  private async programFile(
    file: Arg,
    args: readonly Arg[],
    name: string,
    spec: InterpreterSpec,
    cmd: SimpleCommand,
    scope: Scope,
  ): Promise<void> {
    if (file.value === undefined) return this.add(OPAQUE.dynamicCommand, cmd.text, scope);
    const base = basenameOf(file.value).replace(/\.(c|m)?js$|\.py$/, '');
    const fileAt = args.indexOf(file);
    // The Google Cloud SDK's `bin/gcloud`, `bin/bq` and `bin/gsutil` are shell launchers of `lib/gcloud.py`,
    // `platform/bq/bq.py` and `platform/gsutil/gsutil.py`: running the script runs the client.
    if (
      (GUARDED_TOOLS as readonly string[]).includes(base) ||
      base === 'aws-cdk' ||
      base === 'pulumi' ||
      (/\.py$/.test(file.value) && GOOGLE_CLOUD_SCRIPTS.has(base))
    ) {
      // An interpreter running a guarded tool's own entry point.
      await this.run(
        [{ value: PACKAGE_BINARIES[base] ?? base, text: file.text }, ...args.slice(fileAt + 1)],
        undefined,
        cmd,
        scope,
      );
      return;
    }
    const program = languageOf(name) === 'javascript' ? this.nodeProgram(file.value, scope) : file.value;
    const text = this.read(program, scope);
    if (text === undefined && this.lineWrote(program, scope)) return this.add(RUNS_WRITTEN_FILE, cmd.text, scope);
    if (text === undefined || hasNul(text)) return;
    // The program's own arguments: a program that runs them (`subprocess.run(sys.argv[1:])`) runs what they say.
    const programArgs = args.slice(fileAt + 1).map((a) => a.value ?? null);
    await this.code(text, name, spec, cmd.text, scope, false, program, programArgs);
  }

  /**
   * The file Node.js (or tsx, Bun) runs for a path without an extension or a directory: `node .` (package.json's
   * `main`, else index.js), `node scripts/cleanup` (`.js`, `.mjs`, `.cjs`, `.ts`, then `/index.js`)
   * (https://nodejs.org/api/modules.html#all-together). The path itself when it reads as written.
   */
  private nodeProgram(file: string, scope: Scope): string {
    if (this.read(file, scope) !== undefined) return file;
    const dir = file.replace(/\/+$/, '') || '.';
    let main: string | undefined;
    try {
      const pkg = this.read(`${dir}/package.json`, scope);
      const value = pkg === undefined ? undefined : (JSON.parse(pkg) as { main?: unknown }).main;
      main = typeof value === 'string' ? path.posix.join(dir, value) : undefined;
    } catch {
      main = undefined;
    }
    const candidates = [
      ...(main ? [main, ...['.js', '.mjs', '.cjs', '.ts', '/index.js'].map((e) => `${main}${e}`)] : []),
      ...['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].map((e) => `${file}${e}`),
      ...['index.js', 'index.mjs', 'index.cjs', 'index.ts'].map((e) => `${dir}/${e}`),
    ];
    return candidates.find((c) => this.read(c, scope) !== undefined) ?? file;
  }

  /**
   * What a code reader found in a program: processes it starts and cloud calls
   * it makes are analysed as the command lines they amount to; computed ones
   * get "ask" when the program mentions a guarded tool (or, inline, hides its
   * strings), and always when they are tied to a cloud delete.
   */
  private async programEffects(
    reading: Reading,
    name: string,
    spec: InterpreterSpec,
    display: string,
    scope: Scope,
    inline: boolean,
    file?: string,
  ): Promise<void> {
    // Inline code that starts a process it computes could run anything: ask. A program file only when it names a guarded tool.
    const mentions = reading.mentions || inline;
    const via = [...scope.via, file ? `${name} ${file}` : `${name} code`];
    const opaque = new Set(Object.values(OPAQUE).map((v) => v.why));
    const unreadable: Verdict = {
      decision: 'ask',
      why: reading.mentions
        ? 'starts a process or evaluates code computed when the program runs, and the program mentions an infrastructure tool.'
        : 'starts a process or evaluates code computed when the program runs, so Deadbolt cannot tell what it runs.',
      instead: OPAQUE.inlineCode.instead,
    };
    for (const effect of reading.effects) {
      if (effect.kind === 'opaque') {
        if (effect.guarded || mentions)
          this.findings.push({
            decision: 'ask',
            command: display,
            via,
            why: `runs \`${effect.at}\`, which ${effect.why}`,
            instead: OPAQUE.inlineCode.instead,
          });
        continue;
      }
      if (effect.kind === 'eval') {
        if (effect.code === null) {
          if (mentions)
            this.findings.push({
              decision: 'ask',
              command: display,
              via,
              why: `runs \`${effect.at}\`, which ${unreadable.why}`,
              instead: unreadable.instead,
            });
        } else {
          await this.code(effect.code, name, spec, display, { ...scope, depth: scope.depth + 1 }, true);
        }
        continue;
      }
      const text =
        effect.kind === 'shell'
          ? effect.code
          : rebuild(effect.argv.map((v) => (v === null ? { text: '<computed>' } : { value: v, text: v })));
      if (text === null) {
        if (mentions)
          this.findings.push({
            decision: 'ask',
            command: display,
            via,
            why: `runs \`${effect.at}\`, which ${unreadable.why}`,
            instead: unreadable.instead,
          });
        continue;
      }
      const probe = new Analyser(this.options);
      await probe.nested(text, { ...scope, via: [], depth: scope.depth + 1 }, undefined);
      for (const f of probe.findings) {
        // A computed part Deadbolt cannot see: worth a question only when the program mentions a guarded tool.
        if (
          f.decision === 'ask' &&
          !mentions &&
          (opaque.has(f.why) || f.why.startsWith(OPAQUE.incomplete.why.replace(/\.$/, '')))
        )
          continue;
        const shown = text.replace(/"\$__DEADBOLT_UNKNOWN"/g, '<computed>').slice(0, 160);
        const same =
          effect.kind === 'api' ? ` (the same as \`${shown}\`)` : text === effect.at ? '' : ` (\`${shown}\`)`;
        this.findings.push({
          decision: f.decision,
          command: display,
          via,
          why: `runs \`${effect.at}\`${same}, which ${f.why.replace(/^(it )?/, '')}`,
          instead: f.instead,
        });
      }
    }
    if (reading.incomplete && mentions && !this.findings.some((f) => f.command === display)) {
      this.findings.push({
        decision: 'ask',
        command: display,
        via,
        why: `could not be read to the end (${reading.incomplete}), and it mentions an infrastructure tool.`,
        instead: OPAQUE.inlineCode.instead,
      });
    }
  }

  /**
   * Program text (inline or from a file). String literals that are shell
   * commands run by a process-starting call are analysed as such; inline code
   * that mentions a guarded tool, or starts processes from decoded strings,
   * gets "ask"; a file gets "ask" only when it starts processes and mentions a
   * guarded tool.
   */
  private async code(
    code: string,
    name: string,
    spec: InterpreterSpec,
    display: string,
    scope: Scope,
    inline: boolean,
    file?: string,
    programArgs?: readonly (string | null)[],
  ): Promise<void> {
    const language = languageOf(name);
    if (language && scope.depth <= MAX_DEPTH) {
      // Python and JavaScript/TypeScript: read the program for what it runs (`code/`).
      const { readProgram } = await import('./code/read-program');
      const reading = await readProgram(code, language, name, file, programArgs);
      if (reading) {
        await this.programEffects(reading, name, spec, display, scope, inline, file);
        if (!reading.incomplete) return;
      }
    }
    const execPattern = spec.backticksExecute ? new RegExp(`${EXEC_PRIMITIVE.source}|\``) : EXEC_PRIMITIVE;
    // awk starts a process only through `system()`, a pipe to or from a command (`print | "sh"`, `"cmd" | getline`,
    // gawk's `|&`) or a loaded extension; code without one of those only prints, however it names a tool.
    const awk = AWK_NAMES.has(name);
    const starts = awk ? AWK_STARTS_PROCESS.test(code) : execPattern.test(code);
    const mentions = mentionsGuardedTool(code);
    if (awk && !starts) return;
    if (starts && mentions) {
      const literals = stringLiterals(code).filter((l) => l.length < 4000);
      const candidates = literals.filter(mentionsGuardedTool);
      if (literals.length > 1 && literals.length < 50) candidates.push(literals.join(' '));
      for (const c of candidates) {
        const probe = new Analyser(this.options);
        await probe.nested(c, { ...scope, via: [] }, undefined);
        const deny = probe.findings.find((f) => f.decision === 'deny');
        if (deny) {
          this.findings.push({
            decision: 'deny',
            command: display,
            via: [...scope.via, `${name} code`],
            why: `runs \`${c.slice(0, 120)}\`, which ${deny.why}`,
            instead: deny.instead,
          });
          return;
        }
      }
    }
    if (inline && mentions) return this.add(OPAQUE.inlineCode, display, scope);
    if (inline && starts && OBFUSCATION.test(code)) return this.add(OPAQUE.inlineCode, display, scope);
    if (!inline && starts && mentions) return this.add(OPAQUE.inlineCode, display, scope);
    // sed's `e` command and `s///e` run the pattern space as a shell command.
    if ((name === 'sed' || name === 'gsed') && mentions) return this.add(OPAQUE.inlineCode, display, scope);
  }
}
