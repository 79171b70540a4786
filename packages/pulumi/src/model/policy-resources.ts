/**
 * CrossGuard's view of a stack (`StackValidationArgs.resources`) → provider
 * records. Limits of what the analyzer hands a policy pack (checked against
 * `@pulumi/policy` 1.21 server.js and the analyzer protocol):
 * - `props` are the resource's *outputs* (inputs echoed by the provider plus
 *   provider defaults and computed values), not the program's inputs;
 * - in a preview, values not yet computed are sentinel strings (the proxy that
 *   wraps `props` throws on reading them); with `propertyDependencies` they
 *   become output values tied to the resources they come from;
 * - `opts.protect` is a plain boolean: an unset `protect` and `protect: false`
 *   read the same, so only `true` is recorded;
 * - there is no `retainOnDelete` (nor resource hooks) in `PolicyResourceOptions`:
 *   it is recorded as not set;
 * - a database's `kmsKeyId` is the key the provider reports, which for a
 *   database given no key is the AWS managed `aws/rds` key: it is recorded as
 *   unknown unless it depends on a KMS key resource of the stack (and `""`,
 *   an unencrypted database's, as not set).
 */
import type { PolicyResource } from '@pulumi/policy';
import { providerOutput, PULUMI_GCP_PROVIDER, type ProviderResourceRecord } from '@deadbolt/rules';

/** `@pulumi/policy` proxy.js: the sentinels a preview leaves for values not yet known. */
const UNKNOWN_SENTINELS = new Set([
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7', // boolean
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421', // number
  '04da6b54-80e4-46f7-96ec-b56ff0331ba9', // string (also `@pulumi/pulumi` rpc `unknownValue`)
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2', // array
  '030794c1-ac77-496b-92df-f27374a8bd58', // asset
  'e48ece36-62e2-4504-bad9-02848725956a', // archive
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff', // object
]);

/** `@pulumi/policy` proxy.js `getSpecialProxyTarget`: the key that returns the object under the unknown-checking proxy. */
const PROXY_TARGET = '__getSpecialProxyTarget';

export function isUnknownSentinel(value: unknown): boolean {
  return typeof value === 'string' && UNKNOWN_SENTINELS.has(value);
}

/** The resource types the catalogue can judge, and the providers that say where they deploy. */
export function isRecordedType(type: string): boolean {
  return (
    type.startsWith('aws:') ||
    type.startsWith('aws-native:') ||
    type === 'pulumi:providers:aws' ||
    type === 'pulumi:providers:aws-native' ||
    isGoogleType(type)
  );
}

/**
 * An `@pulumi/gcp` resource (`gcp:sql/databaseInstance:DatabaseInstance`) or its provider: the Google dialect
 * (`readGoogleModel`) judges these, the AWS provider dialect the rest.
 */
export function isGoogleType(type: string): boolean {
  return type.startsWith('gcp:') || type === PULUMI_GCP_PROVIDER;
}

/** Default providers are the ones the engine creates from stack config (`default`, `default_7_48_0`). */
export function isDefaultProvider(urn: string | undefined): boolean {
  if (!urn) return false;
  const name = urn.slice(urn.lastIndexOf('::') + 2);
  return name === 'default' || name.startsWith('default_');
}

/** The plain props under CrossGuard's unknown-checking proxy (or the object itself, when built by hand). */
export function rawProps(props: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!props) return {};
  const target = (props as Record<string, unknown>)[PROXY_TARGET];
  return (target && typeof target === 'object' ? target : props) as Record<string, unknown>;
}

/** Unknown sentinels become unknown output values depending on `deps`, at any depth. */
function readValue(value: unknown, deps: readonly string[]): unknown {
  if (isUnknownSentinel(value)) return providerOutput(false, undefined, deps);
  if (Array.isArray(value)) return value.map((v) => readValue(v, deps));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = readValue(v, deps);
    return out;
  }
  return value;
}

/**
 * The encryption key properties of the databases whose key the catalogue
 * judges (`rds-customer-managed-key`), by Pulumi type.
 */
const DATABASE_KEY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'aws:rds/instance:Instance': ['kmsKeyId'],
  'aws:rds/cluster:Cluster': ['kmsKeyId'],
  'aws:docdb/cluster:Cluster': ['kmsKeyId'],
  'aws:neptune/cluster:Cluster': ['kmsKeyArn'],
};

/**
 * Resources of the stack whose ARN names a customer managed key. An alias
 * counts: AWS does not let a customer's alias name an AWS managed key.
 */
const CUSTOMER_KEY_TYPES: ReadonlySet<string> = new Set([
  'aws:kms/key:Key',
  'aws:kms/replicaKey:ReplicaKey',
  'aws:kms/externalKey:ExternalKey',
  'aws:kms/replicaExternalKey:ReplicaExternalKey',
  'aws:kms/alias:Alias',
]);

/** The type token a URN ends with (`…::parent$aws:kms/key:Key::name` → `aws:kms/key:Key`). */
export function typeOfUrn(urn: string): string | undefined {
  const parts = urn.split('::');
  if (parts.length < 4) return undefined;
  const types = parts[parts.length - 2];
  return types.slice(types.lastIndexOf('$') + 1) || undefined;
}

/**
 * Is this property a database's key that CrossGuard shows only as the
 * provider's output? A database given no key reports the key RDS chose — the
 * AWS managed `aws/rds` key's ARN (`arn:aws:kms:…:key/<uuid>`), which reads
 * like a customer managed key's. Only a tie (`propertyDependencies`) to a key
 * resource of this stack proves the key is the customer's. `value` is the
 * property's value as CrossGuard passed it.
 */
export function isUnprovenDatabaseKey(r: PolicyResource, key: string, value: unknown): boolean {
  // An empty key is no key (an unencrypted database): the rule judges it as given.
  if (!DATABASE_KEY_PROPERTIES[r.type]?.includes(key) || typeof value !== 'string' || value === '') return false;
  const deps = r.propertyDependencies?.[key] ?? [];
  return !deps.some((d) => CUSTOMER_KEY_TYPES.has(d.type ?? typeOfUrn(d.urn) ?? ''));
}

/**
 * One CrossGuard resource as a provider record. A property with
 * `propertyDependencies` becomes an output value depending on those resources,
 * known or not, so relations (a backup selection's `resources`, a
 * `BucketVersioning`'s `bucket`) hold in a preview and in an update alike.
 */
export function recordFromPolicyResource(r: PolicyResource): ProviderResourceRecord {
  const raw = rawProps(r.props);
  const inputs: Record<string, unknown> = {};
  const unproven: UnprovenKey[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    // The provider reports an unencrypted database's key as `""`: no key, as the program wrote it.
    if (value === '' && DATABASE_KEY_PROPERTIES[r.type]?.includes(key)) continue;
    const deps = (r.propertyDependencies?.[key] ?? [])
      .map((d) => d.urn)
      .filter((u) => typeof u === 'string' && u !== '');
    if (isUnprovenDatabaseKey(r, key, value)) {
      // Unknown is never safe: `rds-customer-managed-key` fails closed on it.
      const reported = typeof value === 'string' && !isUnknownSentinel(value) ? value : undefined;
      inputs[key] = providerOutput(
        false,
        undefined,
        deps,
        reported
          ? 'the policy pack sees only the key the provider reports, and no `aws.kms.Key` of the stack is behind it'
          : 'the policy pack cannot tie it to an `aws.kms.Key` of the stack',
      );
      unproven.push({ property: key, reported });
    } else if (deps.length === 0) {
      inputs[key] = readValue(value, []);
    } else if (isUnknownSentinel(value)) {
      inputs[key] = providerOutput(false, undefined, deps);
    } else {
      inputs[key] = providerOutput(true, readValue(value, deps), deps);
    }
  }
  const provider = r.provider?.urn;
  const parent = r.parent?.urn ?? r.opts?.parent;
  const record: ProviderResourceRecord = {
    id: r.urn,
    name: r.name,
    type: r.type,
    inputs,
    options: {
      // `false` here also means "not set": only `true` is a fact.
      protect: r.opts?.protect === true ? true : undefined,
      provider: provider && !isDefaultProvider(provider) ? provider : undefined,
      parent: parent || undefined,
    },
  };
  if (unproven.length > 0) UNPROVEN_KEYS.set(record, unproven);
  return record;
}

/** A database key recorded as unknown by `recordFromPolicyResource`, and the value the provider reported. */
export interface UnprovenKey {
  readonly property: string;
  /** The key the provider reported, when it did (an existing database). */
  readonly reported?: string;
}

const UNPROVEN_KEYS = new WeakMap<ProviderResourceRecord, readonly UnprovenKey[]>();

/** The database keys of a record that `recordFromPolicyResource` recorded as unknown. */
export function unprovenKeys(record: ProviderResourceRecord | undefined): readonly UnprovenKey[] {
  return (record && UNPROVEN_KEYS.get(record)) ?? [];
}
