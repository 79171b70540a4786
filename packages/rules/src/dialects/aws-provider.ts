/**
 * The Terraform/Pulumi AWS provider dialect: turns what a front end recorded
 * (`ProviderDocumentInput`, see aws-provider-model.ts) into the catalogue's
 * resource model, so that the same rules judge Pulumi programs, Terraform plans
 * and CloudFormation templates.
 *
 * The translation puts provider inputs into CloudFormation's shape
 * (`deletionProtection` → `DeletionProtection`, `pointInTimeRecovery.enabled` →
 * `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled`,
 * `deletionWindowInDays` → `PendingWindowInDays`) and keeps the provider's names
 * beside them (`nativeNames`) so findings quote what the user wrote. Three
 * things have no CloudFormation twin and are carried as they are:
 * - resource options (`protect`, `retainOnDelete`): `providerOptions`, read by
 *   the general rules' `awsProvider` evaluators;
 * - inputs such as `forceDestroy` and `skipFinalSnapshot`: kept under their
 *   PascalCase names, read by the rules that judge them;
 * - separate "part" resources (`aws.s3.BucketVersioning`,
 *   `aws.backup.VaultLockConfiguration`, `aws.efs.BackupPolicy`, …) are merged
 *   into the resource they configure, found through the Output they were given
 *   (`bucket: bucket.id`) or, failing that, by a literal name.
 *
 * Values computed from other resources (`ProviderOutputValue`) become
 * references when they provably come from one resource: `db.arn` in a backup
 * selection is `{ "Fn::GetAtt": [<db urn>, "DBInstanceArn"] }` even in a preview
 * where the ARN is unknown, which is how the backup rules relate a selection to
 * a database. Anything else unknown is `Deadbolt::Output`, which every rule
 * reads as unresolved: unknown is never safe.
 */
import type { NormalisedResource, ResourceModel, StackDocument } from '../model';
import { intrinsicName, PROVIDER_OUTPUT_INTRINSIC } from '../engine/values';
import {
  isProviderOutput,
  providerOutput,
  type ProviderDocumentInput,
  type ProviderOutputValue,
  type ProviderResourceRecord,
} from './aws-provider-model';
import { pulumiTypeMapping, terraformTypeMapping, type ProviderTypeMapping } from './aws-provider-types';
import { awsccAttributeName, cloudFormationName } from './cloud-control-names';
import { protectionOf } from '../protection/table';

/**
 * Provider types the rules do not judge although the type table maps them: the
 * 2017 DynamoDB global table only links tables, which are managed (and judged)
 * as tables of their own, and has none of the settings the rules ask for. The
 * plan gate still treats its deletion as a data change.
 */
const NOT_JUDGED = new Set(['aws_dynamodb_global_table', 'aws:dynamodb/globalTable:GlobalTable']);

/** Pulumi's AWS provider resource type. */
export const PULUMI_AWS_PROVIDER = 'pulumi:providers:aws';

/** How a field that names another resource is turned into a reference. */
type RefKind = 'arn' | 'ref';

/** The attribute whose value is the ARN, for the types the backup rules relate. */
const ARN_ATTRIBUTE: Readonly<Record<string, string>> = {
  'AWS::RDS::DBInstance': 'DBInstanceArn',
  'AWS::RDS::DBCluster': 'DBClusterArn',
  'AWS::Backup::BackupVault': 'BackupVaultArn',
  'AWS::Backup::LogicallyAirGappedBackupVault': 'BackupVaultArn',
  'AWS::Backup::BackupPlan': 'BackupPlanArn',
};

/** One record on its way into the model. */
interface Entry {
  readonly record: ProviderResourceRecord;
  readonly inputs: Record<string, unknown>;
  readonly mapping: ProviderTypeMapping;
  readonly cfnType: string;
  /** Key of the document (account) the resource deploys to. */
  readonly docKey: string;
  properties: Record<string, unknown>;
  names: Record<string, string>;
}

/** A provider's account and region as far as its literal inputs tell. */
interface ProviderTarget {
  readonly account?: string;
  readonly region?: string;
  readonly name: string;
  /** False when the provider sets no credentials or account of its own: it deploys where the default provider does. */
  readonly ownCredentials: boolean;
  /** `defaultTags.tags`: every resource the provider creates carries them. */
  readonly defaultTags: Readonly<Record<string, unknown>>;
}

/**
 * Reads one Pulumi stack or Terraform configuration into the resource model.
 * Resources created with a provider for another account go into a document of
 * their own, with that account, so a copy to them is provably cross-account.
 */
export function readProviderModel(input: ProviderDocumentInput): ResourceModel {
  const providers = new Map<string, ProviderTarget>();
  for (const r of input.resources) {
    if (r.type === PULUMI_AWS_PROVIDER) providers.set(r.id, providerTarget(r));
  }

  const entries = new Map<string, Entry>();
  const docMeta = new Map<string, { account?: string; region?: string; name: string; provider?: string }>();
  docMeta.set(input.id, { account: input.account, region: input.region, name: input.name });
  for (const record of input.resources) {
    if (record.type === PULUMI_AWS_PROVIDER) continue;
    const mapping = readsProviderType(record.type) ? mappingOf(record.type) : undefined;
    if (!mapping?.cloudFormationType) continue;
    const docKey = documentFor(record);
    const inputs = (record.type.startsWith('aws-native:') ? record.inputs : camelKeys(record.inputs)) as Record<
      string,
      unknown
    >;
    entries.set(record.id, {
      record,
      inputs: withDefaultTags(inputs, defaultTagsFor(record)),
      mapping,
      cfnType: mapping.cloudFormationType,
      docKey,
      properties: {},
      // The AWS provider's names for properties set elsewhere (`aws.s3.BucketVersioning`) are not the Cloud
      // Control providers': theirs are CloudFormation's own, spelt their way.
      names: isCloudControl(record.type)
        ? cloudControlNames(record.type, mapping.cloudFormationType)
        : defaultNames(mapping.cloudFormationType),
    });
  }

  const convert = (value: unknown, kind?: RefKind, from?: Entry): unknown => toCloudFormation(value, kind, from);
  for (const e of entries.values()) if (!e.mapping.part) translate(e, convert);
  // Parts whose target is not in the stack, grouped by the target they name (two parts may name one existing bucket).
  const detached = new Map<string, Detached[]>();
  for (const e of entries.values()) {
    if (!e.mapping.part) continue;
    const d = mergePart(e, entries, convert);
    if (d) detached.set(d.group, [...(detached.get(d.group) ?? []), d]);
  }

  const documents = new Map<string, StackDocument & { resources: Map<string, NormalisedResource> }>();
  for (const [key, meta] of docMeta) {
    documents.set(key, {
      id: key,
      name: meta.name,
      dialect: 'aws-provider',
      account: meta.account,
      region: meta.region,
      ...(meta.provider !== undefined ? { provider: meta.provider } : {}),
      tags: {},
      parameters: {},
      conditions: {},
      mappings: {},
      exports: new Map(),
      resources: new Map(),
    });
  }
  for (const e of entries.values()) {
    if (e.mapping.part) continue;
    const document = documents.get(e.docKey)!;
    document.resources.set(e.record.id, {
      key: `${document.id}/${e.record.id}`,
      logicalId: e.record.id,
      type: e.cfnType,
      nativeType: e.record.type,
      dialect: 'aws-provider',
      properties: e.properties,
      document,
      location: { stack: document.name, path: e.record.id },
      providerOptions: e.record.options ?? {},
      displayName: e.record.name,
      metadata: optOutAcknowledgement(e),
      nativeNames: e.names,
    });
  }
  for (const group of detached.values()) {
    for (const d of group) {
      const document = documents.get(d.part.docKey)!;
      const own = detachedEntry(group, d, true, convert);
      const without = detachedEntry(group, d, false, convert);
      document.resources.set(d.part.record.id, {
        key: `${document.id}/${d.part.record.id}`,
        logicalId: d.part.record.id,
        type: d.part.cfnType,
        nativeType: d.part.record.type,
        dialect: 'aws-provider',
        properties: own.properties,
        document,
        location: { stack: document.name, path: d.part.record.id },
        providerOptions: d.part.record.options ?? {},
        displayName: d.part.record.name,
        nativeNames: own.names,
        detachedPart: {
          property: d.part.mapping.part!,
          target: d.target,
          unresolved: d.unresolved,
          without: without.properties,
        },
      });
    }
  }
  return { documents: [...documents.values()] };

  /** The provider's `defaultTags`, or the default provider's: AWS Backup selects by them like any tag. */
  function defaultTagsFor(record: ProviderResourceRecord): Readonly<Record<string, unknown>> {
    const providerId = record.options?.provider;
    if (!providerId) return input.defaultTags ?? {};
    const p = providers.get(providerId) ?? providers.get(providerId.split('::').slice(0, -1).join('::'));
    return p?.defaultTags ?? {};
  }

  /** The document of the account the record's provider deploys to. */
  function documentFor(record: ProviderResourceRecord): string {
    const providerId = record.options?.provider;
    if (!providerId) return input.id;
    const p = providers.get(providerId) ?? providers.get(providerId.split('::').slice(0, -1).join('::'));
    // A provider that only picks a region (no profile, role or keys) deploys with
    // the same credentials, so to the same account, as the default provider.
    const account = p && !p.ownCredentials ? input.account : p?.account;
    // Unknown on both sides proves nothing either way: one document, no account.
    if (account === input.account) return input.id;
    const key = `${input.id}/${p?.name ?? providerId}`;
    if (!docMeta.has(key))
      docMeta.set(key, {
        account,
        region: p?.region ?? input.region,
        name: `${input.name} (provider ${p?.name ?? providerId})`,
        provider: p?.name ?? providerId,
      });
    return key;
  }

  /**
   * A provider value in CloudFormation's shape. An output tied to exactly one
   * resource becomes a reference to it (the relation survives unknown ARNs);
   * an unknown output that cannot be tied becomes `Deadbolt::Output`.
   */
  function toCloudFormation(value: unknown, kind: RefKind | undefined, from: Entry | undefined): unknown {
    if (isProviderOutput(value)) {
      const targets = value.dependsOn
        .map((id) => entries.get(id))
        .filter((t): t is Entry => t !== undefined && !t.mapping.part);
      if (kind && targets.length === 1) return reference(targets[0], kind, from);
      if (value.known) return toCloudFormation(value.value, kind, from);
      return unknownOutput(value, targets);
    }
    if (Array.isArray(value)) return value.map((v) => toCloudFormation(v, kind, from));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const k in value) out[k] = toCloudFormation((value as Record<string, unknown>)[k], undefined, from);
      return out;
    }
    return value;
  }

  function reference(target: Entry, kind: RefKind, from: Entry | undefined): unknown {
    const sameDocument = !from || from.docKey === target.docKey;
    if (sameDocument) {
      if (kind === 'ref') return { Ref: target.record.id };
      // DocumentDB and Neptune clusters have no ARN attribute in CloudFormation: their ARN is built from the identifier.
      if (target.cfnType === 'AWS::DocDB::DBCluster' || target.cfnType === 'AWS::Neptune::DBCluster') {
        return {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':rds:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':cluster:',
              { Ref: target.record.id },
            ],
          ],
        };
      }
      return { 'Fn::GetAtt': [target.record.id, ARN_ATTRIBUTE[target.cfnType] ?? 'Arn'] };
    }
    // A resource created by another account's provider: its ARN is built from
    // that account, which is all the cross-account rules need to know.
    const meta = docMeta.get(target.docKey);
    if (
      kind === 'arn' &&
      meta?.account &&
      (target.cfnType === 'AWS::Backup::BackupVault' || target.cfnType === 'AWS::Backup::LogicallyAirGappedBackupVault')
    ) {
      const name =
        typeof target.properties.BackupVaultName === 'string' ? target.properties.BackupVaultName : target.record.name;
      return `arn:${partitionOf(meta.region)}:backup:${meta.region ?? '*'}:${meta.account}:backup-vault:${name}`;
    }
    return {
      [PROVIDER_OUTPUT_INTRINSIC]: {
        shown: `an output of ${target.record.name}`,
        reason: meta?.account
          ? `it is an output of ${target.record.name} (${target.record.type}) in account ${meta.account}, which Deadbolt cannot read before deployment`
          : `it is an output of ${target.record.name} (${target.record.type}), created by a provider whose account is not known`,
      },
    };
  }
}

/** The tag a safe component writes when a resource is opted out of cross-account backup, with the reason. */
export const BACKUP_OPT_OUT_TAG = 'deadbolt:backup-opt-out';

/**
 * Provider resources have no metadata to carry an acknowledgement in, so the
 * opt-out tag the safe components write (`BackupEnrolment.optOut(reason)`)
 * acknowledges `backup-cross-account-copy` with its reason, as the CDK
 * construct's acknowledgement does. An empty or unknown reason acknowledges nothing.
 */
function optOutAcknowledgement(e: Entry): Record<string, unknown> | undefined {
  const tags = plain(e.inputs.tags);
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return undefined;
  const reason = plain((tags as Record<string, unknown>)[BACKUP_OPT_OUT_TAG]);
  if (typeof reason !== 'string' || reason.trim() === '') return undefined;
  return { deadbolt: { acknowledge: [{ id: 'backup-cross-account-copy', reason }] } };
}

/**
 * The `Deadbolt::Output` stand-in for an unknown output, naming the resources it
 * comes from (`targets`, by their records). Shared with the Google dialect.
 */
export function unknownOutput(
  value: ProviderOutputValue,
  targets: readonly { readonly record: ProviderResourceRecord }[],
): unknown {
  const names = targets.map((t) => t.record.name);
  const of = names.length ? ` of ${names.join(', ')}` : '';
  return {
    [PROVIDER_OUTPUT_INTRINSIC]: {
      shown: value.reason ? 'a value Deadbolt cannot read' : `an unknown output${of}`,
      reason:
        value.reason ??
        `it is an output${of} known only after deployment${value.dependsOn.length > 1 ? ' and cannot be tied to one resource' : ''}`,
    },
  };
}

function partitionOf(region: string | undefined): string {
  return region?.startsWith('cn-') ? 'aws-cn' : region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** The Pulumi token or Terraform type's CloudFormation counterpart. */
/**
 * Whether `readProviderModel` reads records of this type into the model. Records of any other type are passed over
 * (no rule judges them), so a reader may leave out their inputs.
 */
export function readsProviderType(type: string): boolean {
  return !!mappingOf(type)?.cloudFormationType && !NOT_JUDGED.has(type);
}

function mappingOf(type: string): ProviderTypeMapping | undefined {
  return type.includes(':') ? pulumiTypeMapping(type) : terraformTypeMapping(type);
}

/** A provider's account, from `allowedAccountIds` (exactly one) or an assumed role's ARN. */
function providerTarget(r: ProviderResourceRecord): ProviderTarget {
  const inputs = camelKeys(r.inputs) as Record<string, unknown>;
  const literal = (v: unknown): unknown => (isProviderOutput(v) ? (v.known ? v.value : undefined) : v);
  // Pulumi passes a provider's object and list inputs as JSON strings.
  const json = (v: unknown): unknown => {
    const l = literal(v);
    return typeof l === 'string' && /^[[{]/.test(l.trim()) ? safeJson(l) : l;
  };
  let account: string | undefined;
  const allowed = literal(inputs.allowedAccountIds);
  const allowedList = typeof allowed === 'string' ? safeJson(allowed) : allowed;
  if (Array.isArray(allowedList) && allowedList.length === 1 && /^\d{12}$/.test(String(literal(allowedList[0])))) {
    account = String(literal(allowedList[0]));
  }
  if (!account) {
    const roles = json(inputs.assumeRoles) ?? json(inputs.assumeRole);
    const first = Array.isArray(roles) ? literal(roles[0]) : roles;
    const arn = first && typeof first === 'object' ? literal((first as Record<string, unknown>).roleArn) : undefined;
    const m = typeof arn === 'string' ? /^arn:[^:]+:iam::(\d{12}):/.exec(arn) : null;
    if (m) account = m[1];
  }
  const region = literal(inputs.region);
  const credentials = [
    'profile',
    'accessKey',
    'secretKey',
    'token',
    'assumeRole',
    'assumeRoles',
    'assumeRoleWithWebIdentity',
    'sharedCredentialsFiles',
    'sharedConfigFiles',
    'allowedAccountIds',
    'forbiddenAccountIds',
  ];
  const defaults = json(inputs.defaultTags);
  const tags = defaults && typeof defaults === 'object' ? json((defaults as Record<string, unknown>).tags) : undefined;
  return {
    account,
    region: typeof region === 'string' ? region : undefined,
    name: r.name,
    ownCredentials: credentials.some((k) => inputs[k] !== undefined),
    defaultTags: tags && typeof tags === 'object' && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {},
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** The resource's tags over the provider's default tags, as AWS applies them. */
function withDefaultTags(
  inputs: Record<string, unknown>,
  defaults: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  if (Object.keys(defaults).length === 0) return inputs;
  const own = plain(inputs.tags);
  if (isProviderOutput(own)) return inputs;
  return { ...inputs, tags: { ...defaults, ...(own && typeof own === 'object' && !Array.isArray(own) ? own : {}) } };
}

/** Keys whose values are user data (tag keys), never renamed. */
const OPAQUE_KEYS = new Set(['tags', 'tagsAll', 'defaultTags', 'policy', 'keyPolicy']);

/** snake_case keys (Terraform) to camelCase (Pulumi), leaving tag maps alone. */
function camelKeys(value: unknown): unknown {
  if (isProviderOutput(value)) return { ...value, value: camelKeys(value.value) };
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k in value) {
    const key = camelKey(k);
    const v = (value as Record<string, unknown>)[k];
    out[key] = OPAQUE_KEYS.has(key) ? v : camelKeys(v);
  }
  return out;
}

/** Each key's camelCase, worked out once: a plan repeats the same few hundred keys for every resource. */
const CAMEL_KEYS = new Map<string, string>();

function camelKey(k: string): string {
  let key = CAMEL_KEYS.get(k);
  if (key === undefined) {
    key = k.includes('_') && /^[a-z0-9_]+$/.test(k) ? k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) : k;
    // Keys are user data too (a map's keys): the memo is bounded.
    if (CAMEL_KEYS.size > 10_000) CAMEL_KEYS.clear();
    CAMEL_KEYS.set(k, key);
  }
  return key;
}

/** Terraform writes a nested block as a one-element list; Pulumi as an object. */
function block(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1 && value[0] !== null && typeof value[0] === 'object') return value[0];
  return value;
}

function pascal(key: string): string {
  let p = PASCAL.get(key);
  if (p === undefined) {
    p = key.charAt(0).toUpperCase() + key.slice(1);
    // Keys are user data too (a map's keys): the memo is bounded.
    if (PASCAL.size > 10_000) PASCAL.clear();
    PASCAL.set(key, p);
  }
  return p;
}

/** Each input name's PascalCase, worked out once: a plan repeats the same names for every resource. */
const PASCAL = new Map<string, string>();

type Convert = (value: unknown, kind?: RefKind, from?: Entry) => unknown;

/** Sets a CloudFormation property from a provider input, remembering the provider's name for it. */
function put(e: Entry, cfnPath: string, nativePath: string, value: unknown): void {
  if (value === undefined) return;
  if (!cfnPath.includes('.')) {
    e.properties[cfnPath] = value;
    e.names[cfnPath] = nativePath;
    return;
  }
  const steps = cfnPath.split('.');
  let target = e.properties;
  for (const step of steps.slice(0, -1)) {
    const next = target[step];
    target = (target[step] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<
      string,
      unknown
    >;
  }
  target[steps[steps.length - 1]] = value;
  e.names[cfnPath] = nativePath;
}

/** Reads the first of several spellings of an input (Pulumi plural, Terraform singular block). */
function first(inputs: Record<string, unknown>, ...names: string[]): [string, unknown] {
  for (const n of names) if (inputs[n] !== undefined) return [n, inputs[n]];
  return [names[0], undefined];
}

/** A value that may itself be an output: the plain value when known. */
function plain(value: unknown): unknown {
  if (isProviderOutput(value)) return value.known ? plain(value.value) : value;
  return value;
}

/** A nested block (Pulumi object, Terraform one-element list), plain when known. */
function single(value: unknown): unknown {
  return block(plain(value));
}

/** Pulumi `tags` maps become CloudFormation `Tags` lists, which the engine reads. */
function tagsList(value: unknown, convert: Convert, from: Entry): unknown {
  const v = plain(value);
  if (isProviderOutput(v)) return convert(v, undefined, from);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return convert(v, undefined, from);
  return Object.entries(v).map(([Key, Value]) => ({ Key, Value: convert(Value, undefined, from) }));
}

/** Inputs that name another resource, per CloudFormation type, and how to refer to it. */
const REFERENCE_INPUTS: Readonly<Record<string, Readonly<Record<string, RefKind>>>> = {
  'AWS::RDS::DBInstance': { kmsKeyId: 'arn', clusterIdentifier: 'ref', replicateSourceDb: 'ref' },
  'AWS::RDS::DBCluster': { kmsKeyId: 'arn', globalClusterIdentifier: 'ref' },
  'AWS::Backup::BackupVault': { kmsKeyArn: 'arn' },
  'AWS::DocDB::DBCluster': { kmsKeyId: 'arn' },
  'AWS::Neptune::DBCluster': { kmsKeyArn: 'arn' },
  // Ties a Lustre file system to the S3 link that rules its backups out (fsx-automatic-backup-retention).
  'AWS::FSx::DataRepositoryAssociation': { fileSystemId: 'ref' },
  'AWS::Redshift::Cluster': { kmsKeyId: 'arn' },
  'AWS::RedshiftServerless::Namespace': { kmsKeyId: 'arn' },
};

/** Provider input names that differ from CloudFormation's beyond capitalisation. */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::RDS::DBInstance': {
    identifier: 'DBInstanceIdentifier',
    clusterIdentifier: 'DBClusterIdentifier',
    replicateSourceDb: 'SourceDBInstanceIdentifier',
    dbName: 'DBName',
    instanceClass: 'DBInstanceClass',
    snapshotIdentifier: 'DBSnapshotIdentifier',
  },
  'AWS::RDS::DBCluster': { clusterIdentifier: 'DBClusterIdentifier', databaseName: 'DatabaseName' },
  'AWS::DocDB::DBCluster': { clusterIdentifier: 'DBClusterIdentifier' },
  'AWS::Neptune::DBCluster': { clusterIdentifier: 'DBClusterIdentifier', kmsKeyArn: 'KmsKeyId' },
  'AWS::DynamoDB::Table': { name: 'TableName' },
  'AWS::KMS::Key': { deletionWindowInDays: 'PendingWindowInDays' },
  'AWS::KMS::ReplicaKey': { deletionWindowInDays: 'PendingWindowInDays' },
  'AWS::ECR::Repository': { forceDelete: 'EmptyOnDelete', name: 'RepositoryName' },
  'AWS::S3::Bucket': { bucket: 'BucketName' },
  'AWS::Backup::BackupVault': { name: 'BackupVaultName', kmsKeyArn: 'EncryptionKeyArn' },
  'AWS::Backup::LogicallyAirGappedBackupVault': { name: 'BackupVaultName' },
  'AWS::Logs::LogGroup': { name: 'LogGroupName' },
  'AWS::Cognito::UserPool': { name: 'UserPoolName' },
  'AWS::Lightsail::Database': { backupRetentionEnabled: 'BackupRetention' },
};

/** Properties set by separate resources or nested inputs, named as a provider user would look for them. */
const NESTED_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::DynamoDB::Table': {
    PointInTimeRecoverySpecification: 'pointInTimeRecovery',
    'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled': 'pointInTimeRecovery.enabled',
    'PointInTimeRecoverySpecification.RecoveryPeriodInDays': 'pointInTimeRecovery.recoveryPeriodInDays',
  },
  'AWS::Cassandra::Table': { PointInTimeRecoveryEnabled: 'pointInTimeRecovery.status' },
  'AWS::Timestream::Table': {
    RetentionProperties: 'retentionProperties',
    'RetentionProperties.MagneticStoreRetentionPeriodInDays': 'retentionProperties.magneticStoreRetentionPeriodInDays',
    'RetentionProperties.MemoryStoreRetentionPeriodInHours': 'retentionProperties.memoryStoreRetentionPeriodInHours',
  },
  'AWS::S3::Bucket': {
    VersioningConfiguration: 'versioning (an aws.s3.BucketVersioning resource)',
    'VersioningConfiguration.Status': 'versioningConfiguration.status (of an aws.s3.BucketVersioning resource)',
    ReplicationConfiguration: 'replication (an aws.s3.BucketReplicationConfig resource)',
    LifecycleConfiguration: 'lifecycle rules (an aws.s3.BucketLifecycleConfiguration resource)',
  },
  'AWS::EFS::FileSystem': {
    BackupPolicy: 'backup policy (an aws.efs.BackupPolicy resource)',
    'BackupPolicy.Status': 'backupPolicy.status (of an aws.efs.BackupPolicy resource)',
  },
  'AWS::Backup::BackupVault': {
    LockConfiguration: 'vault lock (an aws.backup.VaultLockConfiguration resource)',
    'LockConfiguration.ChangeableForDays': 'changeableForDays (of the aws.backup.VaultLockConfiguration)',
    'LockConfiguration.MinRetentionDays': 'minRetentionDays (of the aws.backup.VaultLockConfiguration)',
  },
};

/** The provider's names for a type's CloudFormation properties, before any input is read. */
function defaultNames(cfnType: string): Record<string, string> {
  let names = DEFAULT_NAMES.get(cfnType);
  if (!names) {
    names = { ...NESTED_NAMES[cfnType] };
    for (const [native, cfn] of Object.entries(RENAMED[cfnType] ?? {})) names[cfn] ??= native;
    DEFAULT_NAMES.set(cfnType, names);
  }
  // Each resource's names grow with what it sets: a copy.
  return { ...names };
}

/** `defaultNames` per CloudFormation type, worked out once. */
const DEFAULT_NAMES = new Map<string, Record<string, string>>();

/** The Cloud Control providers: CloudFormation's own schema, spelt in camelCase (`aws-native`) or snake_case (`awscc`). */
function isCloudControl(type: string): boolean {
  return type.startsWith('aws-native:') || type.startsWith('awscc_');
}

/**
 * `aws-native` and `awscc` resources are CloudFormation's own schema with
 * camelCase (or, for `awscc`, snake_case, already camelCased) names: every key,
 * at every depth, goes back to CloudFormation's name (`dbClusterIdentifier` →
 * `DBClusterIdentifier`, `versioningConfiguration.status` →
 * `VersioningConfiguration.Status`), and `[{ key, value }]` tags to `Tags`.
 * @see https://github.com/hashicorp/terraform-provider-awscc/blob/main/internal/naming/naming.go
 */
function translateNative(e: Entry, convert: Convert): void {
  const cfnKey = (k: string): string => cloudFormationName(e.cfnType, k);
  const deep = (v: unknown): unknown => {
    if (isProviderOutput(v)) return v.known ? { ...v, value: deep(v.value) } : v;
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(deep);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [cfnKey(k), deep(x)]));
  };
  for (const [key, value] of Object.entries(e.inputs)) {
    const converted = convert(key === 'tags' ? value : deep(value), REFERENCE_INPUTS[e.cfnType]?.[key], e);
    if (key === 'tags')
      put(e, 'Tags', 'tags', Array.isArray(plain(value)) ? deep(converted) : tagsList(value, convert, e));
    else put(e, cfnKey(key), key, converted);
  }
  recordNativeNames(e);
}

/**
 * A Cloud Control resource's names for the properties the protection table
 * judges, before any input is read, so that a finding about an unset property
 * quotes the provider's spelling (`awscc`: `point_in_time_recovery_specification`;
 * `aws-native`: camelCase, which `nativeName` gives on its own).
 */
function cloudControlNames(nativeType: string, cfnType: string): Record<string, string> {
  const names: Record<string, string> = {};
  if (!nativeType.startsWith('awscc_')) return names;
  for (const setting of protectionOf(cfnType)?.settings ?? []) {
    for (const path of setting.cloudformation ?? []) {
      const steps = path.split('.');
      // Each prefix too, so that a whole block that is not set is quoted as the user would write it.
      for (let n = 1; n <= steps.length && !steps[n - 1].includes('['); n++) {
        names[steps.slice(0, n).join('.')] ??= steps.slice(0, n).map(awsccAttributeName).join('.');
      }
    }
  }
  return names;
}

/** Native names recorded per Cloud Control resource: a bound on what a large input costs. */
const MAX_NATIVE_NAMES = 400;

/**
 * The provider's own spelling of every CloudFormation path a Cloud Control
 * resource's inputs write (`LustreConfiguration.AutomaticBackupRetentionDays` →
 * `lustre_configuration.automatic_backup_retention_days` for `awscc`), so that
 * findings quote what the user wrote at any depth.
 */
function recordNativeNames(e: Entry): void {
  let budget = MAX_NATIVE_NAMES;
  const camel = (k: string): string =>
    k.includes('_') && /^[a-z0-9_]+$/.test(k) ? k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) : k;
  const walk = (raw: unknown, cfn: string, native: string, depth: number): void => {
    const v = isProviderOutput(raw) ? (raw.known ? raw.value : undefined) : raw;
    if (budget <= 0 || depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${cfn}.${i}`, `${native}[${i}]`, depth + 1));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (budget-- <= 0) return;
      const c = `${cfn}.${cloudFormationName(e.cfnType, camel(k))}`;
      e.names[c] = `${native}.${k}`;
      walk(x, c, `${native}.${k}`, depth + 1);
    }
  };
  for (const [k, x] of Object.entries(e.record.inputs)) {
    if (k === 'tags') continue;
    const c = cloudFormationName(e.cfnType, camel(k));
    e.names[c] = k;
    walk(x, c, k, 1);
  }
}

/** Translates a resource's own inputs. */
function translate(e: Entry, convert: Convert): void {
  if (isCloudControl(e.record.type)) return translateNative(e, convert);
  const refs = REFERENCE_INPUTS[e.cfnType] ?? {};
  const renamed = RENAMED[e.cfnType] ?? {};
  for (const key in e.inputs) {
    const value = e.inputs[key];
    if (key === 'tags') {
      put(e, 'Tags', 'tags', tagsList(value, convert, e));
      continue;
    }
    if (key === 'tagsAll') continue;
    put(e, renamed[key] ?? pascal(key), key, convert(value, refs[key], e));
  }
  switch (e.cfnType) {
    case 'AWS::DynamoDB::Table': {
      const pitr = single(e.inputs.pointInTimeRecovery);
      delete e.properties.PointInTimeRecovery;
      if (isProviderOutput(pitr))
        put(e, 'PointInTimeRecoverySpecification', 'pointInTimeRecovery', convert(pitr, undefined, e));
      else if (pitr && typeof pitr === 'object') {
        const p = pitr as Record<string, unknown>;
        put(
          e,
          'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
          'pointInTimeRecovery.enabled',
          convert(p.enabled, undefined, e),
        );
        put(
          e,
          'PointInTimeRecoverySpecification.RecoveryPeriodInDays',
          'pointInTimeRecovery.recoveryPeriodInDays',
          convert(p.recoveryPeriodInDays, undefined, e),
        );
      } else if (pitr !== undefined) {
        // `aws_dynamodb_table_replica` (and a table's `replica` block) says it as a boolean.
        put(
          e,
          'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
          'pointInTimeRecovery',
          convert(e.inputs.pointInTimeRecovery, undefined, e),
        );
      }
      if (e.inputs.globalTableArn !== undefined) {
        // A replica of a global table: its settings are flat booleans.
        e.names.PointInTimeRecoverySpecification = 'pointInTimeRecovery';
        e.names['PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled'] = 'pointInTimeRecovery';
      }
      // Each replica is a table of its own in another region, with its own
      // point-in-time recovery and deletion protection (both off by default).
      delete e.properties.Replica;
      const [replicasKey, replicas] = first(e.inputs, 'replicas', 'replica');
      const list = plain(replicas);
      delete e.properties.Replicas;
      if (list !== undefined) {
        put(
          e,
          'Replicas',
          replicasKey,
          isProviderOutput(list) || !Array.isArray(list)
            ? convert(list, undefined, e)
            : list.map((raw) => {
                const r = single(raw) as Record<string, unknown> | undefined;
                if (!r || isProviderOutput(r)) return convert(r, undefined, e);
                return {
                  Region: convert(r.regionName, undefined, e),
                  PointInTimeRecoverySpecification: {
                    PointInTimeRecoveryEnabled: convert(r.pointInTimeRecovery, undefined, e),
                  },
                  DeletionProtectionEnabled: convert(r.deletionProtectionEnabled, undefined, e),
                };
              }),
        );
      }
      break;
    }
    case 'AWS::S3::Bucket': {
      // `versioning` on `aws.s3.Bucket` (v6, deprecated in v7), `versionings` on the legacy `BucketV2`.
      const versioning = single(first(e.inputs, 'versioning', 'versionings')[1]);
      delete e.properties.Versioning;
      delete e.properties.Versionings;
      const replication = single(first(e.inputs, 'replicationConfiguration', 'replicationConfigurations')[1]);
      delete e.properties.ReplicationConfigurations;
      if (replication !== undefined) {
        delete e.properties.ReplicationConfiguration;
        if (isProviderOutput(replication) || !replication || typeof replication !== 'object')
          put(e, 'ReplicationConfiguration', 'replicationConfiguration', convert(replication, undefined, e));
        else
          PARTS.ReplicationConfiguration.apply(
            {
              ...e,
              inputs: replication as Record<string, unknown>,
              record: { ...e.record, name: 'replicationConfiguration' },
            },
            e,
            convert,
          );
      }
      if (isProviderOutput(versioning))
        put(e, 'VersioningConfiguration.Status', 'versioning.enabled', convert(versioning, undefined, e));
      else if (versioning && typeof versioning === 'object') {
        const enabled = (versioning as Record<string, unknown>).enabled;
        put(e, 'VersioningConfiguration.Status', 'versioning.enabled', statusFromBoolean(enabled, convert, e));
      }
      const lock = e.inputs.objectLockEnabled;
      if (lock !== undefined) put(e, 'ObjectLockEnabled', 'objectLockEnabled', convert(lock, undefined, e));
      // The legacy inline `lifecycle_rule` (`lifecycleRules` on the v6 `aws.s3.Bucket`).
      const [lifecycleKey, lifecycleRules] = first(e.inputs, 'lifecycleRules', 'lifecycleRule');
      delete e.properties.LifecycleRules;
      delete e.properties.LifecycleRule;
      if (lifecycleRules !== undefined) putLifecycleRules(e, e, lifecycleKey, lifecycleRules, convert);
      break;
    }
    case 'AWS::RDS::DBInstance':
    case 'AWS::RDS::DBCluster': {
      // A database restored from a snapshot or a point in time inherits its key from the source.
      const restore = single(e.inputs.restoreToPointInTime);
      delete e.properties.RestoreToPointInTime;
      if (restore !== undefined && !isProviderOutput(restore) && typeof restore === 'object' && restore !== null) {
        const r = restore as Record<string, unknown>;
        const sources: ReadonlyArray<readonly [string, string]> =
          e.cfnType === 'AWS::RDS::DBInstance'
            ? [
                ['sourceDbInstanceIdentifier', 'SourceDBInstanceIdentifier'],
                ['sourceDbiResourceId', 'SourceDbiResourceId'],
                ['sourceDbInstanceAutomatedBackupsArn', 'SourceDBInstanceAutomatedBackupsArn'],
              ]
            : [
                ['sourceClusterIdentifier', 'SourceDBClusterIdentifier'],
                ['sourceClusterResourceId', 'SourceDbClusterResourceId'],
              ];
        for (const [native, cfn] of sources)
          put(e, cfn, `restoreToPointInTime.${native}`, convert(r[native], undefined, e));
      } else if (restore !== undefined) {
        put(
          e,
          e.cfnType === 'AWS::RDS::DBInstance' ? 'SourceDBInstanceIdentifier' : 'SourceDBClusterIdentifier',
          'restoreToPointInTime',
          convert(restore, undefined, e),
        );
      }
      break;
    }
    case 'AWS::Cassandra::Table': {
      // `point_in_time_recovery { status = "ENABLED" }` is CloudFormation's `PointInTimeRecoveryEnabled: true`.
      const pitr = single(e.inputs.pointInTimeRecovery);
      delete e.properties.PointInTimeRecovery;
      if (pitr === undefined) break;
      const status =
        isProviderOutput(pitr) || pitr === null || typeof pitr !== 'object'
          ? pitr
          : (pitr as Record<string, unknown>).status;
      const s = plain(status);
      put(
        e,
        'PointInTimeRecoveryEnabled',
        'pointInTimeRecovery.status',
        s === 'ENABLED'
          ? true
          : s === 'DISABLED' || s === undefined || s === null
            ? false
            : convert(status, undefined, e),
      );
      break;
    }
    case 'AWS::Timestream::Table': {
      // `retention_properties` is a block of snake_case fields; CloudFormation's keys are PascalCase.
      const retention = single(e.inputs.retentionProperties);
      delete e.properties.RetentionProperties;
      if (retention === undefined) break;
      if (isProviderOutput(retention) || retention === null || typeof retention !== 'object') {
        put(e, 'RetentionProperties', 'retentionProperties', convert(retention, undefined, e));
        break;
      }
      const r = retention as Record<string, unknown>;
      for (const f of ['magneticStoreRetentionPeriodInDays', 'memoryStoreRetentionPeriodInHours'])
        put(e, `RetentionProperties.${pascal(f)}`, `retentionProperties.${f}`, convert(r[f], undefined, e));
      break;
    }
    case 'AWS::Backup::BackupPlan':
      translateBackupPlan(e, convert);
      break;
    case 'AWS::Backup::BackupSelection':
      translateBackupSelection(e, convert);
      break;
    default:
      break;
  }
}

function statusFromBoolean(enabled: unknown, convert: Convert, e: Entry): unknown {
  const v = plain(enabled);
  if (v === true || v === 'true') return 'Enabled';
  if (v === false || v === 'false') return 'Suspended';
  return convert(enabled, undefined, e);
}

/** A nested block that may be written as a list (Terraform), an object (Pulumi), or an empty list (not set). */
function blockOf(value: unknown): unknown {
  const v = plain(value);
  if (Array.isArray(v) && v.length === 0) return undefined;
  return block(v);
}

/** Terraform writes an unset number inside a block as 0 (or null); S3 refuses 0 days, so 0 is "not set". */
function setNumber(value: unknown): unknown {
  const v = plain(value);
  return v === 0 || v === null || v === '' ? undefined : value;
}

/**
 * S3 lifecycle rules, from an `aws.s3.BucketLifecycleConfiguration` /
 * `aws_s3_bucket_lifecycle_configuration` (`rules[].expiration.days`,
 * `noncurrentVersionExpiration.noncurrentDays`, `filter`) or the legacy inline
 * `lifecycle_rule` of a bucket (`enabled`, `prefix`, `tags`,
 * `noncurrentVersionExpiration.days`), into CloudFormation's
 * `LifecycleConfiguration.Rules`. Each field read keeps the provider's name.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-rule.html
 */
function putLifecycleRules(from: Entry, target: Entry, native: string, rules: unknown, convert: Convert): void {
  const list = plain(rules);
  if (list === undefined || list === null) return;
  if (isProviderOutput(list) || !Array.isArray(list)) {
    put(target, 'LifecycleConfiguration.Rules', native, convert(list, undefined, from));
    return;
  }
  const out = list.map((raw, i) => {
    const r = blockOf(raw);
    if (isProviderOutput(r) || r === null || typeof r !== 'object') return convert(r, undefined, from);
    const o = r as Record<string, unknown>;
    const at = `${native}[${i}]`;
    const cfnAt = `LifecycleConfiguration.Rules.${i}`;
    const rule: Record<string, unknown> = {};
    const set = (cfn: string, nativePath: string, value: unknown): void => {
      if (value === undefined) return;
      const steps = cfn.split('.');
      let t = rule;
      for (const step of steps.slice(0, -1)) t = (t[step] ??= {}) as Record<string, unknown>;
      t[steps[steps.length - 1]] = convert(value, undefined, from);
      target.names[`${cfnAt}.${cfn}`] = `${at}.${nativePath}`;
    };
    set('Id', 'id', o.id);
    if (o.enabled !== undefined) {
      const enabled = plain(o.enabled);
      const status =
        enabled === true || enabled === 'true'
          ? 'Enabled'
          : enabled === false || enabled === 'false'
            ? 'Disabled'
            : o.enabled;
      set('Status', 'enabled', status);
    } else set('Status', 'status', o.status);
    const filter = blockOf(o.filter);
    const f =
      filter && typeof filter === 'object' && !isProviderOutput(filter) ? (filter as Record<string, unknown>) : {};
    const and = blockOf(f.and);
    const a = and && typeof and === 'object' && !isProviderOutput(and) ? (and as Record<string, unknown>) : {};
    if (isProviderOutput(filter) || isProviderOutput(and))
      set('Prefix', 'filter', isProviderOutput(filter) ? filter : and);
    else {
      const prefix = [
        ['filter.prefix', f.prefix],
        ['filter.and.prefix', a.prefix],
        ['prefix', o.prefix],
      ].find(([, v]) => v !== undefined && v !== null && v !== '');
      if (prefix) set('Prefix', prefix[0] as string, prefix[1]);
    }
    const tag = blockOf(f.tag);
    const tags = plain(a.tags ?? o.tags);
    if (tag && typeof tag === 'object' && !isProviderOutput(tag)) {
      const t = tag as Record<string, unknown>;
      set('TagFilters', 'filter.tag', [{ Key: t.key, Value: t.value }]);
    } else if (tag !== undefined) set('TagFilters', 'filter.tag', tag);
    else if (tags && typeof tags === 'object' && !isProviderOutput(tags) && !Array.isArray(tags)) {
      const entries = Object.entries(tags);
      if (entries.length)
        set(
          'TagFilters',
          a.tags !== undefined ? 'filter.and.tags' : 'tags',
          entries.map(([Key, Value]) => ({ Key, Value })),
        );
    } else if (tags !== undefined && tags !== null) set('TagFilters', 'tags', tags);
    set(
      'ObjectSizeGreaterThan',
      'filter.objectSizeGreaterThan',
      setNumber(f.objectSizeGreaterThan ?? a.objectSizeGreaterThan),
    );
    set('ObjectSizeLessThan', 'filter.objectSizeLessThan', setNumber(f.objectSizeLessThan ?? a.objectSizeLessThan));
    // The legacy `aws.s3.BucketV2` spells these blocks in the plural (`expirations`, `noncurrentVersionExpirations`).
    const [expirationKey, expirationRaw] = first(o, 'expiration', 'expirations');
    const expiration = blockOf(expirationRaw);
    if (isProviderOutput(expiration)) set('ExpirationInDays', expirationKey, expiration);
    else if (expiration && typeof expiration === 'object') {
      const x = expiration as Record<string, unknown>;
      set('ExpirationInDays', `${expirationKey}.days`, setNumber(x.days));
      set('ExpirationDate', `${expirationKey}.date`, setNumber(x.date));
      set('ExpiredObjectDeleteMarker', `${expirationKey}.expiredObjectDeleteMarker`, x.expiredObjectDeleteMarker);
    }
    const [noncurrentKey, noncurrentRaw] = first(o, 'noncurrentVersionExpiration', 'noncurrentVersionExpirations');
    const noncurrent = blockOf(noncurrentRaw);
    if (isProviderOutput(noncurrent)) set('NoncurrentVersionExpiration.NoncurrentDays', noncurrentKey, noncurrent);
    else if (noncurrent && typeof noncurrent === 'object') {
      const n = noncurrent as Record<string, unknown>;
      const [daysKey, days] = first(n, 'noncurrentDays', 'days');
      set('NoncurrentVersionExpiration.NoncurrentDays', `${noncurrentKey}.${daysKey}`, setNumber(days));
      set(
        'NoncurrentVersionExpiration.NewerNoncurrentVersions',
        `${noncurrentKey}.newerNoncurrentVersions`,
        setNumber(n.newerNoncurrentVersions),
      );
    }
    return rule;
  });
  put(target, 'LifecycleConfiguration.Rules', native, out);
}

/** `aws.backup.Plan` → `AWS::Backup::BackupPlan`'s `BackupPlan` document. */
function translateBackupPlan(e: Entry, convert: Convert): void {
  for (const k of Object.keys(e.properties)) if (k !== 'Tags') delete e.properties[k];
  e.names = e.properties.Tags ? { Tags: 'tags' } : {};
  const [rulesKey, rules] = first(e.inputs, 'rules', 'rule');
  const list = plain(rules);
  if (isProviderOutput(list) || !Array.isArray(list)) {
    if (list !== undefined) put(e, 'BackupPlan.BackupPlanRule', rulesKey, convert(list, undefined, e));
  } else {
    put(
      e,
      'BackupPlan.BackupPlanRule',
      rulesKey,
      list.map((raw) => {
        const rule = single(raw);
        if (isProviderOutput(rule) || !rule || typeof rule !== 'object') return convert(rule, undefined, e);
        const r = rule as Record<string, unknown>;
        const [, copies] = first(r, 'copyActions', 'copyAction');
        const copyList = plain(copies);
        // CrossGuard gives dependencies per top-level input: an unknown destination
        // may then depend on the rule's own vault too. That one is not the destination.
        const target = r.targetVaultName;
        const own = isProviderOutput(target) && target.dependsOn.length === 1 ? target.dependsOn[0] : undefined;
        const destination = (v: unknown): unknown =>
          isProviderOutput(v) && !v.known && own && v.dependsOn.length > 1 && v.dependsOn.includes(own)
            ? { ...v, dependsOn: v.dependsOn.filter((d) => d !== own) }
            : v;
        return {
          RuleName: convert(r.ruleName, undefined, e),
          TargetBackupVault: convert(r.targetVaultName, 'ref', e),
          ScheduleExpression: convert(r.schedule, undefined, e),
          EnableContinuousBackup: convert(r.enableContinuousBackup, undefined, e),
          Lifecycle: lifecycle(r.lifecycle, convert, e),
          CopyActions:
            copyList === undefined
              ? undefined
              : isProviderOutput(copyList) || !Array.isArray(copyList)
                ? convert(copyList, undefined, e)
                : copyList.map((c) => {
                    const copy = single(c);
                    if (isProviderOutput(copy) || !copy || typeof copy !== 'object') return convert(copy, undefined, e);
                    const cc = copy as Record<string, unknown>;
                    return {
                      DestinationBackupVaultArn: convert(destination(cc.destinationVaultArn), 'arn', e),
                      Lifecycle: lifecycle(cc.lifecycle, convert, e),
                    };
                  }),
        };
      }),
    );
  }
  const [, name] = first(e.inputs, 'name');
  put(e, 'BackupPlan.BackupPlanName', 'name', convert(name, undefined, e));
}

function lifecycle(value: unknown, convert: Convert, e: Entry): unknown {
  const l = single(value);
  if (l === undefined) return undefined;
  if (isProviderOutput(l) || typeof l !== 'object' || l === null) return convert(l, undefined, e);
  const o = l as Record<string, unknown>;
  return {
    DeleteAfterDays: convert(o.deleteAfter, undefined, e),
    MoveToColdStorageAfterDays: convert(o.coldStorageAfter, undefined, e),
  };
}

/** `aws.backup.Selection` → `AWS::Backup::BackupSelection`. */
function translateBackupSelection(e: Entry, convert: Convert): void {
  for (const k of Object.keys(e.properties)) delete e.properties[k];
  e.names = {};
  put(e, 'BackupPlanId', 'planId', convert(e.inputs.planId, 'ref', e));
  put(e, 'BackupSelection.SelectionName', 'name', convert(e.inputs.name, undefined, e));
  put(e, 'BackupSelection.IamRoleArn', 'iamRoleArn', convert(e.inputs.iamRoleArn, undefined, e));
  for (const [native, cfn] of [
    ['resources', 'Resources'],
    ['notResources', 'NotResources'],
  ] as const) {
    const v = e.inputs[native];
    if (v === undefined) continue;
    put(e, `BackupSelection.${cfn}`, native, arnList(v, convert, e));
  }
  const [tagsKey, tags] = first(e.inputs, 'selectionTags', 'selectionTag');
  const tagList = plain(tags);
  if (tagList !== undefined) {
    put(
      e,
      'BackupSelection.ListOfTags',
      tagsKey,
      isProviderOutput(tagList) || !Array.isArray(tagList)
        ? convert(tagList, undefined, e)
        : tagList.map((t) => {
            const tag = single(t) as Record<string, unknown>;
            return {
              ConditionType: convert(tag?.type, undefined, e),
              ConditionKey: convert(tag?.key, undefined, e),
              ConditionValue: convert(tag?.value, undefined, e),
            };
          }),
    );
  }
  const [condKey, conds] = first(e.inputs, 'conditions', 'condition');
  const condList = plain(conds);
  if (condList !== undefined) {
    const all = isProviderOutput(condList) ? undefined : Array.isArray(condList) ? condList : [condList];
    if (!all) put(e, 'BackupSelection.Conditions', condKey, convert(condList, undefined, e));
    else {
      const out: Record<string, unknown[]> = {};
      for (const c of all) {
        const cond = single(c) as Record<string, unknown> | undefined;
        if (!cond) continue;
        for (const [native, cfn] of [
          ['stringEquals', 'StringEquals'],
          ['stringLikes', 'StringLike'],
          ['stringNotEquals', 'StringNotEquals'],
          ['stringNotLikes', 'StringNotLike'],
          ['stringLike', 'StringLike'],
          ['stringNotLike', 'StringNotLike'],
        ] as const) {
          const items = plain(cond[native]);
          if (items === undefined) continue;
          for (const it of Array.isArray(items) ? items : [items]) {
            const item = single(it) as Record<string, unknown>;
            (out[cfn] ??= []).push({
              ConditionKey: convert(item?.key, undefined, e),
              ConditionValue: convert(item?.value, undefined, e),
            });
          }
        }
      }
      put(e, 'BackupSelection.Conditions', condKey, out);
    }
  }
}

/**
 * A list of ARNs: each output element tied to one resource becomes a reference;
 * an output list computed from several resources (`pulumi.all([a.arn, b.arn])`)
 * becomes one reference per resource it depends on.
 */
function arnList(value: unknown, convert: Convert, e: Entry): unknown {
  if (isProviderOutput(value)) {
    // The resources the list was computed from are selected whether or not
    // their ARNs are known yet; known literal entries are kept beside them.
    const refs = value.dependsOn
      .map((id) => convert(providerOutput(false, undefined, [id]), 'arn', e))
      .filter((r) => !value.known || intrinsicName(r) !== PROVIDER_OUTPUT_INTRINSIC);
    const literal = value.known ? arnList(value.value, convert, e) : [];
    if (refs.length === 0) return value.known ? literal : convert(value, 'arn', e);
    return [...refs, ...(Array.isArray(literal) ? literal : [literal])];
  }
  if (!Array.isArray(value)) return convert(value, 'arn', e);
  return value.map((v) => convert(v, 'arn', e));
}

/** How each part resource names its target, and what it sets on it. */
interface PartSpec {
  /** Input naming the target resource. */
  readonly target: string;
  /** CloudFormation property of the target that names it, for a literal match. */
  readonly targetName?: string;
  readonly apply: (part: Entry, target: Entry, convert: Convert) => void;
}

const PARTS: Readonly<Record<string, PartSpec>> = {
  // `aws_efs_replication_configuration`: the source file system's replication, whose
  // destination (an existing file system, or a new one EFS creates) is overwritten by it.
  'AWS::EFS::FileSystem.ReplicationConfiguration': {
    target: 'sourceFileSystemId',
    apply(part, target, convert) {
      const dest = single(part.inputs.destination);
      const native = `${part.record.name}.destination`;
      if (dest === undefined) return;
      if (isProviderOutput(dest) || dest === null || typeof dest !== 'object') {
        put(target, 'ReplicationConfiguration.Destinations', native, convert(dest, undefined, part));
        return;
      }
      const d = dest as Record<string, unknown>;
      target.names['ReplicationConfiguration.Destinations.0.FileSystemId'] = `${native}.fileSystemId`;
      put(target, 'ReplicationConfiguration.Destinations', native, [
        {
          FileSystemId: convert(d.fileSystemId, 'ref', part),
          Region: convert(d.region, undefined, part),
          AvailabilityZoneName: convert(d.availabilityZoneName, undefined, part),
        },
      ]);
    },
  },
  VersioningConfiguration: {
    target: 'bucket',
    targetName: 'BucketName',
    apply(part, target, convert) {
      const cfg = single(part.inputs.versioningConfiguration);
      const status =
        cfg && !isProviderOutput(cfg) && typeof cfg === 'object' ? (cfg as Record<string, unknown>).status : cfg;
      put(
        target,
        'VersioningConfiguration.Status',
        `${part.record.name}.versioningConfiguration.status`,
        convert(status, undefined, part),
      );
    },
  },
  ObjectLockConfiguration: {
    target: 'bucket',
    targetName: 'BucketName',
    apply(part, target, convert) {
      put(
        target,
        'ObjectLockEnabled',
        `${part.record.name}.objectLockEnabled`,
        convert(part.inputs.objectLockEnabled ?? 'Enabled', undefined, part),
      );
      put(target, 'ObjectLockConfiguration', part.record.name, convert(part.inputs.rule, undefined, part));
    },
  },
  ReplicationConfiguration: {
    target: 'bucket',
    targetName: 'BucketName',
    apply(part, target, convert) {
      const [key, rules] = first(part.inputs, 'rules', 'rule');
      const list = plain(rules);
      const native = `${part.record.name}.${key}`;
      if (isProviderOutput(list) || !Array.isArray(list)) {
        put(target, 'ReplicationConfiguration.Rules', native, convert(list, undefined, part));
        return;
      }
      put(
        target,
        'ReplicationConfiguration.Role',
        `${part.record.name}.role`,
        convert(part.inputs.role, undefined, part),
      );
      put(
        target,
        'ReplicationConfiguration.Rules',
        native,
        list.map((raw) => {
          const r = single(raw) as Record<string, unknown>;
          const dest = single(r?.destination) as Record<string, unknown> | undefined;
          const filter = single(r?.filter) as Record<string, unknown> | undefined;
          return {
            Id: convert(r?.id, undefined, part),
            Status: convert(r?.status, undefined, part),
            Priority: convert(r?.priority, undefined, part),
            Prefix: convert(r?.prefix, undefined, part),
            Filter:
              filter === undefined
                ? undefined
                : isProviderOutput(filter)
                  ? convert(filter, undefined, part)
                  : {
                      Prefix: convert(filter.prefix, undefined, part),
                      TagFilter: convert(filter.tag, undefined, part),
                      And: convert(filter.and, undefined, part),
                    },
            Destination:
              dest === undefined
                ? undefined
                : isProviderOutput(dest)
                  ? convert(dest, undefined, part)
                  : {
                      Bucket: convert(dest.bucket, undefined, part),
                      Account: convert(dest.account, undefined, part),
                      StorageClass: convert(dest.storageClass, undefined, part),
                    },
          };
        }),
      );
    },
  },
  LifecycleConfiguration: {
    target: 'bucket',
    targetName: 'BucketName',
    apply(part, target, convert) {
      const [key, rules] = first(part.inputs, 'rules', 'rule');
      putLifecycleRules(part, target, `${part.record.name}.${key}`, rules, convert);
    },
  },
  BackupPolicy: {
    target: 'fileSystemId',
    apply(part, target, convert) {
      const cfg = single(part.inputs.backupPolicy);
      const status =
        cfg && !isProviderOutput(cfg) && typeof cfg === 'object' ? (cfg as Record<string, unknown>).status : cfg;
      put(target, 'BackupPolicy.Status', `${part.record.name}.backupPolicy.status`, convert(status, undefined, part));
    },
  },
  LockConfiguration: {
    target: 'backupVaultName',
    targetName: 'BackupVaultName',
    apply(part, target, convert) {
      for (const [native, cfn] of [
        ['changeableForDays', 'ChangeableForDays'],
        ['minRetentionDays', 'MinRetentionDays'],
        ['maxRetentionDays', 'MaxRetentionDays'],
      ] as const) {
        put(
          target,
          `LockConfiguration.${cfn}`,
          `${part.record.name}.${native}`,
          convert(part.inputs[native], undefined, part),
        );
      }
      if (target.properties.LockConfiguration === undefined) put(target, 'LockConfiguration', part.record.name, {});
    },
  },
  AccessPolicy: {
    target: 'backupVaultName',
    targetName: 'BackupVaultName',
    apply(part, target, convert) {
      const policy = plain(part.inputs.policy);
      put(
        target,
        'AccessPolicy',
        `${part.record.name}.policy`,
        typeof policy === 'string' ? (safeJson(policy) ?? policy) : convert(policy, undefined, part),
      );
    },
  },
};

/** A part resource whose target is not a resource of the stack, on its way to being judged on its own. */
interface Detached {
  readonly part: Entry;
  readonly spec: PartSpec;
  /** Parts naming the same existing resource share a group, and see each other's settings. */
  readonly group: string;
  /** The literal the part names its target by, when it does. */
  readonly name?: string;
  /** What the part configures, as a clause (`DetachedPart.target`). */
  readonly target: string;
  /** Why the target cannot be identified, when it cannot. */
  readonly unresolved?: string;
}

/** How messages name the target of a part, by the target's CloudFormation type. */
const TARGET_NOUNS: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::EFS::FileSystem': 'file system',
  'AWS::Backup::BackupVault': 'backup vault',
};

/**
 * Settings of a resource the stack does not define that rules read beside a
 * part's own: unknown, never assumed. An existing bucket's versioning decides
 * whether a lifecycle expiration deletes objects for good.
 */
const EXTERNAL_READS: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  'AWS::S3::Bucket': [['VersioningConfiguration.Status', 'its versioning']],
};

/**
 * Merges a part resource into the resource it configures. A part whose target
 * is not in the stack (an existing resource named by a literal, or one that
 * cannot be identified) is returned, to be judged on its own.
 */
function mergePart(part: Entry, entries: ReadonlyMap<string, Entry>, convert: Convert): Detached | undefined {
  // A part name two types share (`ReplicationConfiguration`) is told apart by its type.
  const spec = PARTS[`${part.cfnType}.${part.mapping.part!}`] ?? PARTS[part.mapping.part!];
  // Parts no rule reads (a bucket's CORS, a key policy) change nothing the catalogue judges.
  if (!spec) return undefined;
  const found = findTarget(part, spec, entries);
  if (found.kind === 'found') {
    spec.apply(part, found.entry, convert);
    return undefined;
  }
  const noun = TARGET_NOUNS[part.cfnType] ?? part.cfnType;
  if (found.kind === 'unresolved') {
    return {
      part,
      spec,
      group: `${part.docKey}\u0000${part.record.id}`,
      target: `a ${noun} Deadbolt cannot identify`,
      unresolved: found.reason,
    };
  }
  // A literal cannot be matched to a resource whose name (or id) is chosen at deployment.
  const unmatchable = [...entries.values()].filter(
    (e) =>
      !e.mapping.part &&
      e.cfnType === part.cfnType &&
      e.docKey === part.docKey &&
      (!spec.targetName || typeof plain(e.properties[spec.targetName]) !== 'string'),
  );
  const note = unmatchable.length
    ? ` (a ${noun} of this stack whose ${spec.targetName ? 'name' : 'id'} is chosen at deployment, such as ${unmatchable
        .slice(0, 3)
        .map((e) => `\`${e.record.name}\``)
        .join(', ')}, is matched only through its output)`
    : '';
  return {
    part,
    spec,
    group: `${part.docKey}\u0000${part.cfnType}\u0000${found.name}`,
    name: found.name,
    target: `the ${noun} \`${found.name}\`, which this stack does not define${note}`,
  };
}

type TargetLookup =
  | { readonly kind: 'found'; readonly entry: Entry }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

/**
 * The resources a part may configure, by CloudFormation type, and by the literal name each has under a property;
 * built once per model (after every resource's inputs are translated), so that joining parts to their targets is
 * linear in the number of resources (a plan of 20,000 resources has thousands of parts).
 */
interface TargetIndex {
  readonly byType: Map<string, Entry[]>;
  readonly byName: Map<string, Map<unknown, Entry[]>>;
}
const TARGET_INDEXES = new WeakMap<ReadonlyMap<string, Entry>, TargetIndex>();

function targetIndex(entries: ReadonlyMap<string, Entry>): TargetIndex {
  let index = TARGET_INDEXES.get(entries);
  if (!index) {
    index = { byType: new Map(), byName: new Map() };
    for (const e of entries.values()) {
      if (e.mapping.part) continue;
      const list = index.byType.get(e.cfnType);
      if (list) list.push(e);
      else index.byType.set(e.cfnType, [e]);
    }
    TARGET_INDEXES.set(entries, index);
  }
  return index;
}

/** The resources of a type whose `property` is the literal `name`. */
function targetsNamed(index: TargetIndex, cfnType: string, property: string, name: string): Entry[] {
  const key = `${cfnType}\u0000${property}`;
  let byName = index.byName.get(key);
  if (!byName) {
    byName = new Map();
    for (const c of index.byType.get(cfnType) ?? []) {
      const n = plain(c.properties[property]);
      const list = byName.get(n);
      if (list) list.push(c);
      else byName.set(n, [c]);
    }
    index.byName.set(key, byName);
  }
  return byName.get(name) ?? [];
}

function findTarget(part: Entry, spec: PartSpec, entries: ReadonlyMap<string, Entry>): TargetLookup {
  const raw = part.inputs[spec.target];
  const index = targetIndex(entries);
  const names = (list: readonly Entry[]): string =>
    list
      .slice(0, 3)
      .map((e) => `\`${e.record.name}\``)
      .join(', ') + (list.length > 3 ? ', …' : '');
  if (isProviderOutput(raw)) {
    const deps = raw.dependsOn
      .map((id) => entries.get(id))
      .filter((t): t is Entry => !!t && !t.mapping.part && t.cfnType === part.cfnType);
    if (deps.length === 1) return { kind: 'found', entry: deps[0] };
    if (!raw.known) {
      return {
        kind: 'unresolved',
        reason:
          raw.reason ??
          (deps.length > 1
            ? `\`${spec.target}\` is an output of ${names(deps)}, known only after deployment`
            : `\`${spec.target}\` is an output known only after deployment, computed from no resource of this stack Deadbolt can tie it to`),
      };
    }
  }
  const name = plain(raw);
  if (name === undefined || name === null || name === '')
    return { kind: 'unresolved', reason: `\`${spec.target}\` is not set` };
  if (typeof name !== 'string') return { kind: 'unresolved', reason: `\`${spec.target}\` is not a name` };
  if (!spec.targetName) return { kind: 'named', name };
  const byName = targetsNamed(index, part.cfnType, spec.targetName, name);
  if (byName.length === 1) return { kind: 'found', entry: byName[0] };
  if (byName.length > 1) return { kind: 'unresolved', reason: `${names(byName)} are all named \`${name}\`` };
  return { kind: 'named', name };
}

/**
 * The resource a detached part stands for: its target's type, with the
 * settings of every part of its group (`withOwner` false: all but `owner`'s),
 * the literal name it was given, and the target's other settings the rules
 * read (`EXTERNAL_READS`) as unknown.
 */
function detachedEntry(group: readonly Detached[], owner: Detached, withOwner: boolean, convert: Convert): Entry {
  const part = owner.part;
  const entry: Entry = {
    record: part.record,
    inputs: {},
    mapping: part.mapping,
    cfnType: part.cfnType,
    docKey: part.docKey,
    properties: {},
    names: defaultNames(part.cfnType),
  };
  if (owner.name !== undefined && owner.spec.targetName)
    put(entry, owner.spec.targetName, `${part.record.name}.${owner.spec.target}`, owner.name);
  for (const d of group) if (withOwner || d !== owner) d.spec.apply(d.part, entry, convert);
  const noun = TARGET_NOUNS[part.cfnType] ?? part.cfnType;
  for (const [path, what] of EXTERNAL_READS[part.cfnType] ?? []) {
    let v: unknown = entry.properties;
    for (const step of path.split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
    if (v !== undefined) continue;
    const which =
      owner.name !== undefined
        ? `the ${noun} \`${owner.name}\` is not defined in this stack`
        : `the ${noun} cannot be identified`;
    put(entry, path, `${what} (of the ${noun})`, {
      [PROVIDER_OUTPUT_INTRINSIC]: { shown: 'unknown', reason: `${which}, so ${what} cannot be read` },
    });
  }
  return entry;
}
