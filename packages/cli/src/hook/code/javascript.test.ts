/**
 * The JavaScript/TypeScript reader, end to end: a program file or inline code
 * run by `node`, `tsx`, `deno` or `bun`, through the hook's analysis.
 */
import { analyseCommand } from '../analyse';

const CWD = '/srv/app';

async function decide(
  program: string,
  file = 'scripts/job.ts',
  command = `npx tsx ${file}`,
): Promise<{ decision: string; reason?: string }> {
  const files: Record<string, string> = { [`${CWD}/${file}`]: program };
  return analyseCommand(command, { cwd: CWD, env: {}, readFile: (f) => files[f] });
}

describe('javascript reader: AWS SDK calls that delete or unprotect data', () => {
  test.each([
    [
      'v3: a command sent by a client',
      "import { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';\n\nconst client = new DynamoDBClient({ region: process.env.AWS_REGION });\n\nexport const deleteTable = async (tableName: string) => {\n  await client.send(new DeleteTableCommand({ TableName: tableName }));\n  console.log(`table ${tableName} deleted`);\n};\n",
    ],
    [
      'v3: a command built first, sent later',
      "const { RDSClient, DeleteDBClusterCommand } = require('@aws-sdk/client-rds');\nconst client = new RDSClient({});\nasync function main() {\n  const params = { DBClusterIdentifier: 'prod', SkipFinalSnapshot: true };\n  const command = new DeleteDBClusterCommand(params);\n  await client.send(command);\n}\nmain();\n",
    ],
    [
      'v3: deletion protection switched off',
      "import { RDSClient, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';\nconst rds = new RDSClient({});\nawait rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'prod', DeletionProtection: false, ApplyImmediately: true }));\n",
    ],
    [
      'v3: versioning suspended',
      "import { S3Client, PutBucketVersioningCommand } from '@aws-sdk/client-s3';\nawait new S3Client({}).send(new PutBucketVersioningCommand({ Bucket: 'b', VersioningConfiguration: { Status: 'Suspended' } }));\n",
    ],
    [
      'v3: an aggregated client',
      "import { RDS } from '@aws-sdk/client-rds';\nconst rds = new RDS({ region: 'eu-west-1' });\nawait rds.deleteDBInstance({ DBInstanceIdentifier: 'prod', SkipFinalSnapshot: true });\n",
    ],
    [
      'v2: a service object',
      "const AWS = require('aws-sdk');\nconst dynamodb = new AWS.DynamoDB({ region: 'us-east-1' });\ndynamodb.deleteTable({ TableName: 'notes' }, (err, data) => console.log(err, data));\n",
    ],
    [
      'v2: a per-service import and .promise()',
      "import S3 from 'aws-sdk/clients/s3';\nconst s3 = new S3();\nawait s3.deleteBucket({ Bucket: 'prod-assets' }).promise();\n",
    ],
    [
      'v3: KMS key deletion',
      "import { KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';\nawait new KMSClient({}).send(new ScheduleKeyDeletionCommand({ KeyId: 'k', PendingWindowInDays: 7 }));\n",
    ],
  ])('%s is denied', async (_about, program) => {
    const a = await decide(program);
    expect(a.decision).toBe('deny');
    expect(a.reason).toContain('aws ');
  });

  test.each([
    [
      'a condition computed at run time',
      "import { RDSClient, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';\nconst off = process.argv[2] === 'off';\nawait new RDSClient({}).send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'p', DeletionProtection: !off }));\n",
    ],
    [
      'parameters spread from elsewhere',
      "import { DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';\nimport { settings } from './settings';\nawait new DynamoDBClient({}).send(new UpdateTableCommand({ TableName: 'T', ...settings }));\n",
    ],
    [
      "a client imported from the program's own module",
      "const { dynamodb } = require('../db');\ndynamodb.deleteTable({ TableName: 'my-table' }).promise().then(() => console.log('deleted'));\n",
    ],
  ])('%s asks', async (_about, program) => {
    expect((await decide(program)).decision).toBe('ask');
  });

  test.each([
    [
      'a describe',
      "import { RDSClient, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';\nconst out = await new RDSClient({}).send(new DescribeDBInstancesCommand({}));\nconsole.log(out.DBInstances?.map((d) => d.DBInstanceIdentifier));\n",
    ],
    [
      'protection switched on',
      "import { RDSClient, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';\nawait new RDSClient({}).send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'p', DeletionProtection: true }));\n",
    ],
    [
      'an item deleted with the document client',
      "import { DynamoDBDocumentClient, DeleteCommand } from '@aws-sdk/lib-dynamodb';\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nawait doc.send(new DeleteCommand({ TableName: 'Sessions', Key: { id: '42' } }));\n",
    ],
    [
      'an object uploaded',
      "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nawait new S3Client({}).send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));\n",
    ],
  ])('%s is allowed', async (_about, program) => {
    expect((await decide(program)).decision).toBe('allow');
  });
});

describe('javascript reader: processes', () => {
  test.each([
    [
      'child_process.spawn',
      "import { spawn } from 'node:child_process';\nconst child = spawn('terraform', ['destroy', '-auto-approve'], { cwd: 'infra', stdio: 'inherit' });\nchild.on('exit', (code) => process.exit(code ?? 1));\n",
    ],
    [
      'execFileSync through a namespace',
      "import * as cp from 'child_process';\ncp.execFileSync('pulumi', ['destroy', '--yes', '--stack', 'prod'], { stdio: 'inherit' });\n",
    ],
    [
      'execSync of a string',
      "const { execSync } = require('child_process');\nexecSync('npx cdk destroy --all --force', { stdio: 'inherit' });\n",
    ],
    [
      'spawn with shell: true',
      "const cp = require('child_process');\ncp.spawn('cd infra && terraform destroy -auto-approve', { shell: true, stdio: 'inherit' });\n",
    ],
    [
      'a helper called with the command',
      "import { execSync } from 'child_process';\nconst run = (cmd: string) => execSync(cmd, { stdio: 'inherit' });\nrun('npm run build');\nrun('terraform destroy -auto-approve');\n",
    ],
    [
      'execa',
      "import { execa } from 'execa';\nawait execa('terraform', ['destroy', '-auto-approve'], { stdio: 'inherit' });\n",
    ],
    ['zx', "#!/usr/bin/env zx\nconst stack = 'prod';\nawait $`pulumi destroy --yes --stack ${stack}`;\n"],
    ['Bun shell', "import { $ } from 'bun';\nawait $`terraform -chdir=infra destroy -auto-approve`;\n"],
    ['Bun.spawn', "const proc = Bun.spawn(['terraform', 'destroy', '-auto-approve']);\nawait proc.exited;\n"],
    [
      'Deno.Command',
      "const cmd = new Deno.Command('terraform', { args: ['destroy', '-auto-approve'] });\nconst { code } = await cmd.output();\n",
    ],
    [
      'a loop over literal commands',
      "import { execFileSync } from 'child_process';\nfor (const args of [['init'], ['destroy', '-auto-approve']]) execFileSync('terraform', args);\n",
    ],
    ['eval of literal code', "eval(\"require('child_process').execSync('terraform destroy -auto-approve')\");\n"],
  ])('%s that destroys is denied', async (_about, program) => {
    expect((await decide(program)).decision).toBe('deny');
  });

  test.each([
    [
      'a plan',
      "import { execFileSync } from 'child_process';\nexecFileSync('terraform', ['plan', '-out=tfplan'], { stdio: 'inherit' });\n",
    ],
    [
      'git and npm',
      "import { execSync } from 'child_process';\nconst sha = execSync('git rev-parse HEAD').toString().trim();\nexecSync(`npm version ${sha}`);\n",
    ],
    [
      'RegExp.prototype.exec',
      "const re = /terraform (\\w+)/;\nconst m = re.exec('terraform destroy');\nconsole.log(m?.[1]);\n",
    ],
    ['a tool name in a log line', "console.log('run `pulumi destroy` by hand');\n"],
    [
      'a computed command in a program that names no guarded tool',
      "import { spawnSync } from 'child_process';\nspawnSync(process.argv[2], process.argv.slice(3), { stdio: 'inherit' });\n",
    ],
  ])('%s is allowed', async (_about, program) => {
    expect((await decide(program)).decision).toBe('allow');
  });

  test('a computed subcommand of a guarded tool asks', async () => {
    expect(
      (
        await decide(
          "import { spawnSync } from 'child_process';\nspawnSync('terraform', [process.argv[2], '-auto-approve']);\n",
        )
      ).decision,
    ).toBe('ask');
  });
});

describe('javascript reader: Pulumi Automation API', () => {
  test.each([
    [
      'stack.destroy()',
      "import { LocalWorkspace } from '@pulumi/pulumi/automation';\n\nexport async function destroy(args) {\n  const stack = await LocalWorkspace.createOrSelectStack(args);\n  console.log('Destroying stack...');\n  return stack.destroy({ onOutput: console.info });\n}\n",
    ],
    [
      'stack.up() through a namespace import',
      "import * as automation from '@pulumi/pulumi/automation';\nconst stack = await automation.LocalWorkspace.createOrSelectStack({ stackName: 'dev', workDir: './infra' });\nawait stack.up({ onOutput: console.log });\n",
    ],
    [
      'workspace.removeStack()',
      "const { LocalWorkspace } = require('@pulumi/pulumi/automation');\nasync function main() {\n  const ws = await LocalWorkspace.create({ workDir: '.' });\n  await ws.removeStack('prod');\n}\nmain();\n",
    ],
  ])('%s is denied', async (_about, program) => {
    expect((await decide(program)).decision).toBe('deny');
  });

  test('listing stacks is allowed', async () => {
    const program =
      "const { LocalWorkspace } = require('@pulumi/pulumi/automation');\nasync function run() {\n  const workspace = await LocalWorkspace.create({ workDir: '..' });\n  const stacks = await workspace.listStacks();\n  stacks.forEach((s) => console.log(s));\n}\nrun();\n";
    expect((await decide(program)).decision).toBe('allow');
  });
});

describe('javascript reader: inline code and runners', () => {
  test.each([
    [`node -e 'console.log("pulumi")'`, 'allow'],
    [`node -p "require('./package.json').scripts.destroy"`, 'allow'],
    [`node -e "require('child_process').execSync('terraform destroy -auto-approve')"`, 'deny'],
    [`bun -e "await Bun.spawn(['pulumi', 'destroy', '--yes']).exited"`, 'deny'],
    [`deno eval "new Deno.Command('terraform', { args: ['destroy'] }).outputSync()"`, 'deny'],
    [`node -e "require('child_process').execSync(process.env.CMD)"`, 'ask'],
  ])('%s → %s', async (command, expected) => {
    expect((await decide('', 'x.js', command)).decision).toBe(expected);
  });

  test.each([
    ['node scripts/job.js', 'scripts/job.js'],
    ['tsx scripts/job.ts', 'scripts/job.ts'],
    ['npx ts-node scripts/job.ts', 'scripts/job.ts'],
    ['./scripts/job.mjs', 'scripts/job.mjs'],
  ])('%s reads the file', async (command, file) => {
    const program =
      "#!/usr/bin/env node\nimport { execSync } from 'node:child_process';\nexecSync('cdk destroy --force');\n";
    expect((await decide(program, file, command)).decision).toBe('deny');
  });
});

describe('javascript reader: a program that runs its own arguments', () => {
  test.each([
    [
      'execa with process.argv',
      "import { execa } from 'execa';\nawait execa(process.argv[2], process.argv.slice(3), { stdio: 'inherit' });\n",
      'node scripts/run.mjs terraform destroy -auto-approve',
      'scripts/run.mjs',
    ],
    [
      'spawnSync with process.argv',
      "const cp = require('child_process');\ncp.spawnSync(process.argv[2], process.argv.slice(3), { stdio: 'inherit' });\n",
      'node scripts/run.js pulumi destroy --yes',
      'scripts/run.js',
    ],
    [
      'a tool with the arguments appended',
      "import { spawnSync } from 'node:child_process';\nspawnSync('terraform', process.argv.slice(2), { stdio: 'inherit' });\n",
      'npx tsx scripts/tf.ts destroy -auto-approve',
      'scripts/tf.ts',
    ],
  ])('%s: the arguments on the command line are judged', async (_about, program, command, file) => {
    const a = await decide(program, file, command);
    expect(a.decision).toBe('deny');
  });

  test('arguments taken apart by destructuring', async () => {
    const program =
      "const { spawnSync } = require('child_process');\nconst [, , cmd, ...rest] = process.argv;\nspawnSync(cmd, rest, { stdio: 'inherit' });\n";
    expect(
      (await decide(program, 'scripts/run.js', 'node scripts/run.js terraform destroy -auto-approve')).decision,
    ).toBe('deny');
    expect((await decide(program, 'scripts/run.js', 'node scripts/run.js npm test')).decision).toBe('allow');
  });

  test('harmless arguments are allowed', async () => {
    const program =
      "const cp = require('child_process');\ncp.spawnSync(process.argv[2], process.argv.slice(3), { stdio: 'inherit' });\n";
    expect((await decide(program, 'scripts/run.js', 'node scripts/run.js git status')).decision).toBe('allow');
    expect((await decide(program, 'scripts/run.js', 'node scripts/run.js')).decision).toBe('allow');
  });
});

describe('javascript reader: one S3 object is routine, many are not', () => {
  test('a Lambda handler deleting the object it was given is allowed', async () => {
    const program =
      "import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const handler = async (event) => {\n  await s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: event.key }));\n};\n";
    expect((await decide(program, 'lambda/cleanup.mjs')).decision).toBe('allow');
  });

  test('deleting objects for every key asks', async () => {
    const mapped =
      "import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nawait Promise.all(keys.map((k) => s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: k }))));\n";
    expect((await decide(mapped, 'scripts/purge.mjs')).decision).toBe('ask');
    const looped =
      "import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nfor (const k of keys) {\n  await s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: k }));\n}\n";
    expect((await decide(looped, 'scripts/purge.mjs')).decision).toBe('ask');
  });
});

describe('javascript reader: database drivers and Kubernetes', () => {
  test.each([
    [
      'pg against a remote host',
      "const { Client } = require('pg');\nconst client = new Client({ host: 'prod-db.internal', database: 'app' });\nawait client.connect();\nawait client.query('DROP TABLE users');\n",
    ],
    [
      'a pg pool from the environment',
      "import pg from 'pg';\nconst pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\nawait pool.query('TRUNCATE events');\n",
    ],
    [
      'mysql2',
      "import mysql from 'mysql2/promise';\nconst conn = await mysql.createConnection({ host: 'db.prod.example.com', user: 'root' });\nawait conn.query('DROP DATABASE shop');\n",
    ],
  ])('%s asks', async (_about, program) => {
    expect((await decide(program, 'scripts/db.mjs')).decision).toBe('ask');
  });

  test('local servers and everyday queries are allowed', async () => {
    expect(
      (
        await decide(
          "const { Client } = require('pg');\nconst c = new Client({ host: 'localhost' });\nawait c.query('DROP TABLE users');\n",
          'scripts/db.js',
        )
      ).decision,
    ).toBe('allow');
    expect(
      (
        await decide(
          "import pg from 'pg';\nconst pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\nawait pool.query('SELECT * FROM users WHERE id = $1', [id]);\nawait pool.query(sql, params);\n",
          'scripts/db.mjs',
        )
      ).decision,
    ).toBe('allow');
  });

  test('a Kubernetes namespace deleted through @kubernetes/client-node is denied; a pod is not', async () => {
    const program = (call: string) =>
      `import * as k8s from '@kubernetes/client-node';\nconst kc = new k8s.KubeConfig();\nkc.loadFromDefault();\nconst api = kc.makeApiClient(k8s.CoreV1Api);\nawait api.${call};\n`;
    const a = await decide(program("deleteNamespace({ name: 'prod' })"), 'scripts/k8s.ts');
    expect(a.decision).toBe('deny');
    expect(a.reason).toContain('kubectl delete namespace prod');
    expect(
      (await decide(program("deleteNamespacedPod({ name: 'web-0', namespace: 'prod' })"), 'scripts/k8s.ts')).decision,
    ).toBe('allow');
  });
});

describe('javascript reader: tests that mock the AWS SDK', () => {
  test('aws-sdk-client-mock and jest.mock keep SDK calls off AWS', async () => {
    const clientMock =
      "import { mockClient } from 'aws-sdk-client-mock';\nimport { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';\nconst ddbMock = mockClient(DynamoDBClient);\n\ntest('drops the table', async () => {\n  ddbMock.on(DeleteTableCommand).resolves({});\n  await new DynamoDBClient({}).send(new DeleteTableCommand({ TableName: 'Orders' }));\n});\n";
    expect((await decide(clientMock, 'test/drop.test.ts')).decision).toBe('allow');
    const jestMock =
      "jest.mock('@aws-sdk/client-rds');\nimport { RDSClient, DeleteDBInstanceCommand } from '@aws-sdk/client-rds';\n\nit('deletes', async () => {\n  await new RDSClient({}).send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'db', SkipFinalSnapshot: true }));\n});\n";
    expect((await decide(jestMock, 'test/rds.test.ts')).decision).toBe('allow');
  });

  test('the mock library imported by a script that is not a test mocks nothing', async () => {
    const program =
      "import { mockClient } from 'aws-sdk-client-mock';\nimport { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';\nawait new DynamoDBClient({}).send(new DeleteTableCommand({ TableName: 'Orders' }));\n";
    expect((await decide(program, 'scripts/drop.ts')).decision).toBe('deny');
  });
});

describe('javascript reader: Cloud Storage', () => {
  test('a bucket deleted through @google-cloud/storage is denied; one file is not', async () => {
    const a = await decide(
      "import { Storage } from '@google-cloud/storage';\nconst storage = new Storage();\nawait storage.bucket('prod-assets').delete();\n",
      'scripts/gcs.ts',
    );
    expect(a.decision).toBe('deny');
    expect(a.reason).toContain('gcloud storage buckets delete gs://prod-assets');
    expect(
      (
        await decide(
          "import { Storage } from '@google-cloud/storage';\nconst storage = new Storage();\nawait storage.bucket('uploads').file('a.txt').delete();\n",
          'scripts/gcs.ts',
        )
      ).decision,
    ).toBe('allow');
  });
});

describe('javascript reader: hostile input to the new readers', () => {
  test('a huge array pattern is read in one pass', async () => {
    const program = `const { spawnSync } = require('child_process');\nconst [${', '.repeat(5_000)}cmd, ...rest] = process.argv;\nspawnSync(cmd, rest);\n`;
    const started = Date.now();
    expect((await decide(program, 'scripts/run.js', 'node scripts/run.js terraform destroy')).decision).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
