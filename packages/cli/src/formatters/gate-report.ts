/** What `deadbolt plan` decided: the input of every gate formatter, and the helpers they share. */
import { plural, type Decision, type GateReport } from '@deadbolt/rules';
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
  if (!c.type) {
    if (d.data === 'unknown') return `${c.providerType} (unknown type)`;
    return d.data === 'undecided' ? `${c.providerType} (undecided type)` : c.providerType;
  }
  if (d.data === 'undecided') return `${c.providerType} (undecided type)`;
  return c.type === c.providerType ? c.type : `${c.providerType} (${c.type})`;
}

/** How long the suggested approval lasts: long enough for a review, short enough that it cannot wait for another change. */
export const SUGGESTED_APPROVAL_DAYS = 7;

/**
 * The command a human runs to approve a blocked change: it runs as printed
 * (with the signing secret set), the reason being the one word left to write.
 * `npx` because the CLI is installed in the project, where a bare `deadbolt` is not on the PATH.
 * The expiry is a real date, `SUGGESTED_APPROVAL_DAYS` from `now` (UTC).
 */
export function approveCommand(output: GateOutput, d: Decision, now: Date = new Date()): string {
  const expires = new Date(now.getTime() + SUGGESTED_APPROVAL_DAYS * 86_400_000).toISOString().slice(0, 10);
  return [
    'npx deadbolt approve',
    ...output.planArgs.map(shellWord),
    '--address',
    shellWord(d.change.address),
    '--action',
    d.approvalAction ?? 'delete',
    '--reason',
    "'<why losing this data is accepted>'",
    '--expires',
    expires,
    '--sign',
    '--out',
    shellWord(output.approvalsFile),
  ].join(' ');
}

/** The command that runs the gate again with the approvals file the suggested `deadbolt approve` writes. */
export function rerunCommand(output: GateOutput): string {
  return ['npx deadbolt plan', ...output.planArgs.map(shellWord), '--approvals', shellWord(output.approvalsFile)].join(
    ' ',
  );
}

/** `2 blocked, 1 approved, 6 let through (12 changes)` */
export function gateSummary(report: GateReport): string {
  return `${report.blocked.length} blocked, ${report.approved.length} approved, ${report.allowed.length} let through (${plural(report.plan.changes.length, 'change')})`;
}
