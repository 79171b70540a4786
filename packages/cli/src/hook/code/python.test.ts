/**
 * The Python reader, end to end: a program file or inline code run by
 * `python`, through the hook's analysis, with the decision it must give.
 */
import { analyseCommand } from '../analyse';
import { readPython } from './python';

const CWD = '/srv/app';

async function decide(
  program: string,
  command = 'python3 scripts/job.py',
): Promise<{ decision: string; reason?: string }> {
  const files: Record<string, string> = { [`${CWD}/scripts/job.py`]: program };
  return analyseCommand(command, { cwd: CWD, env: {}, readFile: (f) => files[f] });
}

describe('python reader: boto3 calls that delete or unprotect data', () => {
  test.each([
    [
      'a client call',
      'import boto3\n\nrds_client = boto3.client("rds")\nresponse = rds_client.delete_db_instance(\n    DBInstanceIdentifier="blogdb",\n    SkipFinalSnapshot=True,\n    DeleteAutomatedBackups=True,\n)\nprint(response)\n',
    ],
    [
      'an identifier from the command line',
      'import sys\nimport boto3\n\ndb = sys.argv[1]\nrds = boto3.client("rds")\ntry:\n    rds.delete_db_instance(DBInstanceIdentifier=db, SkipFinalSnapshot=True)\nexcept Exception as error:\n    print(error)\n',
    ],
    [
      'a session client in a Lambda handler',
      'import os\nimport boto3\n\nsession = boto3.session.Session(profile_name="prod")\n\ndef lambda_handler(event, context):\n    client = session.client("rds", region_name="eu-west-1")\n    client.delete_db_cluster(DBClusterIdentifier=os.environ["CLUSTER"], SkipFinalSnapshot=True)\n',
    ],
    [
      'deletion protection switched off',
      'import boto3\nboto3.client("rds").modify_db_instance(DBInstanceIdentifier="prod", DeletionProtection=False, ApplyImmediately=True)\n',
    ],
    [
      'backups switched off',
      'import boto3\nrds = boto3.client("rds")\nrds.modify_db_instance(DBInstanceIdentifier="prod", BackupRetentionPeriod=0)\n',
    ],
    [
      'a DynamoDB table through the resource API',
      'import boto3\n\ndynamodb = boto3.resource("dynamodb", region_name="us-east-1")\ntable = dynamodb.Table("Orders")\ntable.delete()\ntable.wait_until_not_exists()\n',
    ],
    [
      'a bucket emptied, then deleted',
      'import boto3\n\ns3 = boto3.resource("s3")\nbucket = s3.Bucket("prod-assets")\nbucket.object_versions.all().delete()\nbucket.delete()\n',
    ],
    [
      'versioning suspended',
      'import boto3\ns3 = boto3.client("s3")\ns3.put_bucket_versioning(Bucket="b", VersioningConfiguration={"Status": "Suspended"})\n',
    ],
    [
      'versioning suspended through the resource API',
      'import boto3\nboto3.resource("s3").Bucket("b").Versioning().suspend()\n',
    ],
    [
      'a KMS key scheduled for deletion',
      'import boto3\nkms = boto3.client("kms")\nkms.schedule_key_deletion(KeyId="alias/prod", PendingWindowInDays=7)\n',
    ],
    [
      'a recovery point',
      'import boto3\nbackup = boto3.client("backup")\nfor rp in backup.list_recovery_points_by_backup_vault(BackupVaultName="v")["RecoveryPoints"]:\n    backup.delete_recovery_point(BackupVaultName="v", RecoveryPointArn=rp["RecoveryPointArn"])\n',
    ],
    ['a stack', 'import boto3\ncfn = boto3.client("cloudformation")\ncfn.delete_stack(StackName="prod-data")\n'],
    [
      'a client held on self',
      'import boto3\n\nclass Cleaner:\n    def __init__(self):\n        self.ddb = boto3.client("dynamodb")\n\n    def run(self, name):\n        self.ddb.delete_table(TableName=name)\n',
    ],
    [
      'a client from a keyword argument',
      'import boto3\nc = boto3.client(service_name="dynamodb")\nc.delete_table(TableName="T")\n',
    ],
  ])('%s is denied', async (_about, program) => {
    const a = await decide(program);
    expect(a.decision).toBe('deny');
    expect(a.reason).toMatch(/runs `.*`/);
  });

  test.each([
    [
      'a condition computed at run time',
      'import boto3, sys\nc = boto3.client("rds")\nc.modify_db_instance(DBInstanceIdentifier="p", DeletionProtection=sys.argv[1] == "off")\n',
    ],
    [
      'parameters passed as **kwargs',
      'import boto3\nparams = load()\nboto3.client("dynamodb").update_table(**params)\n',
    ],
    [
      'a client whose service is computed',
      'import boto3, os\nc = boto3.client(os.environ["SERVICE"])\nc.delete_table(TableName="T")\n',
    ],
    [
      'an AWS operation on an object from a helper',
      'import boto3\nfrom utils import get_rds_client\n\nrds = get_rds_client("eu-west-1")\nrds.delete_db_instance(DBInstanceIdentifier="x")\n',
    ],
    [
      'objects deleted one by one in a nested helper (the catalogue asks for a single object)',
      'import boto3\n\ndef delete_bucket(name):\n    s3_bucket = boto3.resource("s3").Bucket(name)\n\n    def clean_up():\n        for obj in s3_bucket.objects.all():\n            obj.delete()\n\n    clean_up()\n',
    ],
    [
      'a secret scheduled for deletion (recoverable)',
      'import boto3\nboto3.client("secretsmanager").delete_secret(SecretId="s")\n',
    ],
  ])('%s asks', async (_about, program) => {
    expect((await decide(program)).decision).toBe('ask');
  });

  test.each([
    [
      'a report that only describes',
      'import boto3\n\nrds = boto3.client("rds")\nfor db in rds.describe_db_instances()["DBInstances"]:\n    print(db["DBInstanceIdentifier"], db["DeletionProtection"])\n',
    ],
    [
      'protection switched on',
      'import boto3\nboto3.client("rds").modify_db_instance(DBInstanceIdentifier="prod", DeletionProtection=True)\n',
    ],
    [
      'versioning enabled',
      'import boto3\nboto3.client("s3").put_bucket_versioning(Bucket="b", VersioningConfiguration={"Status": "Enabled"})\n',
    ],
    [
      'an item deleted (application data, not a data store)',
      'import boto3\ntable = boto3.resource("dynamodb").Table("Sessions")\ntable.delete_item(Key={"id": "42"})\n',
    ],
    ['an upload', 'import boto3\nboto3.client("s3").upload_file("dist/app.zip", "artifacts", "app.zip")\n'],
    [
      'local files deleted',
      'import os, shutil\nshutil.rmtree("build", ignore_errors=True)\nos.remove("coverage.xml")\n',
    ],
    ['a Django model deleted', 'from myapp.models import Order\nOrder.objects.filter(stale=True).delete()\n'],
  ])('%s is allowed', async (_about, program) => {
    expect((await decide(program)).decision).toBe('allow');
  });
});

describe('python reader: processes started from argument lists and strings', () => {
  test.each([
    [
      'subprocess.run with a list',
      'import subprocess\nsubprocess.run(["terraform", "destroy", "-auto-approve"], check=True, cwd="infra")\n',
    ],
    [
      'a constant program name',
      'import subprocess\nTF = "terraform"\nsubprocess.check_call([TF, "-chdir=infra", "destroy", "-auto-approve"])\n',
    ],
    [
      'a helper called with the command',
      'import subprocess\n\ndef run(cmd, **kwargs):\n    print("+", " ".join(cmd))\n    return subprocess.run(cmd, check=True, **kwargs)\n\nrun(["terraform", "init"])\nrun(["terraform", "destroy", "-auto-approve"])\n',
    ],
    [
      'a loop over literal commands',
      'import subprocess\nfor args in [["init"], ["destroy", "-auto-approve"]]:\n    subprocess.run(["terraform", *args], check=True)\n',
    ],
    [
      'shell=True',
      'import subprocess\nsubprocess.run("cd infra && terraform destroy -auto-approve", shell=True, check=True)\n',
    ],
    [
      'an f-string with a known value',
      'import subprocess\nstack = "prod"\nsubprocess.run(f"pulumi destroy --yes --stack {stack}", shell=True)\n',
    ],
    ['os.system', 'import os\nos.system("cdk destroy --force")\n'],
    ['os.execvp', 'import os\nos.execvp("terraform", ["terraform", "destroy", "-auto-approve"])\n'],
    [
      'asyncio',
      'import asyncio\n\nasync def main():\n    proc = await asyncio.create_subprocess_exec("pulumi", "destroy", "--yes")\n    await proc.wait()\n\nasyncio.run(main())\n',
    ],
    ['shlex.split', 'import shlex, subprocess\nsubprocess.Popen(shlex.split("terraform destroy -auto-approve"))\n'],
    ['the sh library', 'import sh\nsh.terraform("destroy", "-auto-approve", _cwd="infra")\n'],
    ['plumbum', 'from plumbum import local\nterraform = local["terraform"]\nterraform["destroy", "-auto-approve"]()\n'],
    ['invoke tasks', 'from invoke import task\n\n@task\ndef nuke(c):\n    c.run("terraform destroy -auto-approve")\n'],
    ['exec of literal code', 'exec("import os; os.system(\'terraform destroy\')")\n'],
    ['an alias import', 'from subprocess import run as sh\nsh(["cdk", "destroy", "--force"])\n'],
  ])('%s that destroys is denied', async (_about, program) => {
    expect((await decide(program)).decision).toBe('deny');
  });

  test('a computed command in a program that names a guarded tool asks', async () => {
    expect(
      (
        await decide(
          'import subprocess, sys\naction = sys.argv[1]\nsubprocess.run(["terraform", action, "-auto-approve"])\n',
        )
      ).decision,
    ).toBe('ask');
    expect(
      (
        await decide(
          'import subprocess\ncmd = input("command: ")\nsubprocess.run(cmd, shell=True)\nprint("uses terraform")\n',
        )
      ).decision,
    ).toBe('ask');
  });

  test.each([
    ['a plan', 'import subprocess\nsubprocess.run(["terraform", "plan", "-out=tfplan"], check=True)\n'],
    [
      'git and npm',
      'import subprocess\nsha = subprocess.check_output(["git", "rev-parse", "HEAD"]).decode().strip()\nsubprocess.run("npm ci && npm run build", shell=True, check=True)\n',
    ],
    [
      'a computed command in a program that names no guarded tool',
      'import subprocess, sys\nsubprocess.run(sys.argv[1:], check=True)\n',
    ],
    [
      'a tool name in a comment and a print',
      '# run terraform destroy by hand\nprint("terraform destroy is disabled here")\n',
    ],
  ])('%s is allowed', async (_about, program) => {
    expect((await decide(program)).decision).toBe('allow');
  });
});

describe('python reader: Pulumi Automation API and python_terraform', () => {
  test.each([
    [
      'stack.destroy()',
      'from pulumi import automation as auto\n\nstack = auto.create_or_select_stack(stack_name="dev", project_name="p", program=lambda: None)\nstack.destroy(on_output=print)\n',
    ],
    [
      'stack.up() (applies without a preview)',
      'import pulumi.automation as auto\nstack = auto.select_stack(stack_name="prod", work_dir="infra")\nstack.up(on_output=print)\n',
    ],
    [
      'workspace.remove_stack()',
      'from pulumi.automation import LocalWorkspace\nws = LocalWorkspace(work_dir="infra")\nws.remove_stack("prod")\n',
    ],
    [
      'Terraform().destroy()',
      'from python_terraform import Terraform\ntf = Terraform(working_dir="infra")\ntf.destroy(capture_output=False)\n',
    ],
    [
      'Terraform().apply(skip_plan=True)',
      'from python_terraform import Terraform\nTerraform(working_dir="infra").apply(skip_plan=True)\n',
    ],
  ])('%s is denied', async (_about, program) => {
    expect((await decide(program)).decision).toBe('deny');
  });

  test('a preview and a refresh are allowed', async () => {
    expect(
      (
        await decide(
          'from pulumi import automation as auto\nstack = auto.select_stack(stack_name="dev", work_dir=".")\nstack.refresh(on_output=print)\nprint(stack.preview().change_summary)\n',
        )
      ).decision,
    ).toBe('allow');
  });
});

describe('python reader: inline code', () => {
  test.each([
    [`python -c 'print("terraform")'`, 'allow'],
    [`python3 -c "import json,sys; print(json.load(sys.stdin)['pulumi'])"`, 'allow'],
    [`python3 -c "import subprocess; subprocess.run(['terraform', 'fmt', '-check'])"`, 'allow'],
    [`python3 -c "import boto3; boto3.client('dynamodb').delete_table(TableName='Orders')"`, 'deny'],
    [`python3 -c "import os; os.system('ter' 'raform destroy')"`, 'deny'],
    [`python3 -c "import os,sys; os.system(sys.argv[1])" ls`, 'ask'],
  ])('%s → %s', async (command, expected) => {
    expect((await decide('', command)).decision).toBe(expected);
  });
});

describe('python reader: bounds', () => {
  test('a program with a syntax error still yields what it can read', async () => {
    const reading = await readPython('import subprocess\nsubprocess.run(["terraform", "destroy"])\ndef broken(:\n');
    expect(reading?.effects.some((e) => e.kind === 'argv' && e.argv.join(' ') === 'terraform destroy')).toBe(true);
    expect(reading?.incomplete).toBeDefined();
  });

  test('deep recursion between functions stops', async () => {
    const reading = await readPython(
      'import subprocess\ndef a(x):\n    b(x)\ndef b(x):\n    a(x)\n    subprocess.run(x)\na(["ls"])\n',
    );
    expect(reading).toBeDefined();
  });

  test('a program too large to parse falls back to reading its strings, failing closed', async () => {
    const program = `import subprocess\n${'x = [1, 2, 3]\n'.repeat(30_000)}subprocess.run(["terraform", "destroy"])\n`;
    const started = Date.now();
    expect((await decide(program)).decision).not.toBe('allow');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test('the walk stops at its budget: what it could not read asks when the program names a tool', async () => {
    const program = `import subprocess\n${'subprocess.run(["ls", "-l"])\n'.repeat(2_000)}subprocess.run(["terraform", x])\n`;
    expect(['ask', 'deny']).toContain((await decide(program)).decision);
  });
});

describe('python reader: hostile input', () => {
  test('deeply nested expressions end the reading instead of the process', async () => {
    const program = `import os\nx = ${'('.repeat(5_000)}1${')'.repeat(5_000)}\nos.system("terraform destroy")\n`;
    const reading = await readPython(program);
    expect(reading).toBeDefined();
    expect(['ask', 'deny']).toContain((await decide(program)).decision);
  });
});

describe('python reader: boto3 resource collections iterated, then deleted', () => {
  test.each([
    [
      'every DynamoDB table',
      "import boto3\ndynamo = boto3.resource('dynamodb')\nfor table in dynamo.tables.all():\n    print('deleting', table.name)\n    table.delete()\n",
    ],
    ['a one-line loop', "import boto3\nfor t in boto3.resource('dynamodb').tables.all(): t.delete()\n"],
    [
      'every bucket, emptied first',
      "import boto3\ns3 = boto3.resource('s3')\nfor b in s3.buckets.all():\n    b.objects.all().delete()\n    b.delete()\n",
    ],
    [
      'a filtered collection',
      "import boto3\nfor b in boto3.resource('s3').buckets.filter():\n    if b.name.startswith('tmp-'):\n        b.delete()\n",
    ],
    ['a comprehension', "import boto3\n[t.delete() for t in boto3.resource('dynamodb').tables.all()]\n"],
    [
      'every RDS instance from a describe call',
      "import boto3\nrds_client = boto3.client('rds')\nfor i in rds_client.describe_db_instances()['DBInstances']:\n    rds_client.delete_db_instance(DBInstanceIdentifier=i['DBInstanceIdentifier'], SkipFinalSnapshot=True)\n",
    ],
    [
      'every table from a paginator',
      "import boto3\nc = boto3.client('dynamodb')\nfor page in c.get_paginator('list_tables').paginate():\n    for name in page['TableNames']:\n        c.delete_table(TableName=name)\n",
    ],
  ])('%s is denied', async (_about, program) => {
    const a = await decide(program);
    expect(a.decision).toBe('deny');
    expect(a.reason).toMatch(/runs `.*delete/);
  });

  test('listing the collections is allowed', async () => {
    expect(
      (
        await decide(
          "import boto3\nfor t in boto3.resource('dynamodb').tables.all():\n    print(t.name, t.item_count)\n",
        )
      ).decision,
    ).toBe('allow');
  });
});

describe('python reader: one S3 object is routine, many are not', () => {
  test('a Lambda handler deleting the object it was given is allowed', async () => {
    expect(
      (
        await decide(
          'import boto3\n\ns3 = boto3.client("s3")\n\ndef handler(event, context):\n    s3.delete_object(Bucket="tmp-uploads", Key=event["key"])\n    return {"ok": True}\n',
        )
      ).decision,
    ).toBe('allow');
    expect(
      (await decide("import boto3\nboto3.resource('s3').Object('tmp-uploads', 'report.csv').delete()\n")).decision,
    ).toBe('allow');
  });

  test('deleting objects in a loop, a batch or a version still asks or denies', async () => {
    expect(
      (
        await decide(
          "import boto3\ns3 = boto3.client('s3')\nfor page in s3.get_paginator('list_objects_v2').paginate(Bucket='b'):\n    for o in page.get('Contents', []):\n        s3.delete_object(Bucket='b', Key=o['Key'])\n",
        )
      ).decision,
    ).toBe('ask');
    expect(
      (await decide("import boto3\nboto3.client('s3').delete_object(Bucket='b', Key='k', VersionId='v1')\n")).decision,
    ).toBe('ask');
    expect(
      (await decide("import boto3\nboto3.client('s3').delete_objects(Bucket='b', Delete={'Objects': objs})\n"))
        .decision,
    ).toBe('deny');
  });
});

describe('python reader: moto-mocked tests', () => {
  test.each([
    [
      'a @mock_aws test function',
      "import boto3\nfrom moto import mock_aws\n\n@mock_aws\ndef test_delete_table():\n    c = boto3.client('dynamodb', region_name='us-east-1')\n    c.create_table(TableName='t', KeySchema=[], AttributeDefinitions=[], BillingMode='PAY_PER_REQUEST')\n    c.delete_table(TableName='t')\n",
    ],
    [
      'a @mock_aws test class',
      "import boto3\nfrom moto import mock_aws\n\n@mock_aws\nclass TestCleanup:\n    def test_rds(self):\n        boto3.client('rds', region_name='us-east-1').delete_db_instance(DBInstanceIdentifier='x', SkipFinalSnapshot=True)\n",
    ],
    [
      'moto 4 per-service decorators',
      "import boto3\nimport moto\n\n@moto.mock_s3\ndef test_bucket():\n    s3 = boto3.resource('s3')\n    s3.create_bucket(Bucket='b')\n    s3.Bucket('b').delete()\n",
    ],
    [
      'a with block',
      "import boto3\nfrom moto import mock_aws\n\ndef test_buckets():\n    with mock_aws():\n        for b in boto3.resource('s3').buckets.all():\n            b.delete()\n",
    ],
    [
      'a mock started in setUp',
      "import unittest, boto3\nfrom moto import mock_aws\n\nclass T(unittest.TestCase):\n    def setUp(self):\n        self.mock = mock_aws()\n        self.mock.start()\n\n    def test_x(self):\n        boto3.client('dynamodb', region_name='us-east-1').delete_table(TableName='t')\n",
    ],
    [
      'a fixture-provided client',
      "import boto3, pytest\nfrom moto import mock_aws\n\n@pytest.fixture\ndef ddb():\n    with mock_aws():\n        yield boto3.client('dynamodb', region_name='us-east-1')\n\ndef test_x(ddb):\n    ddb.delete_table(TableName='t')\n",
    ],
  ])('%s is allowed', async (_about, program) => {
    expect((await decide(program, 'python3 -m pytest scripts/job.py')).decision).toBe('allow');
    expect((await decide(program)).decision).toBe('allow');
  });

  test('a decorator named like moto without moto, or a mock never started, is not a mock', async () => {
    expect(
      (
        await decide(
          "import boto3\ndef mock_aws(f):\n    return f\n\n@mock_aws\ndef main():\n    boto3.client('dynamodb').delete_table(TableName='prod')\n\nmain()\n",
        )
      ).decision,
    ).toBe('deny');
    expect(
      (
        await decide(
          "import boto3\nfrom moto import mock_aws\nmock_aws()\nboto3.client('dynamodb').delete_table(TableName='prod')\n",
        )
      ).decision,
    ).toBe('deny');
    expect(
      (
        await decide(
          "import boto3\nfrom moto import mock_aws\n\n@mock_aws\ndef test_x():\n    pass\n\nboto3.client('dynamodb').delete_table(TableName='prod')\n",
        )
      ).decision,
    ).toBe('deny');
  });
});

describe('python reader: a program that runs its own arguments', () => {
  test.each([
    [
      'sys.argv[1:]',
      'import sys, subprocess\nsubprocess.run(sys.argv[1:])\n',
      'python3 scripts/job.py terraform destroy -auto-approve',
    ],
    [
      'a tool with argv appended',
      "import sys, subprocess\nsubprocess.run(['terraform'] + sys.argv[1:], check=True)\n",
      'python3 scripts/job.py destroy -auto-approve',
    ],
    [
      'argv joined for the shell',
      "import sys, subprocess\nsubprocess.run(' '.join(sys.argv[1:]), shell=True)\n",
      'python3 scripts/job.py terraform destroy -auto-approve',
    ],
    [
      'argv unpacked',
      'import sys, subprocess\n_, tool, *rest = sys.argv\nsubprocess.check_call([tool, *rest])\n',
      'python3 scripts/job.py cdk destroy --force',
    ],
    [
      'from sys import argv',
      'from sys import argv\nimport os\nos.execvp(argv[1], argv[1:])\n',
      'python3 scripts/job.py pulumi destroy --yes',
    ],
  ])('%s: the arguments on the command line are judged', async (_about, program, command) => {
    const a = await decide(program, command);
    expect(a.decision).toBe('deny');
    expect(a.reason).toMatch(/destroy/);
  });

  test('a computed command asks when the command line names a guarded tool, and only then', async () => {
    const program = "import subprocess\nsubprocess.run(input('command: '), shell=True)\n";
    expect((await decide(program, 'python3 scripts/job.py terraform destroy')).decision).toBe('ask');
    expect((await decide(program, 'python3 scripts/job.py')).decision).toBe('allow');
    expect(
      (
        await decide(
          "import subprocess\ncmd = open('cmd.txt').read()\nsubprocess.run(cmd, shell=True)\n",
          'python3 scripts/job.py --verbose',
        )
      ).decision,
    ).toBe('allow');
  });

  test('harmless arguments are allowed', async () => {
    expect(
      (await decide('import sys, subprocess\nsubprocess.run(sys.argv[1:])\n', 'python3 scripts/job.py ls -la'))
        .decision,
    ).toBe('allow');
    expect(
      (await decide('import sys, subprocess\nsubprocess.run(sys.argv[1:])\n', 'python3 scripts/job.py terraform plan'))
        .decision,
    ).toBe('allow');
  });
});

describe('python reader: database drivers', () => {
  test.each([
    [
      'psycopg2 against an RDS host',
      'import psycopg2\nconn = psycopg2.connect(host="prod-db.cluster-abc.us-east-1.rds.amazonaws.com", dbname="app")\nconn.cursor().execute("DROP TABLE users")\nconn.commit()\n',
    ],
    [
      'a cursor in a with block',
      "import psycopg\nwith psycopg.connect('postgresql://app@db.prod.internal/app') as conn:\n    with conn.cursor() as cur:\n        cur.execute('TRUNCATE events')\n",
    ],
    [
      'SQLAlchemy text()',
      "from sqlalchemy import create_engine, text\nengine = create_engine('postgresql+psycopg2://u:p@db.prod.example.com/app')\nwith engine.connect() as conn:\n    conn.execute(text('DROP SCHEMA public CASCADE'))\n",
    ],
    [
      'asyncpg',
      "import asyncio, asyncpg\n\nasync def main():\n    conn = await asyncpg.connect('postgresql://u@prod.internal/app')\n    await conn.execute('DROP TABLE users')\n\nasyncio.run(main())\n",
    ],
    [
      'PyMySQL',
      "import pymysql\nc = pymysql.connect(host='mysql.prod.internal', user='admin')\nc.cursor().execute('DROP DATABASE app')\n",
    ],
    [
      'a server from the environment',
      "import os, psycopg2\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\ncur = conn.cursor()\nfor t in ['orders', 'users']:\n    cur.execute(f'DROP TABLE {t}')\n",
    ],
  ])('%s asks', async (_about, program) => {
    const a = await decide(program);
    expect(a.decision).toBe('ask');
    // The command that does the same, naming the variable when the server comes from the environment.
    expect(a.reason).toMatch(/\(the same as `(psql|mysql) |\(`psql "\$DATABASE_URL"/);
  });

  test.each([
    [
      'a local server',
      "import psycopg2\nconn = psycopg2.connect(host='localhost', dbname='app_test')\nwith conn.cursor() as cur:\n    cur.execute('TRUNCATE users')\n",
    ],
    [
      'SQLite through SQLAlchemy',
      "from sqlalchemy import create_engine, text\nengine = create_engine('sqlite:///test.db')\nwith engine.connect() as conn:\n    conn.execute(text('DROP TABLE users'))\n",
    ],
    [
      'everyday queries against production',
      "import os, psycopg2\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\nwith conn, conn.cursor() as cur:\n    cur.execute('SELECT * FROM users WHERE id = %s', (1,))\n    cur.execute(query, params)\n    cur.execute('DELETE FROM sessions WHERE expires_at < now()')\n",
    ],
  ])('%s is allowed', async (_about, program) => {
    expect((await decide(program)).decision).toBe('allow');
  });
});

describe('python reader: other clouds and Kubernetes', () => {
  test.each([
    [
      'a Cloud Storage bucket deleted with its objects',
      "from google.cloud import storage\nstorage.Client().bucket('prod-assets').delete(force=True)\n",
      'gcloud storage rm --recursive gs://prod-assets',
    ],
    [
      'a Cloud Storage bucket deleted',
      "from google.cloud import storage\nclient = storage.Client()\nbucket = client.get_bucket('prod-assets')\nbucket.delete()\n",
      'gcloud storage buckets delete gs://prod-assets',
    ],
    [
      'an Azure SQL database',
      "from azure.identity import DefaultAzureCredential\nfrom azure.mgmt.sql import SqlManagementClient\nclient = SqlManagementClient(DefaultAzureCredential(), subscription_id)\nclient.databases.begin_delete('rg', 'sql-prod', 'orders').result()\n",
      'az sql db delete',
    ],
    [
      'an Azure storage account',
      "from azure.mgmt.storage import StorageManagementClient\nclient = StorageManagementClient(credential, subscription_id)\nclient.storage_accounts.delete('rg', 'prodassets')\n",
      'az storage account delete',
    ],
    [
      'a BigQuery dataset with its tables',
      "from google.cloud import bigquery\nclient = bigquery.Client()\nclient.delete_dataset('analytics', delete_contents=True, not_found_ok=True)\n",
      'bq rm -f -r -d analytics',
    ],
    [
      'a Kubernetes namespace',
      "from kubernetes import client, config\nconfig.load_kube_config()\nclient.CoreV1Api().delete_namespace('prod')\n",
      'kubectl delete namespace prod',
    ],
    [
      'a Kubernetes claim',
      "from kubernetes import client, config\nconfig.load_kube_config()\nv1 = client.CoreV1Api()\nv1.delete_namespaced_persistent_volume_claim(name='data-db-0', namespace='prod')\n",
      'kubectl delete persistentvolumeclaim data-db-0',
    ],
  ])('%s is denied', async (_about, program, same) => {
    const a = await decide(program);
    expect(a.decision).toBe('deny');
    expect(a.reason).toContain(`the same as \`${same}`);
  });

  test.each([
    [
      'one Cloud Storage object',
      "from google.cloud import storage\nstorage.Client().bucket('uploads').blob('a.txt').delete()\n",
    ],
    [
      'listing Azure storage accounts',
      'from azure.mgmt.storage import StorageManagementClient\nclient = StorageManagementClient(credential, subscription_id)\nfor account in client.storage_accounts.list():\n    print(account.name)\n',
    ],
    [
      'a BigQuery query',
      "from google.cloud import bigquery\nrows = bigquery.Client().query('SELECT count(*) FROM analytics.events').result()\n",
    ],
    [
      'a Kubernetes pod restarted',
      "from kubernetes import client, config\nconfig.load_kube_config()\nclient.CoreV1Api().delete_namespaced_pod('web-0', 'prod')\n",
    ],
  ])('%s is allowed', async (_about, program) => {
    expect((await decide(program)).decision).toBe('allow');
  });
});

describe('python reader: more ways to run a process or an operation', () => {
  test('getattr with an operation name the program spells out', async () => {
    expect(
      (await decide("import boto3\nop = 'delete_table'\ngetattr(boto3.client('dynamodb'), op)(TableName='t')\n"))
        .decision,
    ).not.toBe('allow');
    expect(
      (await decide("import boto3\nitems = getattr(boto3.client('dynamodb'), 'scan')(TableName='t')\n")).decision,
    ).toBe('allow');
  });

  test('pty.spawn and runpy run what they are given', async () => {
    expect((await decide("import pty\npty.spawn(['terraform', 'destroy', '-auto-approve'])\n")).decision).toBe('deny');
    expect((await decide("import pty\npty.spawn('/bin/bash')\n")).decision).toBe('allow');
    const files: Record<string, string> = {
      [`${CWD}/scripts/job.py`]: "import runpy\nrunpy.run_path('scripts/nuke.py')\n",
      [`${CWD}/scripts/nuke.py`]:
        "import boto3\nboto3.client('rds').delete_db_cluster(DBClusterIdentifier='prod', SkipFinalSnapshot=True)\n",
    };
    expect(
      (await analyseCommand('python3 scripts/job.py', { cwd: CWD, env: {}, readFile: (f) => files[f] })).decision,
    ).toBe('deny');
  });
});

describe('python reader: hostile input to the new readers', () => {
  test('a program using boto3 that cannot be read to the end asks', async () => {
    const program = `import boto3\nx = ${'('.repeat(2_000)}1${')'.repeat(2_000)}\nboto3.client('dynamodb').delete_table(TableName='prod')\n`;
    expect((await decide(program)).decision).not.toBe('allow');
  });

  test('long dotted names in a moto program are read quickly', async () => {
    const program = `import boto3\nfrom moto import mock_aws\nx = ${'a.'.repeat(25_000)}b\nboto3.client('dynamodb').delete_table(TableName='prod')\n`;
    const started = Date.now();
    expect((await decide(program)).decision).not.toBe('allow');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
