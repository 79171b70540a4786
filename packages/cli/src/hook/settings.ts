/**
 * `deadbolt hook install`: the `.claude/settings.json` block that runs the
 * hook before every Bash tool call, and merging it into an existing file
 * without touching the user's other settings.
 */

export const DEFAULT_HOOK_COMMAND = 'npx deadbolt hook claude-code';

interface HookEntry {
  type?: unknown;
  command?: unknown;
}

interface MatcherEntry {
  matcher?: unknown;
  hooks?: unknown;
}

/** The settings block, as an object. */
export function hookSettings(command = DEFAULT_HOOK_COMMAND): { hooks: { PreToolUse: Array<{ matcher: string; hooks: Array<{ type: string; command: string }> }> } } {
  return { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command }] }] } };
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** True when a hook command already runs Deadbolt's Claude Code hook. */
export function isDeadboltHook(command: unknown): boolean {
  return typeof command === 'string' && /\bdeadbolt(\.js)?["']?\s+hook\s+claude-code\b/.test(command);
}

/**
 * Merges the hook into settings JSON text (`undefined`: no file yet). Returns
 * the new text, or `undefined` when the hook is already there. Throws
 * `SettingsError` for a file it will not overwrite (not JSON, or `hooks` of
 * an unexpected shape).
 */
export function mergeHookSettings(existing: string | undefined, command = DEFAULT_HOOK_COMMAND, file = '.claude/settings.json'): string | undefined {
  let settings: Record<string, unknown> = {};
  if (existing !== undefined && existing.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch (e) {
      throw new SettingsError(`${file} is not valid JSON (${(e as Error).message.split('\n')[0]}); fix it or add the block by hand (\`deadbolt hook install --print\`). It was left unchanged.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new SettingsError(`${file} is not a JSON object; it was left unchanged.`);
    }
    settings = parsed as Record<string, unknown>;
  }
  const hooks = settings.hooks ?? {};
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) {
    throw new SettingsError(`\`hooks\` in ${file} is not an object; it was left unchanged.`);
  }
  const pre = (hooks as Record<string, unknown>).PreToolUse ?? [];
  if (!Array.isArray(pre)) throw new SettingsError(`\`hooks.PreToolUse\` in ${file} is not an array; it was left unchanged.`);
  for (const entry of pre as MatcherEntry[]) {
    if (typeof entry !== 'object' || entry === null || !Array.isArray(entry.hooks)) continue;
    if ((entry.hooks as HookEntry[]).some((h) => typeof h === 'object' && h !== null && isDeadboltHook(h.command))) return undefined;
  }
  const block = hookSettings(command).hooks.PreToolUse[0];
  const merged = { ...settings, hooks: { ...(hooks as Record<string, unknown>), PreToolUse: [...pre, block] } };
  return `${JSON.stringify(merged, null, 2)}\n`;
}
