/**
 * `deadbolt check`, run as the built binary: exit codes, every format, YAML
 * short forms, a real cdk.out, options, acknowledgements and hostile input.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { RULE_IDS } from '@deadbolt/rules';
import { deadbolt, requireBuiltBinary, type JsonReport } from './helpers';

let tmp: string;

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return name;
}

function json(args: readonly string[]): { status: number | null; report: JsonReport; stderr: string } {
  const r = deadbolt([...args, '--format', 'json'], { cwd: tmp });
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

/** One unprotected database, in JSON. */
const UNPROTECTED = JSON.stringify(
  {
    Resources: {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro' } },
    },
  },
  null,
  2,
);

/** Short-form tags everywhere; the database's protection depends on a parameter. */
const SHORT_FORMS_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Mappings:
  Sizes:
    us-east-1: { Class: db.t3.micro }
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      Description: !Sub 'key-\${AWS::Region}'
      KeyPolicy: { Version: '2012-10-17', Statement: [] }
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      Engine: postgres
      DBInstanceClass: !FindInMap [Sizes, !Ref AWS::Region, Class]
      KmsKeyId: !GetAtt Key.Arn
      AvailabilityZone: !Select [0, !GetAZs '']
      DBName: !Join ['', [app, !Ref Env]]
      DeletionProtection: !If [IsProd, true, false]
      Tags:
        - Key: subnet
          Value: !Select [0, !Split [',', !ImportValue shared-subnets]]
`;

/** Protection that depends on the account the template is deployed to. */
const ACCOUNT_YAML = `Conditions:
  IsProdAccount: !Equals [!Ref AWS::AccountId, '111111111111']
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DeletionProtection: !If [IsProdAccount, true, false]
`;

function acknowledged(ack: Record<string, unknown>): string {
  return JSON.stringify({
    Resources: {
      Db: {
        Type: 'AWS::RDS::DBInstance',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Metadata: { deadbolt: { acknowledge: [{ id: 'rds-deletion-protection', ...ack }] } },
        Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro' },
      },
    },
  });
}

/** GIVEN a CDK app with a Stage and NestedStacks, synthesized to tmp/cdk.out by a bare `new App()`. */
function synthCdkApp(outdir: string): void {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const top = new Stack(app, 'Top', {
    env: { account: '111111111111', region: 'us-east-1' },
    terminationProtection: true,
  });
  const scratch = new CfnDBInstance(top, 'Scratch', { engine: 'postgres', dbInstanceClass: 'db.t3.micro' });
  Validations.of(scratch).acknowledge({
    id: 'deadbolt::rds-deletion-protection',
    reason: 'Rebuilt from fixtures every night.',
  });
  const inner = new NestedStack(top, 'Inner');
  new CfnDBCluster(inner, 'Cluster', { engine: 'aurora-postgresql' });
  const stage = new Stage(app, 'Prod', { env: { account: '222222222222', region: 'eu-west-1' } });
  const data = new Stack(stage, 'Data');
  new CfnDBInstance(data, 'Db', { engine: 'postgres', dbInstanceClass: 'db.t3.micro' });
  const deep = new NestedStack(data, 'Deep');
  new CfnDBCluster(deep, 'Cluster', { engine: 'aurora-postgresql', deletionProtection: true });
  app.synth();
}

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-cli-'));
  write('unprotected.json', UNPROTECTED);
  write('short-forms.yaml', SHORT_FORMS_YAML);
  write('account.yaml', ACCOUNT_YAML);
  synthCdkApp(path.join(tmp, 'cdk.out'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('formats', () => {
  test('text: grouped by template, what/why/fix/acknowledge per finding, a summary; exit 1', () => {
    const r = deadbolt(['check', 'unprotected.json'], { cwd: tmp });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('unprotected.json');
    expect(r.stdout).toContain(
      '  error  rds-deletion-protection  Db (AWS::RDS::DBInstance)\n    DeletionProtection is not set (CloudFormation default: false).\n    Why: ',
    );
    expect(r.stdout).toMatch(
      /\n {4}Fix: Set `DeletionProtection: true` on the resource\.\n {4}Acknowledge: Metadata: \{ deadbolt: \{ acknowledge: \[\{ id: rds-deletion-protection, /,
    );
    expect(r.stdout).toMatch(/\n\d+ errors?, \d+ warnings? in 1 template \(1 resource\)\n$/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  test('json: the documented keys, the template relative to the working directory, a summary', () => {
    const { status, report } = json(['check', 'unprotected.json']);
    expect(status).toBe(1);
    const f = report.findings.find((x) => x.ruleId === 'rds-deletion-protection')!;
    expect(f).toMatchObject({
      ruleId: 'rds-deletion-protection',
      severity: 'error',
      template: 'unprotected.json',
      logicalId: 'Db',
      path: null,
      resourceType: 'AWS::RDS::DBInstance',
      message: 'DeletionProtection is not set (CloudFormation default: false).',
      fix: 'Set `DeletionProtection: true` on the resource.',
      acknowledged: null,
      line: 3,
    });
    expect(typeof f.why).toBe('string');
    expect(f.acknowledgeWith).toContain('rds-deletion-protection');
    expect(report.summary).toMatchObject({
      templates: 1,
      resources: 1,
      errors: report.findings.filter((x) => x.severity === 'error').length,
    });
  });

  test('sarif: a 2.1.0 log with the rules that ran and located results', () => {
    const r = deadbolt(['check', 'short-forms.yaml', '--format', 'sarif'], { cwd: tmp });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe('deadbolt');
    const ids = driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toEqual([...RULE_IDS]);
    const rule = driver.rules.find((x: { id: string }) => x.id === 'rds-deletion-protection');
    expect(rule.shortDescription.text).toBe('RDS databases have deletion protection on');
    expect(rule.fullDescription.text).toMatch(/\.$/);
    expect(rule.help.text).toMatch(/DeletionProtection/);
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const res of results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text).toMatch(/ Fix: /);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('short-forms.yaml');
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(typeof res.partialFingerprints['deadboltFinding/v1']).toBe('string');
    }
    const db = results.find((x: { ruleId: string }) => x.ruleId === 'rds-deletion-protection');
    expect(db.locations[0].physicalLocation.region.startLine).toBe(SHORT_FORMS_YAML.split('\n').indexOf('  Db:') + 1);
    expect(db.locations[0].logicalLocations[0]).toMatchObject({
      name: 'Db',
      fullyQualifiedName: 'Db',
      kind: 'resource',
    });
  });

  test('--output-file writes the report there and nothing to stdout; the exit code is unchanged', () => {
    const r = deadbolt(['check', 'unprotected.json', '--format', 'json', '--output-file', 'reports/out.json'], {
      cwd: tmp,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'reports/out.json'), 'utf8')).findings.length).toBeGreaterThan(0);
  });

  test('an unknown format exits 2 with one line on stderr', () => {
    const r = deadbolt(['check', 'unprotected.json', '--format', 'xml'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('deadbolt check: unknown format `xml`; use text, json, sarif.\n');
  });
});

describe('YAML with short-form tags', () => {
  test('is read; a protection behind `!If` cannot be proven', () => {
    const { status, report, stderr } = json(['check', 'short-forms.yaml']);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const f = report.findings.find((x) => x.ruleId === 'rds-deletion-protection');
    expect(f?.message).toMatch(/^DeletionProtection is \{"Fn::If":\["IsProd",true,false\]\} and cannot be proven true/);
    expect(report.findings.filter((x) => x.ruleId.startsWith('general-'))).toEqual([]);
  });

  test('a template on stdin (`-`)', () => {
    const r = deadbolt(['check', '-', '--rule', 'rds-deletion-protection', '--format', 'json'], {
      cwd: tmp,
      input: SHORT_FORMS_YAML,
    });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'rds-deletion-protection', template: null })]);
  });
});

describe('a cloud assembly (cdk.out) with a Stage and NestedStacks', () => {
  let report: JsonReport;
  let status: number | null;
  beforeAll(() => ({ status, report } = json(['check', 'cdk.out'])));

  test('every stack is checked, findings carry construct paths and CDK fixes', () => {
    expect(status).toBe(1);
    const rds = report.findings.filter((f) => f.ruleId === 'rds-deletion-protection');
    expect(Object.fromEntries(rds.map((f) => [f.path, f.severity]))).toEqual({
      'Top/Scratch': 'info',
      'Top/Inner/Cluster': 'error',
      'Prod/Data/Db': 'error',
    });
    const stage = rds.find((f) => f.path === 'Prod/Data/Db')!;
    expect(stage.template).toMatch(/^cdk\.out\/assembly-Prod\/.*\.template\.json$/);
    expect(stage.fix).toMatch(/deletionProtection: true/);
    expect(stage.acknowledgeWith).toBe(
      "Validations.of(<construct at Prod/Data/Db>).acknowledge({ id: 'deadbolt::rds-deletion-protection', reason: '<why the risk is accepted>' })",
    );
    const nested = rds.find((f) => f.path === 'Top/Inner/Cluster')!;
    expect(nested.template).toMatch(/^cdk\.out\/.*\.nested\.template\.json$/);
    expect(report.summary.templates).toBe(4);
    expect(report.findings.some((f) => f.path === 'Prod/Data/Deep/Cluster')).toBe(true);
  });

  test('an acknowledgement made with Validations.of(...).acknowledge is honoured', () => {
    const f = report.findings.find((x) => x.ruleId === 'rds-deletion-protection' && x.path === 'Top/Scratch')!;
    expect(f.acknowledged).toBe('Rebuilt from fixtures every night.');
  });
});

describe('options', () => {
  test('--account decides account-dependent values in a bare template', () => {
    const unknown = json(['check', 'account.yaml', '--rule', 'rds-deletion-protection']);
    expect(unknown.status).toBe(1);
    expect(unknown.report.findings[0].message).toMatch(/cannot be proven true/);
    const prod = json([
      'check',
      'account.yaml',
      '--rule',
      'rds-deletion-protection',
      '--account',
      '111111111111',
      '--region',
      'eu-west-1',
    ]);
    expect(prod.status).toBe(0);
    expect(prod.report.findings).toEqual([]);
  });

  test('--non-production turns errors into warnings and exits 0', () => {
    const { status, report } = json(['check', 'unprotected.json', '--non-production']);
    expect(status).toBe(0);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.severity !== 'error')).toBe(true);
  });

  test('--rule runs only the named rules; --severity overrides one', () => {
    const { status, report } = json([
      'check',
      'unprotected.json',
      '--rule',
      'rds-deletion-protection',
      '--rule',
      'general-update-replace-policy',
      '--severity',
      'rds-deletion-protection=warning',
    ]);
    expect(status).toBe(1);
    expect(Object.fromEntries(report.findings.map((f) => [f.ruleId, f.severity]))).toEqual({
      'rds-deletion-protection': 'warning',
      'general-update-replace-policy': 'error',
    });
  });

  test('--severity RULE=off turns a rule off', () => {
    const { status, report } = json([
      'check',
      'unprotected.json',
      '--rule',
      'rds-deletion-protection',
      '--severity',
      'rds-deletion-protection=off',
      '--min-retention',
      '14',
    ]);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
  });

  test.each([
    [
      ['--rule', 'no-such-rule'],
      'deadbolt check: `--rule` names unknown rule `no-such-rule`; `npx deadbolt rules` lists them.',
    ],
    [
      ['--severity', 'rds-deletion-protection=fatal'],
      'deadbolt check: `--severity rds-deletion-protection=fatal`: the level must be error, warning, info, off.',
    ],
    [['--account', '12345'], 'deadbolt check: `--account` must be a 12-digit AWS account id, got `12345`.'],
    [
      ['--min-retention', 'week'],
      'deadbolt check: `--min-retention` must be a whole number of days (1 or more), got `week`.',
    ],
    [['--frobnicate'], 'deadbolt check: unknown option `--frobnicate`. See `npx deadbolt check --help`.'],
  ])('bad usage %j exits 2', (args, message) => {
    const r = deadbolt(['check', 'unprotected.json', ...args], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
  });
});

describe('acknowledgements in template metadata', () => {
  test('with a reason: shown as acknowledged, with the reason; not an error', () => {
    write('ack.json', acknowledged({ reason: 'Scratch database.' }));
    const { status, report } = json(['check', 'ack.json', '--rule', 'rds-deletion-protection']);
    expect(status).toBe(0);
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'info', acknowledged: 'Scratch database.' })]);
    const text = deadbolt(['check', 'ack.json', '--rule', 'rds-deletion-protection'], { cwd: tmp });
    expect(text.stdout).toContain('  info  rds-deletion-protection  Db (AWS::RDS::DBInstance)  [acknowledged]');
    expect(text.stdout).toContain('    Acknowledged at Db: Scratch database.');
    expect(text.stdout).toMatch(/0 errors, 0 warnings, 1 acknowledged in 1 template/);
  });

  test.each([
    ['without a reason', {}, /has no reason/],
    ['expired', { reason: 'Until the migration.', expires: '2020-01-31' }, /expired on 2020-01-31/],
  ])('%s: refused, shown, still an error', (_name, ack, refusal) => {
    write('refused.json', acknowledged(ack));
    const { status, report } = json(['check', 'refused.json', '--rule', 'rds-deletion-protection']);
    expect(status).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        acknowledged: null,
        acknowledgementRefused: expect.stringMatching(refusal),
      }),
    ]);
  });
});

describe('acknowledgements in template metadata: rule ids, the maximum expiry', () => {
  /** `YYYY-MM-DD`, `days` from today (UTC). */
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

  test('a rule id the catalogue does not have is unreadable input (exit 2), with the closest id', () => {
    write('misspelt.json', acknowledged({ id: 'rds-deletion-protectoin', reason: 'Scratch database.' }));
    const r = deadbolt(['check', 'misspelt.json'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'misspelt.json: resource Db: `Metadata.deadbolt.acknowledge` names an unknown rule id "rds-deletion-protectoin"; did you mean `rds-deletion-protection`?',
    );
  });

  test('both id forms name the rule (the `deadbolt` metadata key already says whose id it is)', () => {
    write('prefixed.json', acknowledged({ id: 'deadbolt::rds-deletion-protection', reason: 'Scratch database.' }));
    const { status, report } = json(['check', 'prefixed.json', '--rule', 'rds-deletion-protection']);
    expect(status).toBe(0);
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  test('an expiry more than 90 days ahead is refused, stating the maximum; `--max-acknowledgement-days` raises it', () => {
    write('distant.json', acknowledged({ reason: 'Until the migration.', expires: inDays(120) }));
    const refused = json(['check', 'distant.json', '--rule', 'rds-deletion-protection']);
    expect(refused.status).toBe(1);
    expect(refused.report.findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        acknowledgementRefused: `the acknowledgement of rds-deletion-protection expires on ${inDays(120)}, more than 90 days ahead, the maximum (\`--max-acknowledgement-days\`): use a date no later than ${inDays(90)}, and renew it then.`,
      }),
    ]);
    const raised = json([
      'check',
      'distant.json',
      '--rule',
      'rds-deletion-protection',
      '--max-acknowledgement-days',
      '180',
    ]);
    expect(raised.status).toBe(0);
  });

  test('the text report says how long each acknowledgement holds', () => {
    write('dated.json', acknowledged({ reason: 'Until the migration.', expires: inDays(10) }));
    const dated = deadbolt(['check', 'dated.json', '--rule', 'rds-deletion-protection'], { cwd: tmp });
    expect(dated.stdout).toContain(`    Acknowledged at Db: Until the migration. (until ${inDays(10)})`);
    write('undated.json', acknowledged({ reason: 'Scratch database.' }));
    const undated = deadbolt(['check', 'undated.json', '--rule', 'rds-deletion-protection'], { cwd: tmp });
    expect(undated.stdout).toContain(
      '    Acknowledged at Db: Scratch database. (no expiry: it holds until it is removed)',
    );
  });

  test.each([['0'], ['366'], ['1.5'], ['soon']])('`--max-acknowledgement-days %s` is bad usage', (days) => {
    write('plain.json', UNPROTECTED);
    const r = deadbolt(['check', 'plain.json', '--max-acknowledgement-days', days], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('`--max-acknowledgement-days` must be a whole number of days from 1 to 365');
  });
});

describe("a stack-level finding in a bare template: the template's top-level Metadata", () => {
  const TABLE = `Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
`;
  const check = (file: string) => deadbolt(['check', file, '--rule', 'stack-termination-protection'], { cwd: tmp });

  test('the fix names no stack (the template cannot), and the acknowledgement goes at the top level', () => {
    write('stack.yaml', TABLE);
    const r = check('stack.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'Fix: Run `aws cloudformation update-termination-protection --enable-termination-protection --stack-name STACK`, STACK being the name the template is deployed as',
    );
    expect(r.stdout).not.toContain('--stack-name stack.yaml');
    expect(r.stdout).toContain(
      'Acknowledge: Metadata: { deadbolt: { acknowledge: [{ id: stack-termination-protection, reason: "<why the risk is accepted>" }] } } at the top level of stack.yaml',
    );
  });

  test('written as printed, with a reason: acknowledged', () => {
    write(
      'stack-ack.yaml',
      `Metadata:\n  deadbolt:\n    acknowledge:\n      - { id: stack-termination-protection, reason: "Deployed with termination protection by the pipeline." }\n${TABLE}`,
    );
    const r = check('stack-ack.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[acknowledged]');
    expect(r.stdout).toContain('Acknowledged at stack-ack.yaml: Deployed with termination protection by the pipeline.');
    expect(r.stdout).toMatch(/0 errors, 0 warnings, 1 acknowledged in 1 template/);
  });

  test.each([
    ['the placeholder left as printed', 'reason: "<why the risk is accepted>"', /has no reason/],
    ['expired', 'reason: "Until the pipeline sets it.", expires: 2020-01-31', /expired on 2020-01-31/],
  ])('%s: refused, still a warning', (_name, ack, refusal) => {
    write(
      'stack-refused.yaml',
      `Metadata:\n  deadbolt:\n    acknowledge:\n      - { id: stack-termination-protection, ${ack} }\n${TABLE}`,
    );
    const { report } = json(['check', 'stack-refused.yaml', '--rule', 'stack-termination-protection']);
    expect(report.findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        acknowledged: null,
        acknowledgementRefused: expect.stringMatching(refusal),
      }),
    ]);
  });
});

describe('input', () => {
  test('a directory of templates: every template is checked, other JSON/YAML is skipped with a note', () => {
    write('dir/a.json', UNPROTECTED);
    write('dir/b.yaml', SHORT_FORMS_YAML);
    write('dir/package.json', '{"name": "not-a-template"}');
    write('dir/README.md', '# not read');
    const { status, report, stderr } = json(['check', 'dir']);
    expect(status).toBe(1);
    expect(report.summary.templates).toBe(2);
    expect(new Set(report.findings.map((f) => f.template))).toEqual(new Set(['dir/a.json', 'dir/b.yaml']));
    expect(stderr).toBe('deadbolt: note: dir/package.json: skipped, not a CloudFormation template (no `Resources`).\n');
  });

  test('an unknown intrinsic function is a finding, not a crash', () => {
    write(
      'bogus.json',
      JSON.stringify({
        Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DeletionProtection: { 'Fn::Bogus': [1] } } } },
      }),
    );
    const { status, report } = json(['check', 'bogus.json', '--rule', 'rds-deletion-protection']);
    expect(status).toBe(1);
    expect(report.findings[0].message).toMatch(
      /^DeletionProtection is \{"Fn::Bogus":\[1\]\} and cannot be proven true/,
    );
  });

  test("a huge template (500 resources and 1 MB: CloudFormation's limits) is checked well under 5 s", () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) {
      resources[`Db${i}`] =
        i % 2
          ? {
              Type: 'AWS::RDS::DBInstance',
              Properties: {
                Engine: 'postgres',
                DBInstanceClass: 'db.t3.micro',
                DeletionProtection: true,
                Description: 'x'.repeat(1900),
              },
            }
          : { Type: 'AWS::SNS::Topic', Properties: { TopicName: `topic-${i}`, DisplayName: 'y'.repeat(1900) } };
    }
    write('huge.json', JSON.stringify({ Resources: resources }, null, 1));
    expect(fs.statSync(path.join(tmp, 'huge.json')).size).toBeGreaterThan(1_000_000);
    expect(fs.statSync(path.join(tmp, 'huge.json')).size).toBeLessThan(1_048_576);
    const r = deadbolt(['check', 'huge.json', '--format', 'json'], { cwd: tmp });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as JsonReport).summary.resources).toBe(500);
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('unreadable input exits 2 with one line naming the file, never 0', () => {
  // Each line nine times the one before: 9^9 strings once expanded.
  const bombLines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    bombLines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  const bomb = `${bombLines.join('\n')}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n`;

  test.each<[string, string, string | Buffer, RegExp]>([
    [
      'truncated JSON',
      'truncated.json',
      UNPROTECTED.slice(0, 60),
      /^deadbolt: truncated\.json: the file is not valid JSON: /,
    ],
    ['an empty file', 'empty.yaml', '', /^deadbolt: empty\.yaml: the file is empty\.$/],
    [
      'a JSON array',
      'array.json',
      '[{"Resources": {}}]',
      /^deadbolt: array\.json: the template is not a JSON\/YAML object\.$/,
    ],
    [
      'a template without Resources',
      'no-resources.yaml',
      'Parameters: {}\n',
      /^deadbolt: no-resources\.yaml: the template has no `Resources` section\.$/,
    ],
    [
      'a resource without Type',
      'no-type.json',
      '{"Resources": {"Db": {"Properties": {}}}}',
      /^deadbolt: no-type\.json: resource `Db` has no `Type`\.$/,
    ],
    ['a YAML alias bomb', 'bomb.yaml', bomb, /^deadbolt: bomb\.yaml: .*resource exhaustion/],
    [
      'an unknown YAML tag',
      'tag.yaml',
      'Resources:\n  T:\n    Type: !Bogus x\n',
      /^deadbolt: tag\.yaml: .*Unresolved tag: !Bogus/,
    ],
    [
      'binary garbage',
      'garbage.template',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe, 0x00, 0x01, 0x80]),
      /^deadbolt: garbage\.template: the file is not UTF-8 text/,
    ],
  ])('%s', (_name, file, content, message) => {
    write(file, content);
    const r = deadbolt(['check', file], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  test('a missing path', () => {
    const r = deadbolt(['check', 'unprotected.json', 'nowhere.yaml'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('deadbolt: nowhere.yaml: no such file or directory.\n');
  });

  test('a directory with no templates', () => {
    write('empty-dir/notes.txt', 'nothing here');
    const r = deadbolt(['check', 'empty-dir'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'deadbolt: empty-dir: no CloudFormation templates (.json, .yaml, .yml, .template) or Terraform JSON in the directory.\n',
    );
  });

  test('a cloud assembly with a truncated manifest', () => {
    fs.cpSync(path.join(tmp, 'cdk.out'), path.join(tmp, 'broken.out'), { recursive: true });
    const manifest = path.join(tmp, 'broken.out', 'manifest.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').slice(0, 100));
    const r = deadbolt(['check', 'broken.out'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^deadbolt: broken\.out\/manifest\.json: the cloud assembly manifest is not valid JSON \(.*\)\.\n$/,
    );
  });

  test('no PATH at all', () => {
    const r = deadbolt(['check'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^deadbolt check: name at least one PATH/);
  });
});
