/**
 * Every `npx deadbolt …` command a message suggests runs as written. The
 * messages are collected from real outputs: the hook's reasons for every
 * command line of its test table (and under a production marker), the gate's
 * report, usage errors, help, `hook doctor`, `hook install` and the guard it
 * writes. Each suggested command is then run through the built binary in a
 * directory holding the files it names, and must not end in a usage error
 * (exit 2): 0 or 1 are both answers. A bare `deadbolt …` is a failure: the CLI
 * is installed in the project (`npm install --save-dev @deadbolt/cli`), where
 * only `npx deadbolt` finds it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseCommand } from '../src/hook/analyse';
import { CWD, FILES, HOOK_CASES } from './hook-cases';
import { deadbolt, requireBuiltBinary } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SECRET = 'suggested-commands-test-secret-0123456789';

/**
 * What a placeholder in a suggested command stands for here. A message may
 * name what the user fills in (in capitals, or `<…>` in quotes); an unknown
 * placeholder fails the test, so a new one is added here on purpose.
 */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  AGENT: 'claude-code',
  PLAN: 'plan.json',
  FILE: 'approvals.json',
  COMMAND: 'check',
};

/** A command that runs Deadbolt: `npx deadbolt …` as suggested, or a bare `deadbolt …`, which is caught. */
const RUNS_DEADBOLT = /^(?:npx\s+)?deadbolt\s/;

/**
 * The `deadbolt …` parts of a message, as written: backticked spans (up to
 * `&&`, `;`, `|`), the gate's `approve:` lines and the `Check it:` and
 * `Install it:` lines of `hook install` and `hook doctor`.
 */
export function suggestedCommands(message: string): string[] {
  const found: string[] = [];
  for (const m of message.matchAll(/`([^`]+)`/g)) {
    for (const part of m[1].split(/\s*(?:&&|\|\||;|\|)\s*/)) {
      if (RUNS_DEADBOLT.test(part.trim())) found.push(part.trim());
    }
  }
  for (const m of message.matchAll(/(?:^\s*(?:approve|Check it)|Install it):\s+((?:npx\s+)?deadbolt\s[^`\n]*)$/gm))
    found.push(m[1].trim());
  return found;
}

/** Shell words: single- and double-quoted words kept whole, placeholders replaced. */
function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? m[3];
    if (m[3] !== undefined && /^[A-Z][A-Z_]{2,}$/.test(word)) {
      const value = PLACEHOLDERS[word];
      if (value === undefined)
        throw new Error(
          `\`${command}\` has the placeholder ${word}, which this test does not know: add it to PLACEHOLDERS.`,
        );
      out.push(value);
    } else if (m[3] === undefined && /^<[^<>]+>$/.test(word)) {
      // A quoted `'<why …>'` is the reason the user writes; Deadbolt refuses it left as it is.
      out.push('The orders table moved to the new cluster; its data is in the backup account (CHG-1234).');
    } else if (m[3] !== undefined && /[<>…]/.test(word)) {
      throw new Error(
        `\`${command}\` cannot run as written: \`${word}\` is not a shell word (quote it, or write a real value).`,
      );
    } else {
      out.push(word);
    }
  }
  return out;
}

/** A project with every file the suggestions name: a Terraform plan, a Pulumi preview, a change set, a cloud assembly, a packaged Serverless template. */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-suggested-'));
  const write = (file: string, value: unknown) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), typeof value === 'string' ? value : JSON.stringify(value));
  };
  fs.copyFileSync(path.join(ROOT, 'examples', 'terraform-gate', 'plans', 'destroy.json'), path.join(dir, 'plan.json'));
  const urn = 'urn:pulumi:prod::orders::aws:rds/instance:Instance::records';
  write('preview.json', {
    steps: [
      {
        op: 'delete',
        urn,
        oldState: { urn, custom: true, type: 'aws:rds/instance:Instance', inputs: {}, outputs: {} },
      },
    ],
  });
  write('cs.json', {
    StackName: 'orders',
    ChangeSetName: 'deadbolt-review',
    Status: 'CREATE_COMPLETE',
    Changes: [
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Remove',
          LogicalResourceId: 'Records',
          PhysicalResourceId: 'records',
          ResourceType: 'AWS::RDS::DBInstance',
          Scope: [],
          Details: [],
        },
      },
    ],
  });
  const template = {
    Resources: {
      Records: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
    },
  };
  write('cdk.out/Orders.template.json', template);
  write('cdk.out/manifest.json', {
    version: '36.0.0',
    artifacts: {
      Orders: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://111111111111/eu-west-1',
        properties: { templateFile: 'Orders.template.json' },
      },
    },
  });
  write('.serverless/cloudformation-template-update-stack.json', template);
  fs.mkdirSync(path.join(dir, 'home'));
  return dir;
}

/** Command lines whose hook verdicts suggest a command, beyond the test table. */
const HOOK_LINES = [
  'terraform destroy',
  'terraform apply -auto-approve',
  'terraform apply tfplan',
  'terragrunt run-all apply',
  'pulumi destroy',
  'pulumi up --yes',
  'pulumi state unprotect urn',
  'cdk deploy',
  'cdk destroy',
  'sam deploy',
  'serverless deploy',
  'aws cloudformation deploy --template-file t.yaml --stack-name s',
  'aws cloudformation execute-change-set --change-set-name x',
  'echo x > .claude/settings.json',
];

describe('suggested commands run as written', () => {
  let dir: string;
  const env = (): Record<string, string> => ({ HOME: path.join(dir, 'home'), DEADBOLT_APPROVAL_SECRET: SECRET });
  const run = (args: readonly string[], input?: string) => deadbolt(args, { cwd: dir, env: env(), input });

  beforeAll(() => {
    requireBuiltBinary();
    dir = project();
  });

  /** Every message, by where it came from. */
  async function messages(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const line of [...HOOK_CASES.map((c) => c.command), ...HOOK_LINES]) {
      const a = await analyseCommand(line, { cwd: CWD, env: {}, readFile: (f) => FILES[f] });
      if (a.reason) found.set(`hook: ${line}`, a.reason);
    }
    // Under a production marker every change asks, with its own suggestion per tool.
    const marked = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-suggested-prod-'));
    fs.writeFileSync(
      path.join(marked, 'deadbolt.config.json'),
      JSON.stringify({ hook: { production: { awsProfiles: ['prod'] } } }),
    );
    for (const line of ['terraform apply', 'tofu apply', 'terragrunt apply', 'pulumi up', 'cdk deploy']) {
      const r = deadbolt(['hook', 'explain', line], { cwd: marked, env: { AWS_PROFILE: 'prod' } });
      found.set(`hook under a marker: ${line}`, r.stdout);
    }
    const outputs: ReadonlyArray<readonly [string, readonly string[], string?]> = [
      ['plan, text', ['plan', 'plan.json']],
      ['plan, a Pulumi preview', ['plan', 'preview.json']],
      ['plan, a change set', ['plan', 'cs.json']],
      ['check without a path', ['check']],
      ['check, an unknown option', ['check', 'cdk.out', '--bogus']],
      ['check, an unknown rule', ['check', 'cdk.out', '--rule', 'no-such-rule']],
      ['plan, an unknown option', ['plan', 'plan.json', '--bogus']],
      ['plan, an option without its value', ['plan', 'plan.json', '--approvals']],
      ['rules, an argument', ['rules', 'extra']],
      [
        'approve, no such address',
        [
          'approve',
          'plan.json',
          '--address',
          'aws_db_instance.nope',
          '--action',
          'delete',
          '--reason',
          'r',
          '--expires',
          '2099-01-01',
        ],
      ],
      ['hook, an unknown subcommand', ['hook', 'bogus']],
      ['hook explain without a line', ['hook', 'explain']],
      ['hook install, an argument', ['hook', 'install', 'extra']],
      ['hook doctor, nothing installed', ['hook', 'doctor']],
      ['hook claude-code, an argument', ['hook', 'claude-code', 'extra']],
      ['hook claude-code, unreadable input', ['hook', 'claude-code'], '{not json'],
      ['hook cursor, an argument', ['hook', 'cursor', 'extra'], '{}'],
      ['hook install --agent kiro --print', ['hook', 'install', '--agent', 'kiro', '--print']],
      ['hook install --agent codex', ['hook', 'install', '--agent', 'codex']],
      ['hook install --agent opencode --user', ['hook', 'install', '--agent', 'opencode', '--user']],
      ['hook doctor --agent gemini, not installed', ['hook', 'doctor', '--agent', 'gemini']],
      ['help', ['--help']],
      ...(['check', 'plan', 'approve', 'rules', 'hook'] as const).map(
        (command) => [`${command} --help`, [command, '--help']] as const,
      ),
    ];
    for (const [label, args, input] of outputs) {
      const r = run(args, input);
      found.set(label, `${r.stdout}\n${r.stderr}`);
    }
    // What the installed hook says when its guard script or the binary is gone, or the hook fails.
    for (const file of ['.codex/hooks.json', '.deadbolt/hooks/codex.sh', 'home/.config/opencode/plugins/deadbolt.js']) {
      found.set(`installed ${file}`, fs.readFileSync(path.join(dir, file), 'utf8'));
    }
    return found;
  }

  test('each one exits 0 or 1, never with a usage error', async () => {
    const byCommand = new Map<string, string>();
    for (const [where, message] of await messages()) {
      for (const command of suggestedCommands(message)) if (!byCommand.has(command)) byCommand.set(command, where);
    }
    // The set covers the hook's advice, the gate's approvals and re-run, and the usage errors' pointers.
    const names = [...byCommand.keys()];
    for (const expected of [
      'npx deadbolt plan plan.json',
      'npx deadbolt plan preview.json',
      'npx deadbolt plan cs.json',
      'npx deadbolt check cdk.out',
      'npx deadbolt approve ',
      'npx deadbolt plan plan.json --approvals approvals.json',
      'npx deadbolt check --help',
      'npx deadbolt hook install --agent AGENT',
      'npx deadbolt hook install --agent codex',
      'npx deadbolt hook doctor --agent codex',
      'npx deadbolt hook doctor --agent opencode --user',
      'npx deadbolt rules',
    ]) {
      expect({ expected, found: names.some((n) => n.startsWith(expected)) }).toEqual({ expected, found: true });
    }
    // `approve` first: it writes the approvals file the suggested re-run reads.
    const ordered = [...byCommand].sort(
      ([a], [b]) => Number(!a.startsWith('npx deadbolt approve ')) - Number(!b.startsWith('npx deadbolt approve ')),
    );
    const failures: string[] = [];
    for (const [command, where] of ordered) {
      if (!command.startsWith('npx deadbolt ')) {
        failures.push(
          `${where}: \`${command}\` is not found where the CLI is installed in the project: write \`npx ${command}\`.`,
        );
        continue;
      }
      const r = run(words(command).slice(2));
      if (r.status !== 0 && r.status !== 1)
        failures.push(`${where}: \`${command}\` exited ${r.status}: ${r.stderr.trim()}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  test('a message naming an unknown placeholder or a bare angle-bracket word is caught', () => {
    expect(() => words('npx deadbolt plan PLANFILE')).toThrow(/placeholder PLANFILE/);
    expect(() => words('npx deadbolt approve plan.json --expires <YYYY-MM-DD>')).toThrow(/not a shell word/);
    expect(words("npx deadbolt approve plan.json --reason '<why>' --address AGENT")).toEqual([
      'npx',
      'deadbolt',
      'approve',
      'plan.json',
      '--reason',
      'The orders table moved to the new cluster; its data is in the backup account (CHG-1234).',
      '--address',
      'claude-code',
    ]);
  });

  test("the extraction reads backticked chains, the gate's approve lines and install's check line, bare or with npx", () => {
    expect(
      suggestedCommands(
        'Check it with `terraform show -json tfplan > plan.json && npx deadbolt plan plan.json`, then `cdk diff`.',
      ),
    ).toEqual(['npx deadbolt plan plan.json']);
    expect(suggestedCommands('      approve: npx deadbolt approve plan.json --address a --action delete')).toEqual([
      'npx deadbolt approve plan.json --address a --action delete',
    ]);
    expect(
      suggestedCommands(
        'Reinstall it: `npm install --save-dev @deadbolt/cli && npx deadbolt hook install --agent codex`.\nCheck it: deadbolt hook doctor --agent codex\n',
      ),
    ).toEqual(['npx deadbolt hook install --agent codex', 'deadbolt hook doctor --agent codex']);
    expect(suggestedCommands('Run `deadbolt plan plan.json` first.')).toEqual(['deadbolt plan plan.json']);
  });
});
