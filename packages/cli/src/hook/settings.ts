/**
 * Kept for the code that imports it from here: the Claude Code settings block
 * now lives with the rest of `deadbolt hook install` in `install/`.
 */
export { DEFAULT_HOOK_COMMAND, hookSettings, type ClaudeHookSettings } from './install/claude-settings';
export { isDeadboltCommand as isDeadboltHook } from './install/hook-entries';
