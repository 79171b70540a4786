/**
 * The Claude Code hook's decisions, in process: every case of
 * `hook-cases.ts` (the known ways around command guards: quoting, `$IFS`,
 * substitutions, here-documents, inline interpreters, wrappers, binary paths,
 * aliases and functions; and more), read the way the
 * hook reads them and, for lines the simple lexer also reads, by the parser
 * alone as well.
 */
import { analyseCommand, type AnalyseOptions } from '../src/hook/analyse';
import { lexSimple } from '../src/hook/shell/simple-lexer';
import { CWD, FILES, HOOK_CASES } from './hook-cases';

const options: AnalyseOptions = { cwd: CWD, env: {}, readFile: (file) => FILES[file] };

describe('hook decisions', () => {
  test('the table has at least 150 command lines', () => {
    expect(HOOK_CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(HOOK_CASES.map((c) => c.command)).size).toBe(HOOK_CASES.length);
  });

  test.each(HOOK_CASES.map((c) => [c.expected, c.command, c.about] as const))(
    '%s: %j (%s)',
    async (expected, command) => {
      const analysis = await analyseCommand(command, options);
      expect({ command, decision: analysis.decision, reason: analysis.reason }).toEqual({
        command,
        decision: expected,
        reason: analysis.reason,
      });
      if (expected !== 'allow') {
        expect(analysis.reason).toMatch(/^Deadbolt (blocked this command|cannot tell whether this command is safe): `/);
        expect(analysis.reason).toContain(' Instead: ');
      }
    },
  );

  test('lines the simple lexer reads get the same decision from the parser', async () => {
    const simple = HOOK_CASES.filter((c) => lexSimple(c.command));
    expect(simple.length).toBeGreaterThan(100);
    for (const c of simple) {
      const viaParser = await analyseCommand(c.command, { ...options, reader: 'parser' });
      expect({ command: c.command, decision: viaParser.decision }).toEqual({
        command: c.command,
        decision: c.expected,
      });
    }
  });
});

describe('hook reasons', () => {
  test('a deny names the command, why it loses data and what to do instead', async () => {
    const a = await analyseCommand('cd infra && terraform destroy -auto-approve', options);
    expect(a.reason).toBe(
      'Deadbolt blocked this command: `terraform destroy -auto-approve` destroys every resource in the workspace, databases, buckets and their backups included. ' +
        'Instead: Save a plan (`terraform plan -out=tfplan`), check it with `terraform show -json tfplan > plan.json && npx deadbolt plan plan.json`, and have a human review and apply it. ' +
        'To see what a destroy would delete: `terraform plan -destroy`.',
    );
  });

  test('a command run through wrappers and shells says so', async () => {
    const a = await analyseCommand(`sudo bash -c 'pulumi down --yes'`, options);
    expect(a.decision).toBe('deny');
    expect(a.reason).toContain('`pulumi down --yes` (run through `sudo`, then `bash -c`)');
    expect(a.reason).toContain('deletes every resource in the stack');
  });

  test('several destructive commands in one line are counted', async () => {
    const a = await analyseCommand('terraform destroy; pulumi destroy --yes; cdk destroy', options);
    expect(a.findings.filter((f) => f.decision === 'deny')).toHaveLength(3);
    expect(a.reason).toContain('(2 more commands in the line would be blocked too.)');
  });

  test('an ask explains what cannot be seen', async () => {
    const a = await analyseCommand('echo dGVycmFmb3JtIGRlc3Ryb3k= | base64 -d | sh', options);
    expect(a.decision).toBe('ask');
    expect(a.reason).toContain('feeds a shell commands that only exist when the line runs');
  });
});

describe('hook environment', () => {
  test('TF_CLI_ARGS in the environment makes a plain apply auto-approved', async () => {
    expect(
      (await analyseCommand('terraform apply', { ...options, env: { TF_CLI_ARGS_apply: '-auto-approve' } })).decision,
    ).toBe('deny');
    expect(
      (await analyseCommand('terraform apply', { ...options, env: { TF_CLI_ARGS: '-auto-approve' } })).decision,
    ).toBe('deny');
    expect((await analyseCommand('TF_CLI_ARGS_apply="-auto-approve" terraform apply', options)).decision).toBe('deny');
    expect((await analyseCommand('TF_CLI_ARGS=$FLAGS terraform apply', options)).decision).toBe('ask');
  });

  test('PULUMI_SKIP_CONFIRMATIONS makes pulumi up auto-approved', async () => {
    expect(
      (await analyseCommand('pulumi up', { ...options, env: { PULUMI_SKIP_CONFIRMATIONS: 'true' } })).decision,
    ).toBe('deny');
  });

  test('without a file reader, scripts count as unreadable', async () => {
    expect((await analyseCommand('bash deploy.sh', { cwd: CWD })).decision).toBe('ask');
    expect((await analyseCommand('./deploy.sh', { cwd: CWD })).decision).toBe('allow');
  });

  test('which reader decided', async () => {
    expect((await analyseCommand('ls -la')).reader).toBe('prefilter');
    expect((await analyseCommand('terraform destroy')).reader).toBe('simple');
    expect((await analyseCommand('x=terraform; $x destroy')).reader).toBe('parser');
  });
});
