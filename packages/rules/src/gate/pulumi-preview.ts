/**
 * Reads `pulumi preview --json` (the preview digest: `steps`, `diagnostics`,
 * `changeSummary`) into `ResourceChange`s. With `--show-replacement-steps` a
 * replacement is three steps (`create-replacement`, `replace`,
 * `delete-replaced`); they become one change, as a plain `replace` step does.
 * @see https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/
 */
import { InputError } from '../dialects/errors';
import { pulumiTypeMapping } from '../dialects/aws-provider-types';
import { isObject, type ChangeAction, type GatePlan, type ResourceChange } from './changes';

/** Step ops and what they do to the resource. */
const OPS: ReadonlyMap<string, ChangeAction> = new Map([
  ['same', 'no-op'],
  ['create', 'create'],
  ['update', 'update'],
  ['delete', 'delete'],
  ['replace', 'replace'],
  ['create-replacement', 'replace'],
  ['delete-replaced', 'replace'],
  ['import', 'create'],
  ['import-replacement', 'replace'],
  ['read', 'read'],
  ['read-replacement', 'read'],
  ['refresh', 'read'],
  // Discards drop a read resource, or a pending replacement, from the state: nothing is deleted.
  ['discard', 'forget'],
  ['discard-replaced', 'forget'],
  ['remove-pending-replace', 'forget'],
]);

/** The value Pulumi writes for an input or output that is known only after the update. */
export const PULUMI_UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** True when the parsed JSON claims to be a Pulumi preview. */
export function looksLikePulumiPreview(doc: unknown): boolean {
  return (
    isObject(doc) &&
    (Array.isArray(doc.steps) || isObject(doc.changeSummary)) &&
    !('resource_changes' in doc) &&
    !('Changes' in doc)
  );
}

/** The type in a URN: `urn:pulumi:stack::project::parent$type::name` → `type`. */
export function typeFromUrn(urn: string): string | undefined {
  const parts = urn.split('::');
  if (parts.length < 4 || !parts[0].startsWith('urn:pulumi:')) return undefined;
  const chain = parts[2].split('$');
  return chain[chain.length - 1] || undefined;
}

/** How a value is shown when it is not known yet, or undefined for a known value. */
export function pulumiUnknown(v: unknown): string | undefined {
  if (v === PULUMI_UNKNOWN) return '(known after update)';
  if (v === '[secret]') return '[secret]';
  return undefined;
}

interface State {
  readonly type?: string;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly custom?: boolean;
}

function readState(raw: unknown, where: string, source: string | undefined): State | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw new InputError(`\`${where}\` is not an object.`, source);
  return {
    type: typeof raw.type === 'string' ? raw.type : undefined,
    id: typeof raw.id === 'string' && raw.id !== '' ? raw.id : undefined,
    inputs: isObject(raw.inputs) ? raw.inputs : undefined,
    protect: raw.protect === true,
    retainOnDelete: raw.retainOnDelete === true,
    custom: typeof raw.custom === 'boolean' ? raw.custom : undefined,
  };
}

function reasons(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
}

/** Reads a parsed `pulumi preview --json` document. */
export function readPulumiPreview(doc: unknown, source?: string): GatePlan {
  if (!isObject(doc)) throw new InputError('the Pulumi preview is not a JSON object.', source);
  if (Array.isArray(doc.diagnostics)) {
    const error = doc.diagnostics.find((d) => isObject(d) && d.severity === 'error');
    if (error) {
      const message =
        isObject(error) && typeof error.message === 'string' ? error.message.replace(/\s+/g, ' ').trim() : '';
      throw new InputError(
        `the Pulumi preview reported an error${message ? ` (${message.slice(0, 200)})` : ''}, so what it would change is not known.`,
        source,
      );
    }
  }
  const steps = doc.steps;
  if (steps === undefined) {
    // `steps` is omitted when empty; a summary that counts changes without them cannot be judged.
    const summary = isObject(doc.changeSummary) ? doc.changeSummary : {};
    const changing = Object.entries(summary).filter(([op, n]) => op !== 'same' && typeof n === 'number' && n > 0);
    if (changing.length) {
      throw new InputError(
        `the Pulumi preview counts changes (${changing.map(([op, n]) => `${op}: ${n}`).join(', ')}) but lists no \`steps\`.`,
        source,
      );
    }
    return { source: 'pulumi-preview', description: 'Pulumi preview', changes: [], notices: [] };
  }
  if (!Array.isArray(steps)) throw new InputError('`steps` is not a list.', source);
  const changes: ResourceChange[] = [];
  const replacements = new Map<string, number>();
  for (let i = 0; i < steps.length; i++) {
    const change = readStep(steps[i], i, source);
    if (change.action === 'replace') {
      // One change per replaced resource, whatever steps show it.
      const at = replacements.get(change.address);
      if (at !== undefined) {
        changes[at] = mergeReplacement(changes[at], change);
        continue;
      }
      replacements.set(change.address, changes.length);
    }
    changes.push(change);
  }
  return { source: 'pulumi-preview', description: 'Pulumi preview', changes, notices: [] };
}

function readStep(step: unknown, i: number, source: string | undefined): ResourceChange {
  const where = `steps[${i}]`;
  if (!isObject(step)) throw new InputError(`\`${where}\` is not an object.`, source);
  const { op, urn } = step;
  if (typeof urn !== 'string' || urn === '') throw new InputError(`\`${where}\` has no \`urn\`.`, source);
  if (typeof op !== 'string') throw new InputError(`\`${where}\` (${urn}) has no \`op\`.`, source);
  let action = OPS.get(op);
  if (!action)
    throw new InputError(
      `\`${where}\` (${urn}) has op \`${op}\`, which Deadbolt does not know; it cannot judge the preview.`,
      source,
    );
  const old = readState(step.oldState, `${where}.oldState`, source);
  const neu = readState(step.newState, `${where}.newState`, source);
  const providerType = neu?.type ?? old?.type ?? typeFromUrn(urn);
  if (!providerType) throw new InputError(`\`${where}\` (${urn}) names no resource type.`, source);
  const why: string[] = [];
  const replaceReasons = reasons(step.replaceReasons);
  if (replaceReasons.length)
    why.push(`changing ${replaceReasons.map((r) => `\`${r}\``).join(', ')} forces replacement`);
  if (op === 'replace' && !step.oldState && !step.newState) why.push('shown as one `replace` step');
  // `protect` and `retainOnDelete` are resource options: a `same` step can turn them off.
  const unprotects = old?.protect === true && neu !== undefined && neu.protect !== true;
  if (unprotects && (action === 'no-op' || action === 'update')) action = 'protect-off';
  else if (action === 'no-op' && old?.retainOnDelete === true && neu !== undefined && neu.retainOnDelete !== true)
    action = 'update';
  if (unprotects && action === 'replace') why.push('`protect` is turned off in the same update');
  let container: string | undefined;
  if (providerType.startsWith('pulumi:')) container = 'Pulumi stack or provider, holds no data';
  else if ((old?.custom ?? neu?.custom) === false) container = 'component resource: its children are judged one by one';
  const mapping = container ? undefined : pulumiTypeMapping(providerType);
  const retain = (action === 'delete' || action === 'replace') && old?.retainOnDelete === true;
  return {
    address: urn,
    type: mapping?.cloudFormationType,
    providerType,
    part: mapping?.part,
    container:
      container ??
      (mapping && !mapping.cloudFormationType ? 'no CloudFormation counterpart, holds no data' : undefined),
    action,
    nativeAction: op,
    source: 'pulumi-preview',
    dialect: 'pulumi',
    before: old?.inputs,
    after: neu?.inputs,
    why,
    retention: retain ? 'retain' : undefined,
    retentionSource: retain ? '`retainOnDelete: true`' : undefined,
    options: {
      before: old ? { protect: old.protect, retainOnDelete: old.retainOnDelete } : undefined,
      after: neu ? { protect: neu.protect, retainOnDelete: neu.retainOnDelete } : undefined,
    },
    identity: old?.id,
  };
}

function mergeReplacement(a: ResourceChange, b: ResourceChange): ResourceChange {
  const why = [...(a.why ?? []), ...(b.why ?? [])].filter(
    (w, i, all) => all.indexOf(w) === i && w !== 'shown as one `replace` step',
  );
  return {
    ...a,
    nativeAction: `${a.nativeAction}, ${b.nativeAction}`,
    before: a.before ?? b.before,
    after: a.after ?? b.after,
    why,
    retention: a.retention ?? b.retention,
    retentionSource: a.retentionSource ?? b.retentionSource,
    options: { before: a.options?.before ?? b.options?.before, after: a.options?.after ?? b.options?.after },
    identity: a.identity ?? b.identity,
  };
}
