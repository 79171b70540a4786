/** What `deadbolt plan` decided: the input of every gate formatter, and the helpers they share. */
import type { Decision, GateReport } from '@deadbolt/rules';
import { shellWord } from '../input/gate-inputs';

export interface GateOutput {
  readonly report: GateReport;
  /** The plan as the user named it (`plan.json`, `--before a --after b`). */
  readonly label: string;
  /** The arguments that name the plan again, for the suggested `deadbolt approve`. */
  readonly planArgs: readonly string[];
  /** The approvals file the suggested command writes to. */
  readonly approvalsFile: string;
  /** The plan file, relative to `cwd` when inside it, for SARIF locations. */
  readonly file?: string;
}

/** The type as written, with the CloudFormation type it was read as: `aws_db_instance (AWS::RDS::DBInstance)`. */
export function typeLabel(d: Decision): string {
  const c = d.change;
  if (c.part && c.type) return `${c.providerType} (part of ${c.type})`;
  if (!c.type) return d.data === 'unknown' ? `${c.providerType} (unknown type)` : c.providerType;
  return c.type === c.providerType ? c.type : `${c.providerType} (${c.type})`;
}

/** The command a human runs to approve a blocked change. */
export function approveCommand(output: GateOutput, d: Decision): string {
  return [
    'deadbolt approve',
    ...output.planArgs.map(shellWord),
    '--address', shellWord(d.change.address),
    '--action', d.approvalAction ?? 'delete',
    '--reason', "'<why losing this data is accepted>'",
    '--expires', '<YYYY-MM-DD>',
    '--sign',
    '--out', shellWord(output.approvalsFile),
  ].join(' ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 blocked, 1 approved, 6 let through (12 changes)` */
export function gateSummary(report: GateReport): string {
  return `${report.blocked.length} blocked, ${report.approved.length} approved, ${report.allowed.length} let through (${plural(report.plan.changes.length, 'change')})`;
}
