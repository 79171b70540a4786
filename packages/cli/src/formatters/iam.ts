/**
 * `deadbolt iam` reports: text grouped by principal, JSON
 * (`{principal, destructive: [{action, resources, via}], stoppedBy: [...]}`),
 * and SARIF 2.1.0 for code scanning (one result per principal and action).
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import {
  describeStatement,
  plural,
  type AccountAudit,
  type DestructiveGrant,
  type PrincipalAudit,
  type StoppedAction,
} from '@deadbolt/rules';

/** An accepted capability: `{ principal, action | "*", reason, expires? }`. */
export interface IamAcknowledgement {
  readonly principal: string;
  readonly action: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: it holds through that day (UTC). */
  readonly expires?: string;
  /** `FILE entry N`. */
  readonly source: string;
}

export interface IamReport {
  readonly audit: AccountAudit;
  /** The input as shown to the user. */
  readonly input: string;
  readonly scps: readonly string[];
  readonly resources: readonly string[];
  readonly resourceTags: Readonly<Record<string, string>>;
  /** Honoured acknowledgements only. */
  readonly acknowledgements: readonly IamAcknowledgement[];
  /** Refused acknowledgements, as sentences. */
  readonly refusals: readonly string[];
  /** True when `--principal` named who to judge. */
  readonly named: boolean;
}

/** The grants of a judged principal that no honoured acknowledgement accepts. */
export function failing(p: PrincipalAudit, report: IamReport): DestructiveGrant[] {
  if (p.serviceLinked) return [];
  return p.destructive.filter((g) => acknowledgementOf(p, g, report) === undefined);
}

function acknowledgementOf(p: PrincipalAudit, g: DestructiveGrant, report: IamReport): IamAcknowledgement | undefined {
  return report.acknowledgements.find(
    (a) => a.principal === p.principal.arn && (a.action === '*' || a.action === g.action),
  );
}

function resourcesText(g: DestructiveGrant): string {
  return g.allowedOn
    .map((o) => {
      const r = o.resource === '*' ? 'any resource' : `\`${o.resource}\``;
      return o.except.length > 0 ? `${r} except ${o.except.map((e) => `\`${e}\``).join(', ')}` : r;
    })
    .join(', ');
}

function routeText(g: DestructiveGrant): string {
  if (g.via.length === 0) return 'with its own permissions';
  const step = (s: DestructiveGrant['via'][number]) =>
    `${s.how}${s.how.endsWith(' on itself') ? ` (\`${s.role}\`)` : ` into \`${s.role}\``}${s.certainty === 'possible' ? ' (possible)' : ''}`;
  return `as \`${g.actingAs}\`, reached by ${g.via.map(step).join(', then ')}`;
}

function allowedByText(g: DestructiveGrant): string {
  const refs = g.allowedOn.flatMap((o) => o.allowedBy);
  const seen = new Set<string>();
  const names = refs
    .map(describeStatement)
    .filter((n) => (seen.has(n) ? false : (seen.add(n), true)))
    .slice(0, 3);
  return names.join('; ');
}

/** The fix for a grant: the statement to narrow, the route to cut, or the guardrail to attach. */
/** The fix every finding shares: deny above the principal. */
export const GUARDRAIL_FIX =
  "or deny it above the principal: attach Deadbolt's AgentGuardrailPolicy as SCPs (`new AgentGuardrailPolicy().toScpDocuments()`; a permissions boundary does not bind roles it can pass or assume)";

export function fixOf(p: PrincipalAudit, g: DestructiveGrant, several = false, withGuardrail = true): string {
  const guardrail = withGuardrail ? GUARDRAIL_FIX : 'or deny it above the principal (`fixAbove`)';
  if (g.via.length === 0)
    return `Narrow ${allowedByText(g) || 'the allowing statement'}: remove ${several ? 'these actions' : `\`${g.action}\``} or scope its Resource to what this principal must destroy, ${guardrail}.`;
  const first = g.via[0];
  return `Cut the route: stop \`${p.principal.arn}\` from ${routeFix(first)}, ${guardrail}.`;
}

/** How to cut one step of a route, by its kind (audit.ts names them). */
function routeFix(step: DestructiveGrant['via'][number]): string {
  if (step.how.startsWith('sts:'))
    return `assuming \`${step.role}\` (narrow its sts:AssumeRole allow, or the role's trust policy)`;
  if (step.how.endsWith(' on itself'))
    return `changing its own policies (${step.how.replace(/ on itself$/, '')}: remove that allow, or deny those calls on its own ARN in a policy it cannot detach, or in an SCP)`;
  if (step.how.includes('cloudformation:'))
    return `using \`${step.role}\` through CloudFormation (narrow iam:PassRole and the cloudformation: actions, or the role's rights)`;
  if (step.how.startsWith('iam:CreateRole'))
    return `creating a role with a policy of its choosing and assuming it (${step.how}: remove iam:CreateRole, or allow it only with iam:PermissionsBoundary set to a guardrail boundary)`;
  if (step.how.startsWith('iam:PassRole') || step.how.endsWith(' on what already runs with it'))
    return `running code as \`${step.role}\` (${step.how}: narrow iam:PassRole to the roles it must pass, and that call, or the role's rights)`;
  if (step.how.startsWith('iam:'))
    return `taking over \`${step.role}\` with ${step.how} (remove that allow, or deny it on that principal)`;
  return `using \`${step.role}\` through CloudFormation (narrow iam:PassRole and the cloudformation: actions, or the role's rights)`;
}

function acknowledgeText(p: PrincipalAudit, g: DestructiveGrant, several = false): string {
  const action = several ? "ACTION (one of those above, or '*' for all)" : `'${g.action}'`;
  return `{ principal: '${p.principal.arn}', action: ${action}, reason: '…' } in the --acknowledgements file`;
}

/** Actions listed with their reason per group in text; the rest are named (JSON lists every reason). */
const LISTED_PER_GROUP = 12;

interface Group {
  readonly key: string;
  readonly grants: DestructiveGrant[];
}

/** Grants sharing resources, route and allowing statements are shown once, with their actions listed. */
function groupGrants(grants: readonly DestructiveGrant[]): Group[] {
  const groups = new Map<string, Group>();
  for (const g of grants) {
    const key = [resourcesText(g), routeText(g), allowedByText(g), g.certainty].join('\u0000');
    const hit = groups.get(key);
    if (hit) hit.grants.push(g);
    else groups.set(key, { key, grants: [g] });
  }
  return [...groups.values()];
}

function stopGroups(stopped: readonly StoppedAction[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of stopped) {
    const first = s.stoppedBy[0];
    const reason = first ? first.detail : 'nothing allows it';
    const list = out.get(reason);
    if (list) list.push(s.action);
    else out.set(reason, [s.action]);
  }
  return out;
}

function principalLabel(p: PrincipalAudit): string {
  const where = p.principal.source ? ` in ${p.principal.source}` : '';
  return `${p.principal.kind} \`${p.principal.name}\` (${p.principal.arn})${where}`;
}

export function formatIamText(report: IamReport): string {
  return [...iamTextChunks(report)].join('');
}

/** The text report in pieces, one principal at a time. */
export function* iamTextChunks(report: IamReport): Generator<string> {
  let lines: string[] = [];
  const judged = report.audit.principals.filter((p) => !p.serviceLinked);
  const failingCount = judged.filter((p) => failing(p, report).length > 0).length;
  for (const p of report.audit.principals) {
    if (p.serviceLinked) {
      lines.push(`${principalLabel(p)}: service-linked role, not judged (only its AWS service can use it).`, '');
      continue;
    }
    const open = failing(p, report);
    const accepted = p.destructive.length - open.length;
    if (p.destructive.length === 0) {
      lines.push(
        `${principalLabel(p)}: cannot destroy data (${plural(p.stopped.length, 'destructive action')} judged).`,
      );
    } else {
      lines.push(
        `${principalLabel(p)}: CAN DESTROY DATA: ${plural(p.destructive.length, 'destructive action')}${accepted > 0 ? ` (${accepted} acknowledged)` : ''}.`,
      );
      for (const group of groupGrants(p.destructive)) {
        const g = group.grants[0];
        const certainty = g.certainty === 'possible' ? 'possibly ' : '';
        lines.push(
          `  ${certainty}on ${resourcesText(g)}, ${routeText(g)}${allowedByText(g) ? `; allowed by ${allowedByText(g)}` : ''}:`,
        );
        for (const x of group.grants.slice(0, LISTED_PER_GROUP)) {
          const ack = acknowledgementOf(p, x, report);
          lines.push(`    - ${x.action}: ${x.why}${ack ? ` [acknowledged: ${ack.reason}]` : ''}`);
        }
        const rest = group.grants.slice(LISTED_PER_GROUP);
        if (rest.length > 0) {
          const names = rest.map((x) => `${x.action}${acknowledgementOf(p, x, report) ? ' [acknowledged]' : ''}`);
          lines.push(
            `    - and ${plural(rest.length, 'more action')} (--format json gives each reason): ${names.join(', ')}.`,
          );
        }
        const conditions = [...new Set(group.grants.flatMap((x) => x.allowedOn.flatMap((o) => o.conditions)))];
        if (conditions.length > 0) lines.push(`    Undecided offline: ${conditions.slice(0, 5).join('; ')}.`);
        lines.push(`    Fix: ${fixOf(p, g, group.grants.length > 1)}`);
        lines.push(`    Acknowledge with a written reason: ${acknowledgeText(p, g, group.grants.length > 1)}.`);
      }
    }
    if (p.stopped.length > 0 && p.destructive.length > 0) lines.push(`  Stopped (${p.stopped.length}):`);
    else if (p.stopped.length > 0) lines.push('  Stopped:');
    for (const [reason, actions] of stopGroups(p.stopped)) {
      const shown = actions.slice(0, 6).join(', ');
      lines.push(`    - ${reason}: ${shown}${actions.length > 6 ? ` and ${actions.length - 6} more` : ''}.`);
    }
    for (const a of p.assumptions) lines.push(`  Assumed: ${a}`);
    lines.push('');
    yield `${lines.join('\n')}\n`;
    lines = [];
  }
  for (const n of report.audit.notes) lines.push(`Note: ${n}`);
  for (const r of report.refusals) lines.push(`Refused: ${r}`);
  const scope =
    report.resources.length > 0
      ? ` on ${plural(report.resources.length, 'named resource')}`
      : Object.keys(report.resourceTags).length > 0
        ? ` on resources tagged ${Object.entries(report.resourceTags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`
        : '';
  lines.push(
    `${plural(judged.length, 'principal')} judged${scope}: ${failingCount === 0 ? 'none can destroy data' : `${plural(failingCount, 'principal')} can destroy data`}${report.scps.length > 0 ? ` (under ${plural(report.scps.length, 'SCP level')})` : ' (no SCPs given: --scp FILE)'}.`,
  );
  yield `${lines.join('\n')}\n`;
}

export function formatIamJson(report: IamReport): string {
  return [...iamJsonChunks(report)].join('');
}

/**
 * The JSON report in pieces, one principal at a time, so an account of thousands of roles is written without
 * holding the whole document in memory.
 */
export function* iamJsonChunks(report: IamReport): Generator<string> {
  const head = JSON.stringify(
    { input: report.input, scps: report.scps, resources: report.resources, resourceTags: report.resourceTags },
    null,
    2,
  );
  yield `${head.slice(0, -2)},\n  "principals": [`;
  let first = true;
  for (const p of report.audit.principals) {
    // One principal per line: an account's report is tens of megabytes, and indenting it would double that.
    yield `${first ? '' : ','}\n    ${JSON.stringify(principalJson(p, report))}`;
    first = false;
  }
  const why: Record<string, { kind: string; why: string }> = {};
  for (const p of report.audit.principals)
    for (const g of p.destructive) why[g.action] ??= { kind: g.kind, why: g.why };
  const tail = JSON.stringify(
    { actions: why, fixAbove: GUARDRAIL_FIX, notes: report.audit.notes, refusedAcknowledgements: report.refusals },
    null,
    2,
  );
  yield `${first ? '' : '\n  '}],\n${tail.slice(2)}\n`;
}

function fixesOf(p: PrincipalAudit): { fix: string; actions: string[] }[] {
  const byFix = new Map<string, string[]>();
  for (const g of p.destructive) {
    const fix = fixOf(p, g, true, false);
    const list = byFix.get(fix);
    if (list) list.push(g.action);
    else byFix.set(fix, [g.action]);
  }
  return [...byFix].map(([fix, actions]) => ({ fix, actions }));
}

function principalJson(p: PrincipalAudit, report: IamReport): Record<string, unknown> {
  return {
    principal: p.principal.arn,
    kind: p.principal.kind,
    name: p.principal.name,
    ...(p.principal.source ? { source: p.principal.source } : {}),
    serviceLinked: p.serviceLinked,
    canDestroy: failing(p, report).length > 0,
    destructive: p.destructive.map((g) => {
      const ack = acknowledgementOf(p, g, report);
      return {
        action: g.action,
        kind: g.kind,
        certainty: g.certainty,
        resources: g.allowedOn.map((o) => o.resource),
        except: [...new Set(g.allowedOn.flatMap((o) => o.except))],
        conditions: [...new Set(g.allowedOn.flatMap((o) => o.conditions))],
        via: g.via.map((s) => ({ how: s.how, role: s.role, certainty: s.certainty })),
        actingAs: g.actingAs,
        allowedBy: g.allowedOn.flatMap((o) => o.allowedBy),
        ...(ack ? { acknowledged: { reason: ack.reason, source: ack.source } } : {}),
      };
    }),
    // One entry per distinct fix, with the actions it applies to: the same route or statement allows many.
    fixes: fixesOf(p),
    stoppedBy: p.stopped.map((s) => ({
      action: s.action,
      by: s.stoppedBy.map((r) => ({
        kind: r.kind,
        detail: r.detail,
        ...(r.statement ? { statement: r.statement } : {}),
      })),
    })),
    reachableRoles: p.reachableRoles,
    assumptions: p.assumptions,
  };
}

export function formatIamSarif(report: IamReport, options: { readonly version: string }): string {
  const results = report.audit.principals.flatMap((p) =>
    p.serviceLinked
      ? []
      : p.destructive.map((g) => {
          const ack = acknowledgementOf(p, g, report);
          return {
            ruleId: `iam-can-destroy/${g.action}`,
            level: g.certainty === 'allowed' ? 'error' : 'warning',
            message: {
              text: `${principalLabel(p)} can perform ${g.action} on ${resourcesText(g)}, ${routeText(g)}. ${g.why} Fix: ${fixOf(p, g)} Acknowledge with a written reason: ${acknowledgeText(p, g)}.`,
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: report.input.split('\\').join('/') },
                  region: { startLine: 1 },
                },
                logicalLocations: [{ name: p.principal.arn, kind: 'resource' }],
              },
            ],
            partialFingerprints: { principalAction: `${p.principal.arn}|${g.action}` },
            ...(ack ? { suppressions: [{ kind: 'external', justification: ack.reason }] } : {}),
          };
        }),
  );
  const actions = [...new Set(results.map((r) => r.ruleId))];
  return `${JSON.stringify(
    {
      $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'deadbolt iam',
              version: options.version,
              informationUri: 'https://github.com/deadbolt-dev/deadbolt',
              rules: actions.map((id) => ({
                id,
                shortDescription: { text: `A principal can perform ${id.split('/')[1]}` },
              })),
            },
          },
          results,
        },
      ],
    },
    null,
    2,
  )}\n`;
}
