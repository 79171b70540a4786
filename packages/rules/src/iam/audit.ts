/**
 * `auditAccount`: for each principal, every data-destroying action it can take
 * (itself, or through a role it can become), and for each it cannot, what
 * stops it.
 *
 * Routes to another role's rights:
 * - `sts:AssumeRole` into a role whose trust policy lets the principal in
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html). Within one
 *   account, a trust policy that names the principal's ARN is enough on its
 *   own; one that trusts the account needs an identity policy that allows the
 *   call (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
 * - CloudFormation with a service role: `iam:PassRole` on a role CloudFormation
 *   may assume plus `cloudformation:CreateStack`/`UpdateStack`/`CreateChangeSet`
 *   acts with that role's rights; and anyone who may update or delete a stack
 *   that already has a service role uses it without `iam:PassRole`
 *   (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html).
 *   CDK deploys every stack through its bootstrap's execution role, which the
 *   default bootstrap gives AdministratorAccess
 *   (https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html).
 */
import { DESTRUCTIVE_ACTIONS, type DestructiveAction } from './destructive-actions';
import { PrincipalPolicies, type ActionDecision, type AllowedOn, type AuditContext, type StopReason } from './evaluate';
import {
  isServiceLinkedRole,
  listOf,
  statementsOf,
  type IamAccount,
  type IamPrincipal,
  type PolicyDocument,
  type PolicyStatement,
} from './model';
import { evaluateIamCondition } from './conditions';
import { requestContextOf } from './evaluate';
import { actionMatches } from './patterns';

export interface AuditOptions extends AuditContext {
  /** Judge these ARNs only; undefined: any resource. */
  readonly resources?: readonly string[];
  /** The actions to judge; the catalogue by default. */
  readonly actions?: readonly DestructiveAction[];
  /** How many roles deep a route may go. @default 4 */
  readonly maxRouteDepth?: number;
}

/** One hop to another role's rights. */
export interface RouteStep {
  /** `sts:AssumeRole`, `iam:PassRole + cloudformation:UpdateStack`, `cloudformation:UpdateStack (the stack's service role)`. */
  readonly how: string;
  /** The role whose rights the next hop (or the action) uses. */
  readonly role: string;
  readonly certainty: 'allowed' | 'possible';
}

/** A data-destroying action a principal can take. */
export interface DestructiveGrant {
  readonly action: string;
  readonly kind: DestructiveAction['kind'];
  readonly why: string;
  /** The principal whose rights perform it: the audited one, or the last role of `via`. */
  readonly actingAs: string;
  readonly via: readonly RouteStep[];
  readonly allowedOn: readonly AllowedOn[];
  /** `possible` when a condition, or a step of the route, could not be decided. */
  readonly certainty: 'allowed' | 'possible';
}

/** A data-destroying action a principal cannot take, and what stops it. */
export interface StoppedAction {
  readonly action: string;
  readonly stoppedBy: readonly StopReason[];
}

export interface PrincipalAudit {
  readonly principal: IamPrincipal;
  readonly serviceLinked: boolean;
  readonly destructive: readonly DestructiveGrant[];
  readonly stopped: readonly StoppedAction[];
  /** The roles it can act as, with the route. */
  readonly reachableRoles: readonly { readonly role: string; readonly via: readonly RouteStep[] }[];
  /** What the audit had to assume. */
  readonly assumptions: readonly string[];
}

export interface AccountAudit {
  readonly principals: readonly PrincipalAudit[];
  readonly notes: readonly string[];
}

const CFN_SERVICE = 'cloudformation.amazonaws.com';
const CFN_WITH_PASSROLE = [
  'cloudformation:CreateStack',
  'cloudformation:UpdateStack',
  'cloudformation:CreateChangeSet',
];
const CFN_STACK_ROLE = ['cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:CreateChangeSet'];

/** Audits `targets` (default: every principal of the account). */
export function auditAccount(
  account: IamAccount,
  options: AuditOptions = {},
  targets: readonly IamPrincipal[] = account.principals,
): AccountAudit {
  const actions = options.actions ?? DESTRUCTIVE_ACTIONS;
  const depth = Math.max(0, Math.min(options.maxRouteDepth ?? 4, 10));
  const notes: string[] = [...(account.notes ?? [])];
  const levelsWithoutAllow = account.scpLevels.filter((l) =>
    l.policies.every((p) => statementsOf(p.document).every((s) => s.Effect !== 'Allow')),
  );
  const scpAccount: IamAccount =
    levelsWithoutAllow.length === 0
      ? account
      : {
          ...account,
          // AWS Organizations requires at least one SCP on every root, OU and account; a level given with
          // only denies is read as sitting beside FullAWSAccess (reading it alone would deny everything).
          scpLevels: account.scpLevels.map((l) =>
            levelsWithoutAllow.includes(l) ? { ...l, policies: [...l.policies, FULL_AWS_ACCESS] } : l,
          ),
        };
  for (const l of levelsWithoutAllow) {
    notes.push(
      `SCP level ${l.name} has only Deny statements: read as attached beside FullAWSAccess (every level needs an SCP that allows; give that level's allow-list in the same file if it is not FullAWSAccess).`,
    );
  }

  const policies = new Map<IamPrincipal, PrincipalPolicies>();
  const policiesOf = (p: IamPrincipal) => {
    let hit = policies.get(p);
    if (!hit) {
      hit = new PrincipalPolicies(p, scpAccount, options);
      policies.set(p, hit);
    }
    return hit;
  };
  const routes = new RouteFinder(account.principals, policiesOf, options);
  const audits = targets.map((principal) => {
    const reachable = routes.reachableFrom(principal, depth);
    const destructive: DestructiveGrant[] = [];
    const stopped: StoppedAction[] = [];
    for (const a of actions) {
      let found: DestructiveGrant | undefined;
      let own: ActionDecision | undefined;
      for (const { actor, via } of reachable) {
        const decision = policiesOf(actor).decide(a.action, options.resources, a.request);
        if (actor === principal) own = decision;
        if (decision.allowedOn.length === 0) continue;
        const routeCertain = via.every((s) => s.certainty === 'allowed');
        const grantCertain = decision.allowedOn.some((o) => o.certainty === 'allowed');
        found = {
          action: a.action,
          kind: a.kind,
          why: a.why,
          actingAs: actor.arn,
          via,
          allowedOn: decision.allowedOn,
          certainty: routeCertain && grantCertain ? 'allowed' : 'possible',
        };
        // The audited principal's own rights, or the shortest route, is the one shown.
        break;
      }
      if (found) destructive.push(found);
      else
        stopped.push({
          action: a.action,
          stoppedBy: (own ?? policiesOf(principal).decide(a.action, options.resources, a.request)).stoppedBy,
        });
    }
    return {
      principal,
      serviceLinked: isServiceLinkedRole(principal),
      destructive,
      stopped,
      reachableRoles: reachable.slice(1).map((r) => ({ role: r.actor.arn, via: r.via })),
      assumptions: [
        ...new Set(reachable.flatMap((r) => policiesOf(r.actor).assumptions.map((a) => `${r.actor.arn}: ${a}`))),
      ],
    };
  });
  return { principals: audits, notes };
}

const FULL_AWS_ACCESS = {
  name: 'FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  via: 'assumed beside a deny-only level',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: '*', Resource: '*' }] },
};

interface Reached {
  readonly actor: IamPrincipal;
  readonly via: readonly RouteStep[];
}

/** The roles a principal can act as, breadth first (shortest routes first), each edge judged once. */
class RouteFinder {
  private readonly edges = new Map<IamPrincipal, readonly { role: IamPrincipal; step: RouteStep }[]>();
  private readonly roles: readonly IamPrincipal[];
  private readonly byTrustedArn = new Map<string, IamPrincipal[]>();
  private readonly byTrustedAccount = new Map<string, IamPrincipal[]>();
  private readonly trustingAnyone: IamPrincipal[] = [];
  private readonly cloudFormationRoles: IamPrincipal[] = [];

  public constructor(
    principals: readonly IamPrincipal[],
    private readonly policiesOf: (p: IamPrincipal) => PrincipalPolicies,
    private readonly context: AuditContext,
  ) {
    this.roles = principals.filter((p) => p.kind === 'role' && p.trustPolicy && !isServiceLinkedRole(p));
    for (const role of this.roles) {
      const trusted = trustedBy(role.trustPolicy as PolicyDocument);
      for (const arn of trusted.arns) push(this.byTrustedArn, arn, role);
      for (const acct of trusted.accounts) push(this.byTrustedAccount, acct, role);
      if (trusted.anyone) this.trustingAnyone.push(role);
      if (trusted.services.has(CFN_SERVICE)) this.cloudFormationRoles.push(role);
    }
  }

  public reachableFrom(start: IamPrincipal, depth: number): Reached[] {
    const out: Reached[] = [{ actor: start, via: [] }];
    const seen = new Set<IamPrincipal>([start]);
    let frontier: Reached[] = [out[0]];
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: Reached[] = [];
      for (const r of frontier) {
        for (const e of this.edgesFrom(r.actor)) {
          if (seen.has(e.role)) continue;
          seen.add(e.role);
          const reached = { actor: e.role, via: [...r.via, e.step] };
          out.push(reached);
          next.push(reached);
        }
      }
      frontier = next;
    }
    return out;
  }

  private edgesFrom(actor: IamPrincipal): readonly { role: IamPrincipal; step: RouteStep }[] {
    const hit = this.edges.get(actor);
    if (hit) return hit;
    const policies = this.policiesOf(actor);
    const edges: { role: IamPrincipal; step: RouteStep }[] = [];
    const candidates = new Set<IamPrincipal>([
      ...(this.byTrustedArn.get(actor.arn) ?? []),
      ...(this.byTrustedAccount.get(actor.accountId) ?? []),
      ...this.trustingAnyone,
    ]);
    for (const role of candidates) {
      if (role === actor) continue;
      const trust = trustVerdict(role, actor, this.context);
      if (trust === 'no') continue;
      const call = policies.decide('sts:AssumeRole', [role.arn]);
      const sameAccount = role.accountId === actor.accountId;
      const namedDirectly = trust === 'named' && sameAccount;
      let certainty: RouteStep['certainty'] | undefined;
      if (call.allowedOn.length > 0) certainty = call.allowedOn[0].certainty;
      else if (namedDirectly && !call.stoppedBy.some((s) => s.kind === 'explicit-deny' || s.kind === 'scp')) {
        // The trust policy names the principal: no identity allow is needed within the account.
        certainty = 'allowed';
      }
      if (!certainty) continue;
      if (trust === 'possible') certainty = 'possible';
      edges.push({ role, step: { how: 'sts:AssumeRole', role: role.arn, certainty } });
    }
    for (const role of this.cloudFormationRoles) {
      if (role === actor) continue;
      const pass = policies.decide('iam:PassRole', [role.arn]);
      let step: RouteStep | undefined;
      if (pass.allowedOn.length > 0) {
        for (const action of CFN_WITH_PASSROLE) {
          const stack = policies.decide(action);
          if (stack.allowedOn.length === 0) continue;
          const sure =
            pass.allowedOn[0].certainty === 'allowed' && stack.allowedOn.some((o) => o.certainty === 'allowed');
          step = { how: `iam:PassRole + ${action}`, role: role.arn, certainty: sure ? 'allowed' : 'possible' };
          break;
        }
      }
      if (!step) {
        for (const action of CFN_STACK_ROLE) {
          if (policies.decide(action).allowedOn.length === 0) continue;
          // Which stacks already use the role is not in the input: possible, not certain.
          step = {
            how: `${action} on a stack that already uses it as its service role`,
            role: role.arn,
            certainty: 'possible',
          };
          break;
        }
      }
      if (step) edges.push({ role, step });
    }
    this.edges.set(actor, edges);
    return edges;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface Trusted {
  readonly arns: Set<string>;
  readonly accounts: Set<string>;
  readonly services: Set<string>;
  readonly anyone: boolean;
}

/** Who a trust policy's Allow statements name, for indexing (conditions are judged per principal later). */
function trustedBy(doc: PolicyDocument): Trusted {
  const t: Trusted = { arns: new Set(), accounts: new Set(), services: new Set(), anyone: false };
  let anyone = false;
  for (const s of statementsOf(doc)) {
    if (s.Effect !== 'Allow') continue;
    if (s.NotPrincipal !== undefined) anyone = true;
    const p = s.Principal;
    if (p === undefined) continue;
    if (p === '*') {
      anyone = true;
      continue;
    }
    for (const v of listOf(p.AWS)) {
      if (v === '*') anyone = true;
      else if (/^\d{12}$/.test(v)) t.accounts.add(v);
      else {
        const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(v);
        if (root) t.accounts.add(root[1]);
        else t.arns.add(v);
      }
    }
    for (const v of listOf(p.Service)) t.services.add(v);
  }
  return { ...t, anyone };
}

/**
 * Whether a role's trust policy lets `actor` assume it: `named` (its ARN is
 * listed), `account` (its account is), `possible` (a condition cannot be
 * decided, or the trust is open), or `no`.
 */
function trustVerdict(
  role: IamPrincipal,
  actor: IamPrincipal,
  context: AuditContext,
): 'named' | 'account' | 'possible' | 'no' {
  const doc = role.trustPolicy as PolicyDocument;
  const request = requestContextOf(actor, context);
  let verdict: 'named' | 'account' | 'possible' | 'no' = 'no';
  const better = (v: typeof verdict) => {
    const order = { no: 0, possible: 1, account: 2, named: 3 };
    if (order[v] > order[verdict]) verdict = v;
  };
  let denied = false;
  for (const s of statementsOf(doc)) {
    const assumes =
      s.Action !== undefined
        ? listOf(s.Action).some((a) => actionMatches(a, 'sts:AssumeRole'))
        : s.NotAction !== undefined && !listOf(s.NotAction).some((a) => actionMatches(a, 'sts:AssumeRole'));
    if (!assumes) continue;
    const who = principalMatch(s.Principal, actor, s.NotPrincipal);
    if (who === 'no') continue;
    const cond = evaluateIamCondition(s.Condition, request).holds;
    if (s.Effect === 'Deny') {
      if (cond === true && who !== 'possible') denied = true;
      continue;
    }
    if (cond === false) continue;
    better(cond === 'unknown' ? 'possible' : who);
  }
  return denied ? 'no' : verdict;
}

function principalMatch(
  principal: PolicyStatement['Principal'],
  actor: IamPrincipal,
  notPrincipal: PolicyStatement['NotPrincipal'],
): 'named' | 'account' | 'possible' | 'no' {
  if (notPrincipal !== undefined) return 'possible';
  if (principal === '*') return 'possible';
  if (principal === undefined || principal === null || typeof principal !== 'object') return 'no';
  const aws = listOf(principal.AWS);
  let out: 'named' | 'account' | 'possible' | 'no' = 'no';
  for (const v of aws) {
    if (v === '*') out = out === 'no' ? 'possible' : out;
    else if (v === actor.arn) return 'named';
    else if (v === actor.accountId || v === `arn:${partitionOf(actor.arn)}:iam::${actor.accountId}:root`)
      out = 'account';
  }
  return out;
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] ?? 'aws';
}
