import { evaluate } from '../engine/evaluate';
import { labelOf, locationOf, readProperty, requireTrue } from '../engine/read';
import { defineRule } from '../engine/rule';
import { CATALOGUE } from '../rules';
import stackTerminationProtection from '../rules/stack/stack-termination-protection';
import { googleFindingsOf, googleModelOf, googleRecord } from '../rules/testing/harness';
import type { NormalisedResource } from '../model';
import { providerOutput } from './aws-provider-model';
import { googleTerraformType, outputResource, PULUMI_GCP_PROVIDER, readGoogleModel } from './google-provider';
import { readTerraformModel } from './terraform-json';
import gcpDeletionPolicy from '../rules/gcp/general/gcp-deletion-policy';

const only = (input: Parameters<typeof googleModelOf>[0]): NormalisedResource => {
  const docs = googleModelOf(input).documents;
  const all = docs.flatMap((d) => [...d.resources.values()]);
  expect(all).toHaveLength(1);
  return all[0];
};

describe('readGoogleModel: Terraform and Pulumi Google resources in one shape', () => {
  const terraform = googleRecord('google_sql_database_instance', {
    name: 'db',
    database_version: 'POSTGRES_16',
    deletion_protection: true,
    settings: [
      {
        tier: 'db-custom-2-7680',
        deletion_protection_enabled: true,
        backup_configuration: [
          {
            enabled: true,
            point_in_time_recovery_enabled: true,
            backup_retention_settings: [{ retained_backups: 14 }],
          },
        ],
        ip_configuration: [],
        database_flags: [{ name: 'log_checkpoints', value: 'on' }],
        user_labels: { team: 'data' },
      },
    ],
  });
  const pulumi = googleRecord('gcp:sql/databaseInstance:DatabaseInstance', {
    name: 'db',
    databaseVersion: 'POSTGRES_16',
    deletionProtection: true,
    settings: {
      tier: 'db-custom-2-7680',
      deletionProtectionEnabled: true,
      backupConfiguration: {
        enabled: true,
        pointInTimeRecoveryEnabled: true,
        backupRetentionSettings: { retainedBackups: 14 },
      },
      databaseFlags: [{ name: 'log_checkpoints', value: 'on' }],
      userLabels: { team: 'data' },
    },
  });

  test('1. a Terraform record: snake_case, single blocks as objects, an empty block list absent, repeated blocks as lists', () => {
    const r = only([terraform]);
    expect(r).toMatchObject({ type: 'google_sql_database_instance', nativeType: 'google_sql_database_instance' });
    expect(r.dialect).toBe('google');
    expect(r.properties).toEqual({
      name: 'db',
      database_version: 'POSTGRES_16',
      deletion_protection: true,
      settings: {
        tier: 'db-custom-2-7680',
        deletion_protection_enabled: true,
        backup_configuration: {
          enabled: true,
          point_in_time_recovery_enabled: true,
          backup_retention_settings: { retained_backups: 14 },
        },
        database_flags: [{ name: 'log_checkpoints', value: 'on' }],
        user_labels: { team: 'data' },
      },
    });
    expect(r.nativeNames).toBeUndefined();
    expect(labelOf(r, ['settings', 'backup_configuration', 'enabled'])).toBe('settings.backup_configuration.enabled');
    expect(locationOf(r, ['settings', 'deletion_protection_enabled'])).toBe(
      'inputs/settings/deletion_protection_enabled',
    );
  });

  test('2. the same resource from @pulumi/gcp reads into the same properties, and quotes its camelCase names', () => {
    const t = only([terraform]);
    const p = only([pulumi]);
    expect(p.type).toBe('google_sql_database_instance');
    expect(p.nativeType).toBe('gcp:sql/databaseInstance:DatabaseInstance');
    expect(p.properties).toEqual(t.properties);
    expect(p.nativeNames).toMatchObject({
      'settings.backup_configuration.backup_retention_settings.retained_backups':
        'settings.backupConfiguration.backupRetentionSettings.retainedBackups',
      'settings.deletion_protection_enabled': 'settings.deletionProtectionEnabled',
    });
    expect(labelOf(p, ['settings', 'backup_configuration', 'point_in_time_recovery_enabled'])).toBe(
      'settings.backupConfiguration.pointInTimeRecoveryEnabled',
    );
    // An absent path is spelt in Pulumi's names too.
    expect(labelOf(p, ['settings', 'final_backup_config', 'retention_days'])).toBe(
      'settings.finalBackupConfig.retentionDays',
    );
    expect(locationOf(p, ['settings', 'retain_backups_on_delete'])).toBe('inputs/settings/retainBackupsOnDelete');
  });

  test('3. a pluralised repeated block: Pulumi `lifecycleRules` is Terraform `lifecycle_rule`, and findings quote it back', () => {
    const p = only([
      googleRecord('gcp:storage/bucket:Bucket', {
        location: 'EU',
        lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 30, matchesStorageClasses: ['STANDARD'] } }],
        softDeletePolicy: { retentionDurationSeconds: 604800 },
      }),
    ]);
    expect(p.type).toBe('google_storage_bucket');
    expect(p.properties).toEqual({
      location: 'EU',
      lifecycle_rule: [{ action: { type: 'Delete' }, condition: { age: 30, matches_storage_class: ['STANDARD'] } }],
      soft_delete_policy: { retention_duration_seconds: 604800 },
    });
    expect(labelOf(p, ['lifecycle_rule', 0, 'condition', 'matches_storage_class'])).toBe(
      'lifecycleRules.0.condition.matchesStorageClasses',
    );
    // Unset, still Pulumi's name.
    expect(labelOf(p, ['lifecycle_rule'])).toBe('lifecycleRules');
    const t = only([
      googleRecord('google_storage_bucket', {
        location: 'EU',
        lifecycle_rule: [
          { action: [{ type: 'Delete' }], condition: [{ age: 30, matches_storage_class: ['STANDARD'] }] },
        ],
        soft_delete_policy: [{ retention_duration_seconds: 604800 }],
      }),
    ]);
    expect(t.properties).toEqual(p.properties);
  });

  test('4. a value unknown before deployment is Deadbolt::Output (unresolved), tied to the one resource it comes from', () => {
    const db = googleRecord('google_sql_database_instance', { name: 'db' });
    const association = googleRecord('google_backup_dr_backup_plan_association', {
      resource: providerOutput(false, undefined, [db.id]),
      backup_plan: providerOutput(false, undefined, [
        'google_backup_dr_backup_plan.a',
        'google_backup_dr_backup_plan.b',
      ]),
      location: providerOutput(true, 'europe-west1', [db.id]),
    });
    const model = googleModelOf([db, association]);
    const a = model.documents[0].resources.get(association.id)!;
    expect(a.properties.location).toBe('europe-west1');
    expect(outputResource(a.properties.resource)).toBe(db.id);
    expect(outputResource(a.properties.backup_plan)).toBeUndefined();
    const read = readProperty(a, 'resource');
    expect(read).toMatchObject({ kind: 'unresolved', reason: expect.stringMatching(/known only after deployment/) });
  });

  test('5. one document per project: the provider project, a resource`s own project overriding it, an unknown one apart', () => {
    const provider = {
      id: 'urn:pulumi:stack::project::pulumi:providers:gcp::default_9_0_0',
      name: 'default_9_0_0',
      type: PULUMI_GCP_PROVIDER,
      inputs: { project: 'app-prod', region: 'europe-west1', deletionPolicy: 'ABANDON' },
    };
    const vaultProvider = {
      id: 'urn:pulumi:stack::project::pulumi:providers:gcp::backup',
      name: 'backup',
      type: PULUMI_GCP_PROVIDER,
      inputs: { project: 'backup-prod', region: 'europe-west4' },
    };
    const model = readGoogleModel({
      id: 'project/stack',
      name: 'stack',
      project: 'ignored-when-a-default-provider-exists',
      resources: [
        provider,
        vaultProvider,
        googleRecord('gcp:sql/databaseInstance:DatabaseInstance', {}, { name: 'db' }),
        googleRecord('gcp:storage/bucket:Bucket', { project: 'logs-prod' }, { name: 'logs' }),
        googleRecord('gcp:storage/bucket:Bucket', { project: providerOutput(false, undefined, []) }, { name: 'x' }),
        googleRecord(
          'gcp:backupdisasterrecovery/backupVault:BackupVault',
          {},
          { name: 'vault', options: { provider: `${vaultProvider.id}::4a1c` } },
        ),
        { id: 'urn:aws', name: 'aws-bucket', type: 'aws:s3/bucket:Bucket', inputs: {} },
      ],
    });
    const summary = model.documents.map((d) => ({
      id: d.id,
      name: d.name,
      project: d.project,
      region: d.region,
      defaultDeletionPolicy: d.defaultDeletionPolicy,
      resources: [...d.resources.values()].map((r) => r.displayName),
    }));
    expect(summary).toEqual([
      {
        id: 'project/stack',
        name: 'stack',
        project: 'app-prod',
        region: 'europe-west1',
        defaultDeletionPolicy: 'ABANDON',
        resources: ['db'],
      },
      {
        id: 'project/stack/logs-prod',
        name: 'stack (project logs-prod)',
        project: 'logs-prod',
        region: 'europe-west1',
        defaultDeletionPolicy: 'ABANDON',
        resources: ['logs'],
      },
      {
        id: 'project/stack/(project unknown)',
        name: 'stack (project unknown)',
        project: undefined,
        region: 'europe-west1',
        defaultDeletionPolicy: 'ABANDON',
        resources: ['x'],
      },
      {
        id: 'project/stack/backup-prod/backup',
        name: 'stack (project backup-prod, provider backup)',
        project: 'backup-prod',
        region: 'europe-west4',
        defaultDeletionPolicy: undefined,
        resources: ['vault'],
      },
    ]);
    expect(model.documents.every((d) => d.dialect === 'google')).toBe(true);
  });

  test('6. without a provider record, the input`s project; resource options are carried', () => {
    const r = only({
      resources: [
        googleRecord(
          'gcp:sql/databaseInstance:DatabaseInstance',
          {},
          { options: { protect: true, retainOnDelete: true } },
        ),
      ],
      project: 'p1',
    });
    expect(r.document.project).toBe('p1');
    expect(r.providerOptions).toEqual({ protect: true, retainOnDelete: true });
    expect(
      only({ resources: [googleRecord('google_spanner_instance', {})], project: undefined }).document.project,
    ).toBe(undefined);
  });

  test('7. an unknown provider deletion policy is kept as the intrinsic', () => {
    const model = readGoogleModel({
      id: 's',
      name: 's',
      resources: [
        {
          id: 'default',
          name: 'default',
          type: PULUMI_GCP_PROVIDER,
          inputs: { project: 'p', deletionPolicy: providerOutput(false, undefined, []) },
        },
        googleRecord('google_sql_database_instance', {}),
      ],
    });
    expect(model.documents).toHaveLength(1);
    expect(model.documents[0].defaultDeletionPolicy).toEqual({ 'Deadbolt::Output': expect.any(Object) });
  });

  test.each([
    ['gcp:sql/databaseInstance:DatabaseInstance', 'google_sql_database_instance'],
    ['gcp:organizations/project:Project', 'google_project'],
    [
      'gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation',
      'google_backup_dr_backup_plan_association',
    ],
    ['gcp:kms/cryptoKey:CryptoKey', 'google_kms_crypto_key'],
    ['gcp:compute/firewall:Firewall', 'google_compute_firewall'],
    ['google_alloydb_cluster', 'google_alloydb_cluster'],
  ])('8. %s is %s', (token, tf) => {
    expect(googleTerraformType(token)).toBe(tf);
  });

  test('9. a rule written for Google judges both; a CloudFormation evaluator never runs on a Google resource', () => {
    const calls: string[] = [];
    const rule = defineRule({
      id: 'test-google-dispatch',
      title: 't',
      why: 'w',
      fix: 'f',
      severity: 'error',
      resourceTypes: ['google_sql_database_instance'],
      cloudformation: () => {
        calls.push('cloudformation');
      },
      google: (r) =>
        requireTrue(r, ['settings', 'deletion_protection_enabled'], { cloudformation: 'x' }, 'false (API default)'),
    });
    const tf = googleFindingsOf(rule, [googleRecord('google_sql_database_instance', { settings: [{ tier: 't' }] })]);
    const pu = googleFindingsOf(rule, [googleRecord('gcp:sql/databaseInstance:DatabaseInstance', { settings: {} })]);
    expect(calls).toEqual([]);
    expect(tf.map((f) => f.message)).toEqual([
      'settings.deletion_protection_enabled is not set (provider default: false (API default)).',
    ]);
    expect(pu.map((f) => f.message)).toEqual([
      'settings.deletionProtectionEnabled is not set (provider default: false (API default)).',
    ]);
    expect(tf[0].resource).toMatchObject({
      type: 'google_sql_database_instance',
      path: 'google_sql_database_instance.main',
    });
  });

  test('10. no document rule (stack termination protection and the like) runs on a Google document', () => {
    const model = googleModelOf([googleRecord('google_sql_database_instance', {})]);
    const documentRules = CATALOGUE.filter((r) => r.document);
    expect(documentRules.map((r) => r.id)).toContain(stackTerminationProtection.id);
    const findings = evaluate(model, { rules: documentRules }).findings;
    expect(findings).toEqual([]);
    // The engine keeps every document rule off a Google document, even one that does not check the dialect itself.
    const stackRule = defineRule({
      id: 'test-stack-setting',
      title: 't',
      why: 'w',
      fix: 'f',
      severity: 'error',
      resourceTypes: [],
      document: () => ({ message: 'The stack has no setting.', fix: { cloudformation: 'x' } }),
    });
    expect(evaluate(model, { rules: [stackRule] }).findings).toEqual([]);
    // Every AWS rule leaves Google resources alone: their types are Terraform's.
    const aws = evaluate(model, { rules: CATALOGUE.filter((r) => !r.google) }).findings;
    expect(aws).toEqual([]);
  });
});

describe('readGoogleModel: the Backup and DR opt-out label', () => {
  const coverage = CATALOGUE.find((r) => r.id === 'backupdr-coverage')!;
  const instance = (labels: Record<string, unknown>) =>
    googleRecord('gcp:sql/databaseInstance:DatabaseInstance', {
      name: 'orders',
      databaseVersion: 'POSTGRES_16',
      settings: { tier: 'db-custom-2-7680', userLabels: labels },
    });

  test('acknowledges backupdr-coverage with its reason, hyphens read as spaces', () => {
    const [finding] = googleFindingsOf(coverage, [
      instance({ 'deadbolt-backup-opt-out': 'scratch-copy-reloaded-nightly' }),
    ]);
    expect(finding.acknowledged?.reason).toBe('scratch copy reloaded nightly');
    const [resource] = googleModelOf([instance({ 'deadbolt-backup-opt-out': 'x' })]).documents[0].resources.values();
    expect(resource.metadata).toEqual({ deadbolt: { acknowledge: [{ id: 'backupdr-coverage', reason: 'x' }] } });
  });

  test('a Filestore instance carries it in `labels`; an empty or unknown label acknowledges nothing', () => {
    const [filestore] = googleFindingsOf(coverage, [
      googleRecord('google_filestore_instance', {
        name: 'f',
        labels: { 'deadbolt-backup-opt-out': 'rebuilt-from-git' },
      }),
    ]);
    expect(filestore.acknowledged?.reason).toBe('rebuilt from git');
    for (const value of ['--', providerOutput(false, undefined, [])]) {
      const [finding] = googleFindingsOf(coverage, [instance({ 'deadbolt-backup-opt-out': value })]);
      expect(finding.ruleId).toBe('backupdr-coverage');
      expect(finding.acknowledged).toBeUndefined();
    }
  });
});

/** One managed or data resource of a hand-built `terraform show -json` plan. */
interface PlanResource {
  readonly address: string;
  readonly type: string;
  readonly after: Record<string, unknown>;
  readonly mode?: 'managed' | 'data';
  /** The resource's `provider_config_key` in `configuration` (Terraform 1.1+ writes the passed provider's key). */
  readonly providerKey?: string;
  /** `registry.terraform.io/hashicorp/<provider>` in `resource_changes`. */
  readonly provider?: 'google' | 'google-beta';
  readonly module?: string;
}

/** A plan in Terraform's JSON output format, with the given `provider_config` entries. */
function googlePlan(resources: readonly PlanResource[], providerConfig: Record<string, unknown>): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: {} },
    resource_changes: resources.map((r) => ({
      address: r.address,
      ...(r.module ? { module_address: r.module } : {}),
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.address.split('.').pop(),
      provider_name: `registry.terraform.io/hashicorp/${r.provider ?? 'google'}`,
      change: {
        actions: [r.mode === 'data' ? 'read' : 'create'],
        before: null,
        after: r.after,
        after_unknown: {},
      },
    })),
    configuration: {
      provider_config: providerConfig,
      root_module: {
        resources: resources
          .filter((r) => !r.module)
          .map((r) => ({
            address: r.address,
            mode: r.mode ?? 'managed',
            type: r.type,
            name: r.address.split('.').pop(),
            provider_config_key: r.providerKey ?? 'google',
            expressions: {},
            schema_version: 0,
          })),
        module_calls: Object.fromEntries(
          [...new Set(resources.filter((r) => r.module).map((r) => r.module!))].map((m) => [
            m.replace(/^module\./, ''),
            {
              source: './db',
              module: {
                resources: resources
                  .filter((r) => r.module === m)
                  .map((r) => ({
                    address: r.address.slice(m.length + 1),
                    mode: 'managed',
                    type: r.type,
                    name: r.address.split('.').pop(),
                    provider_config_key: r.providerKey ?? `${m}:google`,
                    expressions: {},
                    schema_version: 0,
                  })),
              },
            },
          ]),
        ),
      },
    },
  };
}

/** A `provider "google"` (or aliased, or `google-beta`) block as `configuration.provider_config` writes it. */
const providerBlock = (
  name: 'google' | 'google-beta',
  expressions: Record<string, unknown>,
  alias?: string,
): Record<string, unknown> => ({
  name,
  full_name: `registry.terraform.io/hashicorp/${name}`,
  ...(alias ? { alias } : {}),
  expressions,
});

/** A bucket of a provider version older than the universal `deletion_policy`: its plan carries no policy of its own. */
const bucket = (address: string, extra: Partial<PlanResource> = {}): PlanResource => ({
  address,
  type: 'google_storage_bucket',
  ...extra,
  // Emptied first on destroy: only the deletion policy stands between a destroy and the data.
  after: { name: address.split('.').pop(), location: 'EU', force_destroy: true, ...extra.after },
});

describe('readTerraformModel → readGoogleModel: a plan`s provider configurations and the deletion policy they default', () => {
  const findingsOf = (json: unknown) =>
    evaluate(readTerraformModel(json, { id: 'tf', name: 'plan.json' }), {
      idiom: 'terraform',
      rules: [gcpDeletionPolicy],
    }).findings.map((f) => [f.resource.path, Boolean(f.unresolved), f.message]);

  test('11. the `provider "google"` block`s `deletion_policy` (configuration.provider_config.google.expressions) is the default', () => {
    const json = googlePlan([bucket('google_storage_bucket.logs')], {
      google: providerBlock('google', {
        project: { constant_value: 'orders-prod' },
        deletion_policy: { constant_value: 'PREVENT' },
      }),
    });
    const model = readTerraformModel(json, { id: 'tf', name: 'plan.json' });
    expect(model.documents.map((d) => [d.project, d.defaultDeletionPolicy])).toEqual([['orders-prod', 'PREVENT']]);
    expect(findingsOf(json)).toEqual([]);
  });

  test('12. an aliased provider is chosen by `provider_config_key`, and a module`s `providers = { google = google.secondary }` by the key Terraform rewrites', () => {
    const json = googlePlan(
      [
        bucket('google_storage_bucket.main'),
        bucket('google_storage_bucket.copy', { providerKey: 'google.secondary' }),
        // Terraform 1.1+ writes the passed configuration's key on a module's resources, and `google` on those of a
        // module that inherits the root's default provider.
        bucket('module.db.google_storage_bucket.data', { module: 'module.db', providerKey: 'google.secondary' }),
        bucket('module.app.google_storage_bucket.assets', { module: 'module.app', providerKey: 'google' }),
      ],
      {
        google: providerBlock('google', { deletion_policy: { constant_value: 'PREVENT' } }),
        'google.secondary': providerBlock(
          'google',
          { project: { constant_value: 'dr-prod' }, deletion_policy: { constant_value: 'DELETE' } },
          'secondary',
        ),
      },
    );
    expect(findingsOf(json)).toEqual([
      [
        'google_storage_bucket.copy',
        false,
        expect.stringMatching(/^`deletion_policy` is not set, and the provider's `deletion_policy` is "DELETE": /),
      ],
      [
        'module.db.google_storage_bucket.data',
        false,
        expect.stringMatching(/^`deletion_policy` is not set, and the provider's `deletion_policy` is "DELETE": /),
      ],
    ]);
  });

  test('13. a provider `deletion_policy` from a variable is not evaluated in the plan: unknown, a finding', () => {
    const json = googlePlan([bucket('google_storage_bucket.main')], {
      google: providerBlock('google', { deletion_policy: { references: ['var.deletion_policy'] } }),
    });
    expect(findingsOf(json)).toEqual([
      [
        'google_storage_bucket.main',
        true,
        expect.stringContaining(
          'cannot be proven PREVENT or ABANDON: it is computed in the provider block (from `var.deletion_policy`), which the plan JSON does not evaluate.',
        ),
      ],
    ]);
  });

  test('14. a module key that names no configuration of the plan (older Terraform) inherits an unknown policy, not the root default', () => {
    const json = googlePlan([bucket('module.db.google_storage_bucket.data', { module: 'module.db' })], {
      google: providerBlock('google', { deletion_policy: { constant_value: 'PREVENT' } }),
    });
    expect(findingsOf(json)).toEqual([
      [
        'module.db.google_storage_bucket.data',
        true,
        expect.stringContaining('provider `module.db:google`, which the input does not describe'),
      ],
    ]);
  });

  test('15. `google-beta` resources are the same types; without a `provider "google-beta"` block they inherit nothing from `google`', () => {
    const json = googlePlan(
      [
        {
          address: 'google_sql_database_instance.beta',
          type: 'google_sql_database_instance',
          provider: 'google-beta',
          providerKey: 'google-beta',
          after: { name: 'beta', database_version: 'POSTGRES_16', deletion_protection: false, settings: [{}] },
        },
        bucket('google_storage_bucket.beta', { provider: 'google-beta', providerKey: 'google-beta' }),
      ],
      { google: providerBlock('google', { deletion_policy: { constant_value: 'PREVENT' } }) },
    );
    const model = readTerraformModel(json, { id: 'tf', name: 'plan.json' });
    const db = model.documents.flatMap((d) => [...d.resources.values()]).find((r) => r.logicalId.includes('sql'))!;
    expect([db.type, db.dialect, db.document.defaultDeletionPolicy]).toEqual([
      'google_sql_database_instance',
      'google',
      undefined,
    ]);
    const ids = evaluate(model, { idiom: 'terraform', rules: CATALOGUE })
      .findings.filter((f) => f.resource.path === 'google_sql_database_instance.beta')
      .map((f) => f.ruleId)
      .sort();
    expect(ids).toEqual(
      expect.arrayContaining(['cloudsql-deletion-protection', 'cloudsql-destroy-protection', 'cloudsql-final-backup']),
    );
    expect(findingsOf(json).map(([path]) => path)).toEqual(['google_storage_bucket.beta']);
  });

  test('16. a real plan carries each resource`s effective policy (the provider resolves it at plan time): its own value decides', () => {
    const json = googlePlan(
      [
        bucket('google_storage_bucket.kept', { after: { name: 'kept', deletion_policy: 'PREVENT' } }),
        bucket('google_storage_bucket.gone', { after: { name: 'gone', deletion_policy: 'DELETE' } }),
      ],
      { google: providerBlock('google', { deletion_policy: { constant_value: 'PREVENT' } }) },
    );
    expect(findingsOf(json)).toEqual([
      ['google_storage_bucket.gone', false, expect.stringMatching(/^`deletion_policy` is "DELETE": /)],
    ]);
  });

  test('17. a `data "google_sql_database_instance"` source is no resource: no rule judges it', () => {
    const json = googlePlan(
      [
        {
          address: 'data.google_sql_database_instance.shared',
          type: 'google_sql_database_instance',
          mode: 'data',
          after: { name: 'shared', settings: [{ deletion_protection_enabled: false }] },
        },
      ],
      { google: providerBlock('google', {}) },
    );
    const model = readTerraformModel(json, { id: 'tf', name: 'plan.json' });
    expect(model.documents.flatMap((d) => [...d.resources.keys()])).toEqual([]);
    expect(evaluate(model, { idiom: 'terraform', rules: CATALOGUE }).findings).toEqual([]);
  });
});
