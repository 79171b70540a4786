/**
 * The gate's human report: a table of the blocked changes (address, type,
 * action, why it loses data) with the command that approves each, then the
 * approved ones, the allowed ones worth a note, and a summary line.
 */
import { plural, type Decision } from '@deadbolt/rules';
import { approveCommand, gateSummary, rerunCommand, typeLabel, type GateOutput } from './gate-report';

export interface GateTextOptions {
  /** ANSI colors. @default false */
  readonly color?: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, bold: 1, dim: 2 } as const;

function painter(color: boolean) {
  return (style: keyof typeof ANSI, text: string): string => (color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
}

/** Rows padded into columns; the last column is not padded. */
function table(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    indent + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

function actionLabel(d: Decision): string {
  const c = d.change;
  if (c.action === 'replace' && c.conditional) return 'replace?';
  return d.approvalAction ?? c.action;
}

export function formatGateText(output: GateOutput, options: GateTextOptions = {}): string {
  const paint = painter(options.color === true);
  const { report } = output;
  const out: string[] = [];
  out.push(
    `${paint('bold', output.label)}: ${report.plan.description}, ${plural(report.plan.changes.length, 'change')}`,
  );

  if (report.blocked.length) {
    out.push('', paint('red', `Blocked: ${plural(report.blocked.length, 'change')} would lose data`));
    const rows = report.blocked.map((d) => [d.change.address, typeLabel(d), actionLabel(d), d.reasons.join(' ')]);
    const lines = table(['ADDRESS', 'TYPE', 'ACTION', 'WHY IT LOSES DATA'], rows);
    out.push(lines[0]);
    report.blocked.forEach((d, i) => {
      out.push(lines[i + 1]);
      for (const r of d.refusals) out.push(`      ${paint('yellow', 'approval refused:')} ${r}`);
      out.push(`      ${paint('dim', 'approve:')} ${approveCommand(output, d)}`);
    });
  }
  if (report.approved.length) {
    out.push('', paint('cyan', `Approved: ${plural(report.approved.length, 'change')}`));
    const rows = report.approved.map((d) => {
      const a = d.approval;
      const by = a.approvedBy ? ` by ${a.approvedBy}` : '';
      return [
        d.change.address,
        typeLabel(d),
        actionLabel(d),
        `${a.reason} (approved${by} until ${a.expires}; signature ${d.signatureCheck})`,
      ];
    });
    out.push(...table(['ADDRESS', 'TYPE', 'ACTION', 'APPROVAL'], rows));
  }
  const noted = report.allowed.filter((d) => d.note);
  if (noted.length) {
    out.push('', paint('green', `Let through, for the record: ${plural(noted.length, 'change')}`));
    out.push(
      ...table(
        ['ADDRESS', 'TYPE', 'ACTION', 'WHY IT IS SAFE'],
        noted.map((d) => [d.change.address, typeLabel(d), d.change.action, d.note!]),
      ),
    );
  }
  out.push('');
  const verdict = report.blocked.length ? paint('red', 'BLOCKED') : paint('green', 'PASSED');
  out.push(`${verdict}: ${gateSummary(report)}.`);
  if (report.blocked.length) {
    out.push(
      paint(
        'dim',
        `A human approves a change with the command under it, after writing the reason (the signing secret is in DEADBOLT_APPROVAL_SECRET); \`${rerunCommand(output)}\` then lets exactly that change through.`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
