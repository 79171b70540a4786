/**
 * Reads what `terraform show -json` prints into the catalogue's resource model:
 * a plan (`terraform show -json tfplan`), judged on its planned after-state, or
 * a state (`terraform show -json`), judged as deployed.
 *
 * Terraform's AWS provider is the one Pulumi's is bridged from, so its
 * resources become the provider records `readProviderModel` (aws-provider.ts)
 * already reads: one dialect, one set of rules, for both tools. What this file
 * adds is what only the JSON carries:
 * - the resources of every module (`child_modules`, recursively), by their full
 *   address (`module.db["eu"].aws_db_instance.this[0]`);
 * - values unknown until apply (`after_unknown`), which become unknown outputs:
 *   a finding, never a pass;
 * - references between resources, from the plan's `configuration` expressions
 *   (`references: ["aws_db_instance.main.arn", "aws_db_instance.main"]`),
 *   followed through module inputs (`var.x`) and outputs (`module.m.x`): each
 *   becomes an output that depends on the resource it names, as a Pulumi Output
 *   does, so a versioning resource is joined to its bucket and a backup
 *   selection to its database whether or not the value is known yet;
 * - provider configurations (`configuration.provider_config`): an aliased
 *   provider with an account of its own puts its resources in a document of
 *   their own, so a copy to them is provably cross-account.
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 */
import type { ResourceModel } from '../model';
import { isObject } from '../gate/changes';
import { readTerraformPlanActions, requireReadableFormat } from '../gate/terraform-plan';
import { InputError } from './errors';
import { readProviderModel, readsProviderType, PULUMI_AWS_PROVIDER } from './aws-provider';
import { readGoogleModel, PULUMI_GCP_PROVIDER } from './google-provider';
import {
  isProviderOutput,
  providerOutput,
  type ProviderResourceOptions,
  type ProviderResourceRecord,
} from './aws-provider-model';

/** Where the model comes from, and what the JSON does not say. */
export interface TerraformModelOptions {
  /** Unique within one evaluation: the document id. */
  readonly id: string;
  /** What the user calls it (the plan file's name). */
  readonly name: string;
  /** The account resources of the default `aws` provider deploy to, when its `allowed_account_ids` does not say. */
  readonly account?: string;
  /** Their region, when the default provider's `region` is not a literal. */
  readonly region?: string;
  /** The file the JSON was read from: named in errors, and the location of every resource. */
  readonly source?: string;
  /**
   * What a resource's `.tf` block says that the JSON does not carry, when the configuration files were read: called
   * with the resource's configuration address (`module.db.aws_db_instance.this`, no instance keys).
   */
  readonly configuration?: (configAddress: string, address: string) => TerraformBlockFacts | undefined;
  /**
   * The `locals` a module's `.tf` files define, when they were read: local name → the references its expression
   * makes, written as the plan writes `references`. Called with the module's configuration address ('' for the root).
   * The plan's `configuration` has no `locals`, so without this a reference stops at `local.x`.
   */
  readonly locals?: (configModule: string) => ReadonlyMap<string, readonly string[]> | undefined;
}

/** What a resource block in a `.tf` file says beyond the plan's `configuration`. */
export interface TerraformBlockFacts {
  /** `lifecycle { prevent_destroy = true }` is written (false: the block was read, and it is not). */
  readonly preventDestroy: boolean;
  /** Names of the `dynamic` blocks it writes, which the plan's `configuration` leaves out. */
  readonly dynamicBlocks: ReadonlySet<string>;
}

/** What the JSON is. */
export type TerraformJsonKind = 'plan' | 'state';

/** Nesting deeper than this in a value, an expression or a module tree is not read further (bounds the walk). */
const MAX_DEPTH = 64;
/** Hops through module inputs and outputs followed for one reference. */
const MAX_HOPS = 16;

/**
 * True when parsed JSON claims to be `terraform show -json` output, a plan or a
 * state (it may still be unreadable as one). An empty state is only
 * `{"format_version": "1.0"}`, which is claimed too.
 */
export function looksLikeTerraformJson(doc: unknown): boolean {
  if (!isObject(doc) || typeof doc.format_version !== 'string') return false;
  const keys = Object.keys(doc);
  return (
    keys.length === 1 ||
    'terraform_version' in doc ||
    'planned_values' in doc ||
    'resource_changes' in doc ||
    'values' in doc ||
    'configuration' in doc
  );
}

/** Whether the JSON is a plan or a state; throws `InputError` when it is neither. */
export function terraformJsonKind(doc: unknown, source?: string): TerraformJsonKind {
  if (!isObject(doc)) throw new InputError('the Terraform JSON is not an object.', source);
  requireReadableFormat(doc, 'JSON', source);
  if ('planned_values' in doc || 'resource_changes' in doc) return 'plan';
  if ('values' in doc || Object.keys(doc).every((k) => k === 'format_version' || k === 'terraform_version'))
    return 'state';
  throw new InputError(
    'the JSON is neither a Terraform plan (`terraform show -json tfplan`, with `planned_values`) nor a state (`terraform show -json`, with `values`).',
    source,
  );
}

/** One resource instance of the after-state, before it becomes a provider record. */
interface Instance {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** `module.db["eu"]`, or '' for the root module. */
  readonly module: string;
  /** The instance key as Terraform writes it in an address (`[0]`, `["eu"]`), or ''. */
  readonly key: string;
  readonly values: unknown;
  readonly unknown: unknown;
}

/** A resource block of the configuration. */
interface ConfigResource {
  readonly expressions?: Record<string, unknown>;
  readonly providerConfigKey?: string;
}

/** A module call of the configuration: its inputs, and the module it calls. */
interface ConfigModuleCall {
  readonly expressions: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
  readonly source?: string;
}

/** Where a reference is read: the module instance that holds the expression, and the key to match instances by. */
interface Scope {
  readonly module: string;
  readonly key: string;
}

/**
 * Reads a parsed `terraform show -json` plan or state. AWS resources go through
 * `readProviderModel`; data sources, resources a plan deletes, and resources of
 * other providers are not judged. Throws `InputError` for anything that is not a
 * plan or state Deadbolt can read.
 */
export function readTerraformModel(json: unknown, options: TerraformModelOptions): ResourceModel {
  const source = options.source;
  const kind = terraformJsonKind(json, source);
  const doc = json as Record<string, unknown>;
  const instances = kind === 'plan' ? planInstances(doc, source) : stateInstances(doc, source);

  // The configuration: resource blocks and module calls by their address without instance keys.
  const configuration = isObject(doc.configuration) ? doc.configuration : undefined;
  const resources = new Map<string, ConfigResource>();
  const calls = new Map<string, ConfigModuleCall>();
  if (configuration) readConfigModule(configuration.root_module, '', resources, calls, 0);

  // Instances by module instance, then resource (`type.name`); module instances by their caller and call name.
  const byResource = new Map<string, Map<string, Instance[]>>();
  const moduleInstances = new Map<string, string[]>();
  const seenModules = new Set<string>();
  for (const i of instances) {
    let inModule = byResource.get(i.module);
    if (!inModule) byResource.set(i.module, (inModule = new Map()));
    push(inModule, `${i.type}.${i.name}`, i);
    registerModule(i.module, moduleInstances, seenModules);
  }
  const arns = new Map<string, string | null>();
  for (const i of instances) {
    const arn = isObject(i.values) ? i.values.arn : undefined;
    // An ARN names one resource; one that two resources share (a part that repeats its target's) names neither.
    if (typeof arn === 'string' && arn.startsWith('arn:')) arns.set(arn, arns.has(arn) ? null : i.address);
  }

  // One configuration expression is read once, however many instances (`count`, `for_each`) share it, and resolved
  // once per module instance and instance key. Its reference list (one array per expression: `referencesOf`) is
  // the key, so no key text is built per instance.
  // Most results do not depend on the instance key (`any`): those are read once per module instance.
  const resolved = new WeakMap<
    readonly string[],
    Map<string, { any?: string[]; readonly byKey: Map<string, string[]> }>
  >();
  const subjectsByRefs = new WeakMap<readonly string[], Subject[]>();
  /** The resource instances a list of references names, from `scope`. */
  const resolve = (refs: readonly string[], scope: Scope, hops = 0): string[] => {
    let byModule = resolved.get(refs);
    if (!byModule) resolved.set(refs, (byModule = new Map()));
    let cached = byModule.get(scope.module);
    if (!cached) byModule.set(scope.module, (cached = { byKey: new Map() }));
    const hit = cached.any ?? cached.byKey.get(scope.key);
    if (hit) return hit;
    /** Whether the instance key chose among instances (`pick`): then the result is this key's only. */
    let keyed = false;
    const pickHere = <T extends { readonly key: string }>(list: readonly T[] | undefined, key: string): T[] => {
      if (key === '' && list !== undefined && list.length > 1) keyed = true;
      return pick(list, key, scope.key);
    };
    const out = new Set<string>();
    let parsed = subjectsByRefs.get(refs);
    if (!parsed) subjectsByRefs.set(refs, (parsed = subjects(refs)));
    for (const subject of parsed) {
      if (subject.kind === 'resource') {
        for (const a of pickHere(byResource.get(scope.module)?.get(subject.resource), subject.key)) out.add(a.address);
      } else if (hops < MAX_HOPS && subject.kind === 'var' && scope.module !== '') {
        // A module input: the expression the caller passed, read in the caller's module.
        const { parent, key } = splitModule(scope.module);
        const call = calls.get(configPathOf(scope.module));
        const refsIn = referencesOf(call?.expressions[subject.name]);
        if (refsIn.length) for (const a of resolve(refsIn, { module: parent, key }, hops + 1)) out.add(a);
      } else if (hops < MAX_HOPS && subject.kind === 'local') {
        // A local value: its expression, from the `.tf` files, read in the same module instance.
        const refsIn = options.locals?.(configPathOf(scope.module))?.get(subject.name);
        if (refsIn?.length) for (const a of resolve(refsIn, scope, hops + 1)) out.add(a);
      } else if (hops < MAX_HOPS && subject.kind === 'output') {
        // A module output: the expression inside the called module, read there.
        const children = (moduleInstances.get(`${scope.module}\u0000${subject.call}`) ?? []).map((m) => ({
          module: m,
          key: splitModule(m).key,
        }));
        for (const child of pickHere(children, subject.key)) {
          const call = calls.get(configPathOf(child.module));
          const output = call?.outputs[subject.output];
          const refsIn = referencesOf(isObject(output) ? output.expression : undefined);
          if (refsIn.length) for (const a of resolve(refsIn, { module: child.module, key: '' }, hops + 1)) out.add(a);
        }
      }
    }
    const list = [...out];
    if (keyed) cached.byKey.set(scope.key, list);
    else cached.any = list;
    return list;
  };

  // Provider configurations: the default `aws` provider describes the document, aliased ones their own records.
  const providerConfigs = isObject(configuration?.provider_config) ? configuration.provider_config : {};
  const awsRecords: ProviderResourceRecord[] = [];
  const googleRecords: ProviderResourceRecord[] = [];
  let defaultAws: Record<string, unknown> = {};
  const awsKeys = new Set<string>();
  const googleKeys = new Set<string>();
  for (const [key, raw] of Object.entries(providerConfigs)) {
    if (!isObject(raw)) continue;
    const provider = providerName(raw, key);
    const inputs = providerInputs(raw.expressions);
    if (provider === 'aws') {
      if (key === 'aws') defaultAws = inputs;
      else {
        awsKeys.add(key);
        awsRecords.push({ id: key, name: key, type: PULUMI_AWS_PROVIDER, inputs });
      }
    } else if (provider === 'google' || provider === 'google-beta') {
      // The root module's unaliased `google` block is the default provider, which the Google dialect finds by the id
      // Pulumi gives its own (`default`); resources that name no other provider are created with it.
      if (key === 'google') googleRecords.push({ id: 'default', name: key, type: PULUMI_GCP_PROVIDER, inputs });
      else {
        googleKeys.add(key);
        googleRecords.push({ id: key, name: key, type: PULUMI_GCP_PROVIDER, inputs });
      }
    }
  }

  let hasAws = false;
  for (const i of instances) {
    const configAddress = `${configPathOf(i.module) ? `${configPathOf(i.module)}.` : ''}${i.type}.${i.name}`;
    const facts = options.configuration?.(configAddress, i.address);
    const isGoogle = i.type.startsWith('google_');
    const isAws = !isGoogle && i.type.startsWith('aws');
    if (isAws) hasAws = true;
    // A resource no dialect reads (another provider's, or an AWS type no rule judges) is passed over before its
    // values are copied: in a large plan most resources are of such types. It may still be referred to (`arns`).
    if (!isGoogle && !(isAws && readsProviderType(i.type))) continue;
    const config = resources.get(configAddress);
    let inputs = mergeUnknown(i.values, i.unknown, 0);
    if (config?.expressions) {
      const scope = { module: i.module, key: i.key };
      inputs = withReferences(
        inputs,
        config.expressions,
        (refs) => resolve(refs, scope),
        0,
        facts?.dynamicBlocks,
        !isGoogle,
      );
    }
    // The Google dialect reads a known output as its value (it relates resources through unknown values only), so
    // a Google resource's known values are not wrapped in outputs that would be unwrapped again.
    if (!isGoogle) inputs = withArnReferences(inputs, arns, i.address, 0);
    const providerKey = config?.providerConfigKey;
    const keys = isGoogle ? googleKeys : awsKeys;
    // A root provider the configuration has no block for (`provider = google-beta` with no `provider "google-beta"`)
    // is absent from `provider_config`: it sets nothing, and its resources inherit nothing from the `google` block.
    if (isGoogle && providerKey && providerKey !== 'google' && !providerKey.includes(':') && !keys.has(providerKey)) {
      googleKeys.add(providerKey);
      googleRecords.push({ id: providerKey, name: providerKey, type: PULUMI_GCP_PROVIDER, inputs: {} });
    }
    // Terraform (1.1 and later) rewrites a module resource's key to the configuration a `providers = { ... }` map
    // passed it (`google.secondary`), or the root's `google` it inherits. A module key that names no configuration of
    // the plan (an older Terraform's `module.db:google`) is still handed over, so the dialect reads what it inherits
    // from that provider as unknown rather than as the root default's.
    const unknownGoogleKey = isGoogle && !!providerKey && providerKey.includes(':') && !keys.has(providerKey);
    const recordOptions: ProviderResourceOptions = {
      ...(providerKey && (keys.has(providerKey) || unknownGoogleKey) ? { provider: providerKey } : {}),
      ...(facts ? { preventDestroy: facts.preventDestroy } : {}),
    };
    const record: ProviderResourceRecord = {
      id: i.address,
      name: i.address,
      type: i.type,
      inputs: isObject(inputs) ? inputs : {},
      options: recordOptions,
    };
    if (isGoogle) googleRecords.push(record);
    else awsRecords.push(record);
  }

  const literal = (v: unknown): unknown => (isProviderOutput(v) ? undefined : v);
  const allowed = literal(defaultAws.allowedAccountIds);
  const providerAccount =
    Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string' && /^\d{12}$/.test(allowed[0])
      ? allowed[0]
      : undefined;
  const region = literal(defaultAws.region);
  const defaultTags = literal(isObject(defaultAws.defaultTags) ? defaultAws.defaultTags.tags : undefined);
  const model = readProviderModel({
    id: options.id,
    name: options.name,
    account: providerAccount ?? options.account,
    region: typeof region === 'string' ? region : options.region,
    ...(isObject(defaultTags) ? { defaultTags: defaultTags as Record<string, string> } : {}),
    resources: awsRecords,
  });
  const hasGoogle = googleRecords.some((r) => r.type !== PULUMI_GCP_PROVIDER);

  // An AWS document is kept when it holds resources, or when nothing else would stand for the configuration.
  const documents = hasAws || !hasGoogle ? [...model.documents] : [];
  if (hasGoogle) {
    // `google_*` resources (and `google`/`google-beta` provider blocks) are the Google dialect's. Its documents get
    // their own id, so that a configuration with both clouds is two documents, named alike.
    documents.push(
      ...readGoogleModel({
        id: hasAws ? `${options.id}#google` : options.id,
        name: options.name,
        resources: googleRecords,
      }).documents,
    );
  }
  // Every resource is located in the file it was read from (SARIF points there, or at its `.tf` file when found).
  if (source) {
    for (const d of documents) {
      for (const r of d.resources.values()) (r.location as { template?: string }).template ??= source;
    }
  }
  return { documents };
}

/** The provider a `provider_config` entry configures: `aws`, `google`, `google-beta`… */
function providerName(raw: Record<string, unknown>, key: string): string {
  const full = typeof raw.full_name === 'string' ? raw.full_name : '';
  // `registry.terraform.io/hashicorp/aws`: the type is the last step; a local name may differ from it.
  if (full) return full.slice(full.lastIndexOf('/') + 1);
  if (typeof raw.name === 'string') return raw.name;
  return key.slice(key.lastIndexOf(':') + 1).split('.')[0];
}

/**
 * A provider block's arguments in the camelCase form `readProviderModel` reads
 * Pulumi providers in: literal values as they are, a single nested block
 * (`assume_role`, `default_tags`) as an object, and an argument whose value is
 * computed (`region = var.region`) as an unknown output, so that its presence
 * still counts (a provider with `assume_role` has credentials of its own).
 */
function providerInputs(expressions: unknown, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(expressions) || depth > MAX_DEPTH) return out;
  for (const [key, expr] of Object.entries(expressions)) {
    const name = camel(key);
    if (isExpression(expr)) {
      const refs = referencesOf(expr);
      // A computed argument (`deletion_policy = var.policy`) is not evaluated in the plan's configuration.
      const reason = refs.length
        ? `it is computed in the provider block (from ${refs.map((r) => `\`${r}\``).join(', ')}), which the plan JSON does not evaluate`
        : undefined;
      out[name] = 'constant_value' in expr ? expr.constant_value : providerOutput(false, undefined, [], reason);
    } else if (Array.isArray(expr)) {
      const blocks = expr.map((b) => providerInputs(b, depth + 1));
      out[name] = blocks.length === 1 ? blocks[0] : blocks;
    } else if (isObject(expr)) out[name] = providerInputs(expr, depth + 1);
  }
  return out;
}

function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** An expression object (`{ constant_value }` or `{ references }`), as opposed to a nested block's expressions. */
function isExpression(v: unknown): v is { constant_value?: unknown; references?: unknown } {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 0 || keys.every((k) => k === 'constant_value' || k === 'references');
}

const NO_REFERENCES: readonly string[] = [];
/** One list per expression object, so that `resolve` can key its cache on it. */
const referenceLists = new WeakMap<object, readonly string[]>();

function referencesOf(expr: unknown): readonly string[] {
  if (!isObject(expr) || !Array.isArray(expr.references)) return NO_REFERENCES;
  let refs = referenceLists.get(expr);
  if (!refs) {
    refs = expr.references.filter((r): r is string => typeof r === 'string');
    referenceLists.set(expr, refs);
  }
  return refs;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reads a configuration module and its calls, recursively, into maps keyed by configuration address. */
function readConfigModule(
  raw: unknown,
  path: string,
  resources: Map<string, ConfigResource>,
  calls: Map<string, ConfigModuleCall>,
  depth: number,
): void {
  if (!isObject(raw) || depth > MAX_DEPTH) return;
  if (Array.isArray(raw.resources)) {
    for (const r of raw.resources) {
      if (!isObject(r) || r.mode === 'data' || typeof r.address !== 'string') continue;
      resources.set(path ? `${path}.${r.address}` : r.address, {
        expressions: isObject(r.expressions) ? r.expressions : undefined,
        providerConfigKey: typeof r.provider_config_key === 'string' ? r.provider_config_key : undefined,
      });
    }
  }
  if (!isObject(raw.module_calls)) return;
  for (const [name, call] of Object.entries(raw.module_calls)) {
    if (!isObject(call)) continue;
    const child = path ? `${path}.module.${name}` : `module.${name}`;
    const module = isObject(call.module) ? call.module : {};
    calls.set(child, {
      expressions: isObject(call.expressions) ? call.expressions : {},
      outputs: isObject(module.outputs) ? module.outputs : {},
      source: typeof call.source === 'string' ? call.source : undefined,
    });
    readConfigModule(module, child, resources, calls, depth + 1);
  }
}

/** The module sources of a configuration, by configuration address (`module.db`), for finding `.tf` files. */
export function terraformModuleSources(json: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const configuration = isObject(json) && isObject(json.configuration) ? json.configuration : undefined;
  const walk = (raw: unknown, path: string, depth: number): void => {
    if (!isObject(raw) || depth > MAX_DEPTH || !isObject(raw.module_calls)) return;
    for (const [name, call] of Object.entries(raw.module_calls)) {
      if (!isObject(call)) continue;
      const child = path ? `${path}.module.${name}` : `module.${name}`;
      if (typeof call.source === 'string') out.set(child, call.source);
      walk(call.module, child, depth + 1);
    }
  };
  walk(configuration?.root_module, '', 0);
  return out;
}

/** The managed resource instances a plan leaves in place or creates: its planned after-state. */
function planInstances(doc: Record<string, unknown>, source: string | undefined): Instance[] {
  const out = new Map<string, Instance>();
  // The gate's reader checks the plan (complete, known actions) and reads each change's action; only the action is
  // needed here, so the gate's change objects are not built.
  if (doc.resource_changes !== undefined) {
    const actions = readTerraformPlanActions(doc, source);
    const list = doc.resource_changes as unknown[];
    for (let n = 0; n < list.length; n++) {
      const action = actions[n];
      const rc = list[n] as Record<string, unknown>;
      // A data source owns nothing; a deleted or forgotten object, and a deposed one, is not in the after-state.
      if (rc.mode === 'data' || action === 'read') continue;
      if (action === 'delete' || action === 'forget') continue;
      if (typeof rc.deposed === 'string' && rc.deposed !== '') continue;
      const c = rc.change as Record<string, unknown>;
      // Not deposed: the gate's address is the plan's own.
      const address = rc.address as string;
      out.set(address, {
        address,
        type: rc.type as string,
        name: typeof rc.name === 'string' ? rc.name : nameOfAddress(address),
        module: typeof rc.module_address === 'string' ? rc.module_address : '',
        key: keyText(rc.index),
        values: c.after ?? {},
        unknown: c.after_unknown,
      });
    }
  }
  // Planned values hold every instance of the after-state; one without a change (an older plan) is read from them.
  const planned = isObject(doc.planned_values) ? doc.planned_values.root_module : undefined;
  walkModules(
    planned,
    source,
    'planned_values',
    (r, module) => out.set(r.address, { ...r, module, unknown: undefined }),
    (address) => out.has(address),
  );
  return [...out.values()];
}

/** The managed resource instances of a state, as deployed. */
function stateInstances(doc: Record<string, unknown>, source: string | undefined): Instance[] {
  const out: Instance[] = [];
  const values = doc.values;
  if (values !== undefined && !isObject(values)) throw new InputError('`values` is not an object.', source);
  walkModules(values?.root_module, source, 'values', (r, module, raw) => {
    // A deposed object is on its way out: the current object of the address is the one judged.
    if (typeof raw.deposed_key === 'string' && raw.deposed_key !== '') return;
    out.push({ ...r, module, unknown: undefined });
  });
  return out;
}

/** Visits the managed resources of a module tree (`root_module`, `child_modules`) without recursion. */
function walkModules(
  root: unknown,
  source: string | undefined,
  where: string,
  visit: (r: Omit<Instance, 'module' | 'unknown'>, module: string, raw: Record<string, unknown>) => void,
  /** Addresses already read (from `resource_changes`): not visited. */
  skip?: (address: string) => boolean,
): void {
  if (root === undefined) return;
  const stack: Array<{ m: unknown; depth: number; at: string }> = [{ m: root, depth: 0, at: `${where}.root_module` }];
  while (stack.length) {
    const { m, depth, at } = stack.pop()!;
    if (!isObject(m)) throw new InputError(`\`${at}\` is not an object.`, source);
    if (depth > MAX_DEPTH) throw new InputError(`\`${at}\` nests modules deeper than ${MAX_DEPTH}.`, source);
    const module = typeof m.address === 'string' ? m.address : '';
    if (m.resources !== undefined && !Array.isArray(m.resources))
      throw new InputError(`\`${at}.resources\` is not a list.`, source);
    for (const r of (m.resources as unknown[] | undefined) ?? []) {
      if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string')
        throw new InputError(`\`${at}.resources\` has an entry without \`address\` or \`type\`.`, source);
      if (r.mode === 'data' || skip?.(r.address)) continue;
      visit(
        {
          address: r.address,
          type: r.type,
          name: typeof r.name === 'string' ? r.name : nameOfAddress(r.address),
          key: keyText(r.index),
          values: r.values ?? {},
        },
        module,
        r,
      );
    }
    if (m.child_modules !== undefined && !Array.isArray(m.child_modules))
      throw new InputError(`\`${at}.child_modules\` is not a list.`, source);
    for (const [n, c] of ((m.child_modules as unknown[] | undefined) ?? []).entries())
      stack.push({ m: c, depth: depth + 1, at: `${at}.child_modules[${n}]` });
  }
}

/** `aws_s3_bucket.b[0]` → `b` (for the rare entry without `name`). */
function nameOfAddress(address: string): string {
  const steps = parseTraversal(address);
  return steps.length >= 2 ? steps[steps.length - 1].name : address;
}

/** An instance key as it is written in an address: `[0]`, `["eu"]`, or '' for none. */
function keyText(index: unknown): string {
  if (typeof index === 'number') return `[${index}]`;
  if (typeof index === 'string') return `[${JSON.stringify(index)}]`;
  return '';
}

/** One step of a traversal: `module.db["eu"]` is `module`, then `db` with key `["eu"]`. */
interface Step {
  readonly name: string;
  readonly key: string;
}

/**
 * Splits an address or reference (`module.db["eu"].aws_db_instance.this[0].arn`)
 * into its steps, in one pass; a key keeps its text (`["a.b"]` stays one key).
 */
function parseTraversal(text: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let start = i;
    while (i < n && text[i] !== '.' && text[i] !== '[') i++;
    const name = text.slice(start, i);
    let key = '';
    if (i < n && text[i] === '[') {
      start = i;
      let inString = false;
      for (; i < n; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === ']') {
          i++;
          break;
        }
      }
      key = text.slice(start, i);
      // A further index (`x[0][1]`) belongs to the attribute, not the address.
      while (i < n && text[i] === '[') {
        const close = text.indexOf(']', i);
        i = close < 0 ? n : close + 1;
      }
    }
    steps.push({ name, key });
    if (i < n && text[i] === '.') i++;
  }
  return steps;
}

/** `module.a["x"].module.b` → parent `module.a["x"]`, key of the last call ``; `module.a["x"]` → parent '', key `["x"]`. */
const splitModules = new Map<string, { parent: string; key: string }>();
function splitModule(module: string): { parent: string; key: string } {
  let split = splitModules.get(module);
  if (split === undefined) {
    const steps = parseTraversal(module);
    const last = steps[steps.length - 1];
    split = { parent: formatSteps(steps.slice(0, -2)), key: last?.key ?? '' };
    if (splitModules.size > 100_000) splitModules.clear();
    splitModules.set(module, split);
  }
  return split;
}

function formatSteps(steps: readonly Step[]): string {
  return steps.map((s) => s.name + s.key).join('.');
}

/** `module.a["x"].module.b[0]` → `module.a.module.b`: the configuration address of a module instance. */
const configPaths = new Map<string, string>();
function configPathOf(module: string): string {
  if (module === '') return '';
  let path = configPaths.get(module);
  if (path === undefined) {
    path = parseTraversal(module)
      .map((s) => s.name)
      .join('.');
    if (configPaths.size > 100_000) configPaths.clear();
    configPaths.set(module, path);
  }
  return path;
}

/** Records a module instance and its ancestors under `<caller module>\0<call name>`. */
function registerModule(module: string, index: Map<string, string[]>, seen: Set<string>): void {
  let m = module;
  while (m !== '' && !seen.has(m)) {
    seen.add(m);
    const steps = parseTraversal(m);
    const parent = formatSteps(steps.slice(0, -2));
    push(index, `${parent}\u0000${steps[steps.length - 1].name}`, m);
    m = parent;
  }
}

/** What a reference names. */
type Subject =
  | { readonly kind: 'resource'; readonly resource: string; readonly key: string }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'output'; readonly call: string; readonly key: string; readonly output: string };

/** Names that start references to things other than managed resources. */
const NOT_RESOURCES = new Set(['data', 'local', 'each', 'count', 'path', 'terraform', 'self', 'ephemeral', 'action']);

/**
 * The distinct things a reference list names. Terraform lists each reference
 * at every step (`aws_s3_bucket.b[0].id`, `aws_s3_bucket.b[0]`,
 * `aws_s3_bucket.b`): the most specific form of each resource is kept.
 */
function subjects(refs: readonly string[]): Subject[] {
  const resources = new Map<string, string>();
  const outputs = new Map<string, Subject>();
  const vars = new Set<string>();
  const locals = new Set<string>();
  for (const ref of refs) {
    const steps = parseTraversal(ref);
    if (steps.length < 2) continue;
    const head = steps[0].name;
    if (head === 'var') vars.add(steps[1].name);
    else if (head === 'local') locals.add(steps[1].name);
    else if (head === 'module') {
      if (steps.length < 3) continue;
      const s: Subject = { kind: 'output', call: steps[1].name, key: steps[1].key, output: steps[2].name };
      outputs.set(`${s.call}${s.key}.${s.output}`, s);
    } else if (!NOT_RESOURCES.has(head)) {
      const resource = `${head}.${steps[1].name}`;
      const key = steps[1].key;
      if (!resources.has(resource) || key !== '') resources.set(resource, key || (resources.get(resource) ?? ''));
    }
  }
  // `module.m["a"].x` and `module.m.x` name the same output: the keyed form wins.
  for (const [k, s] of outputs)
    if (s.kind === 'output' && s.key === '' && [...outputs.keys()].some((o) => o !== k && o.startsWith(`${s.call}[`)))
      outputs.delete(k);
  return [
    ...[...resources].map(([resource, key]): Subject => ({ kind: 'resource', resource, key })),
    ...[...vars].map((name): Subject => ({ kind: 'var', name })),
    ...[...locals].map((name): Subject => ({ kind: 'local', name })),
    ...outputs.values(),
  ];
}

/**
 * The instances a reference means: the one with the key it gives; else (a
 * reference whose key is computed, `aws_s3_bucket.b[each.key]`) the one with
 * the referring instance's own key, else the only one; else all of them, which
 * the dialect reads as an output it cannot tie to one resource.
 */
function pick<T extends { readonly key: string }>(list: readonly T[] | undefined, key: string, scopeKey: string): T[] {
  if (!list || list.length === 0) return [];
  if (key !== '') return list.filter((i) => i.key === key);
  if (list.length === 1) return [...list];
  if (scopeKey !== '') {
    const same = list.filter((i) => i.key === scopeKey);
    if (same.length === 1) return same;
  }
  return [...list];
}

/** A value unknown until apply: an output of no resource the dialect can name. */
function unknownValue(): unknown {
  return providerOutput(false, undefined, []);
}

/**
 * A resource's values with every value `after_unknown` marks as unknown
 * replaced by an unknown output, and nulls (arguments not set) left out, as a
 * Pulumi program leaves out inputs it does not set.
 */
function mergeUnknown(value: unknown, unknown: unknown, depth: number): unknown {
  if (unknown === true) return unknownValue();
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const v = Array.isArray(value) ? value : [];
    const u = Array.isArray(unknown) ? unknown : [];
    const n = Math.max(v.length, u.length);
    const out = new Array<unknown>(n);
    for (let k = 0; k < n; k++) out[k] = mergeUnknown(v[k], u[k], depth + 1);
    return out;
  }
  const u = isObject(unknown) ? unknown : undefined;
  // Nothing unknown (every no-op and most updates): the known value, copied only where it holds a null.
  if (isObject(value) && (!u || !hasKeys(u))) return stripNulls(value, depth);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k in value) {
      const x = value[k];
      if (x === null && u?.[k] !== true) continue;
      out[k] = u && k in u ? mergeUnknown(x, u[k], depth + 1) : x === null ? undefined : stripNulls(x, depth + 1);
    }
    if (u) {
      for (const k in u)
        if (!(k in out) && containsTrue(u[k], depth + 1)) out[k] = mergeUnknown(undefined, u[k], depth + 1);
    }
    return out;
  }
  if (value === undefined && u) return mergeUnknown({}, u, depth);
  return value;
}

/** A known value without its null object entries. */
function stripNulls(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const s = stripNulls(v, depth + 1);
      if (s !== v) changed = true;
      return s;
    });
    return changed ? out : value;
  }
  const object = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in object) {
    const v = object[k];
    const stripped = v === null ? v : stripNulls(v, depth + 1);
    if (out) {
      if (v !== null) out[k] = stripped;
    } else if (v === null || stripped !== v) {
      // The first change: the entries before it are kept as they are.
      out = {};
      for (const before in object) {
        if (before === k) break;
        out[before] = object[before];
      }
      if (v !== null) out[k] = stripped;
    }
  }
  return out ?? value;
}

function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}

function containsTrue(u: unknown, depth: number): boolean {
  if (u === true) return true;
  if (depth > MAX_DEPTH || u === null || typeof u !== 'object') return false;
  for (const k in u) if (containsTrue((u as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

/**
 * Wraps every argument whose configuration expression references managed
 * resources in an output that depends on them (known or not), walking nested
 * blocks beside their values. Blocks of a set are paired with their values by
 * the literal arguments they share; when that is not one-to-one, each value
 * depends on every block's references (which ties it to no single resource).
 */
function withReferences(
  value: unknown,
  expressions: Record<string, unknown>,
  resolve: (refs: readonly string[]) => string[],
  depth: number,
  keepUnknown?: ReadonlySet<string>,
  /** False when the dialect reads a known output as its value: then only unknown values are tied to resources. */
  wrapKnown = true,
): unknown {
  if (!isObject(value) || depth > MAX_DEPTH) return value;
  let out: Record<string, unknown> | undefined;
  const set = (k: string, v: unknown): void => {
    if (v === value[k]) return;
    out ??= { ...value };
    if (v === undefined) delete out[k];
    else out[k] = v;
  };
  // An argument the configuration does not write, unknown until apply, is one the provider computes (`arn`, and
  // the deprecated blocks of `aws_s3_bucket` that mirror separate resources): not set, as a Pulumi input left out.
  // A `dynamic` block leaves no expression either; it stays unknown (fail closed) when the `.tf` files say so, at
  // whatever depth it is written (`keepUnknown` holds the block type names the resource's `dynamic` headers give).
  for (const k in value) {
    const v = value[k];
    if (isProviderOutput(v) && !v.known && !(k in expressions) && !keepUnknown?.has(k)) set(k, undefined);
  }
  for (const e of compiled(expressions)) {
    const k = e.key;
    const current = value[k];
    if (e.kind === 'references') {
      if (!wrapKnown && !isProviderOutput(current)) continue;
      const deps = resolve(e.references);
      if (deps.length === 0) continue;
      set(k, isProviderOutput(current) ? providerOutput(false, undefined, deps) : providerOutput(true, current, deps));
    } else if (e.kind === 'blocks') {
      if (!Array.isArray(current) || current.length === 0) continue;
      const paired = pairBlocks(e.blocks, current);
      set(
        k,
        current.map((v, n) => withReferences(v, paired[n] ?? e.merged(), resolve, depth + 1, keepUnknown, wrapKnown)),
      );
    } else {
      // A single nested block (an object), or a map of blocks keyed like its value.
      const expr = e.block;
      set(
        k,
        Array.isArray(current)
          ? current.map((v) => withReferences(v, expr, resolve, depth + 1, keepUnknown, wrapKnown))
          : withReferences(current, expr, resolve, depth + 1, keepUnknown, wrapKnown),
      );
    }
  }
  return out ?? value;
}

/** One argument of a resource's (or nested block's) configuration expressions, read for `withReferences`. */
type CompiledExpression =
  | { readonly kind: 'references'; readonly key: string; readonly references: readonly string[] }
  | {
      readonly kind: 'blocks';
      readonly key: string;
      readonly blocks: readonly Record<string, unknown>[];
      readonly merged: () => Record<string, unknown>;
    }
  | { readonly kind: 'block'; readonly key: string; readonly block: Record<string, unknown> };

const compiledExpressions = new WeakMap<Record<string, unknown>, readonly CompiledExpression[]>();

/**
 * A configuration's expressions as `withReferences` reads them: the arguments that reference something, and the
 * nested blocks. Read once per expressions object: the instances of a `count` or `for_each` share it.
 */
function compiled(expressions: Record<string, unknown>): readonly CompiledExpression[] {
  let out = compiledExpressions.get(expressions);
  if (out) return out;
  const list: CompiledExpression[] = [];
  for (const [key, expr] of Object.entries(expressions)) {
    if (isExpression(expr)) {
      const references = referencesOf(expr);
      if (references.length > 0) list.push({ kind: 'references', key, references });
    } else if (Array.isArray(expr)) {
      const blocks = expr.filter(isObject);
      let merged: Record<string, unknown> | undefined;
      list.push({ kind: 'blocks', key, blocks, merged: () => (merged ??= mergedExpressions(blocks)) });
    } else if (isObject(expr)) list.push({ kind: 'block', key, block: expr });
  }
  compiledExpressions.set(expressions, (out = list));
  return out;
}

/** For each value of a block list, the configuration block it came from, when that is certain. */
function pairBlocks(
  blocks: readonly Record<string, unknown>[],
  values: readonly unknown[],
): Array<Record<string, unknown> | undefined> {
  if (blocks.length === 1 && values.length === 1) return [blocks[0]];
  const out = new Array<Record<string, unknown> | undefined>(values.length);
  const used = new Set<number>();
  for (let b = 0; b < blocks.length; b++) {
    const matches: number[] = [];
    for (let v = 0; v < values.length; v++) if (!used.has(v) && literalsMatch(blocks[b], values[v])) matches.push(v);
    if (matches.length === 1) {
      out[matches[0]] = blocks[b];
      used.add(matches[0]);
    }
  }
  return out;
}

/** True when every literal argument of a block equals the value's. */
function literalsMatch(block: Record<string, unknown>, value: unknown): boolean {
  if (!isObject(value)) return false;
  let any = false;
  for (const [k, expr] of Object.entries(block)) {
    if (!isExpression(expr) || !('constant_value' in expr)) continue;
    any = true;
    if (JSON.stringify(expr.constant_value) !== JSON.stringify(value[k] ?? null)) return false;
  }
  return any;
}

/** Every block's expressions in one: each argument references what any block's does. */
function mergedExpressions(blocks: readonly Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const b of blocks) {
    for (const [k, expr] of Object.entries(b)) {
      if (!isExpression(expr)) {
        out[k] ??= expr;
        continue;
      }
      const prev = out[k];
      const refs = [...(isObject(prev) ? referencesOf(prev) : []), ...referencesOf(expr)];
      out[k] = { references: refs };
    }
  }
  return out;
}

/**
 * A known string that is exactly the ARN of another resource of the after-state
 * refers to it, whatever the configuration says (a state has no configuration;
 * a value passed through a `local` loses its references): an ARN names one
 * resource.
 */
function withArnReferences(
  value: unknown,
  arns: ReadonlyMap<string, string | null>,
  self: string,
  depth: number,
): unknown {
  if (arns.size === 0 || depth > MAX_DEPTH) return value;
  if (typeof value === 'string') {
    const target = value.startsWith('arn:') ? arns.get(value) : undefined;
    return target && target !== self ? providerOutput(true, value, [target]) : value;
  }
  if (value === null || typeof value !== 'object' || isProviderOutput(value)) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const w = withArnReferences(v, arns, self, depth + 1);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? out : value;
  }
  let out: Record<string, unknown> | undefined;
  for (const k in value) {
    // A resource's own ARN, and tags (user data), refer to nothing.
    if (depth === 0 && (k === 'arn' || k === 'tags' || k === 'tags_all')) continue;
    const v = (value as Record<string, unknown>)[k];
    const w = withArnReferences(v, arns, self, depth + 1);
    if (w !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = w;
  }
  return out ?? value;
}
