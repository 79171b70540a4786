/**
 * The gate's machine-readable report: `{ plan, blocked, approved, allowed, notices, summary }`.
 * `allowed` lists the changes let through that change something (no `no-op`
 * or `read` entries); `summary` counts them all.
 */
import type { Decision, Lowering } from '@deadbolt/rules';
import { approveCommand, type GateOutput } from './gate-report';

function lowering(l: Lowering) {
  return {
    property: l.property,
    before: l.before ?? null,
    after: l.afterKnown ? (l.after ?? null) : null,
    afterKnown: l.afterKnown,
    message: l.message,
  };
}

function entry(d: Decision) {
  const c = d.change;
  return {
    address: c.address,
    type: c.type ?? null,
    providerType: c.providerType,
    action: c.action,
    nativeAction: c.nativeAction,
    data: d.data,
    identity: c.identity ?? null,
    stack: c.stack ?? null,
  };
}

export function formatGateJson(output: GateOutput): string {
  const { report } = output;
  const doc = {
    plan: {
      input: output.label,
      format: report.plan.source,
      description: report.plan.description,
      changes: report.plan.changes.length,
    },
    blocked: report.blocked.map((d) => ({
      ...entry(d),
      approvalAction: d.approvalAction,
      conditional: d.change.conditional === true,
      reasons: d.reasons,
      lowerings: d.lowerings.map(lowering),
      refusals: d.refusals,
      approveWith: approveCommand(output, d),
    })),
    approved: report.approved.map((d) => ({
      ...entry(d),
      approvalAction: d.approvalAction,
      reasons: d.reasons,
      approval: {
        reason: d.approval.reason,
        expires: d.approval.expires,
        approvedBy: d.approval.approvedBy ?? null,
        signature: d.signatureCheck,
      },
    })),
    allowed: report.allowed
      .filter((d) => d.change.action !== 'no-op' && d.change.action !== 'read')
      .map((d) => ({ ...entry(d), note: d.note ?? null })),
    notices: report.plan.notices,
    unusedApprovals: report.unusedApprovals.map((a) => ({ address: a.address, action: a.action })),
    summary: {
      blocked: report.blocked.length,
      approved: report.approved.length,
      allowed: report.allowed.length,
      changes: report.plan.changes.length,
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
