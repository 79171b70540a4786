/**
 * Decides, for each change, whether it loses data: block (with the reason and
 * the action an approval must name) or allow. Which types hold data is the
 * catalogue's answer (`isStatefulType`); which values protect them is
 * `PROTECTIVE_PROPERTIES`.
 *
 * Blocks: deletes and replacements of stateful types (and of unmapped types
 * whose name says they store data, and of types nothing decides: the user
 * decides them with `--stateful-types`); updates that lower a protection;
 * Pulumi steps that turn `protect` off. Lets through everything else, reporting
 * removals that keep the resource (`PolicyAction Retain`, Terraform `forget`)
 * and removals of types the user declared stateless.
 */
import { looksDataBearing } from '../dialects/aws-provider-types';
import {
  awsServiceDataDecision,
  isCloudFormationSpecType,
  isTableProviderType,
  providerDataDecision,
  tableServiceDataDecision,
} from '../protection/provider-types';
import { isStatefulType } from '../spec/stateful-types';
import type { ChangedProperty, ResourceChange } from './changes';
import { clusterMemberOf, clusterRemovals, memberNote, removedCluster, type ClusterRemovals } from './members';
import { googleAbandonment, googleTerraformType } from './google';
import { pulumiUnknown } from './pulumi-preview';
import { declarationOf, type AppliedDeclaration, type TypeDeclarations } from './type-declarations';
import {
  compare,
  formatPath,
  PROTECTIVE_PROPERTIES,
  parsePath,
  plainValues,
  protectionLowerings,
  protectiveSettingsOf,
  type Lowering,
  type PropertyPath,
} from './protection';

/** What an approval names: the kind of destructive change it accepts. */
export type ApprovalAction = 'delete' | 'replace' | 'update' | 'protect-off';

export const APPROVAL_ACTIONS: readonly ApprovalAction[] = ['delete', 'replace', 'update', 'protect-off'];

/**
 * Whether the resource holds data: `stateful` per the catalogue, `unknown`
 * (unmapped, with a data-store word in its name: treated as stateful), `part`
 * (configures a stateful resource, holds no data itself), `member` (an
 * instance of a cluster that holds its data, deleted or replaced while the
 * cluster stays: `members.ts`), `stateless`, `undecided` (nothing decides the
 * type: neither the protection table, the provider type table, a data-store
 * word nor the user's `--stateful-types`; treated as stateful until decided).
 */
export type DataKind = 'stateful' | 'unknown' | 'part' | 'member' | 'stateless' | 'undecided';

export interface Decision {
  readonly change: ResourceChange;
  readonly verdict: 'block' | 'allow';
  /** Set when blocked: the action an approval must name to let it through. */
  readonly approvalAction?: ApprovalAction;
  /** Why it loses data (blocked), one sentence each. */
  readonly reasons: readonly string[];
  /** The protections it lowers. */
  readonly lowerings: readonly Lowering[];
  readonly data: DataKind;
  /** For a change let through that is worth reporting (a removal that keeps the resource): why it is safe. */
  readonly note?: string;
}

/** Whether a resource holds data, and what says so. */
export interface DataKindReading {
  readonly kind: DataKind;
  /** The data-store word in the name of an unmapped type (`unknown`). */
  readonly word?: string;
  /** The user's declaration that decided it (`--stateful-types`). */
  readonly declared?: AppliedDeclaration;
}

/**
 * Whether the change's resource holds data. In order: what the reader knows
 * (a nested stack, a data source, a component); the user's `stateful`
 * declarations; the protection table (CloudFormation types, and AWS provider
 * types through their CloudFormation type); the provider type table
 * (`protection/provider-types.ts`: Google Cloud, Azure, AWS types without a
 * CloudFormation counterpart, providers that hold no data); for any other
 * type, a data-store word in the name (`unknown`, treated as stateful; not for
 * Google Cloud and Azure types, which the table lists one by one), an AWS,
 * Google Cloud or Azure service with no data store (or whose data stores the
 * table lists); the user's `stateless` declarations; else `undecided`.
 */
export function dataKindOf(change: ResourceChange, declarations?: TypeDeclarations): DataKindReading {
  if (change.holdsData) return STATEFUL;
  if (change.container) return STATELESS;
  const declared = declarations ? declarationOf(declarations, change.providerType) : undefined;
  if (declared?.kind === 'stateful') return { kind: 'stateful', declared };
  if (change.part) return PART;
  if (change.type) {
    if (isStatefulType(change.type)) return STATEFUL;
    // A provider type maps only to a type the specification knows; a change set names any type it is given.
    if (change.type !== change.providerType || isCloudFormationSpecType(change.type)) return STATELESS;
  }
  const decided = providerDataDecision(change.providerType);
  if (decided) return decided.decision === 'stateful' ? STATEFUL : decided.decision === 'part' ? PART : STATELESS;
  if (isTableProviderType(change.providerType)) {
    if (tableServiceDataDecision(change.providerType)) return STATELESS;
    return declared ? { kind: 'stateless', declared } : UNDECIDED;
  }
  const word = looksDataBearing(change.providerType);
  if (word) return declared ? { kind: 'stateless', declared } : { kind: 'unknown', word };
  if (awsServiceDataDecision(change.providerType)) return STATELESS;
  return declared ? { kind: 'stateless', declared } : UNDECIDED;
}

const STATELESS = Object.freeze({ kind: 'stateless' as const });
const STATEFUL = Object.freeze({ kind: 'stateful' as const });
const PART = Object.freeze({ kind: 'part' as const });
const UNDECIDED = Object.freeze({ kind: 'undecided' as const });

/** The sentence a change of a type nothing decides is blocked with. */
export function undecidedSentence(type: string): string {
  return `Deadbolt does not know whether ${type} holds data: decide with --stateful-types`;
}

function because(change: ResourceChange): string {
  return change.why?.length ? ` (${change.why.join('; ')})` : '';
}

function deleteSentence(change: ResourceChange): string {
  const snapshot = change.retention === 'snapshot';
  switch (change.source) {
    case 'terraform-plan':
      return `Terraform destroys it and the data in it${because(change)}.`;
    case 'pulumi-preview':
      return `Pulumi deletes it and the data in it${because(change)}.`;
    case 'change-set':
    case 'template-diff': {
      const why = change.why?.length ? `${change.why.join('; ')}; ` : '';
      const policy = change.retentionSource ? ` (${why}${change.retentionSource})` : because(change);
      if (change.conditional) return `CloudFormation may delete it and the data in it${policy}.`;
      return snapshot
        ? `CloudFormation takes a final snapshot, then deletes it: the live data and its automated backups are gone${policy}.`
        : `CloudFormation deletes it and the data in it${policy}.`;
    }
  }
}

function replaceSentence(change: ResourceChange): string {
  const retain = change.retention === 'retain';
  switch (change.source) {
    case 'terraform-plan':
      if (retain)
        return `Terraform creates a new, empty one in its place and leaves the old one and its data unmanaged (${change.retentionSource})${because(change)}.`;
      return change.createBeforeDelete
        ? `Terraform creates a new, empty one, then destroys the old one and the data in it${because({ ...change, why: ['create_before_destroy', ...(change.why ?? [])] })}.`
        : `Terraform destroys it and the data in it, then creates a new, empty one${because(change)}.`;
    case 'pulumi-preview':
      return retain
        ? `Pulumi replaces it with a new, empty one and leaves the old one and its data unmanaged (${change.retentionSource})${because(change)}.`
        : `Pulumi replaces it: a new, empty one takes its place and the old one is deleted with its data${because(change)}.`;
    case 'change-set':
    case 'template-diff': {
      const verb = change.conditional ? 'may replace' : 'replaces';
      const old = retain
        ? 'a new, empty one takes its place and the old one is left outside the stack'
        : change.retention === 'snapshot'
          ? 'a snapshot is taken, then the old one is deleted with its live data'
          : 'the old one is deleted with its data';
      const details = [...(change.why ?? []), ...(change.retentionSource ? [change.retentionSource] : [])];
      return `CloudFormation ${verb} it: ${old}${details.length ? ` (${details.join('; ')})` : ''}.`;
    }
  }
}

function unknownPrefix(reading: DataKindReading): string {
  if (reading.declared) return `Declared stateful in ${reading.declared.source}: ${reading.declared.reason}. `;
  return reading.word ? `Unknown type, treated as stateful (its name says \`${reading.word}\`). ` : '';
}

/** For a type guessed from its name: how to decide it instead. */
function unknownSuffix(reading: DataKindReading): string {
  return reading.word ? ' If it holds no data, declare it stateless with --stateful-types.' : '';
}

/** Why a change of an undecided type is blocked, with the tool's reason for deleting or replacing it. */
function undecidedReason(change: ResourceChange): string {
  return `${undecidedSentence(change.providerType)}${because(change)}.`;
}

/** The note on a delete or replacement let through because the user declared the type stateless. */
function declaredStatelessNote(change: ResourceChange, reading: DataKindReading): string | undefined {
  const d = reading.declared;
  if (!d || d.kind !== 'stateless' || (change.action !== 'delete' && change.action !== 'replace')) return undefined;
  return `Declared stateless in ${d.source}: ${d.reason}; let through.`;
}

function isPrefix(prefix: readonly string[], path: PropertyPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}

/** Builds sparse before/after objects from the change set's valued details. */
function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let o = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = o[path[i]];
    if (next === null || typeof next !== 'object') o[path[i]] = {};
    o = o[path[i]] as Record<string, unknown>;
  }
  o[path[path.length - 1]] = value;
}

const POLICY_RANK: Readonly<Record<string, number>> = { Retain: 2, RetainExceptOnCreate: 2, Snapshot: 1, Delete: 0 };

/**
 * Lowerings of a change set entry. Without values (a change set described
 * without `--include-property-values`) a touched protective property is a
 * lowering: "changes X; the change set does not say to what".
 */
function changeSetLowerings(change: ResourceChange, type: string): Lowering[] {
  if (change.before && change.after)
    return protectionLowerings(type, 'cloudformation', plainValues(change.before, change.after));
  const details = change.changedProperties ?? [];
  const out: Lowering[] = [];
  const unsaid = (property: string): Lowering => ({
    property,
    label: property,
    before: null,
    after: null,
    afterKnown: false,
    message: `changes \`${property}\`; the change set does not say to what.`,
  });
  for (const prop of PROTECTIVE_PROPERTIES[type] ?? []) {
    for (const text of prop.cloudformation ?? []) {
      const path = parsePath(text);
      const touched = details.filter((d) => d.attribute === 'Properties' && d.name === path[0]);
      if (!touched.length) continue;
      // With values, a change set lists each changed leaf: a protective path none of them covers did not change.
      if (touched.some((d) => d.hasValues && d.path) && !path.includes('*')) {
        if (
          !touched.some((d) => d.hasValues && d.path && (isPrefix(d.path, path) || isPrefix(path as string[], d.path)))
        )
          continue;
      }
      const valued = touched.filter(
        (d): d is ChangedProperty & { path: string[] } => d.hasValues && !!d.path && isPrefix(d.path, path),
      );
      if (!valued.length || path.includes('*')) {
        if (!out.some((l) => l.property === String(path[0]))) out.push(unsaid(String(path[0])));
        continue;
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const d of valued) {
        if (d.changeType !== 'Add' && d.beforeValue !== undefined) setAt(before, d.path, d.beforeValue);
        if (d.changeType !== 'Remove' && d.afterValue !== undefined) setAt(after, d.path, d.afterValue);
      }
      const values = plainValues(before, after);
      const l = compare(
        prop,
        'cloudformation',
        formatPath(path),
        values.read('before', path),
        values.read('after', path),
      );
      if (l) out.push(l);
    }
  }
  if (isStatefulType(type)) {
    for (const attribute of ['DeletionPolicy', 'UpdateReplacePolicy']) {
      for (const d of details.filter((x) => x.attribute === attribute)) {
        if (!d.hasValues) {
          out.push(unsaid(attribute));
          continue;
        }
        const b = typeof d.beforeValue === 'string' ? POLICY_RANK[d.beforeValue] : undefined;
        const a = typeof d.afterValue === 'string' ? POLICY_RANK[d.afterValue] : undefined;
        if (b !== undefined && a !== undefined && a >= b) continue;
        if (b === 0) continue;
        out.push({
          property: attribute,
          label: attribute,
          before: d.beforeValue ?? null,
          after: d.afterValue ?? null,
          afterKnown: a !== undefined,
          message: `\`${attribute}\` changes from ${JSON.stringify(d.beforeValue ?? 'not set')} to ${JSON.stringify(d.afterValue ?? 'not set')}: the resource is no longer kept when it leaves the stack.`,
        });
      }
    }
  }
  return out;
}

/** Every protection the change lowers. A deleted part lowers what it configured (its values become absent). */
export function loweringsOf(change: ResourceChange, data: DataKind = dataKindOf(change).kind): Lowering[] {
  // A Google resource is judged by its Terraform type, whichever dialect names it.
  const type = change.type ?? googleTerraformType(change.providerType);
  const settings = type ? protectiveSettingsOf(type) : undefined;
  // Most changes have nothing that could be lowered: answer them without allocating.
  if (!settings && !change.knownLowerings?.length && !change.options) return [];
  const out: Lowering[] = [];
  if (type && settings) {
    if (change.source === 'change-set') out.push(...changeSetLowerings(change, type));
    else {
      const after = change.action === 'delete' ? {} : change.after;
      const values =
        change.values ??
        plainValues(change.before, after, {
          afterUnknown: change.afterUnknown,
          isUnknown: change.dialect === 'pulumi' ? pulumiUnknown : undefined,
        });
      out.push(...protectionLowerings(type, change.dialect, values, change.providerType));
    }
  }
  // The reader's own lowerings (a template diff's policies and catalogue findings), unless a value comparison already says it.
  for (const known of change.knownLowerings ?? []) {
    const at = known.location?.replace(/^Properties\//, '').replace(/\//g, '.');
    if (
      at &&
      out.some(
        (l) =>
          l.property === at ||
          l.property.startsWith(`${at}.`) ||
          at.startsWith(`${l.property}.`) ||
          l.location === known.location,
      )
    )
      continue;
    out.push(known);
  }
  const opts = change.options;
  if (
    (data === 'stateful' || data === 'unknown' || data === 'undecided') &&
    opts?.before?.retainOnDelete &&
    opts.after &&
    !opts.after.retainOnDelete
  ) {
    out.push({
      property: 'retainOnDelete',
      label: 'retainOnDelete',
      before: true,
      after: false,
      afterKnown: true,
      message: '`retainOnDelete` goes from true to false: removing it from the program now deletes it and its data.',
    });
  }
  const seen = new Set<string>();
  return out.filter((l) => (seen.has(l.message) ? false : (seen.add(l.message), true)));
}

function allow(change: ResourceChange, data: DataKind, note?: string, lowerings: readonly Lowering[] = []): Decision {
  return { change, verdict: 'allow', reasons: [], lowerings, data, note };
}

function block(
  change: ResourceChange,
  data: DataKind,
  approvalAction: ApprovalAction,
  reasons: string[],
  lowerings: readonly Lowering[],
): Decision {
  return { change, verdict: 'block', approvalAction, reasons, lowerings, data };
}

/** A Google replacement whose old resource `deletion_policy` ABANDON leaves in place: said as a kept old resource. */
function abandonedOld(change: ResourceChange): ResourceChange {
  const abandoned = change.retention ? undefined : googleAbandonment(change);
  return abandoned
    ? { ...change, retention: 'retain', retentionSource: `abandoned, not deleted: ${abandoned}` }
    : change;
}

/** A cluster instance whose cluster the plan keeps: let through, saying why (`members.ts`). */
function asMember(change: ResourceChange, clusters: ClusterRemovals): Decision | undefined {
  const member = change.member ?? clusterMemberOf(change);
  if (!member || removedCluster(member, clusters)) return undefined;
  return allow(change, 'member', memberNote(change, member));
}

/**
 * Decides one change. `clusters`: the plan's cluster deletions and
 * replacements, so that a cluster instance is let through only while its
 * cluster stays (`classifyChanges` passes them). `declarations`: the user's
 * `--stateful-types`.
 */
export function classifyChange(
  change: ResourceChange,
  clusters: ClusterRemovals = clusterRemovals([]),
  declarations?: TypeDeclarations,
): Decision {
  const reading = dataKindOf(change, declarations);
  const data = reading.kind;
  const holdsData = data === 'stateful' || data === 'unknown' || data === 'undecided';
  switch (change.action) {
    case 'create':
    case 'read':
    case 'no-op':
      return allow(change, data);
    case 'forget':
      return allow(
        change,
        data,
        holdsData
          ? "Removed from the tool's state only: the resource and its data stay, no longer managed."
          : undefined,
      );
    case 'delete': {
      if (data === 'part') {
        const lowerings = loweringsOf(change, data);
        return lowerings.length
          ? block(
              change,
              data,
              'delete',
              lowerings.map((l) => l.message),
              lowerings,
            )
          : allow(change, data);
      }
      if (!holdsData) return allow(change, data, declaredStatelessNote(change, reading));
      const abandoned = googleAbandonment(change);
      if (abandoned) {
        return allow(
          change,
          data,
          `Abandoned, not deleted (${abandoned}): ${change.source === 'pulumi-preview' ? 'Pulumi' : 'Terraform'} removes it from its state and leaves the resource and its data in place.`,
        );
      }
      if (change.retention === 'retain') {
        return allow(
          change,
          data,
          `Removed from ${change.source === 'pulumi-preview' ? 'the stack' : 'management'} but kept (${change.retentionSource}): the resource and its data stay.`,
        );
      }
      const member = asMember(change, clusters);
      if (member) return member;
      return block(
        change,
        data,
        'delete',
        [
          data === 'undecided'
            ? undecidedReason(change)
            : unknownPrefix(reading) + deleteSentence(change) + unknownSuffix(reading),
        ],
        [],
      );
    }
    case 'replace': {
      if (data === 'part') {
        const lowerings = loweringsOf(change, data);
        return lowerings.length
          ? block(
              change,
              data,
              'replace',
              lowerings.map((l) => l.message),
              lowerings,
            )
          : allow(change, data);
      }
      if (!holdsData) return allow(change, data, declaredStatelessNote(change, reading));
      const member = asMember(change, clusters);
      if (member) return member;
      const lowerings = loweringsOf(change, data);
      return block(
        change,
        data,
        'replace',
        [
          data === 'undecided'
            ? undecidedReason(change)
            : unknownPrefix(reading) + replaceSentence(abandonedOld(change)) + unknownSuffix(reading),
          ...lowerings.map((l) => l.message),
        ],
        lowerings,
      );
    }
    case 'update': {
      const lowerings = loweringsOf(change, data);
      return lowerings.length
        ? block(
            change,
            data,
            'update',
            lowerings.map((l) => l.message),
            lowerings,
          )
        : allow(change, data);
    }
    case 'protect-off': {
      const lowerings = loweringsOf(change, data);
      return block(
        change,
        data,
        'protect-off',
        [
          '`protect` goes from true to false: Pulumi no longer refuses to delete or replace it.',
          ...lowerings.map((l) => l.message),
        ],
        lowerings,
      );
    }
  }
}

/** Decides every change, in order; `declarations` are the user's `--stateful-types`. */
export function classifyChanges(changes: readonly ResourceChange[], declarations?: TypeDeclarations): Decision[] {
  const out: Decision[] = new Array(changes.length);
  const clusters = clusterRemovals(changes);
  for (let i = 0; i < changes.length; i++) out[i] = classifyChange(changes[i], clusters, declarations);
  return out;
}
