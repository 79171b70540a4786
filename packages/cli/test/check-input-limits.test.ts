/**
 * `deadbolt check`, run as the built binary, on what a reader must not take
 * silently: keys written twice, content it cannot expand (macros, includes,
 * nested stacks from a URL), templates inside templates (local nested stacks,
 * stack set bodies), and input built to cost without bound.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deadbolt, requireBuiltBinary, type JsonReport } from './helpers';

let tmp: string;

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return name;
}

function check(...args: string[]) {
  const r = deadbolt(['check', ...args, '--format', 'json', '--account', '111111111111', '--region', 'us-east-1'], {
    cwd: tmp,
  });
  return { ...r, report: r.status === 2 ? undefined : (JSON.parse(r.stdout) as JsonReport) };
}

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-cli-limits-'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a key written twice exits 2, naming the key and the line', () => {
  test.each<[string, string, string, string]>([
    [
      'JSON: a DeletionPolicy written twice',
      'twice.json',
      '{\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance",\n      "DeletionPolicy": "Retain",\n      "DeletionPolicy": "Delete"\n    }\n  }\n}\n',
      'deadbolt: twice.json: key `DeletionPolicy` is written twice in one object (the second at line 6, column 7); a JSON reader keeps only the last, so which one is meant cannot be told.',
    ],
    [
      'JSON: a resource written twice, the second spelled with an escape',
      'escaped.json',
      '{"Resources": {"Db": {"Type": "AWS::S3::Bucket"},\n"D\\u0062": {"Type": "AWS::SNS::Topic"}}}',
      'deadbolt: escaped.json: key `Db` is written twice in one object (the second at line 2, column 1); a JSON reader keeps only the last, so which one is meant cannot be told.',
    ],
    [
      'YAML: a resource written twice',
      'twice.yaml',
      'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Retain\n  Db:\n    Type: AWS::RDS::DBInstance\n',
      'deadbolt: twice.yaml: key `Db` is written twice in one mapping (the second at line 5, column 3); YAML requires keys to be unique and readers differ on which one wins, so which one is meant cannot be told.',
    ],
    [
      'YAML: a property written twice inside a short-form !If',
      'in-if.yaml',
      'Conditions:\n  C: !Equals [a, b]\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: !If [C, {DeletionProtection: true, DeletionProtection: false}, {}]\n',
      'deadbolt: in-if.yaml: key `DeletionProtection` is written twice in one mapping (the second at line 6, column 52); YAML requires keys to be unique and readers differ on which one wins, so which one is meant cannot be told.',
    ],
    [
      'YAML: a key and the same key quoted',
      'quoted.yaml',
      "Resources:\n  Db:\n    Type: AWS::SNS::Topic\n  'Db':\n    Type: AWS::SNS::Topic\n",
      'deadbolt: quoted.yaml: key `Db` is written twice in one mapping (the second at line 4, column 3); YAML requires keys to be unique and readers differ on which one wins, so which one is meant cannot be told.',
    ],
  ])('%s', (_name, file, content, message) => {
    write(file, content);
    const r = deadbolt(['check', file], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${message}\n`);
  });

  test('a YAML mapping of 30,000 keys is checked in seconds, not minutes (the check is linear)', () => {
    const lines = ['Resources:', '  T:', '    Type: AWS::SNS::Topic', '    Metadata:'];
    for (let i = 0; i < 30_000; i++) lines.push(`      k${i}: ${i}`);
    write('wide.yaml', `${lines.join('\n')}\n`);
    const r = deadbolt(['check', 'wide.yaml'], { cwd: tmp });
    expect(r.status).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
  });
});

describe("beyond CloudFormation's quotas exits 2, at once", () => {
  test('501 resources', () => {
    const resources = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`T${i}`, { Type: 'AWS::SNS::Topic' }]));
    write('many.json', JSON.stringify({ Resources: resources }));
    const r = deadbolt(['check', 'many.json'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "deadbolt: many.json: the template has more than 500 resources, CloudFormation's limit for one template.\n",
    );
  });

  test('a template over 1 MB, unparsed; in a directory, a large file that names no Resources is skipped', () => {
    const big = JSON.stringify({
      Resources: { T: { Type: 'AWS::SNS::Topic', Metadata: { pad: 'x'.repeat(1_100_000) } } },
    });
    write('big.json', big);
    const r = deadbolt(['check', 'big.json'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `deadbolt: big.json: the file is ${big.length.toLocaleString('en-US')} bytes, over CloudFormation's 1 MB limit for a template (1,048,576 bytes), so it cannot be deployed; it is not read.\n`,
    );
    write('dir/package-lock.json', JSON.stringify({ packages: { pad: 'y'.repeat(1_100_000) } }));
    write('dir/t.yaml', 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    const dir = deadbolt(['check', 'dir'], { cwd: tmp });
    expect(dir.status).toBe(0);
    expect(dir.stderr).toBe(
      'deadbolt: note: dir/package-lock.json: skipped, not a CloudFormation template (no `Resources`).\n',
    );
  });

  test('three nested Fn::ForEach of 200 items (8 million resources once expanded)', () => {
    const items = Array.from({ length: 200 }, (_, i) => `i${i}`);
    const template = {
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        'Fn::ForEach::A': [
          'A',
          items,
          {
            'Fn::ForEach::B': [
              'B',
              items,
              { 'Fn::ForEach::C': ['C', items, { '${A}${B}${C}': { Type: 'AWS::S3::Bucket' } }] },
            ],
          },
        ],
      },
    };
    write('loops.json', JSON.stringify(template));
    const r = deadbolt(['check', 'loops.json'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "deadbolt: loops.json: the template has more than 500 resources once `Fn::ForEach` is expanded, CloudFormation's limit for one template.\n",
    );
    expect(r.ms).toBeLessThan(5_000);
  });

  test('a backup selection ARN with fourteen consecutive stars is matched in linear time', () => {
    const template = {
      Resources: {
        Table: {
          Type: 'AWS::DynamoDB::Table',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { TableName: 'orders-database-primary-table' },
        },
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v' }] },
          },
        },
        Sel: {
          Type: 'AWS::Backup::BackupSelection',
          Properties: {
            BackupPlanId: { Ref: 'Plan' },
            BackupSelection: {
              SelectionName: 's',
              IamRoleArn: 'arn:aws:iam::111111111111:role/backup',
              Resources: [`arn:aws:dynamodb:${'*'.repeat(14)}x`],
            },
          },
        },
      },
    };
    write('stars.json', JSON.stringify(template));
    const r = check('stars.json', '--rule', 'backup-cross-account-copy');
    expect(r.status).toBe(1);
    expect(r.report!.findings.map((f) => f.message)).toEqual([
      'No backup plan in the app selects this resource, so no copy of it exists in another account.',
    ]);
    expect(r.ms).toBeLessThan(5_000);
  });
});

describe('content CloudFormation expands at deploy time', () => {
  test('a macro, an include and a nested stack from a URL are error findings naming each; SAM is not', () => {
    write(
      'expands.yaml',
      `Transform: [AWS::Serverless-2016-10-31, CorpDefaults]
Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters: { Location: 's3://snippets/tables.yaml' }
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/remote.yaml' }
  Topic:
    Type: AWS::SNS::Topic
`,
    );
    const r = check('expands.yaml', '--rule', 'template-unexpanded-content');
    expect(r.status).toBe(1);
    expect(r.report!.findings.map((f) => [f.logicalId, f.severity, f.message])).toEqual([
      [
        'Remote',
        'error',
        'The nested stack\'s template (TemplateURL "https://s3.amazonaws.com/bucket/remote.yaml") was not read: it is not in the cloud assembly or a local file given to the check, so none of its resources are judged.',
      ],
      [
        'expands.yaml',
        'error',
        'macro `CorpDefaults` at Transform/1 is expanded by CloudFormation at deploy time; the check cannot see what it adds, so none of it is judged.',
      ],
      [
        'expands.yaml',
        'error',
        '`AWS::Include` of `s3://snippets/tables.yaml` at Resources/Fn::Transform is expanded by CloudFormation at deploy time; the check cannot see what it adds, so none of it is judged.',
      ],
    ]);
  });

  test('a nested stack whose TemplateURL is a local file is read with its parent: the parameters it passes resolve', () => {
    write(
      'app/parent.yaml',
      `Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/child.yaml
      Parameters: { Protect: 'true' }
`,
    );
    write(
      'app/nested/child.yaml',
      `Parameters:
  Protect: { Type: String }
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      Engine: postgres
      DeletionProtection: !Ref Protect
`,
    );
    // Given alone, or with its child: the child is read once, through its parent.
    for (const args of [['app/parent.yaml'], ['app/parent.yaml', 'app/nested/child.yaml']]) {
      const r = check(...args, '--rule', 'template-unexpanded-content', '--rule', 'rds-deletion-protection');
      expect(r.status).toBe(0);
      expect(r.report!.findings).toEqual([]);
      expect(r.report!.summary.templates).toBe(2);
    }
    // Checked on its own, the child's parameter is chosen at deploy time.
    const alone = check('app/nested/child.yaml', '--rule', 'rds-deletion-protection');
    expect(alone.report!.findings.map((f) => f.message)).toEqual([
      'DeletionProtection is {"Ref":"Protect"} and cannot be proven true: it is parameter "Protect", chosen at deploy time.',
    ]);
  });

  test('templates that nest each other exit 2', () => {
    write(
      'loop/a.yaml',
      'Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: b.yaml }\n',
    );
    write(
      'loop/b.yaml',
      'Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: a.yaml }\n',
    );
    const r = deadbolt(['check', 'loop/a.yaml'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'deadbolt: loop/b.yaml: nested stack `A` deploys loop/a.yaml, which encloses it: CloudFormation cannot create a stack that nests itself.\n',
    );
    const both = deadbolt(['check', 'loop'], { cwd: tmp });
    expect(both.status).toBe(2);
    expect(both.stderr).toBe(
      'deadbolt: loop/a.yaml: it is nested by another template given, which it nests in turn: CloudFormation cannot create stacks that nest each other.\n',
    );
  });

  test('templates that each deploy the next one twice (2^20 stacks once read) exit 2 at once', () => {
    for (let i = 0; i < 20; i++) {
      const next =
        i === 19
          ? ''
          : `  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: l${i + 1}.yaml }\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: l${i + 1}.yaml }\n`;
      write(`twice/l${i}.yaml`, `Resources:\n  T:\n    Type: AWS::SNS::Topic\n${next}`);
    }
    const r = deadbolt(['check', 'twice/l0.yaml'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^deadbolt: twice\/l\d+\.yaml: the templates deploy more than 200 nested stacks from local files, more than Deadbolt reads in one run; check the nested templates on their own\.\n$/,
    );
    expect(r.ms).toBeLessThan(5_000);
  });

  test("a stack set's YAML TemplateBody is judged, its findings inside the stack set", () => {
    write(
      'stack-set.yaml',
      `Resources:
  Baseline:
    Type: AWS::CloudFormation::StackSet
    Properties:
      StackSetName: baseline
      PermissionModel: SERVICE_MANAGED
      TemplateBody: |
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              Engine: postgres
`,
    );
    const r = check('stack-set.yaml', '--rule', 'rds-deletion-protection', '--rule', 'template-unexpanded-content');
    expect(r.status).toBe(1);
    expect(r.report!.findings.map((f) => [f.template, f.logicalId, f.path, f.message])).toEqual([
      [
        'stack-set.yaml',
        'Db',
        'Baseline/TemplateBody/Db',
        'Stack set Baseline deploys resource Db: DeletionProtection is not set (CloudFormation default: false).',
      ],
    ]);
  });
});
