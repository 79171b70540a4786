/**
 * One principal's policies, compiled once, and the decision for one action:
 * on which resources it is allowed (or possibly allowed), and what stops it
 * where it is not.
 *
 * The order follows the IAM policy evaluation logic for a request within one
 * account: an explicit deny in any policy wins; otherwise every SCP level, the
 * permissions boundary (when set) and the identity policies must each allow.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * Resource-based policies (a bucket policy, a key policy) are not read: the
 * audit asks what the principal's own permissions let it do, which is what an
 * agent holding its credentials can do to resources that do not deny it.
 */
import { evaluateIamCondition, substituteVariables, type RequestContext, type Truth } from './conditions';
import {
  isServiceLinkedRole,
  listOf,
  statementsOf,
  type IamAccount,
  type IamPrincipal,
  type NamedPolicy,
} from './model';
import {
  anyActionMatches,
  hasWildcard,
  resourceCovers,
  resourceMatches,
  resourcesOverlap,
  statementNamesAction,
} from './patterns';

/** Which kind of policy a statement sits in. */
export type LayerKind = 'identity' | 'boundary' | 'scp';

/** A statement, named for findings. */
export interface StatementRef {
  readonly layer: LayerKind;
  /** "AWS managed policy `AdministratorAccess` (attached to role `agent`)", "SCP `deny-destroy` (level 1: root.json)". */
  readonly policy: string;
  readonly sid?: string;
  /** Position in the policy's statement list, from 0. */
  readonly index: number;
}

interface CompiledStatement {
  readonly ref: StatementRef;
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly condition: Truth;
  readonly undecided: readonly string[];
  /** The Condition block as written, to decide again with a request's own values. */
  readonly conditionBlock?: unknown;
  /**
   * The services (lower case) whose actions `actions` can match, or undefined when any may (a wildcard in the
   * service, or `NotAction`): most statements are ruled out for an action by its service alone.
   */
  readonly services?: ReadonlySet<string>;
}

interface Relevant {
  readonly layer: Layer;
  readonly allows: readonly CompiledStatement[];
  readonly denies: readonly CompiledStatement[];
}

interface Layer {
  readonly kind: LayerKind;
  /** For stops: "the permissions boundary `x`", "SCP level 2 (ou.json)". */
  readonly name: string;
  readonly statements: readonly CompiledStatement[];
}

/** Where an action is allowed. */
export interface AllowedOn {
  /** An ARN, or a pattern of ARNs (`*`: any). */
  readonly resource: string;
  /** `allowed`: every statement that decides it applies for certain. `possible`: a condition could not be decided. */
  readonly certainty: 'allowed' | 'possible';
  /** Conditions that could not be decided, on the allowing statements or on denies that might stop it. */
  readonly conditions: readonly string[];
  /** Narrower resources a certain deny carves out. */
  readonly except: readonly string[];
  readonly allowedBy: readonly StatementRef[];
}

/** Why an action is not allowed. */
export interface StopReason {
  readonly kind: 'explicit-deny' | 'scp' | 'boundary' | 'no-allow';
  /** What stops it, as a phrase. */
  readonly detail: string;
  readonly statement?: StatementRef;
}

export interface ActionDecision {
  readonly action: string;
  /** Empty when the action is stopped everywhere. */
  readonly allowedOn: readonly AllowedOn[];
  /** Set when `allowedOn` is empty. */
  readonly stoppedBy: readonly StopReason[];
}

/** The request facts the audit knows beyond the principal. */
export interface AuditContext {
  /** Tags the audited data carries (`aws:ResourceTag/<key>`); unknown otherwise. */
  readonly resourceTags?: Readonly<Record<string, string>>;
}

/** A principal's policies, ready to decide actions. */
export class PrincipalPolicies {
  private readonly layers: readonly Layer[];
  /** What could not be read and made the audit assume the worst. */
  public readonly assumptions: readonly string[];
  private readonly decisions = new Map<string, ActionDecision>();
  private readonly relevant = new Map<string, readonly Relevant[]>();
  private readonly request: RequestContext;
  /** What is known of every request the principal makes (its ARN, account, tags). */
  public get requestContext(): RequestContext {
    return this.request;
  }

  public constructor(
    public readonly principal: IamPrincipal,
    account: IamAccount,
    context: AuditContext = {},
  ) {
    const request = requestContextOf(principal, context);
    this.request = request;
    const layers: Layer[] = [];
    const assumptions: string[] = [];
    const identity = principal.policies.flatMap((p) => compilePolicy(p, 'identity', describePolicy(p), request));
    if (principal.unresolved && principal.unresolved.length > 0) {
      // Rights that could not be read may grant anything: fail closed.
      const what = principal.unresolved.join('; ');
      assumptions.push(`assumed to allow every action because it could not be read: ${what}`);
      identity.push({
        ref: { layer: 'identity', policy: `what could not be read (${what})`, index: 0 },
        effect: 'Allow',
        actions: ['*'],
        resources: ['*'],
        condition: 'unknown',
        undecided: [`unreadable: ${what}`],
      });
    }
    layers.push({ kind: 'identity', name: 'the identity policies', statements: identity });
    if (principal.boundary) {
      layers.push({
        kind: 'boundary',
        name: `the permissions boundary ${describePolicy(principal.boundary)}`,
        statements: compilePolicy(principal.boundary, 'boundary', describePolicy(principal.boundary), request),
      });
    }
    const exemptFromScps =
      isServiceLinkedRole(principal) ||
      (account.managementAccountId !== undefined && account.managementAccountId === principal.accountId);
    if (!exemptFromScps) {
      account.scpLevels.forEach((level, i) => {
        const name = `SCP level ${i + 1} (${level.name})`;
        const statements = level.policies.flatMap((p) =>
          compilePolicy(p, 'scp', `SCP \`${p.name}\` (${name})`, request),
        );
        layers.push({ kind: 'scp', name, statements });
      });
    }
    this.layers = layers;
    this.assumptions = assumptions;
  }

  /**
   * Decides `action`: on the given ARNs, or, without them, on any resource (the
   * resources named by the allowing statements).
   */
  public decide(
    action: string,
    resources?: readonly string[],
    request?: Readonly<Record<string, readonly string[]>>,
    /** False when the caller keeps the answer itself (the audit keeps one row of decisions per principal). */
    remember = true,
  ): ActionDecision {
    if (!remember) return this.decideUncached(action, resources, request);
    const key = `${action.toLowerCase()}\u0000${resources?.join('\u0000') ?? ''}\u0000${request ? JSON.stringify(request) : ''}`;
    const hit = this.decisions.get(key);
    if (hit) return hit;
    const decision = this.decideUncached(action, resources, request);
    this.decisions.set(key, decision);
    return decision;
  }

  /** Decides again, with the request's own values, the statements whose conditions were left undecided. */
  private redecide(request: Readonly<Record<string, readonly string[]>>): (s: CompiledStatement) => CompiledStatement {
    const merged = new Map<string, readonly string[] | null>();
    for (const [k, v] of Object.entries(request)) merged.set(k.toLowerCase(), v);
    const context: RequestContext = {
      has: (k: string) => merged.has(k) || this.request.has(k),
      get: (k: string) => (merged.has(k) ? merged.get(k) : this.request.get(k)),
    } as RequestContext;
    return (s) => {
      if (s.condition !== 'unknown') return s;
      const verdict = evaluateIamCondition(s.conditionBlock, context);
      return { ...s, condition: verdict.holds, undecided: verdict.undecided };
    };
  }

  /**
   * Per layer, the statements that apply to `action` and may hold: the same for every resource, so worked out
   * once per action (an audit asks about the same actions for many resources and many routes).
   */
  private relevantTo(action: string, request?: Readonly<Record<string, readonly string[]>>): readonly Relevant[] {
    const key = `${action.toLowerCase()}\u0000${request ? JSON.stringify(request) : ''}`;
    const hit = this.relevant.get(key);
    if (hit) return hit;
    const withRequest = request ? this.redecide(request) : (s: CompiledStatement) => s;
    const relevant = this.layers.map((layer) => {
      const applying = layer.statements.filter((s) => appliesTo(s, action)).map(withRequest);
      return {
        layer,
        allows: applying.filter((s) => s.effect === 'Allow' && s.condition !== false),
        denies: applying.filter((s) => s.effect === 'Deny' && s.condition !== false),
      };
    });
    this.relevant.set(key, relevant);
    return relevant;
  }

  private decideUncached(
    action: string,
    resources?: readonly string[],
    request?: Readonly<Record<string, readonly string[]>>,
  ): ActionDecision {
    // Most principals are allowed few of the actions asked about: no identity allow that may apply, no more to do.
    const identity = this.layers[0];
    if (!identity.statements.some((s) => s.effect === 'Allow' && s.condition !== false && appliesTo(s, action)))
      return notAllowed(action);
    const relevant = this.relevantTo(action, request);
    const candidates =
      resources && resources.length > 0 ? [...resources] : candidatesOf(relevant.flatMap((r) => r.allows));
    const allowedOn: AllowedOn[] = [];
    const stops = new Map<string, StopReason>();
    for (const candidate of candidates) {
      const concrete = !hasWildcard(candidate);
      const allowedBy: StatementRef[] = [];
      const conditions: string[] = [];
      let certain = true;
      let exact = true;
      let missing: StopReason | undefined;
      for (const { layer, allows } of relevant) {
        const covering = allows.filter((s) => allowCovers(s, candidate, concrete));
        const overlapping = covering.length > 0 ? covering : allows.filter((s) => allowOverlaps(s, candidate));
        if (overlapping.length === 0) {
          missing = noAllow(layer);
          break;
        }
        if (covering.length === 0) exact = false;
        // The most certain allowing statement decides: one whose conditions hold, if any.
        const sure = overlapping.find((s) => s.condition === true);
        if (!sure) {
          certain = false;
          for (const s of overlapping) conditions.push(...s.undecided.map((u) => `allowed only if ${u}`));
        }
        if (layer.kind === 'identity') allowedBy.push(...(sure ? [sure.ref] : overlapping.map((s) => s.ref)));
      }
      if (missing) {
        stops.set(`${missing.kind}:${missing.detail}`, missing);
        continue;
      }
      const except: string[] = [];
      let denied: StopReason | undefined;
      for (const { denies } of relevant) {
        for (const d of denies) {
          if (denyCovers(d, candidate, concrete)) {
            if (d.condition === true) {
              denied = { kind: 'explicit-deny', detail: `denied by ${describeStatement(d.ref)}`, statement: d.ref };
              break;
            }
            certain = false;
            conditions.push(...d.undecided.map((u) => `denied by ${describeStatement(d.ref)} only if ${u}`));
          } else if (d.condition === true && !concrete && denyOverlaps(d, candidate)) {
            for (const r of d.resources ?? []) if (resourcesOverlap(r, candidate)) except.push(r);
          }
        }
        if (denied) break;
      }
      if (denied) {
        stops.set(`${denied.kind}:${denied.detail}`, denied);
        continue;
      }
      allowedOn.push({
        resource: candidate,
        certainty: certain && (exact || concrete) ? 'allowed' : 'possible',
        conditions: unique(conditions),
        except: unique(except),
        allowedBy: uniqueRefs(allowedBy),
      });
    }
    const narrowest = dropCovered(allowedOn);
    if (narrowest.length > 0) return { action, allowedOn: narrowest, stoppedBy: [] };
    const stoppedBy = [...stops.values()];
    if (stoppedBy.length === 0) stoppedBy.push(NO_IDENTITY_ALLOW);
    return { action, allowedOn: [], stoppedBy: rank(stoppedBy) };
  }
}

const NO_IDENTITY_ALLOW: StopReason = { kind: 'no-allow', detail: 'no identity policy allows it' };
const NOT_ALLOWED = new Map<string, ActionDecision>();

/** The decision for an action no identity policy allows: one shared object per action. */
function notAllowed(action: string): ActionDecision {
  let hit = NOT_ALLOWED.get(action);
  if (!hit) {
    hit = Object.freeze({ action, allowedOn: [], stoppedBy: [NO_IDENTITY_ALLOW] });
    if (NOT_ALLOWED.size < 10_000) NOT_ALLOWED.set(action, hit);
  }
  return hit;
}

function noAllow(layer: Layer): StopReason {
  switch (layer.kind) {
    case 'identity':
      return NO_IDENTITY_ALLOW;
    case 'boundary':
      return { kind: 'boundary', detail: `${layer.name} does not allow it` };
    default:
      return { kind: 'scp', detail: `${layer.name} does not allow it` };
  }
}

const STOP_ORDER: Record<StopReason['kind'], number> = { 'explicit-deny': 0, scp: 1, boundary: 2, 'no-allow': 3 };

function rank(stops: StopReason[]): StopReason[] {
  return stops.sort((a, b) => STOP_ORDER[a.kind] - STOP_ORDER[b.kind]);
}

/** Resources named by the allowing statements; `*` for `NotResource` (everything but some). */
function candidatesOf(allows: readonly CompiledStatement[]): string[] {
  const out = new Set<string>();
  for (const s of allows) {
    if (s.resources) for (const r of s.resources) out.add(r);
    else out.add('*');
  }
  // The widest first, so a narrower one covered by it is dropped after judging.
  return [...out].sort((a, b) => (a === '*' ? -1 : b === '*' ? 1 : a.length - b.length || (a < b ? -1 : 1)));
}

/** Keeps the resources not already covered by another allowed one of the same certainty or better. */
function dropCovered(list: AllowedOn[]): AllowedOn[] {
  const out: AllowedOn[] = [];
  for (const a of list) {
    const covered = list.some(
      (b) =>
        b !== a &&
        b.resource !== a.resource &&
        resourceCovers(b.resource, a.resource) &&
        (b.certainty === 'allowed' || a.certainty === 'possible') &&
        b.except.length === 0,
    );
    if (!covered) out.push(a);
  }
  return out;
}

function appliesTo(s: CompiledStatement, action: string): boolean {
  if (s.services && !s.services.has(serviceOf(action))) return false;
  if (s.actions) return anyActionMatches(s.actions, action);
  if (s.notActions) return !anyActionMatches(s.notActions, action);
  return false;
}

function allowCovers(s: CompiledStatement, candidate: string, concrete: boolean): boolean {
  if (s.resources)
    return s.resources.some((r) => (concrete ? resourceMatches(r, candidate, 'allow') : resourceCovers(r, candidate)));
  if (s.notResources) return !s.notResources.some((r) => resourcesOverlap(r, candidate));
  return false;
}

function allowOverlaps(s: CompiledStatement, candidate: string): boolean {
  if (s.resources) return s.resources.some((r) => resourcesOverlap(r, candidate));
  if (s.notResources) return !s.notResources.some((r) => resourceCovers(r, candidate));
  return false;
}

function denyCovers(s: CompiledStatement, candidate: string, concrete: boolean): boolean {
  if (s.resources)
    return s.resources.some((r) => (concrete ? resourceMatches(r, candidate, 'deny') : resourceCovers(r, candidate)));
  // NotResource: the deny applies to every resource outside the list.
  if (s.notResources) return !s.notResources.some((r) => resourcesOverlap(r, candidate));
  return false;
}

function denyOverlaps(s: CompiledStatement, candidate: string): boolean {
  return (s.resources ?? []).some((r) => resourcesOverlap(r, candidate));
}

const SERVICE_OF = new Map<string, string>();

/** The service prefix of an action, lower case (`rds:DeleteDBInstance` → `rds`). */
function serviceOf(action: string): string {
  let hit = SERVICE_OF.get(action);
  if (hit === undefined) {
    const colon = action.indexOf(':');
    hit = (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
    if (SERVICE_OF.size < 100_000) SERVICE_OF.set(action, hit);
  }
  return hit;
}

const SERVICES_OF = new WeakMap<readonly string[], ReadonlySet<string> | null>();

/** The services an `Action` list names, or undefined when a pattern's service holds a wildcard (or is malformed). */
function servicesOf(patterns: readonly string[]): ReadonlySet<string> | undefined {
  const hit = SERVICES_OF.get(patterns);
  if (hit !== undefined) return hit ?? undefined;
  let out: Set<string> | null = new Set<string>();
  for (const p of patterns) {
    const colon = p.indexOf(':');
    const service = colon < 0 ? p : p.slice(0, colon);
    if (colon < 0 || service.includes('*') || service.includes('?')) {
      out = null;
      break;
    }
    out.add(service.toLowerCase());
  }
  SERVICES_OF.set(patterns, out);
  return out ?? undefined;
}

/** A policy's statements with their conditions decided for this principal. */
function compilePolicy(
  policy: NamedPolicy,
  layer: LayerKind,
  description: string,
  request: RequestContext,
): CompiledStatement[] {
  return statementsOf(policy.document).map((s, index) => {
    const ref: StatementRef = { layer, policy: description, sid: s.Sid, index };
    const verdict = evaluateIamCondition(s.Condition, request);
    const effect = s.Effect === 'Deny' ? 'Deny' : 'Allow';
    // A Resource with a policy variable that cannot be filled: an allow may match anything, a deny nothing certain.
    const fill = (list: readonly string[]) =>
      list.map((r) => substituteVariables(r, request) ?? (effect === 'Allow' ? '*' : '\u0000unresolved'));
    return {
      ref,
      effect,
      actions: s.Action !== undefined ? listOf(s.Action) : undefined,
      services: s.Action !== undefined ? servicesOf(listOf(s.Action)) : undefined,
      notActions: s.Action === undefined && s.NotAction !== undefined ? listOf(s.NotAction) : undefined,
      resources: s.Resource !== undefined ? fill(listOf(s.Resource)) : s.NotResource === undefined ? ['*'] : undefined,
      notResources:
        s.Resource === undefined && s.NotResource !== undefined
          ? listOf(s.NotResource).map(
              (r) => substituteVariables(r, request) ?? (effect === 'Allow' ? '\u0000unresolved' : '*'),
            )
          : undefined,
      condition: verdict.holds,
      undecided: verdict.undecided,
      conditionBlock: s.Condition,
    };
  });
}

/** What is known of every request the principal makes. */
export function requestContextOf(principal: IamPrincipal, context: AuditContext): RequestContext {
  const map = new Map<string, readonly string[] | null>();
  map.set('aws:principalarn', [principal.arn]);
  map.set('aws:principalaccount', [principal.accountId]);
  map.set('aws:resourceaccount', [principal.accountId]);
  map.set('aws:principaltype', [principal.kind === 'user' ? 'User' : 'AssumedRole']);
  map.set('aws:principalisawsservice', ['false']);
  map.set('aws:principalservicename', null);
  if (principal.kind === 'user') map.set('aws:username', [principal.name]);
  else map.set('aws:username', null);
  for (const [k, v] of Object.entries(context.resourceTags ?? {})) map.set(`aws:resourcetag/${k.toLowerCase()}`, [v]);
  // A role whose trust policy allows `sts:TagSession` may be assumed with session tags, which become
  // `aws:PrincipalTag/<key>` and override the role's own tags of the same key: its tags are then unknown
  // (a Deny conditioned on them is not certain, an Allow is possible).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
  if (principal.tagsUnknown || acceptsSessionTags(principal)) return map;
  for (const [k, v] of Object.entries(principal.tags)) map.set(`aws:principaltag/${k.toLowerCase()}`, [v]);
  // The principal's tags are all known: a tag it does not carry is absent.
  return new PrincipalTagContext(map);
}

/**
 * True when the role's trust policy allows `sts:TagSession` to anyone (any Allow statement naming it): every
 * `AssumeRole*` call that passes session tags needs that permission in the trust policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required
 */
export function acceptsSessionTags(principal: IamPrincipal): boolean {
  if (principal.kind !== 'role' || !principal.trustPolicy) return false;
  return statementsOf(principal.trustPolicy).some(
    (s) => s.Effect === 'Allow' && statementNamesAction(s, 'sts:TagSession'),
  );
}

/** A context where any `aws:PrincipalTag/<key>` not set is known to be absent. */
class PrincipalTagContext extends Map<string, readonly string[] | null> {
  public constructor(entries: Map<string, readonly string[] | null>) {
    super(entries);
  }
  public override has(key: string): boolean {
    return super.has(key) || key.startsWith('aws:principaltag/');
  }
  public override get(key: string): readonly string[] | null | undefined {
    if (super.has(key)) return super.get(key);
    return key.startsWith('aws:principaltag/') ? null : undefined;
  }
}

export function describePolicy(p: NamedPolicy): string {
  const awsManaged = p.arn !== undefined && /^arn:[^:]+:iam::aws:policy\//.test(p.arn);
  const kind = p.arn === undefined ? 'inline policy' : awsManaged ? 'AWS managed policy' : 'managed policy';
  return `${kind} \`${p.name}\` (${p.via})`;
}

export function describeStatement(ref: StatementRef): string {
  return `${ref.sid ? `statement \`${ref.sid}\`` : `statement ${ref.index + 1}`} of ${ref.policy}`;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function uniqueRefs(list: readonly StatementRef[]): StatementRef[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = `${r.policy}\u0000${r.index}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
