/**
 * `deadbolt plan`, run as the built binary on real-format fixtures of every
 * input kind: exit codes, formats, unreadable input, cdk.out diffs and approvals.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { deadbolt, requireBuiltBinary } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', 'rules', 'src', 'gate', 'fixtures');
const SECRET = 'test-secret-held-by-humans-0123456789';
let tmp: string;

beforeAll(() => {
  requireBuiltBinary();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-plan-'));
  for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(tmp, f));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string): string {
  fs.writeFileSync(path.join(tmp, name), content);
  return name;
}

function run(args: readonly string[], env: Record<string, string | undefined> = {}, input?: string) {
  return deadbolt(args, { cwd: tmp, env: { DEADBOLT_APPROVAL_SECRET: undefined, ...env }, input });
}

interface GateJson {
  plan: { input: string; format: string; changes: number };
  blocked: Array<{
    address: string;
    type: string | null;
    providerType: string;
    action: string;
    approvalAction: string;
    reasons: string[];
    refusals: string[];
    approveWith: string;
  }>;
  approved: Array<{ address: string; approval: { reason: string; signature: string } }>;
  allowed: Array<{ address: string; action: string; note: string | null }>;
  summary: { blocked: number; approved: number; allowed: number; changes: number };
}

function json(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): { status: number | null; report: GateJson; stderr: string } {
  const r = run([...args, '--format', 'json'], env);
  return { status: r.status, report: JSON.parse(r.stdout) as GateJson, stderr: r.stderr };
}

describe('deadbolt plan: exit codes for every input kind', () => {
  test.each([
    ['terraform-safe.json', 0],
    ['terraform-destroy.json', 1],
    ['terraform-replace.json', 1],
    ['terraform-protection.json', 1],
    ['terraform-unknown-types.json', 1],
    ['terraform-errored.json', 2],
    ['pulumi-preview-safe.json', 0],
    ['pulumi-preview.json', 1],
    ['pulumi-preview-replacement-steps.json', 1],
    ['pulumi-preview-errored.json', 2],
    ['change-set-safe.json', 0],
    ['change-set.json', 1],
    ['change-set-values.json', 1],
    ['terraform-0.12-format-0.1.json', 1],
  ])('%s exits %i', (file, code) => {
    const r = run(['plan', file]);
    expect(r.status).toBe(code);
    if (code === 2) {
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  test.each([
    ['template-after-safe.json', 0],
    ['template-after-unsafe.json', 1],
  ])('--before template-before.json --after %s exits %i', (after, code) => {
    expect(run(['plan', '--before', 'template-before.json', '--after', after]).status).toBe(code);
  });

  test('reads the plan from standard input with -', () => {
    const r = run(['plan', '-'], {}, fs.readFileSync(path.join(FIXTURES, 'terraform-destroy.json'), 'utf8'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^-: Terraform plan from Terraform 1\.9\.5, 4 changes/);
  });
});

describe('deadbolt plan: the report', () => {
  test('text: a table of address, type, action and why, with the command that approves each', () => {
    const r = run(['plan', 'terraform-destroy.json']);
    expect(r.stdout).toMatch(/ADDRESS +TYPE +ACTION +WHY IT LOSES DATA/);
    expect(r.stdout).toMatch(
      /aws_db_instance\.orders +aws_db_instance \(AWS::RDS::DBInstance\) +delete +Terraform destroys it and the data in it \(it is no longer in the configuration\)\./,
    );
    // The expiry is a real date a week ahead, so the command runs as printed once the reason is written.
    const expires = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(r.stdout).toContain(
      `approve: npx deadbolt approve terraform-destroy.json --address aws_db_instance.orders --action delete --reason '<why losing this data is accepted>' --expires ${expires} --sign --out approvals.json`,
    );
    expect(r.stdout).toContain(
      '`npx deadbolt plan terraform-destroy.json --approvals approvals.json` then lets exactly that change through.',
    );
    expect(r.stdout).toMatch(/BLOCKED: 2 blocked, 0 approved, 2 let through \(4 changes\)\./);
    // eslint-disable-next-line no-control-regex -- no ANSI colour escapes when stdout is not a terminal.
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  test('text: a Pulumi URN is quoted in the suggested command', () => {
    const r = run(['plan', 'pulumi-preview.json']);
    expect(r.stdout).toContain(
      "--address 'urn:pulumi:prod::orders::pulumi:pulumi:Stack$aws:rds/instance:Instance::orders-db' --action replace",
    );
  });

  test('text: removals that keep the data are reported as let through', () => {
    const r = run(['plan', 'change-set.json']);
    expect(r.stdout).toMatch(
      /Let through, for the record: 1 change\n.*\n  InvoicesBucket +AWS::S3::Bucket +delete +Removed from management but kept \(PolicyAction Retain\)/,
    );
  });

  test('json: { blocked, allowed, approved } with reasons and the approve command', () => {
    const { status, report } = json(['plan', 'terraform-protection.json']);
    expect(status).toBe(1);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['blocked', 'allowed', 'approved', 'summary']));
    expect(report.plan).toMatchObject({ input: 'terraform-protection.json', format: 'terraform-plan', changes: 8 });
    const db = report.blocked.find((b) => b.address === 'aws_db_instance.orders')!;
    expect(db).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      providerType: 'aws_db_instance',
      action: 'update',
      approvalAction: 'update',
    });
    expect(db.reasons).toHaveLength(2);
    expect(report.allowed.map((a) => a.address)).toEqual(['aws_lambda_function.api']);
    expect(report.summary).toEqual({ blocked: 7, approved: 0, allowed: 1, changes: 8 });
  });

  test('sarif: one error result per blocked change, with its rule and logical location', () => {
    const r = run(['plan', 'change-set.json', '--format', 'sarif']);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results;
    expect(results.map((x: { ruleId: string }) => x.ruleId)).toEqual([
      'plan-gate-delete',
      'plan-gate-delete',
      'plan-gate-replace',
      'plan-gate-protection-lowered',
      'plan-gate-replace',
    ]);
    expect(results[0]).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'change-set.json' } },
          logicalLocations: [{ name: 'OrdersDatabase' }],
        },
      ],
    });
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual([
      'plan-gate-delete',
      'plan-gate-replace',
      'plan-gate-protection-lowered',
      'plan-gate-unprotect',
    ]);
  });

  test('--output-file writes the report there', () => {
    expect(run(['plan', 'terraform-destroy.json', '-f', 'json', '-o', 'out/report.json']).status).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'out', 'report.json'), 'utf8')).summary.blocked).toBe(2);
  });
});

describe('deadbolt plan: unreadable input exits 2 with one line on stderr, never a pass', () => {
  test.each([
    [
      'truncated JSON',
      'truncated.json',
      '{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[{"address":"aws_db_in',
      /not valid JSON/,
    ],
    ['JSON of no known format', 'other.json', '{"hello":"world"}', /not a Terraform plan/],
    [
      'a plan without resource_changes',
      'no-changes.json',
      '{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{}}',
      /no `resource_changes`/,
    ],
    [
      'a change set with an unknown Action',
      'bad-action.json',
      JSON.stringify({
        StackName: 's',
        ChangeSetName: 'c',
        Changes: [
          {
            Type: 'Resource',
            ResourceChange: { Action: 'Nuke', LogicalResourceId: 'Db', ResourceType: 'AWS::RDS::DBInstance' },
          },
        ],
      }),
      /Action "Nuke"/,
    ],
    ['a binary plan file', 'tfplan', 'PK\u0003\u0004binary', /binary Terraform plan file/],
    ['a template given as a plan', 'template-before.json', null, /CloudFormation template, not a plan/],
    ['an empty file', 'empty.json', '', /the file is empty/],
  ])('%s', (_name, file, content, message) => {
    if (content !== null) write(file, content);
    const r = run(['plan', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test.each([
    [['plan'], /name the plan FILE/],
    [['plan', 'missing.json'], /missing\.json: no such plan file/],
    [['plan', '--before', 'template-before.json'], /`--before` and `--after` go together/],
    [['plan', 'a.json', 'b.json'], /name one plan FILE, got 2/],
    [['plan', 'terraform-safe.json', '--format', 'xml'], /unknown format `xml`/],
    [['plan', 'terraform-safe.json', '--approvals', 'nope.json'], /nope\.json: no such approvals file/],
    [['plan', '--before', 'empty-dir', '--after', 'empty-dir'], /empty-dir: no CloudFormation templates/],
  ])('%j', (args, message) => {
    fs.mkdirSync(path.join(tmp, 'empty-dir'), { recursive: true });
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('deadbolt plan --before/--after on two cdk.out directories', () => {
  function synth(dir: string, build: (stack: Stack) => void): string {
    const app = new App({ outdir: path.join(tmp, dir) });
    build(new Stack(app, 'Data', { terminationProtection: true }));
    app.synth();
    return dir;
  }
  const table = (stack: Stack, key: string) =>
    new Table(stack, 'Orders', {
      partitionKey: { name: key, type: AttributeType.STRING },
      removalPolicy: RemovalPolicy.RETAIN,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
    });

  test('a changed partition key replaces the table; a removed bucket is deleted; an unchanged app passes', () => {
    const before = synth('cdk.out.before', (s) => {
      table(s, 'pk');
      new Bucket(s, 'Scratch', { removalPolicy: RemovalPolicy.DESTROY });
    });
    const same = synth('cdk.out.same', (s) => {
      table(s, 'pk');
      new Bucket(s, 'Scratch', { removalPolicy: RemovalPolicy.DESTROY });
    });
    const after = synth('cdk.out.after', (s) => table(s, 'id'));
    expect(run(['plan', '--before', before, '--after', same]).status).toBe(0);
    const { status, report } = json(['plan', '--before', before, '--after', after]);
    expect(status).toBe(1);
    const by = Object.fromEntries(report.blocked.map((b) => [b.address.replace(/[0-9A-F]{8}$/, ''), b]));
    expect(Object.keys(by).sort()).toEqual(['Data/Orders', 'Data/Scratch']);
    expect(by['Data/Orders'].approvalAction).toBe('replace');
    expect(by['Data/Orders'].reasons[0]).toMatch(/changing `KeySchema`.* forces replacement/);
    expect(by['Data/Scratch'].approvalAction).toBe('delete');
  });

  test('a template and a cdk.out directory are not compared', () => {
    const r = run(['plan', '--before', 'template-before.json', '--after', 'cdk.out.after']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/`--before` is a template and `--after` is a cdk.out directory/);
  });
});

describe('deadbolt plan --approvals', () => {
  const entry = (extra: Record<string, unknown> = {}) => ({
    address: 'aws_db_instance.orders',
    action: 'delete',
    reason: 'Decommissioned; final snapshot orders-final kept (OPS-1234).',
    expires: '2099-12-31',
    ...extra,
  });
  const approvals = (name: string, entries: unknown[]) => write(name, JSON.stringify({ approvals: entries }));

  test('an approval of exactly the change lets it through; the other delete still blocks', () => {
    approvals('one.json', [entry()]);
    const { status, report } = json(['plan', 'terraform-destroy.json', '--approvals', 'one.json']);
    expect(status).toBe(1);
    expect(report.approved.map((a) => a.address)).toEqual(['aws_db_instance.orders']);
    expect(report.approved[0].approval.signature).toBe('unsigned');
    expect(report.blocked.map((b) => b.address)).toEqual(['aws_s3_bucket.invoices']);
  });

  test('approving every destructive change passes, and the text report shows the approvals', () => {
    approvals('both.json', [entry(), entry({ address: 'aws_s3_bucket.invoices' })]);
    const r = run(['plan', 'terraform-destroy.json', '--approvals', 'both.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Approved: 2 changes/);
    expect(r.stdout).toMatch(
      /Decommissioned; final snapshot orders-final kept \(OPS-1234\)\. \(approved until 2099-12-31; signature unsigned\)/,
    );
  });

  test('approvals may be YAML', () => {
    write(
      'both.yaml',
      'approvals:\n  - address: aws_db_instance.orders\n    action: delete\n    reason: Decommissioned.\n    expires: 2099-12-31\n  - address: aws_s3_bucket.invoices\n    action: delete\n    reason: Decommissioned.\n    expires: "2099-12-31"\n',
    );
    expect(run(['plan', 'terraform-destroy.json', '--approvals', 'both.yaml']).status).toBe(0);
  });

  test('an expired approval still blocks, and says why', () => {
    approvals('expired.json', [entry({ expires: '2020-01-01' }), entry({ address: 'aws_s3_bucket.invoices' })]);
    const { status, report } = json(['plan', 'terraform-destroy.json', '--approvals', 'expired.json']);
    expect(status).toBe(1);
    expect(report.blocked[0].refusals).toEqual([
      'the approval of delete `aws_db_instance.orders` expired on 2020-01-01.',
    ]);
  });

  test('an approval for another action does not count', () => {
    approvals('wrong-action.json', [entry({ action: 'replace' }), entry({ address: 'aws_s3_bucket.invoices' })]);
    expect(run(['plan', 'terraform-destroy.json', '--approvals', 'wrong-action.json']).status).toBe(1);
  });

  test('--require-signed refuses unsigned approvals', () => {
    approvals('unsigned.json', [entry(), entry({ address: 'aws_s3_bucket.invoices' })]);
    const { status, report } = json(
      ['plan', 'terraform-destroy.json', '--approvals', 'unsigned.json', '--require-signed'],
      { DEADBOLT_APPROVAL_SECRET: SECRET },
    );
    expect(status).toBe(1);
    expect(report.blocked[0].refusals[0]).toMatch(/is not signed, and signed approvals are required/);
  });

  test('--require-signed without the secret is a usage error (exit 2): an agent cannot skip the check', () => {
    approvals('unsigned2.json', [entry()]);
    const r = run(['plan', 'terraform-destroy.json', '--approvals', 'unsigned2.json', '--require-signed']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/`--require-signed` needs the signing secret, but `DEADBOLT_APPROVAL_SECRET` is not set/);
  });

  test('a forged signature does not count when the secret is there', () => {
    approvals('forged.json', [
      entry({ signature: `hmac-sha256:${'ab'.repeat(32)}` }),
      entry({ address: 'aws_s3_bucket.invoices' }),
    ]);
    const { status, report } = json(['plan', 'terraform-destroy.json', '--approvals', 'forged.json'], {
      DEADBOLT_APPROVAL_SECRET: SECRET,
    });
    expect(status).toBe(1);
    expect(report.blocked[0].refusals[0]).toMatch(/signature that does not match this change/);
  });

  test('a malformed approvals file exits 2', () => {
    approvals('malformed.json', [{ address: 'aws_db_instance.orders', action: 'delete', expires: '2099-01-01' }]);
    const r = run(['plan', 'terraform-destroy.json', '--approvals', 'malformed.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/malformed\.json: `approvals\[0\]` \(aws_db_instance\.orders\) has no `reason`/);
  });

  test('an approval that matches nothing is noted on stderr', () => {
    approvals('unused.json', [entry({ address: 'aws_db_instance.gone' })]);
    const r = run(['plan', 'terraform-safe.json', '--approvals', 'unused.json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/the approval of delete `aws_db_instance\.gone` matches no blocked change/);
  });
});

describe('deadbolt plan --include-nested: a nested stack judged through its own change set', () => {
  const ROOT = 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/release-7/aaaa';
  const NESTED = 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/release-7-Storage/bbbb';
  const changeSet = (changes: unknown[], extra: Record<string, unknown>) =>
    JSON.stringify({
      Changes: changes.map((c) => ({ Type: 'Resource', ResourceChange: { Scope: [], Details: [], ...(c as object) } })),
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      ...extra,
    });
  const parent = changeSet(
    [
      {
        Action: 'Modify',
        Replacement: 'False',
        LogicalResourceId: 'StorageNestedStack',
        PhysicalResourceId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/app-Storage/cccc',
        ResourceType: 'AWS::CloudFormation::Stack',
        ChangeSetId: NESTED,
      },
    ],
    { StackName: 'app', ChangeSetName: 'release-7', ChangeSetId: ROOT, IncludeNestedStacks: true },
  );
  const nested = (table: string) =>
    changeSet(
      [
        {
          Action: table === 'Remove' ? 'Remove' : 'Modify',
          ...(table === 'Remove' ? { PolicyAction: 'Delete' } : { Replacement: 'False' }),
          LogicalResourceId: 'OrdersTable',
          PhysicalResourceId: 'orders',
          ResourceType: 'AWS::DynamoDB::Table',
        },
      ],
      {
        StackName: 'app-Storage',
        ChangeSetName: 'release-7-Storage',
        ChangeSetId: NESTED,
        ParentChangeSetId: ROOT,
        RootChangeSetId: ROOT,
      },
    );

  test('without the nested change set, the nested stack blocks with the command that describes it', () => {
    write('parent.json', parent);
    const { status, report, stderr } = json(['plan', 'parent.json']);
    expect(status).toBe(1);
    expect(report.blocked.map((b) => b.address)).toEqual(['StorageNestedStack']);
    expect(report.blocked[0].reasons[0]).toContain(
      `aws cloudformation describe-change-set --change-set-name ${NESTED} --include-property-values`,
    );
    expect(stderr).toBe('');
  });

  test("with it, the nested stack's resources are judged under its address; a safe nested change set passes", () => {
    write('parent.json', parent);
    write('storage-remove.json', nested('Remove'));
    write('storage-safe.json', nested('Modify'));
    const blocked = json(['plan', 'parent.json', '--include-nested', 'storage-remove.json']);
    expect(blocked.status).toBe(1);
    expect(blocked.report.blocked.map((b) => b.address)).toEqual(['StorageNestedStack/OrdersTable']);
    expect(blocked.report.blocked[0].approveWith).toContain('--include-nested storage-remove.json');
    expect(run(['plan', 'parent.json', '--include-nested', 'storage-safe.json']).status).toBe(0);
  });

  test('the approval of a nested resource is written and honoured with the same --include-nested', () => {
    write('parent.json', parent);
    write('storage-remove.json', nested('Remove'));
    const approve = run([
      'approve',
      'parent.json',
      '--include-nested',
      'storage-remove.json',
      '--address',
      'StorageNestedStack/OrdersTable',
      '--action',
      'delete',
      '--reason',
      'CHG-7: orders moved to the new table, export kept in s3://archive',
      '--expires',
      '2999-01-01',
      '--out',
      'nested-approvals.json',
    ]);
    expect(approve.status).toBe(0);
    const r = run([
      'plan',
      'parent.json',
      '--include-nested',
      'storage-remove.json',
      '--approvals',
      'nested-approvals.json',
    ]);
    expect(r.status).toBe(0);
  });

  test('the change sets described one after another into one file are read together', () => {
    write('all.json', `${parent}\n${nested('Remove')}\n`);
    const { status, report } = json(['plan', 'all.json']);
    expect(status).toBe(1);
    expect(report.blocked.map((b) => b.address)).toEqual(['StorageNestedStack/OrdersTable']);
  });

  test.each([
    [
      ['plan', 'parent.json', '--include-nested', 'other-nested.json'],
      /other-nested\.json: change set .* is not the change set of a nested stack/,
    ],
    [['plan', 'terraform-safe.json', '--include-nested', 'storage-remove.json'], /this plan is not one/],
    [['plan', 'parent.json', '--include-nested', 'terraform-safe.json'], /not a CloudFormation change set/],
    [['plan', 'parent.json', '--include-nested', 'missing.json'], /missing\.json: no such change set file/],
    [
      [
        'plan',
        '--before',
        'template-before.json',
        '--after',
        'template-after-safe.json',
        '--include-nested',
        'storage-remove.json',
      ],
      /`--include-nested` adds nested stacks' change sets to a change set FILE/,
    ],
  ])('%j exits 2', (args, message) => {
    write('parent.json', parent);
    write('storage-remove.json', nested('Remove'));
    write(
      'other-nested.json',
      nested('Remove')
        .replace(NESTED, `${NESTED}-other`)
        .replace(`"ParentChangeSetId":"${ROOT}"`, '"ParentChangeSetId":"arn:x"'),
    );
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
