/**
 * An offline `cdk diff`: the changes between two sets of CloudFormation
 * documents (two templates, or the stacks of two cloud assemblies), paired by
 * document id and logical id.
 *
 * - A resource whose changed properties force replacement per the CloudFormation
 *   specification is a replacement (`maybe` properties: a conditional one).
 * - Protective values are compared (intrinsics resolved as far as they can be).
 * - The catalogue runs on both sides: a finding that is new after, on a resource
 *   (or stack) that exists on both sides, is a lowered protection. This is how
 *   the gate uses the catalogue's rules for CloudFormation.
 */
import { evaluate } from '../evaluate';
import { evaluateCondition, quote, resolvePath } from '../engine/values';
import type { NormalisedResource, StackDocument } from '../model';
import { defaultDeletionPolicy, readPolicy, type PolicyReading } from '../rules/general/policy';
import { isClusterMember } from '../protection/membership';
import { protectionOf } from '../protection/table';
import { isStatefulType, replacementProperties } from '../spec/stateful-types';
import { plural } from '../text/plural';
import type { ChangeAction, ClusterMember, GatePlan, ResourceChange, Retention } from './changes';
import { ABSENT_READ, deepEqual, type Lowering, type ValueSource } from './protection';

export interface TemplateDiffOptions {
  /**
   * Address resources by logical id alone (one template on each side).
   * @default - true when both sides hold one document with the same id
   */
  readonly logicalIdsOnly?: boolean;
}

/** Values of one resource, resolved against its own document on each side. */
function documentValues(before: NormalisedResource | undefined, after: NormalisedResource | undefined): ValueSource {
  return {
    read(side, path) {
      const r = side === 'before' ? before : after;
      if (!r) return ABSENT_READ;
      const v = resolvePath(r.properties, path, r.document);
      if (v.kind === 'absent') return ABSENT_READ;
      if (v.kind === 'known') return v;
      return { kind: 'unknown', shown: `${quote(v.expression, 60)} (${v.reason})` };
    },
  };
}

/** Retain 2, Snapshot 1, Delete 0. */
function policyRank(p: PolicyReading): number | undefined {
  switch (p.kind) {
    case 'keeps':
      return 2;
    case 'snapshot':
      return 1;
    case 'deletes':
    case 'snapshot-unsupported':
      return 0;
    default:
      return undefined;
  }
}

function policyText(p: PolicyReading): string {
  switch (p.kind) {
    case 'keeps':
      return p.value;
    case 'snapshot':
      return 'Snapshot';
    case 'snapshot-unsupported':
      return 'Snapshot (not supported by the type: deleted)';
    case 'deletes':
      return p.defaulted ? 'Delete (not set)' : 'Delete';
    case 'unresolved':
      return `${quote(p.expression, 60)} (${p.reason})`;
    case 'invalid':
      return quote(p.value, 60);
  }
}

function retentionOf(p: PolicyReading): Retention | undefined {
  return p.kind === 'keeps'
    ? 'retain'
    : p.kind === 'snapshot'
      ? 'snapshot'
      : p.kind === 'deletes' || p.kind === 'snapshot-unsupported'
        ? 'delete'
        : undefined;
}

/** A lowered DeletionPolicy or UpdateReplacePolicy. */
function policyLowering(
  attribute: string,
  before: PolicyReading,
  after: PolicyReading,
  consequence: string,
): Lowering | undefined {
  const b = policyRank(before);
  const a = policyRank(after);
  if (b !== undefined && a !== undefined && a >= b) return undefined;
  if (b === 0) return undefined;
  if (b === undefined && a === 2) return undefined;
  if (before.kind === after.kind && policyText(before) === policyText(after)) return undefined;
  return {
    property: attribute,
    label: attribute,
    location: attribute,
    before: policyText(before),
    after: policyText(after),
    afterKnown: a !== undefined,
    message:
      a !== undefined
        ? `\`${attribute}\` changes from ${policyText(before)} to ${policyText(after)}: ${consequence}.`
        : `\`${attribute}\` changes from ${policyText(before)} to ${policyText(after)}; it cannot be proven that it still keeps the resource.`,
  };
}

/** Compares two sets of documents; see the file comment. */
export function diffTemplates(
  beforeDocs: readonly StackDocument[],
  afterDocs: readonly StackDocument[],
  options: TemplateDiffOptions = {},
): GatePlan {
  const ids = new Set([...beforeDocs, ...afterDocs].map((d) => d.id));
  const logicalOnly = options.logicalIdsOnly ?? ids.size <= 1;
  const addressOf = (doc: StackDocument, logicalId: string) => (logicalOnly ? logicalId : `${doc.id}/${logicalId}`);
  const afterById = new Map(afterDocs.map((d) => [d.id, d]));
  const beforeById = new Map(beforeDocs.map((d) => [d.id, d]));
  // Nested stacks whose stack resource is gone after: CloudFormation deletes them with everything in them,
  // whatever a document of the same id holds after (a nested stack moved to another logical id is a new stack).
  // A nested stack removed with DeletionPolicy Retain stays, and everything in it (`retained`).
  const gone = new Map<StackDocument, string>();
  const retained = new Map<StackDocument, string>();
  const goneOf = (doc: StackDocument, depth = 0): string | undefined => {
    if (!doc.parent || depth > 32) return undefined;
    if (gone.has(doc)) return gone.get(doc);
    const { document: parent, logicalId } = doc.parent;
    const kept = afterById.get(parent.id)?.resources.get(logicalId);
    const stack = parent.resources.get(logicalId);
    let why: string | undefined;
    if (kept?.type === NESTED_STACK) why = goneOf(parent, depth + 1);
    else if (stack && readPolicy(stack, stack.deletionPolicy, defaultDeletionPolicy(stack)).kind === 'keeps')
      retained.set(
        doc,
        `DeletionPolicy ${policyText(readPolicy(stack, stack.deletionPolicy, 'Delete'))} of nested stack \`${logicalId}\``,
      );
    else
      why = `its nested stack \`${logicalId}\` is removed from \`${parent.name}\`, which deletes every resource in it`;
    if (why) gone.set(doc, why);
    return why;
  };
  for (const d of beforeDocs) goneOf(d);
  // Nested stacks whose template is in the input, by the stack resource that deploys them.
  const nestedIn = (docs: readonly StackDocument[]) =>
    new Set(docs.filter((d) => d.parent).map((d) => `${d.parent!.document.id}\u0000${d.parent!.logicalId}`));
  const nestedBefore = nestedIn(beforeDocs);
  const nestedAfter = nestedIn(afterDocs);

  // The catalogue on both sides: findings new after, by resource key (or document id for stack findings).
  const seen = new Set(evaluate({ documents: beforeDocs }).findings.map((f) => `${f.ruleId}\u0000${f.resource.key}`));
  const introduced = new Map<string, Lowering[]>();
  for (const f of evaluate({ documents: afterDocs }).findings) {
    const k = `${f.ruleId}\u0000${f.resource.key}`;
    if (seen.has(k)) continue;
    seen.add(k);
    let list = introduced.get(f.resource.key);
    if (!list) introduced.set(f.resource.key, (list = []));
    list.push({
      property: f.ruleId,
      label: f.title,
      before: null,
      after: null,
      afterKnown: !f.unresolved,
      message: `${f.message} Catalogue rule \`${f.ruleId}\` (${f.title}) passed before and fails now.`,
      location: f.location,
    });
  }

  const changes: ResourceChange[] = [];
  for (const before of beforeDocs) {
    const goneWhy = gone.get(before);
    const after = goneWhy ? undefined : afterById.get(before.id);
    for (const [logicalId, b] of before.resources) {
      const a = after?.resources.get(logicalId);
      const key = `${before.id}\u0000${logicalId}`;
      const keptBy = a ? undefined : retained.get(before);
      const change = a
        ? compareResource(b, a, addressOf(before, logicalId), introduced.get(a.key))
        : keptBy
          ? {
              ...removed(b, addressOf(before, logicalId), `its nested stack is removed but kept`),
              retention: 'retain' as const,
              retentionSource: keptBy,
            }
          : removed(
              b,
              addressOf(before, logicalId),
              goneWhy ??
                (after
                  ? 'it is no longer in the template'
                  : `its stack \`${before.name}\` is no longer in the assembly`),
            );
      changes.push(
        b.type === NESTED_STACK ? unseenNestedStack(change, nestedBefore.has(key) || nestedAfter.has(key)) : change,
      );
    }
    const stackFindings = after ? introduced.get(after.id) : undefined;
    if (after && stackFindings?.length) {
      changes.push({
        address: before.id,
        type: 'AWS::CloudFormation::Stack',
        providerType: 'stack',
        action: 'update',
        nativeAction: 'stack settings changed',
        source: 'template-diff',
        dialect: 'cloudformation',
        why: [],
        knownLowerings: stackFindings,
        stack: before.name,
      });
    }
  }
  for (const after of afterDocs) {
    const paired = beforeById.get(after.id);
    const before = paired && !gone.has(paired) ? paired : undefined;
    for (const [logicalId, a] of after.resources) {
      if (before?.resources.has(logicalId)) continue;
      changes.push({
        address: addressOf(after, logicalId),
        type: a.type,
        providerType: a.type,
        action: 'create',
        nativeAction: 'added to the template',
        source: 'template-diff',
        dialect: 'cloudformation',
        stack: after.name,
      });
    }
  }
  const description = logicalOnly ? 'template diff' : `template diff of ${plural(ids.size, 'stack')}`;
  return { source: 'template-diff', description, changes, notices: [] };
}

const NESTED_STACK = 'AWS::CloudFormation::Stack';

/**
 * A nested stack removed or changed whose template is in neither input: what
 * happens inside it cannot be judged resource by resource, so the stack holds
 * data for the gate. A removal deletes every resource in it; a change does what
 * cannot be seen. With its template in the input, its resources are judged
 * one by one and the stack itself holds nothing more.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html
 */
function unseenNestedStack(change: ResourceChange, templateKnown: boolean): ResourceChange {
  if (templateKnown || change.action === 'create' || change.action === 'no-op') return change;
  if (change.action === 'delete') {
    if (change.retention === 'retain') return change;
    const inside = 'deleting a nested stack deletes every resource in it, including its data stores';
    return {
      ...change,
      holdsData: inside,
      why: [...(change.why ?? []), `${inside}; its template is not in the input, so they cannot be judged one by one`],
    };
  }
  return {
    ...change,
    holdsData: 'a nested stack holds every resource in it, including its data stores',
    knownLowerings: [
      ...(change.knownLowerings ?? []),
      {
        property: 'nested stack template',
        label: "the nested stack's template",
        before: null,
        after: null,
        afterKnown: false,
        message:
          "The nested stack's template is not in the input, so what the change does to the resources inside, and their data, cannot be seen. Compare the two `cdk.out` directories (they hold the nested templates), or gate its change set with `--include-nested`.",
      },
    ],
  };
}

/**
 * The cluster a resource is an instance of, when every way the template deploys
 * it names one (`protection/membership.ts`): its data lives in the cluster.
 */
function memberOf(r: NormalisedResource, address: string): ClusterMember | undefined {
  const member = protectionOf(r.type)?.member;
  if (!member || !isClusterMember(r)) return undefined;
  const raw = r.properties[member.property];
  const ref =
    raw !== null && typeof raw === 'object' && typeof (raw as { Ref?: unknown }).Ref === 'string'
      ? (raw as { Ref: string }).Ref
      : undefined;
  const prefix = address.slice(0, address.length - r.logicalId.length);
  return {
    clusterTypes: member.clusterTypes,
    cluster: typeof raw === 'string' && raw !== '' ? raw : ref,
    clusterAddress: ref !== undefined && r.document.resources.has(ref) ? `${prefix}${ref}` : undefined,
    evidence: member.required ? `its type \`${r.type}\`` : `\`${member.property}\` ${quote(raw, 60)}`,
  };
}

function removed(b: NormalisedResource, address: string, why: string): ResourceChange {
  const policy = readPolicy(b, b.deletionPolicy, defaultDeletionPolicy(b));
  return {
    address,
    type: b.type,
    providerType: b.type,
    action: 'delete',
    nativeAction: 'removed from the template',
    source: 'template-diff',
    dialect: 'cloudformation',
    why: [why],
    retention: retentionOf(policy),
    retentionSource: `DeletionPolicy ${policyText(policy)}`,
    stack: b.document.name,
    member: memberOf(b, address),
  };
}

function compareResource(
  b: NormalisedResource,
  a: NormalisedResource,
  address: string,
  introduced: readonly Lowering[] | undefined,
): ResourceChange {
  const base = {
    address,
    type: a.type,
    providerType: a.type,
    source: 'template-diff' as const,
    dialect: 'cloudformation' as const,
    stack: a.document.name,
  };
  if (a.type !== b.type) {
    return {
      ...base,
      action: 'replace',
      nativeAction: 'type changed',
      why: [`its type changes from \`${b.type}\` to \`${a.type}\``],
      type: b.type,
      providerType: b.type,
    };
  }
  const names = new Set([...Object.keys(b.properties), ...Object.keys(a.properties)]);
  const changed = [...names].filter((n) => !deepEqual(b.properties[n], a.properties[n])).sort();
  const { yes, maybe } = replacementProperties(a.type);
  const forcing = changed.filter((n) => yes.includes(n));
  const possibly = changed.filter((n) => maybe.includes(n));
  const list = (ns: string[]) => ns.map((n) => `\`${n}\``).join(', ');
  let action: ChangeAction = 'no-op';
  let conditional = false;
  const why: string[] = [];
  if (forcing.length) {
    action = 'replace';
    why.push(`changing ${list(forcing)} forces replacement (CloudFormation specification)`);
  } else if (possibly.length) {
    action = 'replace';
    conditional = true;
    why.push(`changing ${list(possibly)} may force replacement (CloudFormation specification)`);
  } else if (
    changed.length ||
    !deepEqual(b.deletionPolicy, a.deletionPolicy) ||
    !deepEqual(b.updateReplacePolicy, a.updateReplacePolicy) ||
    !deepEqual(b.metadata, a.metadata)
  ) {
    action = 'update';
  }
  // A new or changed Condition can remove the resource from the stack.
  if (a.condition && a.condition !== b.condition) {
    const holds = evaluateCondition({ Condition: a.condition }, a.document);
    if (holds !== true) {
      const gone = removed(
        b,
        address,
        holds === false
          ? `its new Condition \`${a.condition}\` is false, so CloudFormation removes it`
          : `its new Condition \`${a.condition}\` is decided at deploy time, so CloudFormation may remove it`,
      );
      return { ...gone, conditional: holds === undefined };
    }
  }
  const knownLowerings: Lowering[] = [];
  if (isStatefulType(a.type)) {
    const del = policyLowering(
      'DeletionPolicy',
      readPolicy(b, b.deletionPolicy, defaultDeletionPolicy(b)),
      readPolicy(a, a.deletionPolicy, defaultDeletionPolicy(a)),
      'removing it from the template or deleting the stack now deletes the live data',
    );
    if (del) knownLowerings.push(del);
    const urp = policyLowering(
      'UpdateReplacePolicy',
      readPolicy(b, b.updateReplacePolicy, 'Delete'),
      readPolicy(a, a.updateReplacePolicy, 'Delete'),
      'a replacement now deletes the old resource and its data',
    );
    if (urp) knownLowerings.push(urp);
  }
  knownLowerings.push(...(introduced ?? []));
  if (knownLowerings.length && action === 'no-op') action = 'update';
  const replacePolicy = readPolicy(a, a.updateReplacePolicy, 'Delete');
  return {
    ...base,
    action,
    nativeAction: action === 'no-op' ? 'unchanged' : changed.length ? `changed ${list(changed)}` : 'attributes changed',
    why,
    conditional,
    retention: action === 'replace' ? retentionOf(replacePolicy) : undefined,
    retentionSource: action === 'replace' ? `UpdateReplacePolicy ${policyText(replacePolicy)}` : undefined,
    values: documentValues(b, a),
    knownLowerings,
    // A member stays one only when both sides name a cluster.
    member: action === 'replace' && memberOf(a, address) ? memberOf(b, address) : undefined,
  };
}
