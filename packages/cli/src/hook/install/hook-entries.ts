/**
 * Where a hook command sits in an agent's JSON settings, as data, and the two
 * operations `install` and `doctor` need on it: put Deadbolt's command there
 * (keeping every other entry) and find the Deadbolt commands already there.
 *
 * Three shapes cover the agents that take JSON:
 * - `matcher-group`: `{ "<Event>": [{ "matcher": "…", "hooks": [{ "type": "command", "command": "…" }] }] }`
 *   (Claude Code, Codex, Gemini CLI, Continue);
 * - `flat`: `{ "<event>": [{ "command": "…", … }] }` (Cursor, Windsurf, Copilot with `bash`, Kiro);
 * - `rule`: Amp's ordered `amp.permissions` list, where the first matching rule wins.
 */
import { arrayAt, ConfigFileError, objectAt } from './config-file';

export interface HookPlacement {
  readonly shape: 'matcher-group' | 'flat' | 'rule';
  /** Keys from the top of the file to the array of entries (`['hooks', 'PreToolUse']`). */
  readonly path: readonly string[];
  /** The tool matcher (`matcher-group`, and `flat` entries that take one). */
  readonly matcher?: string;
  /** The field holding the command: `command`, Copilot's `bash`, Amp's `to`. */
  readonly commandKey: string;
  /** Other fields of Deadbolt's entry (`type`, `timeout`, `failClosed`, Amp's `tool` and `action`). */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** True for a command that runs Deadbolt's guard: the guard script, or `deadbolt hook …` itself. */
export function isDeadboltCommand(command: unknown): boolean {
  return (
    typeof command === 'string' &&
    /(\.deadbolt\/hooks\/|\.clinerules\/hooks\/PreToolUse|\bdeadbolt(\.js)?["']?\s+hook\s)/.test(command)
  );
}

/** An old `npx deadbolt hook …` command: it fails open when the package is missing, so install replaces it. */
export function isFailOpenDeadboltCommand(command: string): boolean {
  return /\bnpx\s+(-y\s+|--yes\s+)?deadbolt\b/.test(command);
}

/** Deadbolt's entry for one placement. */
export function deadboltEntry(placement: HookPlacement, command: string): Record<string, unknown> {
  if (placement.shape === 'matcher-group') {
    return { matcher: placement.matcher, hooks: [{ ...placement.fields, [placement.commandKey]: command }] };
  }
  const entry: Record<string, unknown> = { ...placement.fields, [placement.commandKey]: command };
  if (placement.matcher !== undefined) return { matcher: placement.matcher, ...entry };
  return entry;
}

/** The array of entries at the placement's path, creating the objects on the way. */
function entriesAt(
  settings: Record<string, unknown>,
  placement: HookPlacement,
  where: string,
): { parent: Record<string, unknown>; key: string; entries: unknown[] } {
  let parent = settings;
  for (const key of placement.path.slice(0, -1)) {
    const child = objectAt(parent, key, where);
    parent[key] = child;
    parent = child;
  }
  const key = placement.path[placement.path.length - 1];
  return { parent, key, entries: arrayAt(parent, key, where) };
}

interface Found {
  /** The object holding the command. */
  readonly holder: Record<string, unknown>;
  readonly command: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when a `flat` or `rule` entry is for the placement's tools: a flat
 * entry's matcher and a rule's `tool` are part of what it is (Kiro gets one
 * entry per tool name, Amp one rule per tool).
 */
function sameTool(entry: Record<string, unknown>, placement: HookPlacement): boolean {
  if (placement.shape === 'rule') return entry.tool === placement.fields.tool;
  return placement.matcher === undefined || entry.matcher === placement.matcher;
}

/** Deadbolt commands in a list of entries, with the objects holding them. */
function findIn(entries: readonly unknown[], placement: HookPlacement): Found[] {
  const found: Found[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    if (placement.shape === 'matcher-group') {
      if (!Array.isArray(entry.hooks)) continue;
      for (const handler of entry.hooks) {
        if (
          isObject(handler) &&
          typeof handler[placement.commandKey] === 'string' &&
          isDeadboltCommand(handler[placement.commandKey])
        )
          found.push({ holder: handler, command: handler[placement.commandKey] as string });
      }
    } else if (!sameTool(entry, placement)) {
      continue;
    } else if (typeof entry[placement.commandKey] === 'string' && isDeadboltCommand(entry[placement.commandKey])) {
      found.push({ holder: entry, command: entry[placement.commandKey] as string });
    }
  }
  return found;
}

/** The Deadbolt commands a settings object holds at a placement (for `doctor`); a shape it cannot read holds none. */
export function deadboltCommandsAt(settings: Record<string, unknown>, placement: HookPlacement): string[] {
  let node: unknown = settings;
  for (const key of placement.path) {
    if (!isObject(node)) return [];
    node = node[key];
  }
  return Array.isArray(node) ? findIn(node, placement).map((f) => f.command) : [];
}

/**
 * Puts Deadbolt's command at a placement, in place. Returns `false` when the
 * settings already run it. A Deadbolt command already there is kept unless
 * `replace` says it must go (the old fail-open `npx` form, or another command
 * the user asked for with `--command`); it is then rewritten where it stands.
 * Throws `ConfigFileError` for a shape it will not rewrite.
 */
export function placeDeadboltCommand(
  settings: Record<string, unknown>,
  placement: HookPlacement,
  command: string,
  replace: (existing: string) => boolean,
  where: string,
): boolean {
  const { parent, key, entries } = entriesAt(settings, placement, where);
  const found = findIn(entries, placement);
  if (found.some((f) => f.command === command)) return false;
  const stale = found.filter((f) => replace(f.command));
  if (found.length > 0 && stale.length === 0) return false;
  if (stale.length > 0) {
    for (const f of stale) {
      for (const [k, v] of Object.entries(placement.fields)) f.holder[k] = v;
      f.holder[placement.commandKey] = command;
    }
    parent[key] = entries;
    return true;
  }
  // Amp applies the first matching rule: Deadbolt's goes first so that an earlier `allow` cannot skip it.
  parent[key] =
    placement.shape === 'rule'
      ? [deadboltEntry(placement, command), ...entries]
      : [...entries, deadboltEntry(placement, command)];
  return true;
}

/** The block `--print` shows for a list of placements: the part of the file Deadbolt writes. */
export function blockFor(
  placements: readonly HookPlacement[],
  command: string,
  base: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const block: Record<string, unknown> = structuredClone(base) as Record<string, unknown>;
  for (const placement of placements) {
    try {
      placeDeadboltCommand(block, placement, command, () => true, 'the block');
    } catch (e) {
      if (e instanceof ConfigFileError)
        throw new Error(`internal error: the base block does not fit its placements (${e.message})`);
      throw e;
    }
  }
  return block;
}
