/**
 * The hook's wildcard matching (program names in command position, npm-run-all
 * script globs) is linear: it agrees with the regular expressions it replaced
 * on short input, and a crafted glob no longer keeps the hook busy until the
 * agent gives up on it and runs the command.
 */
import fc from 'fast-check';
import { globSteps, globStepsMatch } from '../src/hook/shell/glob-match';
import { deadbolt, requireBuiltBinary } from './helpers';

const byRegExp = (pattern: string, name: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(name);

describe('globStepsMatch', () => {
  test('agrees with the regular expression on short patterns (fast-check, fixed seed)', () => {
    const unit = fc.constantFrom('t', 'e', 'r', '*', '?', ':');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), fc.string({ unit, maxLength: 10 }), (p, name) => {
        expect(globStepsMatch(globSteps(p), name)).toBe(byRegExp(p, name));
      }),
      { seed: 20261302, numRuns: 2000 },
    );
  });

  test('a wildcard with `except` does not cross that character (npm-run-all `*` within a segment)', () => {
    const steps = [{ kind: 'char', char: 'a' } as const, { kind: 'star', except: ':' } as const];
    expect(globStepsMatch(steps, 'abc')).toBe(true);
    expect(globStepsMatch(steps, 'ab:c')).toBe(false);
  });

  test('ten thousand stars against every guarded tool name: well under 100 ms', () => {
    const steps = globSteps(`t${'*'.repeat(10_000)}x`);
    const start = Date.now();
    for (const name of ['terraform', 'pulumi', 'cdk', 'aws', 'kubectl', 'a'.repeat(500)]) {
      expect(globStepsMatch(steps, name)).toBe(false);
    }
    expect(Date.now() - start).toBeLessThan(100);
  });
});

describe('deadbolt hook claude-code on a command word of many stars', () => {
  beforeAll(requireBuiltBinary);

  test('answers at once (before: over a minute at forty stars, and the agent runs what times out)', () => {
    const command = `/usr/local/bin/t${'*'.repeat(40)}m destroy -auto-approve`;
    const r = deadbolt(['hook', 'claude-code'], {
      input: JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('ask');
    expect(r.ms).toBeLessThan(5_000);
  });
});
