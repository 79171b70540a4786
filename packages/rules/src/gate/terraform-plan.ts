/**
 * Reads the JSON plan `terraform show -json PLANFILE` prints (formats 0.1 to 1.x) into
 * `ResourceChange`s. Anything that is not a complete plan (`errored: true`, no
 * `resource_changes`, an action Deadbolt does not know) is an `InputError`.
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 */
import { InputError } from '../dialects/errors';
import { terraformTypeMapping } from '../dialects/aws-provider-types';
import { isObject, type ChangeAction, type GatePlan, type ResourceChange } from './changes';
import { formatPath, type PathSegment } from './protection';

/** `action_reason` values, in words. */
const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'it is tainted',
  replace_because_cannot_update: 'a changed argument cannot be updated in place',
  replace_by_request: 'replacement was requested (`-replace`)',
  replace_by_triggers: '`replace_triggered_by` fired',
  delete_because_no_resource_config: 'it is no longer in the configuration',
  delete_because_wrong_repetition: 'its `count`/`for_each` changed',
  delete_because_count_index: 'its `count` index is out of range',
  delete_because_each_key: 'its `for_each` key is gone',
  delete_because_no_module: 'its module is gone',
  delete_because_no_move_target: 'its `moved` target is not in the configuration',
};

interface ActionReading {
  readonly action: ChangeAction;
  /** The actions as the plan writes them: `["delete","create"]`. */
  readonly native: string;
  readonly createBeforeDelete?: boolean;
  /** `["create","forget"]`: replaced, the old object left in place. */
  readonly keepsOld?: boolean;
}

const ACTIONS: ReadonlyMap<string, ActionReading> = new Map(
  (
    [
      ['no-op', { action: 'no-op' }],
      ['create', { action: 'create' }],
      ['read', { action: 'read' }],
      ['update', { action: 'update' }],
      ['delete', { action: 'delete' }],
      ['forget', { action: 'forget' }],
      ['delete,create', { action: 'replace', createBeforeDelete: false }],
      ['create,delete', { action: 'replace', createBeforeDelete: true }],
      ['create,forget', { action: 'replace', createBeforeDelete: true, keepsOld: true }],
      ['forget,create', { action: 'replace', createBeforeDelete: false, keepsOld: true }],
    ] as const
  ).map(([key, r]) => [key, { ...r, native: JSON.stringify(key.split(',')) } as ActionReading]),
);

/** True when the parsed JSON claims to be a Terraform plan (it may still be unreadable as one). */
export function looksLikeTerraformPlan(doc: unknown): boolean {
  return (
    isObject(doc) &&
    typeof doc.format_version === 'string' &&
    (typeof doc.terraform_version === 'string' || 'resource_changes' in doc || 'planned_values' in doc)
  );
}

/** The physical resource: its ARN, else its id. */
function identityOf(before: Record<string, unknown> | undefined): string | undefined {
  if (!before) return undefined;
  const { arn, id } = before;
  if (typeof arn === 'string' && arn !== '') return arn;
  if (typeof id === 'string' && id !== '') return id;
  return undefined;
}

/** Reads a parsed `terraform show -json` plan. `source` names the file in errors. */
export function readTerraformPlan(doc: unknown, source?: string): GatePlan {
  const list = checkedResourceChanges(doc, source);
  const notices: string[] = [];
  if ((doc as Record<string, unknown>).complete === false) {
    notices.push(
      'The plan is incomplete (`complete: false`): some changes are deferred to a later plan, which must pass the gate too.',
    );
  }
  const changes: ResourceChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) changes[i] = readResourceChange(list[i], i, source);
  const version = (doc as Record<string, unknown>).terraform_version;
  const tf = typeof version === 'string' ? ` from Terraform ${version}` : '';
  return { source: 'terraform-plan', description: `Terraform plan${tf}`, changes, notices };
}

/**
 * The action of each of a plan's `resource_changes`, in order, read with the checks `readTerraformPlan` makes (the
 * same `InputError`s) but without building the gate's change objects: for readers that need only the action.
 */
export function readTerraformPlanActions(doc: unknown, source?: string): ChangeAction[] {
  const list = checkedResourceChanges(doc, source);
  const actions: ChangeAction[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const { rc, reading } = checkedChange(list[i], i, source);
    actions[i] = rc.mode === 'data' ? 'read' : reading.action;
  }
  return actions;
}

/**
 * Refuses a Terraform JSON document (`the Terraform <what>`) whose `format_version` Deadbolt cannot read.
 * Format 0.1 (Terraform 0.12 to 0.14), 0.2 (0.15) and 1.x (1.0 on) share `resource_changes` and `values`; a later
 * minor version only adds fields. A new major version is not backward-compatible: refuse it rather than misread it.
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 * @see https://pkg.go.dev/github.com/hashicorp/terraform-json (PlanFormatVersionConstraints ">= 0.1, < 2.0")
 */
export function requireReadableFormat(doc: Record<string, unknown>, what: string, source: string | undefined): void {
  const version = doc.format_version;
  const major = typeof version === 'string' ? /^(\d+)\.\d+$/.exec(version)?.[1] : undefined;
  if (major !== '0' && major !== '1') {
    throw new InputError(
      `the Terraform ${what} has \`format_version\` ${JSON.stringify(version ?? null)}; Deadbolt reads formats 0.x and 1.x (Terraform 0.12 and later)${major !== undefined ? `, not major version ${major}` : ''}.`,
      source,
    );
  }
}

/** The plan's `resource_changes` list, once the plan is one Deadbolt can read. */
function checkedResourceChanges(doc: unknown, source: string | undefined): unknown[] {
  if (!isObject(doc)) throw new InputError('the Terraform plan is not a JSON object.', source);
  requireReadableFormat(doc, 'plan', source);
  if (doc.errored === true) {
    throw new InputError(
      'the Terraform plan errored (`errored: true`): planning did not finish, so what it would change is not known.',
      source,
    );
  }
  const list = doc.resource_changes;
  if (list === undefined) {
    const hint =
      'values' in doc && !('planned_values' in doc)
        ? ' This looks like state (`terraform show -json` without a plan file), not a plan.'
        : '';
    throw new InputError(
      `the Terraform plan has no \`resource_changes\`, so what it would change is not known.${hint}`,
      source,
    );
  }
  if (!Array.isArray(list)) throw new InputError('`resource_changes` is not a list.', source);
  return list;
}

/** One entry of `resource_changes`, checked: its address, type, change and known actions. */
function checkedChange(
  rc: unknown,
  i: number,
  source: string | undefined,
): {
  readonly rc: Record<string, unknown>;
  readonly address: string;
  readonly type: string;
  readonly change: Record<string, unknown>;
  readonly reading: ActionReading;
} {
  const where = `resource_changes[${i}]`;
  if (!isObject(rc)) throw new InputError(`\`${where}\` is not an object.`, source);
  const { address, type, change } = rc;
  if (typeof address !== 'string' || address === '') throw new InputError(`\`${where}\` has no \`address\`.`, source);
  if (typeof type !== 'string' || type === '')
    throw new InputError(`\`${where}\` (${address}) has no \`type\`.`, source);
  if (!isObject(change)) throw new InputError(`\`${where}\` (${address}) has no \`change\`.`, source);
  const actions = change.actions;
  if (!Array.isArray(actions) || actions.length === 0)
    throw new InputError(`\`${where}\` (${address}) has no \`change.actions\` list.`, source);
  for (let k = 0; k < actions.length; k++) {
    if (typeof actions[k] !== 'string')
      throw new InputError(`\`${where}\` (${address}) has no \`change.actions\` list.`, source);
  }
  const reading = ACTIONS.get(actions.length === 1 ? actions[0] : actions.join(','));
  if (!reading) {
    throw new InputError(
      `\`${where}\` (${address}) has actions ${JSON.stringify(actions)}, which Deadbolt does not know; it cannot judge the plan.`,
      source,
    );
  }
  return { rc, address, type, change, reading };
}

function readResourceChange(raw: unknown, i: number, source: string | undefined): ResourceChange {
  const { rc, address, type, change, reading } = checkedChange(raw, i, source);
  const deposed = typeof rc.deposed === 'string' && rc.deposed !== '' ? rc.deposed : undefined;
  const fullAddress = deposed ? `${address} (deposed ${deposed})` : address;
  const nativeAction = reading.native;
  // A data source reads; it owns nothing, whatever the plan does to it.
  if (rc.mode === 'data') {
    return {
      address: fullAddress,
      providerType: type,
      container: 'data source',
      action: 'read',
      nativeAction,
      source: 'terraform-plan',
      dialect: 'terraform',
    };
  }
  const mapping = terraformTypeMapping(type);
  // Why it is deleted or replaced: only those changes are ever explained.
  let why: string[] | undefined;
  if (reading.action === 'delete' || reading.action === 'replace') {
    why = [];
    if (typeof rc.action_reason === 'string')
      why.push(ACTION_REASONS[rc.action_reason] ?? `\`action_reason\` ${rc.action_reason}`);
    if (Array.isArray(change.replace_paths) && change.replace_paths.length > 0) {
      const paths = change.replace_paths
        .filter((p): p is PathSegment[] => Array.isArray(p))
        .map((p) => `\`${formatPath(p.filter((s) => typeof s === 'string' || typeof s === 'number'))}\``);
      if (paths.length) why.push(`changing ${paths.join(', ')} forces replacement`);
    }
    if (deposed && reading.action === 'delete')
      why.push(`it is deposed object ${deposed}, left by an earlier create-before-destroy replacement`);
  }
  const before = isObject(change.before) ? change.before : undefined;
  const after = isObject(change.after) ? change.after : undefined;
  return {
    address: fullAddress,
    type: mapping?.cloudFormationType,
    providerType: type,
    part: mapping?.part,
    container: mapping && !mapping.cloudFormationType ? 'no CloudFormation counterpart, holds no data' : undefined,
    action: reading.action,
    nativeAction,
    source: 'terraform-plan',
    dialect: 'terraform',
    before,
    after,
    afterUnknown: change.after_unknown,
    why,
    createBeforeDelete: reading.createBeforeDelete,
    retention: reading.keepsOld ? 'retain' : undefined,
    retentionSource: reading.keepsOld ? '`lifecycle { destroy = false }`' : undefined,
    identity: identityOf(before),
    stack: typeof rc.module_address === 'string' ? rc.module_address : undefined,
  };
}
