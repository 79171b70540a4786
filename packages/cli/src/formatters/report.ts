import { plural, type Finding } from '@deadbolt/rules';
import { reportPath } from '../paths';

/** What `deadbolt check` found: the input of every findings formatter. */
export interface CheckReport {
  /** In the order the engine produced them (template by template). */
  readonly findings: readonly Finding[];
  /** How many templates (stacks, nested stacks, files) were checked. */
  readonly templates: number;
  /** How many resources were judged. */
  readonly resources: number;
  /** Template paths are shown relative to this directory. */
  readonly cwd: string;
  /** The line a finding's resource starts on in its template, by resource key. */
  readonly lines?: ReadonlyMap<string, number>;
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

/** `3 errors, 1 warning, 2 acknowledged in 2 templates (41 resources)` */
export function summaryLine(report: CheckReport): string {
  const c = countFindings(report.findings);
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.acknowledged) parts.push(`${c.acknowledged} acknowledged`);
  if (c.notes) parts.push(plural(c.notes, 'note'));
  return `${parts.join(', ')} in ${plural(report.templates, 'template')} (${plural(report.resources, 'resource')})`;
}
