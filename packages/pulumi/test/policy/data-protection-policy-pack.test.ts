/**
 * The CrossGuard policies, called as the analyzer calls them: `validateStack`
 * with hand-built `StackValidationArgs` (resources shaped as @pulumi/policy's
 * server builds them: outputs as props, options, provider, parent,
 * propertyDependencies, and a fresh args object for every policy).
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import { CATALOGUE, RULE_IDS, ruleById } from '@deadbolt/rules';
import {
  dataProtectionPolicies,
  documentFromPolicyResources,
  type DataProtectionPolicyPackArgs,
} from '../../src/policy';

const STACK = 'prod';
const PROJECT = 'shop';
const ACCOUNT = '111111111111';
const UNKNOWN_STRING = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
const UNKNOWN_ARRAY = '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2';

const urn = (type: string, name: string) => `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;

interface Spec {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly protect?: boolean;
  /** Names of resources each property depends on. */
  readonly deps?: Record<string, string[]>;
}

/**
 * Builds the resources of one stack as the policy server does, a fresh copy
 * each call. The default provider's props are the stack's `aws:` config.
 */
function stack(
  specs: readonly Spec[],
  providerProps: Record<string, unknown> = { region: 'us-east-1', allowedAccountIds: `["${ACCOUNT}"]` },
): () => StackValidationArgs {
  return () => {
    const provider: PolicyResource = resource({
      type: 'pulumi:providers:aws',
      name: 'default_7_48_0',
      props: providerProps,
    });
    const resources = [provider, ...specs.map(resource)];
    const byName = new Map(resources.map((r) => [r.name, r]));
    specs.forEach((s, i) => {
      const r = resources[i + 1];
      r.provider = { type: provider.type, urn: provider.urn, name: provider.name, props: provider.props };
      for (const [k, names] of Object.entries(s.deps ?? {}))
        r.propertyDependencies[k] = names.map((n) => byName.get(n)!);
      r.dependencies = [...new Set(Object.values(r.propertyDependencies).flat())];
    });
    return {
      resources,
      stackTags: new Map(),
      getConfig: <T extends object>() => ({}) as T,
      notApplicable: (() => {
        throw new Error('not applicable');
      }) as never,
    };
  };
}

function resource(s: Spec): PolicyResource {
  return {
    type: s.type,
    name: s.name,
    urn: urn(s.type, s.name),
    props: JSON.parse(JSON.stringify(s.props)),
    opts: {
      protect: s.protect ?? false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  };
}

interface Violation {
  readonly policy: string;
  readonly message: string;
  readonly urn?: string;
}

/** Runs every policy as the analyzer does (a fresh args object each), collecting violations. */
async function analyze(
  args: () => StackValidationArgs,
  options: DataProtectionPolicyPackArgs = {},
): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const p of dataProtectionPolicies(options)) {
    if (p.enforcementLevel === 'disabled') continue;
    const report: ReportViolation = (message, urn) => out.push({ policy: p.name, message, urn });
    await p.validateStack(args(), report);
  }
  return out;
}

const ids = (vs: readonly Violation[], name: string) =>
  vs
    .filter((v) => v.urn?.endsWith(`::${name}`))
    .map((v) => v.policy)
    .sort();

/** An RDS instance as the AWS provider reports it after `up`, with its defaults. */
const RDS_DEFAULTS = {
  engine: 'postgres',
  instanceClass: 'db.t3.micro',
  allocatedStorage: 20,
  identifier: 'records-1a2b3c',
  deletionProtection: false,
  deleteAutomatedBackups: true,
  backupRetentionPeriod: 0,
  skipFinalSnapshot: false,
  storageEncrypted: false,
  arn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:records-1a2b3c`,
};

describe('dataProtectionPolicies: one CrossGuard policy per catalogue rule', () => {
  it('is named for the rule id, described by its title, mandatory for error rules and advisory for warning rules', () => {
    const policies = dataProtectionPolicies();
    expect(policies.map((p) => p.name)).toEqual([...RULE_IDS]);
    for (const p of policies) {
      const rule = ruleById(p.name)!;
      expect(p.description).toBe(rule.title);
      expect(p.enforcementLevel).toBe(rule.severity === 'error' ? 'mandatory' : 'advisory');
    }
    expect(policies.find((p) => p.name === 's3-cross-account-replication')!.enforcementLevel).toBe('advisory');
  });

  it('follows severities and nonProduction', () => {
    const level = (options: DataProtectionPolicyPackArgs, id: string) =>
      dataProtectionPolicies(options).find((p) => p.name === id)!.enforcementLevel;
    expect(
      level(
        { severities: { 'rds-backup-retention': { severity: 'off', reason: 'Backups are kept by AWS Backup.' } } },
        'rds-backup-retention',
      ),
    ).toBe('disabled');
    expect(level({ severities: { 'rds-backup-retention': 'warning' } }, 'rds-backup-retention')).toBe('advisory');
    expect(level({ severities: { 's3-cross-account-replication': 'error' } }, 's3-cross-account-replication')).toBe(
      'mandatory',
    );
    expect(
      dataProtectionPolicies({ nonProduction: true }).every(
        (p: StackValidationPolicy) => p.enforcementLevel === 'advisory',
      ),
    ).toBe(true);
  });

  it('refuses options that mean nothing', () => {
    expect(() => dataProtectionPolicies({ minimumBackupRetentionDays: 0 })).toThrow(
      'dataProtectionPolicyPack: `minimumBackupRetentionDays` must be a whole number of days, at least 1; got 0.',
    );
    expect(() => dataProtectionPolicies({ account: '1234' })).toThrow(
      'dataProtectionPolicyPack: `account` must be a 12-digit AWS account id; got "1234".',
    );
  });
});

describe('dataProtectionPolicies: an unsafe stack', () => {
  const unsafe = stack([
    { type: 'aws:rds/instance:Instance', name: 'records', props: RDS_DEFAULTS },
    {
      type: 'aws:dynamodb/table:Table',
      name: 'orders',
      props: {
        hashKey: 'id',
        attributes: [{ name: 'id', type: 'S' }],
        deletionProtectionEnabled: true,
        pointInTimeRecovery: { enabled: false },
      },
      protect: true,
    },
    {
      type: 'aws:s3/bucket:Bucket',
      name: 'uploads',
      props: { bucket: 'uploads-1234', forceDestroy: true },
      protect: true,
    },
  ]);

  it("reports each rule's findings under its policy, on the resource's URN", async () => {
    const vs = await analyze(unsafe);
    expect(ids(vs, 'records')).toEqual([
      'backup-cross-account-copy',
      'general-deletion-policy',
      'general-update-replace-policy',
      'rds-automated-backups-retained',
      'rds-backup-retention',
      'rds-deletion-protection',
      'rds-final-snapshot',
    ]);
    expect(ids(vs, 'orders')).toEqual(['backup-cross-account-copy', 'dynamodb-point-in-time-recovery']);
    expect(ids(vs, 'uploads')).toEqual(['s3-cross-account-replication', 's3-no-auto-delete-objects', 's3-versioning']);
  });

  it('states what is wrong, on which resource, why, the fix and how to acknowledge it', async () => {
    const vs = await analyze(unsafe);
    const rule = ruleById('rds-deletion-protection')!;
    const v = vs.find((x) => x.policy === 'rds-deletion-protection')!;
    expect(v.urn).toBe(urn('aws:rds/instance:Instance', 'records'));
    expect(v.message).toBe(
      `deletionProtection is false; it must be true. Resource: records (aws:rds/instance:Instance) ${urn('aws:rds/instance:Instance', 'records')}. Why: ${rule.why} ` +
        'Fix: Pass `deletionProtection: true` in the resource args. To accept the risk with a written reason: ' +
        "dataProtectionPolicyPack({ acknowledge: [{ resource: 'records', id: 'rds-deletion-protection', reason: '<why the risk is accepted>' }] }).",
    );
    expect(vs.find((x) => x.policy === 's3-no-auto-delete-objects')!.message).toMatch(
      /^forceDestroy is true: when the resource is destroyed or replaced, every object and object version in the bucket is deleted before the bucket is\. Resource: uploads /,
    );
  });

  it('says that retainOnDelete cannot be seen, when a finding rests on it', async () => {
    const vs = await analyze(unsafe);
    const v = vs.find((x) => x.policy === 'general-deletion-policy')!;
    expect(v.message).toMatch(
      /^The resource is deleted with the stack or when removed from the program: .*\(CrossGuard does not pass `retainOnDelete` to policy packs, so Deadbolt judges it as not set; `protect: true` passes\.\) Resource: records /,
    );
  });

  it('acknowledgements with a reason silence a finding; without one they are refused in the message', async () => {
    const acknowledged = await analyze(unsafe, {
      acknowledge: [
        { resource: 'orders', id: 'dynamodb-point-in-time-recovery', reason: 'Replayed from the event log.' },
      ],
    });
    expect(ids(acknowledged, 'orders')).toEqual(['backup-cross-account-copy']);
    const refused = await analyze(unsafe, {
      acknowledge: [{ resource: 'orders', id: 'dynamodb-point-in-time-recovery', reason: ' ' }],
    });
    expect(refused.find((v) => v.policy === 'dynamodb-point-in-time-recovery')!.message).toContain(
      ' Acknowledgement refused: the acknowledgement of dynamodb-point-in-time-recovery at dataProtectionPolicyPack acknowledge[0] has no reason; write why the risk is accepted (a placeholder such as `<why …>` or `TODO` is not a reason).',
    );
  });

  describe('acknowledgements bound to one resource, of a known rule, with a bounded expiry', () => {
    const table = {
      hashKey: 'id',
      attributes: [{ name: 'id', type: 'S' }],
      deletionProtectionEnabled: true,
      pointInTimeRecovery: { enabled: false },
    };
    const EU = 'shop:index:Eu$aws:dynamodb/table:Table::orders';
    /** Two tables named `orders`, children of two components: their URNs differ by the parent type. */
    const twoOrders = () => {
      const args = stack([
        { type: 'aws:dynamodb/table:Table', name: 'orders', props: table, protect: true },
        { type: 'aws:dynamodb/table:Table', name: 'orders', props: table, protect: true },
      ])();
      (args.resources[1] as { urn: string }).urn = urn('shop:index:Eu$aws:dynamodb/table:Table', 'orders');
      (args.resources[2] as { urn: string }).urn = urn('shop:index:Us$aws:dynamodb/table:Table', 'orders');
      return args;
    };
    const PITR = 'dynamodb-point-in-time-recovery';
    const pitr = (vs: readonly Violation[]) =>
      vs.filter((v) => v.policy === PITR).map((v) => (v.urn!.includes('Eu$') ? 'eu' : 'us'));

    it('a name two resources share acknowledges neither, and the message lists their URNs', async () => {
      const vs = await analyze(twoOrders, { acknowledge: [{ resource: 'orders', id: PITR, reason: 'Rebuilt.' }] });
      expect(pitr(vs).sort()).toEqual(['eu', 'us']);
      expect(vs.find((v) => v.policy === PITR)!.message).toContain(
        `Acknowledgement refused: dataProtectionPolicyPack acknowledge[0] names the resource \`orders\`, the name of 2 resources of this stack (\`${urn('shop:index:Eu$aws:dynamodb/table:Table', 'orders')}\`, \`${urn('shop:index:Us$aws:dynamodb/table:Table', 'orders')}\`)`,
      );
    });

    it('the URN tail acknowledges that one resource only', async () => {
      const vs = await analyze(twoOrders, { acknowledge: [{ resource: EU, id: PITR, reason: 'Rebuilt.' }] });
      expect(pitr(vs)).toEqual(['us']);
    });

    it('a rule id the catalogue does not have is refused when the pack is made, with the closest id', () => {
      expect(() =>
        dataProtectionPolicies({ acknowledge: [{ resource: 'orders', id: 'deadbolt::dynamodb-pitr', reason: 'x' }] }),
      ).toThrow(/`acknowledge\[0\]` names an unknown rule id "deadbolt::dynamodb-pitr"/);
    });

    it('an expiry more than `maximumAcknowledgementDays` ahead is refused, saying the maximum', async () => {
      const far = new Date(Date.now() + 200 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      const ack = { resource: EU, id: PITR, reason: 'Rebuilt.', expires: far };
      const vs = await analyze(twoOrders, { acknowledge: [ack] });
      expect(pitr(vs).sort()).toEqual(['eu', 'us']);
      expect(vs.find((v) => v.policy === PITR && v.urn!.includes('Eu$'))!.message).toContain(
        `expires on ${far}, more than 90 days ahead, the maximum (\`maximumAcknowledgementDays\`)`,
      );
      expect(pitr(await analyze(twoOrders, { acknowledge: [ack], maximumAcknowledgementDays: 365 }))).toEqual(['us']);
    });
  });

  it('under nonProduction, every finding is still reported, by advisory policies', async () => {
    const vs = await analyze(unsafe, { nonProduction: true });
    expect(ids(vs, 'records')).toContain('rds-deletion-protection');
  });
});

describe('dataProtectionPolicies: a safe stack', () => {
  it('reports nothing', async () => {
    const safe = stack([
      {
        type: 'aws:kms/key:Key',
        name: 'key',
        props: { deletionWindowInDays: 30, arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1` },
        protect: true,
      },
      {
        type: 'aws:rds/instance:Instance',
        name: 'records',
        protect: true,
        deps: { kmsKeyId: ['key'] },
        props: {
          ...RDS_DEFAULTS,
          deletionProtection: true,
          deleteAutomatedBackups: false,
          backupRetentionPeriod: 14,
          storageEncrypted: true,
          kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1`,
          finalSnapshotIdentifier: 'records-final',
        },
      },
      {
        type: 'aws:dynamodb/table:Table',
        name: 'orders',
        props: { hashKey: 'id', deletionProtectionEnabled: true, pointInTimeRecovery: { enabled: true } },
        protect: true,
      },
    ]);
    expect(
      await analyze(safe, {
        severities: {
          'backup-cross-account-copy': {
            severity: 'off',
            reason: 'Copies are made by the organisation-wide backup policy.',
          },
        },
      }),
    ).toEqual([]);
  });
});

describe('dataProtectionPolicies: relations through propertyDependencies', () => {
  const withSelection = (preview: boolean) =>
    stack([
      {
        type: 'aws:rds/instance:Instance',
        name: 'records',
        props: { ...RDS_DEFAULTS, arn: preview ? UNKNOWN_STRING : RDS_DEFAULTS.arn },
      },
      { type: 'aws:backup/vault:Vault', name: 'vault', props: { name: 'vault' }, protect: true },
      {
        type: 'aws:backup/plan:Plan',
        name: 'plan',
        deps: { rules: ['vault'] },
        props: {
          name: 'plan',
          rules: [
            { ruleName: 'daily', targetVaultName: preview ? UNKNOWN_STRING : 'vault', schedule: 'cron(0 5 * * ? *)' },
          ],
        },
      },
      {
        type: 'aws:backup/selection:Selection',
        name: 'selection',
        deps: { planId: ['plan'], resources: ['records'] },
        props: {
          name: 'selection',
          iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`,
          planId: preview ? UNKNOWN_STRING : 'plan-id',
          resources: preview ? UNKNOWN_ARRAY : [RDS_DEFAULTS.arn],
        },
      },
    ]);
  const coverage = async (args: () => StackValidationArgs) =>
    (await analyze(args)).find((v) => v.policy === 'backup-cross-account-copy' && v.urn?.endsWith('::records'))!
      .message;

  it('in a preview, a selection whose resources are unknown still selects the database it depends on', async () => {
    expect(await coverage(withSelection(true))).toMatch(
      /^No backup copy of this resource is proven to be in another account: plan .* has no copy action\./,
    );
  });

  it('in an update, the known ARN selects the database', async () => {
    expect(await coverage(withSelection(false))).toMatch(
      /^No backup copy of this resource is proven to be in another account: plan .* has no copy action\./,
    );
  });

  it('records unknown values as outputs of the resources they depend on', () => {
    const input = documentFromPolicyResources(withSelection(true)().resources);
    expect([input.id, input.name, input.account, input.region]).toEqual(['shop/prod', 'prod', ACCOUNT, 'us-east-1']);
    const selection = input.resources.find((r) => r.name === 'selection')!;
    expect(selection.inputs.resources).toEqual({
      '@deadbolt/output': true,
      known: false,
      value: undefined,
      dependsOn: [urn('aws:rds/instance:Instance', 'records')],
    });
    // The default provider says where the stack deploys; it is not a resource of the stack.
    expect(input.resources.some((r) => r.type === 'pulumi:providers:aws')).toBe(false);
    expect(selection.options).toEqual({ protect: undefined, provider: undefined, parent: undefined });
  });

  it('only protect: true is a fact: CrossGuard reads an unset protect as false', () => {
    const input = documentFromPolicyResources(withSelection(false)().resources);
    expect(input.resources.find((r) => r.name === 'vault')!.options?.protect).toBe(true);
    expect(input.resources.find((r) => r.name === 'records')!.options?.protect).toBeUndefined();
  });
});

describe("dataProtectionPolicies: a database's key is read from the provider's outputs", () => {
  const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d`;
  /** `storageEncrypted: true` and no key in the program: after `up` the provider reports the `aws/rds` key's ARN. */
  const AWS_MANAGED = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f9e8d7c-6b5a-4f3e-2d1c-0b9a8f7e6d5c`;
  const safeInstance = {
    ...RDS_DEFAULTS,
    deletionProtection: true,
    deleteAutomatedBackups: false,
    backupRetentionPeriod: 14,
    storageEncrypted: true,
    finalSnapshotIdentifier: 'records-final',
  };
  const cluster = {
    engine: 'aurora-postgresql',
    clusterIdentifier: 'orders',
    deletionProtection: true,
    backupRetentionPeriod: 14,
    storageEncrypted: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: 'orders-final',
    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:orders`,
  };
  const options = {
    severities: {
      'backup-cross-account-copy': {
        severity: 'off' as const,
        reason: 'Copies are made by the organisation-wide backup policy.',
      },
    },
  };
  const keyViolations = (vs: readonly Violation[]) => vs.filter((v) => v.policy === 'rds-customer-managed-key');

  it('an instance and an Aurora cluster whose key is the aws/rds key the provider reports fail closed, saying why', async () => {
    const vs = await analyze(
      stack([
        {
          type: 'aws:rds/instance:Instance',
          name: 'records',
          protect: true,
          props: { ...safeInstance, kmsKeyId: AWS_MANAGED },
        },
        {
          type: 'aws:rds/cluster:Cluster',
          name: 'orders',
          protect: true,
          props: { ...cluster, kmsKeyId: AWS_MANAGED },
        },
      ]),
      options,
    );
    expect(keyViolations(vs).map((v) => v.urn)).toEqual([
      urn('aws:rds/instance:Instance', 'records'),
      urn('aws:rds/cluster:Cluster', 'orders'),
    ]);
    const message = keyViolations(vs)[0].message;
    expect(message).toMatch(
      /^kmsKeyId is a value Deadbolt cannot read and cannot be proven a customer managed key: the policy pack sees only the key the provider reports/,
    );
    expect(message).toContain(
      `(CrossGuard shows a policy pack the key the provider reports, here \`${AWS_MANAGED}\`; for a database given no key that is the AWS managed \`aws/rds\` key, ` +
        "whose ARN reads like any other key's. So only a `kmsKeyId` that depends on an `aws.kms.Key` (or a replica key, an external key or an alias) of this stack, " +
        'such as `kmsKeyId: key.arn`, is proven customer managed.)',
    );
  });

  it('a key tied through propertyDependencies to an aws.kms.Key or aws.kms.ReplicaKey of the stack passes', async () => {
    const replicaArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/mrk-1`;
    const vs = await analyze(
      stack([
        { type: 'aws:kms/key:Key', name: 'key', protect: true, props: { deletionWindowInDays: 30, arn: KEY_ARN } },
        {
          type: 'aws:kms/replicaKey:ReplicaKey',
          name: 'replica',
          protect: true,
          props: { deletionWindowInDays: 30, arn: replicaArn },
        },
        {
          type: 'aws:rds/instance:Instance',
          name: 'records',
          protect: true,
          deps: { kmsKeyId: ['key'] },
          props: { ...safeInstance, kmsKeyId: KEY_ARN },
        },
        {
          type: 'aws:rds/cluster:Cluster',
          name: 'orders',
          protect: true,
          deps: { kmsKeyId: ['replica'] },
          props: { ...cluster, kmsKeyId: replicaArn },
        },
      ]),
      options,
    );
    expect(keyViolations(vs)).toEqual([]);
  });

  it('a key that depends on something other than a key resource is not proven either', async () => {
    const vs = await analyze(
      stack([
        {
          type: 'aws:ssm/parameter:Parameter',
          name: 'key-arn',
          props: { name: '/app/key-arn', type: 'String', value: KEY_ARN },
        },
        {
          type: 'aws:rds/instance:Instance',
          name: 'records',
          protect: true,
          deps: { kmsKeyId: ['key-arn'] },
          props: { ...safeInstance, kmsKeyId: KEY_ARN },
        },
      ]),
      options,
    );
    expect(keyViolations(vs).map((v) => v.urn)).toEqual([urn('aws:rds/instance:Instance', 'records')]);
  });

  it('records the key of RDS, DocumentDB and Neptune databases as unknown unless it is tied to a key; an empty key as not set', () => {
    const input = documentFromPolicyResources(
      stack([
        { type: 'aws:kms/key:Key', name: 'key', props: { arn: KEY_ARN } },
        { type: 'aws:rds/instance:Instance', name: 'records', props: { ...safeInstance, kmsKeyId: AWS_MANAGED } },
        { type: 'aws:rds/instance:Instance', name: 'plain', props: { ...RDS_DEFAULTS, kmsKeyId: '' } },
        {
          type: 'aws:rds/cluster:Cluster',
          name: 'tied',
          deps: { kmsKeyId: ['key'] },
          props: { ...cluster, kmsKeyId: KEY_ARN },
        },
        {
          type: 'aws:docdb/cluster:Cluster',
          name: 'docs',
          props: { clusterIdentifier: 'docs', storageEncrypted: true, kmsKeyId: AWS_MANAGED },
        },
        {
          type: 'aws:neptune/cluster:Cluster',
          name: 'graph',
          props: { clusterIdentifier: 'graph', storageEncrypted: true, kmsKeyArn: AWS_MANAGED },
        },
      ])().resources,
    );
    const inputs = (name: string) => input.resources.find((r) => r.name === name)!.inputs;
    const unknown = {
      '@deadbolt/output': true,
      known: false,
      value: undefined,
      dependsOn: [],
      reason: 'the policy pack sees only the key the provider reports, and no `aws.kms.Key` of the stack is behind it',
    };
    expect(inputs('records').kmsKeyId).toEqual(unknown);
    expect(inputs('plain')).not.toHaveProperty('kmsKeyId');
    expect(inputs('tied').kmsKeyId).toEqual({
      '@deadbolt/output': true,
      known: true,
      value: KEY_ARN,
      dependsOn: [urn('aws:kms/key:Key', 'key')],
    });
    expect(inputs('docs').kmsKeyId).toEqual(unknown);
    expect(inputs('graph').kmsKeyArn).toEqual(unknown);
  });

  it('an unencrypted instance (the provider reports its key as "") is left alone', async () => {
    const vs = await analyze(
      stack([
        {
          type: 'aws:rds/instance:Instance',
          name: 'records',
          protect: true,
          props: { ...safeInstance, storageEncrypted: false, kmsKeyId: '' },
        },
      ]),
      options,
    );
    expect(keyViolations(vs)).toEqual([]);
  });
});

describe('dataProtectionPolicies: a stack whose account is not known', () => {
  const NOTE =
    'Note: The AWS account this stack deploys to is not known, so no backup copy or replication can be proven to leave it (the cross-account rules fail closed). ' +
    "Pass it to dataProtectionPolicyPack({ account: '<12-digit account id>' }), or set the stack's `aws:allowedAccountIds` config to that one account.";
  const table = [
    {
      type: 'aws:dynamodb/table:Table',
      name: 'orders',
      protect: true,
      props: { hashKey: 'id', deletionProtectionEnabled: true, pointInTimeRecovery: { enabled: true } },
    },
  ];

  it('the violations that rest on the account say how to give it; the others do not', async () => {
    const vs = await analyze(
      stack(
        [
          ...table,
          {
            type: 'aws:s3/bucket:Bucket',
            name: 'uploads',
            props: { bucket: 'uploads-1234', forceDestroy: true },
            protect: true,
          },
        ],
        { region: 'us-east-1' },
      ),
    );
    const copy = vs.find((v) => v.policy === 'backup-cross-account-copy' && v.urn?.endsWith('::orders'))!;
    expect(copy.message).toContain(NOTE);
    expect(copy.message).not.toContain('environment-agnostic');
    expect(vs.find((v) => v.policy === 's3-no-auto-delete-objects')!.message).not.toContain('Note:');
  });

  it('no note when the default provider allows one account, or the pack is given it', async () => {
    const known = await analyze(stack(table));
    expect(known.find((v) => v.policy === 'backup-cross-account-copy')!.message).not.toContain('Note:');
    const given = await analyze(stack(table, { region: 'us-east-1' }), { account: ACCOUNT });
    expect(given.find((v) => v.policy === 'backup-cross-account-copy')!.message).not.toContain('Note:');
  });
});

it('covers the whole catalogue', () => {
  expect(dataProtectionPolicies()).toHaveLength(CATALOGUE.length);
});
