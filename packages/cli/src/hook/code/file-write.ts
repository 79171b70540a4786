/**
 * Judges a file the agent is about to write (a `Write` or `Edit` tool call,
 * with the file's whole new content): "deny" when the file is something that
 * runs (a shell script, a Python or JavaScript/TypeScript program, a
 * Dockerfile's `RUN` lines, a crontab, an `.envrc`) or something an everyday
 * command runs (a Makefile's default goal, a justfile's first recipe, a
 * Taskfile's `default` task, package.json's install, test, build and start
 * scripts), and running it would certainly run a destructive command; "ask"
 * when it may; "allow" otherwise, documentation that only mentions a tool
 * included.
 *
 * The file is judged by analysing the command that would run it (`bash FILE`,
 * `python3 FILE`, `make -f FILE`, `npm run test`) with the new content in place
 * of the file on disk, so a write is read exactly as a later run would be. A
 * target only run by name (`make destroy`, `npm run teardown`) is not judged
 * here: writing one is everyday infrastructure work, and running it goes
 * through the hook, which reads the file then.
 *
 * The guard's own files (an agent's hook settings, Deadbolt's guard scripts,
 * `deadbolt.config.json`: `knowledge/guard-files.ts`) are denied whatever the
 * new content says.
 */
import * as path from 'path';
import { analyseCommand, type AnalyseOptions, type Analysis, type Finding } from '../analyse';
import { guardFileRole } from '../knowledge/guard-files';
import { crontabCommands } from '../knowledge/hosts';

type FileKind =
  | 'shell'
  | 'python'
  | 'javascript'
  | 'package-json'
  | 'make'
  | 'just'
  | 'taskfile'
  | 'dockerfile'
  | 'workflow'
  | 'crontab'
  | 'inert';

/** Larger files are not read by the command analysis either: their run gets "ask" then. */
const MAX_CONTENT = 1024 * 1024;

const SHELL_EXTENSIONS = new Set(['.sh', '.bash', '.zsh', '.ksh', '.ash', '.dash', '.command']);
/** Files a shell runs by itself: direnv's `.envrc` on `cd`, the shells' startup files. */
const SHELL_FILES = new Set([
  '.envrc',
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.profile',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.kshrc',
  '.bash_aliases',
]);
const PYTHON_EXTENSIONS = new Set(['.py', '.pyw']);
const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx']);

/** package.json scripts that everyday commands run (`npm install`, `npm test`, `npm start`, `npm run build`). */
const EVERYDAY_SCRIPTS = [
  'preinstall',
  'install',
  'postinstall',
  'prepare',
  'prepublish',
  'prepack',
  'postpack',
  'test',
  'start',
  'build',
  'dev',
  'lint',
];

function kindOf(file: string, content: string): FileKind {
  const lower = path.basename(file).toLowerCase();
  const ext = path.extname(lower);
  const posix = file.replace(/\\/g, '/');
  const shebang = /^#!([^\n]*)/.exec(content)?.[1] ?? '';
  if (shebang) {
    if (/\b(ba|z|k|da|a|mk)?sh\b/.test(shebang) && !/\b(python|node|deno|bun|tsx|ts-node)\b/.test(shebang))
      return 'shell';
    if (/\b(python|pypy)[0-9.]*\b/.test(shebang)) return 'python';
    if (/\b(node|nodejs|bun|deno|tsx|ts-node|zx)\b/.test(shebang)) return 'javascript';
  }
  if (lower === 'package.json') return 'package-json';
  if (lower === 'makefile' || lower === 'gnumakefile' || ext === '.mk') return 'make';
  if (lower === 'justfile' || lower === '.justfile') return 'just';
  if (/^taskfile(\.dist)?\.ya?ml$/.test(lower)) return 'taskfile';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || ext === '.dockerfile' || lower === 'containerfile')
    return 'dockerfile';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(posix)) return 'workflow';
  if (lower === 'crontab' || /(^|\/)cron\.(d|daily|hourly|weekly|monthly)\//.test(posix) || ext === '.cron')
    return 'crontab';
  if (SHELL_FILES.has(lower) || SHELL_EXTENSIONS.has(ext)) return 'shell';
  if (PYTHON_EXTENSIONS.has(ext)) return 'python';
  if (JS_EXTENSIONS.has(ext)) return 'javascript';
  // Prose, data, markup and configuration: nothing runs them, whatever they mention.
  return 'inert';
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Shell text a Dockerfile's `RUN` lines run (`docker build`). */
function runLines(content: string): string[] {
  const out: string[] = [];
  for (const line of content
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .slice(0, 20_000)) {
    const m = /^\s*RUN\s+(?:--\S+\s+)*(.*)$/i.exec(line);
    if (m) out.push(m[1].startsWith('[') ? execForm(m[1]) : m[1]);
  }
  return out;
}

/** `RUN ["terraform", "destroy"]`: the exec form as a command line. */
function execForm(text: string): string {
  try {
    const argv = JSON.parse(text) as unknown;
    if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) return argv.map(shellQuote).join(' ');
  } catch {
    // Not JSON: Docker runs it with the shell.
  }
  return text;
}

/** Shell text in a workflow's `run:` steps, read line by line (block scalars included). */
function workflowRuns(content: string): string[] {
  const out: string[] = [];
  const lines = content.split(/\r?\n/).slice(0, 20_000);
  for (let k = 0; k < lines.length; k++) {
    const m = /^(\s*)(?:-\s+)?run\s*:\s*(.*)$/.exec(lines[k]);
    if (!m) continue;
    const indent = m[1].length;
    const value = m[2].trim();
    if (/^[|>][-+0-9]*$/.test(value)) {
      const block: string[] = [];
      while (k + 1 < lines.length && (lines[k + 1].trim() === '' || lines[k + 1].search(/\S/) > indent))
        block.push(lines[++k].trim());
      out.push(block.join('\n'));
    } else if (value && !value.startsWith('#')) {
      out.push(value.replace(/^(['"])(.*)\1$/, '$2'));
    }
  }
  return out;
}

/** The commands whose analysis judges the file. */
function commandsFor(kind: FileKind, absolute: string, content: string): string[] {
  const file = shellQuote(absolute);
  switch (kind) {
    case 'shell':
      return [`bash ${file}`];
    // A later run may pass any arguments: `"$@"` stands for them (a program that runs its arguments asks).
    case 'python':
      return [`python3 ${file} "$@"`];
    case 'javascript':
      return [`node ${file} "$@"`];
    case 'make':
      return [`make -f ${file}`];
    case 'just':
      return [`just -f ${file}`];
    case 'taskfile':
      return [`task -t ${file}`];
    case 'package-json': {
      let scripts: Record<string, unknown> = {};
      try {
        scripts = (JSON.parse(content) as { scripts?: Record<string, unknown> }).scripts ?? {};
      } catch {
        return [];
      }
      return EVERYDAY_SCRIPTS.filter((s) => typeof scripts[s] === 'string').map((s) => `npm run ${s}`);
    }
    case 'dockerfile':
      return runLines(content).slice(0, 2_000);
    case 'crontab':
      return crontabCommands(content).split('\n').filter(Boolean);
    case 'workflow':
      return workflowRuns(content).slice(0, 2_000);
    case 'inert':
      return [];
  }
}

/** The answer for writing `newContent` to `filePath` (relative to `options.cwd`). */
export async function analyseFileWrite(
  filePath: string,
  newContent: string,
  options: AnalyseOptions,
): Promise<Analysis> {
  const cwd = options.cwd ?? path.dirname(path.resolve(filePath));
  const written = path.resolve(cwd, filePath);
  const relative = path.relative(cwd, written);
  const shown = relative && !relative.startsWith('..') ? relative : written;
  const role = guardFileRole(written);
  if (role) return guardFileWrite(shown, role);
  const kind = newContent.length > MAX_CONTENT ? 'inert' : kindOf(written, newContent);
  if (kind === 'inert') return { decision: 'allow', findings: [], reader: 'prefilter' };
  // A program whose name is a guarded tool's (`cdk.js`) would be taken for the tool itself: judge it under a neutral name.
  const base = path
    .basename(written)
    .replace(/\.[^.]*$/, '')
    .toLowerCase();
  const absolute = /^(terraform|tofu|terragrunt|pulumi|cdk|cdktf|aws|sam|serverless|sls|aws-cdk)$/.test(base)
    ? path.join(path.dirname(written), `program${path.extname(written)}`)
    : written;
  const readFile = (file: string): string | undefined =>
    file === absolute || file === written ? newContent : options.readFile?.(file);
  const analyses: Analysis[] = [];
  for (const command of commandsFor(kind, absolute, newContent)) {
    analyses.push(await analyseCommand(command, { ...options, cwd: path.dirname(absolute), readFile, reader: 'auto' }));
  }
  return combine(analyses, shown, kind === 'workflow');
}

/**
 * A write to the guard's own files is denied whatever it says: an agent that
 * can rewrite its hook settings, Deadbolt's guard script or the production
 * markers can switch the check off for every later command, so only a person
 * changes them.
 */
function guardFileWrite(shown: string, role: string): Analysis {
  const finding: Finding = {
    decision: 'deny',
    command: `write ${shown}`,
    via: [],
    why: `it is ${role}: an agent must not edit its own guard, since a change there can turn the check off for every later command.`,
    instead: `a person makes this change: show the user the edit and ask them to apply it (or run \`npx deadbolt hook install\` / \`npx deadbolt hook doctor\` themselves).`,
  };
  const reason = `Deadbolt blocked writing \`${shown}\`: ${finding.why} Instead: ${finding.instead}`;
  return { decision: 'deny', findings: [finding], reason, reader: 'prefilter' };
}

/**
 * One answer for the file: the worst of its parts. A CI workflow runs on
 * another machine after a push a human can review: a certain destroy there
 * asks, and nothing less does.
 */
function combine(analyses: readonly Analysis[], shown: string, workflow: boolean): Analysis {
  let findings: Finding[] = analyses.flatMap((a) => a.findings);
  if (workflow)
    findings = findings.filter((f) => f.decision === 'deny').map((f) => ({ ...f, decision: 'ask' as const }));
  const reader = analyses.some((a) => a.reader === 'parser')
    ? 'parser'
    : analyses.some((a) => a.reader === 'simple')
      ? 'simple'
      : 'prefilter';
  const decision = findings.some((f) => f.decision === 'deny') ? 'deny' : findings.length ? 'ask' : 'allow';
  if (decision === 'allow') return { decision, findings, reader };
  const top = findings.filter((f) => f.decision === decision);
  const f = top[0];
  const command = f.command.length > 200 ? `${f.command.slice(0, 200)}…` : f.command;
  const via = f.via.length
    ? ` (through ${f.via.map((v) => `\`${v.length > 80 ? `${v.slice(0, 80)}…` : v}\``).join(', then ')})`
    : '';
  const head =
    decision === 'deny'
      ? `Deadbolt blocked writing \`${shown}\``
      : `Deadbolt cannot tell whether writing \`${shown}\` is safe`;
  const where = workflow ? 'the workflow runs' : 'running it runs';
  const more =
    top.length > 1
      ? ` (${top.length - 1} more command${top.length > 2 ? 's' : ''} in it ${decision === 'deny' ? 'would be blocked' : 'need a look'} too.)`
      : '';
  const reason = `${head}: ${where} \`${command}\`${via}, which ${f.why.replace(/^(it )?/, '')} Instead: ${f.instead}${more}`;
  return { decision, findings, reason, reader };
}
