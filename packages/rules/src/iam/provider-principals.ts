/**
 * Reads the IAM principals a Terraform configuration or a Pulumi stack will
 * have after the next apply into the IAM audit's model: a Terraform plan
 * (`terraform show -json tfplan`, its planned after-state) or state
 * (`terraform show -json`, its `values`), or a Pulumi preview
 * (`pulumi preview --json`, each step's new state).
 *
 * The provider resources are put into the shape of their CloudFormation twins
 * (`aws_iam_role` → `AWS::IAM::Role`, `inline_policy` → `Policies`, an
 * attachment → the principal's `ManagedPolicyArns`) and read by the cloud
 * assembly's reader (cloudformation-principals.ts), so that both fail closed
 * alike: a value known only after apply (`after_unknown`, Pulumi's unknown
 * marker) is a `Deadbolt::Output` hole, which in an `Allow` widens to `*`,
 * drops a `Deny` (recorded), and leaves a managed policy unread (recorded in
 * the principal's `unresolved`). Before that, an unknown value is followed
 * where the input says where it comes from: a Terraform `configuration`
 * expression's `references`, a Pulumi `propertyDependencies` entry; a policy
 * rendered by `data.aws_iam_policy_document` that is read only at apply is
 * rebuilt from the data source's planned statements, unknown parts as holes.
 *
 * An attachment whose principal cannot be told (a role name known only after
 * apply that no reference names) may attach to any principal of its kind: each
 * is recorded as possibly holding the policy.
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 * @see https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
import type { NormalisedResource, StackDocument } from '../model';
import { InputError } from '../dialects/errors';
import { looksLikeTerraformJson, terraformJsonKind } from '../dialects/terraform-json';
import { PROVIDER_OUTPUT_INTRINSIC } from '../engine/values';
import { isObject } from '../gate/changes';
import { looksLikePulumiPreview, PULUMI_UNKNOWN, readPulumiPreview } from '../gate/pulumi-preview';
import { readTerraformPlanActions } from '../gate/terraform-plan';
import {
  readDocumentPrincipals,
  type TemplatePrincipals,
  type TemplatePrincipalsOptions,
} from './cloudformation-principals';
import type { IamPrincipal } from './model';

export interface ProviderPrincipalsOptions extends TemplatePrincipalsOptions {
  /** The account resources of the default provider deploy to, when the input does not name it. */
  readonly account?: string;
  /** Their region, when the input does not name it (it decides the partition). */
  readonly region?: string;
}

/** What a parsed JSON document is, for the IAM audit: a Terraform plan or state, a Pulumi preview, or neither. */
export function providerPrincipalsFormat(json: unknown): 'terraform' | 'pulumi' | undefined {
  if (looksLikeTerraformJson(json)) return 'terraform';
  if (looksLikePulumiPreview(json)) return 'pulumi';
  return undefined;
}

/**
 * Reads the principals of a Terraform plan or state, or of a Pulumi preview.
 * Throws `InputError` when the JSON is neither, or claims to be and cannot be read.
 * @param source the file, for messages and each principal's `source` (`<file> (<address or URN>)`)
 */
export function readProviderPrincipals(
  json: unknown,
  source: string,
  options: ProviderPrincipalsOptions = {},
): TemplatePrincipals {
  const format = providerPrincipalsFormat(json);
  if (format === 'terraform') return readTerraformPrincipals(json, source, options);
  if (format === 'pulumi') return readPulumiPrincipals(json, source, options);
  throw new InputError(
    'expected a Terraform plan or state (`terraform show -json`) or a Pulumi preview (`pulumi preview --json`).',
    source,
  );
}

// ---------------------------------------------------------------------------------------------------------------------

/** Nesting deeper than this in a value is not read further (bounds every walk). */
const MAX_DEPTH = 32;

type Kind =
  | 'role'
  | 'user'
  | 'group'
  | 'policy'
  | 'role-policy'
  | 'user-policy'
  | 'group-policy'
  | 'role-attachment'
  | 'user-attachment'
  | 'group-attachment'
  | 'policy-attachment'
  | 'user-groups'
  | 'group-users'
  | 'policy-document';

const TERRAFORM_KINDS: Readonly<Record<string, Kind>> = {
  aws_iam_role: 'role',
  aws_iam_user: 'user',
  aws_iam_group: 'group',
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'role-policy',
  aws_iam_user_policy: 'user-policy',
  aws_iam_group_policy: 'group-policy',
  aws_iam_role_policy_attachment: 'role-attachment',
  // Exclusive attachments name the policies a role keeps; read as attached (they may be, through it or another).
  aws_iam_role_policy_attachments_exclusive: 'role-attachment',
  aws_iam_user_policy_attachment: 'user-attachment',
  aws_iam_group_policy_attachment: 'group-attachment',
  aws_iam_policy_attachment: 'policy-attachment',
  aws_iam_user_group_membership: 'user-groups',
  aws_iam_group_membership: 'group-users',
};

const PULUMI_KINDS: Readonly<Record<string, Kind>> = {
  'aws:iam/role:Role': 'role',
  'aws:iam/user:User': 'user',
  'aws:iam/group:Group': 'group',
  'aws:iam/policy:Policy': 'policy',
  'aws:iam/rolePolicy:RolePolicy': 'role-policy',
  'aws:iam/userPolicy:UserPolicy': 'user-policy',
  'aws:iam/groupPolicy:GroupPolicy': 'group-policy',
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': 'role-attachment',
  'aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive': 'role-attachment',
  'aws:iam/userPolicyAttachment:UserPolicyAttachment': 'user-attachment',
  'aws:iam/groupPolicyAttachment:GroupPolicyAttachment': 'group-attachment',
  'aws:iam/policyAttachment:PolicyAttachment': 'policy-attachment',
  'aws:iam/userGroupMembership:UserGroupMembership': 'user-groups',
  'aws:iam/groupMembership:GroupMembership': 'group-users',
};

/** Pulumi's input names → Terraform's, which the rest of this file reads. */
const PULUMI_NAMES: Readonly<Record<string, string>> = {
  assumeRolePolicy: 'assume_role_policy',
  inlinePolicies: 'inline_policy',
  managedPolicyArns: 'managed_policy_arns',
  permissionsBoundary: 'permissions_boundary',
  namePrefix: 'name_prefix',
  policyArn: 'policy_arn',
  policyArns: 'policy_arns',
  roleName: 'role_name',
};

/** One IAM resource (or policy document data source) of the input, values in Terraform's names, unknowns as holes. */
interface Item {
  /** Terraform address or Pulumi URN. */
  readonly id: string;
  readonly kind: Kind;
  readonly values: Record<string, unknown>;
  /** The account its provider deploys to, when known. */
  readonly account?: string;
  /** The ids of the items the value at `path` (`['inline_policy', 0, 'policy']`) is computed from. */
  readonly refs: (path: readonly (string | number)[]) => string[];
  /**
   * Whether the configuration writes an attribute the provider also computes (`inline_policy`). True when it
   * cannot be told, so that an unknown value stays unknown.
   */
  readonly writes: (attribute: string) => boolean;
  /** The logical id it gets in the model. */
  logicalId: string;
}

/** A value known only after apply, as the cloud assembly's reader reads it. */
function hole(shown: string, reason: string): Record<string, unknown> {
  return { [PROVIDER_OUTPUT_INTRINSIC]: { shown, reason } };
}

function isHole(v: unknown): boolean {
  return isObject(v) && PROVIDER_OUTPUT_INTRINSIC in v;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A 12-digit account from `allowed_account_ids` / `aws:allowedAccountIds` (a list, or Pulumi's JSON text of one). */
function singleAccount(v: unknown): string | undefined {
  let list = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      list = [v];
    }
  }
  return Array.isArray(list) && list.length === 1 && typeof list[0] === 'string' && /^\d{12}$/.test(list[0])
    ? list[0]
    : undefined;
}

// ---- Terraform ------------------------------------------------------------------------------------------------------

interface TerraformInstance {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly module: string;
  readonly key: string;
  readonly values: unknown;
  readonly unknown: unknown;
}

/** The principals of a parsed `terraform show -json` plan or state. */
export function readTerraformPrincipals(
  json: unknown,
  source: string,
  options: ProviderPrincipalsOptions = {},
): TemplatePrincipals {
  const kind = terraformJsonKind(json, source);
  const doc = json as Record<string, unknown>;
  const instances = kind === 'plan' ? terraformPlanInstances(doc, source) : terraformStateInstances(doc, source);

  // The configuration: expressions and provider keys by configuration address (`module.a.aws_iam_role.x`).
  const configuration = isObject(doc.configuration) ? doc.configuration : undefined;
  const config = new Map<string, { expressions: Record<string, unknown>; provider?: string }>();
  const stack: Array<{ m: unknown; path: string; depth: number }> = [
    { m: configuration?.root_module, path: '', depth: 0 },
  ];
  while (stack.length) {
    const { m, path, depth } = stack.pop()!;
    if (!isObject(m) || depth > MAX_DEPTH) continue;
    for (const r of Array.isArray(m.resources) ? m.resources : []) {
      if (!isObject(r) || typeof r.address !== 'string') continue;
      config.set(path ? `${path}.${r.address}` : r.address, {
        expressions: isObject(r.expressions) ? r.expressions : {},
        provider: str(r.provider_config_key),
      });
    }
    for (const [name, call] of Object.entries(isObject(m.module_calls) ? m.module_calls : {}))
      if (isObject(call))
        stack.push({ m: call.module, path: path ? `${path}.module.${name}` : `module.${name}`, depth: depth + 1 });
  }

  // Provider accounts: `allowed_account_ids` of each `aws` provider configuration.
  const providers = isObject(configuration?.provider_config) ? configuration.provider_config : {};
  const accountOf = (written: string | undefined): string | undefined => {
    // A module's resources name the root's configuration (`aws`), or in older plans `module.m:aws`.
    const key = written && written in providers ? written : !written || /(^|:)aws$/.test(written) ? 'aws' : written;
    const p = providers[key];
    const expressions = isObject(p) && isObject(p.expressions) ? p.expressions : {};
    const allowed = isObject(expressions.allowed_account_ids)
      ? expressions.allowed_account_ids.constant_value
      : undefined;
    return singleAccount(allowed) ?? (key === 'aws' ? options.account : undefined);
  };
  const defaultProvider =
    isObject(providers.aws) && isObject(providers.aws.expressions) ? providers.aws.expressions : {};
  const region = isObject(defaultProvider.region) ? str(defaultProvider.region.constant_value) : undefined;

  const byModule = new Map<string, TerraformInstance[]>();
  for (const i of instances) {
    const list = byModule.get(i.module) ?? [];
    list.push(i);
    byModule.set(i.module, list);
  }
  const configAddress = (i: TerraformInstance): string => {
    const module = i.module.replace(/\[[^\]]*\]/g, '');
    const local = `${i.mode === 'data' ? 'data.' : ''}${i.type}.${i.name}`;
    return module ? `${module}.${local}` : local;
  };

  const items: Item[] = [];
  for (const i of instances) {
    const itemKind =
      i.mode === 'data'
        ? i.type === 'aws_iam_policy_document'
          ? 'policy-document'
          : undefined
        : TERRAFORM_KINDS[i.type];
    if (!itemKind) continue;
    const c = config.get(configAddress(i));
    const values = mergeUnknown(i.values, i.unknown, i.address, [], 0);
    const refs = (path: readonly (string | number)[]): string[] => {
      // Down to the expression that writes the value: a list written as one expression has one reference list.
      let expr: unknown = c?.expressions;
      for (const step of path) {
        if (isObject(expr) && ('references' in expr || 'constant_value' in expr)) break;
        if (Array.isArray(expr) && typeof step === 'number') expr = expr[step];
        else if (isObject(expr) && typeof step === 'string') expr = expr[step];
        else return [];
      }
      const list = isObject(expr) && Array.isArray(expr.references) ? expr.references : [];
      const out = new Set<string>();
      for (const ref of list) {
        if (typeof ref !== 'string') continue;
        const m = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?/.exec(ref);
        if (!m) continue;
        const candidates = (byModule.get(i.module) ?? []).filter(
          (t) => (t.mode === 'data') === !!m[1] && t.type === m[2] && t.name === m[3],
        );
        let chosen = m[4] ? candidates.filter((t) => t.key === m[4]) : candidates;
        if (chosen.length > 1 && i.key) chosen = chosen.filter((t) => t.key === i.key);
        if (chosen.length === 1) out.add(chosen[0].address);
      }
      return [...out];
    };
    items.push({
      id: i.address,
      kind: itemKind,
      values: isObject(values) ? values : {},
      account: accountOf(c?.provider),
      refs,
      writes: (attribute) => c === undefined || attribute in c.expressions,
      logicalId: i.address,
    });
  }
  const defaultTags = (() => {
    const blocks = defaultProvider.default_tags;
    const block = Array.isArray(blocks) ? blocks[0] : blocks;
    const tags = isObject(block) && isObject(block.tags) ? block.tags.constant_value : undefined;
    return isObject(tags) ? (tags as Record<string, unknown>) : {};
  })();
  return new Translator(items, source, 'apply', { ...options, region: region ?? options.region }, defaultTags).read();
}

/** The managed resources and policy document data sources a plan leaves in place or creates. */
function terraformPlanInstances(doc: Record<string, unknown>, source: string): TerraformInstance[] {
  const out = new Map<string, TerraformInstance>();
  if (doc.resource_changes !== undefined) {
    // The gate's reader checks the plan (complete, not errored, known actions).
    const actions = readTerraformPlanActions(doc, source);
    (doc.resource_changes as unknown[]).forEach((raw, n) => {
      const rc = raw as Record<string, unknown>;
      const action = actions[n];
      const data = rc.mode === 'data';
      // What the apply deletes is not there afterwards; a data source is read (its planned values stand).
      if (!data && (action === 'delete' || action === 'forget' || action === 'read')) return;
      if (typeof rc.deposed === 'string' && rc.deposed !== '') return;
      const c = rc.change as Record<string, unknown>;
      const address = rc.address as string;
      out.set(address, {
        address,
        mode: data ? 'data' : 'managed',
        type: rc.type as string,
        name: typeof rc.name === 'string' ? rc.name : address,
        module: typeof rc.module_address === 'string' ? rc.module_address : '',
        key: keyText(rc.index),
        values: c.after ?? {},
        unknown: c.after_unknown,
      });
    });
  }
  // Instances without a change (an older plan), and data sources read while planning (in `prior_state`).
  const prior = isObject(doc.prior_state) && isObject(doc.prior_state.values) ? doc.prior_state.values : undefined;
  walkModules(prior?.root_module, source, (i) => {
    if (i.mode === 'data' && !out.has(i.address)) out.set(i.address, i);
  });
  const planned = isObject(doc.planned_values) ? doc.planned_values.root_module : undefined;
  walkModules(planned, source, (i) => {
    if (!out.has(i.address)) out.set(i.address, i);
  });
  return [...out.values()];
}

function terraformStateInstances(doc: Record<string, unknown>, source: string): TerraformInstance[] {
  const out: TerraformInstance[] = [];
  if (doc.values !== undefined && !isObject(doc.values)) throw new InputError('`values` is not an object.', source);
  walkModules(isObject(doc.values) ? doc.values.root_module : undefined, source, (i) => out.push(i));
  return out;
}

/** Visits the resources of a module tree (`root_module`, `child_modules`) without recursion. */
function walkModules(root: unknown, source: string, visit: (i: TerraformInstance) => void): void {
  const stack: Array<{ m: unknown; depth: number }> = root === undefined ? [] : [{ m: root, depth: 0 }];
  while (stack.length) {
    const { m, depth } = stack.pop()!;
    if (!isObject(m)) throw new InputError('a module of the Terraform JSON is not an object.', source);
    if (depth > MAX_DEPTH) throw new InputError(`the Terraform JSON nests modules deeper than ${MAX_DEPTH}.`, source);
    for (const r of Array.isArray(m.resources) ? m.resources : []) {
      if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
      // A deposed object is on its way out.
      if (typeof r.deposed_key === 'string' && r.deposed_key !== '') continue;
      visit({
        address: r.address,
        mode: r.mode === 'data' ? 'data' : 'managed',
        type: r.type,
        name: typeof r.name === 'string' ? r.name : r.address,
        module: typeof m.address === 'string' ? m.address : '',
        key: keyText(r.index),
        values: r.values ?? {},
        unknown: undefined,
      });
    }
    for (const child of Array.isArray(m.child_modules) ? m.child_modules : [])
      stack.push({ m: child, depth: depth + 1 });
  }
}

function keyText(index: unknown): string {
  if (typeof index === 'number') return `[${index}]`;
  if (typeof index === 'string') return `[${JSON.stringify(index)}]`;
  return '';
}

/** Values with what `after_unknown` marks unknown as holes, and nulls (not set) left out. */
function mergeUnknown(value: unknown, unknown: unknown, address: string, path: string[], depth: number): unknown {
  const at = `\`${address}${path.length ? `.${path.join('.')}` : ''}\``;
  if (unknown === true) return hole(`${at} (known after apply)`, `${at} is known only after apply`);
  if (depth > MAX_DEPTH) return hole(`${at} (nested too deeply)`, `${at} is nested too deeply to read`);
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const v = Array.isArray(value) ? value : [];
    const u = Array.isArray(unknown) ? unknown : [];
    const out: unknown[] = [];
    for (let k = 0; k < Math.max(v.length, u.length); k++)
      out.push(mergeUnknown(v[k], u[k], address, [...path, String(k)], depth + 1));
    return out;
  }
  if (isObject(value) || isObject(unknown)) {
    const v = isObject(value) ? value : {};
    const u = isObject(unknown) ? unknown : {};
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(v), ...Object.keys(u)])) {
      const m = mergeUnknown(v[k], u[k], address, [...path, k], depth + 1);
      if (m !== undefined && m !== null) out[k] = m;
    }
    return out;
  }
  return value ?? undefined;
}

// ---- Pulumi ---------------------------------------------------------------------------------------------------------

/** The principals of a parsed `pulumi preview --json`: each resource's new state (its inputs) after the update. */
export function readPulumiPrincipals(
  json: unknown,
  source: string,
  options: ProviderPrincipalsOptions = {},
): TemplatePrincipals {
  // The gate's reader checks the preview: an errored preview, malformed steps.
  readPulumiPreview(json, source);
  const doc = json as Record<string, unknown>;
  const config = isObject(doc.config) ? doc.config : {};
  const steps = Array.isArray(doc.steps) ? doc.steps : [];
  const states: Array<{ urn: string; type: string; inputs: Record<string, unknown>; state: Record<string, unknown> }> =
    [];
  const providerAccounts = new Map<string, string | undefined>();
  const gone = new Set(['delete', 'delete-replaced', 'discard', 'discard-replaced', 'remove-pending-replace', 'read']);
  for (const step of steps) {
    if (!isObject(step) || typeof step.op !== 'string' || gone.has(step.op)) continue;
    const state = isObject(step.newState) ? step.newState : undefined;
    const urn = str(step.urn);
    if (!state || !urn || typeof state.type !== 'string') continue;
    const inputs = isObject(state.inputs) ? state.inputs : {};
    if (state.type === 'pulumi:providers:aws') {
      const isDefault = /::default(_[0-9_]+)?$/.test(urn);
      providerAccounts.set(
        urn,
        singleAccount(inputs.allowedAccountIds) ??
          (isDefault ? (singleAccount(config['aws:allowedAccountIds']) ?? options.account) : undefined),
      );
    }
    states.push({ urn, type: state.type, inputs, state });
  }
  // A replacement shows its new state twice (`create-replacement`, `replace`): the last one stands.
  const byUrn = new Map(states.map((s) => [s.urn, s]));
  const items: Item[] = [];
  const names = new Map<string, number>();
  for (const s of byUrn.values()) {
    const kind = PULUMI_KINDS[s.type];
    if (!kind) continue;
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.inputs)) {
      if (k.startsWith('__')) continue;
      values[PULUMI_NAMES[k] ?? k] = pulumiValue(v, s.urn, [PULUMI_NAMES[k] ?? k], 0);
    }
    const propertyDependencies = isObject(s.state.propertyDependencies) ? s.state.propertyDependencies : {};
    const dependencies = Array.isArray(s.state.dependencies) ? s.state.dependencies : [];
    const pulumiNameOf = Object.fromEntries(Object.entries(PULUMI_NAMES).map(([p, t]) => [t, p]));
    const provider = str(s.state.provider)?.replace(/::[^:]*$/, '');
    const name = s.urn.slice(s.urn.lastIndexOf('::') + 2);
    const n = (names.get(name) ?? 0) + 1;
    names.set(name, n);
    items.push({
      id: s.urn,
      kind,
      values,
      account: provider
        ? providerAccounts.has(provider)
          ? providerAccounts.get(provider)
          : /::default(_[0-9_]+)?$/.test(provider)
            ? (singleAccount(config['aws:allowedAccountIds']) ?? options.account)
            : undefined
        : (singleAccount(config['aws:allowedAccountIds']) ?? options.account),
      // Pulumi records which resources each input came from; a list of the resource's dependencies otherwise.
      refs: (path) => {
        const top = typeof path[0] === 'string' ? path[0] : '';
        const deps = propertyDependencies[pulumiNameOf[top] ?? top];
        return (Array.isArray(deps) ? deps : dependencies).filter((d): d is string => typeof d === 'string');
      },
      writes: () => true,
      logicalId: n === 1 ? name : `${name}#${n}`,
    });
  }
  const tagsConfig = config['aws:defaultTags'];
  let defaultTags: Record<string, unknown> = {};
  try {
    const t = typeof tagsConfig === 'string' ? JSON.parse(tagsConfig) : tagsConfig;
    if (isObject(t) && isObject(t.tags)) defaultTags = t.tags;
  } catch {
    // Not JSON: no default tags are read (tags only decide conditions on `aws:PrincipalTag`).
  }
  const region = str(config['aws:region']);
  return new Translator(items, source, 'update', { ...options, region: region ?? options.region }, defaultTags).read();
}

/** A Pulumi input with its unknown (and secret) values as holes. */
function pulumiValue(v: unknown, urn: string, path: readonly string[], depth: number): unknown {
  const name = urn.slice(urn.lastIndexOf('::') + 2);
  const at = `\`${path.join('.')}\` of \`${name}\``;
  if (v === PULUMI_UNKNOWN) return hole(`${at} (known after update)`, `${at} is known only after the update`);
  if (v === '[secret]') return hole(`${at} ([secret])`, `${at} is a secret the preview does not show`);
  if (depth > MAX_DEPTH) return hole(`${at} (nested too deeply)`, `${at} is nested too deeply to read`);
  if (Array.isArray(v)) return v.map((x, i) => pulumiValue(x, urn, [...path, String(i)], depth + 1));
  if (isObject(v)) {
    // A secret in the engine's own encoding.
    if (v['4dabf18193072939515e22adb298388d'] === '1b47061264138c4ac30d75fd1eb44270')
      return hole(`${at} ([secret])`, `${at} is a secret the preview does not show`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pulumiValue(x, urn, [...path, k], depth + 1);
    return out;
  }
  return v === null ? undefined : v;
}

// ---- into the model -------------------------------------------------------------------------------------------------

const CFN_TYPES: Partial<Record<Kind, string>> = {
  role: 'AWS::IAM::Role',
  user: 'AWS::IAM::User',
  group: 'AWS::IAM::Group',
  policy: 'AWS::IAM::ManagedPolicy',
};

/**
 * Builds one document per account from the items and reads it with the cloud
 * assembly's reader. Attachments and inline policies are written into the
 * principal or group they name, so that each policy is read as that principal
 * holds it.
 */
class Translator {
  private readonly byId = new Map<string, Item>();
  private readonly properties = new Map<Item, Record<string, unknown>>();
  private readonly notes: string[] = [];
  /** Roles, users, groups and policies by kind and literal name. */
  private readonly byName = new Map<string, Item[]>();
  /** The names of a role's inline policies that `aws_iam_role_policy` resources write. */
  private readonly separate = new Map<Item, Set<string>>();
  /** Kinds of principal every one of which may hold a policy whose holder is unknown: what. */
  private readonly everywhere: Array<{ kind: 'role' | 'user'; what: string }> = [];

  constructor(
    private readonly items: readonly Item[],
    private readonly source: string,
    /** `apply` (Terraform) or `update` (Pulumi), for messages. */
    private readonly when: string,
    private readonly options: ProviderPrincipalsOptions,
    private readonly defaultTags: Record<string, unknown>,
  ) {
    for (const i of items) this.byId.set(i.id, i);
  }

  read(): TemplatePrincipals {
    for (const i of this.items) {
      const name = str(i.values.name);
      if (!CFN_TYPES[i.kind] || !name) continue;
      const list = this.byName.get(`${i.kind}\u0000${name}`) ?? [];
      list.push(i);
      this.byName.set(`${i.kind}\u0000${name}`, list);
    }
    for (const p of this.items) {
      const name = str(p.values.name);
      if (p.kind !== 'role-policy' || !name) continue;
      for (const t of this.targetsOrUnknown(p, 'role', p.values.role, ['role']) ?? []) {
        const set = this.separate.get(t) ?? new Set<string>();
        set.add(name);
        this.separate.set(t, set);
      }
    }
    for (const i of this.items) if (CFN_TYPES[i.kind]) this.properties.set(i, this.base(i));
    for (const i of this.items) this.attach(i);
    const documents = new Map<string, StackDocument>();
    for (const [i, properties] of this.properties) {
      const key = i.account ?? '';
      let doc = documents.get(key);
      if (!doc) {
        doc = this.document(i.account, documents.size);
        documents.set(key, doc);
      }
      (doc.resources as Map<string, NormalisedResource>).set(i.logicalId, {
        key: `${doc.id}/${i.logicalId}`,
        logicalId: i.logicalId,
        type: CFN_TYPES[i.kind]!,
        nativeType: CFN_TYPES[i.kind]!,
        dialect: 'aws-provider',
        properties,
        document: doc,
        location: { template: this.source, stack: doc.name, path: i.id },
      });
    }
    const read = readDocumentPrincipals([...documents.values()], this.options, this.notes);
    const principals = read.principals.map((p): IamPrincipal => {
      const extra = this.everywhere.filter((e) => e.kind === p.kind).map((e) => e.what);
      return extra.length ? { ...p, unresolved: [...new Set([...(p.unresolved ?? []), ...extra])] } : p;
    });
    return { principals, notes: read.notes };
  }

  private document(account: string | undefined, n: number): StackDocument {
    return {
      id: n === 0 ? this.source : `${this.source}#${n}`,
      name: this.source,
      dialect: 'aws-provider',
      account,
      region: this.options.region,
      tags: {},
      parameters: {},
      conditions: {},
      mappings: {},
      exports: new Map(),
      outputs: new Map(),
      resources: new Map(),
      templatePath: this.source,
    };
  }

  /** The CloudFormation properties of a role, user, group or managed policy from its own values. */
  private base(i: Item): Record<string, unknown> {
    const v = i.values;
    const out: Record<string, unknown> = {};
    const nameProperty = { role: 'RoleName', user: 'UserName', group: 'GroupName', policy: 'ManagedPolicyName' }[
      i.kind as 'role'
    ];
    // A name known only after apply (generated, or from `name_prefix`) is left out: the principal is then named by
    // its address, and conditions on its own ARN are not judged (the assembly reader's rule for generated names).
    if (str(v.name)) out[nameProperty] = v.name;
    if (v.path !== undefined) out.Path = v.path;
    if (i.kind === 'policy') {
      out.PolicyDocument = this.policy(i, ['policy'], v.policy);
      return out;
    }
    if (v.permissions_boundary !== undefined && v.permissions_boundary !== '')
      out.PermissionsBoundary = this.policyArn(i, ['permissions_boundary'], v.permissions_boundary);
    if (i.kind === 'role') out.AssumeRolePolicyDocument = this.policy(i, ['assume_role_policy'], v.assume_role_policy);
    if (i.kind !== 'group') out.Tags = this.tags(i);
    out.Policies = [];
    out.ManagedPolicyArns = [];
    if (i.kind === 'role') {
      this.inline(i, out);
      this.managedArns(i, out);
    }
    if (i.kind === 'user') out.Groups = [];
    return out;
  }

  /** `inline_policy` blocks (Pulumi `inlinePolicies`) of a role. */
  private inline(i: Item, out: Record<string, unknown>): void {
    const v = i.values.inline_policy;
    if (v === undefined) return;
    if (isHole(v)) {
      // Computed from the role's other policies when the configuration writes none: those are read where written.
      if (!i.writes('inline_policy')) return;
      (out.Policies as unknown[]).push({ PolicyName: 'inline_policy', PolicyDocument: v });
      return;
    }
    if (!Array.isArray(v)) return;
    // The provider lists every inline policy of the role here, those of `aws_iam_role_policy` too: read once.
    const separate = this.separate.get(i) ?? new Set<string>();
    v.forEach((block, n) => {
      if (!isObject(block)) return;
      const name = str(block.name);
      // An empty block is how a plan shows "no inline policies".
      if (!name && (block.policy === undefined || block.policy === '')) return;
      if (name && separate.has(name)) return;
      (out.Policies as unknown[]).push({
        PolicyName: name ?? `inline_policy[${n}]`,
        PolicyDocument: this.policy(i, ['inline_policy', n, 'policy'], block.policy),
      });
    });
  }

  /** `managed_policy_arns` of a role: written ones, or (computed) what the attachments attach. */
  private managedArns(i: Item, out: Record<string, unknown>): void {
    const v = i.values.managed_policy_arns;
    if (v === undefined) return;
    if (isHole(v)) {
      if (i.writes('managed_policy_arns')) (out.ManagedPolicyArns as unknown[]).push(v);
      return;
    }
    if (Array.isArray(v))
      v.forEach((arn, n) =>
        (out.ManagedPolicyArns as unknown[]).push(this.policyArn(i, ['managed_policy_arns', n], arn)),
      );
  }

  private tags(i: Item): unknown {
    const v = i.values;
    // `tags_all` holds the provider's default tags too; when it is known only after apply, the written tags are.
    const own =
      v.tags_all !== undefined && !(isHole(v.tags_all) && isObject(v.tags) && !isHole(v.tags)) ? v.tags_all : v.tags;
    if (isHole(own)) return [own];
    const merged: Record<string, unknown> = { ...this.defaultTags, ...(isObject(own) ? own : {}) };
    return Object.entries(merged).map(([Key, Value]) => ({ Key, Value }));
  }

  /** A policy document: a JSON string, an object (Pulumi), or a hole followed to the data source that renders it. */
  private policy(i: Item, path: readonly (string | number)[], value: unknown): unknown {
    if (value === undefined) return undefined;
    if (isHole(value)) {
      for (const id of i.refs(path)) {
        const d = this.byId.get(id);
        if (d?.kind === 'policy-document') return renderPolicyDocument(d.values, value);
      }
      return value;
    }
    if (isObject(value)) {
      // A statement list, or a statement, not known yet: the document's statements are unknown.
      const s = value.Statement;
      if (isHole(s) || (Array.isArray(s) && s.some(isHole))) return s;
    }
    return value;
  }

  /** A managed policy ARN: as written, or a hole followed to the `aws_iam_policy` it comes from. */
  private policyArn(i: Item, path: readonly (string | number)[], value: unknown): unknown {
    if (!isHole(value)) return value;
    const policies = i
      .refs(path)
      .map((id) => this.byId.get(id))
      .filter((p): p is Item => p?.kind === 'policy');
    if (policies.length === 1 && policies[0].account === i.account) return { Ref: policies[0].logicalId };
    return value;
  }

  /**
   * The items of `kind` a name-valued attribute names: by reference, or by their literal name. Undefined when it
   * cannot be told (recorded by the caller); empty when it names none of the input's.
   */
  private targetsOrUnknown(
    i: Item,
    kind: 'role' | 'user' | 'group',
    value: unknown,
    path: readonly (string | number)[],
  ): Item[] | undefined {
    if (isHole(value)) {
      const referenced = i
        .refs(path)
        .map((id) => this.byId.get(id))
        .filter((t): t is Item => t?.kind === kind);
      return referenced.length > 0 ? referenced : undefined;
    }
    let name = str(value);
    if (!name) return [];
    // A role's ARN where its name is asked: the name is its last segment.
    if (name.startsWith('arn:')) name = name.slice(name.lastIndexOf('/') + 1);
    return (this.byName.get(`${kind}\u0000${name}`) ?? []).filter(
      (t) => t.account === undefined || i.account === undefined || t.account === i.account,
    );
  }

  /** Writes a policy, an attachment or a membership into what it names. */
  private attach(i: Item): void {
    const v = i.values;
    switch (i.kind) {
      case 'role-policy':
      case 'user-policy':
      case 'group-policy': {
        const kind = i.kind === 'role-policy' ? 'role' : i.kind === 'user-policy' ? 'user' : 'group';
        const name = str(v.name) ?? i.id;
        const policy = { PolicyName: name, PolicyDocument: this.policy(i, ['policy'], v.policy) };
        this.into(i, kind, kind, [kind], `inline policy \`${name}\``, (p) => (p.Policies as unknown[]).push(policy));
        return;
      }
      case 'role-attachment':
      case 'user-attachment':
      case 'group-attachment': {
        const kind = i.kind === 'role-attachment' ? 'role' : i.kind === 'user-attachment' ? 'user' : 'group';
        const attribute = v.role_name !== undefined ? 'role_name' : kind;
        const arns = v.policy_arns !== undefined ? v.policy_arns : [v.policy_arn];
        const list = Array.isArray(arns) ? arns : [arns];
        list.forEach((arn, n) => {
          const path = v.policy_arns !== undefined ? ['policy_arns', n] : ['policy_arn'];
          const value = this.policyArn(i, path, arn);
          this.into(i, kind, attribute, [attribute], `managed policy ${describe(arn)}`, (p) =>
            (p.ManagedPolicyArns as unknown[]).push(value),
          );
        });
        return;
      }
      case 'policy-attachment': {
        const value = this.policyArn(i, ['policy_arn'], v.policy_arn);
        for (const [attribute, kind] of [
          ['roles', 'role'],
          ['users', 'user'],
          ['groups', 'group'],
        ] as const) {
          const names = v[attribute];
          const list = isHole(names) ? [names] : Array.isArray(names) ? names : [];
          list.forEach((name, n) =>
            this.intoValue(
              i,
              kind,
              name,
              isHole(names) ? [attribute] : [attribute, n],
              `managed policy ${describe(v.policy_arn)}`,
              (p) => (p.ManagedPolicyArns as unknown[]).push(value),
            ),
          );
        }
        return;
      }
      case 'user-groups': {
        const groups = isHole(v.groups) ? [v.groups] : Array.isArray(v.groups) ? v.groups : [];
        this.into(i, 'user', 'user', ['user'], 'membership in groups', (p) => {
          for (const [n, g] of groups.entries()) (p.Groups as unknown[]).push(this.groupRef(i, g, ['groups', n]));
        });
        return;
      }
      case 'group-users': {
        const users = isHole(v.users) ? [v.users] : Array.isArray(v.users) ? v.users : [];
        users.forEach((u, n) =>
          this.intoValue(i, 'user', u, isHole(v.users) ? ['users'] : ['users', n], 'membership in a group', (p) =>
            (p.Groups as unknown[]).push(this.groupRef(i, v.group, ['group'])),
          ),
        );
        return;
      }
      default:
        return;
    }
  }

  /** A group as a user's `Groups` entry: a `Ref` to the input's group, its name, or the unknown value. */
  private groupRef(i: Item, value: unknown, path: readonly (string | number)[]): unknown {
    const found = this.targetsOrUnknown(i, 'group', value, path);
    if (found && found.length === 1)
      return found[0].account === i.account ? { Ref: found[0].logicalId } : found[0].values.name;
    return value;
  }

  private into(
    i: Item,
    kind: 'role' | 'user' | 'group',
    attribute: string,
    path: readonly (string | number)[],
    what: string,
    write: (properties: Record<string, unknown>) => void,
  ): void {
    this.intoValue(i, kind, i.values[attribute], path, what, write);
  }

  private intoValue(
    i: Item,
    kind: 'role' | 'user' | 'group',
    value: unknown,
    path: readonly (string | number)[],
    what: string,
    write: (properties: Record<string, unknown>) => void,
  ): void {
    const found = this.targetsOrUnknown(i, kind, value, path);
    if (found === undefined) {
      // Fail closed: the holder is known only after the apply, and may be any principal of the kind (a group's
      // members: any user).
      this.everywhere.push({
        kind: kind === 'group' ? 'user' : kind,
        what: `${this.source} (${i.id}) gives ${what} to a ${kind} known only after the ${this.when} (${describe(value)}); it may be this one, so its rights are not known`,
      });
      return;
    }
    if (found.length === 0) {
      this.notes.push(
        `${this.source} (${i.id}): gives ${what} to ${kind} ${describe(value)}, which this input does not create; that ${kind} is not part of this audit.`,
      );
      return;
    }
    for (const t of found) {
      const p = this.properties.get(t);
      if (p) write(p);
    }
  }
}

function describe(v: unknown): string {
  if (isHole(v)) {
    const shown = (v as Record<string, { shown?: string }>)[PROVIDER_OUTPUT_INTRINSIC]?.shown;
    return shown ?? 'an unknown value';
  }
  return typeof v === 'string' ? `\`${v}\`` : JSON.stringify(v);
}

/**
 * The policy document `data.aws_iam_policy_document` renders, from its planned
 * arguments, when its `json` is read only at apply: the statements with their
 * unknown parts as holes. `source_policy_documents` and
 * `override_policy_documents` merge by `sid` as the data source documents.
 * Anything it cannot rebuild is `fallback` (the unknown `json`).
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
 */
function renderPolicyDocument(v: Record<string, unknown>, fallback: unknown): unknown {
  const own = v.statement;
  if (own !== undefined && !Array.isArray(own)) return fallback;
  const statements: Record<string, unknown>[] = [];
  for (const s of own ?? []) {
    if (!isObject(s)) return fallback;
    const out: Record<string, unknown> = { Effect: s.effect ?? 'Allow' };
    if (str(s.sid)) out.Sid = s.sid;
    for (const [from, to] of [
      ['actions', 'Action'],
      ['not_actions', 'NotAction'],
      ['resources', 'Resource'],
      ['not_resources', 'NotResource'],
    ] as const) {
      const x = s[from];
      if (isHole(x) || (Array.isArray(x) && x.length > 0)) out[to] = x;
    }
    for (const [from, to] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      const x = s[from];
      if (isHole(x)) out[to] = x;
      else if (Array.isArray(x) && x.length > 0) {
        const map: Record<string, unknown> = {};
        for (const p of x) {
          if (!isObject(p) || typeof p.type !== 'string') return fallback;
          if (p.type === '*') {
            out[to] = '*';
            break;
          }
          const ids = Array.isArray(p.identifiers) ? p.identifiers : [p.identifiers];
          const have = map[p.type];
          map[p.type] = Array.isArray(have) ? [...have, ...ids] : ids;
        }
        if (out[to] === undefined) out[to] = map;
      }
    }
    const conditions = s.condition;
    if (isHole(conditions)) out.Condition = conditions;
    else if (Array.isArray(conditions) && conditions.length > 0) {
      const c: Record<string, Record<string, unknown>> = {};
      for (const t of conditions) {
        if (!isObject(t) || typeof t.test !== 'string' || typeof t.variable !== 'string') {
          out.Condition = isObject(t) ? (isHole(t.test) ? t.test : t.variable) : t;
          break;
        }
        (c[t.test] ??= {})[t.variable] = t.values;
      }
      if (out.Condition === undefined) out.Condition = c;
    }
    statements.push(out);
  }
  const merged: Record<string, unknown>[] = [];
  const add = (list: Record<string, unknown>[]): void => {
    for (const s of list) {
      const at = typeof s.Sid === 'string' ? merged.findIndex((m) => m.Sid === s.Sid) : -1;
      if (at >= 0) merged[at] = s;
      else merged.push(s);
    }
  };
  for (const key of ['source_policy_documents', 'override_policy_documents'] as const) {
    const docs = v[key];
    if (docs === undefined || (Array.isArray(docs) && docs.length === 0)) {
      if (key === 'source_policy_documents') add(statements);
      continue;
    }
    if (!Array.isArray(docs)) return fallback;
    const parsed: Record<string, unknown>[] = [];
    for (const d of docs) {
      if (typeof d !== 'string') return fallback;
      try {
        const j = JSON.parse(d) as unknown;
        const s = isObject(j) ? j.Statement : undefined;
        for (const x of Array.isArray(s) ? s : s === undefined ? [] : [s]) if (isObject(x)) parsed.push(x);
      } catch {
        return fallback;
      }
    }
    // Source documents come first, the data source's own statements override them; override documents last.
    if (key === 'source_policy_documents') {
      add(parsed);
      add(statements);
    } else add(parsed);
  }
  return { Version: str(v.version) ?? '2012-10-17', Statement: merged };
}
