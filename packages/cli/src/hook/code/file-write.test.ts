import { analyseFileWrite } from './file-write';

const CWD = '/work/app';
const write = (file: string, content: string, files: Record<string, string> = {}) =>
  analyseFileWrite(file, content, { cwd: CWD, env: {}, readFile: (f) => files[f] });

describe('analyseFileWrite: files that run', () => {
  test('a shell script that destroys is denied, naming the file and the command', async () => {
    const a = await write(
      'deploy.sh',
      '#!/bin/bash\nset -euo pipefail\ncd infra\nterraform init -input=false\nterraform destroy -auto-approve\n',
    );
    expect(a.decision).toBe('deny');
    expect(a.reason).toMatch(
      /^Deadbolt blocked writing `deploy\.sh`: running it runs `terraform destroy -auto-approve`/,
    );
    expect(a.reason).toContain(' Instead: ');
  });

  test('a script without an extension is read through its shebang', async () => {
    expect((await write('bin/teardown', '#!/usr/bin/env bash\npulumi destroy --yes --stack prod\n')).decision).toBe(
      'deny',
    );
  });

  test('.envrc runs on `cd` (direnv): a destroy in it is denied', async () => {
    expect((await write('.envrc', 'export AWS_PROFILE=prod\naws s3 rb s3://prod-assets --force\n')).decision).toBe(
      'deny',
    );
  });

  test('a Python teardown script calling boto3 is denied', async () => {
    const code =
      'import boto3\n\nrds = boto3.client("rds", region_name="eu-west-1")\n\ndef main():\n    rds.delete_db_instance(DBInstanceIdentifier="orders-prod", SkipFinalSnapshot=True)\n\nif __name__ == "__main__":\n    main()\n';
    const a = await write('scripts/cleanup.py', code);
    expect(a.decision).toBe('deny');
    expect(a.reason).toContain('aws rds delete-db-instance');
  });

  test('a TypeScript file sending an SDK v3 delete is denied', async () => {
    const code =
      "import { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport async function reset() {\n  await client.send(new DeleteTableCommand({ TableName: 'Orders' }));\n}\n";
    expect((await write('scripts/reset.ts', code)).decision).toBe('deny');
  });

  test('a Dockerfile RUN line and a crontab entry are read as shell', async () => {
    expect(
      (
        await write(
          'Dockerfile',
          'FROM hashicorp/terraform:1.9\nCOPY . /src\nRUN ["terraform", "destroy", "-auto-approve"]\n',
        )
      ).decision,
    ).toBe('deny');
    expect(
      (await write('Dockerfile', 'FROM node:20\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n'))
        .decision,
    ).toBe('allow');
    expect(
      (await write('ops/crontab', '# nightly cleanup\n0 3 * * * cd /srv/infra && terraform destroy -auto-approve\n'))
        .decision,
    ).toBe('deny');
  });
});

describe('analyseFileWrite: task files', () => {
  test('a Makefile whose default goal destroys is denied', async () => {
    expect(
      (await write('Makefile', 'TF := terraform\n\nall: clean\n\nclean:\n\t$(TF) destroy -auto-approve\n')).decision,
    ).toBe('deny');
  });

  test('a Makefile with a destroy target only run by name is allowed (the run is checked then)', async () => {
    const makefile =
      '.PHONY: build test destroy\n\nbuild:\n\tgo build ./...\n\ntest: build\n\tgo test ./...\n\ndestroy:\n\tcd infra && terraform destroy -auto-approve\n';
    expect((await write('Makefile', makefile)).decision).toBe('allow');
  });

  test('package.json: a destroy in an everyday script is denied, in a named one allowed', async () => {
    expect(
      (await write('package.json', JSON.stringify({ scripts: { postinstall: 'cdk destroy --force' } }))).decision,
    ).toBe('deny');
    expect(
      (
        await write(
          'package.json',
          JSON.stringify({ scripts: { pretest: 'terraform destroy -auto-approve', test: 'jest' } }),
        )
      ).decision,
    ).toBe('deny');
    expect(
      (
        await write(
          'package.json',
          JSON.stringify({ scripts: { test: 'jest', build: 'tsc -b', destroy: 'cdk destroy --force' } }),
        )
      ).decision,
    ).toBe('allow');
  });

  test('a justfile and a Taskfile whose default runs a destroy are denied', async () => {
    expect((await write('justfile', 'default: nuke\n\nnuke:\n    terraform destroy -auto-approve\n')).decision).toBe(
      'deny',
    );
    expect(
      (await write('Taskfile.yml', 'version: "3"\ntasks:\n  default:\n    cmds:\n      - pulumi destroy --yes\n'))
        .decision,
    ).toBe('deny');
    expect(
      (
        await write(
          'Taskfile.yml',
          'version: "3"\ntasks:\n  default:\n    cmds:\n      - go test ./...\n  down:\n    cmds:\n      - pulumi destroy --yes\n',
        )
      ).decision,
    ).toBe('allow');
  });

  test('a GitHub workflow that destroys asks (it runs in CI, after a push a human reviews)', async () => {
    const a = await write(
      '.github/workflows/teardown.yml',
      'on: workflow_dispatch\njobs:\n  down:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          cd infra\n          terraform destroy -auto-approve\n',
    );
    expect(a.decision).toBe('ask');
    expect(a.reason).toContain('the workflow runs');
    expect(
      (
        await write(
          '.github/workflows/ci.yml',
          'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: terraform plan\n',
        )
      ).decision,
    ).toBe('allow');
  });
});

describe('analyseFileWrite: files that only mention a tool', () => {
  test('documentation is allowed', async () => {
    expect((await write('README.md', '# Teardown\n\n```sh\nterraform destroy -auto-approve\n```\n')).decision).toBe(
      'allow',
    );
    expect((await write('docs/runbook.txt', 'Run pulumi destroy --yes to remove the stack.\n')).decision).toBe('allow');
    expect(
      (await write('infra/main.tf', 'resource "aws_db_instance" "main" {\n  deletion_protection = false\n}\n'))
        .decision,
    ).toBe('allow');
  });

  test('a comment or a printed name in a program is allowed', async () => {
    expect(
      (await write('build.sh', '#!/bin/sh\n# never run terraform destroy here\nnpm ci\nnpm run build\n')).decision,
    ).toBe('allow');
    expect((await write('report.py', '# terraform destroy is not run here\nprint("terraform")\n')).decision).toBe(
      'allow',
    );
    expect((await write('scripts/log.js', "console.log('run `pulumi destroy` by hand');\n")).decision).toBe('allow');
  });

  test('scripts that read, plan or delete local files are allowed', async () => {
    expect(
      (
        await write(
          'scripts/list.py',
          'import boto3\nfor db in boto3.client("rds").describe_db_instances()["DBInstances"]:\n    print(db["DBInstanceIdentifier"])\n',
        )
      ).decision,
    ).toBe('allow');
    expect(
      (
        await write(
          'scripts/plan.py',
          'import subprocess\nsubprocess.run(["terraform", "plan", "-out=tfplan"], check=True)\n',
        )
      ).decision,
    ).toBe('allow');
    expect((await write('scripts/clean.sh', '#!/bin/sh\nrm -rf build dist .terraform\n')).decision).toBe('allow');
  });

  test('a program named like a guarded tool is still read as a program', async () => {
    expect(
      (await write('bin/cdk.js', "require('child_process').execSync('npx cdk destroy --force');\n")).decision,
    ).toBe('deny');
  });
});

describe("analyseFileWrite: the guard's own files", () => {
  test.each([
    ['.claude/settings.json', '{\n  "hooks": {}\n}\n', "Claude Code's hook settings"],
    ['.claude/settings.local.json', '{ "disableAllHooks": true }\n', "Claude Code's local hook settings"],
    ['.deadbolt/hooks/claude-code.sh', '#!/bin/sh\nexit 0\n', "Deadbolt's guard scripts"],
    ['deadbolt.config.json', '{}\n', "Deadbolt's production markers"],
    ['.cursor/hooks.json', '{ "version": 1, "hooks": {} }\n', "Cursor's hook settings"],
    ['.codex/config.toml', '[features]\ncodex_hooks = false\n', "Codex CLI's configuration"],
    ['.github/hooks/allow-all.json', '{ "version": 1, "hooks": {} }\n', 'GitHub Copilot'],
    ['/home/dev/.gemini/settings.json', '{}\n', "Gemini CLI's hook settings"],
  ])('writing %s is denied, whatever it says', async (file, content, role) => {
    const a = await write(file, content);
    expect(a.decision).toBe('deny');
    expect(a.reason).toContain(role);
    expect(a.reason).toContain('an agent must not edit its own guard');
    expect(a.reason).toContain(' Instead: a person makes this change');
  });

  test('files beside them are ordinary: commands, agents, workflows', async () => {
    expect((await write('.claude/commands/deploy.md', 'Run `npm run deploy`.\n')).decision).toBe('allow');
    expect(
      (
        await write(
          '.github/workflows/ci.yml',
          'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
        )
      ).decision,
    ).toBe('allow');
    expect((await write('config/settings.json', '{ "hooks": {} }\n')).decision).toBe('allow');
  });
});

describe('analyseFileWrite: application code that deletes one item', () => {
  test('a Lambda handler deleting the S3 object or DynamoDB item it was given is allowed', async () => {
    expect(
      (
        await write(
          'src/cleanup_job.py',
          'import boto3\n\ndef handler(event, ctx):\n    boto3.client("s3").delete_object(Bucket="tmp-uploads", Key=event["key"])\n',
        )
      ).decision,
    ).toBe('allow');
    const ttl =
      "import { DynamoDBClient, DeleteItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async (e: { id: string }) => {\n  await db.send(new DeleteItemCommand({ TableName: 'sessions', Key: { id: { S: e.id } } }));\n};\n";
    expect((await write('lambda/ttl.ts', ttl)).decision).toBe('allow');
  });

  test('a script emptying a bucket object by object still asks', async () => {
    const program =
      "import boto3\ns3 = boto3.client('s3')\nfor o in s3.list_objects_v2(Bucket='prod-assets')['Contents']:\n    s3.delete_object(Bucket='prod-assets', Key=o['Key'])\n";
    expect((await write('scripts/empty.py', program)).decision).toBe('ask');
  });
});

describe('analyseFileWrite: programs that run their arguments', () => {
  test('a wrapper passing its arguments to a guarded tool asks: a later run may pass anything', async () => {
    expect(
      (
        await write(
          'scripts/tf.py',
          "import sys, subprocess\nsubprocess.run(['terraform'] + sys.argv[1:], check=True)\n",
        )
      ).decision,
    ).toBe('ask');
    expect(
      (
        await write(
          'scripts/tf.mjs',
          "import { spawnSync } from 'node:child_process';\nspawnSync('terraform', process.argv.slice(2), { stdio: 'inherit' });\n",
        )
      ).decision,
    ).toBe('ask');
  });

  test('a wrapper around a harmless tool is allowed', async () => {
    expect(
      (
        await write(
          'scripts/lint.py',
          "import sys, subprocess\nsubprocess.run(['ruff', 'check'] + sys.argv[1:], check=True)\n",
        )
      ).decision,
    ).toBe('allow');
  });
});
