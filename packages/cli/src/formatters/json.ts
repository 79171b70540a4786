/** Machine-readable output: `{ findings: [...], summary: {...} }` and the rule catalogue. */
import type { Rule } from '@deadbolt/rules';
import { countFindings, templateOf, type CheckReport } from './report';

export function formatJson(report: CheckReport): string {
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    template: templateOf(f, report.cwd),
    logicalId: f.resource.logicalId,
    path: f.resource.path ?? null,
    resourceType: f.resource.type,
    message: f.message,
    fix: f.fix,
    title: f.title,
    why: f.why,
    acknowledgeWith: f.acknowledgeWith,
    acknowledged: f.acknowledged ? f.acknowledged.reason : null,
    acknowledgedAt: f.acknowledged?.source ?? null,
    acknowledgementRefused: f.acknowledgementRefused ?? null,
    stack: f.resource.stack ?? null,
    line: report.lines?.get(f.resource.key) ?? null,
    location: f.location ?? null,
    unresolved: f.unresolved === true,
  }));
  const c = countFindings(report.findings);
  // `plans` and `states` only when Terraform JSON was read: the summary of templates is unchanged.
  const summary = {
    ...c,
    templates: report.templates,
    ...(report.plans ? { plans: report.plans } : {}),
    ...(report.states ? { states: report.states } : {}),
    resources: report.resources,
  };
  // Only when a CDK app's checks recorded options: the object is unchanged for every other input.
  const synthesizedWith = report.synthesizedWith?.length
    ? report.synthesizedWith.map((s) => ({
        checker: s.checker,
        stacks: s.stacks,
        suppressions: s.suppressions,
        options: s.record,
      }))
    : undefined;
  return `${JSON.stringify({ findings, summary, ...(synthesizedWith ? { synthesizedWith } : {}) }, null, 2)}\n`;
}

export function formatRulesJson(rules: readonly Rule[]): string {
  const out = rules.map((r) => ({
    id: r.id,
    severity: r.severity,
    title: r.title,
    resourceTypes: r.resourceTypes,
    why: r.why,
    fix: r.fix,
  }));
  return `${JSON.stringify({ rules: out }, null, 2)}\n`;
}
