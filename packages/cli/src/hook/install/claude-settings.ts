/**
 * The Claude Code settings block, as an object: the block `deadbolt hook
 * install --print` shows for Claude Code, built from the same placement the
 * install writes.
 */
import { blockFor } from './hook-entries';
import { installTarget } from './install-targets';

/**
 * The command older releases wrote. It fails open (npx exits 1 when the
 * package is missing, and Claude Code runs the command anyway) and names an
 * unscoped package: `deadbolt hook install` now writes the guard script instead
 * and replaces this command where it finds it.
 */
export const DEFAULT_HOOK_COMMAND = 'npx deadbolt hook claude-code';

export interface ClaudeHookSettings {
  hooks: { PreToolUse: Array<{ matcher: string; hooks: Array<{ type: string; command: string }> }> };
}

/** The settings block that runs `command` before every Bash tool call. */
export function hookSettings(command = DEFAULT_HOOK_COMMAND): ClaudeHookSettings {
  const target = installTarget('claude-code')!;
  if (target.format.kind !== 'json') throw new Error('internal error: Claude Code reads JSON settings');
  return blockFor(target.format.placements, command, target.format.base) as unknown as ClaudeHookSettings;
}
