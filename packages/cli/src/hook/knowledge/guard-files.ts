/**
 * The files that make up the guard itself: Deadbolt's guard scripts and
 * production markers, and each agent's hook configuration. An agent that
 * rewrites one of them switches the guard off (or points it elsewhere) for
 * every later command, so a write to one is a person's decision.
 *
 * The agents' files come from the install targets (the same data `deadbolt hook
 * install` writes and `doctor` reads), matched by path suffix in any directory:
 * a project can sit anywhere, and `HOME`, `XDG_CONFIG_HOME` or `CODEX_HOME` can
 * differ between the agent and the hook.
 */
import * as path from 'path';
import { INSTALL_TARGETS, homeDirectory, type InstallDirs, type InstallTarget } from '../install/install-targets';

/** A path suffix, segment by segment; `*` is any one segment, `*.json` any one segment ending in `.json`. */
interface GuardPattern {
  readonly suffix: readonly string[];
  readonly role: string;
}

/** Longer paths than any file system allows are not paths: nothing to match. */
const MAX_PATH = 8192;

/**
 * Agents that load every file of their hook directory, not only the one
 * Deadbolt installs: another file there runs (or replaces) a hook just as well.
 * Copilot reads every `.github/hooks/*.json`, Kiro every agent in `agents/`,
 * Cline every script in its hooks directory, OpenCode every plugin.
 */
const READS_WHOLE_DIRECTORY = new Set(['copilot', 'kiro', 'cline', 'opencode']);

/** Guard files no install target names: other settings that turn hooks off, and Deadbolt's own. */
const EXTRA_PATTERNS: readonly GuardPattern[] = [
  // Claude Code merges the local settings over the project's: a `hooks` or `disableAllHooks` there wins.
  { suffix: ['.claude', 'settings.local.json'], role: "Claude Code's local hook settings" },
  // Codex turns hooks on and off (`[features] codex_hooks`) in its config.
  { suffix: ['.codex', 'config.toml'], role: "Codex CLI's configuration (which turns its hooks on)" },
  // OpenCode also reads the singular directory name.
  { suffix: ['.opencode', 'plugin', '*'], role: "OpenCode's plugins (where Deadbolt's hook runs)" },
  { suffix: ['opencode', 'plugin', '*'], role: "OpenCode's plugins (where Deadbolt's hook runs)" },
  { suffix: ['deadbolt.config.json'], role: "Deadbolt's production markers" },
];

const SENTINEL_ROOT = '/deadbolt-project-root';
const SENTINEL_HOME = '/deadbolt-home';

function roleOf(target: InstallTarget): string {
  switch (target.format.kind) {
    case 'script':
      return `${target.title}'s hook script`;
    case 'plugin':
      return `${target.title}'s plugins (where Deadbolt's hook runs)`;
    default:
      return `${target.title}'s hook settings`;
  }
}

/** The suffix of an installed file below its root, widened to the directory for agents that read all of it. */
function suffixOf(file: string, base: string, target: InstallTarget): string[] {
  const segments = path.posix.relative(base, file).split('/');
  if (READS_WHOLE_DIRECTORY.has(target.agent)) {
    const ext = path.posix.extname(segments[segments.length - 1]);
    segments[segments.length - 1] = ext === '.json' ? '*.json' : '*';
  }
  return segments;
}

let cachedPatterns: readonly GuardPattern[] | undefined;

function patterns(): readonly GuardPattern[] {
  if (cachedPatterns) return cachedPatterns;
  // With no environment, each target names its default place: `~/.config/amp`, `~/.codex`, `~/.copilot`.
  const dirs: InstallDirs = { root: SENTINEL_ROOT, home: SENTINEL_HOME, env: {} };
  const out: GuardPattern[] = [];
  for (const target of INSTALL_TARGETS) {
    const role = roleOf(target);
    out.push({ suffix: suffixOf(target.file('project', dirs), SENTINEL_ROOT, target), role });
    out.push({ suffix: suffixOf(target.file('user', dirs), SENTINEL_HOME, target), role });
  }
  cachedPatterns = [...out, ...EXTRA_PATTERNS];
  return cachedPatterns;
}

/** Where this machine's agents keep their user-level files when the environment moves them (`CODEX_HOME`, `XDG_CONFIG_HOME`). */
function userFiles(): ReadonlyMap<string, string> {
  const env = process.env;
  const dirs: InstallDirs = { root: SENTINEL_ROOT, home: homeDirectory(env), env };
  const out = new Map<string, string>();
  for (const target of INSTALL_TARGETS) out.set(path.resolve(target.file('user', dirs)), roleOf(target));
  return out;
}

function segmentMatches(pattern: string, segment: string): boolean {
  if (pattern === '*') return segment.length > 0;
  if (pattern === '*.json') return segment.length > '.json'.length && segment.endsWith('.json');
  return pattern === segment;
}

function suffixMatches(suffix: readonly string[], segments: readonly string[]): boolean {
  if (suffix.length > segments.length) return false;
  const offset = segments.length - suffix.length;
  return suffix.every((p, k) => segmentMatches(p, segments[offset + k]));
}

/**
 * What the file at `absPath` is to the guard ("Claude Code's hook settings",
 * "Deadbolt's guard scripts", "Deadbolt's production markers"), or undefined
 * when it is an ordinary file. A relative path is taken from `cwd`.
 */
export function guardFileRole(absPath: string, cwd?: string): string | undefined {
  if (!absPath || absPath.length > MAX_PATH) return undefined;
  const resolved = path.resolve(cwd ?? process.cwd(), absPath);
  const segments = resolved
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s.length > 0);
  // Everything under `.deadbolt/` is Deadbolt's: the guard scripts the agents run, and anything they may read later.
  if (segments.slice(0, -1).includes('.deadbolt')) return "Deadbolt's guard scripts";
  for (const p of patterns()) if (suffixMatches(p.suffix, segments)) return p.role;
  return userFiles().get(resolved);
}
