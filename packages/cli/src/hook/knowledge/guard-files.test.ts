import { guardFileRole } from './guard-files';

describe('guardFileRole', () => {
  it.each([
    ['/work/app/.claude/settings.json', "Claude Code's hook settings"],
    ['/work/app/.claude/settings.local.json', "Claude Code's local hook settings"],
    ['/work/app/.codex/hooks.json', "Codex CLI's hook settings"],
    ['/work/app/.codex/config.toml', "Codex CLI's configuration (which turns its hooks on)"],
    ['/work/app/.cursor/hooks.json', "Cursor's hook settings"],
    ['/work/app/.gemini/settings.json', "Gemini CLI's hook settings"],
    ['/work/app/.github/hooks/other.json', "GitHub Copilot CLI and cloud agent's hook settings"],
    ['/work/app/.windsurf/hooks.json', "Windsurf (Cascade)'s hook settings"],
    ['/work/app/.clinerules/hooks/PreToolUse', "Cline's hook script"],
    ['/work/app/.kiro/agents/mine.json', "Kiro CLI's hook settings"],
    ['/work/app/.continue/settings.json', "Continue CLI's hook settings"],
    ['/work/app/.amp/settings.json', "Amp's hook settings"],
    ['/work/app/.opencode/plugins/guard.ts', "OpenCode's plugins (where Deadbolt's hook runs)"],
    ['/work/app/.opencode/plugin/guard.js', "OpenCode's plugins (where Deadbolt's hook runs)"],
    ['/work/app/deadbolt.config.json', "Deadbolt's production markers"],
    ['/work/app/.deadbolt/hooks/claude-code.sh', "Deadbolt's guard scripts"],
    ['/home/dev/.deadbolt/hooks/codex.sh', "Deadbolt's guard scripts"],
    ['/home/dev/.codeium/windsurf/hooks.json', "Windsurf (Cascade)'s hook settings"],
    ['/home/dev/.copilot/hooks/deadbolt.json', "GitHub Copilot CLI and cloud agent's hook settings"],
    ['/home/dev/Documents/Cline/Hooks/PreToolUse', "Cline's hook script"],
    ['/home/dev/.config/amp/settings.json', "Amp's hook settings"],
    ['/home/dev/.config/opencode/plugins/deadbolt.js', "OpenCode's plugins (where Deadbolt's hook runs)"],
  ])('%s is %s', (file, role) => {
    expect(guardFileRole(file)).toBe(role);
  });

  it('takes a relative path from the working directory', () => {
    expect(guardFileRole('.claude/settings.json', '/work/app')).toBe("Claude Code's hook settings");
    expect(guardFileRole('../deadbolt.config.json', '/work/app/src')).toBe("Deadbolt's production markers");
  });

  it.each([
    '/work/app/src/settings.json',
    '/work/app/.claude/commands/deploy.md',
    '/work/app/.claude/agents/reviewer.md',
    '/work/app/.github/workflows/ci.yml',
    '/work/app/.github/hooks/README.md',
    '/work/app/config/hooks.json',
    '/work/app/.deadbolt',
    '/work/app/.Claude/settings.json',
    '/work/app/docs/deadbolt.config.json.md',
  ])('%s is an ordinary file', (file) => {
    expect(guardFileRole(file)).toBeUndefined();
  });

  it('answers quickly for absurd paths', () => {
    const start = Date.now();
    expect(guardFileRole(`/${'a/'.repeat(100_000)}x`)).toBeUndefined();
    expect(guardFileRole(`/${'.claude/'.repeat(1000)}settings.json`)).toBe("Claude Code's hook settings");
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
