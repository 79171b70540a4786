import { plural, type Finding, type OptionsRecord } from '@deadbolt/rules';
import { reportPath } from '../paths';

/** What `deadbolt check` found: the input of every findings formatter. */
export interface CheckReport {
  /** In the order the engine produced them (template by template). */
  readonly findings: readonly Finding[];
  /** How many templates (stacks, nested stacks, files) were checked, besides Terraform JSON. */
  readonly templates: number;
  /** How many Terraform plans and states were checked: one per JSON file given. */
  readonly plans?: number;
  readonly states?: number;
  /**
   * The documents read from Terraform JSON, by name (a finding's `resource.stack`), and whether from a plan or a
   * state: their findings are headed by the plan, not a stack, and name resources by address alone.
   */
  readonly terraformDocuments?: ReadonlyMap<string, 'plan' | 'state'>;
  /** How many resources were judged. */
  readonly resources: number;
  /** Template paths are shown relative to this directory. */
  readonly cwd: string;
  /** The line a finding's resource starts on in its template, by resource key. */
  readonly lines?: ReadonlyMap<string, number>;
  /** The options the Deadbolt checks of a CDK app recorded in its cloud assembly: shown, not applied. */
  readonly synthesizedWith?: readonly {
    readonly checker: string;
    readonly stacks: readonly string[];
    readonly suppressions: readonly string[];
    readonly record: OptionsRecord;
  }[];
}

/**
 * The summary's account of the suppressions a CDK app's checks ran with
 * (`Synthesized with: …`), or undefined when none suppressed anything.
 */
export function synthesizedWithLine(report: CheckReport): string | undefined {
  const parts = (report.synthesizedWith ?? [])
    .filter((s) => s.suppressions.length > 0)
    .map((s) => {
      const stacks = s.stacks.filter((x) => x !== 'validation-report.json');
      const where = stacks.length > 0 ? plural(stacks.length, 'stack') : 'its validation report';
      return `${s.checker} (${where}): ${s.suppressions.join('; ')}`;
    });
  if (parts.length === 0) return undefined;
  return (
    `Synthesized with: ${parts.join('. ')}. ` +
    'Not applied here: deadbolt check judges with its own options (--severity RULE=off, --min-retention DAYS, --non-production).'
  );
}

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  /** Findings covered by a valid acknowledgement. */
  readonly acknowledged: number;
  /** `info` findings that are not acknowledgements. */
  readonly notes: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  let errors = 0,
    warnings = 0,
    acknowledged = 0,
    notes = 0;
  for (const f of findings) {
    if (f.acknowledged) acknowledged++;
    else if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else notes++;
  }
  return { errors, warnings, acknowledged, notes };
}

/** The template a finding is in, relative to the working directory (`/` separators), or null. */
export function templateOf(finding: Finding, cwd: string): string | null {
  return finding.resource.template ? reportPath(finding.resource.template, cwd) : null;
}

/** What was checked, as the user gave it: `2 templates`, `1 plan`, `1 plan, 1 state`. */
export function inputsChecked(report: CheckReport): string {
  const parts: string[] = [];
  if (report.plans) parts.push(plural(report.plans, 'plan'));
  if (report.states) parts.push(plural(report.states, 'state'));
  if (report.templates || parts.length === 0) parts.unshift(plural(report.templates, 'template'));
  return parts.join(', ');
}

/** `3 errors, 1 warning, 2 acknowledged in 2 templates (41 resources)`; `… in 1 plan (6 resources)` for Terraform. */
export function summaryLine(report: CheckReport): string {
  const c = countFindings(report.findings);
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.acknowledged) parts.push(`${c.acknowledged} acknowledged`);
  if (c.notes) parts.push(plural(c.notes, 'note'));
  return `${parts.join(', ')} in ${inputsChecked(report)} (${plural(report.resources, 'resource')})`;
}
