import * as fs from 'fs';
import * as path from 'path';
import { evaluate } from '../evaluate';
import type { Finding } from '../model';
import { InputError } from './errors';
import { looksLikeTerraformJson, readTerraformModel, terraformJsonKind } from './terraform-json';
import { terraformSpelling } from './terraform-json-names';

const FIXTURES = path.join(__dirname, 'fixtures', 'terraform');
const load = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'plan.json'), 'utf8'));
const judge = (json: unknown, extra: Partial<Parameters<typeof readTerraformModel>[1]> = {}) =>
  evaluate(readTerraformModel(json, { id: 'tf', name: 'tf', ...extra }), { idiom: 'terraform' });
const errors = (findings: readonly Finding[]): string[] =>
  findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.resource.path} ${f.ruleId}`)
    .sort();
/** The `.tf` facts of the fixed configuration: every stateful resource has `prevent_destroy`. */
const PREVENTED = () => ({ preventDestroy: true, dynamicBlocks: new Set<string>() });

/** A plan of one resource in Terraform's format, for the cases the fixtures do not cover. */
function plan(
  resources: Array<{
    address: string;
    type: string;
    after: Record<string, unknown>;
    unknown?: Record<string, unknown>;
    expressions?: Record<string, unknown>;
    actions?: string[];
    index?: number | string;
    module?: string;
    providerKey?: string;
  }>,
  extra: Record<string, unknown> = {},
): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: {} },
    resource_changes: resources.map((r) => ({
      address: r.address,
      ...(r.module ? { module_address: r.module } : {}),
      mode: 'managed',
      type: r.type,
      name: r.address.replace(/\[.*$/, '').split('.').pop(),
      ...(r.index !== undefined ? { index: r.index } : {}),
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: { actions: r.actions ?? ['create'], before: null, after: r.after, after_unknown: r.unknown ?? {} },
    })),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
      root_module: {
        resources: resources
          .filter((r) => r.expressions && !r.module)
          .filter(
            (r, i, all) =>
              all.findIndex((o) => o.address.replace(/\[.*$/, '') === r.address.replace(/\[.*$/, '')) === i,
          )
          .map((r) => ({
            address: r.address.replace(/\[.*$/, ''),
            mode: 'managed',
            type: r.type,
            name: r.address.replace(/\[.*$/, '').split('.').pop(),
            provider_config_key: r.providerKey ?? 'aws',
            expressions: r.expressions,
            schema_version: 0,
          })),
      },
    },
    ...extra,
  };
}

describe('readTerraformModel: a plan, judged on its after-state', () => {
  const incident = judge(load('incident'));

  it('names every finding by its Terraform address, with the fix in HCL', () => {
    expect(errors(incident.findings)).toEqual(
      [
        'aws_backup_plan.main backup-plan-copy-destination',
        'aws_backup_vault.main backup-vault-compliance-lock',
        'aws_backup_vault.main general-deletion-policy',
        'aws_backup_vault.main general-update-replace-policy',
        'aws_db_instance.main backup-cross-account-copy',
        'aws_db_instance.main general-deletion-policy',
        'aws_db_instance.main general-update-replace-policy',
        'aws_db_instance.main rds-automated-backups-retained',
        'aws_db_instance.main rds-backup-retention',
        'aws_db_instance.main rds-customer-managed-key',
        'aws_db_instance.main rds-deletion-protection',
        'aws_db_instance.main rds-final-snapshot',
        'aws_kms_key.db general-deletion-policy',
        'aws_kms_key.db general-update-replace-policy',
        'aws_s3_bucket.data general-deletion-policy',
        'aws_s3_bucket.data general-update-replace-policy',
        'aws_s3_bucket.data s3-no-auto-delete-objects',
        'aws_s3_bucket.data s3-versioning',
        'module.db["eu"].aws_db_instance.this[0] backup-cross-account-copy',
        'module.db["eu"].aws_db_instance.this[0] general-deletion-policy',
        'module.db["eu"].aws_db_instance.this[0] general-update-replace-policy',
        'module.db["eu"].aws_db_instance.this[0] rds-automated-backups-retained',
        'module.db["eu"].aws_db_instance.this[0] rds-deletion-protection',
        'module.db["eu"].aws_db_instance.this[0] rds-final-snapshot',
      ].sort(),
    );
    for (const f of incident.findings) {
      // Every rule that fires on a Terraform resource says the fix in Terraform's words.
      expect([f.ruleId, f.fixes.terraform]).toEqual([f.ruleId, f.fix]);
      // Findings quote the arguments as HCL writes them, never Pulumi's camelCase.
      expect([f.ruleId, f.message]).not.toEqual([f.ruleId, expect.stringMatching(/`?\b[a-z]+[A-Z][a-zA-Z]*`? is /)]);
    }
    const dp = incident.findings.find((f) => f.ruleId === 'rds-deletion-protection')!;
    expect(dp.message).toBe('deletion_protection is false; it must be true.');
    expect(dp.fix).toBe('Set `deletion_protection = true`.');
  });

  it('leaves out data sources and what the plan deletes', () => {
    const paths = new Set(incident.findings.map((f) => f.resource.path));
    expect(paths.has('aws_dynamodb_table.legacy')).toBe(false);
    expect([...paths].some((p) => p?.startsWith('data.'))).toBe(false);
    expect(incident.resources).toBe(7);
  });

  it('joins a versioning resource to its bucket through the reference, while the bucket id is unknown', () => {
    const v = incident.findings.find((f) => f.ruleId === 's3-versioning')!;
    expect(v.resource.path).toBe('aws_s3_bucket.data');
    expect(v.message).toBe(
      'aws_s3_bucket_versioning.data.versioning_configuration.status is "Suspended"; it must be `Enabled`.',
    );
  });

  it('ties a backup selection to the databases it names, in the root module and through a module output', () => {
    for (const db of ['aws_db_instance.main', 'module.db["eu"].aws_db_instance.this[0]']) {
      const f = incident.findings.find((x) => x.ruleId === 'backup-cross-account-copy' && x.resource.path === db)!;
      // Covered by the plan (which has no copy), not "selected by no plan".
      expect(f.message).toContain('plan aws_backup_plan.main has no copy action');
    }
  });

  it('follows a module input to the key it was given: the module database has a customer managed key', () => {
    const ids = incident.findings
      .filter((f) => f.resource.path === 'module.db["eu"].aws_db_instance.this[0]')
      .map((f) => f.ruleId);
    expect(ids).not.toContain('rds-customer-managed-key');
    expect(ids).not.toContain('rds-backup-retention');
  });

  it('passes the fixed configuration once its `.tf` files show `prevent_destroy`', () => {
    const fixed = judge(load('fixed'), { configuration: PREVENTED });
    expect(errors(fixed.findings)).toEqual([]);
    // The copy goes to a vault created by the provider aliased to the backup account: a document of its own.
    const model = readTerraformModel(load('fixed'), { id: 'tf', name: 'tf' });
    expect(model.documents.map((d) => [d.id, d.account, [...d.resources.keys()].length])).toEqual([
      ['tf', '111111111111', 7],
      ['tf/aws.backup', '222222222222', 1],
    ]);
    // `--account` stands for a provider that names no account; it never overrides `allowed_account_ids`.
    const given = readTerraformModel(load('fixed'), { id: 'tf', name: 'tf', account: '333333333333' });
    expect(given.documents.map((d) => d.account)).toEqual(['111111111111', '222222222222']);
    const noAccount = plan([]) as Record<string, unknown>;
    expect(readTerraformModel(noAccount, { id: 'tf', name: 'tf', account: '333333333333' }).documents[0].account).toBe(
      '333333333333',
    );
  });

  it('says `prevent_destroy` cannot be seen without the `.tf` files, and is not set when they were read', () => {
    const unseen = judge(load('fixed')).findings.find(
      (f) => f.ruleId === 'general-deletion-policy' && f.resource.path === 'aws_s3_bucket.data',
    )!;
    expect(unseen.message).toContain('`lifecycle { prevent_destroy }` cannot be seen');
    expect(unseen.location).toBe('lifecycle/prevent_destroy');
    expect(unseen.fix).toContain('`lifecycle { prevent_destroy = true }`');
    expect(unseen.fix).toContain('`removed` block');
    const unset = judge(load('incident'), {
      configuration: () => ({ preventDestroy: false, dynamicBlocks: new Set() }),
    }).findings.find((f) => f.ruleId === 'general-deletion-policy' && f.resource.path === 'aws_db_instance.main')!;
    expect(unset.message).toBe(
      '`terraform destroy`, or removing the resource block, deletes the resource and its data: `lifecycle { prevent_destroy = true }` is not set, and `skip_final_snapshot` is true, so no final snapshot is kept.',
    );
  });
});

describe('readTerraformModel: values and references', () => {
  const TABLE = {
    name: 'orders',
    hash_key: 'pk',
    billing_mode: 'PAY_PER_REQUEST',
    point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 35 }],
  };

  it('makes a value the configuration writes but apply decides a finding, never a pass', () => {
    const r = judge(
      plan([
        {
          address: 'aws_dynamodb_table.t',
          type: 'aws_dynamodb_table',
          after: TABLE,
          unknown: { deletion_protection_enabled: true, arn: true },
          expressions: {
            name: { constant_value: 'orders' },
            deletion_protection_enabled: { references: ['var.protect'] },
          },
        },
      ]),
    );
    const f = r.findings.find((x) => x.ruleId === 'dynamodb-deletion-protection')!;
    expect(f.unresolved).toBe(true);
    expect(f.severity).toBe('error');
    expect(f.message).toContain('deletion_protection_enabled');
  });

  it('keeps an unknown value the plan cannot explain when there is no configuration to tell', () => {
    const json = plan([
      {
        address: 'aws_dynamodb_table.t',
        type: 'aws_dynamodb_table',
        after: TABLE,
        unknown: { deletion_protection_enabled: true },
      },
    ]) as Record<string, unknown>;
    delete json.configuration;
    const f = judge(json).findings.find((x) => x.ruleId === 'dynamodb-deletion-protection')!;
    expect(f.unresolved).toBe(true);
  });

  it('matches `for_each` instances by key, and refuses to guess between instances of another key', () => {
    const bucket = (key: string) => ({
      address: `aws_s3_bucket.b["${key}"]`,
      type: 'aws_s3_bucket',
      index: key,
      after: { bucket: `data-${key}` },
      unknown: { id: true, arn: true },
      expressions: { bucket: { references: ['each.value'] } },
    });
    const versioning = (key: string, status: string) => ({
      address: `aws_s3_bucket_versioning.v["${key}"]`,
      type: 'aws_s3_bucket_versioning',
      index: key,
      after: { versioning_configuration: [{ status }] },
      unknown: { bucket: true },
      expressions: {
        bucket: { references: ['aws_s3_bucket.b'] },
        versioning_configuration: [{ status: { references: ['each.value'] } }],
      },
    });
    const r = judge(plan([bucket('a'), bucket('b'), versioning('a', 'Enabled'), versioning('b', 'Suspended')]));
    const v = r.findings.filter((f) => f.ruleId === 's3-versioning').map((f) => [f.resource.path, f.unresolved]);
    expect(v).toEqual([['aws_s3_bucket.b["b"]', undefined]]);
    // A single versioning resource naming two buckets by a computed key cannot be tied to either.
    const r2 = judge(
      plan([
        bucket('a'),
        bucket('b'),
        { ...versioning('a', 'Enabled'), address: 'aws_s3_bucket_versioning.v', index: undefined },
      ]),
    );
    expect(r2.findings.filter((f) => f.ruleId === 's3-versioning').map((f) => f.resource.path)).toEqual([
      'aws_s3_bucket.b["a"]',
      'aws_s3_bucket.b["b"]',
      'aws_s3_bucket_versioning.v',
    ]);
  });

  it('reads a state as deployed, through child modules, joining parts by name and selections by ARN', () => {
    const arn = 'arn:aws:rds:eu-west-1:111111111111:db:orders';
    const state = {
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_backup_selection.s',
              mode: 'managed',
              type: 'aws_backup_selection',
              name: 's',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              values: { name: 's', plan_id: 'p-1', iam_role_arn: 'arn:aws:iam::111111111111:role/b', resources: [arn] },
            },
          ],
          child_modules: [
            {
              address: 'module.data',
              resources: [
                {
                  address: 'module.data.aws_db_instance.db',
                  mode: 'managed',
                  type: 'aws_db_instance',
                  name: 'db',
                  provider_name: 'registry.terraform.io/hashicorp/aws',
                  values: { arn, identifier: 'orders', deletion_protection: false, backup_retention_period: 7 },
                },
                {
                  address: 'module.data.aws_s3_bucket.b',
                  mode: 'managed',
                  type: 'aws_s3_bucket',
                  name: 'b',
                  provider_name: 'registry.terraform.io/hashicorp/aws',
                  values: {
                    bucket: 'orders-data',
                    force_destroy: false,
                    versioning: [{ enabled: false, mfa_delete: false }],
                  },
                },
                {
                  address: 'module.data.aws_s3_bucket_versioning.b',
                  mode: 'managed',
                  type: 'aws_s3_bucket_versioning',
                  name: 'b',
                  provider_name: 'registry.terraform.io/hashicorp/aws',
                  values: { bucket: 'orders-data', versioning_configuration: [{ status: 'Enabled', mfa_delete: '' }] },
                },
              ],
            },
          ],
        },
      },
    };
    expect(terraformJsonKind(state)).toBe('state');
    const r = judge(state);
    const ids = (p: string) => r.findings.filter((f) => f.resource.path === p).map((f) => f.ruleId);
    expect(ids('module.data.aws_db_instance.db')).toContain('rds-deletion-protection');
    // The selection names the database by its ARN: it is covered (by a plan this state does not hold).
    const copy = r.findings.find(
      (f) => f.ruleId === 'backup-cross-account-copy' && f.resource.path === 'module.data.aws_db_instance.db',
    )!;
    expect(copy.message).toContain(
      'selection aws_backup_selection.s is not proven to belong to a backup plan of this configuration: `plan_id` is "p-1"',
    );
    expect(ids('module.data.aws_s3_bucket.b')).not.toContain('s3-versioning');
    // An empty state is no resource, not an error.
    expect(judge({ format_version: '1.0' }).resources).toBe(0);
  });

  describe('what `terraform show -json` writes that is easy to misread', () => {
    const DB = {
      identifier: 'orders',
      engine: 'postgres',
      deletion_protection: true,
      backup_retention_period: 7,
      storage_encrypted: true,
      kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/k',
      skip_final_snapshot: false,
      final_snapshot_identifier: 'orders-final',
      delete_automated_backups: false,
      password: 'hunter2',
    };
    const ruleIds = (r: ReturnType<typeof judge>, address: string) =>
      r.findings.filter((f) => f.resource.path === address).map((f) => f.ruleId);

    it('takes a sensitive value as known: `after_sensitive` hides it from the terminal, not from the JSON', () => {
      const json = plan([
        { address: 'aws_db_instance.db', type: 'aws_db_instance', after: DB, unknown: { arn: true } },
      ]);
      const change = (json as { resource_changes: Array<{ change: Record<string, unknown> }> }).resource_changes[0]
        .change;
      change.after_sensitive = { password: true, deletion_protection: true };
      const r = judge(json);
      expect(ruleIds(r, 'aws_db_instance.db')).not.toContain('rds-deletion-protection');
      // A literal key ARN is a finding of its own, said of the configuration (not of a template).
      expect(r.findings.find((f) => f.ruleId === 'rds-customer-managed-key')!.message).toContain(
        'the configuration cannot show that it is a customer managed key',
      );
    });

    it('reads `after_unknown` inside nested blocks: an unknown nested argument is unresolved, never a pass', () => {
      const r = judge(
        plan([
          {
            address: 'aws_dynamodb_table.t',
            type: 'aws_dynamodb_table',
            after: { name: 't', hash_key: 'pk', deletion_protection_enabled: true, point_in_time_recovery: [{}] },
            unknown: { arn: true, point_in_time_recovery: [{ enabled: true }] },
            expressions: {
              name: { constant_value: 't' },
              deletion_protection_enabled: { constant_value: true },
              point_in_time_recovery: [{ enabled: { references: ['var.pitr'] } }],
            },
          },
        ]),
      );
      const pitr = r.findings.find((f) => f.ruleId === 'dynamodb-point-in-time-recovery')!;
      expect([pitr.severity, pitr.unresolved]).toEqual(['error', true]);
    });

    it('judges the planned after-state: not the drift Terraform found, not a deposed object, not a data source', () => {
      const unsafe = { ...DB, deletion_protection: false };
      const json = plan([{ address: 'aws_db_instance.db', type: 'aws_db_instance', after: DB, actions: ['no-op'] }], {
        // Drift: what changed outside Terraform since the last apply; the plan puts it back.
        resource_drift: [
          {
            address: 'aws_db_instance.db',
            mode: 'managed',
            type: 'aws_db_instance',
            name: 'db',
            provider_name: 'registry.terraform.io/hashicorp/aws',
            change: { actions: ['update'], before: DB, after: unsafe },
          },
        ],
      }) as { resource_changes: unknown[] };
      json.resource_changes.push(
        {
          address: 'aws_db_instance.db',
          deposed: '00000001',
          mode: 'managed',
          type: 'aws_db_instance',
          name: 'db',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          change: { actions: ['delete'], before: unsafe, after: null },
        },
        {
          address: 'data.aws_db_instance.other',
          mode: 'data',
          type: 'aws_db_instance',
          name: 'other',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          change: { actions: ['read'], before: null, after: unsafe, after_unknown: {} },
        },
      );
      const r = judge(json);
      expect(r.resources).toBe(1);
      expect(ruleIds(r, 'aws_db_instance.db')).not.toContain('rds-deletion-protection');
      // A state's data sources and deposed objects are passed over the same way.
      const state = {
        format_version: '1.0',
        values: {
          root_module: {
            resources: [
              { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values: DB },
              {
                address: 'aws_db_instance.db',
                mode: 'managed',
                type: 'aws_db_instance',
                name: 'db',
                deposed_key: '00000001',
                values: unsafe,
              },
              { address: 'data.aws_db_instance.x', mode: 'data', type: 'aws_db_instance', name: 'x', values: unsafe },
            ],
          },
        },
      };
      const s = judge(state);
      expect(s.resources).toBe(1);
      expect(ruleIds(s, 'aws_db_instance.db')).not.toContain('rds-deletion-protection');
    });

    it('names an instance of a module called with `for_each` and a resource with `count` by its full address', () => {
      const r = judge(
        plan([
          {
            address: 'module.db["a"].aws_db_instance.this[0]',
            module: 'module.db["a"]',
            index: 0,
            type: 'aws_db_instance',
            after: { ...DB, deletion_protection: false },
          },
        ]),
      );
      expect(ruleIds(r, 'module.db["a"].aws_db_instance.this[0]')).toContain('rds-deletion-protection');
      expect(r.findings.find((f) => f.ruleId === 'rds-deletion-protection')!.acknowledgeWith).toContain(
        `resource: 'module.db["a"].aws_db_instance.this[0]'`,
      );
    });

    it('keeps a `dynamic` block whose `for_each` is unknown until apply unresolved, at any depth', () => {
      // `configuration` leaves `dynamic` blocks out; the plan marks the whole block unknown.
      const backupPlan = plan([
        {
          address: 'aws_backup_plan.p',
          type: 'aws_backup_plan',
          after: { name: 'p' },
          unknown: { id: true, arn: true, rule: true },
          expressions: { name: { constant_value: 'p' } },
        },
      ]);
      const dynamicRule = () => ({ preventDestroy: true, dynamicBlocks: new Set(['rule']) });
      const unresolved = judge(backupPlan, { configuration: dynamicRule }).findings.filter(
        (f) => f.resource.path === 'aws_backup_plan.p' && f.ruleId.startsWith('backup-plan-'),
      );
      expect(unresolved.length).toBeGreaterThan(0);
      expect(unresolved.every((f) => f.unresolved && f.severity === 'error')).toBe(true);
      // Inside a block the configuration writes: a bucket lifecycle rule with a `dynamic "expiration"`.
      const lifecycle = plan([
        {
          address: 'aws_s3_bucket.b',
          type: 'aws_s3_bucket',
          after: { bucket: 'b', force_destroy: false },
          unknown: { id: true, arn: true },
          expressions: { bucket: { constant_value: 'b' } },
        },
        {
          address: 'aws_s3_bucket_lifecycle_configuration.l',
          type: 'aws_s3_bucket_lifecycle_configuration',
          after: { rule: [{ id: 'expire', status: 'Enabled', filter: [{ prefix: '' }] }] },
          unknown: { bucket: true, id: true, rule: [{ expiration: true, filter: [{}] }] },
          expressions: {
            bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] },
            rule: [{ id: { constant_value: 'expire' }, status: { constant_value: 'Enabled' }, filter: [{}] }],
          },
        },
      ]);
      const dynamicExpiration = () => ({ preventDestroy: true, dynamicBlocks: new Set(['expiration']) });
      const expiry = judge(lifecycle, { configuration: dynamicExpiration }).findings.find(
        (f) => f.ruleId === 's3-lifecycle-expiration',
      );
      expect([expiry?.resource.path, expiry?.unresolved]).toEqual(['aws_s3_bucket.b', true]);
    });

    it('reads any 1.x format, and refuses another major version', () => {
      expect(judge({ ...(plan([]) as object), format_version: '1.10' }).resources).toBe(0);
      expect(() => judge({ format_version: '2.0', planned_values: {} })).toThrow(/not major version 2/);
    });

    describe('a backup selection that names its database through a `local`', () => {
      // The plan's `configuration` has no `locals`: `references` stops at `local.db_arn`.
      // https://developer.hashicorp.com/terraform/internals/json-format#expression-representation
      const ARN = 'arn:aws:rds:eu-west-1:111111111111:db:orders';
      const backup = (db: { after: Record<string, unknown>; unknown?: Record<string, unknown> }, arns: unknown[]) =>
        plan([
          { address: 'aws_db_instance.main', type: 'aws_db_instance', ...db },
          {
            address: 'aws_backup_plan.p',
            type: 'aws_backup_plan',
            after: { name: 'p', rule: [{ rule_name: 'daily', target_vault_name: 'v', schedule: 'cron(0 5 * * ? *)' }] },
            unknown: { id: true, arn: true },
          },
          {
            address: 'aws_backup_selection.s',
            type: 'aws_backup_selection',
            after: { name: 's', iam_role_arn: 'arn:aws:iam::111111111111:role/backup', resources: arns },
            unknown: { plan_id: true, resources: arns.map((a) => a === null) },
            expressions: {
              plan_id: { references: ['aws_backup_plan.p.id', 'aws_backup_plan.p'] },
              resources: { references: ['local.db_arn'] },
            },
          },
        ]);
      const copyFinding = (json: unknown, extra: Partial<Parameters<typeof readTerraformModel>[1]> = {}) =>
        judge(json, extra).findings.find(
          (f) => f.ruleId === 'backup-cross-account-copy' && f.resource.path === 'aws_db_instance.main',
        )!;

      it('is unresolved while the ARN is unknown: neither covered nor "selected by no plan"', () => {
        const f = copyFinding(backup({ after: DB, unknown: { arn: true } }, [null]));
        expect([f.severity, f.unresolved]).toEqual(['error', true]);
        expect(f.message).toContain('selection aws_backup_selection.s is not proven to select it');
      });

      it('is tied to the database through the `locals` the `.tf` files define, while the ARN is unknown', () => {
        const locals = new Map([['db_arn', ['aws_db_instance.main']]]);
        const f = copyFinding(backup({ after: DB, unknown: { arn: true } }, [null]), {
          locals: (module) => (module === '' ? locals : undefined),
        });
        expect(f.message).toContain('backup plan aws_backup_plan.p has no copy action');
        // A local of a local is followed; one that names no resource leaves the value unresolved.
        const chained = new Map([
          ['db_arn', ['local.primary']],
          ['primary', ['aws_db_instance.main']],
        ]);
        expect(
          copyFinding(backup({ after: DB, unknown: { arn: true } }, [null]), { locals: () => chained }).message,
        ).toContain('has no copy action');
        const elsewhere = copyFinding(backup({ after: DB, unknown: { arn: true } }, [null]), {
          locals: () => new Map([['db_arn', ['var.db_arn']]]),
        });
        expect(elsewhere.unresolved).toBe(true);
      });

      it('is tied to the database once the ARN is known (an update, or a state)', () => {
        const f = copyFinding(backup({ after: { ...DB, arn: ARN } }, [ARN]));
        expect(f.message).toContain('backup plan aws_backup_plan.p has no copy action');
      });
    });
  });

  it('refuses what is not a plan or state it can read', () => {
    const refused = (json: unknown): string => {
      try {
        readTerraformModel(json, { id: 'x', name: 'x', source: 'plan.json' });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused([])).toBe('plan.json: the Terraform JSON is not an object.');
    expect(refused({ format_version: '2.0', planned_values: {} })).toContain('not major version 2');
    expect(refused({ format_version: '1.2', outputs: {} })).toContain('neither a Terraform plan');
    expect(refused({ ...(plan([]) as object), errored: true, resource_changes: [] })).toContain('errored');
    expect(refused({ format_version: '1.0', values: { root_module: { resources: {} } } })).toContain(
      '`values.root_module.resources` is not a list',
    );
    expect(looksLikeTerraformJson({ format_version: '1.2', planned_values: {} })).toBe(true);
    expect(looksLikeTerraformJson({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} })).toBe(false);
  });
});

describe('terraformSpelling', () => {
  it.each([
    ['pointInTimeRecovery.enabled', 'point_in_time_recovery.enabled'],
    ['rules[0].noncurrentVersionExpiration.noncurrentDays', 'rules[0].noncurrent_version_expiration.noncurrent_days'],
    [
      'aws_s3_bucket_versioning.MyData.versioningConfiguration.status',
      'aws_s3_bucket_versioning.MyData.versioning_configuration.status',
    ],
    [
      'module.dbEu["EuWest"].aws_backup_vault_lock_configuration.l.minRetentionDays',
      'module.dbEu["EuWest"].aws_backup_vault_lock_configuration.l.min_retention_days',
    ],
    ['versioning (an aws.s3.BucketVersioning resource)', 'versioning (an aws_s3_bucket_versioning resource)'],
    [
      'replication (an aws.s3.BucketReplicationConfig resource)',
      'replication (an aws_s3_bucket_replication_configuration resource)',
    ],
  ])('%s → %s', (name, want) => expect(terraformSpelling(name)).toBe(want));
});

describe('readTerraformModel: Google resources', () => {
  it('hands `google_*` resources and `google` provider blocks to the Google dialect', () => {
    const json = plan([
      {
        address: 'google_sql_database_instance.main',
        type: 'google_sql_database_instance',
        after: {
          name: 'orders',
          database_version: 'POSTGRES_16',
          deletion_protection: true,
          settings: [{ tier: 'db-f1-micro' }],
        },
        unknown: { self_link: true },
        expressions: { name: { constant_value: 'orders' } },
        providerKey: 'google',
      },
      { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', after: { bucket: 'b' } },
    ]) as { configuration: { provider_config: Record<string, unknown> } };
    json.configuration.provider_config.google = {
      name: 'google',
      full_name: 'registry.terraform.io/hashicorp/google',
      expressions: { project: { constant_value: 'orders-prod' }, region: { constant_value: 'europe-west1' } },
    };
    const model = readTerraformModel(json, { id: 'tf', name: 'tf' });
    const google = model.documents.find((d) => d.dialect === 'google')!;
    expect([google.id, google.project]).toEqual(['tf#google', 'orders-prod']);
    const db = google.resources.get('google_sql_database_instance.main')!;
    expect([db.type, db.location.path, (db.properties.settings as Record<string, unknown>).tier]).toEqual([
      'google_sql_database_instance',
      'google_sql_database_instance.main',
      'db-f1-micro',
    ]);
    expect(model.documents.find((d) => d.dialect === 'aws-provider')!.resources.has('aws_s3_bucket.b')).toBe(true);
  });
});
