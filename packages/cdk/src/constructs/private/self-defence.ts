import { Aspects, type CfnResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import { cloudFormationDocument, evaluateWith, ruleById, type Finding, type Rule } from '@deadbolt/rules';
import { AcknowledgementIndex, PLUGIN_NAME } from '../../checks/acknowledgements';
import { acknowledgementCall } from '../../checks/host-language';
import { acknowledgedWithReason } from './guards';

/**
 * One template resource whose settings a safe construct forces, and the
 * catalogue rules that judge them. The construct validates them on the final
 * template values, so a later change (a property override, `cfnOptions`,
 * `applyRemovalPolicy`, `RemovalPolicies.of(...)`, an aspect, a subclass) is
 * judged by the same rules `DataProtectionChecks` runs.
 */
export interface GuardedResource {
  /** The L1. */
  readonly resource: CfnResource;
  /** What it is, for messages: "bucket", "master secret". */
  readonly what: string;
  /** Ids of the catalogue rules whose settings the construct forces on it. */
  readonly ruleIds: readonly string[];
}

/** What a safe construct defends. */
export interface SelfDefence {
  /** The construct's class name, for messages. */
  readonly what: string;
  /** The resources it forces settings on. */
  readonly guarded: readonly GuardedResource[];
  /**
   * Resources the guarded ones refer to, put in the judged model so that a
   * reference to them can be judged (a database's `KmsKeyId` pointing at the
   * caller's `kms.Key`); never judged themselves.
   * @default none
   */
  readonly context?: readonly CfnResource[];
  /**
   * The least retention, in days, the construct itself accepts as a prop
   * (a database's `backupRetention`, a table's point-in-time recovery
   * period): the rules' minimum retention here, so a later change is held to
   * the construct's own floor, not the checks' configurable one.
   * @default 1 - the construct forces no retention
   */
  readonly minimumRetentionDays?: number;
}

/** The rules that judge DeletionPolicy and UpdateReplacePolicy: every safe construct forces Retain/Retain. */
export const RETAINED_RULES: readonly string[] = ['general-deletion-policy', 'general-update-replace-policy'];

/** What `SafeTable` and `SafeTableV2` force on the table (and, for a `TableV2`, on every replica). */
export const TABLE_RULES: readonly string[] = [
  ...RETAINED_RULES,
  'dynamodb-deletion-protection',
  'dynamodb-point-in-time-recovery',
  'dynamodb-point-in-time-recovery-period',
];

/** The rule every removal of a guarded resource from the tree is acknowledged under. */
const REMOVAL_RULE = 'general-deletion-policy';

const RULES = new Map<string, Rule>();

/** The catalogue's rule, or a construction error: a safe construct cannot force a setting no rule judges. */
function rule(id: string): Rule {
  let r = RULES.get(id);
  if (!r) {
    r = ruleById(id);
    if (!r) throw new Error(`Deadbolt: no catalogue rule ${id} (a safe construct names it).`);
    RULES.set(id, r);
  }
  return r;
}

/**
 * Makes synthesis fail when a setting the construct forced no longer holds in
 * the template: the guarded resources are rendered as synthesis writes them
 * (L1 props, raw overrides, DeletionPolicy and UpdateReplacePolicy), read into a
 * one-stack model of these resources alone, and judged by the catalogue rules
 * named for each. Any finding of a forced rule is an error here, whatever its
 * catalogue severity (the construct promised the setting), unless the
 * construct, the resource or an ancestor acknowledges that rule with a written
 * reason (`Validations.of(x).acknowledge` or `DataProtectionAcknowledgement.add`).
 * A guarded resource removed from the tree is an error too.
 *
 * Validation runs after every aspect and before templates are written.
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/constructs.Node.html#addwbrvalidationvalidation
 */
export function defendForcedSettings(scope: Construct, defence: SelfDefence): void {
  for (const g of defence.guarded) {
    for (const id of g.ruleIds) {
      const r = rule(id);
      if (!r.resourceTypes.includes(g.resource.cfnResourceType)) {
        throw new Error(`Deadbolt: rule ${id} does not judge ${g.resource.cfnResourceType} (${defence.what}).`);
      }
    }
  }
  scope.node.addValidation({ validate: () => judge(scope, defence) });
}

/**
 * The resource's template entry as synthesis writes it (`_toCloudFormation`
 * applies the raw overrides and both removal policies), resolved; undefined
 * when it does not synthesize.
 */
function renderAsSynthesized(
  stack: Stack,
  resource: CfnResource,
): { readonly logicalId: string; readonly body: Record<string, unknown> } | undefined {
  const l1 = resource as unknown as { _toCloudFormation(): unknown };
  const rendered = stack.resolve(l1._toCloudFormation()) as { Resources?: Record<string, Record<string, unknown>> };
  for (const [logicalId, body] of Object.entries(rendered.Resources ?? {})) return { logicalId, body };
  return undefined;
}

function judge(scope: Construct, defence: SelfDefence): string[] {
  const errors: string[] = [];
  const acks = new AcknowledgementIndex();
  const now = new Date();
  const attached = defence.guarded.filter((g) => {
    if (isAttached(g.resource)) return true;
    const refused = acknowledgedWithReason(g.resource, REMOVAL_RULE, now);
    if (refused !== true) errors.push(removedMessage(scope, defence, g, refused));
    return false;
  });
  if (attached.length === 0) return errors;

  const stack = Stack.of(scope);
  const resources: Record<string, Record<string, unknown>> = {};
  const byLogicalId = new Map<string, CfnResource>();
  const judged = new Map<string, GuardedResource>();
  const add = (r: CfnResource): string | undefined => {
    // A resource of another stack (a caller's key) is referenced through an export: not rendered here.
    if (Stack.of(r) !== stack || !isAttached(r)) return undefined;
    const rendered = renderAsSynthesized(stack, r);
    if (!rendered) return undefined;
    resources[rendered.logicalId] = rendered.body;
    byLogicalId.set(rendered.logicalId, r);
    return rendered.logicalId;
  };
  for (const g of attached) {
    const logicalId = add(g.resource);
    if (logicalId) judged.set(logicalId, g);
  }
  for (const r of defence.context ?? []) if (!byLogicalId.has(stack.resolve(r.logicalId) as string)) add(r);

  const document = cloudFormationDocument({
    id: stack.node.path,
    name: stack.node.path,
    template: { Resources: resources },
    account: Token.isUnresolved(stack.account) ? undefined : stack.account,
    region: Token.isUnresolved(stack.region) ? undefined : stack.region,
    pathOf: (logicalId) => byLogicalId.get(logicalId)?.node.path,
  });
  const ruleIds = new Set(attached.flatMap((g) => g.ruleIds));
  const result = evaluateWith(
    { documents: [document] },
    {
      rules: [...ruleIds].map(rule),
      minimumBackupRetentionDays: defence.minimumRetentionDays ?? 1,
      idiom: 'cdk',
      now,
      acknowledgements: (ruleId, target) => {
        const r = target.resource ? byLogicalId.get(target.resource.logicalId) : undefined;
        return r ? acks.acknowledgementsFor(r, ruleId) : [];
      },
    },
  );
  for (const f of result.findings) {
    const g = judged.get(f.resource.logicalId);
    // Context resources, and rules the construct does not force on this resource, are not its promise.
    if (!g || !g.ruleIds.includes(f.ruleId) || f.acknowledged) continue;
    errors.push(weakenedMessage(scope, defence, g, f));
  }
  return errors;
}

/** Whether the construct is still in the tree: each step is its parent's child of that id. */
function isAttached(c: IConstruct): boolean {
  // Bounded: construct trees are far shallower than 256 levels.
  let node: IConstruct = c;
  for (let i = 0; i < 256 && node.node.scope; i++, node = node.node.scope) {
    if (node.node.scope.node.tryFindChild(node.node.id) !== node) return false;
  }
  return true;
}

function acknowledgeText(defence: SelfDefence, scope: Construct, ruleId: string): string {
  return (
    `To accept the risk instead, acknowledge it with a written reason: ` +
    `${acknowledgementCall(`<the ${defence.what} at ${scope.node.path}>`, `${PLUGIN_NAME}::${ruleId}`)}.`
  );
}

function removedMessage(
  scope: Construct,
  defence: SelfDefence,
  g: GuardedResource,
  refused: string | undefined,
): string {
  return (
    `${defence.what} ${scope.node.path}: its ${g.what} ${g.resource.node.path} was removed from the construct tree (\`node.tryRemoveChild\`), ` +
    `so the template no longer holds it, nor the settings ${defence.what} forces on it (rule ${PLUGIN_NAME}::${REMOVAL_RULE}). ` +
    `Fix: leave it in place; to stop managing the resource, keep it retained and remove the whole ${defence.what}. ` +
    (refused ? `Acknowledgement refused: ${refused} ` : '') +
    acknowledgeText(defence, scope, REMOVAL_RULE)
  );
}

function weakenedMessage(scope: Construct, defence: SelfDefence, g: GuardedResource, f: Finding): string {
  const cause = causeOf(g.resource, f.location);
  return (
    `${defence.what} ${scope.node.path} forces "${f.title}" on its ${g.what} ${g.resource.node.path}, ` +
    `but the template it synthesizes says: ${f.message} Rule: ${PLUGIN_NAME}::${f.ruleId}. ` +
    `Changed after construction by ${cause}. ` +
    `Fix: remove that change (${defence.what} sets this itself); the catalogue's fix: ${f.fix} ` +
    (f.acknowledgementRefused ? `Acknowledgement refused: ${f.acknowledgementRefused} ` : '') +
    acknowledgeText(defence, scope, f.ruleId)
  );
}

const POLICY_OPTION: Readonly<Record<string, string>> = {
  DeletionPolicy: 'deletionPolicy',
  UpdateReplacePolicy: 'updateReplacePolicy',
};

/** What most likely set the value a finding is about, from what the L1 records. */
function causeOf(resource: CfnResource, location: string | undefined): string {
  const overrides = (resource as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides ?? {};
  const path = (location ?? '').split('/').filter(Boolean);
  const [top, property] = path;
  if (top && top in POLICY_OPTION) {
    if (top in overrides) return `an override of ${top} (\`addOverride('${top}', …)\`) on ${resource.node.path}`;
    const aspect = removalPolicyAspect(resource);
    if (aspect)
      return `\`RemovalPolicies.of(${aspect.at ? `<the construct at ${aspect.at}>` : 'app'}).${aspect.method}()\``;
    return (
      `\`cfnOptions.${POLICY_OPTION[top]}\` on ${resource.node.path}: \`applyRemovalPolicy(RemovalPolicy.DESTROY)\` on it or on its L2, ` +
      'an aspect, or a direct assignment'
    );
  }
  if (top === 'Properties' && property) {
    const props = overrides.Properties as Record<string, unknown> | undefined;
    if (props && typeof props === 'object' && property in props) {
      return `a property override of ${property} (\`addPropertyOverride\`, \`addOverride('Properties.${property}…')\` or \`addPropertyDeletionOverride\`) on ${resource.node.path}`;
    }
    return `the L1 property \`${property[0].toLowerCase()}${property.slice(1)}\` of ${resource.node.path}, set through \`node.defaultChild\`, an aspect or a subclass`;
  }
  return `a change to ${resource.node.path} after construction`;
}

/** The `RemovalPolicies` method that applies each `RemovalPolicy` value. */
const POLICY_METHOD: Readonly<Record<string, string>> = {
  [RemovalPolicy.DESTROY]: 'destroy',
  [RemovalPolicy.SNAPSHOT]: 'snapshot',
  [RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE]: 'retainOnUpdateOrDelete',
};

/** The closest `RemovalPolicies.of(scope)` aspect above a resource that does not retain, if any. */
function removalPolicyAspect(resource: CfnResource): { at: string; method: string } | undefined {
  // Bounded by the tree's depth; only run when a policy finding is reported.
  let c: IConstruct | undefined = resource;
  for (let i = 0; i < 256 && c; i++, c = c.node.scope) {
    for (const a of Aspects.of(c).all) {
      const policy = (a as { policy?: unknown }).policy;
      if (
        /RemovalPolicyAspect$/.test(a.constructor.name) &&
        typeof policy === 'string' &&
        policy !== RemovalPolicy.RETAIN
      ) {
        return { at: c.node.path, method: POLICY_METHOD[policy] ?? `apply(${policy})` };
      }
    }
  }
  return undefined;
}
