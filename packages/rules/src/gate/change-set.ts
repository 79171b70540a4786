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

/** Reads a parsed `describe-change-set` document. */
export function readChangeSet(doc: unknown, source?: string): GatePlan {
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
  list.forEach((c, i) => {
    const change = readChange(c, i, source, stack);
    if (change) changes.push(change);
  });
  for (const c of changes) {
    if (c.providerType === 'AWS::CloudFormation::Stack' && c.action !== 'create' && c.action !== 'no-op') {
      notices.push(
        `Nested stack \`${c.address}\` has its own change set; judge it too (describe-change-set --change-set-name <its ChangeSetId>).`,
      );
    }
  }
  return { source: 'change-set', description: `CloudFormation change set${name ? ` ${name}` : ''}`, changes, notices };
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
  return {
    address: id,
    type,
    providerType: type,
    action,
    nativeAction,
    source: 'change-set',
    dialect: 'cloudformation',
    before: context(rc.BeforeContext),
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
