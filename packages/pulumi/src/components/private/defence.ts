/**
 * The safe components defend what they force. A child's settings can still be
 * changed after the component sets them: by a stack transformation
 * (`pulumi.runtime.registerStackTransformation`), or by the `transformations`
 * of a component that wraps this one (or of a subclass). The SDK runs a
 * resource's transformations in this order: its own `transformations` option,
 * then its parent's chain, up to the stack's.
 * @see https://www.pulumi.com/docs/iac/concepts/options/transformations/
 *
 * So each guarded child carries one transformation of its own: it runs first,
 * records what the component set, appends itself to the end of the child's
 * chain (the SDK's loop reaches what is appended), and on that last run compares
 * the final args and options with what the component set. A setting the
 * catalogue's protection table says is lowered (`protectionLowerings`, the plan
 * gate's comparison) refuses the registration, as do `protect`,
 * `retainOnDelete` or the deletion guard hook taken off and `deleteBeforeReplace`
 * turned on. A value replaced by an Output or a Promise cannot be read now: it
 * is refused (fail closed), never waited for.
 */
import * as pulumi from '@pulumi/pulumi';
import {
  PROTECTIVE_PROPERTIES,
  protectionLowerings,
  pulumiTypeMapping,
  type PropertyPath,
  type ValueRead,
  type ValueSource,
} from '@deadbolt/rules';
import { DELETION_GUARD_HOOK_NAME } from '../../hooks/deletion-guard';
import { isDeferred, refuse } from './guards';

/** What the SDK keeps on every resource (`@pulumi/pulumi` resource.js), not in its declarations. */
interface ResourceInternals {
  readonly __pulumiType?: string;
  readonly __name?: string;
  __transformations?: pulumi.ResourceTransformation[];
}

/** What the component set on one child: read on the defence's first run, before any other transformation. */
interface Given {
  readonly props: pulumi.Inputs;
  readonly opts: pulumi.ResourceOptions;
}

/** Outputs and Promises, numbered so that an unchanged one reads the same on both sides. */
const deferredIds = new WeakMap<object, number>();
let nextDeferredId = 1;
function deferredLabel(v: object): string {
  let id = deferredIds.get(v);
  if (id === undefined) deferredIds.set(v, (id = nextDeferredId++));
  return `an Output (#${id})`;
}

/**
 * Reads a path from args, with the plan gate's path rules (`parsePath`'s
 * segments; a `[0]` on an object reads the object, as Pulumi writes a one-element
 * block); an Output or a Promise on the way is unknown, named by its identity.
 */
function read(root: unknown, path: PropertyPath): ValueRead {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || v === undefined) return { kind: 'absent' };
    if (isDeferred(v)) return { kind: 'unknown', shown: deferredLabel(v as object) };
    if (typeof seg === 'number') {
      if (Array.isArray(v)) v = v[seg];
      else if (typeof v === 'object' && seg === 0) continue;
      else return { kind: 'absent' };
    } else {
      if (Array.isArray(v)) {
        if (v.length !== 1) return { kind: 'absent' };
        v = v[0];
        if (isDeferred(v)) return { kind: 'unknown', shown: deferredLabel(v as object) };
      }
      if (typeof v !== 'object' || v === null) return { kind: 'absent' };
      v = (v as Record<string, unknown>)[seg];
    }
  }
  if (v === undefined) return { kind: 'absent' };
  if (isDeferred(v)) return { kind: 'unknown', shown: deferredLabel(v as object) };
  return { kind: 'known', value: v };
}

/** A weakening of one child, in words: what changed, and the catalogue rule that judges it. */
interface Weakening {
  readonly setting: string;
  readonly change: string;
  readonly ruleId?: string;
}

/** The options a guarded child must keep, as the component set them. */
function optionWeakenings(given: pulumi.ResourceOptions, final: pulumi.ResourceOptions): Weakening[] {
  const out: Weakening[] = [];
  const custom = final as pulumi.CustomResourceOptions;
  if (given.protect === true && final.protect !== true) {
    out.push({
      setting: 'protect',
      change: `\`protect\` changes from true to ${JSON.stringify(final.protect ?? null)}: Pulumi applies it and a delete or replacement in the same \`pulumi up\``,
      ruleId: 'general-deletion-policy',
    });
  }
  if (given.retainOnDelete === true && final.retainOnDelete !== true) {
    out.push({
      setting: 'retainOnDelete',
      change: `\`retainOnDelete\` changes from true to ${JSON.stringify(final.retainOnDelete ?? null)}: removing it from the program, or replacing it, deletes the cloud resource and its data`,
      ruleId: 'general-deletion-policy',
    });
  }
  const guarded = (o: pulumi.ResourceOptions) =>
    (o.hooks?.beforeDelete ?? []).some((h) => (h as { name?: string })?.name === DELETION_GUARD_HOOK_NAME);
  if (guarded(given) && !guarded(final)) {
    out.push({
      setting: 'hooks.beforeDelete',
      change: `the \`${DELETION_GUARD_HOOK_NAME}\` \`beforeDelete\` hook is taken off: \`pulumi destroy\` then deletes it without a break-glass entry`,
    });
  }
  if ((given as pulumi.CustomResourceOptions).deleteBeforeReplace !== true && custom.deleteBeforeReplace === true) {
    out.push({
      setting: 'deleteBeforeReplace',
      change:
        '`deleteBeforeReplace` is turned on: a replacement deletes the resource, and its data, before its replacement exists',
    });
  }
  return out;
}

/** The settings the protection table says are lowered between what the component set and the final args. */
function settingWeakenings(type: string, given: pulumi.Inputs, final: pulumi.Inputs): Weakening[] {
  const cfnType = pulumiTypeMapping(type)?.cloudFormationType;
  if (!cfnType || !PROTECTIVE_PROPERTIES[cfnType]) return [];
  const source: ValueSource = {
    read: (side, path) => read(side === 'before' ? given : final, path),
  };
  return protectionLowerings(cfnType, 'pulumi', source).map((l) => {
    const setting = PROTECTIVE_PROPERTIES[cfnType].find((s) => s.label === l.label);
    return { setting: l.property, change: l.message.replace(/\.$/, ''), ruleId: setting?.ruleId };
  });
}

/**
 * A setting a component pins on a child whose type the protection table does not judge (Google Cloud types): the
 * final args must hold exactly this value at this path.
 */
export interface PinnedSetting {
  /** The path in the child's args (`['settings', 'deletionProtectionEnabled']`). */
  readonly path: readonly string[];
  /** The value the component set. */
  readonly value: unknown;
  /** The catalogue rule that judges it, when one does. */
  readonly ruleId?: string;
}

/** The pinned settings the final args no longer hold; an Output or a Promise on the way cannot be read, so it is one. */
function pinnedWeakenings(final: pulumi.Inputs, pinned: readonly PinnedSetting[]): Weakening[] {
  const out: Weakening[] = [];
  for (const p of pinned) {
    const got = read(final, p.path);
    if (got.kind === 'known' && JSON.stringify(got.value) === JSON.stringify(p.value)) continue;
    const shown = got.kind === 'known' ? JSON.stringify(got.value) : got.kind === 'unknown' ? got.shown : 'nothing';
    out.push({
      setting: p.path.join('.'),
      change: `\`${p.path.join('.')}\` changes from ${JSON.stringify(p.value)} to ${shown}`,
      ruleId: p.ruleId,
    });
  }
  return out;
}

/** The SDK class of a type token: `aws:rds/instance:Instance` is `aws.rds.Instance`. */
function sdkClass(token: string): string {
  const [pkg, mod, cls] = token.split(':');
  return [pkg, (mod ?? '').split('/')[0], cls].filter((p) => p).join('.');
}

/** The child's type token and name, and the component's, for the message. */
function describe(component: pulumi.Resource): { type: string; name: string; cls: string } {
  const r = component as unknown as ResourceInternals;
  const type = r.__pulumiType ?? 'deadbolt component';
  return { type, name: r.__name ?? '<unnamed>', cls: type.split(':').pop() ?? type };
}

/**
 * The transformation that defends one guarded child of `component`. Put it in
 * the child's own `transformations` option (it must run first there to read what
 * the component set); it moves itself to the end of the chain.
 */
export function defendChild(
  component: pulumi.Resource,
  pinned: readonly PinnedSetting[] = [],
): pulumi.ResourceTransformation {
  const given = new WeakMap<pulumi.Resource, Given>();
  const defence: pulumi.ResourceTransformation = (a) => {
    const chain = (a.resource as unknown as ResourceInternals).__transformations;
    const first = given.get(a.resource);
    if (!first) {
      given.set(a.resource, { props: a.props, opts: a.opts });
      // Run again after every other transformation of this resource (the SDK iterates the array it is given).
      if (Array.isArray(chain) && chain[chain.length - 1] !== defence) chain.push(defence);
      return undefined;
    }
    const weakenings = [
      ...settingWeakenings(a.type, first.props, a.props),
      ...pinnedWeakenings(a.props, pinned),
      ...optionWeakenings(first.opts, a.opts),
    ];
    if (weakenings.length === 0) return undefined;
    const { type, name, cls } = describe(component);
    const list = weakenings.map((w) => `${w.change}${w.ruleId ? ` (${w.ruleId})` : ''}`).join('; ');
    const rules = [...new Set(weakenings.map((w) => w.ruleId).filter((id): id is string => !!id))];
    const acknowledgements = (rules.length ? rules : ['<rule id>'])
      .map((id) => `{ resource: '<its URN>', id: '${id}', reason: '<why>', expires: 'YYYY-MM-DD' }`)
      .join(', ');
    refuse(
      type,
      name,
      `a transformation weakened its child \`${a.name}\` (${a.type}) after ${cls} set it, so ${cls} refuses its registration: ${list}. ` +
        `Fix: make the transformation leave ${cls}'s children alone (\`if (args.opts.parent instanceof ${cls}) return undefined;\`), ` +
        `and pass what you need through ${cls}'s args (a longer retention, tags). ` +
        `To accept the risk in writing, create the resource without ${cls} (a plain \`${sdkClass(a.type)}\`) ` +
        `and acknowledge the finding with a reason: \`enforceDataProtection({ acknowledge: [${acknowledgements}] })\`.`,
    );
  };
  return defence;
}
