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
  readonly expires?: Date;
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
  return `as \`${g.actingAs}\`, reached by ${g.via.map((s) => `${s.how} into \`${s.role}\`${s.certainty === 'possible' ? ' (possible)' : ''}`).join(', then ')}`;
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
export function fixOf(p: PrincipalAudit, g: DestructiveGrant, several = false): string {
  const guardrail =
    "or deny it above the principal: attach Deadbolt's AgentGuardrailPolicy as SCPs (`new AgentGuardrailPolicy().toScpDocuments()`; a permissions boundary does not bind roles it can pass or assume)";
  if (g.via.length === 0)
    return `Narrow ${allowedByText(g) || 'the allowing statement'}: remove ${several ? 'these actions' : `\`${g.action}\``} or scope its Resource to what this principal must destroy, ${guardrail}.`;
  const first = g.via[0];
  return `Cut the route: stop \`${p.principal.arn}\` from ${first.how.startsWith('sts:') ? `assuming \`${first.role}\` (narrow its sts:AssumeRole allow, or the role's trust policy)` : `using \`${first.role}\` through CloudFormation (narrow iam:PassRole and the cloudformation: actions, or the role's rights)`}, ${guardrail}.`;
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
  const lines: string[] = [];
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
  return `${lines.join('\n')}\n`;
}

export function formatIamJson(report: IamReport): string {
  const principals = report.audit.principals.map((p) => ({
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
        why: g.why,
        fix: fixOf(p, g),
        ...(ack ? { acknowledged: { reason: ack.reason, source: ack.source } } : {}),
      };
    }),
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
  }));
  return `${JSON.stringify(
    {
      input: report.input,
      scps: report.scps,
      resources: report.resources,
      resourceTags: report.resourceTags,
      principals,
      notes: report.audit.notes,
      refusedAcknowledgements: report.refusals,
    },
    null,
    2,
  )}\n`;
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
