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
 * - Changing its own identity policies: a principal that may put or attach a
 *   policy on itself (`iam:PutRolePolicy`, `iam:AttachRolePolicy`, ...) can
 *   grant itself any action its boundary and SCPs leave; one that may delete or
 *   detach its own policies (or leave its group) removes the denies they hold.
 *   Only denies it cannot remove, its boundary and the SCPs still stop it.
 * - Taking over another principal: `iam:UpdateAssumeRolePolicy` on a role
 *   (rewrite its trust policy to name itself, then assume it), and
 *   `iam:CreateAccessKey`, `iam:CreateLoginProfile` or `iam:UpdateLoginProfile`
 *   on a user (sign in as that user).
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { DESTRUCTIVE_ACTIONS, type DestructiveAction } from './destructive-actions';
import { PrincipalPolicies, type ActionDecision, type AllowedOn, type AuditContext, type StopReason } from './evaluate';
import {
  isServiceLinkedRole,
  listOf,
  statementsOf,
  type IamAccount,
  type IamPrincipal,
  type NamedPolicy,
  type PolicyDocument,
  type PolicyStatement,
} from './model';
import { evaluateIamCondition } from './conditions';
import type { RequestContext } from './conditions';
import { statementNamesAction } from './patterns';

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
  /**
   * The roles it can act as that the audit walked, shortest route first, with the route. The walk stops once every
   * destructive action is found, so for a principal that can destroy everything this may be only part of them.
   */
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
  const routes = new RouteFinder(account.principals, policiesOf);
  // Each principal's decision on each action, made once however many principals can act as it.
  const decisions = new Map<IamPrincipal, (ActionDecision | undefined)[]>();
  const decisionOf = (actor: IamPrincipal, i: number): ActionDecision => {
    let row = decisions.get(actor);
    if (!row) {
      row = new Array<ActionDecision | undefined>(actions.length);
      decisions.set(actor, row);
    }
    return (row[i] ??= policiesOf(actor).decide(actions[i].action, options.resources, actions[i].request, false));
  };
  const audits = targets.map((principal) => {
    const found = new Array<DestructiveGrant | undefined>(actions.length);
    let remaining = actions.length;
    const walked: Reached[] = [];
    // The audited principal's own rights first, then the shortest route: the walk stops once every action is found.
    for (const r of routes.walk(principal, depth)) {
      walked.push(r);
      for (let i = 0; i < actions.length; i++) {
        if (found[i]) continue;
        const decision = decisionOf(r.actor, i);
        if (decision.allowedOn.length === 0) continue;
        const a = actions[i];
        const routeCertain = r.via.every((s) => s.certainty === 'allowed');
        const grantCertain = decision.allowedOn.some((o) => o.certainty === 'allowed');
        found[i] = {
          action: a.action,
          kind: a.kind,
          why: a.why,
          actingAs: r.actor.arn,
          via: r.via,
          allowedOn: decision.allowedOn,
          certainty: routeCertain && grantCertain ? 'allowed' : 'possible',
        };
        remaining--;
      }
      if (remaining === 0) break;
    }
    const destructive: DestructiveGrant[] = [];
    const stopped: StoppedAction[] = [];
    for (let i = 0; i < actions.length; i++) {
      const g = found[i];
      if (g) destructive.push(g);
      else stopped.push({ action: actions[i].action, stoppedBy: decisionOf(principal, i).stoppedBy });
    }
    return {
      principal,
      serviceLinked: isServiceLinkedRole(principal),
      destructive,
      stopped,
      reachableRoles: walked
        .slice(1)
        .filter((r) => r.actor.arn !== principal.arn)
        .map((r) => ({ role: r.actor.arn, via: r.via })),
      assumptions: [
        ...new Set(walked.flatMap((r) => policiesOf(r.actor).assumptions.map((a) => `${r.actor.arn}: ${a}`))),
      ],
    };
  });
  // SCPs do not apply to the management account's principals: a stop by an SCP there would be a guess.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  if (account.managementAccountId === undefined && account.scpLevels.length > 0) {
    const accounts = [...new Set(targets.map((t) => t.accountId))];
    const leaning = audits.some((a) =>
      a.stopped.some((s) => s.stoppedBy[0]?.kind === 'scp' || s.stoppedBy[0]?.statement?.layer === 'scp'),
    );
    if (leaning)
      notes.push(
        `Some actions are stopped only by the SCPs given, which do not bind the organization's management account: if ${accounts.join(', ')} is it, give --management-account (its principals are then judged without SCPs).`,
      );
  }
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
  private readonly trustingSessions: IamPrincipal[] = [];
  /** The role each account's principals could create (one per account: they would all create the same kind). */
  private readonly created = new Map<string, IamPrincipal>();
  private readonly createdRoles = new Set<IamPrincipal>();
  private creators: ReadonlySet<string> | undefined;
  private readonly cloudFormationRoles: IamPrincipal[] = [];
  private readonly computeRoles = new Map<ComputeService, IamPrincipal[]>();
  private readonly users: readonly IamPrincipal[];
  /** A principal with the policies it can give itself: made once per principal, never escalated again. */
  private readonly escalated = new Map<IamPrincipal, { role: IamPrincipal; step: RouteStep } | null>();
  private readonly selfChanged = new WeakSet<IamPrincipal>();
  private readonly principalSet: ReadonlySet<IamPrincipal>;
  /** Takeovers allowed on every principal of a kind: the call and the principals. */
  private readonly everywhere = new Map<IamPrincipal, { how: string; targets: readonly IamPrincipal[] }[]>();

  public constructor(
    principals: readonly IamPrincipal[],
    private readonly policiesOf: (p: IamPrincipal) => PrincipalPolicies,
  ) {
    this.principalSet = new Set(principals);
    this.users = principals.filter((p) => p.kind === 'user');
    this.roles = principals.filter((p) => p.kind === 'role' && p.trustPolicy && !isServiceLinkedRole(p));
    for (const role of this.roles) {
      const trusted = trustedBy(role.trustPolicy as PolicyDocument);
      for (const arn of trusted.arns) push(this.byTrustedArn, arn, role);
      for (const acct of trusted.accounts) push(this.byTrustedAccount, acct, role);
      if (trusted.anyone) this.trustingAnyone.push(role);
      if (trusted.sessions) this.trustingSessions.push(role);
      if (trusted.services.has(CFN_SERVICE)) this.cloudFormationRoles.push(role);
      for (const c of COMPUTE_SERVICES) if (trusted.services.has(c.service)) push(this.computeRoles, c, role);
    }
  }

  public reachableFrom(start: IamPrincipal, depth: number): Reached[] {
    return [...this.walk(start, depth)];
  }

  /**
   * The principals `start` can act as, breadth first (shortest routes first), produced one at a time so an
   * audit that has found every destructive action stops walking.
   */
  public *walk(start: IamPrincipal, depth: number): Generator<Reached> {
    const seen = new Set<IamPrincipal>();
    let originals = 0;
    let frontier: Reached[] = [];
    const pending: Reached[] = [];
    // A principal reached is reached changed too, when it may change its own policies: one more step, same depth.
    const reach = (r: Reached, into: Reached[]) => {
      seen.add(r.actor);
      if (this.principalSet.has(r.actor) || this.createdRoles.has(r.actor)) originals++;
      pending.push(r);
      into.push(r);
      const self = this.selfChange(r.actor);
      if (self && !seen.has(self.role)) reach({ actor: self.role, via: [...r.via, self.step] }, into);
    };
    reach({ actor: start, via: [] }, frontier);
    yield* pending.splice(0);
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: Reached[] = [];
      for (const r of frontier) {
        // Every principal seen (with its changed self): nothing more to find. Keeps an account where everyone
        // may take over everyone at one pass over the principals per audited one.
        if (originals >= this.principalSet.size + this.creatorAccounts().size) return;
        for (const e of this.edgesFrom(r.actor)) {
          if (seen.has(e.role)) continue;
          reach({ actor: e.role, via: [...r.via, e.step] }, next);
          yield* pending.splice(0);
        }
        for (const { how, targets } of this.everywhere.get(r.actor) ?? []) {
          for (const target of targets) {
            if (seen.has(target) || target.arn === r.actor.arn || target.accountId !== r.actor.accountId) continue;
            reach({ actor: target, via: [...r.via, { how, role: target.arn, certainty: 'allowed' }] }, next);
            yield* pending.splice(0);
          }
        }
      }
      frontier = next;
    }
  }

  private edgesFrom(actor: IamPrincipal): readonly { role: IamPrincipal; step: RouteStep }[] {
    const hit = this.edges.get(actor);
    if (hit) return hit;
    const policies = this.policiesOf(actor);
    const edges: { role: IamPrincipal; step: RouteStep }[] = [];
    // A role that trusts the account (or anyone) needs an identity allow of sts:AssumeRole: when the actor has
    // none on any resource, only the roles that name it can be assumed.
    const mayAssume = policies.decide('sts:AssumeRole').allowedOn.length > 0;
    const candidates = new Set<IamPrincipal>([
      ...(this.byTrustedArn.get(actor.arn) ?? []),
      ...this.trustingSessions,
      ...(mayAssume ? (this.byTrustedAccount.get(actor.accountId) ?? []) : []),
      ...(mayAssume ? this.trustingAnyone : []),
    ]);
    for (const role of candidates) {
      if (role === actor) continue;
      const trust = trustVerdict(role, actor, policies.requestContext);
      if (trust === 'no') continue;
      const call = policies.decide('sts:AssumeRole', [role.arn]);
      const sameAccount = role.accountId === actor.accountId;
      const namedDirectly = (trust === 'named' || trust === 'session') && sameAccount;
      let certainty: RouteStep['certainty'] | undefined;
      if (call.allowedOn.length > 0) certainty = call.allowedOn[0].certainty;
      else if (namedDirectly && !call.stoppedBy.some((s) => s.kind === 'explicit-deny' || s.kind === 'scp')) {
        // The trust policy names the principal: no identity allow is needed within the account.
        certainty = 'allowed';
      }
      if (!certainty) continue;
      if (trust === 'possible' || trust === 'session') certainty = 'possible';
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
    edges.push(...this.computeRoutes(actor, policies));
    edges.push(...this.takeovers(actor, policies));
    const created = this.createdRole(actor, policies);
    if (created) edges.push(created);
    this.edges.set(actor, edges);
    return edges;
  }

  /**
   * Roles of a compute service whose code the actor may run: `iam:PassRole` (to that service) plus a call that
   * starts code with the role, or a call that changes the code of what may already run with it. Possible, never
   * certain: which functions, instances or projects use a role, and whether the code then runs, is not in the input.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
   */
  private computeRoutes(actor: IamPrincipal, policies: PrincipalPolicies): { role: IamPrincipal; step: RouteStep }[] {
    const out: { role: IamPrincipal; step: RouteStep }[] = [];
    const seen = new Set<IamPrincipal>();
    for (const [service, roles] of this.computeRoles) {
      const request = { 'iam:PassedToService': [service.service] };
      const launch = service.launch.find((a) => policies.decide(a).allowedOn.length > 0);
      const partition = partitionOf(actor.arn);
      // Every resource the call names must be allowed: `ssm:SendCommand` names the instance and the document, and a
      // policy that allows only one document (AWS Backup's VSS snapshot) runs no code of the caller's.
      const reuse = service.reuse.find(({ action, resources }) =>
        resources(partition, actor.accountId).every((r) => policies.decide(action, [r]).allowedOn.length > 0),
      )?.action;
      if (!launch && !reuse) continue;
      const mayPass = launch !== undefined && policies.decide('iam:PassRole', undefined, request).allowedOn.length > 0;
      for (const role of roles) {
        if (role === actor || seen.has(role)) continue;
        let how: string | undefined;
        if (mayPass && policies.decide('iam:PassRole', [role.arn], request).allowedOn.length > 0)
          how = `iam:PassRole + ${launch}`;
        else if (reuse) how = `${reuse} on what already runs with it`;
        if (!how) continue;
        seen.add(role);
        out.push({ role, step: { how, role: role.arn, certainty: 'possible' } });
      }
    }
    return out;
  }

  /**
   * The accounts where some principal may create a role and give it rights: there, a walk has seen everything only
   * once it has also reached that created role.
   */
  private creatorAccounts(): ReadonlySet<string> {
    if (!this.creators) {
      const accounts = new Set<string>();
      for (const p of this.principalSet) {
        if (accounts.has(p.accountId) || isServiceLinkedRole(p)) continue;
        if (this.createdRole(p, this.policiesOf(p))) accounts.add(p.accountId);
      }
      this.creators = accounts;
    }
    return this.creators;
  }

  /**
   * A role the actor creates (`iam:CreateRole`) with a policy it writes or attaches (`iam:PutRolePolicy`,
   * `iam:AttachRolePolicy`) and a trust policy naming itself, which within the account it may then assume
   * without an identity allow: any action the SCPs leave. It is not in the input, so it is modelled: no
   * boundary (a condition on `iam:PermissionsBoundary` is not decided offline), tags unknown, and an ARN no
   * policy names (an exemption by a wildcard ARN pattern the new role's name could match is not followed).
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html
   */
  private createdRole(
    actor: IamPrincipal,
    policies: PrincipalPolicies,
  ): { role: IamPrincipal; step: RouteStep } | undefined {
    if (actor.name === CREATED_ROLE_NAME || isServiceLinkedRole(actor)) return undefined;
    const create = policies.decide('iam:CreateRole');
    if (create.allowedOn.length === 0) return undefined;
    const grant = ['iam:PutRolePolicy', 'iam:AttachRolePolicy']
      .map((a) => ({ a, d: policies.decide(a) }))
      .find((g) => g.d.allowedOn.length > 0);
    if (!grant) return undefined;
    let role = this.created.get(actor.accountId);
    if (!role) {
      const partition = actor.arn.split(':')[1] ?? 'aws';
      role = {
        kind: 'role',
        arn: `arn:${partition}:iam::${actor.accountId}:role/${CREATED_ROLE_NAME}`,
        name: CREATED_ROLE_NAME,
        accountId: actor.accountId,
        path: '/',
        policies: [
          {
            name: 'any policy',
            via: 'written on a role created for the purpose',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          },
        ],
        tags: {},
        tagsUnknown: true,
      };
      this.created.set(actor.accountId, role);
      this.createdRoles.add(role);
    }
    const sure = certaintyOf(create) === 'allowed' && certaintyOf(grant.d) === 'allowed';
    return {
      role,
      step: { how: `iam:CreateRole + ${grant.a}`, role: role.arn, certainty: sure ? 'allowed' : 'possible' },
    };
  }

  /**
   * Roles whose trust policy the actor may rewrite, and users it may sign in as. A rewritten trust policy names
   * the actor, which within the account needs no identity allow to assume it. Each kind is tried on every
   * principal only when the actor may call it at all.
   */
  private takeovers(actor: IamPrincipal, policies: PrincipalPolicies): { role: IamPrincipal; step: RouteStep }[] {
    const out: { role: IamPrincipal; step: RouteStep }[] = [];
    for (const { actions, targets } of [
      { actions: TRUST_REWRITE, targets: this.roles },
      { actions: USER_CREDENTIALS, targets: this.users },
    ]) {
      const callable = actions.filter((a) => policies.decide(a).allowedOn.length > 0);
      if (callable.length === 0) continue;
      // Allowed for certain on every resource (AdministratorAccess): no need to decide each target.
      const everywhere = callable.find((a) =>
        policies
          .decide(a)
          .allowedOn.some((o) => o.resource === '*' && o.certainty === 'allowed' && o.except.length === 0),
      );
      if (everywhere) {
        // Every target, listed once and stepped into lazily: an account of thousands of administrators would
        // otherwise hold an edge for every pair.
        push(this.everywhere, actor, { how: everywhere, targets });
        continue;
      }
      for (const target of targets) {
        if (target === actor || target.arn === actor.arn || target.accountId !== actor.accountId) continue;
        for (const action of callable) {
          const d = policies.decide(action, [target.arn]);
          if (d.allowedOn.length === 0) continue;
          out.push({ role: target, step: { how: action, role: target.arn, certainty: certaintyOf(d) } });
          break;
        }
      }
    }
    return out;
  }

  /**
   * The actor after changing its own identity policies, when it may: granted everything (a policy it puts or
   * attaches on itself), and without the denies of the policies it may delete, detach or leave (decided with
   * what it may grant itself first). Its boundary, the SCPs and the denies it cannot remove still apply.
   */
  private selfChange(actor: IamPrincipal): { role: IamPrincipal; step: RouteStep } | undefined {
    if (this.selfChanged.has(actor) || isServiceLinkedRole(actor)) return undefined;
    const hit = this.escalated.get(actor);
    if (hit !== undefined) return hit ?? undefined;
    const how: string[] = [];
    let certain = true;
    const use = (action: string, d: ActionDecision) => {
      how.push(action);
      if (certaintyOf(d) === 'possible') certain = false;
    };
    const own = actor.kind === 'role' ? SELF_CHANGE.role : SELF_CHANGE.user;
    let policies = actor.policies;
    // Group calls name the group, whose ARN (path) the model does not hold: decided on any resource.
    const grant = own.grant.map((a) => ({
      a,
      d: this.policiesOf(actor).decide(a, /Group/.test(a) ? undefined : [actor.arn]),
    }));
    const granted = grant.find((g) => g.d.allowedOn.length > 0);
    let widened: IamPrincipal = actor;
    if (granted) {
      use(granted.a, granted.d);
      policies = [...policies, selfGrant(actor, granted.a)];
      widened = { ...actor, policies };
      this.selfChanged.add(widened);
    }
    const decider = this.policiesOf(widened);
    const removable = (p: NamedPolicy): string | undefined => {
      const group = /^(?:inline in|attached to) group /.test(p.via);
      const candidates = group ? own.leaveGroup : p.arn === undefined ? own.deleteInline : own.detach;
      for (const a of candidates) {
        // A group's ARN is not in the model (its path is unknown): any resource. Detaching names the policy in
        // `iam:PolicyARN`, so a deny on detaching that one policy is decided:
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
        const request = p.arn !== undefined && /^iam:Detach/.test(a) ? { 'iam:PolicyARN': [p.arn] } : undefined;
        const d = decider.decide(a, group ? undefined : [actor.arn], request);
        if (d.allowedOn.length > 0) {
          use(a, d);
          return a;
        }
      }
      return undefined;
    };
    let stripped = false;
    policies = policies.map((p) => {
      if (!statementsOf(p.document).some((st) => st.Effect === 'Deny')) return p;
      if (removable(p) === undefined) return p;
      stripped = true;
      const allows = statementsOf(p.document).filter((st) => st.Effect !== 'Deny');
      return { ...p, via: `${p.via}, its denies removable`, document: { ...p.document, Statement: allows } };
    });
    // Tagging itself changes `aws:PrincipalTag/<key>`, which a deny may be conditioned on.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html
    let retag = false;
    if (!actor.tagsUnknown) {
      for (const a of own.tag) {
        const d = decider.decide(a, [actor.arn]);
        if (d.allowedOn.length === 0) continue;
        // Named only when it is the change that matters: a granted policy already lets it tag itself.
        if (granted) {
          if (certaintyOf(d) === 'possible') certain = false;
        } else use(a, d);
        retag = true;
        break;
      }
    }
    if (!granted && !stripped && !retag) {
      this.escalated.set(actor, null);
      return undefined;
    }
    const changed: IamPrincipal = { ...actor, policies, ...(retag ? { tagsUnknown: true } : {}) };
    this.selfChanged.add(changed);
    const step: RouteStep = {
      how: `${[...new Set(how)].join(' + ')} on itself`,
      role: actor.arn,
      certainty: certain ? 'allowed' : 'possible',
    };
    const edge = { role: changed, step };
    this.escalated.set(actor, edge);
    return edge;
  }
}

interface ComputeService {
  /** The service principal a role's trust policy names. */
  readonly service: string;
  /** Calls that, with `iam:PassRole`, start code running with a role. */
  readonly launch: readonly string[];
  /**
   * Calls that change the code, or run commands, where a role is already in use: no `iam:PassRole` needed. Each
   * with the resources it names (patterns), all of which must be allowed.
   */
  readonly reuse: readonly {
    readonly action: string;
    readonly resources: (partition: string, account: string) => readonly string[];
  }[];
}

/**
 * Services that run the caller's code with a role passed to them. Lambda:
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html; EC2 instance profiles:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html (and Systems Manager commands
 * on an instance run with its role); ECS task roles: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html;
 * CodeBuild: https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html; Glue:
 * https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html; Step Functions:
 * https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html; SageMaker:
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html.
 */
const COMPUTE_SERVICES: readonly ComputeService[] = [
  {
    service: 'lambda.amazonaws.com',
    launch: ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'],
    reuse: [{ action: 'lambda:UpdateFunctionCode', resources: (p, a) => [`arn:${p}:lambda:*:${a}:function:*`] }],
  },
  {
    service: 'ec2.amazonaws.com',
    launch: ['ec2:RunInstances', 'ec2:AssociateIamInstanceProfile', 'ec2:ReplaceIamInstanceProfileAssociation'],
    reuse: [
      {
        action: 'ssm:SendCommand',
        resources: (p, a) => [`arn:${p}:ec2:*:${a}:instance/*`, `arn:${p}:ssm:*::document/AWS-RunShellScript`],
      },
      { action: 'ssm:StartSession', resources: (p, a) => [`arn:${p}:ec2:*:${a}:instance/*`] },
    ],
  },
  { service: 'ecs-tasks.amazonaws.com', launch: ['ecs:RegisterTaskDefinition'], reuse: [] },
  {
    service: 'codebuild.amazonaws.com',
    launch: ['codebuild:CreateProject', 'codebuild:UpdateProject'],
    reuse: [{ action: 'codebuild:StartBuild', resources: (p, a) => [`arn:${p}:codebuild:*:${a}:project/*`] }],
  },
  { service: 'glue.amazonaws.com', launch: ['glue:CreateJob', 'glue:UpdateJob', 'glue:CreateDevEndpoint'], reuse: [] },
  { service: 'states.amazonaws.com', launch: ['states:CreateStateMachine', 'states:UpdateStateMachine'], reuse: [] },
  {
    service: 'sagemaker.amazonaws.com',
    launch: ['sagemaker:CreateNotebookInstance', 'sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob'],
    reuse: [],
  },
];

/** The name of the role a principal could create, in routes and findings. */
const CREATED_ROLE_NAME = '(a role it creates)';

/** Calls that let a principal rewrite who may assume a role. */
const TRUST_REWRITE = ['iam:UpdateAssumeRolePolicy'];
/** Calls that give the caller credentials of another user. */
const USER_CREDENTIALS = ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'];
/** Calls on a principal's own identity policies (the resource is the principal's ARN, a group's for groups). */
const SELF_CHANGE = {
  role: {
    grant: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'],
    deleteInline: ['iam:DeleteRolePolicy'],
    detach: ['iam:DetachRolePolicy'],
    leaveGroup: [] as string[],
    tag: ['iam:TagRole', 'iam:UntagRole'],
  },
  user: {
    // Joining a group, or writing a group's policies, grants what the group holds: any group may be one it joins.
    grant: [
      'iam:PutUserPolicy',
      'iam:AttachUserPolicy',
      'iam:AddUserToGroup',
      'iam:PutGroupPolicy',
      'iam:AttachGroupPolicy',
    ],
    deleteInline: ['iam:DeleteUserPolicy'],
    detach: ['iam:DetachUserPolicy'],
    leaveGroup: ['iam:RemoveUserFromGroup', 'iam:DeleteGroupPolicy', 'iam:DetachGroupPolicy'],
    tag: ['iam:TagUser', 'iam:UntagUser'],
  },
};

function selfGrant(actor: IamPrincipal, action: string): NamedPolicy {
  return {
    name: `any policy (${action} on itself)`,
    via: `which ${actor.kind} \`${actor.name}\` may give itself`,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  };
}

function certaintyOf(d: ActionDecision): RouteStep['certainty'] {
  return d.allowedOn.some((o) => o.certainty === 'allowed') ? 'allowed' : 'possible';
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
  /** Names a role session, which needs no identity allow (judged per role in principalMatch). */
  readonly sessions: boolean;
}

/** Who a trust policy's Allow statements name, for indexing (conditions are judged per principal later). */
function trustedBy(doc: PolicyDocument): Trusted {
  const t: Trusted = { arns: new Set(), accounts: new Set(), services: new Set(), anyone: false, sessions: false };
  let anyone = false;
  let sessions = false;
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
        const session = ASSUMED_ROLE.exec(v);
        if (root) t.accounts.add(root[1]);
        // A role session (`arn:aws:sts::111122223333:assumed-role/agent/ci`): judged per role in principalMatch.
        else if (session) {
          t.accounts.add(session[1]);
          sessions = true;
        } else t.arns.add(v);
      }
    }
    for (const v of listOf(p.Service)) t.services.add(v);
  }
  return { ...t, anyone, sessions };
}

/**
 * Whether a role's trust policy lets `actor` assume it: `named` (its ARN is
 * listed), `account` (its account is), `possible` (a condition cannot be
 * decided, or the trust is open), or `no`.
 */
function trustVerdict(role: IamPrincipal, actor: IamPrincipal, request: RequestContext): TrustVerdict {
  const doc = role.trustPolicy as PolicyDocument;
  let verdict: TrustVerdict = 'no';
  const better = (v: typeof verdict) => {
    const order = { no: 0, possible: 1, account: 2, session: 3, named: 4 };
    if (order[v] > order[verdict]) verdict = v;
  };
  let denied = false;
  for (const s of statementsOf(doc)) {
    const assumes = statementNamesAction(s, 'sts:AssumeRole');
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
): TrustVerdict {
  if (notPrincipal !== undefined) return 'possible';
  if (principal === '*') return 'possible';
  if (principal === undefined || principal === null || typeof principal !== 'object') return 'no';
  const aws = listOf(principal.AWS);
  let out: TrustVerdict = 'no';
  for (const v of aws) {
    const session = ASSUMED_ROLE.exec(v);
    if (v === '*') out = out === 'no' ? 'possible' : out;
    else if (v === actor.arn) return 'named';
    else if (session && actor.kind === 'role' && session[1] === actor.accountId && session[2] === actor.name)
      out = 'session';
    else if (v === actor.accountId || v === `arn:${partitionOf(actor.arn)}:iam::${actor.accountId}:root`)
      out = 'account';
  }
  return out;
}

/**
 * `named`: the trust policy lists the principal's ARN; `session`: a session of the role
 * (`arn:aws:sts::<account>:assumed-role/<role>/<session>`), whose name the audit cannot know; `account`: its
 * account; `possible`: an undecided condition or an open trust; `no`.
 */
type TrustVerdict = 'named' | 'session' | 'account' | 'possible' | 'no';

/**
 * A role session principal, which a trust policy may name and which then needs no identity allow within the account:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#sts-session-principals
 */
const ASSUMED_ROLE = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

function partitionOf(arn: string): string {
  return arn.split(':')[1] ?? 'aws';
}
