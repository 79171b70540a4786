/**
 * A cheap test, run before any parsing, that proves a command line cannot run
 * a guarded tool. It answers "safe" only when the analysis would allow the
 * line anyway (`hook-prefilter.test.ts` checks that property on generated
 * lines), so the parser is not even loaded for `ls -la` or `npm test`.
 *
 * The argument: for a line to run `terraform` (or any guarded tool), the
 * tool's name must either be written in the line, possibly broken up by
 * quotes or backslashes (`te'rr'aform`, `t\erraform`), or be built when the
 * line runs, which takes an expansion (`$…`, backticks, `${…}`, `$'\x74'`), a
 * glob, brace expansion or a tilde, or come from outside the line, which
 * takes a program that runs code it reads (a shell, `eval`, `source`, an
 * interpreter, a wrapper, a package runner, a script file run by path). So
 * the line is safe when, once quotes and backslashes are removed, it contains
 * no guarded tool's name (anywhere, in any case), none of those characters,
 * no `/`, and no word naming such a program.
 */
import { GUARDED_TOOLS } from './knowledge/guarded-tools';
import { isCommandRunningName } from './knowledge/programs';
import { ENVIRONMENT_TOOLS } from './environments/environment-tools';

/** Characters that build or locate a command at run time, or that a path command needs. */
const UNSAFE_CHARACTERS = /[$`*?[\]{}~/]/;

/** Words that name one of the guard's files or directories without a `/` (the line may run inside the directory). */
const GUARD_FILE_WORDS =
  /deadbolt|\.(claude|codex|cursor|gemini|windsurf|clinerules|kiro|continue|amp)\b|opencode|settings|hooks|config\.toml/;

/** Quote removal, generously: every quote and backslash goes, and a backslash-newline joins its lines. */
export function dequote(command: string): string {
  return command.replace(/\\\r?\n/g, '').replace(/['"\\]/g, '');
}

/** True when `command` provably cannot run a guarded tool; false means "analyse it". */
export function cannotRunGuardedTool(command: string): boolean {
  const text = dequote(command);
  if (UNSAFE_CHARACTERS.test(text)) return false;
  const lower = text.toLowerCase();
  for (const tool of GUARDED_TOOLS) if (lower.includes(tool)) return false;
  // A write to the guard's own files (`rm -rf .deadbolt`, `> deadbolt.config.json`) is judged too (`knowledge/guard-files.ts`).
  if (GUARD_FILE_WORDS.test(lower)) return false;
  // `=` too: a value can be a command (`PAGER='kubectl delete ns prod' man ls`, `--command=psql`).
  for (const token of lower.split(/[\s;&|()<>=]+/)) {
    // Windows launchers: `.exe`, and `.cmd` (`gcloud.cmd`, `gsutil.cmd`, `bq.cmd`), as `basenameOf` strips them.
    const name = token.replace(/\.(exe|cmd)$/, '');
    if (token && isCommandRunningName(name)) return false;
    // `kubectl`, `helm`, `gcloud`, `az`: changes under a production marker of deadbolt.config.json ask.
    if (ENVIRONMENT_TOOLS.has(name)) return false;
  }
  return true;
}
