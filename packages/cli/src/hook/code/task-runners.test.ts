/**
 * `make`, `just` and `task`: the recipes a target runs, read from the task
 * file in the working directory (or `-C`/`-f`/`-d`/`-t`), through the hook's
 * analysis.
 */
import { analyseCommand } from '../analyse';
import { expand, parseMakefile, recipeLines } from './make';
import { justBodies, justInvocations, parseJustfile } from './justfile';

const CWD = '/srv/infra';

const MAKEFILE = [
  'TF ?= terraform',
  'ENV ?= dev',
  'TF_DIR := envs/$(ENV)',
  '',
  '.PHONY: all init plan apply destroy test build lint',
  '',
  'all: build',
  '',
  'build:',
  '\tgo build ./...',
  '',
  'test: build',
  '\tgo test ./... # terraform is not involved',
  '',
  'init:',
  '\t$(TF) -chdir=$(TF_DIR) init -input=false',
  '',
  'plan: init',
  '\t$(TF) -chdir=$(TF_DIR) plan -out=tfplan',
  '',
  'apply: plan',
  '\t$(TF) -chdir=$(TF_DIR) apply tfplan',
  '',
  'destroy: init',
  '\t@echo "Destroying $(ENV)"',
  '\t@$(TF) -chdir=$(TF_DIR) destroy -auto-approve',
  '',
  'nuke:',
  '\tif [ -d "$(TF_DIR)" ]; then \\',
  '\t\tcd $(TF_DIR) && \\',
  '\t\t$(TF) destroy -auto-approve ; \\',
  '\tfi',
  '',
  'reset:',
  '\t$(MAKE) destroy ENV=staging',
  '',
].join('\n');

const JUSTFILE = [
  'set dotenv-load',
  '',
  'tf := "terraform"',
  '',
  '# list the recipes',
  'default:',
  '    @just --list',
  '',
  'build:',
  '    cargo build --release',
  '',
  'deploy env="dev": build',
  '    {{tf}} -chdir=envs/{{env}} plan -out=tfplan',
  '',
  'nuke env:',
  '    {{tf}} -chdir=envs/{{env}} destroy -auto-approve',
  '',
  'teardown: && nuke-all',
  '    echo "tearing down"',
  '',
  'nuke-all:',
  '    #!/usr/bin/env bash',
  '    set -euo pipefail',
  '    for env in dev staging; do',
  '      terraform -chdir=envs/$env destroy -auto-approve',
  '    done',
  '',
].join('\n');

const TASKFILE = [
  'version: "3"',
  '',
  'vars:',
  '  STACK: dev',
  '',
  'tasks:',
  '  default:',
  '    cmds:',
  '      - task: build',
  '  build:',
  '    cmds:',
  '      - npm ci',
  '      - npm run build',
  '  preview:',
  '    cmds:',
  '      - pulumi preview --stack {{.STACK}}',
  '  down:',
  '    desc: Tear the stack down',
  '    deps: [build]',
  '    cmds:',
  '      - pulumi destroy --yes --stack {{.STACK}}',
  '  reset:',
  '    cmds:',
  '      - task: down',
  '        vars: { STACK: staging }',
  '',
].join('\n');

const FILES: Record<string, string> = {
  [`${CWD}/Makefile`]: MAKEFILE,
  [`${CWD}/justfile`]: JUSTFILE,
  [`${CWD}/Taskfile.yml`]: TASKFILE,
  [`${CWD}/ops/Makefile`]: 'teardown:\n\tpulumi destroy --yes\n',
  [`${CWD}/ops/other.mk`]:
    'include common.mk\n\ntf-destroy:\n\tcd $(TERRAFORM_DIR) && $(TERRAFORM) destroy -auto-approve $(tf-params)\n',
};

async function decide(command: string, cwd = CWD): Promise<string> {
  return (await analyseCommand(command, { cwd, env: {}, readFile: (f) => FILES[f] })).decision;
}

describe('make', () => {
  test.each([
    ['make destroy', 'deny'],
    ['make nuke', 'deny'],
    ['make destroy ENV=prod', 'deny'],
    ['make TF=tofu destroy', 'deny'],
    ['make reset', 'deny'],
    ['make -C ops teardown', 'deny'],
    ['make --directory=ops teardown', 'deny'],
    ['make -f ops/other.mk tf-destroy', 'ask'],
    ['cd ops && make teardown', 'deny'],
    ['make', 'allow'],
    ['make build', 'allow'],
    ['make test', 'allow'],
    ['make plan', 'allow'],
    ['make apply', 'ask'],
    ['make -n destroy', 'allow'],
    ['make -j4 build test', 'allow'],
    ['make $TARGET', 'ask'],
    ['make no-such-target', 'allow'],
  ])('%s → %s', async (command, expected) => {
    expect(await decide(command)).toBe(expected);
  });

  test('the reason names the recipe line and the target', async () => {
    const a = await analyseCommand('make destroy', { cwd: CWD, env: {}, readFile: (f) => FILES[f] });
    expect(a.reason).toContain('terraform -chdir=envs/dev destroy -auto-approve');
    expect(a.reason).toContain('`make destroy`');
  });

  test('without a Makefile, only a target named like a teardown asks', async () => {
    expect(await decide('make destroy', '/elsewhere')).toBe('ask');
    expect(await decide('make teardown-prod', '/elsewhere')).toBe('ask');
    expect(await decide('make build', '/elsewhere')).toBe('allow');
    expect(await decide('make clean', '/elsewhere')).toBe('allow');
  });

  test('variables expand recursively; undefined ones are empty unless a file is included', () => {
    const m = parseMakefile('A = $(B) x\nB := $(C)y\nC = z\nall:\n\techo $(A) $(UNDEF) $$HOME $@\n');
    expect(recipeLines(m, [], new Map(), () => undefined)).toEqual([{ target: 'all', line: 'echo zy x  $HOME all' }]);
    const open = parseMakefile('include vars.mk\nall:\n\t$(TF) destroy\n');
    expect(recipeLines(open, [], new Map(), () => undefined)[0].line).toBe('"$__DEADBOLT_UNKNOWN" destroy');
  });

  test('expansion is bounded', () => {
    expect(expand('$(A)', (n) => (n === 'A' ? '$(A)$(A)' : undefined), {})).toContain('"$__DEADBOLT_UNKNOWN"');
    const loops = parseMakefile('a: b\n\techo a\nb: a\n\techo b\n');
    expect(recipeLines(loops, ['a'], new Map(), () => undefined).map((l) => l.line)).toEqual(['echo b', 'echo a']);
  });
});

describe('just', () => {
  test.each([
    ['just nuke prod', 'deny'],
    ['just teardown', 'deny'],
    ['just nuke-all', 'deny'],
    ['just', 'allow'],
    ['just build', 'allow'],
    ['just deploy prod', 'allow'],
    ['just --list', 'allow'],
    ['just -n nuke prod', 'allow'],
  ])('%s → %s', async (command, expected) => {
    expect(await decide(command)).toBe(expected);
  });

  test('a subdirectory finds the justfile above it', async () => {
    expect(await decide('just nuke prod', `${CWD}/envs/prod`)).toBe('deny');
  });

  test('parameters, defaults and dependencies', () => {
    const j = parseJustfile(JUSTFILE);
    expect(justInvocations(j, ['deploy', 'prod', 'build'])).toEqual([
      { name: 'deploy', args: ['prod'] },
      { name: 'build', args: [] },
    ]);
    const bodies = justBodies(j, [{ name: 'deploy', args: [] }], new Map());
    expect(bodies.map((b) => b.lines)).toEqual([
      ['cargo build --release'],
      ['terraform -chdir=envs/dev plan -out=tfplan'],
    ]);
  });
});

describe('task', () => {
  test.each([
    ['task down', 'deny'],
    ['task reset', 'deny'],
    ['task', 'allow'],
    ['task build', 'allow'],
    ['task preview', 'allow'],
    ['task --list', 'allow'],
  ])('%s → %s', async (command, expected) => {
    expect(await decide(command)).toBe(expected);
  });
});

describe('npm pre and post scripts', () => {
  const pkg = JSON.stringify({
    scripts: {
      predeploy: 'cdk destroy --force',
      deploy: 'echo deploying',
      test: 'jest',
      posttest: 'terraform destroy -auto-approve',
    },
  });
  const read = (f: string): string | undefined => (f === '/p/package.json' ? pkg : undefined);
  test.each([
    ['npm run deploy', 'deny'],
    ['npm test', 'deny'],
    ['yarn run deploy', 'deny'],
    ['pnpm run deploy', 'allow'],
  ])('%s → %s', async (command, expected) => {
    expect((await analyseCommand(command, { cwd: '/p', env: {}, readFile: read })).decision).toBe(expected);
  });
});

describe('workspace runners whose task files Deadbolt does not read', () => {
  test.each([
    ['nx run infra:terraform-destroy', 'ask'],
    ['nx run-many -t destroy', 'ask'],
    ['turbo run teardown', 'ask'],
    ['invoke nuke', 'ask'],
    ['nx run web:build', 'allow'],
    ['nx affected -t test', 'allow'],
    ['turbo run build --filter=web', 'allow'],
    ['lerna run test', 'allow'],
    ['inv build', 'allow'],
  ])('%s → %s', async (command, expected) => {
    expect(await decide(command)).toBe(expected);
  });
});
