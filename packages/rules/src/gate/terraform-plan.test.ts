import { InputError } from '../dialects/errors';
import { readTerraformPlan } from './terraform-plan';
import { blockedOf, gateOf, planOf, terraformPlan, tfChange } from './testing';
import { runGate } from './read-plan';

const DB = {
  identifier: 'orders',
  arn: 'arn:aws:rds:eu-west-1:111111111111:db:orders',
  id: 'db-ABC',
  deletion_protection: true,
  skip_final_snapshot: false,
  backup_retention_period: 14,
  delete_automated_backups: false,
  instance_class: 'db.t4g.small',
};

describe('readTerraformPlan: fixtures from `terraform show -json`', () => {
  test('a safe plan (in-place updates that keep protection, creates, a forget, a data source, a stateless delete) passes', () => {
    const report = runGate(planOf('terraform-safe'));
    expect(report.blocked).toEqual([]);
    expect(report.plan.description).toBe('Terraform plan from Terraform 1.9.5');
    const forget = report.allowed.find((d) => d.change.address === 'aws_s3_bucket.legacy_exports')!;
    expect(forget.change.action).toBe('forget');
    expect(forget.note).toMatch(/state only: the resource and its data stay/);
    expect(report.allowed.find((d) => d.change.address === 'data.aws_iam_policy_document.assume')!.change.action).toBe(
      'read',
    );
  });

  test('a destroy blocks the database and the bucket, not the function or the security group', () => {
    const report = runGate(planOf('terraform-destroy'));
    expect(blockedOf(report)).toEqual(['aws_db_instance.orders', 'aws_s3_bucket.invoices']);
    const [db] = report.blocked;
    expect(db).toMatchObject({
      approvalAction: 'delete',
      data: 'stateful',
      change: {
        type: 'AWS::RDS::DBInstance',
        providerType: 'aws_db_instance',
        identity: 'arn:aws:rds:eu-west-1:111111111111:db:orders-prod',
      },
    });
    expect(db.reasons[0]).toBe('Terraform destroys it and the data in it (it is no longer in the configuration).');
  });

  test('a replacement blocks in both orders: delete-then-create and create_before_destroy', () => {
    const report = runGate(planOf('terraform-replace'));
    expect(blockedOf(report)).toEqual(['aws_db_instance.orders', 'module.catalog.aws_dynamodb_table.items']);
    expect(report.blocked[0].reasons[0]).toMatch(
      /^Terraform destroys it and the data in it, then creates a new, empty one \(a changed argument cannot be updated in place; changing `identifier` forces replacement\)\.$/,
    );
    expect(report.blocked[1].reasons[0]).toMatch(
      /^Terraform creates a new, empty one, then destroys the old one and the data in it \(create_before_destroy; .*`hash_key`/,
    );
    expect(report.blocked[1].change.stack).toBe('module.catalog');
  });

  test('protection lowerings each block, with the property and both values', () => {
    const report = runGate(planOf('terraform-protection'));
    const reasons = Object.fromEntries(report.blocked.map((b) => [b.change.address, b.reasons.join(' ')]));
    expect(reasons['aws_db_instance.orders']).toMatch(/`deletion_protection` changes from true to false/);
    expect(reasons['aws_db_instance.orders']).toMatch(
      /`skip_final_snapshot` changes from false to true: no final snapshot/,
    );
    expect(reasons['aws_dynamodb_table.orders']).toMatch(
      /`point_in_time_recovery\[0\]\.enabled` changes from true to false/,
    );
    expect(reasons['aws_s3_bucket_versioning.invoices']).toMatch(
      /`versioning_configuration\[0\]\.status` changes from "Enabled" to "Suspended"/,
    );
    expect(reasons['aws_kms_key.data']).toMatch(/`deletion_window_in_days` changes from 30 to 7/);
    expect(reasons['aws_backup_vault_lock_configuration.main']).toMatch(/the vault lock is removed/);
    expect(reasons['aws_s3_bucket.invoices']).toMatch(/`force_destroy` changes from false to true/);
    expect(reasons['aws_rds_cluster.reporting']).toMatch(
      /`backup_retention_period` changes from 14 to 1.*`delete_automated_backups` changes from false to true/,
    );
    expect(report.blocked.every((b) => b.approvalAction === (b.change.action === 'delete' ? 'delete' : 'update'))).toBe(
      true,
    );
    expect(blockedOf(report)).not.toContain('aws_lambda_function.api');
  });

  test('unmapped types whose names say they store data block on delete; glue types do not', () => {
    const report = runGate(planOf('terraform-unknown-types'));
    expect(blockedOf(report)).toEqual(['aws_mystery_vault.archive', 'aws_db_snapshot.before_migration']);
    // A manual snapshot is a known data type: its deletion deletes a backup.
    expect(report.blocked[1].data).not.toBe('unknown');
    expect(report.blocked[0].reasons[0]).toMatch(/^Unknown type, treated as stateful \(its name says `vault`\)\./);
    expect(report.blocked[0].data).toBe('unknown');
  });

  test('an errored plan is unreadable', () => {
    expect(() => planOf('terraform-errored')).toThrow(/errored \(`errored: true`\)/);
  });
});

describe('readTerraformPlan: actions', () => {
  const cases: [string[], string, boolean][] = [
    [['no-op'], 'no-op', false],
    [['create'], 'create', false],
    [['read'], 'read', false],
    [['update'], 'update', false],
    [['delete'], 'delete', true],
    [['delete', 'create'], 'replace', true],
    [['create', 'delete'], 'replace', true],
    [['create', 'forget'], 'replace', true],
    [['forget'], 'forget', false],
  ];
  test.each(cases)('%j on a database is %s (blocked: %s)', (actions, action, blocked) => {
    const plan = terraformPlan([
      tfChange(
        'aws_db_instance',
        'db',
        actions,
        actions[0] === 'create' && actions.length === 1 ? null : DB,
        (actions.includes('delete') && actions.length === 1) || actions[0] === 'forget' ? null : DB,
      ),
    ]);
    const report = gateOf(plan);
    expect(report.plan.changes[0].action).toBe(action);
    expect(report.blocked.length === 1).toBe(blocked);
  });

  test('`["create","forget"]` (destroy = false) blocks as a replacement that leaves the old one unmanaged', () => {
    const report = gateOf(
      terraformPlan([tfChange('aws_db_instance', 'db', ['create', 'forget'], DB, { ...DB, identifier: 'orders-2' })]),
    );
    expect(report.blocked[0].reasons[0]).toMatch(
      /creates a new, empty one in its place and leaves the old one and its data unmanaged \(`lifecycle \{ destroy = false \}`\)/,
    );
  });

  test('a deleted deposed object blocks, addressed with its deposed key', () => {
    const report = gateOf(
      terraformPlan([tfChange('aws_db_instance', 'db', ['delete'], DB, null, { deposed: '00000001' })]),
    );
    expect(blockedOf(report)).toEqual(['aws_db_instance.db (deposed 00000001)']);
    expect(report.blocked[0].reasons[0]).toMatch(/deposed object 00000001/);
  });

  test('a data source owns nothing, whatever its action', () => {
    const report = gateOf(
      terraformPlan([
        tfChange('aws_db_instance', 'db', ['delete'], DB, null, { mode: 'data', address: 'data.aws_db_instance.db' }),
      ]),
    );
    expect(report.blocked).toEqual([]);
  });

  test('an unknown action sequence is unreadable', () => {
    expect(() => readTerraformPlan(terraformPlan([tfChange('aws_db_instance', 'db', ['open'], null, DB)]))).toThrow(
      /actions \["open"\], which Deadbolt does not know/,
    );
  });
});

describe('readTerraformPlan: values', () => {
  test('a protective value known only after apply blocks', () => {
    const plan = terraformPlan([
      tfChange(
        'aws_db_instance',
        'db',
        ['update'],
        DB,
        { ...DB, deletion_protection: null },
        { change: { after_unknown: { deletion_protection: true } } },
      ),
    ]);
    const [b] = gateOf(plan).blocked;
    expect(b.reasons[0]).toBe(
      '`deletion_protection` changes from true to (known after apply), which is known only when it is applied; it cannot be proven that deletion protection is kept.',
    );
  });

  test.each([
    ['more retention', { backup_retention_period: 30 }],
    ['turning deletion protection on', { deletion_protection: true }],
    ['another instance class', { instance_class: 'db.r6g.large' }],
    ['removing an optional + computed argument (null after)', { backup_retention_period: null }],
  ])('%s passes', (_name, patch) => {
    expect(
      gateOf(terraformPlan([tfChange('aws_db_instance', 'db', ['update'], DB, { ...DB, ...patch })])).blocked,
    ).toEqual([]);
  });

  test('a PITR block removed entirely turns PITR off', () => {
    const before = { name: 't', point_in_time_recovery: [{ enabled: true }] };
    expect(
      gateOf(
        terraformPlan([
          tfChange('aws_dynamodb_table', 't', ['update'], before, { name: 't', point_in_time_recovery: [] }),
        ]),
      ).blocked,
    ).toHaveLength(1);
  });

  test('log retention: 0 means forever, so 0 → 30 lowers it and 30 → 0 does not', () => {
    const lg = (days: number) => ({ name: '/x', retention_in_days: days });
    expect(
      gateOf(terraformPlan([tfChange('aws_cloudwatch_log_group', 'x', ['update'], lg(0), lg(30))])).blocked,
    ).toHaveLength(1);
    expect(
      gateOf(terraformPlan([tfChange('aws_cloudwatch_log_group', 'x', ['update'], lg(30), lg(0))])).blocked,
    ).toHaveLength(0);
  });

  test('deleting aws_s3_bucket_versioning suspends versioning; deleting a public access block is harmless', () => {
    const versioning = tfChange(
      'aws_s3_bucket_versioning',
      'v',
      ['delete'],
      { bucket: 'b', versioning_configuration: [{ status: 'Enabled' }] },
      null,
    );
    const pab = tfChange(
      'aws_s3_bucket_public_access_block',
      'p',
      ['delete'],
      { bucket: 'b', block_public_acls: true },
      null,
    );
    expect(blockedOf(gateOf(terraformPlan([versioning, pab])))).toEqual(['aws_s3_bucket_versioning.v']);
  });

  test('the aws_db_instance identity is its ARN (approvals are signed over it)', () => {
    expect(
      gateOf(terraformPlan([tfChange('aws_db_instance', 'db', ['delete'], DB, null)])).blocked[0].change.identity,
    ).toBe(DB.arn);
  });
});

describe('readTerraformPlan: unreadable plans', () => {
  test.each([
    [
      'no resource_changes',
      { format_version: '1.2', terraform_version: '1.9.5', planned_values: {} },
      /no `resource_changes`/,
    ],
    ['state, not a plan', { format_version: '1.0', terraform_version: '1.9.5', values: {} }, /looks like state/],
    [
      'format 2',
      terraformPlan([], { format_version: '2.0' }),
      /format_version` "2.0"; Deadbolt reads formats 0.x and 1.x \(Terraform 0.12 and later\), not major version 2\./,
    ],
    ['format 10.1', terraformPlan([], { format_version: '10.1' }), /not major version 10\./],
    ['format not a version', terraformPlan([], { format_version: 'latest' }), /format_version` "latest"/],
    ['resource_changes not a list', terraformPlan([], { resource_changes: {} }), /not a list/],
    [
      'a change without actions',
      terraformPlan([{ address: 'a.b', type: 'aws_s3_bucket', change: {} }]),
      /no `change.actions` list/,
    ],
    ['a change without type', terraformPlan([{ address: 'a.b', change: { actions: ['delete'] } }]), /has no `type`/],
    ['errored', terraformPlan([], { errored: true }), /errored/],
  ])('%s', (_name, doc, message) => {
    expect(() => readTerraformPlan(doc, 'plan.json')).toThrow(InputError);
    expect(() => readTerraformPlan(doc, 'plan.json')).toThrow(message);
  });

  test('an incomplete plan is read, with a notice', () => {
    expect(readTerraformPlan(terraformPlan([], { complete: false })).notices[0]).toMatch(/incomplete/);
  });
});

describe('readTerraformPlan: every format version that shares `resource_changes`', () => {
  test('a Terraform 0.12 plan (format 0.1: no before_sensitive, action_reason, replace_paths or importing) is judged', () => {
    const report = runGate(planOf('terraform-0.12-format-0.1'));
    expect(report.plan.description).toBe('Terraform plan from Terraform 0.12.31');
    expect(blockedOf(report)).toEqual(['aws_db_instance.orders', 'aws_dynamodb_table.sessions']);
    expect(report.blocked[0].reasons).toEqual(['Terraform destroys it and the data in it.']);
    expect(report.blocked[1].reasons).toEqual([
      '`point_in_time_recovery[0].enabled` changes from true to false: point-in-time recovery is off.',
    ]);
    // The Aurora instance is replaced while its cluster stays: no data lost.
    const member = report.allowed.find((d) => d.change.address === 'aws_rds_cluster_instance.reports[0]')!;
    expect(member.data).toBe('member');
  });

  test.each(['0.1', '0.2', '1.0', '1.1', '1.2', '1.9'])('format %s is read', (version) => {
    const entry = tfChange('aws_db_instance', 'db', ['delete'], DB, null);
    // Older formats lack these fields: nothing may depend on them.
    const { before_sensitive: _b, after_sensitive: _a, ...change } = entry.change as Record<string, unknown>;
    const plan = terraformPlan([{ ...entry, change }], { format_version: version });
    for (const k of ['applyable', 'complete', 'errored']) delete plan[k];
    expect(blockedOf(gateOf(plan))).toEqual(['aws_db_instance.db']);
  });
});
