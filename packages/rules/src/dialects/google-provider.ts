/**
 * The Google Cloud dialect: Terraform `google`/`google-beta` resources and
 * `@pulumi/gcp` resources (bridged from the same provider) read into the
 * catalogue's resource model, in one shape, so that a rule is written once for both:
 *
 * - `type` is the Terraform type (`google_sql_database_instance`), also for a
 *   Pulumi token (`gcp:sql/databaseInstance:DatabaseInstance`); `nativeType` is as written.
 * - properties use Terraform's snake_case names; a single nested block
 *   (`maxItemsOne` in the Pulumi bridge metadata) is an object whether Terraform
 *   wrote it as a one-element list or Pulumi as an object, and an empty
 *   Terraform block list (how a plan writes an unset block) is absent; a
 *   repeated block is a list.
 * - a Pulumi input's name is quoted back in findings through `nativeNames`
 *   (`settings.backup_configuration` → `settings.backupConfiguration`;
 *   Pulumi pluralises repeated blocks: `lifecycle_rule` → `lifecycleRules`).
 * - a value unknown before deployment is the `Deadbolt::Output` intrinsic, which
 *   every rule reads as unresolved (unknown is never safe); when it comes from
 *   exactly one resource of the input, the intrinsic names that resource's
 *   record id (`resource`, read with `outputResource`), so a backup plan
 *   association naming `db.id` is tied to the database while its id is unknown.
 *
 * Provider configurations arrive as records of type `pulumi:providers:gcp`
 * (Pulumi's own provider resources, and Terraform `provider "google"` blocks put
 * in the same shape by the Terraform reader) with camelCase inputs: `project`,
 * `region` and the provider-level `deletionPolicy` (Terraform `deletion_policy`),
 * the default for resources that set none. A resource is created with the
 * provider its `options.provider` names, or else the default provider (a record
 * named `default` or `default_<version>`, as Pulumi names it), or else with the
 * input's `project`; a provider it names that the input does not hold leaves the
 * inherited deletion policy unknown (a finding, never a pass). A Terraform plan's
 * resources already carry the effective `deletion_policy` (the provider resolves
 * it at plan time), so the provider default matters for Pulumi inputs and for
 * types older than the universal `deletion_policy`. Resources go into one document per project (and per
 * provider default deletion policy), as the AWS provider dialect builds one per
 * account; a resource's own `project` input overrides its provider's.
 *
 * The shapes come from `google-types.generated.json`
 * (`scripts/generate-google-types.js`, from the Pulumi bridge metadata and SDK).
 * @see https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference
 * @see https://www.pulumi.com/registry/packages/gcp/api-docs/provider/
 */
import type { NormalisedResource, ResourceModel, StackDocument } from '../model';
import { PROVIDER_OUTPUT_INTRINSIC, intrinsicName } from '../engine/values';
import { providerDataRow } from '../protection/provider-types';
import {
  isProviderOutput,
  providerOutput,
  type ProviderDocumentInput,
  type ProviderOutputValue,
  type ProviderResourceRecord,
} from './aws-provider-model';
import { unknownOutput } from './aws-provider';
import generated from './google-types.generated.json';

/** Pulumi's Google Cloud provider resource type; Terraform `provider "google"` blocks arrive in this shape too. */
export const PULUMI_GCP_PROVIDER = 'pulumi:providers:gcp';

/** The shape of one field in `google-types.generated.json`. */
interface FieldShape {
  /** A single nested block: an object. */
  readonly maxItemsOne?: boolean;
  /** A repeated block or a list of values. */
  readonly list?: boolean;
  /** Pulumi's name when it is not the camelCase of Terraform's (a pluralised repeated block). */
  readonly pulumi?: string;
  readonly fields?: Readonly<Record<string, FieldShape>>;
}

interface TypeShape {
  readonly pulumi: string;
  readonly fields: Readonly<Record<string, FieldShape>>;
}

const TYPES = (generated as unknown as { types: Readonly<Record<string, TypeShape>> }).types;

/** Pulumi token → Terraform type, for the types the table knows. */
const BY_TOKEN: ReadonlyMap<string, string> = new Map(Object.entries(TYPES).map(([tf, t]) => [t.pulumi, tf]));

/**
 * Keys whose values are user data (label and metadata maps), never renamed.
 * Google label keys are lowercase already; instance metadata keys (`startup-script`) may be anything.
 * @see https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 */
const OPAQUE_KEYS = new Set([
  'labels',
  'effective_labels',
  'terraform_labels',
  'pulumi_labels',
  'user_labels',
  'resource_labels',
  'default_labels',
  'metadata',
  'tags',
  'params',
  'parameters',
]);

/**
 * The label a safe component writes when a resource is opted out of Backup and DR (`CloudSqlBackupPlan.optOut(reason)`
 * of `@deadbolt/pulumi`), with the reason in the characters labels allow: the Google twin of the AWS tag
 * `deadbolt:backup-opt-out`.
 * @see https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 */
export const BACKUP_OPT_OUT_LABEL = 'deadbolt-backup-opt-out';

/**
 * Google resources carry no metadata an acknowledgement could live in, so the opt-out label acknowledges
 * `backupdr-coverage` with its reason (hyphens read as spaces), as the AWS opt-out tag acknowledges
 * `backup-cross-account-copy`. The label is read where the resource keeps its labels (`labels`, or a Cloud SQL
 * instance's `settings.user_labels`); an empty or unknown value acknowledges nothing.
 */
function optOutAcknowledgement(properties: Record<string, unknown>): { metadata?: Record<string, unknown> } {
  const settings = properties.settings;
  for (const labels of [
    properties.labels,
    settings && typeof settings === 'object' ? (settings as Record<string, unknown>).user_labels : undefined,
  ]) {
    if (!labels || typeof labels !== 'object' || Array.isArray(labels)) continue;
    const value = (labels as Record<string, unknown>)[BACKUP_OPT_OUT_LABEL];
    if (typeof value !== 'string') continue;
    const reason = value.replace(/[-_]+/g, ' ').trim();
    if (reason === '') continue;
    return { metadata: { deadbolt: { acknowledge: [{ id: 'backupdr-coverage', reason }] } } };
  }
  return {};
}

/** Is this record a Google Cloud resource (or provider) this dialect reads? */
export function isGoogleRecordType(type: string): boolean {
  return type.startsWith('google_') || type.startsWith('gcp:') || type === PULUMI_GCP_PROVIDER;
}

/**
 * The Terraform type of a `google_*` type or a `gcp:` token: the bridge
 * metadata's table, else the provider type table's Pulumi twins, else the token
 * spelt back (`gcp:sql/databaseInstance:DatabaseInstance` → `google_sql_database_instance`).
 */
export function googleTerraformType(type: string): string {
  if (!type.startsWith('gcp:')) return type;
  const known = BY_TOKEN.get(type) ?? providerDataRow(type)?.terraform;
  if (known?.startsWith('google_')) return known;
  const m = /^gcp:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):[A-Za-z0-9]+$/.exec(type);
  return m ? `google_${m[1].toLowerCase()}_${snake(m[2])}` : type;
}

/**
 * The record id of the one resource an unknown value comes from, when the
 * dialect could tie it to one (`Deadbolt::Output` with a `resource`).
 */
export function outputResource(value: unknown): string | undefined {
  if (intrinsicName(value) !== PROVIDER_OUTPUT_INTRINSIC) return undefined;
  const r = (value as Record<string, { resource?: unknown }>)[PROVIDER_OUTPUT_INTRINSIC]?.resource;
  return typeof r === 'string' ? r : undefined;
}

/** What a resource is created with: its provider's project, region and default deletion policy. */
interface ProviderSettings {
  /** The provider's resource name, for document names; undefined for the stack's own default. */
  readonly name?: string;
  /** A literal project id, or undefined when unknown or not set. */
  readonly project?: string;
  readonly region?: string;
  /** As written (literal, or `Deadbolt::Output`); undefined when the provider sets none. */
  readonly deletionPolicy?: unknown;
}

/** The longest input a value may nest to before the dialect stops descending (a hand-built cycle). */
const MAX_DEPTH = 64;

/**
 * Reads one Pulumi stack or Terraform configuration's Google Cloud resources
 * into the resource model (records of other providers are left out: the AWS
 * dialect reads those). One document per project the resources are created in.
 */
export function readGoogleModel(input: ProviderDocumentInput): ResourceModel {
  const records = input.resources.filter((r) => isGoogleRecordType(r.type));
  const byId = new Map(records.map((r) => [r.id, r]));
  const providers = new Map<string, ProviderSettings>();
  for (const r of records) if (r.type === PULUMI_GCP_PROVIDER) providers.set(r.id, providerSettings(r));
  const defaultProvider =
    [...providers.entries()].find(([id]) => /(^|::)default(_[0-9_]+)?$/.test(id))?.[1] ??
    [...providers.entries()].find(([id, p]) => p.name !== undefined && /^default(_[0-9_]+)?$/.test(id))?.[1];
  const stackDefault: ProviderSettings = {
    project: defaultProvider?.project ?? input.project,
    region: defaultProvider?.region ?? input.region,
    deletionPolicy: defaultProvider?.deletionPolicy,
  };
  const mainKey = documentKey(stackDefault.project, stackDefault.deletionPolicy);

  const documents = new Map<string, StackDocument & { resources: Map<string, NormalisedResource> }>();
  const usedIds = new Set<string>();
  for (const record of records) {
    if (record.type === PULUMI_GCP_PROVIDER) continue;
    const settings = settingsOf(record);
    const type = googleTerraformType(record.type);
    const pulumi = record.type.startsWith('gcp:');
    const names: Record<string, string> = {};
    const properties = normalise(record.inputs, TYPES[type]?.fields, pulumi, '', '', names, 0) as Record<
      string,
      unknown
    >;
    if (pulumi) renamedPaths(TYPES[type]?.fields, '', '', names, 0);
    const ownProject = literal(properties.project);
    const project =
      properties.project === undefined ? settings.project : typeof ownProject === 'string' ? ownProject : undefined;
    const document = documentFor(project, properties.project !== undefined && ownProject === undefined, settings);
    document.resources.set(record.id, {
      key: `${document.id}/${record.id}`,
      logicalId: record.id,
      type,
      nativeType: record.type,
      dialect: 'google',
      properties,
      document,
      location: { stack: document.name, path: record.id },
      providerOptions: record.options ?? {},
      displayName: record.name,
      ...optOutAcknowledgement(properties),
      ...(pulumi ? { nativeNames: names } : {}),
    });
  }
  if (documents.size === 0) documentFor(stackDefault.project, false, stackDefault);
  return { documents: [...documents.values()] };

  function settingsOf(record: ProviderResourceRecord): ProviderSettings {
    const id = record.options?.provider;
    if (!id) return stackDefault;
    // A Pulumi provider reference is `<urn>::<id>`: the record is keyed by its URN.
    const p = providers.get(id) ?? providers.get(id.split('::').slice(0, -1).join('::'));
    // A provider the input does not hold: nothing is known of its project, nor of the default deletion policy its
    // resources inherit, which is then unknown (fail closed) rather than unset.
    return (
      p ?? {
        name: id,
        deletionPolicy: unknownOutput(
          providerOutput(
            false,
            undefined,
            [],
            `the resource is created with provider \`${id}\`, which the input does not describe, so the \`deletion_policy\` it inherits from it cannot be read`,
          ),
          [],
        ),
      }
    );
  }

  function documentFor(
    project: string | undefined,
    ownUnknown: boolean,
    settings: ProviderSettings,
  ): StackDocument & { resources: Map<string, NormalisedResource> } {
    const key = ownUnknown
      ? `${documentKey(undefined, settings.deletionPolicy)}|own`
      : documentKey(project, settings.deletionPolicy);
    const existing = documents.get(key);
    if (existing) return existing;
    let id = input.id;
    let name = input.name;
    if (key !== mainKey) {
      const where = project !== undefined ? `project ${project}` : 'project unknown';
      const via = settings.name !== undefined ? `, provider ${settings.name}` : '';
      id = `${input.id}/${project ?? '(project unknown)'}${via ? `/${settings.name}` : ''}`;
      name = `${input.name} (${where}${via})`;
    }
    for (let n = 2; usedIds.has(id) && n < 10_000; n++) id = `${id.replace(/#\d+$/, '')}#${n}`;
    usedIds.add(id);
    const doc = {
      id,
      name,
      dialect: 'google' as const,
      ...(project !== undefined ? { project } : {}),
      ...(settings.region !== undefined ? { region: settings.region } : {}),
      ...(settings.deletionPolicy !== undefined ? { defaultDeletionPolicy: settings.deletionPolicy } : {}),
      tags: {},
      parameters: {},
      conditions: {},
      mappings: {},
      exports: new Map(),
      resources: new Map<string, NormalisedResource>(),
    };
    documents.set(key, doc);
    return doc;
  }

  /** A provider record's settings: literal inputs, unknown ones as the intrinsic (a deletion policy) or unknown. */
  function providerSettings(r: ProviderResourceRecord): ProviderSettings {
    const inputs = r.inputs;
    const project = literal(inputs.project);
    const region = literal(inputs.region);
    const raw = inputs.deletionPolicy ?? inputs.deletion_policy;
    return {
      name: r.name,
      ...(typeof project === 'string' ? { project } : {}),
      ...(typeof region === 'string' ? { region } : {}),
      ...(raw !== undefined ? { deletionPolicy: convertValue(raw, 0) } : {}),
    };
  }

  /**
   * Inputs into the dialect's shape: snake_case keys, single blocks as objects,
   * unknown outputs as `Deadbolt::Output`. `names` collects, for Pulumi inputs,
   * each snake path (without list indices) and the path the user wrote.
   */
  function normalise(
    value: unknown,
    shape: Readonly<Record<string, FieldShape>> | undefined,
    pulumi: boolean,
    snakePath: string,
    nativePath: string,
    names: Record<string, string>,
    depth: number,
  ): unknown {
    if (depth > MAX_DEPTH) return value;
    if (isProviderOutput(value)) {
      if (!value.known) return unknown(value);
      return normalise(value.value, shape, pulumi, snakePath, nativePath, names, depth + 1);
    }
    if (Array.isArray(value)) {
      return value.map((v, i) =>
        normalise(
          v,
          shape,
          pulumi,
          snakePath,
          !pulumi ? '' : nativePath ? `${nativePath}.${i}` : String(i),
          names,
          depth + 1,
        ),
      );
    }
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      const key = pulumi ? snakeNameOf(k, shape) : k;
      const field = shape?.[key];
      // The paths only name Pulumi inputs (`names`): a Terraform record's are not built.
      const childSnake = !pulumi ? '' : snakePath ? `${snakePath}.${key}` : key;
      const childNative = !pulumi ? '' : nativePath ? `${nativePath}.${k}` : k;
      if (pulumi) names[childSnake] = childNative.replace(/\.\d+(?=\.|$)/g, '');
      if (OPAQUE_KEYS.has(key)) {
        out[key] = convertValue(v, depth + 1);
        continue;
      }
      let converted = normalise(v, field?.fields, pulumi, childSnake, childNative, names, depth + 1);
      if (field?.maxItemsOne && Array.isArray(converted)) {
        // Terraform writes a single block as a one-element list, and an unset one as `[]`.
        if (converted.length === 0) continue;
        if (converted.length === 1) converted = converted[0];
      }
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }

  /** A value kept as written except for outputs (label values, a provider's input). */
  function convertValue(value: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) return value;
    if (isProviderOutput(value)) return value.known ? convertValue(value.value, depth + 1) : unknown(value);
    if (Array.isArray(value)) return value.map((v) => convertValue(v, depth + 1));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const k in value) out[k] = convertValue((value as Record<string, unknown>)[k], depth + 1);
    return out;
  }

  /** `Deadbolt::Output`, naming the one resource of the input the value comes from, when there is one. */
  function unknown(value: ProviderOutputValue): unknown {
    const targets = value.dependsOn.map((id) => byId.get(id)).filter((r): r is ProviderResourceRecord => !!r);
    const intrinsic = unknownOutput(
      value,
      targets.map((record) => ({ record })),
    ) as Record<string, Record<string, unknown>>;
    if (targets.length !== 1 || value.dependsOn.length !== 1) return intrinsic;
    return { [PROVIDER_OUTPUT_INTRINSIC]: { ...intrinsic[PROVIDER_OUTPUT_INTRINSIC], resource: targets[0].id } };
  }
}

/** The key of a document: its project and the default deletion policy its resources inherit. */
function documentKey(project: string | undefined, deletionPolicy: unknown): string {
  return `${project ?? '?'}|${deletionPolicy === undefined ? '' : JSON.stringify(deletionPolicy)}`;
}

/** A provider input's plain value when it is known. */
function literal(value: unknown): unknown {
  if (isProviderOutput(value)) return value.known ? literal(value.value) : undefined;
  if (intrinsicName(value) === PROVIDER_OUTPUT_INTRINSIC) return undefined;
  return value;
}

/** Terraform's name of a Pulumi input at one level: a pluralised block's, else its snake_case. */
function snakeNameOf(key: string, shape: Readonly<Record<string, FieldShape>> | undefined): string {
  if (shape) for (const [tf, f] of Object.entries(shape)) if (f.pulumi === key) return tf;
  return /^[a-z][a-zA-Z0-9]*$/.test(key) ? snake(key) : key;
}

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Records the Pulumi path of every renamed (pluralised) block of a type, set or
 * not, so a finding about an absent block quotes Pulumi's name.
 */
function renamedPaths(
  shape: Readonly<Record<string, FieldShape>> | undefined,
  snakePath: string,
  nativePath: string,
  names: Record<string, string>,
  depth: number,
): void {
  if (!shape || depth > 16) return;
  for (const [tf, f] of Object.entries(shape)) {
    const s = snakePath ? `${snakePath}.${tf}` : tf;
    const n = `${nativePath ? `${nativePath}.` : ''}${f.pulumi ?? camel(tf)}`;
    if (f.pulumi !== undefined || f.fields) {
      if (f.pulumi !== undefined) names[s] ??= n;
      renamedPaths(f.fields, s, n, names, depth + 1);
    }
  }
}

/**
 * The name the user wrote for a Google resource's property path: the snake
 * path itself for Terraform, the camelCase one (Pulumi's pluralised block
 * names included) for `@pulumi/gcp`. List indices are kept as written.
 */
export function googleNativeName(resource: NormalisedResource, path: readonly (string | number)[]): string {
  const names = resource.nativeNames;
  if (!resource.nativeType.startsWith('gcp:') || !names) return path.join('.');
  const out: string[] = [];
  const schema: string[] = [];
  for (const step of path) {
    if (typeof step === 'number' || /^\d+$/.test(step)) {
      out.push(String(step));
      continue;
    }
    schema.push(step);
    const hit = names[schema.join('.')];
    out.push(hit !== undefined ? hit.split('.').pop()! : camel(step));
  }
  return out.join('.');
}
