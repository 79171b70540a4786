/**
 * `deadbolt check` on Terraform JSON: the exit codes as a process, the rest
 * in-process through `execute` with the real engine.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { execute } from '../src/cli';
import { jsonResourceBlocks } from '../src/input/terraform-files';
import { deadbolt, requireBuiltBinary, type JsonReport } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', '..', 'rules', 'src', 'dialects', 'fixtures', 'terraform');
const INCIDENT = path.join(FIXTURES, 'incident', 'plan.json');
const FIXED = path.join(FIXTURES, 'fixed', 'plan.json');

async function run(
  args: readonly string[],
  options: { cwd?: string; stdin?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await execute(args, options.stdin === undefined ? undefined : Readable.from([options.stdin]), {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: options.cwd ?? FIXTURES,
    env: { NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-tf-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('deadbolt check PLAN.json (the process)', () => {
  beforeAll(requireBuiltBinary);

  it('exits 1 on the unsafe plan, 0 on the fixed one, 2 on a plan it cannot read', () => {
    const unsafe = deadbolt(['check', INCIDENT]);
    expect(unsafe.status).toBe(1);
    expect(unsafe.stdout).toContain('rds-deletion-protection  module.db["eu"].aws_db_instance.this[0]');
    expect(deadbolt(['check', FIXED]).status).toBe(0);
    const garbage = path.join(tmp, 'garbage.json');
    fs.writeFileSync(garbage, '{"format_version":"1.2","planned_values":{"root_module":');
    const bad = deadbolt(['check', garbage]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/garbage\.json: the file is not valid JSON/);
  });
});

describe('deadbolt check on a plan Terraform 1.11 wrote', () => {
  beforeAll(requireBuiltBinary);

  it('follows `local.db_arn`, keeps the `dynamic` rule unresolved and reads `prevent_destroy` from `.tf.json`', () => {
    const r = deadbolt([
      'check',
      '--format',
      'json',
      '--account',
      '111111111111',
      path.join(FIXTURES, 'terraform-1.11', 'plan.json'),
    ]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: Array<JsonReport['findings'][number] & { unresolved: boolean }>;
    };
    const of = (ruleId: string, address: string) =>
      report.findings.find((f) => f.ruleId === ruleId && f.path === address);
    // The selection names the database through a local: it is tied to it, and judged by its plan's rules.
    expect(of('backup-cross-account-copy', 'aws_db_instance.main')?.message).toBe(
      'No backup copy of this resource is proven to be in another account: the rules of backup plan aws_backup_plan.p cannot be read: it is a value known only after apply.',
    );
    // `dynamic "rule"` over a value known only after apply: unresolved, an error, never a pass.
    const copy = of('backup-plan-copy-destination', 'aws_backup_plan.p')!;
    expect([copy.severity, copy.unresolved]).toEqual(['error', true]);
    // `prevent_destroy` written in `extra.tf.json`, and in `main.tf`.
    expect(of('general-deletion-policy', 'aws_s3_bucket.data')).toBeUndefined();
    expect(of('general-deletion-policy', 'aws_db_instance.main')).toBeUndefined();
    expect(of('s3-versioning', 'aws_s3_bucket.data')?.template).toMatch(/terraform-1\.11\/extra\.tf\.json$/);
    // The sensitive password is a known value, not an unknown one.
    expect(report.findings.filter((f) => f.ruleId.startsWith('rds-') && f.unresolved)).toEqual([]);
    expect(r.stderr).toBe('');
  });
});

describe('deadbolt check on Terraform JSON', () => {
  it('judges in the Terraform idiom and locates SARIF results at the `.tf` block', async () => {
    const r = await run(['check', '--format', 'sarif', 'incident/plan.json']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
          message: { text: string };
        }>;
      }>;
    };
    const at = (ruleId: string, uri: string) =>
      sarif.runs[0].results.find(
        (x) => x.ruleId === ruleId && x.locations[0].physicalLocation.artifactLocation.uri === uri,
      )?.locations[0].physicalLocation.region.startLine;
    const main = fs.readFileSync(path.join(FIXTURES, 'incident', 'main.tf'), 'utf8').split('\n');
    const mod = fs.readFileSync(path.join(FIXTURES, 'incident', 'modules', 'db', 'main.tf'), 'utf8').split('\n');
    expect(main[at('rds-deletion-protection', 'incident/main.tf')! - 1]).toBe('resource "aws_db_instance" "main" {');
    expect(mod[at('rds-deletion-protection', 'incident/modules/db/main.tf')! - 1]).toBe(
      'resource "aws_db_instance" "this" {',
    );
  });

  it('refuses, with exit 2 and the command to run, Terraform output that is not a plan or state it can read', async () => {
    const cases: Array<[string, string, string]> = [
      ['truncated.json', fs.readFileSync(INCIDENT, 'utf8').slice(0, 2000), 'the file is not valid JSON'],
      [
        'tfplan',
        'PK\u0003\u0004\u0014\u0000',
        'binary Terraform plan file; check its JSON: `terraform show -json tfplan',
      ],
      ['v2.json', '{"format_version":"2.0","planned_values":{}}', 'not major version 2'],
      ['schema.json', '{"format_version":"1.0","provider_schemas":{}}', 'neither a Terraform plan'],
      [
        'terraform.tfstate',
        '{"version":4,"lineage":"x","serial":1,"resources":[]}',
        '`terraform show -json terraform.tfstate',
      ],
      ['errored.json', JSON.stringify({ ...JSON.parse(fs.readFileSync(INCIDENT, 'utf8')), errored: true }), 'errored'],
    ];
    for (const [name, text, message] of cases) {
      fs.writeFileSync(path.join(tmp, name), text);
      const r = await run(['check', path.join(tmp, name)]);
      expect([name, r.code, r.stdout]).toEqual([name, 2, '']);
      expect(r.stderr).toContain(message);
    }
  });

  it('speaks Terraform: headed by the plan, resources by address, `terraform destroy`, one plan counted once', async () => {
    const r = await run(['check', 'incident/plan.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('incident/modules/db/main.tf (plan incident/plan.json)\n');
    expect(r.stdout).toContain('  error  rds-deletion-protection  module.db["eu"].aws_db_instance.this[0]\n');
    expect(r.stdout).toContain(
      'Why: `terraform destroy`, or removing the resource block from the configuration, deletes the resource',
    );
    expect(r.stdout).toContain('backup plan aws_backup_plan.main has no copy action');
    // No CloudFormation word a Terraform user would have to translate.
    expect(r.stdout).not.toMatch(/\bstack|template|CloudFormation|AWS::|DeletionPolicy|skipFinalSnapshot/);
    expect(r.stdout).toMatch(/\n24 errors, 1 warning in 1 plan \(7 resources\)\n$/);
    // The fixed plan's aliased `aws.backup` provider makes a second document: still one plan.
    const fixed = await run(['check', '--format', 'json', 'fixed/plan.json']);
    const summary = (JSON.parse(fixed.stdout) as { summary: Record<string, number> }).summary;
    expect(summary).toMatchObject({ templates: 0, plans: 1, resources: 8 });
    expect(summary.states).toBeUndefined();
    const types = (JSON.parse(fixed.stdout) as JsonReport).findings.map((f) => [f.path, f.resourceType]);
    expect(types).toEqual([['aws_s3_bucket.data', 'aws_s3_bucket']]);
    const template = path.join(tmp, 'queue.yaml');
    fs.writeFileSync(template, 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
    const both = await run(['check', 'fixed/plan.json', template]);
    expect(both.stdout).toMatch(/ in 1 template, 1 plan \(\d+ resources\)\n$/);
  });

  it('points at the JSON, and says why, when no `.tf` files are found; `--terraform-dir` names them', async () => {
    const copy = path.join(tmp, 'plan.json');
    fs.copyFileSync(FIXED, copy);
    const alone = await run(['check', '--format', 'json', copy]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('no `.tf` files beside it');
    const report = JSON.parse(alone.stdout) as JsonReport;
    expect(new Set(report.findings.map((f) => f.template))).toEqual(new Set([copy.split(path.sep).join('/')]));
    const withDir = await run(['check', '--terraform-dir', path.join(FIXTURES, 'fixed'), copy]);
    expect([withDir.code, withDir.stderr]).toEqual([0, '']);
    // Piped in: `terraform show -json tfplan | deadbolt check -`.
    const piped = await run(['check', '-'], { stdin: fs.readFileSync(INCIDENT, 'utf8') });
    expect(piped.code).toBe(1);
    expect(piped.stdout).toContain('aws_s3_bucket.data');
  });

  it('reads `.tf.json` files for `prevent_destroy`, `dynamic` blocks and the SARIF line of each resource', async () => {
    const dir = path.join(tmp, 'json-syntax');
    fs.mkdirSync(dir);
    fs.copyFileSync(INCIDENT, path.join(dir, 'plan.json'));
    // Terraform's JSON syntax, as generators write it: a label level may be an array, a block an array of objects.
    const config = {
      '//': 'generated',
      resource: [
        { aws_kms_key: { db: { description: 'db', lifecycle: [{ prevent_destroy: true }] } } },
        {
          aws_db_instance: {
            main: {
              identifier: 'orders',
              lifecycle: { prevent_destroy: true },
            },
          },
          aws_s3_bucket: { data: { bucket: 'data', lifecycle: { prevent_destroy: false } } },
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
    const r = await run(['check', '--format', 'sarif', path.join(dir, 'plan.json')]);
    const results = (
      JSON.parse(r.stdout) as {
        runs: Array<{
          results: Array<{
            ruleId: string;
            message: { text: string };
            locations: Array<{
              physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
              logicalLocations: Array<{ fullyQualifiedName: string }>;
            }>;
          }>;
        }>;
      }
    ).runs[0].results;
    const on = (ruleId: string, address: string) =>
      results.filter((x) => x.ruleId === ruleId && x.locations[0].logicalLocations[0].fullyQualifiedName === address);
    expect(on('general-deletion-policy', 'aws_db_instance.main')).toEqual([]);
    expect(on('general-deletion-policy', 'aws_kms_key.db')).toEqual([]);
    const bucket = on('general-deletion-policy', 'aws_s3_bucket.data')[0];
    expect(bucket.message.text).toContain('`lifecycle { prevent_destroy = true }` is not set');
    const where = bucket.locations[0].physicalLocation;
    expect(where.artifactLocation.uri).toMatch(/json-syntax\/main\.tf\.json$/);
    const lines = fs.readFileSync(path.join(dir, 'main.tf.json'), 'utf8').split('\n');
    expect(lines[where.region!.startLine - 1].trim()).toBe('"data": {');
    // A `dynamic` block, at any depth, is named so that its unknown-until-apply content stays unresolved.
    const [plan] = jsonResourceBlocks(
      JSON.stringify({
        resource: {
          aws_backup_plan: {
            p: {
              name: 'p',
              dynamic: { rule: { for_each: '${var.rules}', content: { dynamic: [{ copy_action: {} }] } } },
            },
          },
        },
      }),
      'backup.tf.json',
    );
    expect([plan.type, plan.name, plan.preventDestroy, [...plan.dynamicBlocks].sort()]).toEqual([
      'aws_backup_plan',
      'p',
      false,
      ['copy_action', 'rule'],
    ]);
    expect(jsonResourceBlocks('{"resource": ', 'broken.tf.json')).toEqual([]);
  });

  it('follows `local.x` through the `locals` of the `.tf` files, never through comments or literal strings', async () => {
    const dir = path.join(tmp, 'locals');
    fs.mkdirSync(dir);
    const change = (address: string, type: string, after: object, unknown: object) => ({
      address,
      mode: 'managed',
      type,
      name: address.split('.')[1],
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: ['create'], before: null, after, after_unknown: unknown },
    });
    const planJson = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: { root_module: {} },
      resource_changes: [
        change('aws_db_instance.main', 'aws_db_instance', { identifier: 'orders', engine: 'postgres' }, { arn: true }),
        change(
          'aws_backup_plan.p',
          'aws_backup_plan',
          { name: 'p', rule: [{ rule_name: 'd', target_vault_name: 'v' }] },
          { id: true },
        ),
        change(
          'aws_backup_selection.s',
          'aws_backup_selection',
          { name: 's', iam_role_arn: 'arn:aws:iam::111111111111:role/b', resources: [null] },
          { plan_id: true, resources: [true] },
        ),
      ],
      configuration: {
        provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
        root_module: {
          resources: [
            {
              address: 'aws_backup_selection.s',
              mode: 'managed',
              type: 'aws_backup_selection',
              name: 's',
              provider_config_key: 'aws',
              expressions: {
                plan_id: { references: ['aws_backup_plan.p.id', 'aws_backup_plan.p'] },
                resources: { references: ['local.db_arn'] },
              },
            },
          ],
        },
      },
    };
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(planJson));
    const tf = (locals: string) =>
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        ['resource "aws_db_instance" "main" {}', 'resource "aws_backup_plan" "p" {}', locals].join('\n'),
      );
    const copyOf = async () => {
      const r = await run([
        'check',
        '--format',
        'json',
        '--rule',
        'backup-cross-account-copy',
        path.join(dir, 'plan.json'),
      ]);
      const findings = (
        JSON.parse(r.stdout) as { findings: Array<JsonReport['findings'][number] & { unresolved: boolean }> }
      ).findings;
      return findings.find((f) => f.path === 'aws_db_instance.main')!;
    };
    tf('locals {\n  db_arn = aws_db_instance.main.arn\n}');
    expect((await copyOf()).message).toContain('backup plan aws_backup_plan.p has no copy action');
    // Named only in a comment and a literal string: not a reference, so the value stays unresolved.
    tf('locals {\n  # aws_db_instance.main.arn\n  db_arn = "aws_db_instance.main.arn"\n}');
    const unresolved = await copyOf();
    expect([unresolved.unresolved, unresolved.message]).toEqual([
      true,
      expect.stringContaining('selection aws_backup_selection.s is not proven to select it'),
    ]);
  });

  describe('--acknowledgements FILE', () => {
    const file = (name: string, text: string): string => {
      const f = path.join(tmp, name);
      fs.writeFileSync(f, text);
      return f;
    };
    const soon = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const late = new Date(Date.now() + 200 * 24 * 3600 * 1000).toISOString().slice(0, 10);

    it('accepts a finding on one address with a written reason, and prints the entry to write', async () => {
      const before = await run(['check', '--format', 'json', 'incident/plan.json']);
      const target = (JSON.parse(before.stdout) as JsonReport).findings.find(
        (f) => f.ruleId === 'rds-deletion-protection' && f.path === 'module.db["eu"].aws_db_instance.this[0]',
      )!;
      expect(target.acknowledgeWith).toBe(
        `- { resource: 'module.db["eu"].aws_db_instance.this[0]', id: rds-deletion-protection, reason: '<why the risk is accepted>' } in the file given to \`deadbolt check --acknowledgements\``,
      );
      const acks = file(
        'acks.yaml',
        [
          `- resource: 'module.db["eu"].aws_db_instance.this[0]'`,
          '  id: rds-deletion-protection',
          '  reason: A regional read copy, rebuilt from the primary every night.',
          `  expires: ${soon}`,
          `- { resource: aws_db_instance.main, id: rds-final-snapshot, reason: '' }`,
          `- { resource: aws_kms_key.db, id: general-deletion-policy, reason: Rotated out next week., expires: ${late} }`,
          `- { resource: aws_db_instance.gone, id: rds-deletion-protection, reason: Removed last week. }`,
        ].join('\n'),
      );
      const r = await run(['check', '--format', 'json', '--acknowledgements', acks, 'incident/plan.json']);
      const findings = (JSON.parse(r.stdout) as JsonReport).findings;
      const of = (ruleId: string, p: string) => findings.find((f) => f.ruleId === ruleId && f.path === p)!;
      expect(of('rds-deletion-protection', 'module.db["eu"].aws_db_instance.this[0]').severity).toBe('info');
      expect(of('rds-deletion-protection', 'aws_db_instance.main').severity).toBe('error');
      // No reason, or an expiry past the 90-day maximum: refused, and the finding stays.
      expect(of('rds-final-snapshot', 'aws_db_instance.main').acknowledgementRefused).toContain('has no reason');
      expect(of('general-deletion-policy', 'aws_kms_key.db').acknowledgementRefused).toContain(
        'more than 90 days ahead',
      );
      expect(r.stderr).toContain(
        'acknowledges nothing: no finding of rds-deletion-protection is about `aws_db_instance.gone`',
      );
      expect(r.code).toBe(1);
    });

    it('refuses a file naming an unknown rule, as unreadable input', async () => {
      const acks = file(
        'bad.json',
        JSON.stringify([{ resource: 'aws_db_instance.main', id: 'rds-deletion-protect', reason: 'x' }]),
      );
      const r = await run(['check', '--acknowledgements', acks, 'incident/plan.json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('did you mean `rds-deletion-protection`?');
    });
  });
});
