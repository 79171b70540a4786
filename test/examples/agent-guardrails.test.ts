/**
 * examples/agent-guardrails: runs `try-it.js` as a user would (the built CLI,
 * `npx tsc -b` first): install for Claude Code, Codex, Cursor and Gemini CLI
 * into a scratch project, `deadbolt hook doctor`, then each agent's protocol
 * replayed through the hook command install wrote: a destroy is blocked in
 * the agent's own terms, `ls -la` passes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'agent-guardrails');

test('try-it.js: install, doctor and a blocked destroy for Claude Code, Codex, Cursor and Gemini CLI', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-try-it-'));
  try {
    const r = spawnSync(process.execPath, [path.join(EXAMPLE, 'try-it.js'), '--project', project], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const title of ['Claude Code', 'Codex CLI', 'Cursor', 'Gemini CLI']) {
      expect(r.stdout).toContain(`${title}: protected`);
      expect(r.stdout).toContain(`${title}, \`terraform destroy -auto-approve\`: BLOCKED`);
      expect(r.stdout).toContain(`${title}, \`ls -la\`: passes`);
    }
    // Each in its own protocol.
    expect(r.stdout).toMatch(
      /Claude Code, `terraform destroy -auto-approve`: BLOCKED \(exit 0\)\n {2}stdout: \{"hookSpecificOutput":\{"hookEventName":"PreToolUse","permissionDecision":"deny"/,
    );
    expect(r.stdout).toMatch(
      /Codex CLI, `terraform destroy -auto-approve`: BLOCKED \(exit 2\)\n {2}stderr: Deadbolt blocked this command/,
    );
    expect(r.stdout).toMatch(
      /Cursor, `terraform destroy -auto-approve`: BLOCKED \(exit 0\)\n {2}stdout: \{"permission":"deny"/,
    );
    expect(r.stdout).toMatch(
      /Gemini CLI, `terraform destroy -auto-approve`: BLOCKED \(exit 0\)\n {2}stdout: \{"decision":"deny"/,
    );
    // What install wrote, where the README says.
    for (const file of [
      '.claude/settings.json',
      '.codex/hooks.json',
      '.cursor/hooks.json',
      '.gemini/settings.json',
      '.deadbolt/hooks/claude-code.sh',
    ]) {
      expect(fs.existsSync(path.join(project, file))).toBe(true);
    }
    // The hook runs the guard script by absolute path, never `npx`.
    const command: string = JSON.parse(fs.readFileSync(path.join(project, '.claude', 'settings.json'), 'utf8')).hooks
      .PreToolUse[0].hooks[0].command;
    expect(command.startsWith(`[ -x '${project}/.deadbolt/hooks/claude-code.sh' ] && exec `)).toBe(true);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

test('audit-iam.js: the administrator agent role fails the audit, the guarded one passes, break-glass keeps its rights', () => {
  const r = spawnSync(process.execPath, [path.join(EXAMPLE, 'audit-iam.js')], { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const [, first, second, third] = r.stdout.split(/\n(?=\d\. )/);
  expect(first).toContain('role `ai-agent`');
  expect(first).toContain('CAN DESTROY DATA');
  expect(first).toContain('→ exit 1 (as expected)');
  expect(second).toContain('cannot destroy data');
  expect(second).toMatch(/denied by statement `DeadboltDenyDestroyTagged` of SCP/);
  expect(second).toContain('→ exit 0 (as expected)');
  expect(third).toContain('role `break-glass`');
  expect(third).toContain('→ exit 1 (as expected)');
  expect(r.stdout).toContain('The guardrail holds');
});
