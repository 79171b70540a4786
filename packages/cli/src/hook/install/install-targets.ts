/**
 * Where and how each agent reads its hook, as data: the file (in the project,
 * and for the user), the shape of Deadbolt's entry in it, and what the agent
 * needs to hear when the guard is missing. Adding an agent is adding an entry.
 *
 * Each entry names the documentation it was checked against (December 2026).
 */
import * as os from 'os';
import * as path from 'path';
import type { AgentName } from '../agents/types';
import type { HookPlacement } from './hook-entries';

export type Scope = 'project' | 'user';

/** Where files go: the project directory, the user's home and the environment (for `CODEX_HOME` and the like). */
export interface InstallDirs {
  readonly root: string;
  readonly home: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** An agent that reads its hooks from a JSON settings file. */
export interface JsonTarget {
  readonly kind: 'json';
  /** Fields a new file starts with (`"version": 1`), also shown by `--print`. */
  readonly base: Readonly<Record<string, unknown>>;
  readonly placements: readonly HookPlacement[];
}

/** An agent that runs an executable file of a fixed name (Cline): the file is the guard script itself. */
export interface ScriptTarget {
  readonly kind: 'script';
}

/** An agent that loads a JavaScript plugin (OpenCode). */
export interface PluginTarget {
  readonly kind: 'plugin';
}

export interface InstallTarget {
  readonly agent: AgentName;
  readonly title: string;
  /** The documentation page of the agent's hook configuration. */
  readonly configDocs: string;
  readonly format: JsonTarget | ScriptTarget | PluginTarget;
  /** The file `install` writes and `doctor` reads. */
  file(scope: Scope, dirs: InstallDirs): string;
  /** What the user still has to do after install, when the agent needs a step of its own. */
  readonly afterInstall?: (scope: Scope) => string;
}

/** `$XDG_CONFIG_HOME`, or `~/.config`. */
function configHome(dirs: InstallDirs): string {
  const xdg = dirs.env.XDG_CONFIG_HOME;
  return xdg && path.isAbsolute(xdg) ? xdg : path.join(dirs.home, '.config');
}

/** An environment variable naming a directory, when it is absolute; otherwise `fallback`. */
function envDir(dirs: InstallDirs, name: string, fallback: string): string {
  const value = dirs.env[name];
  return value && path.isAbsolute(value) ? value : fallback;
}

function scoped(
  project: (root: string) => string,
  user: (dirs: InstallDirs) => string,
): (scope: Scope, dirs: InstallDirs) => string {
  return (scope, dirs) => (scope === 'project' ? project(dirs.root) : user(dirs));
}

/**
 * A hook timeout longer than the guard's own watchdog, so that the guard
 * answers "deny" before the agent gives up on it: most agents run the command
 * when a hook times out.
 */
const HOOK_TIMEOUT_SECONDS = 30;

const claudeLike = (
  event: string,
  matcher: string,
  fields: Record<string, unknown> = { type: 'command' },
): HookPlacement => ({
  shape: 'matcher-group',
  path: ['hooks', event],
  matcher,
  commandKey: 'command',
  fields,
});

export const INSTALL_TARGETS: readonly InstallTarget[] = [
  {
    agent: 'claude-code',
    title: 'Claude Code',
    configDocs: 'https://docs.anthropic.com/en/docs/claude-code/hooks',
    // File writes too: a destroy written into a script the agent then runs is caught before it lands.
    format: { kind: 'json', base: {}, placements: [claudeLike('PreToolUse', 'Bash|Write|Edit|MultiEdit')] },
    file: scoped(
      (root) => path.join(root, '.claude', 'settings.json'),
      (d) => path.join(d.home, '.claude', 'settings.json'),
    ),
  },
  {
    agent: 'codex',
    title: 'Codex CLI',
    configDocs: 'https://developers.openai.com/codex/hooks',
    // hooks.json accepts only `description` and `hooks` at its top level: nothing else is written there.
    format: {
      kind: 'json',
      base: {},
      placements: [claudeLike('PreToolUse', 'Bash|apply_patch', { type: 'command', timeout: HOOK_TIMEOUT_SECONDS })],
    },
    file: scoped(
      (root) => path.join(root, '.codex', 'hooks.json'),
      (d) => path.join(envDir(d, 'CODEX_HOME', path.join(d.home, '.codex')), 'hooks.json'),
    ),
    afterInstall: (scope) =>
      `Codex runs a new hook only after you trust it: open \`/hooks\` in Codex and trust Deadbolt's${scope === 'project' ? ", and trust the project (Codex loads a project's .codex/ only then)" : ''}. Codex before 0.124 also needs \`[features] codex_hooks = true\` in ~/.codex/config.toml.`,
  },
  {
    agent: 'cursor',
    title: 'Cursor',
    configDocs: 'https://cursor.com/docs/agent/hooks',
    format: {
      kind: 'json',
      base: { version: 1 },
      // failClosed: Cursor blocks the call when the hook crashes, times out or answers something unreadable.
      // File edits reach a hook only through `preToolUse` (afterFileEdit cannot block).
      placements: [
        { shape: 'flat', path: ['hooks', 'beforeShellExecution'], commandKey: 'command', fields: { failClosed: true } },
        { shape: 'flat', path: ['hooks', 'beforeMCPExecution'], commandKey: 'command', fields: { failClosed: true } },
        ...['Write', 'StrReplace', 'Edit'].map((matcher): HookPlacement => ({
          shape: 'flat',
          path: ['hooks', 'preToolUse'],
          matcher,
          commandKey: 'command',
          fields: { failClosed: true },
        })),
      ],
    },
    file: scoped(
      (root) => path.join(root, '.cursor', 'hooks.json'),
      (d) => path.join(d.home, '.cursor', 'hooks.json'),
    ),
  },
  {
    agent: 'gemini',
    title: 'Gemini CLI',
    configDocs: 'https://geminicli.com/docs/hooks/reference',
    format: {
      kind: 'json',
      base: {},
      // Gemini CLI's hook timeout is in milliseconds.
      placements: [
        claudeLike('BeforeTool', 'run_shell_command|write_file|replace', {
          type: 'command',
          name: 'deadbolt',
          timeout: HOOK_TIMEOUT_SECONDS * 1000,
        }),
      ],
    },
    file: scoped(
      (root) => path.join(root, '.gemini', 'settings.json'),
      (d) => path.join(d.home, '.gemini', 'settings.json'),
    ),
  },
  {
    agent: 'copilot',
    title: 'GitHub Copilot CLI and cloud agent',
    configDocs: 'https://docs.github.com/en/copilot/reference/hooks-reference',
    format: {
      kind: 'json',
      base: { version: 1 },
      placements: [
        {
          shape: 'flat',
          path: ['hooks', 'preToolUse'],
          commandKey: 'bash',
          fields: { type: 'command', timeoutSec: HOOK_TIMEOUT_SECONDS },
        },
      ],
    },
    file: scoped(
      (root) => path.join(root, '.github', 'hooks', 'deadbolt.json'),
      (d) => path.join(envDir(d, 'COPILOT_HOME', path.join(d.home, '.copilot')), 'hooks', 'deadbolt.json'),
    ),
    afterInstall: (scope) =>
      scope === 'project'
        ? "The Copilot cloud agent reads .github/hooks/ from the default branch, where the guard script of this machine does not exist: it will block every tool call there. Install the hook in the cloud agent's setup steps instead."
        : '',
  },
  {
    agent: 'windsurf',
    title: 'Windsurf (Cascade)',
    configDocs: 'https://docs.windsurf.com/windsurf/cascade/hooks',
    // No matchers: each event's hook sees every action of that event.
    format: {
      kind: 'json',
      base: {},
      placements: ['pre_run_command', 'pre_write_code', 'pre_mcp_tool_use'].map((event): HookPlacement => ({
        shape: 'flat',
        path: ['hooks', event],
        commandKey: 'command',
        fields: { show_output: true },
      })),
    },
    file: scoped(
      (root) => path.join(root, '.windsurf', 'hooks.json'),
      (d) => path.join(d.home, '.codeium', 'windsurf', 'hooks.json'),
    ),
  },
  {
    agent: 'cline',
    title: 'Cline',
    configDocs: 'https://docs.cline.bot/features/hooks/hook-reference',
    format: { kind: 'script' },
    file: scoped(
      (root) => path.join(root, '.clinerules', 'hooks', 'PreToolUse'),
      (d) => path.join(d.home, 'Documents', 'Cline', 'Hooks', 'PreToolUse'),
    ),
    afterInstall: () => 'Cline runs hooks only when they are turned on in its settings (Settings, Features, Hooks).',
  },
  {
    agent: 'kiro',
    title: 'Kiro CLI',
    configDocs: 'https://kiro.dev/docs/cli/hooks',
    format: {
      kind: 'json',
      // Kiro runs the hooks of the agent in use: a `deadbolt` agent with every tool, which the user makes the default.
      base: {
        name: 'deadbolt',
        description: "Kiro's tools, with Deadbolt checking every shell command and file write before it runs.",
        tools: ['*'],
      },
      placements: ['execute_bash', 'shell', 'fs_write', 'write'].map((matcher): HookPlacement => ({
        shape: 'flat',
        path: ['hooks', 'preToolUse'],
        matcher,
        commandKey: 'command',
        fields: { timeout_ms: HOOK_TIMEOUT_SECONDS * 1000 },
      })),
    },
    file: scoped(
      (root) => path.join(root, '.kiro', 'agents', 'deadbolt.json'),
      (d) => path.join(d.home, '.kiro', 'agents', 'deadbolt.json'),
    ),
    afterInstall: () =>
      'Kiro runs the hooks of the agent in use: start it with `kiro-cli chat --agent deadbolt`, or make it the default with `kiro-cli agent set-default deadbolt`. To guard an agent of your own, copy its `hooks` block (`npx deadbolt hook install --agent kiro --print`).',
  },
  {
    agent: 'continue',
    title: 'Continue CLI',
    configDocs: 'https://github.com/continuedev/continue/blob/main/extensions/cli/src/hooks/hookConfig.ts',
    format: { kind: 'json', base: {}, placements: [claudeLike('PreToolUse', 'Bash|Write|Edit|MultiEdit')] },
    file: scoped(
      (root) => path.join(root, '.continue', 'settings.json'),
      (d) => path.join(envDir(d, 'CONTINUE_GLOBAL_DIR', path.join(d.home, '.continue')), 'settings.json'),
    ),
  },
  {
    agent: 'amp',
    title: 'Amp',
    configDocs: 'https://ampcode.com/manual/appendix#permissions-configuration',
    format: {
      kind: 'json',
      base: {},
      placements: ['Bash', 'edit_file', 'create_file'].map((tool): HookPlacement => ({
        shape: 'rule',
        path: ['amp.permissions'],
        commandKey: 'to',
        fields: { tool, action: 'delegate' },
      })),
    },
    file: scoped(
      (root) => path.join(root, '.amp', 'settings.json'),
      (d) => path.join(configHome(d), 'amp', 'settings.json'),
    ),
    afterInstall: () =>
      "Amp applies the first matching permission rule, so Deadbolt's rules come first, and a command Deadbolt does not object to is allowed without asking: to keep a rule of yours that asks or rejects, move it above Deadbolt's in amp.permissions.",
  },
  {
    agent: 'opencode',
    title: 'OpenCode',
    configDocs: 'https://opencode.ai/docs/plugins',
    format: { kind: 'plugin' },
    file: scoped(
      (root) => path.join(root, '.opencode', 'plugins', 'deadbolt.js'),
      (d) => path.join(configHome(d), 'opencode', 'plugins', 'deadbolt.js'),
    ),
  },
];

/** The install target of an agent. */
export function installTarget(agent: string): InstallTarget | undefined {
  return INSTALL_TARGETS.find((t) => t.agent === agent);
}

/** Where the guard scripts live: `.deadbolt/hooks/` in the project, or in the user's home for `--user`. */
export function guardScriptPath(agent: AgentName, scope: Scope, dirs: InstallDirs): string {
  return path.join(scope === 'project' ? dirs.root : dirs.home, '.deadbolt', 'hooks', `${agent}.sh`);
}

/** The home directory: `$HOME` when set (tests point it at a temporary directory), else the system's. */
export function homeDirectory(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.HOME;
  return home && path.isAbsolute(home) ? home : os.homedir();
}
