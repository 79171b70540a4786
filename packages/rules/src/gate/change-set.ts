/**
 * Reads the output of `aws cloudformation describe-change-set` into
 * `ResourceChange`s. A change set names the properties a `Modify` touches but,
 * unless it was described with `--include-property-values`, not their values.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html
 */
import { InputError } from '../dialects/errors';
import {
  isObject,
  type ChangeAction,
  type ChangedProperty,
  type GatePlan,
  type ResourceChange,
  type Retention,
} from './changes';

/**
 * `ResourceChange.Action` values, as the API reference lists them.
 * `SyncWithActual` (drift-aware change sets: only CloudFormation's record
 * changes) is missing from older SDKs' documentation of the field.
 */
const ACTIONS = new Set(['Add', 'Modify', 'Remove', 'Import', 'Dynamic', 'SyncWithActual']);
const REPLACEMENTS = new Set(['True', 'False', 'Conditional']);
const POLICY_ACTIONS = new Set([
  'Delete',
  'Retain',
  'Snapshot',
  'ReplaceAndDelete',
  'ReplaceAndRetain',
  'ReplaceAndSnapshot',
]);

/** True when the parsed JSON claims to be a described change set. */
export function looksLikeChangeSet(doc: unknown): boolean {
  return (
    isObject(doc) &&
    Array.isArray(doc.Changes) &&
    ('ChangeSetId' in doc || 'ChangeSetName' in doc || 'StackName' in doc || 'StackId' in doc || doc.Changes.length > 0)
  );
}

/** A property value from a change set: the text parsed as JSON when it is JSON (`true`, `7`, `{…}`), else the text. */
function parseValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (/^(true|false|null|-?\d+(\.\d+)?)$/.test(t) || t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
    try {
      return JSON.parse(t);
    } catch {
      return v;
    }
  }
  return v;
}

/** `/Properties/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled` → the segments after `Properties`. */
function propertyPath(path: unknown): string[] | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
  const segs = path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segs[0] === 'Properties' ? segs.slice(1) : segs;
}

function context(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const v = JSON.parse(raw);
    if (!isObject(v)) return undefined;
    return isObject(v.Properties) ? v.Properties : v;
  } catch {
    return undefined;
  }
}

/** One described change set, read, before nested change sets are put under their parents. */
interface ReadSet {
  readonly source?: string;
  readonly nested: boolean;
  readonly id?: string;
  readonly parentId?: string;
  readonly stackId?: string;
  readonly stackName?: string;
  readonly name: string;
  readonly changes: readonly ResourceChange[];
  /** For each change of a nested stack, the `ChangeSetId` of its own change set, when the parent names it. */
  readonly nestedIds: ReadonlyMap<ResourceChange, string | undefined>;
  readonly notices: readonly string[];
}

/** One input to `readChangeSets`: a parsed `describe-change-set` document and the file it came from. */
export interface ChangeSetInput {
  readonly doc: unknown;
  readonly source?: string;
  /** True when the user named it as a nested stack's change set (`--include-nested`): it must have a parent in the input. */
  readonly nested?: boolean;
}

const NESTED_STACK = 'AWS::CloudFormation::Stack';
/** Deeper than CloudFormation nests stacks; bounds the walk over change sets that name each other. */
const MAX_SETS = 1000;

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Reads a parsed `describe-change-set` document. */
export function readChangeSet(doc: unknown, source?: string): GatePlan {
  return readChangeSets([{ doc, source }]);
}

/**
 * Reads several described change sets as one plan: a root change set and the
 * change sets of its nested stacks (`create-change-set --include-nested-stacks`
 * makes one per nested stack; each names its parent in `ParentChangeSetId`, and
 * the parent's `ResourceChange.ChangeSetId` names it). A nested change set's
 * resources are addressed under their nested stack (`Nested/Table`, deeper
 * nesting `Outer/Inner/Table`). A nested stack whose own change set is not in
 * the input blocks when it is removed or modified: the gate cannot see the data
 * stores inside it.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/change-sets-for-nested-stacks.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html
 */
export function readChangeSets(inputs: readonly ChangeSetInput[]): GatePlan {
  if (inputs.length === 0) throw new InputError('no change set to read.');
  if (inputs.length > MAX_SETS) throw new InputError(`more than ${MAX_SETS} change sets.`, inputs[0].source);
  const sets: ReadSet[] = [];
  const byId = new Map<string, ReadSet>();
  for (const input of inputs) {
    const set = readOne(input.doc, input.source, input.nested === true);
    // The same change set given twice (a parent named again, a file concatenated twice) is read once.
    if (set.id !== undefined) {
      if (byId.has(set.id)) continue;
      byId.set(set.id, set);
    }
    sets.push(set);
  }
  // Each nested stack change of each set, matched to its own change set when it is in the input.
  const childOf = new Map<ResourceChange, ReadSet>();
  const claimed = new Set<ReadSet>();
  for (const set of sets) {
    for (const [change, nestedId] of set.nestedIds) {
      let child = nestedId !== undefined ? byId.get(nestedId) : undefined;
      child ??= sets.find(
        (s) =>
          !claimed.has(s) &&
          s.parentId !== undefined &&
          s.parentId === set.id &&
          s.stackId !== undefined &&
          s.stackId === change.identity,
      );
      if (!child || child === set || claimed.has(child)) continue;
      childOf.set(change, child);
      claimed.add(child);
    }
  }
  const roots = sets.filter((s) => !claimed.has(s));
  for (const r of roots) {
    if (r.nested) {
      throw new InputError(
        `change set ${r.name}${r.id ? ` (${r.id})` : ''} is not the change set of a nested stack of the parent change set: no \`AWS::CloudFormation::Stack\` change there names its \`ChangeSetId\`${r.parentId ? ` (its \`ParentChangeSetId\` is ${r.parentId})` : ''}.`,
        r.source,
      );
    }
  }
  if (roots.length === 0)
    throw new InputError('the change sets name each other as nested change sets in a cycle.', sets[0].source);
  const changes: ResourceChange[] = [];
  const notices: string[] = [];
  const visited = new Set<ReadSet>();
  const walk = (set: ReadSet, prefix: string): void => {
    if (visited.has(set)) return;
    visited.add(set);
    notices.push(...set.notices);
    for (const change of set.changes) {
      const address = `${prefix}${change.address}`;
      const child = childOf.get(change);
      changes.push(
        nestedStackChange({ ...change, address }, set.nestedIds.get(change), child !== undefined, set.source),
      );
      if (child) walk(child, `${address}/`);
    }
  };
  for (const root of roots) walk(root, roots.length > 1 ? `${root.stackName ?? root.name}/` : '');
  if (visited.size !== sets.length)
    throw new InputError('the change sets name each other as nested change sets in a cycle.', sets[0].source);
  const nestedCount = sets.length - roots.length;
  const description =
    roots.length === 1
      ? `CloudFormation change set${roots[0].name ? ` ${roots[0].name}` : ''}${nestedCount ? ` with ${nestedCount} nested change set${nestedCount === 1 ? '' : 's'}` : ''}`
      : `${roots.length} CloudFormation change sets${nestedCount ? ` with ${nestedCount} nested change set${nestedCount === 1 ? '' : 's'}` : ''}`;
  return { source: 'change-set', description, changes, notices };
}

/**
 * A nested stack's change, judged: its own change set in the input is judged
 * resource by resource, so the stack itself holds nothing more. Without it, a
 * removal (`PolicyAction` Delete or none) deletes every resource inside, and a
 * modification does what the gate cannot see: both block.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html
 */
function nestedStackChange(
  change: ResourceChange,
  nestedId: string | undefined,
  judgedInside: boolean,
  source: string | undefined,
): ResourceChange {
  if (change.providerType !== NESTED_STACK || judgedInside) return change;
  if (change.action === 'create' || change.action === 'no-op' || change.action === 'read') return change;
  if (change.action === 'delete' && change.retention === 'retain') return change;
  const inside = 'deleting a nested stack deletes every resource in it, including its data stores';
  if (change.action === 'delete' || (change.action === 'replace' && !change.conditional)) {
    const why = `${inside}, and the input does not list them`;
    return { ...change, holdsData: inside, why: [...(change.why ?? []), why] };
  }
  const logicalId = lastSegment(change.address);
  const file = `${logicalId}.json`;
  // The parent's file name, for the command to run again (`<stdin>` and unnamed input: a placeholder).
  const base = source?.split(/[\\/]/).pop();
  const parentFile = base && !base.startsWith('<') ? base : 'PARENT.json';
  const message = nestedId
    ? `Its own change set (\`${nestedId}\`) is not in the input, so what it does to the resources inside, and their data, cannot be seen. Describe it and gate it with its parent: \`aws cloudformation describe-change-set --change-set-name ${nestedId} --include-property-values > ${file}\`, then \`deadbolt plan ${parentFile} --include-nested ${file}\`.`
    : `The change set has no change set of its own for it (created without \`--include-nested-stacks\`), so what it does to the resources inside, and their data, cannot be seen. Create the change set with \`aws cloudformation create-change-set --include-nested-stacks …\`, describe the \`ChangeSetId\` its \`${logicalId}\` change names with \`aws cloudformation describe-change-set --change-set-name <ARN> --include-property-values > ${file}\`, and gate it with \`deadbolt plan ${parentFile} --include-nested ${file}\`.`;
  return {
    ...change,
    holdsData: 'a nested stack holds every resource in it, including its data stores',
    knownLowerings: [
      ...(change.knownLowerings ?? []),
      {
        property: 'nested change set',
        label: "the nested stack's own change set",
        before: null,
        after: nestedId ?? null,
        afterKnown: false,
        message,
      },
    ],
  };
}

function lastSegment(address: string): string {
  return address.slice(address.lastIndexOf('/') + 1);
}

/** Reads one parsed `describe-change-set` document. */
function readOne(doc: unknown, source: string | undefined, nested: boolean): ReadSet {
  if (!isObject(doc)) throw new InputError('the change set is not a JSON object.', source);
  const list = doc.Changes;
  if (!Array.isArray(list)) throw new InputError('the change set has no `Changes` list.', source);
  const name = [doc.StackName, doc.ChangeSetName].filter((s) => typeof s === 'string').join('/');
  const notices: string[] = [];
  const status = doc.Status;
  if (status === 'CREATE_PENDING' || status === 'CREATE_IN_PROGRESS') {
    throw new InputError(
      `the change set is still being created (Status ${status}); describe it again once it is CREATE_COMPLETE.`,
      source,
    );
  }
  if (typeof status === 'string' && status.startsWith('DELETE_')) {
    throw new InputError(`the change set was deleted (Status ${status}).`, source);
  }
  if (status === 'FAILED') {
    const reason = typeof doc.StatusReason === 'string' ? doc.StatusReason : '';
    if (list.length === 0 && /didn't contain changes|no updates are to be performed/i.test(reason)) {
      notices.push('The change set has no changes.');
    } else {
      throw new InputError(
        `the change set failed (Status FAILED${reason ? `: ${reason.slice(0, 200)}` : ''}).`,
        source,
      );
    }
  }
  if (typeof doc.NextToken === 'string' && doc.NextToken !== '') {
    throw new InputError(
      'the change set output has a `NextToken`: it is one page of several. Describe it without `--max-items` (the AWS CLI then reads every page).',
      source,
    );
  }
  const stack = typeof doc.StackName === 'string' ? doc.StackName : undefined;
  const changes: ResourceChange[] = [];
  const nestedIds = new Map<ResourceChange, string | undefined>();
  list.forEach((c, i) => {
    const change = readChange(c, i, source, stack);
    if (!change) return;
    changes.push(change);
    if (change.providerType === NESTED_STACK) {
      const rc = isObject(c) && isObject(c.ResourceChange) ? c.ResourceChange : {};
      nestedIds.set(change, text(rc.ChangeSetId));
    }
  });
  return {
    source,
    nested,
    id: text(doc.ChangeSetId),
    parentId: text(doc.ParentChangeSetId),
    stackId: text(doc.StackId),
    stackName: stack,
    name,
    changes,
    nestedIds,
    notices,
  };
}

function readChange(
  raw: unknown,
  i: number,
  source: string | undefined,
  stack: string | undefined,
): ResourceChange | undefined {
  const where = `Changes[${i}]`;
  if (!isObject(raw)) throw new InputError(`\`${where}\` is not an object.`, source);
  if (raw.Type !== undefined && raw.Type !== 'Resource') {
    throw new InputError(
      `\`${where}\` has Type ${JSON.stringify(raw.Type)}; Deadbolt reads \`Resource\` changes only.`,
      source,
    );
  }
  const rc = raw.ResourceChange;
  if (!isObject(rc)) throw new InputError(`\`${where}\` has no \`ResourceChange\`.`, source);
  const id = rc.LogicalResourceId;
  if (typeof id !== 'string' || id === '') throw new InputError(`\`${where}\` has no \`LogicalResourceId\`.`, source);
  const type = rc.ResourceType;
  if (typeof type !== 'string' || type === '')
    throw new InputError(`\`${where}\` (${id}) has no \`ResourceType\`.`, source);
  const act = rc.Action;
  if (typeof act !== 'string' || !ACTIONS.has(act)) {
    throw new InputError(
      `\`${where}\` (${id}) has Action ${JSON.stringify(act ?? null)}; Deadbolt knows ${[...ACTIONS].join(', ')}.`,
      source,
    );
  }
  const replacement = rc.Replacement;
  if (
    replacement !== undefined &&
    replacement !== null &&
    (typeof replacement !== 'string' || !REPLACEMENTS.has(replacement))
  ) {
    throw new InputError(
      `\`${where}\` (${id}) has Replacement ${JSON.stringify(replacement)}; expected True, False or Conditional.`,
      source,
    );
  }
  const policy = rc.PolicyAction;
  if (policy !== undefined && policy !== null && (typeof policy !== 'string' || !POLICY_ACTIONS.has(policy))) {
    throw new InputError(
      `\`${where}\` (${id}) has PolicyAction ${JSON.stringify(policy)}; Deadbolt knows ${[...POLICY_ACTIONS].join(', ')}.`,
      source,
    );
  }
  const details: ChangedProperty[] = [];
  if (rc.Details !== undefined && !Array.isArray(rc.Details))
    throw new InputError(`\`${where}\` (${id}) has \`Details\` that is not a list.`, source);
  for (const d of (rc.Details as unknown[] | undefined) ?? []) {
    if (!isObject(d) || !isObject(d.Target)) continue;
    const t = d.Target;
    const hasValues = 'BeforeValue' in t || 'AfterValue' in t;
    details.push({
      attribute: typeof t.Attribute === 'string' ? t.Attribute : 'Properties',
      name: typeof t.Name === 'string' ? t.Name : undefined,
      path: propertyPath(t.Path),
      requiresRecreation: typeof t.RequiresRecreation === 'string' ? t.RequiresRecreation : undefined,
      changeType: typeof t.AttributeChangeType === 'string' ? t.AttributeChangeType : undefined,
      beforeValue: parseValue(t.BeforeValue),
      afterValue: parseValue(t.AfterValue),
      hasValues,
    });
  }
  let action: ChangeAction;
  let conditional = false;
  const why: string[] = [];
  switch (act) {
    case 'Add':
    case 'Import':
      action = 'create';
      break;
    case 'SyncWithActual':
      action = 'no-op';
      break;
    case 'Remove':
      action = 'delete';
      break;
    case 'Dynamic':
      action = 'replace';
      conditional = true;
      why.push('the change set cannot say yet what it will do (Action Dynamic)');
      break;
    default:
      if (replacement === 'True') action = 'replace';
      else if (replacement === 'Conditional') {
        action = 'replace';
        conditional = true;
      } else if (replacement === 'False') action = 'update';
      else {
        action = 'replace';
        conditional = true;
        why.push('the change set does not say whether it replaces the resource (no `Replacement`)');
      }
  }
  if (action === 'replace') {
    const recreating = details.filter(
      (d) => d.requiresRecreation === 'Always' || d.requiresRecreation === 'Conditionally',
    );
    if (recreating.length) {
      why.push(
        recreating
          .map(
            (d) =>
              `\`${d.name ?? d.attribute}\` ${d.requiresRecreation === 'Always' ? 'requires' : 'may require'} recreation`,
          )
          .join(', '),
      );
    }
  }
  let retention: Retention | undefined;
  // A removal is let through only when CloudFormation keeps the resource (`Retain`).
  if (policy === 'Retain' || (policy === 'ReplaceAndRetain' && action === 'replace')) retention = 'retain';
  else if (policy === 'Snapshot' || policy === 'ReplaceAndSnapshot') retention = 'snapshot';
  else if (typeof policy === 'string') retention = 'delete';
  const nativeAction = act === 'Modify' ? `Modify (Replacement ${replacement ?? 'not given'})` : act;
  const before = context(rc.BeforeContext);
  return {
    address: id,
    type,
    providerType: type,
    action,
    nativeAction,
    source: 'change-set',
    dialect: 'cloudformation',
    before,
    after: context(rc.AfterContext),
    why,
    conditional,
    retention,
    retentionSource: typeof policy === 'string' ? `PolicyAction ${policy}` : 'no PolicyAction given',
    changedProperties: details,
    identity:
      typeof rc.PhysicalResourceId === 'string' && rc.PhysicalResourceId !== '' ? rc.PhysicalResourceId : undefined,
    stack,
  };
}
