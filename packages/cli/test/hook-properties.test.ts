/**
 * Properties of the Claude Code hook's analysis, on generated command lines
 * (fast-check): it never throws; a line the parser cannot read gets "ask"
 * when it could run a guarded tool and "allow" when it cannot; a destructive
 * command stays denied inside any sequence of wrappers, shells and
 * separators; the pre-filter only lets through lines the analysis allows; and
 * the simple lexer decides every line it reads as the parser does.
 */
import fc from 'fast-check';
import { analyseCommand } from '../src/hook/analyse';
import { cannotRunGuardedTool } from '../src/hook/prefilter';
import { lexSimple } from '../src/hook/shell/simple-lexer';
import { parseWithTreeSitter } from '../src/hook/shell/tree-sitter-parser';

const RUNS = Number(process.env.DEADBOLT_FC_RUNS ?? 200);
/**
 * CI runs a fixed seed, so a landing never hangs on a counterexample drawn by chance (run with another
 * `DEADBOLT_FC_SEED`, or none outside CI, and more `DEADBOLT_FC_RUNS`, to explore; a failure prints its seed).
 */
const SEED =
  process.env.DEADBOLT_FC_SEED !== undefined
    ? Number(process.env.DEADBOLT_FC_SEED)
    : process.env.CI
      ? 20261203
      : undefined;
const FC = SEED === undefined ? {} : { seed: SEED };

/** Single-quotes a string for the shell. */
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

const DESTRUCTIVE = [
  'terraform destroy',
  'terraform apply -auto-approve',
  'tofu destroy -auto-approve',
  'terragrunt run-all destroy',
  'cdk destroy --force',
  'npx aws-cdk destroy',
  'pulumi destroy --yes',
  'pulumi down -y',
  'pulumi stack rm prod --force',
  'pulumi state unprotect --all --yes',
  'aws rds delete-db-instance --db-instance-identifier prod',
  'aws s3 rb s3://prod --force',
  'aws kms schedule-key-deletion --key-id k',
  'aws dynamodb delete-table --table-name T',
  'aws rds modify-db-cluster --db-cluster-identifier c --no-deletion-protection',
];

/** Ways to wrap a command line; `simple` ones need a simple command inside, the others take any line. */
const WRAPPERS: Record<string, { readonly simple: boolean; readonly wrap: (s: string) => string }> = {
  sudo: { simple: true, wrap: (s) => `sudo ${s}` },
  'sudo -u': { simple: true, wrap: (s) => `sudo -u deploy -E ${s}` },
  env: { simple: true, wrap: (s) => `env AWS_PROFILE=prod ${s}` },
  assignment: { simple: true, wrap: (s) => `TF_LOG=debug ${s}` },
  timeout: { simple: true, wrap: (s) => `timeout 60 ${s}` },
  nohup: { simple: true, wrap: (s) => `nohup ${s}` },
  nice: { simple: true, wrap: (s) => `nice -n 5 ${s}` },
  time: { simple: true, wrap: (s) => `time ${s}` },
  command: { simple: true, wrap: (s) => `command ${s}` },
  exec: { simple: true, wrap: (s) => `exec ${s}` },
  stdbuf: { simple: true, wrap: (s) => `stdbuf -oL ${s}` },
  'aws-vault': { simple: true, wrap: (s) => `aws-vault exec prod -- ${s}` },
  'bash -c': { simple: false, wrap: (s) => `bash -c ${q(s)}` },
  'sh -c': { simple: false, wrap: (s) => `sh -c ${q(s)}` },
  eval: { simple: false, wrap: (s) => `eval ${q(s)}` },
  'here-string': { simple: false, wrap: (s) => `bash <<< ${q(s)}` },
  'here-document': {
    simple: false,
    wrap: (s) => (s.includes('\n') ? `bash -c ${q(s)}` : `sh <<'DEADBOLT_EOF'\n${s}\nDEADBOLT_EOF`),
  },
  // `( … )` with blanks: `((…))` is an arithmetic command in Bash (it runs nothing), nested subshells in dash.
  subshell: { simple: false, wrap: (s) => `( ${s} )` },
  braces: { simple: false, wrap: (s) => `{ ${s}; }` },
  and: { simple: false, wrap: (s) => `cd infra && ${s}` },
  or: { simple: false, wrap: (s) => `false || ${s}` },
  semicolon: { simple: false, wrap: (s) => `echo start; ${s}; echo done` },
  pipe: { simple: false, wrap: (s) => `ls | ${s}` },
  background: { simple: false, wrap: (s) => `${s} &` },
  if: { simple: false, wrap: (s) => `if true; then ${s}; fi` },
  for: { simple: false, wrap: (s) => `for i in 1 2; do ${s}; done` },
  while: { simple: false, wrap: (s) => `while true; do ${s}; break; done` },
  substitution: { simple: false, wrap: (s) => `echo "$( ${s} )"` },
  function: { simple: false, wrap: (s) => `deploy() { ${s}; }; deploy` },
  newline: { simple: false, wrap: (s) => `echo one\n${s}` },
};

describe('hook analysis properties', () => {
  test('never throws, on any string', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (s) => {
        const a = await analyseCommand(s);
        expect(['allow', 'ask', 'deny']).toContain(a.decision);
        await parseWithTreeSitter(s);
      }),
      { ...FC, numRuns: RUNS },
    );
  });

  test('a line the parser cannot read: "ask" when it could run a guarded tool, "allow" when it cannot', async () => {
    const fragment = fc.constantFrom(
      'terraform',
      'destroy',
      'pulumi',
      'echo',
      'ls',
      'git commit -m',
      'grep',
      'x',
      '-f',
      ' ',
      ' ',
      "'",
      '"',
      '`',
      '$(',
      '(',
      ')',
      '{',
      '}',
      'if',
      'then',
      'fi',
      'do',
      'done',
      ';',
      ';;',
      '&&',
      '||',
      '|',
      '<<',
      '>',
      '\\',
      '\n',
      '$',
      'EOF',
      'case',
      'esac',
      'cdk',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fragment, { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
        async (s) => {
          const script = await parseWithTreeSitter(s);
          fc.pre(script.incomplete !== undefined);
          const a = await analyseCommand(s, { reader: 'parser' });
          if (cannotRunGuardedTool(s)) expect(a.decision).toBe('allow');
          else expect(a.decision).not.toBe('allow');
        },
      ),
      { ...FC, numRuns: RUNS },
    );
  });

  test('a destructive command inside any sequence of wrappers, shells and separators is still denied', async () => {
    const names = Object.keys(WRAPPERS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DESTRUCTIVE),
        fc.array(fc.constantFrom(...names), { maxLength: 5 }),
        async (command, chain) => {
          let line = command;
          let simple = true;
          for (const name of chain) {
            const w = WRAPPERS[name];
            if (w.simple && !simple) line = `bash -c ${q(line)}`;
            line = w.wrap(line);
            // After `X=1 cmd`, a wrapper word before it would make `X=1` the command name: start a new shell first.
            simple = (w.simple && name !== 'assignment') || ['bash -c', 'sh -c', 'eval', 'here-string'].includes(name);
          }
          const a = await analyseCommand(line);
          expect({ line, decision: a.decision }).toEqual({ line, decision: 'deny' });
        },
      ),
      { ...FC, numRuns: RUNS },
    );
  });

  test('the pre-filter lets through only lines the analysis allows', async () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        'echo',
        'ls',
        'cat',
        'git',
        'commit',
        '-m',
        'grep',
        'npm',
        'test',
        'make',
        'deploy',
        'destroy',
        'plan',
        'apply',
        'rm',
        '-rf',
        'x',
        'tf',
        'terra',
        'form',
        'pulu',
        'mi',
        'aw',
        's',
        'cd',
        'k',
        'sh',
        'bash',
        'python3',
        'node',
        'eval',
        'sudo',
        'env',
        'xargs',
        '.',
        'alias',
        'source',
        'time',
        'nohup',
        // Hosts, data clients and code-carrying settings (knowledge/).
        'kubectl',
        'psql',
        'docker',
        'tmux',
        'crontab',
        'helm',
        'gcloud',
        'az',
        'PAGER=',
        'BASH_ENV=x.sh',
        'pytest',
      ),
      fc.constantFrom(
        ' ',
        ' ',
        ' ',
        "'",
        '"',
        '\\',
        '\\\n',
        ';',
        '&&',
        '||',
        '|',
        '&',
        '(',
        ')',
        '<',
        '>',
        '#',
        '=',
        '\n',
        '$',
        '`',
        '*',
        '{',
        '}',
        '~',
        '/',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fragment, { minLength: 1, maxLength: 14 }).map((a) => a.join('')),
        async (s) => {
          fc.pre(cannotRunGuardedTool(s));
          const a = await analyseCommand(s, { reader: 'parser' });
          expect({ s, decision: a.decision }).toEqual({ s, decision: 'allow' });
        },
      ),
      { ...FC, numRuns: RUNS * 2 },
    );
  });

  test('the simple lexer and the parser decide alike on every line the lexer reads', async () => {
    const word = fc.oneof(
      fc.constantFrom(
        'terraform',
        'tofu',
        'pulumi',
        'cdk',
        'aws',
        'npx',
        'aws-cdk',
        'destroy',
        'apply',
        'plan',
        'down',
        'up',
        'stack',
        'rm',
        'state',
        'unprotect',
        '-auto-approve',
        '--yes',
        '-y',
        '--force',
        'rds',
        'delete-db-instance',
        's3',
        'rb',
        's3://b',
        '--recursive',
        'workspace',
        'delete',
        'sudo',
        'env',
        'timeout',
        '60',
        'nohup',
        'nice',
        '-n',
        '5',
        'bash',
        'sh',
        '-c',
        'eval',
        'python3',
        'node',
        '-e',
        'echo',
        'grep',
        'git',
        'commit',
        '-m',
        'xargs',
        'find',
        '.',
        '-exec',
        'command',
        'exec',
        'ls',
        'cat',
        'X=1',
        'TF_CLI_ARGS=-auto-approve',
        'yes',
        'printf',
        'source',
        'alias',
        'tf=terraform',
        'tf',
        'export',
        'cd',
        'infra',
        'npm',
        'run',
        'yarn',
        'base64',
        '-d',
      ),
      fc.constantFrom(
        "'terraform destroy'",
        '"pulumi down --yes"',
        "'cdk destroy'",
        '"x y"',
        "te'rr'aform",
        'te"rr"aform',
        "'-auto-approve'",
        "''",
        '""',
      ),
    );
    const sep = fc.constantFrom(' ', ' ', ' ', ' ', ' ; ', ' && ', ' || ', ' | ', ' & ', ' > out ', ' 2>&1 ', ' < in ');
    const line = fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 8 }).map((parts) =>
      parts
        .map(([w, s]) => w + s)
        .join('')
        .trim(),
    );
    await fc.assert(
      fc.asyncProperty(line, async (s) => {
        fc.pre(lexSimple(s) !== undefined);
        const viaLexer = await analyseCommand(s, { reader: 'simple' });
        const viaParser = await analyseCommand(s, { reader: 'parser' });
        expect({ s, decision: viaLexer.decision }).toEqual({ s, decision: viaParser.decision });
      }),
      { ...FC, numRuns: RUNS * 2 },
    );
  });
});

describe('assignments after a redirection (found by the lexer/parser property)', () => {
  const line = "tf=terraform > out tf=terraform ; 'terraform destroy'";

  test('the simple lexer leaves the line to the parser, which asks', async () => {
    expect(lexSimple(line)).toBeUndefined();
    expect((await analyseCommand(line)).decision).toBe('ask');
  });

  test('the parser reads `a=1 >out b=2` as two assignments, as bash does, so the command after them is still judged', async () => {
    const script = await parseWithTreeSitter('a=1 >out b=2 terraform destroy');
    const cmd = script.items[0] as unknown as { assignments: { name: string }[]; words: { text: string }[] };
    expect(cmd.assignments.map((a) => a.name)).toEqual(['a', 'b']);
    expect(cmd.words.map((w) => w.text)).toEqual(['terraform', 'destroy']);
    expect((await analyseCommand('a=1 >out b=2 terraform destroy')).decision).toBe('deny');
  });
});
